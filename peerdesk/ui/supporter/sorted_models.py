"""Lists that keep themselves in order, so that a proxy never sorts them (issue 18).

``QSortFilterProxyModel`` sorts by asking the model for two values per comparison, each a call
into Python: at 50,000 conversations the follow-up list's 8,000 rows cost about 125,000 calls
(over a second) every time it was filled. Here the model sorts its own rows with Python's sort,
one key per row, and :class:`PresortedProxy` hands a view's sort request to it instead of
sorting; the proxy then only maps rows one to one (and filters, in subclasses).

A row that is added goes in at its place (a binary search over the keys); a row whose key
changes moves (``beginMoveRows``), so selection and scroll position stay with their rows and
nothing is reset but a full reload.
"""

from __future__ import annotations

from typing import Any, TypeVar

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt

from peerdesk.storage.repository import Change
from peerdesk.ui.common.item_models import RecordTableModel, SortRole

T = TypeVar("T")


class SortedRecordModel(RecordTableModel[T]):
    """A :class:`RecordTableModel` in the order of one column (see the module docstring)."""

    _sort_column = -1
    _sort_order = Qt.SortOrder.AscendingOrder

    def _sort_key(self, item: T) -> Any:
        column = self._columns[self._sort_column]
        return column.sort_key(item) if column.sort_key else column.text(item).lower()

    def _keys(self) -> list[Any]:
        """Each row's key in the sort column (kept by record id until that record changes)."""
        cache: dict[int, Any] = self.__dict__.setdefault("_key_cache", {})
        keys = []
        for item in self._rows:
            record_id = self._key(item)
            if record_id not in cache:
                cache[record_id] = self._sort_key(item)
            keys.append(cache[record_id])
        return keys

    def _forget_keys(self, record_id: int | None = None) -> None:
        cache: dict[int, Any] = self.__dict__.setdefault("_key_cache", {})
        if record_id is None:
            cache.clear()
        else:
            cache.pop(record_id, None)

    def _in_order(self) -> None:
        if self._sort_column < 0 or not self._rows:
            return
        keyed = sorted(
            zip(self._keys(), range(len(self._rows)), strict=True),
            key=lambda pair: pair[0],
            reverse=self._sort_order == Qt.SortOrder.DescendingOrder,
        )
        self._rows = [self._rows[i] for _key, i in keyed]

    def _position(self, key: Any, skip: int | None = None) -> int:
        """Where a row with ``key`` goes (after its equals), ``skip`` left out of the count."""
        keys = self._keys()
        if skip is not None:
            del keys[skip]
        descending = self._sort_order == Qt.SortOrder.DescendingOrder
        lo, hi = 0, len(keys)
        while lo < hi:
            mid = (lo + hi) // 2
            before = key < keys[mid] if not descending else keys[mid] < key
            if before:
                hi = mid
            else:
                lo = mid + 1
        return lo

    # -- QAbstractItemModel --------------------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self._columns):
            column = -1
        self._sort_column, self._sort_order = column, order
        self._forget_keys()
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        ids = [self._key(self._rows[i.row()]) for i in old]
        self._in_order()
        self._reindex()
        new = [self.index(self._row_of[i], p.column()) for i, p in zip(ids, old, strict=True)]
        self.changePersistentIndexList(old, new)
        self.layoutChanged.emit()

    def reload(self) -> None:
        self.beginResetModel()
        self._forget_keys()
        self._rows = list(self._load_all())
        self._in_order()
        self._reindex()
        self.endResetModel()

    # -- change notifications ------------------------------------------------------------------

    def _on_change(self, change: Change) -> None:
        if change.kind == "removed" or self._sort_column < 0:
            super()._on_change(change)
            return
        fresh = {self._key(item): item for item in self._load_some(change.ids)}
        self._remove([i for i in change.ids if i not in fresh and i in self._row_of])
        for record_id in change.ids:
            item = fresh.get(record_id)
            if item is not None:
                self._put(record_id, item)

    def _put(self, record_id: int, item: T) -> None:
        self._forget_keys(record_id)
        row = self._row_of.get(record_id)
        key = self._sort_key(item)
        if row is None:
            at = self._position(key)
            self.beginInsertRows(QModelIndex(), at, at)
            self._rows.insert(at, item)
            self._reindex()
            self.endInsertRows()
            return
        self._rows[row] = item
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self._columns) - 1))
        at = self._position(key, skip=row)  # (its old key is forgotten: see _put's start)
        if at == row:
            return
        # Qt counts the destination before the row leaves.
        self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), at + 1 if at > row else at)
        del self._rows[row]
        self._rows.insert(at, item)
        self._reindex()
        self.endMoveRows()


class PresortedProxy(QSortFilterProxyModel):
    """Hands a view's sort request to a :class:`SortedRecordModel` and never sorts itself
    (other source models are sorted by Qt as usual)."""

    def __init__(self) -> None:
        super().__init__()
        self.setSortRole(SortRole)
        self._shown = (-1, Qt.SortOrder.AscendingOrder)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        source = self.sourceModel()
        if isinstance(source, SortedRecordModel):
            self._shown = (column, order)
            source.sort(column, order)
        else:
            super().sort(column, order)

    def shown_order(self) -> tuple[int, Qt.SortOrder]:
        """The column and order the rows are in (what the view last asked for)."""
        return self._shown


__all__ = ["PresortedProxy", "SortedRecordModel"]
