"""The main window built behind the unlock window, one piece per turn of the event loop.

Built in one go it held the GUI thread for 0.2-0.5 s while the passphrase was being typed: the
keys waited and the unlock window froze (issue 18). :class:`MainWindowBuilder` makes one screen
per turn, then the window around them, then styles it, so that the unlock window answers between
the pieces. Nothing of the vault is read.

- When the vault opens (the passphrase was submitted before the building was done), what is
  left is built at once, before anything reads the vault: the window is never built twice.
- When the unlock window goes away (closed, hidden for another flow), PeerDesk quits or the
  language changes, the builder stops and deletes the screens it made: nothing half-made stays.
  After a change of language it starts again, in the new language, if the unlock window still
  waits.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from peerdesk.ui.common.language import language_switch
from peerdesk.ui.common.owner import WeakOwner

if TYPE_CHECKING:
    from peerdesk.ui.shell.controller import AppController
    from peerdesk.ui.shell.main_window import MainWindow

log = logging.getLogger(__name__)
_WHOLE = object()  # a screen's last piece is made
#: The pause between two pieces (ms): none, only the events that came meanwhile go first.
STEP_MS = 0


class MainWindowBuilder(QObject):
    """Builds the controller's main window in steps (see the module docstring). Made on the GUI
    thread once the main window's modules are imported; :meth:`start` begins the steps."""

    def __init__(self, controller: AppController) -> None:
        super().__init__(controller)
        from peerdesk.ui.shell.main_window import screen_makers

        # Weakly (as every helper of the controller): a cycle with the controller would leave it
        # to the cycle collector, which may run on a worker thread and delete Qt objects there.
        self._owner = WeakOwner(controller)
        self._makers = screen_makers(
            controller.session,
            list(controller.registry.get("sections")),
            clipboard=controller.clipboard,
            preferences=controller.preferences,
            in_steps=True,
        )
        #: A screen being made a piece at a time (its ``remaining_steps``), and its key.
        self._part: tuple[str, QWidget, Iterator[None]] | None = None
        self._screens: dict[str, QWidget] = {}
        self.window: MainWindow | None = None
        self.done = False
        self.stopped = False
        #: What each step cost (name, seconds): for the benchmark and for tests.
        self.steps: list[tuple[str, float]] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(STEP_MS)
        self._timer.timeout.connect(self._next_turn)
        self._disconnected = False
        language_switch.changed.connect(self._language_changed)
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop)
        # The vault opened before the building was done: finish it first, so that the window
        # reads the vault as it would have if it had been ready.
        controller.session.opened.connect(self.finish)

    @property
    def building(self) -> bool:
        return not self.done and not self.stopped

    def start(self) -> None:
        """The first piece at the next turn, each further one ``STEP_MS`` after the last."""
        if self.building:
            QTimer.singleShot(0, self, self._next_turn)

    def _next_turn(self) -> None:
        if not self.building:
            return
        c = self._owner()
        if c is None or c._quitting or not c._unlock_waiting():
            self.stop()
            return
        self._step()
        if self.building:
            self._timer.start()  # the next piece after the events that waited

    def _step(self) -> None:
        """One piece: a screen, then the window around the screens, then its style."""
        started = time.perf_counter()
        if self._part is not None:
            key, screen, pieces = self._part
            if next(pieces, _WHOLE) is _WHOLE:
                self._part = None
                self._screen_made(key, screen)
            name = f"{key}+"
        elif len(self._screens) < len(self._makers):
            key, make = self._makers[len(self._screens)]
            screen = make()
            rest: Iterator[None] | None = getattr(screen, "remaining_steps", None)
            if rest is None:
                self._screen_made(key, screen)
            else:
                self._part = (key, screen, rest)
            name = key
        elif self.window is None:
            self.window = self._owner.get()._main_from_screens(self._screens)
            name = "window"
        else:
            self.window.ensurePolished()  # styled and laid out now: showing it is quick
            self._finished()
            name = "polish"
        self.steps.append((name, time.perf_counter() - started))

    def _screen_made(self, key: str, screen: QWidget) -> None:
        screen.ensurePolished()  # styled now, not all together with the window
        self._screens[key] = screen

    def finish(self) -> MainWindow | None:
        """Build what is left at once (the passphrase was submitted, or the window is needed
        now); None if the builder was stopped."""
        while self.building:
            self._step()
        self._timer.stop()
        return self.window if self.done else None

    def _finished(self) -> None:
        self.done = True
        self._timer.stop()
        self._disconnect()
        self._screens = {}  # the window holds them now

    def stop(self) -> None:
        """Stop building and delete whatever was made (a window handed over stays)."""
        if not self.building:
            return
        self.stopped = True
        self._timer.stop()
        self._disconnect()
        made, self._screens = list(self._screens.values()), {}
        if self._part is not None:
            _key, screen, rest = self._part
            self._part = None
            made.append(screen)
            # Let go of the half-made screen now, on this thread (a generator and its screen
            # hold each other: left to the cycle collector, they could be freed on a worker).
            close = getattr(rest, "close", None)
            if close is not None:
                close()
            with contextlib.suppress(AttributeError, RuntimeError):
                screen.remaining_steps = None  # type: ignore[attr-defined]
        c = self._owner()
        if self.window is not None and c is not None and c.main_window is self.window:
            return  # handed over already: only the last styling was left
        for screen in made:  # deleted here and now, on the GUI thread
            if shiboken6.isValid(screen):
                shiboken6.delete(screen)
        log.info("the main window's building stopped")

    def _language_changed(self, _code: str) -> None:
        """Screens made in the old language are dropped, and the building starts over."""
        if not shiboken6.isValid(self) or not self.building:
            return
        c = self._owner()
        self.stop()
        if c is not None and not c._quitting and c._unlock_waiting():
            QTimer.singleShot(0, c.prepare_main)

    def _disconnect(self) -> None:
        if self._disconnected:
            return
        self._disconnected = True
        with contextlib.suppress(RuntimeError, TypeError):
            language_switch.changed.disconnect(self._language_changed)
        c = self._owner()
        if c is not None:
            with contextlib.suppress(RuntimeError, TypeError):
                c.session.opened.disconnect(self.finish)
        app = QApplication.instance()
        if app is not None:
            with contextlib.suppress(RuntimeError, TypeError):
                app.aboutToQuit.disconnect(self.stop)


def step_names(builder: MainWindowBuilder) -> list[str]:
    """The steps the builder took, in order (tests)."""
    return [name for name, _seconds in builder.steps]


__all__ = ["MainWindowBuilder", "step_names"]
