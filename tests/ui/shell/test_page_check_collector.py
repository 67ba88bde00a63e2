"""The cycle collector runs on the GUI thread only while the application runs (collector.py).

A collection a worker thread triggers would destroy the Qt objects in the garbage on that
worker; with the page check after unlocking, a QObject freed so left the GUI thread's timer list
pointing at freed memory (a segfault in ``QTimerInfoList::activateTimers``).
"""

from __future__ import annotations

import gc
import threading
import weakref
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QObject, QTimer
from pytestqt.qtbot import QtBot

from peerdesk.ui.shell.collector import INTERVAL_MS, GuiThreadCollector


class _Cycle:
    """A garbage cycle holding a QObject with a running timer (as a screen holds its own)."""

    def __init__(self) -> None:
        self.me = self
        self.timer = QTimer()
        self.timer.setInterval(10_000)
        self.timer.start()


@pytest.fixture
def collections() -> Iterator[list[str]]:
    """The thread of every collection that found something."""
    seen: list[str] = []

    def note(phase: str, info: dict[str, Any]) -> None:
        if phase == "stop" and info["collected"]:
            seen.append(threading.current_thread().name)

    gc.collect()
    gc.callbacks.append(note)
    yield seen
    gc.callbacks.remove(note)


def _allocate_on_a_worker() -> list[list[object]]:
    """Objects a worker makes and keeps: well past the collector's first threshold."""
    kept: list[list[object]] = []

    def churn() -> None:
        kept.extend([] for _ in range(20_000))

    worker = threading.Thread(target=churn, name="worker")
    worker.start()
    worker.join()
    return kept


def test_garbage_made_on_the_gui_thread_is_collected_there_not_on_a_worker(
    qtbot: QtBot, collections: list[str]
) -> None:
    owner = QObject()
    GuiThreadCollector(owner)
    assert not gc.isenabled()
    cycle = _Cycle()
    gone = weakref.ref(cycle)
    del cycle
    kept = _allocate_on_a_worker()
    assert gone() is not None  # the worker's allocations collected nothing
    assert "worker" not in collections
    qtbot.waitUntil(lambda: gone() is None, timeout=INTERVAL_MS * 10)
    assert collections and set(collections) == {"MainThread"}
    del kept
    owner.deleteLater()
    qtbot.waitUntil(gc.isenabled, timeout=5_000)  # back on once the owner is gone
