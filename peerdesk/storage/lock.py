"""Single-writer lock: one process at a time may open a vault.

The lock is an OS advisory lock (``flock`` on POSIX, ``msvcrt.locking`` on Windows) on an empty
file beside the vault (``<vault>.lock``). The kernel drops it when the process dies, so a crash or
SIGKILL never leaves a stale lock. Inside one process, several connections to the same vault
(the GUI's and a background worker's) share one lock through a reference count.
"""

from __future__ import annotations

import os
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

from peerdesk.storage.errors import VaultInUse, VaultReadOnly

_registry_guard = threading.Lock()
_held: dict[str, _Held] = {}


@dataclass
class _Held:
    fd: int
    count: int


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


class VaultLock:
    """A held lock; release it exactly once (``Vault.close`` does)."""

    def __init__(self, key: str) -> None:
        self._key: str | None = key

    @classmethod
    def acquire(cls, vault_path: Path) -> VaultLock:
        key = str(vault_path.resolve())
        with _registry_guard:
            held = _held.get(key)
            if held is not None:
                held.count += 1
                return cls(key)
            path = lock_path_for(Path(key))
            try:
                fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
            except PermissionError as exc:
                raise VaultReadOnly() from exc
            except OSError as exc:
                raise VaultReadOnly(
                    "PeerDesk cannot create its lock file beside the vault. Check that the "
                    "folder is writable."
                ) from exc
            if not _try_lock(fd):
                os.close(fd)
                raise VaultInUse()
            _held[key] = _Held(fd=fd, count=1)
            return cls(key)

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
                os.close(held.fd)  # closing the descriptor drops the OS lock
