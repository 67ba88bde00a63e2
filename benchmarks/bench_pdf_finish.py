"""What finishing a PDF with pikepdf (qpdf) costs, beside reportlab alone in the same run.

One story of numbered headings and paragraphs (about 200 pages) is, interleaved, each run:

- ``reportlab plain``: laid out by reportlab, no encryption (the floor);
- ``reportlab R5``: laid out by reportlab with its own AES-256 (revision 5, what PeerDesk did
  before; needs ``pyaes``, skipped when it is missing);
- ``PeerDesk plain``: :func:`pdfkit.render_pdf` without a password (layout, then pikepdf adds
  bookmarks, metadata, /Lang, page labels);
- ``PeerDesk R6``: :func:`pdfkit.render_pdf` with a password (the same, plus AES-256 R6 by
  qpdf);
- ``finish only R6``: :func:`pdfkit.finish_pdf` alone on already laid-out bytes;
- ``100 exhibit pages``: :func:`pdfkit.finish_pdf` drawing the 100 pages of a PDF exhibit into
  100 pages kept for them.

Run: .venv/bin/python benchmarks/bench_pdf_finish.py [--runs 5] [--paragraphs 1200]
"""

from __future__ import annotations

import argparse
import io
import statistics
import time
from collections.abc import Callable

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, PageBreak

from peerdesk.export import pdfkit

PASSWORD = "benchmark password"
TEXT = (
    "On Monday the team meeting started at 09:30 and my manager raised his voice when I "
    "asked about the rota. He said the work was not good enough in front of everyone. "
) * 3


def story(paragraphs: int) -> list[Flowable]:
    s = pdfkit.styles()
    out: list[Flowable] = []
    for k in range(paragraphs):
        if k % 60 == 0:
            out.append(pdfkit.para(f"{k // 60 + 1}. Section", s.h1))
        if k % 6 == 0:
            out.append(pdfkit.para(f"Entry No. {k // 6 + 1}: a title", s.h2))
        out.append(pdfkit.para(TEXT, s.body))
    return out


def reportlab_only(flowables: list[Flowable], encrypt: object | None) -> bytes:
    from reportlab.platypus import SimpleDocTemplate

    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4, encrypt=encrypt).build(list(flowables))
    return buffer.getvalue()


def exhibit(pages: int) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    for k in range(pages):
        canvas.setFont("Helvetica", 14)
        for line in range(40):
            canvas.drawString(60, 780 - 18 * line, f"Exhibit page {k + 1}, line {line + 1}")
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--paragraphs", type=int, default=1200)
    args = parser.parse_args()
    pdfkit.register_fonts()
    n = args.paragraphs
    try:
        import pyaes  # type: ignore[import-untyped]  # noqa: F401
        from reportlab.lib.pdfencrypt import StandardEncryption

        def r5() -> object:
            return StandardEncryption(PASSWORD, ownerPassword=PASSWORD + "!", strength=256)

        have_r5 = True
    except ImportError:
        have_r5 = False
    laid = pdfkit.layout_pdf(story(n), title="Bench")
    pages = laid.pages
    spaces: dict[str, tuple[int, tuple[float, float, float, float]]] = {}
    kept: list[Flowable] = []
    for k in range(100):
        if k:
            kept.append(PageBreak())
        kept.append(pdfkit.PageSpace(f"p{k}", spaces))
    host = pdfkit.layout_pdf(kept, title="Host", spaces=spaces)
    source = exhibit(100)
    overlays = [pdfkit.Overlay(spaces[f"p{k}"][0], "x", k, spaces[f"p{k}"][1]) for k in range(100)]
    info = pdfkit.DocumentInfo(title="Bench")
    cases: dict[str, Callable[[], object]] = {
        "reportlab plain": lambda: reportlab_only(story(n), None),
        "PeerDesk plain": lambda: pdfkit.render_pdf(story(n), title="Bench"),
        "PeerDesk R6": lambda: pdfkit.render_pdf(story(n), title="Bench", password=PASSWORD),
        "finish only R6": lambda: pdfkit.finish_pdf(
            laid.data, pdfkit.Finish(info=info, bookmarks=laid.bookmarks), password=PASSWORD
        ),
        "100 exhibit pages": lambda: pdfkit.finish_pdf(
            host.data, pdfkit.Finish(info=info, overlays=overlays, sources={"x": source})
        ),
    }
    if have_r5:
        cases["reportlab R5"] = lambda: reportlab_only(story(n), r5())
    times: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(args.runs):
        for name, work in cases.items():  # interleaved: each run measures every case
            started = time.perf_counter()
            work()
            times[name].append(time.perf_counter() - started)
    print(f"{pages} pages of text; {args.runs} runs each, interleaved")
    for name, found in times.items():
        print(f"{name:>20}: min {min(found):7.3f} s   median {statistics.median(found):7.3f} s")


if __name__ == "__main__":
    main()
