"""Python's cycle collector runs on the GUI thread only, while the application runs.

The collector runs in whichever thread happens to allocate when a threshold is crossed. When
that is a worker (a backup, the page check after unlocking, the keyring), every Qt object in
the garbage it finds is destroyed on that worker. A QObject destroyed off its own thread cannot
stop its timers, so the GUI thread's timer list keeps a pointer to freed memory: under gdb the
shell and vault tests, run together, crashed in ``QTimerInfoList::activateTimers`` while a
worker thread was inside the collector (issue 18; the deferred page check had made this likely
enough to crash every run of the last round).

So while a :class:`GuiThreadCollector` lives the automatic collector is off, and a timer on the
GUI thread collects the generations that are due, by the collector's own thresholds, at most
every :data:`INTERVAL_MS`. Reference counting frees everything else at once, as before. The
collector is switched back on when the last of these objects is destroyed.
"""

from __future__ import annotations

import gc
import threading

from PySide6.QtCore import QObject, QTimer

#: How often the GUI thread looks whether a collection is due.
INTERVAL_MS = 500

_guard = threading.Lock()
_installed = 0  # collectors alive
_was_enabled = False  # whether the automatic collector ran before the first of them


def _released() -> None:
    global _installed
    with _guard:
        _installed -= 1
        if _installed == 0 and _was_enabled:
            gc.enable()


class GuiThreadCollector(QObject):
    """Owned by the application controller (create it on the GUI thread)."""

    def __init__(self, parent: QObject | None = None, *, interval_ms: int = INTERVAL_MS) -> None:
        global _installed, _was_enabled
        super().__init__(parent)
        with _guard:
            if _installed == 0:
                _was_enabled = gc.isenabled()
            _installed += 1
            gc.disable()
        self.destroyed.connect(_released)  # a plain function: it holds nothing of this object
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(collect_due)
        self._timer.start()


def collect_due() -> int:
    """Collect the generations the automatic collector would have collected by now (on the
    calling thread, the GUI thread). Returns the generation collected, or -1."""
    thresholds = gc.get_threshold()
    counts = gc.get_count()
    if not thresholds[0] or counts[0] <= thresholds[0]:
        return -1
    generation = 0
    for older in (1, 2):
        if counts[older] > thresholds[older]:
            generation = older
    gc.collect(generation)
    return generation


__all__ = ["INTERVAL_MS", "GuiThreadCollector", "collect_due"]
