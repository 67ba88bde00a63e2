"""Inline messages: the tinted :class:`Notice` panel and :func:`note`, a small wrapped label.

A notice made ``dismissible`` stays until the person dismisses it (its Dismiss button, or
Escape while the focus is in it) and can be announced to assistive technology
(:meth:`Notice.announce_text`): a status note never vanishes on a timer."""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QPainter, QPalette, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from peerdesk.i18n import _
from peerdesk.ui.common.accessibility import announce, plain
from peerdesk.ui.common.theme import blend_colours, is_dark

_NOTICE_ACCENTS: Final = {
    # kind: (accent on a light window, accent on a dark window)
    "info": ("#3b6fb6", "#7fb0f0"),
    "warning": ("#b26a00", "#f0b35a"),
    "error": ("#c0392b", "#f08070"),
    "crisis": ("#b8336a", "#f08cb4"),
}


class Notice(QFrame):
    """An inline message: a softly tinted panel with an accent bar on the left.

    The text keeps the palette's normal text colour (the tint is faint), so it stays readable
    in light and dark themes; colours are worked out at paint time from the current palette.
    ``kind``: "info", "warning", "error", "crisis", or "plain" (a neutral outline, no accent).
    ``dismissible``: a Dismiss button (and Escape inside the notice) hides it and emits
    ``dismissed``.
    """

    dismissed = Signal()

    def __init__(
        self,
        text: str = "",
        kind: str = "info",
        parent: QWidget | None = None,
        *,
        rich: bool = False,
        dismissible: bool = False,
    ) -> None:
        super().__init__(parent)
        self._kind = kind
        self.label = QLabel(text)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
        # Buttons go in a bar that takes no room while it has none to show.
        self.button_bar = QWidget(self)
        self.buttons = QHBoxLayout(self.button_bar)
        self.buttons.setContentsMargins(0, 0, 0, 0)
        self.buttons.setSpacing(8)
        self.button_bar.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 10, 12, 10)
        layout.setSpacing(8)
        layout.addWidget(self.label)
        layout.addWidget(self.button_bar)
        self.dismiss_button: QPushButton | None = None
        if dismissible:
            self.make_dismissible()

    def make_dismissible(self, title: str = "") -> QPushButton:
        """Add the Dismiss button and let Escape, with the focus inside, dismiss it too."""
        if self.dismiss_button is None:
            button = QPushButton(title or _("Dismiss"))
            button.setObjectName("dismissNotice")
            button.setToolTip(_("Dismiss this note (Esc)"))
            button.clicked.connect(self.dismiss)
            if self.buttons.count() == 0:
                self.buttons.addStretch(1)
            self.add_button(button)
            self.dismiss_button = button
            escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
            escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            escape.activated.connect(self.dismiss)
        return self.dismiss_button

    def dismiss(self) -> None:
        self.hide()
        self.dismissed.emit()

    def announce_text(self) -> None:
        """Tell assistive technology what the notice says (when it appears or changes)."""
        words = plain(self.label.text())
        if words:
            announce(self, words)

    def add_button(self, button: QWidget) -> None:
        self.buttons.addWidget(button)
        self.button_bar.show()

    def update_button_bar(self) -> None:
        """Show the button bar only while at least one of its buttons is shown."""
        shown = False
        for i in range(self.buttons.count()):
            item = self.buttons.itemAt(i)
            widget = item.widget() if item is not None else None
            if widget is not None and not widget.isHidden():
                shown = True
        self.button_bar.setVisible(shown)

    def kind(self) -> str:
        return self._kind

    def set_kind(self, kind: str) -> None:
        self._kind = kind
        self.update()

    def set_text(self, text: str) -> None:
        self.label.setText(text)

    def text(self) -> str:
        return self.label.text()

    def paintEvent(self, event: object) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        window = palette.color(QPalette.ColorRole.Window)
        rect = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        if self._kind == "plain":
            text = palette.color(QPalette.ColorRole.WindowText)
            painter.setPen(blend_colours(window, text, 0.25))
            painter.setBrush(blend_colours(window, palette.color(QPalette.ColorRole.Base), 0.6))
            painter.drawRoundedRect(rect, 4, 4)
            painter.end()
            return
        light, dark = _NOTICE_ACCENTS.get(self._kind, _NOTICE_ACCENTS["info"])
        accent = QColor(dark if is_dark(palette) else light)
        painter.setPen(blend_colours(window, accent, 0.45))
        painter.setBrush(blend_colours(window, accent, 0.10))
        painter.drawRoundedRect(rect, 4, 4)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(accent)
        painter.drawRoundedRect(QRectF(rect.left(), rect.top(), 4, rect.height()), 2, 2)
        painter.end()


def note(text: str, name: str = "", *, expanding: bool = False) -> QLabel:
    """A wrapped label of explanation under a field or a section (``name``: its object name).

    ``expanding``: the label takes the width its row offers (keeping height-for-width, which
    word wrap turned on) and cannot be selected or focused, as in the Settings dialog's forms.
    """
    label = QLabel(text)
    label.setWordWrap(True)
    if expanding:
        policy = label.sizePolicy()  # keeps height-for-width, which word wrap turned on
        policy.setHorizontalPolicy(QSizePolicy.Policy.Expanding)
        label.setSizePolicy(policy)
        label.setProperty("role", "note")
        label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    if name:
        label.setObjectName(name)
    return label
