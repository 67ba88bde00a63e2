"""Keyring backends for tests: one well-behaved in-memory store and several hostile ones.

None of these is ever picked by keyring's own backend discovery: they are removed from
keyring's class registry, and the hostile ones are additionally not "viable" (their
``priority`` raises, which is how keyring marks a backend unusable). Without that, importing
this module would make keyring's chainer call into ``HangingKeyring`` in any later test that
lets keyring choose a backend. Tests install them explicitly, with ``keyring.set_keyring()``
or ``KeyStore(backend=...)``, and add them to ``TRUSTED_BACKENDS`` with monkeypatch.
"""

from __future__ import annotations

import threading
from typing import Any

import keyring.backend
import keyring.errors
from keyring.compat import properties

# A HangingKeyring that nobody releases gives up after this long, so a broken test cannot
# leave a thread blocked for the rest of the session.
HANG_LIMIT_SECONDS = 60.0


def hide_from_discovery(cls: type) -> type:
    """Remove a KeyringBackend subclass from keyring's registry of discoverable backends."""
    registry = getattr(keyring.backend.KeyringBackend, "_classes", None)
    if isinstance(registry, set):
        registry.discard(cls)
    return cls


def qualified_name(cls: type) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


class _NotViable:
    """Mixin: keyring treats a backend whose priority raises RuntimeError as unusable."""

    @properties.classproperty
    def priority(cls) -> float:
        raise RuntimeError("test-only keyring backend; never chosen automatically")


@hide_from_discovery
class InMemoryKeyring(keyring.backend.KeyringBackend):
    """A dict. ``entries`` maps (service, username) to the password."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}
        self.calls: list[tuple[str, str, threading.Thread]] = []

    def get_password(self, service: str, username: str) -> str | None:
        self.calls.append(("get", username, threading.current_thread()))
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.calls.append(("set", username, threading.current_thread()))
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.calls.append(("delete", username, threading.current_thread()))
        try:
            del self.entries[(service, username)]
        except KeyError:
            raise keyring.errors.PasswordDeleteError("Password not found") from None


@hide_from_discovery
class HangingKeyring(_NotViable, InMemoryKeyring):
    """Every call blocks until ``release`` is set (like secretstorage issue #33).

    ``entered`` is set when a call starts blocking; ``deleted`` when a delete completes.
    """

    def __init__(self) -> None:
        super().__init__()
        self.release = threading.Event()
        self.entered = threading.Event()
        self.deleted = threading.Event()

    def _block(self) -> None:
        self.entered.set()
        if not self.release.wait(HANG_LIMIT_SECONDS):
            raise RuntimeError("HangingKeyring was never released")

    def get_password(self, service: str, username: str) -> str | None:
        self._block()
        return super().get_password(service, username)

    def set_password(self, service: str, username: str, password: str) -> None:
        self._block()
        super().set_password(service, username, password)

    def delete_password(self, service: str, username: str) -> None:
        self._block()
        try:
            super().delete_password(service, username)
        finally:
            self.deleted.set()


@hide_from_discovery
class LockedKeyring(_NotViable, keyring.backend.KeyringBackend):
    """A keyring whose unlock prompt was dismissed: every call raises ``error``."""

    def __init__(self, error: Exception | None = None) -> None:
        super().__init__()
        self.error = error or keyring.errors.KeyringLocked("Failed to unlock the collection!")

    def get_password(self, service: str, username: str) -> str | None:
        raise self.error

    def set_password(self, service: str, username: str, password: str) -> None:
        raise self.error

    def delete_password(self, service: str, username: str) -> None:
        raise self.error


@hide_from_discovery
class FailingKeyring(_NotViable, keyring.backend.KeyringBackend):
    """A broken keyring. By default writes raise PasswordSetError and reads and deletes raise
    InitError, the way SecretService fails when its collection cannot be opened.
    """

    def __init__(
        self,
        *,
        set_error: Exception | None = None,
        get_error: Exception | None = None,
        delete_error: Exception | None = None,
    ) -> None:
        super().__init__()
        self.set_error = set_error or keyring.errors.PasswordSetError("write refused")
        self.get_error = get_error or keyring.errors.InitError("Failed to create the collection")
        self.delete_error = delete_error or RuntimeError("backend exploded")

    def get_password(self, service: str, username: str) -> str | None:
        raise self.get_error

    def set_password(self, service: str, username: str, password: str) -> None:
        raise self.set_error

    def delete_password(self, service: str, username: str) -> None:
        raise self.delete_error


@hide_from_discovery
class LyingKeyring(_NotViable, InMemoryKeyring):
    """Claims success but stores something else (``mode="alter"``) or nothing (``"drop"``)."""

    def __init__(self, mode: str = "alter") -> None:
        super().__init__()
        if mode not in {"alter", "drop"}:
            raise ValueError(mode)
        self.mode = mode

    def set_password(self, service: str, username: str, password: str) -> None:
        if self.mode == "alter":
            altered = password[:-1] + ("!" if password.endswith("?") else "?")
            super().set_password(service, username, altered)


ALL_TEST_BACKENDS: tuple[type[Any], ...] = (
    InMemoryKeyring,
    HangingKeyring,
    LockedKeyring,
    FailingKeyring,
    LyingKeyring,
)
