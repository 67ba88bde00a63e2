"""The whole desktop shell through the application controller, driven as a person would."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QKeySequenceEdit,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QWizard,
)
from pytestqt.qtbot import QtBot

from peerdesk import paths
from peerdesk.app import create_application
from peerdesk.models import Colleague, Incident
from peerdesk.storage.keystore import KeyStore, vault_id_for
from peerdesk.storage.vault import Vault
from peerdesk.ui.common.messages import Messages
from peerdesk.ui.common.workers import wait_for_all
from peerdesk.ui.shell.controller import AppController
from peerdesk.ui.shell.single_instance import SingleInstance
from peerdesk.ui.vault.settings.dialog import SettingsDialog

STRONG = "marmalade umbrella violin quartz"
MARKERS = ("Quokka-Incident-Marker", "Zebrafish-Colleague-Marker", "Narwhal-Draft-Marker")
WAIT = 15_000


@pytest.fixture
def controller(qtbot, memory_keyring) -> Iterator[AppController]:  # type: ignore[no-untyped-def]
    app = create_application()
    ctrl = AppController(app)
    yield ctrl
    ctrl.session.close()
    wait_for_all(WAIT)
    for window in (ctrl.main_window, ctrl.unlock_window, ctrl.wizard):
        if window is not None:
            if hasattr(window, "allow_close"):
                window.allow_close()
            window.removeEventFilter(ctrl)
            window.close()
            window.deleteLater()


def main_visible(ctrl: AppController) -> bool:
    return bool(
        ctrl.main_window is not None and ctrl.main_window.isVisible() and ctrl.session.is_open
    )


def unlock_visible(ctrl: AppController) -> bool:
    return bool(
        ctrl.unlock_window is not None
        and ctrl.unlock_window.isVisible()
        and not ctrl.session.is_open
    )


def create_through_wizard(qtbot: QtBot, ctrl: AppController, *, remember: bool = False) -> None:
    ctrl.start()
    wizard = ctrl.wizard
    assert wizard is not None and wizard.isVisible()
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    form = wizard.passphrase_page.form
    qtbot.keyClicks(form.first.edit, STRONG)
    qtbot.keyClicks(form.second.edit, STRONG)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    if remember:
        assert wizard.device_page.remember.isEnabled()
        wizard.device_page.remember.setChecked(True)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: main_visible(ctrl), timeout=WAIT)


def unlock_by_typing(qtbot: QtBot, ctrl: AppController, passphrase: str) -> None:
    window = ctrl.unlock_window
    assert window is not None
    qtbot.keyClicks(window.passphrase.edit, passphrase)
    qtbot.keyClick(window.passphrase.edit, Qt.Key.Key_Return)


def make_vault(passphrase: str = STRONG) -> Path:
    path = paths.default_vault_path()
    paths.ensure_private_dir(path.parent)
    with Vault.create(path, passphrase):
        pass
    return path


def test_first_run_create_lock_unlock_and_settings(qtbot: QtBot, controller: AppController) -> None:
    create_through_wizard(qtbot, controller)
    window = controller.main_window
    assert window is not None and window.windowTitle() == "PeerDesk"
    assert paths.default_vault_path().exists()
    window.show_section("resources")  # (a screen reads its data when first shown)
    assert window.screens["resources"].model.rowCount() > 0  # type: ignore[attr-defined]
    # Lock with the keyboard.
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: unlock_visible(controller), timeout=WAIT)
    assert not window.isVisible()
    unlock_by_typing(qtbot, controller, STRONG)
    qtbot.waitUntil(lambda: main_visible(controller), timeout=WAIT)
    assert controller.unlock_window.passphrase.text() == ""  # not left in the field
    controller.open_settings()
    qtbot.waitUntil(
        lambda: any(
            isinstance(w, SettingsDialog) and w.isVisible() for w in QApplication.topLevelWidgets()
        )
    )
    assert controller.registry.get("auto_lock_minutes") == 5  # the default
    # Locking closes the open dialog too.
    controller.lock("manual")
    qtbot.waitUntil(
        lambda: (
            not any(
                isinstance(w, SettingsDialog) and w.isVisible()
                for w in QApplication.topLevelWidgets()
            )
        )
    )


def test_wrong_passphrase_is_explained_in_the_window(
    qtbot: QtBot, controller: AppController
) -> None:
    make_vault()
    controller.start()
    assert unlock_visible(controller)
    unlock_by_typing(qtbot, controller, "not the passphrase")
    qtbot.waitUntil(
        lambda: "does not open this vault" in controller.unlock_window.error_message(), timeout=WAIT
    )
    assert not controller.session.is_open
    assert Messages.shown == []  # inline, not a popup


def fill_markers(path: Path) -> None:
    with Vault.open(path, STRONG) as vault:
        from peerdesk.storage.repositories import Repositories

        repos = Repositories(vault)
        repos.incidents.add(
            Incident(
                event_date=date(2026, 5, 2), title=MARKERS[0], narrative=MARKERS[0] + " narrative"
            )
        )
        repos.colleagues.add(Colleague(pseudonym=MARKERS[1]))


def reachable_text() -> str:
    """Every piece of text any widget or item model of the application can show."""
    parts: list[str] = []
    for widget in QApplication.allWidgets():
        if isinstance(widget, (QLabel, QLineEdit)):
            parts.append(widget.text())
        elif isinstance(widget, QPlainTextEdit):
            parts.append(widget.toPlainText())
        elif isinstance(widget, QListWidget):
            parts.extend(widget.item(i).text() for i in range(widget.count()))
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            root = QModelIndex()
            try:
                columns = model.columnCount(root)
            except TypeError:  # list models keep columnCount private in PySide
                columns = 1
            for row in range(model.rowCount(root)):
                for column in range(columns):
                    parts.append(str(model.index(row, column, root).data()))
        parts.append(widget.windowTitle())
    return "\n".join(parts)


def test_idle_lock_leaves_no_record_text_anywhere(qtbot: QtBot, controller: AppController) -> None:
    path = make_vault()
    fill_markers(path)
    controller.start()
    unlock_by_typing(qtbot, controller, STRONG)
    qtbot.waitUntil(lambda: main_visible(controller), timeout=WAIT)
    window = controller.main_window
    assert window is not None
    home = window.home
    qtbot.keyClicks(home.capture, MARKERS[2])
    window.show_section("resources")
    assert MARKERS[2] in reachable_text()
    # Idle for longer than a (shortened) timeout: PeerDesk locks by itself.
    controller.inactivity.set_timeout_minutes(0.002)
    qtbot.waitUntil(lambda: unlock_visible(controller), timeout=WAIT)
    text = reachable_text()
    for marker in MARKERS:
        assert marker not in text
    assert window.screens["resources"].model.rowCount() == 0  # type: ignore[attr-defined]
    # The draft typed just before the lock is there again after unlocking.
    unlock_by_typing(qtbot, controller, STRONG)
    qtbot.waitUntil(lambda: main_visible(controller), timeout=WAIT)
    assert home.capture.toPlainText() == MARKERS[2]


def test_quick_hide_locks_and_hides(qtbot: QtBot, controller: AppController) -> None:
    create_through_wizard(qtbot, controller)
    window = controller.main_window
    assert window is not None
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(
        window,
        Qt.Key.Key_H,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: not controller.session.is_open, timeout=WAIT)
    assert not window.isVisible()
    unlock = controller.unlock_window
    qtbot.waitUntil(lambda: unlock.isMinimized() or not unlock.isVisible(), timeout=WAIT)


def test_corrupted_vault_offers_the_newest_good_backup(
    qtbot: QtBot,
    controller: AppController,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = make_vault()
    fill_markers(path)
    controller.start()
    unlock_by_typing(qtbot, controller, STRONG)
    qtbot.waitUntil(lambda: main_visible(controller), timeout=WAIT)
    backups = controller.registry.backups_directory()
    qtbot.waitUntil(lambda: any(backups.glob("*-unlock.peerdesk")), timeout=WAIT)
    controller.lock("manual")
    wait_for_all(WAIT)
    with open(path, "r+b") as f:  # damage a page after the first
        f.seek(4096 * 2 + 200)
        f.write(os.urandom(300))
    unlock_by_typing(qtbot, controller, STRONG)
    window = controller.unlock_window
    qtbot.waitUntil(lambda: window.restore_button.isVisible(), timeout=WAIT)
    assert "damaged" in window.error_message().lower()
    Messages.set_next_answer(QMessageBox.StandardButton.Yes)  # "Restore"
    Messages.set_next_answer(QMessageBox.StandardButton.Ok)  # "Backup restored"
    qtbot.mouseClick(window.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: main_visible(controller), timeout=WAIT)
    incidents = controller.session.repos.incidents
    assert [s.title for s in incidents.list()] == [MARKERS[0]]
    assert list(path.parent.glob("*.replaced-*"))  # the damaged file was kept, not deleted
    assert [m.title for m in Messages.shown] == [
        "Restore the newest good backup",
        "Backup restored",
    ]


def test_a_second_launch_brings_the_first_forward(
    qtbot: QtBot,
    controller: AppController,
    tmp_path: Path,
) -> None:
    first = SingleInstance()
    assert first.acquire()
    try:
        forward: list[bool] = []
        first.activation_requested.connect(lambda: forward.append(True))
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
        second = subprocess.run(
            [sys.executable, "-m", "peerdesk"],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
            cwd=Path(__file__).resolve().parents[3],
        )
        assert second.returncode == 0, second.stderr
        assert "already running" in second.stderr
        qtbot.waitUntil(lambda: forward == [True], timeout=WAIT)
    finally:
        first.release()


def test_keyring_absence_is_explained(qtbot, memory_keyring) -> None:  # type: ignore[no-untyped-def]
    from keyring.backends import fail

    app = create_application()
    ctrl = AppController(app, keystore=KeyStore(backend=fail.Keyring()))
    try:
        make_vault()
        ctrl.start()
        window = ctrl.unlock_window
        assert not window.remember.isEnabled()
        # (asked once the window is up: it says so meanwhile)
        qtbot.waitUntil(lambda: ctrl.known_keyring_status() is not None, timeout=WAIT)
        assert not window.remember.isEnabled()
        assert "passphrase" in window.remember_note.text().lower()
        assert "checking" not in window.remember_note.text().lower()
    finally:
        ctrl.session.close()
        window.removeEventFilter(ctrl)
        window.close()


@pytest.mark.secret_service
def test_remember_on_this_device_with_the_real_secret_service(qtbot, secret_service) -> None:  # type: ignore[no-untyped-def]
    app = create_application()
    store = KeyStore(service="org.peerdesk.PeerDesk.tests")
    first = AppController(app, keystore=store)
    try:
        assert first.keyring_status().available
        create_through_wizard(qtbot, first, remember=True)
        vault_id = vault_id_for(paths.default_vault_path())
        qtbot.waitUntil(lambda: store.recall(vault_id) == STRONG, timeout=WAIT)
        first.lock("manual")
        wait_for_all(WAIT)
    finally:
        first.session.close()
        for w in (first.main_window, first.unlock_window, first.wizard):
            if w is not None:
                w.removeEventFilter(first)
                if hasattr(w, "allow_close"):
                    w.allow_close()
                w.close()
    # Next start: unlocked from the keyring without typing.
    second = AppController(app, keystore=KeyStore(service="org.peerdesk.PeerDesk.tests"))
    try:
        second.start()
        qtbot.waitUntil(lambda: main_visible(second), timeout=WAIT)
    finally:
        second.session.close()
        wait_for_all(WAIT)
        for w in (second.main_window, second.unlock_window):
            if w is not None:
                w.removeEventFilter(second)
                if hasattr(w, "allow_close"):
                    w.allow_close()
                w.close()
        store.forget(vault_id_for(paths.default_vault_path()))


def test_back_up_now_from_the_file_menu(qtbot: QtBot, controller: AppController) -> None:
    create_through_wizard(qtbot, controller)
    Messages.set_next_answer(QMessageBox.StandardButton.Ok)
    controller.main_window.backup_requested.emit()
    backups = controller.registry.backups_directory()
    qtbot.waitUntil(lambda: [m.title for m in Messages.shown] == ["Backup made"], timeout=WAIT)
    made = list(backups.glob("*-manual.peerdesk"))
    assert len(made) == 1
    from peerdesk.storage.backup_files import verify_file

    verify_file(made[0], STRONG)


def test_no_content_in_any_file_or_log_the_app_writes(
    qtbot: QtBot,
    controller: AppController,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """SECURITY.md 19: run the flows with marker strings, then grep every file written and
    every log record. Only the encrypted vault and its encrypted backups may hold them (and
    they are checked byte-wise elsewhere), so the grep covers every file."""
    import logging

    caplog.set_level(logging.DEBUG)
    marker = "Okapi-Marker-7731"
    create_through_wizard(qtbot, controller)
    repos = controller.session.repos
    repos.incidents.add(
        Incident(
            event_date=date(2026, 5, 2), title=f"{marker} title", narrative=f"{marker} narrative"
        )
    )
    repos.colleagues.add(Colleague(pseudonym=f"{marker} pseudonym", real_name=f"{marker} real"))
    home = controller.main_window.home
    qtbot.keyClicks(home.capture, f"{marker} draft")
    Messages.set_next_answer(QMessageBox.StandardButton.Ok)
    controller.back_up_now()
    qtbot.waitUntil(lambda: any(m.title == "Backup made" for m in Messages.shown), timeout=WAIT)
    controller.lock("manual")
    wait_for_all(WAIT)
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert any(p.suffix == ".peerdesk" for p in written)
    for path in written:
        data = path.read_bytes()
        for encoding in ("utf-8", "utf-16-le"):
            assert marker.encode(encoding) not in data, f"{path.name} holds content"
    for record in caplog.records:
        assert marker not in record.getMessage()


@pytest.mark.parametrize("keys", ["lock", "quick hide"])
def test_lock_keys_work_while_a_modal_dialog_is_open(
    qtbot: QtBot,
    controller: AppController,
    keys: str,
) -> None:
    """Ctrl+L and quick hide reach PeerDesk from inside a modal dialog too (a modal dialog
    shadows the main window's shortcuts in Qt)."""
    create_through_wizard(qtbot, controller)
    window = controller.main_window
    assert window is not None
    controller.open_settings()
    dialog = next(
        w for w in QApplication.topLevelWidgets() if isinstance(w, SettingsDialog) and w.isVisible()
    )
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    focus = dialog.focusWidget() or dialog
    if keys == "lock":
        qtbot.keyClick(focus, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    else:
        qtbot.keyClick(
            focus,
            Qt.Key.Key_H,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
    qtbot.waitUntil(lambda: not controller.session.is_open, timeout=WAIT)
    assert not window.isVisible()


def test_quick_hide_keys_typed_into_the_shortcut_field_are_recorded_not_obeyed(
    qtbot: QtBot, controller: AppController
) -> None:
    create_through_wizard(qtbot, controller)
    controller.open_settings()
    dialog = next(
        w for w in QApplication.topLevelWidgets() if isinstance(w, SettingsDialog) and w.isVisible()
    )
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is dialog)
    field = dialog.findChild(QKeySequenceEdit)
    assert field is not None
    dialog.show_tab("security")
    field.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is field)
    qtbot.keyClick(
        field, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    qtbot.waitUntil(lambda: not field.keySequence().isEmpty())
    assert controller.session.is_open
    assert (
        field.keySequence().matches(QKeySequence("Ctrl+Shift+H"))
        == QKeySequence.SequenceMatch.ExactMatch
    )
