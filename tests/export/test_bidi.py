"""Right-to-left and mixed text in the PDF (UAX #9 by python-bidi, HarfBuzz per run), read
back with poppler's ``pdftotext``.

Normalisation in the comparison, and only this: poppler's own bidi embedding marks
(U+202A, U+202B, U+202C, which it inserts around every right-to-left stretch) are removed,
and all white space is removed (poppler rebuilds spaces from gaps between glyphs, and loses
them where the direction changes).

Poppler does not read the logical order from the file: it re-derives it from the glyph
positions with a simplified reordering of its own (``reorderText`` in TextOutputDev.cc: a
whole line is either left-to-right with right-to-left stretches reversed, or the mirror of
that, decided by counting letters on the page; digits always left-to-right; no UAX #9). So a
line mixing a right-to-left paragraph with Latin names, addresses or references comes out with
its stretches in poppler's order although the page shows them in UAX #9 order. Those items
carry, in the corpus, the exact text poppler gives (``poppler``): the test pins it, so any
change shows. Every other item reads back exactly as typed.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from reportlab.platypus import PageBreak

from peerdesk.export import pdfkit
from tests.export.test_pdfkit import run

CORPUS = json.loads(
    (Path(__file__).parent.parent / "fixtures" / "rtl" / "corpus.json").read_text("utf-8")
)
_MARKS = re.compile("[\u202a-\u202c]")


def squeeze(text: str) -> str:
    return "".join(_MARKS.sub("", text).split())


@pytest.fixture(scope="module")
def corpus_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    s = pdfkit.styles()
    story = []
    for item in CORPUS:
        story += [pdfkit.para(item["text"], s.body), PageBreak()]
    data, pages = pdfkit.render_pdf(story[:-1], title="T")
    assert pages == len(CORPUS)
    out = tmp_path_factory.mktemp("rtl") / "corpus.pdf"
    out.write_bytes(data)
    return out


def page_text(path: Path, page: int) -> str:
    """The text of one page without the running header and footer."""
    out = run("pdftotext", "-f", str(page), "-l", str(page), str(path), "-").stdout
    lines = [
        line
        for line in _MARKS.sub("", out).split("\n")
        if line.strip() not in ("", "T", "CONFIDENTIAL", "\f") and not line.startswith("Page ")
    ]
    return "\n".join(lines)


@pytest.mark.parametrize("index", range(len(CORPUS)), ids=[i["name"] for i in CORPUS])
def test_corpus_reads_back(corpus_pdf: Path, index: int) -> None:
    item = CORPUS[index]
    got = squeeze(page_text(corpus_pdf, index + 1))
    expected = item.get("poppler", squeeze(item["text"]))
    assert got == expected
    # Whatever poppler's order, every character typed is there (nothing in presentation
    # forms, nothing lost or doubled).
    assert sorted(got) == sorted(squeeze(item["text"]))


def test_most_of_the_corpus_reads_back_exactly() -> None:
    """The pinned poppler differences are the mixed-direction lines, not the plain ones."""
    exact = [i["name"] for i in CORPUS if "poppler" not in i]
    for name in ("hebrew-plain", "arabic-plain", "persian-plain", "arabic-time"):
        assert name in exact
    assert len(exact) >= len(CORPUS) // 2


def test_a_time_in_hebrew_is_not_reordered(corpus_pdf: Path) -> None:
    index = next(k for k, i in enumerate(CORPUS) if i["name"] == "hebrew-time")
    got = squeeze(page_text(corpus_pdf, index + 1))
    assert "10:30" in got and "11:15" in got
    assert "03:01" not in got and "51:11" not in got


def test_arabic_copies_as_letters_not_presentation_forms(corpus_pdf: Path) -> None:
    text = run("pdftotext", str(corpus_pdf), "-").stdout
    assert "صرخ المدير في وجهي أمام الفريق" in _MARKS.sub("", text)
    assert not any(0xFB50 <= ord(c) <= 0xFDFF or 0xFE70 <= ord(c) <= 0xFEFF for c in text)


def test_levels_follow_uax9() -> None:
    from peerdesk.export.pdfkit.bidi import levels

    text = "הפגישה ב-10:30 (approx)"
    got = levels(text, rtl=True)
    assert got[text.index("1")] == 2 and got[text.index("a")] == 2
    assert got[0] == 1 and len(got) == len(text)
