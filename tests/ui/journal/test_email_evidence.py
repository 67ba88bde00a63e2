"""An email dropped on the Evidence page: the editor offers to fill the entry from it, keeps the
.eml and its attachments as exhibits described by its headers, and shows where it came from."""

from __future__ import annotations

import hashlib
import subprocess
from datetime import UTC, date, datetime, time
from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QListWidget
from pytestqt.qtbot import QtBot

from peerdesk.models import Incident
from peerdesk.models.provenance import Provenance
from peerdesk.ui.common.session import VaultSession
from peerdesk.ui.journal.editor.dialog import IncidentEditor

FIXTURES = Path(__file__).parents[2] / "fixtures" / "email"
TWO = FIXTURES / "two-attachments.eml"
LEFT = Qt.MouseButton.LeftButton
SHOTS = Path("/tmp/peerdesk-shots")


def drop_files(listing: QListWidget, paths: list[Path]) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    viewport = listing.viewport()
    enter = QDragEnterEvent(
        QPoint(10, 10), Qt.DropAction.CopyAction, mime, LEFT, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(viewport, enter)
    drop = QDropEvent(
        QPointF(10, 10), Qt.DropAction.CopyAction, mime, LEFT, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(viewport, drop)
    assert drop.isAccepted()


def open_editor(
    qtbot: QtBot, session: VaultSession, incident_id: int | None = None
) -> IncidentEditor:
    editor = IncidentEditor(session, incident_id)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    return editor


def shot(widget: object, name: str) -> None:
    if hasattr(widget, "grab"):
        SHOTS.mkdir(exist_ok=True)
        widget.grab().save(str(SHOTS / f"{name}.png"))


def sha256sum(path: Path) -> str:
    out = subprocess.run(["sha256sum", str(path)], check=True, capture_output=True, text=True)
    return out.stdout.split()[0]


def test_a_dropped_email_fills_a_new_entry_with_three_exhibits_matching_sha256sum(
    qtbot: QtBot, session: VaultSession
) -> None:
    editor = open_editor(qtbot, session)
    editor.section_list.setCurrentRow(5)  # Evidence
    drop_files(editor.attachment_list, [TWO])
    qtbot.waitUntil(lambda: editor.emails.dialog is not None, timeout=30_000)
    dialog = editor.emails.dialog
    assert dialog is not None
    assert dialog.fill_button.isVisible() and dialog.fill_button.isDefault()
    headers = dialog.findChild(QLabel, "emailHeaders")
    assert headers is not None and "Email from Martin Köller to Sam Rivera" in headers.text()
    shot(dialog, "email-offer")
    QTest.mouseClick(dialog.fill_button, LEFT)
    qtbot.waitUntil(lambda: editor.attachment_list.count() == 3)
    assert editor.title.text() == "Your “attitude” in today's meeting"
    stamp = datetime(2026, 3, 3, 13, 5, tzinfo=UTC).astimezone()
    assert editor.event_date.date().toPython() == stamp.date()
    assert editor.quotes.values()[0].text.startswith("Sam,")
    ticked = editor.people_page.ticked_people()
    names = {p.id: p.display_name for p in session.repos.persons.list()}
    assert sorted(names[i] for i in ticked) == sorted(
        ["Martin Köller", "Sam Rivera", "Priya Shah", "hr@example.org"]
    )
    assert editor.provenance_line.field.isVisible()
    assert editor.provenance_line.field.text().startswith(
        "3 Mar 2026, 14:05 (UTC+01:00), according to the email — the source's claim"
    )
    shot(editor, "editor-from-email")
    with qtbot.waitSignal(editor.saved) as saved:
        editor.save()
    incident_id = saved.args[0]
    stored = session.repos.attachments.list_for_incident(incident_id)
    assert [a.original_name for a in stored] == [
        "two-attachments.eml",
        "whiteboard.png",
        "Q1 figures – draft.pdf",
    ]
    assert stored[0].sha256 == sha256sum(TWO) == hashlib.sha256(TWO.read_bytes()).hexdigest()
    assert session.repos.attachments.read_bytes(stored[0].id or 0) == TWO.read_bytes()
    assert stored[0].description.startswith("Email from Martin Köller to Sam Rivera, cc ")
    assert stored[1].description.startswith("Attachment 1 of 2 of the email from Martin Köller")
    entry = session.repos.incidents.get(incident_id)
    assert entry.provenance is not None and entry.provenance.source == "email"
    assert entry.quotes[0].speaker_person_id is not None
    # The same email again: it cannot start a second entry, only be added.
    other = open_editor(qtbot, session)
    other.emails.route([str(TWO)])
    qtbot.waitUntil(lambda: other.emails.dialog is not None, timeout=30_000)
    assert other.emails.dialog is not None
    assert other.emails.dialog.fill_button.isHidden()
    other.emails.dialog.reject()


def test_an_email_added_to_a_saved_entry_becomes_exhibits_with_header_descriptions(
    qtbot: QtBot, session: VaultSession
) -> None:
    saved = session.repos.incidents.add(Incident(event_date=date(2026, 3, 3), title="Meeting"))
    editor = open_editor(qtbot, session, saved.id)
    editor.files.add_files_in_background([str(TWO)])  # as "Add files…" hands them over
    qtbot.waitUntil(lambda: editor.emails.dialog is not None, timeout=30_000)
    dialog = editor.emails.dialog
    assert dialog is not None and dialog.fill_button.isHidden()
    assert dialog.exhibits_button.isDefault()
    QTest.mouseClick(dialog.exhibits_button, LEFT)
    qtbot.waitUntil(lambda: editor.attachment_list.count() == 3)
    assert editor.title.text() == "Meeting"  # nothing else changed
    stored = session.repos.attachments.list_for_incident(saved.id or 0)
    assert [
        hashlib.sha256(session.repos.attachments.read_bytes(a.id or 0)).hexdigest() for a in stored
    ] == [a.sha256 for a in stored]
    assert stored[2].description.startswith("Attachment 2 of 2 of the email from")
    assert not editor.provenance_line.field.isVisible()


def test_closing_while_an_emails_files_are_stored_leaves_nothing(
    qtbot: QtBot, session: VaultSession
) -> None:
    """The email and its attachments are stored on a worker; an editor closed before the
    worker's result arrives (same thread, no events yet) takes back whatever it stored."""
    saved = session.repos.incidents.add(Incident(event_date=date(2026, 3, 3), title="Meeting"))
    editor = open_editor(qtbot, session, saved.id)
    editor.files.add_files_in_background([str(TWO)])
    qtbot.waitUntil(lambda: editor.emails.dialog is not None, timeout=30_000)
    dialog = editor.emails.dialog
    assert dialog is not None
    QTest.mouseClick(dialog.exhibits_button, LEFT)
    assert editor.emails.adding is not None
    editor.reject()
    qtbot.waitUntil(lambda: editor.emails.adding is None, timeout=30_000)
    assert session.repos.attachments.list_for_incident(saved.id or 0) == []
    assert session.repos.attachments.list_unattached() == []


def test_an_email_can_still_be_added_as_a_plain_file(qtbot: QtBot, session: VaultSession) -> None:
    editor = open_editor(qtbot, session)
    editor.files.add_files_in_background([str(TWO)])
    qtbot.waitUntil(lambda: editor.emails.dialog is not None, timeout=30_000)
    assert editor.emails.dialog is not None
    QTest.mouseClick(editor.emails.dialog.plain_button, LEFT)
    qtbot.waitUntil(lambda: editor.attachment_list.count() == 1)
    assert editor.title.text() == ""
    (only,) = editor.state.attachments
    assert only.description == "" and only.sha256 == sha256sum(TWO)


def test_an_unreadable_email_gets_a_plain_sentence_and_nothing_is_added(
    qtbot: QtBot, session: VaultSession, tmp_path: Path
) -> None:
    bad = tmp_path / "broken.eml"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    msg = tmp_path / "outlook.msg"
    msg.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512))
    editor = open_editor(qtbot, session)
    editor.files.add_files_in_background([str(bad)])
    status = editor.attachment_status
    qtbot.waitUntil(lambda: "broken.eml: This file is not an email" in status.text())
    editor.files.add_files_in_background([str(msg)])
    qtbot.waitUntil(lambda: "outlook.msg: Outlook .msg files cannot be read" in status.text())
    assert "Save As" in status.text()
    assert editor.attachment_list.count() == 0 and editor.emails.dialog is None


def test_an_imported_entry_shows_where_it_came_from_and_keeps_it_through_an_edit(
    qtbot: QtBot, session: VaultSession
) -> None:
    provenance = Provenance(
        source="dayone",
        fingerprint="ab" * 32,
        written_at=datetime(2026, 3, 3, 13, 5, tzinfo=UTC),
        zone="Europe/Berlin",
    )
    saved = session.repos.incidents.add(
        Incident(event_date=date(2026, 3, 3), event_time=time(9), title="x", provenance=provenance)
    )
    editor = open_editor(qtbot, session, saved.id)
    line = editor.provenance_line.field
    assert line.isVisible() and line.isReadOnly()
    assert line.text() == (
        "3 Mar 2026, 14:05 (Europe/Berlin), according to Day One — "
        "the source's claim, not PeerDesk's record"
    )
    assert "Recorded at" in editor.provenance_line.field.toolTip()
    shot(editor, "editor-imported")
    editor.title.setText("x, corrected")
    editor.drafts.changed()
    assert editor.save()
    again = session.repos.incidents.get(saved.id or 0)
    assert again.title == "x, corrected" and again.provenance == provenance
    # A plain entry shows no such line.
    plain = session.repos.incidents.add(Incident(event_date=date(2026, 3, 4), title="mine"))
    assert not open_editor(qtbot, session, plain.id).provenance_line.field.isVisible()


def test_an_entry_filled_from_an_email_keeps_its_provenance_in_its_draft(
    qtbot: QtBot, session: VaultSession
) -> None:
    editor = open_editor(qtbot, session)
    editor.emails.route([str(TWO)])
    qtbot.waitUntil(lambda: editor.emails.dialog is not None, timeout=30_000)
    assert editor.emails.dialog is not None
    editor.emails.dialog.people_box.setChecked(False)
    QTest.mouseClick(editor.emails.dialog.fill_button, LEFT)
    qtbot.waitUntil(lambda: editor.attachment_list.count() == 3)
    assert editor.people_page.ticked_people() == {}
    slot = editor.draft_slot
    editor.save_draft()
    editor.reject()
    again = IncidentEditor(session, None, draft_slot=slot)
    qtbot.addWidget(again)
    assert again.provenance_line.provenance is not None
    assert again.provenance_line.provenance.source == "email"
    assert again.attachment_list.count() == 3
    assert again.title.text() == "Your “attitude” in today's meeting"
