"""The wording check: hits, misses, positions, and that it never raises."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from peerdesk.models.wording import (
    MAX_HINTS,
    WordingHint,
    check_wording,
    kind_label,
    listed_phrases,
)


def terms(text: str) -> list[tuple[str, str]]:
    return [(h.term, h.kind) for h in check_wording(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("She seemed depressed after the meeting.", [("depressed", "diagnostic")]),
        ("History of Depression", [("Depression", "diagnostic")]),
        ("he is BIPOLAR", [("BIPOLAR", "diagnostic")]),
        ("bipolar disorder", [("bipolar disorder", "diagnostic")]),  # one hint, not two
        ("My manager is a narcissist", [("narcissist", "judgemental")]),
        ("the team lead is a psycho", [("psycho", "judgemental")]),
        ("the psycho's desk", [("psycho", "judgemental")]),
        ("Colleague was hysterical", [("hysterical", "judgemental")]),
        ("They called her lazy.", [("lazy", "judgemental")]),
        ("just attention-seeking", [("attention-seeking", "judgemental")]),
        ("just attention seeking", [("attention seeking", "judgemental")]),
        ("attention-\n  seeking", [("attention-\n  seeking", "judgemental")]),
        ("a real drama queen", [("drama queen", "judgemental")]),
        ("I'm a bit OCD about it", [("OCD", "diagnostic")]),
        ("diagnosed with PTSD", [("diagnosed", "special_category"), ("PTSD", "diagnostic")]),
        ("has an anxiety disorder", [("anxiety disorder", "diagnostic")]),
        (
            "narcissistic personality disorder",
            [("narcissistic personality disorder", "diagnostic")],
        ),
        ("She is pregnant", [("pregnant", "special_category")]),
        ("goes to the mosque on Fridays", [("mosque", "special_category")]),
        ("He is gay and it came up", [("gay", "special_category")]),
        ("She joined the union in May", [("joined the union", "special_category")]),
        ("a union member", [("union member", "special_category")]),
        ("on antidepressants", [("antidepressants", "special_category")]),
        ("mentioned suicidal thoughts", [("suicidal", "diagnostic")]),
        # Decided: an idiom still gets a hint; the suggestion covers that case (see module doc).
        ("a crazy busy week", [("crazy", "judgemental")]),
    ],
)
def test_hits(text: str, expected: list[tuple[str, str]]) -> None:
    assert terms(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Saw the therapist on Tuesday",  # not "the rapist"
        "Spoke to the psychologist",  # not "psycho"
        "The glazy finish",  # not "lazy"
        "pressed for time",  # not "depressed"
        "Colleague will ask the union rep about the grievance policy.",  # union alone: no
        "Shared the contact of the union",
        "Add the EAP number to the notes",  # not ADD
        "feeling anxious before meetings",  # a feeling, not a diagnosis
        "some anxiety about the review",
        "a breakdown of the figures",
        "The report came out yesterday",
        "transport to the site",  # not "trans"
        "Christmas party",  # not "christian"
        "strongest skills; gave a clear account",
        "lazy_variable and lazy2",  # part of a longer word
        "",
    ],
)
def test_misses(text: str) -> None:
    assert check_wording(text) == []


def test_positions_and_suggestions() -> None:
    text = "Ελένη said he is Lazy and a Drama Queen 👋"
    hints = check_wording(text)
    assert [text[h.start : h.end] for h in hints] == ["Lazy", "Drama Queen"]
    for hint in hints:
        assert isinstance(hint, WordingHint)
        assert text[hint.start : hint.end] == hint.term
        assert hint.suggestion and hint.suggestion[0].isupper()
    depressed = check_wording("depressed")[0]
    assert "feeling low" in depressed.suggestion  # warm, describes instead of labelling


def test_positions_survive_characters_that_lower_to_two() -> None:
    text = "İİİ İstanbul office: he is lazy"
    (hint,) = check_wording(text)
    assert text[hint.start : hint.end] == "lazy"


def test_every_listed_phrase_is_found_on_its_own_and_in_upper_case() -> None:
    phrases = listed_phrases()
    assert len(phrases) > 150
    for phrase, kind in phrases.items():
        for text in (phrase, phrase.upper(), f"Note: {phrase}."):
            found = check_wording(text)
            assert [h.kind for h in found] == [kind], (phrase, found)


def test_kinds_have_words() -> None:
    assert kind_label("diagnostic") == "Clinical label"
    assert kind_label("special_category") == "Sensitive detail"
    assert kind_label("judgemental") == "Judgement of character"


@pytest.mark.parametrize("value", [None, 42, b"lazy", ["lazy"], object()])
def test_anything_that_is_not_text_gives_no_hints(value: object) -> None:
    assert check_wording(value) == []


def test_lone_surrogates_and_nul_do_not_raise() -> None:
    assert terms("\ud800 lazy \x00 crazy") == [("lazy", "judgemental"), ("crazy", "judgemental")]


@given(st.text(max_size=300))
def test_never_raises_and_positions_are_exact(text: str) -> None:
    for hint in check_wording(text):
        assert text[hint.start : hint.end] == hint.term


def test_hints_are_capped() -> None:
    assert len(check_wording("lazy " * 10_000)) == MAX_HINTS


def test_ten_megabytes_finds_the_word_at_the_end() -> None:
    # How long this takes is measured in benchmarks/bench_text.py, beside a floor.
    text = "Colleague described repeated criticism in front of the team. " * 170_000
    assert len(text) > 10_000_000
    assert check_wording(text + " lazy") == [
        WordingHint(
            len(text) + 1, len(text) + 5, "lazy", "judgemental", check_wording("lazy")[0].suggestion
        )
    ]
