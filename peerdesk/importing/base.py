"""What every importer produces, and the one error it raises.

An importer reads a source (a Day One zip, a jrnl file, a folder of Markdown notes, a CSV
file, an email, a PeerDesk export) and returns an :class:`ImportPlan`: the entries it could
read, each an unsaved :class:`~peerdesk.models.incident.Incident` whose ``provenance`` says
where it came from, with the files to attach and the names of the people it mentions; and what
it skipped, with the reason. Nothing is written until the user has seen the plan's preview
(:meth:`ImportPlan.preview`) and the storage layer writes it, in one transaction.

A source that cannot be read at all raises :class:`ImportFailed` naming the file and, where
there is one, the line or entry.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date

from peerdesk.i18n import _
from peerdesk.models.incident import Incident

#: The formats ``peerdesk import --from`` accepts (the keys of ``models.provenance.SOURCE_NAMES``).
FORMATS = ("peerdesk", "dayone", "jrnl", "markdown", "csv", "email")


class ImportFailed(Exception):
    """The source cannot be imported. ``str()`` is a plain message for the user that names the
    file (by its name only, never its content) and the line or entry where it applies."""

    def __init__(self, message: str, *, where: str = "") -> None:
        # translators: {where} is a file (and a line or entry in it); {message} what is wrong
        shown = _("{where}: {message}").format(where=where, message=message) if where else message
        super().__init__(shown)
        self.message = message
        self.where = where


@dataclass(frozen=True, kw_only=True)
class ImportedFile:
    """A file to attach to an imported entry, as the source holds it (bytes unchanged)."""

    name: str
    data: bytes
    #: What the exhibit is, in words ("Email from … to …, … : subject"); may be empty.
    description: str = ""

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass(kw_only=True)
class ImportedEntry:
    """One entry to import: the incident (unsaved, ``provenance`` set, ``people`` empty), the
    names of the people the source mentions (the writer finds or adds them in the cast list),
    and its files."""

    incident: Incident
    people: list[str] = field(default_factory=list)
    files: list[ImportedFile] = field(default_factory=list)

    @property
    def fingerprint(self) -> str:
        assert self.incident.provenance is not None
        return self.incident.provenance.fingerprint


@dataclass(frozen=True, kw_only=True)
class Skipped:
    """Something in the source that will not be imported, and why ("line 12: no date")."""

    where: str
    reason: str


@dataclass(frozen=True, kw_only=True)
class Preview:
    """What an import would do, for the user to see before anything is written."""

    source: str
    entries: int
    first: date | None
    last: date | None
    files: int
    already_imported: int
    skipped: tuple[Skipped, ...]


@dataclass(kw_only=True)
class ImportPlan:
    """What an importer read from a source (see the module docstring)."""

    source: str
    entries: list[ImportedEntry] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)

    def preview(self, already_imported: frozenset[str] = frozenset()) -> Preview:
        """The preview, leaving out entries whose fingerprints are in ``already_imported``."""
        new = [e for e in self.entries if e.fingerprint not in already_imported]
        days = [e.incident.event_date for e in new]
        return Preview(
            source=self.source,
            entries=len(new),
            first=min(days) if days else None,
            last=max(days) if days else None,
            files=sum(len(e.files) for e in new),
            already_imported=len(self.entries) - len(new),
            skipped=tuple(self.skipped),
        )


def fingerprint(*parts: str | bytes) -> str:
    """The SHA-256 (hex) of a source entry's parts, each length-prefixed so that no two
    different sequences of parts share a fingerprint."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


__all__ = [
    "FORMATS",
    "ImportFailed",
    "ImportPlan",
    "ImportedEntry",
    "ImportedFile",
    "Preview",
    "Skipped",
    "fingerprint",
]
