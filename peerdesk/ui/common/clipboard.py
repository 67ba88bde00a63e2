"""A clipboard that forgets: copied text is marked for clipboard managers to skip and cleared
after a timeout, on lock and on quit, but only while the clipboard still holds our copy."""

from __future__ import annotations

import hashlib

from PySide6.QtCore import QMimeData, QObject, QTimer, Signal
from PySide6.QtGui import QClipboard, QGuiApplication

CLIPBOARD_MANAGER_HINT = "x-kde-passwordManagerHint"  # a MIME type


def _digest(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()


class SecureClipboard(QObject):
    """Copies text marked as secret and clears it later if the clipboard still holds it.

    Only a SHA-256 of the copied text is kept to recognise our copy. ``expired(cleared)`` is
    emitted when the timeout passes (``cleared`` tells whether our copy was still there).
    """

    expired = Signal(bool)

    def __init__(self, parent: QObject | None = None, *, timeout_seconds: float = 10.0) -> None:
        super().__init__(parent)
        self._timeout = 0.0
        self._ours: bytes | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timeout)
        self.timeout_seconds = timeout_seconds

    @property
    def timeout_seconds(self) -> float:
        return self._timeout

    @timeout_seconds.setter
    def timeout_seconds(self, seconds: float) -> None:
        """0 = never clear on a timer (still cleared on lock and quit)."""
        if seconds < 0:
            raise ValueError("the clipboard timeout cannot be negative")
        self._timeout = float(seconds)

    @property
    def holds_our_copy(self) -> bool:
        return self._ours is not None and self._current_digest() == self._ours

    def copy(self, text: str) -> None:
        mime = QMimeData()
        mime.setText(text)
        # KDE's Klipper (and clipboard managers that follow it) skip entries marked this way.
        mime.setData(CLIPBOARD_MANAGER_HINT, b"secret")
        self._clipboard().setMimeData(mime, QClipboard.Mode.Clipboard)
        self._ours = _digest(text)
        self._timer.stop()
        if self._timeout > 0:
            self._timer.start(max(1, int(self._timeout * 1000)))

    def clear_if_ours(self) -> bool:
        """Clear the clipboard if it still holds our copy (lock, quit); True if cleared."""
        self._timer.stop()
        ours, self._ours = self._ours, None
        if ours is None or QGuiApplication.instance() is None:
            return False
        if self._current_digest() != ours:
            return False  # someone copied something else since: leave it alone
        self._clipboard().clear(QClipboard.Mode.Clipboard)
        return True

    def _on_timeout(self) -> None:
        self.expired.emit(self.clear_if_ours())

    def _current_digest(self) -> bytes | None:
        mime = self._clipboard().mimeData(QClipboard.Mode.Clipboard)
        if mime is None or not mime.hasText():
            return None
        return _digest(mime.text())

    @staticmethod
    def _clipboard() -> QClipboard:
        return QGuiApplication.clipboard()


# -- locking -----------------------------------------------------------------------------------


__all__ = ["CLIPBOARD_MANAGER_HINT", "SecureClipboard"]
