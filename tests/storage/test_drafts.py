"""Drafts: unsaved editor content kept encrypted, one per record."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from peerdesk.models.draft import Draft
from peerdesk.models.enums import RecordKind
from peerdesk.models.errors import ValidationError
from peerdesk.storage.drafts import DraftInfo, DraftRepository
from peerdesk.storage.repository import Change
from peerdesk.storage.vault import Vault
from tests.storage.test_vault_files import MARKER, assert_no_marker

PAYLOAD = {
    "title": "Shouted at in the stand-up",
    "narrative": 'He said: "you\'re useless" — in front of everyone.\n' * 3,
    "quotes": [{"speaker": "T. L.", "text": "Not again 👋"}],
    "severity": 4,
    "approximate": True,
    "tags": ["meeting", "café"],
    "nothing": None,
}


@pytest.fixture
def drafts(vault: Vault) -> DraftRepository:
    return DraftRepository(vault)


def rows(vault: Vault) -> int:
    row = vault.query_one("SELECT count(*) FROM drafts")
    assert row is not None
    return int(row[0])


def test_save_and_load_round_trip(drafts: DraftRepository) -> None:
    saved = drafts.save(Draft(record_kind=RecordKind.INCIDENT, record_id=7, payload=PAYLOAD))
    assert saved.saved_at is not None and saved.saved_at.utcoffset() == timedelta(0)
    loaded = drafts.load(RecordKind.INCIDENT, 7)
    assert loaded is not None
    assert loaded.payload == PAYLOAD
    assert loaded.record_kind is RecordKind.INCIDENT
    assert loaded.record_id == 7
    assert loaded.saved_at == saved.saved_at
    assert loaded == saved


def test_load_of_a_missing_draft_is_none(drafts: DraftRepository) -> None:
    assert drafts.load(RecordKind.PERSON, 1) is None
    assert drafts.load(RecordKind.PERSON, None) is None


def test_save_overwrites_the_same_record(vault: Vault, drafts: DraftRepository) -> None:
    seen: list[Change] = []
    drafts.subscribe(seen.append)
    first = drafts.save(Draft(record_kind=RecordKind.COLLEAGUE, record_id=3, payload={"v": 1}))
    second = drafts.save(Draft(record_kind=RecordKind.COLLEAGUE, record_id=3, payload={"v": 2}))
    assert rows(vault) == 1
    loaded = drafts.load(RecordKind.COLLEAGUE, 3)
    assert loaded is not None and loaded.payload == {"v": 2}
    assert first.saved_at is not None and second.saved_at is not None
    assert second.saved_at >= first.saved_at
    assert seen == [Change("added", (3,)), Change("changed", (3,))]


def test_new_record_drafts_none_and_zero_are_the_same(
    vault: Vault, drafts: DraftRepository
) -> None:
    drafts.save(Draft(record_kind=RecordKind.INCIDENT, record_id=None, payload={"a": 1}))
    drafts.save(Draft(record_kind=RecordKind.INCIDENT, record_id=0, payload={"a": 2}))  # type: ignore[arg-type]
    assert rows(vault) == 1
    by_none = drafts.load(RecordKind.INCIDENT, None)
    by_zero = drafts.load(RecordKind.INCIDENT, 0)
    assert by_none is not None and by_none == by_zero
    assert by_none.record_id is None and by_none.payload == {"a": 2}


def test_drafts_of_different_kinds_and_records_are_separate(
    vault: Vault, drafts: DraftRepository
) -> None:
    drafts.save(Draft(record_kind=RecordKind.INCIDENT, record_id=1, payload={"k": "i1"}))
    drafts.save(Draft(record_kind=RecordKind.PERSON, record_id=1, payload={"k": "p1"}))
    drafts.save(Draft(record_kind=RecordKind.INCIDENT, record_id=2, payload={"k": "i2"}))
    drafts.save(Draft(record_kind=RecordKind.INCIDENT, payload={"k": "new"}))
    assert rows(vault) == 4
    for kind, record_id, expected in [
        (RecordKind.INCIDENT, 1, "i1"),
        (RecordKind.PERSON, 1, "p1"),
        (RecordKind.INCIDENT, 2, "i2"),
        (RecordKind.INCIDENT, None, "new"),
    ]:
        draft = drafts.load(kind, record_id)
        assert draft is not None and draft.payload == {"k": expected}


def test_discard(vault: Vault, drafts: DraftRepository) -> None:
    seen: list[Change] = []
    drafts.subscribe(seen.append)
    drafts.save(Draft(record_kind=RecordKind.STRATEGY, record_id=5, payload={"x": 1}))
    drafts.save(Draft(record_kind=RecordKind.STRATEGY, record_id=6, payload={"x": 2}))
    assert drafts.discard(RecordKind.STRATEGY, 5) is True
    assert drafts.load(RecordKind.STRATEGY, 5) is None
    assert drafts.load(RecordKind.STRATEGY, 6) is not None
    assert drafts.discard(RecordKind.STRATEGY, 5) is False  # already gone: no error
    assert rows(vault) == 1
    assert seen[-1] == Change("removed", (5,))
    assert [c.kind for c in seen].count("removed") == 1


def test_list_shows_every_draft_without_payloads(
    vault: Vault, drafts: DraftRepository, monkeypatch: pytest.MonkeyPatch
) -> None:
    drafts.save(Draft(record_kind=RecordKind.INCIDENT, record_id=4, payload={"big": "x" * 10_000}))
    drafts.save(Draft(record_kind=RecordKind.CONVERSATION, payload={"y": 1}))
    drafts.save(Draft(record_kind=RecordKind.RESOURCE, record_id=9, payload={"z": 1}))
    sql: list[str] = []
    real_query = vault.query

    def recording_query(statement: str, params: object = ()) -> list[object]:
        sql.append(statement)
        return real_query(statement, params)  # type: ignore[arg-type]

    monkeypatch.setattr(vault, "query", recording_query)
    infos = drafts.list()
    assert sql and all("payload" not in s for s in sql)
    assert all(isinstance(i, DraftInfo) and not hasattr(i, "payload") for i in infos)
    assert {(i.kind, i.record_id) for i in infos} == {
        (RecordKind.INCIDENT, 4),
        (RecordKind.CONVERSATION, None),
        (RecordKind.RESOURCE, 9),
    }
    times = [i.saved_at for i in infos]
    assert times == sorted(times, reverse=True)  # newest first
    assert all(t.utcoffset() == timedelta(0) for t in times)


def test_list_is_empty_at_first_and_after_discarding(drafts: DraftRepository) -> None:
    assert drafts.list() == []
    drafts.save(Draft(record_kind=RecordKind.PERSON, record_id=2, payload={}))
    drafts.discard(RecordKind.PERSON, 2)
    assert drafts.list() == []


def test_list_skips_a_kind_it_does_not_know(vault: Vault, drafts: DraftRepository) -> None:
    drafts.save(Draft(record_kind=RecordKind.PERSON, record_id=2, payload={}))
    with vault.transaction() as tx:
        tx.execute(
            "INSERT INTO drafts(record_kind, record_id, payload, saved_at) "
            "VALUES ('from-a-newer-version', 1, '{}', "
            "'2030-01-01T00:00:00.000000+00:00')"
        )
    assert [(i.kind, i.record_id) for i in drafts.list()] == [(RecordKind.PERSON, 2)]


@pytest.mark.parametrize(
    "draft",
    [
        Draft(record_kind=RecordKind.INCIDENT, payload={"raw": b"bytes"}),
        Draft(record_kind=RecordKind.INCIDENT, payload={"nan": float("nan")}),
        Draft(record_kind=RecordKind.INCIDENT, record_id=-1, payload={}),
        Draft(record_kind="incident", payload={}),  # type: ignore[arg-type]
        Draft(record_kind=RecordKind.INCIDENT, payload=["not", "a", "dict"]),  # type: ignore[arg-type]
    ],
    ids=["bytes", "nan", "negative-id", "kind-as-text", "list-payload"],
)
def test_unstorable_drafts_are_refused(vault: Vault, drafts: DraftRepository, draft: Draft) -> None:
    with pytest.raises(ValidationError):
        drafts.save(draft)
    assert rows(vault) == 0


def test_a_damaged_payload_is_a_validation_error(vault: Vault, drafts: DraftRepository) -> None:
    with vault.transaction() as tx:
        tx.execute(
            "INSERT INTO drafts(record_kind, record_id, payload, saved_at) "
            "VALUES ('incident', 3, '{\"a\": ', "
            "'2030-01-01T00:00:00.000000+00:00')"
        )
    with pytest.raises(ValidationError):
        drafts.load(RecordKind.INCIDENT, 3)


def test_ten_megabytes_of_text_in_a_draft(drafts: DraftRepository) -> None:
    text = "Zeile mit Umlauten äöü und 👋\n" * 350_000
    assert len(text.encode()) > 10_000_000
    drafts.save(Draft(record_kind=RecordKind.INCIDENT, record_id=1, payload={"narrative": text}))
    loaded = drafts.load(RecordKind.INCIDENT, 1)
    assert loaded is not None and loaded.payload["narrative"] == text


def test_draft_text_is_not_in_the_raw_vault_file(vault_path: Path, passphrase: str) -> None:
    vault = Vault.create(vault_path, passphrase)
    drafts = DraftRepository(vault)
    for i in range(20):
        drafts.save(
            Draft(
                record_kind=RecordKind.INCIDENT,
                record_id=i + 1,
                payload={"narrative": f"{MARKER} draft {i} " + "é" * 200},
            )
        )
    assert Path(str(vault_path) + "-wal").exists()
    assert_no_marker(vault_path)  # while open, with a live -wal
    drafts.discard(RecordKind.INCIDENT, 1)
    vault.close()
    assert_no_marker(vault_path)
    with Vault.open(vault_path, passphrase) as again:
        loaded = DraftRepository(again).load(RecordKind.INCIDENT, 2)
        assert loaded is not None and MARKER in loaded.payload["narrative"]


# -- one draft per editor (issue 19 item 5) -----------------------------------------------------


def test_new_entry_drafts_and_quick_capture_never_replace_each_other(
    drafts: DraftRepository,
) -> None:
    # Before: one row per (kind, id), so the capture and every new entry shared one draft.
    from peerdesk.models.draft import CAPTURE_SLOT, new_entry_slot

    first, second = new_entry_slot(), new_entry_slot()
    assert first != second
    drafts.save(Draft(record_kind=RecordKind.INCIDENT, slot=first, payload={"n": "first"}))
    drafts.save(Draft(record_kind=RecordKind.INCIDENT, slot=CAPTURE_SLOT, payload={"n": "home"}))
    drafts.save(Draft(record_kind=RecordKind.INCIDENT, slot=second, payload={"n": "second"}))
    drafts.save(Draft(record_kind=RecordKind.INCIDENT, record_id=4, payload={"n": "old"}))
    assert drafts.discard(RecordKind.INCIDENT, None, CAPTURE_SLOT) is True  # Home box cleared
    loaded = {slot: drafts.load(RecordKind.INCIDENT, None, slot) for slot in (first, second)}
    assert {slot: d.payload["n"] for slot, d in loaded.items() if d} == {
        first: "first",
        second: "second",
    }
    assert all(d is not None and d.slot == slot for slot, d in loaded.items())
    assert drafts.load(RecordKind.INCIDENT, 4) is not None
    assert drafts.load(RecordKind.INCIDENT, None) is None  # no slot: not any of them
    listed = {(i.record_id, i.slot) for i in drafts.list()}
    assert listed == {(None, first), (None, second), (4, "")}


@pytest.mark.parametrize("slot", ["Entry 1", "x" * 65, "../etc", "entry\n"])
def test_a_slot_must_be_a_short_plain_name(drafts: DraftRepository, slot: str) -> None:
    with pytest.raises(ValidationError):
        drafts.save(Draft(record_kind=RecordKind.INCIDENT, slot=slot, payload={}))
