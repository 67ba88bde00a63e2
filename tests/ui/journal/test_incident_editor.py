"""The journal entry editor, driven as a person would: every field, attachments, revisions,
history, the quality check, drafts and an invalid field."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest
from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QEvent,
    QMimeData,
    QPoint,
    QPointF,
    QSettings,
    Qt,
    QTime,
    QUrl,
)
from PySide6.QtGui import QColor, QDragEnterEvent, QDropEvent, QImage
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QLineEdit,
    QListWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from peerdesk.models import Draft, Incident, RecordKind
from peerdesk.models.draft import CAPTURE_SLOT
from peerdesk.models.enums import Channel, IncidentCategory, Relationship, ReportRecipient
from peerdesk.models.incident_parts import (
    EvidenceNotHeld,
    Impact,
    IncidentPerson,
    Quote,
    ReportMade,
    ToldSomeone,
    Witness,
)
from peerdesk.models.person import Person
from peerdesk.models.quality import QUOTES_MESSAGE, TOLD_MESSAGE
from peerdesk.models.serialize import incident_to_dict
from peerdesk.ui.common.messages import Button, Messages
from peerdesk.ui.journal.editor.dialog import SECTIONS, IncidentEditor

LEFT = Qt.MouseButton.LeftButton
# Qt's own file dialog and the completion popup ask the offscreen platform for things it
# cannot do.
FILE_DIALOG_NOISE = pytest.mark.qt_log_ignore(
    "This plugin does not support raise", "This plugin does not support grabbing the keyboard"
)


# -- acting like a person ------------------------------------------------------------------------


def click(qtbot: QtBot, button: QAbstractButton) -> None:
    assert button.isEnabled(), button.text()
    if isinstance(button, QCheckBox):  # on the box itself
        qtbot.mouseClick(button, LEFT, pos=QPoint(8, button.height() // 2))
    else:
        qtbot.mouseClick(button, LEFT)


def type_text(qtbot: QtBot, widget: QWidget, text: str) -> None:
    widget.setFocus()
    qtbot.keyClicks(widget, text)


def retype(qtbot: QtBot, widget: QWidget, text: str) -> None:
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(widget, text)


def choose(qtbot: QtBot, combo: QComboBox, text: str) -> None:
    """Pick an item by typing its first letters, as on a closed combo box."""
    combo.setFocus()
    qtbot.keyClicks(combo, text)
    assert combo.currentText().startswith(text), (combo.currentText(), text)


def tick(qtbot: QtBot, listing: QListWidget, starts_with: str) -> None:
    """Select a checkable row and press Space."""
    for index in range(listing.count()):
        item = listing.item(index)
        if item.text().startswith(starts_with):
            listing.setFocus()
            listing.setCurrentItem(item)
            before = item.checkState()
            qtbot.keyClick(listing, Qt.Key.Key_Space)
            assert item.checkState() != before
            return
    raise AssertionError(f"no row starting with {starts_with!r}")


def go(qtbot: QtBot, editor: IncidentEditor, section: str) -> None:
    listing = editor.section_list
    item = listing.item(SECTIONS.index(section))
    qtbot.mouseClick(listing.viewport(), LEFT, pos=listing.visualItemRect(item).center())
    assert editor.pages.currentIndex() == SECTIONS.index(section)


def set_date(widget, value: date) -> None:  # type: ignore[no-untyped-def]
    # Typing into a sectioned date field is platform-dependent; the calendar popup is what a
    # person uses. Setting the date is the same change the popup makes.
    widget.setDate(QDate(value.year, value.month, value.day))


def pick_date(qtbot, optional, value: date) -> None:  # type: ignore[no-untyped-def]
    click(qtbot, optional.check)
    set_date(optional.edit, value)


def file_dialog_choose(qtbot: QtBot, dialog: QFileDialog, folder: Path, text: str) -> None:
    qtbot.waitExposed(dialog)
    dialog.setDirectory(str(folder))
    name = dialog.findChild(QLineEdit, "fileNameEdit")
    name.setFocus()
    qtbot.keyClicks(name, text)
    qtbot.keyClick(name, Qt.Key.Key_Return)


def file_dialog_settings() -> dict[str, object]:
    settings = QSettings(QSettings.Scope.UserScope, "QtProject")
    settings.sync()
    settings.beginGroup("FileDialog")
    return {key: settings.value(key) for key in settings.childKeys()}


def make_png(path: Path, width: int = 640, height: int = 480) -> Path:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#3a7bd5"))
    assert image.save(str(path), "PNG")
    return path


def drop_files(qtbot: QtBot, listing: QListWidget, paths: list[Path]) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    viewport = listing.viewport()
    enter = QDragEnterEvent(
        QPoint(10, 10), Qt.DropAction.CopyAction, mime, LEFT, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(viewport, enter)
    assert enter.isAccepted()
    drop = QDropEvent(
        QPointF(10, 10), Qt.DropAction.CopyAction, mime, LEFT, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(viewport, drop)
    assert drop.isAccepted()


def select_attachment(editor: IncidentEditor, starts_with: str) -> None:
    listing = editor.attachment_list
    for index in range(listing.count()):
        if listing.item(index).text().startswith(starts_with):
            listing.setCurrentRow(index)
            return
    raise AssertionError(starts_with)


def shot(widget: QWidget, name: str) -> None:
    folder = os.environ.get("PEERDESK_SHOTS_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(folder) / f"{name}.png"))


@pytest.fixture
def open_editor(qtbot, session):  # type: ignore[no-untyped-def]
    editors: list[IncidentEditor] = []

    def make(incident_id: int | None = None, **options: object) -> IncidentEditor:
        editor = IncidentEditor(session, incident_id, **options)  # type: ignore[arg-type]
        qtbot.addWidget(editor)
        editor.show()
        qtbot.waitExposed(editor)
        editors.append(editor)
        return editor

    yield make
    for editor in editors:
        if session.is_open:
            editor.save_draft()


# -- every field ----------------------------------------------------------------------------------


@FILE_DIALOG_NOISE
def test_create_edit_and_revise_an_entry_with_every_field(  # type: ignore[no-untyped-def]
    qtbot, session, open_editor, tmp_path: Path
) -> None:
    repos = session.repos
    witness_person = repos.persons.add(
        Person(display_name="J. D.", role="Analyst", relationship=Relationship.PEER)
    )
    earlier = repos.incidents.add(Incident(event_date=date(2024, 2, 1), title="Earlier entry"))
    evidence = tmp_path / "evidence"
    evidence.mkdir()
    png = make_png(evidence / "screenshot.png")
    note = evidence / "email.txt"
    note.write_bytes(b"From: M. T.\nSubject: your report\n\nThis is useless.\n")
    dropped = evidence / "rota.txt"
    dropped.write_bytes(b"Rota for March: late shifts only for me.\n")

    editor = open_editor()
    assert editor.windowTitle() == "Journal entry"
    assert editor.recorded_at.isReadOnly()
    assert not editor.history_button.isEnabled()

    # What happened
    type_text(qtbot, editor.title, "Shouted at in the planning meeting")
    set_date(editor.event_date, date(2024, 3, 5))
    editor.event_time.setTime(QTime(14, 30))
    click(qtbot, editor.approximate)
    retype(qtbot, editor.duration, "25")
    choose(qtbot, editor.channel, "Meeting")
    type_text(qtbot, editor.place, "Meeting room 3")
    click(qtbot, editor.category_boxes[IncidentCategory.PUBLIC_HUMILIATION])
    click(qtbot, editor.category_boxes[IncidentCategory.SHOUTING_INTIMIDATION])
    type_text(
        qtbot,
        editor.narrative,
        "At 14:30 M. T. said my report was late, in front of the team, and raised his voice.",
    )
    choose(qtbot, editor.severity, "4")
    type_text(qtbot, editor.tags, "meeting, Monday")

    # People and witnesses: one from the cast list, one added on the spot
    go(qtbot, editor, "People and witnesses")
    click(qtbot, editor.findChild(QAbstractButton, "addPerson"))
    dialog = editor.person_dialog
    assert dialog is not None
    type_text(qtbot, dialog.name, "M. T.")
    type_text(qtbot, dialog.role, "Team lead")
    choose(qtbot, dialog.relationship, "Manager")
    click(qtbot, dialog.holds_power)
    click(
        qtbot,
        dialog.buttons.buttons()[0]
        if dialog.buttons.buttons()[0].text() == "Add"
        else dialog.buttons.buttons()[1],
    )
    qtbot.waitUntil(lambda: editor.person_dialog is None)
    manager = next(p for p in repos.persons.list() if p.display_name == "M. T.")
    assert manager.holds_power and manager.relationship is Relationship.MANAGER
    assert manager.id in editor.role_edits  # ticked at once
    type_text(qtbot, editor.role_edits[manager.id], "said it")
    tick(qtbot, editor.people_list, "J. D.")
    type_text(qtbot, editor.role_edits[witness_person.id], "was present")

    click(qtbot, editor.witnesses.add_button)
    first = editor.witnesses.rows[0]
    choose(qtbot, first.person, "J. D.")
    type_text(qtbot, first.where, "Opposite me")
    type_text(qtbot, first.reacted, "Looked away")
    choose(qtbot, first.willing, "Yes")
    click(qtbot, editor.witnesses.add_button)
    second = editor.witnesses.rows[1]
    type_text(qtbot, second.name, "K. O.")
    type_text(qtbot, second.where, "By the door")
    choose(qtbot, second.willing, "No")

    # Words used
    go(qtbot, editor, "Words used")
    click(qtbot, editor.quotes.add_button)
    quote = editor.quotes.rows[0]
    choose(qtbot, quote.speaker, "M. T.")
    type_text(qtbot, quote.text, "This is late, as usual.")
    click(qtbot, editor.quotes.add_button)
    other = editor.quotes.rows[1]
    type_text(qtbot, other.speaker_label, "Someone at the back")
    type_text(qtbot, other.text, "Leave it.")
    type_text(qtbot, editor.my_response, "I said I would discuss it after the meeting.")
    type_text(qtbot, editor.their_reaction, "He laughed and moved on.")

    # Impact
    go(qtbot, editor, "Impact")
    type_text(qtbot, editor.impact_emotional, "Shaken")
    type_text(qtbot, editor.impact_physical, "Slept badly")
    type_text(qtbot, editor.impact_work, "Left early")
    type_text(qtbot, editor.impact_home, "Quiet evening")
    type_text(qtbot, editor.impact_help, "Called the EAP")
    pick_date(qtbot, editor.impact_help_date, date(2024, 3, 6))

    # Reports and actions
    go(qtbot, editor, "Reports and actions")
    click(qtbot, editor.told.add_button)
    told = editor.told.rows[0]
    type_text(qtbot, told.who, "My partner")
    pick_date(qtbot, told.when, date(2024, 3, 5))
    type_text(qtbot, told.how, "In person")
    click(qtbot, editor.reports.add_button)
    report = editor.reports.rows[0]
    choose(qtbot, report.recipient, "HR")
    type_text(qtbot, report.detail, "HR business partner")
    pick_date(qtbot, report.reported_on, date(2024, 3, 7))
    type_text(qtbot, report.reference, "HR-2024-113")
    type_text(qtbot, report.outcome, "Acknowledged")
    type_text(qtbot, editor.attempts, "Asked him in writing to keep feedback private.")
    click(qtbot, editor.after_complaint)
    pick_date(qtbot, editor.complaint_date, date(2024, 2, 20))
    tick(qtbot, editor.related, f"No. {earlier.record_number} ")

    # Evidence: the file dialog (twice), then a drop
    go(qtbot, editor, "Evidence")
    for count, name in enumerate(("screenshot.png", "email.txt"), start=1):
        click(qtbot, editor.add_file_button)
        assert editor.files.file_dialog is not None
        assert editor.files.file_dialog.fileMode() == QFileDialog.FileMode.ExistingFiles
        file_dialog_choose(qtbot, editor.files.file_dialog, evidence, name)
        qtbot.waitUntil(lambda count=count: editor.attachment_list.count() == count)
        qtbot.waitUntil(lambda: editor.files.file_dialog is None)
    drop_files(qtbot, editor.attachment_list, [dropped])
    qtbot.waitUntil(lambda: editor.attachment_list.count() == 3)
    assert "Added 1 file" in editor.attachment_status.text()
    pending = repos.attachments.list_unattached()
    assert sorted(a.original_name for a in pending) == ["email.txt", "rota.txt", "screenshot.png"]

    select_attachment(editor, "screenshot.png")
    assert editor.files.preview_selected()
    pixmap = editor.preview.pixmap()
    assert not pixmap.isNull() and pixmap.width() <= 520 and pixmap.height() <= 340
    select_attachment(editor, "email.txt")
    assert not editor.files.preview_selected()
    assert "No preview" in editor.preview.text()

    select_attachment(editor, "screenshot.png")
    click(qtbot, editor.save_copy_button)
    assert editor.files.save_dialog is not None
    copies = tmp_path / "copies"
    copies.mkdir()
    file_dialog_choose(qtbot, editor.files.save_dialog, copies, "copy.png")
    qtbot.waitUntil(lambda: (copies / "copy.png").exists())
    assert (copies / "copy.png").read_bytes() == png.read_bytes()
    assert "unencrypted copy" in editor.attachment_status.text()

    # the dialogs remember no folder (SECURITY.md 21)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    remembered = file_dialog_settings()
    assert str(evidence) not in repr(remembered) and str(copies) not in repr(remembered)

    select_attachment(editor, "rota.txt")
    Messages.set_next_answer(Button.Yes)
    click(qtbot, editor.remove_file_button)
    assert Messages.shown[-1].kind == "question"
    assert editor.attachment_list.count() == 2
    kept = [a for a in repos.attachments.list_unattached()]
    assert sorted(a.original_name for a in kept) == ["email.txt", "screenshot.png"]

    click(qtbot, editor.evidence.add_button)
    held = editor.evidence.rows[0]
    type_text(qtbot, held.what, "Meeting recording")
    type_text(qtbot, held.where, "Teams")
    type_text(qtbot, held.held_by, "IT department")

    # Private reflection
    go(qtbot, editor, "Private reflection")
    assert "never exported unless you choose" in editor.findChild(QWidget, "privateBanner").text()
    type_text(qtbot, editor.reflection, "I wonder whether to talk to the union first.")
    shot(editor, "editor-filled")

    with qtbot.waitSignal(editor.saved) as saved:
        click(qtbot, editor.save_button)
    incident_id = saved.args[0]
    stored = repos.incidents.get(incident_id)
    attachment_ids = [a.id for a in repos.attachments.list_for_incident(incident_id)]
    assert len(attachment_ids) == 2 and repos.attachments.list_unattached() == []

    expected = Incident(
        id=incident_id,
        record_number=stored.record_number,
        recorded_at=stored.recorded_at,
        event_date=date(2024, 3, 5),
        event_time=time(14, 30),
        approximate=True,
        duration_minutes=25,
        channel=Channel.MEETING,
        place="Meeting room 3",
        people=[
            IncidentPerson(person_id=witness_person.id, role_in_incident="was present"),
            IncidentPerson(person_id=manager.id, role_in_incident="said it"),
        ],
        categories={IncidentCategory.PUBLIC_HUMILIATION, IncidentCategory.SHOUTING_INTIMIDATION},
        title="Shouted at in the planning meeting",
        narrative="At 14:30 M. T. said my report was late, in front of the team, and raised "
        "his voice.",
        quotes=[
            Quote(speaker_person_id=manager.id, text="This is late, as usual."),
            Quote(speaker_label="Someone at the back", text="Leave it."),
        ],
        my_response="I said I would discuss it after the meeting.",
        their_reaction="He laughed and moved on.",
        witnesses=[
            Witness(
                person_id=witness_person.id,
                where="Opposite me",
                reacted="Looked away",
                willing_to_confirm=True,
            ),
            Witness(name="K. O.", where="By the door", willing_to_confirm=False),
        ],
        told=[ToldSomeone(who="My partner", when=date(2024, 3, 5), how="In person")],
        reports=[
            ReportMade(
                recipient=ReportRecipient.HR,
                recipient_detail="HR business partner",
                reported_on=date(2024, 3, 7),
                reference="HR-2024-113",
                outcome="Acknowledged",
            )
        ],
        attempts_to_stop="Asked him in writing to keep feedback private.",
        impact=Impact(
            emotional="Shaken",
            physical="Slept badly",
            work="Left early",
            home="Quiet evening",
            sought_help="Called the EAP",
            sought_help_date=date(2024, 3, 6),
        ),
        attachment_ids=attachment_ids,
        evidence_not_held=[
            EvidenceNotHeld(what="Meeting recording", where="Teams", held_by="IT department")
        ],
        related_incident_ids=[earlier.id],
        after_complaint=True,
        complaint_date=date(2024, 2, 20),
        private_reflection="I wonder whether to talk to the union first.",
        severity=4,
        tags=["meeting", "Monday"],
    )
    people_order = [p.person_id for p in stored.people]
    expected.people.sort(key=lambda p: people_order.index(p.person_id))
    assert incident_to_dict(stored) == incident_to_dict(expected)
    assert stored.id == incident_id

    # a complete entry: the quality panel has nothing to ask for
    assert editor.quality_panel.isVisible()
    assert (
        editor.quality_panel.last_report is not None
        and editor.quality_panel.last_report.is_complete
    )
    assert "has the details" in editor.quality_text.text()
    recorded_text = editor.recorded_at.text()
    assert "recorded" in recorded_text and "local time" in recorded_text
    assert len(repos.incidents.revisions(incident_id)) == 1

    # edit and save: a second revision; recorded-at unchanged
    go(qtbot, editor, "What happened")
    retype(qtbot, editor.title, "Shouted at in the Monday planning meeting")
    with qtbot.waitSignal(editor.saved):
        click(qtbot, editor.save_button)
    assert len(repos.incidents.revisions(incident_id)) == 2
    assert repos.incidents.get(incident_id).recorded_at == stored.recorded_at
    assert editor.recorded_at.text() == recorded_text
    assert editor.recorded_at.isReadOnly()
    assert "2 saved versions" in editor.record_label.text()

    click(qtbot, editor.history_button)
    history = editor.history_dialog
    assert history is not None
    qtbot.waitExposed(history)
    assert history.revision_list.count() == 2
    assert "Revision 1" in history.revision_list.item(0).text()
    assert history.changes() == [
        (
            "Short description",
            "Shouted at in the planning meeting",
            "Shouted at in the Monday planning meeting",
        )
    ]
    history.compare(1, 1)
    assert history.changes() == []
    shot(history, "history")

    # reopening shows what was saved, with the same recorded-at
    editor.close()
    again = open_editor(incident_id)
    assert again.title.text() == "Shouted at in the Monday planning meeting"
    assert again.recorded_at.text() == recorded_text
    assert again.attachment_list.count() == 2
    assert again.witnesses.rows[1].name.text() == "K. O."


# -- quality check --------------------------------------------------------------------------------


def test_a_sparse_entry_is_saved_and_the_check_suggests_what_to_add(  # type: ignore[no-untyped-def]
    qtbot, session, open_editor
) -> None:
    editor = open_editor()
    type_text(qtbot, editor.title, "Comment at the coffee machine")
    type_text(qtbot, editor.narrative, "He is a psycho and he always does this.")
    with qtbot.waitSignal(editor.saved):
        click(qtbot, editor.save_button)
    assert session.repos.incidents.count() == 1  # advice never blocks
    report = editor.quality_panel.last_report
    assert report is not None
    assert report.missing_fields() == ["quotes", "witnesses", "impact", "told", "reports"]
    assert [h.word for h in report.opinion_words] == ["psycho", "always"]
    text = editor.quality_text.text()
    assert text.startswith("<b>Saved.</b>")
    for message in (QUOTES_MESSAGE, TOLD_MESSAGE):
        label, _, rest = message.partition(": ")
        assert f">{label}</a> — {rest}" in text
    assert "href='field:quotes'" in text and "href='field:told'" in text
    assert "“psycho”" in text and "describe what they did or said" in text
    assert "only a suggestion" in text
    shot(editor, "quality-sparse")

    # a link in the panel takes the person to the field
    editor.quality_text.linkActivated.emit("field:told")
    assert editor.pages.currentIndex() == SECTIONS.index("Reports and actions")
    editor.quality_text.linkActivated.emit("word:8:14")
    assert editor.narrative.textCursor().selectedText() == "psycho"


def test_quality_panel_escapes_what_the_person_wrote(qtbot, open_editor) -> None:  # type: ignore[no-untyped-def]
    editor = open_editor()
    type_text(qtbot, editor.title, "<b>x</b>")
    type_text(qtbot, editor.narrative, "<i>crazy</i> & more")
    click(qtbot, editor.save_button)
    assert "<i>crazy" not in editor.quality_text.text()
    assert "“crazy”" in editor.quality_text.text()


# -- drafts ---------------------------------------------------------------------------------------


def draft_of(session, editor: IncidentEditor) -> Draft | None:  # type: ignore[no-untyped-def]
    """The draft this editor keeps (each new entry has a slot of its own)."""
    return session.repos.drafts.load(RecordKind.INCIDENT, editor.incident_id, editor.draft_slot)


def test_new_entry_starts_from_the_quick_capture_draft_and_discards_it_when_saved(  # type: ignore[no-untyped-def]
    qtbot, session, open_editor
) -> None:
    drafts = session.repos.drafts
    drafts.save(
        Draft(
            record_kind=RecordKind.INCIDENT,
            record_id=None,
            slot=CAPTURE_SLOT,
            payload={
                "narrative": "Written on Home",
                "event_date": "2026-11-20",
                "event_time": "09:40",
            },
            saved_at=datetime.now(UTC),
        )
    )
    plain = open_editor()  # New entry in the Journal: an empty entry of its own
    assert plain.narrative.toPlainText() == ""
    editor = open_editor(from_capture=True)  # Home's "Record what happened"
    assert editor.narrative.toPlainText() == "Written on Home"
    assert editor.event_date.date() == QDate(2026, 11, 20)  # the time carries over
    assert editor.time_known.isChecked() and editor.event_time.time() == QTime(9, 40)
    type_text(qtbot, editor.title, "From quick capture")
    click(qtbot, editor.save_button)
    assert drafts.load(RecordKind.INCIDENT, None, CAPTURE_SLOT) is None
    assert drafts.list() == []  # no ghost draft left behind
    stored = session.repos.incidents.get(editor.incident_id)
    assert stored.narrative == "Written on Home"
    assert (stored.event_date, stored.event_time) == (date(2026, 11, 20), time(9, 40))


def test_a_draft_kept_at_lock_is_offered_back_when_the_entry_is_reopened(  # type: ignore[no-untyped-def]
    qtbot, session, open_editor
) -> None:
    saved = session.repos.incidents.add(Incident(event_date=date(2024, 4, 1), title="Original"))
    editor = open_editor(saved.id)
    retype(qtbot, editor.title, "Changed before the lock")
    type_text(qtbot, editor.impact_emotional, "Tired")
    assert editor.has_unsaved_changes
    assert editor.save_draft()  # what the lock controller calls
    editor.reject()
    assert session.repos.incidents.get(saved.id).title == "Original"

    Messages.set_next_answer(Button.Yes)
    again = open_editor(saved.id)
    assert Messages.shown[-1].kind == "question"
    assert "unsaved changes" in Messages.shown[-1].text
    assert "Changed before the lock" not in Messages.shown[-1].text  # no content in messages
    assert again.title.text() == "Changed before the lock"
    assert again.impact_emotional.toPlainText() == "Tired"
    click(qtbot, again.save_button)
    assert session.repos.drafts.load(RecordKind.INCIDENT, saved.id) is None
    assert len(session.repos.incidents.revisions(saved.id)) == 2

    # declining keeps the saved version on screen
    retype(qtbot, again.title, "Another change")
    again.save_draft()
    Messages.set_next_answer(Button.No)
    third = open_editor(saved.id)
    assert third.title.text() == "Changed before the lock"


def test_autosave_keeps_a_draft_a_few_seconds_after_typing(qtbot, session, open_editor) -> None:  # type: ignore[no-untyped-def]
    editor = open_editor()
    editor.drafts.autosave.timer.setInterval(50)
    type_text(qtbot, editor.narrative, "typed")
    qtbot.waitUntil(lambda: draft_of(session, editor) is not None)
    draft = draft_of(session, editor)
    assert draft is not None and draft.payload["narrative"] == "typed"


def test_locking_keeps_the_draft_and_clears_the_editor(qtbot, session, open_editor) -> None:  # type: ignore[no-untyped-def]
    editor = open_editor()
    type_text(qtbot, editor.narrative, "secret words")
    (vault_path,) = [session.vault_path]
    session.close()
    assert editor.narrative.toPlainText() == ""
    from tests.conftest import PASSPHRASE

    session.open(vault_path, PASSPHRASE)
    draft = draft_of(session, editor)
    assert draft is not None and draft.payload["narrative"] == "secret words"


# -- invalid input --------------------------------------------------------------------------------


def test_an_invalid_field_is_shown_at_the_field_and_nothing_is_lost(  # type: ignore[no-untyped-def]
    qtbot, session, open_editor
) -> None:
    editor = open_editor()
    type_text(qtbot, editor.narrative, "Everything I remember.")
    go(qtbot, editor, "Words used")
    click(qtbot, editor.quotes.add_button)
    type_text(qtbot, editor.quotes.rows[0].text, "Exact words")
    click(qtbot, editor.save_button)
    assert session.repos.incidents.count() == 0
    assert "Short description" in editor.error_text("title")
    assert editor.pages.currentIndex() == 0
    assert editor.focusWidget() is editor.title
    assert "Everything you typed is kept" in editor.status.text()
    assert editor.narrative.toPlainText() == "Everything I remember."
    assert draft_of(session, editor) is not None

    type_text(qtbot, editor.title, "Now with a title")
    choose(qtbot, editor.quotes.rows[0].speaker, "Someone")
    click(qtbot, editor.save_button)  # the quote has no speaker
    assert session.repos.incidents.count() == 0
    assert "speaker" in editor.error_text("quotes[0].speaker_label")
    assert editor.pages.currentIndex() == SECTIONS.index("Words used")
    assert editor.error_text("title") == ""
    type_text(qtbot, editor.quotes.rows[0].speaker_label, "A visitor")
    with qtbot.waitSignal(editor.saved):
        click(qtbot, editor.save_button)
    assert session.repos.incidents.count() == 1


def test_a_rejected_file_is_explained_under_the_list(qtbot, open_editor, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    empty = tmp_path / "empty.png"
    empty.write_bytes(b"")
    editor = open_editor()
    drop_files(qtbot, editor.attachment_list, [empty])
    qtbot.waitUntil(lambda: "empty.png" in editor.attachment_status.text())
    assert editor.attachment_list.count() == 0
    assert "empty" in editor.attachment_status.text()


@FILE_DIALOG_NOISE
def test_no_time_and_tag_completion(qtbot, session, open_editor) -> None:  # type: ignore[no-untyped-def]
    session.repos.incidents.add(
        Incident(event_date=date(2024, 1, 2), title="t", tags=["meeting", "email"])
    )
    editor = open_editor()
    type_text(qtbot, editor.title, "Sometime that week")
    click(qtbot, editor.time_known)  # "At" unticked: no time
    assert not editor.event_time.isEnabled()
    completer = editor.tags.completer()
    type_text(qtbot, editor.tags, "deadline, me")
    assert completer.splitPath(editor.tags.text()) == ["me"]
    assert completer.completionCount() == 1
    assert completer.currentCompletion() == "deadline, meeting"  # completes the last tag only
    with qtbot.waitSignal(editor.saved) as saved:
        click(qtbot, editor.save_button)
    stored = session.repos.incidents.get(saved.args[0])
    assert stored.event_time is None
    assert stored.tags == ["deadline", "me"]
    assert "recorded" in editor.recorded_at.text()


def test_files_added_to_an_unsaved_entry_come_back_with_its_draft(  # type: ignore[no-untyped-def]
    qtbot, session, open_editor, tmp_path: Path
) -> None:
    png = make_png(tmp_path / "photo.png", 32, 24)
    editor = open_editor()
    type_text(qtbot, editor.narrative, "Before the lock")
    drop_files(qtbot, editor.attachment_list, [png])
    qtbot.waitUntil(lambda: editor.attachment_list.count() == 1)
    editor.save_draft()
    editor.reject()
    again = open_editor(draft_slot=editor.draft_slot)  # Home's "not saved yet" item
    assert again.narrative.toPlainText() == "Before the lock"
    assert again.attachment_list.count() == 1
    type_text(qtbot, again.title, "Photo of the rota")
    with qtbot.waitSignal(again.saved) as saved:
        click(qtbot, again.save_button)
    attached = session.repos.attachments.list_for_incident(saved.args[0])
    assert [a.original_name for a in attached] == ["photo.png"]
    assert session.repos.incidents.get(saved.args[0]).attachment_ids == [attached[0].id]


def test_the_lock_closes_the_editor_without_a_question_and_keeps_the_text(  # type: ignore[no-untyped-def]
    qtbot, session, open_editor
) -> None:
    from peerdesk.ui.shell.clearing import close_dialogs

    editor = open_editor()
    type_text(qtbot, editor.narrative, "half a sentence")
    editor.save_draft()  # about_to_lock
    assert close_dialogs() >= 1
    assert not editor.isVisible()
    assert Messages.shown == []  # closing asked nothing
    draft = draft_of(session, editor)
    assert draft is not None and draft.payload["narrative"] == "half a sentence"


def test_files_are_stored_off_the_window_and_closing_first_leaves_nothing(  # type: ignore[no-untyped-def]
    qtbot, session, open_editor, tmp_path: Path
) -> None:
    """A big file is read and stored on a worker: the editor answers meanwhile; closing it
    (or locking) before the worker is done leaves no file in the vault."""
    import os

    big = tmp_path / "recording.bin"
    big.write_bytes(os.urandom(20_000_000))
    editor = open_editor()
    drop_files(qtbot, editor.attachment_list, [big])
    assert "Adding 1 file" in editor.attachment_status.text()
    assert not editor.add_file_button.isEnabled()
    editor.reject()  # before the worker's result can arrive (same thread, no events yet)
    qtbot.waitUntil(lambda: editor.files.adding is None, timeout=30_000)
    assert session.repos.attachments.list_unattached() == []

    again = open_editor()
    drop_files(qtbot, again.attachment_list, [big])
    qtbot.waitUntil(lambda: again.attachment_list.count() == 1, timeout=30_000)
    assert again.add_file_button.isEnabled()
    [stored] = session.repos.attachments.list_unattached()
    assert stored.size == 20_000_000 and stored.original_name == "recording.bin"


# -- small ones (issue 19 item 10) ---------------------------------------------------------------


def test_ticking_the_complaint_date_starts_from_the_incident_date(  # type: ignore[no-untyped-def]
    qtbot, session, open_editor
) -> None:
    """Before: ticking it filled in today, always refused for a past incident."""
    editor = open_editor()
    type_text(qtbot, editor.title, "After my grievance")
    set_date(editor.event_date, date(2024, 3, 5))
    go(qtbot, editor, "Reports and actions")
    click(qtbot, editor.after_complaint)
    click(qtbot, editor.complaint_date.check)
    assert editor.complaint_date.value() == date(2024, 3, 5)
    with qtbot.waitSignal(editor.saved) as saved:
        click(qtbot, editor.save_button)
    assert editor.error_text("complaint_date") == ""
    assert session.repos.incidents.get(saved.args[0]).complaint_date == date(2024, 3, 5)
    # A date the person picked is left alone when the box is ticked again.
    set_date(editor.complaint_date.edit, date(2024, 2, 20))
    click(qtbot, editor.complaint_date.check)
    click(qtbot, editor.complaint_date.check)
    assert editor.complaint_date.value() == date(2024, 2, 20)


def test_a_small_file_shows_its_size_in_bytes(qtbot, open_editor, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    note = tmp_path / "note.txt"
    note.write_bytes(b"x" * 37 + b"\n")
    editor = open_editor()
    drop_files(qtbot, editor.attachment_list, [note])
    qtbot.waitUntil(lambda: editor.attachment_list.count() == 1)
    shown = editor.attachment_list.item(0).text()
    assert "38 bytes" in shown and "MB" not in shown  # before: "3e-05 MB"
