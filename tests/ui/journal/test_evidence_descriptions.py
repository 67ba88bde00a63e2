"""Issue 17 (exhibits): a description per evidence file written in the entry editor and kept in
the vault, and a preview that shows the whole picture (fitted, never cropped) and enlarges it
by mouse and keyboard. A real vault, the real editor, driven with qtbot."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from pytestqt.qtbot import QtBot

from peerdesk.export.report import ReportRequest, render_report
from peerdesk.models import Incident
from peerdesk.storage.report_source import read_report_source
from peerdesk.ui.common.session import VaultSession
from peerdesk.ui.journal.editor.dialog import IncidentEditor
from peerdesk.ui.journal.editor.picture_preview import PictureViewer
from tests.ui.journal.test_incident_editor import click, go, select_attachment, shot

LEFT = Qt.MouseButton.LeftButton
WIDE, HIGH = 520, 325  # the picture the issue saw cropped into a 160-pixel box


def picture_bytes(tmp_path: Path, width: int = WIDE, height: int = HIGH) -> bytes:
    """A picture whose corners differ, so that a crop would show."""
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#3a7bd5"))
    painter = QPainter(image)
    painter.fillRect(0, 0, width // 4, height // 4, QColor("#c62828"))
    painter.fillRect(width * 3 // 4, height * 3 // 4, width // 4, height // 4, QColor("#2e7d32"))
    painter.end()
    path = tmp_path / "chat.png"
    assert image.save(str(path), "PNG")
    return path.read_bytes()


@pytest.fixture
def entry(session: VaultSession, tmp_path: Path) -> tuple[int, int]:
    """A saved entry with one picture and one text file; (incident id, picture id)."""
    repos = session.repos
    saved = repos.incidents.add(Incident(event_date=date(2026, 3, 2), title="Chat messages"))
    assert saved.id is not None
    picture = repos.attachments.add(saved.id, "chat.png", picture_bytes(tmp_path))
    repos.attachments.add(saved.id, "email.txt", b"From: M. T.\n\nThis is useless.\n")
    saved.attachment_ids = [a.id for a in repos.attachments.list_for_incident(saved.id)]  # type: ignore[misc]
    repos.incidents.update(saved)
    assert picture.id is not None
    return saved.id, picture.id


@pytest.fixture
def editor(qtbot: QtBot, session: VaultSession, entry: tuple[int, int]):  # type: ignore[no-untyped-def]
    opened = IncidentEditor(session, entry[0])
    qtbot.addWidget(opened)
    opened.resize(900, 640)
    opened.show()
    qtbot.waitExposed(opened)
    go(qtbot, opened, "Evidence")
    yield opened
    if session.is_open:
        opened.save_draft()


def test_a_description_is_written_by_mouse_and_keyboard_and_kept_in_the_vault(
    qtbot: QtBot,
    session: VaultSession,
    editor: IncidentEditor,
    entry: tuple[int, int],
    tmp_path: Path,
) -> None:
    incident_id, picture_id = entry
    repos = session.repos
    revisions = len(repos.incidents.revisions(incident_id))
    files = editor.files
    page = editor.evidence_page
    assert page.describe_button.accessibleName() == "Describe the selected file"

    # By mouse: select the picture, Describe…, type, Save description.
    select_attachment(editor, "chat.png")
    click(qtbot, page.describe_button)
    dialog = files.describe_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.windowTitle() == "Describe evidence"  # never the file's name
    assert dialog.edit.accessibleName() == "Description of the file"
    qtbot.keyClicks(dialog.edit, "Team chat, 2 March: <b>nobody</b> & you")
    shot(dialog, "describe-dialog")
    click(qtbot, dialog.save_button)
    qtbot.waitUntil(lambda: files.describe_dialog is None)
    assert (
        repos.attachments.get(picture_id).description == "Team chat, 2 March: <b>nobody</b> & you"
    )
    row = editor.attachment_list.currentItem()
    assert row is not None and row.text().startswith("chat.png")
    assert row.text().endswith("\n    “Team chat, 2 March: <b>nobody</b> & you”")  # as typed
    assert "Description saved" in editor.attachment_status.text()
    # Metadata of the exhibit: no revision is added, and the chain still verifies.
    assert len(repos.incidents.revisions(incident_id)) == revisions
    assert repos.incidents.verify_history().ok
    # The report's exhibit index prints it as typed (markup characters literally).
    rendered = render_report(read_report_source(repos.vault), ReportRequest())
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(rendered.data)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    # (spaces squeezed out: the exhibit index's narrow column wraps it)
    assert "Teamchat,2March:<b>nobody</b>&you" in "".join(text.split())

    # By keyboard: F2 on the list, replace the text, Enter.
    editor.attachment_list.setFocus()
    qtbot.keyClick(editor.attachment_list, Qt.Key.Key_F2)
    dialog = files.describe_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.edit.text() == "Team chat, 2 March: <b>nobody</b> & you"
    assert dialog.edit.selectedText() == dialog.edit.text()  # typing replaces it
    qtbot.keyClicks(dialog.edit, "Screenshot of the team chat")
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: files.describe_dialog is None)
    assert repos.attachments.get(picture_id).description == "Screenshot of the team chat"

    # Escape keeps what was stored.
    qtbot.keyClick(editor.attachment_list, Qt.Key.Key_F2)
    dialog = files.describe_dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.edit, "never stored")
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: files.describe_dialog is None)
    assert repos.attachments.get(picture_id).description == "Screenshot of the team chat"

    # An empty description takes it away again.
    qtbot.keyClick(editor.attachment_list, Qt.Key.Key_F2)
    dialog = files.describe_dialog
    assert dialog is not None
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Delete)
    click(qtbot, dialog.save_button)
    assert repos.attachments.get(picture_id).description == ""
    assert "Description removed" in editor.attachment_status.text()


def test_a_description_of_a_new_entrys_file_is_kept_when_the_entry_is_saved(
    qtbot: QtBot, session: VaultSession, tmp_path: Path
) -> None:
    editor = IncidentEditor(session, None)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    editor.title.setText("Shouted at")
    go(qtbot, editor, "Evidence")
    (tmp_path / "rota.txt").write_bytes(b"Rota for March: late shifts only for me.\n")
    (added,) = editor.files.add_files([str(tmp_path / "rota.txt")])
    select_attachment(editor, "rota.txt")
    click(qtbot, editor.evidence_page.describe_button)
    dialog = editor.files.describe_dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.edit, "March rota")
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Return)
    with qtbot.waitSignal(editor.saved) as saved:
        click(qtbot, editor.save_button)
    (stored,) = session.repos.attachments.list_for_incident(saved.args[0])
    assert stored.id == added.id and stored.description == "March rota"
    editor.close()


def test_the_preview_shows_the_whole_picture_and_enlarges_it(
    qtbot: QtBot, editor: IncidentEditor
) -> None:
    preview = editor.preview
    assert preview.accessibleName() == "Picture preview"
    select_attachment(editor, "chat.png")
    qtbot.waitUntil(lambda: preview.image is not None)
    pixmap = preview.pixmap()
    assert not pixmap.isNull()
    # The aspect ratio of the picture (within the rounding of one pixel), and all of it fits.
    assert abs(pixmap.width() * HIGH - pixmap.height() * WIDE) <= max(WIDE, HIGH)
    inside = preview.contentsRect().size()
    assert pixmap.width() <= inside.width() and pixmap.height() <= inside.height()
    # Fitted into a smaller box (a narrow window), it stays whole.
    preview.resize(QSize(200, 220))
    small = preview.pixmap()
    assert small.width() <= 200 and small.height() <= 220
    assert abs(small.width() * HIGH - small.height() * WIDE) <= max(WIDE, HIGH)
    editor.resize(900, 640)
    shot(editor, "evidence-preview")

    # A click enlarges it in a viewer that shows it whole.
    qtbot.mouseClick(preview, LEFT)
    viewer = editor.files.viewer
    assert isinstance(viewer, PictureViewer) and viewer.isVisible()
    assert viewer.windowTitle() == "Evidence picture"
    shown = viewer.picture.pixmap()
    assert abs(shown.width() * HIGH - shown.height() * WIDE) <= max(WIDE, HIGH)
    assert shown.width() >= pixmap.width()
    assert "chat.png" in viewer.caption.text()
    shot(viewer, "picture-viewer")
    qtbot.keyClick(viewer, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: editor.files.viewer is None)

    # Enter and Space on the focused preview do the same.
    for key in (Qt.Key.Key_Return, Qt.Key.Key_Space):
        preview.setFocus()
        qtbot.keyClick(preview, key)
        viewer = editor.files.viewer
        assert viewer is not None and viewer.isVisible()
        viewer.reject()
        qtbot.waitUntil(lambda: editor.files.viewer is None)

    # A file that is not a picture says so, and neither click nor key opens anything.
    select_attachment(editor, "email.txt")
    assert "No preview" in preview.text() and preview.image is None
    qtbot.mouseClick(preview, LEFT)
    qtbot.keyClick(preview, Qt.Key.Key_Return)
    assert editor.files.viewer is None


def test_closing_the_editor_closes_the_description_and_the_viewer(
    qtbot: QtBot, editor: IncidentEditor
) -> None:
    select_attachment(editor, "chat.png")
    qtbot.waitUntil(lambda: editor.preview.image is not None)
    click(qtbot, editor.evidence_page.describe_button)
    dialog = editor.files.describe_dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.edit, "typed, not saved")
    editor.reject()  # what the lock does
    assert editor.files.describe_dialog is None and editor.files.viewer is None
    assert dialog.edit.text() == "" and not dialog.isVisible()
