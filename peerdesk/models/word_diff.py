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
    before the added one; neighbouring pieces of the same kind are merged, and a space that two
    changes happen to share is counted into them (so "Left out" → "Second title" reads as one
    change, not two around a kept space)."""
    a, b = tokens(old), tokens(new)
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    groups: list[tuple[bool, str, str]] = []  # (changed, old text, new text)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        groups.append((op != "equal", "".join(a[i1:i2]), "".join(b[j1:j2])))
    folded: list[tuple[bool, str, str]] = []
    for index, (is_change, was, now) in enumerate(groups):
        between = 0 < index < len(groups) - 1 and groups[index - 1][0] and groups[index + 1][0]
        if not is_change and between and was.isspace():
            is_change = True
        if is_change and folded and folded[-1][0]:
            _flag, old_run, new_run = folded[-1]
            folded[-1] = (True, old_run + was, new_run + now)
        else:
            folded.append((is_change, was, now))
    pieces: list[Piece] = []

    def add(change: Change, text: str) -> None:
        if not text:
            return
        if pieces and pieces[-1].change is change:
            pieces[-1] = Piece(change, pieces[-1].text + text)
        else:
            pieces.append(Piece(change, text))

    for is_change, was, now in folded:
        if is_change:
            add(Change.REMOVED, was)
            add(Change.ADDED, now)
        else:
            add(Change.KEPT, was)
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
