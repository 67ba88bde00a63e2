"""What changed between two revisions, in words: no Qt, no vault."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest

from peerdesk.models.enums import Channel, IncidentCategory, ReportRecipient
from peerdesk.models.field_labels import FIELD_LABELS
from peerdesk.models.incident import Incident
from peerdesk.models.incident_parts import Quote, ReportMade
from peerdesk.models.revisions import (
    Readable,
    changed_fields,
    diff_rows,
    diff_summary,
    local_time_text,
    withdrawn_text,
)
from peerdesk.models.serialize import incident_to_dict


@pytest.fixture
def utc_clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Local time is UTC for the test (the formatter shows the computer's local time)."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_changed_fields_follow_the_label_order_and_skip_schema() -> None:
    old = {"schema": 1, "narrative": "a", "title": "x", "severity": 2, "zz_extra": 1}
    new = {"schema": 2, "narrative": "b", "title": "y", "severity": 2, "aa_extra": 1}
    # title comes before narrative in FIELD_LABELS; unknown keys come after, sorted
    assert changed_fields(old, new) == ["title", "narrative", "aa_extra", "zz_extra"]


def test_changed_fields_of_equal_dicts_is_empty() -> None:
    entry = incident_to_dict(Incident(event_date=date(2026, 3, 3), narrative="same"))
    assert changed_fields(entry, dict(entry)) == []


def test_readable_words_for_empty_and_yes_no_values() -> None:
    readable = Readable({})
    for empty in (None, "", [], {}):
        assert readable.value("place", empty) == "—"
    assert readable.value("approximate", True) == "Yes"
    assert readable.value("after_complaint", False) == "No"
    assert readable.value("severity", 0) == "0"  # a zero is a value, not "nothing"


def test_readable_names_people_labels_and_files() -> None:
    readable = Readable({7: "M. T."}, {3: "photo.png"}, {12: 4})
    assert readable.value("person_id", 7) == "M. T."
    assert readable.value("speaker_person_id", 9) == "person 9"
    assert readable.value("channel", Channel.EMAIL.value) == Channel.EMAIL.label
    assert readable.value("recipient", ReportRecipient.HR.value) == ReportRecipient.HR.label
    category = next(iter(IncidentCategory))
    assert readable.value("categories", [category.value]) == f"• {category.label}"
    assert readable.value("attachment_ids", [3, 4]) == "• photo.png\n• a file since removed"
    assert readable.value("related_incident_ids", [12, 13]) == "entry no. 4, a deleted entry"


def test_readable_parts_of_a_repeated_item() -> None:
    readable = Readable({7: "M. T."})
    quote = incident_to_dict(
        Incident(
            event_date=date(2026, 3, 3),
            quotes=[Quote(speaker_person_id=7, text="rubbish")],
        )
    )["quotes"]
    assert readable.value("quotes", quote) == "• speaker: M. T.; words: rubbish"
    assert readable.value("impact", {"work": "", "home": None}) == "—"


def test_withdrawn_text(utc_clock: None) -> None:
    assert withdrawn_text(None) == "—"
    value = {"withdrawn_at": "2026-03-03T14:05:00Z", "reason": "wrong day"}
    assert withdrawn_text(value) == "Withdrawn on 3 Mar 2026, 14:05; reason: wrong day"
    assert withdrawn_text({"withdrawn_at": "not a time"}) == (
        "Withdrawn on an unknown date; no reason given"
    )


def test_local_time_text_uses_the_computers_clock(utc_clock: None) -> None:
    assert local_time_text(datetime(2026, 11, 20, 9, 7, tzinfo=UTC)) == "20 Nov 2026, 09:07"


def test_diff_rows_and_summary() -> None:
    base = Incident(event_date=date(2026, 3, 3), narrative="before", severity=2)
    changed = Incident(
        event_date=date(2026, 3, 3),
        narrative="after",
        severity=2,
        reports=[ReportMade(recipient=ReportRecipient.HR)],
    )
    rows = diff_rows(Readable({}), incident_to_dict(base), incident_to_dict(changed))
    assert rows[0] == (FIELD_LABELS["narrative"], "before", "after")
    assert rows[1][0] == FIELD_LABELS["reports"] and rows[1][1] == "—"
    assert ReportRecipient.HR.label in rows[1][2]
    assert diff_summary(1, 2, len(rows)) == "2 fields changed between revision 1 and revision 2."
    assert diff_summary(1, 2, 1) == "1 field changed between revision 1 and revision 2."
    assert diff_summary(1, 2, 0) == "These two revisions are the same."
    assert diff_summary(2, 2, 0) == "Choose two different revisions to see what changed."
