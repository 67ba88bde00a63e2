"""clean_text: the sanitising every typed or pasted string goes through (SECURITY.md 22)."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from peerdesk.models import TAG_MAX, ValidationError, clean_text

any_text = st.text(st.characters(codec=None))  # every code point, lone surrogates included


def test_nul_is_stripped() -> None:
    assert clean_text("a\x00b", field="notes") == "ab"


def test_lone_surrogate_becomes_replacement_character() -> None:
    assert clean_text("report\udcff.pdf", field="notes") == "report\ufffd.pdf"


def test_surrogate_pair_is_joined_into_its_character() -> None:
    assert clean_text("hi \ud83d\udc4b", field="notes") == "hi 👋"


def test_text_is_nfc_normalised() -> None:
    assert clean_text("Rene\u0301e", field="notes") == "Ren\u00e9e"


def test_single_line_replaces_newlines_and_tabs_and_strips() -> None:
    assert clean_text("  Team\tlead\r\n(acting)\n ", field="role", multiline=False) == (
        "Team lead (acting)"
    )


def test_multiline_keeps_inner_lines_and_normalises_line_endings() -> None:
    raw = "\n\n  First line\r\nSecond\rThird\u2028Fourth  \n\n"
    assert clean_text(raw, field="narrative") == "  First line\nSecond\nThird\nFourth"


def test_other_control_characters_are_removed_but_tab_kept() -> None:
    assert clean_text("a\x07b\x1bc\td\x7f", field="notes") == "ab" + "c\td"


def test_too_long_names_the_field_and_does_not_echo_text() -> None:
    secret = "x" * (TAG_MAX + 1)
    with pytest.raises(ValidationError) as caught:
        clean_text(secret, field="tags", max_length=TAG_MAX, multiline=False)
    assert caught.value.field == "tags"
    assert caught.value.message == "Tags can be at most 40 characters."
    assert secret not in str(caught.value)


def test_length_is_checked_after_cleaning() -> None:
    # 40 characters of content plus NUL and surrounding spaces still fits a 40 cap.
    result = clean_text(" " + "a\x00" * 40 + " ", field="t", max_length=40, multiline=False)
    assert result == "a" * 40


def test_label_overrides_derived_label() -> None:
    with pytest.raises(ValidationError, match=r"^Short description is required\.$") as caught:
        clean_text("  \n ", field="title", required=True, label="Short description")
    assert caught.value.field == "title"


def test_derived_label_from_nested_path() -> None:
    with pytest.raises(ValidationError, match=r"^Speaker label can be at most 3 characters\.$"):
        clean_text("abcd", field="quotes[2].speaker_label", max_length=3)


def test_non_string_is_a_programming_error() -> None:
    with pytest.raises(TypeError):
        clean_text(b"bytes", field="notes")  # type: ignore[arg-type]


def test_ten_megabytes_in_a_multiline_field_is_cleaned_whole() -> None:
    # How long this takes is measured in benchmarks/bench_text.py, beside a floor.
    paragraph = "Ein Absatz mit Umlauten äöü, Ελληνικά, русский.\r\n" * 10
    text = (paragraph * (10_000_000 // len(paragraph) + 1))[:10_000_000]
    result = clean_text(text, field="narrative")
    assert result == text.replace("\r\n", "\n")


@given(any_text, st.booleans())
def test_never_raises_without_a_cap_and_output_is_storable(raw: str, multiline: bool) -> None:
    result = clean_text(raw, field="notes", multiline=multiline)
    assert "\x00" not in result
    result.encode("utf-8")  # raises if a surrogate survived
    assert unicodedata.is_normalized("NFC", result)


@given(any_text, st.booleans())
def test_clean_text_is_idempotent(raw: str, multiline: bool) -> None:
    once = clean_text(raw, field="notes", multiline=multiline)
    assert clean_text(once, field="notes", multiline=multiline) == once


@given(any_text)
def test_single_line_output_has_no_line_breaks_or_outer_whitespace(raw: str) -> None:
    result = clean_text(raw, field="name", multiline=False)
    assert "\n" not in result
    assert "\t" not in result
    assert result == result.strip()


@given(st.text(st.characters(codec="utf-8", exclude_categories=["Cc", "Cs", "Zl", "Zp"])))
def test_ordinary_single_line_text_only_loses_outer_whitespace(raw: str) -> None:
    expected = unicodedata.normalize("NFC", raw).strip()
    assert clean_text(raw, field="name", multiline=False) == expected


@given(any_text, st.integers(min_value=0, max_value=50))
def test_cap_is_enforced_exactly(raw: str, cap: int) -> None:
    cleaned = clean_text(raw, field="notes")
    if len(cleaned) <= cap:
        assert clean_text(raw, field="notes", max_length=cap) == cleaned
    else:
        with pytest.raises(ValidationError) as caught:
            clean_text(raw, field="notes", max_length=cap)
        assert caught.value.field == "notes"
