"""What a lock leaves behind: nothing. Every popup and dialog is closed, then (once the vault
is closed) destroyed, every text field's undo history is dropped and the texts of the messages
shown are forgotten (:func:`leave_nothing_behind`)."""

from __future__ import annotations

import contextlib
import gc

from PySide6.QtGui import (
    QTextDocument,
)
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QToolTip,
    QWidget,
)

from peerdesk.ui.common.messages import Messages


def close_dialogs() -> int:
    """Close every popup, tooltip and visible dialog (message boxes and file dialogs included).

    Returns how many dialogs were closed. Child dialogs go before their parents, in several
    passes, because closing one dialog can reveal (or open) another.
    """
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return 0
    QToolTip.hideText()
    for _step in range(20):  # menus and other popups can be stacked
        popup = QApplication.activePopupWidget()
        if popup is None:
            break
        popup.close()
    closed = 0
    for _step in range(5):
        dialogs = [
            w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()
        ]
        if not dialogs:
            break
        dialogs.sort(key=_depth, reverse=True)  # children before their parents
        for dialog in dialogs:
            if not dialog.isVisible():
                continue
            dialog.reject()
            if dialog.isVisible():  # a reject() that refused; QDialog.done cannot
                QDialog.done(dialog, QDialog.DialogCode.Rejected)
            if dialog.isVisible():
                dialog.hide()
            closed += 1
    return closed


def leave_nothing_behind() -> None:
    """After the vault closed: destroy every dialog, drop every text field's undo history,
    close the message boxes and forget their texts, then collect the garbage.

    Screens clear their own fields and models on ``VaultSession.closing``; this is the net
    under them. A line edit cleared with ``clear()`` can still bring its text back with Undo,
    and a hidden dialog keeps everything typed into it.
    """
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    Messages.close_all()
    destroy_dialogs()
    forget_typing()
    gc.collect()


def destroy_dialogs() -> int:
    """Schedule every top-level dialog for destruction (hidden ones too). Returns how many."""
    dialogs = [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QDialog) and not w.property(KEEP_ON_LOCK)
    ]
    for dialog in dialogs:
        with contextlib.suppress(RuntimeError):  # its parent went first
            if dialog.isVisible():
                dialog.hide()
            dialog.deleteLater()
    return len(dialogs)


def forget_typing() -> int:
    """Drop the undo/redo history of every text field (the text itself stays as it is).

    ``QLineEdit.clear()`` is itself an undoable edit; ``setText`` starts a new history.
    Returns how many fields had a history.
    """
    count = 0
    for widget in QApplication.allWidgets():
        if isinstance(widget, QLineEdit):
            if widget.isUndoAvailable() or widget.isRedoAvailable():
                blocked = widget.blockSignals(True)
                widget.setText(widget.text())
                widget.blockSignals(blocked)
                count += 1
        elif isinstance(widget, QTextEdit | QPlainTextEdit):
            document = widget.document()
            if document.isUndoAvailable() or document.isRedoAvailable():
                document.clearUndoRedoStacks()
                count += 1
    for window in QApplication.topLevelWidgets():  # documents that are not an editor's own
        for document in window.findChildren(QTextDocument):
            document.clearUndoRedoStacks()
    return count


# A dialog that must survive a lock (none today) sets this property to True.
KEEP_ON_LOCK = "peerdeskKeepOnLock"


def _depth(widget: QWidget) -> int:
    depth = 0
    parent = widget.parentWidget()
    while parent is not None:
        depth += 1
        parent = parent.parentWidget()
    return depth


__all__ = [
    "KEEP_ON_LOCK",
    "close_dialogs",
    "destroy_dialogs",
    "forget_typing",
    "leave_nothing_behind",
]
