"""Calling a keyring backend safely (SECURITY.md 14): with a timeout, in a daemon thread, and
with every exception it raises mapped to one of ours without copying its message.

``keystore.py`` (which backends are trusted, and the :class:`~peerdesk.storage.keystore.KeyStore`
operations) runs every backend call through :class:`BoundedCall`. The errors here are part of
the keystore's public API and are importable from ``keystore``.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import ClassVar, Final, Generic, TypeVar, cast

from peerdesk.i18n import N_, _

log = logging.getLogger(__name__)

ASK_TO_TYPE: Final = N_("Please type your passphrase to unlock the vault.")

LOCKED_EXCEPTIONS: Final = frozenset(
    {
        "keyring.errors.KeyringLocked",
        "secretstorage.exceptions.LockedException",
        "secretstorage.exceptions.PromptDismissedException",
    }
)
UNAVAILABLE_EXCEPTIONS: Final = frozenset(
    {
        "keyring.errors.NoKeyringError",
        "secretstorage.exceptions.SecretServiceNotAvailableException",
    }
)

T = TypeVar("T")


# --------------------------------------------------------------------------- errors


class KeyringError(Exception):
    """Base class. ``user_message`` is a plain-English sentence for the user.

    No message ever contains the passphrase or the vault path.
    """

    default_message: ClassVar[str] = N_(
        "The system keyring could not be used to remember your passphrase. "
        "Please type your passphrase to unlock the vault."
    )

    def __init__(
        self, user_message: str | None = None, *, backend_name: str = "", detail: str = ""
    ) -> None:
        self.user_message: str = user_message or _(self.default_message)
        #: The keyring's display name, or the refused backend's class name.
        self.backend_name: str = backend_name
        #: For diagnostics: the class name of the backend exception behind this one, if any.
        #: The backend's exception itself is not chained, as its text is not under our control.
        self.detail: str = detail
        super().__init__(self.user_message)


class KeyringUnavailable(KeyringError):
    """No trusted keyring: none installed or running, or only an untrusted backend."""

    default_message: ClassVar[str] = N_(
        "No secure system keyring (such as GNOME Keyring, KWallet, the macOS Keychain or the "
        "Windows Credential Locker) is available, so PeerDesk cannot remember your passphrase "
        "on this computer. Please type your passphrase to unlock the vault."
    )


class KeyringLocked(KeyringError):
    """The keyring is locked, or the user dismissed the request to unlock it."""

    default_message: ClassVar[str] = N_(
        "Your system keyring is locked, or the request to unlock it was dismissed. "
        "Please type your passphrase to unlock the vault. You can turn on “Remember on "
        "this device” again after unlocking the keyring."
    )


class KeyringFailed(KeyringError):
    """The keyring reported an error, or what it stored did not read back correctly."""

    default_message: ClassVar[str] = N_(
        "The system keyring reported an error, so it could not be used. Please type your "
        "passphrase to unlock the vault."
    )


class KeyringTimeout(KeyringError):
    """The keyring did not answer in time."""

    default_message: ClassVar[str] = N_(
        "The system keyring did not respond in time. Please type your passphrase to unlock "
        "the vault."
    )


# --------------------------------------------------------------------------- calls


def qualified_name(cls: type) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


def mro_names(obj: object) -> set[str]:
    return {qualified_name(cls) for cls in type(obj).__mro__}


def translate(exc: Exception, backend_name: str) -> KeyringError:
    """Map any backend exception to one of ours (never copying its message)."""
    if isinstance(exc, KeyringError):
        return exc
    names = mro_names(exc)
    detail = kind(exc)
    if names & LOCKED_EXCEPTIONS:
        return KeyringLocked(backend_name=backend_name, detail=detail)
    if names & UNAVAILABLE_EXCEPTIONS:
        return KeyringUnavailable(backend_name=backend_name, detail=detail)
    return KeyringFailed(backend_name=backend_name, detail=detail)


class BoundedCall(Generic[T]):
    """Run ``fn`` in a daemon thread; wait for it at most ``timeout`` seconds.

    Deliberately not ThreadPoolExecutor: its worker threads are joined at interpreter exit,
    so a hung keyring call would stop PeerDesk from quitting.
    """

    def __init__(self, fn: Callable[[], T], on_late_success: Callable[[], object] | None) -> None:
        self._fn = fn
        self._on_late_success = on_late_success
        self._lock = threading.Lock()
        self._done = False
        self._abandoned = False
        self._result: T | None = None
        self._error: Exception | None = None

    def _target(self) -> None:
        succeeded = False
        try:
            self._result = self._fn()
            succeeded = True
        except BaseException as exc:  # handed to the waiting thread
            # A SystemExit or KeyboardInterrupt from a backend must not surface in the caller.
            self._error = exc if isinstance(exc, Exception) else KeyringFailed(detail=kind(exc))
        finally:
            with self._lock:
                self._done = True
                late = self._abandoned
        if late and succeeded and self._on_late_success is not None:
            try:
                self._on_late_success()
            except Exception as exc:
                log.warning("Keyring clean-up after a timed-out call failed (%s)", kind(exc))

    def run(self, timeout: float, backend_name: str) -> T:
        thread = threading.Thread(target=self._target, name="peerdesk-keyring", daemon=True)
        thread.start()
        thread.join(timeout)
        with self._lock:
            if not self._done:
                self._abandoned = True
                raise KeyringTimeout(backend_name=backend_name)
        error, self._error = self._error, None
        if error is not None:
            try:
                raise error
            finally:
                del error  # no frame -> exception reference cycle
        return cast(T, self._result)


def kind(exc: BaseException) -> str:
    """What may be logged about an exception: its type, never its message."""
    return qualified_name(type(exc))
