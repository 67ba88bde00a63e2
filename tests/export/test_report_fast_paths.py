"""The report's fast paths (issue 18) print what the plain paths print.

- A paragraph without markup skips reportlab's markup parser and is broken into lines once per
  width (:class:`~peerdesk.export.pdfkit.text.TextParagraph`): the same fragments as the
  parser, and the same report, page by page, as with reportlab's own ``Paragraph`` steps.
- A table cell whose lines fit is not measured word by word (``hyphenate``).
- Text is scanned for right-to-left and CJK characters by a pattern first.
- The cycle collector is paused while a report is laid out, and restored after it.
"""

from __future__ import annotations

import gc
import importlib
import io
import threading
import unicodedata
from datetime import UTC, date, datetime
from pathlib import Path

import pikepdf
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from reportlab.platypus import Paragraph

from peerdesk.demo import DemoSize, fill_demo_vault
from peerdesk.export import pdfkit
from peerdesk.export.pdfkit.collect import collection_paused
from peerdesk.export.pdfkit.styles import hyphenate, hyphenate_line
from peerdesk.export.pdfkit.text import MAYBE_RTL, TextParagraph
from peerdesk.export.report import ReportCancelled, ReportRequest, render_report
from peerdesk.models.enums import Channel, IncidentCategory
from peerdesk.models.incident import Incident
from peerdesk.models.report import LAWYER
from peerdesk.models.report_source import ReportSource
from peerdesk.storage.incidents import IncidentRepository
from peerdesk.storage.report_source import read_report_source
from peerdesk.storage.vault import Vault

# ``pdfkit.styles`` is the function; the module is reached by name.
styles_module = importlib.import_module("peerdesk.export.pdfkit.styles")

# What escape() can hand to a paragraph without markup: printable text, spaces, no-break
# spaces and line ends (escape() makes "<", ">" and "&" entities, so those go to the parser).
_PLAIN = st.lists(
    st.one_of(
        st.text(
            st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="<>&"),
            min_size=1,
            max_size=6,
        ),
        st.sampled_from(
            [" ", "  ", "\n", " \n ", "\u00a0", "\t", "\x1c", "\x85", "\u200b", "\u2003", "\u3000"]
        ),
    ),
    max_size=12,
).map("".join)
_STYLE_NAMES = ["body", "cell", "cell_head", "cell_right", "label", "h2", "muted", "notice"]


def _frags(paragraph: Paragraph) -> list[dict[str, object]]:
    return [dict(vars(f)) for f in paragraph.frags]


@settings(max_examples=300, deadline=None)
@given(text=_PLAIN, style_name=st.sampled_from(_STYLE_NAMES), width=st.floats(20, 480))
@example(text="two  spaces", style_name="body", width=100)
@example(text=" ends ", style_name="cell", width=100)
@example(text="3\u00a0Mar\u00a02026", style_name="cell", width=30)
@example(text="zero\u200bwidth and\u3000wide", style_name="body", width=60)
@example(text="line\n break", style_name="label", width=200)
def test_plain_text_makes_the_fragments_the_parser_makes(
    text: str, style_name: str, width: float
) -> None:
    style = getattr(pdfkit.styles(), style_name)
    fast = TextParagraph(text, style)
    plain = Paragraph(text, style)
    assert fast.text == plain.text
    assert _frags(fast) == _frags(plain)
    assert fast.wrap(width, 1000) == plain.wrap(width, 1000)
    assert fast.wrap(width, 1000) == plain.wrap(width, 1000)  # the kept result
    assert _frags(fast) == _frags(plain)


def test_no_white_space_lies_beyond_the_cleaning_check() -> None:
    assert not [c for c in range(0x3001, 0x110000) if chr(c).isspace()]


def test_a_paragraph_is_laid_out_again_at_another_width() -> None:
    text = " ".join(["words that wrap"] * 30)
    style = pdfkit.styles().body
    p = TextParagraph(text, style)
    wide = p.wrap(400, 1000)
    narrow = p.wrap(120, 1000)
    assert narrow[1] > wide[1]
    assert p.wrap(400, 1000) == wide == Paragraph(text, style).wrap(400, 1000)
    assert p.split(120, 30)  # split keeps working on the kept lines


_WORDS = st.lists(
    st.one_of(
        st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyzéШ"), min_size=0, max_size=40),
        st.text(st.sampled_from("0123456789abcdef"), min_size=32, max_size=64),
        st.sampled_from(["3\u00a0Mar\u00a02026", "Wide-word-" * 5, ""]),
    ),
    max_size=12,
)


@settings(max_examples=300, deadline=None)
@given(lines=st.lists(_WORDS, min_size=1, max_size=4), width=st.floats(8, 300))
def test_hyphenate_equals_breaking_word_by_word(lines: list[list[str]], width: float) -> None:
    text = "\n".join(" ".join(words) for words in lines)
    for font in (pdfkit.FONT, pdfkit.FONT_BOLD):
        plain = "\n".join(hyphenate_line(line, width, font, 10) for line in text.split("\n"))
        assert hyphenate(text, width, font, 10) == plain


def _old_needs_shaping(text: str) -> bool:
    return any(ord(c) >= 0x590 and unicodedata.bidirectional(c) in ("R", "AL", "AN") for c in text)


@settings(max_examples=300, deadline=None)
@given(
    st.text(st.one_of(st.characters(), st.sampled_from("שלוםمرحبا٣\u200f\u061c“—")), max_size=40)
)
def test_needs_shaping_equals_the_full_scan(text: str) -> None:
    assert pdfkit.needs_shaping(text) == _old_needs_shaping(text)


def test_every_right_to_left_character_is_in_the_precheck() -> None:
    missed = [
        hex(code)
        for code in range(0x110000)
        if unicodedata.bidirectional(chr(code)) in ("R", "AL", "AN")
        and MAYBE_RTL.search(chr(code)) is None
    ]
    assert not missed
    assert MAYBE_RTL.search("“Quoted” — and dashed…") is None


def test_the_prechecks_start_where_the_scans_did() -> None:
    from peerdesk.export.pdfkit.fonts import _FROM_CJK
    from peerdesk.export.report.glyphs import _BEYOND_LATIN

    for first, pattern in ((0x2E80, _FROM_CJK), (0x250, _BEYOND_LATIN)):
        for code in (0, first - 1, first, 0xD800, 0xFFFF, 0x10000, 0x10FFFF):
            assert (pattern.search(chr(code)) is not None) == (code >= first), hex(code)


def _contents(data: bytes) -> list[bytes]:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        out = []
        for page in pdf.pages:
            contents = page.obj.Contents
            parts = [contents] if isinstance(contents, pikepdf.Stream) else list(contents)
            out.append(b"".join(p.read_bytes() for p in parts))
        return out


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> ReportSource:
    folder: Path = tmp_path_factory.mktemp("fast")
    vault = Vault.create(folder / "demo.peerdesk", "correct horse battery staple fast")
    fill_demo_vault(
        vault,
        DemoSize(
            incidents=40, people=6, colleagues=0, conversations=0, attachments=4, strategy_uses=0
        ),
        seed=3,
    )
    IncidentRepository(vault).add(
        Incident(
            event_date=date(2026, 2, 3),
            channel=Channel.MEETING,
            title="Pay & <b>conditions</b>  meeting — שלום עולם",
            place="Room " + "Unbrokenplacenamewithoutanyspace" * 3,
            categories={IncidentCategory.VERBAL_ABUSE},
            narrative="He said:  “A & B <i>only</i>”.\nNext line\u00a0kept.\n\n"
            + "مرحبا بالعالم 10:30\n\n"
            + " ".join(f"word{k}" for k in range(3000)),
            tags=["x" * 40],
        )
    )
    got = read_report_source(vault, images=False)
    vault.close()
    return got


def test_the_report_is_the_same_as_with_reportlabs_own_steps(
    source: ReportSource, monkeypatch: pytest.MonkeyPatch
) -> None:
    now = datetime(2026, 3, 1, 12, tzinfo=UTC)
    fast = render_report(source, ReportRequest(profile=LAWYER), now=now)
    monkeypatch.setattr(TextParagraph, "_setup", Paragraph._setup)
    monkeypatch.setattr(TextParagraph, "wrap", Paragraph.wrap)
    monkeypatch.setattr(
        styles_module,
        "hyphenate",
        lambda text, width, font, size: "\n".join(
            hyphenate_line(line, width, font, size) for line in text.split("\n")
        ),
    )
    plain = render_report(source, ReportRequest(profile=LAWYER), now=now)
    assert fast.pages == plain.pages
    assert _contents(fast.data) == _contents(plain.data)


def test_the_collector_is_paused_while_the_report_is_laid_out(source: ReportSource) -> None:
    seen: set[bool] = set()
    assert gc.isenabled()
    render_report(
        source,
        ReportRequest(profile=LAWYER),
        progress=lambda done, total: seen.add(gc.isenabled()) if 0 < done < total else None,
    )
    assert False in seen  # paused during the layout
    assert gc.isenabled()  # and running again after it


def test_a_cancelled_report_leaves_the_collector_running(source: ReportSource) -> None:
    calls = 0

    def stop() -> bool:
        nonlocal calls
        calls += 1
        return calls > 20  # once the layout has started

    with pytest.raises(ReportCancelled):
        render_report(source, ReportRequest(profile=LAWYER), should_stop=stop)
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off() -> None:
    gc.disable()
    try:
        with collection_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_overlapping_layouts_restore_the_collector_after_the_last() -> None:
    first_in = threading.Event()
    second_in = threading.Event()
    first_out = threading.Event()
    states: list[bool] = []

    def first() -> None:
        with collection_paused():
            first_in.set()
            second_in.wait(5)
        first_out.set()

    worker = threading.Thread(target=first)
    worker.start()
    first_in.wait(5)
    with collection_paused():
        second_in.set()
        first_out.wait(5)
        states.append(gc.isenabled())  # the first has ended, this one has not
    worker.join(5)
    assert states == [False]
    assert gc.isenabled()
