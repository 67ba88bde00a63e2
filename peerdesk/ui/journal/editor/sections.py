"""The editor's list of sections: one Tab stop (the arrow keys go from one section to the next),
each name with room around it, the list as wide as its longest name in the current font."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QApplication,
    QListWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)


class _Padded(QStyledItemDelegate):
    """Room around each section's name, the selection filling it all (a style sheet would do
    the same but keep the list's font when the application's font grows)."""

    X, Y = 10, 7

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        return super().sizeHint(option, index) + QSize(2 * self.X, 2 * self.Y)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        widget = item.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, item, painter, widget)
        item.rect = item.rect.adjusted(self.X, self.Y, -self.X, -self.Y)
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, item, painter, widget)


class SectionList(QListWidget):
    """The seven sections, one Tab stop (the arrow keys go from one to the next), as wide as
    its longest name in the current font (a larger font widens it; nothing is cut)."""

    def __init__(self, sections: tuple[str, ...]) -> None:
        super().__init__()
        self.setObjectName("sectionList")
        self.setItemDelegate(_Padded(self))
        self.addItems(list(sections))
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._fit_width()

    def _fit_width(self) -> None:
        metrics = self.fontMetrics()
        longest = max(
            (metrics.horizontalAdvance(self.item(i).text()) for i in range(self.count())),
            default=0,
        )
        bar = self.verticalScrollBar().sizeHint().width()
        extra = 2 * _Padded.X + 2 * self.frameWidth() + bar + 12
        self.setFixedWidth(max(180, longest + extra))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_width()


__all__ = ["SectionList"]
