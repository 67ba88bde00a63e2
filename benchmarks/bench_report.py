"""How fast the incident report is laid out (pages per second), beside a floor: reportlab
writing the same words plainly, measured in the same run, interleaved, at least five times
each, min and median printed.

Two cases:

- ``demo``: a demo vault of ``--incidents`` entries (default 300), the lawyer profile (every
  section; exhibit pictures left out so the measure is the text layout);
- ``long``: one entry whose narrative is ``--long-chars`` characters (default 192,000) of
  ordinary multi-line text without blank lines (the case that was quadratic: one paragraph
  split again page by page; 96k characters took 11.6 s).

The floor for each case is a reportlab ``SimpleDocTemplate`` of plain ``Paragraph``s in the
same fonts holding the same words: every text field of every entry, one paragraph per line,
built in memory. The report does more (tables, numbered paragraphs,
headers and footers, page x of y, names shortened, UAX #9 for right-to-left text), so the
ratio says what that costs.

Run: .venv/bin/python benchmarks/bench_report.py [--incidents N] [--long-chars N] [--runs 5]
Linearity in entries: ``--cases "" --vault $PEERDESK_BENCH_CACHE/demo-1000-f1.vault --vault
$PEERDESK_BENCH_CACHE/demo-10000-f1.vault`` (every entry of the cached ``make bench`` vaults).
The script only uses public entry points, so it also measures an older tree:
``PYTHONPATH=<old tree> .venv/bin/python benchmarks/bench_report.py``.
"""

from __future__ import annotations

import argparse
import io
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import fields, is_dataclass
from datetime import date
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate

from peerdesk.demo import DemoSize, fill_demo_vault
from peerdesk.export import pdfkit
from peerdesk.export.report import ReportRequest, render_report
from peerdesk.models.enums import Channel, IncidentCategory
from peerdesk.models.incident import Incident
from peerdesk.models.report import LAWYER
from peerdesk.models.report_source import ReportSource
from peerdesk.storage.incidents import IncidentRepository
from peerdesk.storage.report_source import read_report_source
from peerdesk.storage.vault import Vault

PASSPHRASE = "benchmark passphrase"
SCALE_PASSPHRASE = "peerdesk benchmark passphrase"  # bench_scale.py's cached vaults


def strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif is_dataclass(value) and not isinstance(value, type):
        for f in fields(value):
            if f.name != "private_reflection":
                yield from strings(getattr(value, f.name))
    elif isinstance(value, (list, tuple, set, frozenset)):
        for v in value:
            yield from strings(v)


def floor(source: ReportSource) -> int:
    """reportlab writing every entry's words plainly; returns the page count."""
    s = pdfkit.styles()
    story: list[Flowable] = []
    for got in source.entries:
        for text in strings(got.incident):
            for line in text.split("\n"):
                if line.strip():
                    story.append(Paragraph(pdfkit.escape(line), s.body))
    doc = SimpleDocTemplate(io.BytesIO(), pagesize=A4)
    doc.build(story)
    return int(doc.page)


def report(source: ReportSource) -> int:
    return render_report(source, ReportRequest(profile=LAWYER)).pages


def measure(name: str, source: ReportSource, runs: int) -> None:
    timings: dict[str, list[float]] = {"report": [], "floor": []}
    cpu: dict[str, list[float]] = {"report": [], "floor": []}
    pages: dict[str, int] = {}
    work: dict[str, Callable[[ReportSource], int]] = {"report": report, "floor": floor}
    for _ in range(runs):
        for key in ("report", "floor"):  # interleaved
            started, started_cpu = time.perf_counter(), time.process_time()
            pages[key] = work[key](source)
            timings[key].append(time.perf_counter() - started)
            cpu[key].append(time.process_time() - started_cpu)
    print(f"\n{name}: {len(source.entries)} entries, {runs} runs each (interleaved)")
    for key in ("report", "floor"):
        t = timings[key]
        print(
            f"  {key:6}: {pages[key]:5} pages; min {min(t):7.2f} s, median "
            f"{statistics.median(t):7.2f} s; {pages[key] / min(t):7.1f} pages/s (best)"
        )
    ratio = statistics.median(timings["report"]) / statistics.median(timings["floor"])
    print(f"  report / floor (median time): {ratio:.1f}x")
    # The target (issue 18) is in pages per second: the report at least half the floor's.
    rate = {k: pages[k] / statistics.median(timings[k]) for k in timings}
    best = {k: pages[k] / min(timings[k]) for k in timings}
    print(
        f"  pages/s, report / floor: {rate['report'] / rate['floor']:.2f} (median), "
        f"{best['report'] / best['floor']:.2f} (best); target at least 0.5"
    )
    # CPU time of this process: less disturbed by other work on a shared machine.
    per_cpu = {k: pages[k] / statistics.median(cpu[k]) for k in cpu}
    print(
        f"  CPU time: report median {statistics.median(cpu['report']):.2f} s, floor median "
        f"{statistics.median(cpu['floor']):.2f} s; pages/s, report / floor: "
        f"{per_cpu['report'] / per_cpu['floor']:.2f}"
    )
    # Linear in entries: the same pages per CPU second at every size (compare the cases).
    print(
        f"  pages per CPU second (median): report {per_cpu['report']:.0f}, "
        f"floor {per_cpu['floor']:.0f}"
    )


def long_text(size: int) -> str:
    lines: list[str] = []
    total = 0
    n = 0
    while total < size:
        line = " ".join(f"word{n + k}" for k in range(12))
        n += 12
        lines.append(line)
        total += len(line) + 1
    return "\n".join(lines)


def cached_vault(path: Path, folder: Path, passphrase: str) -> ReportSource:
    """The report source of a copy of a cached benchmark vault (``make bench`` builds them;
    the copy keeps the cache untouched while other measures read it)."""
    copy = folder / path.name
    shutil.copyfile(path, copy)
    vault = Vault.open(copy, passphrase, backup_dir=folder / "backups")
    try:
        return read_report_source(vault, images=False)
    finally:
        vault.close()
        copy.unlink()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--incidents", type=int, default=300)
    parser.add_argument("--long-chars", type=int, default=192_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--cases", default="demo,long", help="demo, long or both")
    parser.add_argument(
        "--vault",
        action="append",
        default=[],
        type=Path,
        help="also measure the report of every entry of this cached benchmark vault (from "
        "$PEERDESK_BENCH_CACHE, e.g. demo-1000-f1.vault; repeatable; read from a copy): "
        "how pages/s holds from 1k to 10k entries",
    )
    parser.add_argument("--passphrase", default=SCALE_PASSPHRASE, help="of the --vault files")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        for path in args.vault:
            source = cached_vault(path, folder, args.passphrase)
            measure(f"{path.name}", source, args.runs)
            del source
        if not args.cases:
            return
        vault = Vault.create(folder / "demo.peerdesk", PASSPHRASE)
        fill_demo_vault(
            vault,
            DemoSize(
                incidents=args.incidents,
                people=12,
                colleagues=0,
                conversations=0,
                attachments=20,
                strategy_uses=0,
            ),
        )
        if "demo" in args.cases:
            measure("demo", read_report_source(vault, images=False), args.runs)
        vault.close()
        vault = Vault.create(folder / "long.peerdesk", PASSPHRASE)
        IncidentRepository(vault).add(
            Incident(
                event_date=date(2026, 2, 3),
                channel=Channel.MEETING,
                title="A long account",
                categories={IncidentCategory.VERBAL_ABUSE},
                narrative=long_text(args.long_chars),
            )
        )
        if "long" in args.cases:
            measure(
                f"long ({args.long_chars:,} characters)",
                read_report_source(vault, images=False),
                args.runs,
            )
        vault.close()


if __name__ == "__main__":
    main()
