"""Changing the passphrase off the GUI thread.

Changing the passphrase re-keys the file, and the GUI's connection still holds the old key, so
the session is closed, the change runs in a worker on a fresh connection, and the re-keyed vault
is handed back to the session (:func:`change_passphrase_in_background`). Owners may pass their
own ``change_passphrase`` callable with the same shape (:data:`ChangePassphrase`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from peerdesk import paths
from peerdesk.storage.errors import VaultClosed, WrongPassphrase
from peerdesk.storage.keystore import KeyringError, KeyStore, vault_id_for
from peerdesk.storage.vault import Vault
from peerdesk.ui.common.session import VaultSession
from peerdesk.ui.common.workers import Task, run_in_background

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PassphraseChanged:
    """What :func:`change_passphrase_in_background` reports on success.

    ``backup`` was made just before the change and opens with the OLD passphrase.
    ``remembered``: ``None`` when the passphrase was not remembered on this device; ``True``
    when the keyring now holds the new one; ``False`` when the keyring could not be updated
    (the old entry is removed; ``keyring_note`` says why).
    """

    backup: Path
    remembered: bool | None = None
    keyring_note: str = ""


OnChanged = Callable[[PassphraseChanged], None]
OnFailed = Callable[[BaseException], None]
#: ``change(current, new, on_done, on_failed)``: starts the change and returns at once; exactly
#: one of the callbacks is later called on the GUI thread.
ChangePassphrase = Callable[[str, str, OnChanged, OnFailed], object]


@dataclass
class _Outcome:
    vault: Vault | None
    error: BaseException | None = None
    backup: Path | None = None
    remembered: bool | None = None
    note: str = ""


def _reopen(path: Path, passphrases: tuple[str, ...], backup_dir: Path) -> Vault | None:
    """After a failed change: open the vault with whichever passphrase now opens it."""
    for passphrase in passphrases:
        try:
            return Vault.open(path, passphrase, backup_dir=backup_dir)
        except WrongPassphrase:
            continue
        except Exception as exc:  # the original error is what the user must hear about
            log.warning("Could not reopen the vault after a failed change: %s", type(exc).__name__)
            return None
    return None


def _update_keyring(store: KeyStore, path: Path, new: str) -> tuple[bool, str]:
    vault_id = vault_id_for(path)
    try:
        store.remember(vault_id, new)
    except KeyringError as exc:
        try:
            store.forget(vault_id)  # the old passphrase must not stay "remembered"
        except KeyringError:
            log.info("Could not remove the old keyring entry after a failed update")
        return False, exc.user_message
    return True, ""


def change_passphrase_in_background(
    session: VaultSession,
    current: str,
    new: str,
    on_done: OnChanged,
    on_failed: OnFailed,
    *,
    keystore: KeyStore | None = None,
    remember: bool | None = None,
    backup_dir: Path | None = None,
) -> Task:
    """Change the open vault's passphrase without blocking the GUI thread.

    On the GUI thread: note the path, then ``session.close()`` (screens save drafts and let go).
    In a worker: ``Vault.open(path, current)`` → ``change_passphrase(new)`` (verified backup,
    re-key, reopen, both integrity checks, old passphrase rejected) → if ``remember``, store the
    new passphrase in the keyring. Back on the GUI thread the re-keyed, verified vault is handed
    to the session (``session.adopt``) and ``on_done`` is called.

    On failure the vault is reopened with the current passphrase (or with the new one, if the
    file was re-keyed before the failure) and ``on_failed(error)`` is called; the error's
    ``user_message`` says what happened. If neither opens it, the session stays closed.

    ``remember`` defaults to the vault's own ``remember_passphrase`` setting; ``backup_dir`` to
    ``paths.backups_dir()``.
    """
    path = session.vault_path
    if path is None or not session.is_open:
        raise VaultClosed()
    if remember is None:
        remember = bool(session.repos.settings.get("remember_passphrase", False))
    folder = Path(backup_dir) if backup_dir is not None else paths.backups_dir()
    store = keystore if keystore is not None else KeyStore()
    session.close()

    def work(_task: Task) -> _Outcome:
        vault: Vault | None = None
        try:
            vault = Vault.open(path, current, backup_dir=folder)
            backup = vault.change_passphrase(new, backup_dir=folder)
        except BaseException as exc:
            if vault is not None:
                vault.close()
            return _Outcome(_reopen(path, (current, new), folder), error=exc)
        outcome = _Outcome(vault, backup=backup)
        if remember:
            outcome.remembered, outcome.note = _update_keyring(store, path, new)
        return outcome

    def finished(result: object) -> None:
        assert isinstance(result, _Outcome)
        if result.vault is not None:
            try:
                session.adopt(result.vault)
            except BaseException as exc:
                result.vault.close()
                on_failed(exc)
                return
        if result.error is not None:
            on_failed(result.error)
        else:
            assert result.backup is not None
            on_done(PassphraseChanged(result.backup, result.remembered, result.note))

    return run_in_background(work, on_success=finished, on_failure=on_failed)


__all__ = [
    "ChangePassphrase",
    "OnChanged",
    "OnFailed",
    "PassphraseChanged",
    "change_passphrase_in_background",
]
