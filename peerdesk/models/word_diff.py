"""What changed between two texts, word by word (Qt-free; the history of changes shows it).

The texts are cut into tokens — runs of word characters, runs of white space, and single other
characters — so that joining the pieces of one side gives that text back exactly, white space
and line breaks included. :func:`word_diff` returns pieces in reading order, each kept, added
or removed; :func:`before` and :func:`after` join them back into each side.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from enum import Enum

_TOKEN = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)


class Change(Enum):
    KEPT = "kept"
    ADDED = "added"
    REMOVED = "removed"


@dataclass(frozen=True)
class Piece:
    """A run of text that is the same on both sides, only in the newer text, or only in the
    older one."""

    change: Change
    text: str


def tokens(text: str) -> list[str]:
    """``text`` cut into words, white-space runs and single other characters (lossless)."""
    return _TOKEN.findall(text)


def word_diff(old: str, new: str) -> list[Piece]:
    """The pieces that turn ``old`` into ``new``: where a run changed, the removed piece comes
    before the added one; neighbouring pieces of the same kind are merged."""
    a, b = tokens(old), tokens(new)
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    pieces: list[Piece] = []

    def add(change: Change, parts: list[str]) -> None:
        text = "".join(parts)
        if not text:
            return
        if pieces and pieces[-1].change is change:
            pieces[-1] = Piece(change, pieces[-1].text + text)
        else:
            pieces.append(Piece(change, text))

    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            add(Change.KEPT, a[i1:i2])
        else:
            add(Change.REMOVED, a[i1:i2])
            add(Change.ADDED, b[j1:j2])
    return pieces


def before(pieces: list[Piece]) -> str:
    """The older text, from the pieces."""
    return "".join(p.text for p in pieces if p.change is not Change.ADDED)


def after(pieces: list[Piece]) -> str:
    """The newer text, from the pieces."""
    return "".join(p.text for p in pieces if p.change is not Change.REMOVED)


def changed(pieces: list[Piece]) -> bool:
    return any(p.change is not Change.KEPT for p in pieces)


__all__ = ["Change", "Piece", "after", "before", "changed", "tokens", "word_diff"]
