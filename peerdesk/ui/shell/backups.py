"""Backups the application makes by itself: after every unlock, and File ▸ Back up now.

Each is verified and written from a second connection (``vault.sibling()``) in the background;
the last N of each reason are kept.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from peerdesk.i18n import N_, _
from peerdesk.storage.errors import VaultError
from peerdesk.ui.common.messages import Messages
from peerdesk.ui.common.owner import WeakOwner
from peerdesk.ui.common.workers import run_in_background

if TYPE_CHECKING:
    from peerdesk.ui.shell.controller import AppController

log = logging.getLogger(__name__)

BACKUP_FAILED_NOTE = N_("The automatic backup could not be made; use File ▸ Back up now.")


class Backups:
    def __init__(self, controller: AppController) -> None:
        # Weakly: the owner holds this helper, and a cycle through Qt wrappers would leave
        # their attributes cleared by the garbage collector while the C++ objects live on.
        self._owner = WeakOwner(controller)

    @property
    def _c(self) -> AppController:
        return self._owner.get()

    def run(
        self,
        reason: str,
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
    ) -> None:
        """A verified backup from a second connection, rotating the last N of ``reason``."""
        c = self._c  # held by the callbacks below, as the controller itself was
        from peerdesk.storage.backup import automatic_backup

        if not c.session.is_open:
            return
        vault = c.session.repos.vault
        folder = c.registry.backups_directory()
        keep = int(c.registry.get("backups_keep"))

        def work(_task: object) -> Path:
            sibling = vault.sibling()
            try:
                return automatic_backup(sibling, folder, keep=keep, reason=reason)
            finally:
                sibling.close()

        run_in_background(work, on_success=on_success, on_failure=on_failure)

    def after_unlock(self) -> None:
        c = self._c  # held by the callbacks below, as the controller itself was

        def failed(exc: BaseException) -> None:
            log.warning("automatic backup failed (%s)", getattr(exc, "kind", type(exc).__name__))
            if c.main_window is not None:  # a note that stays until dismissed, announced
                c.main_window.show_note(_(BACKUP_FAILED_NOTE))

        self.run("unlock", on_failure=failed)

    def back_up_now(self) -> None:
        c = self._c  # held by the callbacks below, as the controller itself was

        def done(path: object) -> None:
            Messages.info(
                c.main_window,
                _("Backup made"),
                # translators: {path} is the backup file's path
                _("A verified, encrypted backup was written to {path}.").format(path=path),
                informative=_("It opens with the vault's current passphrase."),
            )

        def failed(exc: BaseException) -> None:
            text = exc.user_message if isinstance(exc, VaultError) else _("The backup failed.")
            Messages.error(c.main_window, _("Backup failed"), text)

        self.run("manual", on_success=done, on_failure=failed)


__all__ = ["BACKUP_FAILED_NOTE", "Backups"]
