"""The library's left column: All, Favourites, each category with its count, and Hidden."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from peerdesk.i18n import _
from peerdesk.models.enums import StrategyCategory
from peerdesk.models.strategy import Strategy
from peerdesk.ui.library.delegate import RoomyDelegate
from peerdesk.ui.library.model import VIEW_ALL, VIEW_FAVOURITES, VIEW_HIDDEN, VIEW_ROLE

__all__ = ["CategoryList", "view_counts"]


def views() -> list[tuple[str, str]]:
    """Every view of the library, (value, label), in the order listed."""
    return (
        [(VIEW_ALL, _("All strategies")), (VIEW_FAVOURITES, _("★ Favourites"))]
        + [(cat.value, cat.label) for cat in StrategyCategory]
        + [(VIEW_HIDDEN, _("Hidden"))]
    )


def view_counts(strategies: Iterable[Strategy], ids: set[int] | None) -> dict[str, int]:
    """How many of ``strategies`` each view lists, among the search results ``ids`` (None:
    no search)."""
    counts: Counter[str] = Counter()
    for strategy in strategies:
        if ids is not None and strategy.id not in ids:
            continue
        if strategy.hidden:
            counts[VIEW_HIDDEN] += 1
            continue
        counts[VIEW_ALL] += 1
        counts[strategy.category.value] += 1
        if strategy.favourite:
            counts[VIEW_FAVOURITES] += 1
    return dict(counts)


class CategoryList(QListWidget):
    """The views, each with its count once the vault is open (:meth:`fill`)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("libraryCategories")
        self.setAccessibleName(_("Categories"))
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMinimumWidth(140)
        self.setItemDelegate(RoomyDelegate(self))

    def fill(self, counts: dict[str, int] | None) -> None:
        """Show ``counts`` beside the labels (None: no counts, and no current view)."""
        blocked = self.blockSignals(True)
        current = self.current_view()
        if self.count() == 0:
            for view, label in views():
                item = QListWidgetItem(label)
                item.setData(VIEW_ROLE, view)
                self.addItem(item)
        for row, (view, label) in enumerate(views()):
            item = self.item(row)
            count = None if counts is None else counts.get(view, 0)
            item.setText(label if count is None else f"{label} ({count})")
            item.setData(
                Qt.ItemDataRole.AccessibleTextRole, label if count is None else f"{label}, {count}"
            )
        if current is None:
            self.setCurrentRow(-1)
        self.blockSignals(blocked)

    def current_view(self) -> str | None:
        item = self.currentItem()
        return None if item is None else str(item.data(VIEW_ROLE))

    def set_view(self, view: str) -> None:
        """Show All, Favourites, Hidden or a category (its ``StrategyCategory`` value)."""
        for row in range(self.count()):
            if self.item(row).data(VIEW_ROLE) == view:
                self.setCurrentRow(row)
                return
        raise ValueError(view)
