"""From start to an open vault: the first-run wizard, the unlock window and restoring a backup.

:class:`UnlockFlow` is the controller's helper for everything before the main window shows; it
keeps the windows on the controller (``wizard``, ``unlock_window``) and hands an opened vault
back through :meth:`AppController.adopt`.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut

from peerdesk import paths
from peerdesk.i18n import N_, _
from peerdesk.storage.errors import VaultCorrupted, VaultError, WrongPassphrase
from peerdesk.storage.keystore import KeyringStatus, vault_id_for
from peerdesk.storage.vault import Vault
from peerdesk.ui.common.messages import Messages
from peerdesk.ui.common.owner import WeakOwner
from peerdesk.ui.shell.vault_open import Secret, create_vault, open_vault

if TYPE_CHECKING:
    from peerdesk.ui.shell.controller import AppController

log = logging.getLogger(__name__)

#: How long after the unlock window appears the main window starts being prepared behind it
#: (after the first paint; far less than anyone takes to type a passphrase).
PREPARE_AFTER_MS = 150
#: What the unlock window shows until the keyring has answered.
KEYRING_CHECKING_TEXT = N_("Checking whether this computer's keyring can remember the passphrase…")


def keyring_checking() -> KeyringStatus:
    """The keyring status shown until the keyring has answered, in the language in force."""
    return KeyringStatus(False, "", _(KEYRING_CHECKING_TEXT))


class _PageCheckRelay(QObject):
    """Carries the page check's result from its thread to the GUI thread (a queued signal).
    A child of the controller: if it is gone, so is anything queued for it."""

    finished = Signal(object, object)  # the vault checked, the damaged pages found


class UnlockFlow:
    def __init__(self, controller: AppController) -> None:
        # Weakly: the owner holds this helper, and a cycle through Qt wrappers would leave
        # their attributes cleared by the garbage collector while the C++ objects live on.
        self._owner = WeakOwner(controller)
        #: The vault and passphrase of the last failed unlock, which "Restore" needs.
        self.last_attempt: tuple[Path, str] | None = None
        #: Vaults found damaged by the page check after an unlock: checked before showing.
        self.suspect: set[Path] = set()
        #: The vault whose page check runs after the window appeared, its path, and the
        #: passphrase "Restore" needs if the check finds damage (dropped when the vault closes).
        self._checking: tuple[Vault, Path, Secret] | None = None
        self._relay = _PageCheckRelay(controller)
        self._relay.finished.connect(self._page_check_done)
        controller.session.closed.connect(self._forget_page_check)

    @property
    def _c(self) -> AppController:
        return self._owner.get()

    def show_first_run(self) -> None:
        from peerdesk.ui.vault.first_run.wizard import FirstRunWizard

        if self._c.wizard is not None:
            self._c.wizard.close()
        self._c.wizard = FirstRunWizard(paths.default_vault_path(), self._c.keyring_status())
        self._c.wizard.create_requested.connect(self._create_requested)
        self._c.wizard.open_requested.connect(lambda p: self.show_unlock(Path(p)))
        self._c.wizard.demo_requested.connect(self._demo_requested)
        self._c.wizard.rejected.connect(self._wizard_cancelled)
        self._c.wizard.show()

    def _wizard_cancelled(self) -> None:
        if not self._c.session.is_open and (
            self._c.unlock_window is None or not self._c.unlock_window.isVisible()
        ):
            self._c.app.quit()

    def _create_requested(
        self, path: str, passphrase: str, uses: list[str], remember: bool
    ) -> None:
        c = self._c  # held by the callbacks below, as the controller itself was
        target = Path(path)
        if target == paths.default_vault_path():
            paths.ensure_private_dir(target.parent)
        secret = Secret(passphrase)
        del passphrase

        def opened(vault: Vault) -> None:
            try:
                c.adopt(vault, secret.get(), remember)
            finally:
                secret.drop()
            c.registry.set("sections", list(uses) or ["journal", "supporter"])
            c.show_main()

        def failed(exc: BaseException) -> None:
            secret.drop()
            self._create_failed(exc)

        c.run(lambda _t: create_vault(target, secret.get(), demo=False), opened, failed)

    def _demo_requested(self, path: str, passphrase: str) -> None:
        c = self._c  # held by the callbacks below, as the controller itself was
        target = Path(path)
        paths.ensure_private_dir(target.parent)
        secret = Secret(passphrase)
        del passphrase

        def opened(vault: Vault) -> None:
            try:
                c.adopt(vault, secret.get(), remember=False)
            finally:
                secret.drop()
            c.show_main()

        def failed(exc: BaseException) -> None:
            secret.drop()
            self._create_failed(exc)

        c.run(lambda _t: create_vault(target, secret.get(), demo=True), opened, failed)

    def _create_failed(self, exc: BaseException) -> None:
        message = (
            exc.user_message
            if isinstance(exc, VaultError)
            else (_("The vault could not be created. Nothing was written."))
        )
        Messages.error(self._c.wizard, _("PeerDesk"), message)
        if self._c.wizard is not None:
            self._c.wizard.show()

    def show_unlock(self, path: Path, *, try_keyring: bool = False) -> None:
        from peerdesk.content import load_builtin_resources
        from peerdesk.ui.vault.unlock import UnlockWindow

        if self._c.wizard is not None:
            self._c.wizard.hide()
        if self._c.unlock_window is None:
            # The keyring is asked once the window is up (loading it is slow): until then
            # "Remember on this device" waits, saying so.
            status = self._c.known_keyring_status() or keyring_checking()
            self._c.unlock_window = UnlockWindow(path, status, load_builtin_resources())
            self._c.unlock_window.unlock_requested.connect(self.unlock_requested)
            self._c.unlock_window.restore_requested.connect(self._restore_requested)
            self._c.unlock_window.create_requested.connect(self.show_first_run)
            self._c.unlock_window.vault_changed.connect(self._unlock_vault_changed)
            # Quick hide works while locked too: it hides the unlock window.
            self._c.unlock_hide = QShortcut(
                QKeySequence(str(self._c.registry.get("quick_hide_shortcut"))),
                self._c.unlock_window,
            )
            self._c.unlock_hide.activated.connect(self._c.quick_hide)
            self._c.unlock_window.installEventFilter(self._c)
        else:
            self._c.unlock_window.set_vault_path(path)
        self._c.explicit_vault = path
        self._c.unlock_window.clear()
        # "Remember on this device" shows what the keyring holds for this vault, asked afresh
        # each time (Settings or another program may have changed it). Until it answers the
        # box is unticked and not known, and typing the passphrase leaves the keyring alone.
        self._c.remembered.note(vault_id_for(path), None)
        self._c.unlock_window.set_remember_checked(False)
        self._c.unlock_window.show()
        self._c.unlock_window.raise_()
        self._c.unlock_window.activateWindow()
        # Once the unlock window has painted, the main window is made ready behind it.
        QTimer.singleShot(PREPARE_AFTER_MS, self._c.prepare_main)
        self._c.when_keyring_known(lambda status: self._keyring_known(path, status, try_keyring))

    def _keyring_known(self, path: Path, status: KeyringStatus, try_keyring: bool) -> None:
        c = self._c
        window = c.unlock_window
        if window is None:
            return
        window.set_keyring_status(status)
        if c.session.is_open or c.busy or window.vault_path() != path:
            return  # unlocked, unlocking or another vault chosen meanwhile
        if try_keyring and status.available:
            c.remembered.try_unlock(path)
        else:
            c.remembered.check(path)

    def _unlock_vault_changed(self, path: str) -> None:
        self._c.explicit_vault = Path(path)
        self._c.remembered.note(vault_id_for(path), None)
        if self._c.unlock_window is not None:
            self._c.unlock_window.set_remember_checked(False)
        self._c.remembered.check(Path(path))

    def unlock_requested(
        self, path: str, passphrase: str, remember: bool, *, from_keyring: bool = False
    ) -> None:
        c = self._c  # held by the callbacks below, as the controller itself was
        if c.busy:
            return
        target = Path(path)
        self.last_attempt = (target, passphrase)
        c.unlock_window.set_busy(True)
        secret = Secret(passphrase)
        del passphrase
        # The page check reads the whole file: it runs once the window is up, unless this
        # vault was found damaged before (then before anything is shown).
        check_first = target.absolute() in self.suspect

        def opened(vault: Vault) -> None:
            c.unlock_window.set_busy(False)
            try:
                c.adopt(vault, secret.get(), remember)
                problem = c.main_window.take_open_error() if c.main_window else None
                if problem is not None:
                    raise problem
            except VaultError as exc:  # e.g. damage found on the first read of a page
                if isinstance(exc, VaultCorrupted):  # "Restore" needs what was typed
                    self.suspect.add(target.absolute())
                    self.last_attempt = (target, secret.get())
                secret.drop()
                c.session.close()
                c.unlock_window.show_error(exc)
                return
            except BaseException:
                secret.drop()
                raise
            c.show_main()
            if check_first:
                secret.drop()
            else:
                self._check_after_unlock(vault, target, secret)

        def failed(exc: BaseException) -> None:
            secret.drop()
            c.unlock_window.set_busy(False)
            if from_keyring and type(exc) is WrongPassphrase:
                from peerdesk.ui.vault.unlock_errors import StaleRememberedPassphrase

                exc = StaleRememberedPassphrase()  # nobody typed anything: say what happened
            c.unlock_window.show_error(exc)

        c.run(lambda _t: open_vault(target, secret.get(), check_pages=check_first), opened, failed)

    def _check_after_unlock(self, vault: Vault, target: Path, secret: Secret) -> None:
        """The page check on its own connection and thread, once the window is up. Damage
        locks the vault and the unlock window says so, offering the newest good backup (the
        passphrase is kept until the check ends, as after a failed unlock, for "Restore")."""
        c = self._c
        self._forget_page_check()
        if not (c.session.is_open and c.session.repos.vault is vault):
            secret.drop()
            return
        self._checking = (vault, target, secret)
        relay = self._relay
        vault.start_page_check(lambda pages: relay.finished.emit(vault, pages))

    def _page_check_done(self, vault: Vault, pages: list[str]) -> None:
        c = self._c
        checking, self._checking = self._checking, None
        if checking is None or checking[0] is not vault:
            self._checking = checking  # a result for a vault closed since: nothing to say
            return
        _vault, target, secret = checking
        typed = secret.get()
        secret.drop()
        if not pages or not (c.session.is_open and c.session.repos.vault is vault):
            return
        log.warning("page check after unlock found %d damaged page(s)", len(pages))
        self.suspect.add(target.absolute())
        c.lock("damaged")
        if c.unlock_window is not None and not c.session.is_open:
            self.last_attempt = (target, typed)
            c.unlock_window.show_error(VaultCorrupted())

    def _forget_page_check(self) -> None:
        """The vault closed (its check was stopped first): drop the passphrase kept for it."""
        checking, self._checking = self._checking, None
        if checking is not None:
            checking[2].drop()

    def _restore_requested(self, path: str) -> None:
        c = self._c  # held by the callbacks below, as the controller itself was
        from peerdesk.storage.backup import newest_good_backup, restore

        if self.last_attempt is None or self.last_attempt[0] != Path(path):
            Messages.info(
                c.unlock_window,
                _("Restore a backup"),
                _(
                    "Type the vault's passphrase and try to unlock first, so that "
                    "PeerDesk can check which backups open with it."
                ),
            )
            return
        target, typed = self.last_attempt
        secret = Secret(typed)
        del typed
        backups = c.registry.backups_directory()
        if not Messages.confirm(
            c.unlock_window,
            _("Restore the newest good backup"),
            _(
                "PeerDesk will replace the damaged vault with the newest backup that opens "
                "and passes its checks."
            ),
            action=_("Restore"),
            informative=_(
                "The damaged file is kept beside it, renamed, so nothing is lost. "
                "Anything written after that backup is not in it."
            ),
        ):
            return

        def work(_task: object) -> Vault:
            passphrase = secret.get()
            found = newest_good_backup(backups, target, passphrase)
            if found is None and backups != paths.backups_dir():
                found = newest_good_backup(paths.backups_dir(), target, passphrase)
            if found is None:
                raise VaultError(
                    _(
                        "No backup of this vault opens with this passphrase, "
                        "so nothing was restored."
                    )
                )
            restore(found, passphrase, target)
            return open_vault(target, passphrase)

        def opened(vault: Vault) -> None:
            c.unlock_window.set_busy(False)
            try:
                c.adopt(vault, secret.get(), remember=None)  # the keyring is left as it is
            finally:
                secret.drop()
            c.show_main()
            Messages.info(
                c.main_window,
                _("Backup restored"),
                _(
                    "The newest good backup was restored. The damaged file was kept "
                    "beside the vault with '.replaced-' and the date in its name."
                ),
            )

        def failed(exc: BaseException) -> None:
            secret.drop()
            c.unlock_window.set_busy(False)
            c.unlock_window.show_error(exc)

        c.unlock_window.set_busy(True)
        c.run(work, opened, failed)


__all__ = ["UnlockFlow"]
