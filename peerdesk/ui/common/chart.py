"""The one chart widget: labelled bars painted with the palette's colours (light and dark
alike), horizontal (one row per label, for long labels) or vertical (for months). No chart
library; the accessible description lists every label with its value."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget


class BarChart(QWidget):
    """A labelled bar chart painted with the palette's colours (light and dark alike).

    ``horizontal`` charts (one row per label) suit long labels; vertical ones suit months.
    The accessible description lists every label with its value.
    """

    def __init__(
        self,
        title: str = "",
        *,
        name: str = "",
        horizontal: bool = True,
        label_share: float | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        if name:
            self.setObjectName(name)
        self.title = title
        self.horizontal = horizontal
        #: Part of the width given to the labels of a horizontal chart; None: as wide as the
        #: longest label needs (up to 45 %). A fixed share lines up the bars of stacked charts.
        self.label_share = label_share
        self.labels: list[str] = []
        self.values: list[int] = []
        self.colours: list[QColor | None] = []
        if title:
            self.setAccessibleName(title)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._update_size()

    def set_data(
        self,
        labels: Sequence[str],
        values: Sequence[int],
        colours: Sequence[QColor | None] | None = None,
    ) -> None:
        self.labels = list(labels)
        self.values = list(values)
        self.colours = list(colours) if colours is not None else [None] * len(self.labels)
        description = "; ".join(
            f"{label}: {value}" for label, value in zip(labels, values, strict=True)
        )
        self.setAccessibleDescription(description or "No data")
        # The exact figures on hover too (a bar's length alone is hard to read).
        self.setToolTip(
            "\n".join(f"{label}: {value}" for label, value in zip(labels, values, strict=True))
        )
        self._update_size()
        self.update()

    def set_rows(self, rows: Sequence[tuple[str, int]]) -> None:
        """The same as :meth:`set_data`, given (label, value) pairs."""
        self.set_data([str(label) for label, _ in rows], [int(value) for _, value in rows])

    def rows(self) -> list[tuple[str, int]]:
        return list(zip(self.labels, self.values, strict=True))

    def clear(self) -> None:
        self.set_data([], [])

    def _title_height(self) -> int:
        return self.fontMetrics().height() + 10 if self.title else 0

    def _row_height(self) -> int:
        return self.fontMetrics().height() + 8

    def _update_size(self) -> None:
        fm = self.fontMetrics()
        if self.horizontal:
            height = (
                self._title_height()
                + fm.height()
                + 2
                + max(1, len(self.labels)) * self._row_height()
            )
        else:
            height = self._title_height() + fm.height() * 3 + 160
        self.setFixedHeight(height)

    def sizeHint(self) -> QSize:
        return QSize(360, self.height())

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        fm = QFontMetrics(self.font())
        text = pal.color(QPalette.ColorRole.WindowText)
        bar = pal.color(QPalette.ColorRole.Highlight)
        grid = QColor(text)
        grid.setAlpha(50)
        if self.title:
            title_font = self.font()
            title_font.setBold(True)
            painter.setFont(title_font)
            painter.setPen(text)
            painter.drawText(
                QRectF(0, 0, self.width(), fm.height() + 4),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                self.title,
            )
            painter.setFont(self.font())
        top = self._title_height()
        if not self.values:
            painter.setPen(pal.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(
                QRectF(0, top, self.width(), fm.height() + 4),
                Qt.AlignmentFlag.AlignLeft,
                "Nothing to show for this period.",
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
        if self.label_share is not None:
            label_width = int(self.width() * self.label_share)
        else:
            label_width = min(
                max(fm.horizontalAdvance(s) for s in self.labels) + 12, int(self.width() * 0.45)
            )
        number_width = fm.horizontalAdvance(str(peak)) + 10
        span = max(10, self.width() - label_width - number_width - 4)
        row_h = self._row_height()
        painter.setPen(QPen(grid, 1))
        painter.drawLine(label_width, top, label_width, top + row_h * len(self.labels))
        for i, (label, value) in enumerate(zip(self.labels, self.values, strict=True)):
            y = top + i * row_h
            painter.setPen(text)
            elided = fm.elidedText(label, Qt.TextElideMode.ElideRight, label_width - 10)
            painter.drawText(
                QRectF(0, y, label_width - 8, row_h),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                elided,
            )
            length = span * value / peak
            colour = self.colours[i] if i < len(self.colours) and self.colours[i] else bar
            painter.fillRect(QRectF(label_width, y + 3, length, row_h - 6), colour)
            painter.drawText(
                QRectF(label_width + length + 4, y, number_width, row_h),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
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
        n = len(self.values)
        bottom = self.height() - fm.height() * 2 - 16
        height = bottom - top - fm.height() - 4
        width = self.width()
        slot = width / n
        painter.setPen(QPen(grid, 1))
        painter.drawLine(0, bottom, width, bottom)
        every = max(1, int((fm.horizontalAdvance("May 26") + 8) // max(slot, 1)) + 1)
        for i, (label, value) in enumerate(zip(self.labels, self.values, strict=True)):
            x = i * slot
            h = height * value / peak
            colour = self.colours[i] if i < len(self.colours) and self.colours[i] else bar
            painter.fillRect(QRectF(x + slot * 0.15, bottom - h, slot * 0.7, h), colour)
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


__all__ = ["BarChart"]
