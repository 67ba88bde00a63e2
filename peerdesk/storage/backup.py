"""Encrypted backups, automatic rotation and restore (SECURITY.md 9).

A backup is made with ``sqlcipher_export`` into an attached, keyed file — never by copying a
live vault — then fsynced, renamed into place atomically, reopened and checked with both
integrity checks. A backup that does not verify is deleted and reported.

While a backup (or a restore) is written, its temporary file ``.NAME.<hex>.tmp`` (``.restore``)
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
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import sqlcipher3

from peerdesk.storage import schema
from peerdesk.storage.errors import (
    BackupFailed,
    DiskFull,
    VaultError,
    VaultExists,
    WrongPassphrase,
)
from peerdesk.storage.lock import VaultLock, hold_while_writing, in_use_by_a_writer
from peerdesk.storage.settings import (
    BACKUPS_HOLD_DELETED,
    OLD_PASSPHRASE_BACKUPS,
    VaultSettings,
)
from peerdesk.storage.vault import (
    Vault,
    check_openable,
    integrity_problems,
    keyed_connection,
    map_sqlite_error,
    normalise_passphrase,
    remove_vault_files,
)

BACKUP_SUFFIX = ".peerdesk"
DEFAULT_KEEP = 10
_STAMP = "%Y%m%dT%H%M%S%fZ"
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}T\d{12}Z)-(?P<reason>[a-z0-9-]+)\.peerdesk$")
#: A temporary file of export_to (``.tmp``) or restore (``.restore``), or one of its side files.
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
#: Held while an automatic backup is written and while automatic backups are replaced after a
#: deletion: a replacement must not list the backups while one that may still hold what was
#: just deleted (an unlock backup begun before the deletion) is being written.
_AUTOMATIC = threading.Lock()


def ensure_private_dir(directory: Path) -> None:
    """Create ``directory`` readable by the user only. An existing folder (one the user chose,
    such as a USB stick or Documents) keeps its permissions: it is not ours to change."""
    if directory.is_dir():
        return
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    with contextlib.suppress(PermissionError):
        os.chmod(directory, 0o700)


def _fsync_dir(directory: Path) -> None:
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
        raise BackupFailed("The backup did not pass its integrity check.")


def export_to(vault: Vault, destination: Path) -> Path:
    """Write a verified encrypted copy of ``vault`` to ``destination`` (same passphrase)."""
    destination = Path(destination)
    if destination.exists():
        raise VaultExists("A file already exists where the backup should go; choose another name.")
    if not destination.parent.is_dir():
        raise BackupFailed("The folder for the backup does not exist.")
    conn = vault._connection()
    # Never ATTACH with an empty key: that would write an unencrypted copy.
    secret = normalise_passphrase(vault._export_secret())
    _remove_temp_files(
        destination.parent, lambda name, kind: kind == "tmp" and name == destination.name
    )
    tmp = destination.with_name(f".{destination.name}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)
    hold: int | None = None
    _WRITING.add(str(tmp))
    try:
        hold = hold_while_writing(tmp)
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        try:
            conn.execute("ATTACH DATABASE ? AS bk KEY ?", (str(tmp), secret))
            try:
                conn.execute("SELECT sqlcipher_export('bk')").fetchall()
                conn.execute(f"PRAGMA bk.user_version = {int(version):d}")
                conn.execute(f"PRAGMA bk.application_id = {schema.APPLICATION_ID:d}")
            finally:
                conn.execute("DETACH DATABASE bk")
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
        _fsync_dir(destination.parent)
    except BaseException:
        remove_vault_files(tmp)
        raise
    finally:
        _WRITING.discard(str(tmp))
        if hold is not None:
            os.close(hold)
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


def backup_before(vault: Vault, directory: Path, *, reason: str) -> Path:
    """A verified backup taken before a risky operation (migration, passphrase change)."""
    ensure_private_dir(directory)
    return export_to(vault, directory / backup_name(vault.path, reason))


def automatic_backup(
    vault: Vault, directory: Path, *, keep: int = DEFAULT_KEEP, reason: str = "auto"
) -> Path:
    """Take a verified backup and keep only the newest ``keep`` automatic ones."""
    if keep < 1:
        raise ValueError("keep must be at least 1")
    with _AUTOMATIC:
        made = backup_before(vault, directory, reason=reason)
        remove_leftovers(vault.path, [directory])  # of a backup killed there earlier
        automatic = [b for b in list_backups(directory, vault.path) if b.reason == reason]
        for old in automatic[keep:]:
            with contextlib.suppress(FileNotFoundError):
                old.path.unlink()
    return made


def newest_good_backup(directory: Path, vault_path: Path, passphrase: str) -> Path | None:
    """The newest backup of ``vault_path`` in ``directory`` that opens and verifies."""
    for info in list_backups(directory, vault_path):
        try:
            verify_file(info.path, passphrase)
        except VaultError:
            continue
        return info.path
    return None


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
        if _is_backup_of(info.path, secret):
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


def restore(backup: Path, passphrase: str, target: Path) -> Path | None:
    """Replace ``target`` with the contents of ``backup``.

    The backup is verified first. The vault being replaced is not deleted: it is moved aside
    to ``<target>.replaced-<time>`` (returned), so a restore never loses anything. ``target``
    must not be open anywhere (the single-writer lock is taken for the duration).
    """
    backup = Path(backup)
    target = Path(target)
    secret = normalise_passphrase(passphrase)
    verify_file(backup, secret)
    if not target.parent.is_dir():
        raise BackupFailed("The folder of the vault to restore does not exist.")
    lock = VaultLock.acquire(target) if target.exists() else None
    tmp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.restore")
    hold: int | None = None
    try:
        source = keyed_connection(backup, secret)
        try:
            fd = os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
            os.close(fd)
            _WRITING.add(str(tmp))
            hold = hold_while_writing(tmp)
            version = source.execute("PRAGMA user_version").fetchone()[0]
            source.execute("ATTACH DATABASE ? AS bk KEY ?", (str(tmp), secret))
            source.execute("SELECT sqlcipher_export('bk')").fetchall()
            source.execute(f"PRAGMA bk.user_version = {int(version):d}")
            source.execute(f"PRAGMA bk.application_id = {schema.APPLICATION_ID:d}")
            source.execute("DETACH DATABASE bk")
        except sqlcipher3.Error as exc:
            raise map_sqlite_error(exc) from None
        finally:
            source.close()
            _WRITING.discard(str(tmp))
            if hold is not None:
                os.close(hold)
        verify_file(tmp, secret)
        moved: Path | None = None
        if target.exists():
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
            moved = target.with_name(f"{target.name}.replaced-{stamp}")
            os.replace(target, moved)
            for suffix in ("-wal", "-shm", "-journal"):
                side = Path(str(target) + suffix)
                if side.exists():
                    os.replace(side, Path(str(moved) + suffix))
        os.replace(tmp, target)
        _fsync_dir(target.parent)
        return moved
    except BaseException:
        remove_vault_files(tmp)  # nothing when it was renamed into place
        raise
    finally:
        if lock is not None:
            lock.release()


# -- after a permanent deletion --------------------------------------------------------------------

#: Backups PeerDesk makes on its own (the rest — "manual" from Back up now or ``peerdesk backup``
#: — are copies the user asked for, and stay the user's to delete).
AUTOMATIC_REASON = re.compile(r"^(?:auto|unlock|after-deletion|before-passwd|before-upgrade-v\d+)$")
AFTER_DELETION = "after-deletion"


class BackupsNotReplaced(BackupFailed):
    """The deletion is done, but older automatic backups still hold what was deleted."""

    kind = "backups-not-replaced"
    default_message = (
        "The deletion is done, but older automatic backups still hold what was deleted: a fresh "
        "backup could not be made, so they were kept. Try Back up now, or delete them by hand."
    )

    def __init__(
        self,
        message: str | None = None,
        *,
        folder: Path | None = None,
        still_there: tuple[Path, ...] = (),
        fresh: Path | None = None,
    ) -> None:
        super().__init__(message)
        self.folder = folder  # where the fresh backup goes (or would have gone)
        self.still_there = still_there  # older automatic backups that still hold it
        self.fresh = fresh  # the fresh backup, when it was made but old ones stayed


@dataclass(frozen=True)
class BackupsReplaced:
    """What :func:`replace_automatic_backups` did. ``fresh`` is None when no automatic backup
    of this vault was there to replace. ``left`` are the other backups of this vault's name
    in the folders: made by the user (Back up now, ``peerdesk backup``), or ones PeerDesk
    cannot prove are this vault's with this passphrase (made before a passphrase change, or
    damaged). They were not touched and may still hold what was deleted."""

    fresh: Path | None
    removed: tuple[Path, ...]
    left: tuple[Path, ...]


def _created_at(conn: sqlcipher3.Connection) -> str | None:
    row = conn.execute("SELECT value FROM vault_meta WHERE key = 'created_at'").fetchone()
    return None if row is None else str(row[0])


def _is_backup_of(path: Path, secret: str, created_at: str | None = None) -> bool:
    """Whether ``path`` opens with ``secret`` as a PeerDesk vault and, given ``created_at``, is
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
        return created_at is None or _created_at(conn) == created_at
    except sqlcipher3.Error:
        return False
    finally:
        conn.close()


def replace_automatic_backups(
    vault: Vault,
    directory: Path,
    *,
    also: tuple[Path, ...] = (),
    progress: Callable[[int, int], None] | None = None,
) -> BackupsReplaced:
    """After a permanent deletion has been committed: replace every automatic backup of this
    vault in ``directory`` (and the folders in ``also``) by one fresh verified backup in
    ``directory``, which no longer holds what was deleted.

    The fresh backup is made and verified first; only then are the older ones removed. Only
    files proven to be automatic backups of this vault are removed (the name says automatic,
    and the file opens with this vault's passphrase and is a copy of this vault). If the fresh
    backup cannot be made, nothing is removed and :class:`BackupsNotReplaced` is raised.
    Also empties the vault's write-ahead log into the vault file (``secure_delete`` has already
    overwritten the deleted rows there), so no older copy of a page stays in it. An automatic
    backup being written meanwhile is waited for, so that it is replaced too.
    """
    with _AUTOMATIC:
        return _replace_automatic_backups(vault, directory, also, progress)


def _replace_automatic_backups(
    vault: Vault,
    directory: Path,
    also: tuple[Path, ...],
    progress: Callable[[int, int], None] | None,
) -> BackupsReplaced:
    secret = normalise_passphrase(vault._export_secret())
    settings = VaultSettings(vault)
    pending = settings.get(BACKUPS_HOLD_DELETED)  # cleared at the end unless it changes meanwhile
    conn = vault._connection()
    with contextlib.suppress(sqlcipher3.Error):
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    try:
        created_at = _created_at(conn)
    except sqlcipher3.Error as exc:
        raise map_sqlite_error(exc) from None
    folders = dict.fromkeys(Path(f) for f in (directory, *also))
    found = [info for folder in folders for info in list_backups(folder, vault.path)]
    steps = len(found) + 2  # check each, make the fresh one, remove the old ones
    ours: list[Path] = []
    left: list[Path] = []
    # Made before a passphrase change: they open only with the old passphrase, so the vault's
    # own record of them is the proof that they are its copies.
    recorded = {str(p) for p in settings.get(OLD_PASSPHRASE_BACKUPS) or []}
    for done, info in enumerate(found):
        if progress is not None:
            progress(done, steps)
        automatic = AUTOMATIC_REASON.match(info.reason) is not None
        if automatic and (
            str(info.path.resolve()) in recorded
            or (created_at is not None and _is_backup_of(info.path, secret, created_at))
        ):
            ours.append(info.path)
        else:
            left.append(info.path)
    if not ours:
        if pending is not None:
            settings.delete_if(BACKUPS_HOLD_DELETED, pending)
        return BackupsReplaced(None, (), tuple(left))
    if progress is not None:
        progress(len(found), steps)
    try:
        fresh = backup_before(vault, Path(directory), reason=AFTER_DELETION)
    except (VaultError, OSError):
        raise BackupsNotReplaced(folder=Path(directory), still_there=tuple(ours)) from None
    if progress is not None:
        progress(len(found) + 1, steps)
    not_removed: list[Path] = []
    for old in ours:
        try:
            remove_vault_files(old)
        except OSError:
            not_removed.append(old)
    if not_removed:
        raise BackupsNotReplaced(
            "The deletion is done and a fresh backup was made, but some older automatic "
            "backups could not be removed and still hold what was deleted. Delete them by "
            "hand.",
            folder=Path(directory),
            still_there=tuple(not_removed),
            fresh=fresh,
        )
    _fsync_dir(Path(directory))
    if recorded:
        settings.set(OLD_PASSPHRASE_BACKUPS, sorted(p for p in recorded if Path(p).exists()))
    if pending is not None:
        settings.delete_if(BACKUPS_HOLD_DELETED, pending)
    return BackupsReplaced(fresh, tuple(ours), tuple(left))
