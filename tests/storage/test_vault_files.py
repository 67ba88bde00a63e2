"""What lands on disk: no plaintext anywhere, private modes, a real SQLCipher header."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from peerdesk import paths
from peerdesk.storage.backup import backup_before
from peerdesk.storage.errors import DiskFull
from peerdesk.storage.settings import VaultSettings
from peerdesk.storage.vault import Vault

MARKER = "PLAINTEXT-MARKER-Zebra-7731"


def side_files(path: Path) -> list[Path]:
    candidates = (Path(str(path) + s) for s in ("", "-wal", "-shm", "-journal"))
    return [p for p in candidates if p.exists()]


def assert_no_marker(path: Path) -> None:
    files = side_files(path)
    assert files, "expected the vault file at least"
    for f in files:
        data = f.read_bytes()
        for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
            assert MARKER.encode(encoding) not in data, f"{f.name} holds plaintext ({encoding})"


def test_no_plaintext_in_vault_wal_or_journal(vault_path: Path, passphrase: str) -> None:
    v = Vault.create(vault_path, passphrase)
    settings = VaultSettings(v)
    for i in range(50):
        settings.set(f"note-{i}", f"{MARKER} number {i} " + "é" * 100)
    assert Path(str(vault_path) + "-wal").exists(), "vault should run in WAL mode"
    assert_no_marker(vault_path)  # while open, with a live -wal
    settings.delete("note-3")
    v.close()
    assert_no_marker(vault_path)
    with Vault.open(vault_path, passphrase) as again:
        assert MARKER in VaultSettings(again).get("note-7")


def test_header_is_not_plain_sqlite(vault: Vault) -> None:
    VaultSettings(vault).set("k", MARKER)
    head = vault.path.read_bytes()[:16]
    assert head != b"SQLite format 3\x00"
    assert not head.startswith(b"SQLite")


def test_file_modes_are_private(vault_path: Path, passphrase: str) -> None:
    v = Vault.create(vault_path, passphrase)
    VaultSettings(v).set("k", "v")
    for f in side_files(vault_path):
        assert stat.S_IMODE(f.stat().st_mode) == 0o600, f.name
    v.close()
    assert stat.S_IMODE(vault_path.stat().st_mode) == 0o600


def test_data_dir_is_created_0700() -> None:
    folder = paths.ensure_private_dir(paths.data_dir())
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    folder.chmod(0o755)
    paths.ensure_private_dir(folder)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_a_backup_folder_is_created_0700_but_a_chosen_one_keeps_its_mode(
    vault: Vault, tmp_path: Path
) -> None:
    """Backups use the one private-directory helper: a folder they create is 0700, a folder
    the user chose (say Documents) is not ours to tighten."""
    fresh = tmp_path / "new" / "backups"
    backup_before(vault, fresh, reason="manual")
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o700
    chosen = tmp_path / "Documents"
    chosen.mkdir(mode=0o755)
    chosen.chmod(0o755)
    backup_before(vault, chosen, reason="manual")
    assert stat.S_IMODE(chosen.stat().st_mode) == 0o755
    assert len(list(chosen.glob("*-manual.peerdesk"))) == 1


def test_secure_pragmas(vault: Vault) -> None:
    assert vault.query_one("PRAGMA temp_store")[0] == 2  # MEMORY
    assert vault.query_one("PRAGMA journal_mode")[0] == "wal"
    assert vault.query_one("PRAGMA synchronous")[0] == 2  # FULL
    assert vault.query_one("PRAGMA secure_delete")[0] == 1
    assert vault.query_one("PRAGMA cipher_version")[0].startswith("4.")


def test_disk_full_is_a_clear_error_and_keeps_committed_data(vault: Vault) -> None:
    settings = VaultSettings(vault)
    settings.set("kept", "committed before the disk filled")
    pages = vault.query_one("PRAGMA page_count")[0]
    vault.query(f"PRAGMA max_page_count = {pages + 2}")
    with pytest.raises(DiskFull) as info:
        settings.set("big", "x" * 200_000)
    assert "disk is full" in info.value.user_message.lower()
    assert settings.get("kept") == "committed before the disk filled"
    assert settings.get("big") is None
    assert vault.integrity_problems() == []


def test_transaction_rolls_back_on_error(vault: Vault) -> None:
    settings = VaultSettings(vault)
    with pytest.raises(RuntimeError), vault.transaction() as tx:
        tx.execute("INSERT INTO settings(key, value, updated_at) VALUES ('half', '1', 'now')")
        raise RuntimeError("boom")
    assert settings.get("half") is None


def test_closed_vault_refuses_queries(vault: Vault) -> None:
    from peerdesk.storage.errors import VaultClosed

    vault.close()
    with pytest.raises(VaultClosed):
        vault.query("SELECT 1")


def test_damaged_pages_are_found_by_the_quick_check(vault_path: Path, passphrase: str) -> None:
    import os

    v = Vault.create(vault_path, passphrase)
    settings = VaultSettings(v)
    for i in range(40):
        settings.set(f"k{i}", "x" * 900)
    assert v.damaged_pages() == []
    v.close()
    with open(vault_path, "r+b") as f:
        f.seek(4096 * 3 + 100)
        f.write(os.urandom(64))
    with Vault.open(vault_path, passphrase) as again:
        assert again.damaged_pages()
