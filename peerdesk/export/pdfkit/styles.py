"""Paragraph styles (body text at 11 pt, a small set of headings, labels and table cells) and
tables with wrapping cells and a header row repeated on every page."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeAlias

from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Spacer,
    Table,
    TableStyle,
)

from peerdesk.export.pdfkit.base import (
    HEAD_FILL,
    INK,
    MUTED,
    NOTICE_EDGE,
    NOTICE_FILL,
    RULE,
    ZEBRA_FILL,
)
from peerdesk.export.pdfkit.fonts import FONT, FONT_BOLD, register_fonts
from peerdesk.export.pdfkit.paged_table import PagedTable
from peerdesk.export.pdfkit.text import para
from peerdesk.i18n import is_right_to_left


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


_styles: dict[bool, Styles] = {}


def right_to_left() -> bool:
    """Whether the language in force (the report's) is written right to left."""
    return is_right_to_left()


def styles() -> Styles:
    """The shared paragraph styles (body 11 pt), right-aligned when the language in force is
    written right to left."""
    rtl = right_to_left()
    if rtl not in _styles:
        register_fonts()
        body = ParagraphStyle(
            "body",
            fontName=FONT,
            fontSize=11,
            leading=15,
            textColor=INK,
            spaceAfter=5,
            alignment=TA_RIGHT if rtl else TA_LEFT,
            splitLongWords=1,
        )
        # Cells never break a word: columns are as wide as their longest word where the page
        # allows (content_widths), and a word wider than its column is broken with a hyphen
        # before layout (hyphenate).
        cell = ParagraphStyle(
            "cell", parent=body, fontSize=10, leading=13, spaceAfter=0, splitLongWords=0
        )
        cell_head = ParagraphStyle("cell_head", parent=cell, fontName=FONT_BOLD)
        _styles[rtl] = Styles(
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
            cell_right=ParagraphStyle(
                "cell_right", parent=cell, alignment=TA_LEFT if rtl else TA_RIGHT
            ),
            cell_head=cell_head,
            cell_head_right=ParagraphStyle(
                "cell_head_right", parent=cell_head, alignment=TA_LEFT if rtl else TA_RIGHT
            ),
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
    return _styles[rtl]


Cell: TypeAlias = str | Flowable


def widths(total: float, fractions: Sequence[float]) -> list[float]:
    """Column widths from fractions of ``total`` (the fractions are normalised)."""
    whole = sum(fractions) or 1.0
    return [total * f / whole for f in fractions]


_PAD = 10.0  # left and right cell padding together

#: A table of more rows than this is laid out a page at a time (:func:`table`).
PAGED_ROWS = 40


def _word_width(word: str, font: str, size: float) -> float:
    return float(pdfmetrics.stringWidth(word, font, size))


def _is_fingerprint(word: str) -> bool:
    return len(word) >= 32 and all(c in "0123456789abcdefABCDEF" for c in word)


def _unit(word: str) -> str:
    """The part of ``word`` that must stay on one line: a fingerprint (hex digits) may be
    broken between groups of 16."""
    return word[:16] if _is_fingerprint(word) else word


def content_widths(
    header: Sequence[str] | None,
    rows: Sequence[Sequence[Cell]],
    total: float,
    fractions: Sequence[float],
) -> list[float]:
    """Column widths from the content: every column at least as wide as its longest word
    (its longest unbreakable unit: times, dates and references are joined by no-break
    spaces) where the page allows, the rest shared by how much text each column holds
    (``fractions`` when nothing else decides)."""
    s = styles()
    count = len(fractions)
    need = [0.0] * count
    want = [0.0] * count
    lines = ([(header, s.cell_head)] if header is not None else []) + [(r, s.cell) for r in rows]
    measured: dict[tuple[str, str, float], float] = {}  # a table repeats words (months…)

    def word_width(word: str, font: str, size: float) -> float:
        key = (word, font, size)
        found = measured.get(key)
        if found is None:
            found = measured[key] = _word_width(word, font, size)
        return found

    for row, style in lines:
        for k, value in enumerate(row[:count]):
            if not isinstance(value, str):
                continue
            for line in value.split("\n"):
                words = line.split(" ")
                widest = max(word_width(_unit(w), style.fontName, style.fontSize) for w in words)
                need[k] = max(need[k], widest + _PAD)
                shown = " ".join(_unit(w) for w in words)
                want[k] = max(want[k], _word_width(shown, style.fontName, style.fontSize) + _PAD)
    fallback = widths(total, fractions)
    need = [n if n > 0 else min(f, 40.0) for n, f in zip(need, fallback, strict=True)]
    if sum(need) >= total:  # the longest words do not fit side by side: share by need
        return widths(total, need)
    spare = total - sum(need)
    extra = [max(0.0, w - n) for w, n in zip(want, need, strict=True)]
    if sum(extra) <= 0:
        extra = list(fractions)
    # Share the spare room by how much each column would still like, weighted by the
    # caller's fractions so a description column is wider than a number column.
    weights = [e * f for e, f in zip(extra, fractions, strict=True)]
    whole = sum(weights) or 1.0
    got = [n + spare * w / whole for n, w in zip(need, weights, strict=True)]
    return got


def hyphenate(text: str, width: float, font: str, size: float) -> str:
    """``text`` with every word wider than ``width`` broken into pieces that fit, each but
    the last ending in a hyphen (so the break is visible)."""
    out_lines = []
    for line in text.split("\n"):
        # A word is never wider than its line: a line that fits (with room to spare for
        # rounding) has no word to break, and most cells are such lines.
        if _word_width(line, font, size) < width - 1e-6:
            out_lines.append(line)
        else:
            out_lines.append(hyphenate_line(line, width, font, size))
    return "\n".join(out_lines)


def hyphenate_line(line: str, width: float, font: str, size: float) -> str:
    """One line of :func:`hyphenate`, word by word."""
    hyphen = _word_width("-", font, size)
    words = []
    for word in line.split(" "):
        if _word_width(word, font, size) <= width:
            words.append(word)
            continue
        if _is_fingerprint(word):
            # A fingerprint: broken between groups of digits, never with a hyphen (which
            # would read as part of it).
            group = 16
            while group > 4 and _word_width(word[:group], font, size) > width:
                group //= 2
            # Groups apart by spaces: a line holds as many whole groups as fit.
            words.append(" ".join(word[k : k + group] for k in range(0, len(word), group)))
            continue
        parts: list[str] = []
        current = ""
        used = 0.0
        for char in word:
            char_width = _word_width(char, font, size)
            if current and used + char_width + hyphen > width:
                parts.append(current + "-")
                current, used = "", 0.0
            current += char
            used += char_width
        parts.append(current)
        words.append("\n".join(parts))
    return " ".join(words)


def table(
    header: Sequence[str] | None,
    rows: Sequence[Sequence[Cell]],
    *,
    col_widths: Sequence[float],
    right: Iterable[int] = (),
    zebra: bool = True,
    split_rows: bool = True,
) -> Flowable:
    """A table of user text: every string cell is escaped and wraps inside its column between
    words (a word wider than its column is broken with a hyphen); ``header`` (if any) is
    repeated on every page; columns in ``right`` are right-aligned. ``split_rows=False``
    keeps every row on one page. When the language in force is written right to left, the
    table reads right to left: its first column is at the right (and "right" columns, the
    numbers, align to the other side). A table of more than :data:`PAGED_ROWS` rows is
    laid out a page at a time (:class:`~.paged_table.PagedTable`)."""
    s = styles()
    right_columns = set(right)
    rtl = right_to_left()

    def cell(value: Cell, column: int, head: bool) -> Flowable:
        if isinstance(value, Flowable):
            return value
        if head:
            style = s.cell_head_right if column in right_columns else s.cell_head
        else:
            style = s.cell_right if column in right_columns else s.cell
        if column < len(col_widths):
            value = hyphenate(value, col_widths[column] - _PAD, style.fontName, style.fontSize)
        return para(value, style)

    head = [cell(v, c, True) for c, v in enumerate(header)] if header is not None else None
    body: list[list[Flowable]] = [[cell(v, c, False) for c, v in enumerate(row)] for row in rows]
    if head is None and not body:
        body = [[para("", s.cell)]]
    widths_in_order = list(col_widths)
    if rtl:
        widths_in_order.reverse()
    first_body = 0 if head is None else 1
    shared: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), FONT, 10),  # else reportlab's Helvetica is referenced
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 5),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
    ]
    if head is not None:
        shared += [
            ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, MUTED),
        ]

    def build(
        some: list[list[Any]], first: int, heights: Sequence[float | None] | None = None
    ) -> Table:
        """A table of the header and ``some`` rows, the first of which is row ``first``
        of the body (every second row of the body has the zebra fill), of ``heights``
        where known (and rows may not split)."""
        data = ([head] if head is not None else []) + some
        if rtl:
            data = [row[::-1] for row in data]
        # A row's height, once measured, is given to the next part's table, unless rows may
        # split: reportlab splits a row of a given height into two parts of that height.
        given = None
        if heights is not None and not split_rows:
            given = [*([None] * first_body), *heights]
        commands = list(shared)
        if first > 0:
            # As reportlab's split does for the part of a table after a page break: the
            # rule under the last row before the break is drawn again above the first row.
            commands.insert(6, ("LINEABOVE", (0, first_body), (-1, first_body), 0.4, RULE))
        if zebra:
            for row in range(first_body + (first + 1) % 2, len(data), 2):
                commands.append(("BACKGROUND", (0, row), (-1, row), ZEBRA_FILL))
        return Table(
            data,
            colWidths=widths_in_order,
            rowHeights=given,
            repeatRows=first_body,
            splitInRow=1 if split_rows else 0,
            style=TableStyle(commands),
            hAlign="RIGHT" if rtl else "LEFT",
        )

    if len(body) <= PAGED_ROWS:
        return build(body, 0)
    return PagedTable(
        body,
        build,
        header=first_body,
        right_to_left=rtl,
        h_align="RIGHT" if rtl else "LEFT",
    )


def facts(
    pairs: Sequence[tuple[str, Cell]], *, width: float, label_fraction: float = 0.3
) -> Flowable:
    """A two-column table of labels and (escaped) values, without a header."""
    s = styles()
    col_widths = widths(width, (label_fraction, 1 - label_fraction))
    room = col_widths[1] - _PAD
    rows = [
        [
            para(label, s.label),
            value
            if isinstance(value, Flowable)
            else para(hyphenate(value, room, s.cell.fontName, s.cell.fontSize), s.cell),
        ]
        for label, value in pairs
    ]
    return table(None, rows, col_widths=col_widths, zebra=False)


def keep_together(flowables: Sequence[Flowable]) -> KeepTogether:
    return KeepTogether(list(flowables))


def gap(points: float = 6) -> Spacer:
    return Spacer(1, points)
