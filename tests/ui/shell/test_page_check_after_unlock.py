"""The page check runs after the main window appears (issue 18): damage it finds locks the
vault and offers the newest good backup; a lock while it runs leaves nothing behind."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from peerdesk.storage import page_check
from peerdesk.storage.page_check import THREAD_NAME
from peerdesk.storage.vault import Vault
from peerdesk.ui.common.messages import Messages
from peerdesk.ui.common.workers import wait_for_all
from peerdesk.ui.shell.controller import AppController
from tests.ui.shell.test_app_flow import (
    MARKERS,
    STRONG,
    WAIT,
    controller,  # noqa: F401  (its fixture, by name)
    fill_markers,
    main_visible,
    make_vault,
    unlock_by_typing,
    unlock_visible,
)
from tests.ui.shell.test_unlock_fast import _vault_with_a_long_entry


def _check_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == THREAD_NAME]


def _count_show_main(ctrl: AppController) -> list[bool]:
    shown: list[bool] = []
    real_show_main = ctrl.show_main

    def show_main() -> None:
        shown.append(True)
        real_show_main()

    ctrl.show_main = show_main  # type: ignore[method-assign]
    return shown


def test_damage_found_after_the_window_appears_locks_and_offers_the_backup(
    qtbot: QtBot, request: pytest.FixtureRequest
) -> None:
    ctrl: AppController = request.getfixturevalue("controller")
    path, offset = _vault_with_a_long_entry()
    ctrl.start()
    unlock_by_typing(qtbot, ctrl, STRONG)
    qtbot.waitUntil(lambda: main_visible(ctrl), timeout=WAIT)
    backups = ctrl.registry.backups_directory()
    qtbot.waitUntil(lambda: any(backups.glob("*-unlock.peerdesk")), timeout=WAIT)
    ctrl.lock("manual")
    wait_for_all(WAIT)
    with open(path, "r+b") as f:  # damage a page that nothing reads at unlock
        f.seek(offset)
        f.write(b"\xff" * 200)
    shown = _count_show_main(ctrl)
    window = ctrl.unlock_window
    unlock_by_typing(qtbot, ctrl, STRONG)
    qtbot.waitUntil(lambda: window.restore_button.isVisible(), timeout=WAIT)
    assert shown == [True]  # the window came first; the check after it found the damage
    assert not ctrl.session.is_open and unlock_visible(ctrl)
    assert "damaged" in window.error_message().lower()
    assert not _check_threads()
    # Once found damaged, the next unlock checks before showing anything.
    window.clear()
    unlock_by_typing(qtbot, ctrl, STRONG)
    qtbot.waitUntil(lambda: window.restore_button.isVisible(), timeout=WAIT)
    assert shown == [True] and not ctrl.session.is_open
    # "Restore" uses the passphrase typed: the newest good backup comes back.
    Messages.set_next_answer(QMessageBox.StandardButton.Yes)  # "Restore"
    Messages.set_next_answer(QMessageBox.StandardButton.Ok)  # "Backup restored"
    qtbot.mouseClick(window.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: main_visible(ctrl), timeout=WAIT)
    titles = sorted(s.title for s in ctrl.session.repos.incidents.list())
    assert titles == sorted([MARKERS[0], "Long"])
    Messages.reset()


def _hold_the_check(monkeypatch: pytest.MonkeyPatch) -> tuple[threading.Event, threading.Event]:
    started, release = threading.Event(), threading.Event()
    real: Callable[..., list[str]] = page_check.damaged_pages

    def held(conn: object) -> list[str]:
        started.set()
        release.wait(WAIT / 1000)
        return real(conn)

    monkeypatch.setattr(page_check, "damaged_pages", held)
    return started, release


@pytest.mark.parametrize("damaged", [False, True], ids=["sound", "damaged"])
def test_locking_while_the_check_runs_leaves_no_thread_and_no_connection(
    qtbot: QtBot, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch, damaged: bool
) -> None:
    ctrl: AppController = request.getfixturevalue("controller")
    if damaged:
        path, offset = _vault_with_a_long_entry()
        with open(path, "r+b") as f:
            f.seek(offset)
            f.write(b"\xff" * 200)
    else:
        path = make_vault()
        fill_markers(path)
    started, release = _hold_the_check(monkeypatch)
    ctrl.start()
    unlock_by_typing(qtbot, ctrl, STRONG)
    qtbot.waitUntil(lambda: main_visible(ctrl), timeout=WAIT)
    assert started.wait(WAIT / 1000)
    assert len(_check_threads()) == 1
    threading.Timer(0.2, release.set).start()  # the check "ends" while the lock waits
    ctrl.lock("manual")
    assert release.is_set()  # the lock waited for the check before closing
    assert not _check_threads()
    assert not ctrl.session.is_open
    qtbot.wait(100)  # anything queued by the check would arrive now
    window = ctrl.unlock_window
    assert unlock_visible(ctrl)
    assert not window.restore_button.isVisible()  # a stopped check says nothing
    assert path.absolute() not in ctrl.flow.suspect
    monkeypatch.undo()
    wait_for_all(WAIT)
    # The file is free again: it opens alone (the single-writer lock was released).
    with Vault.open(path, STRONG) as again:
        assert bool(again.damaged_pages()) is damaged


def test_what_was_typed_before_the_damage_was_found_is_kept_as_a_draft(
    qtbot: QtBot, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    from peerdesk.models.draft import CAPTURE_SLOT
    from peerdesk.models.enums import RecordKind
    from peerdesk.storage.repositories import Repositories

    ctrl: AppController = request.getfixturevalue("controller")
    path, offset = _vault_with_a_long_entry()
    with open(path, "r+b") as f:
        f.seek(offset)
        f.write(b"\xff" * 200)
    started, release = _hold_the_check(monkeypatch)
    ctrl.start()
    unlock_by_typing(qtbot, ctrl, STRONG)
    qtbot.waitUntil(lambda: main_visible(ctrl), timeout=WAIT)
    assert started.wait(WAIT / 1000)
    window = ctrl.main_window
    assert window is not None
    qtbot.keyClicks(window.home.capture, MARKERS[2])  # typed while the check runs
    release.set()
    qtbot.waitUntil(lambda: ctrl.unlock_window.restore_button.isVisible(), timeout=WAIT)
    assert not ctrl.session.is_open
    monkeypatch.undo()
    with Vault.open(path, STRONG) as vault:  # the damaged page is not one a draft uses
        draft = Repositories(vault).drafts.load(RecordKind.INCIDENT, None, CAPTURE_SLOT)
    assert draft is not None and draft.payload["narrative"] == MARKERS[2]
