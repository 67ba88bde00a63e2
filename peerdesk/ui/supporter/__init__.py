"""Peer-supporter notes: colleagues, conversations, follow-ups, retention, statistics and what I
hold.
"""
