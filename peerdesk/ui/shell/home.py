"""Home: what needs attention — follow-ups, retention reviews, unsaved drafts."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import partial

from babel.numbers import format_decimal
from PySide6.QtCore import QDate, QDateTime, Qt, QTime, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from peerdesk.i18n import N_, PSEUDO, _, current_language, ngettext
from peerdesk.models import Draft, RecordKind
from peerdesk.models.dates import clock, short_date
from peerdesk.models.draft import CAPTURE_SLOT, capture_payload
from peerdesk.models.draft import capture_when as when_of_capture
from peerdesk.storage.drafts import DraftInfo
from peerdesk.ui.common.accessibility import label_for
from peerdesk.ui.common.draft_autosave import DraftAutosave
from peerdesk.ui.common.long_text import LongTextEdit
from peerdesk.ui.common.session import VaultSession

SECTION_ROLE = Qt.ItemDataRole.UserRole + 1
#: For an unsaved journal entry: (record id or 0, draft slot), opened by ``draft_requested``.
DRAFT_ROLE = Qt.ItemDataRole.UserRole + 2
UPCOMING_DAYS = 7
#: Home lists this many of the most urgent items; the rest are counted on one line per
#: section that opens it (a heavy vault can have thousands of open follow-ups, and a list
#: that long neither helps nor shows quickly: issue 18).
HOME_MOST = 50
CAPTURE_PLACEHOLDER = N_(
    "What happened? Write it in your own words now — notes made on the same day "
    "carry the most weight. You can add the details later; this is kept as a draft "
    "inside your vault."
)
#: A draft's line on Home, by kind: (changes to a saved record, a new record); {stamp} is a
#: date and time.
_DRAFT_WORDS = {
    RecordKind.INCIDENT: (
        N_("Unsaved changes to a journal entry ({stamp})"),
        N_("An unsaved new journal entry ({stamp})"),
    ),
    RecordKind.CONVERSATION: (
        N_("Unsaved changes to a conversation note ({stamp})"),
        N_("An unsaved new conversation note ({stamp})"),
    ),
    RecordKind.COLLEAGUE: (
        N_("Unsaved changes to a colleague ({stamp})"),
        N_("An unsaved new colleague ({stamp})"),
    ),
    RecordKind.PERSON: (
        N_("Unsaved changes to a person ({stamp})"),
        N_("An unsaved new person ({stamp})"),
    ),
    RecordKind.STRATEGY: (
        N_("Unsaved changes to a strategy ({stamp})"),
        N_("An unsaved new strategy ({stamp})"),
    ),
    RecordKind.RESOURCE: (
        N_("Unsaved changes to a resource ({stamp})"),
        N_("An unsaved new resource ({stamp})"),
    ),
}
_DRAFT_OTHER = (N_("Unsaved changes to a record ({stamp})"), N_("An unsaved new record ({stamp})"))
_KIND_SECTION = {
    RecordKind.INCIDENT: "journal",
    RecordKind.CONVERSATION: "colleagues",
    RecordKind.COLLEAGUE: "colleagues",
    RecordKind.PERSON: "journal",
    RecordKind.STRATEGY: "library",
    RecordKind.RESOURCE: "resources",
}


def _bold_label(text: str) -> QLabel:
    """A bold heading in plain text (its ``&`` is the mnemonic of the field it names)."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    font = QFont()  # only the weight is set: the size follows the application font
    font.setBold(True)
    label.setFont(font)
    return label


@dataclass(frozen=True)
class Attention:
    text: str
    section: str
    urgent: bool = False
    opens: tuple[int, str] | None = None  # an unsaved journal entry: (record id, slot)
    draft: bool = False  # unsaved work: always listed, however long the list


@dataclass
class _Pending:
    """One line of Home before its words are made."""

    words: Callable[[], str]
    section: str
    urgent: bool = False
    opens: tuple[int, str] | None = None
    draft: bool = False

    def attention(self) -> Attention:
        return Attention(self.words(), self.section, self.urgent, self.opens, self.draft)


def _follow_up_words(pseudonym: str, due: date, today: date) -> str:
    if due < today:
        # translators: {name} is a colleague's pseudonym; {date} a date
        return _("Follow up with {name} — overdue since {date}").format(
            name=pseudonym, date=short_date(due)
        )
    # translators: {name} is a colleague's pseudonym; {date} a date
    return _("Follow up with {name} — due {date}").format(name=pseudonym, date=short_date(due))


def _expired_words(pseudonym: str, expires_on: date) -> str:
    # translators: {name} is a colleague's pseudonym; {date} a date
    return _(
        "Notes about {name} reached their retention date on {date} — review and delete"
    ).format(name=pseudonym, date=short_date(expires_on))


def _draft_words(draft: DraftInfo) -> str:
    saved = draft.saved_at.astimezone()
    # translators: {date} is a date, {time} a time of day (14:05)
    stamp = _("{date} at {time}").format(date=short_date(saved.date()), time=clock(saved))
    changed, new = _DRAFT_WORDS.get(draft.kind, _DRAFT_OTHER)
    if draft.kind is RecordKind.INCIDENT and not draft.record_id:
        # translators: {stamp} is a date and time ("3 Mar 2026 at 14:05")
        return _("An incident you started on {stamp} is not saved yet").format(stamp=stamp)
    return _(changed if draft.record_id else new).format(stamp=stamp)


def _more_words(section: str, count: int) -> str:
    """Home's last line for a section with more than Home lists ("And 8,244 more in ...")."""
    shown = format_decimal(
        count, locale="en" if current_language() == PSEUDO else current_language()
    )
    # translators: {count} is a number of items that Home does not list
    if section == "colleagues":
        text = ngettext(
            "And {count} more in Colleagues — open it to see them all",
            "And {count} more in Colleagues — open it to see them all",
            count,
        )
    elif section == "journal":
        text = ngettext(
            "And {count} more in the journal — open it to see them all",
            "And {count} more in the journal — open it to see them all",
            count,
        )
    elif section == "library":
        text = ngettext(
            "And {count} more in the library — open it to see them all",
            "And {count} more in the library — open it to see them all",
            count,
        )
    elif section == "resources":
        text = ngettext(
            "And {count} more in Resources — open it to see them all",
            "And {count} more in Resources — open it to see them all",
            count,
        )
    else:
        text = ngettext(
            "And {count} more in their section — open it to see them all",
            "And {count} more in their section — open it to see them all",
            count,
        )
    return text.format(count=shown)


class HomeScreen(QWidget):
    navigate = Signal(str)
    #: "Record what happened": open the entry editor with the quick capture (text and time).
    record_requested = Signal()
    #: An unsaved journal entry was chosen: (record id, 0 for a new entry; draft slot).
    draft_requested = Signal(int, str)
    support_requested = Signal()

    def __init__(
        self,
        session: VaultSession,
        sections: list[str],
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._sections = list(sections)
        self._today = today
        self._unsubscribe: list[Callable[[], None]] = []
        self._kept_text = ""  # the capture text last kept as the draft

        # The content scrolls (vertically only) when the window is short: large text, a small
        # screen, the suggestions shown above it.
        page = QWidget()
        page.setObjectName("homePage")
        self.scroll_area = QScrollArea()
        self.scroll_area.setObjectName("homeScroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll_area)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(32, 28, 32, 28)
        layout.setSpacing(14)
        title = QLabel(_("<h2>Home</h2>"))
        intro = QLabel(
            _("Your records stay encrypted on this computer. Here is what may need your attention.")
        )
        intro.setWordWrap(True)
        layout.addWidget(title)
        layout.addWidget(intro)

        actions = QHBoxLayout()
        self.record_button = QPushButton(_("Record what happened"))
        self.record_button.setObjectName("recordIncident")
        self.record_button.clicked.connect(self._record)
        self.support_button = QPushButton(_("Support and crisis resources"))
        self.support_button.clicked.connect(self.support_requested)
        actions.addWidget(self.record_button)
        actions.addWidget(self.support_button)
        actions.addStretch(1)
        layout.addLayout(actions)

        capture_label = _bold_label(_("&Write it down while it is fresh"))
        layout.addWidget(capture_label)
        self.capture = LongTextEdit()
        self.capture.setObjectName("quickCapture")
        self.capture.setPlaceholderText(_(CAPTURE_PLACEHOLDER))
        self.capture.setMaximumHeight(120)
        self.capture.setTabChangesFocus(True)
        self.capture.textChanged.connect(self._schedule_save)
        label_for(capture_label, self.capture)
        self.capture.setAccessibleDescription(_("What happened, in a few words; kept as a draft"))
        layout.addWidget(self.capture)
        when_row = QHBoxLayout()
        when_label = QLabel(_("When &it happened:"))
        self.capture_when = QDateTimeEdit()
        self.capture_when.setObjectName("quickCaptureWhen")
        self.capture_when.setDisplayFormat(_("d MMM yyyy HH:mm"))
        self.capture_when.setCalendarPopup(True)
        self.capture_when.setDateTime(QDateTime.currentDateTime())
        self.capture_when.dateTimeChanged.connect(self._when_changed)
        label_for(when_label, self.capture_when)
        when_row.addWidget(when_label)
        when_row.addWidget(self.capture_when)
        when_row.addStretch(1)
        layout.addLayout(when_row)
        self._when_set = False  # the user chose the time (else: when they started writing)
        # Quick capture is kept as a draft once typing pauses (and on lock).
        self._autosave = DraftAutosave(self.save_draft, self)

        heading = _bold_label(_("Needs &attention"))
        layout.addWidget(heading)
        self.attention = QListWidget()
        self.attention.setObjectName("attentionList")
        label_for(heading, self.attention)
        self.attention.setAccessibleDescription(_("Enter opens the item"))
        self.attention.setAlternatingRowColors(True)
        self.attention.itemActivated.connect(self._activate)
        self.attention.setMinimumHeight(self.fontMetrics().lineSpacing() * 4)
        layout.addWidget(self.attention, 1)
        self.scroll_area.setWidget(page)
        self.set_sections(sections)

    # -- life cycle ------------------------------------------------------------------------------

    def set_sections(self, sections: list[str]) -> None:
        changed = list(sections) != self._sections
        self._sections = list(sections)
        self.record_button.setVisible("journal" in self._sections)
        if changed and self._unsubscribe:  # opened, and what it lists has changed
            self.refresh()

    def on_opened(self) -> None:
        repos = self._session.repos
        for repo in (repos.drafts, repos.conversations, repos.colleagues, repos.incidents):
            self._unsubscribe.append(repo.subscribe(lambda _change: self.refresh()))
        draft = repos.drafts.load(RecordKind.INCIDENT, None, CAPTURE_SLOT)
        self._kept_text = str(draft.payload.get("narrative", "")) if draft else ""
        # A long draft goes in the box a piece per turn of the event loop once the window is
        # up (read-only until then): see LongTextEdit.show_text.
        self._show_capture(self._kept_text, when_of_capture(draft.payload) if draft else None)
        self.refresh()

    def on_closing(self) -> None:
        """The vault is about to close (lock, quit): keep what was typed, then let go of it."""
        self.save_draft()
        for unsubscribe in self._unsubscribe:
            unsubscribe()
        self._unsubscribe.clear()
        self.attention.clear()
        self._kept_text = ""
        self._show_capture("", None)
        self.capture.document().clearUndoRedoStacks()

    # -- quick capture ---------------------------------------------------------------------------

    def _show_capture(self, text: str, when: datetime | None) -> None:
        for widget in (self.capture, self.capture_when):
            widget.blockSignals(True)
        self.capture.show_text(text)
        self._when_set = when is not None
        self.capture_when.setDateTime(
            QDateTime(QDate(when.year, when.month, when.day), QTime(when.hour, when.minute))
            if when
            else QDateTime.currentDateTime()
        )
        for widget in (self.capture, self.capture_when):
            widget.blockSignals(False)

    def _schedule_save(self) -> None:
        if not self._when_set and not self._kept_text and not self.capture.document().isEmpty():
            # The first words of a new capture: "when" is now, unless the user says otherwise.
            self.capture_when.blockSignals(True)
            self.capture_when.setDateTime(QDateTime.currentDateTime())
            self.capture_when.blockSignals(False)
        self._autosave.changed()

    def _when_changed(self) -> None:
        self._when_set = True
        self._autosave.changed()

    def _record(self) -> None:
        """Hand the capture over to the full entry editor (text and time)."""
        self.save_draft()
        self.record_requested.emit()

    def _capture_recorded(self) -> None:
        """The entry made from the capture was saved and took the capture's draft with it:
        empty the box — unless more was typed since (that is new text, kept)."""
        if not self._session.is_open or self._autosave.pending() or not self._kept_text:
            return
        if self.capture.toPlainText() != self._kept_text:
            return
        if self._session.repos.drafts.load(RecordKind.INCIDENT, None, CAPTURE_SLOT) is None:
            self._kept_text = ""
            self._show_capture("", None)
            self.capture.document().clearUndoRedoStacks()

    def save_draft(self) -> None:
        """Keep the quick-capture text as the draft of a new journal entry."""
        self._autosave.stop()
        if not self._session.is_open or self.capture.loading:
            return  # (a long draft not in the box yet stays as it was kept)
        drafts = self._session.repos.drafts
        text = self.capture.toPlainText()
        if text.strip():
            when = self.capture_when.dateTime().toPython()
            assert isinstance(when, datetime)
            drafts.save(
                Draft(
                    record_kind=RecordKind.INCIDENT,
                    record_id=None,
                    slot=CAPTURE_SLOT,
                    payload=capture_payload(text, when),
                    saved_at=datetime.now(UTC),
                )
            )
            self._kept_text = text
        elif self._kept_text:
            # Only the capture's own draft: never a journal entry's (they have their own).
            drafts.discard(RecordKind.INCIDENT, None, CAPTURE_SLOT)
            self._kept_text = ""

    # -- content ---------------------------------------------------------------------------------

    def items(self) -> list[Attention]:
        """What needs attention now, most urgent first (also used by tests)."""
        return [pending.attention() for pending in self._ranked()[0]]

    def _ranked(self, most: int | None = None) -> tuple[list[_Pending], int]:
        """What :meth:`items` lists, in order, with each line's words not yet made: Home only
        words the lines it shows (formatting thousands of dates took most of its time).

        With ``most``, only the ``most`` most urgent follow-ups are read (they come first, in
        due order, and Home shows no more than that many lines besides drafts); the second
        value is how many follow-ups were counted but not read (issue 18: at 50,000 entries
        reading every open follow-up blocked the window)."""
        if not self._session.is_open:
            return [], 0
        repos = self._session.repos
        today = self._today()
        found: list[_Pending] = []
        unread = 0
        if "supporter" in self._sections:
            horizon = today + timedelta(days=UPCOMING_DAYS)
            follow_ups = repos.conversations.follow_ups(due_before=horizon, today=today, limit=most)
            if most is not None and len(follow_ups) >= most:
                unread = repos.conversations.count_follow_ups(horizon) - len(follow_ups)
            for item in follow_ups:
                found.append(
                    _Pending(
                        partial(_follow_up_words, item.pseudonym, item.due, today),
                        "colleagues",
                        urgent=item.due < today,
                    )
                )
            for expired in repos.colleagues.expired(today):
                found.append(
                    _Pending(
                        partial(_expired_words, expired.pseudonym, expired.expires_on),
                        "colleagues",
                        urgent=True,
                    )
                )
        for draft in repos.drafts.list():
            section = _KIND_SECTION.get(draft.kind, "home")
            if not self._shows(section) or draft.slot == CAPTURE_SLOT:
                continue  # the capture is in the box above
            opens = (
                (draft.record_id or 0, draft.slot) if draft.kind is RecordKind.INCIDENT else None
            )
            found.append(_Pending(partial(_draft_words, draft), section, opens=opens, draft=True))
        found.sort(key=lambda a: not a.urgent)
        return found, unread

    def _shows(self, section: str) -> bool:
        use = {"journal": "journal", "colleagues": "supporter"}.get(section)
        return use is None or use in self._sections

    def refresh(self) -> None:
        self._capture_recorded()
        self.attention.clear()
        ranked, unread = self._ranked(HOME_MOST)
        entries = [p.attention() for n, p in enumerate(ranked) if n < HOME_MOST or p.draft]
        if not entries:
            empty = QListWidgetItem(_("Nothing needs your attention right now."))
            empty.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.attention.addItem(empty)
            return
        for entry in entries:
            item = QListWidgetItem(("⚠ " if entry.urgent else "• ") + entry.text)
            # A screen reader hears the word, not "warning sign" or "bullet".
            item.setData(
                Qt.ItemDataRole.AccessibleTextRole,
                (_("Urgent: ") if entry.urgent else "") + entry.text,
            )
            item.setData(SECTION_ROLE, entry.section)
            if entry.opens is not None:
                item.setData(DRAFT_ROLE, list(entry.opens))
            self.attention.addItem(item)
        self._add_more_lines(
            [p for n, p in enumerate(ranked) if n >= HOME_MOST and not p.draft], unread
        )

    def _add_more_lines(self, rest: list[_Pending], unread_follow_ups: int) -> None:
        """One line per section for what is not listed: "And 8,244 more in Colleagues"."""
        counts: dict[str, int] = {"colleagues": unread_follow_ups} if unread_follow_ups else {}
        for entry in rest:
            counts[entry.section] = counts.get(entry.section, 0) + 1
        for section, count in counts.items():
            item = QListWidgetItem(_more_words(section, count))
            item.setData(SECTION_ROLE, section)
            self.attention.addItem(item)

    def _activate(self, item: QListWidgetItem) -> None:
        section = item.data(SECTION_ROLE)
        opens = item.data(DRAFT_ROLE)
        if opens:
            self.draft_requested.emit(int(opens[0]), str(opens[1]))
        elif section:
            self.navigate.emit(section)
