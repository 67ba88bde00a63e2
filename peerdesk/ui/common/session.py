"""The open vault of the running application, and the repositories over it.

Screens receive the session (not the application object) and take the repositories they need.
``opened`` / ``closing`` / ``closed`` let every screen fill itself when the vault opens and drop
everything it holds when it closes (locking).

The vault and the repositories (every storage module, and through them every model) are
imported when a vault is first opened, not with this module: the controller makes a session
before the unlock window, which shows none of them (issue 18, item 4).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from peerdesk import paths
from peerdesk.storage.errors import VaultClosed

if TYPE_CHECKING:
    from peerdesk.storage.repositories import Repositories
    from peerdesk.storage.vault import Vault

log = logging.getLogger(__name__)


class VaultSession(QObject):
    opened = Signal()
    closing = Signal()  # screens save drafts and let go of everything they show
    closed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._repos: Repositories | None = None

    @property
    def is_open(self) -> bool:
        return self._repos is not None

    @property
    def repos(self) -> Repositories:
        if self._repos is None:
            raise VaultClosed()
        return self._repos

    @property
    def vault_path(self) -> Path | None:
        return self._repos.vault.path if self._repos else None

    def open(self, path: Path, passphrase: str) -> None:
        """Open an existing vault (raises the vault's typed errors)."""
        from peerdesk.content import install_builtin_content
        from peerdesk.storage.vault import Vault

        vault = Vault.open(path, passphrase, backup_dir=paths.backups_dir())
        try:
            install_builtin_content(vault)
        except BaseException:
            vault.close()
            raise
        self._attach(vault)

    def create(self, path: Path, passphrase: str) -> None:
        from peerdesk.content import install_builtin_content
        from peerdesk.storage.connection import remove_vault_files
        from peerdesk.storage.vault import Vault

        vault = Vault.create(path, passphrase)
        try:
            install_builtin_content(vault)
        except BaseException:
            vault.close()
            remove_vault_files(path)
            raise
        self._attach(vault)

    def adopt(self, vault: Vault) -> None:
        """Take over a vault opened elsewhere (e.g. a demo vault built in the background)."""
        self._attach(vault)

    def close(self) -> None:
        if self._repos is None:
            return
        self.closing.emit()
        repos, self._repos = self._repos, None
        repos.vault.close()
        self.closed.emit()

    def _attach(self, vault: Vault) -> None:
        if self._repos is not None:
            self.close()
        from peerdesk.storage.repositories import Repositories

        self._repos = Repositories(vault)
        self.opened.emit()
