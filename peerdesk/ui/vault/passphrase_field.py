"""The passphrase field: a sensitive line edit with a show/hide toggle.

SECURITY.md 18: every passphrase field uses password echo, ``ImhSensitiveData`` and no
predictive text, offers no context menu, refuses copy and cut even while shown, and
:meth:`PassphraseField.clear` overwrites the text (and drops the undo history) before
emptying it. Signals carry no text, so a passphrase cannot leak into a connected slot's log.

A module of its own so that the unlock window, which shows only this field, loads neither
the strength estimate nor the "new passphrase" form (:mod:`.passphrase`, issue 18, item 4).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QSizePolicy, QToolButton, QWidget

from peerdesk.i18n import _

__all__ = ["PassphraseField"]

# --------------------------------------------------------------------------- widgets


class _SecretLineEdit(QLineEdit):
    """A line edit that never hands its text to the clipboard, even while shown."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Copy) or event.matches(
            QKeySequence.StandardKey.Cut
        ):
            event.accept()
            return
        super().keyPressEvent(event)


class PassphraseField(QWidget):
    """A passphrase entry with a show/hide toggle.

    Signals carry no text: ``changed`` (the text changed) and ``returnPressed``.
    """

    changed = Signal()
    returnPressed = Signal()

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        accessible_name: str = "",
        placeholder: str = "",
    ) -> None:
        super().__init__(parent)
        self.edit = _SecretLineEdit(self)
        self.edit.setObjectName("passphraseEdit")
        self.edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.edit.setInputMethodHints(
            Qt.InputMethodHint.ImhSensitiveData
            | Qt.InputMethodHint.ImhNoPredictiveText
            | Qt.InputMethodHint.ImhNoAutoUppercase
        )
        self.edit.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.edit.setDragEnabled(False)
        self.edit.setAccessibleName(accessible_name or _("Passphrase"))
        if placeholder:
            self.edit.setPlaceholderText(placeholder)
        self.toggle = QToolButton(self)
        self.toggle.setObjectName("showPassphrase")
        self.toggle.setCheckable(True)
        self.toggle.setText(_("Show"))
        self.toggle.setAccessibleName(_("Show passphrase"))
        self.toggle.setToolTip(_("Show the passphrase on screen"))
        self.toggle.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.toggle.toggled.connect(self._set_revealed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.toggle)
        # Both widgets the same height, so the pair reads as one control.
        self.toggle.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        self.setFocusProxy(self.edit)
        self.edit.textChanged.connect(self._on_text_changed)
        self.edit.returnPressed.connect(self.returnPressed)

    def _on_text_changed(self, _text: str) -> None:
        self.changed.emit()

    def _set_revealed(self, revealed: bool) -> None:
        self.edit.setEchoMode(
            QLineEdit.EchoMode.Normal if revealed else QLineEdit.EchoMode.Password
        )
        self.toggle.setText(_("Hide") if revealed else _("Show"))
        self.toggle.setToolTip(
            _("Hide the passphrase") if revealed else _("Show the passphrase on screen")
        )

    def is_revealed(self) -> bool:
        return self.toggle.isChecked()

    def set_revealed(self, revealed: bool) -> None:
        self.toggle.setChecked(revealed)

    def text(self) -> str:
        return self.edit.text()

    def is_empty(self) -> bool:
        return not self.edit.text()

    def select_all(self) -> None:
        self.edit.selectAll()

    def clear(self) -> None:
        """Overwrite, then empty the field (``setText`` also drops the undo history), and hide
        the text again."""
        length = len(self.edit.text())
        blocked = self.edit.blockSignals(True)
        try:
            if length:
                self.edit.setText("\u2022" * length)
            self.edit.setText("")
        finally:
            self.edit.blockSignals(blocked)
        self.toggle.setChecked(False)
        if length:
            self.changed.emit()
