"""Typed vault errors, each with one plain-English sentence for the UI and the CLI.

Messages never contain user content or passphrases. They may name the file the user chose,
because the user typed or picked it; callers that log must log ``kind`` only.
"""

from __future__ import annotations

from peerdesk.i18n import N_, _


class VaultError(Exception):
    """Base class: anything that went wrong opening, writing or checking a vault."""

    kind = "vault-error"
    default_message = N_("Something went wrong with the vault. Nothing was changed.")

    def __init__(self, message: str | None = None) -> None:
        self.user_message = message or _(self.default_message)
        super().__init__(self.user_message)


class InvalidPassphrase(VaultError):
    kind = "invalid-passphrase"
    default_message = N_("That passphrase cannot be used.")


class WrongPassphrase(VaultError):
    kind = "wrong-passphrase"
    default_message = N_(
        "Wrong passphrase, or this file is not a PeerDesk vault. Check the passphrase "
        "(capital letters, keyboard layout) and the file, and try again."
    )


class VaultNotFound(VaultError):
    kind = "not-found"
    default_message = N_("The vault file does not exist. Check the path, or create a new vault.")


class VaultIsDirectory(VaultNotFound):
    kind = "is-directory"
    default_message = N_("That path is a folder, not a vault file. Choose the vault file itself.")


class NotAVaultFile(VaultNotFound):
    """The path leads to something that cannot hold a vault: a pipe, a device, a socket, or a
    symbolic link that loops. The unlock window and the CLI show this same message."""

    kind = "not-a-file"
    default_message = N_("That path is not a regular file, so it cannot be a vault.")
    loop_message = N_(
        "That path is a symbolic link that leads back to itself (a loop), so it reaches no "
        "file. Open the vault file itself."
    )


class VaultExists(VaultError):
    kind = "exists"
    default_message = N_(
        "A file already exists at that path. PeerDesk will not overwrite it; choose another name."
    )


class VaultEmpty(VaultError):
    kind = "empty-or-truncated"
    default_message = N_(
        "The vault file is empty or truncated (cut short), so it cannot be opened. "
        "Restore it from a backup."
    )


class VaultCorrupted(VaultError):
    kind = "corrupted"
    default_message = N_(
        "The vault file is damaged or cut short: the passphrase is right, but parts of the "
        "file cannot be read. Restore the newest good backup."
    )


class VaultStartDamaged(VaultCorrupted):
    """The passphrase does not open the file, yet it opens this vault's newest backup: most
    likely the start of the file (its salt or first page), not the passphrase, is wrong. (The
    encryption cannot tell the two apart; a passphrase changed after that backup would look
    the same, which the message says.)"""

    kind = "start-damaged"
    default_message = N_(
        "The start of the vault file is damaged, so it cannot be opened. The passphrase opens "
        "this vault's newest backup, so it is most likely right. You can restore the newest "
        "good backup; the damaged file is kept beside it, renamed, not deleted. If you changed "
        "the passphrase after that backup, type the new passphrase instead."
    )
    dated_message = N_(
        "The start of the vault file is damaged, so it cannot be opened. The passphrase opens "
        "this vault's newest backup (made {made}), so it is most likely right. You can restore "
        "the newest good backup; the damaged file is kept beside it, renamed, not deleted. If "
        "you changed the passphrase after {made}, type the new passphrase instead."
    )

    def __init__(
        self, message: str | None = None, *, backup: object = None, made: str = ""
    ) -> None:
        # translators: {made} is when the backup was made (a date and time)
        dated = _(self.dated_message).format(made=made) if made else None
        super().__init__(message or dated)
        #: The backup that opened with the passphrase (a path; never logged).
        self.backup = backup


class VaultTooNew(VaultError):
    kind = "too-new"
    default_message = N_(
        "This vault was made by a newer version of PeerDesk. Update PeerDesk to open it; "
        "nothing was changed."
    )


class VaultInUse(VaultError):
    kind = "in-use"
    default_message = N_(
        "The vault is already open in another PeerDesk window or program. Close it there first."
    )


class VaultReadOnly(VaultError):
    kind = "read-only"
    default_message = N_(
        "The vault file (or its folder) is read-only, and PeerDesk needs to write to it. "
        "Check its permissions, or copy it to a folder you can write to."
    )


class DiskFull(VaultError):
    kind = "disk-full"
    default_message = N_(
        "The disk is full, so the change could not be saved. Everything saved before is "
        "intact; free some space and try again."
    )


class VaultClosed(VaultError):
    kind = "closed"
    default_message = N_("The vault is locked. Unlock it to continue.")


class BackupFailed(VaultError):
    kind = "backup-failed"
    default_message = N_("The backup could not be written or did not verify. Nothing was changed.")


class IntegrityFailed(VaultError):
    kind = "integrity-failed"
    default_message = N_("The vault failed its integrity check.")


class RecordNotFound(VaultError):
    kind = "not-found-record"
    default_message = N_("That record no longer exists.")
