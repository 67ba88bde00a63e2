"""Journal: the list of incidents, with filters, full-text search and history verification.

Entries withdrawn as made in error are hidden unless "Show withdrawn" is ticked; then they are
greyed and their description starts with "Withdrawn". Withdraw… and Restore act on the
selected entry (button, context menu, Ctrl+Shift+W); each is a new revision.

The list model is *lazy*: it holds only the ordered ids of the entries that match
(``IncidentRepository.ids``) and fetches :class:`IncidentSummary` rows a page at a time when
the view asks for them, keeping a bounded cache. Sorting re-queries the ids in the new order
(no proxy model). A change notification updates, inserts or removes only the rows it names.
"""

from __future__ import annotations

import logging
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from peerdesk.models import IncidentCategory
from peerdesk.models.patterns import format_day
from peerdesk.storage.incident_revisions import HistoryReport
from peerdesk.storage.incidents import (
    IncidentFilter,
    IncidentRepository,
    IncidentSort,
    IncidentSummary,
)
from peerdesk.storage.repository import Change
from peerdesk.ui.common.item_models import IdRole, ObjectRole
from peerdesk.ui.common.messages import Messages
from peerdesk.ui.common.session import VaultSession
from peerdesk.ui.common.workers import Task, run_in_background
from peerdesk.ui.journal.history import (
    HistoryCheckDialog,
    WithdrawDialog,
    restore_entry,
    withdraw_entry,
)
from peerdesk.ui.journal.orphan_evidence import OrphanEvidence

log = logging.getLogger(__name__)

AnyIndex = QModelIndex | QPersistentModelIndex

#: Rows fetched per query when the view reaches rows not yet loaded.
PAGE_SIZE = 100
#: At most this many summaries are kept in memory (about 20 pages).
CACHE_ROWS = 2000
#: Search is run this long after the last keystroke.
SEARCH_DEBOUNCE_MS = 300
#: A QDateEdit showing this date means "any date" (shown as "Any").
ANY_DATE = QDate(1900, 1, 1)

COLUMNS = (
    "No.",
    "Event date",
    "Recorded",
    "People",
    "Categories",
    "Severity",
    "Description",
    "Attachments",
)
(
    COL_NUMBER,
    COL_EVENT,
    COL_RECORDED,
    COL_PEOPLE,
    COL_CATEGORIES,
    COL_SEVERITY,
    COL_TITLE,
    COL_ATTACHMENTS,
) = range(len(COLUMNS))
SORT_OF_COLUMN: dict[int, IncidentSort] = {
    COL_NUMBER: IncidentSort.RECORD_NUMBER,
    COL_EVENT: IncidentSort.EVENT,
    COL_RECORDED: IncidentSort.RECORDED,
    COL_SEVERITY: IncidentSort.SEVERITY,
    COL_TITLE: IncidentSort.TITLE,
    COL_ATTACHMENTS: IncidentSort.ATTACHMENTS,
}
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_ROLES = frozenset(
    {
        int(Qt.ItemDataRole.DisplayRole),
        int(Qt.ItemDataRole.ToolTipRole),
        int(Qt.ItemDataRole.TextAlignmentRole),
        int(ObjectRole),
        int(IdRole),
        int(Qt.ItemDataRole.ForegroundRole),
    }
)
#: The description of a withdrawn entry starts with this (the row is also greyed).
WITHDRAWN_PREFIX = "Withdrawn — "


def event_text(s: IncidentSummary) -> str:
    text = format_day(s.event_date)
    if s.event_time is not None:
        text += f" {s.event_time:%H:%M}"
    return f"~ {text}" if s.approximate else text


class IncidentListModel(QAbstractTableModel):
    """Lazy table of incident summaries over :class:`IncidentRepository`."""

    #: The set of rows was replaced (filter, attach, clear) or a row came or went.
    counts_changed = Signal()

    def __init__(self, session: VaultSession, parent: Any = None) -> None:
        super().__init__(parent)
        self._session = session
        self._filter = IncidentFilter()
        self._sort = IncidentSort.EVENT
        self._descending = True
        self._ids: list[int] = []
        self._row_of: dict[int, int] = {}
        self._cache: OrderedDict[int, IncidentSummary] = OrderedDict()
        self._texts: dict[int, tuple[str, ...]] = {}  # display texts of the cached rows
        self._names: dict[int, str] = {}
        self._unsubscribe: list[Callable[[], None]] = []
        self._attached = False
        self.fetches = 0  # pages read from the vault (benchmarks and tests look)
        self.fetch_seconds = 0.0  # time spent reading them

    # -- life cycle ------------------------------------------------------------------------------

    @property
    def _repo(self) -> IncidentRepository:
        return self._session.repos.incidents

    def attach(self) -> None:
        """Read the ids that match and follow the journal's and the cast list's changes."""
        self.detach()
        repos = self._session.repos
        self._unsubscribe = [
            repos.incidents.subscribe(self._on_change),
            repos.persons.subscribe(self._on_persons_changed),
        ]
        self._attached = True
        self._names = {p.id: p.display_name for p in repos.persons.list() if p.id is not None}
        self.requery()

    def detach(self) -> None:
        for unsubscribe in self._unsubscribe:
            unsubscribe()
        self._unsubscribe = []
        self._attached = False

    def clear(self) -> None:
        """Drop every row, name and cached summary (the vault is locking)."""
        self.detach()
        self.beginResetModel()
        self._ids, self._row_of, self._names = [], {}, {}
        self._cache.clear()
        self._texts = {}
        self.endResetModel()
        self.counts_changed.emit()

    # -- query -----------------------------------------------------------------------------------

    @property
    def filter(self) -> IncidentFilter:
        return self._filter

    @property
    def sort_order(self) -> tuple[IncidentSort, bool]:
        return self._sort, self._descending

    def set_filter(self, where: IncidentFilter) -> None:
        if where == self._filter:
            return
        self._filter = where
        if self._attached:
            self.requery()

    def requery(self) -> None:
        """Read the matching ids again (a new filter); the cache of summaries is kept."""
        ids = self._repo.ids(self._filter, sort=self._sort, descending=self._descending)
        self.beginResetModel()
        self._ids = ids
        self._reindex()
        self.endResetModel()
        self.counts_changed.emit()

    def total_count(self) -> int:
        """Every entry (withdrawn ones too while the filter shows them)."""
        if not self._attached:
            return 0
        return self._repo.count(IncidentFilter(include_withdrawn=self._filter.include_withdrawn))

    def withdrawn_count(self) -> int:
        return len(self._repo.withdrawn_ids()) if self._attached else 0

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = SORT_OF_COLUMN.get(column)
        if key is None:
            return  # people and categories have no single order
        descending = order == Qt.SortOrder.DescendingOrder
        if (key, descending) == (self._sort, self._descending):
            return
        self._sort, self._descending = key, descending
        if not self._attached:
            return
        ids = self._repo.ids(self._filter, sort=key, descending=descending)
        self.layoutAboutToBeChanged.emit()
        old_ids = self._ids
        self._ids = ids
        self._reindex()
        for index in self.persistentIndexList():
            row = self._row_of.get(old_ids[index.row()]) if index.row() < len(old_ids) else None
            new = self.index(row, index.column()) if row is not None else QModelIndex()
            self.changePersistentIndex(index, new)
        self.layoutChanged.emit()

    # -- rows ------------------------------------------------------------------------------------

    def id_at(self, row: int) -> int:
        return self._ids[row]

    def row_of(self, incident_id: int) -> int | None:
        return self._row_of.get(incident_id)

    def ids(self) -> list[int]:
        return list(self._ids)

    def is_loaded(self, row: int) -> bool:
        return 0 <= row < len(self._ids) and self._ids[row] in self._cache

    def summary_at(self, row: int) -> IncidentSummary | None:
        if not 0 <= row < len(self._ids):
            return None
        incident_id = self._ids[row]
        found = self._cache.get(incident_id)
        if found is not None:
            self._cache.move_to_end(incident_id)
            return found
        self._fetch_page(row)
        return self._cache.get(incident_id)

    def person_names(self, s: IncidentSummary) -> str:
        return ", ".join(self._names.get(p, "?") for p in s.person_ids)

    def _fetch_page(self, row: int) -> None:
        start = (row // PAGE_SIZE) * PAGE_SIZE
        wanted = [i for i in self._ids[start : start + PAGE_SIZE] if i not in self._cache]
        if not wanted or not self._session.is_open:
            return
        self.fetches += 1
        started = time.perf_counter()
        self._store(self._repo.summaries(wanted))
        self.fetch_seconds += time.perf_counter() - started

    def _store(self, found: dict[int, IncidentSummary]) -> None:
        for incident_id, summary in found.items():
            self._cache[incident_id] = summary
            self._cache.move_to_end(incident_id)
            self._texts[incident_id] = tuple(self._text(summary, c) for c in range(len(COLUMNS)))
        while len(self._cache) > CACHE_ROWS:
            dropped, _summary = self._cache.popitem(last=False)
            self._texts.pop(dropped, None)

    def _forget(self, incident_id: int) -> None:
        self._cache.pop(incident_id, None)
        self._texts.pop(incident_id, None)

    def _reindex(self) -> None:
        self._row_of = {incident_id: row for row, incident_id in enumerate(self._ids)}

    # -- change notifications --------------------------------------------------------------------

    def _on_change(self, change: Change) -> None:
        if not self._attached:
            return
        for incident_id in change.ids:
            self._forget(incident_id)
        if change.kind == "removed":
            for incident_id in change.ids:
                self._remove(incident_id)
            self.counts_changed.emit()
            return
        matching = set(self._repo.ids(replace(self._filter, ids=frozenset(change.ids))))
        order: list[int] | None = None
        for incident_id in change.ids:
            row = self._row_of.get(incident_id)
            if incident_id not in matching:
                if row is not None:
                    self._remove(incident_id)
                continue
            if order is None:
                order = self._repo.ids(self._filter, sort=self._sort, descending=self._descending)
            target = self._position(incident_id, order)
            if row is None:
                self.beginInsertRows(QModelIndex(), target, target)
                self._ids.insert(target, incident_id)
                self._reindex()
                self.endInsertRows()
                continue
            if target not in (row, row + 1):
                self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), target)
                del self._ids[row]
                self._ids.insert(target - 1 if target > row else target, incident_id)
                self._reindex()
                self.endMoveRows()
                row = self._row_of[incident_id]
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
        self.counts_changed.emit()

    def _position(self, incident_id: int, order: list[int]) -> int:
        """Where ``incident_id`` belongs among the current rows, by the repository's order:
        just after the nearest entry before it in ``order`` that is shown (0 when none)."""
        try:
            at = order.index(incident_id)
        except ValueError:
            return len(self._ids)
        for previous in reversed(order[:at]):
            row = self._row_of.get(previous)
            if row is not None and previous != incident_id:
                return row + 1
        return 0

    def _remove(self, incident_id: int) -> None:
        row = self._row_of.get(incident_id)
        if row is None:
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._ids[row]
        self._reindex()
        self.endRemoveRows()

    def _on_persons_changed(self, _change: Change) -> None:
        if not self._attached:
            return
        repos = self._session.repos
        self._names = {p.id: p.display_name for p in repos.persons.list() if p.id is not None}
        self._texts = {
            i: tuple(self._text(s, c) for c in range(len(COLUMNS))) for i, s in self._cache.items()
        }
        if self._ids:
            self.dataChanged.emit(
                self.index(0, COL_PEOPLE), self.index(len(self._ids) - 1, COL_PEOPLE)
            )

    # -- QAbstractTableModel ---------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Called for every role of every visible cell on each paint: decide on the role first.
        if role not in _ROLES:
            return None
        row = index.row()
        if not 0 <= row < len(self._ids) or not index.isValid():
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            texts = self._texts.get(self._ids[row])
            if texts is None:
                if self.summary_at(row) is None:
                    return None
                texts = self._texts.get(self._ids[row])
            return texts[column] if texts is not None else None
        if role == IdRole:
            return self._ids[row]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column in (COL_NUMBER, COL_SEVERITY, COL_ATTACHMENTS) else None
        s = self.summary_at(row)
        if s is None:
            return None
        if role == ObjectRole:
            return s
        if role == Qt.ItemDataRole.ForegroundRole:
            if not s.withdrawn:
                return None
            return QGuiApplication.palette().brush(
                QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text
            )
        return self._tooltip(s, column)

    def _text(self, s: IncidentSummary, column: int) -> str:
        if column == COL_NUMBER:
            return str(s.record_number)
        if column == COL_EVENT:
            return event_text(s)
        if column == COL_RECORDED:
            return s.recording_delay_text()
        if column == COL_PEOPLE:
            return self.person_names(s)
        if column == COL_CATEGORIES:
            return ", ".join(c.label for c in s.categories)
        if column == COL_SEVERITY:
            return str(s.severity)
        if column == COL_TITLE:
            return f"{WITHDRAWN_PREFIX}{s.title}" if s.withdrawn else s.title
        return str(s.attachment_count)

    def _tooltip(self, s: IncidentSummary, column: int) -> str | None:
        if s.withdrawn and column in (COL_NUMBER, COL_TITLE):
            return (
                "You withdrew this entry as made in error. It is left out of Patterns and "
                "reports; Restore brings it back."
            )
        if column == COL_EVENT and s.approximate:
            return "The date or time is approximate."
        if column == COL_RECORDED:
            local = s.recorded_at.astimezone()
            return (
                f"Recorded at {format_day(local.date())} {local:%H:%M} "
                f"({s.recording_delay_text()}); {s.revision_count} revision(s)."
            )
        if column in (COL_PEOPLE, COL_CATEGORIES, COL_TITLE):
            return self._text(s, column) or None
        if column == COL_SEVERITY:
            return f"Severity {s.severity} of 5"
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        if role == Qt.ItemDataRole.ToolTipRole and section not in SORT_OF_COLUMN:
            return "This column cannot be sorted; use the filters above."
        return None


def _date_edit(name: str) -> QDateEdit:
    edit = QDateEdit()
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("d MMM yyyy")
    edit.setMinimumDate(ANY_DATE)
    edit.setSpecialValueText("Any")
    edit.setDate(ANY_DATE)
    return edit


def _date_of(edit: QDateEdit) -> date | None:
    value = edit.date()
    if value == ANY_DATE:
        return None
    return date(value.year(), value.month(), value.day())


class JournalScreen(QWidget):
    """The incident journal list. Signals: ``edit_requested(id)``, ``new_requested()``."""

    edit_requested = Signal(int)
    new_requested = Signal()
    export_requested = Signal()
    #: The history check finished (the report is in ``last_history_report``).
    history_checked = Signal()

    def __init__(self, session: VaultSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.model = IncidentListModel(session, self)
        self.last_history_report: HistoryReport | None = None
        self._verify_task: Task | None = None
        self.history_dialog: HistoryCheckDialog | None = None
        self.withdraw_dialog: WithdrawDialog | None = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        top = QHBoxLayout()
        top.addWidget(QLabel("<h2>Journal</h2>"))
        top.addStretch(1)
        self.verify_button = QPushButton("Verify history")
        self.verify_button.setObjectName("verifyHistory")
        self.verify_button.setToolTip(
            "Check that no saved entry or revision was changed outside PeerDesk."
        )
        self.verify_button.clicked.connect(self.verify_history)
        self.new_button = QPushButton("New entry")
        self.new_button.setObjectName("newEntry")
        self.new_button.setToolTip("Record a new incident (Ctrl+N)")
        self.new_button.clicked.connect(self.new_requested)
        self.export_button = QPushButton("Export report…")
        self.export_button.setObjectName("exportReport")
        self.export_button.setToolTip(
            "Write the entries shown as a PDF report for HR, a "
            "representative, a lawyer or yourself (Ctrl+E)"
        )
        self.export_button.clicked.connect(self.export_requested)
        self.withdraw_button = QPushButton("Withdraw…")
        self.withdraw_button.setObjectName("withdrawEntry")
        self.withdraw_button.setAccessibleName("Withdraw or restore the selected entry")
        self.withdraw_button.setToolTip(
            "Withdraw the selected entry as made in error, or "
            "restore a withdrawn one (Ctrl+Shift+W). Its history "
            "is kept."
        )
        self.withdraw_button.setEnabled(False)
        self.withdraw_button.clicked.connect(self.withdraw_or_restore)
        top.addWidget(self.verify_button)
        top.addWidget(self.withdraw_button)
        top.addWidget(self.export_button)
        top.addWidget(self.new_button)
        layout.addLayout(top)
        self.withdraw_action = QAction("Withdraw…", self)
        self.withdraw_action.setShortcut(QKeySequence("Ctrl+Shift+W"))
        self.withdraw_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.withdraw_action.triggered.connect(self.withdraw_or_restore)
        self.addAction(self.withdraw_action)
        self.new_action = QAction("New entry", self)
        self.new_action.setShortcut(QKeySequence("Ctrl+N"))
        self.new_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.new_action.triggered.connect(self.new_requested)
        self.addAction(self.new_action)

        layout.addLayout(self._build_filters())

        self.table = QTableView()
        self.table.setObjectName("journalTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setAccessibleName("Journal entries")
        vertical = self.table.verticalHeader()
        vertical.hide()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        fm = header.fontMetrics()
        pad = 26  # cell margins and the sort arrow
        for column, sample in (
            (COL_NUMBER, "00000"),
            (COL_EVENT, "~ 28 Sep 2026 10:30"),
            (COL_RECORDED, "recorded 10 days after"),
            (COL_PEOPLE, "R. Castellano"),
            (COL_CATEGORIES, "Exclusion or isolation"),
            (COL_SEVERITY, "Severity"),
            (COL_ATTACHMENTS, "Attachments"),
        ):
            self.table.setColumnWidth(column, fm.horizontalAdvance(sample) + pad)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_EVENT, Qt.SortOrder.DescendingOrder)
        header.sortIndicatorChanged.connect(self._sort_indicator_changed)
        self.table.activated.connect(self._activated)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.model.modelReset.connect(self._selection_changed)
        self.model.dataChanged.connect(self._selection_changed)
        layout.addWidget(self.table, 1)

        self.count_label = QLabel()
        self.count_label.setObjectName("journalCount")
        layout.addWidget(self.count_label)
        self.model.counts_changed.connect(self._update_count)
        self.model.rowsInserted.connect(self._update_count)
        self.model.rowsRemoved.connect(self._update_count)
        # Files in the vault that belong to no entry and no unsaved draft: Attach / Delete.
        self.orphans = OrphanEvidence(session, self.selected_incident_id)
        layout.addWidget(self.orphans)

    def _build_filters(self) -> QVBoxLayout:
        box = QVBoxLayout()
        box.setSpacing(6)
        self._unsubscribe: list[Callable[[], None]] = []
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("journalSearch")
        self.search_edit.setPlaceholderText("Search every word in the journal")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setAccessibleName("Search the journal")
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DEBOUNCE_MS)
        self._search_timer.timeout.connect(self.apply_filters)
        self.search_edit.textChanged.connect(lambda _t: self._search_timer.start())

        self.date_from = _date_edit("dateFrom")
        self.date_to = _date_edit("dateTo")
        self.person_combo = QComboBox()
        self.person_combo.setObjectName("personFilter")
        self.category_combo = QComboBox()
        self.category_combo.setObjectName("categoryFilter")
        self.category_combo.addItem("All categories", "")
        for category in IncidentCategory:
            self.category_combo.addItem(category.label, category.value)
        self.severity_min = QSpinBox()
        self.severity_max = QSpinBox()
        for spin, value, name in (
            (self.severity_min, 1, "Lowest severity"),
            (self.severity_max, 5, "Highest severity"),
        ):
            spin.setRange(1, 5)
            spin.setValue(value)
            spin.setAccessibleName(name)
        self.reported_combo = QComboBox()
        self.reported_combo.setObjectName("reportedFilter")
        self.reported_combo.addItem("Reported or not", None)
        self.reported_combo.addItem("Reported", True)
        self.reported_combo.addItem("Not reported", False)
        self.tag_combo = QComboBox()
        self.tag_combo.setObjectName("tagFilter")
        self.show_withdrawn = QCheckBox("Show &withdrawn")
        self.show_withdrawn.setObjectName("showWithdrawn")
        self.show_withdrawn.setAccessibleName("Show withdrawn entries")
        self.show_withdrawn.setToolTip(
            "Also list entries you withdrew as made in error (greyed), so you can restore them."
        )
        self.clear_button = QPushButton("Clear filters")
        self.clear_button.clicked.connect(self.clear_filters)
        self._fill_people_and_tags()

        def labelled(text: str, widget: QWidget) -> QLabel:
            label = QLabel(text)
            label.setBuddy(widget)
            label.setMinimumWidth(label.sizeHint().width() + 2)
            return label

        first = QHBoxLayout()
        first.addWidget(self.search_edit, 1)
        first.addWidget(self.clear_button)
        second = QHBoxLayout()
        second.addWidget(labelled("&From", self.date_from))
        second.addWidget(self.date_from)
        second.addSpacing(6)
        second.addWidget(labelled("&To", self.date_to))
        second.addWidget(self.date_to)
        second.addSpacing(12)
        second.addWidget(labelled("Se&verity", self.severity_min))
        second.addWidget(self.severity_min)
        second.addWidget(QLabel("to"))
        second.addWidget(self.severity_max)
        second.addSpacing(12)
        second.addWidget(self.reported_combo)
        second.addStretch(1)
        third = QHBoxLayout()
        for combo in (self.person_combo, self.category_combo, self.tag_combo):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.setMinimumContentsLength(12)
            third.addWidget(combo)
        third.addSpacing(12)
        third.addWidget(self.show_withdrawn)
        third.addStretch(1)
        for row in (first, second, third):
            box.addLayout(row)
        for widget in (self.date_from, self.date_to):
            widget.dateChanged.connect(self.apply_filters)
        for spin in (self.severity_min, self.severity_max):
            spin.valueChanged.connect(self.apply_filters)
        for combo in (self.person_combo, self.category_combo, self.reported_combo, self.tag_combo):
            combo.currentIndexChanged.connect(self.apply_filters)
        self.show_withdrawn.toggled.connect(self.apply_filters)
        return box

    def _fill_people_and_tags(self, *, load: bool = True) -> None:
        """(Re)fill the person and tag choices, keeping the current choice when it remains."""
        person = self.person_combo.currentData()
        tag = self.tag_combo.currentData()
        for combo in (self.person_combo, self.tag_combo):
            combo.blockSignals(True)
            combo.clear()
        self.person_combo.addItem("Anyone", None)
        self.tag_combo.addItem("Any tag", None)
        if load and self._session.is_open:
            repos = self._session.repos
            for p in repos.persons.list():
                self.person_combo.addItem(p.display_name, p.id)
            for t in repos.incidents.all_tags():
                self.tag_combo.addItem(t, t)
        for combo, value in ((self.person_combo, person), (self.tag_combo, tag)):
            at = combo.findData(value) if value is not None else 0
            combo.setCurrentIndex(max(0, at))
            combo.blockSignals(False)

    # -- life cycle ------------------------------------------------------------------------------

    def on_opened(self) -> None:
        self._fill_people_and_tags()
        repos = self._session.repos
        self._unsubscribe = [
            repos.persons.subscribe(self._choices_changed),
            repos.incidents.subscribe(self._choices_changed),
        ]
        self.model.set_filter(self.current_filter())
        self.model.attach()
        self.orphans.on_opened()

    def on_closing(self) -> None:
        self._search_timer.stop()
        for unsubscribe in self._unsubscribe:
            unsubscribe()
        self._unsubscribe = []
        if self._verify_task is not None:
            self._verify_task.cancel()
        for dialog in (self.history_dialog, self.withdraw_dialog):
            if dialog is not None:
                dialog.close()
                dialog.deleteLater()
        self.history_dialog = self.withdraw_dialog = None
        self.model.clear()
        self.orphans.on_closing()
        self.search_edit.blockSignals(True)
        self.search_edit.clear()
        self.search_edit.blockSignals(False)
        self._fill_people_and_tags(load=False)
        self.count_label.clear()

    def _choices_changed(self, _change: Change) -> None:
        if self._session.is_open:
            self._fill_people_and_tags()

    # -- filters ---------------------------------------------------------------------------------

    def current_filter(self) -> IncidentFilter:
        person = self.person_combo.currentData()
        category = self.category_combo.currentData()
        tag = self.tag_combo.currentData()
        low, high = self.severity_min.value(), self.severity_max.value()
        return IncidentFilter(
            date_from=_date_of(self.date_from),
            date_to=_date_of(self.date_to),
            person_ids=frozenset({int(person)}) if person is not None else frozenset(),
            categories=frozenset({IncidentCategory(category)}) if category else frozenset(),
            severity_min=low if low > 1 else None,
            severity_max=high if high < 5 else None,
            reported=self.reported_combo.currentData(),
            tags=frozenset({tag}) if tag else frozenset(),
            text=self.search_edit.text().strip(),
            include_withdrawn=self.show_withdrawn.isChecked(),
        )

    def apply_filters(self) -> None:
        self._search_timer.stop()
        if self._session.is_open and self.model._attached:
            self.model.set_filter(self.current_filter())

    def clear_filters(self) -> None:
        widgets: Sequence[QWidget] = (
            self.date_from,
            self.date_to,
            self.severity_min,
            self.severity_max,
            self.person_combo,
            self.category_combo,
            self.reported_combo,
            self.tag_combo,
            self.search_edit,
            self.show_withdrawn,
        )
        for widget in widgets:
            widget.blockSignals(True)
        self.date_from.setDate(ANY_DATE)
        self.date_to.setDate(ANY_DATE)
        self.severity_min.setValue(1)
        self.severity_max.setValue(5)
        for combo in (self.person_combo, self.category_combo, self.reported_combo, self.tag_combo):
            combo.setCurrentIndex(0)
        self.search_edit.clear()
        self.show_withdrawn.setChecked(False)
        for widget in widgets:
            widget.blockSignals(False)
        self.apply_filters()

    def _update_count(self) -> None:
        if not self.model._attached:
            self.count_label.clear()
            return
        shown, total = self.model.rowCount(), self.model.total_count()
        noun = "entry" if total == 1 else "entries"
        text = f"{total} {noun}" if shown == total else f"{shown} of {total} {noun}"
        withdrawn = self.model.withdrawn_count()
        if withdrawn and not self.show_withdrawn.isChecked():
            text += f" · {withdrawn} withdrawn, not shown"
        self.count_label.setText(text)

    # -- sorting and opening ---------------------------------------------------------------------

    def _sort_indicator_changed(self, column: int, _order: Qt.SortOrder) -> None:
        if column in SORT_OF_COLUMN:
            return
        sort, descending = self.model.sort_order
        back = next(c for c, s in SORT_OF_COLUMN.items() if s == sort)
        order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        self.table.horizontalHeader().setSortIndicator(back, order)

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.edit_requested.emit(self.model.id_at(index.row()))

    def selected_incident_id(self) -> int | None:
        """The entry selected in the list, if any."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.id_at(rows[0].row()) if rows else None

    def select_incident(self, incident_id: int) -> bool:
        row = self.model.row_of(incident_id)
        if row is None:
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    # -- withdraw and restore --------------------------------------------------------------------

    def selected_summary(self) -> IncidentSummary | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.summary_at(rows[0].row()) if rows else None

    def _selection_changed(self, *_args: object) -> None:
        s = self.selected_summary() if self._session.is_open else None
        self.withdraw_button.setEnabled(s is not None)
        self.withdraw_button.setText("Restore" if s is not None and s.withdrawn else "Withdraw…")
        self.withdraw_action.setText(self.withdraw_button.text())

    def _context_menu(self, at: QPoint) -> None:
        index = self.table.indexAt(at)
        if not index.isValid():  # the menu key: the current row
            index = self.table.currentIndex()
            at = self.table.visualRect(index).center()
        if not index.isValid():
            return
        self.table.selectRow(index.row())
        menu = QMenu(self)
        menu.setAccessibleName("Entry actions")
        menu.addAction("Open", lambda: self.edit_requested.emit(self.model.id_at(index.row())))
        menu.addAction(self.withdraw_action)
        menu.exec(self.table.viewport().mapToGlobal(at))
        menu.deleteLater()

    def withdraw_or_restore(self) -> None:
        """Withdraw the selected entry (asks for a reason, confirms) or restore it."""
        s = self.selected_summary()
        if s is None or not self._session.is_open:
            return
        if s.withdrawn:
            problem = restore_entry(self._session, s.id)
            if problem is not None:
                Messages.error(
                    self, "Restore entry", "The entry was not restored.", informative=problem
                )
            self._selection_changed()
            return
        incident_id = s.id

        def confirm(reason: str) -> str | None:
            return withdraw_entry(self._session, incident_id, reason)

        if self.withdraw_dialog is not None:
            self.withdraw_dialog.close()
        self.withdraw_dialog = WithdrawDialog(self._session, s.record_number, confirm, self)
        self.withdraw_dialog.destroyed.connect(self._withdraw_dialog_gone)
        self.withdraw_dialog.open()

    def _withdraw_dialog_gone(self) -> None:
        self.withdraw_dialog = None

    # -- history ---------------------------------------------------------------------------------

    def verify_history(self) -> None:
        """Check every entry's revision chain in the background and say what was found."""
        if not self._session.is_open or self._verify_task is not None:
            return
        vault = self._session.repos.vault
        self.verify_button.setEnabled(False)
        self.verify_button.setText("Verifying…")

        def work(_task: Task) -> HistoryReport:
            own = vault.sibling()
            try:
                return IncidentRepository(own).verify_history()
            finally:
                own.close()

        self._verify_task = run_in_background(
            work, on_success=self._verified, on_failure=self._verify_failed
        )

    def _verify_done(self) -> bool:
        cancelled = self._verify_task is not None and self._verify_task.cancelled
        self._verify_task = None
        self.verify_button.setEnabled(True)
        self.verify_button.setText("Verify history")
        return not cancelled

    def _verified(self, report: HistoryReport) -> None:
        if not self._verify_done():
            return
        self.last_history_report = report
        if self.history_dialog is not None:
            self.history_dialog.close()
        self.history_dialog = HistoryCheckDialog(report, self)
        self.history_dialog.destroyed.connect(self._history_dialog_gone)
        self.history_dialog.open()
        self.history_checked.emit()

    def _history_dialog_gone(self) -> None:
        self.history_dialog = None

    def _verify_failed(self, exc: BaseException) -> None:
        if not self._verify_done():
            return
        log.info("history verification could not run: %s", type(exc).__name__)
        Messages.error(
            self,
            "History check",
            "The history could not be checked.",
            informative="The vault may have been locked meanwhile. Try again.",
        )
        self.history_checked.emit()
