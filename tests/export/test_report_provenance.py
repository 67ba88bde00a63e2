"""An imported entry in the report: PeerDesk's recorded-at (the import) and, beside it, when the
source says it was written, marked as the source's claim, in the heading block, the
chronology and "How this record was kept". Read back with pdftotext."""

from __future__ import annotations

import re
import subprocess
from datetime import UTC, date, datetime, time, timedelta, timezone
from pathlib import Path

from peerdesk.export.report import ReportRequest, build_report
from peerdesk.export.report.provenance import written
from peerdesk.importing.email import read_email
from peerdesk.models.incident import Incident
from peerdesk.models.provenance import Provenance
from peerdesk.models.report import LAWYER
from peerdesk.storage.report_source import read_report_source
from peerdesk.storage.repositories import Repositories
from peerdesk.storage.vault import Vault
from tests.export.test_pdfkit import pdf_text

EML = Path(__file__).parents[1] / "fixtures" / "email" / "two-attachments.eml"


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _report(vault: Vault, tmp_path: Path) -> Path:
    repos = Repositories(vault)
    (entry,) = read_email(EML, tz=timezone(timedelta(hours=1))).entries
    saved = repos.incidents.add(entry.incident.cleaned())
    for file in entry.files:
        repos.attachments.add(saved.id, file.name, file.data, description=file.description)
    repos.incidents.add(
        Incident(
            event_date=date(2026, 2, 27),
            event_time=time(9, 30),
            title="Left out of the planning meeting",
            provenance=Provenance(
                source="dayone",
                fingerprint="9" * 64,
                written_at=datetime(2026, 2, 27, 22, 40, tzinfo=UTC),
                zone="Asia/Tokyo",
            ),
        )
    )
    repos.incidents.add(Incident(event_date=date(2026, 3, 5), title="Written in PeerDesk"))
    out = tmp_path / "report.pdf"
    build_report(
        read_report_source(vault, images=True),
        ReportRequest(profile=LAWYER, author="Sam Rivera"),
        out,
        now=datetime(2026, 12, 2, 12, 0, tzinfo=UTC),
    )
    return out


def test_the_report_prints_both_recorded_at_and_the_sources_claim(
    vault: Vault, tmp_path: Path
) -> None:
    out = _report(vault, tmp_path)
    text = _flat(pdf_text(out))
    # Heading block of the email's entry: its claim, on the sender's clock beside UTC.
    assert (
        "Originally written 3 March 2026, 13:05 UTC (14:05 UTC+01:00), according to the email: "
        "the source's claim, not PeerDesk's record. PeerDesk recorded the entry when it was "
        "imported (see Recorded)"
    ) in text
    # Day One's zone is a day ahead of UTC here: the day is named too.
    assert "27 February 2026, 22:40 UTC (28 February 2026, 07:40 Asia/Tokyo)" in text
    # The chronology marks each imported entry under its recorded-at, and only those.
    assert text.count("Imported. Originally written") == 2
    assert (
        "Imported. Originally written 3 March 2026, 13:05 UTC according to the email: "
        "the source's claim"
    ) in text
    # How this record was kept.
    assert "2 entries were not written in PeerDesk but imported (from Day One, the email)" in text
    assert text.count("Originally written") == 4  # twice per imported entry, never the third


def test_a_date_only_claim_reads_on_that_day() -> None:
    p = Provenance(source="jrnl", fingerprint="1" * 64, written_on=date(2026, 3, 3))
    assert written(p) == "on 3 March 2026"


def test_the_pages_render(vault: Vault, tmp_path: Path) -> None:
    """Pages to look at (the chronology and the entries) as PNG under /tmp/peerdesk-shots."""
    out = _report(vault, tmp_path)
    shots = Path("/tmp/peerdesk-shots")
    shots.mkdir(exist_ok=True)
    pages = pdf_text(out).split("\f")
    found = [n + 1 for n, page in enumerate(pages) if "riginally written" in _flat(page)]
    assert len(found) >= 3  # how it was kept, the chronology, the entries
    for number in found:
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "60",
                "-f",
                str(number),
                "-l",
                str(number),
                str(out),
                str(shots / f"report-provenance-{number}"),
            ],
            check=True,
        )
    assert list(shots.glob("report-provenance-*.png"))
