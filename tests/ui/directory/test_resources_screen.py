"""The resource directory screen and its item model (checked with qtmodeltester)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from peerdesk.models import Resource, ResourceKind
from peerdesk.ui.common.item_models import ObjectRole
from peerdesk.ui.common.session import VaultSession
from peerdesk.ui.directory.screen import ResourceFilter, ResourcesScreen, ResourceTableModel


def test_model_passes_qtmodeltester(qtmodeltester: ModelTester, session: VaultSession) -> None:
    model = ResourceTableModel(session)
    model.attach(session.repos.resources)
    assert model.rowCount() == session.repos.resources.count()
    qtmodeltester.check(model)


def test_model_follows_changes_row_by_row(
    qtbot: QtBot, qtmodeltester: ModelTester, session: VaultSession
) -> None:
    model = ResourceTableModel(session)
    model.attach(session.repos.resources)
    qtmodeltester.check(model)  # stays attached: every change below is checked as it happens
    before = model.rowCount()
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))
    with qtbot.waitSignal(model.rowsInserted):
        added = session.repos.resources.add(
            Resource(name="Zeta Counselling (test)", kind=ResourceKind.EXTERNAL)
        )
    assert model.rowCount() == before + 1
    assert added.id is not None
    row = model.row_of(added.id)
    assert row is not None and model.item(row).name == "Zeta Counselling (test)"
    added.contact = "0000 000"
    with qtbot.waitSignal(model.dataChanged):
        session.repos.resources.update(added)
    assert model.index(row, 2).data() == "0000 000"
    with qtbot.waitSignal(model.rowsRemoved):
        session.repos.resources.delete(added.id)
    assert model.rowCount() == before
    assert resets == []  # never a full reset for a single change


def test_filter_passes_qtmodeltester_through_kinds_text_and_changes(
    qtbot: QtBot, qtmodeltester: ModelTester, session: VaultSession
) -> None:
    repo = session.repos.resources
    model = ResourceTableModel(session)
    model.attach(repo)
    proxy = ResourceFilter()
    proxy.setSourceModel(model)
    proxy.sort(0, Qt.SortOrder.AscendingOrder)
    qtmodeltester.check(proxy)  # attached before the filter and the rows change
    total = proxy.rowCount()
    assert total == repo.count()

    proxy.set_kind(ResourceKind.EXTERNAL)
    externals = proxy.rowCount()
    assert 0 < externals < total
    with qtbot.waitSignal(proxy.rowsInserted):
        added = repo.add(Resource(name="Zeta Counselling (test)", kind=ResourceKind.EXTERNAL))
    assert proxy.rowCount() == externals + 1
    proxy.set_text("zeta counselling")
    assert [proxy.index(r, 0).data() for r in range(proxy.rowCount())] == [
        "Zeta Counselling (test)"
    ]
    assert added.id is not None
    added.notes = "Evenings only"
    with qtbot.waitSignal(model.dataChanged):
        repo.update(added)
    proxy.set_text("evenings")
    assert proxy.rowCount() == 1
    with qtbot.waitSignal(proxy.rowsRemoved):
        repo.delete(added.id)
    assert proxy.rowCount() == 0
    proxy.set_text("")
    proxy.set_kind(None)
    assert proxy.rowCount() == total
    model.clear()
    assert proxy.rowCount() == 0


def test_screen_filters_and_shows_details(qtbot: QtBot, session: VaultSession) -> None:
    screen = ResourcesScreen(session)
    qtbot.addWidget(screen)
    screen.on_opened()
    screen.show()
    total = screen.proxy.rowCount()
    assert total > 10
    first = screen.proxy.index(0, 0).data(ObjectRole)
    assert first.notes.startswith(("Crisis line:", "Emergency:"))  # crisis lines first
    qtbot.keyClicks(screen.filter_edit, "samaritans")
    assert 0 < screen.proxy.rowCount() < total
    screen.filter_edit.clear()
    screen.kind_combo.setCurrentIndex(screen.kind_combo.findData(ResourceKind.EAP.value))
    kinds = {screen.proxy.index(r, 0).data(ObjectRole).kind for r in range(screen.proxy.rowCount())}
    assert kinds == {ResourceKind.EAP}
    screen.table.setCurrentIndex(screen.proxy.index(0, 0))
    assert "Employee Assistance" in screen.details.text()
    screen.on_closing()
    assert screen.model.rowCount() == 0 and screen.details.text() == ""
    assert screen.table.model().index(0, 0).data(Qt.ItemDataRole.DisplayRole) is None


def test_add_and_edit_entries_from_the_screen(qtbot: QtBot, session: VaultSession) -> None:
    screen = ResourcesScreen(session)
    qtbot.addWidget(screen)
    screen.on_opened()
    screen.show()
    before = screen.model.rowCount()
    qtbot.mouseClick(screen.add_button, Qt.MouseButton.LeftButton)
    editor = screen.findChild(QDialog, "resourceEditor")
    assert editor is not None and editor.isVisible()
    qtbot.keyClicks(editor.name_edit, "Local mediation service")
    qtbot.keyClicks(editor.contact_edit, "01234 567890")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.model.rowCount() == before + 1)
    names = [r.name for r in session.repos.resources.list()]
    assert "Local mediation service" in names
    # Edit a built-in entry by double-clicking it; the change is the user's own from now on.
    row = next(
        r for r in range(screen.proxy.rowCount()) if screen.proxy.index(r, 0).data() == "NHS 111"
    )
    screen.table.setCurrentIndex(screen.proxy.index(row, 0))
    qtbot.mouseClick(screen.edit_button, Qt.MouseButton.LeftButton)
    editor = next(d for d in screen.findChildren(QDialog, "resourceEditor") if d.isVisible())
    editor.notes_edit.selectAll()
    qtbot.keyClicks(editor.notes_edit, "Our team's note")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    stored = next(r for r in session.repos.resources.list() if r.name == "NHS 111")
    assert stored.notes == "Our team's note"
    assert stored.id is not None and session.repos.resources.is_user_edited(stored.id)
