"""The walk's states for the vault area: the unlock window, the first-run wizard (each page, and
its passphrase errors), Settings (each tab) with its two small passphrase dialogs, the data
export dialog and the import dialog (each page)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QWidget

from peerdesk.content import load_builtin_resources
from peerdesk.storage.errors import VaultCorrupted, WrongPassphrase
from peerdesk.storage.keystore import KeyringStatus, KeyStore
from peerdesk.ui.common.vault_settings import SettingsRegistry
from peerdesk.ui.vault.data_export import DataExportDialog
from peerdesk.ui.vault.data_import.dialog import ImportDialog
from peerdesk.ui.vault.first_run.device_page import DevicePage
from peerdesk.ui.vault.first_run.open_page import OpenPage
from peerdesk.ui.vault.first_run.passphrase_page import PassphrasePage
from peerdesk.ui.vault.first_run.use_page import UsePage
from peerdesk.ui.vault.first_run.welcome_page import WelcomePage
from peerdesk.ui.vault.first_run.wizard import FirstRunWizard
from peerdesk.ui.vault.settings.dialog import SettingsDialog
from peerdesk.ui.vault.settings.passphrase_dialogs import (
    ChangePassphraseDialog,
    ConfirmPassphraseDialog,
)
from peerdesk.ui.vault.unlock import UnlockWindow
from tests.importing.helpers import dayone_zip
from tests.ui.accessibility.walk import Context, WindowState

STRONG = "marmalade umbrella violin quartz"
KEYRING = KeyringStatus(True, "Secret Service", "")

# -- unlock ----------------------------------------------------------------------------------


def _unlock_window(ctx: Context) -> UnlockWindow:
    path = ctx.session.vault_path
    assert path is not None
    return UnlockWindow(path, KEYRING, load_builtin_resources())


def _unlock(ctx: Context) -> QWidget:
    return ctx.show(_unlock_window(ctx))


def _unlock_wrong(ctx: Context) -> QWidget:
    window = _unlock_window(ctx)
    ctx.show(window)
    ctx.qtbot.keyClicks(window.passphrase.edit, "not the passphrase")
    window.show_error(WrongPassphrase())
    return window


def _unlock_damaged(ctx: Context) -> QWidget:
    window = _unlock_window(ctx)
    ctx.show(window)
    window.show_error(VaultCorrupted())
    return window


# -- first run -------------------------------------------------------------------------------


def _wizard(ctx: Context) -> FirstRunWizard:
    folder = ctx.tmp_path / "first-run"
    folder.mkdir(exist_ok=True)
    wizard = FirstRunWizard(folder / "vault.peerdesk", KEYRING)
    ctx.show(wizard)
    return wizard


def _first_run_welcome(ctx: Context) -> QWidget:
    return _wizard(ctx)


def _to_passphrase(ctx: Context) -> FirstRunWizard:
    wizard = _wizard(ctx)
    wizard.next()
    ctx.qtbot.waitUntil(lambda: wizard.currentId() == wizard.PAGE_PASSPHRASE)
    return wizard


def _first_run_passphrase(ctx: Context) -> QWidget:
    return _to_passphrase(ctx)


def _first_run_too_weak(ctx: Context) -> QWidget:
    wizard = _to_passphrase(ctx)
    form = wizard.passphrase_page.form
    ctx.qtbot.keyClicks(form.first.edit, "password")
    ctx.qtbot.keyClick(form.first.edit, Qt.Key.Key_Return)  # its error shows under it
    return wizard


def _first_run_mismatch(ctx: Context) -> QWidget:
    wizard = _to_passphrase(ctx)
    form = wizard.passphrase_page.form
    ctx.qtbot.keyClicks(form.first.edit, STRONG)
    ctx.qtbot.keyClicks(form.second.edit, "marmalade umbrella violin quarts")
    return wizard


def _to_use(ctx: Context) -> FirstRunWizard:
    wizard = _to_passphrase(ctx)
    form = wizard.passphrase_page.form
    ctx.qtbot.keyClicks(form.first.edit, STRONG)
    ctx.qtbot.keyClicks(form.second.edit, STRONG)
    wizard.next()
    ctx.qtbot.waitUntil(lambda: wizard.currentId() == wizard.PAGE_USE)
    return wizard


def _first_run_use(ctx: Context) -> QWidget:
    return _to_use(ctx)


def _first_run_device(ctx: Context) -> QWidget:
    wizard = _to_use(ctx)
    wizard.next()
    ctx.qtbot.waitUntil(lambda: wizard.currentId() == wizard.PAGE_DEVICE)
    return wizard


def _first_run_device_taken(ctx: Context) -> QWidget:
    wizard = _to_use(ctx)
    wizard.vault_path().write_bytes(b"already here")  # PeerDesk never replaces a file
    wizard.next()
    ctx.qtbot.waitUntil(lambda: wizard.device_page.path_problem.isVisible())
    return wizard


def _first_run_open(ctx: Context) -> QWidget:
    wizard = _wizard(ctx)
    wizard.welcome_page.open_choice.radio.setChecked(True)
    wizard.next()
    ctx.qtbot.waitUntil(lambda: wizard.currentId() == wizard.PAGE_OPEN)
    ctx.qtbot.keyClicks(wizard.open_page.path_edit, str(ctx.tmp_path))
    return wizard


# -- settings and its small dialogs ----------------------------------------------------------


def _settings(ctx: Context, tab: str) -> QWidget:
    registry = SettingsRegistry()
    registry.follow(ctx.session)
    dialog = SettingsDialog(ctx.session, registry, ctx.preferences, KeyStore())
    dialog.show_tab(tab)
    ctx.show(dialog)
    ctx.qtbot.waitUntil(lambda: dialog.keyring_status is not None, timeout=10_000)
    return dialog


def _settings_security(ctx: Context) -> QWidget:
    return _settings(ctx, "security")


def _settings_vault(ctx: Context) -> QWidget:
    return _settings(ctx, "vault")


def _settings_appearance(ctx: Context) -> QWidget:
    return _settings(ctx, "appearance")


def _settings_refused(ctx: Context) -> QWidget:
    dialog = _settings(ctx, "security")
    assert isinstance(dialog, SettingsDialog)
    shortcut = dialog.security_page.shortcut
    shortcut.setFocus()
    ctx.qtbot.keyClick(shortcut, Qt.Key.Key_H)  # no modifier: refused on OK, under the field
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    ctx.qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    ctx.qtbot.waitUntil(dialog.security_page.shortcut_error.isVisible)
    return dialog


def _change_passphrase(ctx: Context) -> QWidget:
    return ctx.show(ChangePassphraseDialog(lambda text: text == ctx.passphrase))


def _change_passphrase_error(ctx: Context) -> QWidget:
    dialog = ChangePassphraseDialog(lambda text: text == ctx.passphrase)
    ctx.show(dialog)
    ctx.qtbot.keyClicks(dialog.current_field, "not the passphrase")
    ctx.qtbot.keyClick(dialog.current_field, Qt.Key.Key_Return)
    return dialog


def _confirm_passphrase(ctx: Context) -> QWidget:
    return ctx.show(ConfirmPassphraseDialog(lambda text: text == ctx.passphrase))


def _confirm_passphrase_error(ctx: Context) -> QWidget:
    dialog = ConfirmPassphraseDialog(lambda text: text == ctx.passphrase)
    ctx.show(dialog)
    ctx.qtbot.keyClicks(dialog.field, "not the passphrase")
    ctx.qtbot.keyClick(dialog.field, Qt.Key.Key_Return)
    return dialog


# -- export and import -----------------------------------------------------------------------


def _export(ctx: Context) -> QWidget:
    return ctx.show(DataExportDialog(ctx.session, preferences=ctx.preferences))


def _export_protected(ctx: Context) -> QWidget:
    dialog = DataExportDialog(ctx.session, preferences=ctx.preferences)
    ctx.show(dialog)
    dialog.password.protect_check.setChecked(True)
    ctx.qtbot.keyClicks(dialog.password.password_edit, STRONG)
    ctx.qtbot.keyClicks(dialog.password.confirm_edit, "marmalade")
    return dialog


def _import(ctx: Context) -> ImportDialog:
    dialog = ImportDialog(ctx.session, preferences=ctx.preferences)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
    ctx.show(dialog)
    return dialog


def _csv_file(folder: Path) -> Path:
    path = folder / "diary.csv"
    path.write_text(
        "date,title,text\n"
        "2026-03-04,Meeting,He talked over me again.\n"
        "2026-03-06,Email,A curt email copied to the whole team.\n",
        encoding="utf-8",
    )
    return path


def _import_choose(ctx: Context) -> QWidget:
    dialog = _import(ctx)
    ctx.qtbot.keyClicks(dialog.choose.path_edit, str(dayone_zip(ctx.tmp_path)))
    return dialog


def _import_bad_source(ctx: Context) -> QWidget:
    dialog = _import(ctx)
    cut = ctx.tmp_path / "cut.zip"
    cut.write_bytes(dayone_zip(ctx.tmp_path).read_bytes()[:300])
    ctx.qtbot.keyClicks(dialog.choose.path_edit, str(cut))
    dialog.choose.set_format("dayone")
    dialog.next_button.click()
    ctx.qtbot.waitUntil(dialog.error.isVisible, timeout=20_000)
    return dialog


def _import_csv(ctx: Context) -> QWidget:
    dialog = _import(ctx)
    ctx.qtbot.keyClicks(dialog.choose.path_edit, str(_csv_file(ctx.tmp_path)))
    dialog.next_button.click()
    ctx.qtbot.waitUntil(lambda: dialog.pages.currentWidget() is dialog.csv)
    return dialog


def _to_preview(ctx: Context) -> ImportDialog:
    dialog = _import(ctx)
    ctx.qtbot.keyClicks(dialog.choose.path_edit, str(dayone_zip(ctx.tmp_path)))
    dialog.next_button.click()
    ctx.qtbot.waitUntil(lambda: dialog.pages.currentWidget() is dialog.preview, timeout=20_000)
    return dialog


def _import_preview(ctx: Context) -> QWidget:
    return _to_preview(ctx)


def _import_result(ctx: Context) -> QWidget:
    dialog = _to_preview(ctx)
    dialog.import_button.click()
    ctx.qtbot.waitUntil(lambda: dialog.pages.currentWidget() is dialog.summary, timeout=30_000)
    return dialog


STATES = [
    WindowState("vault: unlock", _unlock, (UnlockWindow,)),
    WindowState("vault: unlock, wrong passphrase", _unlock_wrong, (UnlockWindow,)),
    WindowState("vault: unlock, damaged vault", _unlock_damaged, (UnlockWindow,)),
    WindowState("vault: first run, welcome", _first_run_welcome, (FirstRunWizard, WelcomePage)),
    WindowState("vault: first run, passphrase", _first_run_passphrase, (PassphrasePage,)),
    WindowState("vault: first run, passphrase too weak", _first_run_too_weak, (PassphrasePage,)),
    WindowState("vault: first run, passphrases differ", _first_run_mismatch, (PassphrasePage,)),
    WindowState("vault: first run, what for", _first_run_use, (UsePage,)),
    WindowState("vault: first run, this device", _first_run_device, (DevicePage,)),
    WindowState(
        "vault: first run, this device, file exists", _first_run_device_taken, (DevicePage,)
    ),
    WindowState("vault: first run, open a folder (error)", _first_run_open, (OpenPage,)),
    WindowState("vault: settings, security", _settings_security, (SettingsDialog,)),
    WindowState("vault: settings, vault", _settings_vault, (SettingsDialog,)),
    WindowState("vault: settings, appearance", _settings_appearance, (SettingsDialog,)),
    WindowState("vault: settings, shortcut refused", _settings_refused, (SettingsDialog,)),
    WindowState("vault: change passphrase", _change_passphrase, (ChangePassphraseDialog,)),
    WindowState(
        "vault: change passphrase, wrong current",
        _change_passphrase_error,
        (ChangePassphraseDialog,),
    ),
    WindowState("vault: remember passphrase", _confirm_passphrase, (ConfirmPassphraseDialog,)),
    WindowState(
        "vault: remember passphrase, wrong", _confirm_passphrase_error, (ConfirmPassphraseDialog,)
    ),
    WindowState("vault: export data", _export, (DataExportDialog,)),
    WindowState("vault: export data, password", _export_protected, (DataExportDialog,)),
    WindowState("vault: import, choose", _import_choose, (ImportDialog,)),
    WindowState("vault: import, a damaged source", _import_bad_source, (ImportDialog,)),
    WindowState("vault: import, CSV columns", _import_csv, (ImportDialog,)),
    WindowState("vault: import, preview", _import_preview, (ImportDialog,)),
    WindowState("vault: import, result", _import_result, (ImportDialog,)),
]
