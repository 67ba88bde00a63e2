"""The wizard's small widgets: a plain wrapped text and a large radio choice."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QRadioButton, QStyle, QVBoxLayout, QWidget

from peerdesk.ui.common.theme import blend_colours


def plain_text(text: str, *, object_name: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    if object_name:
        label.setObjectName(object_name)
    return label


class Choice(QWidget):
    """A large radio button with a one-line description under it."""

    def __init__(
        self, title: str, description: str, object_name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.radio = QRadioButton(title)
        self.radio.setObjectName(object_name)
        self.radio.setAccessibleDescription(description)
        font = self.radio.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        self.radio.setFont(font)
        self.description = plain_text(description)
        indent = self.style().pixelMetric(QStyle.PixelMetric.PM_ExclusiveIndicatorWidth)
        indent += self.style().pixelMetric(QStyle.PixelMetric.PM_RadioButtonLabelSpacing)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(2)
        layout.addWidget(self.radio)
        row = QHBoxLayout()
        row.setContentsMargins(indent, 0, 0, 0)
        row.addWidget(self.description)
        layout.addLayout(row)
        self.radio.toggled.connect(self.update)

    def paintEvent(self, event: Any) -> None:
        # The chosen option sits on a soft highlight, so the choice is clear even where the
        # style draws radio buttons with little contrast (Fusion in dark palettes).
        palette = self.palette()
        window = palette.color(QPalette.ColorRole.Window)
        accent = palette.color(QPalette.ColorRole.Highlight)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        if self.radio.isChecked():
            painter.setPen(blend_colours(window, accent, 0.8))
            painter.setBrush(blend_colours(window, accent, 0.14))
        else:
            text = palette.color(QPalette.ColorRole.WindowText)
            painter.setPen(blend_colours(window, text, 0.18))
            painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(rect, 5, 5)
        painter.end()

    def mousePressEvent(self, event: Any) -> None:
        # A click on the description selects the choice too, as a larger target.
        if event.button() == Qt.MouseButton.LeftButton:
            self.radio.setChecked(True)
            self.radio.setFocus(Qt.FocusReason.MouseFocusReason)
        super().mousePressEvent(event)


__all__ = ["Choice", "plain_text"]
