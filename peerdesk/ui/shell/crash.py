"""Crash handling and logging that never carry user content.

Logging policy
--------------
PeerDesk logs to standard error only, never to a file. A log call passes a constant format
string and, as arguments, only *kinds* and *reasons*: an exception's type name, a lock reason
("idle"), a count, an error code name, a ``file:line`` of our own code. Never note text, names,
passphrases, keys, paths or attachment names, and never an exception's message (``str(exc)``,
``log.exception``): messages can quote what the user typed.

:class:`PlainRecordFilter` enforces the mechanical part of that on the handler
:func:`configure_logging` installs: a record whose message is not a ``str``, or whose arguments
are not plain scalars and short single words, is dropped; a traceback attached to a record
(``exc_info``) is replaced by the exception's type name. It cannot recognise a name typed into a
format string with an f-string; code review has to.

The crash handler
-----------------
:func:`install_excepthook` replaces ``sys.excepthook``, ``threading.excepthook`` and
``sys.unraisablehook``. An unhandled exception is logged as its type and the ``file:line``
frames inside the ``peerdesk`` package, and the user sees a plain dialog naming the type only.
Nothing is written to disk.
"""

from __future__ import annotations

import logging
import re
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any

import peerdesk
from peerdesk.i18n import N_, _

log = logging.getLogger(__name__)

_PACKAGE_DIR = Path(peerdesk.__file__).resolve().parent  # .../peerdesk
_MAX_FRAMES = 12
_UNKNOWN_KIND = "Exception"  # i18n: keep — a Python type name, as the others

CRASH_TITLE = "PeerDesk"  # i18n: keep — the application's name
CRASH_TEXT = N_(
    "PeerDesk hit an unexpected problem ({kind}). Your saved work is safe in the vault; "
    "unsaved text may be kept as a draft. Please restart PeerDesk."
)


def crash_text(exc_type: type[BaseException]) -> str:
    # translators: {kind} is a programmer's name of the error, e.g. RuntimeError
    return _(CRASH_TEXT).format(kind=_type_name(exc_type))


def _type_name(exc_type: type[BaseException]) -> str:
    name = getattr(exc_type, "__name__", "")
    return name if _WORD_RE.fullmatch(name) else _UNKNOWN_KIND


def our_frames(tb: TracebackType | None) -> list[str]:
    """``peerdesk/ui/x.py:12`` for each frame of our own package, outermost first."""
    frames: list[str] = []
    for summary in traceback.extract_tb(tb):
        try:
            relative = Path(summary.filename).resolve().relative_to(_PACKAGE_DIR.parent)
        except (ValueError, OSError):
            continue  # the standard library, Qt, tests, third parties
        if relative.parts and relative.parts[0] == _PACKAGE_DIR.name:
            frames.append(f"{relative.as_posix()}:{summary.lineno}")
    return frames[-_MAX_FRAMES:]


def _where(tb: TracebackType | None) -> str:
    return ",".join(our_frames(tb)) or "-"


# -- the hooks ---------------------------------------------------------------------------------


class _Hooks:
    """What :func:`install_excepthook` replaced, and the state of the crash dialog."""

    def __init__(self, show_dialog: Callable[[str], None]) -> None:
        self.show_dialog = show_dialog
        self.previous_excepthook = sys.excepthook
        self.previous_threading_hook = threading.excepthook
        self.previous_unraisablehook = sys.unraisablehook
        self.showing = False
        self.relay: Any = None

    def uninstall(self) -> None:
        sys.excepthook = self.previous_excepthook
        threading.excepthook = self.previous_threading_hook
        sys.unraisablehook = self.previous_unraisablehook

    # -- entry points ----------------------------------------------------------------------------

    def excepthook(
        self, exc_type: type[BaseException], exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            log.warning("interrupted")
            return
        log.error("unhandled %s at %s", _type_name(exc_type), _where(tb))
        self._show(exc_type)

    def threading_hook(self, args: threading.ExceptHookArgs) -> None:
        if issubclass(args.exc_type, SystemExit):
            return
        log.error(
            "unhandled in a thread: %s at %s", _type_name(args.exc_type), _where(args.exc_traceback)
        )
        self._show(args.exc_type)

    def unraisablehook(self, unraisable: Any) -> None:
        # The default prints the message and repr() of the object involved: content.
        exc_type = getattr(unraisable, "exc_type", None) or Exception
        log.error(
            "unraisable %s at %s",
            _type_name(exc_type),
            _where(getattr(unraisable, "exc_traceback", None)),
        )

    # -- internals -------------------------------------------------------------------------------

    def _show(self, exc_type: type[BaseException]) -> None:
        text = crash_text(exc_type)
        if threading.current_thread() is not threading.main_thread() and self.relay is not None:
            self.relay.show.emit(text)  # queued to the GUI thread
            return
        self.show_now(text)

    def show_now(self, text: str) -> None:
        if self.showing:  # a crash while the dialog is open: logged above, one dialog is enough
            return
        self.showing = True
        try:
            self.show_dialog(text)
        except Exception as exc:  # the dialog itself failed: keep the original report
            log.error("crash dialog failed: %s", _type_name(type(exc)))
        finally:
            self.showing = False


def _default_dialog(text: str) -> None:
    from PySide6.QtWidgets import QApplication

    if isinstance(QApplication.instance(), QApplication):
        from peerdesk.ui.common.messages import Messages

        Messages.error(None, CRASH_TITLE, text)
    else:  # no GUI (yet): the same words on standard error
        print(text, file=sys.stderr)


_installed: _Hooks | None = None


def install_excepthook(show_dialog: Callable[[str], None] | None = None) -> Callable[[], None]:
    """Install the content-free crash handler; returns a function that restores the old hooks.

    ``show_dialog(text)`` shows the message (default: ``Messages.error`` when a QApplication
    exists, else standard error). It always runs on the GUI thread: an exception in another
    thread is passed over through a queued signal (call this from the GUI thread).
    """
    global _installed
    if _installed is not None:
        _installed.uninstall()
    hooks = _Hooks(show_dialog if show_dialog is not None else _default_dialog)
    hooks.relay = _make_relay(hooks)
    sys.excepthook = hooks.excepthook
    threading.excepthook = hooks.threading_hook
    sys.unraisablehook = hooks.unraisablehook
    _installed = hooks

    def uninstall() -> None:
        global _installed
        hooks.uninstall()
        if _installed is hooks:
            _installed = None

    return uninstall


def _make_relay(hooks: _Hooks) -> Any:
    """A QObject living on this (the GUI) thread, or None without Qt."""
    try:
        from PySide6.QtCore import QObject, Signal
    except ImportError:  # pragma: no cover - PySide6 is a dependency
        return None

    class _Relay(QObject):
        show = Signal(str)

    relay = _Relay()
    relay.show.connect(hooks.show_now)
    return relay


# -- core dumps --------------------------------------------------------------------------------

_PR_SET_DUMPABLE = 4


def disable_core_dumps() -> bool:
    """No core files (a dump would hold the decrypted vault pages and the passphrase).

    Sets ``RLIMIT_CORE`` to 0 (systemd-coredump honours it too) and, on Linux, marks the
    process non-dumpable (``prctl(PR_SET_DUMPABLE, 0)``, as KeePassXC does), which also stops
    other processes of the same user from attaching a debugger or reading its memory.
    Returns True if the core limit is now 0; a no-op where unavailable (Windows).
    """
    try:
        import resource
    except ImportError:
        return False
    try:
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (ValueError, OSError):
        return False
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_DUMPABLE, 0, 0, 0, 0)
        except (OSError, AttributeError):
            pass
    return True


# -- logging -----------------------------------------------------------------------------------

# One "word": letters, digits and the punctuation of type names, reasons and file:line lists.
_WORD_RE = re.compile(r"[A-Za-z0-9_.:/,<>+-]{0,800}")
_MAX_MESSAGE = 300


def _plain(value: object) -> bool:
    if value is None or isinstance(value, bool | int | float):
        return True
    return isinstance(value, str) and _WORD_RE.fullmatch(value) is not None


class PlainRecordFilter(logging.Filter):
    """Drops records that could carry content; strips tracebacks (see the module docstring)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not isinstance(record.msg, str) or len(record.msg) > _MAX_MESSAGE:
            return False
        args = record.args
        if isinstance(args, dict):
            return False
        if args and not all(_plain(arg) for arg in args):
            return False
        if record.exc_info:
            exc_type = record.exc_info[0]
            kind = _type_name(exc_type) if exc_type is not None else _UNKNOWN_KIND
            record.msg = record.msg.replace("%", "%%") if not args else record.msg
            record.msg += " [%s]"
            record.args = (*(args or ()), kind)
            record.exc_info = None
        record.exc_text = None
        record.stack_info = None
        return True


_HANDLER_MARK = "_peerdesk_handler"


def configure_logging(verbose: bool = False) -> logging.Handler:
    """Log to standard error only: WARNING and up, or DEBUG with ``verbose``. Idempotent."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, _HANDLER_MARK, False):
            root.removeHandler(handler)
    handler = logging.StreamHandler(sys.stderr)
    setattr(handler, _HANDLER_MARK, True)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    handler.addFilter(PlainRecordFilter())
    root.addHandler(handler)
    root.setLevel(logging.DEBUG if verbose else logging.WARNING)
    return handler
