"""Dates and times kept in their order inside a sentence of a right-to-left layout.

In a right-to-left paragraph (Arabic) the bidirectional algorithm reorders neutral characters
around digits: "14:05" next to Arabic words, or "3 Mar – 5 Mar", can come out in the wrong order.
Wrapping the date part in Unicode isolates (U+2068 FIRST STRONG ISOLATE ... U+2069 POP
DIRECTIONAL ISOLATE) makes it one unit laid out by its own first strong character, so it reads
as written. The isolates are invisible and take no width.

They are added only when the text is read right to left (the language in force is written right
to left, or the application's layout is): a left-to-right text stays exactly as it was, so a
copy of it, and what the English screens show, hold no invisible characters.
"""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication

from peerdesk.i18n import is_right_to_left

FSI = "\u2068"
PDI = "\u2069"


def right_to_left() -> bool:
    """Whether text is laid out right to left now (the language, or the application's layout)."""
    if is_right_to_left():
        return True
    return QGuiApplication.instance() is not None and QGuiApplication.isRightToLeft()


def isolate(text: str, *, force: bool = False) -> str:
    """``text`` (a date, a time, a date range) as one isolated run under a right-to-left
    layout (or always, with ``force``); "" stays ""."""
    if not text or not (force or right_to_left()):
        return text
    if text.startswith(FSI) and text.endswith(PDI):
        return text
    return f"{FSI}{text}{PDI}"


def strip_isolates(text: str) -> str:
    """``text`` without the isolate marks (for a comparison or a plain-text copy)."""
    return text.replace(FSI, "").replace(PDI, "")


__all__ = ["FSI", "PDI", "isolate", "right_to_left", "strip_isolates"]
