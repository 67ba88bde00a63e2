"""Journal list: filters and search driven by the widgets, sorting, the lazy model, changes
row by row, and the history check."""

from __future__ import annotations

from datetime import date, time

import pytest
from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from peerdesk.models import (
    Incident,
    IncidentCategory,
    IncidentPerson,
    Person,
    Relationship,
    ReportMade,
    ReportRecipient,
)
from peerdesk.storage.incidents import IncidentFilter, IncidentSort
from peerdesk.ui.common.item_models import IdRole
from peerdesk.ui.common.session import VaultSession
from peerdesk.ui.journal import list_model as journal
from peerdesk.ui.journal.list_model import (
    COL_EVENT,
    COL_PEOPLE,
    COL_SEVERITY,
    COL_TITLE,
    IncidentListModel,
)
from peerdesk.ui.journal.screen import JournalScreen


@pytest.fixture
def data(session: VaultSession) -> dict[str, int]:
    persons = session.repos.persons
    boss = persons.add(
        Person(display_name="R. Stone", relationship=Relationship.MANAGER, holds_power=True)
    )
    peer = persons.add(Person(display_name="J. Kaur", relationship=Relationship.PEER))
    assert boss.id is not None and peer.id is not None
    repo = session.repos.incidents

    def add(
        title: str,
        day: date,
        person: int,
        category: IncidentCategory,
        severity: int,
        reported: bool,
        tags: list[str],
        narrative: str,
    ) -> int:
        saved = repo.add(
            Incident(
                event_date=day,
                event_time=time(10, 0),
                title=title,
                narrative=narrative,
                people=[IncidentPerson(person_id=person)],
                categories={category},
                severity=severity,
                tags=tags,
                reports=[ReportMade(recipient=ReportRecipient.HR, reported_on=day)]
                if reported
                else [],
            )
        )
        assert saved.id is not None
        return saved.id

    return {
        "boss": boss.id,
        "peer": peer.id,
        "a": add(
            "Shouted at in stand-up",
            date(2026, 3, 4),
            boss.id,
            IncidentCategory.SHOUTING_INTIMIDATION,
            4,
            True,
            ["meetings"],
            "He shouted about the quarterly figures",
        ),
        "b": add(
            "Left off the invite",
            date(2026, 4, 10),
            peer.id,
            IncidentCategory.EXCLUSION_ISOLATION,
            2,
            False,
            ["lunch"],
            "Not invited to the café lunch again",
        ),
        "c": add(
            "Extra deadlines at 6pm",
            date(2026, 5, 20),
            boss.id,
            IncidentCategory.UNREASONABLE_WORKLOAD,
            3,
            False,
            [],
            "Three deadlines for tonight",
        ),
    }


def shown_ids(screen: JournalScreen) -> set[int]:
    return set(screen.model.ids())


@pytest.fixture
def screen(qtbot: QtBot, session: VaultSession, data: dict[str, int]) -> JournalScreen:
    widget = JournalScreen(session)
    qtbot.addWidget(widget)
    widget.resize(1100, 600)
    widget.on_opened()
    widget.show()
    return widget


def test_lists_everything_newest_first(screen: JournalScreen, data: dict[str, int]) -> None:
    assert screen.model.ids() == [data["c"], data["b"], data["a"]]
    assert screen.count_label.text() == "3 entries"
    row = screen.model.row_of(data["a"])
    assert row is not None
    assert screen.model.index(row, COL_PEOPLE).data() == "R. Stone"
    assert screen.model.index(row, COL_EVENT).data() == "4 Mar 2026 10:00"
    assert screen.model.index(row, 4).data() == "Shouting or intimidation"


def test_each_filter(screen: JournalScreen, data: dict[str, int]) -> None:
    screen.date_from.setDate(QDate(2026, 4, 1))
    assert shown_ids(screen) == {data["b"], data["c"]}
    assert screen.count_label.text() == "2 of 3 entries"
    screen.date_to.setDate(QDate(2026, 4, 30))
    assert shown_ids(screen) == {data["b"]}
    screen.clear_filters()
    assert len(shown_ids(screen)) == 3

    screen.person_combo.setCurrentIndex(screen.person_combo.findData(data["boss"]))
    assert shown_ids(screen) == {data["a"], data["c"]}
    screen.clear_filters()

    combo = screen.category_combo
    combo.setCurrentIndex(combo.findData(IncidentCategory.EXCLUSION_ISOLATION.value))
    assert shown_ids(screen) == {data["b"]}
    screen.clear_filters()

    screen.severity_min.setValue(3)
    assert shown_ids(screen) == {data["a"], data["c"]}
    screen.severity_max.setValue(3)
    assert shown_ids(screen) == {data["c"]}
    screen.clear_filters()

    screen.reported_combo.setCurrentIndex(screen.reported_combo.findText("Reported"))
    assert shown_ids(screen) == {data["a"]}
    screen.reported_combo.setCurrentIndex(screen.reported_combo.findText("Not reported"))
    assert shown_ids(screen) == {data["b"], data["c"]}
    screen.clear_filters()

    screen.tag_combo.setCurrentIndex(screen.tag_combo.findData("lunch"))
    assert shown_ids(screen) == {data["b"]}
    screen.clear_filters()
    assert screen.count_label.text() == "3 entries"


def test_search_box_uses_full_text_search(
    qtbot: QtBot,
    screen: JournalScreen,
    data: dict[str, int],
) -> None:
    qtbot.keyClicks(screen.search_edit, "cafe")  # accents ignored, narrative searched
    qtbot.waitUntil(lambda: shown_ids(screen) == {data["b"]})
    screen.search_edit.clear()
    qtbot.waitUntil(lambda: len(shown_ids(screen)) == 3)
    qtbot.keyClicks(screen.search_edit, "quarter")  # prefix
    qtbot.waitUntil(lambda: shown_ids(screen) == {data["a"]})
    qtbot.keyClicks(screen.search_edit, "ly nothing-like-this")
    qtbot.waitUntil(lambda: shown_ids(screen) == set())
    assert screen.count_label.text() == "0 of 3 entries"


def test_enter_in_the_search_box_searches_at_once(
    qtbot: QtBot,
    screen: JournalScreen,
    data: dict[str, int],
) -> None:
    qtbot.keyClicks(screen.search_edit, "quarter")
    assert screen.filters.search_timer.isActive()  # typing waits for a pause...
    qtbot.keyClick(screen.search_edit, Qt.Key.Key_Return)
    assert not screen.filters.search_timer.isActive()  # ...Enter does not
    assert shown_ids(screen) == {data["a"]}


def test_sorting_by_header_click(qtbot: QtBot, screen: JournalScreen, data: dict[str, int]) -> None:
    header = screen.table.horizontalHeader()

    def click(column: int) -> None:
        x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))

    click(COL_SEVERITY)
    first = screen.model.sort_order
    assert first[0] is IncidentSort.SEVERITY
    by_severity = screen.model.ids()
    assert by_severity in ([data["b"], data["c"], data["a"]], [data["a"], data["c"], data["b"]])
    click(COL_SEVERITY)
    assert screen.model.ids() == list(reversed(by_severity))
    click(COL_TITLE)
    titles = [screen.model.index(r, COL_TITLE).data() for r in range(3)]
    assert titles in (sorted(titles, key=str.lower), sorted(titles, key=str.lower, reverse=True))
    assert screen.model.sort_order[0] is IncidentSort.TITLE
    click(COL_PEOPLE)  # cannot be sorted: the order stays
    assert screen.model.sort_order[0] is IncidentSort.TITLE
    assert header.sortIndicatorSection() == COL_TITLE


def test_model_passes_qtmodeltester(
    qtmodeltester: ModelTester,
    session: VaultSession,
    data: dict[str, int],
) -> None:
    model = IncidentListModel(session)
    model.attach()
    assert model.rowCount() == 3
    qtmodeltester.check(model)
    model.sort(COL_SEVERITY, Qt.SortOrder.AscendingOrder)
    qtmodeltester.check(model)


def test_model_stays_valid_through_row_by_row_changes(
    qtbot: QtBot, qtmodeltester: ModelTester, session: VaultSession, data: dict[str, int]
) -> None:
    """The model tester is attached first (as qutebrowser's model_validator does) and checks
    every change after it: an update, an insert, a move, a person renamed, a removal, a new
    filter, a new order and the clearing on lock."""
    model = IncidentListModel(session)
    model.attach()
    qtmodeltester.check(model)
    repo = session.repos.incidents
    incident = repo.get(data["b"])
    incident.title = "Left off the invite (again)"
    with qtbot.waitSignal(model.dataChanged):
        repo.update(incident)
    with qtbot.waitSignal(model.rowsInserted):
        added = repo.add(Incident(event_date=date(2026, 4, 15), title="New one", severity=1))
    assert added.id is not None
    moved = repo.get(data["a"])
    moved.event_date = date(2026, 6, 1)
    with qtbot.waitSignal(model.rowsMoved):
        repo.update(moved)
    assert model.ids() == [data["a"], data["c"], added.id, data["b"]]
    peer = session.repos.persons.get(data["peer"])
    peer.display_name = "J. K."
    with qtbot.waitSignal(model.dataChanged):
        session.repos.persons.update(peer)
    assert model.index(model.row_of(data["b"]) or 0, COL_PEOPLE).data() == "J. K."
    with qtbot.waitSignal(model.rowsRemoved):
        repo.delete(data["c"])
    model.set_filter(IncidentFilter(severity_min=2))
    assert set(model.ids()) == {data["a"], data["b"]}
    model.sort(COL_SEVERITY, Qt.SortOrder.AscendingOrder)
    assert model.ids() == [data["b"], data["a"]]
    model.clear()
    assert model.rowCount() == 0


def test_model_is_lazy(
    session: VaultSession, data: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(journal, "PAGE_SIZE", 1)
    model = IncidentListModel(session)
    model.attach()
    assert model.rowCount() == 3 and model.fetches == 0
    assert not model.is_loaded(2)
    model.index(0, COL_TITLE).data()
    assert model.fetches == 1 and model.is_loaded(0) and not model.is_loaded(2)
    model.index(0, COL_EVENT).data()
    assert model.fetches == 1  # cached


def test_change_updates_only_its_row(
    qtbot: QtBot,
    screen: JournalScreen,
    session: VaultSession,
    data: dict[str, int],
) -> None:
    model = screen.model
    resets: list[int] = []
    changed: list[tuple[int, int]] = []
    model.modelReset.connect(lambda: resets.append(1))
    model.dataChanged.connect(lambda tl, br, _roles=(): changed.append((tl.row(), br.row())))
    incident = session.repos.incidents.get(data["b"])
    incident.title = "Left off the invite (again)"
    with qtbot.waitSignal(model.dataChanged):
        session.repos.incidents.update(incident)
    row = model.row_of(data["b"])
    assert row is not None
    assert changed == [(row, row)]
    assert model.index(row, COL_TITLE).data() == "Left off the invite (again)"

    with qtbot.waitSignal(model.rowsInserted):
        added = session.repos.incidents.add(
            Incident(
                event_date=date(2026, 4, 15),
                title="New one",
                severity=1,
                people=[IncidentPerson(person_id=data["peer"])],
            )
        )
    assert added.id is not None
    assert model.ids() == [data["c"], added.id, data["b"], data["a"]]  # in date order
    assert screen.count_label.text() == "4 entries"

    with qtbot.waitSignal(model.rowsRemoved):
        session.repos.incidents.delete(data["c"])
    assert model.ids() == [added.id, data["b"], data["a"]]
    assert resets == []


def test_change_outside_filter_removes_row(
    qtbot: QtBot,
    screen: JournalScreen,
    session: VaultSession,
    data: dict[str, int],
) -> None:
    screen.severity_min.setValue(3)
    assert shown_ids(screen) == {data["a"], data["c"]}
    incident = session.repos.incidents.get(data["c"])
    incident.severity = 1
    with qtbot.waitSignal(screen.model.rowsRemoved):
        session.repos.incidents.update(incident)
    assert shown_ids(screen) == {data["a"]}
    assert screen.count_label.text() == "1 of 3 entries"


def test_open_and_new_signals(qtbot: QtBot, screen: JournalScreen, data: dict[str, int]) -> None:
    with qtbot.waitSignal(screen.edit_requested) as blocker:
        index = screen.model.index(screen.model.row_of(data["b"]) or 0, COL_TITLE)
        screen.table.setCurrentIndex(index)
        screen.table.setFocus()
        qtbot.keyClick(screen.table, Qt.Key.Key_Return)
    assert blocker.args == [data["b"]]
    with qtbot.waitSignal(screen.edit_requested) as blocker:
        row = screen.model.row_of(data["a"]) or 0
        rect = screen.table.visualRect(screen.model.index(row, COL_TITLE))
        qtbot.mouseClick(screen.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(screen.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == [data["a"]]
    with qtbot.waitSignal(screen.new_requested):
        qtbot.mouseClick(screen.new_button, Qt.MouseButton.LeftButton)
    screen.activateWindow()
    screen.table.setFocus()
    QApplication.processEvents()
    with qtbot.waitSignal(screen.new_requested):
        screen.new_action.trigger()
    assert screen.new_action.shortcut().toString() == "Ctrl+N"


def test_verify_history_intact(qtbot: QtBot, screen: JournalScreen) -> None:
    with qtbot.waitSignal(screen.history_checked, timeout=10_000):
        qtbot.mouseClick(screen.verify_button, Qt.MouseButton.LeftButton)
    dialog = screen.history_dialog
    assert dialog is not None and dialog.windowTitle() == "History verified"
    assert "3 entries verified" in dialog.summary.text()


def test_verify_history_names_tampered_entry(
    qtbot: QtBot,
    screen: JournalScreen,
    session: VaultSession,
    data: dict[str, int],
) -> None:
    incident = session.repos.incidents.get(data["b"])
    incident.narrative = "changed once"
    session.repos.incidents.update(incident)
    incident.narrative = "changed twice"
    session.repos.incidents.update(incident)
    number = incident.record_number
    with session.repos.vault.transaction() as tx:
        tx.execute("DROP TRIGGER incident_revisions_append_only")
        tx.execute(
            "UPDATE incident_revisions SET payload = replace(payload, 'changed once', "
            "'never said') WHERE incident_id = ? AND number = 2",
            (data["b"],),
        )
    with qtbot.waitSignal(screen.history_checked, timeout=10_000):
        qtbot.mouseClick(screen.verify_button, Qt.MouseButton.LeftButton)
    dialog = screen.history_dialog
    assert dialog is not None and dialog.windowTitle() == "History check failed"
    assert f"entry No. {number}" in dialog.summary.text()
    assert [f"{number}", "3", "no", "(does", "not", "verify)"] in [
        line.split() for line in dialog.text().splitlines()
    ]
    assert screen.last_history_report is not None
    assert [p.incident_id for p in screen.last_history_report.problems] == [data["b"]]


def test_closing_empties_everything(screen: JournalScreen) -> None:
    screen.search_edit.setText("figures")
    screen.on_closing()
    assert screen.model.rowCount() == 0
    assert screen.person_combo.count() == 1 and screen.tag_combo.count() == 1
    assert screen.search_edit.text() == "" and screen.count_label.text() == ""
    assert screen.model.index(0, 0).data(IdRole) is None


def test_changed_date_moves_the_row_without_reset(
    qtbot: QtBot,
    screen: JournalScreen,
    session: VaultSession,
    data: dict[str, int],
) -> None:
    model = screen.model
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))
    repo = session.repos.incidents
    for incident_id, day in (
        (data["a"], date(2026, 6, 1)),
        (data["a"], date(2026, 4, 1)),
        (data["c"], date(2026, 1, 1)),
    ):
        incident = repo.get(incident_id)
        incident.event_date = day
        with qtbot.waitSignal(model.dataChanged):
            repo.update(incident)
        assert model.ids() == repo.ids()  # same order as a fresh query
    model.sort(COL_SEVERITY, Qt.SortOrder.AscendingOrder)
    incident = repo.get(data["b"])
    incident.severity = 5
    with qtbot.waitSignal(model.dataChanged):
        repo.update(incident)
    assert model.ids() == repo.ids(sort=IncidentSort.SEVERITY, descending=False)
    assert resets == []


def test_renamed_person_shows_in_people_column(
    qtbot: QtBot,
    screen: JournalScreen,
    session: VaultSession,
    data: dict[str, int],
) -> None:
    person = session.repos.persons.get(data["boss"])
    person.display_name = "R. S."
    with qtbot.waitSignal(screen.model.dataChanged):
        session.repos.persons.update(person)
    row = screen.model.row_of(data["a"])
    assert row is not None and screen.model.index(row, COL_PEOPLE).data() == "R. S."
    assert screen.person_combo.findText("R. S.") > 0
