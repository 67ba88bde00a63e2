"""The journal area as a keyboard and screen-reader user meets it (issue 15): errors in words
tied to their field, the date filters let Tab out, lists and charts named for what they show,
and the Description column keeps its room."""

from __future__ import annotations

import dataclasses
from datetime import date, time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from peerdesk.models import Incident
from peerdesk.ui.common.accessibility import plain
from peerdesk.ui.common.session import VaultSession
from peerdesk.ui.common.theme import apply_theme, contrast_ratio
from peerdesk.ui.journal import screen as screen_module
from peerdesk.ui.journal import timeline as timeline_module
from peerdesk.ui.journal.cast import PersonDialog
from peerdesk.ui.journal.editor.severity import severity_colour
from peerdesk.ui.journal.history import HistoryDialog, WithdrawDialog
from peerdesk.ui.journal.list_model import COL_EVENT, COL_TITLE
from peerdesk.ui.journal.patterns import PatternsScreen
from peerdesk.ui.journal.screen import DESCRIPTION_SHARE, JournalScreen


def _entries(session: VaultSession, count: int = 3) -> list[int]:
    ids = []
    for day in range(1, count + 1):
        saved = session.repos.incidents.add(
            Incident(
                event_date=date(2026, 3, day),
                event_time=time(10, 0),
                title=f"Left out of the meeting on day {day}",
            )
        )
        assert saved.id is not None
        ids.append(saved.id)
    return ids


def _show(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget)


def _readable(label: QWidget) -> float:
    colour = label.palette().color(QPalette.ColorRole.WindowText)
    window = label.window().palette().color(QPalette.ColorRole.Window)
    return contrast_ratio(colour, window)


def test_a_person_without_a_name_is_told_so_at_the_name_field(
    qtbot: QtBot, session: VaultSession
) -> None:
    dialog = PersonDialog(session)
    _show(qtbot, dialog)
    qtbot.keyClicks(dialog.role_edit, "Team lead")
    qtbot.keyClick(dialog.role_edit, Qt.Key.Key_Return)  # Save is the default button
    qtbot.waitUntil(dialog.error_label.isVisible)
    assert dialog.isVisible()
    assert dialog.error_label.text().startswith("\u26a0 Error:")
    assert "Error:" in dialog.name_edit.accessibleDescription()
    assert dialog.name_edit.hasFocus()
    assert _readable(dialog.error_label) >= 4.5
    qtbot.keyClicks(dialog.name_edit, "R. S.")
    assert not dialog.error_label.isVisible()
    assert dialog.name_edit.accessibleDescription() == ""
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert [p.display_name for p in session.repos.persons.list()] == ["R. S."]


def test_a_refused_withdrawal_is_tied_to_the_reason_field(
    qtbot: QtBot, session: VaultSession
) -> None:
    dialog = WithdrawDialog(session, 7, lambda _reason: "The vault is locked. Nothing was changed.")
    _show(qtbot, dialog)
    qtbot.keyClicks(dialog.reason_edit, "Written twice")
    qtbot.mouseClick(dialog.withdraw_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.error.isVisible)
    assert "Error: The vault is locked" in dialog.error.text()
    assert "The vault is locked" in dialog.reason_edit.accessibleDescription()
    assert dialog.reason_edit.hasFocus()
    assert dialog.reason_edit.text() == "Written twice"  # what was typed stays
    assert _readable(dialog.error) >= 4.5


def _journal(qtbot: QtBot, session: VaultSession) -> JournalScreen:
    journal = JournalScreen(session)
    journal.resize(1000, 600)
    journal.on_opened()
    _show(qtbot, journal)
    qtbot.waitUntil(lambda: journal.model.rowCount() > 0)
    return journal


def test_tab_leaves_the_date_filters_both_ways(qtbot: QtBot, session: VaultSession) -> None:
    _entries(session)
    journal = _journal(qtbot, session)
    assert journal.date_from.accessibleName() == "From date"
    assert journal.date_to.accessibleName() == "To date"
    journal.date_from.setFocus()
    qtbot.waitUntil(journal.date_from.hasFocus)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    qtbot.waitUntil(journal.date_to.hasFocus)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: not journal.date_to.isAncestorOf(QApplication.focusWidget()))
    assert not journal.date_to.hasFocus()
    journal.date_to.setFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backtab)
    qtbot.waitUntil(journal.date_from.hasFocus)


def test_the_filters_say_what_they_filter(qtbot: QtBot, session: VaultSession) -> None:
    journal = JournalScreen(session)
    qtbot.addWidget(journal)
    names = {c.accessibleName() for c in journal.filters.combos()}
    assert names == {"Person", "Category", "Reported", "Tag"}
    # On Linux a screen reader names a combo box by its buddy label (Qt gives its current item
    # as the name): each has a visible one, with the same words.
    buddies = {
        label.buddy(): plain(label.text())
        for label in journal.findChildren(QLabel)
        if label.buddy() is not None
    }
    for combo in journal.filters.combos():
        assert buddies.get(combo) == combo.accessibleName()


def test_the_description_column_keeps_its_room(qtbot: QtBot, session: VaultSession) -> None:
    _entries(session)
    journal = _journal(qtbot, session)
    for width in (900, 1300):
        journal.resize(width, 600)
        qtbot.waitUntil(
            lambda: (
                journal.table.columnWidth(COL_TITLE)
                >= journal.table.viewport().width() * DESCRIPTION_SHARE - 2
            )
        )


def test_enter_on_the_journal_table_opens_the_entry(qtbot: QtBot, session: VaultSession) -> None:
    ids = _entries(session)
    journal = _journal(qtbot, session)
    journal.table.setFocus()
    row = journal.model.row_of(ids[1])
    assert row is not None
    journal.table.setCurrentIndex(journal.model.index(row, COL_TITLE))
    with qtbot.waitSignal(journal.edit_requested) as opened:
        qtbot.keyClick(journal.table, Qt.Key.Key_Return)
    assert opened.args == [ids[1]]


def test_history_lists_are_named_and_labelled(qtbot: QtBot, session: VaultSession) -> None:
    (incident_id,) = _entries(session, 1)
    dialog = HistoryDialog(session, incident_id)
    _show(qtbot, dialog)
    assert dialog.revision_list.accessibleName() == "Revisions saved"
    assert dialog.diff.accessibleName() == "Changes between the two revisions"
    assert dialog.older.accessibleName() == "Compare revision"
    qtbot.keyClick(dialog, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(dialog.revision_list.hasFocus)


def test_the_charts_say_what_they_count(qtbot: QtBot, session: VaultSession) -> None:
    screen = PatternsScreen(session)
    qtbot.addWidget(screen)
    names = [
        c.accessibleName() for c in (screen.month_chart, screen.person_chart, screen.category_chart)
    ]
    assert names == ["Incidents per month", "Incidents by person", "Incidents by category"]
    assert screen.severity_chart.accessibleName() == "Incidents by severity"
    assert screen.findings.accessibleName() == "What the record shows"


def test_the_timeline_describes_the_incident_the_arrows_reach(
    qtbot: QtBot, session: VaultSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    said: list[str] = []
    monkeypatch.setattr(timeline_module, "announce", lambda _w, text: said.append(text))
    _entries(session)
    screen = PatternsScreen(session, today=lambda: date(2026, 4, 1))
    screen.resize(900, 600)
    with qtbot.waitSignal(screen.refreshed, timeout=10_000):
        screen.on_opened()
    _show(qtbot, screen)
    screen.tabs.setCurrentIndex(1)
    screen.timeline.setFocus()
    qtbot.waitUntil(screen.timeline.hasFocus)
    qtbot.keyClick(screen.timeline, Qt.Key.Key_Home)
    assert "day 1" in screen.timeline.accessibleDescription()
    qtbot.keyClick(screen.timeline, Qt.Key.Key_Right)
    assert "day 2" in screen.timeline.accessibleDescription()
    assert [t.split(" — ")[1] for t in said] == [
        "Left out of the meeting on day 1 (severity 3)",
        "Left out of the meeting on day 2 (severity 3)",
    ]


def test_history_marks_the_words_that_changed(qtbot: QtBot, session: VaultSession) -> None:
    (incident_id,) = _entries(session, 1)
    repo = session.repos.incidents
    entry = repo.get(incident_id)
    repo.update(dataclasses.replace(entry, title="Left out of the planning meeting on day 1"))
    dialog = HistoryDialog(session, incident_id)
    _show(qtbot, dialog)
    dialog.compare(1, 2)
    spoken = dialog.word_changes()
    assert "added: planning" in spoken
    assert "removed:" not in spoken
    html = dialog.words.toHtml()
    assert "text-decoration: underline" in html or "<u" in html
    assert dialog.words.toPlainText().strip().endswith("Left out of the planning meeting on day 1")
    repo.update(dataclasses.replace(repo.get(incident_id), title="Left out on day 1"))
    dialog.close()
    dialog = HistoryDialog(session, incident_id)
    _show(qtbot, dialog)
    dialog.compare(2, 3)
    assert "removed: of the planning meeting" in dialog.word_changes()
    assert "line-through" in dialog.words.toHtml()


def test_a_search_says_how_many_entries_it_found(
    qtbot: QtBot, session: VaultSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    _entries(session)
    journal = _journal(qtbot, session)
    said: list[str] = []
    monkeypatch.setattr(screen_module, "announce", lambda _w, text: said.append(text))
    qtbot.keyClicks(journal.search_edit, "day")
    qtbot.waitUntil(lambda: said == ["3 entries"], timeout=3000)
    journal.search_edit.clear()
    qtbot.keyClicks(journal.search_edit, "nothingmatches")
    qtbot.waitUntil(lambda: said[-1:] == ["0 of 3 entries"], timeout=3000)


def test_the_columns_follow_a_larger_font(qtbot: QtBot, session: VaultSession) -> None:
    _entries(session)
    journal = _journal(qtbot, session)
    journal.resize(2600, 600)
    qtbot.waitUntil(lambda: journal.table.viewport().width() > 2400)
    before = journal.table.columnWidth(COL_EVENT)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    font = app.font()
    bigger = QFont(font)
    bigger.setPointSizeF(font.pointSizeF() * 1.5)
    app.setFont(bigger)
    try:
        qtbot.waitUntil(lambda: journal.table.columnWidth(COL_EVENT) > before * 1.3)
    finally:
        app.setFont(font)


def test_enter_on_a_revision_shows_what_that_save_changed(
    qtbot: QtBot, session: VaultSession
) -> None:
    (incident_id,) = _entries(session, 1)
    repo = session.repos.incidents
    repo.update(dataclasses.replace(repo.get(incident_id), title="Second title"))
    repo.update(dataclasses.replace(repo.get(incident_id), title="Third title"))
    dialog = HistoryDialog(session, incident_id)
    _show(qtbot, dialog)
    assert (dialog.older.currentData(), dialog.newer.currentData()) == (2, 3)
    dialog.revision_list.setFocus()
    dialog.revision_list.setCurrentRow(1)
    qtbot.keyClick(dialog.revision_list, Qt.Key.Key_Return)
    assert (dialog.older.currentData(), dialog.newer.currentData()) == (1, 2)
    assert "removed: Left out of the meeting on day 1; added: Second title" in (
        dialog.word_changes()
    )


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_withdrawn_rows_are_greyed_but_readable(
    qtbot: QtBot, session: VaultSession, theme: str
) -> None:
    ids = _entries(session)
    session.repos.incidents.withdraw(ids[0], "")
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, theme)
    try:
        journal = _journal(qtbot, session)
        qtbot.mouseClick(journal.show_withdrawn, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: journal.model.row_of(ids[0]) is not None)
        row = journal.model.row_of(ids[0])
        assert row is not None
        brush = journal.model.index(row, COL_TITLE).data(Qt.ItemDataRole.ForegroundRole)
        assert brush is not None  # greyed
        palette = journal.table.palette()
        for background in (QPalette.ColorRole.Base, QPalette.ColorRole.AlternateBase):
            assert contrast_ratio(brush.color(), palette.color(background)) >= 4.5
    finally:
        apply_theme(app, "light")


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_severity_colours_stand_out_from_both_themes(qapp: QApplication, theme: str) -> None:
    apply_theme(qapp, theme)
    try:
        palette = qapp.palette()
        for severity in range(1, 6):
            for background in (QPalette.ColorRole.Window, QPalette.ColorRole.Base):
                ratio = contrast_ratio(severity_colour(severity), palette.color(background))
                assert ratio >= 3.0, (severity, background, ratio)
    finally:
        apply_theme(qapp, "light")


def test_the_timeline_ring_shows_in_the_dark_theme(qtbot: QtBot, session: VaultSession) -> None:
    _entries(session)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, "dark")
    try:
        screen = PatternsScreen(session, today=lambda: date(2026, 4, 1))
        screen.resize(900, 600)
        with qtbot.waitSignal(screen.refreshed, timeout=10_000):
            screen.on_opened()
        _show(qtbot, screen)
        screen.tabs.setCurrentIndex(1)
        timeline = screen.timeline
        timeline.setFocus()
        qtbot.waitUntil(timeline.hasFocus)
        qtbot.keyClick(timeline, Qt.Key.Key_Home)
        item = timeline.items[0]
        centre = timeline.point_for(item.id)
        assert centre is not None
        ring = timeline.radius_for(item.severity) + 4
        image = timeline.grab().toImage()
        ratio = image.devicePixelRatio()
        background = timeline.palette().color(QPalette.ColorRole.Window)
        best = 0.0
        for dx in range(-1, 2):  # the ring's pixels right of the dot
            x = round((centre.x() + ring + dx) * ratio)
            colour = image.pixelColor(x, round(centre.y() * ratio))
            best = max(best, contrast_ratio(colour, background))
        assert best >= 3.0
    finally:
        apply_theme(app, "light")
