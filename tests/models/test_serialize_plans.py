"""Loading resolves each record class's field types once (issue 18, item 2): a second load
asks ``typing`` nothing, and still refuses what it refused before."""

from __future__ import annotations

import typing

import pytest

from peerdesk.models import ValidationError, serialize
from peerdesk.models.serialize import incident_from_payload, incident_payload
from tests.models.factories import full_incident


def test_a_second_load_asks_typing_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    payload = incident_payload(full_incident())
    incident_from_payload(payload)  # the plans for every class in an entry are made here
    calls: list[str] = []

    def counted(name: str) -> typing.Any:
        real = getattr(typing, name)

        def wrapper(*args: typing.Any, **kwargs: typing.Any) -> typing.Any:
            calls.append(name)
            return real(*args, **kwargs)

        return wrapper

    for name in ("get_origin", "get_args", "get_type_hints"):
        monkeypatch.setattr(serialize.typing, name, counted(name))
    again = incident_from_payload(payload)
    assert calls == []
    assert incident_payload(again) == payload  # byte-identical round trip


def test_a_cached_plan_still_names_the_damaged_path() -> None:
    payload = incident_payload(full_incident())
    incident_from_payload(payload)
    damaged = payload.replace(b'"reports":[{', b'"reports":[{"unknown":1,', 1)
    assert damaged != payload
    with pytest.raises(ValidationError) as error:
        incident_from_payload(damaged)
    assert error.value.field == "reports[0].unknown"
