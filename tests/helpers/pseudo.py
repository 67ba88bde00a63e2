"""Recognising the pseudo-language (``peerdesk.i18n.PSEUDO``) in what a test reads back.

Every message in it reads ``[Ŝàvé éñţŕý ~~~~~]``: bracketed, accented and padded with ``~``,
with its placeholders filled. The ``pseudo`` fixture that switches to it is in
``tests/conftest.py``.
"""

from __future__ import annotations


def is_pseudo(text: str) -> bool:
    """Whether ``text`` is one pseudo-translated message with its placeholders filled."""
    text = text.strip()
    return text.startswith("[") and text.endswith("]") and "~" in text and "{" not in text


def holds_pseudo(text: str) -> bool:
    """Whether ``text`` holds a pseudo-translated message (markup may surround it)."""
    return "[" in text and "~" in text
