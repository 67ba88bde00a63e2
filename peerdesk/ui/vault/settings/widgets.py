"""Small pieces shared by the Settings dialog, its pages and its small dialogs."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QSize, Qt, QTimer
from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit, QWidget

from peerdesk.ui.common.accessibility import label_for
from peerdesk.ui.vault.page_scroll import bounded_to_screen


class Invalid(Exception):
    """A value shown on a page cannot be saved: ``tab`` and ``widget`` say where to fix it."""

    def __init__(self, message: str, tab: str, widget: QWidget) -> None:
        super().__init__(message)
        self.message = message
        self.tab = tab
        self.widget = widget


def user_message(exc: BaseException, fallback: str) -> str:
    message = getattr(exc, "user_message", "")
    return message if isinstance(message, str) and message else fallback


def secret_field(placeholder: str = "") -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setInputMethodHints(
        Qt.InputMethodHint.ImhSensitiveData
        | Qt.InputMethodHint.ImhNoPredictiveText
        | Qt.InputMethodHint.ImhNoAutoUppercase
    )
    field.setPlaceholderText(placeholder)
    return field


def labelled(text: str, field: QWidget) -> QLabel:
    """A form label with a mnemonic (``&``) whose buddy is ``field``; the field is named by
    the label's words (for a screen reader)."""
    label = QLabel(text)
    label_for(label, field)
    return label


class GrowingDialog(QDialog):
    """A dialog that grows to fit text that changes after it is shown (wrapped labels).

    Qt does not grow a window for height-for-width content by itself: it squashes the other
    fields instead. So after every re-layout the dialog checks the height its width needs.
    """

    _grow_pending = False

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() == QEvent.Type.LayoutRequest and not self._grow_pending:
            # Nested layouts settle after this one: measure once they have.
            self._grow_pending = True
            QTimer.singleShot(0, self._grow_to_fit)
        return handled

    def _grow_to_fit(self) -> None:
        self._grow_pending = False
        if not shiboken6.isValid(self) or not self.isVisible():
            return
        needed = max(self.heightForWidth(self.width()), self.minimumSizeHint().height())
        # Never taller than the screen: what does not fit scrolls inside the dialog instead.
        needed = bounded_to_screen(self, QSize(self.width(), needed)).height()
        if self.height() < needed:
            self.resize(self.width(), needed)


def form(parent: QWidget) -> QFormLayout:
    """A form whose short fields (numbers, choices) keep their natural width."""
    layout = QFormLayout(parent)
    layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
    return layout


def align_labels(*forms: QFormLayout) -> None:
    """Give the label columns of several forms (in separate groups) one width."""
    labels: list[QWidget] = []
    for each in forms:
        for row in range(each.rowCount()):
            item = each.itemAt(row, QFormLayout.ItemRole.LabelRole)
            label = item.widget() if item is not None else None
            if label is not None:
                labels.append(label)
    width = max((label.sizeHint().width() for label in labels), default=0)
    for label in labels:
        label.setMinimumWidth(width)


__all__ = [
    "GrowingDialog",
    "Invalid",
    "align_labels",
    "form",
    "labelled",
    "secret_field",
    "user_message",
]
