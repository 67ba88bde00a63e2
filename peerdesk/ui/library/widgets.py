"""Small pieces the library's screen and dialogs share: the "did it help?" words, time texts,
plain and muted labels, inline error labels, and emptying what a closed window showed."""

from __future__ import annotations

import math

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from peerdesk.i18n import N_, _, ngettext
from peerdesk.ui.common.accessibility import (
    ERROR_WORD,
    announce,
    clear_field_error,
    show_field_error,
)
from peerdesk.ui.common.theme import accent_style, is_dark

__all__ = [
    "RATING_WORDS",
    "ErrorLabel",
    "FontFollower",
    "discard",
    "format_clock",
    "minutes_text",
    "muted",
    "plain_label",
    "rating_word",
    "scaled_font",
    "wipe",
]

#: The "Did it help?" scale, 0 .. 4, in words.
RATING_WORDS: tuple[str, ...] = (
    N_("Not at all"),
    N_("A little"),
    N_("Somewhat"),
    N_("Quite a lot"),
    N_("A lot"),
)


def rating_word(value: float) -> str:
    """The word for a rating or an average on the 0-4 scale."""
    index = min(max(math.floor(value + 0.5), 0), len(RATING_WORDS) - 1)
    return _(RATING_WORDS[index])


def minutes_text(minutes: int | None) -> str:
    """ "about 5 minutes", "about 1 minute", "" when not timed."""
    if not minutes:
        return ""
    if minutes >= 60 and minutes % 60 == 0:
        hours = minutes // 60
        return ngettext("about {count} hour", "about {count} hours", hours).format(count=hours)
    return ngettext("about {count} minute", "about {count} minutes", minutes).format(count=minutes)


def format_clock(seconds: float) -> str:
    """Whole seconds left as m:ss (rounded up, so 0:00 means the time is over)."""
    total = max(0, math.ceil(seconds - 1e-9))
    return f"{total // 60}:{total % 60:02d}"


def muted(label: QLabel) -> QLabel:
    """Draw ``label`` in the palette's secondary text colour (readable in both themes)."""
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return label


def plain_label(text: str = "", *, wrap: bool = True, name: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    if name:
        label.setObjectName(name)
    return label


def scaled_font(
    widget: QWidget, *, points: float | None = None, factor: float = 1.0, bold: bool = False
) -> QFont:
    font = QFont(widget.font())
    size = points if points is not None else font.pointSizeF() * factor
    font.setPointSizeF(size)
    font.setBold(bold)
    return font


def wipe(dialog: QDialog, title: str) -> None:
    """Empty every text field, label and list of ``dialog`` (it has closed: nothing it showed
    may stay reachable while it waits to be deleted, nor after the vault locks)."""
    dialog.setWindowTitle(title)
    for widget in dialog.findChildren(QWidget):
        blocked = widget.blockSignals(True)
        try:
            if isinstance(widget, QLabel | QLineEdit | QPlainTextEdit | QComboBox):
                widget.clear()
            if isinstance(widget, QLabel | QLineEdit | QPlainTextEdit | QComboBox | QPushButton):
                widget.setAccessibleName("")
        finally:
            widget.blockSignals(blocked)


class FontFollower(QObject):
    """Keeps the fonts set on some of ``top``'s widgets (a large step, a heading) in proportion
    to ``top``'s own font, so that they grow with the application font (150 % text) as the
    rest of the window does; a font set on a widget would otherwise stay at its size."""

    def __init__(self, top: QWidget) -> None:
        super().__init__(top)
        self._top = top
        self._base = top.font().pointSizeF()
        self._kept: list[tuple[QWidget, float]] = []
        top.installEventFilter(self)

    def keep(self, *widgets: QWidget) -> None:
        for widget in widgets:
            self._kept.append((widget, widget.font().pointSizeF()))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._top and event.type() == QEvent.Type.FontChange:
            base = self._top.font().pointSizeF()
            if base > 0 and self._base > 0:
                for widget, size in self._kept:
                    if shiboken6.isValid(widget) and size > 0:
                        font = QFont(widget.font())
                        font.setPointSizeF(size * base / self._base)
                        widget.setFont(font)
        return False


class ErrorLabel(QLabel):
    """An inline validation message under a field (hidden while there is none): the word
    "Error:" and an icon in the theme's error colour, tied to ``field`` as its description,
    scrolled to, focused and announced (:func:`~peerdesk.ui.common.accessibility.show_field_error`);
    without a field (an error of the whole form) it is shown and announced."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.hide()
        self._field: QWidget | None = None

    def show_error(self, text: str, field: QWidget | None = None) -> None:
        self._field = field
        if field is not None:
            show_field_error(field, self, text)
            return
        word = _(ERROR_WORD)
        message = text if text.startswith(word) else f"{word} {text}"
        # The palette, not a style sheet (which would keep the label at its font size).
        palette = self.palette()
        colour = QColor(accent_style(is_dark(palette))["error"])
        palette.setColor(QPalette.ColorRole.WindowText, colour)
        self.setPalette(palette)
        self.setText(f"\u26a0 {message}")
        self.setAccessibleName(message)
        self.show()
        announce(self, message)

    def clear_error(self) -> None:
        if self._field is not None:
            clear_field_error(self._field, self)
            self._field = None
        self.clear()
        self.setAccessibleName("")
        self.hide()


def discard(widget: QWidget | None) -> None:
    """Hide ``widget`` and empty its labels and buttons now (deletion comes later)."""
    if widget is None:
        return
    widget.hide()
    for label in widget.findChildren(QLabel):
        label.clear()
    for button in widget.findChildren(QPushButton):
        button.setText("")
        button.setAccessibleName("")
    widget.deleteLater()
