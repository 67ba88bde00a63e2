"""The editor's list of sections: one Tab stop (the arrow keys go from one section to the next),
each name with room around it, the list as wide as its longest name in the current font."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QListWidget

from peerdesk.i18n import _
from peerdesk.ui.common.padded_delegate import PaddedDelegate

#: Room around each section's name (px).
_PAD_X, _PAD_Y = 10, 7


class SectionList(QListWidget):
    """The seven sections, one Tab stop (the arrow keys go from one to the next), as wide as
    its longest name in the current font (a larger font widens it; nothing is cut)."""

    def __init__(self, sections: tuple[str, ...]) -> None:
        super().__init__()
        self.setObjectName("sectionList")
        self.setItemDelegate(PaddedDelegate(self, _PAD_X, _PAD_Y))
        self.addItems([_(section) for section in sections])
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._fit_width()

    def _fit_width(self) -> None:
        metrics = self.fontMetrics()
        longest = max(
            (metrics.horizontalAdvance(self.item(i).text()) for i in range(self.count())),
            default=0,
        )
        bar = self.verticalScrollBar().sizeHint().width()
        extra = 2 * _PAD_X + 2 * self.frameWidth() + bar + 12
        self.setFixedWidth(max(180, longest + extra))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_width()


__all__ = ["SectionList"]
