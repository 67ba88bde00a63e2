"""Single-writer lock: one process at a time may open a vault.

The lock is an OS advisory lock (``flock`` on POSIX, ``msvcrt.locking`` on Windows) on an empty
file beside the vault (``<vault>.lock``). The kernel drops it when the process dies, so a crash or
SIGKILL never leaves a stale lock. Inside one process, several connections to the same vault
(the GUI's and a background worker's) share one lock through a reference count.

The lock file exists only while the lock is held: the last release removes it (on POSIX while
still holding the lock, and a new holder checks that the file it locked is still the one at
the path), so opening a file — a vault or not — leaves nothing beside it.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

from peerdesk.i18n import _
from peerdesk.storage.errors import VaultInUse, VaultReadOnly

_registry_guard = threading.Lock()
_ATTEMPTS = 20  # a lock file removed under us again and again means another process is busy
_held: dict[str, _Held] = {}


@dataclass
class _Held:
    fd: int
    count: int
    path: str


def lock_path_for(vault_path: Path) -> Path:
    return vault_path.with_name(vault_path.name + ".lock")


def _try_lock(fd: int) -> bool:
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _still_at(fd: int, path: Path) -> bool:
    """Whether ``fd`` is still the file at ``path`` (another holder may have removed it
    between our open and our lock)."""
    if sys.platform == "win32":  # pragma: no cover - Windows cannot remove an open file
        return True
    try:
        here = os.stat(path)
    except FileNotFoundError:
        return False
    mine = os.fstat(fd)
    return (here.st_dev, here.st_ino) == (mine.st_dev, mine.st_ino)


def _open_lock_file(path: Path) -> int:
    try:
        return os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    except PermissionError as exc:
        raise VaultReadOnly() from exc
    except OSError as exc:
        raise VaultReadOnly(
            _(
                "PeerDesk cannot create its lock file beside the vault. Check that the "
                "folder is writable."
            )
        ) from exc


def hold_while_writing(path: Path) -> int | None:
    """Take an exclusive ``flock`` on an existing file we are writing (a backup's temporary
    file), so that a clean-up in another process can tell it is in use. Returns the descriptor
    to close when done, or ``None`` where this is not possible (Windows locks are mandatory
    and would stop SQLite from writing)."""
    if sys.platform == "win32":  # pragma: no cover
        return None
    fd = os.open(path, os.O_RDONLY)
    if not _try_lock(fd):
        os.close(fd)
        return None
    return fd


def in_use_by_a_writer(path: Path) -> bool:
    """Whether some process holds :func:`hold_while_writing` on ``path`` (POSIX; ``False``
    elsewhere or when the file is gone)."""
    if sys.platform == "win32":  # pragma: no cover
        return False
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return False
    try:
        return not _try_lock(fd)
    finally:
        os.close(fd)


class VaultLock:
    """A held lock; release it exactly once (``Vault.close`` does)."""

    def __init__(self, key: str, *, first: bool = False) -> None:
        self._key: str | None = key
        #: True when no other connection of this process held the vault before this one (so
        #: nothing of this vault is being written by this process or any other).
        self.first = first

    @classmethod
    def acquire(cls, vault_path: Path) -> VaultLock:
        key = str(vault_path.resolve())
        with _registry_guard:
            held = _held.get(key)
            if held is not None:
                held.count += 1
                return cls(key)
            path = lock_path_for(Path(key))
            for _attempt in range(_ATTEMPTS):
                fd = _open_lock_file(path)
                if not _try_lock(fd):
                    os.close(fd)
                    raise VaultInUse()
                if _still_at(fd, path):
                    break
                os.close(fd)  # its holder removed it as we opened it: lock the new one
            else:
                raise VaultInUse()
            _held[key] = _Held(fd=fd, count=1, path=str(path))
            return cls(key, first=True)

    @property
    def held(self) -> bool:
        return self._key is not None

    def release(self) -> None:
        key, self._key = self._key, None
        if key is None:
            return
        with _registry_guard:
            held = _held.get(key)
            if held is None:
                return
            held.count -= 1
            if held.count == 0:
                del _held[key]
                if sys.platform != "win32":
                    # Removed while still locked: a process that opened it meanwhile sees
                    # that it is no longer the file at the path, and tries again.
                    with contextlib.suppress(OSError):
                        os.unlink(held.path)
                os.close(held.fd)  # closing the descriptor drops the OS lock
                if sys.platform == "win32":  # pragma: no cover
                    with contextlib.suppress(OSError):
                        os.unlink(held.path)
