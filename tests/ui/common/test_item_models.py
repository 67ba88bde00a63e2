"""RecordTableModel, the one table model: under qtmodeltester from the start, it follows its
repository row by row (insert, change, removal), drops a changed record its loader no longer
returns, and empties on clear()."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from peerdesk.models import Colleague, ColleagueStatus
from peerdesk.storage.errors import RecordNotFound
from peerdesk.ui.common.item_models import (
    Column,
    IdRole,
    ObjectRole,
    RecordTableModel,
    SortRole,
)
from peerdesk.ui.common.session import VaultSession


def active_model(session: VaultSession) -> RecordTableModel[Colleague]:
    """Active colleagues only, so that a record can stop belonging without being deleted."""
    repo = session.repos.colleagues

    def load_some(ids: Sequence[int]) -> list[Colleague]:
        found = []
        for colleague_id in ids:
            try:
                colleague = repo.get(colleague_id)
            except RecordNotFound:
                continue
            if colleague.status is ColleagueStatus.ACTIVE:
                found.append(colleague)
        return found

    return RecordTableModel(
        [
            Column("Colleague", lambda c: c.pseudonym, sort_key=lambda c: c.pseudonym.casefold()),
            Column("Notes", lambda c: c.notes, tooltip=lambda c: c.notes, align_right=True),
        ],
        key=lambda c: c.id or 0,
        load_all=lambda: [c for c in repo.list() if c.status is ColleagueStatus.ACTIVE],
        load_some=load_some,
    )


def test_record_table_model_follows_changes_row_by_row_under_qtmodeltester(
    qtbot: QtBot, qtmodeltester: ModelTester, session: VaultSession
) -> None:
    repo = session.repos.colleagues
    heron = repo.add(Colleague(pseudonym="Heron", notes="Mornings"))
    assert heron.id is not None
    model = active_model(session)
    qtmodeltester.check(model)  # attached before anything changes
    model.attach(repo)
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))
    assert model.rowCount() == 1 and model.columnCount() == 2
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Notes"
    index = model.index(0, 1)
    assert index.data() == "Mornings" and index.data(Qt.ItemDataRole.ToolTipRole) == "Mornings"
    assert index.data(IdRole) == heron.id and index.data(ObjectRole).pseudonym == "Heron"
    assert model.index(0, 0).data(SortRole) == "heron"

    with qtbot.waitSignal(model.rowsInserted):
        maple = repo.add(Colleague(pseudonym="Maple"))
    assert maple.id is not None
    assert model.row_of(maple.id) == 1 and model.ids() == [heron.id, maple.id]

    heron.notes = "Afternoons"
    with qtbot.waitSignal(model.dataChanged):
        repo.update(heron)
    assert model.index(0, 1).data() == "Afternoons"

    # Closed: still in the vault, but no longer one of this model's rows.
    closed = repo.get(maple.id)
    closed.status = ColleagueStatus.CLOSED
    with qtbot.waitSignal(model.rowsRemoved):
        repo.update(closed)
    assert model.ids() == [heron.id]

    # A change the repository did not announce (made while detached) is re-read on request.
    model.detach()
    reopened = repo.get(maple.id)
    reopened.status = ColleagueStatus.ACTIVE
    repo.update(reopened)
    assert model.ids() == [heron.id]
    with qtbot.waitSignal(model.rowsInserted):
        model.refresh_ids([maple.id])
    assert model.ids() == [heron.id, maple.id]
    model.attach(repo)
    resets.clear()

    with qtbot.waitSignal(model.rowsRemoved):
        repo.delete_completely(heron.id)
    assert model.ids() == [maple.id] and model.row_of(maple.id) == 0
    assert resets == []  # never a full reset for these changes

    model.clear()
    assert model.rowCount() == 0
    with qtbot.assertNotEmitted(model.rowsInserted):
        repo.add(Colleague(pseudonym="Kestrel"))  # no longer followed
