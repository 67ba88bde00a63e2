"""Small building blocks shared by the editor's pages and rows: text fields, the muted colour,
change watching and the tag completer."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QSpinBox,
    QTimeEdit,
    QWidget,
)

from peerdesk.i18n import pgettext
from peerdesk.ui.common.accessibility import announce, plain
from peerdesk.ui.common.long_text import LongTextEdit
from peerdesk.ui.common.theme import accent_style, is_dark

#: Where a list item keeps the id of what it shows (a person, an entry, a file).
ID_ROLE = Qt.ItemDataRole.UserRole


def dark() -> bool:
    """True while the application shows its dark theme."""
    return QApplication.instance() is not None and is_dark(QApplication.palette())


def muted() -> str:
    """The colour of helper text."""
    return accent_style(dark())["muted"]


def wrapped(text: str) -> QLabel:
    """A plain-text label that wraps (what a person typed is never read as markup)."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


def heading(text: str) -> QLabel:
    """A field's caption: plain text in bold, at the application's font size."""
    label = wrapped(text)
    font = label.font()
    font.setBold(True)  # only the weight: the size still follows the application's font
    label.setFont(font)
    return label


class MutedLabel(QLabel):
    """Helper text in the theme's muted colour (4.5:1 or more). Set through the palette, not
    a style sheet, so that it follows a change of the application's font and of the theme."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self._tint()

    def _tint(self) -> None:
        colour = QColor(muted())
        palette = self.palette()
        if palette.color(QPalette.ColorRole.WindowText) != colour:
            palette.setColor(QPalette.ColorRole.WindowText, colour)
            self.setPalette(palette)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._tint()


def set_description(widget: QWidget, text: str) -> None:
    """What a screen reader says after the name, when the name is not enough."""
    if text:
        widget.setAccessibleDescription(plain(text))


def say(label: QLabel, text: str) -> None:
    """Show ``text`` in the status ``label`` and tell assistive technology about it."""
    label.setText(text)
    announce(label, text)


def text_edit(placeholder: str, height: int = 90, *, grow: bool = False) -> LongTextEdit:
    """A multi-line field ``height`` pixels high; ``grow`` lets it take spare room (up to
    twice that)."""
    edit = LongTextEdit()  # a pasted megabyte without spaces does not freeze the window
    edit.setPlaceholderText(placeholder)
    edit.setTabChangesFocus(True)
    if grow:
        edit.setMinimumHeight(height)
        edit.setMaximumHeight(height * 2)
    else:
        edit.setFixedHeight(height)
    return edit


def line(placeholder: str = "") -> QLineEdit:
    edit = QLineEdit()
    edit.setPlaceholderText(placeholder)
    return edit


def watch(root: QWidget, slot: Callable[[], None]) -> None:
    """Call ``slot`` whenever an input inside ``root`` changes."""

    def relay(*_args: object) -> None:
        slot()

    for widget in [root, *root.findChildren(QWidget)]:
        if isinstance(widget, QLineEdit):
            widget.textEdited.connect(relay)
        elif isinstance(widget, QPlainTextEdit):
            widget.textChanged.connect(relay)
        elif isinstance(widget, QComboBox):
            widget.activated.connect(relay)
        elif isinstance(widget, QCheckBox):
            widget.clicked.connect(relay)
        elif isinstance(widget, QDateEdit):
            widget.dateChanged.connect(relay)
        elif isinstance(widget, QTimeEdit):
            widget.timeChanged.connect(relay)
        elif isinstance(widget, QSpinBox):
            widget.valueChanged.connect(relay)
        elif isinstance(widget, QListWidget):
            widget.itemChanged.connect(relay)


class ReadOnlyLine(QLineEdit):
    """A line that is read, never typed in (when the entry was recorded, where it came from):
    one Tab stop so that a keyboard or screen-reader user can read it, drawn on the window's
    own colour (following the theme) so that it does not look like a field to fill in."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setFrame(False)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self._blend()

    def _blend(self) -> None:
        palette = self.palette()
        window = QApplication.palette().color(QPalette.ColorRole.Window)
        if palette.color(QPalette.ColorRole.Base) != window:
            palette.setColor(QPalette.ColorRole.Base, window)
            self.setPalette(palette)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._blend()


class TagCompleter(QCompleter):
    """Completes the last of comma-separated tags."""

    def __init__(self, tags: list[str], edit: QLineEdit) -> None:
        super().__init__(tags, edit)
        self._edit = edit
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def splitPath(self, path: str) -> list[str]:
        return [path.rsplit(",", 1)[-1].strip()]

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:
        text = self._edit.text()
        head = text.rsplit(",", 1)[0] + ", " if "," in text else ""
        return head + str(index.data())


def ordinal(n: int) -> str:
    """``3rd``: an ordinal number as the language writes it (German "3.", French "3e")."""
    # translators: ordinal numbers ("1st", "2nd", "3rd", "4th"); {number} is the number. The
    # English choice of form is by the last digit: write each form your language uses
    # (German: "{number}." for all four)
    last = None if 10 <= n % 100 <= 20 else n % 10
    if last == 1:
        form = pgettext("ordinal number", "{number}st")
    elif last == 2:
        form = pgettext("ordinal number", "{number}nd")
    elif last == 3:
        form = pgettext("ordinal number", "{number}rd")
    else:
        form = pgettext("ordinal number", "{number}th")
    return form.format(number=n)
