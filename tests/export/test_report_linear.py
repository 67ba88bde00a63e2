"""The report's layout grows linearly with its entries (issue 18), and each step taken for
that leaves the report as it was:

- every long table laid out a page at a time (:mod:`~peerdesk.export.pdfkit.paged_table`)
  draws the pages of one reportlab table;
- reportlab is handed the story a window of flowables at a time (its list operations moved
  the whole rest of the story per flowable): the same pages and bookmarks, and progress
  still counts the whole story;
- the outline's destinations are made from the page objects read once (pikepdf looked each
  page number up through the whole page list): the destinations pikepdf makes.

Pages are compared by their drawing operations (pikepdf), so a test fails on any change of
what is drawn where."""

from __future__ import annotations

import importlib
import io
from datetime import UTC, datetime
from pathlib import Path

import pikepdf
import pytest
from reportlab.platypus import Flowable, PageBreak

from peerdesk.demo import DemoSize, fill_demo_vault
from peerdesk.export import pdfkit
from peerdesk.export.pdfkit.finish import Bookmark, DocumentInfo, Finish, finish_pdf
from peerdesk.export.report import RenderedReport, ReportRequest, render_report
from peerdesk.models.report import LAWYER
from peerdesk.models.report_source import ReportSource
from peerdesk.storage.report_source import read_report_source
from peerdesk.storage.vault import Vault

# ``pdfkit.styles`` is the function of that name, not its module.
styles_module = importlib.import_module("peerdesk.export.pdfkit.styles")
pages_module = importlib.import_module("peerdesk.export.pdfkit.pages")

NOW = datetime(2026, 3, 1, 12, tzinfo=UTC)


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> ReportSource:
    folder: Path = tmp_path_factory.mktemp("linear")
    vault = Vault.create(folder / "demo.peerdesk", "correct horse battery staple linear")
    fill_demo_vault(
        vault,
        DemoSize(
            incidents=40, people=6, colleagues=0, conversations=0, attachments=4, strategy_uses=0
        ),
        seed=3,
    )
    got = read_report_source(vault, images=False)
    vault.close()
    return got


def _contents(data: bytes) -> list[bytes]:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        out = []
        for page in pdf.pages:
            contents = page.obj.Contents
            parts = [contents] if isinstance(contents, pikepdf.Stream) else list(contents)
            out.append(b"".join(p.read_bytes() for p in parts))
        return out


def _outline(data: bytes) -> list[tuple[str, int, int, bytes]]:
    """Every outline item (depth first): its title, depth and destination (the page's
    number, then the rest of the array as PDF text)."""
    out: list[tuple[str, int, int, bytes]] = []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        number = {page.objgen: k for k, page in enumerate(pdf.pages)}

        def walk(items: list[pikepdf.OutlineItem], depth: int) -> None:
            for item in items:
                dest = item.destination
                assert isinstance(dest, pikepdf.Array)
                rest = pikepdf.Array(list(dest)[1:]).unparse()
                out.append((item.title, depth, number[dest[0].objgen], rest))
                walk(item.children, depth + 1)

        with pdf.open_outline() as outline:
            walk(outline.root, 0)
    return out


def _report(source: ReportSource) -> RenderedReport:
    return render_report(source, ReportRequest(profile=LAWYER), now=NOW)


def test_the_report_is_the_same_with_every_table_paged(
    source: ReportSource, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every table of a 40-entry report (the chronology, the people, the exhibits, each
    entry's facts…) laid out a page at a time draws the pages of one table each."""
    monkeypatch.setattr(styles_module, "PAGED_ROWS", 3)
    paged = _report(source)
    monkeypatch.setattr(styles_module, "PAGED_ROWS", 10**9)
    one = _report(source)
    assert paged.pages == one.pages > 40
    assert _contents(paged.data) == _contents(one.data)


def test_the_story_given_a_window_at_a_time_lays_out_the_same_report(
    source: ReportSource, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pages_module, "STORY_WINDOW", 16)
    windowed = _report(source)
    monkeypatch.setattr(pages_module, "STORY_WINDOW", 10**9)
    whole = _report(source)
    assert windowed.pages == whole.pages > 40
    assert _contents(windowed.data) == _contents(whole.data)
    assert _outline(windowed.data) == _outline(whole.data)
    assert len(_outline(whole.data)) > 40


def test_progress_counts_the_whole_story(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pages_module, "STORY_WINDOW", 50)
    story = [pdfkit.para(f"Paragraph {k}", pdfkit.styles().body) for k in range(1000)]
    seen: list[tuple[int, int]] = []
    laid = pdfkit.layout_pdf(story, title="Story", progress=lambda d, t: seen.append((d, t)))
    assert laid.pages > 10
    assert seen[0] == (0, 1000) and seen[-1] == (1000, 1000)
    assert {t for _d, t in seen} == {1000}
    done = [d for d, _t in seen]
    assert done == sorted(done) and len(set(done)) > 900  # one step per flowable


def test_the_outline_points_where_pikepdf_would() -> None:
    """Bookmarks at a place on a page (``XYZ``) and at a whole page (``Fit``), nested,
    and one past the last page (left out): the destinations pikepdf makes of page
    numbers."""
    story: list[Flowable] = []
    for k in range(30):
        story += [pdfkit.para(f"Page {k}", pdfkit.styles().body), PageBreak()]
    laid = pdfkit.layout_pdf(story, title="Outline")
    marks = [
        Bookmark("First", 0, 0, 700.5),
        Bookmark("Inside", 1, 3, 420.0),
        Bookmark("Deeper", 2, 3),
        Bookmark("Second", 0, 17),
        Bookmark("Last", 1, 29, 12.25),
        Bookmark("Beyond", 0, 30, 100.0),
    ]
    data = finish_pdf(laid.data, Finish(info=DocumentInfo(title="Outline"), bookmarks=marks))
    with pikepdf.open(io.BytesIO(laid.data)) as pdf:
        want = []
        for mark in marks[:-1]:
            dest = pikepdf.make_page_destination(
                pdf, mark.page, "XYZ" if mark.top is not None else "Fit", top=mark.top
            )
            rest = pikepdf.Array(list(dest)[1:]).unparse()
            want.append((mark.title, mark.level, mark.page, rest))
    assert _outline(data) == want
