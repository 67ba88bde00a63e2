"""Derived values of an incident: delays, end times, complaint timing, involvement."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, time, timedelta, timezone

import pytest

from peerdesk.models import Incident, IncidentPerson, ValidationError, involvement_position

BERLIN_SUMMER = timezone(timedelta(hours=2))


def _incident(**changes: object) -> Incident:
    base = Incident(event_date=date(2024, 6, 3), title="t")
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def test_no_delay_before_first_save() -> None:
    assert _incident(event_time=time(9)).recording_delay(UTC) is None
    assert _incident().recording_delay_text(UTC) is None


def test_delay_uses_local_time_of_recording() -> None:
    # Event 14:10 local (UTC+2); recorded 12:40 UTC = 14:40 local.
    incident = _incident(
        event_time=time(14, 10), recorded_at=datetime(2024, 6, 3, 12, 40, tzinfo=UTC)
    )
    assert incident.recording_delay(BERLIN_SUMMER) == timedelta(minutes=30)
    assert incident.recording_delay_text(BERLIN_SUMMER) == "recorded the same hour"
    assert incident.recording_delay_text(UTC) == "recorded before the stated event time"


def test_delay_counts_from_the_start_time() -> None:
    incident = _incident(
        event_time=time(9, 0),
        duration_minutes=60,
        recorded_at=datetime(2024, 6, 3, 11, 5, tzinfo=UTC),
    )
    assert incident.recording_delay(UTC) == timedelta(hours=2, minutes=5)
    assert incident.recording_delay_text(UTC) == "recorded 2 h after"


def test_delay_in_days() -> None:
    incident = _incident(
        event_time=time(9, 0), recorded_at=datetime(2024, 6, 12, 10, 0, tzinfo=UTC)
    )
    assert incident.recording_delay_text(UTC) == "recorded 9 days after"


def test_delay_without_event_time_compares_local_dates() -> None:
    # 23:30 UTC on 3 June is already 4 June in UTC+2.
    incident = _incident(recorded_at=datetime(2024, 6, 3, 23, 30, tzinfo=UTC))
    assert incident.recording_delay(UTC) == timedelta(0)
    assert incident.recording_delay_text(UTC) == "recorded the same day"
    assert incident.recording_delay_text(BERLIN_SUMMER) == "recorded 1 day after"


def test_end_time_is_derived_from_start_and_duration() -> None:
    incident = _incident(event_time=time(23, 30), duration_minutes=45)
    assert incident.end_time() == time(0, 15)
    assert incident.ends_at() == datetime(2024, 6, 4, 0, 15)
    assert _incident(event_time=time(9)).end_time() is None


def test_set_end_time_stores_a_duration() -> None:
    incident = _incident(event_time=time(22, 30))
    incident.set_end_time(time(1, 15))
    assert incident.duration_minutes == 165
    with pytest.raises(ValidationError) as caught:
        _incident().set_end_time(time(10))
    assert caught.value.field == "event_time"


def test_days_after_complaint() -> None:
    incident = _incident(after_complaint=True, complaint_date=date(2024, 5, 20))
    assert incident.days_after_complaint() == 14
    assert _incident(after_complaint=True).days_after_complaint() is None
    assert _incident().days_after_complaint() is None


def test_person_ids_collects_people_speakers_and_witnesses() -> None:
    from tests.models.factories import full_incident

    assert full_incident().person_ids() == {3, 9}


def test_involvement_position_counts_in_chronological_order() -> None:
    def involving(ident: int, day: int, *people: int, at: time | None = None) -> Incident:
        return _incident(
            id=ident,
            record_number=ident,
            event_date=date(2024, 1, day),
            event_time=at,
            people=[IncidentPerson(person_id=p) for p in people],
        )

    first = involving(1, 20, 3)
    other = involving(2, 5, 4)
    later_same_day = involving(3, 22, 3, at=time(15))
    earlier_same_day = involving(4, 22, 3, 4, at=time(9))
    incidents = [later_same_day, first, other, earlier_same_day]
    assert involvement_position(incidents, 3, first) == (1, date(2024, 1, 20))
    assert involvement_position(incidents, 3, earlier_same_day) == (2, date(2024, 1, 20))
    assert involvement_position(incidents, 3, later_same_day) == (3, date(2024, 1, 20))
    assert involvement_position(incidents, 4, earlier_same_day) == (2, date(2024, 1, 5))
    assert involvement_position(incidents, 3, other) is None
