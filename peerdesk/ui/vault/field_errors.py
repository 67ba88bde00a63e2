"""Errors of the vault area's forms, shown under their field (issue 15).

:func:`show_error` is :func:`peerdesk.ui.common.accessibility.show_field_error` (the word
"Error:", the theme's error colour, tied to the field as its accessible description, scrolled
into view, announced), with one difference for errors found *while typing*: ``take_focus=False``
leaves the keyboard focus where the person is typing (a mismatch noticed while the first field
is being corrected must not pull the cursor into the second)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel, QWidget

from peerdesk.i18n import _
from peerdesk.ui.common.accessibility import (
    ERROR_WORD,
    announce,
    clear_field_error,
    plain,
    scroll_into_view,
    show_field_error,
)
from peerdesk.ui.common.theme import accent_style, is_dark


def error_line(name: str) -> QLabel:
    """An empty, hidden label that shows a field's error when there is one."""
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.hide()
    return label


def shown_text(label: QLabel) -> str:
    """The error ``label`` shows, without the icon and the word "Error:" ("" when none)."""
    if label.isHidden():
        return ""
    text = label.text().removeprefix("\u26a0").strip()
    return text.removeprefix(_(ERROR_WORD)).strip()


def show_error(field: QWidget, label: QLabel, text: str, *, take_focus: bool = True) -> None:
    """Show ``text`` as the error of ``field`` in ``label`` (announced only when it changes)."""
    if shown_text(label) == text and field.accessibleDescription():
        # Already said: a screen reader need not hear it again on every key.
        if take_focus:
            scroll_into_view(label)
            field.setFocus(Qt.FocusReason.OtherFocusReason)
        return
    if take_focus:
        show_field_error(field, label, text)
        return
    message = f"{_(ERROR_WORD)} {text}"
    label.setText(f"\u26a0 {message}")
    # The palette, not a style sheet (as show_field_error): it follows a larger font.
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, QColor(accent_style(is_dark(palette))["error"]))
    label.setPalette(palette)
    label.setAccessibleName(plain(message))
    label.setVisible(True)
    field.setAccessibleDescription(plain(message))
    field.setProperty("peerdeskError", True)
    scroll_into_view(label)
    announce(field, message)


def clear_error(field: QWidget, label: QLabel) -> None:
    clear_field_error(field, label)
    label.setPalette(QPalette())  # the window's colours again, for other words in it


__all__ = ["clear_error", "error_line", "show_error", "shown_text"]
