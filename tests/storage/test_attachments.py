"""Evidence attachments: bytes kept exactly, inside the vault only, checked on the way in."""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterator
from datetime import UTC
from pathlib import Path

import pytest
import sqlcipher3

from peerdesk.models.errors import ValidationError
from peerdesk.models.text import visible_filename
from peerdesk.storage.attachments import (
    DEFAULT_MAX_BYTES,
    AttachmentRejected,
    AttachmentRepository,
    AttachmentTooLarge,
    format_size,
)
from peerdesk.storage.connection import utc_now_text
from peerdesk.storage.errors import RecordNotFound, VaultError
from peerdesk.storage.repository import Change
from peerdesk.storage.sniff import ImageInfo
from peerdesk.storage.vault import Vault
from tests.storage.test_sniff import EXE, make_jpeg, make_png
from tests.storage.test_vault_files import MARKER, assert_no_marker

MIB = 1024 * 1024


def insert_incident(vault: Vault, number: int = 1) -> int:
    """A minimal incident row, written directly (the incident repository is not needed)."""
    now = utc_now_text()
    with vault.transaction() as tx:
        cursor = tx.execute(
            "INSERT INTO incidents(record_number, recorded_at, last_amended_at, revision_count, "
            "event_date, approximate, channel, title, severity, reported, after_complaint, "
            "content) VALUES (?, ?, ?, 1, '2025-03-04', 0, 'in_person', 'Test', 3, 0, 0, '{}')",
            (number, now, now),
        )
        return int(cursor.lastrowid)


def stored_count(vault: Vault, incident_id: int) -> int:
    row = vault.query_one("SELECT attachment_count FROM incidents WHERE id = ?", (incident_id,))
    assert row is not None
    return int(row[0])


def table_rows(vault: Vault, table: str) -> int:
    row = vault.query_one(f"SELECT count(*) FROM {table}")  # noqa: S608 - fixed names
    assert row is not None
    return int(row[0])


@pytest.fixture
def repo(vault: Vault) -> AttachmentRepository:
    return AttachmentRepository(vault)


@pytest.fixture
def changes(repo: AttachmentRepository) -> list[Change]:
    seen: list[Change] = []
    repo.subscribe(seen.append)
    return seen


# -- round trip ---------------------------------------------------------------------------------


def test_round_trip_keeps_every_byte(vault: Vault, repo: AttachmentRepository) -> None:
    incident = insert_incident(vault)
    png = make_png(3, 2)
    added = repo.add(incident, "screenshot.png", png, description="Chat at 09:12")
    assert added.id is not None
    assert repo.read_bytes(added.id) == png
    got = repo.get(added.id)
    assert got == added
    assert got.incident_id == incident
    assert got.original_name == "screenshot.png"
    assert got.media_type == "image/png"
    assert got.size == len(png)
    assert got.sha256 == hashlib.sha256(png).hexdigest()
    assert got.description == "Chat at 09:12"
    assert got.added_at is not None and got.added_at.tzinfo is not None
    assert got.added_at.utcoffset() == UTC.utcoffset(None)
    assert repo.image_size(added.id) == ImageInfo(3, 2)


def test_five_megabytes_of_random_bytes_round_trip(
    vault: Vault, repo: AttachmentRepository
) -> None:
    blob = random.Random(7731).randbytes(5 * MIB)
    added = repo.add(None, "recording.bin", blob)
    assert added.id is not None
    assert added.size == 5 * MIB
    assert added.sha256 == hashlib.sha256(blob).hexdigest()
    back = repo.read_bytes(added.id)
    assert type(back) is bytes
    assert back == blob
    assert repo.verify(added.id)
    assert vault.integrity_problems() == []


def test_bytearray_and_memoryview_are_accepted(repo: AttachmentRepository) -> None:
    data = bytearray(b"some notes\n")
    added = repo.add(None, "notes.txt", data)  # type: ignore[arg-type]
    data[0:4] = b"XXXX"  # changing the caller's buffer afterwards changes nothing stored
    assert added.id is not None
    assert repo.read_bytes(added.id) == b"some notes\n"
    other = repo.add(None, "n.txt", memoryview(b"more notes\n"))  # type: ignore[arg-type]
    assert other.id is not None and repo.verify(other.id)


def test_media_type_comes_from_content_not_the_name(repo: AttachmentRepository) -> None:
    assert repo.add(None, "photo.png", EXE).media_type == "application/octet-stream"
    assert repo.add(None, "notes.txt", make_png(2, 2)).media_type == "image/png"
    jpeg = repo.add(None, "IMG_0001", make_jpeg(4032, 3024))
    assert jpeg.media_type == "image/jpeg"
    assert jpeg.id is not None and repo.image_size(jpeg.id) == ImageInfo(4032, 3024)
    text = repo.add(None, "x.pdf", b"just words\n")
    assert text.media_type == "text/plain"
    assert text.id is not None and repo.image_size(text.id) is None


# -- refusals ---------------------------------------------------------------------------------


def test_empty_file_is_refused(
    vault: Vault, repo: AttachmentRepository, changes: list[Change]
) -> None:
    with pytest.raises(AttachmentRejected) as info:
        repo.add(None, "empty.txt", b"")
    assert "empty" in info.value.user_message
    assert not isinstance(info.value, AttachmentTooLarge)
    assert table_rows(vault, "attachments") == 0
    assert changes == []


def test_over_the_cap_is_refused_with_the_limit_in_mb(vault: Vault) -> None:
    small = AttachmentRepository(vault, max_bytes=1024)
    assert small.add(None, "exactly.bin", b"\x01" * 1024).size == 1024
    with pytest.raises(AttachmentTooLarge) as info:
        small.add(None, "big.bin", b"\x01" * 1025)
    error = info.value
    assert isinstance(error, AttachmentRejected) and isinstance(error, VaultError)
    assert error.limit == 1024 and error.size == 1025
    assert "it is 1 KB and the limit is 1 KB" in error.user_message
    assert table_rows(vault, "attachments") == 1
    assert table_rows(vault, "attachment_blobs") == 1


def test_default_cap_is_50_mb_and_named_so() -> None:
    assert DEFAULT_MAX_BYTES == 50 * MIB
    message = AttachmentTooLarge(63 * MIB + MIB // 5, DEFAULT_MAX_BYTES).user_message
    assert "it is 63.2 MB and the limit is 50 MB" in message


@pytest.mark.parametrize(
    ("size", "shown"),
    [
        (0, "0 bytes"),
        (1, "1 byte"),
        (38, "38 bytes"),
        (1023, "1,023 bytes"),
        (1024, "1 KB"),
        (12 * 1024, "12 KB"),
        (1536, "1.5 KB"),
        (MIB - 1, "1 MB"),
        (int(3.4 * MIB), "3.4 MB"),
        (100 * MIB, "100 MB"),
        (50 * MIB, "50 MB"),
        (3 * 1024 * MIB, "3 GB"),
    ],
)
def test_sizes_are_shown_as_people_read_them(size: int, shown: str) -> None:
    # A 38-byte file used to show as "3e-05 MB".
    assert format_size(size) == shown


def test_picture_declaring_30000_by_30000_is_refused(
    vault: Vault, repo: AttachmentRepository
) -> None:
    bomb = make_png(30000, 30000, pixels=False)
    assert len(bomb) < 1000
    with pytest.raises(AttachmentRejected) as info:
        repo.add(None, "tiny.png", bomb)
    message = info.value.user_message
    assert "30,000 x 30,000" in message and "Nothing was added" in message
    assert not isinstance(info.value, AttachmentTooLarge)
    assert table_rows(vault, "attachments") == 0


def test_unknown_incident_is_refused_and_nothing_stored(
    vault: Vault, repo: AttachmentRepository
) -> None:
    with pytest.raises(RecordNotFound) as info:
        repo.add(999, "a.txt", b"hello\n")
    assert info.value.user_message == "That record no longer exists."
    assert table_rows(vault, "attachments") == 0
    assert table_rows(vault, "attachment_blobs") == 0


def test_a_name_that_is_only_a_folder_is_a_validation_error(repo: AttachmentRepository) -> None:
    with pytest.raises(ValidationError) as info:
        repo.add(None, "some/folder/", b"x")
    assert info.value.field == "original_name"


@pytest.mark.parametrize("method", ["get", "read_bytes", "remove", "verify", "image_size"])
def test_unknown_id_is_record_not_found(repo: AttachmentRepository, method: str) -> None:
    with pytest.raises(RecordNotFound):
        getattr(repo, method)(12345)


def test_unknown_ids_in_attach_and_update(vault: Vault, repo: AttachmentRepository) -> None:
    incident = insert_incident(vault)
    added = repo.add(None, "a.txt", b"a\n")
    assert added.id is not None
    with pytest.raises(RecordNotFound):
        repo.attach(12345, incident)
    with pytest.raises(RecordNotFound):
        repo.attach(added.id, 999)
    with pytest.raises(RecordNotFound):
        repo.update_description(12345, "x")
    assert repo.get(added.id).incident_id is None


# -- names ------------------------------------------------------------------------------------


def test_hostile_file_name_is_stored_and_shown_visibly(repo: AttachmentRepository) -> None:
    name = "invoice\x00\udcff\u202efdp.exe"
    added = repo.add(None, name, b"MZ not really\n")
    assert added.id is not None
    stored = repo.get(added.id).original_name
    assert stored == "invoice\ufffd\u202efdp.exe"  # NUL gone, surrogate replaced, bidi kept
    shown = repo.get(added.id).display_name()
    assert shown == "invoice\ufffd[U+202E]fdp.exe"
    assert shown == visible_filename(stored)
    assert "\u202e" not in shown


def test_folders_are_dropped_from_the_name(repo: AttachmentRepository) -> None:
    assert repo.add(None, "C:\\Users\\me\\Desktop\\note.txt", b"x\n").original_name == "note.txt"
    assert repo.add(None, "/home/me/évidence.txt", b"x\n").original_name == "évidence.txt"


# -- listing never loads bytes ------------------------------------------------------------------


@pytest.fixture
def reads(vault: Vault) -> Iterator[list[tuple[str, str]]]:
    """Every (table, column) SQLite reads while the authorizer is set: proof by the engine
    itself of what a statement touches."""
    seen: list[tuple[str, str]] = []

    def authorizer(action: int, arg1: str | None, arg2: str | None, *_: object) -> int:
        if action == sqlcipher3.SQLITE_READ and arg1 is not None:
            seen.append((arg1, arg2 or ""))
        return sqlcipher3.SQLITE_OK

    conn = vault._connection()
    conn.set_authorizer(authorizer)
    yield seen
    conn.set_authorizer(None)


def test_listing_never_reads_the_blob_table(
    vault: Vault,
    repo: AttachmentRepository,
    reads: list[tuple[str, str]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    incident = insert_incident(vault)
    for i in range(3):
        repo.add(incident, f"file-{i}.bin", random.Random(i).randbytes(100_000))
    sql: list[str] = []
    real_query = vault.query

    def recording_query(statement: str, params: object = ()) -> list[sqlcipher3.Row]:
        sql.append(statement)
        return real_query(statement, params)  # type: ignore[arg-type]

    monkeypatch.setattr(vault, "query", recording_query)
    reads.clear()
    listed = repo.list_for_incident(incident)
    assert [a.original_name for a in listed] == ["file-0.bin", "file-1.bin", "file-2.bin"]
    assert reads, "the authorizer saw nothing: the check would prove nothing"
    assert {table for table, _ in reads} == {"attachments"}
    assert "data" not in {column for _, column in reads}
    assert sql and all("attachment_blobs" not in s and "data" not in s for s in sql)

    for method in (repo.get, repo.image_size):
        reads.clear()
        method(listed[0].id)
        assert {table for table, _ in reads} == {"attachments"}
    reads.clear()
    repo.list_unattached()
    repo.count_for_incident(incident)
    assert "attachment_blobs" not in {table for table, _ in reads}

    # The positive control: reading the bytes does read the blob table.
    reads.clear()
    assert listed[0].id is not None
    repo.read_bytes(listed[0].id)
    assert ("attachment_blobs", "data") in reads


# -- attachment_count ---------------------------------------------------------------------------


def test_attachment_count_kept_in_step(vault: Vault, repo: AttachmentRepository) -> None:
    a, b = insert_incident(vault, 1), insert_incident(vault, 2)
    first = repo.add(a, "1.txt", b"1\n")
    second = repo.add(a, "2.txt", b"2\n")
    loose = repo.add(None, "3.txt", b"3\n")
    assert first.id and second.id and loose.id
    assert (stored_count(vault, a), stored_count(vault, b)) == (2, 0)
    assert [x.id for x in repo.list_unattached()] == [loose.id]

    repo.attach(loose.id, a)
    assert stored_count(vault, a) == 3 == repo.count_for_incident(a)
    assert repo.list_unattached() == []

    repo.attach(second.id, b)
    assert (stored_count(vault, a), stored_count(vault, b)) == (2, 1)
    assert [x.id for x in repo.list_for_incident(b)] == [second.id]

    repo.remove(first.id)
    assert (stored_count(vault, a), stored_count(vault, b)) == (1, 1)
    assert repo.count_for_incident(a) == 1
    repo.remove(second.id)
    assert stored_count(vault, b) == 0


def test_evidence_of_a_draft_is_not_an_orphan_until_its_draft_is_gone(
    vault: Vault, repo: AttachmentRepository
) -> None:
    from peerdesk.models import Draft, RecordKind
    from peerdesk.storage.drafts import DraftRepository

    drafts = DraftRepository(vault)
    drafts.save(Draft(record_kind=RecordKind.INCIDENT, slot="entry-a", payload={"t": 1}))
    owned = repo.add(None, "mine.txt", b"owned\n", draft_slot="entry-a")
    lost = repo.add(None, "lost.txt", b"lost\n", draft_slot="entry-dead")  # editor died first
    legacy = repo.add(None, "old.txt", b"old\n")  # no draft recorded (an older PeerDesk)
    incident = insert_incident(vault)
    kept = repo.add(incident, "kept.txt", b"kept\n", draft_slot="entry-a")
    assert owned.id and lost.id and legacy.id and kept.id
    assert [a.id for a in repo.list_for_draft("entry-a")] == [owned.id]
    assert repo.list_for_draft("") == []
    assert [a.id for a in repo.list_orphans()] == [lost.id, legacy.id]

    repo.attach(lost.id, incident)  # Attach: belongs to that entry now
    assert [a.id for a in repo.list_orphans()] == [legacy.id]
    assert stored_count(vault, incident) == 2
    repo.remove(legacy.id)  # Delete
    assert repo.list_orphans() == []

    # Discarding the draft takes its evidence with it (never left where no screen lists it);
    # evidence already attached to an entry stays.
    assert drafts.discard(RecordKind.INCIDENT, None, "entry-a") is True
    assert repo.list_for_draft("entry-a") == [] and repo.list_orphans() == []
    with pytest.raises(RecordNotFound):
        repo.get(owned.id)
    assert repo.get(kept.id).incident_id == incident
    assert table_rows(vault, "attachment_blobs") == 2


def test_remove_deletes_the_bytes(vault: Vault, repo: AttachmentRepository) -> None:
    added = repo.add(None, "a.txt", b"bytes to forget\n")
    assert added.id is not None
    repo.remove(added.id)
    assert table_rows(vault, "attachments") == 0
    assert table_rows(vault, "attachment_blobs") == 0
    with pytest.raises(RecordNotFound):
        repo.read_bytes(added.id)


def test_deleting_an_incident_takes_its_attachments(
    vault: Vault, repo: AttachmentRepository
) -> None:
    incident = insert_incident(vault)
    repo.add(incident, "a.txt", b"a\n")
    with vault.transaction() as tx:
        tx.execute("DELETE FROM incidents WHERE id = ?", (incident,))
    assert table_rows(vault, "attachments") == 0
    assert table_rows(vault, "attachment_blobs") == 0


# -- description, verify ----------------------------------------------------------------------


def test_update_description_is_cleaned(repo: AttachmentRepository, changes: list[Change]) -> None:
    added = repo.add(None, "a.txt", b"a\n")
    assert added.id is not None
    updated = repo.update_description(added.id, "  Email from the manager\x00  ")
    assert updated.description == "  Email from the manager"  # NUL gone, trailing space too
    assert repo.get(added.id).description == updated.description
    assert changes[-1] == Change("changed", (added.id,))
    with pytest.raises(ValidationError):
        repo.update_description(added.id, "x" * 501)


def test_verify_detects_changed_bytes(vault: Vault, repo: AttachmentRepository) -> None:
    added = repo.add(None, "a.txt", b"original evidence\n")
    assert added.id is not None
    assert repo.verify(added.id) is True
    with vault.transaction() as tx:
        tx.execute(
            "UPDATE attachment_blobs SET data = ? WHERE attachment_id = ?",
            (b"original evidencE\n", added.id),
        )
    assert repo.verify(added.id) is False
    with vault.transaction() as tx:
        tx.execute("DELETE FROM attachment_blobs WHERE attachment_id = ?", (added.id,))
    assert repo.verify(added.id) is False


# -- notifications --------------------------------------------------------------------------------


def test_change_notifications_fire_after_commit(vault: Vault, repo: AttachmentRepository) -> None:
    incident = insert_incident(vault)
    other = vault.sibling()  # a second connection sees only committed data
    seen: list[tuple[Change, int]] = []

    def listener(change: Change) -> None:
        row = other.query_one("SELECT count(*) FROM attachments")
        assert row is not None
        seen.append((change, int(row[0])))

    unsubscribe = repo.subscribe(listener)
    try:
        added = repo.add(None, "a.txt", b"a\n")
        assert added.id is not None
        repo.attach(added.id, incident)
        repo.attach(added.id, incident)  # no move, no notification
        repo.remove(added.id)
        with pytest.raises(AttachmentRejected):
            repo.add(None, "e.txt", b"")
    finally:
        unsubscribe()
        other.close()
    assert seen == [
        (Change("added", (added.id,)), 1),
        (Change("changed", (added.id,)), 1),
        (Change("removed", (added.id,)), 0),
    ]


# -- nothing in plaintext on disk -----------------------------------------------------------------


def test_no_plaintext_from_bytes_or_name_on_disk(vault_path: Path, passphrase: str) -> None:
    vault = Vault.create(vault_path, passphrase)
    repo = AttachmentRepository(vault)
    incident = insert_incident(vault)
    body = (f"{MARKER} the email text\n" * 200).encode()
    ids = []
    for encoding in ("utf-8", "utf-16"):
        ids.append(
            repo.add(
                incident,
                f"{MARKER}.txt",
                (MARKER * 50).encode(encoding),
                description=f"{MARKER} description",
            ).id
        )
    ids.append(repo.add(incident, f"mail-{MARKER}.eml", body).id)
    assert Path(str(vault_path) + "-wal").exists()
    assert_no_marker(vault_path)  # while open, with a live -wal
    repo.remove(ids[0])  # type: ignore[arg-type]
    assert_no_marker(vault_path)
    vault.close()
    assert_no_marker(vault_path)
    with Vault.open(vault_path, passphrase) as again:
        assert AttachmentRepository(again).read_bytes(ids[2]) == body  # type: ignore[arg-type]
