"""Opening vaults: every bad file gives its own error and is left byte-for-byte unchanged."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import sqlcipher3
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from peerdesk.storage.connection import PAGE_SIZE
from peerdesk.storage.errors import (
    InvalidPassphrase,
    VaultCorrupted,
    VaultEmpty,
    VaultExists,
    VaultInUse,
    VaultIsDirectory,
    VaultNotFound,
    VaultReadOnly,
    VaultTooNew,
    WrongPassphrase,
)
from peerdesk.storage.settings import VaultSettings
from peerdesk.storage.vault import Vault
from tests.conftest import sha256_of


def make_vault(path: Path, passphrase: str, *, rows: int = 0) -> None:
    with Vault.create(path, passphrase) as v:
        settings = VaultSettings(v)
        for i in range(rows):
            settings.set(f"row-{i}", "x" * 500)


def assert_unchanged_after(path: Path, error: type[Exception], passphrase: str) -> None:
    before = sha256_of(path) if path.is_file() else None
    with pytest.raises(error) as info:
        Vault.open(path, passphrase)
    message = getattr(info.value, "user_message", "")
    assert message and "Traceback" not in message
    assert passphrase not in message
    if before is not None:
        assert sha256_of(path) == before
    for suffix in ("-wal", "-shm", "-journal"):
        assert not Path(str(path) + suffix).exists(), f"{suffix} created by a failed open"


@pytest.mark.parametrize(
    "secret",
    ["' OR 1=1; --", 'say "hi"', "semi;colon", "-- comment", "é", "👋", "  spaces  ", "a" * 500],
)
def test_special_passphrases_round_trip(vault_path: Path, secret: str) -> None:
    with Vault.create(vault_path, secret) as v:
        VaultSettings(v).set("k", "v")
    with Vault.open(vault_path, secret) as v:
        assert VaultSettings(v).get("k") == "v"


def test_nfc_and_nfd_forms_open_the_same_vault(vault_path: Path) -> None:
    nfc, nfd = "caf\u00e9 na\u00efve", "cafe\u0301 nai\u0308ve"
    assert nfc != nfd
    with Vault.create(vault_path, nfd):
        pass
    with Vault.open(vault_path, nfc) as v:
        assert v.schema_version >= 1


@pytest.mark.parametrize("bad", ["", "with\x00nul", "lone \udcff surrogate"])
def test_unusable_passphrases_are_refused_before_touching_disk(vault_path: Path, bad: str) -> None:
    with pytest.raises(InvalidPassphrase):
        Vault.create(vault_path, bad)
    assert not vault_path.exists()


def test_wrong_passphrase(vault_path: Path, passphrase: str) -> None:
    make_vault(vault_path, passphrase, rows=3)
    assert_unchanged_after(vault_path, WrongPassphrase, passphrase + "x")
    with Vault.open(vault_path, passphrase) as v:  # and the right one still works
        assert VaultSettings(v).get("row-2") == "x" * 500


def test_random_bytes(vault_path: Path, passphrase: str) -> None:
    vault_path.write_bytes(os.urandom(PAGE_SIZE * 3))
    assert_unchanged_after(vault_path, WrongPassphrase, passphrase)


def test_text_file(vault_path: Path, passphrase: str) -> None:
    vault_path.write_text("Dear diary,\n" * 1000, encoding="utf-8")
    assert_unchanged_after(vault_path, WrongPassphrase, passphrase)


def test_plain_sqlite_file(vault_path: Path, passphrase: str) -> None:
    conn = sqlcipher3.connect(str(vault_path))  # no key: a plain SQLite database
    conn.execute("CREATE TABLE t(x)")
    conn.execute("INSERT INTO t VALUES ('plain')")
    conn.commit()
    conn.close()
    assert vault_path.read_bytes().startswith(b"SQLite format 3\x00")
    assert_unchanged_after(vault_path, WrongPassphrase, passphrase)


def test_sqlcipher3_file(vault_path: Path, passphrase: str) -> None:
    conn = sqlcipher3.connect(str(vault_path))
    conn.set_key(passphrase)
    conn.execute("PRAGMA cipher_compatibility = 3")
    conn.execute("CREATE TABLE t(x)")
    conn.commit()
    conn.close()
    assert_unchanged_after(vault_path, WrongPassphrase, passphrase)


def test_other_sqlcipher4_database_is_not_a_vault(vault_path: Path, passphrase: str) -> None:
    conn = sqlcipher3.connect(str(vault_path))
    conn.set_key(passphrase)
    conn.execute("CREATE TABLE t(x)")
    conn.commit()
    conn.close()
    assert_unchanged_after(vault_path, WrongPassphrase, passphrase)


def test_zero_byte_file(vault_path: Path, passphrase: str) -> None:
    vault_path.touch()
    assert_unchanged_after(vault_path, VaultEmpty, passphrase)
    assert vault_path.stat().st_size == 0  # did not silently become a new database


def test_truncated_mid_page(vault_path: Path, passphrase: str) -> None:
    make_vault(vault_path, passphrase, rows=40)
    size = vault_path.stat().st_size
    assert size >= PAGE_SIZE * 4
    with open(vault_path, "r+b") as f:
        f.truncate(size // 2 + 123)
    assert_unchanged_after(vault_path, VaultEmpty, passphrase)


def test_truncated_at_page_boundary(vault_path: Path, passphrase: str) -> None:
    make_vault(vault_path, passphrase, rows=40)
    size = vault_path.stat().st_size
    with open(vault_path, "r+b") as f:
        f.truncate((size // PAGE_SIZE // 2) * PAGE_SIZE)
    assert_unchanged_after(vault_path, VaultCorrupted, passphrase)


def test_tiny_file(vault_path: Path, passphrase: str) -> None:
    vault_path.write_bytes(b"PK\x03\x04 not a vault")
    assert_unchanged_after(vault_path, WrongPassphrase, passphrase)


def test_missing_file(vault_path: Path, passphrase: str) -> None:
    assert_unchanged_after(vault_path, VaultNotFound, passphrase)
    assert not vault_path.exists()


def test_directory(vault_path: Path, passphrase: str) -> None:
    vault_path.mkdir()
    assert_unchanged_after(vault_path, VaultIsDirectory, passphrase)


def test_read_only_file(vault_path: Path, passphrase: str) -> None:
    make_vault(vault_path, passphrase, rows=2)
    vault_path.chmod(0o400)
    try:
        assert_unchanged_after(vault_path, VaultReadOnly, passphrase)
    finally:
        vault_path.chmod(0o600)


def test_newer_schema(vault_path: Path, passphrase: str) -> None:
    make_vault(vault_path, passphrase)
    conn = sqlcipher3.connect(str(vault_path))
    conn.set_key(passphrase)
    conn.execute("PRAGMA user_version = 999")
    conn.close()
    assert_unchanged_after(vault_path, VaultTooNew, passphrase)


HOLDER = """
import sys
from peerdesk.storage.vault import Vault
v = Vault.open(sys.argv[1], sys.stdin.readline().rstrip("\\n"))
print("ready", flush=True)
sys.stdin.readline()
v.close()
"""


def test_vault_in_use_by_another_process(vault_path: Path, passphrase: str) -> None:
    make_vault(vault_path, passphrase, rows=2)
    with subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(vault_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    ) as holder:
        assert holder.stdin is not None and holder.stdout is not None
        holder.stdin.write(passphrase + "\n")
        holder.stdin.flush()
        assert holder.stdout.readline().strip() == "ready"
        before = sha256_of(vault_path)
        with pytest.raises(VaultInUse):
            Vault.open(vault_path, passphrase)
        assert sha256_of(vault_path) == before
        holder.stdin.close()
        assert holder.wait(timeout=30) == 0
    with Vault.open(vault_path, passphrase) as v:  # free again once the holder is gone
        assert VaultSettings(v).get("row-0") == "x" * 500


def test_create_never_overwrites(vault_path: Path, passphrase: str) -> None:
    vault_path.write_bytes(b"precious")
    with pytest.raises(VaultExists):
        Vault.create(vault_path, passphrase)
    assert vault_path.read_bytes() == b"precious"


def test_create_in_missing_folder(tmp_path: Path, passphrase: str) -> None:
    with pytest.raises(VaultNotFound):
        Vault.create(tmp_path / "nowhere" / "v.peerdesk", passphrase)


# -- issue 19 item 9a: damage at the start of the file is damage, not a wrong passphrase --------


def vault_with_backup(path: Path, passphrase: str, folder: Path) -> Path:
    from peerdesk.storage.backup import automatic_backup

    make_vault(path, passphrase, rows=20)
    with Vault.open(path, passphrase) as v:
        return automatic_backup(v, folder, reason="unlock")


def flip(path: Path, offset: int) -> None:
    with open(path, "r+b") as f:
        f.seek(offset)
        byte = f.read(1)[0]
        f.seek(offset)
        f.write(bytes([byte ^ 0x01]))


@pytest.mark.parametrize("offset", [0, 7, 15, 16, 1000, PAGE_SIZE - 1])  # salt, first page
def test_a_flipped_byte_at_the_start_is_damage_when_a_backup_opens(
    vault_path: Path, passphrase: str, tmp_path: Path, offset: int
) -> None:
    from peerdesk.storage.errors import VaultStartDamaged

    folder = tmp_path / "backups"
    backup = vault_with_backup(vault_path, passphrase, folder)
    flip(vault_path, offset)
    before = sha256_of(vault_path)
    with pytest.raises(VaultStartDamaged) as info:
        Vault.open(vault_path, passphrase, backup_dir=folder)
    assert isinstance(info.value, VaultCorrupted)  # offered a restore like later damage
    assert info.value.backup == backup
    assert "damaged" in info.value.user_message and passphrase not in info.value.user_message
    assert sha256_of(vault_path) == before
    assert sorted(p.name for p in vault_path.parent.iterdir()) == [vault_path.name]
    # A wrong passphrase on the damaged file is still a wrong passphrase.
    with pytest.raises(WrongPassphrase) as wrong:
        Vault.open(vault_path, "not the passphrase at all", backup_dir=folder)
    assert type(wrong.value) is WrongPassphrase


def test_a_wrong_passphrase_with_a_healthy_file_and_backups_is_still_wrong(
    vault_path: Path, passphrase: str, tmp_path: Path
) -> None:
    folder = tmp_path / "backups"
    vault_with_backup(vault_path, passphrase, folder)
    with pytest.raises(WrongPassphrase) as info:
        Vault.open(vault_path, "not the passphrase at all", backup_dir=folder)
    assert type(info.value) is WrongPassphrase


def test_the_old_passphrase_after_a_change_is_wrong_not_damage(
    vault_path: Path, passphrase: str, tmp_path: Path
) -> None:
    """The newest backup is the one taken before the change: it opens with the old
    passphrase, which must not make a healthy vault look damaged."""
    folder = tmp_path / "backups"
    vault_with_backup(vault_path, passphrase, folder)
    with Vault.open(vault_path, passphrase, backup_dir=folder) as v:
        v.change_passphrase("a brand new passphrase here", backup_dir=folder)
    with pytest.raises(WrongPassphrase) as info:
        Vault.open(vault_path, passphrase, backup_dir=folder)
    assert type(info.value) is WrongPassphrase


# -- issue 19 item 10: nothing left beside a file that was opened; clear words for odd paths -----


@pytest.mark.parametrize("content", [b"just some text\n" * 500, os.urandom(8192)])
def test_opening_a_file_that_is_not_a_vault_leaves_nothing_beside_it(
    vault_path: Path, passphrase: str, content: bytes
) -> None:
    vault_path.write_bytes(content)
    with pytest.raises(WrongPassphrase):
        Vault.open(vault_path, passphrase)
    assert sorted(p.name for p in vault_path.parent.iterdir()) == [vault_path.name]


def test_a_vault_leaves_no_lock_file_once_closed(vault_path: Path, passphrase: str) -> None:
    from peerdesk.storage.lock import lock_path_for

    make_vault(vault_path, passphrase)
    with Vault.open(vault_path, passphrase) as v:
        assert lock_path_for(vault_path).exists()  # held while open
        with v.sibling():
            pass
        assert lock_path_for(vault_path).exists()  # the sibling's release is not the last
        other = subprocess.run(
            [
                sys.executable,
                "-c",
                (
                    "import sys; from peerdesk.storage.vault import Vault; "
                    "from peerdesk.storage.errors import VaultInUse\n"
                    "try: Vault.open(sys.argv[1], sys.argv[2])\n"
                    "except VaultInUse: sys.exit(3)"
                ),
                str(vault_path),
                passphrase,
            ],
            check=False,
            timeout=60,
            cwd=Path(__file__).resolve().parents[2],
        )
        assert other.returncode == 3  # and it still locks out another process
    assert sorted(p.name for p in vault_path.parent.iterdir()) == [vault_path.name]


def test_a_fifo_and_a_symlink_loop_get_their_own_words(tmp_path: Path, passphrase: str) -> None:
    from peerdesk.storage.errors import NotAVaultFile

    fifo = tmp_path / "pipe.peerdesk"
    os.mkfifo(fifo)
    loop = tmp_path / "loop.peerdesk"
    loop.symlink_to(loop)
    with pytest.raises(NotAVaultFile) as info:
        Vault.open(fifo, passphrase)
    assert "not a regular file" in info.value.user_message
    with pytest.raises(NotAVaultFile) as info:
        Vault.open(loop, passphrase)
    assert "loop" in info.value.user_message
    assert isinstance(info.value, VaultNotFound)


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, Path]:
    """The bytes of a real vault and the folder holding its automatic backup."""
    from tests.conftest import PASSPHRASE

    folder = tmp_path_factory.mktemp("pristine")
    path = folder / "vaults" / "test.peerdesk"
    path.parent.mkdir()
    vault_with_backup(path, PASSPHRASE, folder / "backups")
    return path.read_bytes(), folder / "backups"


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(offset=st.integers(0, PAGE_SIZE - 1), bit=st.integers(0, 7))
def test_any_flipped_bit_in_the_first_page_is_damage(
    pristine: tuple[bytes, Path], vault_path: Path, passphrase: str, offset: int, bit: int
) -> None:
    from peerdesk.storage.errors import VaultStartDamaged

    data, folder = pristine
    damaged = bytearray(data)
    damaged[offset] ^= 1 << bit
    vault_path.write_bytes(bytes(damaged))
    with pytest.raises(VaultStartDamaged):
        Vault.open(vault_path, passphrase, backup_dir=folder)
    assert sorted(p.name for p in vault_path.parent.iterdir()) == [vault_path.name]
