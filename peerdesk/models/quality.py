"""The record-quality check run when an incident is saved (REPORTING.md, "Incident fields").

It names, gently, what a reader of the record (HR, a union representative, a lawyer) would
look for and does not find yet: exact words, witnesses, impact, who the user told, reports.
It also points at opinion or label words in the narrative ("he's a psycho", "she always ...")
with a neutral alternative, because a record of what was done and said is more credible than
a judgement of character. It advises; it never blocks saving and never raises.

Witnesses: there is no field for "nobody else was there", so an explicit none is recognised
from the narrative ("no witnesses", "nobody else was there", "we were alone", ...).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from peerdesk.i18n import N_, _
from peerdesk.models.incident import Incident


@dataclass(frozen=True, slots=True)
class Missing:
    """Something a reader would look for. ``field`` is the Incident attribute it belongs to."""

    field: str
    message: str


@dataclass(frozen=True, slots=True)
class OpinionHint:
    """An opinion or label word in the narrative: ``narrative[start:end] == word``."""

    start: int
    end: int
    word: str
    alternative: str


@dataclass(frozen=True, slots=True)
class QualityReport:
    missing: list[Missing] = field(default_factory=list)
    opinion_words: list[OpinionHint] = field(default_factory=list)

    @property
    def is_complete(self) -> bool:
        """Nothing to suggest."""
        return not self.missing and not self.opinion_words

    def missing_fields(self) -> list[str]:
        return [m.field for m in self.missing]


# -- what is missing ----------------------------------------------------------------------------
# Msgids marked with ``N_``; a Missing carries its message translated when the check runs.

# translators: a suggestion about a journal entry; it starts with the name of a part of the entry
NARRATIVE_MESSAGE = N_(
    "What happened: a few plain sentences, in the order things happened, help anyone who "
    "reads this later."
)
# translators: a suggestion about a journal entry; it starts with the name of a part of the entry
QUOTES_MESSAGE = N_(
    "Exact words: if you remember what was said, add it as a quote with who said it. "
    "Even one sentence, word for word, carries weight."
)
# translators: a suggestion about a journal entry; it starts with the name of a part of the entry
WITNESSES_MESSAGE = N_(
    "Witnesses: was anyone else there, or on the call or email? If nobody was, you can say "
    'so in "What happened" (for example "nobody else was there").'
)
# translators: a suggestion about a journal entry; it starts with the name of a part of the entry
IMPACT_MESSAGE = N_(
    "Impact: how this affected you — sleep, health, your work, life at home — helps show "
    "why it matters."
)
# translators: a suggestion about a journal entry; it starts with the name of a part of the entry
TOLD_MESSAGE = N_(
    "Who you told: if you told a friend, colleague or family member afterwards, note who "
    "and when. They may be able to confirm it later."
)
# translators: a suggestion about a journal entry; it starts with the name of a part of the entry
REPORTS_MESSAGE = N_(
    "Reports: not reported, which is your choice. If you do report it — to a manager, HR, "
    "a union — you can add to whom and when."
)

# An explicit "nobody else saw it", written in the narrative.
_NO_WITNESS_RE = re.compile(
    r"\b(?:no witness(?:es)?|there were no witnesses|no one else (?:was|saw|heard)"
    r"|nobody else (?:was|saw|heard)|no-one else (?:was|saw|heard)|no one saw|nobody saw"
    r"|no one heard|nobody heard|we were alone|i was alone with|just the two of us"
    r"|only the two of us)\b",
    re.IGNORECASE,
)


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _has_items(value: object) -> bool:
    return isinstance(value, list | tuple) and len(value) > 0


def _impact_empty(incident: Incident) -> bool:
    impact = getattr(incident, "impact", None)
    if impact is None:
        return True
    texts = ("emotional", "physical", "work", "home", "sought_help")
    if any(_text(getattr(impact, name, "")).strip() for name in texts):
        return False
    return getattr(impact, "sought_help_date", None) is None


def _missing(incident: Incident) -> list[Missing]:
    narrative = _text(getattr(incident, "narrative", ""))
    found: list[Missing] = []
    if not narrative.strip():
        found.append(Missing("narrative", _(NARRATIVE_MESSAGE)))
    if not _has_items(getattr(incident, "quotes", None)):
        found.append(Missing("quotes", _(QUOTES_MESSAGE)))
    if not _has_items(getattr(incident, "witnesses", None)) and not _NO_WITNESS_RE.search(
        narrative
    ):
        found.append(Missing("witnesses", _(WITNESSES_MESSAGE)))
    if _impact_empty(incident):
        found.append(Missing("impact", _(IMPACT_MESSAGE)))
    if not _has_items(getattr(incident, "told", None)):
        found.append(Missing("told", _(TOLD_MESSAGE)))
    if not _has_items(getattr(incident, "reports", None)):
        found.append(Missing("reports", _(REPORTS_MESSAGE)))
    return found


# -- opinion and label words ---------------------------------------------------------------------

# translators: a neutral alternative shown beside an opinion word ("psycho", "always") the
# person wrote; lower case
_LABEL = N_("describe what they did or said, rather than a label")
# translators: a neutral alternative shown beside an opinion word ("psycho", "always") the
# person wrote; lower case
_DIAGNOSIS = N_("describe what they did or said; a reader may doubt a diagnosis from a colleague")
# translators: a neutral alternative shown beside an opinion word ("psycho", "always") the
# person wrote; lower case
_CHARACTER = N_("describe what they did or said, and let the reader judge")
# translators: a neutral alternative shown beside an opinion word ("psycho", "always") the
# person wrote; lower case
_BULLY = N_("describe the behaviour: what they did or said, and when")
# translators: a neutral alternative shown beside an opinion word ("psycho", "always") the
# person wrote; lower case
_LIAR = N_("write what they said and what actually happened, side by side")
# translators: a neutral alternative shown beside an opinion word ("psycho", "always") the
# person wrote; lower case
_ALWAYS = N_('give dates or how often (for example "three times since May")')
# translators: a neutral alternative shown beside an opinion word ("psycho", "always") the
# person wrote; lower case
_FEELING = N_("describe what they did that made you feel this way")
# translators: a neutral alternative shown beside an opinion word ("psycho", "always") the
# person wrote; lower case
_OBVIOUS = N_("say what you saw or heard that showed it")

#: (pattern, alternative). Patterns are matched whole-word, case-insensitively; they are the
#: English words the check finds in what the user wrote (other languages are not checked yet),
#: the alternative an ``N_`` msgid translated when a hint is made.
OPINION_PATTERNS: tuple[tuple[str, str], ...] = (
    (r"psycho(?:path)?s?", _DIAGNOSIS),
    (r"sociopaths?", _DIAGNOSIS),
    (r"narcissists?|narcissistic", _DIAGNOSIS),
    (r"crazy|insane|unhinged", _LABEL),
    (r"bull(?:y|ies|ied|ying)", _BULLY),
    (r"evil|wicked|vile|monsters?|toxic|nasty|horrible|disgusting", _CHARACTER),
    (r"idiots?|morons?|stupid|useless|pathetic", _CHARACTER),
    (r"liars?|lying", _LIAR),
    (r"always|never|constantly|all the time|every single time", _ALWAYS),  # i18n: keep
    (
        r"hates me|has it in for me|is out to get me|out to get me|wants me gone",  # i18n: keep
        _FEELING,
    ),
    (r"obviously", _OBVIOUS),
)

_OPINION_RE = re.compile(
    "|".join(
        f"(?P<g{i}>\\b(?:{pattern})\\b)" for i, (pattern, _alt) in enumerate(OPINION_PATTERNS)
    ),
    re.IGNORECASE,
)


def find_opinion_words(text: str) -> list[OpinionHint]:
    """Every opinion or label word in ``text``, in order, with a neutral alternative."""
    hints: list[OpinionHint] = []
    if not isinstance(text, str):
        return hints
    for match in _OPINION_RE.finditer(text):
        group = match.lastgroup or ""
        index = int(group[1:]) if group.startswith("g") and group[1:].isdigit() else -1
        alternative = OPINION_PATTERNS[index][1] if 0 <= index < len(OPINION_PATTERNS) else _LABEL
        hints.append(OpinionHint(match.start(), match.end(), match.group(0), _(alternative)))
    return hints


def check_quality(incident: Incident) -> QualityReport:
    """What a reader would look for and not find, and opinion words in the narrative.

    Never raises: on anything unexpected it returns what it could work out (an empty report
    at worst), because the check must never stand between the user and a save.
    """
    try:
        missing = _missing(incident)
    except Exception:  # advice only: never block a save
        missing = []
    try:
        hints = find_opinion_words(_text(getattr(incident, "narrative", "")))
    except Exception:
        hints = []
    return QualityReport(missing=missing, opinion_words=hints)


__all__ = [
    "OPINION_PATTERNS",
    "Missing",
    "OpinionHint",
    "QualityReport",
    "check_quality",
    "find_opinion_words",
]
