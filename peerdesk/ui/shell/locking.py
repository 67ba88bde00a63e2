"""Auto-lock in three parts (after KeePassXC), plus a clipboard that forgets.

- :class:`~peerdesk.ui.shell.inactivity.InactivityTimer` and
  :class:`~peerdesk.ui.shell.inactivity.ScreenLockListener` say when to lock (idle, the
  screen locked, the laptop going to sleep).
- :class:`LockController`: ``lock(reason)`` lets screens save their drafts, closes every dialog,
  clears our clipboard content and closes the vault (screens empty their models and drop what
  they hold on ``VaultSession.closing``); then every dialog is destroyed, every text field's
  undo history is dropped and the texts of the messages shown are forgotten
  (:func:`peerdesk.ui.shell.clearing.leave_nothing_behind`).
- The clipboard that forgets is :class:`peerdesk.ui.common.clipboard.SecureClipboard`; the
  lock clears it.

Log calls here pass only reasons and kinds ("idle", "screen"), never content.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import (
    QObject,
    Signal,
    Slot,
)

from peerdesk.ui.common.clipboard import SecureClipboard
from peerdesk.ui.common.session import VaultSession
from peerdesk.ui.shell.clearing import close_dialogs, leave_nothing_behind
from peerdesk.ui.shell.inactivity import InactivityTimer, ScreenLockListener

log = logging.getLogger(__name__)


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


__all__ = ["LockController"]
