"""Pages that fit any screen: a form in a vertical-only scroll area whose content follows the
viewport's width (issue 15: at ``QT_SCALE_FACTOR=1.5`` on 1366×768 the first-run wizard's
Back/Next/Cancel and Settings' OK/Cancel stay on screen; the page scrolls instead).

The content is painted in the window colour, so fields and check boxes sit on the colour their
edges are drawn for (a dark tab pane is lighter and left them below 3:1)."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget

#: How much of the screen's height a dialog asks for at first (the rest shows what is behind).
SCREEN_SHARE = 0.9


class PageScroll(QScrollArea):
    """A vertical-only scroll area for one page of a form. Its size hint is the whole page's,
    so a window opens showing everything when the screen has room for it."""

    def __init__(self, content: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pageScroll")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        for widget in (self.viewport(), content):
            widget.setBackgroundRole(QPalette.ColorRole.Window)
            widget.setAutoFillBackground(True)
        self.setWidget(content)

    def sizeHint(self) -> QSize:
        content = self.widget()
        if content is None:
            return super().sizeHint()
        hint = content.sizeHint()
        bar = self.verticalScrollBar().sizeHint().width()
        margins = self.contentsMargins()
        return QSize(
            hint.width() + bar + margins.left() + margins.right(),
            hint.height() + margins.top() + margins.bottom(),
        )

    def minimumSizeHint(self) -> QSize:
        content = self.widget()
        width = content.minimumSizeHint().width() if content is not None else 0
        bar = self.verticalScrollBar().sizeHint().width()
        return QSize(width + bar, 80)


def scrolling_layout(page: QWidget) -> QVBoxLayout:
    """Give ``page`` a :class:`PageScroll` and return the layout its content goes in."""
    content = QWidget()
    content.setObjectName("pageContent")
    inner = QVBoxLayout(content)
    outer = QVBoxLayout(page)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.addWidget(PageScroll(content, page))
    return inner


def bounded_to_screen(window: QWidget, wanted: QSize) -> QSize:
    """``wanted``, made no larger than the screen ``window`` is on (minus a share for the
    title bar and panels)."""
    screen = window.screen()
    if screen is None:
        return wanted
    room = screen.availableGeometry().size()
    return wanted.boundedTo(QSize(room.width(), int(room.height() * SCREEN_SHARE)))


__all__ = ["PageScroll", "bounded_to_screen", "scrolling_layout"]
