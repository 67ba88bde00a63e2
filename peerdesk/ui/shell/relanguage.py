"""After a change of language, the windows are built again in it, losing nothing typed.

Strings are translated where they are made, so the main window is replaced rather than
retranslated: the old one lets its screens close as at a lock (Home keeps its quick-capture
text as a draft, the screens let go of what they read), the new one opens the same section
with the vault still open, and reads the screen in view again. That happens only when no other
window of PeerDesk is open (an entry being written, the Settings dialog after "Apply"): until
those are closed, the main window keeps its language; a window open at the change keeps its own
until it is closed. The unlock window, hidden while the vault is open, is simply dropped and
built again at the next lock.
"""

from __future__ import annotations

import contextlib
import logging
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from peerdesk.ui.common.language import language_switch
from peerdesk.ui.common.owner import WeakOwner

if TYPE_CHECKING:
    from peerdesk.ui.shell.controller import AppController

log = logging.getLogger(__name__)

#: How often a pending rebuild looks whether the other windows have been closed.
RETRY_MS = 400


class LanguageRebuild(QObject):
    def __init__(self, controller: AppController) -> None:
        super().__init__(controller)
        # Weakly: the controller holds this helper, and a cycle would leave the controller to
        # the cycle collector, which may run on a worker thread and delete Qt objects there.
        self._owner = WeakOwner(controller)
        self._retry = QTimer(self)
        self._retry.setInterval(RETRY_MS)
        self._retry.timeout.connect(self.try_rebuild)
        language_switch.changed.connect(self._changed)

    @property
    def _c(self) -> AppController:
        return self._owner.get()

    @property
    def pending(self) -> bool:
        return self._retry.isActive()

    def _changed(self, _code: str) -> None:
        owner = self._owner() if shiboken6.isValid(self) else None
        if owner is None or not shiboken6.isValid(owner):
            return  # a controller that has ended (the signal is the application's)
        c = self._c
        if c._quitting:
            return
        unlock = c.unlock_window
        if unlock is not None and not shiboken6.isValid(unlock):
            c.unlock_window = unlock = None
        if unlock is not None and not unlock.isVisible():
            c.unlock_window = None
            c.unlock_hide = None
            unlock.deleteLater()
        if c.main_window is not None:
            self._retry.start()
            # After the Settings dialog has finished applying (it may be closing right now).
            QTimer.singleShot(0, self.try_rebuild)

    def _other_windows(self, main: QWidget) -> list[QWidget]:
        return [
            widget
            for widget in QApplication.topLevelWidgets()
            if widget is not main and widget.isWindow() and widget.isVisible()
        ]

    def try_rebuild(self) -> None:
        c = self._c
        old = c.main_window
        if old is not None and not shiboken6.isValid(old):
            c.main_window = old = None
        if old is None or not c.session.is_open:
            # Locked meanwhile: the next unlock builds the main window afresh.
            self._retry.stop()
            if old is not None and not c.session.is_open:
                self._retire(old)
            return
        if self._other_windows(old):
            return
        self._retry.stop()
        section = old.current_section()
        geometry = old.saveGeometry()
        was_visible = old.isVisible()
        self._retire(old)
        window = c._build_main()
        window.restoreGeometry(geometry)
        window.set_quick_hide_shortcut(str(c.registry.get("quick_hide_shortcut")))
        window.show_section(section)
        if was_visible:
            window.show()
            window.raise_()
            window.activateWindow()
        log.info("the main window was built again in the new language")

    def _retire(self, old: QWidget) -> None:
        from peerdesk.ui.shell.main_window import MainWindow

        c = self._c
        c.main_window = None
        if isinstance(old, MainWindow):
            session = c.session
            with contextlib.suppress(RuntimeError, TypeError):
                session.opened.disconnect(old._on_opened)
                session.closing.disconnect(old._on_closing)
            if session.is_open:
                old._on_closing()  # keeps Home's text as a draft, lets go of what was read
            old.allow_close()
        old.removeEventFilter(c)
        old.hide()
        old.deleteLater()


__all__ = ["LanguageRebuild"]
