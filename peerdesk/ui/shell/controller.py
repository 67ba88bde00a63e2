"""The application's flows: first run, unlock, main window, lock, quit.

The controller owns the session, the lock controller, the windows and the preferences, and is
the only place that moves the user between them. Opening a vault (the key derivation takes a
noticeable moment), creating demo data, backups and keyring calls run in the background.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QFileDialog

from peerdesk import APP_NAME, __version__, paths
from peerdesk.i18n import N_, _
from peerdesk.storage.keystore import KeyringStatus, KeyStore
from peerdesk.storage.vault import Vault
from peerdesk.ui.common.clipboard import SecureClipboard
from peerdesk.ui.common.messages import Messages
from peerdesk.ui.common.preferences import Preferences
from peerdesk.ui.common.session import VaultSession
from peerdesk.ui.common.theme import apply_theme
from peerdesk.ui.common.vault_settings import SettingsRegistry
from peerdesk.ui.common.workers import run_in_background
from peerdesk.ui.shell.backups import Backups
from peerdesk.ui.shell.inactivity import InactivityTimer, ScreenLockListener
from peerdesk.ui.shell.locking import LockController
from peerdesk.ui.shell.remembered import RememberedPassphrases
from peerdesk.ui.shell.unlock_flow import UnlockFlow

if TYPE_CHECKING:
    # The main window (every screen, the entry editor) loads once a vault is open, so the
    # unlock window appears without it (issue 18, item 4).
    from peerdesk.ui.shell.main_window import MainWindow

log = logging.getLogger(__name__)
VAULT_FILTER = N_("PeerDesk vaults (*.peerdesk);;All files (*)")


def _import_main_window(_task: object) -> None:
    """Runs on a worker thread: only imports and loads data files (no widget is made off the
    GUI thread)."""
    from datetime import date

    import peerdesk.ui.shell.main_window  # noqa: F401
    from peerdesk.models.dates import short_date

    short_date(date.today())  # babel reads its locale data once: not at unlock


class AppController(QObject):
    """Owns the session, the windows and the settings; hands each family of work to a helper:
    :class:`UnlockFlow` (first run, unlock, restore), :class:`RememberedPassphrases` (the
    keyring) and :class:`Backups`. Locking, settings, help and quitting stay here."""

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
        self.explicit_vault = vault_path  # the vault shown last (given, opened or chosen)
        self.main_window: MainWindow | None = None
        self.unlock_window: Any = None
        self.wizard: Any = None
        self.busy = False  # an open or create runs in the background
        self._quitting = False
        self._keyring_status: KeyringStatus | None = None
        self._preparing = False  # the main window's modules are being imported
        self._keyring_waiters: list[Callable[[KeyringStatus], None]] = []
        self.flow = UnlockFlow(self)
        self.remembered = RememberedPassphrases(self)
        self.backups = Backups(self)
        self.registry.changed.connect(self._apply_setting)
        self.preferences.changed.connect(self._apply_preference)
        apply_theme(app, str(self.preferences.get("theme")))
        self.unlock_hide: QShortcut | None = None
        from peerdesk.ui.shell.relanguage import LanguageRebuild

        self.relanguage = LanguageRebuild(self)  # a new language rebuilds the windows in it

    # -- start -----------------------------------------------------------------------------------

    def current_vault_path(self) -> Path:
        if self.explicit_vault is not None:
            return self.explicit_vault
        if self.preferences.get("remember_last_vault"):
            last = str(self.preferences.get("last_vault") or "")
            if last and Path(last).is_file():
                return Path(last)
        return paths.default_vault_path()

    def keyring_status(self) -> KeyringStatus:
        if self._keyring_status is None:
            self._keyring_status = self.keystore.status()
        return self._keyring_status

    def known_keyring_status(self) -> KeyringStatus | None:
        """The keyring's status if it has been asked already, else None."""
        return self._keyring_status

    def when_keyring_known(self, then: Callable[[KeyringStatus], None]) -> None:
        """Call ``then`` with the keyring's status: at once if known, else once a worker has
        asked (loading the keyring and finding its backend took 0.25–0.4 s at start)."""
        if self._keyring_status is not None:
            then(self._keyring_status)
            return
        self._keyring_waiters.append(then)
        if len(self._keyring_waiters) > 1:
            return  # already being asked
        keystore = self.keystore

        def known(status: object) -> None:
            if self._keyring_status is None:
                assert isinstance(status, KeyringStatus)
                self._keyring_status = status
            waiting, self._keyring_waiters = self._keyring_waiters, []
            for waiter in waiting:
                waiter(self._keyring_status)

        def failed(_exc: BaseException) -> None:  # status() never raises; be safe anyway
            known(self.keyring_status())

        run_in_background(lambda _t: keystore.status(), on_success=known, on_failure=failed)

    def start(self) -> None:
        path = self.current_vault_path()
        if path.exists():
            self.flow.show_unlock(path, try_keyring=True)
        else:
            self.flow.show_first_run()

    # -- vault open ------------------------------------------------------------------------------

    def adopt(self, vault: Vault, passphrase: str, remember: bool | None) -> None:
        self.session.adopt(vault)
        self.registry.bind(self.session.repos.settings)
        self._apply_all_settings()
        if self.preferences.get("remember_last_vault"):
            self.preferences.set("last_vault", str(vault.path))
        self.remembered.update_keyring(vault.path, passphrase, remember)
        self.backups.after_unlock()
        if self.unlock_window is not None:
            self.unlock_window.clear()
        self.flow.last_attempt = None

    def prepare_main(self) -> None:
        """Get the main window ready, hidden and empty, while the unlock window waits for the
        passphrase: its modules (every screen, the editor, reportlab) are imported on a worker
        thread, then the window is built on the GUI thread. Unlocking then only reads the data
        of the screen in view (issue 18, item 1). Nothing of the vault is read here."""
        if self.main_window is not None or self._preparing or self._quitting:
            return
        self._preparing = True

        def imported(_result: object) -> None:
            self._preparing = False
            if not self._quitting and self._unlock_waiting():
                self._build_main()

        def failed(exc: BaseException) -> None:  # built when first needed instead
            self._preparing = False
            log.warning("the main window could not be prepared (%s)", type(exc).__name__)

        run_in_background(_import_main_window, on_success=imported, on_failure=failed)

    def _unlock_waiting(self) -> bool:
        """Whether the unlock window is on screen (the main window is prepared only then)."""
        with contextlib.suppress(RuntimeError):  # already destroyed
            return self.unlock_window is not None and bool(self.unlock_window.isVisible())
        return False

    def _build_main(self) -> MainWindow:
        if self.main_window is None:
            from peerdesk.ui.shell.main_window import MainWindow

            self.main_window = MainWindow(
                self.session,
                list(self.registry.get("sections")),
                clipboard=self.clipboard,
                preferences=self.preferences,
                registry=self.registry,
            )
            self._connect_main(self.main_window)
            self.main_window.installEventFilter(self)
            # Styled and laid out now, hidden, so that showing it after unlocking is quick.
            self.main_window.ensurePolished()
        return self.main_window

    def show_main(self) -> None:
        if self.main_window is None:
            self._build_main()
        else:
            self.main_window.set_sections(list(self.registry.get("sections")))
        assert self.main_window is not None
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
            if self.unlock_hide is not None:
                self.unlock_hide.setKey(QKeySequence(str(value)))
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
        """File ▸ Back up now: a verified backup, and a word on how it went."""
        self.backups.back_up_now()

    # -- other vaults ----------------------------------------------------------------------------

    def _new_vault(self) -> None:
        self.lock("switch")
        self.flow.show_first_run()

    def _open_other_vault(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self.main_window, _("Open a vault"), "", _(VAULT_FILTER)
        )
        if path:
            self.lock("switch")
            self.flow.show_unlock(Path(path))

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
        path = self.explicit_vault or self.current_vault_path()
        self.flow.show_unlock(path)

    def _forget_attempt(self) -> None:
        """Drop the passphrase kept from a failed unlock (for "Restore") and the typed one."""
        self.flow.last_attempt = None
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
        dialog = SupportDialog(resources, parent, preferences=self.preferences)
        dialog.open()

    def show_about(self) -> None:
        Messages.info(
            self.main_window,
            # translators: a window title; {app} is "PeerDesk"
            _("About {app}").format(app=APP_NAME),
            f"{APP_NAME} {__version__}",
            informative=_(
                "A private, offline journal and peer-support notebook. "
                "Everything stays encrypted on this computer; nothing is sent anywhere."
            ),
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
        if self.main_window is not None:
            self.main_window.allow_close()
        for window in (self.main_window, self.unlock_window, self.wizard):
            if window is not None:
                window.close()
        self.app.quit()

    # -- helpers ---------------------------------------------------------------------------------

    def run(self, work: Any, on_success: Any, on_failure: Any) -> None:
        self.busy = True

        def success(result: object) -> None:
            self.busy = False  # an open or create runs in the background
            on_success(result)

        def failure(exc: BaseException) -> None:
            self.busy = False  # an open or create runs in the background
            on_failure(exc)

        run_in_background(work, on_success=success, on_failure=failure)
