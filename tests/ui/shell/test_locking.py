"""Auto-lock (SECURITY.md 16) and the clipboard that forgets (SECURITY.md 17)."""

from __future__ import annotations

import gc
import logging
import os
import subprocess
import sys
import textwrap
import weakref
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QMouseEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
)
from pytestqt.qtbot import QtBot

from peerdesk.ui.common.clipboard import CLIPBOARD_MANAGER_HINT, SecureClipboard
from peerdesk.ui.common.messages import Messages
from peerdesk.ui.common.session import VaultSession
from peerdesk.ui.common.workers import run_in_background, wait_for_all
from peerdesk.ui.shell.inactivity import InactivityTimer, ScreenLockListener
from peerdesk.ui.shell.locking import LockController

PROJECT_ROOT = Path(__file__).resolve().parents[3]
MARKER = "MARKER-d41d8cd98f00 Alice's note"


class FakeClock:
    def __init__(self, now: float = 1_700_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def inactivity(qtbot: QtBot, clock: FakeClock) -> Iterator[InactivityTimer]:
    timer = InactivityTimer(clock=clock)
    timer.set_timeout_minutes(5)
    timer.start()
    yield timer
    timer.stop()


@pytest.fixture
def clipboard_text() -> Iterator[None]:
    QGuiApplication.clipboard().clear()
    yield
    QGuiApplication.clipboard().clear()


def _session_bus_or_skip() -> None:
    """The D-Bus tests need the private session of scripts/with-test-session.sh."""
    if os.environ.get("PEERDESK_TEST_SECRET_SERVICE") == "1" and os.environ.get(
        "DBUS_SESSION_BUS_ADDRESS"
    ):
        return
    if os.environ.get("CI") == "true":
        pytest.fail("CI must run the UI tests inside scripts/with-test-session.sh (D-Bus session)")
    pytest.skip("needs the private D-Bus session of scripts/with-test-session.sh")


def _send_signal(path: str, member: str, value: bool, *, bus: str = "--session") -> None:
    subprocess.run(
        ["dbus-send", bus, "--type=signal", path, member, f"boolean:{str(value).lower()}"],
        check=True,
        timeout=10,
        capture_output=True,
    )


# -- InactivityTimer ---------------------------------------------------------------------------


def test_idle_fires_once_when_the_timeout_has_passed(qtbot, inactivity, clock) -> None:  # type: ignore[no-untyped-def]
    fired: list[None] = []
    inactivity.idle.connect(lambda: fired.append(None))
    clock.now += 5 * 60 - 1
    assert inactivity.check() is False
    assert fired == []
    clock.now += 1
    assert inactivity.check() is True
    assert len(fired) == 1
    clock.now += 3600
    assert inactivity.check() is False  # once, until there is activity again
    assert len(fired) == 1


def test_input_counts_as_activity(qtbot, inactivity, clock) -> None:  # type: ignore[no-untyped-def]
    field = QLineEdit()
    qtbot.addWidget(field)
    field.show()
    qtbot.waitExposed(field)
    fired: list[None] = []
    inactivity.idle.connect(lambda: fired.append(None))

    clock.now += 4 * 60
    qtbot.keyClick(field, Qt.Key.Key_A)
    clock.now += 4 * 60
    assert inactivity.check() is False  # 4 minutes since the key press
    qtbot.mouseMove(field, QPoint(3, 3))
    qtbot.mouseMove(field, QPoint(5, 5))
    clock.now += 4 * 60
    assert inactivity.check() is False  # 4 minutes since the mouse moved
    clock.now += 60
    assert inactivity.check() is True
    assert len(fired) == 1


def test_wheel_counts_as_activity(qtbot, inactivity, clock) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QWheelEvent

    field = QLineEdit()
    qtbot.addWidget(field)
    clock.now += 4 * 60
    wheel = QWheelEvent(
        QPointF(2, 2),
        QPointF(2, 2),
        QPoint(0, 0),
        QPoint(0, 120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(field, wheel)
    clock.now += 4 * 60
    assert inactivity.check() is False


def test_waking_after_the_timeout_locks_on_first_input_and_swallows_it(  # type: ignore[no-untyped-def]
    qtbot, inactivity, clock
) -> None:
    button = QPushButton("Delete")
    qtbot.addWidget(button)
    button.show()
    qtbot.waitExposed(button)
    clicked: list[bool] = []
    fired: list[None] = []
    button.clicked.connect(lambda: clicked.append(True))
    inactivity.idle.connect(lambda: fired.append(None))

    clock.now += 8 * 3600  # the laptop slept all night; no timer ran
    press = QMouseEvent(
        QEvent.Type.MouseButtonPress,
        QPointF(5, 5),
        QPointF(5, 5),
        Qt.MouseButton.LeftButton,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(button, press)
    assert len(fired) == 1  # locked before the click reached the button
    assert not button.isDown()  # swallowed: the press never reached the button
    qtbot.mouseRelease(button, Qt.MouseButton.LeftButton)
    assert clicked == []
    # That input counted as activity afterwards: the next idle period starts from it.
    clock.now += 60
    assert inactivity.check() is False


def test_application_state_change_checks_at_once(qtbot, inactivity, clock) -> None:  # type: ignore[no-untyped-def]
    app = QGuiApplication.instance()
    with qtbot.waitSignal(inactivity.idle, timeout=1000):
        clock.now += 6 * 60
        app.applicationStateChanged.emit(Qt.ApplicationState.ApplicationActive)


def test_zero_minutes_turns_it_off(qtbot, inactivity, clock) -> None:  # type: ignore[no-untyped-def]
    inactivity.set_timeout_minutes(0)
    clock.now += 365 * 86400
    assert inactivity.check() is False
    assert not inactivity._timer.isActive()
    with pytest.raises(ValueError):
        inactivity.set_timeout_minutes(-1)


def test_clock_going_backwards_restarts_the_measure(qtbot, inactivity, clock) -> None:  # type: ignore[no-untyped-def]
    clock.now -= 3600  # NTP or a manual change
    assert inactivity.check() is False
    clock.now += 5 * 60 - 1
    assert inactivity.check() is False
    clock.now += 1
    assert inactivity.check() is True


def test_reset_and_stop(qtbot, inactivity, clock) -> None:  # type: ignore[no-untyped-def]
    clock.now += 4 * 60
    inactivity.reset()
    clock.now += 4 * 60
    assert inactivity.check() is False
    inactivity.stop()
    assert not inactivity.is_running
    clock.now += 3600
    assert inactivity.check() is False


def test_the_real_timer_fires_with_the_wall_clock(qtbot: QtBot) -> None:
    timer = InactivityTimer()
    timer.set_timeout_minutes(0.05 / 60)  # 50 ms
    timer.start()
    try:
        with qtbot.waitSignal(timer.idle, timeout=3000):
            pass
    finally:
        timer.stop()


# -- ScreenLockListener ------------------------------------------------------------------------


def test_screensaver_active_changed_emits_screen_locked(qtbot: QtBot) -> None:
    _session_bus_or_skip()
    listener = ScreenLockListener()
    try:
        assert "session:org.freedesktop.ScreenSaver" in listener.listening
        seen: list[str] = []
        listener.screen_locked.connect(seen.append)
        # The screen saver going away (false) is not a reason to lock.
        _send_signal(
            "/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver.ActiveChanged", False
        )
        with qtbot.waitSignal(listener.screen_locked, timeout=5000) as blocker:
            _send_signal(
                "/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver.ActiveChanged", True
            )
        assert blocker.args == ["screen"]
        assert seen == ["screen"]
    finally:
        listener.stop()


def test_gnome_screensaver_emits_screen_locked(qtbot: QtBot) -> None:
    _session_bus_or_skip()
    listener = ScreenLockListener()
    try:
        with qtbot.waitSignal(listener.screen_locked, timeout=5000):
            _send_signal("/org/gnome/ScreenSaver", "org.gnome.ScreenSaver.ActiveChanged", True)
    finally:
        listener.stop()


def test_stop_unsubscribes(qtbot: QtBot) -> None:
    _session_bus_or_skip()
    stopped = ScreenLockListener()
    stopped.stop()
    assert stopped.listening == []
    seen: list[str] = []
    stopped.screen_locked.connect(seen.append)
    listener = ScreenLockListener()  # a witness: when it hears the signal, so would `stopped`
    try:
        for _ in range(2):  # the second round trip flushes deliveries of the first
            with qtbot.waitSignal(listener.screen_locked, timeout=5000):
                _send_signal(
                    "/org/freedesktop/ScreenSaver",
                    "org.freedesktop.ScreenSaver.ActiveChanged",
                    True,
                )
        assert seen == []
    finally:
        listener.stop()


_LOGIND_SCRIPT = textwrap.dedent(
    """
    import subprocess, sys
    from PySide6.QtCore import QCoreApplication, QTimer
    from PySide6.QtDBus import QDBusConnection, QDBusMessage
    from peerdesk.ui.shell.inactivity import ScreenLockListener

    app = QCoreApplication([])
    # A fake logind owning its name on the (private) bus used as the system bus here.
    logind = QDBusConnection.connectToBus(QDBusConnection.BusType.SystemBus, "fake-logind")
    assert logind.registerService("org.freedesktop.login1")
    listener = ScreenLockListener()
    print("listening", ",".join(listener.listening), flush=True)
    seen = []
    listener.screen_locked.connect(seen.append)

    def emit(value):
        msg = QDBusMessage.createSignal("/org/freedesktop/login1",
                                        "org.freedesktop.login1.Manager", "PrepareForSleep")
        msg.setArguments([value])
        assert logind.send(msg)

    # A forged signal from a sender that does not own org.freedesktop.login1 is ignored.
    subprocess.run(["dbus-send", "--system", "--type=signal", "/org/freedesktop/login1",
                    "org.freedesktop.login1.Manager.PrepareForSleep", "boolean:true"], check=True)
    emit(False)  # waking up is not a reason to lock
    emit(True)
    listener.screen_locked.connect(lambda reason: app.quit())
    QTimer.singleShot(10_000, app.quit)  # a deadline, not a wait
    app.exec()
    print("seen", ",".join(seen), flush=True)
    """
)


def test_logind_prepare_for_sleep_emits_screen_locked(tmp_path: Path) -> None:
    """Runs in a child whose "system bus" is the private test session (no real logind here)."""
    _session_bus_or_skip()
    env = dict(
        os.environ,
        DBUS_SYSTEM_BUS_ADDRESS=os.environ["DBUS_SESSION_BUS_ADDRESS"],
        PYTHONPATH=str(PROJECT_ROOT),
    )
    result = subprocess.run(
        [sys.executable, "-c", _LOGIND_SCRIPT],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "system:org.freedesktop.login1.Manager" in lines[0]
    assert lines[-1] == "seen suspend"
    assert result.stderr == ""


_NO_BUS_SCRIPT = textwrap.dedent(
    """
    from PySide6.QtCore import QCoreApplication, qInstallMessageHandler
    messages = []
    qInstallMessageHandler(lambda mode, context, text: messages.append(text))
    app = QCoreApplication([])
    from peerdesk.ui.shell.inactivity import ScreenLockListener
    listener = ScreenLockListener()
    print(listener.start(), listener.listening, messages)
    """
)


def test_without_any_bus_it_stays_quiet(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.update(
        DBUS_SESSION_BUS_ADDRESS=f"unix:path={tmp_path}/no-session-bus",
        DBUS_SYSTEM_BUS_ADDRESS=f"unix:path={tmp_path}/no-system-bus",
        PYTHONPATH=str(PROJECT_ROOT),
    )
    result = subprocess.run(
        [sys.executable, "-c", _NO_BUS_SCRIPT],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False [] []"
    assert result.stderr == ""


# -- SecureClipboard ---------------------------------------------------------------------------


def test_copy_marks_the_text_and_clears_it_after_the_timeout(qtbot, clipboard_text) -> None:  # type: ignore[no-untyped-def]
    clip = SecureClipboard(timeout_seconds=0.05)
    board = QGuiApplication.clipboard()
    clip.copy(MARKER)
    assert board.text() == MARKER
    mime = board.mimeData()
    assert mime.hasFormat(CLIPBOARD_MANAGER_HINT)
    assert bytes(mime.data(CLIPBOARD_MANAGER_HINT).data()) == b"secret"
    assert clip.holds_our_copy
    with qtbot.waitSignal(clip.expired, timeout=3000) as blocker:
        pass
    assert blocker.args == [True]
    assert board.text() == ""
    assert not clip.holds_our_copy


def test_someone_elses_clipboard_content_is_left_alone(qtbot, clipboard_text) -> None:  # type: ignore[no-untyped-def]
    clip = SecureClipboard(timeout_seconds=0.05)
    board = QGuiApplication.clipboard()
    clip.copy(MARKER)
    board.setText("copied later by the user")
    with qtbot.waitSignal(clip.expired, timeout=3000) as blocker:
        pass
    assert blocker.args == [False]
    assert board.text() == "copied later by the user"
    assert clip.clear_if_ours() is False
    assert board.text() == "copied later by the user"


def test_zero_seconds_never_clears_on_a_timer_but_on_request(qtbot, clipboard_text) -> None:  # type: ignore[no-untyped-def]
    clip = SecureClipboard(timeout_seconds=0)
    clip.copy(MARKER)
    assert not clip._timer.isActive()
    assert QGuiApplication.clipboard().text() == MARKER
    assert clip.clear_if_ours() is True
    assert QGuiApplication.clipboard().text() == ""
    assert clip.clear_if_ours() is False  # nothing of ours any more
    with pytest.raises(ValueError):
        clip.timeout_seconds = -1


def test_a_new_copy_restarts_the_timeout(qtbot, clipboard_text) -> None:  # type: ignore[no-untyped-def]
    clip = SecureClipboard(timeout_seconds=0.05)
    clip.copy("first")
    clip.copy(MARKER)
    with qtbot.waitSignal(clip.expired, timeout=3000) as blocker:
        pass
    assert blocker.args == [True]
    assert QGuiApplication.clipboard().text() == ""


# -- LockController ----------------------------------------------------------------------------


@pytest.fixture
def vault_session(qtbot: QtBot, vault_path: Path, passphrase: str) -> Iterator[VaultSession]:
    session = VaultSession()
    session.create(vault_path, passphrase)
    yield session
    session.close()


@pytest.fixture
def secure_clipboard(clipboard_text) -> SecureClipboard:  # type: ignore[no-untyped-def]
    return SecureClipboard(timeout_seconds=0)


@pytest.fixture
def controller(vault_session: VaultSession, secure_clipboard: SecureClipboard) -> LockController:
    return LockController(vault_session, secure_clipboard)


def _open_dialogs(qtbot: QtBot) -> list[QDialog]:
    dialog = QDialog()
    dialog.setWindowTitle("Edit incident")
    box = QMessageBox(
        QMessageBox.Icon.Question, "Delete?", "Delete this?", QMessageBox.StandardButton.Ok
    )
    files = QFileDialog(None, "Attach a file")
    files.setOption(QFileDialog.Option.DontUseNativeDialog)
    child = QDialog(dialog)  # a dialog opened from a dialog
    dialogs = [dialog, box, files, child]
    for widget in dialogs:
        qtbot.addWidget(widget)
        widget.show()
    for widget in dialogs:
        qtbot.waitExposed(widget)
    return dialogs


def test_lock_saves_closes_clears_and_closes_the_vault_in_order(  # type: ignore[no-untyped-def]
    qtbot, controller, vault_session, secure_clipboard
) -> None:
    events: list[str] = []
    drafts_reachable: list[bool] = []

    def save_drafts(reason: str) -> None:
        events.append(f"about_to_lock:{reason}")
        drafts_reachable.append(vault_session.repos.drafts is not None)

    controller.about_to_lock.connect(save_drafts)
    vault_session.closing.connect(lambda: events.append("closing"))
    vault_session.closed.connect(lambda: events.append("closed"))
    controller.locked.connect(lambda reason: events.append(f"locked:{reason}"))
    dialogs = _open_dialogs(qtbot)
    secure_clipboard.copy(MARKER)

    assert controller.lock("manual") is True

    assert events == ["about_to_lock:manual", "closing", "closed", "locked:manual"]
    assert drafts_reachable == [True]  # drafts were saved while the vault was still open
    assert vault_session.is_open is False
    assert controller.is_locked
    assert [d for d in dialogs if d.isVisible()] == []
    assert all(d.result() == QDialog.DialogCode.Rejected for d in dialogs)
    assert QGuiApplication.clipboard().text() == ""


def test_lock_leaves_someone_elses_clipboard_alone(  # type: ignore[no-untyped-def]
    qtbot, controller, vault_session, secure_clipboard
) -> None:
    secure_clipboard.copy(MARKER)
    QGuiApplication.clipboard().setText("the user's own copy")
    controller.lock("idle")
    assert vault_session.is_open is False
    assert QGuiApplication.clipboard().text() == "the user's own copy"


def test_lock_is_idempotent(qtbot, controller, vault_session) -> None:  # type: ignore[no-untyped-def]
    locked: list[str] = []
    about: list[str] = []
    controller.locked.connect(locked.append)
    controller.about_to_lock.connect(about.append)
    assert controller.lock("idle") is True
    assert controller.lock("screen") is False
    assert locked == ["idle"] and about == ["idle"]


def _fallback_answer() -> None:
    """If locking failed to close them, end the waits with the *wrong* answer (the test fails)."""
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QMessageBox) and widget.isVisible():
            for button in widget.buttons():
                if button.text() == "Delete":
                    button.click()
        elif isinstance(widget, QDialog) and widget.isVisible():
            widget.done(42)


def test_lock_while_a_modal_dialog_and_a_question_wait(  # type: ignore[no-untyped-def]
    qtbot, controller, vault_session, vault_path, passphrase
) -> None:
    """Locking from inside nested event loops: exec() returns rejected, the question says no."""
    dialog = QDialog()
    qtbot.addWidget(dialog)
    fallback = QTimer()
    fallback.setSingleShot(True)
    fallback.timeout.connect(_fallback_answer)
    try:
        QTimer.singleShot(0, lambda: controller.lock("idle"))
        fallback.start(3000)
        assert dialog.exec() == QDialog.DialogCode.Rejected
        assert vault_session.is_open is False

        vault_session.open(vault_path, passphrase)
        QTimer.singleShot(0, lambda: controller.lock("screen"))
        fallback.start(3000)
        assert Messages.confirm(None, "Delete", "Delete this incident?", action="Delete") is False
    finally:
        fallback.stop()
    assert vault_session.is_open is False
    assert not any(isinstance(w, QDialog) and w.isVisible() for w in QApplication.topLevelWidgets())


def test_a_failing_draft_saver_does_not_stop_the_lock(qtbot, controller, vault_session) -> None:  # type: ignore[no-untyped-def]
    def broken(reason: str) -> None:
        raise RuntimeError("a screen failed while saving its draft")

    controller.about_to_lock.connect(broken)
    with qtbot.captureExceptions() as exceptions:
        controller.lock("idle")
    assert vault_session.is_open is False
    assert [type(e[1]) for e in exceptions] == [RuntimeError]


def test_attach_wires_idle_and_screen_lock(  # type: ignore[no-untyped-def]
    qtbot, controller, vault_session, clock, passphrase
) -> None:
    inactivity = InactivityTimer(clock=clock)
    screen = ScreenLockListener(start=False)
    controller.attach(inactivity, screen)
    path = vault_session.vault_path
    assert path is not None

    with qtbot.waitSignal(controller.locked, timeout=1000) as blocker:
        inactivity.idle.emit()
    assert blocker.args == ["idle"]
    assert not vault_session.is_open

    vault_session.open(path, passphrase)
    with qtbot.waitSignal(controller.locked, timeout=1000) as blocker:
        screen.screen_locked.emit("suspend")
    assert blocker.args == ["suspend"]
    assert not vault_session.is_open


def test_quick_hide_locks_and_asks_to_hide(qtbot, controller, vault_session) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignals([controller.locked, controller.hide_requested], order="strict"):
        controller.quick_hide()
    assert not vault_session.is_open
    with qtbot.waitSignal(controller.hide_requested, timeout=1000):
        controller.quick_hide()  # already locked: still hides


def test_only_the_reason_is_logged(qtbot, controller, caplog) -> None:  # type: ignore[no-untyped-def]
    controller.about_to_lock.connect(lambda reason: None)
    with caplog.at_level(logging.DEBUG, logger="peerdesk"):
        controller.lock("screen")
    assert [r.getMessage() for r in caplog.records if r.name == "peerdesk.ui.shell.locking"] == [
        "locking: screen"
    ]


# -- a lock leaves nothing behind (issue 19) ----------------------------------------------------


def test_lock_destroys_every_dialog_and_drops_every_undo_history(  # type: ignore[no-untyped-def]
    qtbot, controller, vault_session
) -> None:
    line = QLineEdit()
    qtbot.addWidget(line)
    qtbot.keyClicks(line, MARKER)
    line.clear()  # what a screen does on lock; Undo would bring the text back
    assert line.isUndoAvailable()
    note = QPlainTextEdit()
    qtbot.addWidget(note)
    qtbot.keyClicks(note, MARKER)
    qtbot.keyClick(note, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(note, Qt.Key.Key_Delete)
    assert note.toPlainText() == "" and note.document().isUndoAvailable()
    hidden = QDialog()  # a dialog closed earlier and kept: it still holds what was typed
    QLineEdit(MARKER, hidden)
    gone: list[str] = []
    hidden.destroyed.connect(lambda: gone.append("hidden"))
    dialogs = _open_dialogs(qtbot)
    for dialog in dialogs:
        name = type(dialog).__name__
        dialog.destroyed.connect(lambda _obj=None, name=name: gone.append(name))

    assert controller.lock("manual")
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    assert not line.isUndoAvailable() and not line.isRedoAvailable()
    line.undo()
    assert line.text() == ""
    assert not note.document().isUndoAvailable() and not note.document().isRedoAvailable()
    assert sorted(gone) == ["QDialog", "QDialog", "QFileDialog", "QMessageBox", "hidden"]
    assert not any(isinstance(w, QDialog) for w in QApplication.topLevelWidgets())


def test_a_message_box_open_at_lock_is_closed_and_its_text_forgotten(  # type: ignore[no-untyped-def]
    qtbot, controller, vault_session
) -> None:
    folder = f"/home/someone/{MARKER}"
    fallback = QTimer()
    fallback.setSingleShot(True)
    fallback.timeout.connect(_fallback_answer)
    try:
        QTimer.singleShot(0, lambda: controller.lock("idle"))  # runs inside the box's loop
        fallback.start(3000)
        Messages.info(None, "Backup made", f"A verified backup was written to {folder}.")
    finally:
        fallback.stop()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not vault_session.is_open
    assert not any(isinstance(w, QMessageBox) for w in QApplication.allWidgets())
    assert [(m.kind, m.title, m.text) for m in Messages.shown] == [("info", "Backup made", "")]


def test_a_finished_background_task_lets_go_of_its_work(qtbot: QtBot) -> None:
    """A task's closures (an open's passphrase, a report's records) are freed once it reports:
    nothing Qt holds keeps them alive until the process ends."""

    class Held:
        pass

    held = Held()
    kept = weakref.ref(held)
    reported: list[str] = []
    run_in_background(
        lambda _task, held=held: held,
        on_success=lambda result: reported.append(type(result).__name__),
    )
    del held
    qtbot.waitUntil(lambda: reported == ["Held"])
    wait_for_all()
    gc.collect()
    assert kept() is None
