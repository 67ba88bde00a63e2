"""The walk's states for the journal entry editor: every page of a new entry and of a demo entry
with files and people, an invalid field shown, "Add a person…" (also refusing a name), the
description of a file, the offer an email makes and the picture viewer."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time
from email.message import EmailMessage
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QDialogButtonBox, QScrollArea, QWidget

from peerdesk.importing.email import read_email
from peerdesk.models import Incident
from peerdesk.models.provenance import Provenance
from peerdesk.ui.journal.editor.attachment_description import DescriptionDialog
from peerdesk.ui.journal.editor.dialog import SECTIONS, IncidentEditor
from peerdesk.ui.journal.editor.email_evidence import EmailOfferDialog, ReadEmail
from peerdesk.ui.journal.editor.people import QuickPersonDialog
from peerdesk.ui.journal.editor.picture_preview import PictureViewer, screen_box
from tests.ui.accessibility.walk import Context, WindowState


def _demo_entry(ctx: Context) -> int:
    """A demo entry with files and people (the one with most of both)."""
    repos = ctx.session.repos
    best, best_score = 0, -1
    for summary in repos.incidents.list():
        files = repos.attachments.count_for_incident(summary.id)
        people = len(repos.incidents.get(summary.id).people)
        score = 100 * min(files, 1) + 100 * min(people, 1) + files + people
        if score > best_score:
            best, best_score = int(summary.id), score
    assert best_score >= 200, "the demo vault has no entry with files and people"
    return best


def _editor(ctx: Context, incident_id: int | None, section: str) -> IncidentEditor:
    editor = IncidentEditor(ctx.session, incident_id)
    ctx.show(editor)
    editor.section_list.setCurrentRow(SECTIONS.index(section))
    if section == "Evidence" and editor.attachment_list.count():
        editor.attachment_list.setCurrentRow(0)
    ctx.qtbot.wait(1)
    return editor


def _page(new: bool, section: str) -> Callable[[Context], QWidget]:
    def open_page(ctx: Context) -> QWidget:
        return _editor(ctx, None if new else _demo_entry(ctx), section)

    return open_page


def _invalid_title(ctx: Context) -> QWidget:
    """A new entry saved without its short description: the error is shown at the field."""
    editor = _editor(ctx, None, "What happened")
    editor.narrative.setFocus()
    ctx.qtbot.keyClicks(editor.narrative, "Everything I remember.")
    ctx.qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    ctx.qtbot.waitUntil(lambda: editor.error_text("title") != "")
    return editor


def _with_cards(ctx: Context, section: str) -> IncidentEditor:
    """A new entry with a card in each repeated group (quotes, witnesses, told, reports,
    evidence not held), showing ``section``."""
    editor = _editor(ctx, None, section)
    for rows in editor.row_lists():
        rows.add_row()
    _settled(ctx, editor)
    return editor


def _settled(ctx: Context, editor: IncidentEditor) -> None:
    """Wait until the page shown has made room for the cards just added."""
    page = editor.pages.currentWidget()
    assert isinstance(page, QScrollArea)
    body = page.widget()
    ctx.qtbot.waitUntil(lambda: body.height() >= body.minimumSizeHint().height())


def _cards(section: str) -> Callable[[Context], QWidget]:
    return lambda ctx: _with_cards(ctx, section)


def _empty_card_refused(ctx: Context) -> QWidget:
    """Saved with an empty "Who I told" card: the error is shown in the card."""
    editor = _with_cards(ctx, "What happened")
    editor.title.setFocus()
    ctx.qtbot.keyClicks(editor.title, "Shouted at in planning")
    quote = editor.quotes.rows[0]
    quote.text.setFocus()
    ctx.qtbot.keyClicks(quote.text, "Rubbish.")
    ctx.qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    ctx.qtbot.waitUntil(lambda: editor.error_text("told[0].who") != "")
    assert editor.pages.currentIndex() == SECTIONS.index("Reports and actions")
    _settled(ctx, editor)
    return editor


def _imported(ctx: Context) -> QWidget:
    """An entry imported from another journal: "Originally written" under "Recorded at"."""
    provenance = Provenance(
        source="dayone",
        fingerprint="ab" * 32,
        written_at=datetime(2026, 3, 3, 13, 5, tzinfo=UTC),
        zone="Europe/Berlin",
    )
    saved = ctx.session.repos.incidents.add(
        Incident(
            event_date=date(2026, 3, 3),
            event_time=time(9),
            title="Shouted at in planning",
            provenance=provenance,
        )
    )
    editor = _editor(ctx, saved.id, "What happened")
    assert editor.provenance_line.field.isVisible()
    return editor


def _suggestions(ctx: Context) -> QWidget:
    """A short new entry saved: the panel suggests, with links, what a reader looks for."""
    editor = _editor(ctx, None, "What happened")
    editor.title.setFocus()
    ctx.qtbot.keyClicks(editor.title, "Shouted at in planning")
    editor.narrative.setFocus()
    ctx.qtbot.keyClicks(editor.narrative, "He said my report was rubbish, which was unfair.")
    with ctx.qtbot.waitSignal(editor.saved):
        ctx.qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.quality_panel.isVisible()
    return editor


def _person_dialog(ctx: Context, *, refused: bool) -> QWidget:
    editor = _editor(ctx, _demo_entry(ctx), "People and witnesses")
    ctx.qtbot.mouseClick(editor.people_page.add_button, Qt.MouseButton.LeftButton)
    ctx.qtbot.waitUntil(lambda: editor.person_dialog is not None)
    dialog = editor.person_dialog
    assert dialog is not None
    ctx.keep(dialog)
    if refused:  # Add with no name: refused, said at the field
        add = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ctx.qtbot.mouseClick(add, Qt.MouseButton.LeftButton)
        ctx.qtbot.waitUntil(lambda: editor.person_dialog is not None and dialog.isVisible())
    ctx.qtbot.waitExposed(dialog)
    dialog.activateWindow()
    return dialog


def _description(ctx: Context, *, refused: bool) -> QWidget:
    repos = ctx.session.repos
    attachment = repos.attachments.list_for_incident(_demo_entry(ctx))[0]

    def save(_text: str) -> str | None:
        return "The description could not be kept: it is longer than the vault allows."

    dialog = DescriptionDialog(attachment, save)
    ctx.show(dialog)
    if refused:
        ctx.qtbot.keyClick(dialog.edit, Qt.Key.Key_Return)
        ctx.qtbot.waitUntil(lambda: dialog.error.isVisible())
    return dialog


def _email(ctx: Context, *, can_fill: bool) -> QWidget:
    message = EmailMessage()
    message["From"] = "M. T. <mt@example.org>"
    message["To"] = "Me <me@example.org>"
    message["Cc"] = "A. B. <ab@example.org>"
    message["Subject"] = "Your report"
    message["Date"] = "Mon, 03 Feb 2025 10:15:00 +0000"
    message.set_content("Your report is rubbish. Redo it by tonight.")
    message.add_attachment(b"minutes", maintype="text", subtype="plain", filename="minutes.txt")
    path = Path(ctx.tmp_path) / "report.eml"
    path.write_bytes(bytes(message))
    entry = read_email(path).entries[0]
    owner = QWidget()
    ctx.keep(owner)
    dialog = EmailOfferDialog(owner, ReadEmail(path.name, str(path), entry), can_fill=can_fill)
    return ctx.show(dialog)


def _picture(ctx: Context) -> QWidget:
    image = QImage(640, 420, QImage.Format.Format_RGB32)
    image.fill(QColor("#3a7bd5"))
    path = Path(ctx.tmp_path) / "whiteboard.png"
    assert image.save(str(path), "PNG")
    owner = QWidget()
    ctx.keep(owner)
    viewer = PictureViewer(
        QImage(str(path)), "whiteboard.png — The whiteboard after the meeting", screen_box(owner)
    )
    return ctx.show(viewer)


STATES = [
    *(
        WindowState(f"editor: new entry, {section}", _page(True, section), (IncidentEditor,))
        for section in SECTIONS
    ),
    *(
        WindowState(f"editor: demo entry, {section}", _page(False, section), (IncidentEditor,))
        for section in SECTIONS
    ),
    WindowState("editor: new entry, no short description", _invalid_title, (IncidentEditor,)),
    *(
        WindowState(f"editor: new entry with cards, {section}", _cards(section), (IncidentEditor,))
        for section in ("People and witnesses", "Words used", "Reports and actions", "Evidence")
    ),
    WindowState("editor: new entry, an empty card refused", _empty_card_refused, (IncidentEditor,)),
    WindowState("editor: imported entry, where it came from", _imported, (IncidentEditor,)),
    WindowState("editor: new entry saved, suggestions", _suggestions, (IncidentEditor,)),
    WindowState(
        "editor: add a person",
        lambda ctx: _person_dialog(ctx, refused=False),
        (QuickPersonDialog,),
    ),
    WindowState(
        "editor: add a person, no name",
        lambda ctx: _person_dialog(ctx, refused=True),
        (QuickPersonDialog,),
    ),
    WindowState(
        "editor: describe a file",
        lambda ctx: _description(ctx, refused=False),
        (DescriptionDialog,),
    ),
    WindowState(
        "editor: describe a file, refused",
        lambda ctx: _description(ctx, refused=True),
        (DescriptionDialog,),
    ),
    WindowState(
        "editor: an email, new entry", lambda ctx: _email(ctx, can_fill=True), (EmailOfferDialog,)
    ),
    WindowState(
        "editor: an email, entry with content",
        lambda ctx: _email(ctx, can_fill=False),
        (EmailOfferDialog,),
    ),
    WindowState("editor: picture viewer", _picture, (PictureViewer,)),
]
