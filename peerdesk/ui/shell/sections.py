"""The main window's parts around its sections: the sidebar (:class:`SectionList`), the stack of
sections sized by the one shown (:class:`SectionStack`) and the status notes that stay until
dismissed (:class:`NoteArea`)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize
from PySide6.QtWidgets import (
    QFrame,
    QListWidget,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from peerdesk.i18n import _
from peerdesk.ui.common.accessibility import set_name
from peerdesk.ui.common.notices import Notice
from peerdesk.ui.common.padded_delegate import PaddedDelegate

__all__ = ["NoteArea", "SectionList", "SectionStack"]

#: The sidebar's padding around each title (px): the height follows the font.
_ITEM_PADDING = (6, 14)


class SectionList(QListWidget):
    """The sidebar: one Tab stop, the arrow keys move between sections. Its text follows the
    application font (150 % text makes it bigger) and its focus shows (no ``outline: 0``)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sidebar")
        set_name(self, _("Sections"))
        self.setFrameShape(QFrame.Shape.NoFrame)
        # Room around the titles from a delegate, not a style sheet: a widget with its own
        # style sheet keeps its font when the application font changes.
        self.setItemDelegate(PaddedDelegate(self, _ITEM_PADDING[1], _ITEM_PADDING[0]))
        self.setViewportMargins(0, 8, 0, 0)
        self.fit_width()

    def fit_width(self) -> None:
        """Wide enough for the longest title in the current font (and no more than twice)."""
        metrics = self.fontMetrics()
        longest = max(
            (metrics.horizontalAdvance(self.item(row).text()) for row in range(self.count())),
            default=metrics.horizontalAdvance(_("Coping library")),
        )
        least = max(longest + 2 * _ITEM_PADDING[1] + 24, metrics.averageCharWidth() * 14)
        self.setMinimumWidth(least)
        self.setMaximumWidth(round(least * 1.3))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.fit_width()


class SectionStack(QStackedWidget):
    """The sections, one shown at a time, sized by the one shown: a section the user is not
    looking at never makes the window wider or taller than the one in view needs."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.currentChanged.connect(lambda _index: self.updateGeometry())

    def _shown(self) -> QWidget | None:
        return self.currentWidget()

    def minimumSizeHint(self) -> QSize:
        shown = self._shown()
        if shown is None:
            return super().minimumSizeHint()
        return shown.minimumSizeHint().expandedTo(shown.minimumSize())

    def sizeHint(self) -> QSize:
        shown = self._shown()
        return super().sizeHint() if shown is None else shown.sizeHint()


class NoteArea(QWidget):
    """Status notes above the sections (a backup that could not be made): each stays until
    its Dismiss button or Escape, and is announced when it appears."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noteArea")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(16, 8, 16, 0)
        self._layout.setSpacing(6)
        self.hide()

    def notes(self) -> list[Notice]:
        return [n for n in self.findChildren(Notice) if not n.isHidden()]

    def add(self, text: str, kind: str = "warning") -> Notice:
        for shown in self.notes():
            if shown.text() == text:  # the same note twice: keep one
                shown.announce_text()
                return shown
        notice = Notice(text, kind, self, dismissible=True)
        notice.setObjectName("statusNote")
        notice.dismissed.connect(lambda n=notice: self._remove(n))
        self._layout.addWidget(notice)
        self.show()
        notice.announce_text()
        return notice

    def _remove(self, notice: Notice) -> None:
        self._layout.removeWidget(notice)
        notice.deleteLater()
        self.setVisible(bool(self.notes()))

    def clear(self) -> None:
        for notice in self.notes():
            notice.hide()
            self._remove(notice)
