"""Background work with success/failure callbacks (after Anki's ``aqt/operations``).

``run_in_background(fn, on_success=…, on_failure=…)`` runs ``fn`` on Qt's thread pool and
calls back on the GUI thread. Work that touches the vault must open its own connection inside
``fn`` (``vault.sibling()``): a SQLite connection belongs to the thread that made it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)


class _Relay(QObject):
    succeeded = Signal(object)
    failed = Signal(object)
    progressed = Signal(int, int)


class Task(QRunnable):
    """A unit of background work. ``cancel()`` asks cooperative work to stop."""

    def __init__(self, fn: Callable[[Task], Any]) -> None:
        super().__init__()
        self._fn = fn
        self.relay = _Relay()
        self.cancelled = False
        self.finished = False
        self.setAutoDelete(False)

    def cancel(self) -> None:
        self.cancelled = True

    def report(self, done: int, total: int) -> None:
        """Called from the work: shows as progress on the GUI thread."""
        self.relay.progressed.emit(done, total)

    @Slot()
    def run(self) -> None:
        try:
            result = self._fn(self)
        except BaseException as exc:  # delivered to on_failure on the GUI thread
            log.debug("background task failed: %s", type(exc).__name__)
            self.relay.failed.emit(exc)
        else:
            self.relay.succeeded.emit(result)


_running: set[Task] = set()


def _finished(_task: Task) -> None:
    """What a task that has reported holds instead of its work."""


def run_in_background(
    fn: Callable[[Task], Any],
    *,
    on_success: Callable[[Any], None] | None = None,
    on_failure: Callable[[BaseException], None] | None = None,
    on_progress: Callable[[int, int], None] | None = None,
    pool: QThreadPool | None = None,
) -> Task:
    """Run ``fn(task)`` off the GUI thread; callbacks run on the GUI thread."""
    task = Task(fn)

    def done() -> None:
        task.finished = True
        _running.discard(task)

    def let_go() -> None:
        # The relay's connections hold these closures and they hold the task: a cycle through
        # Qt that Python's collector cannot see. Break it, so that the work, its arguments
        # (passphrases, records) and the callbacks are freed once the task has reported.
        task._fn = _finished
        task.relay.succeeded.disconnect()
        task.relay.failed.disconnect()
        if on_progress is not None:
            task.relay.progressed.disconnect()

    def succeeded(result: object) -> None:
        done()
        try:
            if on_success is not None:
                on_success(result)
        finally:
            let_go()

    def failed(exc: object) -> None:
        done()
        try:
            if on_failure is not None:
                on_failure(exc)  # type: ignore[arg-type]
            else:
                log.warning("background task failed without a handler: %s", type(exc).__name__)
        finally:
            let_go()

    task.relay.succeeded.connect(succeeded)
    task.relay.failed.connect(failed)
    if on_progress is not None:
        task.relay.progressed.connect(on_progress)
    _running.add(task)  # keep it alive until it reports
    (pool or QThreadPool.globalInstance()).start(task)
    return task


def wait_for_all(timeout_ms: int = 30_000) -> bool:
    """Block until background work is done (quitting, tests)."""
    return QThreadPool.globalInstance().waitForDone(timeout_ms)
