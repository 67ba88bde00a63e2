"""Auto-lock in three parts (after KeePassXC), plus a clipboard that forgets.

- :class:`InactivityTimer`: an application-wide event filter that notes the last user input and
  says ``idle`` once the user has been away for the timeout. Time is measured with the *wall*
  clock: monotonic clocks stop while a laptop is suspended on Linux, and a laptop that wakes up
  past the timeout must lock at once, before the first click reaches a screen.
- :class:`ScreenLockListener`: the desktop's screen locker (freedesktop / GNOME ScreenSaver
  ``ActiveChanged``) and logind's ``PrepareForSleep`` over D-Bus, where available.
- :class:`LockController`: ``lock(reason)`` lets screens save their drafts, closes every dialog,
  clears our clipboard content and closes the vault (screens empty their models and drop what
  they hold on ``VaultSession.closing``); then every dialog is destroyed, every text field's
  undo history is dropped and the texts of the messages shown are forgotten
  (:func:`leave_nothing_behind`).
- :class:`SecureClipboard`: copied text is marked for clipboard managers to skip and cleared
  after a timeout, on lock and on quit, but only while the clipboard still holds our copy.

Log calls here pass only reasons and kinds ("idle", "screen"), never content.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    SLOT,
    QCoreApplication,
    QEvent,
    QMimeData,
    QObject,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QAction,
    QClipboard,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QKeySequenceEdit,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QToolTip,
    QWidget,
)

from peerdesk.ui.common.messages import Messages
from peerdesk.ui.common.session import VaultSession

log = logging.getLogger(__name__)

# -- inactivity --------------------------------------------------------------------------------

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
    "PrepareForSleep",
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
                    ("", path, interface, "ActiveChanged"),
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


def close_dialogs() -> int:
    """Close every popup, tooltip and visible dialog (message boxes and file dialogs included).

    Returns how many dialogs were closed. Child dialogs go before their parents, in several
    passes, because closing one dialog can reveal (or open) another.
    """
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return 0
    QToolTip.hideText()
    for _ in range(20):  # menus and other popups can be stacked
        popup = QApplication.activePopupWidget()
        if popup is None:
            break
        popup.close()
    closed = 0
    for _ in range(5):
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
