""" "Remember the passphrase on this device": the keyring's status and the two actions that
change it (remember, after the passphrase is confirmed; forget). Both take effect at once and
run off the GUI thread; keyring calls are bounded by the KeyStore's own timeout (SECURITY.md 14).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from peerdesk.i18n import _
from peerdesk.storage.errors import VaultError
from peerdesk.storage.keystore import KeyringStatus, KeyStore, vault_id_for
from peerdesk.ui.common.messages import Messages
from peerdesk.ui.common.owner import WeakOwner
from peerdesk.ui.common.session import VaultSession
from peerdesk.ui.common.vault_settings import SettingsRegistry
from peerdesk.ui.common.workers import Task, run_in_background
from peerdesk.ui.vault.settings.passphrase_dialogs import ConfirmPassphraseDialog
from peerdesk.ui.vault.settings.security_page import SecurityPage
from peerdesk.ui.vault.settings.widgets import user_message

if TYPE_CHECKING:
    from peerdesk.ui.vault.settings.dialog import SettingsDialog


class KeyringActions:
    """Owns the Security tab's "Remember the passphrase" box and the keyring label."""

    def __init__(
        self,
        dialog: SettingsDialog,
        page: SecurityPage,
        session: VaultSession,
        registry: SettingsRegistry,
        keystore: KeyStore,
    ) -> None:
        # Weakly: the owner holds this helper, and a cycle through Qt wrappers would leave
        # their attributes cleared by the garbage collector while the C++ objects live on.
        self._owner = WeakOwner(dialog)
        self._page = page
        self._session = session
        self._registry = registry
        self._keystore = keystore
        self.status: KeyringStatus | None = None
        self.confirm_dialog: ConfirmPassphraseDialog | None = None
        page.remember.clicked.connect(self._remember_clicked)

    @property
    def _dialog(self) -> SettingsDialog:
        return self._owner.get()

    def _alive(self) -> bool:
        """Whether the dialog is still there to hear how the background work went."""
        owner = self._owner()
        return owner is not None and owner.alive()

    def available(self) -> bool:
        return bool(self.status and self.status.available)

    def check(self) -> None:
        """Ask the keyring for its status in the background (the box stays off until then)."""
        keystore = self._keystore

        def found(status: object) -> None:
            if not self._alive():
                return
            assert isinstance(status, KeyringStatus)
            self.status = status
            self.show_status()

        def failed(_exc: BaseException) -> None:  # status() never raises; belt and braces
            if self._alive():
                self.status = KeyringStatus(
                    False, "", _("The system keyring could not be checked.")
                )
                self.show_status()

        run_in_background(lambda _task: keystore.status(), on_success=found, on_failure=failed)

    def show_status(self) -> None:
        status = self.status
        if status is None:
            return
        remember, label = self._page.remember, self._page.keyring_label
        remember.setEnabled(status.available and not self._dialog.busy)
        if not status.available:
            label.setText(status.reason)
        elif remember.isChecked():
            # translators: {keyring} is the name of the system's keyring, e.g. "Secret Service"
            label.setText(
                _(
                    "Remembered in {keyring}: this vault "
                    "unlocks without asking. Anyone who can use your "
                    "account on this computer could open it. Changes take "
                    "effect at once."
                ).format(keyring=status.backend_name)
            )
        else:
            # translators: {keyring} is the name of the system's keyring, e.g. "Secret Service"
            label.setText(
                _(
                    "When on, the passphrase is kept in "
                    "{keyring} and this vault unlocks without "
                    "asking (you confirm the passphrase first). Changes "
                    "take effect at once."
                ).format(keyring=status.backend_name)
            )
        # Read with the box it explains (a screen reader does not read the note on its own).
        remember.setAccessibleDescription(label.text())

    def _remember_clicked(self, checked: bool) -> None:
        # The box shows the keyring's state: undo the click until the keyring has changed.
        self._page.remember.setChecked(not checked)
        if self._dialog.busy or self._session.vault_path is None:
            return
        if checked:
            self._ask_to_remember()
        else:
            self._forget()

    def _ask_to_remember(self) -> None:
        vault = self._session.repos.vault
        dialog = ConfirmPassphraseDialog(vault.matches_passphrase, self._dialog)
        self.confirm_dialog = dialog

        def confirmed() -> None:
            passphrase = dialog.passphrase()
            dialog.clear_secret()
            self._remember(passphrase)

        dialog.accepted.connect(confirmed)
        dialog.finished.connect(self._confirm_finished)
        dialog.open()

    def _confirm_finished(self) -> None:
        if self.confirm_dialog is not None:
            self.confirm_dialog.deleteLater()
            self.confirm_dialog = None

    def _remember(self, passphrase: str) -> None:
        path = self._session.vault_path
        if path is None:
            return
        keystore, vault_id = self._keystore, vault_id_for(path)

        def work(_task: Task) -> None:
            keystore.remember(vault_id, passphrase)

        def done(_result: object) -> None:
            self.changed(True)

        def failed(exc: BaseException) -> None:
            Messages.warn(
                self._dialog,
                _("Passphrase not remembered"),
                user_message(exc, _("The passphrase could not be remembered.")),
            )

        self._dialog.start(_("Storing the passphrase in the system keyring…"), work, done, failed)

    def _forget(self) -> None:
        path = self._session.vault_path
        if path is None:
            return
        keystore, vault_id = self._keystore, vault_id_for(path)

        def done(_result: object) -> None:
            self.changed(False)

        def failed(exc: BaseException) -> None:
            Messages.warn(
                self._dialog,
                _("Passphrase not removed"),
                user_message(exc, _("The remembered passphrase could not be removed.")),
            )

        self._dialog.start(
            _("Removing the passphrase from the system keyring…"),
            lambda _task: keystore.forget(vault_id),
            done,
            failed,
        )

    def changed(self, remembered: bool) -> None:
        """The keyring now holds (or no longer holds) the passphrase: show it and note it."""
        self._page.remember.setChecked(remembered)
        self.show_status()
        try:
            self._registry.set("remember_passphrase", remembered)
        except VaultError as exc:
            Messages.error(self._dialog, _("Settings not saved"), exc.user_message)


__all__ = ["KeyringActions"]
