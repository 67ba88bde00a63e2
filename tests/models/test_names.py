"""Finding names in text however they are spelled (issue 19, item 4): the matcher the report
and its preview share."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from peerdesk.models.names import PARTICLES, NameMatcher, fold, looks_like_initials

WITNESS = "Eleni Papadopoulou"


def found(matcher: NameMatcher, text: str) -> list[str]:
    return [text[s.start : s.end] for s in matcher.spans(text)]


def test_every_spelling_of_the_issue_is_found() -> None:
    m = NameMatcher([WITNESS])
    for variant in (
        "Eleni Papadopoulou",
        "Papadopoulou",
        "Eleni",
        "ELENI PAPADOPOULOU",
        "eleni papadopoulou",
        "Eléni Papadopoulou",
        "Eleni-Papadopoulou",
        "Eleni\u00a0Papadopoulou",
        "Eleni\u200bPapadopoulou",
        "Eleni\u200dPapadopoulou",
        "Eleni\u2060Papadopoulou",
        "Eleni\u00adPapadopoulou",
        "Eleni\u2011Papadopoulou",
        "Eleni_Papadopoulou",
        "Eleni\nPapadopoulou",
        "E\u0301leni",
        "ＥＬＥＮＩ",
        "Elenì",
        "Papa\u200bdopoulou",
        "Papadopoulou’s",
        "PAPADOPOULOU",
    ):
        text = f"Then {variant} came in."
        spans = m.spans(text)
        assert len(spans) == 1, variant
        hit = text[spans[0].start : spans[0].end]
        assert hit in (variant, variant.removesuffix("’s")), (variant, hit)
        assert spans[0].names == (WITNESS,)
    whole = m.spans("Eleni\u200bPapadopoulou")[0]
    assert whole.whole and (whole.start, whole.end) == (0, 18)


def test_whole_words_only() -> None:
    m = NameMatcher(["Ann Lee", WITNESS])
    assert found(m, "The Annual report; Leeds; Papadopoulous; Elenis") == []
    assert found(m, "Ann's desk, then Lee.") == ["Ann", "Lee"]
    assert found(m, "AnnLee said") == ["AnnLee"]  # the full name run together


def test_short_parts_particles_and_initials() -> None:
    m = NameMatcher(["Wei Li", "Jan van Dyke", "K. O.", "Jo"])
    assert found(m, "Li and Jo and K. O. came") == []  # 1-2 letters: never alone
    assert found(m, "Wei Li came; the van left") == ["Wei Li"]
    assert found(m, "I asked Van Dyke and Dyke and Jan") == ["Van Dyke", "Dyke", "Jan"]
    assert looks_like_initials("K. O.") and looks_like_initials("KO")
    assert not looks_like_initials("Eleni")


def test_names_own_punctuation_and_shared_parts() -> None:
    m = NameMatcher(["Mary O'Brien", "Nikos Papadopoulou", WITNESS])
    assert found(m, "Mary O’Brien, OBrien and O'Brien") == ["Mary O’Brien", "OBrien", "O'Brien"]
    spans = m.spans("Nikos Papadopoulou and Papadopoulou")
    assert spans[0].names == ("Nikos Papadopoulou",) and spans[0].whole
    assert set(spans[1].names) == {"Nikos Papadopoulou", WITNESS} and not spans[1].whole


def test_fold_maps_back_to_the_text() -> None:
    folded, where = fold("Éa\u200bß")
    assert folded == "ea ss"
    assert where == [0, 1, 2, 3, 3]
    assert fold("Éa\u200bß", drop_format=True)[0] == "eass"


# -- any spelling, anywhere ------------------------------------------------------------------------

NAME_LETTERS = "abcdefghijklm"
OTHER_LETTERS = "nopqrstuvwxyz"
SEPARATORS = [
    " ",
    "  ",
    "\u00a0",
    "\u202f",
    "\u2009",
    "-",
    "\u2010",
    "\u2011",
    "'",
    "’",
    "\u200b",
    "\u200c",
    "\u200d",
    "\u2060",
    "\u00ad",
    "\ufeff",
    "_",
    "\n",
    "",
]
MARKS = ["", "\u0301", "\u0300", "\u0308", "\u0327", "\u0302"]

part = st.text(alphabet=NAME_LETTERS, min_size=3, max_size=9).filter(lambda p: p not in PARTICLES)
filler_word = st.text(alphabet=OTHER_LETTERS + NAME_LETTERS.upper(), min_size=1, max_size=8)
filler = st.lists(filler_word, max_size=6).map(" ".join) | st.text(max_size=30)


@st.composite
def spelled(draw: st.DrawFn, text: str) -> str:
    """``text`` with random case and accents (composed or not)."""
    out = []
    for char in text:
        char = char.upper() if draw(st.booleans()) else char
        mark = draw(st.sampled_from(MARKS))
        combined = char + mark
        if draw(st.booleans()):
            combined = unicodedata.normalize("NFC", combined)
        out.append(combined)
    return "".join(out)


@settings(max_examples=300, deadline=None)
@given(data=st.data(), parts=st.lists(part, min_size=1, max_size=3), before=filler, after=filler)
def test_any_spelling_of_a_listed_name_is_found(
    data: st.DataObject, parts: list[str], before: str, after: str
) -> None:
    name = " ".join(p.capitalize() for p in parts)
    matcher = NameMatcher([name, "Somebody Else"])
    which = data.draw(st.sampled_from(["whole", "part"]))
    if which == "whole":
        seps = [data.draw(st.sampled_from(SEPARATORS)) for _ in parts[1:]]
        written = data.draw(spelled(parts[0])) + "".join(
            sep + data.draw(spelled(p)) for sep, p in zip(seps, parts[1:], strict=True)
        )
    else:
        written = data.draw(spelled(data.draw(st.sampled_from(parts))))
    left = data.draw(st.sampled_from([" ", ", ", " (", "\n", "“", " \u00a0"]))
    right = data.draw(st.sampled_from([" ", ".", ")", "’s", "\n", "”"]))
    text = f"{before}{left}{written}{right}{after}"
    start = len(before) + len(left)
    end = start + len(written)
    spans = matcher.spans(text)
    # Every letter of the name lies in a span found (so all of it would be shortened), and
    # a span over it names this person.
    covered = {i for s in spans for i in range(s.start, s.end)}
    assert all(i in covered for i in range(start, end) if text[i].isalnum()), (text, spans)
    assert any(name in s.names for s in spans if s.start < end and s.end > start)


@settings(max_examples=200, deadline=None)
@given(
    parts=st.lists(part, min_size=1, max_size=3),
    prefix=st.text(alphabet=OTHER_LETTERS, max_size=3),
    suffix=st.text(alphabet=OTHER_LETTERS, max_size=3),
    data=st.data(),
)
def test_a_word_that_merely_contains_a_part_is_not_a_name(
    parts: list[str], prefix: str, suffix: str, data: st.DataObject
) -> None:
    if not prefix and not suffix:
        suffix = "s"
    name = " ".join(p.capitalize() for p in parts)
    matcher = NameMatcher([name])
    word = prefix + data.draw(spelled(data.draw(st.sampled_from(parts)))) + suffix
    assert matcher.spans(f"The {word} arrived. {word}!") == []


def test_titles_are_not_names_alone() -> None:
    m = NameMatcher(["Mrs Eleni Papadopoulou", "Prof Ann Lee"])
    assert found(m, "Mrs Jones and Prof Smith met Mrs Eleni Papadopoulou") == [
        "Mrs Eleni Papadopoulou"
    ]
    assert found(m, "Prof. Lee said") == ["Lee"]
