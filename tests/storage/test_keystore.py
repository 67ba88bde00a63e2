"""Tests for peerdesk.storage.keystore (SECURITY.md items 13-15).

Needs the keyring fixtures plugin (``-p tests.helpers.keyring_fixtures`` or ``pytest_plugins``).
The ``secret_service`` tests run against a real gnome-keyring under
``scripts/with-test-session.sh``; everything else uses in-memory or hostile fake backends.
"""

from __future__ import annotations

import gc
import json
import logging
import os
import re
import subprocess
import sys
import textwrap
import threading
import traceback
from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path
from typing import Any, ClassVar

import keyring
import keyring.core
import keyring.errors
import pytest
import secretstorage.exceptions
from hypothesis import given
from hypothesis import strategies as st
from keyring.backends import chainer, fail, null

from peerdesk.storage import keystore
from peerdesk.storage.keystore import (
    DEFAULT_SERVICE,
    KeyringError,
    KeyringFailed,
    KeyringLocked,
    KeyringTimeout,
    KeyringUnavailable,
    KeyStore,
    vault_id_for,
)
from tests.helpers.keyring_backends import (
    FailingKeyring,
    HangingKeyring,
    InMemoryKeyring,
    LockedKeyring,
    LyingKeyring,
    hide_from_discovery,
    qualified_name,
)
from tests.helpers.keyring_fixtures import SECRET_SERVICE_TEST_SERVICE

PROJECT_ROOT = Path(__file__).resolve().parents[2]
VAULT_PATH = "/home/jane/Documents/bullying-diary-2024.pdvault"
VAULT_ID = vault_id_for(VAULT_PATH)
PASSPHRASE = "correct horse; 'battery' \"staple\" -- é 👋"
ID_PATTERN = re.compile(r"vault-[0-9a-f]{32}")


# --------------------------------------------------------------------------- local fakes


class PlaintextFileKeyring:
    """Looks like keyrings.alt's plaintext file backend; records every call it receives."""

    def __init__(self) -> None:
        self.calls: list[str] = []
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        self.calls.append("get")
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.calls.append("set")
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.calls.append("delete")
        self.entries.pop((service, username), None)


PlaintextFileKeyring.__module__ = "keyrings.alt.file"
PlaintextFileKeyring.__qualname__ = "PlaintextKeyring"


@hide_from_discovery
class StickyKeyring(InMemoryKeyring):
    """Deletes report success but the entry stays."""

    def delete_password(self, service: str, username: str) -> None:
        self.calls.append(("delete", username, threading.current_thread()))


class _Persistence:
    """Mimics keyring.backends.Windows.Persistence (win32cred constants)."""

    values: ClassVar[dict[str, int]] = {"session": 1, "local machine": 2, "enterprise": 3}

    def __get__(self, obj: Any, objtype: Any = None) -> int:
        return getattr(obj, "_persist", 3)  # keyring's default: CRED_PERSIST_ENTERPRISE

    def __set__(self, obj: Any, value: str | int) -> None:
        obj._persist = self.values[value] if isinstance(value, str) else value


@hide_from_discovery
class FakeWinVault(InMemoryKeyring):
    persist = _Persistence()


FakeWinVault.__module__ = "keyring.backends.Windows"
FakeWinVault.__qualname__ = "WinVaultKeyring"


@pytest.fixture
def installed_keyring() -> Iterator[Callable[[Any], None]]:
    """Install any backend as keyring's default for one test, restoring the previous one."""
    previous = keyring.core._keyring_backend

    def install(backend: Any) -> None:
        keyring.set_keyring(backend)

    yield install
    keyring.core._keyring_backend = previous


def assert_asks_for_passphrase(error: KeyringError) -> None:
    assert error.user_message
    assert "type your passphrase" in error.user_message
    assert str(error) == error.user_message


# --------------------------------------------------------------------------- real Secret Service


def _items_for(backend: Any, service: str) -> list[Any]:
    collection = backend.get_preferred_collection()
    with closing(collection.connection):
        return [
            (item.get_label(), item.get_attributes())
            for item in collection.search_items({"service": service})
        ]


@pytest.mark.secret_service
def test_secret_service_round_trip_with_special_characters(secret_service: Any) -> None:
    store = KeyStore(secret_service, service=SECRET_SERVICE_TEST_SERVICE)
    status = store.status()
    assert status.available, status.reason
    assert status.backend_name == "Secret Service"

    assert store.recall(VAULT_ID) is None
    store.remember(VAULT_ID, PASSPHRASE)
    assert store.recall(VAULT_ID) == PASSPHRASE
    # A fresh KeyStore (as after a restart) finds it through the default keyring resolution.
    assert KeyStore(service=SECRET_SERVICE_TEST_SERVICE).recall(VAULT_ID) == PASSPHRASE

    items = _items_for(secret_service, SECRET_SERVICE_TEST_SERVICE)
    assert len(items) == 1
    label, attributes = items[0]
    shown = label + json.dumps(attributes)
    assert VAULT_ID in shown
    for part in ("jane", "Documents", "bullying", "pdvault"):
        assert part not in shown

    store.forget(VAULT_ID)
    assert store.recall(VAULT_ID) is None
    assert _items_for(secret_service, SECRET_SERVICE_TEST_SERVICE) == []
    store.forget(VAULT_ID)  # absent: no error


@pytest.mark.secret_service
def test_secret_service_remember_replaces_previous_passphrase(secret_service: Any) -> None:
    store = KeyStore(secret_service, service=SECRET_SERVICE_TEST_SERVICE)
    other_id = vault_id_for("/somewhere/else.pdvault")
    store.remember(VAULT_ID, "first passphrase")
    store.remember(VAULT_ID, "second passphrase")
    store.remember(other_id, "other vault")
    assert store.recall(VAULT_ID) == "second passphrase"
    assert store.recall(other_id) == "other vault"
    assert len(_items_for(secret_service, SECRET_SERVICE_TEST_SERVICE)) == 2


@pytest.mark.secret_service
def test_secret_service_is_chosen_by_default_resolution(secret_service: Any) -> None:
    status = KeyStore(service=SECRET_SERVICE_TEST_SERVICE).status()
    assert status == keystore.KeyringStatus(True, "Secret Service", "")


# keyring's SecretService backend does not close its D-Bus connection when it raises
# KeyringLocked (see jaraco/keyring#380); the socket is closed when garbage-collected.
@pytest.mark.filterwarnings("ignore:unclosed <socket.socket:ResourceWarning")
@pytest.mark.secret_service
def test_secret_service_locked_collection_gives_keyring_locked(
    locked_secret_service: Any,
) -> None:
    # The prompt is dismissed, not waited for: waiting would end in KeyringTimeout instead.
    store = KeyStore(locked_secret_service, service=SECRET_SERVICE_TEST_SERVICE, timeout=5.0)
    for call in (
        lambda: store.remember(VAULT_ID, PASSPHRASE),
        lambda: store.recall(VAULT_ID),
        lambda: store.forget(VAULT_ID),
    ):
        with pytest.raises(KeyringLocked) as raised:
            call()
        assert_asks_for_passphrase(raised.value)
        del raised
    gc.collect()  # close the leaked sockets while this test's warning filter applies


# --------------------------------------------------------------------------- absent service


ABSENT_SERVICE_SCRIPT = textwrap.dedent(
    """
    import json
    from peerdesk.storage.keystore import KeyStore, KeyringError, vault_id_for

    store = KeyStore(timeout=5.0)
    status = store.status()
    result = {"available": status.available, "reason": status.reason}
    try:
        store.remember(vault_id_for("/tmp/x.pdvault"), "a passphrase")
    except KeyringError as exc:
        result["error"] = type(exc).__name__
        result["message"] = exc.user_message
    print(json.dumps(result))
    """
)


@pytest.mark.parametrize("bus_address", ["unix:path=/nonexistent", None])
def test_absent_secret_service_is_detected_and_refused(
    bus_address: str | None, tmp_path: Path
) -> None:
    env = dict(os.environ)
    env.pop("PYTHON_KEYRING_BACKEND", None)
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")  # no keyringrc.cfg override
    env["XDG_DATA_HOME"] = str(tmp_path / "data")
    env["XDG_RUNTIME_DIR"] = str(tmp_path / "runtime")  # jeepney's fallback bus location
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PROJECT_ROOT), env.get("PYTHONPATH")]))
    if bus_address is not None:
        env["DBUS_SESSION_BUS_ADDRESS"] = bus_address

    proc = subprocess.run(
        [sys.executable, "-c", ABSENT_SERVICE_SCRIPT],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    result = json.loads(proc.stdout)
    assert result["available"] is False
    assert "type your passphrase" in result["reason"]
    assert result["error"] in {"KeyringUnavailable", "KeyringFailed"}
    assert "type your passphrase" in result["message"]  # not KeyringTimeout: nothing hung


# --------------------------------------------------------------------------- untrusted backends


@pytest.mark.parametrize("backend_cls", [null.Keyring, fail.Keyring], ids=["null", "fail"])
def test_null_and_fail_backends_are_refused(
    backend_cls: type, installed_keyring: Callable[[Any], None]
) -> None:
    installed_keyring(backend_cls())
    store = KeyStore()

    status = store.status()
    assert status.available is False
    assert status.backend_name == qualified_name(backend_cls)
    assert "type your passphrase" in status.reason

    with pytest.raises(KeyringUnavailable) as raised:
        store.remember(VAULT_ID, PASSPHRASE)
    assert_asks_for_passphrase(raised.value)
    with pytest.raises(KeyringUnavailable):
        store.recall(VAULT_ID)
    with pytest.raises(KeyringUnavailable):
        store.forget(VAULT_ID)


def test_keyrings_alt_plaintext_backend_is_refused() -> None:
    plaintext = PlaintextFileKeyring()
    store = KeyStore(plaintext)

    status = store.status()
    assert status.available is False
    assert status.backend_name == "keyrings.alt.file.PlaintextKeyring"
    assert status.reason

    with pytest.raises(KeyringUnavailable):
        store.remember(VAULT_ID, PASSPHRASE)
    with pytest.raises(KeyringUnavailable):
        store.recall(VAULT_ID)
    assert plaintext.calls == []
    assert plaintext.entries == {}


def test_unknown_backend_is_refused_even_if_it_works() -> None:
    store = KeyStore(InMemoryKeyring())  # not in TRUSTED_BACKENDS for this test
    assert store.status().available is False
    with pytest.raises(KeyringUnavailable):
        store.remember(VAULT_ID, PASSPHRASE)


def test_trusted_backends_are_exactly_the_os_keyrings() -> None:
    assert {
        "keyring.backends.SecretService.Keyring",
        "keyring.backends.kwallet.DBusKeyring",
        "keyring.backends.kwallet.DBusKeyringKWallet4",
        "keyring.backends.macOS.Keyring",
        "keyring.backends.Windows.WinVaultKeyring",
    } == keystore.TRUSTED_BACKENDS
    assert not any("keyrings.alt" in name for name in keystore.TRUSTED_BACKENDS)


def test_chainer_writes_only_to_its_first_trusted_backend(
    monkeypatch: pytest.MonkeyPatch,
    trust_backend: Callable[..., None],
    installed_keyring: Callable[[Any], None],
) -> None:
    plaintext = PlaintextFileKeyring()
    memory = InMemoryKeyring()
    trust_backend(InMemoryKeyring)
    monkeypatch.setattr(chainer.ChainerBackend, "backends", [plaintext, memory])
    installed_keyring(chainer.ChainerBackend())
    store = KeyStore()

    status = store.status()
    assert status.available
    assert status.backend_name == qualified_name(InMemoryKeyring)

    store.remember(VAULT_ID, PASSPHRASE)
    assert store.recall(VAULT_ID) == PASSPHRASE
    assert memory.entries == {(DEFAULT_SERVICE, VAULT_ID): PASSPHRASE}
    store.forget(VAULT_ID)
    assert memory.entries == {}
    assert plaintext.calls == []


def test_chainer_without_a_trusted_backend_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    plaintext = PlaintextFileKeyring()
    monkeypatch.setattr(chainer.ChainerBackend, "backends", [plaintext, null.Keyring()])
    store = KeyStore(chainer.ChainerBackend())
    status = store.status()
    assert status.available is False
    assert status.backend_name == "keyring.backends.chainer.ChainerBackend"
    with pytest.raises(KeyringUnavailable):
        store.remember(VAULT_ID, PASSPHRASE)
    assert plaintext.calls == []


# --------------------------------------------------------------------------- in-memory keyring


def test_memory_keyring_round_trip_through_default_resolution(
    memory_keyring: InMemoryKeyring,
) -> None:
    store = KeyStore()
    assert store.status().available
    assert store.recall(VAULT_ID) is None
    store.remember(VAULT_ID, PASSPHRASE)
    assert memory_keyring.entries == {(DEFAULT_SERVICE, VAULT_ID): PASSPHRASE}
    assert store.recall(VAULT_ID) == PASSPHRASE
    store.forget(VAULT_ID)
    assert memory_keyring.entries == {}
    store.forget(VAULT_ID)  # absent: no error


def test_backend_is_resolved_lazily(
    monkeypatch: pytest.MonkeyPatch, memory_keyring: InMemoryKeyring
) -> None:
    calls: list[str] = []
    real_get_keyring = keyring.get_keyring

    def spy() -> Any:
        calls.append("get_keyring")
        return real_get_keyring()

    monkeypatch.setattr(keyring, "get_keyring", spy)
    store = KeyStore()
    assert calls == []
    assert store.status().available
    assert calls == ["get_keyring"]


def test_backend_calls_run_in_daemon_threads(memory_keyring: InMemoryKeyring) -> None:
    store = KeyStore()
    store.remember(VAULT_ID, PASSPHRASE)
    store.recall(VAULT_ID)
    store.forget(VAULT_ID)
    assert {call[0] for call in memory_keyring.calls} == {"get", "set", "delete"}
    for _, _, thread in memory_keyring.calls:
        assert thread is not threading.main_thread()
        assert thread is not threading.current_thread()
        assert thread.daemon


def test_forget_fails_when_the_entry_stays(trust_backend: Callable[..., None]) -> None:
    trust_backend(StickyKeyring)
    sticky = StickyKeyring()
    store = KeyStore(sticky)
    store.remember(VAULT_ID, PASSPHRASE)
    with pytest.raises(KeyringFailed):
        store.forget(VAULT_ID)


def test_invalid_arguments_are_rejected_without_echoing_them(
    memory_keyring: InMemoryKeyring,
) -> None:
    store = KeyStore()
    with pytest.raises(ValueError) as raised:
        store.remember(VAULT_PATH, PASSPHRASE)
    assert VAULT_PATH not in str(raised.value)
    assert PASSPHRASE not in str(raised.value)
    with pytest.raises(ValueError):
        store.recall("")
    with pytest.raises(ValueError):
        store.remember(VAULT_ID, "")
    with pytest.raises(ValueError):
        KeyStore(timeout=0)
    assert memory_keyring.calls == []


# --------------------------------------------------------------------------- hostile backends


def test_hanging_keyring_times_out(trust_backend: Callable[..., None]) -> None:
    trust_backend(HangingKeyring)
    hanging = HangingKeyring()
    store = KeyStore(hanging, timeout=0.3)
    try:
        # The backend is released only below: reaching the raise proves the caller was not
        # kept waiting for it.
        with pytest.raises(KeyringTimeout) as raised:
            store.recall(VAULT_ID)
        assert hanging.entered.is_set()
        assert not hanging.release.is_set()
        assert_asks_for_passphrase(raised.value)
    finally:
        hanging.release.set()


def test_timed_out_remember_is_undone_when_it_completes_late(
    trust_backend: Callable[..., None],
) -> None:
    trust_backend(HangingKeyring)
    hanging = HangingKeyring()
    store = KeyStore(hanging, timeout=0.3)
    try:
        with pytest.raises(KeyringTimeout):
            store.remember(VAULT_ID, PASSPHRASE)
    finally:
        hanging.release.set()
    # The write lands after the caller gave up; the worker then deletes it again.
    assert hanging.deleted.wait(10)
    assert hanging.entries == {}
    assert [call[0] for call in hanging.calls] == ["set", "get", "delete"]


def test_status_times_out_when_backend_resolution_hangs(monkeypatch: pytest.MonkeyPatch) -> None:
    release = threading.Event()

    def hanging_get_keyring() -> Any:
        release.wait(10)
        return null.Keyring()

    monkeypatch.setattr(keyring, "get_keyring", hanging_get_keyring)
    try:
        status = KeyStore(timeout=0.3).status()  # returns while get_keyring still hangs
        assert not release.is_set()
    finally:
        release.set()
    assert status.available is False
    assert status.reason == KeyringTimeout.default_message


def test_status_never_raises_when_keyring_itself_breaks(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken() -> Any:
        raise ImportError("keyring plugin is broken")

    monkeypatch.setattr(keyring, "get_keyring", broken)
    status = KeyStore().status()
    assert status.available is False
    assert "type your passphrase" in status.reason
    with pytest.raises(KeyringFailed):
        KeyStore().recall(VAULT_ID)


def test_thread_start_failure_is_a_keyring_error(
    monkeypatch: pytest.MonkeyPatch, memory_keyring: InMemoryKeyring
) -> None:
    def cannot_start(self: threading.Thread) -> None:
        raise RuntimeError("can't start new thread")

    store = KeyStore()
    monkeypatch.setattr(threading.Thread, "start", cannot_start)
    status = store.status()
    with pytest.raises(KeyringFailed):
        store.recall(VAULT_ID)
    monkeypatch.undo()
    assert status.available is False
    assert memory_keyring.calls == []


@pytest.mark.parametrize(
    "error",
    [
        keyring.errors.KeyringLocked("Failed to unlock the collection!"),
        secretstorage.exceptions.LockedException("Item is locked!"),
        secretstorage.exceptions.PromptDismissedException("Prompt dismissed."),
    ],
    ids=["keyring", "secretstorage-locked", "secretstorage-dismissed"],
)
def test_locked_keyring_gives_keyring_locked(
    error: Exception, trust_backend: Callable[..., None]
) -> None:
    trust_backend(LockedKeyring)
    store = KeyStore(LockedKeyring(error))
    assert store.status().available  # the keyring exists; it is only locked
    for call in (
        lambda: store.remember(VAULT_ID, PASSPHRASE),
        lambda: store.recall(VAULT_ID),
        lambda: store.forget(VAULT_ID),
    ):
        with pytest.raises(KeyringLocked) as raised:
            call()
        assert_asks_for_passphrase(raised.value)


@pytest.mark.parametrize(
    ("backend", "operation"),
    [
        (FailingKeyring(), "remember"),  # PasswordSetError
        (FailingKeyring(), "recall"),  # InitError
        (FailingKeyring(), "forget"),  # RuntimeError
        (FailingKeyring(set_error=RuntimeError("D-Bus said no")), "remember"),
        (FailingKeyring(get_error=OSError("socket closed")), "recall"),
    ],
    ids=["set-error", "init-error", "delete-runtime-error", "set-runtime-error", "get-oserror"],
)
def test_failing_keyring_gives_keyring_failed(
    backend: FailingKeyring, operation: str, trust_backend: Callable[..., None]
) -> None:
    trust_backend(FailingKeyring)
    store = KeyStore(backend)
    with pytest.raises(KeyringFailed) as raised:
        if operation == "remember":
            store.remember(VAULT_ID, PASSPHRASE)
        elif operation == "recall":
            store.recall(VAULT_ID)
        else:
            store.forget(VAULT_ID)
    assert_asks_for_passphrase(raised.value)


@pytest.mark.parametrize("mode", ["alter", "drop"])
def test_lying_keyring_is_caught_by_read_back(
    mode: str, trust_backend: Callable[..., None]
) -> None:
    trust_backend(LyingKeyring)
    lying = LyingKeyring(mode)
    store = KeyStore(lying)
    with pytest.raises(KeyringFailed) as raised:
        store.remember(VAULT_ID, PASSPHRASE)
    assert_asks_for_passphrase(raised.value)
    assert lying.entries == {}  # the wrong entry was removed again


def test_each_failure_has_its_own_message() -> None:
    messages = [
        cls().user_message
        for cls in (KeyringUnavailable, KeyringLocked, KeyringFailed, KeyringTimeout)
    ]
    assert len(set(messages)) == 4
    for message in messages:
        assert "type your passphrase" in message


def _collect_failures(trust_backend: Callable[..., None]) -> list[KeyringError]:
    trust_backend(HangingKeyring, LockedKeyring, FailingKeyring, LyingKeyring)
    hanging = HangingKeyring()
    scenarios: list[Callable[[], object]] = [
        lambda: KeyStore(PlaintextFileKeyring()).remember(VAULT_ID, PASSPHRASE),
        lambda: KeyStore(LockedKeyring()).remember(VAULT_ID, PASSPHRASE),
        lambda: KeyStore(FailingKeyring()).remember(VAULT_ID, PASSPHRASE),
        lambda: KeyStore(
            FailingKeyring(set_error=RuntimeError(f"backend echoed {PASSPHRASE}"))
        ).remember(VAULT_ID, PASSPHRASE),
        lambda: KeyStore(LyingKeyring("alter")).remember(VAULT_ID, PASSPHRASE),
        lambda: KeyStore(LyingKeyring("drop")).remember(VAULT_ID, PASSPHRASE),
        lambda: KeyStore(hanging, timeout=0.3).remember(VAULT_ID, PASSPHRASE),
    ]
    errors: list[KeyringError] = []
    try:
        for scenario in scenarios:
            with pytest.raises(KeyringError) as raised:
                scenario()
            errors.append(raised.value)
    finally:
        hanging.release.set()
    return errors


def test_no_error_message_contains_the_passphrase(trust_backend: Callable[..., None]) -> None:
    errors = _collect_failures(trust_backend)
    assert len(errors) == 7
    for error in errors:
        assert PASSPHRASE not in error.user_message
        assert PASSPHRASE not in str(error)
        assert PASSPHRASE not in repr(error)
        assert PASSPHRASE not in error.backend_name
        assert PASSPHRASE not in "".join(traceback.format_exception(error))


def test_nothing_logged_contains_the_passphrase_or_vault_path(
    caplog: pytest.LogCaptureFixture,
    trust_backend: Callable[..., None],
    memory_keyring: InMemoryKeyring,
) -> None:
    caplog.set_level(logging.DEBUG)
    store = KeyStore()
    store.status()
    store.remember(vault_id_for(VAULT_PATH), PASSPHRASE)
    store.recall(vault_id_for(VAULT_PATH))
    store.forget(vault_id_for(VAULT_PATH))
    _collect_failures(trust_backend)

    assert caplog.records, "expected the keystore to log its failures"
    for record in caplog.records:
        text = record.getMessage()
        if record.exc_info:
            text += "".join(traceback.format_exception(*record.exc_info))
        assert PASSPHRASE not in text
        assert "bullying-diary" not in text


# --------------------------------------------------------------------------- Windows


@pytest.mark.parametrize("windows", [True, False])
def test_windows_credential_locker_persists_to_local_machine_only(
    windows: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(keystore, "_is_windows", lambda: windows)
    vault = FakeWinVault()
    store = KeyStore(vault)
    assert store.status().backend_name == "Windows Credential Locker"
    store.remember(VAULT_ID, PASSPHRASE)
    assert vault.persist == (2 if windows else 3)  # CRED_PERSIST_LOCAL_MACHINE / untouched


# --------------------------------------------------------------------------- vault ids


def test_vault_id_is_stable_for_one_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    vault = tmp_path / "diary.pdvault"
    vault.write_bytes(b"")
    link = tmp_path / "link.pdvault"
    link.symlink_to(vault)
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path)

    ids = {
        vault_id_for(vault),
        vault_id_for(str(vault)),
        vault_id_for("diary.pdvault"),
        vault_id_for(tmp_path / "sub" / ".." / "diary.pdvault"),
        vault_id_for(link),
    }
    assert len(ids) == 1
    assert vault_id_for(vault) == vault_id_for(vault)
    assert ID_PATTERN.fullmatch(ids.pop())


def test_vault_id_differs_between_files(tmp_path: Path) -> None:
    names = ["a.pdvault", "b.pdvault", "A.pdvault", "a.pdvault.bak", "sub/a.pdvault"]
    assert len({vault_id_for(tmp_path / name) for name in names}) == len(names)


@given(
    st.text(
        alphabet=st.characters(exclude_categories=["Cs"], exclude_characters="/\x00"),
        min_size=3,
        max_size=40,
    )
)
def test_vault_id_contains_no_path_text(name: str) -> None:
    path = f"/home/someone/{name}.pdvault"
    vault_id = vault_id_for(path)
    assert ID_PATTERN.fullmatch(vault_id)
    assert "someone" not in vault_id
    assert "pdvault" not in vault_id
