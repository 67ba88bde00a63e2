"""The in-vault settings registry: defaults, validation, the changed signal, stored in the vault."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from peerdesk import paths
from peerdesk.storage.errors import VaultClosed
from peerdesk.storage.settings import VaultSettings
from peerdesk.storage.vault import Vault
from peerdesk.ui.common.session import VaultSession
from peerdesk.ui.common.vault_settings import SETTINGS, SettingsRegistry

DEFAULTS = {
    "auto_lock_minutes": 5,
    "lock_on_minimise": False,
    "quick_hide_shortcut": "Ctrl+Shift+H",
    "clipboard_seconds": 10,
    "remember_passphrase": False,
    "backups_keep": 10,
    "backups_dir": "",
    "sections": ["journal", "supporter"],
    "suggest_strategies": True,
}


def test_declared_defaults(qtbot: QtBot) -> None:
    registry = SettingsRegistry()
    assert {s.key: s.default for s in SETTINGS} == DEFAULTS
    assert set(registry.keys()) == set(DEFAULTS)
    assert {key: registry.get(key) for key in DEFAULTS} == DEFAULTS
    assert registry.backups_directory() == paths.backups_dir()


def test_locked_reads_defaults_and_refuses_writes(qtbot: QtBot) -> None:
    registry = SettingsRegistry()
    assert not registry.is_bound
    with pytest.raises(VaultClosed):
        registry.set("auto_lock_minutes", 15)
    assert registry.get("auto_lock_minutes") == 5


def test_defaults_are_copies(qtbot: QtBot) -> None:
    registry = SettingsRegistry()
    registry.get("sections").append("mutated")
    assert registry.get("sections") == ["journal", "supporter"]


@pytest.mark.parametrize("key", ["nope", "", "Auto_lock_minutes"])
def test_unknown_keys_raise_key_error(qtbot: QtBot, session: VaultSession, key: str) -> None:
    registry = SettingsRegistry()
    registry.bind(session.repos.settings)
    with pytest.raises(KeyError):
        registry.get(key)
    with pytest.raises(KeyError):
        registry.set(key, 1)
    with pytest.raises(KeyError):
        SettingsRegistry.default(key)


def test_values_are_stored_in_the_vault(
    qtbot: QtBot, session: VaultSession, vault_path: Path, passphrase: str, tmp_path: Path
) -> None:
    registry = SettingsRegistry()
    registry.bind(session.repos.settings)
    folder = tmp_path / "elsewhere"
    registry.set("auto_lock_minutes", 30)
    registry.set("quick_hide_shortcut", "Ctrl+Alt+L")
    registry.set("sections", ["supporter"])
    registry.set("backups_dir", str(folder))
    registry.set("suggest_strategies", False)
    assert registry.backups_directory() == folder
    session.close()
    registry.bind(None)
    assert registry.get("auto_lock_minutes") == 5  # locked: defaults

    with Vault.open(vault_path, passphrase) as vault:
        stored = VaultSettings(vault).all()
    assert stored["auto_lock_minutes"] == 30
    assert stored["quick_hide_shortcut"] == "Ctrl+Alt+L"
    assert stored["sections"] == ["supporter"]
    assert stored["backups_dir"] == str(folder)
    assert stored["suggest_strategies"] is False

    reopened = VaultSession()
    reopened.open(vault_path, passphrase)
    try:
        fresh = SettingsRegistry()
        fresh.bind(reopened.repos.settings)
        assert fresh.get("auto_lock_minutes") == 30
        assert fresh.get("sections") == ["supporter"]
    finally:
        reopened.close()


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("auto_lock_minutes", 241),
        ("auto_lock_minutes", -1),
        ("auto_lock_minutes", True),
        ("auto_lock_minutes", "5"),
        ("auto_lock_minutes", 2.5),
        ("clipboard_seconds", 601),
        ("clipboard_seconds", -5),
        ("backups_keep", 0),
        ("backups_keep", 101),
        ("lock_on_minimise", 1),
        ("remember_passphrase", "yes"),
        ("suggest_strategies", None),
        ("quick_hide_shortcut", ""),
        ("quick_hide_shortcut", "   "),
        ("quick_hide_shortcut", "garbage"),
        ("quick_hide_shortcut", "Ctrl+"),
        ("quick_hide_shortcut", "H"),
        ("quick_hide_shortcut", "Shift+H"),
        ("quick_hide_shortcut", "Ctrl+K, Ctrl+J"),
        ("quick_hide_shortcut", 5),
        ("sections", []),
        ("sections", ["journal", "diary"]),
        ("sections", "journal"),
        ("backups_dir", "relative/folder"),
        ("backups_dir", 3),
        ("backups_dir", "/tmp/a\x00b"),
    ],
)
def test_invalid_values_are_refused_with_a_plain_message(
    qtbot: QtBot, session: VaultSession, key: str, value: object
) -> None:
    registry = SettingsRegistry()
    registry.bind(session.repos.settings)
    seen: list[str] = []
    registry.changed.connect(seen.append)
    with pytest.raises(ValueError) as info:
        registry.set(key, value)
    message = str(info.value)
    assert message[0].isupper() and message.endswith(".")
    assert "Error" not in message and "<" not in message
    assert seen == []
    assert registry.get(key) == DEFAULTS[key]
    assert key not in session.repos.settings.all()


def test_backups_dir_must_not_be_a_file(
    qtbot: QtBot, session: VaultSession, tmp_path: Path
) -> None:
    registry = SettingsRegistry()
    registry.bind(session.repos.settings)
    a_file = tmp_path / "a-file"
    a_file.write_text("x")
    with pytest.raises(ValueError, match="file, not a folder"):
        registry.set("backups_dir", str(a_file))


def test_values_are_normalised(qtbot: QtBot, session: VaultSession, tmp_path: Path) -> None:
    registry = SettingsRegistry()
    registry.bind(session.repos.settings)
    registry.set("sections", ["supporter", "journal", "journal"])
    assert registry.get("sections") == ["journal", "supporter"]
    registry.set("quick_hide_shortcut", "ctrl+shift+k")
    assert registry.get("quick_hide_shortcut") == "Ctrl+Shift+K"
    registry.set("quick_hide_shortcut", "F12")  # a function key alone is fine
    registry.set("backups_dir", f"  {tmp_path}  ")
    assert registry.get("backups_dir") == str(tmp_path)
    registry.set("backups_dir", "")
    assert registry.backups_directory() == paths.backups_dir()
    registry.set("auto_lock_minutes", 0)  # 0 = never
    registry.set("clipboard_seconds", 0)
    assert (registry.get("auto_lock_minutes"), registry.get("clipboard_seconds")) == (0, 0)


def test_changed_signal_only_when_the_value_changes(qtbot: QtBot, session: VaultSession) -> None:
    registry = SettingsRegistry()
    registry.bind(session.repos.settings)
    seen: list[str] = []
    registry.changed.connect(seen.append)
    with qtbot.waitSignal(registry.changed, check_params_cb=lambda k: k == "backups_keep"):
        registry.set("backups_keep", 3)
    registry.set("backups_keep", 3)
    registry.set("lock_on_minimise", False)  # already the default
    registry.reset("backups_keep")
    assert seen == ["backups_keep", "backups_keep"]


def test_binding_announces_the_settings_that_differ(qtbot: QtBot, session: VaultSession) -> None:
    registry = SettingsRegistry()
    registry.bind(session.repos.settings)
    registry.set("auto_lock_minutes", 1)
    registry.set("lock_on_minimise", True)
    seen: list[str] = []
    registry.changed.connect(seen.append)
    registry.bind(None)
    assert sorted(seen) == ["auto_lock_minutes", "lock_on_minimise"]
    seen.clear()
    registry.bind(session.repos.settings)
    assert sorted(seen) == ["auto_lock_minutes", "lock_on_minimise"]


def test_a_bad_stored_value_reads_as_the_default(qtbot: QtBot, session: VaultSession) -> None:
    session.repos.settings.set("auto_lock_minutes", 99999)
    session.repos.settings.set("sections", "everything")
    registry = SettingsRegistry()
    registry.bind(session.repos.settings)
    assert registry.get("auto_lock_minutes") == 5
    assert registry.get("sections") == ["journal", "supporter"]


def test_a_closed_vault_reads_as_defaults(qtbot: QtBot, session: VaultSession) -> None:
    registry = SettingsRegistry()
    registry.bind(session.repos.settings)
    registry.set("backups_keep", 4)
    session.close()  # still bound to the closed vault's settings
    assert registry.get("backups_keep") == 10
    with pytest.raises(VaultClosed):
        registry.set("backups_keep", 5)


def test_follow_binds_and_unbinds_with_the_session(
    qtbot: QtBot, session: VaultSession, vault_path: Path, passphrase: str
) -> None:
    registry = SettingsRegistry()
    registry.follow(session)
    registry.set("clipboard_seconds", 30)
    session.close()
    assert not registry.is_bound and registry.get("clipboard_seconds") == 10
    session.open(vault_path, passphrase)
    assert registry.settings is session.repos.settings
    assert registry.get("clipboard_seconds") == 30
