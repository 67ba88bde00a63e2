"""pytest plugin: keyring fixtures.

Register from ``tests/conftest.py`` with ``pytest_plugins = ["tests.helpers.keyring_fixtures"]``
(or ``-p tests.helpers.keyring_fixtures`` on the command line).

- ``memory_keyring``: an :class:`InMemoryKeyring` installed as keyring's default backend and
  trusted by :mod:`peerdesk.storage.keystore`; the previous keyring is restored afterwards.
- ``trust_backend``: a function adding test backend classes to ``TRUSTED_BACKENDS``.
- ``secret_service``: a real Secret Service backend, only under
  ``scripts/with-test-session.sh`` (skipped elsewhere, a failure in CI). Tests must store
  entries under :data:`SECRET_SERVICE_TEST_SERVICE`; those entries are deleted afterwards.
- ``locked_secret_service``: the same, with the default collection locked during the test.
"""

from __future__ import annotations

import os
import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import closing
from typing import Any, TypeVar

import keyring
import keyring.core
import pytest

from peerdesk.storage import keystore
from tests.helpers.keyring_backends import InMemoryKeyring, qualified_name

#: Service name for entries written to a real Secret Service by tests. Never the application's
#: own service name, so that clean-up cannot delete a user's remembered passphrase even if the
#: tests were run against a real desktop keyring by mistake.
SECRET_SERVICE_TEST_SERVICE = "org.peerdesk.PeerDesk.tests"

_PROBE_TIMEOUT = 10.0

T = TypeVar("T")


def _bounded(fn: Callable[[], T], what: str, timeout: float = _PROBE_TIMEOUT) -> T:
    """Run ``fn`` in a daemon thread so a hung Secret Service fails the fixture, not the run."""
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["value"] = fn()
        except BaseException as exc:
            box["error"] = exc

    thread = threading.Thread(target=target, name=f"keyring-fixture-{what}", daemon=True)
    thread.start()
    thread.join(timeout)
    if thread.is_alive():
        pytest.fail(f"Secret Service did not answer within {timeout:g} s ({what})")
    if "error" in box:
        raise box["error"]
    return box["value"]  # type: ignore[no-any-return]


@pytest.fixture
def trust_backend(monkeypatch: pytest.MonkeyPatch) -> Callable[..., None]:
    """``trust_backend(Cls, ...)`` adds classes to keystore.TRUSTED_BACKENDS for this test."""

    def trust(*classes: type) -> None:
        names = {qualified_name(cls) for cls in classes}
        monkeypatch.setattr(keystore, "TRUSTED_BACKENDS", keystore.TRUSTED_BACKENDS | names)

    return trust


@pytest.fixture
def memory_keyring(trust_backend: Callable[..., None]) -> Iterator[InMemoryKeyring]:
    """An in-memory keyring installed with ``keyring.set_keyring()`` and trusted."""
    # Read keyring's current backend without keyring.get_keyring(), which would run backend
    # discovery (and probe D-Bus) when none has been chosen yet.
    previous = keyring.core._keyring_backend
    backend = InMemoryKeyring()
    keyring.set_keyring(backend)
    trust_backend(InMemoryKeyring)
    try:
        yield backend
    finally:
        keyring.core._keyring_backend = previous


def _delete_test_entries(backend: Any) -> int:
    """Delete every item stored under SECRET_SERVICE_TEST_SERVICE; returns how many."""
    collection = backend.get_preferred_collection()
    with closing(collection.connection):
        items = list(collection.search_items(backend._query(SECRET_SERVICE_TEST_SERVICE)))
        for item in items:
            item.delete()
    return len(items)


@pytest.fixture
def secret_service() -> Iterator[Any]:
    """A usable ``keyring.backends.SecretService.Keyring`` in the private test session."""
    if os.environ.get("PEERDESK_TEST_SECRET_SERVICE") != "1":
        if os.environ.get("CI") == "true":
            pytest.fail(
                "CI must run the keyring tests against a real Secret Service: run pytest "
                "through scripts/with-test-session.sh"
            )
        pytest.skip("needs scripts/with-test-session.sh")

    from keyring.backends.SecretService import Keyring

    # priority raises RuntimeError when secretstorage or the daemon is missing.
    assert _bounded(lambda: Keyring.priority, "priority") > 0
    backend = Keyring()

    _bounded(_unlock_after_a_restart, "restart check")

    probe_user = f"probe-{uuid.uuid4().hex}"
    probe_secret = uuid.uuid4().hex

    def probe() -> str | None:
        backend.set_password(SECRET_SERVICE_TEST_SERVICE, probe_user, probe_secret)
        value = backend.get_password(SECRET_SERVICE_TEST_SERVICE, probe_user)
        backend.delete_password(SECRET_SERVICE_TEST_SERVICE, probe_user)
        return value

    if _bounded(probe, "probe") != probe_secret:
        pytest.fail("the Secret Service did not return what was stored in it")
    try:
        yield backend
    finally:
        _bounded(lambda: _delete_test_entries(backend), "clean-up")


#: What the fixtures had to repair in the test session, shown at the end of the run.
_REPAIRS: list[str] = []


def _unlock_after_a_restart() -> None:
    """Unlock the default collection if the daemon of with-test-session.sh is gone.

    When gnome-keyring-daemon ends (it did once on a CI machine, twenty minutes into the run),
    the next call makes the bus start another one on the same files, with the collection
    locked; without this, every later keyring test would fail on a locked keyring. The test that
    was running when it ended still fails: this only keeps the following ones meaningful. What
    happened, with the daemon's own output, is shown at the end of the run.
    """
    import secretstorage

    connection = secretstorage.dbus_init()
    with closing(connection):
        collection = secretstorage.get_default_collection(connection)
        if not collection.is_locked():
            return
        path = str(collection.collection_path)
    password = os.environ.get("PEERDESK_TEST_KEYRING_PASSWORD", "")
    _unlock_with_password(path, password)
    log_path = os.environ.get("PEERDESK_TEST_KEYRING_LOG", "")
    try:
        with open(log_path, encoding="utf-8", errors="replace") as log:
            output = log.read()[-2000:].strip() or "(nothing)"
    except OSError:
        output = "(no log)"
    _REPAIRS.append(
        "The test keyring was locked: gnome-keyring-daemon had ended and the bus started "
        f"another one. It was unlocked again. The daemon's output:\n{output}"
    )


def pytest_terminal_summary(terminalreporter: Any) -> None:
    for repair in _REPAIRS:
        terminalreporter.write_sep("=", "Secret Service repaired", yellow=True)
        terminalreporter.write_line(repair)


def _unlock_with_password(collection_path: str, password: str) -> None:
    """Unlock a gnome-keyring collection without a prompt (gnome-keyring's internal API)."""
    import secretstorage
    from secretstorage.util import DBusAddressWrapper, format_secret, open_session

    connection = secretstorage.dbus_init()
    with closing(connection):
        session = open_session(connection)
        secret = format_secret(session, password.encode(), "text/plain")
        internal = DBusAddressWrapper(
            "/org/freedesktop/secrets",
            "org.gnome.keyring.InternalUnsupportedGuiltRiddenInterface",
            connection,
        )
        internal.call("UnlockWithMasterPassword", "o(oayays)", collection_path, secret)


@pytest.fixture
def locked_secret_service(secret_service: Any) -> Iterator[Any]:
    """``secret_service`` with its default collection locked; unlocked again afterwards.

    The session from scripts/with-test-session.sh has no display, so the unlock prompt that
    keyring asks for is dismissed at once.
    """
    import secretstorage

    password = os.environ.get("PEERDESK_TEST_KEYRING_PASSWORD")
    if not password:
        pytest.fail("PEERDESK_TEST_KEYRING_PASSWORD is not set (see with-test-session.sh)")

    def lock() -> str:
        connection = secretstorage.dbus_init()
        with closing(connection):
            collection = secretstorage.get_default_collection(connection)
            collection.lock()
            assert collection.is_locked()
            return str(collection.collection_path)

    def unlock_and_check(path: str) -> bool:
        _unlock_with_password(path, password)
        connection = secretstorage.dbus_init()
        with closing(connection):
            return bool(secretstorage.get_default_collection(connection).is_locked())

    path = _bounded(lock, "lock")
    try:
        yield secret_service
    finally:
        if _bounded(lambda: unlock_and_check(path), "unlock"):
            pytest.fail("could not unlock the test keyring again")
