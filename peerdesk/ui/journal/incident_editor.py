"""The journal entry editor: every field of REPORTING.md, in seven calm sections.

What happened · People and witnesses · Words used · Impact · Reports and actions · Evidence ·
Private reflection. The editor keeps a draft inside the vault a few seconds after each change
(and when the vault locks: :meth:`IncidentEditor.save_draft`); Save writes a revision. After a
save a quality panel suggests, gently, what a reader would look for; it never blocks.

Each editor keeps its own draft: a new entry's draft has a slot of its own (several new entries
can be unsaved at once, and Home's quick capture has another), so nothing typed in one can
replace another. Attachments are read into the vault as soon as they are added; a new entry's
attachments belong to its draft (removed with it) and are attached on its first save. Nothing
is ever written outside the vault except a copy the user explicitly saves ("Save a copy…").
The window title never shows content.
"""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Callable
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QDate,
    QIODevice,
    QSaveFile,
    QSize,
    Qt,
    QTime,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QCloseEvent,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QImageReader,
    QPixmap,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QStackedWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from peerdesk.models import Draft, Incident, RecordKind
from peerdesk.models.attachment import Attachment
from peerdesk.models.draft import CAPTURE_SLOT, capture_when, new_entry_slot
from peerdesk.models.enums import Channel, IncidentCategory, Relationship, ReportRecipient
from peerdesk.models.errors import ValidationError
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
from peerdesk.models.quality import QualityReport, check_quality
from peerdesk.models.serialize import incident_to_dict, record_from_dict
from peerdesk.models.text import visible_filename
from peerdesk.models.timing import DURATION_MAX_MINUTES
from peerdesk.storage.attachments import (
    AttachmentRejected,
    AttachmentRepository,
    AttachmentTooLarge,
    format_size,
)
from peerdesk.storage.errors import VaultError
from peerdesk.storage.repository import Page
from peerdesk.ui.common.file_dialogs import forget_folders_after
from peerdesk.ui.common.messages import Button, Messages
from peerdesk.ui.common.session import VaultSession
from peerdesk.ui.common.theme import accent_style
from peerdesk.ui.common.workers import Task, run_in_background
from peerdesk.ui.journal.history import (
    HistoryDialog,
    WithdrawDialog,
    local_time_text,
    restore_entry,
    withdraw_entry,
)

#: A draft is saved this long after the last change (and on lock, and on close).
AUTOSAVE_MS = 3000
#: Pictures larger than this (declared in their header) are not decoded for a preview.
PREVIEW_MAX_SIDE = 12_000
PREVIEW_MAX_PIXELS = 60_000_000
PREVIEW_BOX = QSize(520, 340)
#: Qt's image reader refuses to allocate more than this many MB for one picture.
PREVIEW_ALLOCATION_MB = 256
RECENT_INCIDENTS = 60

SECTIONS = (
    "What happened",
    "People and witnesses",
    "Words used",
    "Impact",
    "Reports and actions",
    "Evidence",
    "Private reflection",
)

SEVERITY_WORDS = {
    1: "1 — Minor, but worth noting",
    2: "2 — Upsetting",
    3: "3 — Serious",
    4: "4 — Very serious",
    5: "5 — Severe: it affected my safety or health",
}

PRIVATE_NOTE = "Private — never exported unless you choose"
_PATH_RE = re.compile(r"^(?P<name>[a-z_]+)(?:\[(?P<index>\d+)\])?(?:\.(?P<part>[a-z_]+))?$")
_ID_ROLE = Qt.ItemDataRole.UserRole
#: In a new entry's draft: the quick-capture text it started from (removed when it is saved).
_CAPTURE_KEY = "from_quick_capture"

log = logging.getLogger(__name__)


def _muted() -> str:
    app = QApplication.instance()
    dark = app is not None and app.property("peerdeskTheme") == "dark"
    return accent_style(dark)["muted"]


def _qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def _pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def _day(value: date) -> str:
    return f"{value.day} {value:%b %Y}"


def _text_edit(placeholder: str, height: int = 90, *, grow: bool = False) -> QPlainTextEdit:
    """A multi-line field ``height`` pixels high; ``grow`` lets it take spare room (up to
    twice that)."""
    edit = QPlainTextEdit()
    edit.setPlaceholderText(placeholder)
    edit.setTabChangesFocus(True)
    if grow:
        edit.setMinimumHeight(height)
        edit.setMaximumHeight(height * 2)
    else:
        edit.setFixedHeight(height)
    return edit


def _line(placeholder: str = "") -> QLineEdit:
    edit = QLineEdit()
    edit.setPlaceholderText(placeholder)
    return edit


# -- small building blocks ---------------------------------------------------------------------


class OptionalDate(QWidget):
    """A date that may be left out: a check box "Known" and a date field."""

    changed = Signal()

    def __init__(self, label: str = "Date known", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.known = QCheckBox(label)
        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("d MMM yyyy")
        self.date.setDate(QDate.currentDate())
        self.date.setEnabled(False)
        self.known.toggled.connect(self.date.setEnabled)
        self.known.toggled.connect(self.changed)
        self.date.dateChanged.connect(self.changed)
        layout.addWidget(self.known)
        layout.addWidget(self.date)
        layout.addStretch(1)

    def value(self) -> date | None:
        return _pydate(self.date.date()) if self.known.isChecked() else None

    def set_value(self, value: date | None) -> None:
        self.known.setChecked(value is not None)
        if value is not None:
            self.date.setDate(_qdate(value))


class PersonCombo(QComboBox):
    """A cast-list person, or nobody (the first item: ``none_text``)."""

    def __init__(self, none_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._none = none_text
        self.set_people([])

    def set_people(self, people: list[Person]) -> None:
        current = self.person_id()
        self.blockSignals(True)
        self.clear()
        self.addItem(self._none, None)
        for person in people:
            self.addItem(person.display_name, person.id)
        self.blockSignals(False)
        self.set_person_id(current)

    def person_id(self) -> int | None:
        value = self.currentData()
        return int(value) if value is not None else None

    def set_person_id(self, person_id: int | None) -> None:
        index = self.findData(person_id) if person_id is not None else 0
        self.setCurrentIndex(max(0, index))


class RowCard(QFrame):
    """One item of a repeated group (a quote, a witness, ...) with its own Remove button."""

    remove_requested = Signal(object)

    def __init__(self, remove_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rowCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 10, 12, 10)
        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        outer.addLayout(self.form)
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.hide()
        outer.addWidget(self.error)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        self.remove_button = QPushButton(remove_text)
        self.remove_button.clicked.connect(lambda: self.remove_requested.emit(self))
        bottom.addWidget(self.remove_button)
        outer.addLayout(bottom)
        self.fields: dict[str, QWidget] = {}

    def add(self, key: str, label: str, widget: QWidget) -> None:
        self.fields[key] = widget
        self.form.addRow(label, widget)

    def set_people(self, people: list[Person]) -> None:
        for widget in self.fields.values():
            if isinstance(widget, PersonCombo):
                widget.set_people(people)


class QuoteRow(RowCard):
    def __init__(self, people: list[Person]) -> None:
        super().__init__("Remove this quote")
        self.speaker = PersonCombo("Someone else (describe below)")
        self.speaker.set_people(people)
        self.speaker_label = _line("e.g. “a man from Finance”, or leave empty")
        self.text = _text_edit("The words, exactly as you remember them", 70)
        self.add("speaker_person_id", "Who said it", self.speaker)
        self.add("speaker_label", "Or describe them", self.speaker_label)
        self.add("text", "Words said", self.text)

    def value(self) -> Quote:
        return Quote(
            speaker_person_id=self.speaker.person_id(),
            speaker_label=self.speaker_label.text(),
            text=self.text.toPlainText(),
        )

    def set_value(self, quote: Quote) -> None:
        self.speaker.set_person_id(quote.speaker_person_id)
        self.speaker_label.setText(quote.speaker_label)
        self.text.setPlainText(quote.text)


_CONFIRM_CHOICES: tuple[tuple[str, bool | None], ...] = (
    ("Not asked / don't know", None),
    ("Yes", True),
    ("No", False),
)


class WitnessRow(RowCard):
    def __init__(self, people: list[Person]) -> None:
        super().__init__("Remove this witness")
        self.person = PersonCombo("Not in my list (name below)")
        self.person.set_people(people)
        self.name = _line("Name or initials, e.g. “K. O.”")
        self.where = _line("e.g. at the next desk, on the call")
        self.reacted = _line("e.g. looked away, came over afterwards")
        self.willing = QComboBox()
        for text, value in _CONFIRM_CHOICES:
            self.willing.addItem(text, value)
        self.add("person_id", "Person", self.person)
        self.add("name", "Or their name", self.name)
        self.add("where", "Where they were", self.where)
        self.add("reacted", "How they reacted", self.reacted)
        self.add("willing_to_confirm", "Would confirm it", self.willing)

    def value(self) -> Witness:
        return Witness(
            person_id=self.person.person_id(),
            name=self.name.text(),
            where=self.where.text(),
            reacted=self.reacted.text(),
            willing_to_confirm=self.willing.currentData(),
        )

    def set_value(self, witness: Witness) -> None:
        self.person.set_person_id(witness.person_id)
        self.name.setText(witness.name)
        self.where.setText(witness.where)
        self.reacted.setText(witness.reacted)
        for index, (_text, value) in enumerate(_CONFIRM_CHOICES):
            if value is witness.willing_to_confirm:
                self.willing.setCurrentIndex(index)


class ToldRow(RowCard):
    def __init__(self, _people: list[Person]) -> None:
        super().__init__("Remove")
        self.who = _line("e.g. my partner, a colleague (initials are fine)")
        self.when = OptionalDate("I know when")
        self.how = _line("e.g. in person, by text message")
        self.add("who", "Who", self.who)
        self.add("when", "When", self.when)
        self.add("how", "How", self.how)

    def value(self) -> ToldSomeone:
        return ToldSomeone(who=self.who.text(), when=self.when.value(), how=self.how.text())

    def set_value(self, told: ToldSomeone) -> None:
        self.who.setText(told.who)
        self.when.set_value(told.when)
        self.how.setText(told.how)


class ReportRow(RowCard):
    def __init__(self, _people: list[Person]) -> None:
        super().__init__("Remove this report")
        self.recipient = QComboBox()
        for recipient in ReportRecipient:
            self.recipient.addItem(recipient.label, recipient.value)
        self.detail = _line("e.g. HR business partner, my line manager's manager")
        self.reported_on = OptionalDate("I know the date")
        self.reference = _line("e.g. a case number, if you were given one")
        self.outcome = _text_edit("What they said or did about it, so far", 60)
        self.add("recipient", "Reported to", self.recipient)
        self.add("recipient_detail", "Who exactly", self.detail)
        self.add("reported_on", "Date", self.reported_on)
        self.add("reference", "Reference", self.reference)
        self.add("outcome", "Response or outcome", self.outcome)

    def value(self) -> ReportMade:
        return ReportMade(
            recipient=ReportRecipient(self.recipient.currentData()),
            recipient_detail=self.detail.text(),
            reported_on=self.reported_on.value(),
            reference=self.reference.text(),
            outcome=self.outcome.toPlainText(),
        )

    def set_value(self, report: ReportMade) -> None:
        self.recipient.setCurrentIndex(max(0, self.recipient.findData(report.recipient.value)))
        self.detail.setText(report.recipient_detail)
        self.reported_on.set_value(report.reported_on)
        self.reference.setText(report.reference)
        self.outcome.setPlainText(report.outcome)


class EvidenceRow(RowCard):
    def __init__(self, _people: list[Person]) -> None:
        super().__init__("Remove")
        self.what = _line("e.g. the meeting recording, CCTV, a chat in a group I left")
        self.where = _line("e.g. Teams, the security office")
        self.held_by = _line("e.g. IT department, the meeting organiser")
        self.add("what", "What it is", self.what)
        self.add("where", "Where it is", self.where)
        self.add("held_by", "Who holds it", self.held_by)

    def value(self) -> EvidenceNotHeld:
        return EvidenceNotHeld(
            what=self.what.text(), where=self.where.text(), held_by=self.held_by.text()
        )

    def set_value(self, evidence: EvidenceNotHeld) -> None:
        self.what.setText(evidence.what)
        self.where.setText(evidence.where)
        self.held_by.setText(evidence.held_by)


class RowList(QWidget):
    """A repeated group: cards stacked vertically and an Add button below them."""

    changed = Signal()

    def __init__(
        self,
        row_type: type[Any],
        add_text: str,
        empty_text: str,
        people: Callable[[], list[Person]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._row_type = row_type
        self._people = people
        self.rows: list[Any] = []
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.empty = QLabel(empty_text)
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet(f"color: {_muted()};")
        self._layout.addWidget(self.empty)
        self.add_button = QPushButton(add_text)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addStretch(1)
        self._layout.addLayout(row)
        self.add_button.clicked.connect(lambda: self.add_row(focus=True))

    def add_row(self, value: Any = None, *, focus: bool = False) -> Any:
        row = self._row_type(self._people())
        if value is not None:
            row.set_value(value)
        row.remove_requested.connect(self.remove_row)
        self._layout.insertWidget(len(self.rows) + 1, row)
        self.rows.append(row)
        watch(row, self.changed.emit)
        self.empty.setVisible(False)
        if focus:
            first = next(iter(row.fields.values()))
            first.setFocus()
            QTimer.singleShot(0, lambda: self._scroll_to(row))
        self.changed.emit()
        return row

    def _scroll_to(self, row: QWidget) -> None:
        """Bring a new card into view once the layout has made room for it."""
        if row not in self.rows:
            return
        parent = self.parentWidget()
        while parent is not None and not isinstance(parent, QScrollArea):
            parent = parent.parentWidget()
        if parent is not None:
            parent.ensureWidgetVisible(row)

    def remove_row(self, row: Any) -> None:
        if row in self.rows:
            self.rows.remove(row)
            row.hide()
            row.deleteLater()
        self.empty.setVisible(not self.rows)
        self.changed.emit()

    def values(self) -> list[Any]:
        return [row.value() for row in self.rows]

    def set_values(self, values: list[Any]) -> None:
        for row in list(self.rows):
            self.remove_row(row)
        for value in values:
            self.add_row(value)

    def set_people(self, people: list[Person]) -> None:
        for row in self.rows:
            row.set_people(people)


def watch(root: QWidget, slot: Callable[[], None]) -> None:
    """Call ``slot`` whenever an input inside ``root`` changes."""

    def relay(*_args: object) -> None:
        slot()

    for widget in [root, *root.findChildren(QWidget)]:
        if isinstance(widget, QLineEdit):
            widget.textEdited.connect(relay)
        elif isinstance(widget, QPlainTextEdit):
            widget.textChanged.connect(relay)
        elif isinstance(widget, QComboBox):
            widget.activated.connect(relay)
        elif isinstance(widget, QCheckBox):
            widget.clicked.connect(relay)
        elif isinstance(widget, QDateEdit):
            widget.dateChanged.connect(relay)
        elif isinstance(widget, QTimeEdit):
            widget.timeChanged.connect(relay)
        elif isinstance(widget, QSpinBox):
            widget.valueChanged.connect(relay)
        elif isinstance(widget, QListWidget):
            widget.itemChanged.connect(relay)


class TagCompleter(QCompleter):
    """Completes the last of comma-separated tags."""

    def __init__(self, tags: list[str], edit: QLineEdit) -> None:
        super().__init__(tags, edit)
        self._edit = edit
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def splitPath(self, path: str) -> list[str]:
        return [path.rsplit(",", 1)[-1].strip()]

    def pathFromIndex(self, index: Any) -> str:
        text = self._edit.text()
        head = text.rsplit(",", 1)[0] + ", " if "," in text else ""
        return head + str(index.data())


class AttachmentList(QListWidget):
    """The evidence list; files dropped on it are offered to ``files_dropped``."""

    files_dropped = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.setDropIndicatorShown(False)

    @staticmethod
    def _local_files(event: QDropEvent | QDragEnterEvent | QDragMoveEvent) -> list[str]:
        mime = event.mimeData()
        if mime is None or not mime.hasUrls():
            return []
        return [url.toLocalFile() for url in mime.urls() if url.isLocalFile()]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._local_files(event):
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self._local_files(event):
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        files = self._local_files(event)
        if not files:
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        self.files_dropped.emit(files)


class QuickPersonDialog(QDialog):
    """ "Add a person…": the few details the cast list needs, without leaving the entry."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("quickPersonDialog")
        self.setWindowTitle("Add a person")
        layout = QVBoxLayout(self)
        intro = QLabel("Initials or a nickname are enough. You can add more in the cast list.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.name = _line("e.g. “M. T.” or “the new team lead”")
        self.role = _line("e.g. Team lead, Finance")
        self.relationship = QComboBox()
        for relationship in Relationship:
            self.relationship.addItem(relationship.label, relationship.value)
        self.holds_power = QCheckBox("This person has power over me (e.g. decides on my work)")
        form.addRow("Name or initials", self.name)
        form.addRow("Their role", self.role)
        form.addRow("Relationship to me", self.relationship)
        form.addRow("", self.holds_power)
        layout.addLayout(form)
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Add")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def person(self) -> Person:
        return Person(
            display_name=self.name.text(),
            role=self.role.text(),
            relationship=Relationship(self.relationship.currentData()),
            holds_power=self.holds_power.isChecked(),
        )


class _Page(QScrollArea):
    """One section: an intro line, then labelled fields with helper text and inline errors."""

    def __init__(self, title: str, intro: str) -> None:
        super().__init__()
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        self.body = QVBoxLayout(body)
        self.body.setContentsMargins(24, 18, 24, 24)
        self.body.setSpacing(6)
        heading = QLabel(f"<h3>{html.escape(title)}</h3>")
        self.body.addWidget(heading)
        helper = QLabel(intro)
        helper.setWordWrap(True)
        helper.setStyleSheet(f"color: {_muted()};")
        self.body.addWidget(helper)
        self.setWidget(body)

    def field(self, label: str, widget: QWidget | None, helper: str = "") -> QLabel:
        """Add a labelled field; returns its (hidden) inline error label."""
        self.body.addSpacing(8)
        caption = QLabel(f"<b>{html.escape(label)}</b>")
        caption.setWordWrap(True)
        self.body.addWidget(caption)
        if helper:
            note = QLabel(helper)
            note.setWordWrap(True)
            note.setStyleSheet(f"color: {_muted()};")
            self.body.addWidget(note)
        if widget is not None:
            if isinstance(widget, QLineEdit | QPlainTextEdit | QComboBox | QDateEdit):
                caption.setBuddy(widget)
            self.body.addWidget(widget)
        error = QLabel()
        error.setObjectName("fieldError")
        error.setWordWrap(True)
        error.hide()
        self.body.addWidget(error)
        return error

    def finish(self) -> None:
        self.body.addStretch(1)


# -- the editor ---------------------------------------------------------------------------------


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
        self.setWindowTitle("Journal entry")
        self._session = session
        self._incident_id = incident_id
        self._slot = "" if incident_id is not None else (draft_slot or new_entry_slot())
        self._from_capture = from_capture and incident_id is None
        self._capture_text: str | None = None  # the capture handed over, until saved
        self._stored: Incident | None = None
        self._attachments: list[Attachment] = []
        self._adding: Task | None = None  # files being stored by a worker
        self._closed = False
        self._people: list[Person] = []
        self._dirty = False
        self._loading = False
        self._errors: dict[str, QLabel] = {}
        self._widgets: dict[str, QWidget] = {}
        self.file_dialog: QFileDialog | None = None
        self.save_dialog: QFileDialog | None = None
        self.person_dialog: QuickPersonDialog | None = None
        self.history_dialog: HistoryDialog | None = None
        self.withdraw_dialog: WithdrawDialog | None = None
        self.last_report: QualityReport | None = None

        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(AUTOSAVE_MS)
        self._autosave.timeout.connect(self.save_draft)

        self._build()
        session.closing.connect(self._on_vault_closing)
        self._people = session.repos.persons.list()
        self._load()
        self.resize(1000, 740)

    # -- layout --------------------------------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 14, 16, 14)
        outer.setSpacing(10)

        header = QGridLayout()
        header.setHorizontalSpacing(10)
        self.record_label = QLabel()
        self.record_label.setObjectName("recordNumber")
        self.recorded_at = QLineEdit()
        self.recorded_at.setObjectName("recordedAt")
        self.recorded_at.setReadOnly(True)
        self.recorded_at.setFrame(False)
        self.recorded_at.setStyleSheet("background: transparent;")
        self.recorded_at.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.recorded_at.setToolTip(
            "Set by PeerDesk when the entry is first saved. It never "
            "changes, so a reader can trust when this was written."
        )
        recorded_caption = QLabel("Recorded at")
        header.addWidget(self.record_label, 0, 0, 1, 2)
        header.addWidget(recorded_caption, 1, 0)
        header.addWidget(self.recorded_at, 1, 1)
        header.setColumnStretch(1, 1)
        outer.addLayout(header)

        middle = QHBoxLayout()
        self.section_list = QListWidget()
        self.section_list.setObjectName("sectionList")
        self.section_list.addItems(list(SECTIONS))
        self.section_list.setFixedWidth(210)
        self.section_list.setStyleSheet("QListWidget#sectionList::item { padding: 7px 10px; }")
        self.pages = QStackedWidget()
        self.section_list.currentRowChanged.connect(self.pages.setCurrentIndex)
        middle.addWidget(self.section_list)
        middle.addWidget(self.pages, 1)
        outer.addLayout(middle, 1)

        for build in (
            self._page_what,
            self._page_people,
            self._page_words,
            self._page_impact,
            self._page_reports,
            self._page_evidence,
            self._page_private,
        ):
            page = build()
            page.finish()
            self.pages.addWidget(page)
        self.section_list.setCurrentRow(0)

        self.quality_panel = QFrame()
        self.quality_panel.setObjectName("qualityPanel")
        self.quality_panel.setFrameShape(QFrame.Shape.StyledPanel)
        colours = accent_style(
            QApplication.instance() is not None
            and QApplication.instance().property("peerdeskTheme") == "dark"
        )
        self.quality_panel.setStyleSheet(
            f"#qualityPanel {{ background: {colours['card']}; "
            f"border: 1px solid {colours['border']}; border-radius: 6px; }}"
        )
        panel = QHBoxLayout(self.quality_panel)
        panel.setContentsMargins(12, 8, 12, 8)
        self.quality_text = QLabel()
        self.quality_text.setObjectName("qualityText")
        self.quality_text.setWordWrap(True)
        self.quality_text.setTextFormat(Qt.TextFormat.RichText)
        self.quality_text.linkActivated.connect(self._follow_link)
        dismiss = QPushButton("Dismiss")
        dismiss.clicked.connect(self.quality_panel.hide)
        panel.addWidget(self.quality_text, 1)
        panel.addWidget(dismiss, 0, Qt.AlignmentFlag.AlignTop)
        self.quality_panel.hide()
        outer.addWidget(self.quality_panel)

        self.status = QLabel()
        self.status.setObjectName("editorStatus")
        self.status.setWordWrap(True)
        outer.addWidget(self.status)

        buttons = QHBoxLayout()
        self.history_button = QPushButton("History of changes…")
        self.history_button.setObjectName("historyButton")
        self.history_button.clicked.connect(self.show_history)
        self.save_button = QPushButton("Save")
        self.save_button.setObjectName("saveButton")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.close_button = QPushButton("Close")
        self.close_button.clicked.connect(self.close)
        self.withdraw_button = QPushButton("Withdraw…")
        self.withdraw_button.setObjectName("withdrawButton")
        self.withdraw_button.setAccessibleName("Withdraw or restore this entry")
        self.withdraw_button.setToolTip(
            "Withdraw this entry as made in error, or restore it. Its history is kept."
        )
        self.withdraw_button.clicked.connect(self.withdraw_or_restore)
        buttons.addWidget(self.history_button)
        # Throw away this editor's draft (a new entry: with the files added to it).
        self.discard_button = QPushButton("Discard unsaved…")
        self.discard_button.setObjectName("discardDraft")
        self.discard_button.setAccessibleName("Discard what is not saved")
        self.discard_button.clicked.connect(self.discard_draft)
        buttons.addWidget(self.discard_button)
        buttons.addWidget(self.withdraw_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.save_button)
        outer.addLayout(buttons)

        for index in range(self.pages.count()):
            watch(self.pages.widget(index), self._changed)

    def _register(self, key: str, widget: QWidget, error: QLabel) -> None:
        self._widgets[key] = widget
        self._errors[key] = error

    def _page_what(self) -> _Page:
        page = _Page(
            "What happened",
            "Facts first, in your own words. Short is fine: you can "
            "come back and add more — every saved version is kept.",
        )
        self.title = _line("e.g. “Shouted at in the Monday planning meeting”")
        self._register(
            "title",
            self.title,
            page.field(
                "Short description", self.title, "One line that lets you find this entry later."
            ),
        )

        when = QWidget()
        row = QHBoxLayout(when)
        row.setContentsMargins(0, 0, 0, 0)
        self.event_date = QDateEdit()
        self.event_date.setObjectName("eventDate")
        self.event_date.setCalendarPopup(True)
        self.event_date.setDisplayFormat("d MMM yyyy")
        self.event_date.setDate(QDate.currentDate())
        self.time_known = QCheckBox("At")
        self.time_known.setChecked(True)
        self.event_time = QTimeEdit()
        self.event_time.setDisplayFormat("HH:mm")
        self.event_time.setTime(QTime.currentTime())
        self.time_known.toggled.connect(self.event_time.setEnabled)
        self.approximate = QCheckBox("Approximate")
        self.approximate.setToolTip("Tick this if you are not sure of the exact date or time.")
        row.addWidget(self.event_date)
        row.addWidget(self.time_known)
        row.addWidget(self.event_time)
        row.addWidget(self.approximate)
        row.addStretch(1)
        error = page.field(
            "When it happened",
            when,
            "Untick “At” if you do not know the time. “Approximate” says the "
            "date or time is your best recollection.",
        )
        self._register("event_date", self.event_date, error)
        self._register("event_time", self.event_time, error)
        self._register("approximate", self.approximate, error)

        self.duration = QSpinBox()
        self.duration.setObjectName("duration")
        self.duration.setRange(-1, DURATION_MAX_MINUTES)
        self.duration.setSpecialValueText("Not given")
        self.duration.setSuffix(" min")
        self.duration.setValue(-1)
        self.duration.setMaximumWidth(160)
        self._register(
            "duration_minutes",
            self.duration,
            page.field(
                "How long it lasted",
                self.duration,
                "In minutes, e.g. 15. Leave “Not given” if you are unsure.",
            ),
        )

        self.channel = QComboBox()
        for channel in Channel:
            self.channel.addItem(channel.label, channel.value)
        self.place = _line("e.g. meeting room 3; the team chat; the car park")
        where = QWidget()
        where_row = QHBoxLayout(where)
        where_row.setContentsMargins(0, 0, 0, 0)
        where_row.addWidget(self.channel)
        where_row.addWidget(self.place, 1)
        error = page.field("Where, or how", where, "In person, by email, on a call…, and where.")
        self._register("channel", self.channel, error)
        self._register("place", self.place, error)

        boxes = QWidget()
        grid = QGridLayout(boxes)
        grid.setContentsMargins(0, 0, 0, 0)
        self.category_boxes: dict[IncidentCategory, QCheckBox] = {}
        for index, category in enumerate(IncidentCategory):
            box = QCheckBox(category.label)
            self.category_boxes[category] = box
            grid.addWidget(box, index // 2, index % 2)
        self._register(
            "categories", boxes, page.field("What kind of behaviour", boxes, "Tick all that apply.")
        )

        self.narrative = _text_edit(
            "e.g. “At about 10:00, in front of the team, M. said my report was ‘rubbish’ and "
            "threw it on the desk. I said I would discuss it in private.”",
            180,
            grow=True,
        )
        self.narrative.setObjectName("narrative")
        self._register(
            "narrative",
            self.narrative,
            page.field(
                "What happened",
                self.narrative,
                "In the order it happened, in the first person. "
                "Describe what was done and said rather than what you think of the person.",
            ),
        )

        self.severity = QComboBox()
        for value, words in SEVERITY_WORDS.items():
            self.severity.addItem(words, value)
        self.severity.setCurrentIndex(2)
        self._register(
            "severity",
            self.severity,
            page.field("How serious it felt", self.severity, "Your own sense of it, from 1 to 5."),
        )

        self.tags = _line("e.g. meeting, deadline — separated by commas")
        self.tags.setObjectName("tags")
        self._register(
            "tags",
            self.tags,
            page.field("Your tags", self.tags, "Any words that help you group entries."),
        )
        return page

    def _cast(self) -> list[Person]:
        return self._people

    def _page_people(self) -> _Page:
        page = _Page(
            "People and witnesses",
            "Who was involved, and who saw or heard it. "
            "Initials are fine: people come from your cast list.",
        )
        self.people_list = QListWidget()
        self.people_list.setObjectName("peopleList")
        self.people_list.setMinimumHeight(120)
        add = QPushButton("Add a person…")
        add.setObjectName("addPerson")
        add.clicked.connect(self.add_person)
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.people_list)
        self.people_roles = QWidget()
        self.people_roles_form = QFormLayout(self.people_roles)
        self.people_roles_form.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.people_roles)
        row = QHBoxLayout()
        row.addWidget(add)
        row.addStretch(1)
        column.addLayout(row)
        self.role_edits: dict[int, QLineEdit] = {}
        self.people_list.itemChanged.connect(self._people_ticked)
        self._register(
            "people",
            self.people_list,
            page.field(
                "People involved",
                box,
                "Tick everyone involved; for each, say their part in it "
                "(e.g. “said it”, “was present”).",
            ),
        )
        self.witnesses = RowList(
            WitnessRow,
            "Add a witness",
            "No witnesses added. If nobody "
            "else saw or heard it, you can say so under What happened.",
            self._cast,
        )
        self._register(
            "witnesses",
            self.witnesses,
            page.field(
                "Witnesses",
                self.witnesses,
                "Anyone who saw or heard it — in the room, on the call, copied into the email.",
            ),
        )
        return page

    def _page_words(self) -> _Page:
        page = _Page(
            "Words used",
            "Exact words carry weight. Write them as you remember them, "
            "even if they are only part of what was said.",
        )
        self.quotes = RowList(QuoteRow, "Add a quote", "No quotes yet.", self._cast)
        self._register(
            "quotes",
            self.quotes,
            page.field("Exact words", self.quotes, "Each quote with who said it."),
        )
        self.my_response = _text_edit(
            "e.g. “I said I would not discuss it in front of everyone.”", 70
        )
        self._register(
            "my_response", self.my_response, page.field("What I said or did", self.my_response)
        )
        self.their_reaction = _text_edit("e.g. “He laughed and carried on.”", 70)
        self._register(
            "their_reaction",
            self.their_reaction,
            page.field("How they reacted", self.their_reaction),
        )
        return page

    def _page_impact(self) -> _Page:
        page = _Page(
            "Impact",
            "How this affected you. Only what you want to write down; "
            "it can be left out of any report you make.",
        )
        self.impact_emotional = _text_edit("e.g. shaken, anxious before work", 60)
        self.impact_physical = _text_edit("e.g. slept badly, headaches", 60)
        self.impact_work = _text_edit("e.g. a day off sick, avoided the team meeting", 60)
        self.impact_home = _text_edit("e.g. withdrawn with my family that evening", 60)
        self.impact_help = _text_edit("e.g. saw my GP; called the EAP line", 60)
        self.impact_help_date = OptionalDate("I know when")
        for key, label, widget in (
            ("impact.emotional", "How I felt", self.impact_emotional),
            ("impact.physical", "My body and sleep", self.impact_physical),
            ("impact.work", "My work", self.impact_work),
            ("impact.home", "Home and family", self.impact_home),
            ("impact.sought_help", "Help I sought (doctor, EAP, counsellor)", self.impact_help),
            ("impact.sought_help_date", "When I sought help", self.impact_help_date),
        ):
            self._register(key, widget, page.field(label, widget))
        return page

    def _page_reports(self) -> _Page:
        page = _Page(
            "Reports and actions",
            "Who you told, any reports, and what you did to "
            "make it stop. Reporting is your choice.",
        )
        self.told = RowList(ToldRow, "Add someone I told", "Nobody added yet.", self._cast)
        self._register(
            "told",
            self.told,
            page.field(
                "Who I told afterwards",
                self.told,
                "A friend, partner or colleague you told soon after may be able to confirm it.",
            ),
        )
        self.reports = RowList(ReportRow, "Add a report", "No reports added.", self._cast)
        self._register(
            "reports",
            self.reports,
            page.field(
                "Reports made", self.reports, "To a manager, HR, a union, the EAP, the police…"
            ),
        )
        self.attempts = _text_edit("e.g. “I asked him by email to give feedback in private.”", 60)
        self._register(
            "attempts_to_stop",
            self.attempts,
            page.field("What I did to try to stop it", self.attempts),
        )
        complaint = QWidget()
        row = QVBoxLayout(complaint)
        row.setContentsMargins(0, 0, 0, 0)
        self.after_complaint = QCheckBox("This happened after I complained or reported something")
        self.complaint_date = OptionalDate("Date of the complaint")
        self.complaint_date.setEnabled(False)
        self.after_complaint.toggled.connect(self.complaint_date.setEnabled)
        self.complaint_date.known.toggled.connect(self._complaint_date_ticked)
        row.addWidget(self.after_complaint)
        row.addWidget(self.complaint_date)
        error = page.field(
            "After a complaint",
            complaint,
            "Treatment after a complaint can be retaliation, which matters to HR and tribunals.",
        )
        self._register("after_complaint", self.after_complaint, error)
        self._register("complaint_date", self.complaint_date, error)
        self.related = QListWidget()
        self.related.setObjectName("relatedList")
        self.related.setMinimumHeight(130)
        self._register(
            "related_incident_ids",
            self.related,
            page.field(
                "Related entries",
                self.related,
                "Tick earlier entries that are part of the same pattern.",
            ),
        )
        return page

    def _complaint_date_ticked(self, known: bool) -> None:
        """A complaint comes before the incident: start from the incident's date, not today
        (which is always refused for a past incident)."""
        if known and not self._loading and self.complaint_date.date.date() > self.event_date.date():
            self.complaint_date.date.setDate(self.event_date.date())

    def _page_evidence(self) -> _Page:
        page = _Page(
            "Evidence",
            "Screenshots, emails, photos and documents are kept inside "
            "your encrypted vault, exactly as they were.",
        )
        self.attachment_list = AttachmentList()
        self.attachment_list.setObjectName("attachmentList")
        self.attachment_list.setMinimumHeight(110)
        self.attachment_list.files_dropped.connect(self.add_files_in_background)
        self.attachment_list.currentItemChanged.connect(lambda *_: self.preview_selected())
        buttons = QHBoxLayout()
        self.add_file_button = QPushButton("Add files…")
        self.add_file_button.setObjectName("addFiles")
        self.add_file_button.clicked.connect(self.choose_files)
        self.save_copy_button = QPushButton("Save a copy…")
        self.save_copy_button.setObjectName("saveCopy")
        self.save_copy_button.setToolTip(
            "Writes an ordinary, unencrypted copy of the file where you choose."
        )
        self.save_copy_button.clicked.connect(self.save_copy)
        self.remove_file_button = QPushButton("Remove")
        self.remove_file_button.setObjectName("removeAttachment")
        self.remove_file_button.clicked.connect(self.remove_attachment)
        for button in (self.add_file_button, self.save_copy_button, self.remove_file_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.attachment_list)
        column.addLayout(buttons)
        self.attachment_status = QLabel()
        self.attachment_status.setObjectName("attachmentStatus")
        self.attachment_status.setWordWrap(True)
        column.addWidget(self.attachment_status)
        self.preview = QLabel("Choose a picture in the list to see it here.")
        self.preview.setObjectName("attachmentPreview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumHeight(160)
        self.preview.setWordWrap(True)
        self.preview.setFrameShape(QFrame.Shape.StyledPanel)
        column.addWidget(self.preview)
        self._register(
            "attachment_ids",
            self.attachment_list,
            page.field(
                "Files",
                box,
                "Add files, or drag them onto the list. Nothing is copied outside "
                "the vault; “Save a copy…” writes an unencrypted copy only where you choose.",
            ),
        )
        self.evidence = RowList(EvidenceRow, "Add evidence I know of", "Nothing added.", self._cast)
        self._register(
            "evidence_not_held",
            self.evidence,
            page.field(
                "Evidence I know of but do not hold",
                self.evidence,
                "What exists, where, and who has it — useful for a later request for disclosure.",
            ),
        )
        return page

    def _page_private(self) -> _Page:
        page = _Page(
            "Private reflection",
            "Thoughts for yourself: how you make sense of it, what you want to do next.",
        )
        banner = QLabel(
            f"<b>{PRIVATE_NOTE}.</b> It stays in your vault and is left out of "
            "every report unless you include it."
        )
        banner.setObjectName("privateBanner")
        banner.setWordWrap(True)
        colours = accent_style(
            QApplication.instance() is not None
            and QApplication.instance().property("peerdeskTheme") == "dark"
        )
        banner.setStyleSheet(
            f"background: {colours['warning_bg']}; color: "
            f"{colours['warning_fg']}; padding: 8px; border-radius: 4px;"
        )
        page.body.addWidget(banner)
        self.reflection = _text_edit("Anything you want to keep for yourself.", 220, grow=True)
        self.reflection.setObjectName("privateReflection")
        self._register(
            "private_reflection", self.reflection, page.field("My reflection", self.reflection)
        )
        return page

    # -- loading -------------------------------------------------------------------------------

    def _load(self) -> None:
        repos = self._session.repos
        self._loading = True
        try:
            self._fill_people()
            self.tags.setCompleter(TagCompleter(repos.incidents.all_tags(), self.tags))
            draft = repos.drafts.load(RecordKind.INCIDENT, self._incident_id, self._slot)
            capture = (
                repos.drafts.load(RecordKind.INCIDENT, None, CAPTURE_SLOT)
                if self._from_capture
                else None
            )
            if self._incident_id is None:
                self._attachments = repos.attachments.list_for_draft(self._slot)
            if self._incident_id is not None:
                self._stored = repos.incidents.get(self._incident_id)
                self._attachments = repos.attachments.list_for_incident(self._incident_id)
                self._fill(self._stored)
                if draft is not None and self._restore_wanted(draft):
                    self._fill_from_draft(draft)
                    self._dirty = True
            elif draft is not None:
                self._fill_from_draft(draft)
                self._dirty = True
                self.status.setText("Your unsaved text has been brought back.")
            elif capture is not None:
                self._fill_from_draft(capture)
                narrative = capture.payload.get("narrative")
                self._capture_text = narrative if isinstance(narrative, str) else ""
                self._dirty = True
            else:
                self._fill_related([])
            self._show_attachments()
            self._show_record_info()
        finally:
            self._loading = False

    def _restore_wanted(self, draft: Draft) -> bool:
        when = f" from {local_time_text(draft.saved_at)}" if draft.saved_at else ""
        answer = Messages.ask(
            self,
            "Unsaved changes",
            f"There are unsaved changes to this entry{when}. Bring them back?",
            Button.Yes | Button.No,
            Button.Yes,
            informative="If you choose No, the saved version is shown and the unsaved "
            "changes are kept until you save.",
        )
        return answer == Button.Yes

    def _fill_from_draft(self, draft: Draft) -> None:
        payload = dict(draft.payload)
        handed = payload.pop(_CAPTURE_KEY, None)  # started from quick capture: that text
        if isinstance(handed, str):
            self._capture_text = handed
        incident: Incident | None = None
        if "schema" in payload:
            try:
                incident = record_from_dict(Incident, payload)
            except ValidationError:
                incident = None
        if incident is None:
            base = self._stored or Incident(event_date=date.today())
            incident = record_from_dict(Incident, incident_to_dict(base))
            narrative = payload.get("narrative")
            if isinstance(narrative, str):
                incident.narrative = narrative
            when = capture_when(payload)  # the time typed in quick capture
            if when is not None:
                incident.event_date, incident.event_time = when.date(), when.time()
        if self._stored is not None:
            incident.record_number = self._stored.record_number
            incident.recorded_at = self._stored.recorded_at
        else:
            incident.record_number = None
            incident.recorded_at = None
        pending = {a.id for a in self._attachments}
        repo = self._session.repos.attachments
        for attachment_id in incident.attachment_ids:
            if attachment_id not in pending:
                try:
                    attachment = repo.get(attachment_id)
                except VaultError:
                    continue
                if attachment.incident_id in (None, self._incident_id):
                    self._attachments.append(attachment)
        self._fill(incident)

    def _fill_people(self) -> None:
        ticked = self._ticked_people()
        self.people_list.blockSignals(True)
        self.people_list.clear()
        for person in self._people:
            extra = f" — {person.role}" if person.role else ""
            power = " · has power over me" if person.holds_power else ""
            item = QListWidgetItem(
                f"{person.display_name}{extra} ({person.relationship.label}){power}"
            )
            item.setData(_ID_ROLE, person.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if person.id in ticked else Qt.CheckState.Unchecked
            )
            self.people_list.addItem(item)
        self.people_list.blockSignals(False)
        for rows in (self.witnesses, self.quotes):
            rows.set_people(self._people)

    def _ticked_people(self) -> dict[int, str]:
        found: dict[int, str] = {}
        for index in range(self.people_list.count()):
            item = self.people_list.item(index)
            if item.checkState() == Qt.CheckState.Checked:
                person_id = int(item.data(_ID_ROLE))
                edit = self.role_edits.get(person_id)
                found[person_id] = edit.text() if edit is not None else ""
        return found

    def _people_ticked(self, _item: QListWidgetItem | None = None) -> None:
        self._set_people_roles(self._ticked_people())

    def _set_people_roles(self, roles: dict[int, str]) -> None:
        names = {p.id: p.display_name for p in self._people}
        while self.people_roles_form.rowCount():
            self.people_roles_form.removeRow(0)
        self.role_edits = {}
        positions = self._involvement()
        for person_id, role in roles.items():
            edit = _line("their part, e.g. “said it”, “was present”")
            edit.setObjectName(f"role-{person_id}")
            edit.setText(role)
            edit.textEdited.connect(self._changed)
            self.role_edits[person_id] = edit
            label = names.get(person_id, f"Person {person_id}")
            if person_id in positions:
                label += f"\n{positions[person_id]}"
            self.people_roles_form.addRow(label, edit)

    def _involvement(self) -> dict[int, str]:
        """ "3rd entry involving this person since 2 Feb 2024" for a saved entry (field 17)."""
        if self._incident_id is None or not self._session.is_open:
            return {}
        repos = self._session.repos
        found: dict[int, str] = {}
        for person in self._people:
            if person.id is None:
                continue
            ids = repos.persons.incident_ids(person.id)
            if self._incident_id in ids and len(ids) > 1:
                position = ids.index(self._incident_id) + 1
                first = repos.incidents.summary(ids[0]).event_date
                found[person.id] = f"{_ordinal(position)} entry with them since {_day(first)}"
        return found

    def _fill_related(self, selected: list[int]) -> None:
        repo = self._session.repos.incidents
        summaries = [
            s for s in repo.list(page=Page(0, RECENT_INCIDENTS)) if s.id != self._incident_id
        ]
        shown = {s.id for s in summaries}
        missing = [i for i in selected if i not in shown]
        summaries += list(repo.summaries(missing).values())
        self.related.blockSignals(True)
        self.related.clear()
        for summary in summaries:
            item = QListWidgetItem(
                f"No. {summary.record_number} · {_day(summary.event_date)} · {summary.title}"
            )
            item.setData(_ID_ROLE, summary.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if summary.id in selected else Qt.CheckState.Unchecked
            )
            self.related.addItem(item)
        self.related.blockSignals(False)

    def _fill(self, incident: Incident) -> None:
        """Show ``incident`` in every widget."""
        was_loading, self._loading = self._loading, True
        try:
            self.title.setText(incident.title)
            self.event_date.setDate(_qdate(incident.event_date))
            self.time_known.setChecked(incident.event_time is not None)
            if incident.event_time is not None:
                t = incident.event_time
                self.event_time.setTime(QTime(t.hour, t.minute, t.second))
            self.approximate.setChecked(incident.approximate)
            self.duration.setValue(
                -1 if incident.duration_minutes is None else incident.duration_minutes
            )
            self.channel.setCurrentIndex(max(0, self.channel.findData(incident.channel.value)))
            self.place.setText(incident.place)
            for category, box in self.category_boxes.items():
                box.setChecked(category in incident.categories)
            self.narrative.setPlainText(incident.narrative)
            self.severity.setCurrentIndex(max(0, self.severity.findData(incident.severity)))
            self.tags.setText(", ".join(incident.tags))
            self.people_list.blockSignals(True)
            roles = {p.person_id: p.role_in_incident for p in incident.people}
            for index in range(self.people_list.count()):
                item = self.people_list.item(index)
                item.setCheckState(
                    Qt.CheckState.Checked
                    if item.data(_ID_ROLE) in roles
                    else Qt.CheckState.Unchecked
                )
            self.people_list.blockSignals(False)
            self._set_people_roles(roles)
            self.witnesses.set_values(incident.witnesses)
            self.quotes.set_values(incident.quotes)
            self.my_response.setPlainText(incident.my_response)
            self.their_reaction.setPlainText(incident.their_reaction)
            impact = incident.impact
            self.impact_emotional.setPlainText(impact.emotional)
            self.impact_physical.setPlainText(impact.physical)
            self.impact_work.setPlainText(impact.work)
            self.impact_home.setPlainText(impact.home)
            self.impact_help.setPlainText(impact.sought_help)
            self.impact_help_date.set_value(impact.sought_help_date)
            self.told.set_values(incident.told)
            self.reports.set_values(incident.reports)
            self.attempts.setPlainText(incident.attempts_to_stop)
            self.after_complaint.setChecked(incident.after_complaint)
            self.complaint_date.set_value(incident.complaint_date)
            self._fill_related(list(incident.related_incident_ids))
            self.evidence.set_values(incident.evidence_not_held)
            self.reflection.setPlainText(incident.private_reflection)
        finally:
            self._loading = was_loading

    def _show_record_info(self) -> None:
        stored = self._stored
        if stored is None or stored.recorded_at is None:
            self.record_label.setText("<b>New entry</b> — not saved yet")
            self.recorded_at.setText("Set by PeerDesk when you first save")
            self.history_button.setEnabled(False)
            self.withdraw_button.setEnabled(False)
            return
        revisions = self._session.repos.incidents.revisions(stored.id or 0)
        count = len(revisions)
        last = revisions[-1].saved_at if revisions else stored.recorded_at
        changed = f" · last changed {local_time_text(last)}" if count > 1 else ""
        withdrawn = ""
        if stored.withdrawn is not None:
            withdrawn = (
                f" · <b>withdrawn</b> as made in error on "
                f"{local_time_text(stored.withdrawn.withdrawn_at)}"
            )
        self.record_label.setText(
            f"<b>Entry no. {stored.record_number}</b> · {count} saved "
            f"version{'s' if count != 1 else ''}{changed}{withdrawn}"
        )
        self.withdraw_button.setEnabled(True)
        self.withdraw_button.setText("Restore" if stored.withdrawn is not None else "Withdraw…")
        delay = stored.recording_delay_text() or ""
        self.recorded_at.setText(f"{local_time_text(stored.recorded_at)} (local time) — {delay}")
        self.history_button.setEnabled(True)

    # -- reading the widgets -------------------------------------------------------------------

    def incident(self) -> Incident:
        """The entry as typed (not validated)."""
        stored = self._stored
        event_time = None
        if self.time_known.isChecked():
            t = self.event_time.time()
            event_time = time(t.hour(), t.minute())
        related = [
            int(self.related.item(i).data(_ID_ROLE))
            for i in range(self.related.count())
            if self.related.item(i).checkState() == Qt.CheckState.Checked
        ]
        return Incident(
            id=self._incident_id,
            record_number=stored.record_number if stored else None,
            recorded_at=stored.recorded_at if stored else None,
            event_date=_pydate(self.event_date.date()),
            event_time=event_time,
            approximate=self.approximate.isChecked(),
            duration_minutes=None if self.duration.value() < 0 else self.duration.value(),
            channel=Channel(self.channel.currentData()),
            place=self.place.text(),
            people=[
                IncidentPerson(person_id=pid, role_in_incident=role)
                for pid, role in self._ticked_people().items()
            ],
            categories={c for c, box in self.category_boxes.items() if box.isChecked()},
            title=self.title.text(),
            narrative=self.narrative.toPlainText(),
            quotes=self.quotes.values(),
            my_response=self.my_response.toPlainText(),
            their_reaction=self.their_reaction.toPlainText(),
            witnesses=self.witnesses.values(),
            told=self.told.values(),
            reports=self.reports.values(),
            attempts_to_stop=self.attempts.toPlainText(),
            impact=Impact(
                emotional=self.impact_emotional.toPlainText(),
                physical=self.impact_physical.toPlainText(),
                work=self.impact_work.toPlainText(),
                home=self.impact_home.toPlainText(),
                sought_help=self.impact_help.toPlainText(),
                sought_help_date=self.impact_help_date.value(),
            ),
            attachment_ids=[a.id for a in self._attachments if a.id is not None],
            evidence_not_held=self.evidence.values(),
            related_incident_ids=related,
            after_complaint=self.after_complaint.isChecked(),
            complaint_date=(
                self.complaint_date.value() if self.after_complaint.isChecked() else None
            ),
            private_reflection=self.reflection.toPlainText(),
            severity=int(self.severity.currentData()),
            tags=[t.strip() for t in self.tags.text().split(",") if t.strip()],
        )

    # -- drafts --------------------------------------------------------------------------------

    def _changed(self, *_args: object) -> None:
        if self._loading:
            return
        self._dirty = True
        self._autosave.start()

    @property
    def has_unsaved_changes(self) -> bool:
        return self._dirty

    def save_draft(self) -> bool:
        """Keep what is typed as a draft inside the vault (the lock controller calls this)."""
        self._autosave.stop()
        if not self._dirty or not self._session.is_open:
            return False
        incident = self.incident()
        incident.record_number = None
        incident.recorded_at = None
        try:
            payload = incident_to_dict(incident)
            if self._capture_text is not None:
                payload[_CAPTURE_KEY] = self._capture_text
            self._session.repos.drafts.save(
                Draft(
                    record_kind=RecordKind.INCIDENT,
                    record_id=self._incident_id,
                    slot=self._slot,
                    payload=payload,
                    saved_at=datetime.now(UTC),
                )
            )
        except (ValidationError, ValueError, TypeError):
            # Text Qt could not give back cleanly (e.g. a lone surrogate): keep at least the
            # narrative, then say so.
            narrative = self.narrative.toPlainText().encode("utf-8", "replace").decode()
            self._session.repos.drafts.save(
                Draft(
                    record_kind=RecordKind.INCIDENT,
                    record_id=self._incident_id,
                    slot=self._slot,
                    payload={"narrative": narrative},
                    saved_at=datetime.now(UTC),
                )
            )
        self.status.setText("Draft kept in your vault.")
        return True

    # -- saving --------------------------------------------------------------------------------

    def save(self) -> bool:
        """Write a revision. Shows an invalid field inline (nothing is lost) and returns False."""
        if not self._session.is_open:
            return False
        self._clear_errors()
        repos = self._session.repos
        typed = self.incident()
        try:
            clean = typed.cleaned()
            if self._incident_id is None:
                clean.record_number = None
                clean.recorded_at = None
                saved = repos.incidents.add(clean)
            else:
                saved = repos.incidents.update(clean)
        except ValidationError as error:
            self.save_draft()
            self.show_error(error.field, error.message)
            return False
        except VaultError as error:
            self.save_draft()
            self.status.setText(f"Not saved: {error.user_message} Everything you typed is kept.")
            return False
        assert saved.id is not None
        was_new = self._incident_id is None
        self._incident_id = saved.id
        for attachment in self._attachments:
            if attachment.id is not None and attachment.incident_id != saved.id:
                repos.attachments.attach(attachment.id, saved.id)
                attachment.incident_id = saved.id
        repos.drafts.discard(RecordKind.INCIDENT, None if was_new else saved.id, self._slot)
        if was_new:
            self._slot = ""
            repos.drafts.discard(RecordKind.INCIDENT, saved.id)
            self._capture_recorded()
        self._autosave.stop()
        self._dirty = False
        self._stored = repos.incidents.get(saved.id)
        self._show_record_info()
        self._set_people_roles(self._ticked_people())
        self.status.setText("")
        self.show_quality(check_quality(self._stored))
        self.saved.emit(saved.id)
        return True

    def discard_draft(self) -> bool:
        """After a question: forget what is not saved — this editor's draft and, for a new
        entry, the files added to it — and close. Saved entries and revisions are untouched."""
        if not self._session.is_open:
            return False
        new = self._incident_id is None
        if not Messages.confirm(
            self,
            "Discard unsaved",
            "Discard this unsaved entry?" if new else "Discard the changes that are not saved?",
            action="Discard",
            destructive=True,
            informative=(
                "What you typed here and the files you added are deleted from the vault."
                if new
                else "The saved version stays as it is; files already added stay with the entry."
            ),
        ):
            return False
        self._stop_adding()
        self._autosave.stop()
        self._session.repos.drafts.discard(RecordKind.INCIDENT, self._incident_id, self._slot)
        self._dirty = False
        self._attachments = []
        self.close()
        return True

    def _capture_recorded(self) -> None:
        """The entry started from quick capture is saved: the capture has served (unless it
        was changed on Home meanwhile — then it is new text and stays)."""
        if self._capture_text is None:
            return
        drafts = self._session.repos.drafts
        capture = drafts.load(RecordKind.INCIDENT, None, CAPTURE_SLOT)
        if capture is not None and capture.payload.get("narrative") == self._capture_text:
            drafts.discard(RecordKind.INCIDENT, None, CAPTURE_SLOT)
        self._capture_text = None

    @property
    def incident_id(self) -> int | None:
        return self._incident_id

    @property
    def draft_slot(self) -> str:
        """The slot of this editor's draft ("" once the entry is saved)."""
        return self._slot

    def show_quality(self, report: QualityReport) -> None:
        self.last_report = report
        if report.is_complete:
            self.quality_text.setText(
                "<b>Saved.</b> This entry has the details a reader "
                "looks for. Well done for writing it down."
            )
            self.quality_panel.show()
            return
        parts = ["<b>Saved.</b> When you are ready, you might add:"]
        if report.missing:
            parts.append("<ul style='margin-top:2px; margin-bottom:2px'>")
            for missing in report.missing:
                label, sep, rest = missing.message.partition(": ")
                if not sep:
                    label, rest = "Go there", missing.message
                parts.append(
                    f"<li><a href='field:{missing.field}'>{html.escape(label)}</a>"
                    f" — {html.escape(rest)}</li>"
                )
            parts.append("</ul>")
        if report.opinion_words:
            parts.append("Words in “What happened” a reader may take as opinion:")
            parts.append("<ul style='margin-top:2px; margin-bottom:2px'>")
            for hint in report.opinion_words:
                parts.append(
                    f"<li><a href='word:{hint.start}:{hint.end}'>"
                    f"“{html.escape(hint.word)}”</a> — {html.escape(hint.alternative)}"
                    "</li>"
                )
            parts.append("</ul>")
        parts.append("<i>This is only a suggestion; your entry is saved as it is.</i>")
        self.quality_text.setText("".join(parts))
        self.quality_panel.show()

    def _follow_link(self, link: str) -> None:
        kind, _, rest = link.partition(":")
        if kind == "field":
            self.go_to_field(rest)
        elif kind == "word":
            start, _, end = rest.partition(":")
            self.go_to_field("narrative")
            cursor = self.narrative.textCursor()
            cursor.setPosition(int(start))
            cursor.setPosition(int(end), QTextCursor.MoveMode.KeepAnchor)
            self.narrative.setTextCursor(cursor)

    # -- errors --------------------------------------------------------------------------------

    def _clear_errors(self) -> None:
        for label in self._errors.values():
            label.hide()
        for rows in (self.quotes, self.witnesses, self.told, self.reports, self.evidence):
            for row in rows.rows:
                row.error.hide()

    def _resolve(self, path: str) -> tuple[QWidget | None, QLabel | None]:
        if path in self._widgets:
            return self._widgets[path], self._errors[path]
        match = _PATH_RE.match(path)
        if match is None:
            return None, None
        name, index, part = match["name"], match["index"], match["part"]
        if name == "impact" and part:
            key = f"impact.{part}"
            return self._widgets.get(key), self._errors.get(key)
        if name == "people" and index is not None:
            ticked = list(self._ticked_people())
            if int(index) < len(ticked):
                edit = self.role_edits.get(ticked[int(index)])
                return edit or self.people_list, self._errors["people"]
        rows = {
            "quotes": self.quotes,
            "witnesses": self.witnesses,
            "told": self.told,
            "reports": self.reports,
            "evidence_not_held": self.evidence,
        }.get(name)
        if rows is not None and index is not None and int(index) < len(rows.rows):
            row = rows.rows[int(index)]
            widget = row.fields.get(part or "", next(iter(row.fields.values())))
            if isinstance(widget, OptionalDate):
                widget = widget.date if widget.known.isChecked() else widget.known
            return widget, row.error
        return self._widgets.get(name), self._errors.get(name)

    def show_error(self, path: str, message: str) -> None:
        """Show ``message`` beside the field named by ``path`` and move the focus there."""
        widget, label = self._resolve(path)
        if label is not None:
            label.setText(f"⚠ {message}")
            label.setStyleSheet(
                "color: #b3261e; font-weight: bold;"
                if not _is_dark()
                else "color: #ffb4ab; font-weight: bold;"
            )
            label.show()
        self.status.setText(f"Not saved yet: {message} Everything you typed is kept.")
        if widget is not None:
            self._reveal(widget)

    def go_to_field(self, path: str) -> None:
        widget, _label = self._resolve(path)
        if widget is not None:
            self._reveal(widget)

    def _reveal(self, widget: QWidget) -> None:
        for index in range(self.pages.count()):
            page = self.pages.widget(index)
            if page.isAncestorOf(widget):
                self.section_list.setCurrentRow(index)
                if isinstance(page, QScrollArea):
                    page.ensureWidgetVisible(widget)
                break
        widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def error_text(self, path: str) -> str:
        """The inline error shown for ``path`` ("" when none) — for tests."""
        _widget, label = self._resolve(path)
        return label.text() if label is not None and not label.isHidden() else ""

    # -- people --------------------------------------------------------------------------------

    def add_person(self) -> None:
        """Open "Add a person…" (non-modal); the person is ticked once added."""
        if self.person_dialog is not None:
            self.person_dialog.raise_()
            return
        dialog = QuickPersonDialog(self)
        dialog.accepted.connect(lambda: self._person_added(dialog))
        dialog.finished.connect(self._person_dialog_done)
        self.person_dialog = dialog
        dialog.open()

    def _person_dialog_done(self) -> None:
        if self.person_dialog is not None:
            self.person_dialog.deleteLater()
            self.person_dialog = None

    def _person_added(self, dialog: QuickPersonDialog) -> None:
        if not self._session.is_open:
            return
        try:
            person = self._session.repos.persons.add(dialog.person())
        except ValidationError as error:
            dialog.error.setText(f"⚠ {error.message}")
            dialog.error.show()
            dialog.open()  # keep what was typed; let them fix it
            return
        roles = self._ticked_people()
        roles[int(person.id or 0)] = ""
        self._people = self._session.repos.persons.list()
        self._fill_people()
        for index in range(self.people_list.count()):
            item = self.people_list.item(index)
            if item.data(_ID_ROLE) in roles:
                item.setCheckState(Qt.CheckState.Checked)
        self._set_people_roles(roles)
        self._changed()

    # -- attachments ---------------------------------------------------------------------------

    def choose_files(self) -> None:
        """Open a file dialog (several files may be chosen); remembers no folder."""
        if self.file_dialog is not None:
            return
        dialog = QFileDialog(self, "Add evidence files", str(Path.home()))
        dialog.setObjectName("addFilesDialog")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        dialog.setHistory([])
        dialog.filesSelected.connect(self.add_files_in_background)
        dialog.finished.connect(self._file_dialog_done)
        forget_folders_after(dialog)
        self.file_dialog = dialog
        dialog.open()

    def _file_dialog_done(self) -> None:
        if self.file_dialog is not None:
            self.file_dialog.deleteLater()
            self.file_dialog = None

    def add_files(self, names: list[str]) -> list[Attachment]:
        """Read each file into the vault now; problems are listed under the list."""
        if not self._session.is_open:
            return []
        added, problems = store_files(
            self._session.repos.attachments, self._incident_id, names, draft_slot=self._slot or None
        )
        self._files_added(added, problems)
        return added

    def add_files_in_background(self, names: list[str]) -> None:
        """Read and store the files on a worker (a 50 MB file would stall the window); the
        list and the note under it follow when done. Closing the editor or locking first
        leaves nothing behind."""
        if not self._session.is_open or not names:
            return
        if self._adding is not None:
            self.attachment_status.setText(
                "Still adding the last files — add these again in a moment."
            )
            return
        repo = self._session.repos.attachments
        vault = repo.vault
        incident_id = self._incident_id
        slot = self._slot or None
        count = len(names)
        self.attachment_status.setText(f"Adding {count} file{'s' if count != 1 else ''}…")
        self.add_file_button.setEnabled(False)

        def work(task: Task) -> tuple[list[Attachment], list[str]]:
            own = vault.sibling()
            try:
                mine = repo.on(own)
                added, problems = store_files(
                    mine, incident_id, names, should_stop=lambda: task.cancelled, draft_slot=slot
                )
                if task.cancelled:  # the editor closed meanwhile: take them out again
                    for attachment in added:
                        if attachment.id is not None:
                            mine.remove(attachment.id)
                    return [], []
                return added, problems
            finally:
                own.close()

        self._adding = run_in_background(
            work, on_success=self._added_in_background, on_failure=self._adding_failed
        )

    def _added_in_background(self, result: tuple[list[Attachment], list[str]]) -> None:
        task, self._adding = self._adding, None
        added, problems = result
        if self._closed or (task is not None and task.cancelled):
            if self._session.is_open:  # finished just before the editor closed
                for attachment in added:
                    if attachment.id is not None:
                        self._session.repos.attachments.remove(attachment.id)
            return
        self.add_file_button.setEnabled(True)
        self._files_added(added, problems)

    def _adding_failed(self, exc: BaseException) -> None:
        self._adding = None
        if self._closed:
            return
        log.info("files could not be added: %s", type(exc).__name__)
        self.add_file_button.setEnabled(True)
        self.attachment_status.setText(
            "The files could not be added. Nothing was changed; try again."
        )

    def _stop_adding(self) -> None:
        self._closed = True
        if self._adding is not None:
            self._adding.cancel()

    def _files_added(self, added: list[Attachment], problems: list[str]) -> None:
        self._attachments.extend(added)
        self._show_attachments()
        messages = []
        if added:
            messages.append(
                f"Added {len(added)} file{'s' if len(added) != 1 else ''} to your vault."
            )
            self._changed()
            if self._incident_id is None:
                self.save_draft()  # the draft that owns the files exists from now on
            self.attachment_list.setCurrentRow(self.attachment_list.count() - 1)
        messages += problems
        self.attachment_status.setText("\n".join(messages))

    def _show_attachments(self) -> None:
        self.attachment_list.clear()
        for attachment in self._attachments:
            item = QListWidgetItem(describe_attachment(attachment))
            item.setData(_ID_ROLE, attachment.id)
            item.setToolTip(f"SHA-256 {attachment.sha256}")
            self.attachment_list.addItem(item)
        has = bool(self._attachments)
        self.save_copy_button.setEnabled(has)
        self.remove_file_button.setEnabled(has)
        if not has:
            self.preview.clear()
            self.preview.setText("Files you add are listed above. Pictures are shown here.")

    def _selected_attachment(self) -> Attachment | None:
        item = self.attachment_list.currentItem()
        if item is None:
            return None
        wanted = item.data(_ID_ROLE)
        return next((a for a in self._attachments if a.id == wanted), None)

    def preview_selected(self) -> bool:
        """Show the selected picture inside the app (decoded with limits); True if shown."""
        attachment = self._selected_attachment()
        self.preview.clear()
        if attachment is None or attachment.id is None or not self._session.is_open:
            self.preview.setText("Choose a picture in the list to see it here.")
            return False
        repo = self._session.repos.attachments
        info = repo.image_size(attachment.id)
        if info is None:
            self.preview.setText(
                "No preview for this kind of file. “Save a copy…” lets you "
                "open it in another program."
            )
            return False
        if max(info.width, info.height) > PREVIEW_MAX_SIDE or info.pixels > PREVIEW_MAX_PIXELS:
            self.preview.setText("This picture is too large to preview safely.")
            return False
        data = QByteArray(repo.read_bytes(attachment.id))
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        reader = QImageReader(buffer)
        reader.setAllocationLimit(PREVIEW_ALLOCATION_MB)
        reader.setDecideFormatFromContent(True)
        size = QSize(info.width, info.height)
        if size.width() > PREVIEW_BOX.width() or size.height() > PREVIEW_BOX.height():
            size = size.scaled(PREVIEW_BOX, Qt.AspectRatioMode.KeepAspectRatio)
        reader.setScaledSize(size)
        image = reader.read()
        buffer.close()
        if image.isNull():
            self.preview.setText("This picture could not be shown.")
            return False
        self.preview.setPixmap(QPixmap.fromImage(image))
        return True

    def save_copy(self) -> None:
        """Ask where to write an (unencrypted) copy of the selected file."""
        attachment = self._selected_attachment()
        if attachment is None or self.save_dialog is not None:
            return
        start = str(Path.home() / Path(attachment.original_name).name)
        dialog = QFileDialog(self, "Save an unencrypted copy", start)
        dialog.setObjectName("saveCopyDialog")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        dialog.setHistory([])
        dialog.setLabelText(QFileDialog.DialogLabel.Accept, "Save copy")
        attachment_id = attachment.id
        dialog.fileSelected.connect(lambda name: self.write_copy(attachment_id, name))
        dialog.finished.connect(self._save_dialog_done)
        forget_folders_after(dialog)
        self.save_dialog = dialog
        dialog.open()

    def _save_dialog_done(self) -> None:
        if self.save_dialog is not None:
            self.save_dialog.deleteLater()
            self.save_dialog = None

    def write_copy(self, attachment_id: int | None, name: str) -> bool:
        if attachment_id is None or not name or not self._session.is_open:
            return False
        data = self._session.repos.attachments.read_bytes(attachment_id)
        target = QSaveFile(name)
        if (
            not target.open(QIODevice.OpenModeFlag.WriteOnly)
            or target.write(data) != len(data)
            or not target.commit()
        ):
            target.cancelWriting()
            self.attachment_status.setText(
                "The copy could not be written there. Nothing changed in your vault."
            )
            return False
        self.attachment_status.setText(
            f"Saved an unencrypted copy as {visible_filename(Path(name).name)}. Delete it "
            "when you no longer need it."
        )
        return True

    def remove_attachment(self) -> bool:
        attachment = self._selected_attachment()
        if attachment is None or attachment.id is None or not self._session.is_open:
            return False
        if not Messages.confirm(
            self,
            "Remove file",
            "Remove this file from the entry and from your vault?",
            action="Remove",
            destructive=True,
            informative="The file is deleted from the vault. Copies elsewhere are not affected.",
        ):
            return False
        self._session.repos.attachments.remove(attachment.id)
        self._attachments = [a for a in self._attachments if a.id != attachment.id]
        self._show_attachments()
        self.attachment_status.setText(
            "File removed. Save to record the change in the entry's history."
        )
        self._changed()
        return True

    # -- history -------------------------------------------------------------------------------

    def show_history(self) -> HistoryDialog | None:
        if self._incident_id is None or not self._session.is_open:
            return None
        if self.history_dialog is not None:
            self.history_dialog.close()
            self.history_dialog.deleteLater()
        self.history_dialog = HistoryDialog(self._session, self._incident_id, self)
        self.history_dialog.show()
        return self.history_dialog

    # -- withdraw ------------------------------------------------------------------------------

    def withdraw_or_restore(self) -> None:
        """Withdraw this saved entry as made in error (asks for a reason), or restore it.
        Either is a new revision of the stored entry; what is typed here is not touched."""
        stored, incident_id = self._stored, self._incident_id
        if stored is None or incident_id is None or not self._session.is_open:
            return
        if stored.withdrawn is not None:
            problem = restore_entry(self._session, incident_id)
            if problem is not None:
                self.status.setText(f"Not restored. {problem}")
                return
            self._withdrawal_changed(
                "Restored: the entry is back in the journal, Patterns and reports."
            )
            return

        def confirm(reason: str) -> str | None:
            problem = withdraw_entry(self._session, incident_id, reason)
            if problem is None:
                self._withdrawal_changed(
                    "Withdrawn: the entry is no longer listed, counted "
                    "in Patterns or put in reports. Its history is kept."
                )
            return problem

        if self.withdraw_dialog is not None:
            self.withdraw_dialog.close()
        self.withdraw_dialog = WithdrawDialog(
            self._session, stored.record_number or 0, confirm, self
        )
        self.withdraw_dialog.destroyed.connect(self._withdraw_dialog_gone)
        self.withdraw_dialog.open()

    def _withdraw_dialog_gone(self) -> None:
        self.withdraw_dialog = None

    def _withdrawal_changed(self, status: str) -> None:
        if self._incident_id is None or not self._session.is_open:
            return
        self._stored = self._session.repos.incidents.get(self._incident_id)
        self._show_record_info()
        self.status.setText(status)

    # -- closing -------------------------------------------------------------------------------

    def _on_vault_closing(self) -> None:
        """Lock or quit: keep the text as a draft, then drop everything shown."""
        self._stop_adding()
        self.save_draft()
        self._autosave.stop()
        self._loading = True
        for edit in self.findChildren(QLineEdit):
            edit.clear()
        for text in self.findChildren(QPlainTextEdit):
            text.clear()
        for listing in self.findChildren(QListWidget):
            if listing is not self.section_list:
                listing.clear()
        for rows in (self.quotes, self.witnesses, self.told, self.reports, self.evidence):
            for row in list(rows.rows):
                rows.remove_row(row)
        self.quality_text.clear()
        self.preview.clear()
        self._attachments = []
        self._people = []
        self._stored = None
        self._capture_text = None
        self._dirty = False

    def reject(self) -> None:
        # Called on Close, Escape and by the lock; must never ask a question.
        self._stop_adding()
        self.save_draft()
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_draft()
        super().closeEvent(event)


def store_files(
    repo: AttachmentRepository,
    incident_id: int | None,
    names: list[str],
    should_stop: Callable[[], bool] | None = None,
    *,
    draft_slot: str | None = None,
) -> tuple[list[Attachment], list[str]]:
    """Read each file and store it (attached to ``incident_id``, or for an entry not saved yet
    to the draft ``draft_slot``). Returns what was added and one sentence per file that was
    not; stops between files when ``should_stop()``. No Qt: runs on a worker too."""
    added: list[Attachment] = []
    problems: list[str] = []
    for name in names:
        if should_stop is not None and should_stop():
            break
        path = Path(name)
        shown = visible_filename(path.name)
        try:
            size = path.stat().st_size
            if size > repo.max_bytes:
                raise AttachmentTooLarge(size, repo.max_bytes)
            added.append(repo.add(incident_id, path.name, path.read_bytes(), draft_slot=draft_slot))
        except AttachmentRejected as error:
            problems.append(f"{shown}: {error.user_message}")
        except ValidationError as error:
            problems.append(f"{shown}: {error.message}")
        except OSError:
            problems.append(f"{shown}: this file could not be read. Nothing was added.")
    return added, problems


def describe_attachment(attachment: Attachment) -> str:
    """One line for a list: name (made visible), type, size as people read it, date added."""
    added = attachment.added_at.astimezone() if attachment.added_at else None
    when = f", added {_day(added.date())}" if added else ""
    return (
        f"{visible_filename(attachment.original_name)} — {attachment.media_type}, "
        f"{format_size(attachment.size)}{when}"
    )


def _is_dark() -> bool:
    app = QApplication.instance()
    return app is not None and app.property("peerdeskTheme") == "dark"


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
