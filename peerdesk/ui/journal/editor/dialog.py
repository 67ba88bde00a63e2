"""The journal entry editor: every field of REPORTING.md, in seven calm sections.

What happened · People and witnesses · Words used · Impact · Reports and actions · Evidence ·
Private reflection. The editor keeps a draft inside the vault a moment after each change
(and when the vault locks: :meth:`IncidentEditor.save_draft`); Save writes a revision. After a
save a quality panel suggests, gently, what a reader would look for; it never blocks.

Each editor keeps its own draft: a new entry's draft has a slot of its own (several new entries
can be unsaved at once, and Home's quick capture has another), so nothing typed in one can
replace another. Attachments are read into the vault as soon as they are added; a new entry's
attachments belong to its draft (removed with it) and are attached on its first save. Nothing
is ever written outside the vault except a copy the user explicitly saves ("Save a copy…").
The window title never shows content.

:class:`IncidentEditor` only assembles: the pages (:mod:`.pages`) hold the fields, and helper
objects carry each family of actions — :class:`~.drafts.DraftKeeper` (``drafts``),
:class:`~.saving.Saver` (``saver``), :class:`~.attachment_actions.AttachmentActions`
(``files``), :class:`~.people_actions.PeopleActions` (``people_actions``) and
:class:`~.withdraw.WithdrawActions` (``withdrawal``).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from peerdesk.i18n import N_, _
from peerdesk.models import Incident
from peerdesk.models.draft import new_entry_slot
from peerdesk.models.person import Person
from peerdesk.storage.incidents import IncidentSummary
from peerdesk.storage.repository import Page
from peerdesk.ui.common.accessibility import label_for, set_name
from peerdesk.ui.common.session import VaultSession
from peerdesk.ui.journal.editor.attachment_actions import AttachmentActions
from peerdesk.ui.journal.editor.drafts import DraftKeeper
from peerdesk.ui.journal.editor.email_evidence import EmailEvidence
from peerdesk.ui.journal.editor.fields import ReadOnlyLine, set_description, watch
from peerdesk.ui.journal.editor.pages.base import SectionPage
from peerdesk.ui.journal.editor.pages.evidence import EvidencePage
from peerdesk.ui.journal.editor.pages.impact import ImpactPage
from peerdesk.ui.journal.editor.pages.people import PeoplePage
from peerdesk.ui.journal.editor.pages.private import PrivatePage
from peerdesk.ui.journal.editor.pages.reports import ReportsPage
from peerdesk.ui.journal.editor.pages.what import WhatPage
from peerdesk.ui.journal.editor.pages.words import WordsPage
from peerdesk.ui.journal.editor.people import QuickPersonDialog
from peerdesk.ui.journal.editor.people_actions import PeopleActions
from peerdesk.ui.journal.editor.provenance_line import ProvenanceLine
from peerdesk.ui.journal.editor.quality import QualityPanel
from peerdesk.ui.journal.editor.rows import RowList
from peerdesk.ui.journal.editor.saving import Saver
from peerdesk.ui.journal.editor.sections import SectionList
from peerdesk.ui.journal.editor.state import EditorState
from peerdesk.ui.journal.editor.withdraw import WithdrawActions
from peerdesk.ui.journal.history import HistoryDialog, WithdrawDialog

RECENT_INCIDENTS = 60

SECTIONS = (
    N_("What happened"),
    N_("People and witnesses"),
    N_("Words used"),
    N_("Impact"),
    N_("Reports and actions"),
    N_("Evidence"),
    N_("Private reflection"),
)


class IncidentEditor(QDialog):
    """Create or change one journal entry. Non-modal: open it with ``show()``."""

    saved = Signal(int)

    def __init__(
        self,
        session: VaultSession,
        incident_id: int | None = None,
        parent: QWidget | None = None,
        *,
        draft_slot: str | None = None,
        from_capture: bool = False,
    ) -> None:
        """``incident_id`` None: a new entry, with a draft of its own (``draft_slot``: reopen
        that unsaved draft). ``from_capture``: start from Home's quick capture (text and
        time); saving the entry then removes the capture."""
        super().__init__(parent)
        self.setObjectName("incidentEditor")
        self.setWindowTitle(_("Journal entry"))
        self.state = EditorState(
            session=session,
            incident_id=incident_id,
            slot="" if incident_id is not None else (draft_slot or new_entry_slot()),
            from_capture=from_capture and incident_id is None,
        )
        self.people_actions = PeopleActions(self)
        self._build()
        self.drafts = DraftKeeper(self)
        self.saver = Saver(self)
        self.files = AttachmentActions(self)
        self.emails = EmailEvidence(self)
        self.withdrawal = WithdrawActions(self)
        self.people_page.add_button.clicked.connect(self.people_actions.add_person)
        self.save_button.clicked.connect(self.saver.save)
        self.discard_button.clicked.connect(self.drafts.discard_draft)
        self.history_button.clicked.connect(self.withdrawal.show_history)
        self.withdraw_button.clicked.connect(self.withdrawal.withdraw_or_restore)
        for page in self.section_pages:
            watch(page, self.drafts.changed)
        session.closing.connect(self._on_vault_closing)
        self.state.people = session.repos.persons.list()
        self.drafts.load()
        self.resize(1000, 740)
        self.section_list.setFocus()  # first, as before "Recorded at" became a Tab stop

    # -- layout --------------------------------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 14, 16, 14)
        outer.setSpacing(10)
        outer.addLayout(self._header())

        middle = QHBoxLayout()
        self.section_list = SectionList(SECTIONS)
        set_name(
            self.section_list,
            _("Sections of the entry"),
            _("The up and down arrow keys show each section of the entry."),
        )
        self.pages = QStackedWidget()
        self.section_list.currentRowChanged.connect(self.pages.setCurrentIndex)
        middle.addWidget(self.section_list)
        middle.addWidget(self.pages, 1)
        outer.addLayout(middle, 1)
        self._build_pages()
        self.section_list.setCurrentRow(0)

        self.quality_panel = QualityPanel(self.go_to_field, self.narrative)
        self.quality_text = self.quality_panel.quality_text
        outer.addWidget(self.quality_panel)
        self.status = QLabel()
        self.status.setObjectName("editorStatus")
        self.status.setWordWrap(True)
        outer.addWidget(self.status)
        outer.addLayout(self._buttons())

    def _header(self) -> QGridLayout:
        header = QGridLayout()
        header.setHorizontalSpacing(10)
        self.record_label = QLabel()
        self.record_label.setObjectName("recordNumber")
        self.recorded_at = ReadOnlyLine()
        self.recorded_at.setObjectName("recordedAt")
        self.recorded_at.setToolTip(
            _(
                "Set by PeerDesk when the entry is first saved. It never "
                "changes, so a reader can trust when this was written."
            )
        )
        recorded_label = QLabel(_("Recorded at"))
        label_for(recorded_label, self.recorded_at)
        set_description(self.recorded_at, self.recorded_at.toolTip())
        header.addWidget(self.record_label, 0, 0, 1, 2)
        header.addWidget(recorded_label, 1, 0)
        header.addWidget(self.recorded_at, 1, 1)
        self.provenance_line = ProvenanceLine(header, 2, self.state.session)
        header.setColumnStretch(1, 1)
        return header

    def _build_pages(self) -> None:
        people = self._cast
        self.what = what = WhatPage()
        self.people_page = p = PeoplePage(people, self.people_actions.involvement, self._typed)
        self.words = w = WordsPage(people)
        self.impact = i = ImpactPage()
        self.reports_page = r = ReportsPage(
            people, self._related, what.event_date, lambda: self.state.loading
        )
        self.evidence_page = e = EvidencePage(people)
        self.private = PrivatePage()
        self.section_pages: list[SectionPage] = [what, p, w, i, r, e, self.private]
        for page in self.section_pages:
            page.finish()
            self.pages.addWidget(page)
        # The fields by their old names, as the shell and the tests reach them.
        self.title, self.narrative, self.tags, self.severity = (
            what.title, what.narrative, what.tags, what.severity)  # fmt: skip
        self.event_date, self.event_time, self.time_known, self.approximate = (
            what.event_date, what.event_time, what.time_known, what.approximate)  # fmt: skip
        self.duration, self.channel, self.place, self.category_boxes = (
            what.duration, what.channel, what.place, what.category_boxes)  # fmt: skip
        self.people_list, self.witnesses = p.people_list, p.witnesses
        self.quotes, self.my_response, self.their_reaction = (
            w.quotes, w.my_response, w.their_reaction)  # fmt: skip
        self.impact_emotional, self.impact_physical, self.impact_work = (
            i.impact_emotional, i.impact_physical, i.impact_work)  # fmt: skip
        self.impact_home, self.impact_help, self.impact_help_date = (
            i.impact_home, i.impact_help, i.impact_help_date)  # fmt: skip
        self.told, self.reports, self.attempts, self.related = (
            r.told, r.reports, r.attempts, r.related)  # fmt: skip
        self.after_complaint, self.complaint_date = r.after_complaint, r.complaint_date
        self.attachment_list, self.attachment_status, self.preview = (
            e.attachment_list, e.attachment_status, e.preview)  # fmt: skip
        self.add_file_button, self.save_copy_button, self.remove_file_button = (
            e.add_file_button, e.save_copy_button, e.remove_file_button)  # fmt: skip
        self.evidence, self.reflection = e.evidence, self.private.reflection

    def _buttons(self) -> QHBoxLayout:
        buttons = QHBoxLayout()
        self.history_button = QPushButton(_("History of changes…"))
        self.history_button.setObjectName("historyButton")
        # translators: button that saves the entry (a verb)
        self.save_button = QPushButton(_("Save"))
        self.save_button.setObjectName("saveButton")
        self.save_button.setDefault(True)
        # translators: button that closes the entry's window
        self.close_button = QPushButton(_("Close"))
        self.close_button.clicked.connect(self.close)
        self.withdraw_button = QPushButton(_("Withdraw…"))
        self.withdraw_button.setObjectName("withdrawButton")
        self.withdraw_button.setAccessibleName(_("Withdraw or restore this entry"))
        self.withdraw_button.setToolTip(
            _("Withdraw this entry as made in error, or restore it. Its history is kept.")
        )
        buttons.addWidget(self.history_button)
        # Throw away this editor's draft (a new entry: with the files added to it).
        self.discard_button = QPushButton(_("Discard unsaved…"))
        self.discard_button.setObjectName("discardDraft")
        self.discard_button.setAccessibleName(_("Discard what is not saved"))
        buttons.addWidget(self.discard_button)
        buttons.addWidget(self.withdraw_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.save_button)
        return buttons

    def _cast(self) -> list[Person]:
        return self.state.people

    def _typed(self) -> None:
        self.drafts.changed()

    def _related(self, selected: list[int]) -> list[IncidentSummary]:
        """Recent entries (and those already ticked) to offer as related."""
        repo = self.state.session.repos.incidents
        summaries = [
            s for s in repo.list(page=Page(0, RECENT_INCIDENTS)) if s.id != self.state.incident_id
        ]
        shown = {s.id for s in summaries}
        missing = [i for i in selected if i not in shown]
        return summaries + list(repo.summaries(missing).values())

    def row_lists(self) -> tuple[RowList, ...]:
        return (self.quotes, self.witnesses, self.told, self.reports, self.evidence)

    # -- between the widgets and an incident ---------------------------------------------------

    def fill_people(self) -> None:
        self.people_page.fill_people()
        for rows in (self.witnesses, self.quotes):
            rows.set_people(self.state.people)

    def fill(self, incident: Incident) -> None:
        """Show ``incident`` in every widget."""
        was_loading, self.state.loading = self.state.loading, True
        try:
            for page in self.section_pages:
                page.fill(incident)
            self.provenance_line.show_for(incident.provenance)
        finally:
            self.state.loading = was_loading

    def incident(self) -> Incident:
        """The entry as typed (not validated)."""
        stored = self.state.stored
        values = {}
        for page in self.section_pages:
            values.update(page.values())
        return Incident(
            id=self.state.incident_id,
            record_number=stored.record_number if stored else None,
            recorded_at=stored.recorded_at if stored else None,
            attachment_ids=[a.id for a in self.state.attachments if a.id is not None],
            provenance=self.provenance_line.provenance,
            **values,
        )

    # -- what the shell, the lock and the tests call -------------------------------------------

    @property
    def has_unsaved_changes(self) -> bool:
        return self.state.dirty

    @property
    def incident_id(self) -> int | None:
        return self.state.incident_id

    @property
    def draft_slot(self) -> str:
        """The slot of this editor's draft ("" once the entry is saved)."""
        return self.state.slot

    @property
    def role_edits(self) -> dict[int, QLineEdit]:
        return self.people_page.role_edits

    @property
    def person_dialog(self) -> QuickPersonDialog | None:
        return self.people_actions.dialog

    @property
    def history_dialog(self) -> HistoryDialog | None:
        return self.withdrawal.history_dialog

    @property
    def withdraw_dialog(self) -> WithdrawDialog | None:
        return self.withdrawal.withdraw_dialog

    def save(self) -> bool:
        return self.saver.save()

    def save_draft(self) -> bool:
        return self.drafts.save_draft()

    def error_text(self, path: str) -> str:
        return self.saver.error_text(path)

    def go_to_field(self, path: str) -> None:
        self.saver.go_to_field(path)

    # -- closing -------------------------------------------------------------------------------

    def _on_vault_closing(self) -> None:
        """Lock or quit: keep the text as a draft, then drop everything shown."""
        self.files.stop_adding()
        self.drafts.save_draft()
        self.drafts.autosave.stop()
        self.state.loading = True
        for edit in self.findChildren(QLineEdit):
            edit.clear()
        for text in self.findChildren(QPlainTextEdit):
            text.clear()
        for listing in self.findChildren(QListWidget):
            if listing is not self.section_list:
                listing.clear()
        for rows in self.row_lists():
            rows.clear_rows()
        self.quality_text.clear()
        self.preview.clear()
        state = self.state
        state.attachments, state.people, state.stored, state.capture_text = [], [], None, None
        state.dirty = False

    def reject(self) -> None:
        # Called on Close, Escape and by the lock; must never ask a question.
        self.files.stop_adding()
        self.drafts.save_draft()
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.drafts.save_draft()
        super().closeEvent(event)
