"""Unlocking shows the main window without work that grows with the vault (issue 18, item 1).

The main window is built, empty, behind the unlock window while the passphrase is typed; the
page check (which reads the whole file) runs once the window is up, and damage it finds locks
the vault and offers the newest good backup, as a damaged vault found at unlock always did.
"""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from peerdesk.app import create_application
from peerdesk.models import Incident
from peerdesk.storage.keystore import KeyringStatus, KeyStore
from peerdesk.storage.repositories import Repositories
from peerdesk.storage.vault import Vault
from peerdesk.ui.common.workers import wait_for_all
from peerdesk.ui.journal.screen import JournalScreen
from peerdesk.ui.shell.controller import AppController
from tests.ui.shell.test_app_flow import (
    STRONG,
    WAIT,
    controller,  # noqa: F401  (its fixture, by name)
    fill_markers,
    main_visible,
    make_vault,
    unlock_by_typing,
)


def test_the_main_window_is_prepared_empty_while_the_passphrase_is_typed(
    qtbot: QtBot, request: pytest.FixtureRequest
) -> None:
    ctrl: AppController = request.getfixturevalue("controller")
    fill_markers(make_vault())
    ctrl.start()
    qtbot.waitUntil(lambda: ctrl.main_window is not None, timeout=WAIT)
    window = ctrl.main_window
    assert window is not None
    assert not window.isVisible() and not ctrl.session.is_open
    assert not any(window.is_loaded(key) for key in window.screens)  # nothing read
    journal = window.screens["journal"]
    assert isinstance(journal, JournalScreen) and journal.model.rowCount() == 0
    assert window.home.attention.count() == 0
    unlock_by_typing(qtbot, ctrl, STRONG)
    qtbot.waitUntil(lambda: main_visible(ctrl), timeout=WAIT)
    assert ctrl.main_window is window  # the same window, now with the vault's data
    assert window.is_loaded("home") and not window.is_loaded("journal")
    window.show_section("journal")
    assert journal.model.rowCount() == 1


def _vault_with_a_long_entry() -> tuple[Path, int]:
    """A vault whose last pages hold one long narrative (read by no screen at unlock), and the
    offset of a byte in one of them."""
    path = make_vault()
    fill_markers(path)
    words = " ".join(f"word{n}" for n in range(60_000))
    with Vault.open(path, STRONG) as vault:
        Repositories(vault).incidents.add(
            Incident(event_date=date(2026, 5, 3), title="Long", narrative=words)
        )
    size = path.stat().st_size
    return path, size - 4096 * 3 + 300


def test_the_keyring_is_asked_off_the_gui_thread_once_the_window_is_up(
    qtbot: QtBot, memory_keyring: object
) -> None:
    """Loading the keyring and finding its backend took 0.25–0.4 s before the window showed."""
    asked_on: list[bool] = []

    class Watched(KeyStore):
        def status(self) -> KeyringStatus:
            asked_on.append(threading.current_thread() is threading.main_thread())
            return super().status()

    make_vault()
    ctrl = AppController(create_application(), keystore=Watched())
    try:
        ctrl.start()
        window = ctrl.unlock_window
        assert window is not None and window.isVisible()
        qtbot.waitUntil(lambda: ctrl.known_keyring_status() is not None, timeout=WAIT)
        assert asked_on == [False]  # once, on a worker
        assert window.remember.isEnabled()  # the memory keyring can remember
        unlock_by_typing(qtbot, ctrl, STRONG)
        qtbot.waitUntil(lambda: main_visible(ctrl), timeout=WAIT)
    finally:
        ctrl.session.close()
        wait_for_all(WAIT)
        for shown in (ctrl.main_window, ctrl.unlock_window):
            if shown is not None:
                if hasattr(shown, "allow_close"):
                    shown.allow_close()
                shown.removeEventFilter(ctrl)
                shown.close()
