"""Cast list: people with role, relationship, power and incident counts; add, edit, delete;
the incidents involving the selected person."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from peerdesk.models import Incident, IncidentPerson, Person, Relationship
from peerdesk.ui.common.messages import Messages
from peerdesk.ui.common.session import VaultSession
from peerdesk.ui.journal.cast import (
    COL_INCIDENTS,
    COL_POWER,
    COL_RELATIONSHIP,
    CastScreen,
    PersonTableModel,
)


@pytest.fixture
def people(session: VaultSession) -> dict[str, int]:
    persons = session.repos.persons
    boss = persons.add(
        Person(
            display_name="R. Stone",
            role="Team lead",
            relationship=Relationship.MANAGER,
            holds_power=True,
        )
    )
    peer = persons.add(Person(display_name="J. Kaur", relationship=Relationship.PEER))
    assert boss.id is not None and peer.id is not None
    ids = {"boss": boss.id, "peer": peer.id}
    for n, day in enumerate((date(2026, 3, 1), date(2026, 2, 1))):
        saved = session.repos.incidents.add(
            Incident(
                event_date=day, title=f"Incident {n}", people=[IncidentPerson(person_id=boss.id)]
            )
        )
        assert saved.id is not None
        ids[f"i{n}"] = saved.id
    return ids


@pytest.fixture
def screen(qtbot: QtBot, session: VaultSession, people: dict[str, int]) -> CastScreen:
    widget = CastScreen(session)
    qtbot.addWidget(widget)
    widget.resize(900, 600)
    widget.on_opened()
    widget.show()
    return widget


def row_texts(screen: CastScreen, name: str) -> list[str]:
    for row in range(screen.proxy.rowCount()):
        if screen.proxy.index(row, 0).data() == name:
            return [screen.proxy.index(row, c).data() for c in range(5)]
    raise AssertionError(name)


def test_model_passes_qtmodeltester(
    qtmodeltester: ModelTester,
    session: VaultSession,
    people: dict[str, int],
) -> None:
    model = PersonTableModel(session)
    model.attach_all()
    qtmodeltester.check(model)


def change_people(session: VaultSession, screen: CastScreen, people: dict[str, int]) -> None:
    """Add, change and delete a person, give one a new incident, then lock."""
    persons = session.repos.persons
    added = persons.add(Person(display_name="A. New", relationship=Relationship.PEER))
    assert added.id is not None
    assert any(r[0] == "A. New" for r in all_rows(screen))
    added.role = "Finance"
    persons.update(added)
    assert row_texts(screen, "A. New")[1] == "Finance"
    session.repos.incidents.add(
        Incident(
            event_date=date(2026, 4, 1),
            title="Third",
            people=[IncidentPerson(person_id=people["peer"])],
        )
    )
    assert row_texts(screen, "J. Kaur")[COL_INCIDENTS] == "1"
    persons.delete(added.id)
    assert all(r[0] != "A. New" for r in all_rows(screen))
    screen.on_closing()
    assert screen.proxy.rowCount() == 0


def test_model_stays_valid_through_row_by_row_changes(
    qtmodeltester: ModelTester, session: VaultSession, screen: CastScreen, people: dict[str, int]
) -> None:
    """The model tester watches the people model from the start (one tester per test: the
    fixture keeps only the last one alive)."""
    qtmodeltester.check(screen.model)
    change_people(session, screen, people)


def test_sort_proxy_stays_valid_through_row_by_row_changes(
    qtmodeltester: ModelTester, session: VaultSession, screen: CastScreen, people: dict[str, int]
) -> None:
    qtmodeltester.check(screen.proxy)
    change_people(session, screen, people)


def all_rows(screen: CastScreen) -> list[list[str]]:
    return [
        [screen.proxy.index(row, c).data() for c in range(5)]
        for row in range(screen.proxy.rowCount())
    ]


def test_people_with_role_relationship_power_and_counts(screen: CastScreen) -> None:
    assert row_texts(screen, "R. Stone") == ["R. Stone", "Team lead", "Manager", "Yes", "2"]
    assert row_texts(screen, "J. Kaur")[COL_RELATIONSHIP:] == ["Peer", "No", "0"]
    assert screen.proxy.headerData(COL_POWER, Qt.Orientation.Horizontal) == "Holds power over me"


def test_incidents_of_selected_person_open_on_activation(
    qtbot: QtBot, screen: CastScreen, people: dict[str, int]
) -> None:
    assert screen.select_person(people["boss"])
    assert screen.incidents.topLevelItemCount() == 2
    first = screen.incidents.topLevelItem(0)
    assert first.text(1) == "1 Feb 2026" and first.text(2) == "Incident 1"  # oldest first
    with qtbot.waitSignal(screen.edit_requested) as blocker:
        screen.incidents.itemActivated.emit(first, 0)
    assert blocker.args == [people["i1"]]
    # a new incident for the person updates the count and the list
    screen.select_person(people["boss"])
    session = screen._session
    session.repos.incidents.add(
        Incident(
            event_date=date(2026, 4, 1),
            title="Third",
            people=[IncidentPerson(person_id=people["boss"])],
        )
    )
    assert row_texts(screen, "R. Stone")[COL_INCIDENTS] == "3"
    assert screen.incidents.topLevelItemCount() == 3


def test_add_and_edit_through_the_dialog(qtbot: QtBot, screen: CastScreen) -> None:
    qtbot.mouseClick(screen.add_button, Qt.MouseButton.LeftButton)
    dialog = screen.dialog
    assert dialog is not None and dialog.isVisible()
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)  # empty name: refused, explained
    assert dialog.isVisible() and not dialog.error_label.isHidden()
    qtbot.keyClicks(dialog.name_edit, "A. Okafor")
    qtbot.keyClicks(dialog.role_edit, "Regional director")
    dialog.relationship_combo.setCurrentIndex(
        dialog.relationship_combo.findData(Relationship.SENIOR_MANAGER.value)
    )
    dialog.power_check.setChecked(True)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.dialog is None)
    assert row_texts(screen, "A. Okafor") == [
        "A. Okafor",
        "Regional director",
        "Senior manager",
        "Yes",
        "0",
    ]
    selected = screen.selected_person()
    assert selected is not None and selected.display_name == "A. Okafor"

    qtbot.mouseClick(screen.edit_button, Qt.MouseButton.LeftButton)
    dialog = screen.dialog
    assert dialog is not None and dialog.name_edit.text() == "A. Okafor"
    dialog.name_edit.clear()
    qtbot.keyClicks(dialog.name_edit, "A. O.")
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    qtbot.waitUntil(lambda: screen.dialog is None)
    assert row_texts(screen, "A. O.")[1] == "Regional director"


def test_delete_person_in_use_is_explained(
    qtbot: QtBot,
    screen: CastScreen,
    people: dict[str, int],
) -> None:
    screen.select_person(people["boss"])
    Messages.set_next_answer(QMessageBox.StandardButton.Ok)
    qtbot.mouseClick(screen.delete_button, Qt.MouseButton.LeftButton)
    assert [m.kind for m in Messages.shown] == ["warning"]
    assert "appears in incidents" in Messages.shown[0].text
    assert screen.proxy.rowCount() == 2


def test_delete_unused_person_after_confirming(
    qtbot: QtBot,
    screen: CastScreen,
    people: dict[str, int],
) -> None:
    screen.select_person(people["peer"])
    Messages.set_next_answer(QMessageBox.StandardButton.Cancel)
    qtbot.mouseClick(screen.delete_button, Qt.MouseButton.LeftButton)
    assert screen.proxy.rowCount() == 2
    Messages.set_next_answer(QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(screen.delete_button, Qt.MouseButton.LeftButton)
    assert screen.proxy.rowCount() == 1


def test_closing_empties(screen: CastScreen, people: dict[str, int]) -> None:
    screen.select_person(people["boss"])
    screen.on_closing()
    assert screen.proxy.rowCount() == 0 and screen.incidents.topLevelItemCount() == 0
