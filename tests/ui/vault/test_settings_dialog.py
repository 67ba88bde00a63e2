"""The Settings dialog, driven as a person would: real vaults, an in-memory keyring.

Set PEERDESK_SHOTS_DIR to keep the screenshots of every tab (light and dark) somewhere to look
at; by default they go to the test's temporary folder.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from keyring.backends import fail
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QKeySequenceEdit,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from peerdesk import paths
from peerdesk.models import Incident
from peerdesk.storage.backup_files import list_backups, verify_file
from peerdesk.storage.errors import VaultError, WrongPassphrase
from peerdesk.storage.incidents import IncidentRepository
from peerdesk.storage.keystore import DEFAULT_SERVICE, KeyStore, vault_id_for
from peerdesk.storage.settings import VaultSettings
from peerdesk.storage.vault import Vault
from peerdesk.ui.common.messages import Button, Messages
from peerdesk.ui.common.preferences import Preferences
from peerdesk.ui.common.session import VaultSession
from peerdesk.ui.common.vault_settings import SettingsRegistry
from peerdesk.ui.vault.field_errors import shown_text
from peerdesk.ui.vault.settings.dialog import TABS, SettingsDialog
from peerdesk.ui.vault.settings.passphrase_change import PassphraseChanged
from tests.helpers.keyring_backends import InMemoryKeyring

Ok = QMessageBox.StandardButton.Ok
NEW_PASSPHRASE = "a new, longer passphrase — ünïcode 🌱 ' ; --"
LEFT = Qt.MouseButton.LeftButton


# -- helpers ---------------------------------------------------------------------------------------


def type_text(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Type ``text`` into ``widget``. QTest.keyClicks only handles ASCII, so anything else
    arrives as one key event carrying the character (as an input method sends it)."""
    widget.setFocus()
    for char in text:
        if char.isascii():
            qtbot.keyClicks(widget, char)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(
                    widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char)
                )


def retype(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Select everything in a field or spin box and type over it."""
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, widget, text)


def click(qtbot: QtBot, button: QAbstractButton) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    if isinstance(button, QCheckBox):  # on the box itself, not on empty space beside the text
        qtbot.mouseClick(button, LEFT, pos=QPoint(8, button.height() // 2))
    else:
        qtbot.mouseClick(button, LEFT)


def dialog_button(box: QDialog, which: QDialogButtonBox.StandardButton) -> QPushButton:
    buttons = box.findChild(QDialogButtonBox)
    assert buttons is not None
    return buttons.button(which)


def ok_of(box: QDialog) -> QPushButton:
    return dialog_button(box, QDialogButtonBox.StandardButton.Ok)


def add_entry(session: VaultSession, title: str = "Shouted at in the corridor") -> Incident:
    return session.repos.incidents.add(
        Incident(event_date=date(2026, 3, 4), title=title, narrative="He raised his voice at me.")
    )


# -- fixtures --------------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def no_unprepared_message_boxes(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A message nobody prepared an answer for would block the test: fail instead."""
    unexpected: list[str] = []

    def fake_exec(box: QMessageBox) -> int:
        unexpected.append(f"{box.windowTitle()}: {box.text()}")
        return int(Ok.value)

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    yield
    assert unexpected == []


@pytest.fixture
def registry(session: VaultSession) -> SettingsRegistry:
    r = SettingsRegistry()
    r.follow(session)
    return r


@pytest.fixture
def preferences(qtbot: QtBot) -> Preferences:
    return Preferences()


@pytest.fixture
def keystore(memory_keyring: InMemoryKeyring) -> KeyStore:
    return KeyStore()


@pytest.fixture
def make_dialog(
    qtbot: QtBot,
    session: VaultSession,
    registry: SettingsRegistry,
    preferences: Preferences,
    keystore: KeyStore,
) -> Callable[..., SettingsDialog]:
    def make(keystore_: KeyStore | None = None, **kwargs: object) -> SettingsDialog:
        dialog = SettingsDialog(session, registry, preferences, keystore_ or keystore, **kwargs)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        qtbot.waitUntil(lambda: dialog.keyring_status is not None)
        return dialog

    return make


def shot(widget: QWidget, name: str) -> None:
    """Keep a screenshot when PEERDESK_SHOTS_DIR is set (to look at, never in the repo)."""
    folder = os.environ.get("PEERDESK_SHOTS_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(folder) / f"{name}.png"))


def wait_for_message(qtbot: QtBot, count: int = 1, timeout: int = 60_000) -> None:
    qtbot.waitUntil(lambda: len(Messages.shown) >= count, timeout=timeout)


# -- settings: OK applies, Cancel discards ---------------------------------------------------------


def test_security_settings_are_stored_in_the_vault(
    qtbot,
    make_dialog,
    session: VaultSession,  # type: ignore[no-untyped-def]
    vault_path: Path,
    passphrase: str,
) -> None:
    dialog = make_dialog()
    assert dialog.windowTitle() == "Settings"
    assert dialog.security_page.auto_lock.value() == 5
    assert dialog.security_page.shortcut.keySequence().toString() == "Ctrl+Shift+H"

    retype(qtbot, dialog.security_page.auto_lock, "15")
    click(qtbot, dialog.security_page.lock_on_minimise)
    dialog.security_page.shortcut.setFocus()
    qtbot.keyClick(
        dialog.security_page.shortcut,
        Qt.Key.Key_L,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier,
    )
    retype(qtbot, dialog.security_page.clipboard, "0")
    assert dialog.security_page.clipboard.value() == 0
    click(qtbot, ok_of(dialog))
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert dialog.result() == QDialog.DialogCode.Accepted

    session.close()
    with Vault.open(vault_path, passphrase) as vault:
        stored = VaultSettings(vault).all()
    assert stored["auto_lock_minutes"] == 15
    assert stored["lock_on_minimise"] is True
    assert stored["quick_hide_shortcut"] == "Ctrl+Alt+L"
    assert stored["clipboard_seconds"] == 0


def test_zero_minutes_reads_never(qtbot, make_dialog, registry: SettingsRegistry) -> None:  # type: ignore[no-untyped-def]
    dialog = make_dialog()
    retype(qtbot, dialog.security_page.auto_lock, "0")
    qtbot.keyClick(dialog.security_page.auto_lock, Qt.Key.Key_Tab)  # leave the field
    assert dialog.security_page.auto_lock.text() == "Never"
    click(qtbot, ok_of(dialog))
    assert registry.get("auto_lock_minutes") == 0


def test_cancel_discards_every_change(
    qtbot,
    make_dialog,
    session: VaultSession,  # type: ignore[no-untyped-def]
    registry: SettingsRegistry,
    preferences: Preferences,
) -> None:
    dialog = make_dialog()
    retype(qtbot, dialog.security_page.auto_lock, "30")
    click(qtbot, dialog.security_page.lock_on_minimise)
    dialog.show_tab("appearance")
    dialog.appearance_page.theme.setFocus()
    qtbot.keyClick(dialog.appearance_page.theme, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.appearance_page.theme, Qt.Key.Key_Down)
    assert dialog.appearance_page.theme.currentData() == "dark"
    click(qtbot, dialog.appearance_page.section_supporter)
    click(qtbot, dialog_button(dialog, QDialogButtonBox.StandardButton.Cancel))
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert registry.get("auto_lock_minutes") == 5
    assert registry.get("sections") == ["journal", "supporter"]
    assert preferences.get("theme") == "system"
    assert session.repos.settings.all() == {}
    assert not preferences.path.exists()


def test_appearance_theme_and_sections(
    qtbot,
    make_dialog,
    registry: SettingsRegistry,  # type: ignore[no-untyped-def]
    preferences: Preferences,
) -> None:
    dialog = make_dialog()
    dialog.show_tab("appearance")
    assert dialog.current_tab() == "appearance"
    dialog.appearance_page.theme.setFocus()
    qtbot.keyClick(dialog.appearance_page.theme, Qt.Key.Key_Down)
    assert dialog.appearance_page.theme.currentText() == "Light"
    click(qtbot, dialog.appearance_page.section_journal)
    # The last section shown cannot be turned off.
    assert not dialog.appearance_page.section_supporter.isEnabled()
    assert dialog.appearance_page.section_supporter.isChecked()
    click(qtbot, dialog.appearance_page.suggest)
    seen: list[str] = []
    registry.changed.connect(seen.append)
    click(qtbot, ok_of(dialog))
    assert preferences.get("theme") == "light"
    assert Preferences().get("theme") == "light"
    assert registry.get("sections") == ["supporter"]
    assert registry.get("suggest_strategies") is False
    assert sorted(seen) == ["sections", "suggest_strategies"]


def test_a_shortcut_without_a_modifier_is_refused(
    qtbot,
    make_dialog,  # type: ignore[no-untyped-def]
    registry: SettingsRegistry,
) -> None:
    dialog = make_dialog()
    dialog.security_page.shortcut.setFocus()
    qtbot.keyClick(dialog.security_page.shortcut, Qt.Key.Key_H)
    retype(qtbot, dialog.security_page.auto_lock, "20")
    dialog.show_tab("vault")
    click(qtbot, ok_of(dialog))
    # Said under the shortcut (not in a message box), which has the focus and the error.
    assert Messages.shown == []
    shortcut = dialog.security_page.shortcut
    assert "Ctrl, Alt or Meta" in shown_text(dialog.security_page.shortcut_error)
    assert dialog.security_page.shortcut_error.isVisible()
    assert "Ctrl, Alt or Meta" in shortcut.accessibleDescription()
    assert QApplication.focusWidget() in (shortcut, *shortcut.findChildren(QWidget))
    assert dialog.isVisible()
    assert dialog.current_tab() == "security"
    assert registry.get("auto_lock_minutes") == 5  # nothing applied


def test_restore_defaults_resets_only_the_current_tab(
    qtbot,
    make_dialog,  # type: ignore[no-untyped-def]
    registry: SettingsRegistry,
) -> None:
    registry.set("auto_lock_minutes", 42)
    registry.set("backups_keep", 3)
    dialog = make_dialog()
    assert dialog.security_page.auto_lock.value() == 42
    restore = dialog_button(dialog, QDialogButtonBox.StandardButton.RestoreDefaults)
    click(qtbot, restore)
    assert dialog.security_page.auto_lock.value() == 5
    assert dialog.vault_page.keep.value() == 3  # another tab: untouched
    dialog.show_tab("vault")
    click(qtbot, restore)
    assert dialog.vault_page.keep.value() == 10
    assert registry.get("auto_lock_minutes") == 42  # not applied before OK
    click(qtbot, ok_of(dialog))
    assert (registry.get("auto_lock_minutes"), registry.get("backups_keep")) == (5, 10)


def test_privacy_preferences_on_this_computer(
    qtbot,
    make_dialog,
    preferences: Preferences,  # type: ignore[no-untyped-def]
    vault_path: Path,
) -> None:
    preferences.set("remember_last_vault", True)
    preferences.set("last_vault", str(vault_path))
    dialog = make_dialog()
    assert dialog.security_page.remember_last_vault.isChecked()
    click(qtbot, dialog.security_page.remember_last_vault)
    click(qtbot, ok_of(dialog))
    assert preferences.get("remember_last_vault") is False
    assert vault_path.name not in preferences.path.read_text()


def test_locking_closes_the_dialog(qtbot, make_dialog, session: VaultSession) -> None:  # type: ignore[no-untyped-def]
    dialog = make_dialog()
    session.close()
    assert not dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Rejected


# -- backups and integrity -------------------------------------------------------------------------


# Qt's own file dialog asks the offscreen platform for things it cannot do.
@pytest.mark.qt_log_ignore(
    "This plugin does not support raise", "This plugin does not support grabbing the keyboard"
)
def test_back_up_now_writes_a_verified_backup_to_the_chosen_folder(  # type: ignore[no-untyped-def]
    qtbot,
    make_dialog,
    registry: SettingsRegistry,
    vault_path: Path,
    passphrase: str,
    tmp_path: Path,
) -> None:
    target = tmp_path / "usb-stick"
    target.mkdir()
    dialog = make_dialog()
    dialog.show_tab("vault")
    assert dialog.vault_page.vault_file.text() == vault_path.name
    assert "No backup" in dialog.vault_page.newest_backup.text()

    click(qtbot, dialog.vault_page.choose_folder)
    chooser = dialog.backups.folder_dialog
    assert chooser is not None
    qtbot.waitExposed(chooser)
    chooser.setDirectory(str(tmp_path))  # the person browses to the drive...
    name = chooser.findChild(QLineEdit, "fileNameEdit")
    type_text(qtbot, name, "usb-stick")  # ...and picks the folder on it
    click(qtbot, dialog_button(chooser, QDialogButtonBox.StandardButton.Open))
    qtbot.waitUntil(lambda: dialog.vault_page.folder.text() == str(target))
    qtbot.waitUntil(lambda: dialog.backups.folder_dialog is None)
    retype(qtbot, dialog.vault_page.keep, "3")

    Messages.set_next_answer(Ok)
    click(qtbot, dialog.vault_page.backup_button)
    assert dialog.busy
    assert dialog.progress.isVisible() and dialog.busy_label.isVisible()
    page = dialog.vault_page
    assert not page.backup_button.isEnabled() and not page.check_button.isEnabled()
    assert not ok_of(dialog).isEnabled()
    shot(dialog, "settings-vault-busy")
    assert dialog.backups.back_up_now() is False  # cannot be started twice
    assert dialog.backups.check_integrity() is False
    wait_for_message(qtbot)
    assert not dialog.busy and not dialog.progress.isVisible()
    assert dialog.vault_page.backup_button.isEnabled() and ok_of(dialog).isEnabled()

    (made,) = list_backups(target, vault_path)
    assert made.reason == "manual"
    verify_file(made.path, passphrase)  # opens with the passphrase and passes both checks
    assert [(m.kind, m.title) for m in Messages.shown] == [("info", "Backup made")]
    assert str(made.path) in Messages.shown[0].text
    assert "Newest:" in dialog.vault_page.newest_backup.text()

    click(qtbot, ok_of(dialog))
    assert registry.backups_directory() == target
    assert registry.get("backups_keep") == 3


def test_back_up_now_keeps_the_number_chosen(
    qtbot,
    make_dialog,
    vault_path: Path,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    target = tmp_path / "backups"
    dialog = make_dialog()
    dialog.show_tab("vault")
    retype(qtbot, dialog.vault_page.folder, str(target))
    retype(qtbot, dialog.vault_page.keep, "1")
    for count in (1, 2):
        Messages.set_next_answer(Ok)
        click(qtbot, dialog.vault_page.backup_button)
        wait_for_message(qtbot, count)
    assert len(list_backups(target, vault_path)) == 1


def test_backup_folder_must_be_a_full_path(qtbot, make_dialog, vault_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = make_dialog()
    dialog.show_tab("vault")
    retype(qtbot, dialog.vault_page.folder, "relative/folder")
    click(qtbot, dialog.vault_page.backup_button)
    assert not dialog.busy
    # Said under the folder, which gets the focus (no message box to dismiss).
    assert Messages.shown == []
    assert "full path" in shown_text(dialog.vault_page.folder_error)
    assert "full path" in dialog.vault_page.folder.accessibleDescription()
    assert dialog.focusWidget() is dialog.vault_page.folder
    assert not Path("relative").exists()
    qtbot.keyClicks(dialog.vault_page.folder, "x")  # editing it takes the error away
    assert not dialog.vault_page.folder_error.isVisible()
    assert dialog.vault_page.folder.accessibleDescription() == ""


def test_check_integrity_reports_a_sound_vault(qtbot, make_dialog, session: VaultSession) -> None:  # type: ignore[no-untyped-def]
    entry = add_entry(session)
    entry.narrative += " Again the next day."
    session.repos.incidents.update(entry)
    dialog = make_dialog()
    dialog.show_tab("vault")
    Messages.set_next_answer(Ok)
    click(qtbot, dialog.vault_page.check_button)
    assert dialog.busy and not dialog.vault_page.change_button.isEnabled()
    wait_for_message(qtbot)
    assert [(m.kind, m.title, m.text) for m in Messages.shown] == [
        ("info", "Integrity check", "The vault passed every check.")
    ]


def test_check_integrity_reports_a_tampered_revision(
    qtbot,
    make_dialog,  # type: ignore[no-untyped-def]
    session: VaultSession,
) -> None:
    add_entry(session, "First")
    second = add_entry(session, "Second")
    assert second.id is not None
    for text in ("changed once", "changed twice"):
        second.narrative = text
        second = session.repos.incidents.update(second)
    # Someone with the passphrase edits history directly, bypassing every API.
    with session.repos.vault.transaction() as tx:
        tx.execute("DROP TRIGGER incident_revisions_append_only")
        tx.execute(
            "UPDATE incident_revisions SET payload = replace(payload, 'changed once', "
            "'never said') WHERE incident_id = ? AND number = 2",
            (second.id,),
        )
    dialog = make_dialog()
    dialog.show_tab("vault")
    Messages.set_next_answer(Ok)
    click(qtbot, dialog.vault_page.check_button)
    wait_for_message(qtbot)
    assert [(m.kind, m.title, m.text) for m in Messages.shown] == [
        ("warning", "Integrity check", "The check found 1 problem.")
    ]


# -- remember on this device -----------------------------------------------------------------------


def test_remember_on_stores_the_passphrase_and_off_forgets_it(  # type: ignore[no-untyped-def]
    qtbot,
    make_dialog,
    memory_keyring: InMemoryKeyring,
    registry: SettingsRegistry,
    vault_path: Path,
    passphrase: str,
) -> None:
    dialog = make_dialog()
    remember = dialog.security_page.remember
    assert remember.isEnabled() and not remember.isChecked()
    click(qtbot, dialog.security_page.remember)
    assert not dialog.security_page.remember.isChecked()  # not until the keyring holds it
    confirm = dialog.keyring.confirm_dialog
    assert confirm is not None
    qtbot.waitExposed(confirm)
    assert confirm.field.echoMode() == QLineEdit.EchoMode.Password
    assert confirm.field.inputMethodHints() & Qt.InputMethodHint.ImhSensitiveData

    type_text(qtbot, confirm.field, "not the passphrase")
    click(qtbot, ok_of(confirm))
    shot(confirm, "confirm-passphrase-error")
    assert confirm.isVisible() and confirm.error.isVisible()
    assert shown_text(confirm.error) == "That is not this vault's passphrase."
    retype(qtbot, confirm.field, passphrase)
    click(qtbot, ok_of(confirm))
    qtbot.waitUntil(lambda: dialog.security_page.remember.isChecked())
    entry = (DEFAULT_SERVICE, vault_id_for(vault_path))
    assert memory_keyring.entries == {entry: passphrase}
    assert registry.get("remember_passphrase") is True  # takes effect at once
    assert Messages.shown == []

    click(qtbot, dialog.security_page.remember)
    qtbot.waitUntil(lambda: not dialog.busy)
    assert not dialog.security_page.remember.isChecked()
    assert memory_keyring.entries == {}
    assert registry.get("remember_passphrase") is False


def test_remember_cancelled_changes_nothing(
    qtbot,
    make_dialog,  # type: ignore[no-untyped-def]
    memory_keyring: InMemoryKeyring,
) -> None:
    dialog = make_dialog()
    click(qtbot, dialog.security_page.remember)
    confirm = dialog.keyring.confirm_dialog
    assert confirm is not None
    qtbot.waitExposed(confirm)
    type_text(qtbot, confirm.field, "half typed")
    click(qtbot, dialog_button(confirm, QDialogButtonBox.StandardButton.Cancel))
    assert confirm.field.text() == ""
    assert not dialog.security_page.remember.isChecked() and not dialog.busy
    assert memory_keyring.entries == {}


def test_remember_is_unavailable_without_a_trusted_keyring(qtbot, make_dialog) -> None:  # type: ignore[no-untyped-def]
    untrusted = KeyStore(backend=fail.Keyring())  # keyring's "fail" backend is never trusted
    dialog = make_dialog(untrusted)
    status = dialog.keyring_status
    assert status is not None and not status.available
    assert not dialog.security_page.remember.isEnabled()
    assert dialog.security_page.keyring_label.text() == status.reason
    assert "keyring" in status.reason


# -- changing the passphrase -----------------------------------------------------------------------


def open_change_dialog(qtbot, dialog: SettingsDialog):  # type: ignore[no-untyped-def]
    dialog.show_tab("vault")
    click(qtbot, dialog.vault_page.change_button)
    change = dialog.passphrase.change_dialog
    assert change is not None
    qtbot.waitExposed(change)
    return change


def test_change_passphrase_end_to_end(
    qtbot,
    make_dialog,
    session: VaultSession,  # type: ignore[no-untyped-def]
    registry: SettingsRegistry,
    vault_path: Path,
    passphrase: str,
) -> None:
    entry = add_entry(session)
    dialog = make_dialog()
    change = open_change_dialog(qtbot, dialog)
    for field in (change.current_field, change.new_field, change.repeat_field):
        assert field.echoMode() == QLineEdit.EchoMode.Password
    type_text(qtbot, change.current_field, passphrase)
    type_text(qtbot, change.new_field, NEW_PASSPHRASE)
    type_text(qtbot, change.repeat_field, NEW_PASSPHRASE)
    assert change.hint.text().startswith("Strength: Very strong.")

    Messages.set_next_answer(Ok)
    click(qtbot, ok_of(change))
    assert dialog.busy and not session.is_open  # the GUI's connection let go of the old key
    assert dialog.isVisible()  # closing the vault on purpose does not close the dialog
    assert change.current_field.text() == ""  # the dialog does not keep the passphrases
    wait_for_message(qtbot)
    assert [(m.kind, m.title) for m in Messages.shown] == [("info", "Passphrase changed")]
    assert session.is_open and not dialog.busy and dialog.isVisible()
    assert session.repos.vault.matches_passphrase(NEW_PASSPHRASE)
    assert entry.id is not None
    assert session.repos.incidents.get(entry.id).title == entry.title
    assert registry.settings is session.repos.settings

    # Settings still apply to the re-keyed vault.
    retype(qtbot, dialog.security_page.auto_lock, "7")
    click(qtbot, ok_of(dialog))
    assert registry.get("auto_lock_minutes") == 7

    session.close()
    with pytest.raises(WrongPassphrase):
        Vault.open(vault_path, passphrase)
    with Vault.open(vault_path, NEW_PASSPHRASE) as vault:
        assert vault.integrity_problems() == []
        assert IncidentRepository(vault).get(entry.id).narrative == entry.narrative
        assert VaultSettings(vault).get("auto_lock_minutes") == 7
    (backup,) = list_backups(paths.backups_dir(), vault_path)
    assert backup.reason == "before-passwd"
    verify_file(backup.path, passphrase)  # the backup still opens with the old passphrase


def test_change_passphrase_updates_the_remembered_passphrase(  # type: ignore[no-untyped-def]
    qtbot,
    make_dialog,
    session: VaultSession,
    memory_keyring: InMemoryKeyring,
    registry: SettingsRegistry,
    keystore: KeyStore,
    vault_path: Path,
    passphrase: str,
) -> None:
    keystore.remember(vault_id_for(vault_path), passphrase)
    registry.set("remember_passphrase", True)
    dialog = make_dialog()
    assert dialog.security_page.remember.isChecked()
    change = open_change_dialog(qtbot, dialog)
    type_text(qtbot, change.current_field, passphrase)
    type_text(qtbot, change.new_field, NEW_PASSPHRASE)
    type_text(qtbot, change.repeat_field, NEW_PASSPHRASE)
    Messages.set_next_answer(Ok)
    click(qtbot, ok_of(change))
    wait_for_message(qtbot)
    assert Messages.shown[0].title == "Passphrase changed"
    assert memory_keyring.entries == {(DEFAULT_SERVICE, vault_id_for(vault_path)): NEW_PASSPHRASE}
    assert registry.get("remember_passphrase") is True


@pytest.mark.parametrize(
    ("current", "new", "repeat", "message", "field"),
    [
        ("", "x" * 20, "x" * 20, "Type your current passphrase.", "current_field"),
        ("wrong", "x" * 20, "x" * 20, "The current passphrase is not right.", "current_field"),
        (None, "", "", "Type a new passphrase.", "new_field"),
        (None, "x" * 20, "y" * 20, "The new passphrases do not match.", "repeat_field"),
        (None, None, None, "The new passphrase is the same as the current one.", "new_field"),
    ],
)
def test_change_passphrase_dialog_explains_what_is_wrong(  # type: ignore[no-untyped-def]
    qtbot,
    make_dialog,
    session: VaultSession,
    passphrase: str,
    current: str | None,
    new: str | None,
    repeat: str | None,
    message: str,
    field: str,
) -> None:
    dialog = make_dialog()
    change = open_change_dialog(qtbot, dialog)
    type_text(qtbot, change.current_field, passphrase if current is None else current)
    type_text(qtbot, change.new_field, passphrase if new is None else new)
    type_text(qtbot, change.repeat_field, passphrase if repeat is None else repeat)
    click(qtbot, ok_of(change))
    assert change.isVisible() and change.error.isVisible()
    assert shown_text(change.error) == message
    assert change.focusWidget() is getattr(change, field)  # the field to fix
    assert not dialog.busy and session.is_open
    click(qtbot, dialog_button(change, QDialogButtonBox.StandardButton.Cancel))
    qtbot.waitUntil(lambda: dialog.passphrase.change_dialog is None)
    assert session.repos.vault.matches_passphrase(passphrase)


def test_change_passphrase_refuses_a_too_easy_one_with_the_reason(  # type: ignore[no-untyped-def]
    qtbot, make_dialog, session: VaultSession, passphrase: str
) -> None:
    dialog = make_dialog()
    change = open_change_dialog(qtbot, dialog)
    type_text(qtbot, change.current_field, passphrase)
    type_text(qtbot, change.new_field, "x")
    assert "too easy to guess: it is shorter than 8 characters" in change.hint.text()
    type_text(qtbot, change.repeat_field, "x")
    click(qtbot, ok_of(change))
    assert shown_text(change.error) == (
        "This passphrase is too easy to guess: it is shorter than 8 characters."
    )
    assert change.focusWidget() is change.new_field
    assert Messages.shown == [] and not dialog.busy
    assert session.repos.vault.matches_passphrase(passphrase)


def test_change_passphrase_asks_once_about_a_weak_one(  # type: ignore[no-untyped-def]
    qtbot, make_dialog, session: VaultSession, passphrase: str
) -> None:
    dialog = make_dialog()
    change = open_change_dialog(qtbot, dialog)
    type_text(qtbot, change.current_field, passphrase)
    type_text(qtbot, change.new_field, "correct horse")
    assert change.hint.text().startswith("Strength: Weak. This passphrase is weak: ")
    type_text(qtbot, change.repeat_field, "correct horse")
    Messages.set_next_answer(Button.Cancel)  # "Choose another"
    click(qtbot, ok_of(change))
    assert Messages.shown[-1].title == "Weak passphrase"
    assert Messages.shown[-1].text == (
        "This passphrase is weak: someone who gets the file "
        "could guess it without much effort. Use it anyway?"
    )
    assert change.isVisible() and shown_text(change.error) == "Choose another passphrase."
    assert change.focusWidget() is change.new_field and not dialog.busy
    Messages.set_next_answer(Button.Yes)  # "Use it anyway"
    Messages.set_next_answer(Ok)  # "Passphrase changed"
    click(qtbot, ok_of(change))
    wait_for_message(qtbot, 3)
    assert Messages.shown[-1].title == "Passphrase changed"
    assert session.repos.vault.matches_passphrase("correct horse")


def test_a_failed_change_reopens_the_vault_with_the_current_passphrase(  # type: ignore[no-untyped-def]
    qtbot,
    make_dialog,
    session: VaultSession,
    registry: SettingsRegistry,
    monkeypatch: pytest.MonkeyPatch,
    vault_path: Path,
    passphrase: str,
) -> None:
    entry = add_entry(session)

    def refuse(self: Vault, new: str, *, backup_dir: object = None) -> Path:
        raise VaultError("The passphrase could not be changed; the old one still works.")

    monkeypatch.setattr(Vault, "change_passphrase", refuse)
    dialog = make_dialog()
    change = open_change_dialog(qtbot, dialog)
    type_text(qtbot, change.current_field, passphrase)
    type_text(qtbot, change.new_field, NEW_PASSPHRASE)
    type_text(qtbot, change.repeat_field, NEW_PASSPHRASE)
    Messages.set_next_answer(Ok)
    click(qtbot, ok_of(change))
    wait_for_message(qtbot)
    assert [(m.kind, m.title, m.text) for m in Messages.shown] == [
        (
            "error",
            "Passphrase not changed",
            "The passphrase could not be changed; the old one still works.",
        )
    ]
    assert session.is_open and dialog.isVisible() and not dialog.busy
    assert session.repos.vault.matches_passphrase(passphrase)
    assert entry.id is not None and session.repos.incidents.get(entry.id).title == entry.title
    assert registry.settings is session.repos.settings


def test_an_owner_can_supply_the_change(
    qtbot,
    make_dialog,
    session: VaultSession,  # type: ignore[no-untyped-def]
    passphrase: str,
    tmp_path: Path,
) -> None:
    calls: list[tuple[str, str]] = []
    pending: list[Callable[[PassphraseChanged], None]] = []

    def change_passphrase(
        current: str,
        new: str,
        on_done: Callable[[PassphraseChanged], None],
        on_failed: Callable[[BaseException], None],
    ) -> None:
        calls.append((current, new))
        pending.append(on_done)

    dialog = make_dialog(change_passphrase=change_passphrase)
    change = open_change_dialog(qtbot, dialog)
    type_text(qtbot, change.current_field, passphrase)
    type_text(qtbot, change.new_field, NEW_PASSPHRASE)
    type_text(qtbot, change.repeat_field, NEW_PASSPHRASE)
    click(qtbot, ok_of(change))
    assert calls == [(passphrase, NEW_PASSPHRASE)]
    assert dialog.busy
    assert not dialog.vault_page.change_button.isEnabled()
    dialog.passphrase.ask_change_passphrase()  # cannot be started twice
    assert dialog.passphrase.change_dialog is None
    Messages.set_next_answer(Ok)
    pending[0](PassphraseChanged(tmp_path / "old.peerdesk"))
    assert not dialog.busy
    assert Messages.shown[0].title == "Passphrase changed"


# -- looks -----------------------------------------------------------------------------------------


LOOKED_AT = (QLabel, QCheckBox, QPushButton, QSpinBox, QComboBox, QKeySequenceEdit, QLineEdit)


def clipped_widgets(where: str, container: QWidget) -> list[str]:
    found = []
    for widget in container.findChildren(QWidget):
        # Only what we built, not the parts Qt builds inside its widgets (qt_*, clear buttons).
        if (
            widget.isVisible()
            and type(widget) in LOOKED_AT
            and not widget.objectName().startswith("qt_")
        ):
            problem = _clipped(widget)
            if problem:
                found.append(f"{where}: {widget.objectName() or widget.text()}: {problem}")
    return found


def assert_nothing_clipped(qtbot: QtBot, where: str, container: QWidget) -> None:
    """Once the layout has settled (the dialog grows to fit late text), nothing is clipped."""
    try:
        qtbot.waitUntil(lambda: not clipped_widgets(where, container), timeout=2000)
    except qtbot.TimeoutError:
        pytest.fail("\n".join(clipped_widgets(where, container)))


def _clipped(widget: QWidget) -> str:
    """Why ``widget`` looks clipped, or ""."""
    if isinstance(widget, QLabel) and widget.wordWrap():
        if widget.text() and widget.height() < widget.heightForWidth(widget.width()):
            return "wrapped text cut off at the bottom"
        return ""
    if widget.height() < widget.minimumSizeHint().height():
        return f"{widget.height()} px high, needs {widget.minimumSizeHint().height()}"
    if isinstance(widget, QLineEdit):
        return ""  # long paths are elided on purpose
    hint = widget.minimumSizeHint() if isinstance(widget, QSpinBox) else widget.sizeHint()
    if widget.width() < hint.width():
        return f"{widget.width()} px wide, needs {hint.width()}"
    return ""


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_every_tab_fits_in_light_and_dark(
    qtbot,
    make_dialog,
    mode: str,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    passphrase: str,
) -> None:
    from peerdesk.ui.common.theme import apply_theme

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    palette, style = app.palette(), app.style().name()
    apply_theme(app, mode)
    try:
        dialog = make_dialog()
        out = Path(os.environ.get("PEERDESK_SHOTS_DIR") or tmp_path)
        out.mkdir(parents=True, exist_ok=True)
        for tab in TABS:
            dialog.show_tab(tab)
            assert_nothing_clipped(qtbot, tab, dialog)
            dialog.grab().save(str(out / f"settings-{tab}-{mode}.png"))
        assert (out / f"settings-security-{mode}.png").stat().st_size > 0

        change = open_change_dialog(qtbot, dialog)
        type_text(qtbot, change.current_field, passphrase)
        type_text(qtbot, change.new_field, "short")
        type_text(qtbot, change.repeat_field, "shorts")
        click(qtbot, ok_of(change))
        assert change.error.isVisible()
        assert_nothing_clipped(qtbot, "change passphrase", change)
        change.grab().save(str(out / f"change-passphrase-{mode}.png"))
        click(qtbot, dialog_button(change, QDialogButtonBox.StandardButton.Cancel))
    finally:
        app.setStyle(style)
        app.setPalette(palette)
