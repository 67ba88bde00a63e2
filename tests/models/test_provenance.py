"""An imported entry's provenance: validated, serialised with the entry, and absent otherwise."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from peerdesk.models import Incident, ValidationError
from peerdesk.models.provenance import SOURCE_NAMES, Provenance
from peerdesk.models.serialize import incident_from_payload, incident_payload

FP = "ab" * 32


def test_an_entry_written_here_serialises_without_provenance() -> None:
    payload = incident_payload(Incident(event_date=date(2026, 3, 1), title="t").cleaned())
    assert b"provenance" not in payload


def test_provenance_round_trips_through_the_payload() -> None:
    written = datetime(2025, 11, 3, 8, 15, tzinfo=UTC)
    incident = Incident(
        event_date=date(2025, 11, 3),
        title="From Day One",
        provenance=Provenance(
            source="dayone", fingerprint=FP.upper(), written_at=written, zone="Europe/Berlin"
        ),
    ).cleaned()
    assert incident.provenance is not None and incident.provenance.fingerprint == FP
    back = incident_from_payload(incident_payload(incident))
    assert back.provenance == incident.provenance
    assert back.provenance is not None and back.provenance.source_name() == "Day One"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"source": "evernote"}, "provenance.source"),
        ({"fingerprint": "xyz"}, "provenance.fingerprint"),
        (
            {"written_at": datetime(2025, 1, 1, 9, tzinfo=timezone(timedelta(hours=2)))},
            "provenance.written_at",
        ),
        (
            {"written_at": datetime(2025, 1, 1, tzinfo=UTC), "written_on": date(2025, 1, 1)},
            "provenance.written_on",
        ),
        ({"reference": "x" * 501}, "provenance.reference"),
    ],
)
def test_bad_provenance_is_refused_naming_the_field(change: dict[str, object], field: str) -> None:
    values: dict[str, object] = {"source": "jrnl", "fingerprint": FP, **change}
    incident = Incident(event_date=date(2025, 1, 1), title="t", provenance=Provenance(**values))  # type: ignore[arg-type]
    with pytest.raises(ValidationError) as raised:
        incident.cleaned()
    assert raised.value.field == field


def test_every_source_has_words() -> None:
    assert all(SOURCE_NAMES.values())
    assert Provenance(source="csv", fingerprint=FP).source_name() == "the CSV file"
