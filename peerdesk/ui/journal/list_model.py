"""The journal's list model: a *lazy* table of incident summaries.

It holds only the ordered ids of the entries that match (``IncidentRepository.ids``) and
fetches :class:`IncidentSummary` rows a page at a time when the view asks for them, keeping a
bounded cache. Sorting re-queries the ids in the new order (no proxy model). A change
notification updates, inserts or removes only the rows it names.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QGuiApplication

from peerdesk.i18n import N_, _, ngettext
from peerdesk.models.dates import clock, short_date
from peerdesk.models.provenance_text import originally_written, written_delay
from peerdesk.storage.incidents import (
    IncidentFilter,
    IncidentRepository,
    IncidentSort,
    IncidentSummary,
)
from peerdesk.storage.repository import Change
from peerdesk.ui.common.item_models import IdRole, ObjectRole
from peerdesk.ui.common.session import VaultSession
from peerdesk.ui.common.theme import accent_style, is_dark
from peerdesk.ui.journal.bidi import isolate

AnyIndex = QModelIndex | QPersistentModelIndex

#: Rows fetched per query when the view reaches rows not yet loaded.
PAGE_SIZE = 100
#: At most this many summaries are kept in memory (about 20 pages).
CACHE_ROWS = 2000

COLUMNS = (
    N_("No."),
    N_("Event date"),
    N_("Recorded"),
    N_("People"),
    N_("Categories"),
    N_("Severity"),
    N_("Description"),
    N_("Attachments"),
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


def event_text(s: IncidentSummary) -> str:
    # Under right-to-left each part is isolated, so that the date and the time stay in order.
    text = isolate(short_date(s.event_date))
    if s.event_time is not None:
        text += f" {isolate(clock(s.event_time))}"
    # translators: an approximate date and time ("~ 3 Mar 2026 10:30"); {when} is the date
    return _("~ {when}").format(when=text) if s.approximate else text


#: The source in the Recorded column of an imported entry: "written 2 h after (Day One)".
SOURCE_SHORT = {
    "peerdesk": N_("export"),
    "dayone": N_("Day One"),
    "jrnl": "jrnl",
    "markdown": N_("Markdown"),
    "csv": "CSV",
    "email": N_("email"),
}


def recorded_text(s: IncidentSummary) -> str:
    """How soon after the event it was written down: PeerDesk's record ("recorded 2 h after"),
    or for an imported entry the source's claim ("written 2 h after (Day One)")."""
    p = s.provenance
    if p is None:
        return s.recording_delay_text()
    source = _(SOURCE_SHORT[p.source]) if p.source in SOURCE_SHORT else p.source
    delay = written_delay(p, s.event_date, s.event_time)
    if delay:
        # translators: {delay} says how soon after the event it was written ("written 2 h
        # after"), {source} the app it came from (Day One, Markdown...)
        return _("{delay} ({source})").format(delay=delay, source=source)
    # translators: {source} is the app the entry was imported from (Day One, Markdown...)
    return _("imported ({source}, undated)").format(source=source)


def person_names(s: IncidentSummary, names: dict[int, str]) -> str:
    return ", ".join(names.get(p, "?") for p in s.person_ids)


def cell_text(s: IncidentSummary, column: int, names: dict[int, str]) -> str:
    """What the list shows of ``s`` in ``column`` (``names``: person id → name)."""
    if column == COL_NUMBER:
        return str(s.record_number)
    if column == COL_EVENT:
        return event_text(s)
    if column == COL_RECORDED:
        return recorded_text(s)
    if column == COL_PEOPLE:
        return person_names(s, names)
    if column == COL_CATEGORIES:
        return ", ".join(c.label for c in s.categories)
    if column == COL_SEVERITY:
        return str(s.severity)
    if column == COL_TITLE:
        # translators: the description of a withdrawn entry in the list; {title} is its own
        return _("Withdrawn — {title}").format(title=s.title) if s.withdrawn else s.title
    return str(s.attachment_count)


def cell_tooltip(s: IncidentSummary, column: int, names: dict[int, str]) -> str | None:
    if s.withdrawn and column in (COL_NUMBER, COL_TITLE):
        return _(
            "You withdrew this entry as made in error. It is left out of Patterns and "
            "reports; Restore brings it back."
        )
    if column == COL_EVENT and s.approximate:
        return _("The date or time is approximate.")
    if column == COL_RECORDED:
        local = s.recorded_at.astimezone()
        # translators: {date} and {time} say when the entry was first saved, {delay} how long
        # after the event ("recorded 2 h after"), {count} its number of revisions
        recorded = ngettext(
            "Recorded at {date} {time} ({delay}); {count} revision.",
            "Recorded at {date} {time} ({delay}); {count} revisions.",
            s.revision_count,
        ).format(
            date=isolate(short_date(local.date())),
            time=isolate(clock(local)),
            delay=s.recording_delay_text(),
            count=s.revision_count,
        )
        if s.provenance is None:
            return recorded
        # translators: {written} says when the source app claims the entry was written;
        # {recorded} is the sentence "Recorded at ..." above
        return _(
            "{written}: the source's claim, not PeerDesk's record.\n"
            "Imported into PeerDesk: {recorded}"
        ).format(written=originally_written(s.provenance), recorded=recorded)
    if column in (COL_PEOPLE, COL_CATEGORIES, COL_TITLE):
        return cell_text(s, column, names) or None
    if column == COL_SEVERITY:
        # translators: {severity} is a number from 1 to 5
        return _("Severity {severity} of 5").format(severity=s.severity)
    return None


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

    @property
    def attached(self) -> bool:
        """Following a vault (between :meth:`attach` and :meth:`detach`)."""
        return self._attached

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
        return person_names(s, self._names)

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
            self._texts[incident_id] = self._row_texts(summary)
        while len(self._cache) > CACHE_ROWS:
            dropped, _summary = self._cache.popitem(last=False)
            self._texts.pop(dropped, None)

    def _row_texts(self, s: IncidentSummary) -> tuple[str, ...]:
        return tuple(cell_text(s, c, self._names) for c in range(len(COLUMNS)))

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
        self._texts = {i: self._row_texts(s) for i, s in self._cache.items()}
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
            # Greyed, but readable (the disabled grey was 3.2–4.3:1); the row also says
            # "Withdrawn" in words.
            return QBrush(QColor(accent_style(is_dark(QGuiApplication.palette()))["muted"]))
        return cell_tooltip(s, column, self._names)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return _(COLUMNS[section])
        if role == Qt.ItemDataRole.ToolTipRole and section not in SORT_OF_COLUMN:
            return _("This column cannot be sorted; use the filters above.")
        return None
