"""The strategy list's item model and its filter: every strategy (:class:`StrategyListModel`),
and what one view of the library shows of it (:class:`StrategyFilter`: All, Favourites,
Hidden or one category, narrowed by the search results)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from peerdesk.i18n import _
from peerdesk.models.builtin_text import localized_strategy
from peerdesk.models.strategy import Strategy
from peerdesk.storage.errors import RecordNotFound
from peerdesk.ui.common.item_models import Column, ObjectRole, RecordTableModel, SortRole
from peerdesk.ui.common.session import VaultSession
from peerdesk.ui.library.widgets import minutes_text

__all__ = [
    "VIEW_ALL",
    "VIEW_FAVOURITES",
    "VIEW_HIDDEN",
    "VIEW_ROLE",
    "StrategyFilter",
    "StrategyListModel",
    "accepts",
    "empty_text",
    "short_minutes",
    "strategy_columns",
]

VIEW_ALL = "all"
VIEW_FAVOURITES = "favourites"
VIEW_HIDDEN = "hidden"
VIEW_ROLE = Qt.ItemDataRole.UserRole + 10


def short_minutes(strategy: Strategy) -> str:
    if not strategy.minutes:
        return ""
    # translators: a strategy's length; {minutes} is a number of minutes
    return _("{minutes} min").format(minutes=strategy.minutes)


def strategy_columns() -> list[Column[Strategy]]:
    return [
        Column(_("Strategy"), lambda s: s.title, sort_key=lambda s: s.title.casefold()),
        Column(_("In one line"), lambda s: s.summary),
        Column(_("Category"), lambda s: s.category.label),
        Column(_("Time"), short_minutes, sort_key=lambda s: s.minutes or 0, align_right=True),
    ]


class StrategyListModel(RecordTableModel[Strategy]):
    """Every strategy, hidden ones included (the filter decides what shows)."""

    def __init__(self, session: VaultSession) -> None:
        self._session = session
        super().__init__(
            strategy_columns(),
            key=lambda s: s.id or 0,
            # Built-in strategies are shown in the language in force (never saved back).
            load_all=lambda: [
                localized_strategy(s)
                for s in self._session.repos.strategies.list(include_hidden=True)
            ],
            load_some=self._load_some,
        )

    def _load_some(self, ids: Sequence[int]) -> list[Strategy]:
        found = []
        for strategy_id in ids:
            try:
                found.append(localized_strategy(self._session.repos.strategies.get(strategy_id)))
            except RecordNotFound:
                continue
        return found

    def strategies(self) -> list[Strategy]:
        return [self.item(row) for row in range(self.rowCount())]

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.AccessibleTextRole and index.isValid() and index.column() == 0:
            if index.row() >= self.rowCount():
                return None
            return _spoken(self.item(index.row()))
        return super().data(index, role)


def _spoken(strategy: Strategy) -> str:
    parts = [strategy.title]
    if strategy.summary:
        parts.append(strategy.summary)
    if strategy.minutes:
        parts.append(minutes_text(strategy.minutes))
    if strategy.favourite:
        parts.append("favourite")
    return ". ".join(parts)


def accepts(strategy: Strategy, view: str, ids: set[int] | None) -> bool:
    """Whether ``strategy`` shows in ``view`` (All, Favourites, Hidden or a category value)
    among the search results ``ids`` (None: no search)."""
    if ids is not None and strategy.id not in ids:
        return False
    if view == VIEW_HIDDEN:
        return strategy.hidden
    if strategy.hidden:
        return False
    if view == VIEW_FAVOURITES:
        return strategy.favourite
    if view == VIEW_ALL:
        return True
    return strategy.category.value == view


class StrategyFilter(QSortFilterProxyModel):
    """What the strategy list shows: one view, narrowed by the search results."""

    def __init__(self) -> None:
        super().__init__()
        self.setSortRole(SortRole)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._view = VIEW_ALL
        self._ids: set[int] | None = None

    @property
    def view(self) -> str:
        return self._view

    @property
    def search_ids(self) -> set[int] | None:
        return self._ids

    def set_view(self, view: str) -> None:
        self.beginFilterChange()
        self._view = view
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_search_ids(self, ids: set[int] | None) -> None:
        self.beginFilterChange()
        self._ids = ids
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent: QModelIndex | QPersistentModelIndex) -> bool:
        model = self.sourceModel()
        strategy = model.data(model.index(row, 0, parent), ObjectRole)
        if strategy is None:
            return False
        return accepts(strategy, self._view, self._ids)

    def strategies(self) -> list[Strategy]:
        return [self.index(row, 0).data(ObjectRole) for row in range(self.rowCount())]


def empty_text(searching: bool, view: str) -> str:
    """What the list says when ``view`` (narrowed by a search, when ``searching``) is empty."""
    if searching:
        return _(
            "Nothing here matches your search. Try other words, or choose "
            "“All strategies” on the left."
        )
    if view == VIEW_FAVOURITES:
        return _(
            "No favourites yet. When one helps, press “Add to favourites” (Ctrl+D) to keep it here."
        )
    if view == VIEW_HIDDEN:
        return _("Nothing is hidden. When a strategy doesn't help you, hide it and it waits here.")
    return _("Nothing here yet. You can write your own with “New strategy…”.")
