"""Auto-lock in three parts (after KeePassXC), plus a clipboard that forgets.

- :class:`~peerdesk.ui.shell.inactivity.InactivityTimer` and
  :class:`~peerdesk.ui.shell.inactivity.ScreenLockListener` say when to lock (idle, the
  screen locked, the laptop going to sleep).
- :class:`LockController`: ``lock(reason)`` lets screens save their drafts, closes every dialog,
  clears our clipboard content and closes the vault (screens empty their models and drop what
  they hold on ``VaultSession.closing``); then every dialog is destroyed, every text field's
  undo history is dropped and the texts of the messages shown are forgotten
  (:func:`peerdesk.ui.shell.clearing.leave_nothing_behind`).
- :class:`SecureClipboard`: copied text is marked for clipboard managers to skip and cleared
  after a timeout, on lock and on quit, but only while the clipboard still holds our copy.

Log calls here pass only reasons and kinds ("idle", "screen"), never content.
"""

from __future__ import annotations

import hashlib
import logging

from PySide6.QtCore import (
    QMimeData,
    QObject,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QClipboard,
    QGuiApplication,
)

from peerdesk.ui.common.session import VaultSession
from peerdesk.ui.shell.clearing import close_dialogs, leave_nothing_behind
from peerdesk.ui.shell.inactivity import InactivityTimer, ScreenLockListener

log = logging.getLogger(__name__)

# -- clipboard ---------------------------------------------------------------------------------

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


class LockController(QObject):
    """Locks the running application: drafts, dialogs, clipboard, vault, in that order.

    ``about_to_lock``: connected slots run synchronously while the vault is still open, so
    screens save their drafts there. ``locked(reason)`` follows once the vault is closed.
    ``hide_requested`` asks the main controller to hide the windows (quick-hide).

    Dialogs are closed with ``reject()``: a dialog's ``reject`` must not ask a question while
    locking. Code that waits in ``exec()`` resumes after the lock with a rejected result and a
    closed session, so it must check ``session.is_open`` before touching repositories.
    """

    about_to_lock = Signal(str)
    locked = Signal(str)
    hide_requested = Signal()

    def __init__(
        self, session: VaultSession, clipboard: SecureClipboard, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._clipboard = clipboard
        self._locking = False

    @property
    def is_locked(self) -> bool:
        return not self._session.is_open

    @Slot(str)
    def lock(self, reason: str = "manual") -> bool:
        """Lock now; return False if there was nothing to lock (already locked or locking)."""
        if self._locking or not self._session.is_open:
            return False
        self._locking = True
        log.info("locking: %s", reason)
        try:
            try:
                self.about_to_lock.emit(reason)
            finally:
                try:
                    close_dialogs()
                finally:
                    try:
                        self._clipboard.clear_if_ours()
                    finally:
                        try:
                            self._session.close()
                        finally:
                            leave_nothing_behind()
        finally:
            self._locking = False
        self.locked.emit(reason)
        return True

    @Slot()
    def quick_hide(self) -> None:
        """Lock (if unlocked) and ask for every window to be hidden at once."""
        self.lock("quick-hide")
        self.hide_requested.emit()

    def attach(self, inactivity: InactivityTimer, screen: ScreenLockListener) -> None:
        inactivity.idle.connect(self._on_idle)
        screen.screen_locked.connect(self.lock)

    def _on_idle(self) -> None:
        self.lock("idle")


__all__ = ["CLIPBOARD_MANAGER_HINT", "LockController", "SecureClipboard"]
