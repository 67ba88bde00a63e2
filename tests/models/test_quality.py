"""The record-quality check: what a reader would miss, and opinion words in the narrative."""

from __future__ import annotations

from datetime import date

import pytest

from peerdesk.models import Incident
from peerdesk.models.quality import (
    IMPACT_MESSAGE,
    QUOTES_MESSAGE,
    REPORTS_MESSAGE,
    TOLD_MESSAGE,
    WITNESSES_MESSAGE,
    check_quality,
    find_opinion_words,
)
from tests.models.factories import full_incident


def test_a_sparse_entry_names_everything_a_reader_would_look_for() -> None:
    sparse = Incident(event_date=date(2024, 5, 2), title="Meeting", narrative="")
    report = check_quality(sparse)
    assert report.missing_fields() == [
        "narrative",
        "quotes",
        "witnesses",
        "impact",
        "told",
        "reports",
    ]
    messages = [m.message for m in report.missing]
    assert QUOTES_MESSAGE in messages and WITNESSES_MESSAGE in messages
    assert IMPACT_MESSAGE in messages and TOLD_MESSAGE in messages
    assert REPORTS_MESSAGE in messages
    assert report.opinion_words == []
    assert not report.is_complete


def test_a_complete_entry_has_nothing_to_suggest() -> None:
    report = check_quality(full_incident())
    assert report.missing == []
    # the factory's narrative quotes "useless" - a quoted word is still pointed at, gently
    assert [h.word for h in report.opinion_words] == ["useless"]
    complete = full_incident()
    complete.narrative = "At 14:30 M. said my report was late, in front of the team."
    assert check_quality(complete).is_complete


def test_gentle_wording_never_commands_or_blames() -> None:
    sparse = Incident(event_date=date(2024, 5, 2), title="Meeting")
    for missing in check_quality(sparse).missing:
        lower = missing.message.lower()
        assert "must" not in lower and "you failed" not in lower and "error" not in lower
        assert missing.message.endswith(".")


def test_reports_message_respects_the_choice_not_to_report() -> None:
    assert "your choice" in REPORTS_MESSAGE


@pytest.mark.parametrize(
    "narrative",
    [
        "There were no witnesses.",
        "Nobody else was there.",
        "We were alone in the kitchen.",
        "No one saw it.",
    ],
)
def test_an_explicit_none_counts_for_witnesses(narrative: str) -> None:
    incident = Incident(event_date=date(2024, 5, 2), title="x", narrative=narrative)
    assert "witnesses" not in check_quality(incident).missing_fields()


def test_opinion_words_are_located_with_a_neutral_alternative() -> None:
    text = "He's a psycho and a BULLY. She always does this; he hates me. Crazy idiot, liar."
    hints = find_opinion_words(text)
    assert [h.word for h in hints] == [
        "psycho",
        "BULLY",
        "always",
        "hates me",
        "Crazy",
        "idiot",
        "liar",
    ]
    for hint in hints:
        assert text[hint.start : hint.end] == hint.word
        assert any(word in hint.alternative for word in ("describe", "date", "said", "saw"))
    assert "what they did or said" in hints[0].alternative


def test_words_inside_other_words_are_not_flagged() -> None:
    assert find_opinion_words("The bullet points were evaluated; a psychologist helped.") == []
    assert find_opinion_words("She nevertheless agreed.") == []


@pytest.mark.parametrize("narrative", ["", "\x00", "é" * 10_000, "never " * 2000])
def test_never_raises_on_odd_text(narrative: str) -> None:
    incident = Incident(event_date=date(2024, 5, 2), title="x", narrative=narrative)
    check_quality(incident)


def test_never_raises_on_a_broken_object() -> None:
    broken = Incident(event_date=date(2024, 5, 2), title="x")
    broken.narrative = None  # type: ignore[assignment]
    broken.impact = "oops"  # type: ignore[assignment]
    report = check_quality(broken)
    assert "impact" in report.missing_fields()
