"""The resource directory screen and its item model (checked with qtmodeltester)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from peerdesk.models import Resource, ResourceKind
from peerdesk.ui.item_models import ObjectRole
from peerdesk.ui.screens.resources import ResourcesScreen, ResourceTableModel
from peerdesk.ui.session import VaultSession


def test_model_passes_qtmodeltester(qtmodeltester, session: VaultSession) -> None:  # type: ignore[no-untyped-def]
    model = ResourceTableModel(session)
    model.attach(session.repos.resources)
    assert model.rowCount() == session.repos.resources.count()
    qtmodeltester.check(model)


def test_model_follows_changes_row_by_row(qtbot, session: VaultSession) -> None:  # type: ignore[no-untyped-def]
    model = ResourceTableModel(session)
    model.attach(session.repos.resources)
    before = model.rowCount()
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))
    with qtbot.waitSignal(model.rowsInserted):
        added = session.repos.resources.add(Resource(name="Zeta Counselling (test)",
                                                     kind=ResourceKind.EXTERNAL))
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


def test_screen_filters_and_shows_details(qtbot, session: VaultSession) -> None:  # type: ignore[no-untyped-def]
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
