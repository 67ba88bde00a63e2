"""Issue 15 in the vault area, driven as a person would: errors in words under their field
(tied as the field's description, announced, focused where the person must act), labels with
mnemonics that are the buddies of their fields, pages that scroll so the buttons stay on a
1366×768 screen at 150 %, and Settings' tab pages readable in dark."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAccessible, QAccessibleEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QFormLayout,
    QLabel,
    QMessageBox,
    QScrollArea,
    QWidget,
)
from pytestqt.qtbot import QtBot

from peerdesk.storage.errors import WrongPassphrase
from peerdesk.storage.keystore import KeyringStatus, KeyStore
from peerdesk.ui.common.messages import Messages
from peerdesk.ui.common.preferences import Preferences
from peerdesk.ui.common.session import VaultSession
from peerdesk.ui.common.theme import apply_theme
from peerdesk.ui.common.vault_settings import SettingsRegistry
from peerdesk.ui.vault.data_export import DataExportDialog
from peerdesk.ui.vault.data_import.dialog import ImportDialog
from peerdesk.ui.vault.field_errors import shown_text
from peerdesk.ui.vault.first_run.wizard import FirstRunWizard
from peerdesk.ui.vault.page_scroll import PageScroll, bounded_to_screen
from peerdesk.ui.vault.passphrase import NewPassphraseForm
from peerdesk.ui.vault.settings.dialog import TABS, SettingsDialog
from peerdesk.ui.vault.settings.passphrase_dialogs import (
    ChangePassphraseDialog,
    ConfirmPassphraseDialog,
)
from peerdesk.ui.vault.unlock import UnlockWindow
from tests.helpers.a11y import check_contrast
from tests.helpers.keyring_backends import InMemoryKeyring

STRONG = "marmalade umbrella violin quartz"
KEYRING = KeyringStatus(True, "Secret Service", "")
#: 1366×768 at QT_SCALE_FACTOR=1.5, less a title bar (the walk's own figure).
SCALED_SCREEN = QSize(910, 485)


@pytest.fixture
def announcements(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """What would be announced to a screen reader (QAccessible events of the announcement kind)."""
    heard: list[str] = []
    original = QAccessible.updateAccessibility

    def record(event: QAccessibleEvent) -> None:
        if event.type() == QAccessible.Event.Announcement:
            heard.append(event.message())  # type: ignore[attr-defined]
        original(event)

    monkeypatch.setattr(QAccessible, "updateAccessibility", staticmethod(record))
    monkeypatch.setattr(QAccessible, "isActive", staticmethod(lambda: True))
    yield heard


def _show(qtbot: QtBot, widget: QWidget) -> QWidget:
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget)
    return widget


# -- the new-passphrase form ---------------------------------------------------------------------


def test_a_refused_passphrase_is_an_error_under_the_first_field(
    qtbot: QtBot, announcements: list[str]
) -> None:
    form = NewPassphraseForm()
    _show(qtbot, form)
    form.first.edit.setFocus()
    qtbot.keyClicks(form.first.edit, "password")
    assert form.first_error_text() == ""  # not while typing: every passphrase starts short
    qtbot.keyClick(form.first.edit, Qt.Key.Key_Return)
    assert "common" in form.first_error_text()
    assert form.first_error.isVisible()
    assert form.first_error.text().startswith("\u26a0 Error:")
    assert "common" in form.first.edit.accessibleDescription()
    assert QApplication.focusWidget() is form.first.edit  # stays where it must be fixed
    assert any("common" in said for said in announcements)
    qtbot.keyClicks(form.first.edit, " umbrella violin quartz")
    assert not form.first_error.isVisible()
    assert form.first.edit.accessibleDescription() == ""


def test_a_mismatch_is_an_error_under_the_second_field_without_moving_the_cursor(
    qtbot: QtBot, announcements: list[str]
) -> None:
    form = NewPassphraseForm()
    _show(qtbot, form)
    qtbot.keyClicks(form.first.edit, STRONG)
    qtbot.keyClicks(form.second.edit, STRONG)
    assert form.match_text() == NewPassphraseForm.MATCH
    form.first.edit.setFocus()
    qtbot.keyClick(form.first.edit, Qt.Key.Key_Backspace)  # changed the first: they differ
    assert form.match_text() == NewPassphraseForm.MISMATCH
    assert form.match_label.text().startswith("\u26a0 Error:")
    assert NewPassphraseForm.MISMATCH in form.second.edit.accessibleDescription()
    assert QApplication.focusWidget() is form.first.edit
    heard = [said for said in announcements if NewPassphraseForm.MISMATCH in said]
    qtbot.keyClick(form.first.edit, Qt.Key.Key_Backspace)
    assert [s for s in announcements if NewPassphraseForm.MISMATCH in s] == heard  # said once
    qtbot.keyClick(form.second.edit, Qt.Key.Key_Return)  # Enter there: go to the problem
    assert QApplication.focusWidget() is form.second.edit


# -- Settings' small dialogs ---------------------------------------------------------------------


def test_change_passphrase_errors_show_under_the_field_to_fix(
    qtbot: QtBot, announcements: list[str]
) -> None:
    dialog = ChangePassphraseDialog(lambda text: text == "the current one")
    _show(qtbot, dialog)
    qtbot.keyClicks(dialog.current_field, "wrong")
    qtbot.keyClick(dialog.current_field, Qt.Key.Key_Return)
    error = dialog.errors[dialog.current_field]
    assert shown_text(error) == "The current passphrase is not right."
    assert error.isVisible() and error.text().startswith("\u26a0 Error:")
    assert "not right" in dialog.current_field.accessibleDescription()
    assert QApplication.focusWidget() is dialog.current_field
    assert any("not right" in said for said in announcements)

    dialog.current_field.clear()
    qtbot.keyClicks(dialog.current_field, "the current one")
    assert not error.isVisible()  # typing again takes it away
    qtbot.keyClicks(dialog.new_field, STRONG)
    qtbot.keyClicks(dialog.repeat_field, STRONG + "x")
    qtbot.keyClick(dialog.repeat_field, Qt.Key.Key_Return)
    repeat_error = dialog.errors[dialog.repeat_field]
    assert shown_text(repeat_error) == "The new passphrases do not match."
    assert repeat_error.y() > dialog.repeat_field.y()  # under its own field
    assert QApplication.focusWidget() is dialog.repeat_field
    assert dialog.current_field.accessibleDescription() == ""


def test_remember_passphrase_error_is_tied_to_its_field(qtbot: QtBot) -> None:
    dialog = ConfirmPassphraseDialog(lambda text: text == "right")
    _show(qtbot, dialog)
    qtbot.keyClicks(dialog.field, "wrong")
    qtbot.keyClick(dialog.field, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert shown_text(dialog.error) == "That is not this vault's passphrase."
    assert "not this vault" in dialog.field.accessibleDescription()
    qtbot.keyClicks(dialog.field, "x")
    assert not dialog.error.isVisible()


def test_the_small_dialogs_labels_focus_their_fields_by_mnemonic(qtbot: QtBot) -> None:
    dialog = ChangePassphraseDialog(lambda _text: True)
    _show(qtbot, dialog)
    _assert_labels_are_buddies(dialog)
    qtbot.keyClick(dialog.current_field, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is dialog.repeat_field
    assert dialog.repeat_field.accessibleName() == "Repeat new passphrase"


# -- unlock --------------------------------------------------------------------------------------


def test_unlock_error_is_the_passphrase_fields_description(
    qtbot: QtBot, tmp_path: Path, announcements: list[str]
) -> None:
    window = UnlockWindow(tmp_path / "vault.peerdesk", KEYRING, [])
    _show(qtbot, window)
    qtbot.keyClicks(window.passphrase.edit, "not it")
    window.show_error(WrongPassphrase())
    sentence = window.error_message()
    assert sentence.startswith("That passphrase does not open this vault")
    assert window.error_box.text() == f"\u26a0 Error: {sentence}"  # in words, not colour alone
    assert window.passphrase.edit.accessibleDescription() == f"Error: {sentence}"  # no sign
    assert any(sentence in said for said in announcements)  # still announced
    qtbot.keyClick(window.passphrase.edit, Qt.Key.Key_Return)  # tries again
    assert window.passphrase.edit.accessibleDescription() == ""


# -- Settings ------------------------------------------------------------------------------------


@pytest.fixture
def settings(
    qtbot: QtBot, session: VaultSession, memory_keyring: InMemoryKeyring
) -> SettingsDialog:
    registry = SettingsRegistry()
    registry.follow(session)
    dialog = SettingsDialog(session, registry, Preferences(), KeyStore())
    _show(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.keyring_status is not None)
    return dialog


def _assert_labels_are_buddies(window: QWidget) -> None:
    labelled = 0
    for layout in window.findChildren(QFormLayout):
        for row in range(layout.rowCount()):
            item = layout.itemAt(row, QFormLayout.ItemRole.LabelRole)
            label = item.widget() if item is not None else None
            if not isinstance(label, QLabel) or not label.text():
                continue
            if label.text() == "File:":
                continue  # the vault's file name: a value to read, not a field
            assert "&" in label.text(), label.text()
            buddy = label.buddy()
            assert buddy is not None, label.text()
            assert buddy.accessibleName() == label.text().replace("&", "").rstrip(":")
            labelled += 1
    assert labelled


def test_settings_labels_are_buddies_with_mnemonics(qtbot: QtBot, settings: SettingsDialog) -> None:
    _assert_labels_are_buddies(settings)
    settings.show_tab("security")
    page = settings.security_page
    page.auto_lock.setFocus()
    qtbot.keyClick(page.auto_lock, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() in (page.clipboard, *page.clipboard.findChildren(QWidget))


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_settings_tabs_scroll_and_are_readable(
    qtbot: QtBot, settings: SettingsDialog, theme: str
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, theme)
    try:
        needed = settings.minimumSizeHint().expandedTo(settings.minimumSize())
        assert needed.height() <= SCALED_SCREEN.height()
        assert needed.width() <= SCALED_SCREEN.width()
        for tab in TABS:
            settings.show_tab(tab)
            page = settings.tabs.currentWidget()
            area = page.findChild(PageScroll)
            assert area is not None
            assert area.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
            found = [f for f in check_contrast(settings) if f.kind == "contrast-ui"]
            assert found == [], f"{tab}: {found}"
    finally:
        apply_theme(app, "light")


def test_settings_open_no_taller_than_the_screen(qtbot: QtBot, settings: SettingsDialog) -> None:
    screen = settings.screen()
    assert screen is not None
    assert settings.height() <= screen.availableGeometry().height()


# -- first run -----------------------------------------------------------------------------------


def test_the_wizard_fits_a_small_screen_and_its_pages_scroll(qtbot: QtBot, tmp_path: Path) -> None:
    wizard = FirstRunWizard(tmp_path / "vault.peerdesk", KEYRING)
    _show(qtbot, wizard)
    for page_id in wizard.pageIds():
        page = wizard.page(page_id)
        area = page.findChild(QScrollArea)
        assert isinstance(area, PageScroll), page_id
    wizard.resize(SCALED_SCREEN)
    qtbot.waitUntil(lambda: wizard.height() <= SCALED_SCREEN.height())
    needed = wizard.minimumSizeHint().expandedTo(wizard.minimumSize())
    assert needed.height() <= SCALED_SCREEN.height()
    cancel = wizard.button(wizard.WizardButton.CancelButton)
    bottom = cancel.mapTo(wizard, cancel.rect().bottomLeft()).y()
    assert bottom <= wizard.height()  # the buttons are on screen


# -- status changes, announced -------------------------------------------------------------------


def test_unlocking_is_announced(qtbot: QtBot, tmp_path: Path, announcements: list[str]) -> None:
    window = UnlockWindow(tmp_path / "vault.peerdesk", KEYRING, [])
    _show(qtbot, window)
    window.set_busy(True)  # what the controller does when the unlock starts
    assert "Unlocking…" in announcements


def test_a_backup_from_settings_is_announced(
    qtbot: QtBot, settings: SettingsDialog, announcements: list[str]
) -> None:
    settings.show_tab("vault")
    Messages.set_next_answer(QMessageBox.StandardButton.Ok)
    qtbot.mouseClick(settings.vault_page.backup_button, Qt.MouseButton.LeftButton)
    assert any("back" in said.lower() for said in announcements), announcements
    qtbot.waitUntil(lambda: not settings.busy, timeout=60_000)


def test_the_end_of_an_export_is_announced(
    qtbot: QtBot, session: VaultSession, tmp_path: Path, announcements: list[str]
) -> None:
    dialog = DataExportDialog(session)
    _show(qtbot, dialog)
    dialog.start(tmp_path / "out.zip")
    assert "Exporting…" in announcements
    qtbot.waitUntil(lambda: any(s.startswith("Written to") for s in announcements), timeout=60_000)


def test_windows_open_no_taller_than_the_screen(
    qtbot: QtBot, session: VaultSession, tmp_path: Path
) -> None:
    probe = QWidget()
    qtbot.addWidget(probe)
    screen = probe.screen()
    assert screen is not None
    room = screen.availableGeometry().size()
    assert bounded_to_screen(probe, QSize(5000, 5000)).height() < room.height()
    assert bounded_to_screen(probe, QSize(300, 200)) == QSize(300, 200)
    import_dialog = ImportDialog(session)
    import_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
    wizard = FirstRunWizard(tmp_path / "vault.peerdesk", KEYRING)
    for window in (import_dialog, wizard, DataExportDialog(session)):
        qtbot.addWidget(window)
        assert window.height() < room.height(), type(window).__name__


def test_remember_boxes_are_read_with_their_explanation(
    qtbot: QtBot, tmp_path: Path, settings: SettingsDialog
) -> None:
    unlock = UnlockWindow(tmp_path / "vault.peerdesk", KEYRING, [])
    qtbot.addWidget(unlock)
    assert "keyring" in unlock.remember.accessibleDescription()
    wizard = FirstRunWizard(tmp_path / "new.peerdesk", KEYRING)
    qtbot.addWidget(wizard)
    assert "keyring" in wizard.device_page.remember.accessibleDescription()
    page = settings.security_page
    assert page.remember.accessibleDescription() == page.keyring_label.text()


def _mnemonics(window: QWidget) -> list[str]:
    """The Alt+letter keys shown in ``window`` now (buttons, and labels that have a buddy)."""
    keys = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisible():
            continue
        if isinstance(widget, QAbstractButton) or (
            isinstance(widget, QLabel) and widget.buddy() is not None
        ):
            text = widget.text()
        else:
            continue
        found = re.search(r"&([^&\s])", text.replace("&&", ""))
        if found:
            keys.append(found.group(1).lower())
    return keys


def test_no_two_controls_share_a_mnemonic(
    qtbot: QtBot, tmp_path: Path, settings: SettingsDialog
) -> None:
    for tab in TABS:
        settings.show_tab(tab)
        keys = _mnemonics(settings)
        assert len(keys) == len(set(keys)), (tab, sorted(keys))
    wizard = FirstRunWizard(tmp_path / "vault.peerdesk", KEYRING)
    _show(qtbot, wizard)
    wizard.next()
    qtbot.keyClicks(wizard.passphrase_page.form.first.edit, STRONG)
    qtbot.keyClicks(wizard.passphrase_page.form.second.edit, STRONG)
    for _page in ("passphrase", "use", "device"):
        keys = _mnemonics(wizard)
        assert len(keys) == len(set(keys)), (wizard.currentId(), sorted(keys))
        wizard.next()
    unlock = UnlockWindow(tmp_path / "vault.peerdesk", KEYRING, [])
    _show(qtbot, unlock)
    keys = _mnemonics(unlock)
    assert len(keys) == len(set(keys)), sorted(keys)


def test_the_match_line_loses_the_error_colour_once_they_match(qtbot: QtBot) -> None:
    form = NewPassphraseForm()
    _show(qtbot, form)
    normal = form.palette().color(QPalette.ColorRole.WindowText)
    qtbot.keyClicks(form.first.edit, STRONG)
    qtbot.keyClicks(form.second.edit, STRONG + "x")
    assert form.match_label.palette().color(QPalette.ColorRole.WindowText) != normal
    qtbot.keyClick(form.second.edit, Qt.Key.Key_Backspace)
    assert form.match_text() == NewPassphraseForm.MATCH
    assert form.match_label.palette().color(QPalette.ColorRole.WindowText) == normal
