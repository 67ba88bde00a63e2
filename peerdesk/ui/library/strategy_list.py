"""The library's middle column: the strategies of the current view, or a line saying why there
are none."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QListView, QStackedWidget, QWidget

from peerdesk.i18n import _
from peerdesk.models.strategy import Strategy
from peerdesk.ui.common.item_models import ObjectRole
from peerdesk.ui.library.delegate import StrategyDelegate
from peerdesk.ui.library.model import StrategyFilter
from peerdesk.ui.library.widgets import muted, plain_label

__all__ = ["StrategyList"]


class StrategyList(QStackedWidget):
    """``list_view`` over ``proxy``, or ``empty_label`` when the view lists nothing."""

    def __init__(self, proxy: StrategyFilter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list_view = QListView()
        self.list_view.setObjectName("strategyList")
        self.list_view.setAccessibleName(_("Strategies"))
        self.list_view.setModel(proxy)
        self.list_view.setItemDelegate(StrategyDelegate(self.list_view))
        self.list_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list_view.setUniformItemSizes(True)
        self.list_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list_view.setMinimumWidth(170)
        self.empty_label = muted(plain_label(name="libraryEmpty"))
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setMargin(16)
        self.addWidget(self.list_view)
        self.addWidget(self.empty_label)

    def show_empty(self, text: str) -> None:
        self.setCurrentWidget(self.empty_label)
        self.empty_label.setText(text)

    def keep_current(self) -> Strategy | None:
        """Show the list and keep its current strategy (returned), or make the first one
        current (None is returned: the selection model reports the new current row)."""
        self.setCurrentWidget(self.list_view)
        current = self.list_view.currentIndex()
        if not current.isValid():
            self.select(self.list_view.model().index(0, 0))
            return None
        self.list_view.selectionModel().select(
            current, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        strategy: Strategy | None = current.data(ObjectRole)
        return strategy

    def select(self, index: QModelIndex) -> None:
        """Make the row at ``index`` (of the proxy) current and scroll to it."""
        self.list_view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self.list_view.scrollTo(index)

    def current_strategy(self) -> Strategy | None:
        index = self.list_view.currentIndex()
        if not index.isValid() or self.currentWidget() is not self.list_view:
            return None
        strategy: Strategy | None = index.data(ObjectRole)
        return strategy
