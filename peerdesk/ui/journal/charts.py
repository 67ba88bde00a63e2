"""The Patterns screen's bar charts, mirrored under a right-to-left layout.

:class:`peerdesk.ui.common.chart.BarChart` paints from the left: its months run left to right
and its rows put the labels on the left. Qt mirrors layouts, not what a widget paints, so under a
right-to-left layout (Arabic) this chart paints the mirror image: the months run right to left
(the first month at the right), the labels of a row chart stand at the right with their bars
growing to the left, and the title starts at the right. Text itself is never flipped. The
arrow keys of :class:`BarChart` already follow the mirrored order of a month chart.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent, QPalette, QPen

from peerdesk.i18n import _
from peerdesk.models.dates import short_month_year
from peerdesk.ui.common.chart import BarChart

_LEFT = Qt.AlignmentFlag.AlignLeft
_RIGHT = Qt.AlignmentFlag.AlignRight
_VCENTER = Qt.AlignmentFlag.AlignVCenter


class PatternChart(BarChart):
    """A :class:`BarChart` in the language in force that mirrors itself right to left."""

    def mirrored(self) -> bool:
        return self.layoutDirection() == Qt.LayoutDirection.RightToLeft

    def set_data(
        self,
        labels: Sequence[str],
        values: Sequence[int],
        colours: Sequence[QColor | None] | None = None,
    ) -> None:
        super().set_data(labels, values, colours)
        if not self.labels:
            self.setAccessibleDescription(_("No data"))

    def column_rect(self, index: int) -> QRectF:
        """Where the bar of ``labels[index]`` of a month (vertical) chart is painted, with its
        full height (for a test, or to find a month under the pointer)."""
        count = max(1, len(self.values))
        slot = self.width() / count
        x = self.width() - (index + 1) * slot if self.mirrored() else index * slot
        return QRectF(x + slot * 0.15, self._title_height(), slot * 0.7, self.height())

    def _start(self) -> Qt.AlignmentFlag:
        return _RIGHT if self.mirrored() else _LEFT

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        fm = QFontMetrics(self.font())
        text = pal.color(QPalette.ColorRole.WindowText)
        bar = self.bar_colour()
        grid = QColor(text)
        grid.setAlpha(50)
        if self.title:
            title_font = self.font()
            title_font.setBold(True)
            painter.setFont(title_font)
            painter.setPen(text)
            painter.drawText(
                QRectF(0, 0, self.width(), fm.height() + 4), self._start() | _VCENTER, self.title
            )
            painter.setFont(self.font())
        top = self._title_height()
        if not self.values:
            painter.setPen(pal.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(
                QRectF(0, top, self.width(), fm.height() + 4),
                self._start(),
                _("Nothing to show for this period."),
            )
            return
        peak = max(max(self.values), 1)
        if self.horizontal:
            self._paint_rows(painter, fm, top, peak, text, bar, grid)
        else:
            self._paint_columns(painter, fm, top, peak, text, bar, grid)

    def _paint_rows(
        self,
        painter: QPainter,
        fm: QFontMetrics,
        top: int,
        peak: int,
        text: QColor,
        bar: QColor,
        grid: QColor,
    ) -> None:
        if not self.mirrored():
            super()._paint_rows(painter, fm, top, peak, text, bar, grid)
            return
        width = self.width()
        if self.label_share is not None:
            label_width = int(width * self.label_share)
        else:
            label_width = min(
                max(fm.horizontalAdvance(s) for s in self.labels) + 12, int(width * 0.45)
            )
        number_width = fm.horizontalAdvance(str(peak)) + 10
        span = max(10, width - label_width - number_width - 4)
        row_h = self._row_height()
        axis = width - label_width
        painter.setPen(QPen(grid, 1))
        painter.drawLine(axis, top, axis, top + row_h * len(self.labels))
        for i, (label, value) in enumerate(zip(self.labels, self.values, strict=True)):
            y = top + i * row_h
            painter.setPen(text)
            elided = fm.elidedText(label, Qt.TextElideMode.ElideRight, label_width - 10)
            painter.drawText(QRectF(axis + 8, y, label_width - 8, row_h), _LEFT | _VCENTER, elided)
            length = span * value / peak
            colour = self.colours[i] if i < len(self.colours) and self.colours[i] else bar
            painter.fillRect(QRectF(axis - length, y + 3, length, row_h - 6), colour)
            if i == self.current and self.hasFocus():
                self._outline(painter, QRectF(1, y + 1, width - 2, row_h - 2))
            painter.drawText(
                QRectF(axis - length - 4 - number_width, y, number_width, row_h),
                _RIGHT | _VCENTER,
                str(value),
            )

    def _paint_columns(
        self,
        painter: QPainter,
        fm: QFontMetrics,
        top: int,
        peak: int,
        text: QColor,
        bar: QColor,
        grid: QColor,
    ) -> None:
        if not self.mirrored():
            super()._paint_columns(painter, fm, top, peak, text, bar, grid)
            return
        n = len(self.values)
        bottom = self.height() - fm.height() * 2 - 16
        height = bottom - top - fm.height() - 4
        width = self.width()
        slot = width / n
        painter.setPen(QPen(grid, 1))
        painter.drawLine(0, bottom, width, bottom)
        sample = short_month_year(self._sample_month())
        every = max(1, int((fm.horizontalAdvance(sample) + 8) // max(slot, 1)) + 1)
        for i, (label, value) in enumerate(zip(self.labels, self.values, strict=True)):
            x = self.column_rect(i).x() - slot * 0.15
            h = height * value / peak
            colour = self.colours[i] if i < len(self.colours) and self.colours[i] else bar
            painter.fillRect(QRectF(x + slot * 0.15, bottom - h, slot * 0.7, h), colour)
            if i == self.current and self.hasFocus():
                self._outline(painter, QRectF(x + 1, top, slot - 2, bottom - top))
            painter.setPen(text)
            if value and slot >= fm.horizontalAdvance(str(value)) + 2:
                painter.drawText(
                    QRectF(x, bottom - h - fm.height() - 2, slot, fm.height()),
                    Qt.AlignmentFlag.AlignHCenter,
                    str(value),
                )
            if i % every == 0:
                painter.drawText(
                    QRectF(
                        x - slot * every / 2 + slot / 2, bottom + 4, slot * every, fm.height() * 2
                    ),
                    Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                    label,
                )

    @staticmethod
    def _sample_month() -> date:
        """A month whose label is about as wide as any (the width of a label decides how
        many labels fit)."""
        return date(2026, 5, 1)


__all__ = ["PatternChart"]
