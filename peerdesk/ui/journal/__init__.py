"""The incident journal: the list, the entry editor, history of changes, people (cast) and
patterns.
"""
