"""The frame of the application: start-up, the main window, Home, locking, single instance, crash
reports.
"""
