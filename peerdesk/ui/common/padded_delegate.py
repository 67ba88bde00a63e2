"""Room around each item of a list, from a delegate: a style sheet would do the same but keep
the list's font when the application font grows (150 % text)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSize
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem


class PaddedDelegate(QStyledItemDelegate):
    """Each item with ``x`` pixels left and right of its text and ``y`` above and below; the
    selection and hover fill the whole row. The height follows the font."""

    def __init__(self, parent: QObject, x: int, y: int) -> None:
        super().__init__(parent)
        self.x, self.y = x, y

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        return super().sizeHint(option, index) + QSize(2 * self.x, 2 * self.y)

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
        item.rect = item.rect.adjusted(self.x, self.y, -self.x, -self.y)
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, item, painter, widget)


__all__ = ["PaddedDelegate"]
