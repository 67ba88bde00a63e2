"""How fast the incident report PDF is built, beside plain reportlab in the same run.

A demo vault with 1,000 incidents (default) is reported with the lawyer profile (every section,
exhibits reproduced; laid out once, the page count on the cover and the exhibit pages filled
in when the pages are saved). The baseline writes the same narratives as a plain
SimpleDocTemplate of Paragraphs with the same fonts, once: the floor the real thing is
compared to.

Then the preview: opening the report in PDFium from memory and drawing pages at screen
resolution (what the export dialog does on the GUI thread), beside poppler's ``pdftoppm``
drawing the same page from the file, when it is installed.

Run: .venv/bin/python benchmarks/bench_report.py [--incidents N]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from reportlab.platypus import Paragraph, SimpleDocTemplate

from peerdesk.demo import DemoSize, fill_demo_vault
from peerdesk.export import pdfkit
from peerdesk.export.preview import PdfPreview
from peerdesk.export.report import ReportRequest, build_report
from peerdesk.storage.incidents import IncidentRepository
from peerdesk.storage.report_source import read_report_source
from peerdesk.storage.vault import Vault

PASSPHRASE = "benchmark passphrase"


def baseline(incidents: IncidentRepository, out: Path) -> tuple[float, int]:
    started = time.perf_counter()
    s = pdfkit.styles()
    story = []
    for incident_id in incidents.ids(descending=False):
        incident = incidents.get(incident_id)
        story.append(Paragraph(pdfkit.escape(incident.title), s.h2))
        story.append(Paragraph(pdfkit.escape(incident.narrative), s.body))
    doc = SimpleDocTemplate(str(out))
    doc.build(story)
    return time.perf_counter() - started, doc.page


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--incidents", type=int, default=1000)
    parser.add_argument("--attachments", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        started = time.perf_counter()
        vault = Vault.create(folder / "bench.peerdesk", PASSPHRASE)
        fill_demo_vault(
            vault,
            DemoSize(
                incidents=args.incidents,
                people=12,
                colleagues=0,
                conversations=0,
                attachments=args.attachments,
                strategy_uses=0,
            ),
        )
        print(f"demo vault with {args.incidents} incidents: {time.perf_counter() - started:.1f} s")
        incidents = IncidentRepository(vault)
        plain_seconds, plain_pages = baseline(incidents, folder / "plain.pdf")
        started = time.perf_counter()
        request = ReportRequest()
        source = read_report_source(vault, images=request.profile.include_exhibit_images)
        result = build_report(source, request, folder / "report.pdf")
        report_seconds = time.perf_counter() - started
        vault.close()
        print(
            f"reportlab baseline (narratives only, one pass): {plain_seconds:.2f} s, "
            f"{plain_pages} pages"
        )
        print(
            f"build_report (all 12 sections, one layout pass): {report_seconds:.2f} s, "
            f"{result.pages} pages, {result.entries} entries, "
            f"{(folder / 'report.pdf').stat().st_size / 1e6:.1f} MB"
        )
        print(f"ratio: {report_seconds / plain_seconds:.1f}x")
        preview_pages(folder / "report.pdf", result.pages)


def preview_pages(path: Path, pages: int, dpi: float = 110.0) -> None:
    data = path.read_bytes()
    started = time.perf_counter()
    preview = PdfPreview(data)
    opened = time.perf_counter() - started
    timings = []
    for index in (0, pages // 2, pages - 1):
        started = time.perf_counter()
        preview.render(index, dpi)
        timings.append(time.perf_counter() - started)
    preview.close()
    print(
        f"preview (PDFium from memory): open {opened * 1000:.0f} ms; draw a page at "
        f"{dpi:.0f} dpi: {', '.join(f'{t * 1000:.0f} ms' for t in timings)} "
        "(first, middle, last)"
    )
    if shutil.which("pdftoppm"):
        started = time.perf_counter()
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                str(int(dpi)),
                "-f",
                str(pages // 2),
                "-l",
                str(pages // 2),
                "-png",
                str(path),
                str(path.with_suffix("")),
            ],
            check=True,
            capture_output=True,
        )
        print(
            f"baseline pdftoppm (one page, from the file, incl. process start): "
            f"{(time.perf_counter() - started) * 1000:.0f} ms"
        )


if __name__ == "__main__":
    main()
