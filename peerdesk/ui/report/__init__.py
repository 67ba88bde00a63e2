"""The PDF report: the dialog, what goes in, the profile editor, preview, receipt and PDF options.
"""
