"""After a permanent deletion, the automatic backups are replaced by one fresh verified backup
(issue 19, item 2), and the vault file keeps no deleted content in its free pages.

Backups are encrypted, so scanning their bytes proves nothing: every backup is opened with the
passphrase and searched through the repositories and cell by cell. The vault file itself is
decrypted page by page (free pages included) with SQLCipher 4's documented page format.
"""

from __future__ import annotations

import contextlib
import hashlib
import resource
import signal
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from peerdesk import paths
from peerdesk.models import Colleague, Consent, Conversation, Draft, RecordKind, Referral
from peerdesk.models.enums import ResourceKind
from peerdesk.storage import backup as bk
from peerdesk.storage import backup_files
from peerdesk.storage.colleagues import ColleagueRepository
from peerdesk.storage.connection import PAGE_SIZE
from peerdesk.storage.conversations import ConversationRepository
from peerdesk.storage.drafts import DraftRepository
from peerdesk.storage.search import Search
from peerdesk.storage.vault import Vault

MARKER = "Quillonmarker"


# -- helpers, shared with tests/ui/supporter/test_colleague_deletion_backups.py --


def add_marked_colleague(
    vault: Vault, marker: str, *, retention_months: int = 24, held_on: date | None = None
) -> tuple[int, int]:
    """A colleague whose pseudonym, real name, notes, consent, conversation, referral and
    draft all carry ``marker``. Returns (colleague id, conversation id)."""
    colleagues = ColleagueRepository(vault)
    conversations = ConversationRepository(vault, colleagues=colleagues)
    colleague = colleagues.add(
        Colleague(
            pseudonym=f"Wren {marker}",
            real_name=f"Real {marker}",
            retention_months=retention_months,
            consent=Consent(may_record=f"consent {marker}"),
            notes=f"notes {marker}",
        )
    )
    assert colleague.id is not None
    conversation = conversations.add(
        Conversation(
            colleague_id=colleague.id,
            held_on=held_on or date.today() - timedelta(days=3),
            summary=f"summary {marker}",
            actions_agreed=f"actions {marker}",
            debrief=f"debrief {marker}",
            referrals=[Referral(kind=ResourceKind.HELPLINE, note=f"referral {marker}")],
        )
    )
    assert conversation.id is not None
    DraftRepository(vault).save(
        Draft(
            record_kind=RecordKind.CONVERSATION,
            record_id=conversation.id,
            payload={"summary": f"draft {marker}"},
        )
    )
    return colleague.id, conversation.id


def where_vault_holds(vault: Vault, marker: str) -> list[str]:
    """Every place in an open vault where ``marker`` is found: through the repositories (search,
    colleagues with their real names, conversations, drafts) and in every cell of every table."""
    found: list[str] = []
    folded = marker.casefold()
    colleagues = ColleagueRepository(vault)
    conversations = ConversationRepository(vault, colleagues=colleagues)
    if Search(vault).search(marker):
        found.append("search")
    for colleague in colleagues.list():
        assert colleague.id is not None
        held = colleagues.what_i_hold(colleague.id)
        texts = [
            held.colleague.pseudonym,
            held.colleague.real_name,
            held.colleague.notes,
            str(held.colleague.consent),
        ]
        for c in held.conversations:
            texts += [c.summary, c.actions_agreed, c.debrief, *(r.note for r in c.referrals)]
        if any(folded in t.casefold() for t in texts):
            found.append(f"colleague {colleague.id}")
    for draft in DraftRepository(vault).list():
        loaded = DraftRepository(vault).load(draft.kind, draft.record_id)
        if loaded is not None and folded in repr(loaded.payload).casefold():
            found.append("draft")
    if conversations.count() != sum(conversations.count(c.id) for c in colleagues.list()):
        found.append("conversations of no colleague")
    tables = [
        str(r[0])
        for r in vault.query(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    for table in tables:
        quoted = '"' + table.replace('"', '""') + '"'
        # The table names come from the file's own schema, quoted as identifiers.
        for row in vault.query(f"SELECT * FROM {quoted}"):  # noqa: S608
            for cell in tuple(row):
                text = cell.decode("utf-8", "replace") if isinstance(cell, bytes) else str(cell)
                if folded in text.casefold():
                    found.append(f"table {table}")
    return found


def where_backup_holds(path: Path, passphrase: str, marker: str) -> list[str]:
    """Open the backup at ``path`` with the passphrase and say where it holds ``marker``."""
    with Vault.open(path, passphrase) as copy:
        return where_vault_holds(copy, marker)


def automatic_backups(folder: Path, vault_path: Path) -> list[Path]:
    return [
        b.path
        for b in backup_files.list_backups(folder, vault_path)
        if bk.AUTOMATIC_REASON.match(b.reason)
    ]


def decrypted_pages(path: Path, passphrase: str) -> Iterator[bytes]:
    """Every page of a SQLCipher 4 file (default settings: PBKDF2-HMAC-SHA512 with 256,000
    iterations, AES-256-CBC, 80 reserved bytes of IV and HMAC), decrypted — free pages and
    pages no table uses included. A test oracle only: PeerDesk never decrypts by hand."""
    ciphers = pytest.importorskip("cryptography.hazmat.primitives.ciphers")
    data = path.read_bytes()
    key = hashlib.pbkdf2_hmac("sha512", passphrase.encode("utf-8"), data[:16], 256_000, 32)
    for number in range(len(data) // PAGE_SIZE):
        page = data[number * PAGE_SIZE : (number + 1) * PAGE_SIZE]
        start = 16 if number == 0 else 0  # page 1 starts with the salt
        iv = page[PAGE_SIZE - 80 : PAGE_SIZE - 64]
        decryptor = ciphers.Cipher(ciphers.algorithms.AES(key), ciphers.modes.CBC(iv)).decryptor()
        yield decryptor.update(page[start : PAGE_SIZE - 80]) + decryptor.finalize()


@contextlib.contextmanager
def file_size_limit(max_bytes: int) -> Iterator[None]:
    """Writes past ``max_bytes`` fail (EFBIG) for this process, as on a full disk — for root
    too, unlike a read-only folder."""
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    old_handler = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (max_bytes, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, old_handler)


# -- replacing the automatic backups ---------------------------------------------------------------


def test_automatic_backups_are_replaced_by_one_without_the_deleted(
    vault_path: Path, passphrase: str, tmp_path: Path
) -> None:
    folder = tmp_path / "backups"
    upgrade_folder = paths.backups_dir()
    keeper = "Stayputmarker"
    with Vault.create(vault_path, passphrase) as vault:
        gone, _ = add_marked_colleague(vault, MARKER)
        add_marked_colleague(vault, keeper)
        made = [bk.automatic_backup(vault, folder, keep=10, reason="unlock") for _ in range(3)]
        upgrade = bk.backup_before(vault, upgrade_folder, reason="before-upgrade-v1")
        passwd = bk.backup_before(vault, folder, reason="before-passwd")
        manual = bk.automatic_backup(vault, folder, keep=10, reason="manual")  # Back up now
        # Another vault with the same file name and the same passphrase: not ours to touch.
        other_dir = tmp_path / "elsewhere"
        other_dir.mkdir()
        with Vault.create(other_dir / vault_path.name, passphrase) as other:
            add_marked_colleague(other, MARKER)
            foreign = bk.automatic_backup(other, folder, keep=10, reason="unlock")
        for path in [*made, upgrade, passwd]:
            assert where_backup_holds(path, passphrase, MARKER)  # they hold it before

        ColleagueRepository(vault).delete_completely(gone)
        result = bk.replace_automatic_backups(vault, folder, also=(upgrade_folder,))

    assert result.fresh is not None and result.fresh.parent == folder
    assert sorted(result.removed) == sorted([*made, upgrade, passwd])
    assert sorted(automatic_backups(folder, vault_path)) == sorted([foreign, result.fresh])
    assert automatic_backups(upgrade_folder, vault_path) == []
    for path in automatic_backups(folder, vault_path):
        if path != foreign:
            assert where_backup_holds(path, passphrase, MARKER) == []
            assert where_backup_holds(path, passphrase, keeper)  # the rest is all there
    backup_files.verify_file(result.fresh, passphrase)
    # What the user made, and the other vault's backup, are left alone — and said so.
    assert manual.exists() and foreign.exists()
    assert sorted(result.left) == sorted([manual, foreign])
    assert where_backup_holds(manual, passphrase, MARKER)
    assert where_backup_holds(foreign, passphrase, MARKER)


def test_a_deletion_is_remembered_in_the_vault_until_its_backups_are_replaced(
    vault_path: Path, passphrase: str, tmp_path: Path
) -> None:
    """A quit or crash between the deletion and the replacement loses nothing: the vault itself
    says its automatic backups still hold something deleted, until they are replaced."""
    from peerdesk.storage.settings import BACKUPS_HOLD_DELETED, VaultSettings

    folder = tmp_path / "backups"
    with Vault.create(vault_path, passphrase) as vault:
        gone, _ = add_marked_colleague(vault, MARKER)
        _, conversation = add_marked_colleague(vault, "Stayputmarker")
        bk.automatic_backup(vault, folder, keep=10, reason="unlock")
        assert VaultSettings(vault).get(BACKUPS_HOLD_DELETED) is None
        ColleagueRepository(vault).delete_completely(gone)
    with Vault.open(vault_path, passphrase) as vault:  # as after a quit
        assert VaultSettings(vault).get(BACKUPS_HOLD_DELETED) == 1
        ConversationRepository(vault).delete(conversation)
        assert VaultSettings(vault).get(BACKUPS_HOLD_DELETED) == 2
        result = bk.replace_automatic_backups(vault, folder)
        assert result.fresh is not None
        assert VaultSettings(vault).get(BACKUPS_HOLD_DELETED) is None
        # Nothing left to replace: the mark is cleared all the same.
        VaultSettings(vault).set(BACKUPS_HOLD_DELETED, 1)
        bk.replace_automatic_backups(vault, tmp_path / "empty")
        assert VaultSettings(vault).get(BACKUPS_HOLD_DELETED) is None


def test_nothing_to_replace_makes_no_backup(vault: Vault, tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    result = bk.replace_automatic_backups(vault, folder)
    assert result == bk.BackupsReplaced(None, (), ())
    assert not folder.exists()


def test_old_backups_are_kept_when_the_fresh_one_cannot_be_made(
    vault_path: Path, passphrase: str, tmp_path: Path
) -> None:
    folder = tmp_path / "backups"
    with Vault.create(vault_path, passphrase) as vault:
        gone, _ = add_marked_colleague(vault, MARKER)
        made = [bk.automatic_backup(vault, folder, keep=10, reason="unlock") for _ in range(2)]
        ColleagueRepository(vault).delete_completely(gone)
        before = {p: p.read_bytes() for p in made}
        with file_size_limit(PAGE_SIZE * 4), pytest.raises(bk.BackupsNotReplaced) as raised:
            bk.replace_automatic_backups(vault, folder)
    assert raised.value.folder == folder
    assert sorted(raised.value.still_there) == sorted(made)
    assert "deletion is done" in raised.value.user_message
    assert {p: p.read_bytes() for p in made} == before  # untouched
    assert automatic_backups(folder, vault_path) == sorted(made, reverse=True)
    assert all(not p.name.endswith(".tmp") for p in folder.iterdir())  # no half-written copy


# -- the vault file itself -------------------------------------------------------------------------


def test_deleted_content_is_not_left_in_the_vault_files_pages(
    vault_path: Path, passphrase: str
) -> None:
    keeper = "Stayputmarker"
    with Vault.create(vault_path, passphrase) as vault:
        assert vault.query_one("PRAGMA secure_delete")[0] == 1  # type: ignore[index]
        gone, _ = add_marked_colleague(vault, MARKER)
        add_marked_colleague(vault, keeper)
        ColleagueRepository(vault).delete_completely(gone)
        bk.replace_automatic_backups(vault, vault_path.parent / "backups")
        assert where_vault_holds(vault, MARKER) == []
    pages = list(decrypted_pages(vault_path, passphrase))
    wal = Path(str(vault_path) + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    # The oracle works: what was kept is found in the decrypted pages...
    assert any(keeper.encode() in page for page in pages)
    # ...and nothing of what was deleted is, in any page, free or not.
    for needle in (MARKER, MARKER.casefold(), MARKER[3:].casefold()):
        assert not any(needle.encode() in page for page in pages), needle


def test_a_backup_from_before_a_passphrase_change_is_replaced_too(
    vault_path: Path, passphrase: str, tmp_path: Path
) -> None:
    """It opens only with the old passphrase, so it cannot be opened to prove it is this
    vault's: the vault's own record of it is the proof."""
    from peerdesk.storage.settings import OLD_PASSPHRASE_BACKUPS, VaultSettings

    folder = tmp_path / "backups"
    new_passphrase = "quiet lantern orchard seventeen"
    with Vault.create(vault_path, passphrase) as vault:
        gone, _ = add_marked_colleague(vault, MARKER)
        add_marked_colleague(vault, "Stayputmarker")
        old = vault.change_passphrase(new_passphrase, backup_dir=folder)
        assert where_backup_holds(old, passphrase, MARKER)  # it holds the colleague
        unlock = bk.automatic_backup(vault, folder, keep=10, reason="unlock")
        ColleagueRepository(vault).delete_completely(gone)
        result = bk.replace_automatic_backups(vault, folder)
        assert sorted(result.removed) == sorted([old, unlock])
        assert not old.exists()
        assert VaultSettings(vault).get(OLD_PASSPHRASE_BACKUPS) == []
    assert result.fresh is not None
    assert where_backup_holds(result.fresh, new_passphrase, MARKER) == []


def test_a_replacement_waits_for_an_automatic_backup_being_written(
    vault_path: Path, passphrase: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An unlock backup begun before a deletion may hold what was deleted: the replacement
    lists the backups only once it is written, so that it is replaced too."""
    import threading

    folder = tmp_path / "backups"
    events: list[str] = []
    writing, listed = threading.Event(), threading.Event()
    release = threading.Event()
    real_backup_before, real_list = bk.backup_before, bk.list_backups

    def unlock_backup_held_back(vault: Vault, directory: Path, *, reason: str) -> Path:
        if reason == "unlock":
            writing.set()
            release.wait(30)
        made = real_backup_before(vault, directory, reason=reason)
        events.append(f"{reason} written")
        return made

    def listing(directory: Path, vault_path: Path) -> list[backup_files.BackupInfo]:
        events.append("listed")
        listed.set()
        return real_list(directory, vault_path)

    with Vault.create(vault_path, passphrase) as vault:
        gone, _ = add_marked_colleague(vault, MARKER)
        add_marked_colleague(vault, "Stayputmarker")
        ColleagueRepository(vault).delete_completely(gone)
    monkeypatch.setattr(bk, "backup_before", unlock_backup_held_back)
    monkeypatch.setattr(bk, "list_backups", listing)
    with Vault.open(vault_path, passphrase) as vault, vault.sibling() as other:
        unlock = threading.Thread(
            target=bk.automatic_backup, args=(other, folder), kwargs={"reason": "unlock"}
        )
        unlock.start()
        assert writing.wait(30)
        results: list[bk.BackupsReplaced] = []
        replace = threading.Thread(
            target=lambda: results.append(bk.replace_automatic_backups(vault, folder))
        )
        replace.start()
        listed.wait(2)  # without the wait for the backup being written, it lists at once
        release.set()
        unlock.join(30)
        replace.join(60)
    assert events.index("unlock written") < events.index("listed")
    assert results and len(results[0].removed) == 1  # the unlock backup was replaced
