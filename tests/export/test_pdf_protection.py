"""Every PDF PeerDesk writes with a password goes through one path (pikepdf/qpdf, AES-256
revision 6) and is navigable: the supporter's "What I hold" copy and the programme statistics,
read back with qpdf, pdftotext, pikepdf and PDFium."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium  # type: ignore[import-untyped]
import pytest

from peerdesk.export.colleague_pdf import TITLE as HOLD_TITLE
from peerdesk.export.colleague_pdf import write_what_i_hold
from peerdesk.export.stats_pdf import TITLE as STATS_TITLE
from peerdesk.export.stats_pdf import write_programme_stats_pdf
from peerdesk.storage.colleagues import ColleagueRepository
from peerdesk.storage.conversations import ConversationRepository
from tests.export.test_colleague_pdf import TODAY, held  # noqa: F401 - the fixture
from tests.export.test_pdfkit import pdf_info, pdf_text, run
from tests.export.test_stats_exports import PERIOD, demo  # noqa: F401 - the fixture


def assert_r6(out: Path, password: str, title: str) -> list[str]:
    """R = 6 / AESv3; opens with ``password`` only (qpdf, poppler, PDFium); the outline."""
    shown = run("qpdf", "--show-encryption", f"--password={password}", str(out)).stdout
    assert "R = 6" in shown
    assert "file encryption method: AESv3" in shown
    assert run("qpdf", "--check", str(out), check=False).returncode != 0
    assert run("pdftotext", str(out), "-", check=False).returncode != 0
    assert pdf_info(out, password)["Title"] == title
    data = out.read_bytes()
    with pytest.raises(pdfium.PdfiumError):
        pdfium.PdfDocument(data)
    doc = pdfium.PdfDocument(data, password=password)
    assert len(doc) >= 1
    doc.close()
    with pikepdf.open(out, password=password) as pdf:
        assert str(pdf.Root.Lang) == "en"
        with pdf.open_outline() as outline:
            return [item.title for item in outline.root]


def test_what_i_hold_copy_is_r6_and_navigable(
    tmp_path: Path,
    held: tuple[ColleagueRepository, int, int],  # noqa: F811
) -> None:
    colleagues, heron_id, _ = held
    out = tmp_path / "hold.pdf"
    write_what_i_hold(
        colleagues.what_i_hold(heron_id), out, password="tea at four", generated_on=TODAY
    )
    titles = assert_r6(out, "tea at four", HOLD_TITLE)
    assert "About you" in titles and "What you agreed to" in titles
    assert "Heron <b>" in pdf_text(out, "tea at four")


def test_statistics_pdf_is_r6(
    tmp_path: Path,
    demo: tuple[ColleagueRepository, ConversationRepository],  # noqa: F811
) -> None:
    _colleagues, conversations = demo
    out = tmp_path / "stats.pdf"
    write_programme_stats_pdf(
        conversations.statistics(*PERIOD),
        out,
        password="counts only",
        generated_on=date(2026, 11, 1),
    )
    # One page laid out in two columns (a table): no bookmarks needed.
    assert assert_r6(out, "counts only", STATS_TITLE) == []
    assert "Page 1 of 1" in pdf_text(out, "counts only")
