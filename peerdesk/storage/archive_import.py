"""Writing a PeerDesk archive (:mod:`peerdesk.importing.peerdesk_archive`) into a vault."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from peerdesk.importing.peerdesk_archive import ArchiveContents
from peerdesk.storage.vault import Vault


@dataclass(frozen=True)
class ArchiveImportResult:
    """What an import wrote: entries (new ones), revisions replayed, files, people and other
    records added, and entries left out because they were imported before."""

    entries: int
    revisions: int
    files: int
    people: int
    others: int
    already_imported: int


class ImportCancelled(Exception):
    """``should_stop`` answered True: nothing was written."""


def import_archive(
    vault: Vault,
    contents: ArchiveContents,
    *,
    progress: Callable[[int, int], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> ArchiveImportResult:
    """Write everything in ``contents`` into ``vault`` in ONE transaction: a cancel
    (``should_stop()`` True, raising :class:`ImportCancelled`) or any error leaves the vault
    exactly as it was. ``progress(done, total)`` is called now and then (entries).

    Entries get provenance source ``"peerdesk"`` (``written_at`` = their original
    ``recorded_at``, the source's claim; ``recorded_at`` = now), unless they already carry a
    provenance from an earlier import (kept as it is). Each entry's revision history is
    replayed so the chain verifies; entries whose fingerprint is already in the vault are left
    out. Call it off the GUI thread with a connection of its own.
    """
    raise NotImplementedError
