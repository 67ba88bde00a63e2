"""Qt item models as thin adapters over repositories (after Vorta and KeePassXC).

A model is given column definitions and two loaders: one for every row, one for some ids.
It subscribes to its repository's change notifications and updates only the rows a change
names (``beginInsertRows`` / ``dataChanged`` / ``beginRemoveRows``) instead of resetting.
A row can stop belonging to a model without its record being deleted (a follow-up marked
done, a conversation moved to another colleague): a changed record that ``load_some`` no
longer returns is removed row by row.
``clear()`` empties it (on lock): afterwards no record text is reachable through it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from peerdesk.storage.repository import Change, Repository

T = TypeVar("T")
ObjectRole = Qt.ItemDataRole.UserRole + 1
SortRole = Qt.ItemDataRole.UserRole + 2
IdRole = Qt.ItemDataRole.UserRole + 3

AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column(Generic[T]):
    title: str
    text: Callable[[T], str]
    sort_key: Callable[[T], Any] | None = None
    tooltip: Callable[[T], str] | None = None
    align_right: bool = False


class RecordTableModel(QAbstractTableModel, Generic[T]):
    def __init__(
        self,
        columns: Sequence[Column[T]],
        *,
        key: Callable[[T], int],
        load_all: Callable[[], Sequence[T]],
        load_some: Callable[[Sequence[int]], Sequence[T]],
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._key = key
        self._load_all = load_all
        self._load_some = load_some
        self._rows: list[T] = []
        self._row_of: dict[int, int] = {}
        self._unsubscribe: Callable[[], None] | None = None

    # -- filling and emptying ------------------------------------------------------------------

    def attach(self, repository: Repository) -> None:
        """Load every row and follow the repository's changes."""
        self.detach()
        self._unsubscribe = repository.subscribe(self._on_change)
        self.reload()

    def detach(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None

    def reload(self) -> None:
        self.beginResetModel()
        self._rows = list(self._load_all())
        self._reindex()
        self.endResetModel()

    def clear(self) -> None:
        """Drop every row and stop following changes (used when the vault locks)."""
        self.detach()
        self.beginResetModel()
        self._rows = []
        self._row_of = {}
        self.endResetModel()

    def item(self, row: int) -> T:
        return self._rows[row]

    def row_of(self, record_id: int) -> int | None:
        return self._row_of.get(record_id)

    # -- change notifications -------------------------------------------------------------------

    def refresh_ids(self, ids: Sequence[int]) -> None:
        """Re-read these records (after a change the repository did not announce)."""
        self._on_change(Change("changed", tuple(ids)))

    def ids(self) -> list[int]:
        return [self._key(item) for item in self._rows]

    def _on_change(self, change: Change) -> None:
        if change.kind == "removed":
            self._remove(change.ids)
            return
        fresh = {self._key(item): item for item in self._load_some(change.ids)}
        self._remove([i for i in change.ids if i not in fresh and i in self._row_of])
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
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(self._columns) - 1))

    def _remove(self, ids: Sequence[int]) -> None:
        for record_id in ids:
            row = self._row_of.get(record_id)
            if row is None:
                continue
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self._reindex()
            self.endRemoveRows()

    def _reindex(self) -> None:
        self._row_of = {self._key(item): row for row, item in enumerate(self._rows)}

    # -- QAbstractTableModel -------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        item = self._rows[index.row()]
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(item)
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip is not None:
            return column.tooltip(item)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == SortRole:
            return column.sort_key(item) if column.sort_key else column.text(item).lower()
        if role == ObjectRole:
            return item
        if role == IdRole:
            return self._key(item)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self._columns)
        ):
            return self._columns[section].title
        return None
