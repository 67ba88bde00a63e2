"""Change of passphrase (SECURITY.md 8), verified backups and restore (SECURITY.md 9)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from peerdesk.storage import backup as bk
from peerdesk.storage import backup_files
from peerdesk.storage.connection import keyed_connection
from peerdesk.storage.errors import (
    BackupFailed,
    InvalidPassphrase,
    VaultExists,
    WrongPassphrase,
)
from peerdesk.storage.settings import VaultSettings
from peerdesk.storage.vault import Vault
from tests.helpers.children import child_with_passphrase


def test_change_passphrase(vault_path: Path, passphrase: str, tmp_path: Path) -> None:
    new = "a new one; with 'quotes' and ünïcödé 🔒"
    with Vault.create(vault_path, passphrase) as v:
        VaultSettings(v).set("diary", "kept")
        made = v.change_passphrase(new, backup_dir=tmp_path / "bk")
        VaultSettings(v).set("after", "still writable")  # the live vault keeps working
        assert v.integrity_problems() == []
    assert made.exists()
    with pytest.raises(WrongPassphrase):
        Vault.open(vault_path, passphrase)
    with Vault.open(vault_path, new) as v:
        assert VaultSettings(v).get("diary") == "kept"
        assert VaultSettings(v).get("after") == "still writable"
        assert v.integrity_problems() == []
    # The backup taken before the change still opens with the old passphrase.
    backup_files.verify_file(made, passphrase)


def test_change_to_same_passphrase_is_refused(vault: Vault, passphrase: str) -> None:
    with pytest.raises(InvalidPassphrase):
        vault.change_passphrase(passphrase)


def test_backup_reopens_and_restores(vault_path: Path, passphrase: str, tmp_path: Path) -> None:
    out = tmp_path / "copy.peerdesk"
    with Vault.create(vault_path, passphrase) as v:
        VaultSettings(v).set("entry", "before backup")
        bk.export_to(v, out)
        VaultSettings(v).set("entry", "changed after backup")
        VaultSettings(v).set("extra", "only in live vault")
    assert oct(out.stat().st_mode & 0o777) == oct(0o600)
    with Vault.open(out, passphrase) as copy:
        assert VaultSettings(copy).get("entry") == "before backup"
        assert copy.integrity_problems() == []
    moved = bk.restore(out, passphrase, vault_path)
    assert moved is not None and moved.exists()  # the replaced vault is kept, not deleted
    with Vault.open(vault_path, passphrase) as v:
        assert VaultSettings(v).get("entry") == "before backup"
        assert VaultSettings(v).get("extra") is None
    with Vault.open(moved, passphrase) as old:
        assert VaultSettings(old).get("extra") == "only in live vault"


def test_backup_keeps_schema_version_and_application_id(
    vault: Vault, tmp_path: Path, passphrase: str
) -> None:
    out = bk.export_to(vault, tmp_path / "b.peerdesk")
    conn = keyed_connection(out, passphrase)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == vault.schema_version
        assert conn.execute("PRAGMA application_id").fetchone()[0] == 0x5044534B
    finally:
        conn.close()


def test_backup_never_overwrites(vault: Vault, tmp_path: Path) -> None:
    out = tmp_path / "exists.peerdesk"
    out.write_bytes(b"do not touch")
    with pytest.raises(VaultExists):
        bk.export_to(vault, out)
    assert out.read_bytes() == b"do not touch"


def test_backup_into_missing_folder(vault: Vault, tmp_path: Path) -> None:
    with pytest.raises(BackupFailed):
        bk.export_to(vault, tmp_path / "missing" / "b.peerdesk")


def test_restore_refuses_a_bad_backup(vault_path: Path, passphrase: str, tmp_path: Path) -> None:
    with Vault.create(vault_path, passphrase) as v:
        VaultSettings(v).set("entry", "live")
    broken = tmp_path / "broken.peerdesk"
    broken.write_bytes(os.urandom(8192))
    before = vault_path.read_bytes()
    with pytest.raises(WrongPassphrase):
        bk.restore(broken, passphrase, vault_path)
    assert vault_path.read_bytes() == before


def test_automatic_backups_rotate(vault: Vault, tmp_path: Path, passphrase: str) -> None:
    folder = tmp_path / "auto"
    made = [bk.automatic_backup(vault, folder, keep=3) for _ in range(5)]
    kept = backup_files.list_backups(folder, vault.path)
    assert [b.path for b in kept] == list(reversed(made[-3:]))
    assert all(not p.exists() for p in made[:2])
    assert oct(folder.stat().st_mode & 0o777) == oct(0o700)
    assert bk.newest_good_backup(folder, vault.path, passphrase) == made[-1]


def test_newest_good_backup_skips_damaged_ones(
    vault: Vault, tmp_path: Path, passphrase: str
) -> None:
    folder = tmp_path / "auto"
    first = bk.automatic_backup(vault, folder, keep=5)
    second = bk.automatic_backup(vault, folder, keep=5)
    with open(second, "r+b") as f:
        f.seek(5000)
        f.write(os.urandom(64))
    assert bk.newest_good_backup(folder, vault.path, passphrase) == first


def test_backup_into_an_existing_folder_keeps_its_permissions(vault: Vault, tmp_path: Path) -> None:
    folder = tmp_path / "usb-stick"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    bk.automatic_backup(vault, folder, keep=2)
    assert oct(folder.stat().st_mode & 0o777) == oct(0o755)


def test_a_backup_is_never_keyed_with_an_empty_passphrase(vault: Vault, tmp_path: Path) -> None:
    from peerdesk.storage.errors import VaultClosed

    sibling = vault.sibling()
    sibling._passphrase = ""  # as if the vault had been locked on another thread
    try:
        with pytest.raises(VaultClosed):
            bk.export_to(sibling, tmp_path / "never.peerdesk")
    finally:
        sibling.close()
    assert list(tmp_path.glob("*never*")) == []
    vault.close()
    with pytest.raises(VaultClosed):
        vault.sibling()


# -- issue 19 item 9b: interrupted backups leave no hidden copies --------------------------------

KILL_BACKUP = Path(__file__).resolve().parents[1] / "integration" / "kill_backup.py"


@pytest.mark.slow
@pytest.mark.parametrize("what", ["backup", "passwd"])
def test_a_backup_killed_midway_leaves_nothing_after_the_next_open(
    vault_path: Path, passphrase: str, tmp_path: Path, what: str
) -> None:
    import signal

    folder = tmp_path / "backups"
    folder.mkdir(mode=0o700)
    with Vault.create(vault_path, passphrase) as v:
        settings = VaultSettings(v)
        for i in range(300):
            settings.set(f"row-{i}", "payload " * 100)
    with child_with_passphrase(
        KILL_BACKUP, [str(vault_path), str(folder), what], passphrase
    ) as child:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "midway"
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    left = sorted(p.name for p in folder.iterdir())
    assert any(name.endswith(".tmp") for name in left), left  # the kill did leave them
    assert all(name.startswith(f".{vault_path.stem}-") for name in left), left
    with Vault.open(vault_path, passphrase, backup_dir=folder) as v:
        assert v.integrity_problems() == []
    assert list(folder.iterdir()) == []
    assert sorted(p.name for p in vault_path.parent.iterdir()) == [vault_path.name]


def test_leftovers_named_as_the_code_names_them_are_removed_and_nothing_else(
    vault_path: Path, passphrase: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    import logging

    from peerdesk.storage.lock import hold_while_writing

    folder = tmp_path / "backups"
    folder.mkdir(mode=0o700)
    Vault.create(vault_path, passphrase).close()
    ours = [
        folder / f".{backup_files.backup_name(vault_path, reason)}.{hex_}.tmp{side}"
        for reason, hex_ in (("unlock", "0a1b2c3d"), ("before-passwd", "ffffffff"))
        for side in ("", "-journal", "-wal")
    ]
    ours += [
        vault_path.parent
        / f".{backup_files.backup_name(vault_path, 'before-upgrade-v1')}.12345678.tmp",
        vault_path.parent / f".{vault_path.name}.89abcdef.restore",
        vault_path.parent / f".{vault_path.name}.89abcdef.restore-journal",
    ]
    not_ours = [
        folder / ".other-20260101T000000000000Z-unlock.peerdesk.0a1b2c3d.tmp",
        folder / f"{backup_files.backup_name(vault_path, 'unlock')}",  # a real backup's name
        folder / "notes.txt",
    ]
    busy = folder / f".{backup_files.backup_name(vault_path, 'manual')}.00112233.tmp"
    for path in [*ours, *not_ours, busy]:
        path.write_bytes(b"encrypted with an old passphrase")
    hold = hold_while_writing(busy)  # a backup being written right now
    caplog.set_level(logging.INFO)
    try:
        with Vault.open(vault_path, passphrase, backup_dir=folder):
            pass
    finally:
        if hold is not None:
            os.close(hold)
    assert [p.name for p in ours if p.exists()] == []
    assert all(p.exists() for p in not_ours) and busy.exists()
    log_text = "\n".join(r.getMessage() for r in caplog.records)
    assert f"Removed {len(ours)} temporary file(s)" in log_text
    assert vault_path.stem not in log_text  # the count only, never a name


def test_a_backup_to_a_name_removes_what_a_killed_backup_to_that_name_left(
    vault: Vault, tmp_path: Path
) -> None:
    """``peerdesk backup VAULT some/copy.peerdesk`` killed midway, then run again."""
    folder = tmp_path / "out"
    folder.mkdir()
    destination = folder / "copy.peerdesk"
    for side in ("", "-journal"):
        (folder / f".{destination.name}.0badc0de.tmp{side}").write_bytes(b"old pages")
    (folder / ".other.peerdesk.0badc0de.tmp").write_bytes(b"not this backup's")
    bk.export_to(vault, destination)
    assert sorted(p.name for p in folder.iterdir()) == [
        ".other.peerdesk.0badc0de.tmp",
        "copy.peerdesk",
    ]


def test_an_automatic_backup_removes_what_a_killed_one_left_in_its_folder(
    vault: Vault, tmp_path: Path
) -> None:
    """A chosen backups folder (a USB stick, Documents) is not looked at when the vault
    opens; the next automatic backup there cleans it."""
    folder = tmp_path / "chosen-folder"
    folder.mkdir()
    left = [
        folder / f".{backup_files.backup_name(vault.path, 'unlock')}.0a1b2c3d.tmp{side}"
        for side in ("", "-journal")
    ]
    for path in left:
        path.write_bytes(b"old pages")
    made = bk.automatic_backup(vault, folder, reason="unlock")
    assert sorted(folder.iterdir()) == [made]
