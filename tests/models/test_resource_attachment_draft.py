from __future__ import annotations

from datetime import UTC, datetime

import pytest

from peerdesk.models import (
    FILENAME_MAX,
    Attachment,
    Draft,
    RecordKind,
    Resource,
    ResourceKind,
    ValidationError,
    sha256_hex,
)

DIGEST = sha256_hex(b"screenshot bytes")


def test_resource_cleaned_uppercases_country() -> None:
    resource = Resource(
        name=" Samaritans ", kind=ResourceKind.HELPLINE, contact="116 123\r\n", country="gb"
    ).cleaned()
    assert (resource.name, resource.contact, resource.country) == ("Samaritans", "116 123", "GB")


@pytest.mark.parametrize(
    ("resource", "field"),
    [
        (Resource(name="X", kind=ResourceKind.HR, country="GBR"), "country"),
        (Resource(name="X", kind=ResourceKind.HR, country="g1"), "country"),
        (Resource(name="", kind=ResourceKind.HR), "name"),
        (Resource(name="X", kind=ResourceKind.HR, builtin=True), "key"),
        (Resource(name="X", kind=ResourceKind.HR, key="Not A Key", builtin=True), "key"),
        (Resource(name="X", kind=ResourceKind.HR, key="own-has-none"), "key"),
        (Resource(name="X", kind=ResourceKind.HR, contact="c" * 501), "contact"),
    ],
)
def test_resource_validation_names_the_field(resource: Resource, field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        resource.validate()
    assert caught.value.field == field


def test_builtin_resource_with_key_is_valid() -> None:
    Resource(
        key="uk-samaritans",
        name="Samaritans",
        kind=ResourceKind.HELPLINE,
        country="GB",
        builtin=True,
    ).validate()


def test_attachment_cleaned_drops_folders_and_surrogates() -> None:
    attachment = Attachment(
        original_name="C:\\Users\\me\\Desktop/bad\udcffname.PNG",
        media_type=" Image/PNG ",
        size=17,
        sha256=DIGEST.upper(),
        added_at=datetime(2024, 1, 1, tzinfo=UTC),
    ).cleaned()
    assert attachment.original_name == "bad\ufffdname.PNG"
    assert attachment.media_type == "image/png"
    assert attachment.sha256 == DIGEST


def test_attachment_display_name_reveals_bidi_override() -> None:
    attachment = Attachment(original_name="invoice\u202efdp.exe", size=1, sha256=DIGEST)
    attachment.validate()
    assert attachment.original_name == "invoice\u202efdp.exe"
    assert attachment.display_name() == "invoice[U+202E]fdp.exe"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"original_name": "a/b.png"}, "original_name"),
        ({"original_name": "n" * (FILENAME_MAX + 1)}, "original_name"),
        ({"original_name": ""}, "original_name"),
        ({"media_type": "png"}, "media_type"),
        ({"size": -1}, "size"),
        ({"sha256": "abc"}, "sha256"),
        ({"sha256": DIGEST.upper()}, "sha256"),
        ({"added_at": datetime(2024, 1, 1)}, "added_at"),
        ({"description": "d" * 501}, "description"),
    ],
)
def test_attachment_validation_names_the_field(changes: dict[str, object], field: str) -> None:
    attachment = Attachment(original_name="a.png", media_type="image/png", size=3, sha256=DIGEST)
    for name, value in changes.items():
        setattr(attachment, name, value)
    with pytest.raises(ValidationError) as caught:
        attachment.validate()
    assert caught.value.field == field


def test_draft_payload_must_be_json_able() -> None:
    draft = Draft(record_kind=RecordKind.INCIDENT, payload={"title": "half-written", "n": [1, 2]})
    draft.validate()
    assert draft.payload_bytes() == b'{"n":[1,2],"title":"half-written"}'
    draft.payload = {"bad": b"bytes"}
    with pytest.raises(ValidationError) as caught:
        draft.validate()
    assert caught.value.field == "payload"
    draft.payload = {"bad": float("nan")}
    with pytest.raises(ValidationError):
        draft.validate()


def test_draft_needs_a_record_kind_and_utc_time() -> None:
    with pytest.raises(ValidationError) as caught:
        Draft(record_kind="incident").validate()  # type: ignore[arg-type]
    assert caught.value.field == "record_kind"
    with pytest.raises(ValidationError) as caught:
        Draft(record_kind=RecordKind.PERSON, saved_at=datetime(2024, 1, 1)).validate()
    assert caught.value.field == "saved_at"


def test_a_quick_capture_keeps_its_text_and_time() -> None:
    from datetime import datetime

    from peerdesk.models.draft import capture_payload, capture_when

    when = datetime(2026, 11, 30, 17, 45)
    payload = capture_payload("He shouted at me", when)
    assert payload["narrative"] == "He shouted at me"
    assert capture_when(payload) == when
    assert capture_when({"narrative": "no time kept"}) is None
    assert capture_when({"event_date": "not a date", "event_time": "17:45"}) is None
