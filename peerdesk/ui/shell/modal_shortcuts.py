"""Lock and Quick hide from the keyboard while a modal dialog is open."""

from __future__ import annotations

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QObject,
    QTimer,
)
from PySide6.QtGui import (
    QAction,
    QKeyEvent,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QApplication,
    QKeySequenceEdit,
)


class ModalShortcuts(QObject):
    """Lets a few actions' shortcuts (Lock, Quick hide) work while a modal dialog is open.

    Qt does not deliver a window's shortcuts, not even application-wide ones, while a modal
    dialog shadows that window; so a person in the middle of a dialog could not lock with the
    keyboard. This filter sees every key press in the application and, only while a modal
    dialog is active, triggers the action whose shortcut matches.
    """

    def __init__(self, parent: QObject, actions: list[QAction]) -> None:
        super().__init__(parent)
        self._actions = actions
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or QApplication.activeModalWidget() is None:
            return False
        if isinstance(QApplication.focusWidget(), QKeySequenceEdit):
            return False  # recording a new shortcut: the keys are what is being typed
        assert isinstance(event, QKeyEvent)
        if event.isAutoRepeat():
            return False
        pressed = QKeySequence(event.keyCombination())
        for action in self._actions:
            shortcut = action.shortcut()
            if (
                action.isEnabled()
                and not shortcut.isEmpty()
                and pressed.matches(shortcut) == QKeySequence.SequenceMatch.ExactMatch
            ):
                QTimer.singleShot(0, action.trigger)  # after this key event has been handled
                return True
        return False


__all__ = ["ModalShortcuts"]
