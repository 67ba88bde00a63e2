"""Right-to-left and mixed-direction user text on the page: the Unicode bidirectional
algorithm (UAX #9) per paragraph, HarfBuzz shaping per directional run, and a text layer
that copies the characters as typed.

Why our own flowable and not reportlab's: reportlab's bidi hook needs ``rlbidi`` (a fribidi
binding of its own, not a dependency here), and with ``shaping=1`` alone it shapes each word
with a guessed direction and no UAX #9, so "ב-10:30" printed "03:01-ב" and mixed sentences
came out with their runs in the wrong order. Here:

- the embedding levels come from python-bidi (the Rust ``unicode-bidi`` crate) for the whole
  paragraph, so numbers, times, e-mail addresses and brackets inside Hebrew or Arabic keep the
  order they were typed in;
- lines are broken on the logical text (between words; a word wider than the line is broken
  with a hyphen), then each line is reordered (rules L1, L2) into runs, and every run is shaped
  by HarfBuzz in its own direction (Arabic joined, brackets mirrored);
- every glyph whose font mapping would not copy as the typed characters (Arabic contextual
  forms, ligatures, mirrored brackets) is wrapped in an ``/ActualText`` span holding the logical
  characters, so text copied out of the PDF is the text typed, not presentation forms.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from bidi import get_display  # type: ignore[import-untyped]
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable

from peerdesk.export.pdfkit import fonts

_LEVEL = re.compile(r"Level\(\s*(\d+),?\s*\)")


def levels(text: str, rtl: bool) -> list[int]:
    """The UAX #9 embedding level of every character of ``text`` (one paragraph, base
    direction given), from python-bidi. Its Rust core reports one level per UTF-8 byte; they
    are mapped back to characters here."""
    if not text:
        return []
    info = str(get_display(text, base_dir="R" if rtl else "L", debug=True))
    found = info.rfind("levels:")
    end = info.find("paragraphs:", found)
    per_byte = [int(m) for m in _LEVEL.findall(info[found:end])] if found >= 0 else []
    out: list[int] = []
    at = 0
    for char in text:
        out.append(per_byte[at] if at < len(per_byte) else (1 if rtl else 0))
        at += len(char.encode("utf-8"))
    if len(per_byte) != at:  # not what this module was written against: keep the base level
        return [1 if rtl else 0] * len(text)
    return out


@dataclass(frozen=True)
class Glyph:
    char: str  # the character reportlab maps to the glyph (or a private one)
    actual: str | None  # the typed characters when they differ from ``char``
    x_advance: float  # in points
    x_offset: float
    y_offset: float
    font: str


def _font_for(char: str, main: str) -> str:
    code = ord(char)
    if code >= 0x2E80 and not fonts.can_print_main(char) and fonts.can_print(char):
        return fonts.FALLBACK_FONT
    return main


_hb_fonts: dict[tuple[str, float], Any] = {}


#: Invisible marks that steer direction (LRM, RLM, ALM, embeddings, isolates).
_DIRECTION_MARKS = frozenset(
    chr(code) for code in (0x200E, 0x200F, 0x061C, *range(0x202A, 0x202F), *range(0x2066, 0x206A))
)


def shape(text: str, font_name: str, size: float, rtl: bool) -> list[Glyph]:
    """``text`` (one directional run, logical order, one font) shaped by HarfBuzz: glyphs in
    visual order, each with the logical characters it stands for when they differ."""
    import uharfbuzz as hb  # type: ignore[import-untyped]

    ttf: Any = pdfmetrics.getFont(font_name)
    hb_font = _hb_fonts.get((font_name, size))
    if hb_font is None:
        hb_font = _hb_fonts[(font_name, size)] = ttf.hbFont(size)
    buf = hb.Buffer()
    buf.cluster_level = hb.BufferClusterLevel.MONOTONE_GRAPHEMES
    buf.add_str(text)
    buf.guess_segment_properties()
    buf.direction = "rtl" if rtl else "ltr"
    hb.shape(hb_font, buf, {"kern": True, "liga": False, "dlig": False})
    infos = buf.glyph_infos
    positions = buf.glyph_positions
    starts = sorted({info.cluster for info in infos})
    ends = {s: (starts[k + 1] if k + 1 < len(starts) else len(text)) for k, s in enumerate(starts)}
    scale = size / 1000
    glyphs: list[Glyph] = []
    seen: set[int] = set()
    for info, pos in zip(infos, positions, strict=True):
        gid = info.codepoint
        try:
            code = ttf.face.glyphToChar[gid][0]
        except (KeyError, IndexError):
            code = ttf.hbAddPrivate(hb_font.glyph_to_string(gid), gid, pos.x_advance)
        char = chr(code)
        cluster = info.cluster
        logical = text[cluster : ends[cluster]]
        if logical and all(c in _DIRECTION_MARKS for c in logical):
            continue  # read by the bidirectional step; nothing to draw (fonts have no glyph)
        if cluster in seen:  # a further glyph of the same cluster (a mark): copies as nothing
            actual: str | None = ""
        else:
            seen.add(cluster)
            actual = None if logical == char else logical
            if rtl and actual and len(actual) > 1:
                # Text extraction (poppler) reads the characters of one right-to-left glyph
                # (lam-alef) in reverse: give them in the order it restores.
                actual = actual[::-1]
        glyphs.append(
            Glyph(
                char,
                actual,
                ttf.pdfScale(pos.x_advance) * scale,
                ttf.pdfScale(pos.x_offset) * scale,
                ttf.pdfScale(pos.y_offset) * scale,
                font_name,
            )
        )
    return glyphs


@dataclass(frozen=True)
class Line:
    start: int  # logical range of the paragraph's text
    end: int
    hyphen: bool  # a word too wide for the line was broken here


def _runs(text: str, lv: list[int], start: int, end: int, base: int, main: str) -> list[Any]:
    """The runs of one line in visual order: ``(level, font, start, end)``."""
    if start >= end:
        return []
    line_levels = lv[start:end]
    # L1: trailing white space takes the paragraph level.
    k = end - start
    while k > 0 and text[start + k - 1].isspace():
        k -= 1
        line_levels[k] = base
    runs: list[list[Any]] = []
    for offset, level in enumerate(line_levels):
        at = start + offset
        font = _font_for(text[at], main)
        if runs and runs[-1][0] == level and runs[-1][1] == font:
            runs[-1][3] = at + 1
        else:
            runs.append([level, font, at, at + 1])
    # L2: from the highest level down to the lowest odd one, reverse every sequence of runs
    # at that level or higher.
    highest = max(r[0] for r in runs)
    lowest_odd = min((r[0] for r in runs if r[0] % 2), default=highest + 1)
    for level in range(highest, lowest_odd - 1, -1):
        i = 0
        while i < len(runs):
            if runs[i][0] >= level:
                j = i
                while j < len(runs) and runs[j][0] >= level:
                    j += 1
                runs[i:j] = runs[i:j][::-1]
                i = j
            else:
                i += 1
    return runs


class BidiParagraph(Flowable):  # type: ignore[misc]
    """A paragraph of plain user text (no markup) with right-to-left content, laid out by
    UAX #9. Splits across pages and frames in time linear in its length."""

    def __init__(
        self,
        text: str,
        style: ParagraphStyle,
        *,
        rtl: bool,
        _levels: list[int] | None = None,
        _lines: list[Line] | None = None,
        _width: float | None = None,
        _range: tuple[int, int] | None = None,
    ) -> None:
        super().__init__()
        self.text = text
        self.style = style
        self.rtl = rtl
        self.levels = _levels if _levels is not None else levels(text, rtl)
        self._lines = _lines
        self._laid_width = _width
        #: The part of ``text`` this flowable shows (the rest went to an earlier page).
        self._range = _range if _range is not None else (0, len(text))
        self.bulletText: str | None = None
        self._widths: dict[int, float] = {}

    # measuring and breaking -------------------------------------------------------------------

    def _char_width(self, at: int) -> float:
        found = self._widths.get(at)
        if found is None:
            s = self.style
            char = self.text[at]
            found = pdfmetrics.stringWidth(char, _font_for(char, s.fontName), s.fontSize)
            self._widths[at] = found
        return found

    def _span_width(self, start: int, end: int) -> float:
        """The width of ``text[start:end]`` as shaped (a single direction is enough here:
        shaping changes widths within a run, not across runs)."""
        s = self.style
        piece = self.text[start:end]
        if not piece:
            return 0.0
        if not any(unicodedata.bidirectional(c) == "AL" or unicodedata.combining(c) for c in piece):
            return sum(self._char_width(i) for i in range(start, end))
        font = _font_for(piece[0], s.fontName)
        return sum(g.x_advance for g in shape(piece, font, s.fontSize, self.rtl))

    def _break(self, width: float) -> list[Line]:
        text = self.text
        space = pdfmetrics.stringWidth(" ", self.style.fontName, self.style.fontSize)
        hyphen = pdfmetrics.stringWidth("-", self.style.fontName, self.style.fontSize)
        lines: list[Line] = []
        first, last = self._range
        offset = first
        for hard_line in text[first:last].split("\n"):
            start, stop = offset, offset + len(hard_line)
            offset = stop + 1
            line_start = start
            used = 0.0
            for word in re.finditer(r"[^ ]+", text[start:stop]):
                w_start, w_end = start + word.start(), start + word.end()
                w = self._span_width(w_start, w_end)
                gap = space if used else 0.0
                if used and used + gap + w > width:
                    lines.append(Line(line_start, w_start, False))
                    line_start, used, gap = w_start, 0.0, 0.0
                if w > width:  # one word wider than the line: break it visibly
                    at = w_start
                    part = 0.0
                    for k in range(w_start, w_end):
                        cw = self._char_width(k)
                        if used + part + cw + hyphen > width and k > at:
                            lines.append(Line(line_start, k, True))
                            line_start, at, used, part = k, k, 0.0, 0.0
                        part += cw
                    used = part
                    continue
                used += gap + w
            lines.append(Line(line_start, stop, False))
        return lines

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        s = self.style
        inner = max(1.0, available_width - s.leftIndent - s.rightIndent)
        if self._lines is None or self._laid_width != inner:
            self._lines = self._break(inner)
            self._laid_width = inner
        self.width = available_width
        self.height = len(self._lines) * s.leading
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        # Split by the lines already laid out when there are some: a table asks with the
        # column's width but lays its cells out without their padding, and breaking the rest
        # of a long cell again on every page would cost time quadratic in its length.
        if self._lines is None:
            self.wrap(available_width, available_height)
        assert self._lines is not None
        fit = int(available_height // self.style.leading)
        if fit <= 0 or fit >= len(self._lines):
            return [] if fit <= 0 else [self]
        head, tail = self._lines[:fit], self._lines[fit:]
        first = BidiParagraph(
            self.text,
            self.style,
            rtl=self.rtl,
            _levels=self.levels,
            _lines=head,
            _width=self._laid_width,
            _range=(self._range[0], tail[0].start),
        )
        rest = BidiParagraph(
            self.text,
            self.style,
            rtl=self.rtl,
            _levels=self.levels,
            _lines=tail,
            _width=self._laid_width,
            _range=(tail[0].start, self._range[1]),
        )
        first.bulletText = self.bulletText
        first.spaceAfter = 0
        rest.spaceBefore = 0
        return [first, rest]

    # drawing ----------------------------------------------------------------------------------

    def _glyphs(self, line: Line) -> list[Glyph]:
        s = self.style
        base = 1 if self.rtl else 0
        end = line.end
        while end > line.start and self.text[end - 1] == " ":
            end -= 1  # the spaces at a line's end are not drawn
        out: list[Glyph] = []
        for level, font, start, stop in _runs(
            self.text, self.levels, line.start, end, base, s.fontName
        ):
            out.extend(shape(self.text[start:stop], font, s.fontSize, bool(level % 2)))
        if line.hyphen:
            hyphen = shape("-", s.fontName, s.fontSize, False)
            out = hyphen + out if self.rtl else out + hyphen
        return out

    def draw(self) -> None:
        s = self.style
        canvas = self.canv
        assert self._lines is not None
        inner = self.width - s.leftIndent - s.rightIndent
        alignment = s.alignment
        if alignment in (TA_LEFT, TA_JUSTIFY):
            alignment = TA_RIGHT if self.rtl else TA_LEFT
        y = self.height - s.fontSize
        if self.bulletText:
            canvas.saveState()
            canvas.setFillColor(getattr(s, "bulletColor", s.textColor))
            canvas.setFont(getattr(s, "bulletFontName", s.fontName), s.bulletFontSize)
            canvas.drawString(s.bulletIndent, y, self.bulletText)
            canvas.restoreState()
        canvas.saveState()
        canvas.setFillColor(s.textColor)
        for line in self._lines:
            glyphs = self._glyphs(line)
            width = sum(g.x_advance for g in glyphs)
            if alignment == TA_RIGHT:
                x = s.leftIndent + inner - width
            elif alignment == TA_CENTER:
                x = s.leftIndent + (inner - width) / 2
            else:
                x = s.leftIndent
            _draw_line(canvas, glyphs, x, y, s.fontSize)
            y -= s.leading
        canvas.restoreState()


def _utf16(text: str) -> str:
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


def _draw_line(canvas: Any, glyphs: list[Glyph], x: float, y: float, size: float) -> None:
    """One line of shaped glyphs, left to right. Glyphs that sit where the font's own
    advance puts them go out as one string; a glyph moved by the shaping is placed on its
    own; a glyph that would not copy as the typed characters is wrapped in an
    ``/ActualText`` span."""
    text = canvas.beginText()
    code = text._code
    font_now = ""
    pending: list[str] = []

    def flush() -> None:
        if pending:
            text.textOut("".join(pending))
            pending.clear()

    for g in glyphs:
        simple = (
            g.actual is None
            and not g.x_offset
            and not g.y_offset
            and abs(g.x_advance - pdfmetrics.stringWidth(g.char, g.font, size)) < 0.01
        )
        if g.font != font_now:
            flush()
            text.setFont(g.font, size)
            font_now = g.font
            text.setTextOrigin(x, y)
        if simple:
            if not pending:
                text.setTextOrigin(x, y)
            pending.append(g.char)
            x += g.x_advance
            continue
        flush()
        text.setTextOrigin(x + g.x_offset, y + g.y_offset)
        if g.actual is not None:
            code.append(f"/Span <</ActualText {_utf16(g.actual)}>> BDC")  # i18n: keep — PDF syntax
        text.textOut(g.char)
        if g.actual is not None:
            code.append("EMC")
        x += g.x_advance
    flush()
    canvas.drawText(text)
