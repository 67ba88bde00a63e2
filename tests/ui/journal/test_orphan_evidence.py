"""Evidence that is in the vault but attached to nothing is listed in the Journal ("Evidence
not attached to any entry") with Attach and Delete (issue 19 item 5). Before, such a file (an
entry never saved, a crash before the draft was kept) stayed where no screen showed it."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from peerdesk.models import Draft, Incident, RecordKind
from peerdesk.storage.errors import RecordNotFound
from peerdesk.ui.common.messages import Button, Messages
from peerdesk.ui.common.session import VaultSession
from peerdesk.ui.journal.screen import JournalScreen
from tests.ui.helpers import click


def listed(screen: JournalScreen) -> list[str]:
    return [screen.orphans.list.item(i).text() for i in range(screen.orphans.list.count())]


def test_orphan_evidence_is_listed_and_can_be_attached_or_deleted(
    qtbot: QtBot, session: VaultSession
) -> None:
    repos = session.repos
    entry = repos.incidents.add(Incident(event_date=date(2026, 3, 4), title="Rota meeting"))
    assert entry.id is not None
    # A file of an entry that was never saved (its editor died before its draft was kept),
    # one left by an older PeerDesk (no draft recorded), one that belongs to a live draft.
    lost = repos.attachments.add(
        None, "rota.txt", b"38 bytes of evidence, exactly so.....\n", draft_slot="entry-gone"
    )
    old = repos.attachments.add(None, "old-note.txt", b"an old note\n")
    repos.drafts.save(Draft(record_kind=RecordKind.INCIDENT, slot="entry-live", payload={}))
    live = repos.attachments.add(
        None, "live.txt", b"still being written\n", draft_slot="entry-live"
    )
    assert lost.id and old.id and live.id and lost.size == 38

    screen = JournalScreen(session)
    qtbot.addWidget(screen)
    screen.resize(1100, 700)
    screen.on_opened()
    screen.show()
    qtbot.waitExposed(screen)
    panel = screen.orphans
    assert panel.isVisible()
    assert panel.list.accessibleName() == "Evidence not attached to any entry"
    assert [t.split(" — ")[0] for t in listed(screen)] == ["rota.txt", "old-note.txt"]
    assert "38 bytes" in listed(screen)[0]  # not "3e-05 MB"

    # Attach: to the entry picked in the list above.
    panel.list.setCurrentRow(0)
    click(qtbot, panel.attach_button)
    assert "Select the entry" in panel.status.text()
    screen.select_incident(entry.id)
    click(qtbot, panel.attach_button)
    assert "Attached to entry no. 1" in panel.status.text()
    assert [a.id for a in repos.attachments.list_for_incident(entry.id)] == [lost.id]
    assert repos.incidents.get(entry.id).attachment_ids == [lost.id]  # in its history
    assert [t.split(" — ")[0] for t in listed(screen)] == ["old-note.txt"]

    # Delete: asks first; Cancel keeps the file.
    panel.list.setCurrentRow(0)
    Messages.set_next_answer(Button.Cancel)
    click(qtbot, panel.delete_button)
    assert Messages.shown[-1].title == "Delete file"
    assert repos.attachments.get(old.id).original_name == "old-note.txt"
    Messages.set_next_answer(Button.Yes)
    click(qtbot, panel.delete_button)
    with pytest.raises(RecordNotFound):
        repos.attachments.get(old.id)
    assert listed(screen) == []
    assert repos.attachments.get(live.id).incident_id is None  # the live draft's file stays

    # Its draft discarded (e.g. the editor's entry is thrown away), the live draft's file goes
    # with it — it never becomes an orphan.
    repos.drafts.discard(RecordKind.INCIDENT, None, "entry-live")
    assert listed(screen) == [] and repos.attachments.list_unattached() == []

    # Keyboard: the list and both buttons take focus by Tab.
    for widget in (panel.list, panel.attach_button, panel.delete_button):
        assert widget.focusPolicy() & Qt.FocusPolicy.TabFocus


def test_the_panel_is_hidden_with_nothing_to_show_and_emptied_by_a_lock(
    qtbot: QtBot, session: VaultSession
) -> None:
    screen = JournalScreen(session)
    qtbot.addWidget(screen)
    screen.on_opened()
    screen.show()
    assert not screen.orphans.isVisible()
    session.repos.attachments.add(None, "left.txt", b"left behind\n")
    assert screen.orphans.isVisible() and len(listed(screen)) == 1  # follows the vault
    session.closing.connect(screen.on_closing)
    session.close()
    assert listed(screen) == [] and not screen.orphans.isVisible()
