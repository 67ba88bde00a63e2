"""Encrypted copies of a vault on disk: their names, writing one from a keyed connection,
verifying it, and finding and removing what an interrupted one left (SECURITY.md 9).

This is the file level of backups, below the vault: :class:`~peerdesk.storage.vault.Vault`
uses it to back up before a migration or a passphrase change, to tell a damaged vault from a
wrong passphrase, and to clean up at unlock. ``backup.py`` builds the operations on an open
vault (automatic backups, restore, replacing backups after a deletion) on top of it.

A copy is made with ``sqlcipher_export`` into an attached, keyed file — never by copying a
live vault — then fsynced, renamed into place atomically, reopened and checked with both
integrity checks. A copy that does not verify is deleted and reported.

While a copy (or a restore) is written, its temporary file ``.NAME.<hex>.tmp`` (``.restore``)
is held with an exclusive ``flock``; any failure removes it with its side files. A process
killed midway cannot clean up, so opening the vault removes the leftovers of its own backups
and restores that no one holds (:func:`remove_leftovers`): they are encrypted with the
passphrase of their time and are listed nowhere.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import secrets
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import sqlcipher3

from peerdesk.i18n import _
from peerdesk.paths import ensure_private_dir
from peerdesk.storage import schema
from peerdesk.storage.connection import (
    check_openable,
    integrity_problems,
    keyed_connection,
    map_sqlite_error,
    normalise_passphrase,
    remove_vault_files,
)
from peerdesk.storage.errors import (
    BackupFailed,
    DiskFull,
    VaultError,
    VaultExists,
    WrongPassphrase,
)
from peerdesk.storage.lock import hold_while_writing, in_use_by_a_writer

BACKUP_SUFFIX = ".peerdesk"
_STAMP = "%Y%m%dT%H%M%S%fZ"
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}T\d{12}Z)-(?P<reason>[a-z0-9-]+)\.peerdesk$")
#: A temporary file of write_copy (``.tmp``) or restore (``.restore``), or one of its side files.
_TEMP = re.compile(
    r"^\.(?P<name>.+)\.[0-9a-f]{8}\.(?P<kind>tmp|restore)(?P<side>-journal|-wal|-shm)?$"
)
#: How many of the newest backups may be tried to tell damage from a wrong passphrase (each
#: try costs one key derivation, about 0.15 s, on every wrong passphrase).
DAMAGE_PROBES = 2

log = logging.getLogger(__name__)
#: Temporary files this process is writing now: the clean-up never opens them (closing a
#: descriptor of a file would drop the POSIX locks SQLite holds on it in this process).
_WRITING: set[str] = set()


def fsync_dir(directory: Path) -> None:
    if os.name != "posix":  # pragma: no cover
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def verify_file(path: Path, passphrase: str) -> None:
    """Open ``path`` as a vault with ``passphrase`` and run both integrity checks."""
    secret = normalise_passphrase(passphrase)
    check_openable(path)
    conn = keyed_connection(path, secret)
    try:
        if conn.execute("PRAGMA application_id").fetchone()[0] != schema.APPLICATION_ID:
            raise WrongPassphrase()
        problems = integrity_problems(conn)
    finally:
        conn.close()
    if problems:
        raise BackupFailed(_("The backup did not pass its integrity check."))


def create_temporary(tmp: Path) -> None:
    """Create the new, empty temporary file ``tmp``, readable by the user only."""
    fd = os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)


@contextlib.contextmanager
def writing(tmp: Path) -> Iterator[None]:
    """Hold the temporary file ``tmp`` with an exclusive ``flock`` while the block writes it,
    so that no clean-up, in this process or another, takes it for a leftover."""
    hold: int | None = None
    _WRITING.add(str(tmp))
    try:
        hold = hold_while_writing(tmp)
        yield
    finally:
        _WRITING.discard(str(tmp))
        if hold is not None:
            os.close(hold)


def export_copy(conn: sqlcipher3.Connection, secret: str, tmp: Path) -> None:
    """``sqlcipher_export`` the database of ``conn`` into ``tmp`` keyed with ``secret``, with
    ``user_version`` and ``application_id`` copied by hand (export does not). Raises
    ``sqlcipher3.Error`` for the caller to map."""
    # Never ATTACH with an empty key: that would write an unencrypted copy.
    if not secret:
        raise BackupFailed()
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    conn.execute("ATTACH DATABASE ? AS bk KEY ?", (str(tmp), secret))
    try:
        conn.execute("SELECT sqlcipher_export('bk')").fetchall()
        conn.execute(f"PRAGMA bk.user_version = {int(version):d}")
        conn.execute(f"PRAGMA bk.application_id = {schema.APPLICATION_ID:d}")
    finally:
        conn.execute("DETACH DATABASE bk")


def write_copy(conn: sqlcipher3.Connection, secret: str, destination: Path) -> Path:
    """Write a verified encrypted copy of the vault open on ``conn`` to ``destination``,
    keyed with ``secret`` (the vault's own, normalised)."""
    destination = Path(destination)
    if destination.exists():
        raise VaultExists(
            _("A file already exists where the backup should go; choose another name.")
        )
    if not destination.parent.is_dir():
        raise BackupFailed(_("The folder for the backup does not exist."))
    secret = normalise_passphrase(secret)
    _remove_temp_files(
        destination.parent, lambda name, kind: kind == "tmp" and name == destination.name
    )
    tmp = destination.with_name(f".{destination.name}.{secrets.token_hex(4)}.tmp")
    create_temporary(tmp)
    try:
        with writing(tmp):
            try:
                export_copy(conn, secret, tmp)
            except sqlcipher3.Error as exc:
                error = map_sqlite_error(exc)
                if isinstance(error, DiskFull):
                    raise error from None
                raise BackupFailed() from None
            fd = os.open(tmp, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
            os.replace(tmp, destination)
            fsync_dir(destination.parent)
    except BaseException:
        remove_vault_files(tmp)
        raise
    try:
        verify_file(destination, secret)
    except VaultError:
        remove_vault_files(destination)
        raise BackupFailed() from None
    return destination


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    made_at: datetime
    reason: str


def backup_name(vault_path: Path, reason: str, when: datetime | None = None) -> str:
    when = (when or datetime.now(UTC)).astimezone(UTC)
    return f"{vault_path.stem}-{when.strftime(_STAMP)}-{reason}{BACKUP_SUFFIX}"


def write_backup(
    conn: sqlcipher3.Connection, secret: str, vault_path: Path, directory: Path, *, reason: str
) -> Path:
    """A verified backup of the vault at ``vault_path`` (open on ``conn``) in ``directory``,
    named for ``reason``. A missing folder is created private."""
    ensure_private_dir(directory, tighten_existing=False)
    return write_copy(conn, secret, directory / backup_name(vault_path, reason))


def list_backups(directory: Path, vault_path: Path) -> list[BackupInfo]:
    """Backups of this vault in ``directory``, newest first."""
    found: list[BackupInfo] = []
    if not directory.is_dir():
        return found
    for entry in directory.iterdir():
        match = _NAME.match(entry.name)
        if not match or match["stem"] != vault_path.stem or not entry.is_file():
            continue
        made = datetime.strptime(match["stamp"], _STAMP).replace(tzinfo=UTC)
        found.append(BackupInfo(entry, made, match["reason"]))
    found.sort(key=lambda b: (b.made_at, b.path.name), reverse=True)
    return found


def created_at(conn: sqlcipher3.Connection) -> str | None:
    """When the vault open on ``conn`` was created (its copies carry the same)."""
    row = conn.execute("SELECT value FROM vault_meta WHERE key = 'created_at'").fetchone()
    return None if row is None else str(row[0])


def is_backup_of(path: Path, secret: str, created: str | None = None) -> bool:
    """Whether ``path`` opens with ``secret`` as a PeerDesk vault and, given ``created``, is
    a copy of the vault created then (another vault with the same file name, or with the same
    passphrase, is not)."""
    try:
        check_openable(path)
        conn = keyed_connection(path, secret, mode="ro")
    except VaultError:
        return False
    try:
        if conn.execute("PRAGMA application_id").fetchone()[0] != schema.APPLICATION_ID:
            return False
        return created is None or created_at(conn) == created
    except sqlcipher3.Error:
        return False
    finally:
        conn.close()


def backup_opening_with(
    vault_path: Path, passphrase: str, folders: Iterable[Path], *, tries: int = DAMAGE_PROBES
) -> BackupInfo | None:
    """After ``passphrase`` failed to open ``vault_path``: the newest backup of it that the
    same passphrase opens, which shows that the vault file, not the passphrase, is wrong.

    Only backups made since the last passphrase change count: the search stops at a
    ``before-passwd`` backup (it opens with the old passphrase, which no longer opens a
    healthy vault). At most ``tries`` backups are keyed. ``None`` when none opens.
    """
    secret = normalise_passphrase(passphrase)
    found: list[BackupInfo] = []
    for folder in dict.fromkeys(Path(f) for f in folders):
        found.extend(list_backups(folder, vault_path))
    found.sort(key=lambda b: (b.made_at, b.path.name), reverse=True)
    for info in found[:tries]:
        if info.reason == "before-passwd":
            return None
        if is_backup_of(info.path, secret):
            return info
    return None


def _remove_temp_files(folder: Path, wanted: Callable[[str, str], bool]) -> int:
    """Remove the temporary files (and side files) in ``folder`` whose name and kind
    ``wanted(name, kind)`` accepts and that no writer holds. Returns how many were removed."""
    if not folder.is_dir():
        return 0
    removed = 0
    try:
        entries = list(folder.iterdir())
    except OSError:
        return 0
    for entry in entries:
        match = _TEMP.match(entry.name)
        if match is None or not wanted(match["name"], match["kind"]):
            continue
        main = entry.with_name(entry.name.removesuffix(match["side"] or ""))
        if (
            str(main) in _WRITING
            or in_use_by_a_writer(main)
            or not (entry.is_file() and not entry.is_symlink())
        ):
            continue
        try:
            entry.unlink()
        except OSError:
            continue
        removed += 1
    return removed


def remove_leftovers(vault_path: Path, folders: Iterable[Path]) -> int:
    """Remove what a killed backup or restore of ``vault_path`` left in ``folders`` (its
    backups' ``.NAME.<hex>.tmp`` files and this vault's ``.restore`` files, with their side
    files). Call only while holding the vault's lock as its first holder. Logs the count."""

    def ours(name: str, kind: str) -> bool:
        if kind == "restore":
            return name == vault_path.name
        match = _NAME.match(name)
        return match is not None and match["stem"] == vault_path.stem

    removed = sum(
        _remove_temp_files(Path(f), ours) for f in dict.fromkeys(Path(f) for f in folders)
    )
    if removed:
        log.info("Removed %d temporary file(s) left by an interrupted backup", removed)
    return removed
