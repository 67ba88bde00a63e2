"""The journal speaks the language in force: every text a person sees (window titles, buttons,
labels, accessible names, list headers, chart titles, status lines) goes through the catalogue
when the widget is built, not at import, with its placeholders filled; plurals by ngettext; under
a right-to-left layout the Patterns charts and the timeline mirror their time axis, and dates in
sentences are kept in order by Unicode isolates."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QDialogButtonBox, QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

import peerdesk.i18n
from peerdesk.models import Incident, IncidentPerson, Person
from peerdesk.models.enums import Channel, IncidentCategory, Relationship, ReportRecipient
from peerdesk.ui.common.session import VaultSession
from peerdesk.ui.journal.bidi import FSI, PDI, isolate, strip_isolates
from peerdesk.ui.journal.cast import CastScreen, PersonDialog
from peerdesk.ui.journal.charts import PatternChart
from peerdesk.ui.journal.editor.dialog import IncidentEditor
from peerdesk.ui.journal.history import HistoryDialog, WithdrawDialog
from peerdesk.ui.journal.list_model import COL_EVENT, COLUMNS
from peerdesk.ui.journal.orphan_evidence import OrphanEvidence
from peerdesk.ui.journal.patterns import PatternsScreen
from peerdesk.ui.journal.reading.content import entry_html
from peerdesk.ui.journal.reading.dialog import EntryReadDialog
from peerdesk.ui.journal.screen import JournalScreen
from peerdesk.ui.journal.timeline import TimelineItem, TimelineView
from tests.helpers.pseudo import holds_pseudo


def model_labels() -> set[str]:
    """The English labels of the models' fixed sets (categories, channels...): the models'
    wording, translated by ``peerdesk.models`` (not this area), so not asserted here."""
    with peerdesk.i18n.language("en"):
        return {
            member.label
            for kind in (Channel, Relationship, IncidentCategory, ReportRecipient)
            for member in kind
        }


#: Sentences the journal shows that ``peerdesk.models`` writes (wrapped there, not here).
FROM_MODELS = frozenset({"Choose two different revisions to see what changed."})


def filled(text: str) -> bool:
    return "{" not in text and "}" not in text


def visible_texts(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) of every non-empty button and label text and accessible name under
    ``root`` (user text, not numbers or names typed by the test)."""
    found: list[tuple[str, str]] = []
    for widget in [root, *root.findChildren(QWidget)]:
        kind = type(widget).__name__
        box = widget.parent()
        if (
            isinstance(widget, QPushButton)
            and isinstance(box, QDialogButtonBox)
            and box.standardButton(widget) != QDialogButtonBox.StandardButton.NoButton
        ):
            continue  # Qt's own words, from Qt's catalogue (qtbase_*.qm)
        if isinstance(widget, QAbstractButton) and widget.text().strip():
            found.append((f"{kind} text", widget.text()))
        if isinstance(widget, QLabel) and any(c.isalpha() for c in widget.text()):
            found.append((f"{kind} label", widget.text()))
        if widget.accessibleName():
            found.append((f"{kind} accessible name", widget.accessibleName()))
    return found


def _person_and_entry(session: VaultSession) -> int:
    repos = session.repos
    person = repos.persons.add(Person(display_name="R. S.", role="Team lead"))
    assert person.id is not None
    saved = repos.incidents.add(
        Incident(
            event_date=date(2026, 3, 4),
            event_time=time(9, 30),
            title="Figures called wrong",
            narrative="She said my figures were wrong.",
            people=[IncidentPerson(person_id=person.id, role_in_incident="spoke")],
            severity=4,
        )
    )
    assert saved.id is not None
    return saved.id


# -- wrapped, and translated when built ------------------------------------------------------------


def test_the_journal_screen_is_translated_when_built(
    qtbot: QtBot, session: VaultSession, pseudo: None
) -> None:
    _person_and_entry(session)
    screen = JournalScreen(session)
    qtbot.addWidget(screen)
    screen.on_opened()
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1)
    texts = visible_texts(screen)
    assert texts
    plain = [(where, text) for where, text in texts if not holds_pseudo(text)]
    assert plain == [], f"not wrapped: {plain}"
    assert all(filled(text) for _where, text in texts)
    headers = [
        screen.model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        for c in range(len(COLUMNS))
    ]
    assert all(holds_pseudo(str(h)) for h in headers), headers
    assert holds_pseudo(screen.count_label.text()) and "1" in screen.count_label.text()


def test_the_editor_is_translated_when_built(
    qtbot: QtBot, session: VaultSession, pseudo: None
) -> None:
    incident_id = _person_and_entry(session)
    editor = IncidentEditor(session, incident_id)
    qtbot.addWidget(editor)
    assert holds_pseudo(editor.windowTitle())
    sections = [editor.section_list.item(i).text() for i in range(editor.section_list.count())]
    assert sections and all(holds_pseudo(s) for s in sections), sections
    texts = visible_texts(editor)
    # Names typed by the user (a person's name) and numbers stay as they are.
    plain = [
        (where, text)
        for where, text in texts
        if not holds_pseudo(text)
        and "R. S." not in text
        and any(c.isalpha() for c in text)
        and text not in model_labels()
    ]
    assert plain == [], f"not wrapped: {plain}"
    assert all(filled(text) for _where, text in texts)
    assert holds_pseudo(editor.record_label.text()) and "Entry no" not in editor.record_label.text()
    editor.close()


def test_patterns_and_the_timeline_are_translated(
    qtbot: QtBot, session: VaultSession, pseudo: None
) -> None:
    _person_and_entry(session)
    screen = PatternsScreen(session, today=lambda: date(2026, 4, 1))
    qtbot.addWidget(screen)
    with qtbot.waitSignal(screen.refreshed, timeout=20_000):
        screen.on_opened()
    for chart in (screen.month_chart, screen.person_chart, screen.severity_chart):
        assert holds_pseudo(chart.title)
    assert all(holds_pseudo(screen.period_combo.itemText(i)) for i in range(4))
    status = screen.status_label.text()
    assert holds_pseudo(status) and filled(status) and "1" in status
    assert all(holds_pseudo(label) for label in screen.severity_chart.labels)
    assert holds_pseudo(screen.timeline.accessibleName())
    assert holds_pseudo(screen.timeline.accessibleDescription())
    assert filled(screen.timeline.accessibleDescription())


def test_the_read_view_is_translated(session: VaultSession, pseudo: None) -> None:
    incident_id = _person_and_entry(session)
    incident = session.repos.incidents.get(incident_id)
    html = entry_html(incident, {}, [])
    assert "[Éñţŕý Ñö. 1" in html  # "Entry No. 1: ..." in the pseudo-language
    assert "When" not in html and "Recorded" not in html
    assert filled(html)


# -- plurals in English --------------------------------------------------------------------------


def test_counts_use_the_plural_forms(qtbot: QtBot, session: VaultSession) -> None:
    _person_and_entry(session)
    screen = JournalScreen(session)
    qtbot.addWidget(screen)
    screen.on_opened()
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1)
    assert screen.count_label.text() == "1 entry"
    _person_and_entry(session)
    qtbot.waitUntil(lambda: screen.count_label.text() == "2 entries")

    timeline = TimelineView()
    qtbot.addWidget(timeline)
    timeline.set_data([TimelineItem(1, date(2026, 3, 4), 3, "One")], [date(2026, 3, 5)])
    assert timeline.accessibleDescription().startswith(
        "1 incident, 1 report date, 0 complaint dates."
    )


# -- right to left -------------------------------------------------------------------------------


def test_the_month_chart_runs_right_to_left_under_a_right_to_left_layout(qtbot: QtBot) -> None:
    chart = PatternChart("Incidents per month", horizontal=False)
    qtbot.addWidget(chart)
    chart.resize(600, chart.height())
    chart.set_data(["Jan\n2026", "Feb\n2026", "Mar\n2026"], [3, 1, 2])
    assert chart.column_rect(0).x() < chart.column_rect(2).x()
    chart.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    first, last = chart.column_rect(0), chart.column_rect(2)
    assert first.x() > last.x()
    # The first month's bar is painted where column_rect says: at the right.
    image = chart.grab().toImage()
    bar = chart.bar_colour()
    y = chart.height() - chart.fontMetrics().height() * 2 - 16 - 5
    painted = QColor(image.pixel(int(first.center().x()), y))
    assert painted.rgb() == bar.rgb()
    gap = QColor(image.pixel(int(first.x() - 2), y))
    assert gap.rgb() != bar.rgb()


def test_a_row_chart_puts_its_bars_left_of_the_labels_under_right_to_left(qtbot: QtBot) -> None:
    chart = PatternChart("Incidents by person")
    qtbot.addWidget(chart)
    chart.resize(600, chart.height())
    chart.set_data(["R. S."], [5])
    chart.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    image = chart.grab().toImage()
    bar = chart.bar_colour()
    row_y = chart._title_height() + chart._row_height() // 2
    assert QColor(image.pixel(chart.width() // 4, row_y)).rgb() == bar.rgb()
    assert QColor(image.pixel(chart.width() - 5, row_y)).rgb() != bar.rgb()


def test_the_timeline_runs_right_to_left_under_a_right_to_left_layout(qtbot: QtBot) -> None:
    timeline = TimelineView()
    qtbot.addWidget(timeline)
    timeline.resize(800, 300)
    items = [
        TimelineItem(1, date(2026, 1, 5), 3, "First"),
        TimelineItem(2, date(2026, 3, 5), 3, "Last"),
    ]
    timeline.set_data(items)
    left_to_right = timeline.point_for(1), timeline.point_for(2)
    assert left_to_right[0] is not None and left_to_right[1] is not None
    assert left_to_right[0].x() < left_to_right[1].x()
    timeline.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    first, last = timeline.point_for(1), timeline.point_for(2)
    assert first is not None and last is not None
    assert first.x() > last.x()
    assert timeline.incident_at(first) == 1
    # Left goes later in time, as the axis does.
    timeline.choose(0)
    QTest.keyClick(timeline, Qt.Key.Key_Left)
    assert timeline.current == 1


def test_dates_in_sentences_are_isolated_only_right_to_left(session: VaultSession) -> None:
    assert isolate("14:05") == "14:05"  # English: exactly as before
    with peerdesk.i18n.language("ar"):
        assert isolate("14:05") == f"{FSI}14:05{PDI}"
        assert isolate(isolate("3 Mar")) == f"{FSI}3 Mar{PDI}"
        assert isolate("") == ""
        incident_id = _person_and_entry(session)
        incident = session.repos.incidents.get(incident_id)
        html = entry_html(incident, {}, [])
    assert FSI in html and PDI in html
    assert strip_isolates(isolate("x", force=True)) == "x"


def test_an_approximate_date_cell_keeps_its_date_whole_right_to_left(
    session: VaultSession,
) -> None:
    from peerdesk.ui.journal.list_model import event_text

    incident_id = _person_and_entry(session)
    summary = session.repos.incidents.summary(incident_id)
    approximate = replace(summary, approximate=True)
    assert event_text(approximate) == "~ 4 Mar 2026 09:30"
    with peerdesk.i18n.language("ar"):
        assert FSI in event_text(approximate)
    assert COL_EVENT >= 0


def test_the_other_journal_windows_are_translated_when_built(
    qtbot: QtBot, session: VaultSession, pseudo: None
) -> None:
    incident_id = _person_and_entry(session)
    person = session.repos.persons.list()[0]
    cast = CastScreen(session)
    qtbot.addWidget(cast)
    cast.on_opened()
    windows: list[QWidget] = [
        cast,
        PersonDialog(session, person),
        HistoryDialog(session, incident_id),
        WithdrawDialog(session, 1, lambda _reason: None),
        EntryReadDialog(session, incident_id),
        OrphanEvidence(session, lambda: incident_id),
    ]
    for window in windows:
        qtbot.addWidget(window)
        texts = visible_texts(window)
        plain = [
            (type(window).__name__, where, text)
            for where, text in texts
            if not holds_pseudo(text)
            and "R. S." not in text
            and any(c.isalpha() for c in text)
            and text not in model_labels()
            and text not in FROM_MODELS
        ]
        assert plain == [], f"not wrapped: {plain}"
        assert all(filled(text) for _where, text in texts)
        if window.isWindow() and window.windowTitle():
            assert holds_pseudo(window.windowTitle())
