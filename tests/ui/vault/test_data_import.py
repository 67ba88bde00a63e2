"""The Import dialog, driven as a person would: type or choose the source, map a CSV, read the
preview, import in the background, cancel, read the summary."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from peerdesk.storage.importing import ImportOutcome
from peerdesk.ui.common.session import VaultSession
from peerdesk.ui.common.workers import wait_for_all
from peerdesk.ui.vault.data_import.dialog import ImportDialog
from tests.importing.helpers import FIXTURES, dayone_zip


def _dialog(qtbot: QtBot, session: VaultSession) -> ImportDialog:
    dialog = ImportDialog(session)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _click(qtbot: QtBot, button: QPushButton) -> None:
    """Click a button as a person would, once it has been laid out where it can be seen."""
    qtbot.waitUntil(lambda: button.isVisible() and button.height() > 0)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _type_source(qtbot: QtBot, dialog: ImportDialog, path: Path) -> None:
    assert dialog.focusWidget() is dialog.choose.path_edit
    qtbot.keyClicks(dialog.choose.path_edit, str(path))


def test_dayone_import_from_the_keyboard(
    qtbot: QtBot, session: VaultSession, tmp_path: Path
) -> None:
    added: list[object] = []
    session.repos.incidents.subscribe(added.append)
    dialog = _dialog(qtbot, session)
    _type_source(qtbot, dialog, dayone_zip(tmp_path))
    assert dialog.choose.chosen_format() == "dayone"
    assert "Day One" in dialog.choose.detected.text()
    qtbot.keyClick(dialog.choose.path_edit, Qt.Key.Key_Return)  # Next is the default button
    qtbot.waitUntil(lambda: dialog.pages.currentWidget() is dialog.preview)
    summary = dialog.preview.summary.text()
    assert "2 new entries, dated 3 Mar 2026 to 5 Mar 2026" in summary
    assert "2 files to attach" in summary
    assert dialog.preview.skipped.count() == 1
    assert "its creation date cannot be read" in dialog.preview.skipped.item(0).text()
    assert dialog.import_button.isDefault()
    _click(qtbot, dialog.import_button)
    qtbot.waitUntil(lambda: dialog.pages.currentWidget() is dialog.summary)
    assert "Imported 2 entries and 2 files." in dialog.summary.text.text()
    assert session.repos.incidents.count() == 2
    assert added, "the open screens hear of the new entries"
    _click(qtbot, dialog.close_button)
    assert not dialog.isVisible()


def test_csv_mapping_step(qtbot: QtBot, session: VaultSession) -> None:
    dialog = _dialog(qtbot, session)
    _type_source(qtbot, dialog, FIXTURES / "notes.csv")
    _click(qtbot, dialog.next_button)
    page = dialog.csv
    assert dialog.pages.currentWidget() is page
    assert page.how_read.text() == "notes.csv was read as UTF-8, separated by comma."
    # Guessed from the header names, for the user to check.
    assert {k: c.currentText() for k, c in page.combos.items()} == {
        "date": "Date",
        "time": "Time",
        "title": "Subject",
        "text": "Notes",
        "people": "Who",
        "tags": "Tags",
    }
    # 25/03/2026 can only be day-first: proposed, and said so.
    assert page.order_combo.currentData() == "dmy"
    assert "can only be read day first" in page.order_hint.text()
    assert page.table.rowCount() == 3 and page.table.columnCount() == 6
    assert page.table.item(0, 2).text() == "Shouted at in front of the team"
    # Change the title column to Notes with the keyboard, then back to Subject.
    page.combos["title"].setFocus()
    qtbot.keyClick(page.combos["title"], Qt.Key.Key_Down)
    assert page.combos["title"].currentText() == "Notes"
    qtbot.keyClick(page.combos["title"], Qt.Key.Key_Up)
    _click(qtbot, dialog.next_button)
    qtbot.waitUntil(lambda: dialog.pages.currentWidget() is dialog.preview)
    assert "2 new entries" in dialog.preview.summary.text()
    assert "the date cannot be read as DMY" in dialog.preview.skipped.item(0).text()
    _click(qtbot, dialog.back_button)
    assert dialog.pages.currentWidget() is page
    page.order_combo.setCurrentIndex(page.order_combo.findData(""))
    _click(qtbot, dialog.next_button)
    qtbot.waitUntil(lambda: "day or the month" in dialog.error.text())
    assert dialog.pages.currentWidget() is page
    assert session.repos.incidents.count() == 0


def test_bad_source_gives_a_plain_message(
    qtbot: QtBot, session: VaultSession, tmp_path: Path
) -> None:
    cut = tmp_path / "cut.zip"
    cut.write_bytes(dayone_zip(tmp_path).read_bytes()[:300])
    dialog = _dialog(qtbot, session)
    _type_source(qtbot, dialog, cut)
    dialog.choose.set_format("dayone")
    _click(qtbot, dialog.next_button)
    qtbot.waitUntil(lambda: "cut.zip: This is not a complete zip file" in dialog.error.text())
    assert dialog.pages.currentWidget() is dialog.choose
    # An error in words, tied to the field to change, which has the focus again.
    assert dialog.error.text().startswith("\u26a0 Error:")
    assert "not a complete zip" in dialog.choose.path_edit.accessibleDescription()
    assert QApplication.focusWidget() is dialog.choose.path_edit
    qtbot.keyClicks(dialog.choose.path_edit, "x")  # changing the source takes it away
    assert not dialog.error.isVisible()
    assert dialog.choose.path_edit.accessibleDescription() == ""
    assert session.repos.incidents.count() == 0


def test_cancel_writes_nothing(qtbot: QtBot, session: VaultSession, tmp_path: Path) -> None:
    journal = tmp_path / "big.txt"
    journal.write_text(
        "\n".join(f"[2026-01-01 09:{n % 60:02d}] Entry {n}\nbody {n}\n" for n in range(4000))
    )
    dialog = _dialog(qtbot, session)
    _type_source(qtbot, dialog, journal)
    _click(qtbot, dialog.next_button)
    qtbot.waitUntil(lambda: dialog.pages.currentWidget() is dialog.preview, timeout=20_000)
    outcomes: list[ImportOutcome] = []
    _click(qtbot, dialog.import_button)
    assert dialog.pages.currentWidget() is dialog.progress
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # Escape cancels the running import
    qtbot.waitUntil(lambda: dialog.pages.currentWidget() is dialog.summary, timeout=30_000)
    wait_for_all()
    assert dialog.summary.text.text() == "The import was cancelled: nothing was written."
    assert session.repos.incidents.count() == 0
    assert not outcomes


def test_password_field_only_for_a_protected_peerdesk_export(
    qtbot: QtBot, session: VaultSession, tmp_path: Path
) -> None:
    import pyzipper

    locked = tmp_path / "export.zip"
    with pyzipper.AESZipFile(locked, "w", encryption=pyzipper.WZ_AES) as zf:
        zf.setpassword(b"export password")
        zf.writestr("peerdesk-export.json", b"{}")
    dialog = _dialog(qtbot, session)
    _type_source(qtbot, dialog, locked)
    assert dialog.choose.chosen_format() == "peerdesk"
    assert dialog.choose.password_edit.isVisible()
    assert dialog.choose.password_edit.echoMode() == dialog.choose.password_edit.EchoMode.Password
    dialog.choose.path_edit.clear()
    qtbot.keyClicks(dialog.choose.path_edit, str(FIXTURES / "notes.csv"))
    assert not dialog.choose.password_edit.isVisible()


def test_file_menu_opens_the_import_dialog(qtbot: QtBot, session: VaultSession) -> None:
    from peerdesk.ui.shell.main_window import MainWindow

    window = MainWindow(session, ["journal"])
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    file_menu = window.menuBar().actions()[0].menu()
    assert "&Import…" in [a.text() for a in file_menu.actions()]
    window.menus.import_action.trigger()
    dialog = window.findChild(ImportDialog, "importDialog")
    assert dialog is not None and dialog.isVisible()
    assert dialog.windowTitle() == "Import entries"
    dialog.reject()
