"""What a report is asked for and what it says about itself: the request (profile, paper,
author), the facts of a laid-out report, and its date receipt."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from peerdesk.export.pdfkit import Paper, PdfError
from peerdesk.i18n import N_, _
from peerdesk.models.dates import clock, long_date
from peerdesk.models.report import LAWYER, RecipientProfile

#: The report's title and the PDF's subject (marked here, translated where printed: ``_(TITLE)``).
# translators: the title of the report (its cover, the PDF's title, the page headers)
TITLE = N_("Record of workplace incidents")
# translators: the PDF's subject (in its document properties)
SUBJECT = N_("Incident report")


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


def file_sha256(path: Path | str) -> str:
    """The SHA-256 of the file at ``path`` as it is on disk (what ``sha256sum`` prints), read
    back in pieces: the receipt names the bytes actually saved, not the ones meant to be."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def date_receipt(result: ReportFacts, *, file_sha256: str | None = None) -> str:
    """A short text the user may send to themselves; no content. It names the records (the
    report manifest's fingerprint: the same for every PDF made from the same revisions) and,
    once the PDF is saved, that file (``file_sha256``, the SHA-256 of the bytes written: two
    PDFs of the same records, say for HR and for a lawyer, get different receipts), the number
    of entries and the date."""
    when = result.generated_at.astimezone(UTC)
    # translators: the date receipt a user may send themselves: a short text that proves a
    # report's records and file existed on a date (no content); {fingerprint} and {sha256}
    # are 64 hexadecimal digits
    lines = [
        _("PeerDesk date receipt"),
        _("Records fingerprint (SHA-256): {fingerprint}").format(
            fingerprint=result.manifest_fingerprint
        ),
    ]
    if file_sha256 is not None:
        if len(file_sha256) != 64 or file_sha256.strip("0123456789abcdef"):
            raise ValueError("file_sha256 must be 64 lowercase hexadecimal digits")
        lines.append(_("PDF file SHA-256: {sha256}").format(sha256=file_sha256))
    lines += [
        _("Entries: {count}").format(count=result.entries),
        # translators: the receipt's date line: a long date and a time in UTC
        _("Date: {date} {time} UTC").format(date=long_date(when.date()), time=clock(when)),
    ]
    if file_sha256 is None:
        lines.append(
            _(
                "This receipt holds no content: it shows that records with this fingerprint "
                "existed on this date."
            )
        )
    else:
        lines.append(
            _(
                "This receipt holds no content. The records fingerprint is printed in the "
                "report's integrity appendix; the file's SHA-256 is what “sha256sum” (or any "
                "SHA-256 tool) prints for the PDF file itself. Together they show that this "
                "file, and records with this fingerprint, existed on this date."
            )
        )
    return "\n".join(lines)
