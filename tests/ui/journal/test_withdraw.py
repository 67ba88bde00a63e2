"""Withdrawing an entry made in error, as a person does it (issue 19, item 6), and the
Verify history table (item 7)."""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTableView
from pytestqt.qtbot import QtBot

from peerdesk.models import Incident
from peerdesk.ui.common.clipboard import CLIPBOARD_MANAGER_HINT
from peerdesk.ui.common.session import VaultSession
from peerdesk.ui.journal.editor.dialog import IncidentEditor
from peerdesk.ui.journal.history import HistoryDialog, WithdrawDialog
from peerdesk.ui.journal.list_model import COL_TITLE
from peerdesk.ui.journal.patterns import PatternsScreen
from peerdesk.ui.journal.reading import EntryReadDialog
from peerdesk.ui.journal.screen import JournalScreen
from peerdesk.ui.shell.main_window import MainWindow

REASON = "Written twice by mistake"


def add_entries(session: VaultSession) -> list[int]:
    ids = []
    for day, title in (
        (3, "Shouted at in stand-up"),
        (10, "Left off the invite"),
        (17, "Duplicate of the stand-up entry"),
    ):
        saved = session.repos.incidents.add(
            Incident(event_date=date(2026, 3, day), event_time=time(10, 0), title=title)
        )
        assert saved.id is not None
        ids.append(saved.id)
    return ids


def click(qtbot, widget) -> None:  # type: ignore[no-untyped-def]
    assert widget.isVisible() and widget.isEnabled(), widget.objectName()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def click_row(qtbot: QtBot, table: QTableView, row: int) -> None:
    index = table.model().index(row, COL_TITLE)
    table.scrollTo(index)
    qtbot.mouseClick(
        table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(index).center()
    )


def shown_total(patterns: PatternsScreen) -> int:
    return sum(patterns.month_chart.values)


def test_withdraw_from_the_editor_then_restore_from_the_journal(
    qtbot: QtBot, session: VaultSession
) -> None:
    ids = add_entries(session)
    target = ids[2]
    window = MainWindow(session, ["journal"])
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    journal = window.screens["journal"]
    patterns = window.screens["patterns"]
    assert isinstance(journal, JournalScreen) and isinstance(patterns, PatternsScreen)
    window.show_section("patterns")  # (a screen reads its data when first shown)
    patterns.period_combo.setCurrentIndex(patterns.period_combo.findText("All time"))
    qtbot.waitUntil(lambda: shown_total(patterns) == 3, timeout=10_000)
    window.show_section("journal")

    # Open the entry from the list with the keyboard, as a person would: Enter reads it,
    # Alt+E edits it.
    row = journal.model.row_of(target)
    assert row is not None
    click_row(qtbot, journal.table, row)
    qtbot.keyClick(journal.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.findChild(EntryReadDialog) is not None)
    reader = window.findChild(EntryReadDialog)
    assert reader is not None
    qtbot.waitUntil(lambda: QApplication.activeWindow() is reader)
    qtbot.keyClick(reader.view, Qt.Key.Key_E, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: window.findChild(IncidentEditor) is not None)
    editor = window.findChild(IncidentEditor)
    assert editor is not None and editor.incident_id == target
    assert editor.withdraw_button.text() == "Withdraw…"

    # Withdraw… asks for an optional reason and confirms.
    click(qtbot, editor.withdraw_button)
    dialog = editor.withdraw_dialog
    assert isinstance(dialog, WithdrawDialog)
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.reason_edit.accessibleName()
    qtbot.keyClicks(dialog.reason_edit, REASON)
    click(qtbot, dialog.withdraw_button)
    qtbot.waitUntil(lambda: editor.withdraw_dialog is None)

    # The row leaves the list, Patterns counts drop; the editor says so and offers Restore.
    qtbot.waitUntil(lambda: journal.model.row_of(target) is None)
    assert journal.count_label.text() == "2 entries · 1 withdrawn, not shown"
    qtbot.waitUntil(lambda: shown_total(patterns) == 2, timeout=10_000)
    assert all(item.id != target for item in patterns.timeline.items)
    assert "withdrawn" in editor.record_label.text()
    assert editor.withdraw_button.text() == "Restore"

    # History of changes shows the new revision with the reason.
    click(qtbot, editor.history_button)
    history = editor.history_dialog
    assert isinstance(history, HistoryDialog)
    assert history.revision_list.count() == 2
    history.compare(1, 2)
    ((label, before, after),) = history.changes()
    assert label == "Withdrawn as made in error" and before == "—"
    assert after.startswith("Withdrawn on ") and after.endswith(f"reason: {REASON}")
    history.close()
    editor.close()

    # "Show withdrawn" brings it back, greyed, with "Withdrawn" in the row.
    click(qtbot, journal.show_withdrawn)
    qtbot.waitUntil(lambda: journal.model.row_of(target) is not None)
    row = journal.model.row_of(target)
    assert row is not None
    assert journal.count_label.text() == "3 entries"
    cell = journal.model.index(row, COL_TITLE)
    assert cell.data().startswith("Withdrawn — ")
    assert cell.data(Qt.ItemDataRole.ForegroundRole) is not None
    assert (
        journal.model.index(0 if row else 1, COL_TITLE).data(Qt.ItemDataRole.ForegroundRole) is None
    )

    # Restore from the journal: another revision, back in the list and in Patterns.
    click_row(qtbot, journal.table, row)
    qtbot.waitUntil(lambda: journal.withdraw_button.text() == "Restore")
    click(qtbot, journal.withdraw_button)
    qtbot.waitUntil(
        lambda: (
            not journal.model.index(journal.model.row_of(target) or 0, COL_TITLE)
            .data()
            .startswith("Withdrawn")
        )
    )
    click(qtbot, journal.show_withdrawn)
    qtbot.waitUntil(lambda: journal.model.row_of(target) is not None)
    qtbot.waitUntil(lambda: shown_total(patterns) == 3, timeout=10_000)
    assert len(session.repos.incidents.revisions(target)) == 3
    assert session.repos.incidents.verify_history().ok


def test_withdraw_from_the_journal_by_keyboard_and_a_lock_drops_the_question(
    qtbot: QtBot, session: VaultSession
) -> None:
    ids = add_entries(session)
    journal = JournalScreen(session)
    qtbot.addWidget(journal)
    journal.resize(1100, 600)
    journal.on_opened()
    journal.show()
    QApplication.processEvents()
    row = journal.model.row_of(ids[0])
    assert row is not None
    click_row(qtbot, journal.table, row)
    assert journal.withdraw_button.text() == "Withdraw…"
    qtbot.keyClick(
        journal.table,
        Qt.Key.Key_W,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    dialog = journal.withdraw_dialog
    assert isinstance(dialog, WithdrawDialog)
    qtbot.waitUntil(dialog.isVisible)
    # Escape cancels: nothing changes.
    qtbot.keyClick(dialog.reason_edit, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: journal.withdraw_dialog is None)
    assert len(session.repos.incidents.revisions(ids[0])) == 1

    journal.withdraw_or_restore()
    dialog = journal.withdraw_dialog
    assert isinstance(dialog, WithdrawDialog)
    qtbot.keyClicks(dialog.reason_edit, "LOCKMARKER reason")
    journal.on_closing()
    session.close()
    qtbot.waitUntil(lambda: journal.withdraw_dialog is None)
    assert not any(
        "LOCKMARKER" in getattr(w, "text", lambda: "")()
        for w in QApplication.allWidgets()
        if hasattr(w, "text") and callable(w.text)
    )


def test_verify_history_shows_each_entry_with_its_chain_head(
    qtbot: QtBot, session: VaultSession
) -> None:
    ids = add_entries(session)
    repo = session.repos.incidents
    repo.withdraw(ids[1], "")
    journal = JournalScreen(session)
    qtbot.addWidget(journal)
    journal.on_opened()
    journal.show()
    with qtbot.waitSignal(journal.history_checked, timeout=10_000):
        click(qtbot, journal.verify_button)
    dialog = journal.history_dialog
    assert dialog is not None and dialog.isVisible()
    view = dialog.view
    assert view.accessibleName() == "Entries and their chain heads"
    assert view.isReadOnly()
    lines = view.toPlainText().splitlines()
    assert lines[0].split() == ["Record", "no.", "Revisions", "Withdrawn", "Chain", "head"]
    heads = repo.chain_heads()
    assert [line.split() for line in lines[1:]] == [
        [
            str(repo.get(i).record_number),
            str(heads[i][1]),
            "yes" if i == ids[1] else "no",
            heads[i][0],
        ]
        for i in ids
    ]
    # The same lines `peerdesk check --verbose` prints.
    assert lines == repo.verify_history().table_lines()
    click(qtbot, dialog.copy_button)
    copied = QApplication.clipboard().text()
    assert copied == dialog.text()
    assert all(heads[i][0] in copied for i in ids)
    # Copied through the clipboard that forgets: marked for clipboard managers to skip.
    mime = QApplication.clipboard().mimeData()
    assert mime is not None and mime.hasFormat(CLIPBOARD_MANAGER_HINT)
    assert journal.history_check.clipboard is not None
    assert journal.history_check.clipboard.clear_if_ours()
    assert QApplication.clipboard().text() == ""


def test_report_dialog_from_a_journal_showing_withdrawn_counts_none(
    qtbot: QtBot, session: VaultSession
) -> None:
    ids = add_entries(session)
    session.repos.incidents.withdraw(ids[2], "")
    window = MainWindow(session, ["journal"])
    qtbot.addWidget(window)
    window.show()
    window.show_section("journal")
    journal = window.screens["journal"]
    assert isinstance(journal, JournalScreen)
    click(qtbot, journal.show_withdrawn)
    qtbot.waitUntil(lambda: journal.model.rowCount() == 3)
    click(qtbot, journal.export_button)
    dialog = window.report_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: "will be in the report" in dialog.count_label.text())
    assert "2 entries will be in the report." in dialog.count_label.text()
    dialog.close()
    qtbot.waitUntil(lambda: window.report_dialog is None, timeout=3000)
