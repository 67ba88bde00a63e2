"""A scroll area that scrolls up and down only: its content's width follows the view, and the
area asks its layout for the content's least width, so a splitter or a window gives the form
the room it needs instead of hiding its right edge behind a sideways scroll bar (issue 15:
forms fit at a 150 % font); and a window's first size kept within its screen."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget


class VerticalScroll(QScrollArea):
    """Vertical-only scrolling of ``widget``; as wide at least as ``widget`` must be."""

    def __init__(self, widget: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidget(widget)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()  # the content's least width may have changed (a new font)
        return super().eventFilter(watched, event)

    def _least_width(self) -> int:
        content = self.widget()
        if content is None:
            return 0
        least = max(content.minimumSizeHint().width(), content.minimumWidth())
        bar = self.verticalScrollBar().sizeHint().width()
        margins = self.contentsMargins()
        return least + bar + margins.left() + margins.right() + 2 * self.frameWidth()

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(max(hint.width(), self._least_width()), hint.height())

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(max(hint.width(), self._least_width()), hint.height())


def resize_within_screen(window: QWidget, width: int, height: int) -> None:
    """Give ``window`` its preferred size, but no larger than the screen it opens on (at
    ``QT_SCALE_FACTOR=1.5`` a 1366×768 screen is 910×512 logical pixels; a title bar and a
    panel take some of that too)."""
    parent = window.parentWidget()
    screen = (parent.screen() if parent is not None else None) or QGuiApplication.primaryScreen()
    size = QSize(width, height)
    if screen is not None:
        room = screen.availableGeometry().size()
        size = size.boundedTo(QSize(room.width() - 16, room.height() - 48))
    window.resize(size.expandedTo(window.minimumSizeHint()))


__all__ = ["VerticalScroll", "resize_within_screen"]
