"""A gentle wording check for peer-supporter notes (REPORTING.md, "Peer supporter notes").

Peer supporters keep operational logs, not clinical charts. :func:`check_wording` points out
words that turn a note into one: diagnostic or clinical labels ("depressed", "bipolar",
"PTSD"), judgements of character ("lazy", "hysterical", "drama queen") and special-category
details (health specifics, sexuality, religion, union membership) that should be written down
only when the colleague asked for it. Each hint carries a warm, strengths-based suggestion.

It **advises; it never blocks**: the caller shows the hints and saves regardless. The check
never raises, whatever it is given.

Matching rules (tested in ``tests/models/test_wording.py``):

- Whole words only, case-insensitive: "therapist" does not contain "the rapist", "psycho"
  does not fire inside "psychologist", "lazy" does not fire inside "glazy".
- Hyphens and spaces are interchangeable inside a phrase ("attention-seeking",
  "attention seeking"); several spaces or a line break between its words still match.
- Where two terms overlap the longer, earlier one wins ("bipolar disorder" is one hint).
- The check cannot tell an idiom from a label. "A crazy busy week" **does** get a hint:
  the suggestion says so ("if it describes a situation, 'very busy' says it plainly"). A
  hint the writer decides to ignore costs nothing; a label about a person that slips into a
  note the colleague may one day read costs trust.
- "Union" on its own is not flagged (signposting to a union is a referral, not membership);
  "union member", "member of the union" and "joined the union" are. "Anxious" and "anxiety"
  on their own are not flagged (they describe a feeling); "anxiety disorder" is.
- At most :data:`MAX_HINTS` hints are returned (a pasted 10 MB text must not produce a
  million of them), in the order they occur.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Final

from peerdesk.i18n import N_, _
from peerdesk.models.wording_terms import TERMS as _TERMS
from peerdesk.models.wording_terms import HintKind

#: The most hints one call returns.
MAX_HINTS: Final = 200

#: Msgids marked with ``N_``: :func:`kind_label` translates them.
KIND_LABELS: Final[dict[HintKind, str]] = {
    # translators: the kinds of wording hint shown beside a word in a peer supporter's note
    "diagnostic": N_("Clinical label"),
    # translators: the kinds of wording hint shown beside a word in a peer supporter's note
    "judgemental": N_("Judgement of character"),
    # translators: the kinds of wording hint shown beside a word in a peer supporter's note
    "special_category": N_("Sensitive detail"),
}


@dataclass(frozen=True, slots=True)
class WordingHint:
    """One flagged term. ``start``/``end`` index ``text`` (Python string positions, so
    ``text[start:end] == term``); ``term`` is the text as written."""

    start: int
    end: int
    term: str
    kind: HintKind
    suggestion: str


_SEPARATOR = r"[\s\-\u2010\u2011]+"
_SEPARATORS = re.compile(_SEPARATOR)


def _trie_pattern(phrases: list[str]) -> str:
    """One regular expression for every phrase, shaped as a trie so a position costs a few
    character comparisons, not one per phrase. Longer phrases win (greedy optional tails)."""
    root: dict[str, Any] = {}
    for phrase in phrases:
        node = root
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        alternatives = [
            (_SEPARATOR if char == " " else re.escape(char)) + build(child)
            for char, child in sorted(node.items())
            if char
        ]
        if not alternatives:
            return ""
        body = alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(root)


def _compile() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, tuple[HintKind, str]]]:
    meaning: dict[str, tuple[HintKind, str]] = {}
    for phrases, kind, suggestion in _TERMS:
        for phrase in phrases:
            meaning[phrase] = (kind, suggestion)
    body = _trie_pattern(sorted(meaning))
    # Whole words: no letter, digit or underscore of any script on either side.
    pattern = r"\b(?:" + body + r")\b"
    return re.compile(pattern), re.compile(pattern, re.IGNORECASE), meaning


_LOWER_PATTERN, _ANY_CASE_PATTERN, _MEANING = _compile()


def _lowered(text: str) -> str | None:
    """``text`` in lower case with every position unchanged, or None if lowering would move
    positions (a character whose lower case is two characters)."""
    lowered = text.lower()
    return lowered if len(lowered) == len(text) else None


def check_wording(text: object) -> list[WordingHint]:
    """Hints for ``text``, in order of appearance (at most :data:`MAX_HINTS`).

    Anything that is not a string gives no hints. Never raises.
    """
    if not isinstance(text, str) or not text:
        return []
    hints: list[WordingHint] = []
    try:
        lowered = _lowered(text)
        matches = (
            _LOWER_PATTERN.finditer(lowered)
            if lowered is not None
            else _ANY_CASE_PATTERN.finditer(text)
        )
        for match in matches:
            start, end = match.span()
            key = _SEPARATORS.sub(" ", match.group(0).lower())
            found = _MEANING.get(key)
            if found is None:  # pragma: no cover - the pattern only matches listed phrases
                continue
            kind, suggestion = found
            # the suggestion is a msgid: shown in the language in force (at most MAX_HINTS)
            hints.append(WordingHint(start, end, text[start:end], kind, _(suggestion)))
            if len(hints) >= MAX_HINTS:
                break
    except Exception:  # advice must never break saving
        return hints
    return hints


def kind_label(kind: HintKind) -> str:
    """Words for a hint's kind, for the UI, in the language in force."""
    label = KIND_LABELS.get(kind)
    if label is not None:
        return _(label)
    # translators: the kind of a wording hint when it is not one of the known kinds
    return _("Wording")


def listed_phrases() -> dict[str, HintKind]:
    """Every listed phrase and its kind (for tests and documentation)."""
    return {phrase: kind for phrase, (kind, _s) in _MEANING.items()}


__all__ = [
    "KIND_LABELS",
    "MAX_HINTS",
    "HintKind",
    "WordingHint",
    "check_wording",
    "kind_label",
    "listed_phrases",
]
