"""The application's flows: first run, unlock, main window, lock, quit.

The controller owns the session, the lock controller, the windows and the preferences, and is
the only place that moves the user between them. Opening a vault (the key derivation takes a
noticeable moment), creating demo data, backups and keyring calls run in the background.
"""

from __future__ import annotations

import contextlib
import logging
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QFileDialog

from peerdesk import APP_NAME, __version__, paths
from peerdesk.storage.errors import VaultCorrupted, VaultError, WrongPassphrase
from peerdesk.storage.keystore import KeyringError, KeyStore, vault_id_for
from peerdesk.storage.vault import Vault, remove_vault_files
from peerdesk.ui.common.messages import Messages
from peerdesk.ui.common.preferences import Preferences
from peerdesk.ui.common.session import VaultSession
from peerdesk.ui.common.theme import apply_theme
from peerdesk.ui.common.vault_settings import SettingsRegistry
from peerdesk.ui.common.workers import run_in_background
from peerdesk.ui.shell.locking import (
    InactivityTimer,
    LockController,
    ScreenLockListener,
    SecureClipboard,
)
from peerdesk.ui.shell.main_window import MainWindow

log = logging.getLogger(__name__)
VAULT_FILTER = "PeerDesk vaults (*.peerdesk);;All files (*)"
NO_LONGER_REMEMBERED = (
    "PeerDesk no longer remembers the passphrase on this device: you "
    "unticked “Remember on this device”."
)


def _open_vault(path: Path, passphrase: str) -> Vault:
    """Runs in the background: open, migrate if needed, bring the built-in content up to date."""
    from peerdesk.content import install_builtin_content

    vault = Vault.open(path, passphrase, backup_dir=paths.backups_dir())
    try:
        if vault.damaged_pages():
            raise VaultCorrupted()
        install_builtin_content(vault)
    except BaseException:
        vault.close()
        raise
    return vault


def _create_vault(path: Path, passphrase: str, *, demo: bool) -> Vault:
    from peerdesk.content import install_builtin_content
    from peerdesk.demo import DemoSize, fill_demo_vault

    vault = Vault.create(path, passphrase)
    try:
        if demo:
            fill_demo_vault(vault, DemoSize(), seed=1, anchor=date.today())
        else:
            install_builtin_content(vault)
    except BaseException:
        vault.close()
        remove_vault_files(path)
        raise
    return vault


class _Secret:
    """A passphrase handed to background work and its callbacks.

    The closures of an open hold this box, not the passphrase: ``drop()`` (once the open has
    succeeded or failed) empties it, so nothing that outlives the open still holds the secret.
    """

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def get(self) -> str:
        return self._value

    def drop(self) -> None:
        self._value = ""


class AppController(QObject):
    def __init__(
        self,
        app: QApplication,
        *,
        vault_path: Path | None = None,
        keystore: KeyStore | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.app = app
        self.preferences = Preferences()
        self.keystore = keystore or KeyStore()
        self.session = VaultSession(self)
        self.registry = SettingsRegistry(self)
        self.clipboard = SecureClipboard(self)
        self.locker = LockController(self.session, self.clipboard, self)
        self.inactivity = InactivityTimer(self)
        self.screen_lock = ScreenLockListener(self)
        self.locker.attach(self.inactivity, self.screen_lock)
        self.locker.locked.connect(self._after_lock)
        self.locker.hide_requested.connect(self._hide_everything)
        self._explicit_vault = vault_path
        self.main_window: MainWindow | None = None
        self.unlock_window: Any = None
        self.wizard: Any = None
        self._busy = False
        self._quitting = False
        self._last_attempt: tuple[Path, str] | None = None
        self._keyring_status = None
        # What the keyring holds for a vault id (True/False) since the unlock window last asked.
        self._remembered: dict[str, bool] = {}
        self._remember_token = 0
        self.registry.changed.connect(self._apply_setting)
        self.preferences.changed.connect(self._apply_preference)
        apply_theme(app, str(self.preferences.get("theme")))
        self._unlock_hide: QShortcut | None = None

    # -- start -----------------------------------------------------------------------------------

    def current_vault_path(self) -> Path:
        if self._explicit_vault is not None:
            return self._explicit_vault
        if self.preferences.get("remember_last_vault"):
            last = str(self.preferences.get("last_vault") or "")
            if last and Path(last).is_file():
                return Path(last)
        return paths.default_vault_path()

    def keyring_status(self) -> Any:
        if self._keyring_status is None:
            self._keyring_status = self.keystore.status()
        return self._keyring_status

    def start(self) -> None:
        path = self.current_vault_path()
        if path.exists():
            self.show_unlock(path, try_keyring=True)
        else:
            self.show_first_run()

    # -- first run -------------------------------------------------------------------------------

    def show_first_run(self) -> None:
        from peerdesk.ui.vault.first_run import FirstRunWizard

        if self.wizard is not None:
            self.wizard.close()
        self.wizard = FirstRunWizard(paths.default_vault_path(), self.keyring_status())
        self.wizard.create_requested.connect(self._create_requested)
        self.wizard.open_requested.connect(lambda p: self.show_unlock(Path(p)))
        self.wizard.demo_requested.connect(self._demo_requested)
        self.wizard.rejected.connect(self._wizard_cancelled)
        self.wizard.show()

    def _wizard_cancelled(self) -> None:
        if not self.session.is_open and (
            self.unlock_window is None or not self.unlock_window.isVisible()
        ):
            self.app.quit()

    def _create_requested(
        self, path: str, passphrase: str, uses: list[str], remember: bool
    ) -> None:
        target = Path(path)
        if target == paths.default_vault_path():
            paths.ensure_private_dir(target.parent)
        secret = _Secret(passphrase)
        del passphrase

        def opened(vault: Vault) -> None:
            try:
                self._adopt(vault, secret.get(), remember)
            finally:
                secret.drop()
            self.registry.set("sections", list(uses) or ["journal", "supporter"])
            self._show_main()

        def failed(exc: BaseException) -> None:
            secret.drop()
            self._create_failed(exc)

        self._run(lambda _t: _create_vault(target, secret.get(), demo=False), opened, failed)

    def _demo_requested(self, path: str, passphrase: str) -> None:
        target = Path(path)
        paths.ensure_private_dir(target.parent)
        secret = _Secret(passphrase)
        del passphrase

        def opened(vault: Vault) -> None:
            try:
                self._adopt(vault, secret.get(), remember=False)
            finally:
                secret.drop()
            self._show_main()

        def failed(exc: BaseException) -> None:
            secret.drop()
            self._create_failed(exc)

        self._run(lambda _t: _create_vault(target, secret.get(), demo=True), opened, failed)

    def _create_failed(self, exc: BaseException) -> None:
        message = (
            exc.user_message
            if isinstance(exc, VaultError)
            else ("The vault could not be created. Nothing was written.")
        )
        Messages.error(self.wizard, "PeerDesk", message)
        if self.wizard is not None:
            self.wizard.show()

    # -- unlock ----------------------------------------------------------------------------------

    def show_unlock(self, path: Path, *, try_keyring: bool = False) -> None:
        from peerdesk.content import load_builtin_resources
        from peerdesk.ui.vault.unlock import UnlockWindow

        if self.wizard is not None:
            self.wizard.hide()
        if self.unlock_window is None:
            self.unlock_window = UnlockWindow(path, self.keyring_status(), load_builtin_resources())
            self.unlock_window.unlock_requested.connect(self._unlock_requested)
            self.unlock_window.restore_requested.connect(self._restore_requested)
            self.unlock_window.create_requested.connect(self.show_first_run)
            self.unlock_window.vault_changed.connect(self._unlock_vault_changed)
            # Quick hide works while locked too: it hides the unlock window.
            self._unlock_hide = QShortcut(
                QKeySequence(str(self.registry.get("quick_hide_shortcut"))), self.unlock_window
            )
            self._unlock_hide.activated.connect(self.quick_hide)
            self.unlock_window.installEventFilter(self)
        else:
            self.unlock_window.set_vault_path(path)
        self._explicit_vault = path
        self.unlock_window.clear()
        # "Remember on this device" shows what the keyring holds for this vault, asked afresh
        # each time (Settings or another program may have changed it). Until it answers the
        # box is unticked and not known, and typing the passphrase leaves the keyring alone.
        self._note_remembered(vault_id_for(path), None)
        self.unlock_window.set_remember_checked(False)
        self.unlock_window.show()
        self.unlock_window.raise_()
        self.unlock_window.activateWindow()
        if try_keyring and self.keyring_status().available:
            self._try_remembered(path)
        else:
            self._check_remembered(path)

    def _unlock_vault_changed(self, path: str) -> None:
        self._explicit_vault = Path(path)
        self._note_remembered(vault_id_for(path), None)
        if self.unlock_window is not None:
            self.unlock_window.set_remember_checked(False)
        self._check_remembered(Path(path))

    def _note_remembered(self, vault_id: str, remembered: bool | None) -> None:
        """Record what the keyring holds for ``vault_id`` (``None``: not known) and show it in
        the unlock window if it shows that vault."""
        self._remember_token += 1  # an answer still on its way is older than this
        if remembered is None:
            self._remembered.pop(vault_id, None)
            return
        self._remembered[vault_id] = remembered
        window = self.unlock_window
        if (
            window is not None
            and not self.session.is_open
            and vault_id_for(window.vault_path()) == vault_id
        ):
            window.set_remember_checked(remembered)

    def _check_remembered(self, path: Path) -> None:
        """Ask the keyring (off the GUI thread) whether it holds this vault's passphrase."""
        if not self.keyring_status().available:
            return
        store, vault_id = self.keystore, vault_id_for(path)
        self._remember_token += 1
        token = self._remember_token

        def found(remembered: object) -> None:
            if token == self._remember_token:
                self._note_remembered(vault_id, bool(remembered))

        def failed(exc: BaseException) -> None:
            # Not known: typing the passphrase then leaves the keyring as it is.
            log.info("keyring check failed (%s)", type(exc).__name__)

        run_in_background(
            lambda _t: store.is_remembered(vault_id), on_success=found, on_failure=failed
        )

    def _try_remembered(self, path: Path) -> None:
        store, vault_id = self.keystore, vault_id_for(path)
        self._remember_token += 1
        token = self._remember_token

        def fetch(_task: object) -> str | None:
            return store.recall(vault_id)

        def found(passphrase: object) -> None:
            remembered = isinstance(passphrase, str) and bool(passphrase)
            if token == self._remember_token:
                self._note_remembered(vault_id, remembered)
            if remembered and not self.session.is_open:
                self._unlock_requested(str(path), str(passphrase), True, from_keyring=True)

        def failed(exc: BaseException) -> None:
            if isinstance(exc, KeyringError) and self.unlock_window is not None:
                self.unlock_window.show_error(exc)

        run_in_background(fetch, on_success=found, on_failure=failed)

    def _unlock_requested(
        self, path: str, passphrase: str, remember: bool, *, from_keyring: bool = False
    ) -> None:
        if self._busy:
            return
        target = Path(path)
        self._last_attempt = (target, passphrase)
        self.unlock_window.set_busy(True)
        secret = _Secret(passphrase)
        del passphrase

        def opened(vault: Vault) -> None:
            self.unlock_window.set_busy(False)
            try:
                self._adopt(vault, secret.get(), remember)
            except VaultError as exc:  # e.g. damage found on the first read of a page
                self.session.close()
                self.unlock_window.show_error(exc)
                return
            finally:
                secret.drop()
            self._show_main()

        def failed(exc: BaseException) -> None:
            secret.drop()
            self.unlock_window.set_busy(False)
            if from_keyring and type(exc) is WrongPassphrase:
                from peerdesk.ui.vault.unlock import StaleRememberedPassphrase

                exc = StaleRememberedPassphrase()  # nobody typed anything: say what happened
            self.unlock_window.show_error(exc)

        self._run(lambda _t: _open_vault(target, secret.get()), opened, failed)

    def _restore_requested(self, path: str) -> None:
        from peerdesk.storage.backup import newest_good_backup, restore

        if self._last_attempt is None or self._last_attempt[0] != Path(path):
            Messages.info(
                self.unlock_window,
                "Restore a backup",
                "Type the vault's passphrase and try to unlock first, so that "
                "PeerDesk can check which backups open with it.",
            )
            return
        target, typed = self._last_attempt
        secret = _Secret(typed)
        del typed
        backups = self.registry.backups_directory()
        if not Messages.confirm(
            self.unlock_window,
            "Restore the newest good backup",
            "PeerDesk will replace the damaged vault with the newest backup that opens "
            "and passes its checks.",
            action="Restore",
            informative="The damaged file is kept beside it, renamed, so nothing is lost. "
            "Anything written after that backup is not in it.",
        ):
            return

        def work(_task: object) -> Vault:
            passphrase = secret.get()
            found = newest_good_backup(backups, target, passphrase)
            if found is None and backups != paths.backups_dir():
                found = newest_good_backup(paths.backups_dir(), target, passphrase)
            if found is None:
                raise VaultError(
                    "No backup of this vault opens with this passphrase, so nothing was restored."
                )
            restore(found, passphrase, target)
            return _open_vault(target, passphrase)

        def opened(vault: Vault) -> None:
            self.unlock_window.set_busy(False)
            try:
                self._adopt(vault, secret.get(), remember=None)  # the keyring is left as it is
            finally:
                secret.drop()
            self._show_main()
            Messages.info(
                self.main_window,
                "Backup restored",
                "The newest good backup was restored. The damaged file was kept "
                "beside the vault with '.replaced-' and the date in its name.",
            )

        def failed(exc: BaseException) -> None:
            secret.drop()
            self.unlock_window.set_busy(False)
            self.unlock_window.show_error(exc)

        self.unlock_window.set_busy(True)
        self._run(work, opened, failed)

    # -- vault open ------------------------------------------------------------------------------

    def _adopt(self, vault: Vault, passphrase: str, remember: bool | None) -> None:
        self.session.adopt(vault)
        self.registry.bind(self.session.repos.settings)
        self._apply_all_settings()
        if self.preferences.get("remember_last_vault"):
            self.preferences.set("last_vault", str(vault.path))
        self._update_keyring(vault.path, passphrase, remember)
        self._automatic_backup()
        if self.unlock_window is not None:
            self.unlock_window.clear()
        self._last_attempt = None

    def _update_keyring(self, path: Path, passphrase: str, remember: bool | None) -> None:
        """After an unlock: make the keyring what the person chose.

        ``remember`` is the box as it was when they unlocked (``None``: no choice was shown).
        Ticked: the passphrase is stored (again). Unticked: the entry is removed only if the
        box had shown it remembered, that is, the person unticked it; then the status line
        says so. The vault's own ``remember_passphrase`` setting follows the keyring.
        """
        if not self.keyring_status().available:
            return
        store, vault_id = self.keystore, vault_id_for(path)
        known = self._remembered.get(vault_id)
        if not remember and not known:
            # Nothing remembered, or not known (the keyring did not answer): leave it alone.
            if known is False and self.registry.get("remember_passphrase"):
                self.registry.set("remember_passphrase", False)
            return
        if remember is None:
            if self.registry.get("remember_passphrase") != known:
                self.registry.set("remember_passphrase", bool(known))
            return
        self.registry.set("remember_passphrase", remember)
        self._note_remembered(vault_id, None)  # not known until the keyring has answered

        def work(_task: object) -> None:
            if remember:
                store.remember(vault_id, passphrase)
            else:
                store.forget(vault_id)

        def done(_result: object) -> None:
            self._note_remembered(vault_id, bool(remember))
            if not remember and self.main_window is not None:
                self.main_window.statusBar().showMessage(NO_LONGER_REMEMBERED, 30_000)

        def failed(exc: BaseException) -> None:
            if remember:
                self.registry.set("remember_passphrase", False)
            text = (
                exc.user_message
                if isinstance(exc, KeyringError)
                else (
                    "The passphrase could not be remembered on this device."
                    if remember
                    else "The remembered passphrase could not be removed from this device."
                )
            )
            Messages.warn(self.main_window, "Keyring", text)

        run_in_background(work, on_success=done, on_failure=failed)

    def _backup_in_background(
        self, reason: str, on_success: Any = None, on_failure: Any = None
    ) -> None:
        """A verified backup from a second connection, rotating the last N of ``reason``."""
        from peerdesk.storage.backup import automatic_backup

        if not self.session.is_open:
            return
        vault = self.session.repos.vault
        folder = self.registry.backups_directory()
        keep = int(self.registry.get("backups_keep"))

        def work(_task: object) -> Path:
            sibling = vault.sibling()
            try:
                return automatic_backup(sibling, folder, keep=keep, reason=reason)
            finally:
                sibling.close()

        run_in_background(work, on_success=on_success, on_failure=on_failure)

    def _automatic_backup(self) -> None:
        def failed(exc: BaseException) -> None:
            log.warning("automatic backup failed (%s)", getattr(exc, "kind", type(exc).__name__))
            if self.main_window is not None:
                self.main_window.statusBar().showMessage(
                    "The automatic backup could not be made; use File ▸ Back up now.", 15000
                )

        self._backup_in_background("unlock", on_failure=failed)

    def _show_main(self) -> None:
        if self.main_window is None:
            self.main_window = MainWindow(
                self.session,
                list(self.registry.get("sections")),
                clipboard=self.clipboard,
                preferences=self.preferences,
                registry=self.registry,
            )
            self._connect_main(self.main_window)
            self.main_window.installEventFilter(self)
        else:
            self.main_window.set_sections(list(self.registry.get("sections")))
        self.main_window.set_quick_hide_shortcut(str(self.registry.get("quick_hide_shortcut")))
        self.main_window.show_section("home")
        if self.unlock_window is not None:
            self.unlock_window.hide()
        self._drop_wizard()
        self.main_window.show()
        self.main_window.raise_()
        self.main_window.activateWindow()
        self.inactivity.start()

    def _connect_main(self, window: MainWindow) -> None:
        window.lock_requested.connect(lambda: self.lock("manual"))
        window.quick_hide_requested.connect(self.quick_hide)
        window.settings_requested.connect(self.open_settings)
        window.backup_requested.connect(self.back_up_now)
        window.check_requested.connect(lambda: self.open_settings(tab="vault"))
        window.change_passphrase_requested.connect(lambda: self.open_settings(tab="vault"))
        window.new_vault_requested.connect(self._new_vault)
        window.open_vault_requested.connect(self._open_other_vault)
        window.support_requested.connect(self.show_support)
        window.about_requested.connect(self.show_about)
        window.quit_requested.connect(self.quit)

    # -- settings --------------------------------------------------------------------------------

    def _apply_all_settings(self) -> None:
        for key in ("auto_lock_minutes", "clipboard_seconds", "quick_hide_shortcut", "sections"):
            self._apply_setting(key)

    def _apply_setting(self, key: str) -> None:
        value = self.registry.get(key)
        if key == "auto_lock_minutes":
            self.inactivity.set_timeout_minutes(float(value))
        elif key == "clipboard_seconds":
            self.clipboard.timeout_seconds = int(value)
        elif key == "quick_hide_shortcut":
            if self._unlock_hide is not None:
                self._unlock_hide.setKey(QKeySequence(str(value)))
            if self.main_window is not None:
                self.main_window.set_quick_hide_shortcut(str(value))
        elif key == "sections" and self.main_window is not None:
            self.main_window.set_sections(list(value))

    def _apply_preference(self, key: str) -> None:
        if key == "theme":
            apply_theme(self.app, str(self.preferences.get("theme")))

    def open_settings(self, tab: str = "security") -> None:
        from peerdesk.ui.vault.settings.dialog import SettingsDialog

        if not self.session.is_open:
            return
        dialog = SettingsDialog(
            self.session, self.registry, self.preferences, self.keystore, self.main_window
        )
        if hasattr(dialog, "show_tab"):
            dialog.show_tab(tab)
        dialog.open()

    def back_up_now(self) -> None:
        def done(path: object) -> None:
            Messages.info(
                self.main_window,
                "Backup made",
                f"A verified, encrypted backup was written to {path}.",
                informative="It opens with the vault's current passphrase.",
            )

        def failed(exc: BaseException) -> None:
            text = exc.user_message if isinstance(exc, VaultError) else "The backup failed."
            Messages.error(self.main_window, "Backup failed", text)

        self._backup_in_background("manual", on_success=done, on_failure=failed)

    # -- other vaults ----------------------------------------------------------------------------

    def _new_vault(self) -> None:
        self.lock("switch")
        self.show_first_run()

    def _open_other_vault(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.main_window, "Open a vault", "", VAULT_FILTER)
        if path:
            self.lock("switch")
            self.show_unlock(Path(path))

    # -- locking ---------------------------------------------------------------------------------

    def lock(self, reason: str = "manual") -> None:
        if self.session.is_open:
            self.locker.lock(reason)

    def quick_hide(self) -> None:
        if self.session.is_open:
            self.locker.quick_hide()
        else:
            self._forget_attempt()
            self._hide_everything()

    def _after_lock(self, _reason: str = "") -> None:
        """The vault is closed and every dialog destroyed (LockController): let go of what the
        controller itself held."""
        self.inactivity.stop()
        self.registry.bind(None)
        self._forget_attempt()
        self._drop_wizard()  # destroyed with the other dialogs by the lock
        if self.main_window is not None:
            self.main_window.hide()
        if self._quitting:
            return
        path = self._explicit_vault or self.current_vault_path()
        self.show_unlock(path)

    def _forget_attempt(self) -> None:
        """Drop the passphrase kept from a failed unlock (for "Restore") and the typed one."""
        self._last_attempt = None
        if self.unlock_window is not None:
            self.unlock_window.clear()

    def _drop_wizard(self) -> None:
        wizard, self.wizard = self.wizard, None
        if wizard is not None:
            with contextlib.suppress(RuntimeError):  # already destroyed by a lock
                wizard.hide()
                wizard.deleteLater()

    def _hide_everything(self) -> None:
        for window in (self.unlock_window, self.main_window, self.wizard):
            if window is not None and window.isVisible():
                window.showMinimized()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.unlock_window
            and event.type() == QEvent.Type.Close
            and not self.session.is_open
            and not self._quitting
        ):
            # Closing the unlock window (while locked) ends PeerDesk.
            QTimer.singleShot(0, self.quit)
            return False
        if (
            watched is self.main_window
            and event.type() == QEvent.Type.WindowStateChange
            and self.main_window is not None
            and self.main_window.isMinimized()
            and self.session.is_open
            and self.registry.get("lock_on_minimise")
        ):
            self.lock("minimised")
        return False

    # -- help ------------------------------------------------------------------------------------

    def show_support(self) -> None:
        from peerdesk.content import load_builtin_resources
        from peerdesk.ui.directory.support_panel import SupportDialog

        resources = (
            self.session.repos.resources.list()
            if self.session.is_open
            else load_builtin_resources()
        )
        parent = self.main_window if self.session.is_open else self.unlock_window
        dialog = SupportDialog(resources, parent)
        dialog.open()

    def show_about(self) -> None:
        Messages.info(
            self.main_window,
            f"About {APP_NAME}",
            f"{APP_NAME} {__version__}",
            informative="A private, offline journal and peer-support notebook. "
            "Everything stays encrypted on this computer; nothing is sent anywhere.",
        )

    def bring_forward(self) -> None:
        """Another launch asked us to show ourselves."""
        for window in (
            self.main_window if self.session.is_open else None,
            self.unlock_window,
            self.wizard,
        ):
            if window is not None and (window.isVisible() or window.isMinimized()):
                window.showNormal()
                window.raise_()
                window.activateWindow()
                return

    # -- quitting --------------------------------------------------------------------------------

    def quit(self) -> None:
        if self._quitting:
            return
        self._quitting = True
        self.lock("quit")
        self.clipboard.clear_if_ours()
        from peerdesk.ui.common.workers import wait_for_all

        wait_for_all(10_000)
        for window in (self.main_window, self.unlock_window, self.wizard):
            if window is not None:
                if isinstance(window, MainWindow):
                    window.allow_close()
                window.close()
        self.app.quit()

    # -- helpers ---------------------------------------------------------------------------------

    def _run(self, work: Any, on_success: Any, on_failure: Any) -> None:
        self._busy = True

        def success(result: object) -> None:
            self._busy = False
            on_success(result)

        def failure(exc: BaseException) -> None:
            self._busy = False
            on_failure(exc)

        run_in_background(work, on_success=success, on_failure=failure)
