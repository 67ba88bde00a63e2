"""Backups of an open vault: automatic rotation, restore, and replacing the automatic backups
after a deletion for good (SECURITY.md 9).

Writing, naming, listing and verifying a copy, and cleaning up after an interrupted one, are the
file level in ``backup_files.py`` (the vault uses that level too); this module adds what works on
an open :class:`~peerdesk.storage.vault.Vault` and on the vault file being restored.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import sqlcipher3

from peerdesk.i18n import N_, _
from peerdesk.storage.backup_files import (
    create_temporary,
    created_at,
    export_copy,
    fsync_dir,
    is_backup_of,
    list_backups,
    remove_leftovers,
    verify_file,
    write_backup,
    write_copy,
    writing,
)
from peerdesk.storage.connection import (
    SIDE_FILES,
    keyed_connection,
    map_sqlite_error,
    normalise_passphrase,
    remove_vault_files,
)
from peerdesk.storage.errors import BackupFailed, VaultError
from peerdesk.storage.lock import VaultLock
from peerdesk.storage.settings import (
    BACKUPS_HOLD_DELETED,
    OLD_PASSPHRASE_BACKUPS,
    VaultSettings,
)
from peerdesk.storage.vault import Vault

DEFAULT_KEEP = 10
#: Held while an automatic backup is written and while automatic backups are replaced after a
#: deletion: a replacement must not list the backups while one that may still hold what was
#: just deleted (an unlock backup begun before the deletion) is being written.
_AUTOMATIC = threading.Lock()


def export_to(vault: Vault, destination: Path) -> Path:
    """Write a verified encrypted copy of ``vault`` to ``destination`` (same passphrase)."""
    return write_copy(vault._connection(), vault._export_secret(), destination)


def backup_before(vault: Vault, directory: Path, *, reason: str) -> Path:
    """A verified backup taken before a risky operation (or at unlock, or on request)."""
    return write_backup(
        vault._connection(), vault._export_secret(), vault.path, directory, reason=reason
    )


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
        raise BackupFailed(_("The folder of the vault to restore does not exist."))
    lock = VaultLock.acquire(target) if target.exists() else None
    tmp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.restore")
    try:
        source = keyed_connection(backup, secret)
        try:
            create_temporary(tmp)
            with writing(tmp):
                export_copy(source, secret, tmp)
        except sqlcipher3.Error as exc:
            raise map_sqlite_error(exc) from None
        finally:
            source.close()
        verify_file(tmp, secret)
        moved: Path | None = None
        if target.exists():
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
            moved = target.with_name(f"{target.name}.replaced-{stamp}")
            os.replace(target, moved)
            for suffix in SIDE_FILES:
                side = Path(str(target) + suffix)
                if side.exists():
                    os.replace(side, Path(str(moved) + suffix))
        os.replace(tmp, target)
        fsync_dir(target.parent)
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
    default_message = N_(
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
        created = created_at(conn)
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
            or (created is not None and is_backup_of(info.path, secret, created))
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
            _(
                "The deletion is done and a fresh backup was made, but some older automatic "
                "backups could not be removed and still hold what was deleted. Delete them by "
                "hand."
            ),
            folder=Path(directory),
            still_there=tuple(not_removed),
            fresh=fresh,
        )
    fsync_dir(Path(directory))
    if recorded:
        settings.set(OLD_PASSPHRASE_BACKUPS, sorted(p for p in recorded if Path(p).exists()))
    if pending is not None:
        settings.delete_if(BACKUPS_HOLD_DELETED, pending)
    return BackupsReplaced(fresh, tuple(ours), tuple(left))
