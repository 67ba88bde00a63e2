"""Which entries go into the report: all of them, those the journal shows now, those matching
dates, people, categories and tags, or entries picked one by one (a panel of the report
dialog). Nothing here keeps user text after :meth:`SelectionPanel.clear`."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from peerdesk.i18n import N_, _, ngettext, pgettext
from peerdesk.models.dates import short_date
from peerdesk.models.enums import IncidentCategory
from peerdesk.storage.incidents import IncidentFilter
from peerdesk.ui.common.accessibility import clear_field_error, set_name, show_field_error
from peerdesk.ui.common.date_field import date_edit, from_qdate, to_qdate
from peerdesk.ui.common.session import VaultSession

# -- which entries -----------------------------------------------------------------------------


def entries_text(count: int) -> str:
    """``1 entry``, ``12 entries``."""
    # translators: a number of journal entries, shown inside other sentences
    return ngettext("{count} entry", "{count} entries", count).format(count=count)


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
            ("all", N_("&All entries")),
            ("journal", N_("Entries shown in the &journal now")),
            ("matching", N_("Entries &matching…")),
            ("picked", N_("Entries I &pick")),
        ):
            button = QRadioButton(_(text))
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
        # What stops the report, shown at its field when the user asks for it.
        self.error_label = QLabel()
        self.error_label.setObjectName("selectionError")
        self.error_label.hide()
        layout.addWidget(self.error_label)
        self._error_field: QWidget | None = None
        self.count_label = QLabel()
        self.count_label.setObjectName("selectionCount")
        layout.addWidget(self.count_label)
        self._mode_toggled()

    # building

    def _build_matching(self) -> QWidget:
        self.matching_box = QWidget()
        grid = QGridLayout(self.matching_box)
        grid.setContentsMargins(24, 0, 0, 0)
        self.from_check = QCheckBox(pgettext("date range", "&From"))
        self.from_check.setObjectName("fromCheck")
        self.from_edit = self._date_edit("fromDate")
        set_name(self.from_edit, _("From date"))
        self.to_check = QCheckBox(pgettext("date range", "&To"))
        self.to_check.setObjectName("toCheck")
        self.to_edit = self._date_edit("toDate")
        set_name(self.to_edit, _("To date"))
        for check, edit in ((self.from_check, self.from_edit), (self.to_check, self.to_edit)):
            check.toggled.connect(edit.setEnabled)
            check.toggled.connect(self._emit)
            edit.setEnabled(False)
            edit.dateChanged.connect(self._emit)
        dates = QHBoxLayout()
        for part in (self.from_check, self.from_edit, self.to_check, self.to_edit):
            dates.addWidget(part)
        dates.addStretch(1)
        grid.addLayout(dates, 0, 0, 1, 2)
        self.people_list = self._check_list("peopleList", _("People"))
        self.category_list = self._check_list("categoryList", _("Categories"))
        self.tag_list = self._check_list("tagList", _("Tags"))
        # One column that shows every category (no sideways scrolling inside the list at a
        # large font; the tab scrolls up and down instead), long names wrapped.
        rows = self.fontMetrics().lineSpacing() + 4
        categories = len(IncidentCategory)
        for widget, count in (
            (self.people_list, 6),
            (self.tag_list, 6),
            (self.category_list, categories),
        ):
            widget.setFixedHeight(rows * count + 8)
            widget.setWordWrap(True)
            widget.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for row, column, span, (title, widget) in (
            (1, 0, 1, (N_("People"), self.people_list)),
            (1, 1, 1, (N_("Tags"), self.tag_list)),
            (3, 0, 2, (N_("Categories"), self.category_list)),
        ):
            label = QLabel(_(title))
            label.setBuddy(widget)
            grid.addWidget(label, row, column, 1, span)
            grid.addWidget(widget, row + 1, column, 1, span)
        note = QLabel(_("Within a list any ticked item matches; an empty list does not limit."))
        note.setWordWrap(True)
        note.setObjectName("selectionNote")  # in the text colour: a greyed-out note read 3.9:1
        grid.addWidget(note, 5, 0, 1, 2)
        return self.matching_box

    def _build_picked(self) -> QWidget:
        self.picked_box = QWidget()
        box = QVBoxLayout(self.picked_box)
        box.setContentsMargins(24, 0, 0, 0)
        row = QHBoxLayout()
        self.pick_filter = QLineEdit()
        self.pick_filter.setObjectName("pickFilter")
        self.pick_filter.setPlaceholderText(_("Show entries whose number, date or title contains…"))
        self.pick_filter.setClearButtonEnabled(True)
        set_name(self.pick_filter, _("Show entries containing"))
        self.pick_filter.textChanged.connect(self._filter_picks)
        row.addWidget(self.pick_filter, 1)
        self.pick_all = QPushButton(_("Tick shown"))
        self.pick_all.setObjectName("pickAll")
        self.pick_all.clicked.connect(lambda: self._tick_shown(True))
        self.pick_none = QPushButton(_("Untick shown"))
        self.pick_none.setObjectName("pickNone")
        self.pick_none.clicked.connect(lambda: self._tick_shown(False))
        row.addWidget(self.pick_all)
        row.addWidget(self.pick_none)
        box.addLayout(row)
        self.pick_list = QListWidget()
        self.pick_list.setObjectName("pickList")
        self.pick_list.setAccessibleName(_("Entries to include"))
        self.pick_list.setUniformItemSizes(True)
        self.pick_list.setMinimumHeight(220)
        self.pick_list.itemChanged.connect(self._emit)
        box.addWidget(self.pick_list, 1)
        return self.picked_box

    @staticmethod
    def _date_edit(name: str) -> QDateEdit:
        edit = date_edit(name)
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
                    # translators: an entry in a list: its record number, date and title
                    text = _("No. {number} · {date} · {title}").format(
                        number=s.record_number, date=short_date(s.event_date), title=s.title
                    )
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
            date_from=from_qdate(self.from_edit.date()) if self.from_check.isChecked() else None,
            date_to=from_qdate(self.to_edit.date()) if self.to_check.isChecked() else None,
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
                return _("The “From” date is after the “To” date.")
        return ""

    def problem_field(self) -> QWidget | None:
        """The field that stops the report (a date, or where entries are chosen); ``None``
        when the choice is fine."""
        if self.problem():
            return self.to_edit
        if self.chosen_count == 0:
            return self.pick_list if self.mode == "picked" else self.mode_buttons[self.mode]
        return None

    def problem_text(self) -> str:
        return self.problem() or (_("No entries are chosen.") if self.chosen_count == 0 else "")

    def show_problem(self) -> bool:
        """Show what stops the report at its field (in words, focused, announced)."""
        field = self.problem_field()
        if field is None:
            return False
        self._clear_error()
        self._error_field = field
        show_field_error(field, self.error_label, self.problem_text())
        return True

    def _clear_error(self) -> None:
        if self._error_field is not None:
            clear_field_error(self._error_field, self.error_label)
            self._error_field = None

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
            self.from_edit.setDate(to_qdate(start))
        if end is not None:
            self.to_edit.setDate(to_qdate(end))

    # reacting

    def _mode_toggled(self, *_args: object) -> None:
        mode = self.mode
        # Tab into the group lands on the chosen way (the arrows move to the others), as Qt
        # does only once a button of the group has had focus.
        for button in self.mode_buttons.values():
            policy = Qt.FocusPolicy.StrongFocus.value
            if not button.isChecked():
                policy &= ~Qt.FocusPolicy.TabFocus.value
            button.setFocusPolicy(Qt.FocusPolicy(policy))
        if mode == "picked":
            self._load_picks()
        self.matching_box.setEnabled(mode == "matching")
        self.picked_box.setEnabled(mode == "picked")
        self._emit()

    def _emit(self, *_args: object) -> None:
        self._clear_error()
        problem = self.problem()
        self.chosen_count = 0 if problem else self.count()
        if problem:
            self.count_label.setText(problem)
        else:
            count = self.chosen_count
            # translators: {count} is a number of journal entries
            self.count_label.setText(
                _("No entries are chosen.")
                if count == 0
                else ngettext(
                    "{count} entry will be in the report.",
                    "{count} entries will be in the report.",
                    count,
                ).format(count=count)
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


__all__ = ["Selection", "SelectionPanel", "entries_text"]
