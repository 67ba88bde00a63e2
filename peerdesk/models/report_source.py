"""What an incident report is made from, read out of the vault beforehand (REPORTING.md, "The
incident report"): the chosen entries with their revisions, chain heads and attachments, the
cast list, and the exhibits the report reproduces (pictures, and the bytes of other files).
The storage layer fills it (:func:`peerdesk.storage.report_source.read_report_source`); the
export layer only reads it, so it never touches a vault."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from peerdesk.models.attachment import Attachment
from peerdesk.models.incident import Incident
from peerdesk.models.integrity import Revision
from peerdesk.models.person import Person

#: The attachment types a report reproduces as pictures (when its profile says so).
REPORT_IMAGE_TYPES = frozenset({"image/png", "image/jpeg", "image/gif"})


@dataclass(frozen=True, kw_only=True)
class ExhibitImage:
    """A picture to reproduce: the size its header declares and its bytes."""

    width: int
    height: int
    data: bytes


@dataclass(frozen=True, kw_only=True)
class SourceEntry:
    """One chosen entry: the incident, its revisions (oldest first), the fingerprint of its
    newest revision (chain head) with the revision count, and its attachments (oldest first)."""

    incident: Incident
    revisions: tuple[Revision, ...]
    head: str
    revision_count: int
    attachments: tuple[Attachment, ...] = ()


@dataclass(frozen=True, kw_only=True)
class ReportSource:
    """Everything a report needs. ``entries`` are in report order (event date, time, record
    number); ``withdrawn`` counts entries of the selection left out because the author withdrew
    them (never their content); ``date_from``/``date_to`` are the period asked for (``None``:
    from the first / to the last entry); ``images`` maps attachment ids to pictures;
    ``exhibit_files`` maps the ids of every other exhibit the report reproduces (PDFs, emails,
    documents, pictures whose size is unknown) to its bytes, read only when the profile
    reproduces exhibits."""

    entries: tuple[SourceEntry, ...]
    people: tuple[Person, ...] = ()
    withdrawn: int = 0
    date_from: date | None = None
    date_to: date | None = None
    images: Mapping[int, ExhibitImage] = field(default_factory=dict)
    exhibit_files: Mapping[int, bytes] = field(default_factory=dict)


__all__ = ["REPORT_IMAGE_TYPES", "ExhibitImage", "ReportSource", "SourceEntry"]
