"""The word-level comparison behind the history of changes."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from peerdesk.models.word_diff import Change, Piece, after, before, changed, tokens, word_diff

texts = st.text(alphabet=st.sampled_from("ab cé\n\t.,'-Ωz1"), max_size=60) | st.text(max_size=40)


@given(texts)
def test_tokens_give_the_text_back(text: str) -> None:
    assert "".join(tokens(text)) == text


@given(texts, texts)
def test_joining_the_pieces_gives_back_each_side(old: str, new: str) -> None:
    pieces = word_diff(old, new)
    assert before(pieces) == old
    assert after(pieces) == new
    assert all(p.text for p in pieces)
    assert all(a.change is not b.change for a, b in itertools.pairwise(pieces))


@given(texts)
def test_equal_texts_give_no_changes(text: str) -> None:
    pieces = word_diff(text, text)
    assert not changed(pieces)
    assert pieces == ([Piece(Change.KEPT, text)] if text else [])


def test_a_changed_word_is_removed_then_added_and_the_rest_kept() -> None:
    pieces = word_diff("She shouted at me twice.", "She shouted at me three times.")
    assert pieces == [
        Piece(Change.KEPT, "She shouted at me "),
        Piece(Change.REMOVED, "twice"),
        Piece(Change.ADDED, "three times"),
        Piece(Change.KEPT, "."),
    ]


def test_white_space_and_line_breaks_are_kept() -> None:
    pieces = word_diff("one\n\ntwo", "one\n\ntwo  three")
    assert pieces == [Piece(Change.KEPT, "one\n\ntwo"), Piece(Change.ADDED, "  three")]


def test_a_space_shared_by_two_changes_is_part_of_the_change() -> None:
    pieces = word_diff("Left out on day 1", "Second title")
    assert pieces == [
        Piece(Change.REMOVED, "Left out on day 1"),
        Piece(Change.ADDED, "Second title"),
    ]
