"""How serious an entry felt (1 to 5): the words and the colours that stand for it.

The colours keep the old hue order (blue, green, amber, orange, red) and each one is at least
3:1 against the window and the field colours of both themes (issue 15: the old amber and orange
were 2.1–3.0:1 on the light window), so a swatch or a timeline dot is seen by everyone; the
words always go with a colour, never the colour alone."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from peerdesk.i18n import N_

SEVERITY_WORDS = {
    1: N_("1 — Minor, but worth noting"),
    2: N_("2 — Upsetting"),
    3: N_("3 — Serious"),
    4: N_("4 — Very serious"),
    5: N_("5 — Severe: it affected my safety or health"),
}

#: Severity 1 to 5, each 3:1 or more on #f4f5f7, #ffffff, #1f2326 and #2c3237.
SEVERITY_COLOURS = ("#3b7dd8", "#2e8b57", "#a87a00", "#d0601a", "#e03c3c")


def severity_colour(severity: int) -> QColor:
    return QColor(SEVERITY_COLOURS[max(1, min(5, severity)) - 1])


def severity_swatch(severity: int, size: int = 12) -> QIcon:
    """A round swatch of the severity's colour, for a list or a combo box."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(severity_colour(severity))
    painter.drawEllipse(0, 0, size, size)
    painter.end()
    return QIcon(pixmap)


__all__ = ["SEVERITY_COLOURS", "SEVERITY_WORDS", "severity_colour", "severity_swatch"]
