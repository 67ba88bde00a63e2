"""The one chart widget: labelled bars painted with the palette's colours (light and dark
alike), horizontal (one row per label, for long labels) or vertical (for months). No chart
library; the accessible description lists every label with its value.

A chart is one Tab stop: the arrow keys (and Home/End) move from bar to bar, each announced as
"label: value" and outlined in the focus colour, so its figures are reachable without a mouse."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFontMetrics,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from peerdesk.i18n import _
from peerdesk.ui.common.accessibility import announce
from peerdesk.ui.common.theme import accent_style, contrast_ratio, is_dark


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
        #: The bar the arrow keys have reached (-1: none yet).
        self.current = -1
        self.setAccessibleName(title or _("Chart"))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
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
        self.setAccessibleDescription(description or _("No data"))
        self.current = min(self.current, len(self.labels) - 1)
        # The exact figures on hover too (a bar's length alone is hard to read).
        self.setToolTip(
            "\n".join(f"{label}: {value}" for label, value in zip(labels, values, strict=True))
        )
        self._update_size()
        self.update()

    def set_rows(self, rows: Sequence[tuple[str, int]]) -> None:
        """The same as :meth:`set_data`, given (label, value) pairs."""
        self.set_data([str(label) for label, _ in rows], [int(value) for _, value in rows])

    def current_text(self) -> str:
        """ "label: value" of the bar the arrow keys have reached ("" before any)."""
        if not 0 <= self.current < len(self.labels):
            return ""
        return f"{self.labels[self.current]}: {self.values[self.current]}"

    def keyPressEvent(self, event: QKeyEvent) -> None:
        count = len(self.labels)
        moves = {
            Qt.Key.Key_Down: 1,
            Qt.Key.Key_Right: 1,
            Qt.Key.Key_Up: -1,
            Qt.Key.Key_Left: -1,
        }
        key = Qt.Key(event.key())
        if count and key in moves:
            step = moves[key]
            if not self.horizontal and self.layoutDirection() == Qt.LayoutDirection.RightToLeft:
                step = -step if key in (Qt.Key.Key_Left, Qt.Key.Key_Right) else step
            start = self.current if self.current >= 0 else (-1 if step > 0 else count)
            self._move_to(max(0, min(count - 1, start + step)))
        elif count and key == Qt.Key.Key_Home:
            self._move_to(0)
        elif count and key == Qt.Key.Key_End:
            self._move_to(count - 1)
        else:
            super().keyPressEvent(event)

    def _move_to(self, index: int) -> None:
        self.current = index
        self.update()
        announce(self, self.current_text())

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.update()
        if self.current_text():
            announce(self, self.current_text())

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()

    def bar_colour(self) -> QColor:
        """The bars' colour: the palette's link colour, which passes 3:1 against the window in
        both themes (the highlight colour does not on the dark window)."""
        pal = self.palette()
        window = pal.color(QPalette.ColorRole.Window)
        for colour in (pal.color(QPalette.ColorRole.Highlight), pal.color(QPalette.ColorRole.Link)):
            if contrast_ratio(colour, window) >= 3.0:
                return colour
        return QColor(accent_style(is_dark(pal))["focus"])

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

    def mirrored(self) -> bool:
        """Whether the chart paints its mirror image (a right-to-left layout, e.g. Arabic).

        Qt mirrors layouts, not what a widget paints: under a right-to-left layout the months
        run right to left (the first at the right), a row chart's labels stand at the right
        with their bars growing to the left, and the title starts at the right. Text itself is
        never flipped; the arrow keys already follow the mirrored order."""
        return self.layoutDirection() == Qt.LayoutDirection.RightToLeft

    def _start(self) -> Qt.AlignmentFlag:
        return Qt.AlignmentFlag.AlignRight if self.mirrored() else Qt.AlignmentFlag.AlignLeft

    def column_rect(self, index: int) -> QRectF:
        """Where the bar of ``labels[index]`` of a column (vertical) chart is painted, with its
        full height (for a test, or to find a month under the pointer)."""
        slot = self.width() / max(1, len(self.values))
        return QRectF(
            self._slot_x(index, slot) + slot * 0.15, self._title_height(), slot * 0.7, self.height()
        )

    def _slot_x(self, index: int, slot: float) -> float:
        return self.width() - (index + 1) * slot if self.mirrored() else index * slot

    def _sample_label(self) -> str:
        """A column label about as wide as any (its width decides how many labels fit)."""
        # translators: a short month and year, only measured (how wide a month's label is)
        return _("May 26")

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
                QRectF(0, 0, self.width(), fm.height() + 4),
                self._start() | Qt.AlignmentFlag.AlignVCenter,
                self.title,
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
        mirrored = self.mirrored()
        axis = width - label_width if mirrored else label_width
        left, right = Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignRight
        middle = Qt.AlignmentFlag.AlignVCenter
        painter.setPen(QPen(grid, 1))
        painter.drawLine(axis, top, axis, top + row_h * len(self.labels))
        for i, (label, value) in enumerate(zip(self.labels, self.values, strict=True)):
            y = top + i * row_h
            painter.setPen(text)
            elided = fm.elidedText(label, Qt.TextElideMode.ElideRight, label_width - 10)
            length = span * value / peak
            colour = self.colours[i] if i < len(self.colours) and self.colours[i] else bar
            if mirrored:  # labels at the right, bars growing to the left
                label_rect = QRectF(axis + 8, y, label_width - 8, row_h)
                bar_rect = QRectF(axis - length, y + 3, length, row_h - 6)
                number_rect = QRectF(axis - length - 4 - number_width, y, number_width, row_h)
            else:
                label_rect = QRectF(0, y, label_width - 8, row_h)
                bar_rect = QRectF(axis, y + 3, length, row_h - 6)
                number_rect = QRectF(axis + length + 4, y, number_width, row_h)
            painter.drawText(label_rect, (left if mirrored else right) | middle, elided)
            painter.fillRect(bar_rect, colour)
            if i == self.current and self.hasFocus():
                self._outline(painter, QRectF(1, y + 1, width - 2, row_h - 2))
            painter.drawText(number_rect, (right if mirrored else left) | middle, str(value))

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
        every = max(1, int((fm.horizontalAdvance(self._sample_label()) + 8) // max(slot, 1)) + 1)
        for i, (label, value) in enumerate(zip(self.labels, self.values, strict=True)):
            x = self._slot_x(i, slot)
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

    def _outline(self, painter: QPainter, rect: QRectF) -> None:
        painter.save()
        pen = QPen(QColor(accent_style(is_dark(self.palette()))["focus"]))
        pen.setWidth(2)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(rect)
        painter.restore()


__all__ = ["BarChart"]
