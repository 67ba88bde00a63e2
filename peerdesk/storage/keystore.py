"""Remember a vault passphrase in the operating system's keyring (SECURITY.md items 13-15).

Only trusted backends are used: Secret Service (GNOME Keyring, KeePassXC, ...), KWallet,
the macOS Keychain and the Windows Credential Locker. The ``fail``, ``null`` and every
``keyrings.alt`` backend are refused, and there is never an on-disk or plaintext fallback:
when no trusted keyring is usable the caller gets a :class:`KeyringError` and asks the user
to type the passphrase.

Every backend call runs in a daemon thread and is waited for at most ``timeout`` seconds,
because keyring calls can hang (secretstorage issue #33). A call that is still running when
the wait ends is abandoned (the daemon thread does not keep the process alive); if an
abandoned :meth:`KeyStore.remember` completes later, its entry is deleted again, so that the
keyring matches what the user was told ("not remembered").

Keyring entries are stored under the service name ``org.peerdesk.PeerDesk`` and a user name
from :func:`vault_id_for`, so the keyring's list of entries never shows a file path.
Nothing here logs a passphrase or a vault path.

This module decides which backend is trusted and holds the :class:`KeyStore` operations; how a
backend call is run and its errors mapped (and the error classes, exported from here too) is
``keyring_calls.py``. No Qt dependency; :mod:`keyring` is imported lazily.
"""

from __future__ import annotations

import hashlib
import logging
import math
import os
import re
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final, Protocol, TypeVar, cast

from peerdesk.i18n import _
from peerdesk.storage.keyring_calls import (
    UNAVAILABLE_EXCEPTIONS,
    BoundedCall,
    KeyringError,
    KeyringFailed,
    KeyringLocked,
    KeyringTimeout,
    KeyringUnavailable,
    kind,
    mro_names,
    qualified_name,
    translate,
)

T = TypeVar("T")

__all__ = [
    "DEFAULT_SERVICE",
    "DEFAULT_TIMEOUT",
    "TRUSTED_BACKENDS",
    "KeyStore",
    "KeyringError",
    "KeyringFailed",
    "KeyringLocked",
    "KeyringStatus",
    "KeyringTimeout",
    "KeyringUnavailable",
    "vault_id_for",
]

log = logging.getLogger(__name__)

DEFAULT_SERVICE: Final = "org.peerdesk.PeerDesk"
DEFAULT_TIMEOUT: Final = 5.0

#: Fully qualified class names of the backends PeerDesk may store a passphrase in. Matched
#: exactly against ``type(backend)``; a subclass of a trusted backend is not trusted.
TRUSTED_BACKENDS: frozenset[str] = frozenset(
    {
        "keyring.backends.SecretService.Keyring",
        "keyring.backends.kwallet.DBusKeyring",
        "keyring.backends.kwallet.DBusKeyringKWallet4",
        "keyring.backends.macOS.Keyring",
        "keyring.backends.Windows.WinVaultKeyring",
    }
)

_CHAINER: Final = "keyring.backends.chainer.ChainerBackend"
_WINVAULT: Final = "keyring.backends.Windows.WinVaultKeyring"
# wincred.h: CRED_PERSIST_SESSION = 1, CRED_PERSIST_LOCAL_MACHINE = 2, CRED_PERSIST_ENTERPRISE = 3.
# keyring's WinVaultKeyring defaults to ENTERPRISE, which roams with a domain profile.
_CRED_PERSIST_LOCAL_MACHINE: Final = 2

_FRIENDLY_NAMES: Final[dict[str, str]] = {
    "keyring.backends.SecretService.Keyring": "Secret Service",  # i18n: keep — name
    "keyring.backends.kwallet.DBusKeyring": "KWallet",
    "keyring.backends.kwallet.DBusKeyringKWallet4": "KWallet",
    "keyring.backends.macOS.Keyring": "macOS Keychain",  # i18n: keep — name
    "keyring.backends.Windows.WinVaultKeyring": "Windows Credential Locker",  # i18n: keep — name
}

_DELETE_MISSING: Final = "keyring.errors.PasswordDeleteError"
_MAX_DELETE_ATTEMPTS: Final = 3

_VAULT_ID_RE: Final = re.compile(r"vault-[0-9a-f]{32}")


# --------------------------------------------------------------------------- status


@dataclass(frozen=True, slots=True)
class KeyringStatus:
    """Whether "Remember on this device" can be offered.

    ``backend_name`` names the keyring for display (for example "Secret Service"), or the
    refused backend's class name. ``reason`` is a user-facing sentence when unavailable,
    otherwise empty.
    """

    available: bool
    backend_name: str
    reason: str


# --------------------------------------------------------------------------- vault ids


def vault_id_for(path: os.PathLike[str] | str) -> str:
    """A stable keyring user name for the vault at ``path``.

    Derived from the resolved absolute path, so different spellings of one file give the
    same id, and hashed, so the keyring's entry list does not reveal the file path.
    """
    resolved = os.path.normcase(os.path.realpath(os.path.abspath(os.fspath(path))))
    digest = hashlib.sha256(os.fsencode(resolved)).hexdigest()
    return "vault-" + digest[:32]


# --------------------------------------------------------------------------- internals


class _Backend(Protocol):
    def get_password(self, service: str, username: str) -> str | None: ...

    def set_password(self, service: str, username: str, password: str) -> None: ...

    def delete_password(self, service: str, username: str) -> None: ...


def _is_windows() -> bool:
    return sys.platform == "win32"


def _display_name(backend: object) -> str:
    name = qualified_name(type(backend))
    return _FRIENDLY_NAMES.get(name, name)


# --------------------------------------------------------------------------- KeyStore


class KeyStore:
    """Remember, recall and forget vault passphrases in a trusted OS keyring.

    ``backend`` is a keyring backend instance; ``None`` means ``keyring.get_keyring()``,
    resolved lazily on first use. Every public method except :meth:`status` raises only
    :class:`KeyringError` subclasses (or ``ValueError`` for invalid arguments).
    """

    def __init__(
        self,
        backend: object | None = None,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        service: str = DEFAULT_SERVICE,
    ) -> None:
        if not (isinstance(timeout, int | float) and math.isfinite(timeout) and timeout > 0):
            raise ValueError("timeout must be a positive number of seconds")
        if not service:
            raise ValueError("service must not be empty")
        self._given = backend
        self._timeout = float(timeout)
        self._service = service
        self._lock = threading.Lock()
        self._resolved: _Backend | None = None
        self._resolved_name = ""

    @property
    def timeout(self) -> float:
        return self._timeout

    @property
    def service(self) -> str:
        return self._service

    # ------------------------------------------------------------------ public API

    def status(self) -> KeyringStatus:
        """Whether a trusted keyring can be used. Never raises (``_call`` turns every
        exception, including a failure to start the thread, into a KeyringError)."""
        try:
            backend = self._call(self._backend, what="status")
        except KeyringError as exc:
            return KeyringStatus(False, exc.backend_name, exc.user_message)
        return KeyringStatus(True, _display_name(backend), "")

    def remember(self, vault_id: str, passphrase: str) -> None:
        """Store ``passphrase`` for ``vault_id``, then read it back to verify it."""
        _check_vault_id(vault_id)
        if not isinstance(passphrase, str) or not passphrase:
            raise ValueError("passphrase must be a non-empty string")

        def store() -> None:
            backend = self._backend()
            backend.set_password(self._service, vault_id, passphrase)
            stored = backend.get_password(self._service, vault_id)
            if stored != passphrase:
                # Do not leave a wrong entry behind; recall() would return it.
                try:
                    backend.delete_password(self._service, vault_id)
                except Exception as exc:
                    log.warning("Could not remove a mismatched keyring entry (%s)", kind(exc))
                raise KeyringFailed(
                    _(
                        "The system keyring did not store your passphrase correctly, so "
                        "PeerDesk will not rely on it. Please type your passphrase to unlock "
                        "the vault."
                    ),
                    backend_name=self._resolved_name,
                )

        def undo_late_write() -> None:
            backend = self._backend()
            backend.delete_password(self._service, vault_id)

        self._call(store, what="remember", on_late_success=undo_late_write)
        log.info("Passphrase remembered in the system keyring")

    def recall(self, vault_id: str) -> str | None:
        """The remembered passphrase for ``vault_id``, or ``None`` if there is none."""
        _check_vault_id(vault_id)

        def fetch() -> str | None:
            return self._backend().get_password(self._service, vault_id)

        value: object = self._call(fetch, what="recall")
        if value is None:
            return None
        if not isinstance(value, str) or not value:
            log.warning("Keyring returned an unusable value of type %s", type(value).__name__)
            raise KeyringFailed(backend_name=self._resolved_name)
        return value

    def is_remembered(self, vault_id: str) -> bool:
        """Whether the keyring holds a passphrase for ``vault_id`` (what "Remember on this
        device" shows). The passphrase itself is read by the backend but never returned."""
        _check_vault_id(vault_id)

        def fetch() -> bool:
            return self._backend().get_password(self._service, vault_id) is not None

        return bool(self._call(fetch, what="check"))

    def forget(self, vault_id: str) -> None:
        """Remove the remembered passphrase for ``vault_id``; no error if there is none."""
        _check_vault_id(vault_id)

        def delete() -> None:
            backend = self._backend()
            for _attempt in range(_MAX_DELETE_ATTEMPTS):
                try:
                    backend.delete_password(self._service, vault_id)
                except Exception as exc:
                    if _DELETE_MISSING not in mro_names(exc):
                        raise
                if backend.get_password(self._service, vault_id) is None:
                    return
            raise KeyringFailed(
                _(
                    "The system keyring did not remove your remembered passphrase. You can remove "
                    "the entry yourself in your keyring manager."
                ),
                backend_name=self._resolved_name,
            )

        self._call(delete, what="forget")
        log.info("Passphrase removed from the system keyring")

    # ------------------------------------------------------------------ internals

    def _call(
        self,
        fn: Callable[[], T],
        *,
        what: str,
        on_late_success: Callable[[], object] | None = None,
    ) -> T:
        try:
            return BoundedCall(fn, on_late_success).run(self._timeout, self._resolved_name)
        except KeyringTimeout:
            log.warning("Keyring %s timed out after %.1f s", what, self._timeout)
            raise
        except KeyringUnavailable:
            # Normal on a computer without a keyring; not worth a warning on stderr.
            log.info("Keyring %s: no trusted keyring available", what)
            raise
        except KeyringError as exc:
            log.warning("Keyring %s failed: %s", what, type(exc).__name__)
            raise
        except Exception as exc:
            error = translate(exc, self._resolved_name)
            log.warning("Keyring %s failed: %s (%s)", what, type(error).__name__, kind(exc))
        # Raised outside the handler, so it has no __context__: the backend's exception (whose
        # text is not ours, and whose frames can hold a D-Bus connection) is released now.
        raise error

    def _backend(self) -> _Backend:
        """The trusted backend to use (resolved once; runs in the worker thread)."""
        with self._lock:
            if self._resolved is not None:
                return self._resolved
        candidate = self._given
        if candidate is None:
            candidate, error = _default_keyring()
            if error is not None:
                raise error
        backend = _select_trusted(candidate)
        with self._lock:
            self._resolved = backend
            self._resolved_name = _display_name(backend)
        return backend


def _default_keyring() -> tuple[object, KeyringError | None]:
    """keyring's own choice of backend, or the error to raise (outside any handler)."""
    try:
        import keyring

        return keyring.get_keyring(), None
    except Exception as exc:
        return None, _translate_init(exc)


def _translate_init(exc: Exception) -> KeyringError:
    if mro_names(exc) & UNAVAILABLE_EXCEPTIONS:
        return KeyringUnavailable(detail=kind(exc))
    return KeyringFailed(
        _(
            "The system keyring could not be started, so PeerDesk cannot use it. "
            "Please type your passphrase to unlock the vault."
        ),
        detail=kind(exc),
    )


def _select_trusted(candidate: object) -> _Backend:
    """``candidate`` itself if trusted; for the chainer, the first trusted backend it chains."""
    name = qualified_name(type(candidate))
    if name in TRUSTED_BACKENDS:
        return _prepare(candidate)
    if _CHAINER in mro_names(candidate):
        # Never write through the chainer: it could fall through to an untrusted store.
        chained = list(getattr(candidate, "backends", ()))
        for inner in chained:
            if qualified_name(type(inner)) in TRUSTED_BACKENDS:
                return _prepare(inner)
        refused = ", ".join(qualified_name(type(inner)) for inner in chained) or "nothing"
        log.info("Keyring chainer holds no trusted backend (it chains %s)", refused)
        raise KeyringUnavailable(backend_name=name)
    log.info("Refusing untrusted keyring backend %s", name)
    raise KeyringUnavailable(backend_name=name)


def _prepare(backend: object) -> _Backend:
    """Apply per-platform settings before first use."""
    if qualified_name(type(backend)) == _WINVAULT and _is_windows():
        # keyring's Persistence descriptor maps "local machine" to CRED_PERSIST_LOCAL_MACHINE:
        # the entry stays on this computer instead of roaming with a domain profile.
        try:
            backend.persist = "local machine"  # type: ignore[attr-defined]  # i18n: keep — a key
            persisted = backend.persist  # type: ignore[attr-defined]
        except Exception as exc:
            raise KeyringFailed(backend_name=_display_name(backend), detail=kind(exc)) from None
        if persisted != _CRED_PERSIST_LOCAL_MACHINE:
            raise KeyringFailed(backend_name=_display_name(backend))
    return cast(_Backend, backend)


def _check_vault_id(vault_id: str) -> None:
    if not isinstance(vault_id, str) or _VAULT_ID_RE.fullmatch(vault_id) is None:
        # Deliberately not echoing the value: a caller mistake could pass a path here.
        raise ValueError("vault_id must come from vault_id_for()")
