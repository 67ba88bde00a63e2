"""Finding people's names inside free text, however they are spelled (issue 19, item 4).

One matcher serves the report (names a profile shortens are replaced wherever they appear)
and the report preview (every name still on the pages is marked). Given the cast list's names,
:class:`NameMatcher` finds, as whole words only:

- the full name, with any separators between its parts: spaces (also non-breaking and other
  Unicode spaces), line breaks, hyphens and dashes, apostrophes, underscores, zero-width
  spaces, joiners and soft hyphens, or nothing at all;
- any part of it (the given name alone, the surname alone, each half of a hyphenated name,
  "O'Brien" or "van Dyke" out of a longer name) of :data:`MIN_PART_LETTERS` letters or more,
  except name particles and titles such as "van", "de", "Mrs" or "Dr" alone
  (:data:`PARTICLES`);
- in any case, with accents and other marks folded away (NFKD, combining marks dropped,
  casefolded), so "ELÉNI" matches "Eleni".

"Ann" is not found inside "Annual" (whole words only). Parts shorter than three letters
("Li", "Wu", an initial) are found only as part of the full name. Names not in the list
(a nickname nobody entered) cannot be found. Pure standard library.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

#: A name part needs at least this many letters or digits to be found on its own.
MIN_PART_LETTERS = 3
#: Name particles and titles: never found on their own (they are everyday words in many
#: languages, or shared by many people).
PARTICLES = frozenset(
    {
        "al",
        "bin",
        "da",
        "das",
        "de",
        "del",
        "della",
        "den",
        "der",
        "des",
        "di",
        "do",
        "dos",
        "du",
        "el",
        "ibn",
        "la",
        "le",
        "les",
        "mac",
        "st",
        "te",
        "ten",
        "ter",
        "van",
        "von",
        "zu",
        "dame",
        "dr",
        "miss",
        "mr",
        "mrs",
        "ms",
        "mx",
        "prof",
        "rev",
        "sir",
    }
)
# Between the parts of a name: white space, hyphens and dashes, apostrophes, underscore.
_SEPARATORS = (
    "\\s\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
    "\\-\u2010-\u2015\u2212\u2e3a\u2e3b\ufe58\ufe63\uff0d"
    "'`\u00b4\u02b9\u02bb\u02bc\u02bd\u2018\u2019\u201b\u2032\uff07_"
)
_SEP = f"[{_SEPARATORS}]"
# Letters/digits after folding; anything else bounds a word.
_BEFORE = r"(?<![^\W_])"
_AFTER = r"(?![^\W_])"


def _is_mark(char: str) -> bool:
    return unicodedata.category(char) in ("Mn", "Mc", "Me")


def _is_format(char: str) -> bool:
    """Zero-width space, joiners, word joiner, soft hyphen, byte-order mark and the like."""
    return unicodedata.category(char) == "Cf"


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    """One character folded: NFKD, combining marks dropped, casefolded (may be empty or
    longer than one character)."""
    out: list[str] = []
    for part in unicodedata.normalize("NFKD", char):
        if not _is_mark(part):
            out.extend(f for f in part.casefold() if not _is_mark(f))
    return "".join(out)


def fold(text: str, *, drop_format: bool = False) -> tuple[str, list[int]]:
    """``text`` folded for matching (NFKD, combining marks dropped, casefolded), and for
    every folded character the index of the character of ``text`` it came from. Invisible
    format characters become a space, or are dropped with ``drop_format``."""
    if text.isascii():
        return text.lower(), list(range(len(text)))
    out: list[str] = []
    where: list[int] = []
    for index, char in enumerate(text):
        if char.isascii():
            out.append(char.lower())
            where.append(index)
            continue
        if _is_format(char):
            if not drop_format:
                out.append(" ")
                where.append(index)
            continue
        folded = _fold_char(char)
        out.append(folded)
        where.extend([index] * len(folded))
    return "".join(out), where


def name_parts(name: str) -> list[str]:
    """The folded parts of ``name`` (runs of letters and digits)."""
    folded, _where = fold(name, drop_format=True)
    return [p for p in re.split(r"[\W_]+", folded) if p]


def looks_like_initials(name: str) -> bool:
    """``K. O.``, ``KO``, ``J``: nothing here to find in text (it is already short)."""
    parts = name_parts(name)
    return (
        not parts
        or all(len(p) == 1 for p in parts)
        or (len(parts) == 1 and len(parts[0]) < MIN_PART_LETTERS)
    )


def _pieces(name: str) -> list[str]:
    """The folded name split into parts (even indices; the first and last may be empty) and
    the punctuation and spaces between them (odd indices)."""
    folded, _where = fold(name, drop_format=True)
    return re.split(r"([\W_]+)", folded.strip())


def _run_pattern(pieces: list[str], first: int, last: int) -> str:
    """The parts ``pieces[first]`` to ``pieces[last]`` in order with any separators (or none)
    between them; the name's own punctuation is allowed where it stands, and at either end
    of the name its leading or trailing punctuation."""
    out: list[str] = []
    if first == 2 and pieces[0] == "" and pieces[1].strip():
        out.append(f"(?:{re.escape(pieces[1].strip())})?")
    for index in range(first, last + 1):
        piece = pieces[index]
        if index % 2 == 0:
            out.append(re.escape(piece))
            continue
        own = "".join(sorted({re.escape(c) for c in piece if not c.isspace()}))
        out.append(f"(?:{_SEP}|[{own}])*" if own else f"{_SEP}*")
    if last == len(pieces) - 3 and pieces[-1] == "" and pieces[-2].strip():
        out.append(f"(?:{re.escape(pieces[-2].strip())})?")
    return "".join(out)


@dataclass(frozen=True, slots=True)
class NameSpan:
    """``text[start:end]`` names someone. ``names`` are the listed names it may belong to;
    ``whole`` is true when it is a full name, false when it is one part of a name."""

    start: int
    end: int
    names: tuple[str, ...]
    whole: bool


class NameMatcher:
    """Finds the listed names (and their parts) in text; see the module's notes."""

    def __init__(self, names: Iterable[str]) -> None:
        self.names: tuple[str, ...] = tuple(
            dict.fromkeys(" ".join(n.split()) for n in names if n and n.strip())
        )
        self._whole: dict[str, list[str]] = {}  # folded parts joined -> names
        self._part: dict[str, list[str]] = {}  # one folded part -> names
        patterns: list[str] = []
        for name in self.names:
            if looks_like_initials(name):
                continue
            pieces = _pieces(name)
            at = [i for i in range(0, len(pieces), 2) if pieces[i]]
            for x, first in enumerate(at):
                for last in at[x:]:
                    run = pieces[first : last + 1 : 2]
                    key = "".join(run)
                    whole = first == at[0] and last == at[-1] and len(at) > 1
                    if not whole and (
                        len(key) < MIN_PART_LETTERS
                        or all(p in PARTICLES or len(p) < 2 for p in run)
                    ):
                        continue  # too short, or only particles, to be found alone
                    if key not in self._whole and key not in self._part:
                        patterns.append(_run_pattern(pieces, first, last))
                    (self._whole if whole else self._part).setdefault(key, []).append(name)
        # Longer alternatives first, so a full name wins over its first part.
        patterns.sort(key=len, reverse=True)
        self._regex = re.compile(f"{_BEFORE}(?:{'|'.join(patterns)}){_AFTER}") if patterns else None

    def __bool__(self) -> bool:
        return self._regex is not None

    def _find(self, text: str, drop_format: bool) -> list[NameSpan]:
        assert self._regex is not None
        folded, where = fold(text, drop_format=drop_format)
        found = []
        for match in self._regex.finditer(folded):
            key = "".join(re.findall(r"[^\W_]+", match.group()))
            whole = key in self._whole
            names = [*self._whole.get(key, ()), *self._part.get(key, ())]
            start = where[match.start()]
            end = where[match.end() - 1] + 1
            while end < len(text) and _is_mark(text[end]):
                end += 1  # a trailing combining mark belongs to the name
            found.append(NameSpan(start, end, tuple(dict.fromkeys(names)), whole))
        return found

    def spans(self, text: str) -> list[NameSpan]:
        """Every place in ``text`` that names a listed person, in order, not overlapping."""
        if self._regex is None or not text:
            return []
        found = self._find(text, drop_format=False)
        if not text.isascii() and any(_is_format(c) for c in text):
            # Also read invisible characters as nothing ("Pa\u200bpadopoulou").
            found += self._find(text, drop_format=True)
        found.sort(key=lambda s: (s.start, -(s.end - s.start)))
        merged: list[NameSpan] = []
        for span in found:
            if merged and span.start < merged[-1].end:
                last = merged[-1]
                best = max(last, span, key=lambda s: (s.whole, s.end - s.start))
                merged[-1] = NameSpan(last.start, max(last.end, span.end), best.names, best.whole)
            else:
                merged.append(span)
        return merged


__all__ = [
    "MIN_PART_LETTERS",
    "PARTICLES",
    "NameMatcher",
    "NameSpan",
    "fold",
    "looks_like_initials",
    "name_parts",
]
