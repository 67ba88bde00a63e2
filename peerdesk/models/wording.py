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
from typing import Any, Final, Literal

HintKind = Literal["diagnostic", "judgemental", "special_category"]

#: The most hints one call returns.
MAX_HINTS: Final = 200

KIND_LABELS: Final[dict[HintKind, str]] = {
    "diagnostic": "Clinical label",
    "judgemental": "Judgement of character",
    "special_category": "Sensitive detail",
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


# -- suggestions ---------------------------------------------------------------------------------

_FEELING_LOW = (
    "Describe what you noticed or what they said, e.g. 'said they have been feeling low "
    "for a few weeks'. A diagnosis is theirs and their doctor's to name."
)
_CLINICAL = (
    "A clinical label is for a doctor to give. Note what they told you in their own words, "
    "e.g. 'said they find it hard to switch off after work', and any support you signposted."
)
_ANXIETY = (
    "Note what they described, e.g. 'said they feel on edge before team meetings', rather "
    "than a diagnosis."
)
_TRAUMA = (
    "Write what they shared about how it affects them, e.g. 'said they keep thinking about "
    "the meeting', rather than a diagnosis."
)
_RISK = (
    "If they spoke of harming themselves or ending their life, note what they said, in "
    "their words, and the support you signposted (e.g. a crisis line) — and follow your "
    "programme's safeguarding steps."
)
_PERSON_LABEL = (
    "Describe the behaviour, not the person: what was said or done, when, and how it "
    "affected your colleague, e.g. 'manager took credit for their work in the meeting'."
)
_CRAZY = (
    "If this describes a person, describe what they said or did instead. If it describes a "
    "situation (e.g. 'a crazy week'), 'very busy' or 'overwhelming' says it plainly."
)
_HYSTERICAL = (
    "Describe what you saw and heard, e.g. 'was very upset and crying', and acknowledge "
    "how much it mattered to them."
)
_LAZY = (
    "Describe what happened rather than a trait, e.g. 'said they have struggled to keep up "
    "with the new targets' — and note what helps them."
)
_SEEKING = (
    "Try describing the need behind it, e.g. 'wanted their manager to know how hard things "
    "have been'."
)
_SENSITIVE_FEELINGS = (
    "Strong feelings make sense in a hard situation. Describe what they said or how they "
    "reacted, e.g. 'was upset that the comment was repeated', rather than a judgement."
)
_INSULT = (
    "Keep notes factual and kind: write what was said or done, and leave the verdict out. "
    "Your colleague may read these notes one day."
)
_HEALTH = (
    "A health detail is sensitive. Write it down only if your colleague asked you to; "
    "otherwise 'mentioned a health matter affecting work' is enough."
)
_MEDICATION = (
    "Details of treatment or medication are sensitive. Record them only if your colleague "
    "asked you to; 'mentioned they are getting support from their GP' is usually enough."
)
_DISABILITY = (
    "This is sensitive health information. Record it only if your colleague asked you to, "
    "and focus on what helps them at work, e.g. 'asked about adjustments to their desk'."
)
_PREGNANCY = (
    "Pregnancy is sensitive personal information. Record it only if your colleague asked "
    "you to; 'discussed a change in personal circumstances' is enough otherwise."
)
_RELIGION = (
    "Religion or belief is sensitive. Leave it out unless your colleague asked for it to be "
    "noted, e.g. because it is part of what they are being treated unfairly for."
)
_SEXUALITY = (
    "Sexual orientation and gender identity are sensitive. Leave them out unless your "
    "colleague asked for them to be noted, e.g. because they relate to how they are treated."
)
_UNION = (
    "Union membership is sensitive. Note it only if your colleague asked you to; "
    "signposting to the union can be noted as a referral instead."
)
_SUBSTANCE = (
    "Avoid labels about drinking or drug use. Note only what your colleague chose to share "
    "and asked you to record, in their words."
)

# -- the list --------------------------------------------------------------------------------------
# Whole phrases in lower case. A space inside a phrase stands for any run of spaces, line breaks
# or hyphens, so "attention seeking" also finds "attention-seeking" and "attention  seeking".
# Write every form that should be flagged (plurals, -ed/-ing); nothing is guessed.

_TERMS: Final[tuple[tuple[tuple[str, ...], HintKind, str], ...]] = (
    # -- diagnostic or clinical labels --
    (
        (
            "depressed",
            "depression",
            "depressive",
            "clinically depressed",
            "severely depressed",
            "clinical depression",
        ),
        "diagnostic",
        _FEELING_LOW,
    ),
    (("manic depression", "manic depressive"), "diagnostic", _CLINICAL),
    (("bipolar", "bi polar", "bipolar disorder"), "diagnostic", _CLINICAL),
    (
        (
            "anxiety disorder",
            "generalised anxiety",
            "generalized anxiety",
            "generalised anxiety disorder",
            "generalized anxiety disorder",
            "social anxiety",
            "social anxiety disorder",
            "panic disorder",
            "panic attack",
            "panic attacks",
        ),
        "diagnostic",
        _ANXIETY,
    ),
    (("ocd", "obsessive compulsive", "obsessive compulsive disorder"), "diagnostic", _CLINICAL),
    (
        (
            "ptsd",
            "cptsd",
            "c ptsd",
            "post traumatic stress",
            "post traumatic stress disorder",
            "posttraumatic stress disorder",
        ),
        "diagnostic",
        _TRAUMA,
    ),
    (
        (
            "personality disorder",
            "borderline personality",
            "borderline personality disorder",
            "narcissistic personality disorder",
            "antisocial personality disorder",
            "bpd",
        ),
        "diagnostic",
        _CLINICAL,
    ),
    (
        (
            "schizo",
            "schizophrenic",
            "schizophrenia",
            "psychotic",
            "psychosis",
            "sociopath",
            "sociopaths",
            "sociopathic",
            "psychopath",
            "psychopaths",
            "psychopathic",
            "mentally ill",
            "mental illness",
            "nervous breakdown",
            "mental breakdown",
            "neurotic",
            "paranoid",
            "paranoia",
        ),
        "diagnostic",
        _CLINICAL,
    ),
    (("suicidal", "self harm", "self harming", "self harms"), "diagnostic", _RISK),
    (("anorexic", "anorexia", "bulimic", "bulimia", "eating disorder"), "diagnostic", _CLINICAL),
    (
        ("alcoholic", "alcoholics", "addict", "addicts", "addicted", "junkie", "junkies"),
        "diagnostic",
        _SUBSTANCE,
    ),
    # -- judgements of character --
    (
        (
            "narcissist",
            "narcissists",
            "narcissistic",
            "psycho",
            "psychos",
            "emotionally unstable",
            "manipulative",
            "toxic",
            "vindictive",
            "evil",
            "troublemaker",
            "troublemakers",
            "trouble maker",
            "trouble makers",
            "difficult person",
            "problem employee",
        ),
        "judgemental",
        _PERSON_LABEL,
    ),
    (
        (
            "crazy",
            "insane",
            "nutter",
            "nutters",
            "nutcase",
            "nutcases",
            "loony",
            "loopy",
            "unhinged",
            "mental case",
        ),
        "judgemental",
        _CRAZY,
    ),
    (("hysterical", "hysterics"), "judgemental", _HYSTERICAL),
    (("lazy", "laziness", "workshy", "work shy"), "judgemental", _LAZY),
    (("attention seeking", "attention seeker", "attention seekers"), "judgemental", _SEEKING),
    (
        (
            "drama queen",
            "drama queens",
            "overly dramatic",
            "melodramatic",
            "oversensitive",
            "over sensitive",
            "too sensitive",
            "overreacting",
            "over reacting",
            "overreacted",
            "over reacted",
            "snowflake",
            "snowflakes",
            "whinge",
            "whinges",
            "whingeing",
            "whinging",
            "whinger",
            "whingers",
            "whine",
            "whines",
            "whining",
            "whiner",
            "whiners",
            "moaner",
            "moaners",
        ),
        "judgemental",
        _SENSITIVE_FEELINGS,
    ),
    (
        (
            "liar",
            "liars",
            "idiot",
            "idiots",
            "stupid",
            "useless",
            "incompetent",
            "pathetic",
            "weirdo",
            "weirdos",
            "creepy",
        ),
        "judgemental",
        _INSULT,
    ),
    # -- special-category details --
    (
        (
            "cancer",
            "tumour",
            "tumor",
            "chemo",
            "chemotherapy",
            "diabetes",
            "diabetic",
            "hiv",
            "epilepsy",
            "epileptic",
            "multiple sclerosis",
            "stroke",
            "heart attack",
            "miscarriage",
            "ivf",
            "fertility treatment",
            "menopause",
            "menopausal",
            "hysterectomy",
            "terminally ill",
            "terminal illness",
            "diagnosed",
            "diagnosis",
        ),
        "special_category",
        _HEALTH,
    ),
    (
        (
            "medication",
            "medicated",
            "antidepressant",
            "antidepressants",
            "anti depressant",
            "anti depressants",
            "prozac",
            "sertraline",
            "citalopram",
            "fluoxetine",
            "lithium",
            "diazepam",
            "valium",
            "sleeping pill",
            "sleeping pills",
        ),
        "special_category",
        _MEDICATION,
    ),
    (
        (
            "autism",
            "autistic",
            "adhd",
            "dyslexia",
            "dyslexic",
            "dyspraxia",
            "dyspraxic",
            "asperger",
            "aspergers",
            "asperger syndrome",
        ),
        "special_category",
        _DISABILITY,
    ),
    (("pregnant", "pregnancy", "expecting a baby"), "special_category", _PREGNANCY),
    (
        (
            "muslim",
            "muslims",
            "islam",
            "islamic",
            "christian",
            "christians",
            "christianity",
            "catholic",
            "catholics",
            "protestant",
            "protestants",
            "jewish",
            "jew",
            "jews",
            "judaism",
            "hindu",
            "hindus",
            "hinduism",
            "sikh",
            "sikhs",
            "sikhism",
            "buddhist",
            "buddhists",
            "buddhism",
            "atheist",
            "atheists",
            "mosque",
            "synagogue",
            "gurdwara",
            "church",
            "churches",
            "churchgoer",
            "churchgoers",
            "ramadan",
            "religious",
            "religion",
        ),
        "special_category",
        _RELIGION,
    ),
    (
        (
            "gay",
            "lesbian",
            "lesbians",
            "bisexual",
            "homosexual",
            "heterosexual",
            "queer",
            "transgender",
            "trans",
            "nonbinary",
            "non binary",
            "sexual orientation",
            "sexuality",
            "in the closet",
        ),
        "special_category",
        _SEXUALITY,
    ),
    (
        (
            "union member",
            "union members",
            "union membership",
            "trade union member",
            "trade union membership",
            "member of the union",
            "member of a union",
            "member of the trade union",
            "member of a trade union",
            "joined the union",
            "joined a union",
            "joined the trade union",
            "in the union",
            "unionised",
            "unionized",
        ),
        "special_category",
        _UNION,
    ),
)

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
            hints.append(WordingHint(start, end, text[start:end], kind, suggestion))
            if len(hints) >= MAX_HINTS:
                break
    except Exception:  # advice must never break saving
        return hints
    return hints


def kind_label(kind: HintKind) -> str:
    """English words for a hint's kind, for the UI."""
    return KIND_LABELS.get(kind, "Wording")


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
