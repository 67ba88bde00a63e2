"""Everything a data export holds ("take your data out", issue 14), as plain domain objects.

``storage/data_export.py`` fills a :class:`DataExport` from a vault; ``export/data/`` writes it
as a JSON archive, Markdown or CSV; ``importing/peerdesk_archive.py`` reads a JSON archive back
into one. The JSON layout (format ``peerdesk-export``, version :data:`VERSION`) is documented
field by field in ``docs/data-export.md``.

Settings: only those in :data:`SAFE_SETTINGS` leave the vault. Left out on purpose:
``remember_passphrase`` (about this computer's keyring), ``backups_dir`` and
``old_passphrase_backups`` (paths on this computer), ``backups_hold_deleted`` and the
``content.*`` stamps (PeerDesk's own bookkeeping). No passphrase or key is ever a setting.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from peerdesk.models.attachment import Attachment
from peerdesk.models.colleague import Colleague
from peerdesk.models.conversation import Conversation
from peerdesk.models.incident import Incident
from peerdesk.models.integrity import Revision
from peerdesk.models.person import Person
from peerdesk.models.resource import Resource
from peerdesk.models.strategy import Strategy, StrategyUse

#: The ``format`` of the JSON document.
FORMAT = "peerdesk-export"
#: The ``version`` of the JSON document this PeerDesk writes and the newest it reads.
VERSION = 1

#: Vault settings an export carries, with what each is (for developers: only the keys are used).
SAFE_SETTINGS: dict[str, str] = {
    "auto_lock_minutes": "lock after this many idle minutes (0: never)",  # i18n: keep
    "lock_on_minimise": "lock when the window is minimised",  # i18n: keep
    "quick_hide_shortcut": "the quick-hide key sequence",  # i18n: keep
    "clipboard_seconds": "clear copied text after this many seconds",  # i18n: keep
    "backups_keep": "how many automatic backups are kept",  # i18n: keep
    "sections": "which parts of PeerDesk are shown (journal, supporter)",  # i18n: keep
    "suggest_strategies": "whether coping strategies are suggested",  # i18n: keep
    "report_profiles": "the report profiles (recipients and sections)",  # i18n: keep
    "report_last_options": "the report dialog's last choices",  # i18n: keep
}


@dataclass(kw_only=True)
class ExportedEntry:
    """A journal entry: its newest state (``incident``, with ``id``, ``record_number`` and
    ``recorded_at``) and every revision, oldest first, with its chain fingerprints."""

    incident: Incident
    revisions: list[Revision]


@dataclass(kw_only=True)
class DataExport:
    """Every record of a vault that an export carries (see the module docstring).

    ``attachments`` are the metadata of the evidence files kept with entries or on their own
    (not those of unsaved drafts); ``read_file(attachment_id)`` gives a file's bytes when the
    writer needs them, so the whole vault is never held in memory at once. Colleagues carry
    their real names only when ``includes_real_names``."""

    exported_at: datetime
    app_version: str
    includes_real_names: bool = False
    entries: list[ExportedEntry] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    colleagues: list[Colleague] = field(default_factory=list)
    conversations: list[Conversation] = field(default_factory=list)
    strategies: list[Strategy] = field(default_factory=list)
    strategy_uses: list[StrategyUse] = field(default_factory=list)
    resources: list[Resource] = field(default_factory=list)
    settings: dict[str, Any] = field(default_factory=dict)
    read_file: Callable[[int], bytes] | None = field(default=None, repr=False, compare=False)

    def file_bytes(self, attachment_id: int) -> bytes:
        if self.read_file is None:
            raise LookupError("This export carries no file contents.")
        return self.read_file(attachment_id)

    def counts(self) -> dict[str, int]:
        """How many of each kind of record (what the dialog and the CLI report)."""
        return {
            "entries": len(self.entries),
            "revisions": sum(len(e.revisions) for e in self.entries),
            "people": len(self.people),
            "attachments": len(self.attachments),
            "colleagues": len(self.colleagues),
            "conversations": len(self.conversations),
            "strategies": len(self.strategies),
            "strategy_uses": len(self.strategy_uses),
            "resources": len(self.resources),
            "settings": len(self.settings),
        }


__all__ = ["FORMAT", "SAFE_SETTINGS", "VERSION", "DataExport", "ExportedEntry"]
