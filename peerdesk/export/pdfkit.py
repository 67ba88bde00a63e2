"""PDF building blocks shared by every PeerDesk export (reportlab, no Qt).

One place for what every PDF needs (REPORTING.md, "The incident report", layout; SECURITY.md
22, 23, 26):

- **Fonts**: DejaVu Sans in four faces, bundled in ``resources/fonts``, registered once as one
  font family so ``<b>``/``<i>`` in our own markup work, and embedded (subset) in every file.
  Latin with diacritics, Greek and Cyrillic print correctly.
- **Styles**: body text at 11 pt and a small set of headings, labels and table cells.
- **Escaping**: user text goes through :func:`escape` before it reaches a ``Paragraph``, so
  ``<``, ``&`` and ``<b>`` print literally and line breaks are kept.
- **Pages**: A4 or US Letter, a running header (document title and CONFIDENTIAL) and a
  "Page x of y" footer (a two-pass canvas: the total is known when the document is saved).
- **Tables** with wrapping cells and a header row repeated on every page.
- **Writing**: the document is built in memory, then written to a temporary file in the
  destination folder, flushed to disk and renamed over the destination, so a crash never
  leaves half a PDF. New files are readable by the owner only (0600).
- **Encryption**: optional AES-256 (``StandardEncryption(..., strength=256)``, needs ``pyaes``);
  without a password the PDF is plain text and the UI must say so.

Titles passed here go into the header and the PDF's metadata: callers must not put names or
note text into them.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import os
import re
import secrets
import tempfile
import threading
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Literal, TypeAlias
from xml.sax.saxutils import escape as _xml_escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from peerdesk.resources import resource_path

Paper = Literal["a4", "letter"]
PAPER_SIZES: dict[str, tuple[float, float]] = {"a4": A4, "letter": LETTER}
PAPER_LABELS: dict[str, str] = {"a4": "A4", "letter": "US Letter"}

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_ITALIC = "DejaVuSans-Oblique"
FONT_BOLD_ITALIC = "DejaVuSans-BoldOblique"
_FONT_FILES = {
    FONT: "DejaVuSans.ttf",
    FONT_BOLD: "DejaVuSans-Bold.ttf",
    FONT_ITALIC: "DejaVuSans-Oblique.ttf",
    FONT_BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf",
}

INK = colors.HexColor("#1b1d1f")
MUTED = colors.HexColor("#5b6167")
RULE = colors.HexColor("#c5cacf")
HEAD_FILL = colors.HexColor("#e9edf1")
ZEBRA_FILL = colors.HexColor("#f6f7f9")
NOTICE_FILL = colors.HexColor("#fff6e0")
NOTICE_EDGE = colors.HexColor("#e0b95a")

MARGIN: float = 20 * mm
HEADER_GAP: float = 11 * mm  # from the top edge to the header's baseline
FOOTER_GAP: float = 10 * mm  # from the bottom edge to the footer's baseline

#: Chinese and Japanese characters DejaVu Sans lacks come from this font (loaded when needed).
FALLBACK_FONT = "DroidSansFallback"
_FALLBACK_FILE = "DroidSansFallbackFull.ttf"

_fonts_lock = threading.Lock()
_fonts_ready = False
_main_glyphs: dict[int, int] = {}
_fallback_glyphs: dict[int, int] | None = None  # None: not loaded yet


class PdfError(Exception):
    """A PDF could not be written (the message is safe to show: no user content)."""


# -- fonts -----------------------------------------------------------------------------------------


def register_fonts() -> str:
    """Register the bundled DejaVu Sans faces and their family once; returns the family name."""
    global _fonts_ready
    with _fonts_lock:
        if not _fonts_ready:
            for name, filename in _FONT_FILES.items():
                path = resource_path("fonts", filename)
                if not path.is_file():
                    raise PdfError("A font PeerDesk needs for PDFs is missing from the install.")
                pdfmetrics.registerFont(TTFont(name, str(path)))
            pdfmetrics.registerFontFamily(
                FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC, boldItalic=FONT_BOLD_ITALIC
            )
            _main_glyphs.update(pdfmetrics.getFont(FONT).face.charToGlyph)
            _fonts_ready = True
    return FONT


def _fallback() -> dict[int, int]:
    """The fallback font's characters (registering it the first time); empty when the
    install lacks the file (the text is then shown as code points)."""
    global _fallback_glyphs
    register_fonts()
    with _fonts_lock:
        if _fallback_glyphs is None:
            path = resource_path("fonts", _FALLBACK_FILE)
            if path.is_file():
                font = TTFont(FALLBACK_FONT, str(path))
                pdfmetrics.registerFont(font)
                pdfmetrics.registerFontFamily(
                    FALLBACK_FONT,
                    normal=FALLBACK_FONT,
                    bold=FALLBACK_FONT,
                    italic=FALLBACK_FONT,
                    boldItalic=FALLBACK_FONT,
                )
                _fallback_glyphs = dict(font.face.charToGlyph)
            else:
                _fallback_glyphs = {}
        return _fallback_glyphs


def _needs_fallback(code: int) -> bool:
    return code not in _main_glyphs and code >= 0x2E80


def can_print(char: str) -> bool:
    """Whether a bundled font has a glyph for ``char`` (white space and controls count as
    printable: they are handled as spacing)."""
    code = ord(char)
    if not _fonts_ready:
        register_fonts()
    if code < 0x20 or char.isspace() or code in _main_glyphs:
        return True
    return _needs_fallback(code) and code in _fallback()


def _with_fallback(value: str) -> str:
    """Wrap runs of characters only the fallback font has in ``<font face=…>`` (``value`` is
    already escaped markup; the characters concerned are never markup)."""
    if all(ord(c) < 0x2E80 for c in value):
        return value
    register_fonts()
    fallback = _fallback()
    out: list[str] = []
    inside = False
    spaces = ""  # spaces after a fallback run: inside it only if the run goes on
    for char in value:
        if inside and char == " ":
            spaces += char
            continue
        code = ord(char)
        wanted = _needs_fallback(code) and code in fallback
        if inside and not wanted:
            out.append("</font>")
            inside = False
        out.append(spaces)
        spaces = ""
        if wanted and not inside:
            out.append(f'<font face="{FALLBACK_FONT}">')
            inside = True
        out.append(char)
    if inside:
        out.append("</font>")
    out.append(spaces)
    return "".join(out)


# -- text ------------------------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
_SPACE_RUN = re.compile(r" {2,}")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n+")


def _plain(text: object) -> str:
    value = "" if text is None else str(text)
    value = value.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    # Control characters cannot be printed; lone surrogates cannot be encoded.
    return _CONTROL.sub(lambda m: "\ufffd" if "\ud800" <= m.group(0) <= "\udfff" else " ", value)


def escape(text: object) -> str:
    """User text as ``Paragraph`` markup that prints exactly what was typed: ``&``, ``<``,
    ``>`` escaped, line breaks kept as ``<br/>``, runs of spaces kept."""
    value = _with_fallback(_xml_escape(_plain(text)))
    value = _SPACE_RUN.sub(lambda m: " " + "&nbsp;" * (len(m.group(0)) - 1), value)
    return value.replace("\n", "<br/>")


_SHAPING = importlib.util.find_spec("uharfbuzz") is not None


def _no_ligatures() -> None:
    """reportlab shapes with the ``liga`` and ``dlig`` features on, so DejaVu's "st" and
    "fi" would become single ligature glyphs that copy and search as other characters. The
    features are its shaping function's default argument; turn those two off (Arabic's
    required ligatures are ``rlig``, which HarfBuzz always applies)."""
    from reportlab.pdfbase import ttfonts

    defaults = getattr(ttfonts.shapeFragWord, "__defaults__", None) or ()
    if defaults and isinstance(defaults[0], dict):
        defaults[0].update(liga=False, dlig=False)


if _SHAPING:
    _no_ligatures()


def shaping_available() -> bool:
    """Whether right-to-left text is shaped (HarfBuzz through ``uharfbuzz``)."""
    return _SHAPING


_shaped_styles: dict[tuple[int, bool], ParagraphStyle] = {}


def text_direction(text: str) -> str | None:
    """``"rtl"`` when the first letter with a strong direction is right-to-left (Hebrew,
    Arabic…), ``"ltr"`` when it is left-to-right, ``None`` without letters."""
    for char in text:
        if ord(char) < 0x41:
            continue
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return None


def needs_shaping(text: str) -> bool:
    """Whether ``text`` has right-to-left letters (they must be joined and ordered)."""
    return any(ord(c) >= 0x590 and unicodedata.bidirectional(c) in ("R", "AL", "AN") for c in text)


def _shaped(style: ParagraphStyle, right_to_left: bool) -> ParagraphStyle:
    """``style`` with HarfBuzz shaping on (letters joined, each line in visual order) and,
    for a paragraph that starts in a right-to-left script, aligned to the right."""
    key = (id(style), right_to_left)
    found = _shaped_styles.get(key)
    if found is None or found.parent is not style:
        found = ParagraphStyle(
            f"{style.name}-shaped{'-rtl' if right_to_left else ''}", parent=style, shaping=1
        )
        if right_to_left and style.alignment == TA_LEFT:
            found.alignment = TA_RIGHT
        _shaped_styles[key] = found
    return found


def para(text: object, style: ParagraphStyle) -> Paragraph:
    """A paragraph of user text (escaped). Right-to-left text is shaped (when HarfBuzz is
    installed) and a paragraph that starts in a right-to-left script is set flush right."""
    value = "" if text is None else str(text)
    if _SHAPING and needs_shaping(value):
        style = _shaped(style, text_direction(value) == "rtl")
    return Paragraph(escape(value), style)


def markup(template: str, style: ParagraphStyle, **values: object) -> Paragraph:
    """A paragraph from our own markup with user values escaped into it:
    ``markup("<b>{name}</b>", style, name=user_text)``."""
    return Paragraph(template.format(**{k: escape(v) for k, v in values.items()}), style)


def text_block(text: object, style: ParagraphStyle) -> list[Flowable]:
    """User text split into paragraphs at blank lines (so a long note flows across pages);
    single line breaks are kept inside each paragraph."""
    value = _plain(text).strip("\n")
    if not value.strip():
        return []
    return [para(chunk, style) for chunk in _PARAGRAPH_BREAK.split(value) if chunk.strip()]


# -- dates -----------------------------------------------------------------------------------------
# English month names written out: never strftime("%B"), whose words follow the process locale
# (Qt sets it from the environment), and never a numeric date that reads differently in the US.

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def long_date(day: date | None, empty: str = "") -> str:
    """``12 March 2026`` (``empty`` for None)."""
    if day is None:
        return empty
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def month_label(year: int, month: int) -> str:
    """``March 2026``."""
    return f"{MONTHS[month - 1]} {year}"


def minutes_label(minutes: int | None, empty: str = "") -> str:
    """``45 minutes``, ``1 hour``, ``1 hour 30 minutes``."""
    if minutes is None:
        return empty
    hours, rest = divmod(int(minutes), 60)
    parts = []
    if hours:
        parts.append(f"{hours} hour" + ("" if hours == 1 else "s"))
    if rest or not hours:
        parts.append(f"{rest} minute" + ("" if rest == 1 else "s"))
    return " ".join(parts)


# -- styles ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    small: ParagraphStyle
    muted: ParagraphStyle
    title: ParagraphStyle
    subtitle: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    label: ParagraphStyle
    cell: ParagraphStyle
    cell_right: ParagraphStyle
    cell_head: ParagraphStyle
    cell_head_right: ParagraphStyle
    notice: ParagraphStyle


_styles: Styles | None = None


def styles() -> Styles:
    """The shared paragraph styles (body 11 pt)."""
    global _styles
    if _styles is None:
        register_fonts()
        body = ParagraphStyle(
            "body",
            fontName=FONT,
            fontSize=11,
            leading=15,
            textColor=INK,
            spaceAfter=5,
            alignment=TA_LEFT,
            splitLongWords=1,
        )
        cell = ParagraphStyle("cell", parent=body, fontSize=10, leading=13, spaceAfter=0)
        cell_head = ParagraphStyle("cell_head", parent=cell, fontName=FONT_BOLD)
        _styles = Styles(
            body=body,
            small=ParagraphStyle("small", parent=body, fontSize=9.5, leading=12.5),
            muted=ParagraphStyle("muted", parent=body, fontSize=9.5, leading=12.5, textColor=MUTED),
            title=ParagraphStyle(
                "title", parent=body, fontName=FONT_BOLD, fontSize=20, leading=25, spaceAfter=4
            ),
            subtitle=ParagraphStyle(
                "subtitle", parent=body, fontSize=12, leading=16, textColor=MUTED, spaceAfter=12
            ),
            h1=ParagraphStyle(
                "h1",
                parent=body,
                fontName=FONT_BOLD,
                fontSize=14,
                leading=18,
                spaceBefore=14,
                spaceAfter=6,
                keepWithNext=1,
            ),
            h2=ParagraphStyle(
                "h2",
                parent=body,
                fontName=FONT_BOLD,
                fontSize=12,
                leading=16,
                spaceBefore=14,
                spaceAfter=4,
                keepWithNext=1,
            ),
            label=ParagraphStyle(
                "label",
                parent=body,
                fontName=FONT_BOLD,
                fontSize=9.5,
                leading=12,
                textColor=MUTED,
                spaceBefore=4,
                spaceAfter=1,
                keepWithNext=1,
            ),
            cell=cell,
            cell_right=ParagraphStyle("cell_right", parent=cell, alignment=TA_RIGHT),
            cell_head=cell_head,
            cell_head_right=ParagraphStyle("cell_head_right", parent=cell_head, alignment=TA_RIGHT),
            notice=ParagraphStyle(
                "notice",
                parent=body,
                fontSize=10,
                leading=13.5,
                backColor=NOTICE_FILL,
                borderColor=NOTICE_EDGE,
                borderWidth=0.6,
                borderPadding=(5, 6, 5, 6),
                leftIndent=6,
                rightIndent=6,
                spaceBefore=10,
                spaceAfter=14,
            ),
        )
    return _styles


# -- tables ----------------------------------------------------------------------------------------

Cell: TypeAlias = str | Flowable


def frame_width(paper: Paper = "a4") -> float:
    """The width text can use on ``paper`` (points)."""
    return float(page_size(paper)[0]) - 2 * MARGIN


def widths(total: float, fractions: Sequence[float]) -> list[float]:
    """Column widths from fractions of ``total`` (the fractions are normalised)."""
    whole = sum(fractions) or 1.0
    return [total * f / whole for f in fractions]


def table(
    header: Sequence[str] | None,
    rows: Sequence[Sequence[Cell]],
    *,
    col_widths: Sequence[float],
    right: Iterable[int] = (),
    zebra: bool = True,
) -> Table:
    """A table of user text: every string cell is escaped and wraps inside its column;
    ``header`` (if any) is repeated on every page; columns in ``right`` are right-aligned."""
    s = styles()
    right_columns = set(right)

    def cell(value: Cell, column: int, head: bool) -> Flowable:
        if isinstance(value, Flowable):
            return value
        if head:
            style = s.cell_head_right if column in right_columns else s.cell_head
        else:
            style = s.cell_right if column in right_columns else s.cell
        return para(value, style)

    data: list[list[Flowable]] = []
    if header is not None:
        data.append([cell(v, c, True) for c, v in enumerate(header)])
    data.extend([cell(v, c, False) for c, v in enumerate(row)] for row in rows)
    if not data:
        data = [[para("", s.cell)]]
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), FONT, 10),  # else reportlab's Helvetica is referenced
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 5),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
    ]
    first_body = 0
    if header is not None:
        first_body = 1
        commands += [
            ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, MUTED),
        ]
    if zebra:
        for row in range(first_body + 1, len(data), 2):
            commands.append(("BACKGROUND", (0, row), (-1, row), ZEBRA_FILL))
    return Table(
        data,
        colWidths=list(col_widths),
        repeatRows=first_body,
        splitInRow=1,
        style=TableStyle(commands),
        hAlign="LEFT",
    )


def facts(pairs: Sequence[tuple[str, Cell]], *, width: float, label_fraction: float = 0.3) -> Table:
    """A two-column table of labels and (escaped) values, without a header."""
    s = styles()
    rows = [
        [para(label, s.label), value if isinstance(value, Flowable) else para(value, s.cell)]
        for label, value in pairs
    ]
    t = table(
        None, rows, col_widths=widths(width, (label_fraction, 1 - label_fraction)), zebra=False
    )
    return t


def keep_together(flowables: Sequence[Flowable]) -> KeepTogether:
    return KeepTogether(list(flowables))


def gap(points: float = 6) -> Spacer:
    return Spacer(1, points)


# -- pages -----------------------------------------------------------------------------------------


def page_size(paper: Paper | str) -> tuple[float, float]:
    try:
        return PAPER_SIZES[paper]
    except KeyError:
        raise PdfError("Paper size must be A4 or US Letter.") from None


class _Pages:
    """What the deferring canvas learned: the number of pages (read after building), and
    how to fill in :class:`LateText` once every page is laid out."""

    count = 0
    late: Callable[[str, int], str] | None = None


class LateText(Flowable):  # type: ignore[misc]
    """A short text known only once the whole document is laid out — the number of pages,
    the page an exhibit landed on. It takes one line of ``style`` now and is written when
    the pages are saved (``render_pdf(..., late_text=resolve)``; ``resolve(key, pages)``).
    One layout pass is enough, where otherwise the document would be laid out again."""

    def __init__(self, key: str, style: ParagraphStyle) -> None:
        super().__init__()
        self.key = key
        self.style = style

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        return available_width, float(self.style.leading)

    def draw(self) -> None:
        canvas = self.canv
        x, y = canvas.absolutePosition(0, 0)
        baseline = y + self.style.leading - self.style.fontSize
        late = getattr(canvas, "late_texts", None)
        if late is None:  # not our canvas: nothing to fill in later
            canvas.setFont(self.style.fontName, self.style.fontSize)
            canvas.drawString(0, self.style.leading - self.style.fontSize, "—")
            return
        late.append(
            (
                canvas.getPageNumber(),
                x,
                baseline,
                self.key,
                self.style.fontName,
                self.style.fontSize,
                self.style.textColor,
            )
        )


def _canvas_maker(pages: _Pages) -> Callable[..., Canvas]:
    class NumberedCanvas(Canvas):  # type: ignore[misc]
        """Defers every page until the end, then writes "Page x of y" on each."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._saved_pages: list[dict[str, Any]] = []
            self.late_texts: list[tuple[int, float, float, str, str, float, Any]] = []

        def showPage(self) -> None:  # reportlab's name
            self._saved_pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._saved_pages)
            pages.count = total
            for state in self._saved_pages:
                self.__dict__.update(state)
                width = self._pagesize[0]
                self.saveState()
                self.setFont(FONT, 8.5)
                self.setFillColor(MUTED)
                self.drawCentredString(width / 2, FOOTER_GAP, f"Page {self._pageNumber} of {total}")
                for page, x, y, key, font, size, colour in self.late_texts:
                    if page == self._pageNumber:
                        self.setFont(font, size)
                        self.setFillColor(colour)
                        self.drawString(x, y, pages.late(key, total) if pages.late else "—")
                self.restoreState()
                Canvas.showPage(self)
            Canvas.save(self)

    return NumberedCanvas


def _shorten(text: str, font: str, size: float, room: float) -> str:
    if pdfmetrics.stringWidth(text, font, size) <= room:
        return text
    while text and pdfmetrics.stringWidth(text + "…", font, size) > room:
        text = text[:-1]
    return text + "…"


def _page_decorator(title: str, footer_note: str) -> Callable[[Canvas, BaseDocTemplate], None]:
    header_title = _plain(title).replace("\n", " ")
    note = _plain(footer_note).replace("\n", " ")

    def decorate(canvas: Canvas, doc: BaseDocTemplate) -> None:
        width, height = doc.pagesize
        canvas.saveState()
        y = height - HEADER_GAP
        canvas.setFont(FONT_BOLD, 8.5)
        canvas.setFillColor(INK)
        mark = "CONFIDENTIAL"
        mark_width = pdfmetrics.stringWidth(mark, FONT_BOLD, 8.5)
        canvas.drawRightString(width - MARGIN, y, mark)
        canvas.setFont(FONT, 8.5)
        canvas.setFillColor(MUTED)
        room = width - 2 * MARGIN - mark_width - 12
        canvas.drawString(MARGIN, y, _shorten(header_title, FONT, 8.5, room))
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.6)
        canvas.line(MARGIN, y - 4, width - MARGIN, y - 4)
        canvas.line(MARGIN, FOOTER_GAP + 10, width - MARGIN, FOOTER_GAP + 10)
        if note:
            canvas.setFont(FONT, 7.5)
            canvas.drawString(
                MARGIN, FOOTER_GAP, _shorten(note, FONT, 7.5, (width - 2 * MARGIN) / 2 - 50)
            )
        canvas.restoreState()

    return decorate


#: The most bytes of a PDF password (UTF-8) that readers use (ISO 32000-2, 7.6.4.3.3).
PASSWORD_MAX_BYTES = 127


def normalise_password(password: str) -> str:
    """The password as PDF readers will hash it: NFKC (the normalisation step of SASLprep,
    which AES-256 PDFs use), at most :data:`PASSWORD_MAX_BYTES` bytes of UTF-8."""
    if not isinstance(password, str) or not password:
        raise PdfError("A PDF password cannot be empty.")
    value = unicodedata.normalize("NFKC", password)
    if "\x00" in value:
        raise PdfError("A PDF password cannot contain a NUL character.")
    if len(value.encode("utf-8", "surrogatepass")) > PASSWORD_MAX_BYTES:
        raise PdfError(
            "A PDF password can be at most 127 bytes long (fewer characters for "
            "accented letters and symbols)."
        )
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise PdfError("The PDF password contains a character that cannot be used.") from None
    return value


def _aes256_class() -> type:
    from reportlab.lib.pdfencrypt import StandardEncryption

    class Aes256Encryption(StandardEncryption):  # type: ignore[misc]
        """reportlab's AES-256 (revision 5) with the key fields at their standard lengths.

        reportlab 5.1 encrypts OE, UE and Perms with PKCS#7 padding, so they carry an extra
        16-byte block (48, 48 and 32 bytes instead of 32, 32 and 16). qpdf tolerates that;
        poppler (Evince, Okular, pdftotext) refuses the file ("Invalid encryption key
        length"). The padding block is at the end and the IV is zero, so the first bytes are
        exactly the values the standard asks for.
        """

        def prepare(self, document: Any, overrideID: Any = None) -> None:
            super().prepare(document, overrideID)
            if self.revision == 5:
                for name, size in (("OE", 32), ("UE", 32), ("Perms", 16)):
                    setattr(self, name, getattr(self, name)[:size])

    return Aes256Encryption


def pdf_encryption(password: str) -> Any:
    """AES-256 encryption with ``password`` to open the file (SECURITY.md 26); the owner
    password is random, so nobody holds more rights than the reader."""
    value = normalise_password(password)
    try:
        return _aes256_class()(value, ownerPassword=secrets.token_urlsafe(32), strength=256)
    except ValueError:  # pyaes missing
        raise PdfError("AES-256 PDF encryption is not available in this install.") from None


def _progress_relay(progress: Callable[[int, int], None]) -> Callable[[str, int], None]:
    """reportlab's callback (kind, value) as ``progress(done, total)``."""
    total = [1]

    def relay(kind: str, value: int) -> None:
        if kind == "SIZE_EST":
            total[0] = max(1, int(value))
            progress(0, total[0])
        elif kind == "PROGRESS":
            progress(min(int(value), total[0]), total[0])

    return relay


def render_pdf(
    story: Sequence[Flowable],
    *,
    title: str,
    paper: Paper = "a4",
    password: str | None = None,
    subject: str = "",
    footer_note: str = "",
    progress: Callable[[int, int], None] | None = None,
    late_text: Callable[[str, int], str] | None = None,
) -> tuple[bytes, int]:
    """Lay ``story`` out on numbered pages; returns the PDF's bytes and its page count.

    ``title`` is the running header and the PDF's title metadata; never put names or note
    text into it (nor into ``subject`` or ``footer_note``). ``progress(done, total)`` is
    called as flowables are laid out; an exception it raises stops the layout (cancel).
    ``late_text(key, pages)`` gives the text of each :class:`LateText` once all pages are
    laid out.
    """
    register_fonts()
    width, height = page_size(paper)
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=(width, height),
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN + 4 * mm,
        bottomMargin=MARGIN,
        title=_plain(title),
        subject=_plain(subject),
        author="",
        creator="PeerDesk",
        producer="PeerDesk",
        encrypt=pdf_encryption(password) if password is not None else None,
        initialFontName=FONT,
    )
    frame = Frame(
        doc.leftMargin,
        doc.bottomMargin,
        doc.width,
        doc.height,
        id="body",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    doc.addPageTemplates(
        [PageTemplate(id="page", frames=[frame], onPage=_page_decorator(title, footer_note))]
    )
    if progress is not None:
        doc.setProgressCallBack(_progress_relay(progress))
    pages = _Pages()
    pages.late = late_text
    doc.build(list(story), canvasmaker=_canvas_maker(pages))
    return buffer.getvalue(), pages.count


# -- files -----------------------------------------------------------------------------------------


def write_atomically(out: Path | str, data: bytes) -> None:
    """Write ``data`` to ``out`` all at once: a temporary file beside it (mode 0600), flushed
    to disk, then renamed over ``out``. On any failure ``out`` is left as it was."""
    target = Path(out)
    folder = target.parent
    if not folder.is_dir():
        raise PdfError("The folder to save into does not exist.")
    fd, temp_name = tempfile.mkstemp(prefix=".peerdesk-", suffix=".part", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
    with contextlib.suppress(OSError):  # make the rename itself durable (not on Windows)
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def write_pdf(
    story: Sequence[Flowable],
    out: Path | str,
    *,
    title: str,
    paper: Paper = "a4",
    password: str | None = None,
    subject: str = "",
    footer_note: str = "",
) -> int:
    """:func:`render_pdf`, then :func:`write_atomically`; returns the page count."""
    data, count = render_pdf(
        story, title=title, paper=paper, password=password, subject=subject, footer_note=footer_note
    )
    write_atomically(out, data)
    return count


__all__ = [
    "FONT",
    "FONT_BOLD",
    "PAPER_LABELS",
    "PAPER_SIZES",
    "PASSWORD_MAX_BYTES",
    "Paper",
    "PdfError",
    "Styles",
    "escape",
    "facts",
    "frame_width",
    "gap",
    "keep_together",
    "long_date",
    "markup",
    "minutes_label",
    "month_label",
    "normalise_password",
    "page_size",
    "para",
    "pdf_encryption",
    "register_fonts",
    "render_pdf",
    "styles",
    "table",
    "text_block",
    "widths",
    "write_atomically",
    "write_pdf",
]
