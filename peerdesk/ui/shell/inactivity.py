"""When to lock: after inactivity, and when the desktop locks the screen or goes to sleep.

- :class:`InactivityTimer`: an application-wide event filter that notes the last user input and
  says ``idle`` once the user has been away for the timeout. Time is measured with the *wall*
  clock: monotonic clocks stop while a laptop is suspended on Linux, and a laptop that wakes up
  past the timeout must lock at once, before the first click reaches a screen.
- :class:`ScreenLockListener`: the desktop's screen locker (freedesktop / GNOME ScreenSaver
  ``ActiveChanged``) and logind's ``PrepareForSleep`` over D-Bus, where available.

Log calls here pass only reasons and kinds ("idle", "screen"), never content.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    SLOT,
    QCoreApplication,
    QEvent,
    QObject,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QGuiApplication,
)

log = logging.getLogger(__name__)

_ACTIVITY_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TabletPress,
    }
)

_MAX_CHECK_INTERVAL_MS = 1000
_MIN_CHECK_INTERVAL_MS = 10


class InactivityTimer(QObject):
    """Emits ``idle`` once when no user input arrived for ``timeout`` (wall-clock time).

    Install it once for the whole application with :meth:`start`. A check runs every second
    (sooner for tiny timeouts), whenever the application changes state (e.g. becomes active after
    a wake-up), and on every input event *before* that input counts as activity: the click that
    wakes an expired session locks it and is swallowed, so it never acts on the locked screen.

    After ``idle`` the timer stays quiet until the next activity or :meth:`reset`. If the wall
    clock jumps backwards (a manual change, NTP), measuring restarts from the new time.
    """

    idle = Signal()

    def __init__(
        self, parent: QObject | None = None, *, clock: Callable[[], float] = time.time
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self._timeout = 0.0  # seconds; 0 = off
        self._last = clock()
        self._fired = False
        self._running = False
        self._app: QCoreApplication | None = None
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.CoarseTimer)
        self._timer.timeout.connect(self.check)

    # -- configuration ---------------------------------------------------------------------------

    @property
    def timeout_seconds(self) -> float:
        return self._timeout

    @property
    def is_running(self) -> bool:
        return self._running

    def set_timeout_minutes(self, minutes: float) -> None:
        """Lock after ``minutes`` without input; 0 turns the auto-lock off."""
        if minutes < 0:
            raise ValueError("the idle timeout cannot be negative")
        self._timeout = float(minutes) * 60.0
        self._update_timer()

    def start(self) -> None:
        """Start watching input (idempotent); the idle period starts now."""
        app = QCoreApplication.instance()
        if app is None:
            raise RuntimeError("InactivityTimer needs a running QApplication")
        if not self._running:
            self._app = app
            app.installEventFilter(self)
            if isinstance(app, QGuiApplication):
                app.applicationStateChanged.connect(self._on_state_changed)
            self._running = True
        self.reset()
        self._update_timer()

    def stop(self) -> None:
        if self._running and self._app is not None:
            self._app.removeEventFilter(self)
            if isinstance(self._app, QGuiApplication):
                self._app.applicationStateChanged.disconnect(self._on_state_changed)
        self._app = None
        self._running = False
        self._timer.stop()

    def reset(self) -> None:
        """Count from now (e.g. after unlocking) and allow ``idle`` to fire again."""
        self._last = self._clock()
        self._fired = False

    # -- checking --------------------------------------------------------------------------------

    def idle_seconds(self) -> float:
        return max(0.0, self._clock() - self._last)

    @Slot()
    def check(self) -> bool:
        """Emit ``idle`` if the timeout has passed; return True if it fired now."""
        if not self._running or self._timeout <= 0 or self._fired:
            return False
        now = self._clock()
        if now < self._last:  # the wall clock went backwards: start measuring again
            self._last = now
            return False
        if now - self._last < self._timeout:
            return False
        self._fired = True
        log.debug("inactivity timeout reached")
        self.idle.emit()
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt API name
        if event.type() in _ACTIVITY_EVENTS:
            # Check first: input that arrives after the timeout (a wake-up) locks rather than
            # counting as activity, and is swallowed so it cannot act on what is being locked.
            fired = self.check()
            self._last = self._clock()
            self._fired = False
            return fired
        return False

    def _on_state_changed(self, _state: Qt.ApplicationState) -> None:
        self.check()

    def _update_timer(self) -> None:
        if not self._running or self._timeout <= 0:
            self._timer.stop()
            return
        interval = int(self._timeout * 1000)
        self._timer.setInterval(max(_MIN_CHECK_INTERVAL_MS, min(_MAX_CHECK_INTERVAL_MS, interval)))
        self._timer.start()


# -- screen lock and suspend -------------------------------------------------------------------

# (path, interface) pairs that announce ActiveChanged(bool) on the session bus. KDE's
# ksmserver also serves org.freedesktop.ScreenSaver at /ScreenSaver.
_SCREENSAVERS = (
    ("/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver"),
    ("/ScreenSaver", "org.freedesktop.ScreenSaver"),
    ("/org/gnome/ScreenSaver", "org.gnome.ScreenSaver"),
)
_LOGIND = (
    "org.freedesktop.login1",
    "/org/freedesktop/login1",
    "org.freedesktop.login1.Manager",
    "PrepareForSleep",  # i18n: keep — a D-Bus signal name
)


@dataclass(frozen=True)
class _Subscription:
    bus_name: str
    bus: Any  # QDBusConnection (QtDBus is imported lazily: it may be missing)
    args: tuple[str, str, str, str]
    slot: str  # SLOT("name(bool)")


class ScreenLockListener(QObject):
    """Emits ``screen_locked(reason)`` when the desktop locks the screen or the system suspends.

    ``reason`` is ``"screen"`` (ScreenSaver ``ActiveChanged(true)`` on the session bus) or
    ``"suspend"`` (logind ``PrepareForSleep(true)`` on the system bus). Without D-Bus (Windows,
    macOS, a container without buses) it stays silent and prints nothing.

    The ScreenSaver signals are accepted from any sender on the session bus, not only from the
    owner of the ScreenSaver name: every process there runs as the same user, and the worst a
    forged signal can do is lock PeerDesk. This also lets the tests emit it with ``dbus-send``.
    logind's signal is only accepted from ``org.freedesktop.login1``.
    """

    screen_locked = Signal(str)

    def __init__(self, parent: QObject | None = None, *, start: bool = True) -> None:
        super().__init__(parent)
        self._subscriptions: list[_Subscription] = []
        if start:
            self.start()

    @property
    def listening(self) -> list[str]:
        """What is subscribed, e.g. ``["session:org.freedesktop.ScreenSaver", ...]``."""
        return [f"{sub.bus_name}:{sub.args[2]}" for sub in self._subscriptions]

    def start(self) -> bool:
        """Subscribe where a bus is available (done on construction unless ``start=False``).

        Idempotent; returns True if anything is listened to.
        """
        if self._subscriptions:
            return True
        try:
            from PySide6.QtDBus import QDBusConnection
        except ImportError:  # no QtDBus on this platform
            return False
        session = QDBusConnection.sessionBus()
        if session.isConnected():
            for path, interface in _SCREENSAVERS:
                self._subscribe(
                    "session",
                    session,
                    ("", path, interface, "ActiveChanged"),  # i18n: keep — a D-Bus signal
                    SLOT("_on_screensaver_active(bool)"),
                )
        system = QDBusConnection.systemBus()
        if system.isConnected():
            self._subscribe("system", system, _LOGIND, SLOT("_on_prepare_for_sleep(bool)"))
        return bool(self._subscriptions)

    def stop(self) -> None:
        for sub in self._subscriptions:
            sub.bus.disconnect(*sub.args, self, sub.slot)
        self._subscriptions.clear()

    def _subscribe(
        self, bus_name: str, bus: Any, args: tuple[str, str, str, str], slot: str
    ) -> None:
        # QtDBus calls the slot by its signature; it must be a @Slot of this QObject. PySide6
        # 6.12 documents ``slot`` as bytes but accepts only the str SLOT() returns.
        if bus.connect(*args, self, slot):
            self._subscriptions.append(_Subscription(bus_name, bus, args, slot))

    @Slot(bool)
    def _on_screensaver_active(self, active: bool) -> None:
        if active:
            self.screen_locked.emit("screen")

    @Slot(bool)
    def _on_prepare_for_sleep(self, sleeping: bool) -> None:
        if sleeping:
            self.screen_locked.emit("suspend")


__all__ = ["InactivityTimer", "ScreenLockListener"]
