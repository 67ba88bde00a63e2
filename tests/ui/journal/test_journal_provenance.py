"""The journal list tells an imported entry apart: the Recorded column gives the source's claim
("written 2 h after (Day One)") and its tooltip says both that claim and the import time."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from peerdesk.models import Incident
from peerdesk.models.provenance import Provenance
from peerdesk.ui.common.session import VaultSession
from peerdesk.ui.journal.list_model import COL_RECORDED, IncidentListModel
from peerdesk.ui.journal.screen import JournalScreen

DISPLAY, TIP = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole


def _add(session: VaultSession) -> tuple[int, int, int]:
    repo = session.repos.incidents
    dayone = repo.add(
        Incident(
            event_date=date(2026, 3, 3),
            event_time=time(12, 0),
            title="From Day One",
            provenance=Provenance(
                source="dayone",
                fingerprint="cd" * 32,
                written_at=datetime(2026, 3, 3, 13, 5, tzinfo=UTC),
                zone="Europe/Berlin",
            ),
        )
    )
    jrnl = repo.add(
        Incident(
            event_date=date(2026, 2, 27),
            title="From jrnl",
            provenance=Provenance(
                source="jrnl", fingerprint="ef" * 32, written_on=date(2026, 3, 1)
            ),
        )
    )
    mine = repo.add(Incident(event_date=date(2026, 3, 4), title="Written here"))
    return dayone.id or 0, jrnl.id or 0, mine.id or 0


def test_the_recorded_column_shows_the_sources_claim_for_imported_entries(
    qtbot: QtBot, session: VaultSession
) -> None:
    dayone, jrnl, mine = _add(session)
    summaries = session.repos.incidents.summaries([dayone, jrnl, mine])
    assert summaries[mine].provenance is None
    claim = summaries[jrnl].provenance
    assert claim is not None and claim.written_on == date(2026, 3, 1)
    model = IncidentListModel(session)
    model.attach()

    def cell(incident_id: int, role: Qt.ItemDataRole) -> str:
        row = model.row_of(incident_id)
        assert row is not None
        return str(model.data(model.index(row, COL_RECORDED), role))

    # 14:05 in Berlin, two hours after the event's 12:00 (on the event's clock).
    assert cell(dayone, DISPLAY) == "written 2 h after (Day One)"
    assert cell(jrnl, DISPLAY) == "written 2 days after (jrnl)"
    assert cell(mine, DISPLAY).startswith("recorded ")  # PeerDesk's own record
    tip = cell(dayone, TIP)
    assert tip.startswith(
        "Originally written 3 Mar 2026, 14:05 (Europe/Berlin) according to Day One: "
        "the source's claim, not PeerDesk's record."
    )
    assert "Imported into PeerDesk: Recorded at " in tip
    assert cell(jrnl, TIP).startswith("Originally written on 1 Mar 2026 according to jrnl")
    assert "Originally" not in cell(mine, TIP)


def test_the_journal_screen_shows_the_claim_in_full(
    qtbot: QtBot, session: VaultSession, tmp_path: Path
) -> None:
    _add(session)
    screen = JournalScreen(session)
    qtbot.addWidget(screen)
    screen.resize(1300, 400)
    screen.show()
    screen.model.attach()
    qtbot.waitExposed(screen)
    shots = Path("/tmp/peerdesk-shots")
    shots.mkdir(exist_ok=True)
    screen.grab().save(str(shots / "journal-provenance.png"))
    table = screen.table
    fm = table.fontMetrics()
    assert table.columnWidth(COL_RECORDED) > fm.horizontalAdvance("written 2 days after (jrnl)")
