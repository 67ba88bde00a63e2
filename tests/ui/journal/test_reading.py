"""The read view of an entry (issue 15, calm reading): opened by default from the journal, People
and Patterns; the record as a report shows it, read-only, with its pictures; Edit (Alt+E) and
History beside it; a lock closes it and forgets what it showed."""

from __future__ import annotations

import random
from datetime import date, time

import pytest
from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QImage, QTextDocument
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from peerdesk.demo import demo_png
from peerdesk.models import Incident, IncidentPerson, Person, Quote
from peerdesk.ui.common.session import VaultSession
from peerdesk.ui.journal.cast import CastScreen
from peerdesk.ui.journal.editor.dialog import IncidentEditor
from peerdesk.ui.journal.history import HistoryDialog
from peerdesk.ui.journal.list_model import COL_TITLE
from peerdesk.ui.journal.patterns import PatternsScreen
from peerdesk.ui.journal.reading import EntryReadDialog
from peerdesk.ui.journal.reading.content import picture_url
from peerdesk.ui.journal.screen import JournalScreen
from peerdesk.ui.shell.main_window import MainWindow

NARRATIVE = "She said my figures were wrong <b>in front of</b> the whole team."


def _entry(session: VaultSession) -> tuple[int, int]:
    repos = session.repos
    person = repos.persons.add(Person(display_name="R. S.", role="Team lead"))
    assert person.id is not None
    saved = repos.incidents.add(
        Incident(
            event_date=date(2026, 3, 4),
            event_time=time(9, 30),
            title="Figures called wrong in the stand-up",
            narrative=NARRATIVE,
            people=[IncidentPerson(person_id=person.id, role_in_incident="spoke")],
            quotes=[Quote(speaker_person_id=person.id, text="Do it again, properly.")],
            severity=4,
        )
    )
    assert saved.id is not None
    picture = repos.attachments.add(
        saved.id, "whiteboard.png", demo_png(random.Random(1)), description="The whiteboard after"
    )
    assert picture.id is not None
    return saved.id, picture.id


def _main_window(qtbot: QtBot, session: VaultSession) -> MainWindow:
    window = MainWindow(session, ["journal"])
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    qtbot.waitExposed(window)
    return window


def _reader(qtbot: QtBot, window: MainWindow) -> EntryReadDialog:
    qtbot.waitUntil(lambda: window.findChild(EntryReadDialog) is not None)
    reader = window.findChild(EntryReadDialog)
    assert isinstance(reader, EntryReadDialog)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is reader)
    return reader


def test_enter_in_the_journal_opens_the_entry_to_read(qtbot: QtBot, session: VaultSession) -> None:
    incident_id, picture_id = _entry(session)
    window = _main_window(qtbot, session)
    window.show_section("journal")
    journal = window.screens["journal"]
    assert isinstance(journal, JournalScreen)
    qtbot.waitUntil(lambda: journal.model.row_of(incident_id) is not None)
    row = journal.model.row_of(incident_id)
    assert row is not None
    journal.table.setFocus()
    journal.table.setCurrentIndex(journal.model.index(row, COL_TITLE))
    qtbot.keyClick(journal.table, Qt.Key.Key_Return)
    reader = _reader(qtbot, window)
    assert window.findChild(IncidentEditor) is None  # reading first, not the editor
    assert reader.windowTitle() == "Journal entry"  # no content in the title
    text = reader.text()
    for expected in (
        "Figures called wrong in the stand-up",
        "4 March 2026, 09:30",
        "R. S. (spoke)",
        NARRATIVE,  # the user's words as typed, never read as markup
        "“Do it again, properly.”",
        "whiteboard.png",
        "The whiteboard after",
        "4 of 5",
    ):
        assert expected in text, expected
    assert "History shows each change" not in text  # saved once
    picture = reader.view.document().resource(
        QTextDocument.ResourceType.ImageResource, QUrl(picture_url(picture_id))
    )
    assert isinstance(picture, QImage) and not picture.isNull()
    assert reader.view.isReadOnly()
    assert reader.view.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByKeyboard
    assert reader.view.hasFocus()

    # History beside it, then Alt+E: the editor opens and the read view closes.
    qtbot.mouseClick(reader.history_button, Qt.MouseButton.LeftButton)
    assert isinstance(reader.history_dialog, HistoryDialog)
    qtbot.waitUntil(reader.history_dialog.isVisible)
    reader.history_dialog.close()
    reader.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is reader)
    qtbot.keyClick(reader.view, Qt.Key.Key_E, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: window.findChild(IncidentEditor) is not None)
    editor = window.findChild(IncidentEditor)
    assert editor is not None and editor.incident_id == incident_id
    qtbot.waitUntil(lambda: window.findChild(EntryReadDialog) is None)
    editor.close()


def test_people_open_an_entry_to_read(qtbot: QtBot, session: VaultSession) -> None:
    incident_id, _picture = _entry(session)
    window = _main_window(qtbot, session)
    window.show_section("people")
    cast = window.screens["people"]
    assert isinstance(cast, CastScreen)
    qtbot.waitUntil(lambda: cast.proxy.rowCount() == 1)
    cast.table.selectRow(0)
    cast.table.setCurrentIndex(cast.proxy.index(0, 0))
    qtbot.waitUntil(lambda: cast.incidents.topLevelItemCount() == 1)
    cast.incidents.setFocus()
    cast.incidents.setCurrentItem(cast.incidents.topLevelItem(0))
    qtbot.keyClick(cast.incidents, Qt.Key.Key_Return)
    reader = _reader(qtbot, window)
    assert reader.incident_id == incident_id


def test_a_lock_closes_the_read_view_and_forgets_it(qtbot: QtBot, session: VaultSession) -> None:
    incident_id, _picture = _entry(session)
    window = _main_window(qtbot, session)
    reader = window.open_entry(incident_id)
    assert isinstance(reader, EntryReadDialog)
    qtbot.waitUntil(reader.isVisible)
    assert "Figures called wrong" in reader.text()
    session.close()
    qtbot.waitUntil(lambda: window.findChild(EntryReadDialog) is None)
    assert not any(
        isinstance(w, EntryReadDialog) and "Figures called wrong" in w.text()
        for w in QApplication.allWidgets()
    )


@pytest.mark.qt_log_ignore("This plugin does not support grabbing")  # a menu, offscreen
def test_the_journal_menu_offers_open_and_edit(qtbot: QtBot, session: VaultSession) -> None:
    incident_id, _picture = _entry(session)
    journal = JournalScreen(session)
    qtbot.addWidget(journal)
    journal.resize(1000, 500)
    journal.on_opened()
    journal.show()
    qtbot.waitExposed(journal)
    qtbot.waitUntil(lambda: journal.model.rowCount() == 1)
    journal.table.setFocus()
    journal.table.setCurrentIndex(journal.model.index(0, COL_TITLE))
    centre = journal.table.visualRect(journal.model.index(0, COL_TITLE)).center()
    seen: list[str] = []

    def choose(text: str) -> None:
        menu = QApplication.activePopupWidget()
        if not isinstance(menu, QMenu):  # not shown yet
            QTimer.singleShot(50, lambda: choose(text))
            return
        seen.extend(a.text() for a in menu.actions())
        action = next(a for a in menu.actions() if a.text() == text)
        menu.close()
        action.trigger()

    for text, signal in (("&Edit", journal.editor_requested), ("&Open", journal.edit_requested)):
        QTimer.singleShot(50, lambda t=text: choose(t))  # type: ignore[misc]
        with qtbot.waitSignal(signal) as chosen:
            # What a right-click or the menu key asks for (QTest sends no context-menu event).
            journal.table.customContextMenuRequested.emit(centre)
        assert chosen.args == [incident_id]
    assert "&Open" in seen and "&Edit" in seen


def test_the_read_view_scrolls_with_the_keyboard(qtbot: QtBot, session: VaultSession) -> None:
    incident_id, _picture = _entry(session)
    repo = session.repos.incidents
    long_story = "\n\n".join(f"Paragraph {n}: what was said and done." for n in range(80))
    entry = repo.get(incident_id)
    entry.narrative = long_story
    repo.update(entry)
    reader = EntryReadDialog(session, incident_id)
    qtbot.addWidget(reader)
    reader.show()
    qtbot.waitExposed(reader)
    reader.activateWindow()
    qtbot.waitUntil(reader.view.hasFocus)
    assert "Changed since first written\nYes: History shows each change" in reader.text()
    bar = reader.view.verticalScrollBar()
    assert bar.maximum() > 0 and bar.value() == 0
    qtbot.keyClick(reader.view, Qt.Key.Key_PageDown)
    qtbot.waitUntil(lambda: bar.value() > 0)
    qtbot.keyClick(reader.view, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bar.value() >= bar.maximum() - bar.pageStep())
    qtbot.keyClick(reader.view, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bar.value() <= bar.pageStep())
    text = "Paragraph 7: what was said"
    assert reader.view.find(text)  # text can be found and selected, not changed
    assert reader.view.textCursor().selectedText() == text
    qtbot.keyClick(reader.view, Qt.Key.Key_X)
    assert text in reader.text()


def test_the_timeline_opens_an_entry_to_read(qtbot: QtBot, session: VaultSession) -> None:
    incident_id, _picture = _entry(session)
    window = _main_window(qtbot, session)
    patterns = window.screens["patterns"]
    assert isinstance(patterns, PatternsScreen)
    with qtbot.waitSignal(patterns.refreshed, timeout=10_000):
        window.show_section("patterns")
    patterns.period_combo.setCurrentIndex(patterns.period_combo.findText("All time"))
    patterns.tabs.setCurrentIndex(1)
    patterns.timeline.setFocus()
    qtbot.waitUntil(patterns.timeline.hasFocus)
    qtbot.keyClick(patterns.timeline, Qt.Key.Key_Home)
    qtbot.keyClick(patterns.timeline, Qt.Key.Key_Return)
    reader = _reader(qtbot, window)
    assert reader.incident_id == incident_id
    assert window.findChild(IncidentEditor) is None


def test_the_read_view_follows_a_save_made_elsewhere(qtbot: QtBot, session: VaultSession) -> None:
    incident_id, _picture = _entry(session)
    reader = EntryReadDialog(session, incident_id)
    qtbot.addWidget(reader)
    reader.show()
    qtbot.waitExposed(reader)
    session.repos.incidents.withdraw(incident_id, "Written twice")
    qtbot.waitUntil(lambda: "Withdrawn as made in error" in reader.text())
    assert "Reason: Written twice" in reader.text()
    session.repos.incidents.delete(incident_id)
    qtbot.waitUntil(lambda: not reader.isVisible())
