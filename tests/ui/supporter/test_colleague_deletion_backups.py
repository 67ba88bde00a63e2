"""Deleting for good reaches the automatic backups (issue 19, item 2), driven through the whole
application: automatic backups are made the way the app makes them (by unlocking), a person
deletes, and then EVERY automatic backup in the backups folder is opened with the passphrase and
searched — they are encrypted, so only opening them proves anything.
"""

from __future__ import annotations

import threading
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QThreadPool, QTimer
from PySide6.QtWidgets import QAbstractItemView, QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from peerdesk.storage.colleagues import ColleagueRepository
from peerdesk.storage.vault import Vault
from peerdesk.ui.common.item_models import ObjectRole
from peerdesk.ui.common.messages import Button, Messages
from peerdesk.ui.common.workers import run_in_background, wait_for_all
from peerdesk.ui.shell.controller import AppController
from peerdesk.ui.supporter.screen import ColleaguesScreen
from tests.storage.test_backup_purge import (
    add_marked_colleague,
    automatic_backups,
    where_backup_holds,
    where_vault_holds,
)
from tests.ui.helpers import click
from tests.ui.shell.test_app_flow import (
    STRONG,
    WAIT,
    main_visible,
    make_vault,
    unlock_by_typing,
    unlock_visible,
)
from tests.ui.shell.test_app_flow import controller as whole_app  # noqa: F401 (a fixture)

GONE = "Brambleghostmarker"
ALSO_GONE = "Thistlewispmarker"
KEPT = "Stayputmarker"
UNLOCKS = 3


@pytest.fixture
def controller(whole_app: AppController) -> AppController:  # noqa: F811
    """The controller of tests/ui/shell/test_app_flow.py (real vault, memory keyring)."""
    return whole_app


def unlock_times(qtbot: QtBot, ctrl: AppController, times: int) -> Path:
    """Unlock (and lock again between) ``times`` times, as a person would; each unlock makes an
    automatic backup. Returns the backups folder."""
    ctrl.start()
    folder = Path()
    for number in range(1, times + 1):
        qtbot.waitUntil(lambda: unlock_visible(ctrl), timeout=WAIT)
        unlock_by_typing(qtbot, ctrl, STRONG)
        qtbot.waitUntil(lambda: main_visible(ctrl), timeout=WAIT)
        folder = ctrl.registry.backups_directory()
        qtbot.waitUntil(
            lambda n=number, f=folder: len(list(f.glob("*-unlock.peerdesk"))) == n, timeout=WAIT
        )
        if number < times:
            ctrl.lock("manual")
    return folder


def colleagues_screen(qtbot: QtBot, ctrl: AppController) -> ColleaguesScreen:
    window = ctrl.main_window
    assert window is not None
    window.show_section("colleagues")
    screen = window.screens["colleagues"]
    assert isinstance(screen, ColleaguesScreen) and screen.isVisible()
    return screen


def click_row(qtbot, view: QAbstractItemView, predicate, *, add: bool = False) -> None:  # type: ignore[no-untyped-def]
    """Click the first row whose object matches (with Ctrl held to add it to the selection)."""
    model = view.model()
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        if predicate(index.data(ObjectRole)):
            view.scrollTo(index)
            modifier = (
                Qt.KeyboardModifier.ControlModifier if add else Qt.KeyboardModifier.NoModifier
            )
            qtbot.mouseClick(
                view.viewport(),
                Qt.MouseButton.LeftButton,
                modifier,
                view.visualRect(index).center(),
            )
            return
    raise AssertionError("no such row")


def assert_no_automatic_backup_holds(folder: Path, vault_path: Path, *markers: str) -> None:
    backups = automatic_backups(folder, vault_path)
    assert backups, "there must be an automatic backup to open"
    for path in backups:
        for marker in markers:
            assert where_backup_holds(path, STRONG, marker) == [], (path.name, marker)
        assert where_backup_holds(path, STRONG, KEPT), path.name  # the rest is all there


# -- deleting a colleague --------------------------------------------------------------------------


def test_deleting_a_colleague_replaces_every_automatic_backup_holding_them(
    qtbot: QtBot, controller: AppController
) -> None:
    path = make_vault()
    with Vault.open(path, STRONG) as vault:
        gone, _ = add_marked_colleague(vault, GONE)
        add_marked_colleague(vault, KEPT)
    folder = unlock_times(qtbot, controller, UNLOCKS)
    before = automatic_backups(folder, path)
    assert len(before) == UNLOCKS
    assert all(where_backup_holds(p, STRONG, GONE) for p in before)  # they hold them now

    screen = colleagues_screen(qtbot, controller)
    screen.tabs.setCurrentIndex(0)
    click_row(qtbot, screen.colleague_table, lambda r: r.colleague.id == gone)
    assert screen.form.colleague_id == gone
    Messages.set_next_answer(Button.Yes)
    click(qtbot, screen.form.delete_button)
    asked = Messages.shown[-1]
    assert asked.title == "Delete everything about this colleague?"
    assert GONE not in asked.title and GONE not in asked.text

    wait_for_all(WAIT)  # the deletion's background work
    assert_no_automatic_backup_holds(folder, path, GONE)
    assert not any(p.exists() for p in before)
    assert len(automatic_backups(folder, path)) == 1
    assert where_vault_holds(controller.session.repos.vault, GONE) == []
    qtbot.waitUntil(
        lambda: "replaced by one fresh backup" in screen.deletion_status.text(), timeout=WAIT
    )
    status = screen.deletion_status.text()
    assert f"The {UNLOCKS} automatic backups" in status
    assert "Back up now" in status and "peerdesk backup" in status and "PDF" in status
    assert GONE not in status
    assert not [m for m in Messages.shown if m.kind != "question"]  # no box for good news


def test_the_confirmation_says_what_happens_to_copies(
    qtbot: QtBot, controller: AppController
) -> None:
    path = make_vault()
    with Vault.open(path, STRONG) as vault:
        gone, _ = add_marked_colleague(vault, GONE)
    unlock_times(qtbot, controller, 1)
    screen = colleagues_screen(qtbot, controller)
    click_row(qtbot, screen.colleague_table, lambda r: r.colleague.id == gone)
    # The real dialog: read it as the person would, then press Cancel.
    seen: dict[str, str] = {}
    poll = QTimer()

    def answer() -> None:
        boxes = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, QMessageBox) and w.isVisible()
        ]
        if boxes:
            poll.stop()
            box = boxes[0]
            seen.update(title=box.windowTitle(), text=box.text(), info=box.informativeText())
            box.button(QMessageBox.StandardButton.Cancel).click()

    poll.timeout.connect(answer)
    poll.start(20)
    click(qtbot, screen.form.delete_button)
    assert seen["title"] == "Delete everything about this colleague?"
    assert GONE not in seen["title"] and GONE not in seen["text"] and GONE not in seen["info"]
    info = seen["info"]
    assert "automatic backups with one fresh backup without them" in info
    assert "Back up now" in info and "peerdesk backup" in info and "PDF" in info
    assert "Delete those yourself" in info
    assert controller.session.repos.colleagues.get(gone).pseudonym.endswith(GONE)  # kept
    wait_for_all(WAIT)
    assert all(
        where_backup_holds(p, STRONG, GONE)
        for p in automatic_backups(controller.registry.backups_directory(), path)
    )  # nothing replaced when cancelled


# -- deleting at the end of a retention period (one or many) --------------------------------------


def test_retention_deletion_of_several_replaces_every_automatic_backup(
    qtbot: QtBot, controller: AppController
) -> None:
    path = make_vault()
    long_ago = date.today() - timedelta(days=200)
    with Vault.open(path, STRONG) as vault:
        first, _ = add_marked_colleague(vault, GONE, retention_months=1, held_on=long_ago)
        second, _ = add_marked_colleague(vault, ALSO_GONE, retention_months=1, held_on=long_ago)
        add_marked_colleague(vault, KEPT)
    folder = unlock_times(qtbot, controller, UNLOCKS)
    # Back up now: a copy the person asked for, which PeerDesk leaves alone and says so.
    controller.back_up_now()
    Messages.set_next_answer(Button.Ok)  # "Backup made"
    qtbot.waitUntil(lambda: any(folder.glob("*-manual.peerdesk")), timeout=WAIT)
    (manual,) = folder.glob("*-manual.peerdesk")
    qtbot.waitUntil(lambda: not Messages._answers, timeout=WAIT)

    screen = colleagues_screen(qtbot, controller)
    screen.tabs.setCurrentIndex(2)
    qtbot.waitUntil(lambda: screen.expired_proxy.rowCount() == 2, timeout=WAIT)
    click_row(qtbot, screen.expired_table, lambda e: e.id == first)
    click_row(qtbot, screen.expired_table, lambda e: e.id == second, add=True)
    assert screen.delete_expired_button.text() == "Delete everything about 2 colleagues…"
    Messages.set_next_answer(Button.Yes)
    click(qtbot, screen.delete_expired_button)
    asked = Messages.shown[-1]
    assert asked.title == "Delete everything about these colleagues?"
    assert "2 colleagues" in asked.text and GONE not in asked.text

    wait_for_all(WAIT)
    assert_no_automatic_backup_holds(folder, path, GONE, ALSO_GONE)
    assert screen.expired_proxy.rowCount() == 0
    # The backup the person made is theirs: still there, still holding them, and said so.
    assert where_backup_holds(manual, STRONG, GONE)
    qtbot.waitUntil(lambda: "left untouched" in screen.deletion_status.text(), timeout=WAIT)
    assert "1 other backup" in screen.deletion_status.text()


def test_retention_deletion_of_one(qtbot: QtBot, controller: AppController) -> None:
    path = make_vault()
    long_ago = date.today() - timedelta(days=200)
    with Vault.open(path, STRONG) as vault:
        gone, _ = add_marked_colleague(vault, GONE, retention_months=1, held_on=long_ago)
        add_marked_colleague(vault, KEPT)
    folder = unlock_times(qtbot, controller, 2)
    screen = colleagues_screen(qtbot, controller)
    screen.tabs.setCurrentIndex(2)
    qtbot.waitUntil(lambda: screen.expired_proxy.rowCount() == 1, timeout=WAIT)
    click_row(qtbot, screen.expired_table, lambda e: e.id == gone)
    assert screen.delete_expired_button.text() == f"Delete everything about Wren {GONE}…"
    Messages.set_next_answer(Button.Yes)
    click(qtbot, screen.delete_expired_button)
    wait_for_all(WAIT)
    assert_no_automatic_backup_holds(folder, path, GONE)


# -- deleting one conversation ---------------------------------------------------------------------


def test_deleting_a_conversation_replaces_the_automatic_backups(
    qtbot: QtBot, controller: AppController
) -> None:
    path = make_vault()
    with Vault.open(path, STRONG) as vault:
        colleague, conversation = add_marked_colleague(vault, KEPT)
        from peerdesk.models import Conversation
        from peerdesk.storage.colleagues import ColleagueRepository
        from peerdesk.storage.conversations import ConversationRepository

        colleagues = ColleagueRepository(vault)
        gone = ConversationRepository(vault, colleagues=colleagues).add(
            Conversation(
                colleague_id=colleague,
                held_on=date.today() - timedelta(days=1),
                summary=f"summary {GONE}",
                debrief=f"debrief {GONE}",
            )
        )
    folder = unlock_times(qtbot, controller, 2)
    screen = colleagues_screen(qtbot, controller)
    assert screen.select_colleague(colleague)
    screen.detail_tabs.setCurrentIndex(1)
    click_row(qtbot, screen.conversation_table, lambda c: c.id == gone.id)
    assert screen.editor.conversation_id == gone.id
    Messages.set_next_answer(Button.Yes)
    click(qtbot, screen.editor.delete_button)
    wait_for_all(WAIT)
    assert_no_automatic_backup_holds(folder, path, GONE)
    assert conversation != gone.id


# -- when the fresh backup cannot be made ----------------------------------------------------------


def test_when_the_fresh_backup_fails_the_old_ones_stay_and_the_person_is_told(
    qtbot: QtBot, controller: AppController, tmp_path: Path
) -> None:
    path = make_vault()
    with Vault.open(path, STRONG) as vault:
        gone, _ = add_marked_colleague(vault, GONE)
        add_marked_colleague(vault, KEPT)
    folder = unlock_times(qtbot, controller, 2)
    before = automatic_backups(folder, path)
    # The person chose another backups folder that cannot be made (a file stands where its
    # parent folder should be), so the fresh backup cannot be written.
    (tmp_path / "usb-stick").write_bytes(b"not a folder")
    chosen = tmp_path / "usb-stick" / "backups"
    controller.registry.set("backups_dir", str(chosen))
    screen = colleagues_screen(qtbot, controller)
    click_row(qtbot, screen.colleague_table, lambda r: r.colleague.id == gone)
    Messages.set_next_answer(Button.Yes)  # delete
    Messages.set_next_answer(Button.Ok)  # the warning afterwards
    with qtbot.waitSignal(screen.backups_replaced, timeout=WAIT) as finished:
        click(qtbot, screen.form.delete_button)
    assert finished.args == [False]
    warning = Messages.shown[-1]
    assert warning.kind == "warning" and warning.title == "Older backups not replaced"
    assert "deletion is done" in warning.text and GONE not in warning.title
    assert str(chosen) in screen.deletion_status.text()
    assert automatic_backups(folder, path) == before  # nothing removed
    assert all(where_backup_holds(p, STRONG, GONE) for p in before)  # and said so
    assert where_vault_holds(controller.session.repos.vault, GONE) == []  # deleted all the same


# -- locking at once -------------------------------------------------------------------------------


def test_locking_right_after_deleting_still_replaces_the_backups(
    qtbot: QtBot, controller: AppController
) -> None:
    path = make_vault()
    with Vault.open(path, STRONG) as vault:
        gone, _ = add_marked_colleague(vault, GONE)
        add_marked_colleague(vault, KEPT)
    folder = unlock_times(qtbot, controller, 2)
    screen = colleagues_screen(qtbot, controller)
    click_row(qtbot, screen.colleague_table, lambda r: r.colleague.id == gone)
    wait_for_all(WAIT)
    # Hold the background work back until the vault is locked (Ctrl+L right after deleting).
    pool = QThreadPool.globalInstance()
    threads = pool.maxThreadCount()
    gate = threading.Event()
    pool.setMaxThreadCount(1)
    try:
        run_in_background(lambda _task: gate.wait(WAIT / 1000))
        Messages.set_next_answer(Button.Yes)
        click(qtbot, screen.form.delete_button)
        controller.lock("manual")
        with qtbot.waitSignal(screen.backups_replaced, timeout=WAIT) as first:
            gate.set()
    finally:
        gate.set()
        pool.setMaxThreadCount(threads)
    assert first.args == [False]
    assert not [m for m in Messages.shown if m.kind == "warning"]  # nothing over the lock
    assert all(where_backup_holds(p, STRONG, GONE) for p in automatic_backups(folder, path))
    # At the next unlock the backups are replaced after all.
    with qtbot.waitSignal(screen.backups_replaced, timeout=WAIT) as second:
        unlock_by_typing(qtbot, controller, STRONG)
    assert second.args == [True]
    wait_for_all(WAIT)
    assert_no_automatic_backup_holds(folder, path, GONE)


def test_backups_a_quit_left_unreplaced_are_replaced_at_the_next_unlock(
    qtbot: QtBot, controller: AppController
) -> None:
    """Deleted, then PeerDesk ended before the backups were replaced (quit, crash, power cut):
    the vault remembers, and the next unlock replaces them."""
    path = make_vault()
    with Vault.open(path, STRONG) as vault:
        gone, _ = add_marked_colleague(vault, GONE)
        add_marked_colleague(vault, KEPT)
    folder = unlock_times(qtbot, controller, 2)
    controller.lock("manual")
    qtbot.waitUntil(lambda: unlock_visible(controller), timeout=WAIT)
    wait_for_all(WAIT)
    with Vault.open(path, STRONG) as vault:  # the deletion, with no replacement after it
        ColleagueRepository(vault).delete_completely(gone)
    assert all(where_backup_holds(p, STRONG, GONE) for p in automatic_backups(folder, path))
    screen = controller.main_window.screens["colleagues"]
    with qtbot.waitSignal(screen.backups_replaced, timeout=WAIT) as replaced:
        unlock_by_typing(qtbot, controller, STRONG)
    assert replaced.args == [True]
    wait_for_all(WAIT)
    assert_no_automatic_backup_holds(folder, path, GONE)
