"""Controls that reflow: :class:`ReflowGrid` lays out a list of widgets (check boxes, say) in
as many columns as its width holds, so two columns at normal text become one at 150 % text
instead of pushing the form wider than its window."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QLayout, QWidget


class ReflowGrid(QWidget):
    """``widgets`` row by row in up to ``most`` columns, as many as fit (at least one). The
    Tab order stays the order of ``widgets`` whatever the columns."""

    def __init__(
        self, widgets: Sequence[QWidget], most: int = 2, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._widgets = list(widgets)
        self._most = max(1, most)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        # The minimum is this widget's own (one column), not the grid's current one.
        self._grid.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self._columns = 0
        self._place(self._most)

    @property
    def columns(self) -> int:
        return self._columns

    def _widest(self) -> int:
        return max((w.sizeHint().width() for w in self._widgets), default=0)

    def _place(self, columns: int) -> None:
        if columns == self._columns:
            return
        self._columns = columns
        for widget in self._widgets:
            self._grid.removeWidget(widget)
        for index, widget in enumerate(self._widgets):
            self._grid.addWidget(widget, index // columns, index % columns)
        self.updateGeometry()

    def _rows_height(self, columns: int) -> int:
        rows = -(-len(self._widgets) // columns)
        row = max((w.sizeHint().height() for w in self._widgets), default=0)
        return rows * row + max(0, rows - 1) * max(0, self._grid.verticalSpacing())

    def minimumSizeHint(self) -> QSize:
        return QSize(self._widest(), self._rows_height(max(1, self._columns)))

    def sizeHint(self) -> QSize:
        spacing = max(0, self._grid.horizontalSpacing())
        width = self._most * self._widest() + (self._most - 1) * spacing
        return QSize(width, self._rows_height(max(1, self._columns)))

    def resizeEvent(self, event: QResizeEvent) -> None:
        spacing = max(0, self._grid.horizontalSpacing())
        fits = (event.size().width() + spacing) // max(1, self._widest() + spacing)
        self._place(min(self._most, max(1, fits)))
        super().resizeEvent(event)


__all__ = ["ReflowGrid"]
