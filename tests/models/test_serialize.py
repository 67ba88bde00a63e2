"""canonical_json and lossless record dicts (revision payloads depend on both)."""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, date, datetime, time, timedelta, timezone
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from peerdesk.models import (
    SCHEMA_VERSION,
    Channel,
    Colleague,
    Consent,
    Conversation,
    ConversationTheme,
    FollowUp,
    Incident,
    IncidentCategory,
    Person,
    Referral,
    Relationship,
    ResourceKind,
    Strategy,
    StrategyCategory,
    ValidationError,
    canonical_json,
    incident_from_dict,
    incident_from_payload,
    incident_payload,
    incident_to_dict,
    loads_json,
    record_from_dict,
    record_to_dict,
)
from peerdesk.models.incident import Withdrawal
from peerdesk.models.provenance import Provenance
from tests.models.factories import full_incident, incidents


def test_canonical_json_layout() -> None:
    value = {
        "b": [1, "é", None, True],
        "a": {"z": date(2024, 3, 5), "y": time(14, 30)},
        "when": datetime(2024, 3, 5, 16, 45, tzinfo=timezone(timedelta(hours=1))),
        "kinds": {IncidentCategory.THREATS, IncidentCategory.OTHER},
        "channel": Channel.EMAIL,
    }
    assert (
        canonical_json(value)
        == (
            '{"a":{"y":"14:30:00","z":"2024-03-05"},"b":[1,"é",null,true],"channel":"email",'
            '"kinds":["other","threats"],"when":"2024-03-05T15:45:00.000000Z"}'
        ).encode()
    )


def test_same_moment_in_any_zone_gives_same_bytes() -> None:
    utc = datetime(2024, 1, 1, 12, 0, tzinfo=UTC)
    assert canonical_json(utc) == canonical_json(utc.astimezone(timezone(timedelta(hours=-7))))


@pytest.mark.parametrize(
    ("bad", "error"),
    [
        (b"bytes", TypeError),
        ({1: "int key"}, TypeError),
        (object(), TypeError),
        (full_incident(), TypeError),
        (float("inf"), ValueError),
        (datetime(2024, 1, 1), ValueError),
        ("lone \udcff", ValueError),
    ],
)
def test_canonical_json_refuses_what_has_no_canonical_form(bad: object, error: type) -> None:
    with pytest.raises(error):
        canonical_json(bad)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda children: st.lists(children) | st.dictionaries(st.text(), children),
    max_leaves=20,
)


@given(json_values)
def test_canonical_json_is_deterministic_and_parses_back(value: Any) -> None:
    data = canonical_json(value)
    assert json.loads(data) == value
    assert canonical_json(json.loads(data)) == data
    if isinstance(value, dict):
        shuffled = dict(reversed(list(value.items())))
        assert canonical_json(shuffled) == data


@given(st.sets(st.integers()) | st.sets(st.text()) | st.frozensets(st.sampled_from(Channel)))
def test_sets_are_written_sorted(value: set[Any] | frozenset[Any]) -> None:
    assert json.loads(canonical_json(value)) == sorted(
        item.value if isinstance(item, Channel) else item for item in value
    )


def test_full_incident_round_trips_every_field() -> None:
    incident = full_incident()
    incident.withdrawn = Withdrawal(
        withdrawn_at=datetime(2026, 2, 1, 8, 0, tzinfo=UTC), reason="Written twice"
    )
    incident.provenance = Provenance(
        source="dayone",
        fingerprint="0f" * 32,
        written_at=datetime(2025, 12, 1, 21, 5, tzinfo=UTC),
        zone="Europe/Madrid",
        reference="Journal.json entry 4A1B",
    )
    data = incident_to_dict(incident)
    assert data["schema"] == SCHEMA_VERSION
    assert "id" not in data
    assert set(data) == {f.name for f in dataclasses.fields(Incident)} - {"id"} | {"schema"}
    restored = incident_from_dict(json.loads(canonical_json(data)))
    assert restored.id is None
    restored.id = incident.id
    assert restored == incident
    assert isinstance(restored.categories, set)
    assert restored.recorded_at is not None
    assert restored.recorded_at.utcoffset() == timedelta(0)


def test_payload_round_trip_is_byte_identical() -> None:
    payload = incident_payload(full_incident())
    assert incident_payload(incident_from_payload(payload)) == payload


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(incidents())
def test_generated_incidents_are_valid_and_round_trip(incident: Incident) -> None:
    incident.validate()
    payload = incident_payload(incident)
    restored = incident_from_payload(payload)
    assert restored == incident
    assert incident_payload(restored) == payload


def test_other_records_round_trip() -> None:
    records: list[Any] = [
        Person(
            display_name="M. R.",
            role="Director",
            relationship=Relationship.SENIOR_MANAGER,
            holds_power=True,
            notes="n",
        ),
        Colleague(
            pseudonym="Blue",
            real_name="Jo",
            consent=Consent(may_record="dates", until=date(2025, 1, 1)),
            last_contact=date(2024, 2, 2),
            created_at=datetime(2024, 1, 1, tzinfo=UTC),
        ),
        Conversation(
            colleague_id=2,
            held_on=date(2024, 2, 2),
            themes={ConversationTheme.WORK},
            referrals=[Referral(kind=ResourceKind.GP)],
            follow_up=FollowUp(due=date(2024, 3, 1), done=True, done_on=date(2024, 3, 2)),
        ),
        Strategy(
            title="Box breathing",
            category=StrategyCategory.CALM_BODY,
            steps=["In 4", "Out 4"],
            minutes=3,
        ),
    ]
    for record in records:
        data = json.loads(canonical_json(record_to_dict(record)))
        assert record_from_dict(type(record), data) == record


def test_missing_optional_key_takes_default_but_missing_required_fails() -> None:
    data = incident_to_dict(full_incident())
    del data["private_reflection"]
    assert incident_from_dict(data).private_reflection == ""
    del data["event_date"]
    with pytest.raises(ValidationError) as caught:
        incident_from_dict(data)
    assert caught.value.field == "event_date"


@pytest.mark.parametrize(
    ("path", "value", "field"),
    [
        (("schema",), SCHEMA_VERSION + 1, "schema"),
        (("schema",), "1", "schema"),
        (("severity",), "4", "severity"),
        (("severity",), True, "severity"),
        (("approximate",), 1, "approximate"),
        (("channel",), "carrier_pigeon", "channel"),
        (("event_date",), "2024-3-5", "event_date"),
        (("event_date",), "20240305", "event_date"),
        (("event_time",), "14:30:00+01:00", "event_time"),
        (("recorded_at",), "2024-03-05T16:45:12.345678", "recorded_at"),
        (("recorded_at",), "2024-03-05T16:45:12.345678+00:00", "recorded_at"),
        (("categories",), ["threats", "threats"], "categories"),
        (("categories",), "threats", "categories"),
        (("quotes", 0, "text"), 5, "quotes[0].text"),
        (("impact", "sought_help_date"), 20240306, "impact.sought_help_date"),
        (("impact", "mood"), "x", "impact.mood"),
        (("unknown_field",), 1, "unknown_field"),
    ],
)
def test_loading_is_strict_and_names_the_path(
    path: tuple[Any, ...], value: Any, field: str
) -> None:
    data = json.loads(canonical_json(incident_to_dict(full_incident())))
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    with pytest.raises(ValidationError) as caught:
        incident_from_dict(data)
    assert caught.value.field == field


@pytest.mark.parametrize(
    "raw",
    [b'{"a":1,"a":2}', b'{"a":NaN}', b"\xff\xfe", b"{not json", b'{"a":Infinity}'],
)
def test_loads_json_refuses_damaged_bytes(raw: bytes) -> None:
    with pytest.raises(ValidationError) as caught:
        loads_json(raw)
    assert caught.value.field == "payload"


def test_newer_schema_message_is_plain_english() -> None:
    data = incident_to_dict(Incident(event_date=date(2024, 1, 1), title="t"))
    data["schema"] = SCHEMA_VERSION + 1
    with pytest.raises(ValidationError, match="newer version of PeerDesk"):
        incident_from_dict(data)
