"""The Settings dialog: Security, Vault and Appearance.

Settings (the spin boxes, check boxes, shortcut, folder, theme, sections) are applied when the
user presses OK and discarded on Cancel. Four controls are *actions* that take effect at once,
because they change something outside the dialog's values: "Remember the passphrase on this
device" (the system keyring, :mod:`keyring_actions`), "Back up now", "Check integrity now"
(:mod:`backup_actions`) and "Change passphrase…" (:mod:`passphrase_actions`).

Every action runs off the GUI thread (``workers.run_in_background``); while one runs a busy
bar shows, and no other action (nor OK / Cancel) can start. This class only assembles the
pages, runs the actions one at a time and applies the values on OK.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from peerdesk.i18n import _
from peerdesk.storage.errors import VaultError
from peerdesk.storage.keystore import KeyringStatus, KeyStore
from peerdesk.ui.common.accessibility import announce
from peerdesk.ui.common.messages import Messages
from peerdesk.ui.common.preferences import Preferences
from peerdesk.ui.common.session import VaultSession
from peerdesk.ui.common.vault_settings import SettingsRegistry
from peerdesk.ui.common.workers import Task, run_in_background
from peerdesk.ui.vault.field_errors import show_error
from peerdesk.ui.vault.page_scroll import bounded_to_screen
from peerdesk.ui.vault.settings.appearance_page import AppearancePage
from peerdesk.ui.vault.settings.backup_actions import BackupActions
from peerdesk.ui.vault.settings.keyring_actions import KeyringActions
from peerdesk.ui.vault.settings.passphrase_actions import PassphraseActions
from peerdesk.ui.vault.settings.passphrase_change import ChangePassphrase
from peerdesk.ui.vault.settings.security_page import SecurityPage
from peerdesk.ui.vault.settings.vault_page import VaultPage
from peerdesk.ui.vault.settings.widgets import GrowingDialog, Invalid

TABS = ("security", "vault", "appearance")


class SettingsDialog(GrowingDialog):
    def __init__(
        self,
        session: VaultSession,
        registry: SettingsRegistry,
        preferences: Preferences,
        keystore: KeyStore,
        parent: QWidget | None = None,
        *,
        change_passphrase: ChangePassphrase | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(_("Settings"))
        self._session = session
        self._registry = registry
        self._preferences = preferences
        self._busy = False
        self._task: Task | None = None

        self.security_page = SecurityPage()
        self.vault_page = VaultPage(session, registry)
        self.appearance_page = AppearancePage()
        self.tabs = QTabWidget()
        self.tabs.setObjectName("settingsTabs")
        self.tabs.addTab(self.security_page, _("Security"))
        self.tabs.addTab(self.vault_page, _("Vault"))
        self.tabs.addTab(self.appearance_page, _("Appearance"))

        self.keyring = KeyringActions(self, self.security_page, session, registry, keystore)
        self.backups = BackupActions(self, self.vault_page, session, preferences)
        self.passphrase = PassphraseActions(
            self, session, registry, keystore, self.keyring, change_passphrase
        )
        self.vault_page.change_button.clicked.connect(self.passphrase.ask_change_passphrase)

        self.progress = QProgressBar()
        self.progress.setObjectName("busyBar")
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.setMaximumWidth(160)
        self.busy_label = QLabel()
        self.busy_label.setObjectName("busyLabel")
        self.busy_label.setWordWrap(True)
        busy_row = QHBoxLayout()
        busy_row.addWidget(self.progress)
        busy_row.addWidget(self.busy_label, 1)
        self.progress.hide()
        self.busy_label.hide()

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.RestoreDefaults
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        restore = self.buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults)
        restore.setToolTip(_("Put the settings on this tab back to how PeerDesk came"))
        restore.clicked.connect(self.restore_defaults)

        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addLayout(busy_row)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(600)
        self.resize(bounded_to_screen(self, self.sizeHint()))

        self.security_page.load(registry, preferences)
        self.vault_page.load()
        self.appearance_page.load(registry, preferences)
        self.vault_page.show_newest_backup()
        session.closing.connect(self._vault_closing)
        self.keyring.check()

    # -- tabs, defaults, applying ----------------------------------------------------------------

    def show_tab(self, name: str) -> None:
        """Show the tab ``name`` ("security", "vault" or "appearance")."""
        if name in TABS:
            self.tabs.setCurrentIndex(TABS.index(name))

    def current_tab(self) -> str:
        return TABS[self.tabs.currentIndex()]

    def restore_defaults(self) -> None:
        """Put the current tab's settings back to their defaults (applied on OK)."""
        page = (self.security_page, self.vault_page, self.appearance_page)[self.tabs.currentIndex()]
        page.restore_defaults(self._registry)

    def _pending(self) -> dict[str, Any]:
        """The in-vault values shown, validated; raises Invalid naming the widget to fix."""
        values: dict[str, Any] = {}
        for page in (self.security_page, self.vault_page, self.appearance_page):
            for key, value, widget in page.shown():
                try:
                    values[key] = self._registry.validate(key, value)
                except ValueError as exc:
                    raise Invalid(str(exc), page.TAB, widget) from None
        return values

    def complain(self, title: str, problem: Invalid) -> None:
        """Show the tab and the widget a value cannot be used from, and say why: under the
        widget (focused, announced) where it has a line for errors, else in a message."""
        self.show_tab(problem.tab)
        page = (self.security_page, self.vault_page, self.appearance_page)[TABS.index(problem.tab)]
        label = page.error_label_for(problem.widget)
        if label is not None:
            show_error(problem.widget, label, problem.message)
            return
        problem.widget.setFocus()
        Messages.warn(self, title, problem.message)

    def accept(self) -> None:
        if self._busy:
            return
        try:
            values = self._pending()
        except Invalid as problem:
            self.complain(_("Settings not saved"), problem)
            return
        try:
            for key, value in values.items():
                self._registry.set(key, value)
        except VaultError as exc:
            Messages.error(self, _("Settings not saved"), exc.user_message)
            return
        self.security_page.apply_preferences(self._preferences)
        self.appearance_page.apply_preferences(self._preferences)
        super().accept()

    def reject(self) -> None:
        if self._busy:
            return  # the work in progress must finish first (Cancel is disabled meanwhile)
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._busy:
            event.ignore()
            return
        super().closeEvent(event)

    def _vault_closing(self) -> None:
        """Locking closes this dialog (but changing the passphrase closes the vault on purpose)."""
        if not self.passphrase.changing and self.isVisible():
            QDialog.done(self, QDialog.DialogCode.Rejected)

    # -- background work -------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        """Whether a background action (backup, check, keyring, passphrase) is running."""
        return self._busy

    @property
    def keyring_status(self) -> KeyringStatus | None:
        """The keyring's status once the background check has answered (None until then)."""
        return self.keyring.status

    def set_busy(self, busy: bool, text: str = "") -> None:
        self._busy = busy
        self.progress.setVisible(busy)
        self.busy_label.setVisible(busy)
        self.busy_label.setText(text)
        if busy and text:
            announce(self.busy_label, text)  # "Backing up…": what the dialog is doing now
        self.vault_page.set_actions_enabled(not busy)
        self.security_page.remember.setEnabled(not busy and self.keyring.available())
        for which in (
            QDialogButtonBox.StandardButton.Ok,
            QDialogButtonBox.StandardButton.Cancel,
            QDialogButtonBox.StandardButton.RestoreDefaults,
        ):
            self.buttons.button(which).setEnabled(not busy)

    def alive(self) -> bool:
        return shiboken6.isValid(self)

    def start(
        self,
        text: str,
        work: Callable[[Task], Any],
        done: Callable[[Any], None],
        failed: Callable[[BaseException], None],
    ) -> bool:
        """Run ``work`` in the background unless something already runs."""
        if self._busy:
            return False
        self.set_busy(True, text)

        def succeeded(result: object) -> None:
            if self.alive():
                self.set_busy(False)
                done(result)

        def crashed(exc: BaseException) -> None:
            if self.alive():
                self.set_busy(False)
                failed(exc)

        self._task = run_in_background(work, on_success=succeeded, on_failure=crashed)
        return True


__all__ = ["TABS", "SettingsDialog"]
