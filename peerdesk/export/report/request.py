"""What a report is asked for and what it says about itself: the request (profile, paper,
author), the facts of a laid-out report, and its date receipt."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from peerdesk.export.pdfkit import Paper, PdfError
from peerdesk.models.dates import clock, long_date
from peerdesk.models.report import LAWYER, RecipientProfile

TITLE = "Record of workplace incidents"
SUBJECT = "Incident report"


@dataclass(frozen=True, kw_only=True)
class ReportRequest:
    """How to write the report: shaped by ``profile``, on ``paper``, signed by ``author``
    (the entries come from a :class:`~peerdesk.models.report_source.ReportSource`)."""

    profile: RecipientProfile = LAWYER
    paper: Paper = "a4"
    author: str = ""  # the user's name; empty means "anonymous"
    organisation: str = ""
    password: str | None = None


@dataclass(frozen=True, kw_only=True)
class ReportFacts:
    """What a laid-out report says about itself (also what its date receipt is made of)."""

    pages: int
    manifest_fingerprint: str
    entries: int
    generated_at: datetime
    exhibit_pages: dict[str, int] = field(default_factory=dict)
    unshown_characters: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class ReportResult(ReportFacts):
    """A report saved as a file."""

    path: Path


class EmptyReport(PdfError):
    """No entries matched: nothing to report."""


def date_receipt(result: ReportFacts) -> str:
    """A short text the user may send to themselves: fingerprint, count, date; no content."""
    when = result.generated_at.astimezone(UTC)
    return (
        "PeerDesk date receipt\n"
        f"Report manifest fingerprint (SHA-256): {result.manifest_fingerprint}\n"
        f"Entries: {result.entries}\n"
        f"Date: {long_date(when.date())} {clock(when)} UTC\n"
        "This receipt holds no content: it shows that a record with this fingerprint existed "
        "on this date."
    )
