"""Colleagues: a peer supporter's confidential, minimal notes (REPORTING.md, "Peer supporter
notes"; SECURITY.md 16-19, 22, 23, 26).

The screen has four tabs:

- **Colleagues**: the list (pseudonym, status, last contact, next follow-up, retention date;
  active / closed / all; search), and for the selected colleague their details (pseudonym, a
  real name that stays hidden until "Reveal real name" and hides again on selection change,
  save and lock; consent; retention; status; notes), their conversations with an editor, and
  "What I hold" — everything stored about them, with "Save as PDF…".
- **Follow-ups**: open follow-ups, overdue first; mark done or reschedule.
- **Past retention**: colleagues whose retention period has run out, with the date; deleting
  everything about one or several of them is confirmed first and is complete (storage removes the
  colleague, their conversations, drafts and every search-index row).

Every deletion for good (a colleague, colleagues past retention, a conversation) is followed, in
the background, by replacing the automatic backups with one fresh backup without it
(``storage.backup.replace_automatic_backups``); what happened is shown under the tabs, and the
dialogs say that copies the user made still hold it.
- **Statistics**: counts only for a period, as bar charts, with CSV and PDF export.

Editors keep unsaved work as drafts inside the vault (autosaved a moment after typing stops,
when switching records and when the vault closes) and restore it when the record is opened
again. The real name is never put into a draft. The wording check shows gentle hints under
the summary, actions, notes and debrief; it never stops saving.

On ``on_closing`` (lock, quit) the screen saves drafts, hides the real name, closes its dialogs,
forgets pending exports and empties every model and field, so no note text stays reachable.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import shiboken6
from PySide6.QtCore import (
    QDate,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPaintEvent,
    QPalette,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from peerdesk.export.colleague_pdf import follow_up_text, referral_text, write_what_i_hold
from peerdesk.export.pdfkit import PdfError
from peerdesk.export.stats_csv import write_programme_stats_csv
from peerdesk.export.stats_pdf import on_time_share, time_buckets, write_programme_stats_pdf
from peerdesk.models import (
    DURATION_MAX_MINUTES,
    NAME_MAX,
    RETENTION_MAX_MONTHS,
    RETENTION_MIN_MONTHS,
    SHORT_MAX,
    Channel,
    Colleague,
    ColleagueStatus,
    Consent,
    Conversation,
    ConversationTheme,
    Draft,
    FollowUp,
    RecordKind,
    Referral,
    Resource,
    ResourceKind,
    ValidationError,
)
from peerdesk.models.colleague import DEFAULT_RETENTION_MONTHS
from peerdesk.models.supporter_views import HeldRecord, ProgrammeStats
from peerdesk.models.text import plural
from peerdesk.models.timing import add_months
from peerdesk.models.wording import WordingHint, check_wording, kind_label
from peerdesk.storage.colleagues import ExpiredColleague
from peerdesk.storage.conversations import FollowUpItem, NoFollowUp
from peerdesk.storage.errors import RecordNotFound, VaultError
from peerdesk.storage.repository import Change
from peerdesk.storage.settings import BACKUPS_HOLD_DELETED
from peerdesk.ui.common.file_dialogs import remember_folder, save_dialog
from peerdesk.ui.common.item_models import Column, IdRole, ObjectRole, RecordTableModel, SortRole
from peerdesk.ui.common.messages import Messages
from peerdesk.ui.common.session import VaultSession
from peerdesk.ui.common.workers import run_in_background
from peerdesk.ui.directory.editor import ResourceEditor
from peerdesk.ui.report.pdf_options import PdfPasswordChoice
from peerdesk.ui.shell.locking import SecureClipboard

if TYPE_CHECKING:
    from peerdesk.ui.common.preferences import Preferences

log = logging.getLogger(__name__)

#: Editors keep a draft this long after the last change (and on switching records and lock).
AUTOSAVE_MS = 2000
#: The wording check runs this long after typing stops.
HINT_DELAY_MS = 300
#: Blocks longer than this are not underlined (the hints below the box still list them).
HIGHLIGHT_MAX_CHARS = 20_000
#: Hints listed under a box; the rest are counted.
HINTS_SHOWN = 3
#: Matches from conversations used to find colleagues in the list search.
SEARCH_CONVERSATIONS_MAX = 300

T = TypeVar("T")
AnyIndex = QModelIndex | QPersistentModelIndex

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_NO_DATE_KEY = "9999-12-31"
_DRAFT_VERSION = 1


# -- small helpers ---------------------------------------------------------------------------------


def day_text(day: date | None, empty: str = "—") -> str:
    """``12 Mar 2026`` in English whatever the process locale (``empty`` for None)."""
    if day is None:
        return empty
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def _key(day: date | None) -> str:
    return day.isoformat() if day is not None else _NO_DATE_KEY


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def _parse_day(value: object) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _date_edit(name: str) -> QDateEdit:
    edit = QDateEdit()
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("d MMM yyyy")
    edit.setLocale(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    return edit


def _text_box(name: str, lines: int, placeholder: str = "", *, grow_to: int = 0) -> QPlainTextEdit:
    """A plain-text box ``lines`` high (up to ``grow_to`` lines when there is room)."""
    box = QPlainTextEdit()
    box.setObjectName(name)
    box.setTabChangesFocus(True)
    box.setPlaceholderText(placeholder)
    spacing = QFontMetrics(box.font()).lineSpacing()
    box.setMinimumHeight(spacing * lines + 14)
    box.setMaximumHeight(spacing * max(lines, grow_to) + 14)
    box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    return box


def _scroll(widget: QWidget, name: str) -> QScrollArea:
    """A vertical-only scroll area: the content follows the width instead of overflowing."""
    area = QScrollArea()
    area.setObjectName(name)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(widget)
    return area


def _note(text: str, name: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    if name:
        label.setObjectName(name)
    return label


def _error_text(exc: BaseException, fallback: str) -> str:
    if isinstance(exc, ValidationError):
        return exc.message
    message = getattr(exc, "user_message", "")
    return message if isinstance(message, str) and message else fallback


def _utf16(text: str, index: int) -> int:
    """A Python string index as a Qt (UTF-16) position."""
    head = text[:index]
    return index + sum(1 for ch in head if ord(ch) > 0xFFFF)


def _table(name: str) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setAlternatingRowColors(True)
    view.setSortingEnabled(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.horizontalHeader().setHighlightSections(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    return view


def _sorting_proxy() -> QSortFilterProxyModel:
    proxy = QSortFilterProxyModel()
    proxy.setSortRole(SortRole)
    return proxy


# -- wording check ---------------------------------------------------------------------------------


class WordingHighlighter(QSyntaxHighlighter):
    """Underlines flagged words with a soft wavy line, like a spelling hint."""

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self._format = QTextCharFormat()
        self._format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        self._format.setUnderlineColor(QColor("#d08a1e"))

    def highlightBlock(self, text: str) -> None:
        if not text or len(text) > HIGHLIGHT_MAX_CHARS:
            return
        for hint in check_wording(text):
            start = _utf16(text, hint.start)
            self.setFormat(start, _utf16(text, hint.end) - start, self._format)


class WordingHints(QLabel):
    """Gentle hints under one text box. It advises; saving never waits for it."""

    def __init__(self, box: QPlainTextEdit, name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.setProperty("wordingHints", True)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()
        self.hints: list[WordingHint] = []
        self._box = box
        self._highlighter = WordingHighlighter(box.document())
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(HINT_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        box.textChanged.connect(self._timer.start)

    def refresh(self) -> None:
        self._timer.stop()
        self.hints = check_wording(self._box.toPlainText())
        if not self.hints:
            self.clear()
            self.hide()
            return
        distinct: dict[str, WordingHint] = {}
        for hint in self.hints:
            distinct.setdefault(hint.term.casefold(), hint)
        items = list(distinct.values())
        lines = [
            f"<b>“{html.escape(h.term)}”</b> <i>({html.escape(kind_label(h.kind).lower())})"
            f"</i> — {html.escape(h.suggestion)}"
            for h in items[:HINTS_SHOWN]
        ]
        if len(items) > HINTS_SHOWN:
            lines.append(f"…and {plural(len(items) - HINTS_SHOWN, 'more word')}.")
        self.setText("A gentle suggestion — you can still save as it is:<br>" + "<br>".join(lines))
        self.show()

    def reset(self) -> None:
        self._timer.stop()
        self.hints = []
        self.clear()
        self.hide()


# -- item models -----------------------------------------------------------------------------------


class LiveTableModel(RecordTableModel[T]):
    """A RecordTableModel whose rows can stop belonging to it: a changed record that its
    loader no longer returns (a follow-up marked done, a colleague no longer past retention,
    a conversation moved to another colleague) is removed row by row."""

    def refresh_ids(self, ids: Sequence[int]) -> None:
        """Re-read these records (e.g. after a change the repository did not announce)."""
        self._on_change(Change("changed", tuple(ids)))

    def _on_change(self, change: Change) -> None:
        if change.kind == "removed":
            super()._on_change(change)
            return
        fresh = {self._key(item): item for item in self._load_some(change.ids)}
        gone = tuple(i for i in change.ids if i not in fresh and i in self._row_of)
        if gone:
            super()._on_change(Change("removed", gone))
        for record_id in change.ids:
            item = fresh.get(record_id)
            if item is None:
                continue
            row = self._row_of.get(record_id)
            if row is None:
                end = len(self._rows)
                self.beginInsertRows(QModelIndex(), end, end)
                self._rows.append(item)
                self._row_of[record_id] = end
                self.endInsertRows()
            else:
                self._rows[row] = item
                self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def ids(self) -> list[int]:
        return [self._key(item) for item in self._rows]


@dataclass(frozen=True)
class ColleagueRow:
    colleague: Colleague
    next_follow_up: date | None
    overdue: bool


class ColleagueListModel(LiveTableModel[ColleagueRow]):
    """Colleagues with their next open follow-up (never a real name)."""

    def __init__(self, session: VaultSession, today: Callable[[], date]) -> None:
        self._session = session
        self._today = today
        self._next: dict[int, date] = {}
        super().__init__(
            [
                Column(
                    "Colleague",
                    lambda r: r.colleague.pseudonym,
                    sort_key=lambda r: r.colleague.pseudonym.casefold(),
                ),
                Column("Status", lambda r: r.colleague.status.label),
                Column(
                    "Last contact",
                    lambda r: day_text(r.colleague.last_contact),
                    sort_key=lambda r: _key(r.colleague.last_contact),
                ),
                Column(
                    "Next follow-up",
                    lambda r: day_text(r.next_follow_up, "") + (" (overdue)" if r.overdue else ""),
                    sort_key=lambda r: _key(r.next_follow_up),
                ),
                Column(
                    "Keep until",
                    lambda r: day_text(r.colleague.retention_expires_on()),
                    sort_key=lambda r: _key(r.colleague.retention_expires_on()),
                ),
            ],
            key=lambda r: r.colleague.id or 0,
            load_all=self._load_all_rows,
            load_some=self._load_rows,
        )

    def _next_follow_ups(self) -> dict[int, date]:
        found: dict[int, date] = {}
        for item in self._session.repos.conversations.follow_ups(
            include_done=False, today=self._today()
        ):
            if item.colleague_id not in found or item.due < found[item.colleague_id]:
                found[item.colleague_id] = item.due
        return found

    def _row(self, colleague: Colleague) -> ColleagueRow:
        due = self._next.get(colleague.id or 0)
        return ColleagueRow(colleague, due, due is not None and due < self._today())

    def _load_all_rows(self) -> list[ColleagueRow]:
        self._next = self._next_follow_ups()
        return [self._row(c) for c in self._session.repos.colleagues.list()]

    def _load_rows(self, ids: Sequence[int]) -> list[ColleagueRow]:
        self._next = self._next_follow_ups()
        rows = []
        for colleague_id in ids:
            try:
                rows.append(self._row(self._session.repos.colleagues.get(colleague_id)))
            except RecordNotFound:
                continue
        return rows

    def follow_ups_changed(self) -> None:
        """Conversations changed: refresh the rows whose next follow-up moved."""
        old = self._next
        new = self._next_follow_ups()
        moved = [
            i
            for i in set(old) | set(new)
            if old.get(i) != new.get(i) and self.row_of(i) is not None
        ]
        if moved:
            self.refresh_ids(moved)
        self._next = new


def _follow_up_cell(conversation: Conversation) -> str:
    follow = conversation.follow_up
    if follow is None:
        return ""
    if follow.done:
        return "Done"
    return f"Due {day_text(follow.due)}"


class ConversationListModel(LiveTableModel[Conversation]):
    """The selected colleague's conversations, newest first."""

    def __init__(self, session: VaultSession) -> None:
        self._session = session
        self.colleague_id: int | None = None
        super().__init__(
            [
                Column("Date", lambda c: day_text(c.held_on), sort_key=lambda c: _key(c.held_on)),
                Column("Channel", lambda c: c.channel.label),
                Column("Themes", lambda c: ", ".join(sorted(t.label for t in c.themes))),
                Column(
                    "Follow-up",
                    _follow_up_cell,
                    sort_key=lambda c: _key(c.follow_up.due if c.follow_up else None),
                ),
            ],
            key=lambda c: c.id or 0,
            load_all=self._load_all_rows,
            load_some=self._load_rows,
        )

    def show_colleague(self, colleague_id: int | None) -> None:
        self.colleague_id = colleague_id
        self.reload()

    def _load_all_rows(self) -> list[Conversation]:
        if self.colleague_id is None or not self._session.is_open:
            return []
        return self._session.repos.conversations.list_for_colleague(self.colleague_id)

    def _load_rows(self, ids: Sequence[int]) -> list[Conversation]:
        found = []
        for conversation_id in ids:
            try:
                conversation = self._session.repos.conversations.get(conversation_id)
            except RecordNotFound:
                continue
            if conversation.colleague_id == self.colleague_id:
                found.append(conversation)
        return found

    def clear(self) -> None:
        self.colleague_id = None
        super().clear()


def follow_up_status(item: FollowUpItem, today: date) -> str:
    days = (item.due - today).days
    if days < 0:
        return f"Overdue by {plural(-days, 'day')}"
    if days == 0:
        return "Due today"
    if days == 1:
        return "Due tomorrow"
    return f"Due in {days} days"


class FollowUpModel(LiveTableModel[FollowUpItem]):
    """Open follow-ups (pseudonyms only, never note text); overdue rows in bold."""

    def __init__(self, session: VaultSession, today: Callable[[], date]) -> None:
        self._session = session
        self._today = today
        super().__init__(
            [
                Column("Due", lambda f: day_text(f.due), sort_key=lambda f: _key(f.due)),
                Column(
                    "Colleague", lambda f: f.pseudonym, sort_key=lambda f: f.pseudonym.casefold()
                ),
                Column(
                    "Status",
                    lambda f: follow_up_status(f, self._today()),
                    sort_key=lambda f: _key(f.due),
                ),
                Column(
                    "Conversation on",
                    lambda f: day_text(f.held_on),
                    sort_key=lambda f: _key(f.held_on),
                ),
            ],
            key=lambda f: f.conversation_id,
            load_all=self._load_all_rows,
            load_some=self._load_rows,
        )

    def _load_all_rows(self) -> list[FollowUpItem]:
        return self._session.repos.conversations.follow_ups(include_done=False, today=self._today())

    def _load_rows(self, ids: Sequence[int]) -> list[FollowUpItem]:
        wanted = set(ids)
        return [f for f in self._load_all_rows() if f.conversation_id in wanted]

    def overdue_count(self) -> int:
        today = self._today()
        return sum(1 for f in self._rows if f.due < today)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.FontRole and index.isValid() and index.row() < len(self._rows):
            if self._rows[index.row()].due < self._today():
                font = QFont()
                font.setBold(True)
                return font
            return None
        return super().data(index, role)


class ExpiredModel(LiveTableModel[ExpiredColleague]):
    """Colleagues past their retention date."""

    def __init__(self, session: VaultSession, today: Callable[[], date]) -> None:
        self._session = session
        self._today = today
        super().__init__(
            [
                Column(
                    "Colleague", lambda e: e.pseudonym, sort_key=lambda e: e.pseudonym.casefold()
                ),
                Column(
                    "Last contact",
                    lambda e: day_text(e.last_contact),
                    sort_key=lambda e: _key(e.last_contact),
                ),
                Column(
                    "Retention ended on",
                    lambda e: day_text(e.expires_on),
                    sort_key=lambda e: _key(e.expires_on),
                ),
            ],
            key=lambda e: e.id,
            load_all=self._load_all_rows,
            load_some=self._load_rows,
        )

    def _load_all_rows(self) -> list[ExpiredColleague]:
        return self._session.repos.colleagues.expired(self._today())

    def _load_rows(self, ids: Sequence[int]) -> list[ExpiredColleague]:
        wanted = set(ids)
        return [e for e in self._load_all_rows() if e.id in wanted]


class ColleagueFilter(QSortFilterProxyModel):
    """Status (active / closed / all) and a search: every word in the pseudonym, or a
    full-text match in the colleague's notes or conversations (ids found by the screen)."""

    def __init__(self) -> None:
        super().__init__()
        self.setSortRole(SortRole)
        self._status: ColleagueStatus | None = ColleagueStatus.ACTIVE
        self._words: list[str] = []
        self._matched: set[int] = set()

    @property
    def status(self) -> ColleagueStatus | None:
        return self._status

    def set_status(self, status: ColleagueStatus | None) -> None:
        self.beginFilterChange()
        self._status = status
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_search(self, text: str, matched: set[int]) -> None:
        self.beginFilterChange()
        self._words = text.casefold().split()
        self._matched = set(matched)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent: AnyIndex) -> bool:
        model = self.sourceModel()
        item: ColleagueRow | None = model.data(model.index(row, 0, parent), ObjectRole)
        if item is None:
            return False
        colleague = item.colleague
        if self._status is not None and colleague.status is not self._status:
            return False
        if self._words:
            name = colleague.pseudonym.casefold()
            return all(w in name for w in self._words) or (colleague.id or 0) in self._matched
        return True


# -- small widgets ---------------------------------------------------------------------------------


class OptionalDate(QWidget):
    """A date that may be left unset: a check box and a date field."""

    changed = Signal()

    def __init__(self, label: str, name: str) -> None:
        super().__init__()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.check = QCheckBox(label)
        self.check.setObjectName(name + "Set")
        self.edit = _date_edit(name)
        self.edit.setEnabled(False)
        row.addWidget(self.check)
        row.addWidget(self.edit)
        row.addStretch(1)
        self.check.toggled.connect(self.edit.setEnabled)
        self.check.toggled.connect(self.changed)
        self.edit.dateChanged.connect(self.changed)

    def value(self) -> date | None:
        return from_qdate(self.edit.date()) if self.check.isChecked() else None

    def set_value(self, day: date | None, default: date) -> None:
        self.check.setChecked(day is not None)
        self.edit.setDate(to_qdate(day or default))


class BarChart(QWidget):
    """Labelled horizontal bars drawn with QPainter (no chart library): label, bar, count."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self._rows: list[tuple[str, int]] = []
        self.label_share = 0.42  # of the width, the same in every chart so bars line up
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def rows(self) -> list[tuple[str, int]]:
        return list(self._rows)

    def set_rows(self, rows: Sequence[tuple[str, int]]) -> None:
        self._rows = [(str(label), int(count)) for label, count in rows]
        description = "; ".join(f"{label}: {count}" for label, count in self._rows)
        self.setAccessibleDescription(description)
        self.setToolTip("\n".join(f"{label}: {count}" for label, count in self._rows))
        self.updateGeometry()
        self.update()

    def clear(self) -> None:
        self.set_rows([])

    def _row_height(self) -> int:
        return self.fontMetrics().height() + 8

    def sizeHint(self) -> QSize:
        return QSize(320, max(1, len(self._rows)) * self._row_height() + 4)

    def minimumSizeHint(self) -> QSize:
        return QSize(200, self.sizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            palette = self.palette()
            metrics = self.fontMetrics()
            height = self._row_height()
            width = self.width()
            count_width = metrics.horizontalAdvance("00000") + 8
            label_width = int(width * self.label_share)
            bar_room = max(10, width - label_width - count_width - 8)
            biggest = max((count for _, count in self._rows), default=0) or 1
            track = palette.color(QPalette.ColorRole.Midlight)
            bar = palette.color(QPalette.ColorRole.Highlight)
            ink = palette.color(QPalette.ColorRole.WindowText)
            for i, (label, count) in enumerate(self._rows):
                top = i * height + 2
                painter.setPen(ink)
                text = metrics.elidedText(label, Qt.TextElideMode.ElideRight, label_width - 8)
                painter.drawText(
                    0,
                    top,
                    label_width - 8,
                    height,
                    int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
                    text,
                )
                bar_top = top + height // 4
                bar_height = max(4, height // 2)
                painter.fillRect(label_width, bar_top, bar_room, bar_height, track)
                if count:
                    painter.fillRect(
                        label_width,
                        bar_top,
                        max(2, round(bar_room * count / biggest)),
                        bar_height,
                        bar,
                    )
                painter.setPen(ink)
                painter.drawText(
                    width - count_width,
                    top,
                    count_width,
                    height,
                    int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight),
                    str(count),
                )
        finally:
            painter.end()


# -- colleague details -----------------------------------------------------------------------------


class DraftBanner(QFrame):
    """ "Restored unsaved changes from …" with a Discard button."""

    discard_requested = Signal()

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.setProperty("draftBanner", True)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.discard_button = QPushButton("Discard changes")
        self.discard_button.setObjectName(name + "Discard")
        self.discard_button.clicked.connect(self.discard_requested)
        row.addWidget(self.label, 1)
        row.addWidget(self.discard_button)
        self.hide()

    def show_restored(self, draft: Draft) -> None:
        when = draft.saved_at.astimezone() if draft.saved_at else None
        stamp = f" from {day_text(when.date())} at {when:%H:%M}" if when else ""
        self.label.setText(f"Restored your unsaved changes{stamp}. Save to keep them.")
        self.show()

    def reset(self) -> None:
        self.label.clear()
        self.hide()


class _DraftEditor(QWidget):
    """What both editors share: dirty tracking, a debounced draft, restore on load."""

    kind: RecordKind

    def __init__(self, session: VaultSession, name: str) -> None:
        super().__init__()
        self._session = session
        self._loading = False
        self.dirty = False
        self.record_id: int | None = None
        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(AUTOSAVE_MS)
        self._autosave.timeout.connect(self.save_draft)
        # The top of both editors: the "restored draft" banner, then a heading.
        self.outer = QVBoxLayout(self)
        self.outer.setContentsMargins(0, 0, 0, 0)
        self.draft_banner = DraftBanner(f"{name}DraftBanner")
        self.draft_banner.discard_requested.connect(self.discard_changes)
        self.outer.addWidget(self.draft_banner)
        self.heading = QLabel()
        self.heading.setObjectName(f"{name}Heading")
        self.outer.addWidget(self.heading)

    # subclasses
    def payload(self) -> dict[str, Any]:
        raise NotImplementedError

    def draft_belongs(self, payload: dict[str, Any]) -> bool:
        return True

    def _changed(self, *_args: object) -> None:
        if self._loading:
            return
        self.dirty = True
        self._autosave.start()

    def save_draft(self) -> None:
        """Keep unsaved changes inside the vault (nothing happens when there are none)."""
        self._autosave.stop()
        if not self.dirty or not self._session.is_open:
            return
        try:
            self._session.repos.drafts.save(
                Draft(record_kind=self.kind, record_id=self.record_id, payload=self.payload())
            )
        except (ValidationError, VaultError):
            log.warning("a draft could not be kept")

    def load_draft(self) -> Draft | None:
        if not self._session.is_open:
            return None
        try:
            draft = self._session.repos.drafts.load(self.kind, self.record_id)
        except (ValidationError, VaultError):
            return None
        if draft is None or not self.draft_belongs(draft.payload):
            return None
        return draft

    def discard_draft(self) -> None:
        if self._session.is_open:
            self._session.repos.drafts.discard(self.kind, self.record_id)

    def forget(self) -> None:
        """Drop unsaved state without keeping it (the record was deleted)."""
        self._autosave.stop()
        self.dirty = False


class ColleagueForm(_DraftEditor):
    """Pseudonym, hidden real name, status, retention, consent and notes of one colleague."""

    kind = RecordKind.COLLEAGUE
    saved = Signal(int)
    delete_requested = Signal(int)
    what_i_hold_requested = Signal()
    real_name_shown = Signal(bool)

    def __init__(self, session: VaultSession, today: Callable[[], date]) -> None:
        super().__init__(session, "colleague")
        self._today = today
        self._loaded: Colleague | None = None
        outer = self.outer

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.pseudonym_edit = QLineEdit()
        self.pseudonym_edit.setObjectName("pseudonym")
        self.pseudonym_edit.setMaxLength(NAME_MAX)
        self.pseudonym_edit.setPlaceholderText("Initials or a made-up name, e.g. Heron")
        form.addRow("&Pseudonym", self.pseudonym_edit)

        real = QWidget()
        real_row = QGridLayout(real)
        real_row.setContentsMargins(0, 0, 0, 0)
        self.real_name_state = QLabel()
        self.real_name_state.setObjectName("realNameState")
        self.reveal_button = QPushButton("Reveal real name")
        self.reveal_button.setObjectName("revealRealName")
        self.reveal_button.setCheckable(True)
        self.reveal_button.setToolTip(
            "Shows the real name until you hide it, choose another "
            "colleague, save or lock PeerDesk."
        )
        self.real_name_edit = QLineEdit()
        self.real_name_edit.setObjectName("realName")
        self.real_name_edit.setMaxLength(NAME_MAX)
        self.real_name_edit.setPlaceholderText(
            "Optional — only if the colleague is happy for it to be kept"
        )
        self.real_name_edit.setInputMethodHints(
            Qt.InputMethodHint.ImhSensitiveData | Qt.InputMethodHint.ImhNoPredictiveText
        )
        self.real_name_edit.hide()
        real_row.addWidget(self.real_name_state, 0, 0)
        real_row.addWidget(self.reveal_button, 0, 1)
        real_row.addWidget(self.real_name_edit, 1, 0, 1, 2)
        real_row.setColumnStretch(0, 1)
        self.reveal_button.toggled.connect(self._reveal_toggled)
        form.addRow("Real name", real)

        self.status_combo = QComboBox()
        self.status_combo.setObjectName("colleagueStatus")
        for status in ColleagueStatus:
            self.status_combo.addItem(status.label, status.value)
        form.addRow("&Status", self.status_combo)

        keep = QWidget()
        keep_row = QHBoxLayout(keep)
        keep_row.setContentsMargins(0, 0, 0, 0)
        self.retention_spin = QSpinBox()
        self.retention_spin.setObjectName("retentionMonths")
        self.retention_spin.setRange(RETENTION_MIN_MONTHS, RETENTION_MAX_MONTHS)
        self.retention_spin.setSuffix(" months")
        self.retention_label = QLabel()
        self.retention_label.setObjectName("retentionUntil")
        keep_row.addWidget(self.retention_spin)
        keep_row.addWidget(self.retention_label, 1)
        form.addRow("&Keep notes for", keep)
        outer.addLayout(form)

        consent = QGroupBox("Consent — what the colleague agreed")
        consent.setObjectName("consentGroup")
        consent_form = QFormLayout(consent)
        consent_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.may_record_edit = _text_box("mayRecord", 2, "e.g. Dates and short factual notes")
        self.may_share_edit = _text_box("mayShare", 2, "e.g. Nothing without asking first")
        self.share_with_edit = _text_box("shareWith", 1, "e.g. Only the union rep, if asked")
        self.consent_given = OptionalDate("Agreed on", "consentGiven")
        self.consent_until = OptionalDate("Agreed until", "consentUntil")
        consent_form.addRow("May be written down", self.may_record_edit)
        consent_form.addRow("May be shared", self.may_share_edit)
        consent_form.addRow("Shared with", self.share_with_edit)
        consent_form.addRow("", self.consent_given)
        consent_form.addRow("", self.consent_until)
        outer.addWidget(consent)

        outer.addWidget(QLabel("<b>Notes</b>"))
        self.notes_edit = _text_box(
            "colleagueNotes", 3, "Practical things only, e.g. prefers to meet off-site", grow_to=8
        )
        outer.addWidget(self.notes_edit)
        self.notes_hints = WordingHints(self.notes_edit, "notesHints")
        outer.addWidget(self.notes_hints)

        self.error_label = _note("", "colleagueError")
        self.error_label.hide()
        outer.addWidget(self.error_label)
        buttons = QHBoxLayout()
        self.save_button = QPushButton("Save")
        self.save_button.setObjectName("saveColleague")
        self.save_button.setDefault(True)
        self.hold_button = QPushButton("What I hold…")
        self.hold_button.setObjectName("showWhatIHold")
        self.delete_button = QPushButton("Delete everything…")
        self.delete_button.setObjectName("deleteColleague")
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.hold_button)
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)
        outer.addLayout(buttons)
        outer.addStretch(1)
        self.save_button.clicked.connect(self.save)
        self.hold_button.clicked.connect(self.what_i_hold_requested)
        self.delete_button.clicked.connect(self._delete_clicked)

        for line in (self.pseudonym_edit, self.real_name_edit):
            line.textChanged.connect(self._changed)
        for box in (
            self.may_record_edit,
            self.may_share_edit,
            self.share_with_edit,
            self.notes_edit,
        ):
            box.textChanged.connect(self._changed)
        self.status_combo.currentIndexChanged.connect(self._changed)
        self.retention_spin.valueChanged.connect(self._changed)
        self.retention_spin.valueChanged.connect(self._show_retention)
        self.consent_given.changed.connect(self._changed)
        self.consent_until.changed.connect(self._changed)
        self.clear()

    # -- loading -----------------------------------------------------------------------------------

    @property
    def colleague_id(self) -> int | None:
        return self.record_id

    @property
    def is_open(self) -> bool:
        """True when the form shows a colleague or a new one being written."""
        return self.isEnabled()

    def load(self, colleague: Colleague | None) -> None:
        """Show ``colleague`` (None: a new one), with its draft if there is one."""
        self.hide_real_name()
        self._loading = True
        try:
            self.record_id = colleague.id if colleague else None
            self._loaded = colleague
            self.setEnabled(True)
            self._fill(colleague or Colleague(pseudonym="x"), blank=colleague is None)
            self.heading.setText("<b>New colleague</b>" if colleague is None else "")
            self.heading.setVisible(colleague is None)
            self.delete_button.setEnabled(colleague is not None)
            self.hold_button.setEnabled(colleague is not None)
            self._update_real_name_state()
            self.dirty = False
            self.draft_banner.reset()
            self._show_error("")
            draft = self.load_draft()
            if draft is not None:
                self._restore(draft.payload)
                self.dirty = True
                self.draft_banner.show_restored(draft)
        finally:
            self._loading = False
        self._show_retention()
        self.notes_hints.refresh()

    def _fill(self, c: Colleague, *, blank: bool) -> None:
        today = self._today()
        self.pseudonym_edit.setText("" if blank else c.pseudonym)
        self.status_combo.setCurrentIndex(self.status_combo.findData(c.status.value))
        self.retention_spin.setValue(c.retention_months)
        self.may_record_edit.setPlainText(c.consent.may_record)
        self.may_share_edit.setPlainText(c.consent.may_share)
        self.share_with_edit.setPlainText(c.consent.share_with)
        self.consent_given.set_value(c.consent.recorded_on if not blank else today, today)
        self.consent_until.set_value(c.consent.until, add_months(today, 12))
        self.notes_edit.setPlainText(c.notes)

    def clear(self) -> None:
        """Empty every field and disable the form (nothing selected, or the vault closed)."""
        self.forget()
        self.hide_real_name()
        self._loading = True
        try:
            self.record_id = None
            self._loaded = None
            for line in (self.pseudonym_edit, self.real_name_edit):
                line.clear()
            for box in (
                self.may_record_edit,
                self.may_share_edit,
                self.share_with_edit,
                self.notes_edit,
            ):
                box.clear()
            self.retention_spin.setValue(DEFAULT_RETENTION_MONTHS)
            self.status_combo.setCurrentIndex(0)
            self.consent_given.set_value(None, date(2000, 1, 1))
            self.consent_until.set_value(None, date(2000, 1, 1))
            self.heading.clear()
            self.real_name_state.clear()
            self.retention_label.clear()
        finally:
            self._loading = False
        self.notes_hints.reset()
        self.draft_banner.reset()
        self._show_error("")
        self.setEnabled(False)

    # -- real name ---------------------------------------------------------------------------------

    @property
    def real_name_revealed(self) -> bool:
        return self.reveal_button.isChecked()

    def hide_real_name(self) -> None:
        """Hide the real name and drop it from the widget."""
        if self.reveal_button.isChecked():
            self.reveal_button.setChecked(False)  # _reveal_toggled clears the field
        else:
            self._clear_real_name_field()

    def _clear_real_name_field(self) -> None:
        was_loading, self._loading = self._loading, True
        try:
            self.real_name_edit.clear()
        finally:
            self._loading = was_loading
        self.real_name_edit.hide()

    def _reveal_toggled(self, shown: bool) -> None:
        if shown:
            name = ""
            if self.record_id is not None and self._session.is_open:
                try:
                    name = self._session.repos.colleagues.real_name(self.record_id)
                except VaultError:
                    name = ""
            was_loading, self._loading = self._loading, True
            try:
                self.real_name_edit.setText(name)
            finally:
                self._loading = was_loading
            self.real_name_edit.show()
            self.reveal_button.setText("Hide real name")
        else:
            self._clear_real_name_field()
            self.reveal_button.setText("Reveal real name")
        self._update_real_name_state()
        self.real_name_shown.emit(shown)

    def _update_real_name_state(self) -> None:
        if self.reveal_button.isChecked():
            self.real_name_state.setText("Shown until you hide it")
            return
        stored = False
        if self.record_id is not None and self._session.is_open:
            try:
                stored = self._session.repos.colleagues.has_real_name(self.record_id)
            except VaultError:
                stored = False
        self.real_name_state.setText("Stored, hidden" if stored else "None stored")

    # -- retention ---------------------------------------------------------------------------------

    def _show_retention(self) -> None:
        months = self.retention_spin.value()
        loaded = self._loaded
        start = None
        if loaded is not None:
            start = loaded.last_contact or (loaded.created_at.date() if loaded.created_at else None)
        if start is None:
            self.retention_label.setText("after the last contact")
        else:
            self.retention_label.setText(
                f"after the last contact — until {day_text(add_months(start, months))}"
            )

    # -- drafts ------------------------------------------------------------------------------------

    def colleague(self) -> Colleague:
        """The colleague as filled in (real name left out; see save)."""
        loaded = self._loaded
        return Colleague(
            id=self.record_id,
            pseudonym=self.pseudonym_edit.text(),
            status=ColleagueStatus(self.status_combo.currentData()),
            consent=Consent(
                may_record=self.may_record_edit.toPlainText(),
                may_share=self.may_share_edit.toPlainText(),
                share_with=self.share_with_edit.toPlainText(),
                until=self.consent_until.value(),
                recorded_on=self.consent_given.value(),
            ),
            retention_months=self.retention_spin.value(),
            last_contact=loaded.last_contact if loaded else None,
            created_at=loaded.created_at if loaded else None,
            notes=self.notes_edit.toPlainText(),
        )

    def payload(self) -> dict[str, Any]:
        c = self.colleague()
        return {  # never the real name: it is kept apart, and only when saved
            "v": _DRAFT_VERSION,
            "pseudonym": c.pseudonym,
            "status": c.status.value,
            "retention_months": c.retention_months,
            "may_record": c.consent.may_record,
            "may_share": c.consent.may_share,
            "share_with": c.consent.share_with,
            "consent_until": _iso(c.consent.until),
            "consent_given": _iso(c.consent.recorded_on),
            "notes": c.notes,
        }

    def _restore(self, p: dict[str, Any]) -> None:
        def text(key: str) -> str:
            value = p.get(key, "")
            return value if isinstance(value, str) else ""

        self.pseudonym_edit.setText(text("pseudonym"))
        index = self.status_combo.findData(text("status"))
        if index >= 0:
            self.status_combo.setCurrentIndex(index)
        months = p.get("retention_months")
        if isinstance(months, int) and not isinstance(months, bool):
            self.retention_spin.setValue(months)
        self.may_record_edit.setPlainText(text("may_record"))
        self.may_share_edit.setPlainText(text("may_share"))
        self.share_with_edit.setPlainText(text("share_with"))
        today = self._today()
        self.consent_until.set_value(_parse_day(p.get("consent_until")), add_months(today, 12))
        self.consent_given.set_value(_parse_day(p.get("consent_given")), today)
        self.notes_edit.setPlainText(text("notes"))

    def refresh_stored(self) -> None:
        """The stored colleague changed elsewhere (e.g. a conversation moved the last
        contact): update what depends on it without touching the fields being edited."""
        if self.record_id is None or not self._session.is_open:
            return
        try:
            self._loaded = self._session.repos.colleagues.get(self.record_id)
        except RecordNotFound:
            return
        self._show_retention()
        self._update_real_name_state()

    def discard_changes(self) -> None:
        self.discard_draft()
        self.dirty = False
        loaded = self._loaded
        if loaded is not None and loaded.id is not None and self._session.is_open:
            try:
                loaded = self._session.repos.colleagues.get(loaded.id)
            except RecordNotFound:
                self.clear()
                return
        self.load(loaded)

    # -- saving ------------------------------------------------------------------------------------

    def _show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))

    def save(self) -> bool:
        """Save; the wording hints never stop it. Returns whether it was saved."""
        if not self._session.is_open or not self.isEnabled():
            return False
        self._autosave.stop()
        repos = self._session.repos
        colleague = self.colleague()
        real_name = self.real_name_edit.text() if self.real_name_revealed else None
        old_id = self.record_id
        try:
            if old_id is None:
                colleague.real_name = real_name or ""
                stored = repos.colleagues.add(colleague)
            else:
                stored = repos.colleagues.update(colleague)
                if real_name is not None:
                    repos.colleagues.set_real_name(old_id, real_name)
        except (ValidationError, VaultError) as exc:
            self._show_error(_error_text(exc, "The colleague could not be saved."))
            if isinstance(exc, ValidationError) and exc.field == "pseudonym":
                self.pseudonym_edit.setFocus()
            return False
        repos.drafts.discard(RecordKind.COLLEAGUE, old_id)
        assert stored.id is not None
        stored.real_name = ""
        self.dirty = False
        self.load(stored)  # also hides the real name again
        self.saved.emit(stored.id)
        return True

    def _delete_clicked(self) -> None:
        if self.record_id is not None:
            self.delete_requested.emit(self.record_id)


# -- conversation editor ---------------------------------------------------------------------------


class ConversationEditor(_DraftEditor):
    """One conversation: date, length, channel, themes, summary, actions, referrals,
    follow-up and the supporter's own debrief."""

    kind = RecordKind.CONVERSATION
    saved = Signal(int)
    deleted = Signal(int)
    add_resource_requested = Signal()

    def __init__(self, session: VaultSession, today: Callable[[], date]) -> None:
        super().__init__(session, "conversation")
        self._today = today
        self.colleague_id: int | None = None
        outer = self.outer

        top = QGridLayout()
        self.held_on_edit = _date_edit("heldOn")
        self.duration_spin = QSpinBox()
        self.duration_spin.setObjectName("duration")
        self.duration_spin.setRange(0, DURATION_MAX_MINUTES)
        self.duration_spin.setSingleStep(5)
        self.duration_spin.setSpecialValueText("Not noted")
        self.duration_spin.setSuffix(" min")
        self.channel_combo = QComboBox()
        self.channel_combo.setObjectName("channel")
        for channel in Channel:
            self.channel_combo.addItem(channel.label, channel.value)
        for i, (label, widget) in enumerate(
            (
                ("&Date", self.held_on_edit),
                ("&Length", self.duration_spin),
                ("&How", self.channel_combo),
            )
        ):
            caption = QLabel(label)
            caption.setBuddy(widget)
            top.addWidget(caption, i // 2, (i % 2) * 2)
            top.addWidget(widget, i // 2, (i % 2) * 2 + 1)
        top.setColumnStretch(4, 1)
        outer.addLayout(top)

        themes = QGroupBox("Themes")
        themes.setObjectName("themesGroup")
        grid = QGridLayout(themes)
        self.theme_checks: dict[ConversationTheme, QCheckBox] = {}
        for i, theme in enumerate(ConversationTheme):
            check = QCheckBox(theme.label)
            check.setObjectName(f"theme_{theme.value}")
            self.theme_checks[theme] = check
            grid.addWidget(check, i // 4, i % 4)
            check.toggled.connect(self._changed)
        outer.addWidget(themes)

        outer.addWidget(QLabel("<b>Summary</b> — short and factual"))
        self.summary_edit = _text_box(
            "summary",
            4,
            "What the colleague wanted to talk about, in a few factual sentences",
            grow_to=8,
        )
        outer.addWidget(self.summary_edit)
        self.summary_hints = WordingHints(self.summary_edit, "summaryHints")
        outer.addWidget(self.summary_hints)
        outer.addWidget(QLabel("<b>Actions agreed</b>"))
        self.actions_edit = _text_box("actionsAgreed", 2, "Who will do what", grow_to=8)
        outer.addWidget(self.actions_edit)
        self.actions_hints = WordingHints(self.actions_edit, "actionsHints")
        outer.addWidget(self.actions_hints)

        referrals = QGroupBox("Signposting and referrals")
        referrals.setObjectName("referralsGroup")
        ref_layout = QVBoxLayout(referrals)
        self.referral_list = QListWidget()
        self.referral_list.setObjectName("referralList")
        self.referral_list.setMaximumHeight(QFontMetrics(self.font()).lineSpacing() * 4 + 12)
        ref_layout.addWidget(self.referral_list)
        pick = QGridLayout()
        self.resource_combo = QComboBox()
        self.resource_combo.setObjectName("referralResource")
        self.resource_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.resource_combo.setMinimumContentsLength(18)
        self.referral_kind_combo = QComboBox()
        self.referral_kind_combo.setObjectName("referralKind")
        for kind in ResourceKind:
            self.referral_kind_combo.addItem(kind.label, kind.value)
        self.referral_kind_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.referral_kind_combo.setMinimumContentsLength(12)
        self.referral_note_edit = QLineEdit()
        self.referral_note_edit.setObjectName("referralNote")
        self.referral_note_edit.setMaxLength(SHORT_MAX)
        self.referral_note_edit.setPlaceholderText("Note, e.g. shared the phone number")
        self.add_referral_button = QPushButton("Add referral")
        self.add_referral_button.setObjectName("addReferral")
        self.remove_referral_button = QPushButton("Remove")
        self.remove_referral_button.setObjectName("removeReferral")
        self.add_resource_button = QPushButton("Add a resource…")
        self.add_resource_button.setObjectName("addResource")
        pick.addWidget(self.resource_combo, 0, 0, 1, 2)
        pick.addWidget(self.referral_kind_combo, 0, 2)
        pick.addWidget(self.referral_note_edit, 1, 0, 1, 2)
        pick.addWidget(self.add_referral_button, 1, 2)
        pick.setColumnStretch(0, 1)
        ref_layout.addLayout(pick)
        ref_buttons = QHBoxLayout()
        ref_buttons.addWidget(self.remove_referral_button)
        ref_buttons.addStretch(1)
        ref_buttons.addWidget(self.add_resource_button)
        ref_layout.addLayout(ref_buttons)
        outer.addWidget(referrals)
        self.resource_combo.currentIndexChanged.connect(self._resource_chosen)
        self.add_referral_button.clicked.connect(self.add_referral)
        self.remove_referral_button.clicked.connect(self.remove_referral)
        self.add_resource_button.clicked.connect(self.add_resource_requested)

        follow = QGroupBox("Follow-up")
        follow.setObjectName("followUpGroup")
        follow_row = QGridLayout(follow)
        self.follow_up_check = QCheckBox("Follow up on")
        self.follow_up_check.setObjectName("followUpSet")
        self.follow_up_date = _date_edit("followUpDate")
        self.follow_up_done = QCheckBox("Done")
        self.follow_up_done.setObjectName("followUpDone")
        self.follow_up_note = QLineEdit()
        self.follow_up_note.setObjectName("followUpNote")
        self.follow_up_note.setMaxLength(SHORT_MAX)
        self.follow_up_note.setPlaceholderText("What to follow up")
        follow_row.addWidget(self.follow_up_check, 0, 0)
        follow_row.addWidget(self.follow_up_date, 0, 1)
        follow_row.addWidget(self.follow_up_done, 0, 2)
        follow_row.addWidget(self.follow_up_note, 1, 0, 1, 4)
        follow_row.setColumnStretch(3, 1)
        self.follow_up_check.toggled.connect(self._follow_up_enabled)
        outer.addWidget(follow)
        self._done_on: date | None = None

        outer.addWidget(
            _note(
                "<b>My debrief</b> — for you: how it went, how you are. Left "
                "out of “What I hold” PDFs unless you choose."
            )
        )
        self.debrief_edit = _text_box(
            "debrief", 2, "How are you after this conversation?", grow_to=8
        )
        outer.addWidget(self.debrief_edit)
        self.debrief_hints = WordingHints(self.debrief_edit, "debriefHints")
        outer.addWidget(self.debrief_hints)

        self.error_label = _note("", "conversationError")
        self.error_label.hide()
        outer.addWidget(self.error_label)
        buttons = QHBoxLayout()
        self.save_button = QPushButton("Save conversation")
        self.save_button.setObjectName("saveConversation")
        self.delete_button = QPushButton("Delete conversation…")
        self.delete_button.setObjectName("deleteConversation")
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)
        outer.addLayout(buttons)
        outer.addStretch(1)
        self.save_button.clicked.connect(self.save)
        self.delete_button.clicked.connect(self.delete)

        self.held_on_edit.dateChanged.connect(self._changed)
        self.duration_spin.valueChanged.connect(self._changed)
        self.channel_combo.currentIndexChanged.connect(self._changed)
        for box in (self.summary_edit, self.actions_edit, self.debrief_edit):
            box.textChanged.connect(self._changed)
        self.follow_up_check.toggled.connect(self._changed)
        self.follow_up_date.dateChanged.connect(self._changed)
        self.follow_up_done.toggled.connect(self._changed)
        self.follow_up_note.textChanged.connect(self._changed)
        self.clear()

    # -- resources ---------------------------------------------------------------------------------

    def set_resources(self, resources: Sequence[Resource]) -> None:
        """The directory entries a referral can point to (grouped by kind)."""
        current = self.resource_combo.currentData()
        self.resource_combo.blockSignals(True)
        self.resource_combo.clear()
        self.resource_combo.addItem("Choose from the directory (optional)", None)
        for r in sorted(resources, key=lambda r: (r.kind.label, r.name.casefold())):
            if r.id is None:
                continue
            suffix = f", {r.country}" if r.country else ""
            self.resource_combo.addItem(f"{r.name} ({r.kind.label}{suffix})", r.id)
            self.resource_combo.setItemData(
                self.resource_combo.count() - 1, r.kind.value, Qt.ItemDataRole.UserRole + 1
            )
        index = self.resource_combo.findData(current) if current is not None else 0
        self.resource_combo.setCurrentIndex(max(0, index))
        self.resource_combo.blockSignals(False)
        self._names = {r.id: r.name for r in resources if r.id is not None}

    def select_resource(self, resource_id: int) -> None:
        index = self.resource_combo.findData(resource_id)
        if index >= 0:
            self.resource_combo.setCurrentIndex(index)

    def _resource_chosen(self, index: int) -> None:
        kind = self.resource_combo.itemData(index, Qt.ItemDataRole.UserRole + 1)
        if kind:
            self.referral_kind_combo.setCurrentIndex(self.referral_kind_combo.findData(kind))

    def _referral_item(self, referral: Referral) -> QListWidgetItem:
        item = QListWidgetItem(referral_text(referral, getattr(self, "_names", {})))
        item.setData(Qt.ItemDataRole.UserRole, referral)
        return item

    def add_referral(self) -> None:
        resource_id = self.resource_combo.currentData()
        referral = Referral(
            resource_id=resource_id if isinstance(resource_id, int) else None,
            kind=ResourceKind(self.referral_kind_combo.currentData()),
            note=self.referral_note_edit.text(),
        )
        self.referral_list.addItem(self._referral_item(referral))
        self.referral_note_edit.clear()
        self.resource_combo.setCurrentIndex(0)
        self._changed()

    def remove_referral(self) -> None:
        row = self.referral_list.currentRow()
        if row < 0 and self.referral_list.count():
            row = self.referral_list.count() - 1
        if row >= 0:
            self.referral_list.takeItem(row)
            self._changed()

    def referrals(self) -> list[Referral]:
        return [
            self.referral_list.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.referral_list.count())
        ]

    # -- follow-up ---------------------------------------------------------------------------------

    def _follow_up_enabled(self, on: bool) -> None:
        self.follow_up_date.setEnabled(on)
        self.follow_up_done.setEnabled(on)
        self.follow_up_note.setEnabled(on)

    def follow_up(self) -> FollowUp | None:
        if not self.follow_up_check.isChecked():
            return None
        done = self.follow_up_done.isChecked()
        done_on = (self._done_on or self._today()) if done else None
        return FollowUp(
            due=from_qdate(self.follow_up_date.date()),
            done=done,
            done_on=done_on,
            note=self.follow_up_note.text(),
        )

    def _show_follow_up(self, follow: FollowUp | None) -> None:
        self.follow_up_check.setChecked(follow is not None)
        self.follow_up_date.setDate(
            to_qdate(follow.due if follow else self._today() + timedelta(days=14))
        )
        self.follow_up_done.setChecked(bool(follow and follow.done))
        self.follow_up_note.setText(follow.note if follow else "")
        self._done_on = follow.done_on if follow else None
        self._follow_up_enabled(follow is not None)

    def follow_up_changed_elsewhere(self, follow: FollowUp | None) -> None:
        """Marked done or rescheduled from the follow-ups list: show it, keep other edits."""
        self._loading = True
        try:
            self._show_follow_up(follow)
        finally:
            self._loading = False

    # -- loading -----------------------------------------------------------------------------------

    @property
    def conversation_id(self) -> int | None:
        return self.record_id

    def load_new(self, colleague_id: int) -> None:
        """A new conversation with ``colleague_id`` (its draft restored if there is one)."""
        self._load(None, colleague_id)

    def load(self, conversation: Conversation) -> None:
        self._load(conversation, conversation.colleague_id)

    def _load(self, conversation: Conversation | None, colleague_id: int) -> None:
        self._loading = True
        try:
            self.record_id = conversation.id if conversation else None
            self.colleague_id = colleague_id
            self.setEnabled(True)
            self._fill(conversation)
            self.heading.setText(
                "<b>New conversation</b>"
                if conversation is None
                else f"<b>Conversation on {day_text(conversation.held_on)}</b>"
            )
            self.delete_button.setEnabled(conversation is not None)
            self.dirty = False
            self.draft_banner.reset()
            self._show_error("")
            draft = self.load_draft()
            if draft is not None:
                self._restore(draft.payload)
                self.dirty = True
                self.draft_banner.show_restored(draft)
        finally:
            self._loading = False
        for hints in (self.summary_hints, self.actions_hints, self.debrief_hints):
            hints.refresh()

    def draft_belongs(self, payload: dict[str, Any]) -> bool:
        return payload.get("colleague_id") == self.colleague_id

    def save_draft(self) -> None:
        if self.colleague_id is None:  # nothing open
            self.forget()
            return
        super().save_draft()

    def new_draft_colleague(self) -> int | None:
        """The colleague of the unsaved new conversation kept as a draft, if any."""
        if not self._session.is_open:
            return None
        try:
            draft = self._session.repos.drafts.load(RecordKind.CONVERSATION, None)
        except (ValidationError, VaultError):
            return None
        if draft is None:
            return None
        colleague_id = draft.payload.get("colleague_id")
        return colleague_id if isinstance(colleague_id, int) else None

    def _fill(self, c: Conversation | None) -> None:
        self.held_on_edit.setDate(to_qdate(c.held_on if c else self._today()))
        self.duration_spin.setValue(c.duration_minutes or 0 if c else 0)
        channel = c.channel if c else Channel.IN_PERSON
        self.channel_combo.setCurrentIndex(self.channel_combo.findData(channel.value))
        for theme, check in self.theme_checks.items():
            check.setChecked(bool(c and theme in c.themes))
        self.summary_edit.setPlainText(c.summary if c else "")
        self.actions_edit.setPlainText(c.actions_agreed if c else "")
        self.debrief_edit.setPlainText(c.debrief if c else "")
        self.referral_list.clear()
        for referral in c.referrals if c else []:
            self.referral_list.addItem(self._referral_item(referral))
        self._show_follow_up(c.follow_up if c else None)

    def clear(self) -> None:
        """Empty every field and disable the editor."""
        self.forget()
        self._loading = True
        try:
            self.record_id = None
            self.colleague_id = None
            for box in (self.summary_edit, self.actions_edit, self.debrief_edit):
                box.clear()
            self.referral_list.clear()
            self.referral_note_edit.clear()
            self.follow_up_note.clear()
            self.follow_up_check.setChecked(False)
            self.follow_up_done.setChecked(False)
            for check in self.theme_checks.values():
                check.setChecked(False)
            self.duration_spin.setValue(0)
            self.heading.clear()
            self._done_on = None
        finally:
            self._loading = False
        for hints in (self.summary_hints, self.actions_hints, self.debrief_hints):
            hints.reset()
        self.draft_banner.reset()
        self._show_error("")
        self.setEnabled(False)

    def clear_resources(self) -> None:
        self.resource_combo.blockSignals(True)
        self.resource_combo.clear()
        self.resource_combo.blockSignals(False)
        self._names = {}

    # -- drafts ------------------------------------------------------------------------------------

    def conversation(self) -> Conversation:
        assert self.colleague_id is not None
        minutes = self.duration_spin.value()
        return Conversation(
            id=self.record_id,
            colleague_id=self.colleague_id,
            held_on=from_qdate(self.held_on_edit.date()),
            duration_minutes=minutes or None,
            channel=Channel(self.channel_combo.currentData()),
            themes={t for t, check in self.theme_checks.items() if check.isChecked()},
            summary=self.summary_edit.toPlainText(),
            actions_agreed=self.actions_edit.toPlainText(),
            referrals=self.referrals(),
            follow_up=self.follow_up(),
            debrief=self.debrief_edit.toPlainText(),
        )

    def payload(self) -> dict[str, Any]:
        c = self.conversation()
        follow = c.follow_up
        return {
            "v": _DRAFT_VERSION,
            "colleague_id": c.colleague_id,
            "held_on": c.held_on.isoformat(),
            "duration_minutes": c.duration_minutes,
            "channel": c.channel.value,
            "themes": sorted(t.value for t in c.themes),
            "summary": c.summary,
            "actions_agreed": c.actions_agreed,
            "referrals": [
                {"resource_id": r.resource_id, "kind": r.kind.value, "note": r.note}
                for r in c.referrals
            ],
            "follow_up": None
            if follow is None
            else {
                "due": follow.due.isoformat(),
                "done": follow.done,
                "done_on": _iso(follow.done_on),
                "note": follow.note,
            },
            "debrief": c.debrief,
        }

    def _restore(self, p: dict[str, Any]) -> None:
        def text(key: str) -> str:
            value = p.get(key, "")
            return value if isinstance(value, str) else ""

        held = _parse_day(p.get("held_on"))
        if held is not None:
            self.held_on_edit.setDate(to_qdate(held))
        minutes = p.get("duration_minutes")
        self.duration_spin.setValue(
            minutes if isinstance(minutes, int) and not isinstance(minutes, bool) else 0
        )
        index = self.channel_combo.findData(text("channel"))
        if index >= 0:
            self.channel_combo.setCurrentIndex(index)
        themes = p.get("themes")
        chosen = set(themes) if isinstance(themes, list) else set()
        for theme, check in self.theme_checks.items():
            check.setChecked(theme.value in chosen)
        self.summary_edit.setPlainText(text("summary"))
        self.actions_edit.setPlainText(text("actions_agreed"))
        self.debrief_edit.setPlainText(text("debrief"))
        self.referral_list.clear()
        for raw in p.get("referrals") or []:
            if not isinstance(raw, dict):
                continue
            try:
                kind = ResourceKind(str(raw.get("kind")))
            except ValueError:
                continue
            resource_id = raw.get("resource_id")
            note = raw.get("note")
            self.referral_list.addItem(
                self._referral_item(
                    Referral(
                        resource_id=resource_id if isinstance(resource_id, int) else None,
                        kind=kind,
                        note=note if isinstance(note, str) else "",
                    )
                )
            )
        follow = p.get("follow_up")
        if isinstance(follow, dict) and _parse_day(follow.get("due")) is not None:
            due = _parse_day(follow.get("due"))
            assert due is not None
            note = follow.get("note")
            self._show_follow_up(
                FollowUp(
                    due=due,
                    done=bool(follow.get("done")),
                    done_on=_parse_day(follow.get("done_on")) if follow.get("done") else None,
                    note=note if isinstance(note, str) else "",
                )
            )
        else:
            self._show_follow_up(None)

    def discard_changes(self) -> None:
        self.discard_draft()
        self.dirty = False
        if self.record_id is not None and self._session.is_open:
            try:
                self.load(self._session.repos.conversations.get(self.record_id))
            except RecordNotFound:
                self.clear()
        elif self.colleague_id is not None:
            self.load_new(self.colleague_id)

    # -- saving ------------------------------------------------------------------------------------

    def _show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))

    def save(self) -> bool:
        """Save; the wording hints never stop it. Returns whether it was saved."""
        if not self._session.is_open or self.colleague_id is None:
            return False
        self._autosave.stop()
        repos = self._session.repos
        old_id = self.record_id
        try:
            conversation = self.conversation()
            if old_id is None:
                stored = repos.conversations.add(conversation)
            else:
                stored = repos.conversations.update(conversation)
        except (ValidationError, VaultError) as exc:
            self._show_error(_error_text(exc, "The conversation could not be saved."))
            return False
        repos.drafts.discard(RecordKind.CONVERSATION, old_id)
        assert stored.id is not None
        self.dirty = False
        self.load(stored)
        self.saved.emit(stored.id)
        return True

    def delete(self) -> None:
        conversation_id = self.record_id
        if conversation_id is None or not self._session.is_open:
            return
        if not Messages.confirm(
            self,
            "Delete this conversation?",
            "Delete the notes of this conversation for good?",
            action="Delete conversation",
            destructive=True,
            informative="Its summary, actions, referrals, follow-up and "
            "debrief are removed from the vault and cannot be "
            "brought back, and PeerDesk replaces its automatic "
            "backups with one fresh backup without them. "
            f"{OWN_COPIES_NOTE}",
        ):
            return
        self.forget()
        try:
            self._session.repos.conversations.delete(conversation_id)
        except VaultError as exc:
            self._show_error(_error_text(exc, "The conversation could not be deleted."))
            return
        self.clear()
        self.deleted.emit(conversation_id)


# -- statistics ------------------------------------------------------------------------------------


class StatsPanel(QWidget):
    """Counts only, for a period: bar charts, and CSV / PDF export."""

    period_changed = Signal()
    export_csv_requested = Signal()
    export_pdf_requested = Signal()

    PRESETS = ("Last 12 months", "This year", "Last year", "Last 3 months", "Custom")

    def __init__(self, today: Callable[[], date]) -> None:
        super().__init__()
        self._today = today
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(
            _note(
                "Counts only — no names and no notes. This is what a programme "
                "coordinator needs to see the programme's reach."
            )
        )
        bar = QHBoxLayout()
        self.preset_combo = QComboBox()
        self.preset_combo.setObjectName("statsPreset")
        self.preset_combo.addItems(list(self.PRESETS))
        self.from_edit = _date_edit("statsFrom")
        self.to_edit = _date_edit("statsTo")
        bar.addWidget(self.preset_combo)
        bar.addWidget(QLabel("From"))
        bar.addWidget(self.from_edit)
        bar.addWidget(QLabel("to"))
        bar.addWidget(self.to_edit)
        bar.addStretch(1)
        self.export_csv_button = QPushButton("Export CSV…")
        self.export_csv_button.setObjectName("exportStatsCsv")
        self.export_pdf_button = QPushButton("Export PDF…")
        self.export_pdf_button.setObjectName("exportStatsPdf")
        self.hide_small_check = QCheckBox("Hide counts under 3 in exports")
        self.hide_small_check.setObjectName("hideSmallCounts")
        self.hide_small_check.setChecked(True)
        self.hide_small_check.setToolTip(
            "In a small team a count of one can point to a person. Exports show counts of 1 "
            "and 2 as “<3”, and hide one more count where a total would give them away. "
            "This screen always shows the exact numbers: they are yours."
        )
        bar.addWidget(self.hide_small_check)
        bar.addWidget(self.export_csv_button)
        bar.addWidget(self.export_pdf_button)
        layout.addLayout(bar)
        self.summary = QLabel()
        self.summary.setObjectName("statsSummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        grid = QGridLayout(body)
        grid.setContentsMargins(0, 0, 8, 0)
        grid.setHorizontalSpacing(24)
        self.months_title = QLabel("<b>Conversations per month</b>")
        self.months_chart = BarChart("monthsChart")
        self.themes_chart = BarChart("themesChart")
        self.kinds_chart = BarChart("referralKindsChart")
        self.follow_chart = BarChart("followUpsChart")
        left = QVBoxLayout()
        left.addWidget(self.months_title)
        left.addWidget(self.months_chart)
        left.addStretch(1)
        right = QVBoxLayout()
        for title, chart in (
            ("Themes", self.themes_chart),
            ("Referrals by kind", self.kinds_chart),
            ("Follow-ups due in the period", self.follow_chart),
        ):
            right.addWidget(QLabel(f"<b>{title}</b>"))
            right.addWidget(chart)
            right.addSpacing(8)
        right.addStretch(1)
        grid.addLayout(left, 0, 0)
        grid.addLayout(right, 0, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        scroll.setWidget(body)
        layout.addWidget(scroll, 1)

        self.preset_combo.currentIndexChanged.connect(self._preset_chosen)
        self.from_edit.dateChanged.connect(self._dates_edited)
        self.to_edit.dateChanged.connect(self._dates_edited)
        self.export_csv_button.clicked.connect(self.export_csv_requested)
        self.export_pdf_button.clicked.connect(self.export_pdf_requested)
        self._setting = False
        self._preset_chosen(0)

    def period(self) -> tuple[date, date]:
        return from_qdate(self.from_edit.date()), from_qdate(self.to_edit.date())

    def set_period(self, start: date, end: date) -> None:
        self._setting = True
        try:
            self.from_edit.setDate(to_qdate(start))
            self.to_edit.setDate(to_qdate(end))
        finally:
            self._setting = False
        self.period_changed.emit()

    def _preset_chosen(self, index: int) -> None:
        today = self._today()
        preset = self.PRESETS[index] if 0 <= index < len(self.PRESETS) else "Custom"
        if preset == "Last 12 months":
            start = add_months(today.replace(day=1), -11)
            self.set_period(start, today)
        elif preset == "This year":
            self.set_period(date(today.year, 1, 1), today)
        elif preset == "Last year":
            self.set_period(date(today.year - 1, 1, 1), date(today.year - 1, 12, 31))
        elif preset == "Last 3 months":
            self.set_period(add_months(today.replace(day=1), -2), today)

    def _dates_edited(self) -> None:
        if self._setting:
            return
        self.preset_combo.blockSignals(True)
        self.preset_combo.setCurrentIndex(self.PRESETS.index("Custom"))
        self.preset_combo.blockSignals(False)
        self.period_changed.emit()

    def show_stats(self, stats: ProgrammeStats | None, problem: str = "") -> None:
        ok = stats is not None
        self.export_csv_button.setEnabled(ok)
        self.export_pdf_button.setEnabled(ok)
        if stats is None:
            self.summary.setText(problem)
            for chart in (
                self.months_chart,
                self.themes_chart,
                self.kinds_chart,
                self.follow_chart,
            ):
                chart.clear()
            return
        referrals = sum(stats.per_referral_kind.values())
        self.summary.setText(
            f"<b>{plural(stats.conversations, 'conversation')}</b> with "
            f"<b>{plural(stats.colleagues, 'colleague')}</b> · "
            f"{plural(referrals, 'referral')} given · follow-ups kept on time: "
            f"{stats.follow_ups_done_on_time} of {stats.follow_ups_due} "
            f"({on_time_share(stats)})"
        )
        unit, buckets = time_buckets(stats.per_month)
        self.months_title.setText(f"<b>Conversations per {unit.lower()}</b>")
        short = unit == "Month"
        self.months_chart.set_rows(
            [
                (f"{_MONTHS[int(b.key[5:7]) - 1]} {b.key[:4]}" if short else b.label, b.count)
                for b in buckets
            ]
        )
        self.themes_chart.set_rows(
            [(t.label, stats.per_theme.get(t, 0)) for t in ConversationTheme]
        )
        self.kinds_chart.set_rows(
            [(k.label, stats.per_referral_kind.get(k, 0)) for k in ResourceKind]
        )
        self.follow_chart.set_rows(
            [
                ("Done on time", stats.follow_ups_done_on_time),
                ("Done later", stats.follow_ups_done_late),
                ("Done, no date", stats.follow_ups_done_undated),
                ("Still open", stats.follow_ups_open),
            ]
        )

    def clear(self) -> None:
        self.show_stats(None)


# -- exports ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExportOptions:
    paper: str  # "a4" | "letter"
    password: str | None
    include_debrief: bool = False


class ExportOptionsDialog(QDialog):
    """Paper size, an optional password (AES-256) and, for "What I hold", the debrief."""

    def __init__(
        self, title: str, *, offer_debrief: bool, parent: QWidget | None = None, intro: str = ""
    ) -> None:
        super().__init__(parent)
        self.setObjectName("exportOptions")
        self.setWindowTitle(title)
        self.setMinimumWidth(440)
        layout = QVBoxLayout(self)
        if intro:
            layout.addWidget(_note(intro))
        form = QFormLayout()
        self.paper_combo = QComboBox()
        self.paper_combo.setObjectName("paper")
        self.paper_combo.addItem("A4", "a4")
        self.paper_combo.addItem("US Letter", "letter")
        if QLocale().territory() in (QLocale.Country.UnitedStates, QLocale.Country.Canada):
            self.paper_combo.setCurrentIndex(1)
        form.addRow("&Paper", self.paper_combo)
        layout.addLayout(form)
        self.debrief_check = QCheckBox("Include my own debrief notes")
        self.debrief_check.setObjectName("includeDebrief")
        self.debrief_check.setToolTip(
            "Your debrief is about you, not the colleague, so it is left out unless you choose it."
        )
        self.debrief_check.setVisible(offer_debrief)
        layout.addWidget(self.debrief_check)

        self.password_choice = PdfPasswordChoice()
        layout.addWidget(self.password_choice)
        self.protect_check = self.password_choice.protect_check
        self.password_edit = self.password_choice.password_edit
        self.confirm_edit = self.password_choice.confirm_edit
        self.warning = self.password_choice.warning
        layout.addWidget(self.warning)
        self.buttons = QDialogButtonBox()
        self.ok_button = self.buttons.addButton(
            "Choose where to save…", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.ok_button.setObjectName("exportContinue")
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.password_choice.changed.connect(self._update)
        self._update()

    def _update(self) -> None:
        self.ok_button.setEnabled(not self.password_choice.problem())

    def accept(self) -> None:
        if self.password_choice.problem() or not self.password_choice.confirm_weak(self):
            return  # a weak password is asked about once; "Choose another" stays here
        super().accept()

    def options(self) -> ExportOptions:
        return ExportOptions(
            paper=str(self.paper_combo.currentData()),
            password=self.password_choice.password(),
            include_debrief=self.debrief_check.isChecked(),
        )

    def forget_password(self) -> None:
        self.password_choice.forget()


@dataclass
class _PendingExport:
    kind: str  # "hold" | "stats_pdf" | "stats_csv"
    data: Any  # HeldRecord or ProgrammeStats
    options: ExportOptions | None = None


# -- the screen ------------------------------------------------------------------------------------

#: What a permanent deletion leaves in copies the user made (said before and after deleting).
OWN_COPIES_NOTE = (
    "Copies you made yourself still hold what is deleted: backups made with Back up now or "
    "with “peerdesk backup”, and files you saved, such as a “What I hold” PDF. Delete those "
    "yourself if they should go too."
)
#: How the names of automatic backups end, for deleting them by hand.
AUTOMATIC_NAMES = "-unlock, -after-deletion, -before-passwd or -before-upgrade-…"


class ColleaguesScreen(QWidget):
    """Peer-supporter notes (see the module docstring)."""

    export_finished = Signal(bool)  # succeeded
    #: After a permanent deletion: the automatic backups were replaced (or none were there).
    backups_replaced = Signal(bool)  # succeeded

    def __init__(
        self,
        session: VaultSession,
        parent: QWidget | None = None,
        *,
        today: Callable[[], date] = date.today,
        clipboard: SecureClipboard | None = None,
        preferences: Preferences | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("colleaguesScreen")
        self._session = session
        self._today = today
        self._own_clipboard = clipboard is None
        self.clipboard = clipboard or SecureClipboard(self)
        self._preferences = preferences
        self._unsubscribe: list[Callable[[], None]] = []
        self._resume: tuple[int | None, int | None, bool, bool, int, int] | None = None
        self._pending: _PendingExport | None = None
        self._deleting = False
        self._backups_task: Any = None  # replacing the automatic backups after a deletion
        self._backups_again = False
        self._backups_problem: tuple[str, str] | None = None  # to show after the next unlock
        self.export_dialog: ExportOptionsDialog | None = None
        self.file_dialog: QFileDialog | None = None
        self.resource_dialog: ResourceEditor | None = None
        self.held: HeldRecord | None = None
        self.stats: ProgrammeStats | None = None
        self.last_export: Path | None = None

        self.colleague_model = ColleagueListModel(session, today)
        self.colleague_proxy = ColleagueFilter()
        self.colleague_proxy.setSourceModel(self.colleague_model)
        self.conversation_model = ConversationListModel(session)
        self.conversation_proxy = _sorting_proxy()
        self.conversation_proxy.setSourceModel(self.conversation_model)
        self.follow_model = FollowUpModel(session, today)
        self.follow_proxy = _sorting_proxy()
        self.follow_proxy.setSourceModel(self.follow_model)
        self.expired_model = ExpiredModel(session, today)
        self.expired_proxy = _sorting_proxy()
        self.expired_proxy.setSourceModel(self.expired_model)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.addWidget(QLabel("<h2>Colleagues</h2>"))
        layout.addWidget(
            _note(
                "Confidential notes of your peer-support conversations. Colleagues are known by a "
                "pseudonym; a real name stays hidden unless you reveal it. Keep notes short and "
                "factual — what was agreed, not diagnoses or judgements."
            )
        )
        self.tabs = QTabWidget()
        self.tabs.setObjectName("colleaguesTabs")
        self.tabs.setDocumentMode(True)
        layout.addWidget(self.tabs, 1)
        self.deletion_status = _note("", "deletionStatus")
        self.deletion_status.setAccessibleName("What happened to backups after deleting")
        layout.addWidget(self.deletion_status)
        self.tabs.addTab(self._build_colleagues_tab(), "Colleagues")
        self.tabs.addTab(self._build_follow_ups_tab(), "Follow-ups")
        self.tabs.addTab(self._build_retention_tab(), "Past retention")
        self.stats_panel = StatsPanel(today)
        self.stats_panel.setObjectName("statsPanel")
        self.tabs.addTab(self.stats_panel, "Statistics")
        self.stats_panel.period_changed.connect(self.refresh_stats)
        self.stats_panel.export_csv_requested.connect(lambda: self.start_export("stats_csv"))
        self.stats_panel.export_pdf_requested.connect(lambda: self.start_export("stats_pdf"))

        self._counts_timer = QTimer(self)
        self._counts_timer.setSingleShot(True)
        self._counts_timer.setInterval(0)
        self._counts_timer.timeout.connect(self._update_counts)
        for model in (self.follow_model, self.expired_model, self.colleague_model):
            for signal in (
                model.rowsInserted,
                model.rowsRemoved,
                model.modelReset,
                model.dataChanged,
            ):
                signal.connect(self._counts_timer.start)
        self.setStyleSheet(
            # The long form: Qt 6.11 ignores the "border-left: 3px solid" shorthand here.
            'QLabel[wordingHints="true"] { border-width: 0 0 0 3px; border-style: solid;'
            " border-color: #d08a1e; padding: 3px 8px; margin-bottom: 4px; }"
            'QFrame[draftBanner="true"] { border: 1px solid #d08a1e; border-radius: 4px; }'
            "QLabel#colleagueError, QLabel#conversationError { color: #c0392b; }"
        )
        self._update_counts()

    # -- building ----------------------------------------------------------------------------------

    def _build_colleagues_tab(self) -> QWidget:
        page = QWidget()
        row = QHBoxLayout(page)
        row.setContentsMargins(0, 8, 0, 0)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        row.addWidget(splitter)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 6, 0)
        bar = QHBoxLayout()
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("colleagueSearch")
        self.search_edit.setPlaceholderText("Search pseudonyms and notes")
        self.search_edit.setClearButtonEnabled(True)
        self.status_combo = QComboBox()
        self.status_combo.setObjectName("colleagueStatusFilter")
        self.status_combo.addItem("Active", ColleagueStatus.ACTIVE.value)
        self.status_combo.addItem("Closed", ColleagueStatus.CLOSED.value)
        self.status_combo.addItem("All", "")
        bar.addWidget(self.search_edit, 1)
        bar.addWidget(self.status_combo)
        left_layout.addLayout(bar)
        self.colleague_table = _table("colleagueTable")
        self.colleague_table.setModel(self.colleague_proxy)
        self.colleague_table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        header = self.colleague_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.colleague_table.setColumnHidden(1, True)  # status: shown only with "All"
        left_layout.addWidget(self.colleague_table, 1)
        self.new_colleague_button = QPushButton("New colleague")
        self.new_colleague_button.setObjectName("newColleague")
        left_layout.addWidget(self.new_colleague_button)
        splitter.addWidget(left)
        self.search_edit.textChanged.connect(self._search_changed)
        self.status_combo.currentIndexChanged.connect(self._status_filter_changed)
        self.colleague_table.selectionModel().currentRowChanged.connect(self._colleague_row_changed)
        self.new_colleague_button.clicked.connect(self.new_colleague)

        self.detail_tabs = QTabWidget()
        self.detail_tabs.setObjectName("colleagueDetailTabs")
        self.form = ColleagueForm(self._session, self._today)
        self.detail_tabs.addTab(_scroll(self._padded(self.form), "detailsScroll"), "Details")
        self.detail_tabs.addTab(self._build_conversations_page(), "Conversations")
        self.detail_tabs.addTab(self._build_hold_page(), "What I hold")
        self.detail_stack = QStackedWidget()
        self.detail_stack.setObjectName("colleagueDetailStack")
        nothing = _note(
            "Choose a colleague on the left, or add a new one.\n\nUse a pseudonym "
            "or initials. Write down only what the colleague agreed to, and keep "
            "it short and factual."
        )
        nothing.setAlignment(Qt.AlignmentFlag.AlignCenter)
        nothing.setMargin(24)
        self.detail_stack.addWidget(nothing)
        self.detail_stack.addWidget(self.detail_tabs)
        splitter.addWidget(self.detail_stack)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 5)
        splitter.setSizes([420, 540])
        self.form.saved.connect(self._colleague_saved)
        self.form.delete_requested.connect(self.delete_colleague)
        self.form.what_i_hold_requested.connect(lambda: self.detail_tabs.setCurrentIndex(2))
        self.form.real_name_shown.connect(lambda _shown: self._refresh_hold())
        self.detail_tabs.currentChanged.connect(self._detail_tab_changed)
        return page

    @staticmethod
    def _padded(widget: QWidget) -> QWidget:
        holder = QWidget()
        pad = QVBoxLayout(holder)
        pad.setContentsMargins(10, 10, 10, 10)
        pad.addWidget(widget)
        return holder

    def _build_conversations_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(6, 6, 6, 6)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        self.conversation_table = _table("conversationTable")
        self.conversation_table.setModel(self.conversation_proxy)
        self.conversation_table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        header = self.conversation_table.horizontalHeader()
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for column in (0, 1, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        top_layout.addWidget(self.conversation_table, 1)
        self.new_conversation_button = QPushButton("New conversation")
        self.new_conversation_button.setObjectName("newConversation")
        top_layout.addWidget(self.new_conversation_button)
        splitter.addWidget(top)
        self.editor = ConversationEditor(self._session, self._today)
        self.editor_stack = QStackedWidget()
        placeholder = _note("Choose a conversation above, or start a new one.")
        placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.editor_stack.addWidget(placeholder)
        self.editor_stack.addWidget(_scroll(self._padded(self.editor), "editorScroll"))
        splitter.addWidget(self.editor_stack)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([170, 430])
        layout.addWidget(splitter)
        self.conversation_table.selectionModel().currentRowChanged.connect(
            self._conversation_row_changed
        )
        self.new_conversation_button.clicked.connect(self.new_conversation)
        self.editor.saved.connect(self._conversation_saved)
        self.editor.deleted.connect(lambda _id: self.editor_stack.setCurrentIndex(0))
        self.editor.deleted.connect(lambda _id: self.replace_automatic_backups())
        self.editor.add_resource_requested.connect(self.add_resource)
        return page

    def _build_hold_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(
            _note(
                "Everything PeerDesk holds about this colleague. You can show "
                "it to them, or give them a copy as a PDF."
            )
        )
        self.hold_view = QTextBrowser()
        self.hold_view.setObjectName("whatIHold")
        self.hold_view.setOpenLinks(False)
        layout.addWidget(self.hold_view, 1)
        buttons = QHBoxLayout()
        self.hold_pdf_button = QPushButton("Save as PDF…")
        self.hold_pdf_button.setObjectName("holdPdf")
        self.hold_copy_button = QPushButton("Copy text")
        self.hold_copy_button.setObjectName("holdCopy")
        self.hold_copy_button.setToolTip(
            "Copied text is cleared from the clipboard after a short time and when PeerDesk locks."
        )
        buttons.addWidget(self.hold_pdf_button)
        buttons.addWidget(self.hold_copy_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.hold_pdf_button.clicked.connect(lambda: self.start_export("hold"))
        self.hold_copy_button.clicked.connect(self.copy_what_i_hold)
        return page

    def _build_follow_ups_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(_note("Follow-ups you agreed that are not done yet, overdue first."))
        self.follow_table = _table("followUpTable")
        self.follow_table.setModel(self.follow_proxy)
        self.follow_table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        header = self.follow_table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column in (0, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.follow_table, 1)
        bar = QHBoxLayout()
        self.mark_done_button = QPushButton("Mark done")
        self.mark_done_button.setObjectName("markFollowUpDone")
        self.reschedule_edit = _date_edit("rescheduleDate")
        self.reschedule_button = QPushButton("Reschedule to this date")
        self.reschedule_button.setObjectName("rescheduleFollowUp")
        self.open_follow_button = QPushButton("Open conversation")
        self.open_follow_button.setObjectName("openFollowUp")
        bar.addWidget(self.mark_done_button)
        bar.addSpacing(16)
        bar.addWidget(self.reschedule_edit)
        bar.addWidget(self.reschedule_button)
        bar.addStretch(1)
        bar.addWidget(self.open_follow_button)
        layout.addLayout(bar)
        self.mark_done_button.clicked.connect(self.mark_follow_up_done)
        self.reschedule_button.clicked.connect(self.reschedule_follow_up)
        self.open_follow_button.clicked.connect(self._open_follow_up)
        self.follow_table.doubleClicked.connect(lambda _index: self._open_follow_up())
        self.follow_table.selectionModel().currentRowChanged.connect(
            lambda *_args: self._update_buttons()
        )
        return page

    def _build_retention_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(
            _note(
                "These colleagues' notes have reached the end of their retention period. Review "
                "them, then delete everything about them — or, if you are still in touch, open "
                "them and keep the notes for longer."
            )
        )
        self.expired_table = _table("expiredTable")
        self.expired_table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.expired_table.setModel(self.expired_proxy)
        self.expired_table.sortByColumn(2, Qt.SortOrder.AscendingOrder)
        header = self.expired_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.expired_table, 1)
        bar = QHBoxLayout()
        self.delete_expired_button = QPushButton("Delete everything…")
        self.delete_expired_button.setObjectName("deleteExpired")
        self.open_expired_button = QPushButton("Open")
        self.open_expired_button.setObjectName("openExpired")
        bar.addWidget(self.delete_expired_button)
        bar.addStretch(1)
        bar.addWidget(self.open_expired_button)
        layout.addLayout(bar)
        self.retention_note = _note("", "retentionNote")
        layout.addWidget(self.retention_note)
        self.delete_expired_button.clicked.connect(self._delete_selected_expired)
        self.open_expired_button.clicked.connect(self._open_selected_expired)
        self.expired_table.selectionModel().currentRowChanged.connect(
            lambda *_args: self._update_buttons()
        )
        self.expired_table.selectionModel().selectionChanged.connect(
            lambda *_args: self._update_buttons()
        )
        return page

    # -- life cycle --------------------------------------------------------------------------------

    def on_opened(self) -> None:
        repos = self._session.repos
        self.colleague_model.attach(repos.colleagues)
        self.conversation_model.attach(repos.conversations)
        self.conversation_model.show_colleague(None)
        self.follow_model.attach(repos.conversations)
        self.expired_model.attach(repos.colleagues)
        self._unsubscribe += [
            repos.conversations.subscribe(self._conversations_changed),
            repos.colleagues.subscribe(self._colleagues_changed),
            repos.resources.subscribe(lambda _change: self._load_resources()),
        ]
        self._load_resources()
        self.reschedule_edit.setDate(to_qdate(self._today() + timedelta(days=7)))
        self.refresh_stats()
        self.colleague_table.resizeColumnsToContents()
        self._restore_position()
        self._update_counts()
        self._update_buttons()
        if self._backups_problem is not None:
            QTimer.singleShot(0, self._show_backups_problem)
        if repos.settings.get(BACKUPS_HOLD_DELETED):
            # Deleted before the last lock, quit or crash (the deletion marked the vault in
            # its own transaction): those backups still hold it.
            self.replace_automatic_backups()

    def on_closing(self) -> None:
        """The vault is about to close (lock, quit): keep unsaved work as drafts, hide the real
        name, close dialogs, and let go of everything shown."""
        self._remember_position()
        self.form.save_draft()
        self.editor.save_draft()
        self.form.hide_real_name()
        for dialog in (self.export_dialog, self.file_dialog, self.resource_dialog):
            if dialog is not None:
                if isinstance(dialog, ExportOptionsDialog):
                    dialog.forget_password()
                dialog.reject()
        self.export_dialog = self.file_dialog = self.resource_dialog = None
        self._pending = None
        for unsubscribe in self._unsubscribe:
            unsubscribe()
        self._unsubscribe.clear()
        self.form.clear()
        self.editor.clear()
        self.editor.clear_resources()
        self.editor_stack.setCurrentIndex(0)
        for model in (
            self.colleague_model,
            self.conversation_model,
            self.follow_model,
            self.expired_model,
        ):
            model.clear()
        self.search_edit.blockSignals(True)
        self.search_edit.clear()
        self.search_edit.blockSignals(False)
        self.colleague_proxy.set_search("", set())
        self.hold_view.clear()
        self.held = None
        self.stats = None
        self.stats_panel.clear()
        self.retention_note.clear()
        self.deletion_status.clear()
        if self._own_clipboard:
            self.clipboard.clear_if_ours()
        self._update_counts()
        self._update_buttons()

    def _remember_position(self) -> None:
        if not self._session.is_open:
            return
        editing_new = self.editor.isEnabled() and self.editor.conversation_id is None
        new_colleague = self.form.isEnabled() and self.form.colleague_id is None
        self._resume = (
            self.form.colleague_id,
            self.editor.conversation_id,
            editing_new,
            new_colleague,
            self.tabs.currentIndex(),
            self.detail_tabs.currentIndex(),
        )

    def _restore_position(self) -> None:
        resume, self._resume = self._resume, None
        if resume is None:  # a fresh unlock: open unsaved new work, if any
            pending = self.editor.new_draft_colleague()
            if pending is not None and self.select_colleague(pending):
                self.detail_tabs.setCurrentIndex(1)
                self._start_new_conversation(pending)
            elif self._session.repos.drafts.load(RecordKind.COLLEAGUE, None) is not None:
                self.new_colleague()
            return
        colleague_id, conversation_id, editing_new, new_colleague, tab, detail_tab = resume
        if new_colleague:
            self.new_colleague()
        elif colleague_id is not None and self.select_colleague(colleague_id):
            if conversation_id is not None:
                self.open_conversation(conversation_id)
            elif editing_new:
                self._start_new_conversation(colleague_id)
        self.tabs.setCurrentIndex(tab)
        self.detail_tabs.setCurrentIndex(detail_tab)

    # -- change notifications ----------------------------------------------------------------------

    def _conversations_changed(self, change: Change) -> None:
        self.colleague_model.follow_ups_changed()
        editing = self.editor.conversation_id
        if editing is not None and editing in change.ids and change.kind == "changed":
            try:
                stored = self._session.repos.conversations.get(editing)
            except RecordNotFound:
                stored = None
            if stored is not None:
                if self.editor.dirty:
                    self.editor.follow_up_changed_elsewhere(stored.follow_up)
                else:
                    self.editor.load(stored)
        self._refresh_hold()
        self.refresh_stats()

    def _colleagues_changed(self, change: Change) -> None:
        self.follow_model.reload()  # pseudonyms shown there may have changed
        if change.kind == "removed" and self.form.colleague_id in change.ids:
            self._show_colleague(None)
        elif self.form.colleague_id in change.ids:
            self.form.refresh_stored()
            self._refresh_hold()
        self.refresh_stats()

    def _load_resources(self) -> None:
        if self._session.is_open:
            self.editor.set_resources(self._session.repos.resources.list())

    def _update_counts(self) -> None:
        overdue = self.follow_model.overdue_count()
        total = self.follow_model.rowCount()
        title = "Follow-ups"
        if total:
            title += f" ({overdue} overdue)" if overdue else f" ({total})"
        self.tabs.setTabText(1, title)
        expired = self.expired_model.rowCount()
        self.tabs.setTabText(2, f"Past retention ({expired})" if expired else "Past retention")

    def _update_buttons(self) -> None:
        has_follow = self.follow_table.currentIndex().isValid()
        for button in (self.mark_done_button, self.reschedule_button, self.open_follow_button):
            button.setEnabled(has_follow)
        expired = self._selected(self.expired_table)
        chosen = self._selected_expired()
        self.delete_expired_button.setEnabled(bool(chosen))
        self.open_expired_button.setEnabled(expired is not None)
        if len(chosen) == 1:
            self.delete_expired_button.setText(f"Delete everything about {chosen[0].pseudonym}…")
        elif chosen:
            self.delete_expired_button.setText(f"Delete everything about {len(chosen)} colleagues…")
        else:
            self.delete_expired_button.setText("Delete everything…")
        has_colleague = self.form.colleague_id is not None
        self.detail_stack.setCurrentIndex(1 if self.form.isEnabled() else 0)
        self.detail_tabs.setTabEnabled(1, has_colleague)
        self.detail_tabs.setTabEnabled(2, has_colleague)
        self.new_conversation_button.setEnabled(has_colleague)
        self.hold_pdf_button.setEnabled(has_colleague)
        self.hold_copy_button.setEnabled(self.held is not None)

    @staticmethod
    def _selected(view: QTableView) -> Any:
        index = view.currentIndex()
        return index.data(ObjectRole) if index.isValid() else None

    # -- colleagues --------------------------------------------------------------------------------

    def _status_filter_changed(self, _index: int) -> None:
        value = self.status_combo.currentData()
        self.colleague_proxy.set_status(ColleagueStatus(value) if value else None)
        self.colleague_table.setColumnHidden(1, bool(value))

    def _search_changed(self, text: str) -> None:
        matched: set[int] = set()
        if text.strip() and self._session.is_open:
            repos = self._session.repos
            matched |= set(repos.search.record_ids(text, RecordKind.COLLEAGUE) or [])
            conversation_ids = repos.search.record_ids(text, RecordKind.CONVERSATION) or []
            for conversation_id in conversation_ids[:SEARCH_CONVERSATIONS_MAX]:
                try:
                    matched.add(repos.conversations.get(conversation_id).colleague_id)
                except RecordNotFound:
                    continue
        self.colleague_proxy.set_search(text, matched)

    def select_colleague(self, colleague_id: int) -> bool:
        """Select a colleague in the list (widening the status filter if needed)."""
        row = self.colleague_model.row_of(colleague_id)
        if row is None:
            return False
        source = self.colleague_model.index(row, 0)
        index = self.colleague_proxy.mapFromSource(source)
        if not index.isValid():
            self.search_edit.clear()
            index = self.colleague_proxy.mapFromSource(source)
        if not index.isValid():
            self.status_combo.setCurrentIndex(self.status_combo.findData(""))
            index = self.colleague_proxy.mapFromSource(source)
        if not index.isValid():
            return False
        self.tabs.setCurrentIndex(0)
        self.colleague_table.setCurrentIndex(index)
        self.colleague_table.scrollTo(index)
        return self.form.colleague_id == colleague_id

    def _colleague_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._deleting:
            return  # Qt moves the selection to a neighbour; show nothing instead
        if not current.isValid():
            return  # keep what is shown (e.g. a new colleague being written)
        colleague_id = int(current.data(IdRole))
        if colleague_id == self.form.colleague_id and self.form.isEnabled():
            return
        self._show_colleague(colleague_id)

    def _show_colleague(self, colleague_id: int | None) -> None:
        """Show one colleague (None: nothing) — unsaved edits are kept as drafts first."""
        self.form.save_draft()
        self.editor.save_draft()
        self.editor.clear()
        self.editor_stack.setCurrentIndex(0)
        colleague = None
        if colleague_id is not None and self._session.is_open:
            try:
                colleague = self._session.repos.colleagues.get(colleague_id)
            except RecordNotFound:
                colleague = None
        if colleague is None:
            self.form.clear()
            self.conversation_model.show_colleague(None)
        else:
            self.form.load(colleague)
            self.conversation_model.show_colleague(colleague.id)
            self.conversation_table.resizeColumnsToContents()
        self._refresh_hold()
        self._update_buttons()

    def new_colleague(self) -> None:
        self.form.save_draft()
        self.editor.save_draft()
        self.editor.clear()
        self.editor_stack.setCurrentIndex(0)
        self.colleague_table.selectionModel().clearCurrentIndex()
        self.colleague_table.clearSelection()
        self.conversation_model.show_colleague(None)
        self.tabs.setCurrentIndex(0)
        self.detail_tabs.setCurrentIndex(0)
        self.form.load(None)
        self.form.pseudonym_edit.setFocus()
        self._refresh_hold()
        self._update_buttons()

    def _colleague_saved(self, colleague_id: int) -> None:
        current = self.colleague_table.currentIndex()
        if not current.isValid() or current.data(IdRole) != colleague_id:
            self.select_colleague(colleague_id)
        if self.conversation_model.colleague_id != colleague_id:  # a new colleague
            self.conversation_model.show_colleague(colleague_id)
        self._refresh_hold()
        self._update_buttons()

    def delete_colleague(self, colleague_id: int) -> bool:
        """Ask, then delete everything about one colleague. Returns whether it was deleted."""
        return self.delete_colleagues([colleague_id])

    def delete_colleagues(self, colleague_ids: Sequence[int]) -> bool:
        """Ask once, then delete everything about these colleagues, and replace the automatic
        backups with one fresh backup without them (in the background). Returns whether
        anything was deleted."""
        ids = list(dict.fromkeys(colleague_ids))
        if not ids or not self._session.is_open:
            return False
        repos = self._session.repos
        try:
            count = sum(repos.conversations.count(colleague_id) for colleague_id in ids)
        except VaultError:
            count = 0
        one = len(ids) == 1
        if not Messages.confirm(
            self,
            (
                "Delete everything about this colleague?"
                if one
                else "Delete everything about these colleagues?"
            ),
            (
                "Delete everything PeerDesk holds about this colleague?"
                if one
                else f"Delete everything PeerDesk holds about these {len(ids)} colleagues?"
            ),
            action="Delete everything",
            destructive=True,
            informative=(
                "Their entry, real name, consent record"
                if one
                else "Their entries, real names, consent records"
            )
            + f" and {plural(count, 'conversation')} — with referrals, "
            "follow-ups, debriefs, unsaved drafts and every trace in search — "
            "are removed from the vault for good, and PeerDesk replaces its "
            "automatic backups with one fresh backup without them. "
            f"{OWN_COPIES_NOTE} This cannot be undone.",
        ):
            return False
        deleted: list[int] = []
        for colleague_id in ids:
            # Unsaved work about them must not be written back as a draft afterwards.
            if self.form.colleague_id == colleague_id:
                self.form.forget()
                self.editor.forget()
            if self.editor.colleague_id == colleague_id:
                self.editor.forget()
            if self.editor.new_draft_colleague() == colleague_id:
                repos.drafts.discard(RecordKind.CONVERSATION, None)
            shown = self.form.colleague_id == colleague_id
            self._deleting = True
            try:
                repos.colleagues.delete_completely(colleague_id)
            except VaultError as exc:
                Messages.error(self, "Not deleted", _error_text(exc, "Nothing was deleted."))
                break
            finally:
                self._deleting = False
            deleted.append(colleague_id)
            if shown or self.editor.colleague_id == colleague_id:
                self.colleague_table.selectionModel().clearCurrentIndex()
                self.colleague_table.clearSelection()
                self._show_colleague(None)
        if not deleted:
            return False
        self.retention_note.setText(
            "Everything about that colleague was deleted."
            if len(deleted) == 1
            else f"Everything about {len(deleted)} colleagues was deleted."
        )
        self._update_buttons()
        self.replace_automatic_backups()
        return True

    def _selected_expired(self) -> list[ExpiredColleague]:
        model = self.expired_table.selectionModel()
        chosen = [index.data(ObjectRole) for index in model.selectedRows()] if model else []
        return [e for e in chosen if isinstance(e, ExpiredColleague)]

    def _delete_selected_expired(self) -> None:
        chosen = self._selected_expired()
        if chosen:
            self.delete_colleagues([e.id for e in chosen])

    # -- after a permanent deletion: the automatic backups -----------------------------------------

    def replace_automatic_backups(self) -> None:
        """Something was just deleted for good: in the background, replace the automatic
        backups of this vault (which still hold it) with one fresh verified backup."""
        from peerdesk import paths
        from peerdesk.storage.backup import replace_automatic_backups
        from peerdesk.ui.common.vault_settings import SettingsRegistry

        if self._backups_task is not None and not self._backups_task.finished:
            self._backups_again = True  # the copy being made may predate this deletion
            return
        if not self._session.is_open:
            return  # the vault is marked: done at the next unlock
        self._backups_again = False
        vault = self._session.repos.vault
        registry = SettingsRegistry()
        registry.bind(self._session.repos.settings)
        folder = registry.backups_directory()
        also = (paths.backups_dir(),)  # where a backup before an upgrade goes
        self.deletion_status.setText(
            "Deleted from the vault. Replacing the automatic backups "
            "with one fresh backup without it…"
        )

        def work(task: Any) -> object:
            sibling = vault.sibling()
            try:
                return replace_automatic_backups(sibling, folder, also=also, progress=task.report)
            finally:
                sibling.close()

        def progressed(done: int, total: int) -> None:
            if shiboken6.isValid(self) and self._session.is_open:
                self.deletion_status.setText(
                    "Deleted from the vault. Replacing the automatic backups with one fresh "
                    f"backup without it… (step {done + 1} of {total})"
                )

        self._backups_task = run_in_background(
            work,
            on_success=lambda result: self._backups_done(result, folder),
            on_failure=lambda exc: self._backups_failed(exc, folder),
            on_progress=progressed,
        )

    def _backups_done(self, result: Any, folder: Path) -> None:
        if not shiboken6.isValid(self):
            return
        if self._backups_again:
            self.replace_automatic_backups()
            return
        if self._session.is_open:
            removed = len(result.removed)
            if result.fresh is not None:
                done = (
                    f"Deleted. The {plural(removed, 'automatic backup')} that held what "
                    f"you deleted {'was' if removed == 1 else 'were'} replaced by one fresh "
                    f"backup without it, in {folder}."
                )
            else:
                done = "Deleted. There were no automatic backups of this vault to replace."
            if result.left:
                where = ", ".join(sorted({str(p.parent) for p in result.left}))
                done += (
                    f" {plural(len(result.left), 'other backup')} in {where} "
                    f"{'was' if len(result.left) == 1 else 'were'} left untouched (made "
                    "by hand, with an earlier passphrase, or of another vault with the "
                    "same file name) and may still hold it."
                )
            self.deletion_status.setText(f"{done} {OWN_COPIES_NOTE}")
        self.backups_replaced.emit(True)

    def _backups_failed(self, exc: BaseException, folder: Path) -> None:
        from peerdesk.storage.backup import BackupsNotReplaced
        from peerdesk.storage.errors import VaultClosed

        if not shiboken6.isValid(self):
            return
        log.warning(
            "automatic backups not replaced after a deletion (%s)",
            getattr(exc, "kind", type(exc).__name__),
        )
        if self._backups_again:
            self.replace_automatic_backups()
            return
        if isinstance(exc, VaultClosed):  # locked before it began: again at the next unlock
            self.backups_replaced.emit(False)
            return
        if isinstance(exc, BackupsNotReplaced) and exc.fresh is not None:
            text = (
                "The deletion is done and a fresh backup without it was made, but "
                f"{plural(len(exc.still_there), 'older automatic backup')} could not be "
                "removed and still hold it."
            )
            informative = (
                f"Delete them by hand from {exc.folder or folder} (their names end "
                f"in {AUTOMATIC_NAMES}), keeping the newest, which ends in "
                "-after-deletion."
            )
        else:
            text = (
                "The deletion is done: it is no longer in the vault. But the older "
                "automatic backups still hold it: PeerDesk could not make the fresh "
                "backup that replaces them, so it kept them."
            )
            informative = (
                f"Check that {folder} has free space and can be written to, then "
                "use File ▸ Back up now. After that, delete the older automatic "
                f"backups there by hand (their names end in {AUTOMATIC_NAMES})."
            )
        self._backups_problem = (text, informative)
        if self._session.is_open:  # else shown after the next unlock, never over the lock
            self._show_backups_problem()
        self.backups_replaced.emit(False)

    def _show_backups_problem(self) -> None:
        problem, self._backups_problem = self._backups_problem, None
        if problem is None or not self._session.is_open:
            self._backups_problem = problem
            return
        text, informative = problem
        self.deletion_status.setText(f"{text} {informative}")
        Messages.warn(self, "Older backups not replaced", text, informative=informative)

    def _open_selected_expired(self) -> None:
        expired = self._selected(self.expired_table)
        if isinstance(expired, ExpiredColleague) and self.select_colleague(expired.id):
            self.detail_tabs.setCurrentIndex(0)

    # -- conversations -----------------------------------------------------------------------------

    def _conversation_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        conversation_id = int(current.data(IdRole))
        if conversation_id == self.editor.conversation_id:
            return
        self.editor.save_draft()
        conversation = current.data(ObjectRole)
        if isinstance(conversation, Conversation):
            self.editor.load(conversation)
            self.editor_stack.setCurrentIndex(1)

    def open_conversation(self, conversation_id: int) -> bool:
        """Show one conversation of the selected colleague in the editor."""
        try:
            conversation = self._session.repos.conversations.get(conversation_id)
        except (RecordNotFound, VaultError):
            return False
        if self.form.colleague_id != conversation.colleague_id and not self.select_colleague(
            conversation.colleague_id
        ):
            return False
        self.tabs.setCurrentIndex(0)
        self.detail_tabs.setCurrentIndex(1)
        row = self.conversation_model.row_of(conversation_id)
        if row is not None:
            index = self.conversation_proxy.mapFromSource(self.conversation_model.index(row, 0))
            self.conversation_table.setCurrentIndex(index)
        if self.editor.conversation_id != conversation_id:
            self.editor.save_draft()
            self.editor.load(conversation)
        self.editor_stack.setCurrentIndex(1)
        return True

    def new_conversation(self) -> None:
        colleague_id = self.form.colleague_id
        if colleague_id is None:
            return
        pending = self.editor.new_draft_colleague()
        if pending is not None and pending != colleague_id:
            if not Messages.confirm(
                self,
                "Unsaved new conversation",
                "There is an unsaved new conversation with another colleague.",
                action="Discard it and start a new one",
                informative="Only one unsaved new conversation can be kept. Choose Cancel "
                "to open the unsaved one instead.",
            ):
                if self.select_colleague(pending):
                    self.detail_tabs.setCurrentIndex(1)
                    self._start_new_conversation(pending)
                return
            self._session.repos.drafts.discard(RecordKind.CONVERSATION, None)
        self._start_new_conversation(colleague_id)

    def _start_new_conversation(self, colleague_id: int) -> None:
        self.editor.save_draft()
        self.conversation_table.selectionModel().clearCurrentIndex()
        self.conversation_table.clearSelection()
        self.editor.load_new(colleague_id)
        self.editor_stack.setCurrentIndex(1)
        self.detail_tabs.setCurrentIndex(1)
        self.editor.summary_edit.setFocus()

    def _conversation_saved(self, conversation_id: int) -> None:
        row = self.conversation_model.row_of(conversation_id)
        if row is not None:
            index = self.conversation_proxy.mapFromSource(self.conversation_model.index(row, 0))
            self.conversation_table.selectionModel().blockSignals(True)
            self.conversation_table.setCurrentIndex(index)
            self.conversation_table.selectionModel().blockSignals(False)
        self.conversation_table.resizeColumnsToContents()

    def add_resource(self) -> None:
        """Open the resource editor (non-blocking); a saved entry is chosen for the referral."""
        if not self._session.is_open or self.resource_dialog is not None:
            return
        dialog = ResourceEditor(self._session.repos.resources, parent=self)
        self.resource_dialog = dialog

        def saved(resource: Resource) -> None:
            self._load_resources()
            if resource.id is not None:
                self.editor.select_resource(resource.id)

        def finished(_result: int) -> None:
            self.resource_dialog = None
            dialog.deleteLater()

        dialog.saved.connect(saved)
        dialog.finished.connect(finished)
        dialog.open()

    # -- follow-ups --------------------------------------------------------------------------------

    def _selected_follow_up(self) -> FollowUpItem | None:
        item = self._selected(self.follow_table)
        return item if isinstance(item, FollowUpItem) else None

    def mark_follow_up_done(self) -> None:
        item = self._selected_follow_up()
        if item is None:
            return
        try:
            self._session.repos.conversations.mark_follow_up_done(
                item.conversation_id, self._today()
            )
        except (NoFollowUp, RecordNotFound, VaultError) as exc:
            Messages.warn(
                self, "Follow-up", _error_text(exc, "That follow-up could not be marked as done.")
            )

    def reschedule_follow_up(self) -> None:
        item = self._selected_follow_up()
        if item is None:
            return
        try:
            self._session.repos.conversations.reschedule_follow_up(
                item.conversation_id, from_qdate(self.reschedule_edit.date())
            )
        except (RecordNotFound, VaultError, ValidationError) as exc:
            Messages.warn(self, "Follow-up", _error_text(exc, "That follow-up could not be moved."))

    def _open_follow_up(self) -> None:
        item = self._selected_follow_up()
        if item is not None:
            self.open_conversation(item.conversation_id)

    # -- what I hold -------------------------------------------------------------------------------

    def _detail_tab_changed(self, index: int) -> None:
        if index == 2:
            self._refresh_hold()

    def _refresh_hold(self) -> None:
        """Read "What I hold" only while its tab is showing; otherwise hold nothing."""
        colleague_id = self.form.colleague_id
        if (
            colleague_id is None
            or not self._session.is_open
            or self.detail_tabs.currentIndex() != 2
        ):
            self.held = None
            self.hold_view.clear()
            self._update_buttons()
            return
        try:
            self.held = self._session.repos.colleagues.what_i_hold(colleague_id)
        except RecordNotFound:
            self.held = None
        self.hold_view.setHtml(self._hold_html(self.held) if self.held else "")
        self._update_buttons()

    def _hold_html(self, record: HeldRecord) -> str:
        e = html.escape
        c = record.colleague
        rows = [("Pseudonym", e(c.pseudonym))]
        if c.real_name:
            rows.append(
                (
                    "Real name",
                    e(c.real_name)
                    if self.form.real_name_revealed
                    else "<i>stored — hidden (reveal it on the Details tab)</i>",
                )
            )
        rows += [
            ("Status", e(c.status.label)),
            ("Last contact", e(day_text(c.last_contact))),
            (
                "Kept until",
                e(day_text(record.retention_expires_on))
                + f" ({c.retention_months} months after the last contact)",
            ),
            ("May be written down", e(c.consent.may_record or "Not recorded")),
            ("May be shared", e(c.consent.may_share or "Not recorded")),
            ("Shared with", e(c.consent.share_with or "Not recorded")),
            ("Consent given", e(day_text(c.consent.recorded_on))),
            ("Consent until", e(day_text(c.consent.until, "No end date"))),
        ]
        if c.notes:
            rows.append(("Notes", e(c.notes).replace("\n", "<br>")))

        def table(pairs: list[tuple[str, str]]) -> str:
            cells = "".join(
                f"<tr><td style='padding:2px 12px 2px 0'><b>{e(k)}</b></td>"
                f"<td style='padding:2px 0'>{v}</td></tr>"
                for k, v in pairs
            )
            return f"<table cellspacing='0'>{cells}</table>"

        parts = [table(rows), f"<h3>Conversations ({len(record.conversations)})</h3>"]
        for conversation in reversed(record.conversations):
            length = (
                f"{conversation.duration_minutes} min" if conversation.duration_minutes else "—"
            )
            pairs = [
                ("Length", e(length)),
                ("How", e(conversation.channel.label)),
                ("Themes", e(", ".join(sorted(t.label for t in conversation.themes)) or "—")),
                ("Summary", e(conversation.summary or "—").replace("\n", "<br>")),
                ("Actions agreed", e(conversation.actions_agreed or "—").replace("\n", "<br>")),
                (
                    "Referrals",
                    "<br>".join(
                        e(referral_text(r, record.resource_names)) for r in conversation.referrals
                    )
                    or "—",
                ),
                ("Follow-up", e(follow_up_text(conversation.follow_up)).replace("\n", "<br>")),
            ]
            if conversation.debrief:
                pairs.append(
                    (
                        "My debrief",
                        "<i>"
                        + e(conversation.debrief).replace("\n", "<br>")
                        + "</i> (yours — left out of the PDF unless you choose)",
                    )
                )
            parts.append(f"<h4>{e(day_text(conversation.held_on))}</h4>" + table(pairs))
        return "".join(parts)

    def copy_what_i_hold(self) -> None:
        if self.held is not None:
            self.clipboard.copy(self.hold_view.toPlainText())

    # -- statistics --------------------------------------------------------------------------------

    def refresh_stats(self) -> None:
        if not self._session.is_open:
            return
        start, end = self.stats_panel.period()
        if end < start:
            self.stats = None
            self.stats_panel.show_stats(None, "The end of the period is before its start.")
            return
        try:
            self.stats = self._session.repos.conversations.statistics(start, end)
        except (ValidationError, VaultError) as exc:
            self.stats = None
            self.stats_panel.show_stats(None, _error_text(exc, "No statistics for that period."))
            return
        self.stats_panel.show_stats(self.stats)

    # -- exports -----------------------------------------------------------------------------------

    def start_export(self, kind: str) -> None:
        """ "hold" (What I hold PDF), "stats_pdf" or "stats_csv": options (PDFs), then where
        to save; the file is written in the background."""
        if not self._session.is_open or self._pending is not None:
            return
        if kind == "hold":
            colleague_id = self.form.colleague_id
            if colleague_id is None:
                return
            try:
                data: Any = self._session.repos.colleagues.what_i_hold(colleague_id)
            except RecordNotFound:
                return
        else:
            self.refresh_stats()
            if self.stats is None:
                return
            data = self.stats
        self._pending = _PendingExport(kind, data)
        if kind == "stats_csv":
            self._ask_where()
            return
        if kind == "hold":
            intro = (
                "A copy for the colleague: everything held about them, including their "
                "real name if one is stored."
            )
            dialog = ExportOptionsDialog(
                "Save “What I hold” as PDF", offer_debrief=True, parent=self, intro=intro
            )
        else:
            dialog = ExportOptionsDialog(
                "Export statistics as PDF",
                offer_debrief=False,
                parent=self,
                intro="Counts only: no names, no notes.",
            )
        self.export_dialog = dialog
        dialog.accepted.connect(self._options_chosen)
        dialog.rejected.connect(self._export_cancelled)
        dialog.open()

    def _options_chosen(self) -> None:
        dialog = self.export_dialog
        self.export_dialog = None
        if dialog is None or self._pending is None:
            return
        self._pending.options = dialog.options()
        dialog.forget_password()
        dialog.deleteLater()
        self._ask_where()

    def _export_cancelled(self) -> None:
        if self.export_dialog is not None:
            self.export_dialog.forget_password()
            self.export_dialog.deleteLater()
        self.export_dialog = None
        self._pending = None

    def _ask_where(self) -> None:
        pending = self._pending
        if pending is None:
            return
        if pending.kind == "hold":
            name, title, filters = (
                "what-i-hold.pdf",
                "Save “What I hold” as PDF",
                "PDF files (*.pdf)",
            )
        elif pending.kind == "stats_pdf":
            name, title, filters = (
                "programme-statistics.pdf",
                "Export statistics as PDF",
                "PDF files (*.pdf)",
            )
        else:
            name, title, filters = (
                "programme-statistics.csv",
                "Export statistics as CSV",
                "CSV files (*.csv)",
            )
        dialog = save_dialog(
            self,
            title,
            name,
            filters,
            "csv" if pending.kind == "stats_csv" else "pdf",
            self._preferences,
            "exportFileDialog",
        )
        self.file_dialog = dialog
        dialog.fileSelected.connect(self._file_chosen)
        dialog.rejected.connect(self._file_dialog_cancelled)
        dialog.open()

    def _file_dialog_cancelled(self) -> None:
        if self.file_dialog is not None:
            self.file_dialog.deleteLater()
        self.file_dialog = None
        self._pending = None

    def _file_chosen(self, chosen: str) -> None:
        dialog, self.file_dialog = self.file_dialog, None
        if dialog is not None:
            dialog.deleteLater()
        pending, self._pending = self._pending, None
        if not chosen or pending is None or not self._session.is_open:
            return
        path = Path(chosen)
        remember_folder(self._preferences, path)  # only if allowed
        self.write_export(pending, path)

    def write_export(self, pending: _PendingExport, path: Path) -> None:
        """Write in the background; afterwards say plainly whether the file is protected."""
        options = pending.options or ExportOptions(paper="a4", password=None)
        today = self._today()
        data = pending.data
        kind = pending.kind
        hide_small = self.stats_panel.hide_small_check.isChecked()

        def work(_task: object) -> Path:
            if kind == "hold":
                write_what_i_hold(
                    data,
                    path,
                    paper=options.paper,  # type: ignore[arg-type]
                    password=options.password,
                    include_debrief=options.include_debrief,
                    generated_on=today,
                )
            elif kind == "stats_pdf":
                write_programme_stats_pdf(
                    data,
                    path,
                    paper=options.paper,  # type: ignore[arg-type]
                    password=options.password,
                    generated_on=today,
                    hide_small=hide_small,
                )
            else:
                write_programme_stats_csv(data, path, generated_on=today, hide_small=hide_small)
            return path

        def succeeded(_result: object) -> None:
            self.last_export = path
            if kind == "stats_csv":
                Messages.info(
                    self,
                    "CSV saved",
                    "The statistics are saved as a CSV file.",
                    informative="It holds counts only — no names and no notes. CSV "
                    "files cannot be protected with a password.",
                )
            elif options.password is None:
                Messages.warn(
                    self,
                    "PDF saved — not protected",
                    "The PDF is saved, but it is not protected: anyone who gets the "
                    "file can read it.",
                    informative="Keep it somewhere safe and delete it when it is no "
                    "longer needed — or save it again with a password.",
                )
            else:
                Messages.info(
                    self,
                    "PDF saved",
                    "The PDF is saved and protected with the password you chose.",
                    informative="Share the password separately from the file.",
                )
            self.export_finished.emit(True)

        def failed(exc: BaseException) -> None:
            Messages.error(
                self,
                "Not saved",
                "The file could not be saved. Nothing was changed.",
                informative=str(exc)
                if isinstance(exc, PdfError)
                else "Check that the folder exists and that you can write to it.",
            )
            self.export_finished.emit(False)

        run_in_background(work, on_success=succeeded, on_failure=failed)


__all__ = [
    "AUTOSAVE_MS",
    "BarChart",
    "ColleagueFilter",
    "ColleagueForm",
    "ColleagueListModel",
    "ColleagueRow",
    "ColleaguesScreen",
    "ConversationEditor",
    "ConversationListModel",
    "ExpiredModel",
    "ExportOptions",
    "ExportOptionsDialog",
    "FollowUpModel",
    "LiveTableModel",
    "StatsPanel",
    "WordingHints",
    "day_text",
    "follow_up_status",
]
