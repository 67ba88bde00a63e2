"""Laying the report out in memory: progress, stopping, saving the same bytes, and drawing
its pages for the preview (PDFium), with and without a PDF password."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime
from pathlib import Path

import pytest

from peerdesk.export.pdfkit import PdfError
from peerdesk.export.preview import MAX_SIDE, PdfPreview
from peerdesk.export.report import (
    PROGRESS_TOTAL,
    ReportCancelled,
    ReportRequest,
    build_report,
    date_receipt,
    render_report,
)
from peerdesk.models.report import OWN_COPY
from tests.export.test_pdfkit import pdf_text, run
from tests.export.test_report import Demo, demo  # noqa: F401  (fixture)

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def test_progress_rises_to_the_total(demo: Demo) -> None:  # noqa: F811
    seen: list[tuple[int, int]] = []
    rendered = render_report(
        demo.source(OWN_COPY),
        ReportRequest(profile=OWN_COPY),
        now=NOW,
        progress=lambda d, t: seen.append((d, t)),
    )
    assert seen[0] == (0, PROGRESS_TOTAL) and seen[-1] == (PROGRESS_TOTAL, PROGRESS_TOTAL)
    assert all(total == PROGRESS_TOTAL for _d, total in seen)
    assert len({d for d, _t in seen}) > 10  # it moves, not just start and end
    assert all(a != b for a, b in itertools.pairwise(seen))  # only when it moves
    assert rendered.data.startswith(b"%PDF") and rendered.pages > 3
    assert not rendered.encrypted


@pytest.mark.parametrize("stop_at", [0, 50, 400, 900])
def test_stopping_raises_when_asked_and_not_before(
    demo: Demo,  # noqa: F811
    stop_at: int,
) -> None:
    latest = [0]

    def progress(done: int, _total: int) -> None:
        latest[0] = done

    with pytest.raises(ReportCancelled):
        render_report(
            demo.source(),
            ReportRequest(),
            now=NOW,
            progress=progress,
            should_stop=lambda: latest[0] >= stop_at,
        )
    # It stopped because it was asked to (not at the end, and not earlier for another reason).
    assert stop_at <= latest[0] < PROGRESS_TOTAL


def test_saved_bytes_are_the_previewed_bytes(demo: Demo, tmp_path: Path) -> None:  # noqa: F811
    rendered = render_report(demo.source(), ReportRequest(), now=NOW)
    result = rendered.saved_as(tmp_path / "r.pdf")
    assert (tmp_path / "r.pdf").read_bytes() == rendered.data
    assert (result.pages, result.entries, result.manifest_fingerprint) == (
        rendered.pages,
        rendered.entries,
        rendered.manifest_fingerprint,
    )
    assert date_receipt(result) == date_receipt(rendered)
    # build_report is the same thing in one step.
    again = build_report(
        demo.source(),
        ReportRequest(),
        tmp_path / "again.pdf",
        now=NOW,
    )
    assert again.manifest_fingerprint == rendered.manifest_fingerprint
    assert again.pages == rendered.pages


def test_preview_draws_every_page(demo: Demo) -> None:  # noqa: F811
    rendered = render_report(demo.source(), ReportRequest(paper="letter"), now=NOW)
    preview = PdfPreview(rendered.data)
    try:
        assert preview.page_count == rendered.pages
        assert preview.page_size(0) == pytest.approx((612.0, 792.0))
        first = preview.render(0, 72.0)
        assert (first.width, first.height) == (612, 792)
        assert len(first.rgb) >= first.stride * first.height
        # a page of a report is mostly white paper with dark text on it
        pixels = first.rgb[: first.stride * first.height]
        assert pixels.count(255) > len(pixels) // 2
        assert min(pixels) < 100
        huge = preview.render(0, 10_000.0)
        assert max(huge.width, huge.height) <= MAX_SIDE
        with pytest.raises(PdfError):
            preview.render(rendered.pages, 72.0)
    finally:
        preview.close()
    assert preview.closed
    with pytest.raises(PdfError):
        preview.render(0)


def test_encrypted_preview_needs_the_password(demo: Demo, tmp_path: Path) -> None:  # noqa: F811
    rendered = render_report(
        demo.source(),
        ReportRequest(password="tea at four"),
        now=NOW,
    )
    assert rendered.encrypted
    with pytest.raises(PdfError):
        PdfPreview(rendered.data)
    with pytest.raises(PdfError):
        PdfPreview(rendered.data, "wrong")
    preview = PdfPreview(rendered.data, "tea at four")
    assert preview.page_count == rendered.pages
    preview.close()
    out = tmp_path / "secret.pdf"
    rendered.saved_as(out)
    shown = run("qpdf", "--show-encryption", "--password=tea at four", str(out)).stdout
    assert "AESv3" in shown
    assert "Record of workplace incidents" in pdf_text(out, "tea at four")
