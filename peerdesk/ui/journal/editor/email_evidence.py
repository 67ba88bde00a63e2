"""An email (.eml) chosen or dropped on the Evidence page: it is read (off the GUI thread) and a
dialog offers to fill this new entry from it — the date and time it was sent, its subject, the
people in its headers, its text as a quote from the sender — or, for an entry that has content
already, to add it with its attachments as exhibits described by the headers ("Email from A to
B, cc C, sent …"). Either way the original file is kept byte for byte, and "Add as a plain
file" leaves it to the ordinary attachment path. The reading itself is
:mod:`peerdesk.importing.email` (no Qt)."""

from __future__ import annotations

import html
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from peerdesk.i18n import _, ngettext
from peerdesk.importing.base import ImportedEntry, ImportFailed
from peerdesk.importing.email import MAX_EMAIL_BYTES, read_email
from peerdesk.models.attachment import Attachment
from peerdesk.models.errors import ValidationError
from peerdesk.models.incident_parts import IncidentPerson
from peerdesk.models.person import Person
from peerdesk.models.text import visible_filename
from peerdesk.storage.attachments import AttachmentRejected, AttachmentRepository
from peerdesk.storage.errors import VaultError
from peerdesk.ui.common.workers import Task, run_in_background
from peerdesk.ui.journal.editor.attachments import Stored, store_in_background, taken_back
from peerdesk.ui.journal.editor.fields import say

if TYPE_CHECKING:
    from peerdesk.ui.journal.editor.dialog import IncidentEditor

log = logging.getLogger(__name__)

EMAIL_SUFFIXES = (".eml", ".msg")


@dataclass
class ReadEmail:
    """An email read for the editor: its file name and the entry it would start."""

    name: str
    path: str
    entry: ImportedEntry
    already_imported: bool = False


class EmailOfferDialog(QDialog):
    """What to do with an email: fill the entry from it, add it with its attachments, or add it
    as a plain file. ``choice`` is "fill", "exhibits", "plain" or "" (cancelled)."""

    def __init__(self, parent: QWidget, read: ReadEmail, *, can_fill: bool) -> None:
        super().__init__(parent)
        self.setObjectName("emailOfferDialog")
        self.setWindowTitle(_("An email"))
        self.choice = ""
        entry = read.entry
        attachments = len(entry.files) - 1
        layout = QVBoxLayout(self)
        heading = QLabel(f"<b>{_escape(entry.files[0].description)}</b>")
        heading.setWordWrap(True)
        heading.setObjectName("emailHeaders")
        layout.addWidget(heading)
        files = (
            ngettext(
                "The email file is kept exactly as it is, with its {count} attachment, "
                "each as an exhibit described by these headers.",
                "The email file is kept exactly as it is, with its {count} attachments, "
                "each as an exhibit described by these headers.",
                attachments,
            ).format(count=attachments)
            if attachments
            else _(
                "The email file is kept exactly as it is, as an exhibit described by its headers."
            )
        )
        layout.addWidget(_wrapped(files))
        self.people_box = QCheckBox(
            _("Tick the people in its headers (new names join your cast list): ")
            + ", ".join(entry.people)
        )
        self.people_box.setObjectName("emailPeople")
        self.people_box.setAccessibleName(_("Add the people in the email's headers to the entry"))
        self.people_box.setChecked(True)
        self.people_box.setVisible(can_fill and bool(entry.people))
        if can_fill:
            layout.addWidget(
                _wrapped(
                    _(
                        "“Fill this entry from it” sets the date and time it was sent (on this "
                        "computer's clock), its subject as the short description and its text as "
                        "a quote from the sender. It will show “originally written … according to "
                        "the email”; what PeerDesk records is when you save."
                    )
                )
            )
            layout.addWidget(self.people_box)
        elif read.already_imported:
            layout.addWidget(
                _wrapped(_("An entry was already started from this email; it can be added here."))
            )
        buttons = QDialogButtonBox()
        self.fill_button = QPushButton(_("Fill this entry from it"))
        self.fill_button.setObjectName("fillFromEmail")
        self.exhibits_button = QPushButton(_("Add the email and its attachments"))
        self.exhibits_button.setObjectName("addEmailExhibits")
        self.plain_button = QPushButton(_("Add as a plain file"))
        self.plain_button.setObjectName("addEmailPlain")
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        if can_fill:
            buttons.addButton(self.fill_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.exhibits_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.plain_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self._default = self.fill_button if can_fill else self.exhibits_button
        self.fill_button.clicked.connect(lambda: self._choose("fill"))
        self.exhibits_button.clicked.connect(lambda: self._choose("exhibits"))
        self.plain_button.clicked.connect(lambda: self._choose("plain"))
        cancel.clicked.connect(self.reject)
        layout.addWidget(buttons)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._default.setDefault(True)  # the button box picks its own on show otherwise
        self._default.setFocus()

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()


def _escape(text: str) -> str:
    return html.escape(text)


def _wrapped(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


class EmailEvidence:
    """The editor's emails: :meth:`route` takes the .eml files out of a list of files being
    added and offers each in an :class:`EmailOfferDialog`."""

    def __init__(self, editor: IncidentEditor) -> None:
        self._editor = editor
        self._state = editor.state
        self.dialog: EmailOfferDialog | None = None
        self.reading: Task | None = None
        self.adding: Task | None = None
        self._pending: list[str] = []
        self._plain: set[str] = set()

    def route(self, names: list[str]) -> list[str]:
        """The files to add as they are; the emails among ``names`` are read and offered."""
        rest = []
        for name in names:
            if name in self._plain:
                self._plain.discard(name)
                rest.append(name)
            elif Path(name).suffix.lower() in EMAIL_SUFFIXES:
                self._pending.append(name)
            else:
                rest.append(name)
        self._next()
        return rest

    def _next(self) -> None:
        if self.reading is not None or self.dialog is not None or not self._pending:
            return
        name = self._pending.pop(0)
        state = self._state
        if not state.session.is_open or state.closed:
            self._pending.clear()
            return
        status = self._editor.evidence_page.attachment_status
        # translators: {file} is the email file's name
        say(status, _("Reading the email {file}…").format(file=visible_filename(Path(name).name)))

        def work(_task: Task) -> ReadEmail | str:
            try:
                if Path(name).stat().st_size > MAX_EMAIL_BYTES:
                    return _(
                        "This email is larger than 50 MB, more than the vault keeps as one file."
                    )
                plan = read_email(Path(name))
            except ImportFailed as error:
                return str(error)
            return ReadEmail(Path(name).name, name, plan.entries[0])

        self.reading = run_in_background(
            work, on_success=self._read, on_failure=lambda exc: self._read_failed(name, exc)
        )

    def _read_failed(self, name: str, exc: BaseException) -> None:
        self.reading = None
        log.info("an email could not be read: %s", type(exc).__name__)
        # translators: {file} is the email file's name
        self._say(
            _("{file}: this email could not be read.").format(
                file=visible_filename(Path(name).name)
            )
        )
        self._next()

    def _read(self, result: ReadEmail | str) -> None:
        self.reading = None
        state = self._state
        if state.closed or not state.session.is_open:
            return
        if isinstance(result, str):
            self._say(result)
            self._next()
            return
        provenance = result.entry.incident.provenance
        if provenance is not None:
            found = state.session.repos.incidents.imported_fingerprints([provenance.fingerprint])
            result.already_imported = bool(found)
        self.offer(result)

    def offer(self, read: ReadEmail) -> EmailOfferDialog:
        """Show the dialog for an email read (tests call it with a read of their own)."""
        can_fill = (
            self._state.incident_id is None
            and self._editor.provenance_line.provenance is None
            and not read.already_imported
        )
        self._say("")
        dialog = EmailOfferDialog(self._editor, read, can_fill=can_fill)
        dialog.finished.connect(lambda _result: self._chosen(dialog, read))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _chosen(self, dialog: EmailOfferDialog, read: ReadEmail) -> None:
        self.dialog = None
        dialog.deleteLater()
        if not self._state.session.is_open or self._state.closed:
            return
        if dialog.choice == "fill":
            self.fill(read, with_people=dialog.people_box.isChecked())
        if dialog.choice in ("fill", "exhibits"):
            self.add_exhibits(read)
        elif dialog.choice == "plain":
            self._plain.add(read.path)
            self._editor.files.add_files_in_background([read.path])
        self._next()

    # -- what a choice does --------------------------------------------------------------------

    def fill(self, read: ReadEmail, *, with_people: bool) -> None:
        """Put the email's entry into the editor's fields (nothing is saved until Save)."""
        editor, state = self._editor, self._state
        incident = read.entry.incident
        current = editor.incident()
        incident.attachment_ids = current.attachment_ids
        if with_people:
            ids = self._people_ids(read.entry.people)
            incident.people = [IncidentPerson(person_id=i) for i in ids.values()]
            sender = incident.quotes[0].speaker_label if incident.quotes else ""
            if sender in ids:
                incident.quotes[0].speaker_person_id = ids[sender]
        state.people = state.session.repos.persons.list()
        editor.fill_people()
        editor.fill(incident)
        editor.people_page.set_people_roles(editor.people_page.ticked_people())
        editor.drafts.changed()

    def _people_ids(self, names: list[str]) -> dict[str, int]:
        repo = self._state.session.repos.persons
        known = {p.display_name.casefold(): p for p in repo.list() if p.id is not None}
        found: dict[str, int] = {}
        for name in names:
            person = known.get(name.casefold())
            if person is None:
                try:
                    person = repo.add(Person(display_name=name).cleaned())
                except (ValidationError, VaultError):
                    continue
                known[name.casefold()] = person
            if person.id is not None:
                found[name] = person.id
        return found

    def add_exhibits(self, read: ReadEmail) -> None:
        """Store the email and its attachments through the attachment repository, each with
        its description from the headers, on a worker with its own connection (an email may
        be 50 MB); they are listed under the entry when done. Closing the editor or locking
        first leaves nothing behind."""
        state = self._state
        repo: AttachmentRepository = state.session.repos.attachments
        incident_id, slot = state.incident_id, state.slot or None
        count = len(read.entry.files) - 1
        self._say(
            ngettext(
                "Adding the email and its {count} attachment…",
                "Adding the email and its {count} attachments…",
                count,
            ).format(count=count)
        )

        def store(mine: AttachmentRepository, _task: Task) -> Stored:
            return store_email(mine, read, incident_id, slot)

        self.adding = store_in_background(
            repo, store, on_success=self._added, on_failure=self._adding_failed
        )

    def _added(self, result: tuple[list[Attachment], list[str]]) -> None:
        task, self.adding = self.adding, None
        added, problems = result
        state = self._state
        if taken_back(state, task, added):
            return
        state.attachments.extend(added)
        self._editor.files.show()
        if added:
            self._editor.drafts.changed()
            if state.incident_id is None:
                self._editor.drafts.save_draft()  # the draft that owns the files exists now
        done = (
            [
                ngettext(
                    "Added {count} file from the email to your vault.",
                    "Added {count} files from the email to your vault.",
                    len(added),
                ).format(count=len(added))
            ]
            if added
            else []
        )
        self._say("\n".join(done + problems))

    def _adding_failed(self, exc: BaseException) -> None:
        self.adding = None
        if self._state.closed:
            return
        log.info("an email's files could not be added: %s", type(exc).__name__)
        self._say(_("The email's files could not be added. Nothing was changed; try again."))

    def _say(self, text: str) -> None:
        say(self._editor.evidence_page.attachment_status, text)


def store_email(
    repo: AttachmentRepository, read: ReadEmail, incident_id: int | None, slot: str | None
) -> tuple[list[Attachment], list[str]]:
    """Add each of the email's files with its description (no Qt: runs on a worker). Returns
    what was added and one sentence per file that was not."""
    added: list[Attachment] = []
    problems: list[str] = []
    for file in read.entry.files:
        try:
            added.append(
                repo.add(
                    incident_id,
                    file.name,
                    file.data,
                    description=file.description,
                    draft_slot=slot,
                )
            )
        except AttachmentRejected as error:
            # translators: {file} is a file's name, {reason} a sentence saying what is wrong
            problems.append(
                _("{file}: {reason}").format(
                    file=visible_filename(file.name), reason=error.user_message
                )
            )
        except (ValidationError, VaultError):
            problems.append(
                _("{file}: this file could not be added.").format(file=visible_filename(file.name))
            )
    return added, problems
