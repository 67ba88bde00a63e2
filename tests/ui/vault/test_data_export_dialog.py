"""File ▸ Export data…: the dialog driven by keyboard and mouse, writing real files."""

from __future__ import annotations

import json
import threading
import zipfile
from pathlib import Path
from typing import Any

import pytest
import pyzipper
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QFileDialog, QLineEdit
from pytestqt.qtbot import QtBot

from peerdesk.export.data import NOT_ENCRYPTED
from peerdesk.ui.common.session import VaultSession
from peerdesk.ui.vault import data_export as data_export_ui
from peerdesk.ui.vault.data_export import DataExportDialog
from tests.export.data.sample import REAL_NAME, fill_sample

ZIP_PASSWORD = "plum kettle orbit seventy"


def make(qtbot: QtBot, session: VaultSession) -> DataExportDialog:
    fill_sample(session.repos.vault)
    dialog = DataExportDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def click(qtbot: QtBot, widget: object) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)  # type: ignore[arg-type]


def export_to(qtbot: QtBot, dialog: DataExportDialog, path: Path) -> None:
    click(qtbot, dialog.export_button)
    qtbot.waitUntil(lambda: dialog.file_dialog is not None and dialog.file_dialog.isVisible())
    chooser = dialog.file_dialog
    assert isinstance(chooser, QFileDialog)
    assert chooser.testOption(QFileDialog.Option.DontUseNativeDialog)
    edit = chooser.findChild(QLineEdit, "fileNameEdit")
    assert edit is not None
    edit.setText(str(path))  # typed key by key, the completer grabs the keyboard offscreen
    chooser.accept()
    qtbot.waitUntil(lambda: not dialog.running and dialog.status.text() != "", timeout=60_000)


def test_defaults_and_plain_warning(qtbot: QtBot, session: VaultSession) -> None:
    dialog = make(qtbot, session)
    assert dialog.format_buttons[next(iter(dialog.format_buttons))].isChecked()  # JSON
    assert not dialog.real_names_check.isChecked()
    assert not dialog.password.protected
    assert dialog.warning.text() == NOT_ENCRYPTED
    assert dialog.windowTitle() == "Export data"
    for widget in (
        dialog.real_names_check,
        dialog.export_button,
        dialog.cancel_button,
        *dialog.format_buttons.values(),
    ):
        assert widget.accessibleName()
        assert widget.focusPolicy() != Qt.FocusPolicy.NoFocus


def test_json_export_without_password(qtbot: QtBot, session: VaultSession, tmp_path: Path) -> None:
    dialog = make(qtbot, session)
    out = tmp_path / "everything.zip"
    export_to(qtbot, dialog, out)
    assert dialog.last_outcome is not None, dialog.status.text()
    assert f"Written to {out}: 14 entries, 5 files." in dialog.status.text()
    assert "not encrypted" in dialog.status.text()
    with zipfile.ZipFile(out) as archive:
        document = json.loads(archive.read("peerdesk-export.json"))
    assert document["counts"]["entries"] == 14
    assert REAL_NAME not in json.dumps(document)
    assert (out.stat().st_mode & 0o777) == 0o600


def test_markdown_with_password_and_real_names(
    qtbot: QtBot, session: VaultSession, tmp_path: Path
) -> None:
    dialog = make(qtbot, session)
    click(qtbot, dialog.format_buttons[list(dialog.format_buttons)[1]])
    dialog.real_names_check.setFocus()
    qtbot.keyClick(dialog.real_names_check, Qt.Key.Key_Space)
    assert dialog.real_names_check.isChecked()
    click(qtbot, dialog.password.protect_check)
    assert not dialog.export_button.isEnabled()  # no password typed yet
    qtbot.keyClicks(dialog.password.password_edit, ZIP_PASSWORD)
    qtbot.keyClicks(dialog.password.confirm_edit, ZIP_PASSWORD[:-1])
    assert "not the same" in dialog.warning.text() and not dialog.export_button.isEnabled()
    qtbot.keyClicks(dialog.password.confirm_edit, ZIP_PASSWORD[-1])
    assert dialog.export_button.isEnabled() and NOT_ENCRYPTED not in dialog.warning.text()
    out = tmp_path / "notes.zip"
    export_to(qtbot, dialog, out)
    assert "AES-256" in dialog.status.text(), dialog.status.text()
    assert dialog.password.password_edit.text() == ""  # forgotten once written
    with pyzipper.AESZipFile(out) as archive:
        archive.setpassword(ZIP_PASSWORD.encode())
        names = archive.namelist()
        assert len([n for n in names if n.endswith(".md")]) == 14
        assert all(archive.read(n) for n in names)


def test_cancel_writes_nothing(
    qtbot: QtBot, session: VaultSession, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clicked = threading.Event()
    original = data_export_ui.read_data_export

    def held(*args: Any, **kwargs: Any) -> Any:
        clicked.wait(60)  # the work waits here until Cancel was clicked: no race
        return original(*args, **kwargs)

    monkeypatch.setattr(data_export_ui, "read_data_export", held)
    dialog = make(qtbot, session)
    click(qtbot, dialog.format_buttons[list(dialog.format_buttons)[2]])  # CSV
    out = tmp_path / "entries.csv"
    click(qtbot, dialog.export_button)
    qtbot.waitUntil(lambda: dialog.file_dialog is not None and dialog.file_dialog.isVisible())
    chooser = dialog.file_dialog
    assert chooser is not None
    chooser.findChild(QLineEdit, "fileNameEdit").setText(str(out))  # type: ignore[union-attr]
    chooser.accept()
    assert dialog.running
    click(qtbot, dialog.cancel_button)
    clicked.set()
    qtbot.waitUntil(lambda: not dialog.running, timeout=60_000)
    assert dialog.status.text() == "Cancelled. Nothing was written."
    assert not out.exists()


def test_file_menu_opens_it(qtbot: QtBot, session: VaultSession) -> None:
    from peerdesk.ui.shell.main_window import MainWindow

    window = MainWindow(session, ["journal", "supporter"])
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    file_menu = window.menuBar().actions()[0].menu()
    titles = [a.text() for a in file_menu.actions()]  # type: ignore[union-attr]
    assert "Export &data…" in titles
    action = file_menu.actions()[titles.index("Export &data…")]  # type: ignore[union-attr]
    action.trigger()
    qtbot.waitUntil(lambda: window.findChild(DataExportDialog) is not None)
    dialog = window.findChild(DataExportDialog)
    assert dialog is not None and dialog.isVisible() and dialog.isModal()
    dialog.reject()


def test_the_password_problem_is_read_with_its_field(qtbot: QtBot, session: VaultSession) -> None:
    dialog = DataExportDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.mouseClick(
        dialog.password.protect_check,
        Qt.MouseButton.LeftButton,
        pos=QPoint(8, dialog.password.protect_check.height() // 2),
    )
    assert "Type a password" in dialog.password.password_edit.accessibleDescription()
    qtbot.keyClicks(dialog.password.password_edit, "marmalade umbrella violin quartz")
    qtbot.keyClicks(dialog.password.confirm_edit, "marmalade")
    assert not dialog.export_button.isEnabled()
    assert dialog.password.password_edit.accessibleDescription() == ""
    assert "not the same" in dialog.password.confirm_edit.accessibleDescription()
    qtbot.keyClicks(dialog.password.confirm_edit, " umbrella violin quartz")
    assert dialog.export_button.isEnabled()
    assert dialog.password.confirm_edit.accessibleDescription() == ""
