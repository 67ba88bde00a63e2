"""What the unlock window says for every error: one plain sentence per kind of failure, never
any user content, and file names with direction-changing characters made visible."""

from __future__ import annotations

from pathlib import Path
from typing import Final

from peerdesk.i18n import N_, _
from peerdesk.storage.errors import (
    DiskFull,
    IntegrityFailed,
    InvalidPassphrase,
    NotAVaultFile,
    VaultCorrupted,
    VaultEmpty,
    VaultError,
    VaultInUse,
    VaultIsDirectory,
    VaultNotFound,
    VaultReadOnly,
    VaultStartDamaged,
    VaultTooNew,
    WrongPassphrase,
)
from peerdesk.storage.keystore import KeyringError

GENERIC_ERROR: Final = N_(
    "The vault could not be opened because of an unexpected problem. Please try again; if it "
    "keeps happening, restart PeerDesk."
)
TYPE_FIRST_MESSAGE: Final = N_("Type your passphrase, then choose Unlock.")

#: One message per error type, most specific class first (a subclass before its base).
ERROR_TEXT: Final[tuple[tuple[type[BaseException], str], ...]] = (
    (
        WrongPassphrase,
        N_(
            "That passphrase does not open this vault. Check Caps Lock and the keyboard layout, "
            "and try again. If you are sure it is right, this file may not be a PeerDesk vault."
        ),
    ),
    (
        VaultInUse,
        N_(
            "This vault is already open in another PeerDesk window or another program. Close it "
            "there, then try again."
        ),
    ),
    (
        VaultCorrupted,
        N_(
            "The passphrase is right, but parts of the vault file are damaged and cannot be read. "
            "You can restore the newest good automatic backup; the damaged file is kept aside, "
            "not deleted."
        ),
    ),
    (
        IntegrityFailed,
        N_(
            "The vault file did not pass its integrity check, so parts of it may be damaged. You "
            "can restore the newest good automatic backup; the current file is kept aside, not "
            "deleted."
        ),
    ),
    (
        VaultEmpty,
        N_(
            "The vault file is empty or cut short, so there is nothing in it to open. You can "
            "restore the newest good automatic backup; the current file is kept aside, not "
            "deleted."
        ),
    ),
    (
        VaultTooNew,
        N_(
            "This vault was made by a newer version of PeerDesk. Update PeerDesk to open it. "
            "Nothing was changed."
        ),
    ),
    (
        VaultIsDirectory,
        N_(
            "That path is a folder, not a vault file. Open the vault file itself, or create a "
            "new vault."
        ),
    ),
    (
        VaultNotFound,
        N_(
            "The vault file is not there any more: it may have been moved, renamed or deleted. "
            "Open it from where it is now, or create a new vault."
        ),
    ),
    (
        VaultReadOnly,
        N_(
            "PeerDesk cannot write to this vault file or its folder (it is read-only). Check its "
            "permissions, or copy it to a folder you can write to. Nothing was changed."
        ),
    ),
    (
        DiskFull,
        N_(
            "The disk is full, so PeerDesk cannot open the vault safely. Free some space and try "
            "again. Nothing was changed."
        ),
    ),
)


#: Errors whose own sentence (storage's, the same one the CLI prints) is shown as it is: each
#: instance may say something more specific than its class (a loop, a pipe; which backup).
class StaleRememberedPassphrase(WrongPassphrase):
    """The passphrase the keyring remembers for this vault no longer opens it."""

    kind = "stale-remembered-passphrase"
    default_message = N_(
        "The passphrase remembered on this device no longer opens this vault (was it changed "
        "on another computer?). Type the current passphrase; with “Remember on this device” "
        "ticked, PeerDesk remembers it instead."
    )


_OWN_WORDS: Final = (NotAVaultFile, VaultStartDamaged, StaleRememberedPassphrase)

RESTORE_ERRORS: Final = (VaultCorrupted, IntegrityFailed, VaultEmpty)
MISSING_ERRORS: Final = (VaultNotFound,)  # VaultIsDirectory too (a subclass)

# Characters that change the direction of the text around them (SECURITY.md 22), and
# invisible ones: shown as visible markers so a file name cannot pretend to be another.
_BIDI_CONTROLS: Final = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
    "\u200b\u2060\ufeff"  # zero-width space, word joiner, byte-order mark
)


def visible_file_name(path: Path) -> str:
    """The file name of ``path`` with direction-changing and invisible characters shown as
    markers such as ``[U+202E]``."""
    return "".join(f"[U+{ord(ch):04X}]" if ch in _BIDI_CONTROLS else ch for ch in path.name)


def error_text(exc: BaseException) -> str:
    """The sentence the unlock window shows for ``exc`` (never any user content)."""
    if isinstance(exc, _OWN_WORDS):
        return exc.user_message
    for kind, text in ERROR_TEXT:
        if isinstance(exc, kind):
            return _(text)
    if isinstance(exc, InvalidPassphrase):
        message = exc.user_message
        default = InvalidPassphrase.default_message
        if message in (default, _(default)):
            return message
        # translators: {reason} is a sentence saying why the passphrase cannot be used
        return _("That passphrase cannot be used. {reason}").format(reason=message)
    if isinstance(exc, (VaultError, KeyringError)):
        # Both are written for the user and hold no content (see their modules).
        return exc.user_message
    return _(GENERIC_ERROR)


__all__ = [
    "ERROR_TEXT",
    "GENERIC_ERROR",
    "MISSING_ERRORS",
    "RESTORE_ERRORS",
    "TYPE_FIRST_MESSAGE",
    "StaleRememberedPassphrase",
    "error_text",
    "visible_file_name",
]
