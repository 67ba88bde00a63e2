"""The crash handler and logging carry no user content (SECURITY.md 19)."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import textwrap
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from peerdesk.models.text import clean_text
from peerdesk.ui.common.messages import Button, Messages, Shown
from peerdesk.ui.shell import crash
from peerdesk.ui.shell.crash import (
    PlainRecordFilter,
    configure_logging,
    crash_text,
    install_excepthook,
)

PROJECT_ROOT = Path(__file__).resolve().parents[3]
MARKER = "MARKER-7f3a Bob said I was useless"


def _files_under(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*")}


@pytest.fixture
def hooks(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., Callable[[], None]]]:
    """install_excepthook, with every hook it replaces restored afterwards."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    monkeypatch.setattr(sys, "unraisablehook", sys.unraisablehook)
    uninstallers: list[Callable[[], None]] = []

    def install(*args: object, **kwargs: object) -> Callable[[], None]:
        uninstall = install_excepthook(*args, **kwargs)  # type: ignore[arg-type]
        uninstallers.append(uninstall)
        return uninstall

    yield install
    for uninstall in reversed(uninstallers):
        uninstall()


def _raise_with_content() -> None:
    # Our own code puts the field name in the message: content, for all the hook knows.
    clean_text(12345, field=MARKER)  # type: ignore[arg-type]


def _crash_through_excepthook() -> None:
    try:
        _raise_with_content()
    except TypeError:
        sys.excepthook(*sys.exc_info())  # type: ignore[arg-type]


def _logged(caplog: pytest.LogCaptureFixture) -> str:
    formatter = logging.Formatter("%(levelname)s %(name)s: %(message)s")
    return "\n".join(formatter.format(r) for r in caplog.records)


def test_excepthook_shows_and_logs_no_content_and_writes_nothing(  # type: ignore[no-untyped-def]
    qtbot, hooks, caplog, capsys, tmp_path
) -> None:
    before = _files_under(tmp_path)
    shown: list[str] = []
    hooks(shown.append)

    with caplog.at_level(logging.DEBUG):
        _crash_through_excepthook()

    assert shown == [
        "PeerDesk hit an unexpected problem (TypeError). Your saved work is safe in the vault; "
        "unsaved text may be kept as a draft. Please restart PeerDesk."
    ]
    logged = _logged(caplog)
    assert "TypeError" in logged
    assert "peerdesk/models/text.py:" in logged  # where, in our code
    assert "test_crash.py" not in logged  # only our package's frames
    out, err = capsys.readouterr()
    for text in (*shown, logged, out, err):
        assert "MARKER-7f3a" not in text
        assert "useless" not in text
    assert _files_under(tmp_path) == before  # nothing in tmp_path, which holds HOME and data


def test_default_dialog_goes_through_messages(qtbot, hooks, caplog) -> None:  # type: ignore[no-untyped-def]
    Messages.set_next_answer(Button.Ok)
    hooks()
    _crash_through_excepthook()
    assert Messages.shown == [Shown("error", "PeerDesk", crash_text(TypeError))]


def test_an_exception_in_a_thread_is_shown_on_the_gui_thread(qtbot, hooks, caplog) -> None:  # type: ignore[no-untyped-def]
    shown: list[tuple[str, bool]] = []
    hooks(lambda text: shown.append((text, threading.current_thread() is threading.main_thread())))

    def work() -> None:
        raise ValueError(MARKER)

    with caplog.at_level(logging.DEBUG):
        thread = threading.Thread(target=work, name="worker")
        thread.start()
        thread.join(timeout=30)
        qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    assert shown == [(crash_text(ValueError), True)]
    assert "ValueError" in _logged(caplog)
    assert "MARKER-7f3a" not in _logged(caplog)


def test_unraisable_exceptions_are_logged_by_type_only(qtbot, hooks, caplog, capsys) -> None:  # type: ignore[no-untyped-def]
    hooks(lambda text: None)

    class Leaky:
        def __del__(self) -> None:
            raise RuntimeError(MARKER)

    with caplog.at_level(logging.DEBUG):
        Leaky()
    assert "unraisable RuntimeError" in _logged(caplog)
    out, err = capsys.readouterr()
    for text in (_logged(caplog), out, err):
        assert "MARKER-7f3a" not in text


def test_a_crash_while_the_dialog_is_open_shows_one_dialog(qtbot, hooks, caplog) -> None:  # type: ignore[no-untyped-def]
    shown: list[str] = []

    def dialog(text: str) -> None:
        shown.append(text)
        _crash_through_excepthook()  # e.g. a timer firing while the box waits

    hooks(dialog)
    with caplog.at_level(logging.DEBUG):
        _crash_through_excepthook()
    assert len(shown) == 1
    assert _logged(caplog).count("unhandled TypeError") == 2


def test_keyboard_interrupt_shows_no_dialog(qtbot, hooks) -> None:  # type: ignore[no-untyped-def]
    shown: list[str] = []
    hooks(shown.append)
    try:
        raise KeyboardInterrupt
    except KeyboardInterrupt:
        sys.excepthook(*sys.exc_info())  # type: ignore[arg-type]
    assert shown == []


def test_uninstall_restores_the_previous_hooks(hooks) -> None:  # type: ignore[no-untyped-def]
    previous = (sys.excepthook, threading.excepthook, sys.unraisablehook)
    uninstall = hooks(lambda text: None)
    assert sys.excepthook is not previous[0]
    uninstall()
    assert (sys.excepthook, threading.excepthook, sys.unraisablehook) == previous


# -- logging -----------------------------------------------------------------------------------


@pytest.fixture
def stderr_logging() -> Iterator[Callable[[bool], logging.Handler]]:
    root = logging.getLogger()
    level = root.level
    installed: list[logging.Handler] = []

    def configure(verbose: bool) -> logging.Handler:
        handler = configure_logging(verbose)
        installed.append(handler)
        return handler

    yield configure
    for handler in installed:
        root.removeHandler(handler)
    root.setLevel(level)


def test_configure_logging_keeps_kinds_and_drops_content(stderr_logging, capsys) -> None:  # type: ignore[no-untyped-def]
    stderr_logging(False)
    log = logging.getLogger("peerdesk.test")
    log.info("locking: %s", "idle")  # below WARNING: not shown by default
    log.warning("locking: %s", "screen")
    log.warning("saving failed: %s", MARKER)  # content as an argument: dropped
    log.warning({"note": MARKER})  # not a format string: dropped
    log.warning("%(note)s", {"note": MARKER})  # mapping arguments: dropped
    try:
        raise ValueError(MARKER)
    except ValueError:
        log.exception("export failed")  # the traceback (and its message) is stripped
    err = capsys.readouterr().err
    assert "locking: idle" not in err
    assert "WARNING peerdesk.test: locking: screen" in err
    assert "ERROR peerdesk.test: export failed [ValueError]" in err
    assert "MARKER-7f3a" not in err
    assert "Traceback" not in err


def test_configure_logging_verbose_and_idempotent(stderr_logging, capsys) -> None:  # type: ignore[no-untyped-def]
    stderr_logging(True)
    handler = stderr_logging(True)
    root = logging.getLogger()
    assert [h for h in root.handlers if getattr(h, "_peerdesk_handler", False)] == [handler]
    assert isinstance(handler, logging.StreamHandler)
    assert not isinstance(handler, logging.FileHandler)  # standard error only
    logging.getLogger("peerdesk.test").debug("lock reason: %s, count %d", "idle", 3)
    assert capsys.readouterr().err.count("lock reason: idle, count 3") == 1


@pytest.mark.parametrize(
    ("args", "kept"),
    [
        (("idle",), True),
        (("TypeError", 3, 0.5, None, True), True),
        (("peerdesk/ui/shell/locking.py:12,peerdesk/ui/shell/crash.py:40",), True),
        (("two words",), False),
        (("/home/alice/Documents/secret.pdf",), True),  # looks like a path: see the note
        ((b"bytes",), False),
        ((["a"],), False),
        (("x" * 801,), False),
    ],
)
def test_plain_record_filter(args: tuple[object, ...], kept: bool) -> None:
    """The filter is a safety net, not a content detector: a path is a "word" to it, which
    is why the policy forbids paths in log calls and code review checks that."""
    record = logging.LogRecord(
        "peerdesk.x", logging.WARNING, __file__, 1, " ".join(["%s"] * len(args)), args, None
    )
    assert PlainRecordFilter().filter(record) is kept


# -- core dumps --------------------------------------------------------------------------------


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_CORE and prctl")
def test_disable_core_dumps(tmp_path: Path) -> None:
    """In a child process: the test process itself keeps its limits."""
    script = textwrap.dedent(
        """
        import ctypes, resource
        from peerdesk.ui.shell.crash import disable_core_dumps
        print(disable_core_dumps())
        print(resource.getrlimit(resource.RLIMIT_CORE))
        print(ctypes.CDLL(None).prctl(3, 0, 0, 0, 0))  # PR_GET_DUMPABLE
        """
    )
    env = dict(os.environ, PYTHONPATH=str(PROJECT_ROOT))
    result = subprocess.run(
        [sys.executable, "-c", script],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:3] == ["True", "(0, 0)", "0"]


def test_frames_outside_our_package_are_left_out() -> None:
    try:
        _raise_with_content()
    except TypeError:
        frames = crash.our_frames(sys.exc_info()[2])
    assert frames and all(f.startswith("peerdesk/") for f in frames)
