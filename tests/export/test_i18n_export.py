"""The report in a language of its own: every heading and label wrapped (the pseudo-language),
its language independent of the screens', its /Lang, its plurals, and right-to-left layout for
an Arabic report (read back with poppler: pdftotext, with word boxes)."""

from __future__ import annotations

import html
import io
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pikepdf
import pytest

from peerdesk import i18n
from peerdesk.export.report import ReportRequest, date_receipt, render_report
from peerdesk.i18n.pseudo import pseudo
from peerdesk.models.enums import Channel
from peerdesk.models.incident import Incident
from peerdesk.models.report import LAWYER
from peerdesk.storage.colleagues import ColleagueRepository
from peerdesk.storage.incidents import IncidentRepository
from peerdesk.storage.report_source import read_report_source
from peerdesk.storage.vault import Vault
from tests.export.test_colleague_pdf import TODAY, held  # noqa: F401 (the fixture)
from tests.export.test_pdfkit import run
from tests.export.test_report import Demo, demo  # noqa: F401 (the fixture)

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
ARABIC_TITLE = "اجتماع الفريق"
ARABIC_TEXT = "صرخ المدير في وجهي أمام الجميع"


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    i18n.set_language("en")
    try:
        yield
    finally:
        i18n.set_language("en")


def _render(source: object, language: str | None, **request: object) -> bytes:
    rendered = render_report(
        source,  # type: ignore[arg-type]
        ReportRequest(profile=LAWYER, author="Alex Example", **request),  # type: ignore[arg-type]
        now=NOW,
        language=language,
    )
    return rendered.data


def _text(data: bytes, tmp_path: Path, name: str = "r.pdf") -> str:
    out = tmp_path / name
    out.write_bytes(data)
    return run("pdftotext", "-layout", str(out), "-").stdout


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_report_in_the_pseudo_language_while_the_screens_speak_english(
    demo: Demo,  # noqa: F811
    tmp_path: Path,
) -> None:
    data = _render(demo.source(), "en-XA")
    assert i18n.current_language() == "en"  # the report's language did not leak out
    text = _flat(_text(data, tmp_path))
    for heading in (
        "Record of workplace incidents",
        "How this record was kept",
        "Chronology",
        "The incidents in full",
        "Statement of truth",
        "Integrity appendix",
        "What happened",
        "Prepared by",
        "CONFIDENTIAL",
    ):
        assert pseudo(heading) in text, heading
    for english_only in ("Statement of truth", "Integrity appendix", "How this record was kept"):
        assert english_only not in text
    assert "{" not in text and "}" not in text  # every placeholder filled
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert str(pdf.Root.Lang) == "en-XA"
        assert str(pdf.docinfo.Title) == pseudo("Record of workplace incidents")


def test_report_language_none_follows_the_language_in_force(
    demo: Demo,  # noqa: F811
    tmp_path: Path,
) -> None:
    with i18n.language("en-XA"):
        data = _render(demo.source(), None)
    assert pseudo("Chronology") in _flat(_text(data, tmp_path))
    english = _flat(_text(_render(demo.source(), None), tmp_path, "en.pdf"))
    assert "Chronology" in english and pseudo("Chronology") not in english


def test_date_receipt_and_plurals_in_english(demo: Demo, tmp_path: Path) -> None:  # noqa: F811
    rendered = render_report(demo.source(), ReportRequest(profile=LAWYER), now=NOW)
    receipt = date_receipt(rendered, file_sha256="0" * 64)
    assert receipt.startswith("PeerDesk date receipt\n")
    assert f"Entries: {rendered.entries}" in receipt
    with i18n.language("en-XA"):
        pseudo_receipt = date_receipt(rendered)
    assert pseudo_receipt.startswith(pseudo("PeerDesk date receipt"))
    from peerdesk.export.report.reproduced import pdf_pages_text

    assert pdf_pages_text("E1", 1, {"E1#1": 5}) == "Its one page follows on page 5 of this report."
    assert (
        pdf_pages_text("E1", 2, {"E1#1": 5, "E1#2": 6})
        == "Its 2 pages follow on pages 5 to 6 of this report."
    )


# -- right to left ---------------------------------------------------------------------------------


def _words(data: bytes, tmp_path: Path) -> tuple[float, list[tuple[str, float, float, int]]]:
    """The page width and every word (text, xMin, xMax, page) of the PDF."""
    out = tmp_path / "boxes.pdf"
    out.write_bytes(data)
    markup = run("pdftotext", "-bbox", str(out), "-").stdout
    width = float(re.search(r'<page width="([\d.]+)"', markup).group(1))  # type: ignore[union-attr]
    words = []
    for page, chunk in enumerate(markup.split("<page ")[1:], start=1):
        for m in re.finditer(
            r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">(.*?)</word>',
            chunk,
        ):
            words.append((html.unescape(m.group(3)), float(m.group(1)), float(m.group(2)), page))
    return width, words


def _first(words: list[tuple[str, float, float, int]], text: str) -> tuple[float, float]:
    found = [(x0, x1) for w, x0, x1, _page in words if w == text]
    assert found, text
    return found[0]


@pytest.fixture
def arabic_vault(tmp_path: Path, passphrase: str) -> Vault:
    vault = Vault.create(tmp_path / "ar.peerdesk", passphrase)
    IncidentRepository(vault).add(
        Incident(
            event_date=date(2026, 2, 3),
            channel=Channel.MEETING,
            title=ARABIC_TITLE,
            narrative=ARABIC_TEXT,
        )
    )
    return vault


@pytest.fixture
def english_words_right_to_left(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Arabic's layout with the English words (no catalogue): the layout tests below find the
    English headings where an Arabic report puts its own."""
    import gettext

    from peerdesk.models import enums

    real = i18n.translations

    def english_for_arabic(code: str, domain: str = i18n.DOMAIN) -> gettext.NullTranslations:
        return gettext.NullTranslations() if code == "ar" else real(code, domain)

    enums._LABEL_CACHE.clear()
    monkeypatch.setattr(i18n, "translations", english_for_arabic)
    yield
    enums._LABEL_CACHE.clear()


def test_arabic_report_reads_right_to_left(
    arabic_vault: Vault, tmp_path: Path, english_words_right_to_left: None
) -> None:
    source = read_report_source(arabic_vault, images=False)
    left_to_right = _render(source, "en")
    right_to_left = _render(source, "ar")
    with pikepdf.open(io.BytesIO(right_to_left)) as pdf:
        assert str(pdf.Root.Lang) == "ar"
    # Arabic text is kept in logical order when read back.
    assert ARABIC_TEXT in _flat(_text(right_to_left, tmp_path))

    width, en = _words(left_to_right, tmp_path)
    _width, ar = _words(right_to_left, tmp_path)
    # Headings and paragraphs: at the left in English, at the right in Arabic (with the
    # English words here: the layout follows the language).
    for word in ("Chronology", "Statement"):
        assert _first(en, word)[0] < width / 3, word
        assert _first(ar, word)[1] > width * 2 / 3, word
    # Tables read right to left: the chronology's first column ("No.") is at the right.
    assert _first(en, "No.")[0] < _first(en, "Exhibit")[0]
    assert _first(ar, "No.")[0] > _first(ar, "Exhibit")[0]
    # The running header is mirrored: the confidentiality mark at the left.
    assert _first(en, "CONFIDENTIAL")[0] > width / 2
    assert _first(ar, "CONFIDENTIAL")[1] < width / 2
    # A label of a two-column facts table is right of its value.
    assert _first(ar, "Prepared")[0] > _first(ar, "Alex")[0]
    assert _first(en, "Prepared")[0] < _first(en, "Alex")[0]


# -- the other PDFs and the CSV --------------------------------------------------------------------


def test_colleague_pdf_in_the_pseudo_language(
    held: tuple[ColleagueRepository, int, int],  # noqa: F811
    tmp_path: Path,
) -> None:
    from peerdesk.export.colleague_pdf import write_what_i_hold

    colleagues, heron_id, _maple = held
    out = tmp_path / "held.pdf"
    write_what_i_hold(colleagues.what_i_hold(heron_id), out, generated_on=TODAY, language="en-XA")
    assert i18n.current_language() == "en"
    text = _flat(run("pdftotext", "-layout", str(out), "-").stdout)
    for words in ("What I hold about you", "About you", "What you agreed to", "Kept until"):
        assert pseudo(words) in text, words
    assert "{" not in text
    with pikepdf.open(out) as pdf:
        assert str(pdf.Root.Lang) == "en-XA"


def test_statistics_in_the_pseudo_language(tmp_path: Path) -> None:
    from peerdesk.export.stats_csv import stats_csv_text
    from peerdesk.export.stats_pdf import write_programme_stats_pdf
    from tests.export.test_stats_exports import _stats

    out = tmp_path / "stats.pdf"
    write_programme_stats_pdf(_stats(), out, generated_on=date(2026, 4, 1), language="en-XA")
    text = _flat(run("pdftotext", "-layout", str(out), "-").stdout)
    for words in ("Peer support programme statistics", "CONFIDENTIAL", "Themes"):
        assert pseudo(words) in text, words
    assert "{" not in text
    with i18n.language("en-XA"):
        csv_text = stats_csv_text(_stats(), generated_on=date(2026, 4, 1))
    # The machine columns stay English, the label column is translated.
    assert csv_text.splitlines()[0] == "section,key,label,value"
    assert f"total,conversations,{pseudo('Conversations')}," in csv_text


def test_durations_in_english() -> None:
    from peerdesk.export.pdfkit import minutes_label

    assert [minutes_label(m) for m in (1, 45, 60, 90, 150)] == [
        "1 minute",
        "45 minutes",
        "1 hour",
        "1 hour 30 minutes",
        "2 hours 30 minutes",
    ]


def test_an_arabic_running_header_is_shaped_and_in_order(
    tmp_path: Path, english_words_right_to_left: None
) -> None:
    from peerdesk.export import pdfkit

    out = tmp_path / "header.pdf"
    with i18n.language("ar"):
        pdfkit.write_pdf([pdfkit.para("x", pdfkit.styles().body)], out, title=ARABIC_TITLE)
    width, words = _words(out.read_bytes(), tmp_path)
    header = [w for w in words if re.search("[\u0600-\u06ff]", w[0])]
    assert header and min(x0 for _w, x0, _x1, _p in header) > width / 2  # at the right
    assert ARABIC_TITLE in _text(out.read_bytes(), tmp_path, "h.pdf")


@pytest.mark.parametrize("code", ["de", "es", "fr", "ar"])
def test_the_report_in_each_shipped_language(
    demo: Demo,  # noqa: F811
    tmp_path: Path,
    code: str,
) -> None:
    """The report read back with pdftotext: its headings in the catalogue's words, no
    placeholder left, no direction mark printed as [U+XXXX] (the invisible marks of an Arabic
    sentence are read, never drawn), the document's language set."""
    data = _render(demo.source(), code)
    text = _flat(_text(data, tmp_path))
    with i18n.language(code):
        headings = [_flat(i18n._(h)) for h in ("Chronology", "Statement of truth", "CONFIDENTIAL")]
        march = i18n._("Prepared by")
    # (poppler may put a space inside an Arabic word at a letter with a mark: compared
    # without spaces and embedding marks; the order of the letters is what must hold)
    bare = re.sub(r"[\s\u00ad\u202a-\u202e]", "", text)
    for heading in headings:
        assert heading and re.sub(r"\s", "", heading) in bare, heading
    assert "Statement of truth" not in text and "Chronology" not in text
    assert re.sub(r"\s", "", march) in bare
    assert "{" not in text and "}" not in text
    assert not re.search(r"\[U\+(200[EF]|061C|202[A-E]|206[6-9])\]", text)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert str(pdf.Root.Lang) == code
