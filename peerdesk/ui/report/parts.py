"""The three panels of the report export dialog: who it is for (the recipient profile, field by
field), which entries go in, and the page preview.

Each panel only shows and edits; the dialog (:mod:`peerdesk.ui.report.dialog`) builds the
report. Nothing here keeps user text after :meth:`clear` (called when the dialog closes or
the vault locks).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from html import escape

from PySide6.QtCore import QDate, QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QImage,
    QKeySequence,
    QPainter,
    QPalette,
    QPen,
    QPixmap,
    QShortcut,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from peerdesk.export.pdfkit import PdfError
from peerdesk.export.preview import NameMarks, PdfPreview
from peerdesk.models.dates import short_date
from peerdesk.models.enums import IncidentCategory
from peerdesk.models.report import (
    OPTIONAL_SECTIONS,
    SECTION_LABELS,
    RecipientProfile,
    redactions,
)
from peerdesk.storage.incidents import IncidentFilter
from peerdesk.ui.common.session import VaultSession

# -- who it is for ---------------------------------------------------------------------------------

#: The profile's yes/no fields, as the user reads them (True = the thing goes out).
_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("include_names", "People in the cast list by name (otherwise initials)", ""),
    (
        "witnesses_by_name",
        "Witnesses by name (otherwise initials)",
        "Witnesses often prefer not to be named until they agree to it.",
    ),
    ("include_impact", "The impact on me (health, work, home, help sought)", ""),
    ("include_told", "Who I told afterwards", ""),
    ("include_exhibit_images", "Reproduce exhibit images (fingerprints are always listed)", ""),
    ("include_severity_and_tags", "My own severity ratings and tags", ""),
    (
        "include_private_reflection",
        "My private reflections",
        "Your reflections are your own notes. They are left out unless you tick this.",
    ),
)


def _title_case(text: str) -> str:
    return text[:1].upper() + text[1:]


class ProfileEditor(QWidget):
    """Every choice of a :class:`RecipientProfile` as a check box, and what it leaves out."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        sections = QGroupBox("Sections")
        grid = QVBoxLayout(sections)
        self.section_checks: dict[str, QCheckBox] = {}
        for key in OPTIONAL_SECTIONS:
            check = QCheckBox(_title_case(SECTION_LABELS[key].removeprefix("the ")))
            check.setObjectName(f"section_{key}")
            check.toggled.connect(self._edited)
            grid.addWidget(check)
            self.section_checks[key] = check
        layout.addWidget(sections)
        details = QGroupBox("Details")
        rows = QVBoxLayout(details)
        self.field_checks: dict[str, QCheckBox] = {}
        for key, text, tip in _FIELDS:
            check = QCheckBox(text)
            check.setObjectName(f"field_{key}")
            if tip:
                check.setToolTip(tip)
            check.toggled.connect(self._edited)
            rows.addWidget(check)
            self.field_checks[key] = check
        layout.addWidget(details)
        reason_row = QFormLayout()
        self.reason_edit = QLineEdit()
        self.reason_edit.setObjectName("profileReason")
        self.reason_edit.setPlaceholderText("for example: a first meeting with my representative")
        self.reason_edit.setToolTip('Printed in the report\'s redaction log after "Why:".')
        self.reason_edit.textEdited.connect(self._edited)
        reason_row.addRow("&Why (for the log)", self.reason_edit)
        layout.addLayout(reason_row)
        self.left_out = QLabel()
        self.left_out.setObjectName("leftOut")
        self.left_out.setWordWrap(True)
        self.left_out.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.left_out)
        self._loading = False

    def set_profile(self, profile: RecipientProfile) -> None:
        self._loading = True
        try:
            for key, check in self.section_checks.items():
                check.setChecked(profile.includes(key))
            values = self._values_of(profile)
            for key, check in self.field_checks.items():
                check.setChecked(values[key])
            self.reason_edit.setText(profile.reason)
        finally:
            self._loading = False
        self._show_left_out()

    @staticmethod
    def _values_of(profile: RecipientProfile) -> dict[str, bool]:
        return {
            "include_names": profile.include_names,
            "witnesses_by_name": not profile.witnesses_as_initials,
            "include_impact": profile.include_impact,
            "include_told": profile.include_told,
            "include_exhibit_images": profile.include_exhibit_images,
            "include_severity_and_tags": profile.include_severity_and_tags,
            "include_private_reflection": profile.include_private_reflection,
        }

    def profile(self, name: str, label: str) -> RecipientProfile:
        """The choices on screen as a profile called ``name`` / ``label``."""
        checked = {k: c.isChecked() for k, c in self.field_checks.items()}
        return RecipientProfile(
            name=name,
            label=label,
            sections=frozenset(k for k, c in self.section_checks.items() if c.isChecked()),
            include_names=checked["include_names"],
            witnesses_as_initials=not checked["witnesses_by_name"],
            include_impact=checked["include_impact"],
            include_private_reflection=checked["include_private_reflection"],
            include_exhibit_images=checked["include_exhibit_images"],
            include_told=checked["include_told"],
            include_severity_and_tags=checked["include_severity_and_tags"],
            reason=" ".join(self.reason_edit.text().split()),
        )

    def _edited(self) -> None:
        if self._loading:
            return
        self._show_left_out()
        self.changed.emit()

    def _show_left_out(self) -> None:
        lines = redactions(self.profile("preview", "preview"))
        if not lines:
            self.left_out.setText("<b>Nothing is left out.</b>")
            return
        items = "".join(f"<li>{escape(line)}</li>" for line in lines)
        self.left_out.setText(
            f"<b>Left out of this report</b> (listed in its redaction "
            f"log):<ul style='margin-left:-20px'>{items}</ul>"
        )


# -- which entries -----------------------------------------------------------------------------


def entries_text(count: int) -> str:
    """``1 entry``, ``12 entries``."""
    return f"{count} {'entry' if count == 1 else 'entries'}"


@dataclass(frozen=True)
class Selection:
    """What the user chose: exactly ``incident_ids``, or ``filter`` (``None``: every entry)."""

    incident_ids: tuple[int, ...] | None = None
    filter: IncidentFilter | None = None
    mode: str = "all"


def _checkable(text: str, data: object, checked: bool = False) -> QListWidgetItem:
    item = QListWidgetItem(text)
    item.setData(Qt.ItemDataRole.UserRole, data)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
    item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
    return item


def _checked(widget: QListWidget) -> list[object]:
    return [
        widget.item(i).data(Qt.ItemDataRole.UserRole)
        for i in range(widget.count())
        if widget.item(i).checkState() == Qt.CheckState.Checked
    ]


def _qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


class SelectionPanel(QWidget):
    """All entries; those shown in the journal now; those matching dates, people, categories
    and tags; or entries picked by hand. ``changed`` whenever the choice changes."""

    changed = Signal()
    MODES = ("all", "journal", "matching", "picked")

    def __init__(self, session: VaultSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._journal_filter: IncidentFilter | None = None
        self._picks_loaded = False
        self._picked_first: tuple[int, ...] = ()
        self.chosen_count = 0  # entries the current choice selects (updated on every change)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.group = QButtonGroup(self)
        self.mode_buttons: dict[str, QRadioButton] = {}
        for mode, text in (
            ("all", "&All entries"),
            ("journal", "Entries shown in the &journal now"),
            ("matching", "Entries &matching…"),
            ("picked", "Entries I &pick"),
        ):
            button = QRadioButton(text)
            button.setObjectName(f"mode_{mode}")
            self.group.addButton(button)
            self.mode_buttons[mode] = button
            layout.addWidget(button)
            if mode == "matching":
                layout.addWidget(self._build_matching())
            elif mode == "picked":
                layout.addWidget(self._build_picked(), 1)
        self.mode_buttons["all"].setChecked(True)
        self.group.buttonToggled.connect(self._mode_toggled)
        self.count_label = QLabel()
        self.count_label.setObjectName("selectionCount")
        layout.addWidget(self.count_label)
        self._mode_toggled()

    # building

    def _build_matching(self) -> QWidget:
        self.matching_box = QWidget()
        grid = QGridLayout(self.matching_box)
        grid.setContentsMargins(24, 0, 0, 0)
        self.from_check = QCheckBox("&From")
        self.from_check.setObjectName("fromCheck")
        self.from_edit = self._date_edit("fromDate")
        self.to_check = QCheckBox("&To")
        self.to_check.setObjectName("toCheck")
        self.to_edit = self._date_edit("toDate")
        for check, edit in ((self.from_check, self.from_edit), (self.to_check, self.to_edit)):
            check.toggled.connect(edit.setEnabled)
            check.toggled.connect(self._emit)
            edit.setEnabled(False)
            edit.dateChanged.connect(self._emit)
        dates = QHBoxLayout()
        for widget in (self.from_check, self.from_edit, self.to_check, self.to_edit):
            dates.addWidget(widget)
        dates.addStretch(1)
        grid.addLayout(dates, 0, 0, 1, 2)
        self.people_list = self._check_list("peopleList", "People")
        self.category_list = self._check_list("categoryList", "Categories")
        self.tag_list = self._check_list("tagList", "Tags")
        self.category_list.setFlow(QListView.Flow.TopToBottom)
        self.category_list.setWrapping(True)
        self.category_list.setResizeMode(QListView.ResizeMode.Adjust)
        rows = self.fontMetrics().lineSpacing() + 4
        for widget, count in ((self.people_list, 6), (self.tag_list, 6), (self.category_list, 7)):
            widget.setFixedHeight(rows * count + 8)
        for row, column, span, (title, widget) in (
            (1, 0, 1, ("People", self.people_list)),
            (1, 1, 1, ("Tags", self.tag_list)),
            (3, 0, 2, ("Categories", self.category_list)),
        ):
            label = QLabel(title)
            label.setBuddy(widget)
            grid.addWidget(label, row, column, 1, span)
            grid.addWidget(widget, row + 1, column, 1, span)
        note = QLabel("Within a list any ticked item matches; an empty list does not limit.")
        note.setWordWrap(True)
        note.setEnabled(False)
        grid.addWidget(note, 5, 0, 1, 2)
        return self.matching_box

    def _build_picked(self) -> QWidget:
        self.picked_box = QWidget()
        box = QVBoxLayout(self.picked_box)
        box.setContentsMargins(24, 0, 0, 0)
        row = QHBoxLayout()
        self.pick_filter = QLineEdit()
        self.pick_filter.setObjectName("pickFilter")
        self.pick_filter.setPlaceholderText("Show entries whose number, date or title contains…")
        self.pick_filter.setClearButtonEnabled(True)
        self.pick_filter.textChanged.connect(self._filter_picks)
        row.addWidget(self.pick_filter, 1)
        self.pick_all = QPushButton("Tick shown")
        self.pick_all.setObjectName("pickAll")
        self.pick_all.clicked.connect(lambda: self._tick_shown(True))
        self.pick_none = QPushButton("Untick shown")
        self.pick_none.setObjectName("pickNone")
        self.pick_none.clicked.connect(lambda: self._tick_shown(False))
        row.addWidget(self.pick_all)
        row.addWidget(self.pick_none)
        box.addLayout(row)
        self.pick_list = QListWidget()
        self.pick_list.setObjectName("pickList")
        self.pick_list.setAccessibleName("Entries to include")
        self.pick_list.setUniformItemSizes(True)
        self.pick_list.setMinimumHeight(220)
        self.pick_list.itemChanged.connect(self._emit)
        box.addWidget(self.pick_list, 1)
        return self.picked_box

    def _date_edit(self, name: str) -> QDateEdit:
        edit = QDateEdit()
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("d MMM yyyy")
        edit.setDate(QDate.currentDate())
        return edit

    def _check_list(self, name: str, accessible: str) -> QListWidget:
        widget = QListWidget()
        widget.setObjectName(name)
        widget.setAccessibleName(accessible)
        widget.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        widget.itemChanged.connect(self._emit)
        return widget

    # filling

    def fill(
        self, journal_filter: IncidentFilter | None = None, picked: tuple[int, ...] = ()
    ) -> None:
        """Load people, categories and tags from the vault (the vault is open); the entries
        to pick from are read when "Entries I pick" is first chosen."""
        repos = self._session.repos
        if journal_filter is not None:  # reports never hold withdrawn entries
            journal_filter = replace(journal_filter, include_withdrawn=False)
        self._journal_filter = (
            journal_filter
            if (journal_filter is not None and journal_filter != IncidentFilter())
            else None
        )
        self._picks_loaded = False
        self._picked_first = tuple(picked)
        lists = (self.people_list, self.category_list, self.tag_list, self.pick_list)
        for widget in lists:
            widget.blockSignals(True)
            widget.clear()
        try:
            for person in sorted(repos.persons.list(), key=lambda p: p.display_name.casefold()):
                if person.id is not None:
                    self.people_list.addItem(_checkable(person.display_name, person.id))
            for category in IncidentCategory:
                self.category_list.addItem(_checkable(category.label, category.value))
            for tag in repos.incidents.all_tags():
                self.tag_list.addItem(_checkable(tag, tag))
        finally:
            for widget in lists:
                widget.blockSignals(False)
        journal_button = self.mode_buttons["journal"]
        journal_button.setEnabled(self._journal_filter is not None)
        if picked:
            self.mode_buttons["picked"].setChecked(True)
        elif self._journal_filter is not None:
            journal_button.setChecked(True)
        self._mode_toggled()

    def _load_picks(self) -> None:
        """Every entry as a tick box (10,000 take about half a second: only when wanted)."""
        if self._picks_loaded or not self._session.is_open:
            return
        self._picks_loaded = True
        incidents = self._session.repos.incidents
        ids = incidents.ids(descending=False)
        summaries = incidents.summaries(ids)
        wanted = set(self._picked_first)
        self.pick_list.blockSignals(True)
        try:
            for incident_id in ids:
                s = summaries.get(incident_id)
                if s is not None:
                    text = f"No. {s.record_number} · {short_date(s.event_date)} · {s.title}"
                    self.pick_list.addItem(_checkable(text, incident_id, incident_id in wanted))
        finally:
            self.pick_list.blockSignals(False)

    def clear(self) -> None:
        for widget in (self.people_list, self.category_list, self.tag_list, self.pick_list):
            widget.blockSignals(True)
            widget.clear()
            widget.blockSignals(False)
        self.pick_filter.clear()
        self._journal_filter = None
        self._picks_loaded = False
        self._picked_first = ()
        self.count_label.clear()

    # reading

    @property
    def mode(self) -> str:
        return next(m for m, b in self.mode_buttons.items() if b.isChecked())

    def set_mode(self, mode: str) -> None:
        self.mode_buttons[mode].setChecked(True)

    def matching_filter(self) -> IncidentFilter:
        return IncidentFilter(
            date_from=self.from_edit.date().toPython() if self.from_check.isChecked() else None,
            date_to=self.to_edit.date().toPython() if self.to_check.isChecked() else None,
            person_ids=frozenset(int(str(v)) for v in _checked(self.people_list)),
            categories=frozenset(IncidentCategory(str(v)) for v in _checked(self.category_list)),
            tags=frozenset(str(v) for v in _checked(self.tag_list)),
        )

    def selection(self) -> Selection:
        mode = self.mode
        if mode == "picked":
            ids = tuple(int(str(v)) for v in _checked(self.pick_list))
            return Selection(incident_ids=ids, mode=mode)
        if mode == "journal" and self._journal_filter is not None:
            return Selection(filter=self._journal_filter, mode=mode)
        if mode == "matching":
            return Selection(filter=self.matching_filter(), mode=mode)
        return Selection(mode="all")

    def problem(self) -> str:
        if self.mode == "matching":
            where = self.matching_filter()
            if where.date_from and where.date_to and where.date_from > where.date_to:
                return "The “From” date is after the “To” date."
        return ""

    def count(self) -> int:
        if not self._session.is_open:
            return 0
        chosen = self.selection()
        if chosen.incident_ids is not None:
            withdrawn = self._session.repos.incidents.withdrawn_ids()
            return sum(1 for i in chosen.incident_ids if i not in withdrawn)
        return self._session.repos.incidents.count(chosen.filter)

    def set_dates(self, start: date | None, end: date | None) -> None:
        self.from_check.setChecked(start is not None)
        self.to_check.setChecked(end is not None)
        if start is not None:
            self.from_edit.setDate(_qdate(start))
        if end is not None:
            self.to_edit.setDate(_qdate(end))

    # reacting

    def _mode_toggled(self, *_args: object) -> None:
        mode = self.mode
        if mode == "picked":
            self._load_picks()
        self.matching_box.setEnabled(mode == "matching")
        self.picked_box.setEnabled(mode == "picked")
        self._emit()

    def _emit(self, *_args: object) -> None:
        problem = self.problem()
        self.chosen_count = 0 if problem else self.count()
        if problem:
            self.count_label.setText(problem)
        else:
            count = self.chosen_count
            self.count_label.setText(
                "No entries are chosen."
                if count == 0
                else f"{entries_text(count)} will be in the report."
            )
        self.changed.emit()

    def _filter_picks(self, text: str) -> None:
        needle = text.casefold().strip()
        for i in range(self.pick_list.count()):
            item = self.pick_list.item(i)
            item.setHidden(bool(needle) and needle not in item.text().casefold())

    def _tick_shown(self, ticked: bool) -> None:
        state = Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        self.pick_list.blockSignals(True)
        for i in range(self.pick_list.count()):
            item = self.pick_list.item(i)
            if not item.isHidden():
                item.setCheckState(state)
        self.pick_list.blockSignals(False)
        self._emit()


# -- the pages -------------------------------------------------------------------------------------

ZOOMS: tuple[tuple[str, float], ...] = (
    ("Fit width", 0.0),
    ("50%", 0.5),
    ("75%", 0.75),
    ("100%", 1.0),
    ("150%", 1.5),
)


def _page_list(pages: list[int]) -> str:
    shown = ", ".join(str(p) for p in pages[:12]) + (" and others" if len(pages) > 12 else "")
    return f"page {shown}" if len(pages) == 1 else f"pages {shown}"


def names_note(marks: NameMarks, shortened: bool) -> str:
    """The line under the preview about names still printed (``shortened``: the profile
    shows some people by initials)."""
    if not marks.count:
        return (
            "No names from your cast list appear in full on these pages."
            if shortened
            else "No names from your cast list were found on these pages."
        )
    where = _page_list(marks.pages)
    if shortened:
        verb = "name still appears" if marks.count == 1 else "names still appear"
        return (
            f"{marks.count} {verb} in full on these pages ({where}); each is marked. "
            "Check that each of them may be named in this report."
        )
    return f"Names of people in your cast list are marked: {marks.count} on {where}."


class PagePreview(QWidget):
    """One page of a PDF held in memory, with page and zoom controls (PageUp/PageDown,
    Home/End). The PDF is drawn by PDFium; nothing is written to disk. Names from the cast
    list still printed on the pages are marked (:class:`NameMarks`); F3 goes to the next
    page that has one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._doc: PdfPreview | None = None
        self._marks: NameMarks | None = None
        self.page = 0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        self.prev_button = QToolButton()
        self.prev_button.setObjectName("previousPage")
        self.prev_button.setText("◀")
        self.prev_button.setToolTip("Previous page (Page Up)")
        self.prev_button.setAccessibleName("Previous page")
        self.prev_button.clicked.connect(lambda: self.show_page(self.page - 1))
        self.next_button = QToolButton()
        self.next_button.setObjectName("nextPage")
        self.next_button.setText("▶")
        self.next_button.setToolTip("Next page (Page Down)")
        self.next_button.setAccessibleName("Next page")
        self.next_button.clicked.connect(lambda: self.show_page(self.page + 1))
        self.page_label = QLabel()
        self.page_label.setObjectName("pageLabel")
        self.zoom_combo = QComboBox()
        self.zoom_combo.setObjectName("zoom")
        self.zoom_combo.setAccessibleName("Zoom")
        for text, value in ZOOMS:
            self.zoom_combo.addItem(text, value)
        self.zoom_combo.currentIndexChanged.connect(lambda _i: self._draw())
        bar.addWidget(self.prev_button)
        bar.addWidget(self.page_label)
        bar.addWidget(self.next_button)
        bar.addStretch(1)
        bar.addWidget(self.zoom_combo)
        layout.addLayout(bar)
        names_row = QHBoxLayout()
        self.names_label = QLabel()
        self.names_label.setObjectName("namesNote")
        self.names_label.setAccessibleName("Names on these pages")
        self.names_label.setWordWrap(True)
        self.names_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.names_label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # after the flags
        self.next_name_button = QPushButton("Next mar&ked page")
        self.next_name_button.setObjectName("nextMarkedPage")
        self.next_name_button.setAccessibleName("Next page with a marked name")
        self.next_name_button.setToolTip(
            "Go to the next page that shows a name from your cast list (F3)"
        )
        self.next_name_button.clicked.connect(self.next_marked_page)
        names_row.addWidget(self.names_label, 1)
        names_row.addWidget(self.next_name_button)
        layout.addLayout(names_row)
        shortcut = QShortcut(QKeySequence(Qt.Key.Key_F3), self)
        shortcut.setContext(Qt.ShortcutContext.WindowShortcut)  # from any panel
        shortcut.activated.connect(self.next_marked_page)
        self.image = QLabel()
        self.image.setObjectName("pageImage")
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image.setWordWrap(True)
        self.scroll = QScrollArea()
        self.scroll.setObjectName("previewScroll")
        self.scroll.setWidget(self.image)
        self.scroll.setWidgetResizable(True)
        self.scroll.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.scroll.setBackgroundRole(QPalette.ColorRole.Dark)
        layout.addWidget(self.scroll, 1)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.scroll.installEventFilter(self)
        self.set_message("")

    @property
    def page_count(self) -> int:
        return self._doc.page_count if self._doc is not None else 0

    @property
    def document(self) -> PdfPreview | None:
        return self._doc

    def set_message(self, text: str) -> None:
        """No pages: show ``text`` where the page would be."""
        self.close_document()
        self.image.setPixmap(QPixmap())
        self.image.setMinimumSize(0, 0)
        self.image.setText(text)
        self._update_controls()

    @property
    def marks(self) -> NameMarks | None:
        return self._marks

    def show_document(
        self,
        data: bytes,
        password: str | None,
        marks: NameMarks | None = None,
        *,
        shortened: bool = False,
    ) -> None:
        """Show the PDF ``data``; ``marks`` are the names still printed on its pages."""
        self.close_document()
        try:
            self._doc = PdfPreview(data, password)
        except PdfError as exc:
            self.set_message(str(exc))
            return
        self._marks = marks
        if marks is not None:
            self.names_label.setText(names_note(marks, shortened))
        self.show_page(0)

    def close_document(self) -> None:
        if self._doc is not None:
            self._doc.close()
            self._doc = None
        self._marks = None
        self.names_label.clear()
        self.page = 0

    def next_marked_page(self) -> None:
        """Go to the next page that shows a marked name (after the last, the first)."""
        if self._doc is None or self._marks is None or not self._marks.boxes:
            return
        pages = sorted(self._marks.boxes)
        following = [p for p in pages if p > self.page]
        self.show_page(following[0] if following else pages[0])

    def show_page(self, index: int) -> None:
        if self._doc is None:
            return
        self.page = max(0, min(index, self._doc.page_count - 1))
        self._draw()
        self.scroll.verticalScrollBar().setValue(0)

    def _draw(self) -> None:
        if self._doc is None:
            return
        zoom = float(self.zoom_combo.currentData() or 0.0)
        width_pt, _height = self._doc.page_size(self.page)
        ratio = self.devicePixelRatioF() or 1.0
        if zoom <= 0:  # fit width
            available = max(200, self.scroll.viewport().width() - 16)
            dpi = available / width_pt * 72.0
        else:
            dpi = 96.0 * zoom
        try:
            page = self._doc.render(self.page, dpi * ratio)
        except PdfError as exc:
            self.image.setText(str(exc))
            return
        image = QImage(
            page.rgb, page.width, page.height, page.stride, QImage.Format.Format_RGB888
        ).convertToFormat(QImage.Format.Format_RGB32)
        self._mark_names(image, width_pt)
        pixmap = QPixmap.fromImage(image)
        pixmap.setDevicePixelRatio(ratio)
        self.image.setText("")
        self.image.setPixmap(pixmap)
        self.image.setMinimumSize(pixmap.deviceIndependentSize().toSize())
        marked = self._marks is not None and bool(self._marks.on_page(self.page))
        self.image.setAccessibleName(
            f"Page {self.page + 1} of {self.page_count}" + (", with names marked" if marked else "")
        )
        self._update_controls()

    def _mark_names(self, image: QImage, width_pt: float) -> None:
        """Draw a translucent box with an outline around each name still on this page."""
        boxes = self._marks.on_page(self.page) if self._marks is not None else ()
        if not boxes or self._doc is None:
            return
        height_pt = self._doc.page_size(self.page)[1]
        scale = image.width() / max(width_pt, 1.0)
        painter = QPainter(image)
        try:
            painter.setPen(QPen(QColor(200, 90, 0), max(1.0, scale)))
            painter.setBrush(QColor(255, 190, 0, 90))
            pad = 1.5 * scale
            for left, bottom, right, top in boxes:
                painter.drawRect(
                    int(left * scale - pad),
                    int((height_pt - top) * scale - pad),
                    int((right - left) * scale + 2 * pad),
                    int((top - bottom) * scale + 2 * pad),
                )
        finally:
            painter.end()

    def _update_controls(self) -> None:
        count = self.page_count
        self.prev_button.setEnabled(count > 0 and self.page > 0)
        self.next_button.setEnabled(count > 0 and self.page < count - 1)
        self.zoom_combo.setEnabled(count > 0)
        self.page_label.setText(f"Page {self.page + 1} of {count}" if count else "")
        marked = self._marks is not None and bool(self._marks.boxes)
        self.names_label.setVisible(count > 0 and self._marks is not None)
        self.next_name_button.setVisible(count > 0 and marked)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Page Up / Page Down turn pages, Home / End go to the first / last page; the arrow
        keys still scroll inside the page."""
        if watched is self.scroll and event.type() == QEvent.Type.KeyPress and self._doc:
            key = event.key()  # type: ignore[attr-defined]
            moves = {
                Qt.Key.Key_PageUp: self.page - 1,
                Qt.Key.Key_PageDown: self.page + 1,
                Qt.Key.Key_Home: 0,
                Qt.Key.Key_End: self.page_count - 1,
            }
            if key in moves:
                self.show_page(moves[key])
                return True
        return super().eventFilter(watched, event)

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().resizeEvent(event)
        if self._doc is not None and float(self.zoom_combo.currentData() or 0.0) <= 0:
            self._draw()

    def sizeHint(self) -> QSize:
        return QSize(520, 640)


__all__ = [
    "PagePreview",
    "ProfileEditor",
    "Selection",
    "SelectionPanel",
    "entries_text",
    "names_note",
]
