"""Pieces every feature uses: item models, date field, chart, notices, theme, icons, file dialogs,
messages, workers, preferences and the session.
"""
