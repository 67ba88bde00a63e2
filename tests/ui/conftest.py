"""UI fixtures: an open VaultSession on a real vault in the test's temporary folder."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from peerdesk.ui.common import accessibility
from peerdesk.ui.common.messages import Messages
from peerdesk.ui.common.session import VaultSession


@pytest.fixture(autouse=True)
def accessibility_rules(qapp: QApplication) -> None:
    """The rules the application installs at start (focus ring; tables one Tab stop; Tab leaves
    date and shortcut fields), so that every GUI test meets the windows as a person does."""
    accessibility.install(qapp)


@pytest.fixture(autouse=True)
def clean_messages() -> Iterator[None]:
    Messages.reset()
    yield
    Messages.reset()


@pytest.fixture(autouse=True)
def garbage_collected_here() -> Iterator[None]:
    """What a test leaves in reference cycles (controllers, windows, their timers) is freed at
    its end, on this (the GUI) thread.

    Left to Python's collector, it was freed during a later test on whichever thread crossed
    the collector's threshold, often a backup or keyring worker. A QObject with running timers
    destroyed there ("QObject::~QObject: Timers cannot be stopped from another thread") left the
    GUI thread's timer list pointing at freed memory. ``tests/ui/shell`` + ``tests/ui/vault``
    run together crashed in ``QTimerInfoList::activateTimers`` on main, with or without the
    page check after the window (issue 18).
    """
    yield
    gc.collect()


@pytest.fixture
def session(qtbot: QtBot, vault_path: Path, passphrase: str) -> Iterator[VaultSession]:
    s = VaultSession()
    s.create(vault_path, passphrase)
    yield s
    s.close()
