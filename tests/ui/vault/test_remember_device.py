"""Issue 19 item 1: "Remember on this device" is what the keyring holds, and a lock never
undoes it. Every test uses the real Secret Service of scripts/with-test-session.sh and a real
vault, and drives the windows as a person would."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from peerdesk import paths
from peerdesk.app import create_application
from peerdesk.storage.keystore import KeyStore, vault_id_for
from peerdesk.ui.common.workers import wait_for_all
from peerdesk.ui.shell.controller import AppController
from tests.helpers.keyring_fixtures import SECRET_SERVICE_TEST_SERVICE
from tests.ui.shell.test_app_flow import (
    STRONG,
    WAIT,
    main_visible,
    make_vault,
    unlock_by_typing,
    unlock_visible,
)
from tests.ui.vault.test_unlock import click_checkbox

pytestmark = pytest.mark.secret_service

NO_LONGER = "no longer remembers the passphrase on this device"


@pytest.fixture
def store(secret_service) -> KeyStore:  # type: ignore[no-untyped-def]
    return KeyStore(service=SECRET_SERVICE_TEST_SERVICE)


@pytest.fixture
def controllers(qtbot: QtBot, store: KeyStore) -> Iterator[Callable[[], AppController]]:
    """Start PeerDesk (again): a fresh AppController on the same data folder each call."""
    made: list[AppController] = []

    def start() -> AppController:
        if made:
            close(made[-1])
        ctrl = AppController(
            create_application(), keystore=KeyStore(service=SECRET_SERVICE_TEST_SERVICE)
        )
        made.append(ctrl)
        ctrl.start()
        return ctrl

    def close(ctrl: AppController) -> None:
        ctrl.session.close()
        wait_for_all(WAIT)
        for window in (ctrl.main_window, ctrl.unlock_window, ctrl.wizard):
            if window is not None:
                window.removeEventFilter(ctrl)
                if hasattr(window, "allow_close"):
                    window.allow_close()
                window.close()
                window.deleteLater()

    yield start
    if made:
        close(made[-1])


@pytest.fixture
def remembered_vault(store: KeyStore) -> str:
    """A real vault whose passphrase the keyring holds; returns its keyring id."""
    path = make_vault()
    vault_id = vault_id_for(path)
    store.remember(vault_id, STRONG)
    return vault_id


def ctrl_l(qtbot: QtBot, ctrl: AppController) -> None:
    window = ctrl.main_window
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)


def quick_hide(qtbot: QtBot, ctrl: AppController) -> None:
    window = ctrl.main_window
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(
        window,
        Qt.Key.Key_H,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    unlock = ctrl.unlock_window
    qtbot.waitUntil(lambda: unlock is not None and unlock.isMinimized(), timeout=WAIT)
    unlock.showNormal()  # the person comes back and brings PeerDesk forward


def idle(qtbot: QtBot, ctrl: AppController) -> None:
    ctrl.inactivity.set_timeout_minutes(0.002)  # idle for longer than a (shortened) timeout


LOCKS = {"ctrl+l": ctrl_l, "quick hide": quick_hide, "idle": idle}


def wait_locked_with_box(qtbot: QtBot, ctrl: AppController, ticked: bool) -> None:
    qtbot.waitUntil(
        lambda: (
            not ctrl.session.is_open
            and ctrl.unlock_window is not None
            and ctrl.unlock_window.isVisible()
        ),
        timeout=WAIT,
    )
    box = ctrl.unlock_window.remember
    qtbot.waitUntil(lambda: box.isChecked() == ticked, timeout=WAIT)
    wait_for_all(WAIT)  # the keyring has answered: nothing can move the box any more
    assert box.isChecked() == ticked


@pytest.mark.parametrize("lock", [*LOCKS, "restart"])
def test_remembered_stays_remembered_after_every_kind_of_lock(  # type: ignore[no-untyped-def]
    qtbot, controllers, store: KeyStore, remembered_vault: str, lock: str
) -> None:
    ctrl = controllers()
    qtbot.waitUntil(lambda: main_visible(ctrl), timeout=WAIT)  # unlocked from the keyring
    if lock == "restart":
        ctrl = controllers()
        qtbot.waitUntil(lambda: main_visible(ctrl), timeout=WAIT)
        ctrl_l(qtbot, ctrl)
    else:
        LOCKS[lock](qtbot, ctrl)
    wait_locked_with_box(qtbot, ctrl, ticked=True)
    # Typing the passphrase with the box as shown keeps it remembered.
    unlock_by_typing(qtbot, ctrl, STRONG)
    qtbot.waitUntil(lambda: main_visible(ctrl), timeout=WAIT)
    wait_for_all(WAIT)
    assert store.recall(remembered_vault) == STRONG
    assert ctrl.registry.get("remember_passphrase") is True
    assert NO_LONGER not in ctrl.main_window.statusBar().currentMessage()
    # And the next lock still shows it.
    ctrl.lock("manual")
    wait_locked_with_box(qtbot, ctrl, ticked=True)


def test_a_stale_remembered_passphrase_shows_the_box_ticked_and_is_replaced(  # type: ignore[no-untyped-def]
    qtbot, controllers, store: KeyStore
) -> None:
    """Restart with an entry that no longer opens the vault: the box still says remembered,
    and typing the right passphrase stores it instead of dropping the entry."""
    path = make_vault()
    vault_id = vault_id_for(path)
    store.remember(vault_id, "an old passphrase from before")
    ctrl = controllers()
    # Nobody typed anything: the window says the remembered passphrase is out of date.
    qtbot.waitUntil(
        lambda: "remembered on this device no longer opens" in ctrl.unlock_window.error_message(),
        timeout=WAIT,
    )
    wait_locked_with_box(qtbot, ctrl, ticked=True)
    unlock_by_typing(qtbot, ctrl, STRONG)
    qtbot.waitUntil(lambda: main_visible(ctrl), timeout=WAIT)
    wait_for_all(WAIT)
    assert store.recall(vault_id) == STRONG


def test_unticking_forgets_and_says_so(
    qtbot,
    controllers,
    store: KeyStore,  # type: ignore[no-untyped-def]
    remembered_vault: str,
) -> None:
    ctrl = controllers()
    qtbot.waitUntil(lambda: main_visible(ctrl), timeout=WAIT)
    ctrl_l(qtbot, ctrl)
    wait_locked_with_box(qtbot, ctrl, ticked=True)
    click_checkbox(qtbot, ctrl.unlock_window.remember)
    assert not ctrl.unlock_window.remember.isChecked()
    unlock_by_typing(qtbot, ctrl, STRONG)
    qtbot.waitUntil(lambda: main_visible(ctrl), timeout=WAIT)
    status = ctrl.main_window.statusBar()
    qtbot.waitUntil(lambda: NO_LONGER in status.currentMessage(), timeout=WAIT)
    assert store.recall(remembered_vault) is None
    assert ctrl.registry.get("remember_passphrase") is False
    # From now on the box shows it unticked, and a restart asks for the passphrase.
    ctrl.lock("manual")
    wait_locked_with_box(qtbot, ctrl, ticked=False)
    ctrl = controllers()
    wait_locked_with_box(qtbot, ctrl, ticked=False)
    assert unlock_visible(ctrl)


def test_not_remembered_stays_unticked_and_ticking_remembers(  # type: ignore[no-untyped-def]
    qtbot, controllers, store: KeyStore
) -> None:
    path: Path = make_vault()
    vault_id = vault_id_for(path)
    ctrl = controllers()
    wait_locked_with_box(qtbot, ctrl, ticked=False)
    unlock_by_typing(qtbot, ctrl, STRONG)
    qtbot.waitUntil(lambda: main_visible(ctrl), timeout=WAIT)
    wait_for_all(WAIT)
    assert store.recall(vault_id) is None
    assert NO_LONGER not in ctrl.main_window.statusBar().currentMessage()
    idle(qtbot, ctrl)
    wait_locked_with_box(qtbot, ctrl, ticked=False)
    click_checkbox(qtbot, ctrl.unlock_window.remember)
    unlock_by_typing(qtbot, ctrl, STRONG)
    qtbot.waitUntil(lambda: main_visible(ctrl), timeout=WAIT)
    wait_for_all(WAIT)
    assert store.recall(vault_id) == STRONG
    assert paths.default_vault_path() == path
    ctrl.lock("manual")
    wait_locked_with_box(qtbot, ctrl, ticked=True)
