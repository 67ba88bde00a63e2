"""The shared PDF building blocks, read back with poppler (pdftotext, pdffonts, pdfinfo), qpdf."""

from __future__ import annotations

import io
import os
import re
import stat
import subprocess
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium  # type: ignore[import-untyped]
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from peerdesk.export import pdfkit
from peerdesk.export.pdfkit import (
    PdfError,
    escape,
    minutes_label,
    para,
    save_file,
    styles,
    table,
    text_block,
    widths,
    write_pdf,
)

# -- helpers shared by the export tests ------------------------------------------------------------


def run(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(args), capture_output=True, text=True, check=check, timeout=60)


def pdf_text(path: Path, password: str | None = None) -> str:
    extra = ["-upw", password] if password is not None else []
    return run("pdftotext", "-layout", *extra, str(path), "-").stdout


def pdf_pages(path: Path, password: str | None = None) -> list[str]:
    return pdf_text(path, password).split("\f")[:-1]


def pdf_info(path: Path, password: str | None = None) -> dict[str, str]:
    extra = ["-upw", password] if password is not None else []
    out = run("pdfinfo", *extra, str(path)).stdout
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in out.splitlines())}


def fonts(path: Path, password: str | None = None) -> list[dict[str, str]]:
    extra = ["-upw", password] if password is not None else []
    lines = run("pdffonts", *extra, str(path)).stdout.splitlines()[2:]
    rows = []
    for line in lines:
        parts = line.split()
        # name type [type...] encoding emb sub uni object ID
        rows.append({"name": parts[0], "emb": parts[-5], "sub": parts[-4], "uni": parts[-3]})
    return rows


def assert_all_fonts_embedded(path: Path, password: str | None = None) -> None:
    found = fonts(path, password)
    assert found, "no fonts at all"
    for font in found:
        assert font["emb"] == "yes", font
        assert "DejaVuSans" in font["name"], font  # never a standard-14 font (Helvetica)


def qpdf_check(path: Path, password: str | None = None) -> subprocess.CompletedProcess[str]:
    extra = [f"--password={password}"] if password is not None else []
    return run("qpdf", "--check", *extra, str(path), check=False)


def squash(text: str) -> str:
    """pdftotext output with every run of whitespace made one space."""
    return re.sub(r"\s+", " ", text)


# -- escaping --------------------------------------------------------------------------------------


def test_escape_makes_markup_literal_and_keeps_lines() -> None:
    assert escape("<b>bold</b> & <i>") == "&lt;b&gt;bold&lt;/b&gt; &amp; &lt;i&gt;"
    assert escape("one\ntwo\r\nthree") == "one<br/>two<br/>three"
    assert escape("a   b") == "a &nbsp;&nbsp;b"
    assert escape(None) == ""
    assert "\ufffd" in escape("lone \ud800 surrogate")
    assert "\x00" not in escape("nul\x00byte") and "\x0b" not in escape("vt\x0b")


def test_markup_prints_literally_and_unicode_round_trips(tmp_path: Path) -> None:
    s = styles()
    text = 'Tom & Jerry <b>not bold</b> </para> <font size="40">x</font> & &amp; <br/>'
    scripts = "Ελληνικά κείμενο — Кириллица текст — Zoë Ærøskøbing façade naïve ŁÓDŹ"
    out = tmp_path / "markup.pdf"
    write_pdf(
        [para(text, s.body), para(scripts, s.body), para("first\nsecond", s.body)],
        out,
        title="Markup test",
    )
    got = pdf_text(out)
    assert text in got
    assert scripts in got
    assert re.search(r"first\s*\n\s*second", got)
    assert_all_fonts_embedded(out)


def test_markup_helper_escapes_only_the_values() -> None:
    p = pdfkit.markup("<b>{name}</b> said {words}", styles().body, name="<i>A&B", words="x < y")
    assert p.text == "<b>&lt;i&gt;A&amp;B</b> said x &lt; y"


def test_text_block_splits_at_blank_lines() -> None:
    blocks = text_block("one\ntwo\n\n\nthree\n   \nfour", styles().body)
    assert [b.text for b in blocks] == ["one<br/>two", "three", "four"]
    assert text_block("  \n\n ", styles().body) == []


# -- pages -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("paper", "size"), [("a4", "595.276 x 841.89"), ("letter", "612 x 792")])
def test_paper_header_footer_and_page_numbers(tmp_path: Path, paper: str, size: str) -> None:
    s = styles()
    story = [para(f"Paragraph {i} " + "words " * 60, s.body) for i in range(40)]
    out = tmp_path / f"{paper}.pdf"
    count = write_pdf(story, out, title="Running title", paper=paper, footer_note="Footnote")  # type: ignore[arg-type]
    info = pdf_info(out)
    assert info["Pages"] == str(count) and count > 2
    assert info["Page size"].startswith(size)
    assert info["Title"] == "Running title"
    pages = pdf_pages(out)
    assert len(pages) == count
    for number, page in enumerate(pages, start=1):
        assert "Running title" in page and "CONFIDENTIAL" in page
        assert f"Page {number} of {count}" in page
        assert "Footnote" in page
    assert_all_fonts_embedded(out)
    assert qpdf_check(out).returncode == 0


def test_table_wraps_cells_and_repeats_its_header(tmp_path: Path) -> None:
    rows = [[f"Row {i} " + "long words that must wrap " * 4, str(i)] for i in range(120)]
    rows.append(["x" * 400, "unbroken"])  # one very long word splits instead of overflowing
    t = table(
        ["Description heading", "Count"],
        rows,
        col_widths=widths(pdfkit.frame_width(), (4, 1)),
        right=[1],
    )
    out = tmp_path / "table.pdf"
    count = write_pdf([t], out, title="Table")
    assert count > 2
    for page in pdf_pages(out):
        assert "Description heading" in page  # the header on every page
    text = squash(pdf_text(out))
    assert "Row 119 long words" in text


def test_long_text_flows_across_pages(tmp_path: Path) -> None:
    text = "\n\n".join(f"Paragraph {i}: " + "lorem ipsum " * 80 for i in range(300))
    out = tmp_path / "long.pdf"
    count = write_pdf(text_block(text, styles().body), out, title="Long")
    assert count > 20
    assert "Paragraph 299:" in pdf_text(out)


# -- encryption ------------------------------------------------------------------------------------


def test_plain_pdf_is_not_encrypted(tmp_path: Path) -> None:
    out = tmp_path / "plain.pdf"
    write_pdf([para("open text", styles().body)], out, title="Plain")
    shown = run("qpdf", "--show-encryption", str(out)).stdout
    assert "File is not encrypted" in shown


def test_password_gives_aes_256(tmp_path: Path) -> None:
    out = tmp_path / "secret.pdf"
    password = "pässwörd ' \" ; 👋"
    write_pdf([para("secret text Ελληνικά", styles().body)], out, title="Secret", password=password)
    assert b"secret text" not in out.read_bytes()
    assert qpdf_check(out).returncode != 0  # needs the password
    assert qpdf_check(out, "wrong").returncode != 0
    assert qpdf_check(out, password).returncode == 0
    shown = run("qpdf", "--show-encryption", f"--password={password}", str(out)).stdout
    assert "R = 6" in shown  # PDF 2.0's AES-256, not the deprecated revision 5
    assert "stream encryption method: AESv3" in shown  # AES-256
    assert "string encryption method: AESv3" in shown
    assert "file encryption method: AESv3" in shown
    with pytest.raises(pdfium.PdfiumError):
        pdfium.PdfDocument(out.read_bytes())
    opened = pdfium.PdfDocument(out.read_bytes(), password=password)
    assert "secret text" in opened[0].get_textpage().get_text_range()
    opened.close()
    assert "secret text Ελληνικά" in pdf_text(out, password)
    assert_all_fonts_embedded(out, password)


def test_aes_256_key_fields_have_their_standard_lengths(tmp_path: Path) -> None:
    """reportlab pads OE/UE/Perms (48/48/32 bytes); poppler then refuses the file. They must
    be 32/32/16 bytes (ISO 32000-2, 7.6.4.4)."""
    out = tmp_path / "lengths.pdf"
    write_pdf([para("x", styles().body)], out, title="X", password="pw")
    data = out.read_bytes()
    for key, size in ((b"OE", 32), (b"UE", 32), (b"Perms", 16), (b"O", 48), (b"U", 48)):
        found = re.search(rb"/" + key + rb" <([0-9A-Fa-f]+)>", data)
        assert found is not None, key
        assert len(found.group(1)) == 2 * size, key


@pytest.mark.parametrize("password", ["", "x" * 128, "é" * 64, "nul\x00"])
def test_unusable_passwords_are_refused(tmp_path: Path, password: str) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(PdfError):
        write_pdf([para("x", styles().body)], folder / "x.pdf", title="X", password=password)
    assert list(folder.iterdir()) == []


def test_password_is_normalised_like_readers_do(tmp_path: Path) -> None:
    decomposed = "Zoe\u0308"  # "Zoë" typed as e + combining diaeresis
    out = tmp_path / "nfkc.pdf"
    write_pdf([para("opened", styles().body)], out, title="X", password=decomposed)
    assert "opened" in pdf_text(out, "Zoë")  # NFC/NFKC form opens it
    assert pdfkit.normalise_password("ﬁle") == "file"  # NFKC, as in SASLprep


def test_every_pdf_is_navigable_and_describes_itself(tmp_path: Path) -> None:
    """Bookmarks from the headings (sections, and under them subsections), /Lang, title and
    XMP metadata, DisplayDocTitle, page labels matching "Page x of y"."""
    from reportlab.platypus import PageBreak

    s = styles()
    out = tmp_path / "nav.pdf"
    story = [
        para("1. First section", s.h1),
        para("body one", s.body),
        para("First part", s.h2),
        PageBreak(),
        para("2. Second section", s.h1),
        pdfkit.OutlineMark("A mark of its own", 1),
        para("Second part", s.h2),
    ]
    write_pdf(story, out, title="Navigable", subject="Testing", language="de")
    info = pdf_info(out)
    assert info["Title"] == "Navigable" and info["Subject"] == "Testing"
    assert "Author" not in info  # none given: no author at all
    with pikepdf.open(out) as pdf:
        assert str(pdf.Root.Lang) == "de"
        assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle)
        assert pdf.Root.PageMode == pikepdf.Name.UseOutlines
        nums = pdf.Root.PageLabels.Nums
        assert int(nums[0]) == 0 and nums[1].S == pikepdf.Name.D and "/St" not in nums[1]
        meta = pdf.open_metadata()
        assert meta["dc:title"] == "Navigable"
        assert meta["pdf:Producer"] == "PeerDesk"
        with pdf.open_outline() as outline:
            tree = [
                (
                    i.title,
                    pikepdf.Page(i.destination[0]).index,
                    [(c.title, pikepdf.Page(c.destination[0]).index) for c in i.children],
                )
                for i in outline.root
            ]
    assert tree == [
        ("1. First section", 0, [("First part", 0)]),
        ("2. Second section", 1, [("A mark of its own", 1), ("Second part", 1)]),
    ]


def _artifact_text_runs(page: pikepdf.Page) -> tuple[int, int]:
    """(text-showing operators inside /Artifact marked content, outside it)."""
    inside = outside = 0
    depth = 0
    for operands, operator in pikepdf.parse_content_stream(page):
        op = str(operator)
        if op == "BDC" and operands and operands[0] == pikepdf.Name.Artifact:
            depth += 1
        elif op == "EMC" and depth:
            depth -= 1
        elif op in ("Tj", "TJ", "'", '"'):
            if depth:
                inside += 1
            else:
                outside += 1
    return inside, outside


def test_running_header_and_footer_are_marked_as_artifacts(tmp_path: Path) -> None:
    out = tmp_path / "artifacts.pdf"
    write_pdf([para("body text", styles().body)], out, title="Header title", footer_note="note")
    with pikepdf.open(out) as pdf:
        page = pdf.pages[0]
        marks = [
            operands
            for operands, operator in pikepdf.parse_content_stream(page)
            if str(operator) == "BDC"
        ]
        inside, outside = _artifact_text_runs(page)
    kinds = sorted(str(m[1].Subtype) for m in marks)
    assert kinds == ["/Footer", "/Header"]
    assert all(m[1].Type == pikepdf.Name.Pagination for m in marks)
    # Header title, CONFIDENTIAL, footer note and "Page 1 of 1" are artifacts; the body is not.
    assert inside >= 4
    assert outside >= 1


def test_a_page_that_cannot_be_drawn_in_leaves_the_document_whole() -> None:
    data, pages = pdfkit.render_pdf([para("host page", styles().body)], title="Host")
    finished = pdfkit.finish_pdf(
        data,
        pdfkit.Finish(
            info=pdfkit.DocumentInfo(title="Host"),
            overlays=[pdfkit.Overlay(0, "bad", 0, (50, 50, 300, 300))],
            sources={"bad": b"%PDF-1.7 not really a pdf"},
        ),
    )
    with pikepdf.open(io.BytesIO(finished)) as pdf:
        assert len(pdf.pages) == pages == 1


# -- files -----------------------------------------------------------------------------------------


def test_save_file_replaces_and_keeps_it_private(tmp_path: Path) -> None:
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    out = tmp_path / "file.pdf"
    out.write_bytes(b"old")
    save_file(out, b"new content")
    assert out.read_bytes() == b"new content"
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file.pdf"]


def test_failed_write_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    out = tmp_path / "file.pdf"
    out.write_bytes(b"old")

    def broken_replace(src: object, dst: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        write_pdf([para("new", styles().body)], out, title="X")
    assert out.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file.pdf"]


def test_a_layout_failure_writes_nothing(tmp_path: Path) -> None:
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    out = tmp_path / "never.pdf"
    with pytest.raises(PdfError):
        write_pdf([para("x", styles().body)], out, title="X", paper="a5")  # type: ignore[arg-type]
    assert list(tmp_path.iterdir()) == []


def test_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(PdfError):
        save_file(tmp_path / "nope" / "x.pdf", b"data")


def test_fonts_register_once_and_dates_are_english() -> None:
    assert pdfkit.register_fonts() == pdfkit.register_fonts() == "DejaVuSans"
    from datetime import date

    from peerdesk.models.dates import long_date

    assert long_date(date(2026, 3, 9)) == "9 March 2026"
    assert long_date(None, "—") == "—"
    assert [minutes_label(m) for m in (0, 1, 45, 60, 61, 150)] == [
        "0 minutes",
        "1 minute",
        "45 minutes",
        "1 hour",
        "1 hour 1 minute",
        "2 hours 30 minutes",
    ]


def test_chinese_and_japanese_use_the_bundled_fallback_font(tmp_path: Path) -> None:
    from reportlab.platypus import Paragraph

    from peerdesk.export import pdfkit

    assert pdfkit.escape("a 会議 b") == 'a <font face="DroidSansFallback">会議</font> b'
    assert pdfkit.escape("会 議") == '<font face="DroidSansFallback">会 議</font>'
    assert pdfkit.escape("<会>") == '&lt;<font face="DroidSansFallback">会</font>&gt;'
    assert pdfkit.escape("Ελληνικά שלום") == "Ελληνικά שלום"  # DejaVu has these
    assert pdfkit.can_print("会") and pdfkit.can_print("カ") and not pdfkit.can_print("회")
    s = pdfkit.styles()
    data, _pages = pdfkit.render_pdf(
        [
            pdfkit.para("会議 in plain text", s.body),
            Paragraph(f"<b>{pdfkit.escape('ひらがな')}</b>", s.body),
            pdfkit.para("カタカナ", s.h1),
        ],
        title="T",
    )
    out = tmp_path / "cjk.pdf"
    out.write_bytes(data)
    text = pdf_text(out)
    assert "会議 in plain text" in text and "ひらがな" in text and "カタカナ" in text
    rows = fonts(out)
    assert any("DroidSansFallback" in r["name"] for r in rows), rows
    assert all(r["emb"] == "yes" for r in rows), rows


_MIXED = st.text(
    alphabet=st.sampled_from(list("ab <>&\"' \n\t会議ひカ회Ελש\u202e\x00😀")), max_size=40
)


@settings(max_examples=150, deadline=None)
@given(_MIXED)
def test_any_text_becomes_a_paragraph_that_lays_out(text: str) -> None:
    """Markup characters, fallback-font runs, spaces and controls in any mix: the escaped
    text is valid paragraph markup and lays out (balanced font tags, nothing interpreted)."""
    from reportlab.platypus import Paragraph

    from peerdesk.export import pdfkit

    s = pdfkit.styles()
    marked = pdfkit.escape(text)
    assert marked.count("<font ") == marked.count("</font>")
    for style in (s.body, s.h1):
        Paragraph(marked, style).wrap(300, 1000)
        Paragraph(f"<b>{marked}</b>", style).wrap(300, 1000)


_BIDI_CONTROLS = list("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
_COMBINING = list("\u0301\u0308\u0327\u05b4\u05bc\u064b\u0651\u0670\u20dd")
_ZWJ_SEQUENCES = ["👩\u200d💻", "👨\u200d👩\u200d👧", "🏳\ufe0f\u200d🌈", "ل\u200dا", "\u200c"]
_PIECES = st.one_of(
    st.sampled_from([*"ab (){}[]<>&- :.,@\n\t0123456789", "\u00a0"]),
    st.sampled_from(list("שלוםעולם") + list("مرحبالعام") + list("۱۲۳٤٥")),
    st.sampled_from(_BIDI_CONTROLS + _COMBINING + _ZWJ_SEQUENCES),
    st.sampled_from(["会議", "회의", "Ελ", "😀"]),
    # a very long unbroken word, Latin or right to left
    st.integers(min_value=50, max_value=600).map(lambda n: "x" * n),
    st.integers(min_value=50, max_value=600).map(lambda n: "ש" * n),
    st.integers(min_value=50, max_value=400).map(lambda n: "لا" * n),
)
_ANY_EDITOR_TEXT = st.lists(_PIECES, max_size=30).map("".join)


@settings(max_examples=120, deadline=None)
@given(_ANY_EDITOR_TEXT)
def test_any_unicode_lays_out_and_draws(text: str) -> None:
    """Bidi controls (LRE/RLO/PDF/LRI/FSI/PDI…), combining marks, ZWJ sequences and very long
    unbroken words, in any mix and direction: laid out in a narrow column, a table cell and a
    page, split across pages and drawn, without an exception."""
    from peerdesk.export import pdfkit

    s = pdfkit.styles()
    story = [
        *pdfkit.text_block(text, s.body),
        pdfkit.para(text, s.h2),
        pdfkit.table(["No.", "Text"], [["1", text]], col_widths=[40, 120]),
    ]
    narrow = pdfkit.para(text, s.cell)
    narrow.wrap(30, 1000)
    for part in narrow.split(30, 20):
        part.wrap(30, 1000)
    data, pages = pdfkit.render_pdf(story, title="T")
    assert data.startswith(b"%PDF") and pages >= 1


def test_right_to_left_text_is_shaped_and_set_flush_right(tmp_path: Path) -> None:
    """Hebrew and Arabic come out joined and in reading order (HarfBuzz), a paragraph that
    starts in a right-to-left script is aligned right; other text is left alone."""
    from peerdesk.export import pdfkit

    assert pdfkit.shaping_available()  # uharfbuzz is a dependency
    s = pdfkit.styles()
    from peerdesk.export.pdfkit.bidi import BidiParagraph

    hebrew = pdfkit.para("שלום עולם, מה שלומך", s.body)
    mixed = pdfkit.para("He said שלום to me", s.body)
    english = pdfkit.para("Nothing to shape here", s.body)
    assert isinstance(hebrew, BidiParagraph) and hebrew.rtl
    assert isinstance(mixed, BidiParagraph) and not mixed.rtl
    assert english.style is s.body and not isinstance(english, BidiParagraph)
    assert pdfkit.text_direction("  (123) مرحبا abc") == "rtl"
    assert pdfkit.text_direction("123 abc مرحبا") == "ltr"
    assert pdfkit.text_direction("123 !") is None
    latin = pdfkit.para("first state office: שלום", s.body)  # fi, st, ffi: no ligatures
    data, _ = pdfkit.render_pdf(
        [hebrew, pdfkit.para("مرحبا بالعالم", s.body), mixed, latin], title="T"
    )
    out = tmp_path / "rtl.pdf"
    out.write_bytes(data)
    text = run("pdftotext", str(out), "-").stdout
    assert "שלומך" in text and "ךמולש" not in text  # each word reads right to left
    # Arabic is joined on the page but copies as the letters typed, not presentation forms.
    assert "مرحبا بالعالم" in text
    assert not any(0xFB50 <= ord(c) <= 0xFEFF for c in text)
    assert "first state office" in text


@pytest.mark.parametrize("width", [220.0, 300.0, 480.0])
def test_a_fingerprint_in_a_facts_table_stays_inside_its_column(width: float) -> None:
    """The report's fingerprint (64 hex digits) once ran off the page's edge in the integrity
    appendix: it is broken between groups of digits, never inside one, never with a hyphen."""
    digest = "4e2a245db65b5258" * 4
    table = pdfkit.facts([("Report fingerprint (manifest)", digest)], width=width)
    table.wrap(width, 1000)
    (value,) = table._cellvalues[0][1]
    room = table._colWidths[1] - 10  # the table's left and right padding
    assert max(value.getActualLineWidths0()) <= room
    lines = [" ".join(str(w) for w in line[1]) for line in value.blPara.lines]
    assert "".join("".join(lines).split()) == digest
    assert all(len(group) == 16 for line in lines for group in line.split())
