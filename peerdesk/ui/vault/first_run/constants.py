"""The first-run wizard's page ids, choices and the texts other windows share."""

from __future__ import annotations

from typing import Final

from peerdesk.i18n import N_

FORGET_WARNING: Final = N_(
    "If you forget this passphrase, nobody can open your vault — not us, not your employer. "
    "Only a backup whose passphrase you remember can help."
)
NO_KEYRING: Final = N_(
    "No secure keyring is available on this computer, so PeerDesk cannot remember the "
    "passphrase. You will type it each time you open PeerDesk."
)

USE_JOURNAL: Final = "journal"
USE_SUPPORTER: Final = "supporter"

PAGE_WELCOME: Final = 0
PAGE_PASSPHRASE: Final = 1
PAGE_USE: Final = 2
PAGE_DEVICE: Final = 3
PAGE_OPEN: Final = 4

CHOICE_CREATE: Final = "create"
CHOICE_OPEN: Final = "open"
CHOICE_DEMO: Final = "demo"
