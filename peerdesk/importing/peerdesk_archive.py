"""Reading PeerDesk's own data export (the JSON archive, ``peerdesk export-data --format json``).

:func:`read_archive` opens the zip (AES-encrypted or not), checks it safely (a size and
compression-ratio limit against zip bombs, no path traversal, a truncated zip, the JSON's
``format`` and ``version``) and returns :class:`ArchiveContents`: the whole export as domain
objects (:class:`~peerdesk.models.data_export.DataExport`) with the attachments' bytes, checked
against their SHA-256. ``contents.plan()`` gives the usual :class:`ImportPlan` (one
:class:`ImportedEntry` per journal entry, its newest revision, with provenance) for the
preview; ``peerdesk.storage.archive_import.import_archive(vault, contents, ...)`` writes
everything (every revision of every entry, people, supporter notes, library, directory,
settings) in one transaction.

Every problem raises :class:`ImportFailed` naming the archive (by file name) and the entry.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from peerdesk.importing.base import ImportPlan
from peerdesk.models.data_export import DataExport

#: The name of the JSON document inside the zip.
JSON_NAME = "peerdesk-export.json"
#: Most bytes an archive may unpack to, in total (attachments included).
MAX_TOTAL_BYTES = 4 * 1024**3
#: Most an entry may unpack to per byte it takes in the zip (zip bombs reach 1000s).
MAX_RATIO = 200


@dataclass(kw_only=True)
class ArchiveContents:
    """A PeerDesk archive as read: the export and the attachments' bytes by exported id."""

    name: str
    export: DataExport
    files: dict[int, bytes] = field(default_factory=dict)

    def plan(self) -> ImportPlan:
        """One :class:`ImportedEntry` per journal entry (newest revision, provenance set, the
        names of its people, its files), for the preview (``plan().preview(already)``)."""
        raise NotImplementedError

    def entry_fingerprint(self, exported_id: int) -> str:
        """The source fingerprint of an exported entry (see :func:`entry_fingerprint`)."""
        raise NotImplementedError


def read_archive(path: Path, password: str | None = None) -> ArchiveContents:
    """Read and check a PeerDesk JSON archive (module docstring). ``password`` opens an
    AES-encrypted zip; a missing or wrong one raises :class:`ImportFailed` saying so."""
    raise NotImplementedError


def is_peerdesk_archive(path: Path) -> bool:
    """Whether ``path`` looks like a PeerDesk archive (a zip holding ``peerdesk-export.json``),
    for ``peerdesk import`` without ``--from``. Never raises."""
    raise NotImplementedError
