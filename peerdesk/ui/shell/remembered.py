"""What the system keyring holds for a vault, as the unlock window shows it and as the person
chose when they unlocked. Keyring calls run off the GUI thread (SECURITY.md 14)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from peerdesk.i18n import N_, _
from peerdesk.storage.keystore import KeyringError, vault_id_for
from peerdesk.ui.common.messages import Messages
from peerdesk.ui.common.owner import WeakOwner
from peerdesk.ui.common.workers import run_in_background

if TYPE_CHECKING:
    from peerdesk.ui.shell.controller import AppController

log = logging.getLogger(__name__)
NO_LONGER_REMEMBERED = N_(
    "PeerDesk no longer remembers the passphrase on this device: you "
    "unticked “Remember on this device”."
)


class RememberedPassphrases:
    def __init__(self, controller: AppController) -> None:
        # Weakly: the owner holds this helper, and a cycle through Qt wrappers would leave
        # their attributes cleared by the garbage collector while the C++ objects live on.
        self._owner = WeakOwner(controller)
        # What the keyring holds for a vault id (True/False) since the unlock window last asked.
        self._known: dict[str, bool] = {}
        self._token = 0

    @property
    def _c(self) -> AppController:
        return self._owner.get()

    def note(self, vault_id: str, remembered: bool | None) -> None:
        """Record what the keyring holds for ``vault_id`` (``None``: not known) and show it in
        the unlock window if it shows that vault."""
        self._token += 1  # an answer still on its way is older than this
        if remembered is None:
            self._known.pop(vault_id, None)
            return
        self._known[vault_id] = remembered
        window = self._c.unlock_window
        if (
            window is not None
            and not self._c.session.is_open
            and vault_id_for(window.vault_path()) == vault_id
        ):
            window.set_remember_checked(remembered)

    def check(self, path: Path) -> None:
        """Ask the keyring (off the GUI thread) whether it holds this vault's passphrase."""
        c = self._c  # held by the callbacks below, as the controller itself was
        if not c.keyring_status().available:
            return
        store, vault_id = c.keystore, vault_id_for(path)
        self._token += 1
        token = self._token

        def found(remembered: object) -> None:
            if token == self._token:
                self.note(vault_id, bool(remembered))

        def failed(exc: BaseException) -> None:
            # Not known: typing the passphrase then leaves the keyring as it is.
            log.info("keyring check failed (%s)", type(exc).__name__)

        run_in_background(
            lambda _t: store.is_remembered(vault_id), on_success=found, on_failure=failed
        )

    def try_unlock(self, path: Path) -> None:
        c = self._c  # held by the callbacks below, as the controller itself was
        store, vault_id = c.keystore, vault_id_for(path)
        self._token += 1
        token = self._token

        def fetch(_task: object) -> str | None:
            return store.recall(vault_id)

        def found(passphrase: object) -> None:
            remembered = isinstance(passphrase, str) and bool(passphrase)
            if token == self._token:
                self.note(vault_id, remembered)
            if remembered and not c.session.is_open:
                c.flow.unlock_requested(str(path), str(passphrase), True, from_keyring=True)

        def failed(exc: BaseException) -> None:
            if isinstance(exc, KeyringError) and c.unlock_window is not None:
                c.unlock_window.show_error(exc)

        run_in_background(fetch, on_success=found, on_failure=failed)

    def update_keyring(self, path: Path, passphrase: str, remember: bool | None) -> None:
        """After an unlock: make the keyring what the person chose.

        ``remember`` is the box as it was when they unlocked (``None``: no choice was shown).
        Ticked: the passphrase is stored (again). Unticked: the entry is removed only if the
        box had shown it remembered, that is, the person unticked it; then the status line
        says so. The vault's own ``remember_passphrase`` setting follows the keyring.
        """
        c = self._c  # held by the callbacks below, as the controller itself was
        if not c.keyring_status().available:
            return
        store, vault_id = c.keystore, vault_id_for(path)
        known = self._known.get(vault_id)
        if not remember and not known:
            # Nothing remembered, or not known (the keyring did not answer): leave it alone.
            if known is False and c.registry.get("remember_passphrase"):
                c.registry.set("remember_passphrase", False)
            return
        if remember is None:
            if c.registry.get("remember_passphrase") != known:
                c.registry.set("remember_passphrase", bool(known))
            return
        c.registry.set("remember_passphrase", remember)
        self.note(vault_id, None)  # not known until the keyring has answered

        def work(_task: object) -> None:
            if remember:
                store.remember(vault_id, passphrase)
            else:
                store.forget(vault_id)

        def done(_result: object) -> None:
            self.note(vault_id, bool(remember))
            if not remember and c.main_window is not None:
                c.main_window.statusBar().showMessage(_(NO_LONGER_REMEMBERED), 30_000)

        def failed(exc: BaseException) -> None:
            if remember:
                c.registry.set("remember_passphrase", False)
            text = (
                exc.user_message
                if isinstance(exc, KeyringError)
                else (
                    _("The passphrase could not be remembered on this device.")
                    if remember
                    else _("The remembered passphrase could not be removed from this device.")
                )
            )
            # translators: the title of a message about the system's keyring (password store)
            Messages.warn(c.main_window, _("Keyring"), text)

        run_in_background(work, on_success=done, on_failure=failed)


__all__ = ["NO_LONGER_REMEMBERED", "RememberedPassphrases"]
