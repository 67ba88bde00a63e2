"""The try view's countdown, measured on a clock rather than by counting ticks."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import (
    QObject,
    QTimer,
    Signal,
)

__all__ = ["TICK_MS", "Countdown"]

#: How often the countdown display is refreshed (the time itself comes from the clock).
TICK_MS = 200


class Countdown(QObject):
    """A countdown measured on ``clock`` (seconds, monotonic), not by counting ticks.

    ``ticked(remaining_seconds)`` while it runs and on every change; ``finished`` once.
    """

    ticked = Signal(float)
    finished = Signal()

    def __init__(
        self,
        seconds: float,
        clock: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._total = float(seconds)
        self._clock = clock
        self._elapsed = 0.0
        self._started_at: float | None = None
        self._done = False
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)

    @property
    def total(self) -> float:
        return self._total

    @property
    def running(self) -> bool:
        return self._started_at is not None

    @property
    def done(self) -> bool:
        return self._done

    def elapsed(self) -> float:
        if self._started_at is None:
            return self._elapsed
        return self._elapsed + max(0.0, self._clock() - self._started_at)

    def remaining(self) -> float:
        return max(0.0, self._total - self.elapsed())

    def start(self) -> None:
        if self.running or self._done:
            return
        self._started_at = self._clock()
        self._timer.start()
        self.ticked.emit(self.remaining())

    def pause(self) -> None:
        if not self.running:
            return
        self._elapsed = self.elapsed()
        self._started_at = None
        self._timer.stop()
        self.ticked.emit(self.remaining())

    def reset(self) -> None:
        self._timer.stop()
        self._started_at = None
        self._elapsed = 0.0
        self._done = False
        self.ticked.emit(self.remaining())

    def stop(self) -> None:
        """Stop ticking for good (the dialog is closing)."""
        self._timer.stop()
        if self._started_at is not None:
            self._elapsed = self.elapsed()
            self._started_at = None

    def _tick(self) -> None:
        left = self.remaining()
        if left <= 0 and not self._done:
            self._elapsed = self._total
            self._started_at = None
            self._timer.stop()
            self._done = True
            self.ticked.emit(0.0)
            self.finished.emit()
            return
        self.ticked.emit(left)
