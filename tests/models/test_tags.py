from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from peerdesk.models import TAG_MAX, ValidationError, clean_tags
from peerdesk.models.text import check_tags


def test_duplicates_dropped_case_insensitively_keeping_first_spelling() -> None:
    assert clean_tags(["Meeting", "meeting", " MEETING ", "Email", "straße", "STRASSE"]) == [
        "Meeting",
        "Email",
        "straße",
    ]


def test_empty_tags_are_dropped_and_text_cleaned() -> None:
    assert clean_tags(["", "  ", "team\nlead", "a\x00b"]) == ["team lead", "ab"]


def test_tag_over_cap_names_its_position() -> None:
    with pytest.raises(ValidationError) as caught:
        clean_tags(["ok", "x" * (TAG_MAX + 1)])
    assert caught.value.field == "tags[1]"
    assert caught.value.message == f"Each tag can be at most {TAG_MAX} characters."


def test_tag_at_cap_is_accepted() -> None:
    assert clean_tags(["x" * TAG_MAX]) == ["x" * TAG_MAX]


def test_check_tags_refuses_duplicates() -> None:
    with pytest.raises(ValidationError) as caught:
        check_tags(["Work", "work"])
    assert caught.value.field == "tags[1]"


@given(st.lists(st.text(st.characters(codec=None), max_size=TAG_MAX)))
def test_cleaned_tags_always_pass_validation(raw: list[str]) -> None:
    tags = clean_tags(raw)
    check_tags(tags)
    assert len({tag.casefold() for tag in tags}) == len(tags)
    assert all(0 < len(tag) <= TAG_MAX for tag in tags)
