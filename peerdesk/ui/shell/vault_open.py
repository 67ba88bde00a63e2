"""Opening and creating a vault off the GUI thread, and the box a passphrase travels in."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from peerdesk import paths
from peerdesk.storage.connection import remove_vault_files
from peerdesk.storage.errors import VaultCorrupted
from peerdesk.storage.vault import Vault


def open_vault(path: Path, passphrase: str, *, check_pages: bool = True) -> Vault:
    """Runs in the background: open, migrate if needed, bring the built-in content up to date.

    ``check_pages``: SQLCipher's page check (every page's HMAC) before the vault is handed
    over: 0.4 s at 10,000 entries, 2.1 s at 50,000. An unlock leaves it out and starts
    ``Vault.start_page_check`` once the window is up (issue 18, ``UnlockFlow``)."""
    from peerdesk.content import install_builtin_content

    vault = Vault.open(path, passphrase, backup_dir=paths.backups_dir())
    try:
        if check_pages and vault.damaged_pages():
            raise VaultCorrupted()
        install_builtin_content(vault)
    except BaseException:
        vault.close()
        raise
    return vault


def create_vault(path: Path, passphrase: str, *, demo: bool) -> Vault:
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


class Secret:
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


__all__ = ["Secret", "create_vault", "open_vault"]
