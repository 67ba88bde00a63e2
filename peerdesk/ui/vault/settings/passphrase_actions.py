""" "Change passphrase…": asks in :class:`ChangePassphraseDialog`, then re-keys the vault in the
background (the session closes meanwhile, on purpose) and says how it went."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog

from peerdesk.i18n import _
from peerdesk.storage.keystore import KeyStore
from peerdesk.ui.common.messages import Messages
from peerdesk.ui.common.owner import WeakOwner
from peerdesk.ui.common.session import VaultSession
from peerdesk.ui.common.vault_settings import SettingsRegistry
from peerdesk.ui.vault.settings.keyring_actions import KeyringActions
from peerdesk.ui.vault.settings.passphrase_change import (
    ChangePassphrase,
    OnChanged,
    OnFailed,
    PassphraseChanged,
    change_passphrase_in_background,
)
from peerdesk.ui.vault.settings.passphrase_dialogs import ChangePassphraseDialog
from peerdesk.ui.vault.settings.widgets import user_message

if TYPE_CHECKING:
    from peerdesk.ui.vault.settings.dialog import SettingsDialog


class PassphraseActions:
    def __init__(
        self,
        dialog: SettingsDialog,
        session: VaultSession,
        registry: SettingsRegistry,
        keystore: KeyStore,
        keyring: KeyringActions,
        change_passphrase: ChangePassphrase | None = None,
    ) -> None:
        # Weakly: the owner holds this helper, and a cycle through Qt wrappers would leave
        # their attributes cleared by the garbage collector while the C++ objects live on.
        self._owner = WeakOwner(dialog)
        self._session = session
        self._registry = registry
        self._keystore = keystore
        self._keyring = keyring
        self._change_passphrase = change_passphrase
        #: True while the change runs: the vault closes on purpose, which must not close the
        #: dialog the way a lock does.
        self.changing = False
        self.change_dialog: ChangePassphraseDialog | None = None

    @property
    def _dialog(self) -> SettingsDialog:
        return self._owner.get()

    def _alive(self) -> bool:
        """Whether the dialog is still there to hear how the background work went."""
        owner = self._owner()
        return owner is not None and owner.alive()

    def ask_change_passphrase(self) -> None:
        if self._dialog.busy or not self._session.is_open or self.change_dialog is not None:
            return
        dialog = ChangePassphraseDialog(self._session.repos.vault.matches_passphrase, self._dialog)
        self.change_dialog = dialog

        def confirmed() -> None:
            current, new = dialog.current(), dialog.new()
            dialog.clear_secrets()
            self._run_change(current, new)

        def finished() -> None:
            dialog.deleteLater()
            self.change_dialog = None

        dialog.accepted.connect(confirmed)
        dialog.finished.connect(finished)
        dialog.open()

    def _default_change(
        self, current: str, new: str, on_done: OnChanged, on_failed: OnFailed
    ) -> object:
        return change_passphrase_in_background(
            self._session,
            current,
            new,
            on_done,
            on_failed,
            keystore=self._keystore,
            remember=bool(self._registry.get("remember_passphrase")),
            backup_dir=self._registry.backups_directory(),
        )

    def _run_change(self, current: str, new: str) -> None:
        if self._dialog.busy:
            return
        change = self._change_passphrase or self._default_change
        self._dialog.set_busy(
            True, _("Changing the passphrase: backing up, re-encrypting and checking the vault…")
        )
        self.changing = True

        def done(result: PassphraseChanged) -> None:
            if self._alive():
                self._passphrase_changed(result)

        def failed(exc: BaseException) -> None:
            if self._alive():
                self._passphrase_failed(exc)

        try:
            change(current, new, done, failed)
        except BaseException as exc:
            failed(exc)

    def _end_change(self) -> None:
        self.changing = False
        self._dialog.set_busy(False)
        # The vault was closed and reopened: read and write settings through the new connection.
        if self._session.is_open and self._registry.settings is not self._session.repos.settings:
            self._registry.bind(self._session.repos.settings)

    def _passphrase_changed(self, result: PassphraseChanged) -> None:
        self._end_change()
        if result.remembered is False:
            self._keyring.changed(False)
        extra = f"\n\n{result.keyring_note}" if result.keyring_note else ""
        if result.remembered:
            extra = _("\n\nThe passphrase remembered on this device was updated.")
        Messages.info(
            self._dialog,
            _("Passphrase changed"),
            _("Your passphrase was changed, and the vault passed both integrity checks."),
            # translators: {path} is a backup file's path; {more} is empty or a further paragraph
            informative=_(
                "A backup made just before the change is at "
                "{path}. It opens with the OLD passphrase: delete it if "
                "someone else may know the old one.{more}"
            ).format(path=result.backup, more=extra),
        )

    def _passphrase_failed(self, exc: BaseException) -> None:
        self._end_change()
        message = user_message(exc, _("The passphrase could not be changed."))
        if self._session.is_open:
            Messages.error(self._dialog, _("Passphrase not changed"), message)
            return
        Messages.error(
            self._dialog,
            _("Passphrase not changed"),
            message,
            informative=_("The vault could not be opened again. Unlock it to continue."),
        )
        QDialog.done(self._dialog, QDialog.DialogCode.Rejected)


__all__ = ["PassphraseActions"]
