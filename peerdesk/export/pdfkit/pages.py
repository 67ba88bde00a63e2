"""Pages and files: A4 or US Letter, a running header (document title and CONFIDENTIAL) and a
"Page x of y" footer (a deferring canvas: the total is known when the document is saved),
both marked as pagination artifacts, text known only once laid out (:class:`LateText`),
bookmarks taken from the headings (and :class:`OutlineMark`), space kept for pages drawn in
later (:class:`PageSpace`), then the finishing step in memory (:mod:`.finish`: metadata,
outline, exhibit pages, attachments, AES-256 R6) and saving the bytes atomically, readable by
the owner only (:func:`peerdesk.files.write_private_file`)."""

from __future__ import annotations

import copy
import io
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageTemplate,
    Paragraph,
)

from peerdesk.export.pdfkit.base import (
    FOOTER_GAP,
    HEADER_GAP,
    INK,
    MARGIN,
    MUTED,
    RULE,
    TOP_MARGIN,
    Paper,
    PdfError,
    page_size,
)
from peerdesk.export.pdfkit.collect import collection_paused
from peerdesk.export.pdfkit.encryption import normalise_password
from peerdesk.export.pdfkit.finish import Bookmark, DocumentInfo, Finish, finish_pdf
from peerdesk.export.pdfkit.fonts import FONT, FONT_BOLD, register_fonts
from peerdesk.export.pdfkit.text import needs_shaping, plain_text, text_direction
from peerdesk.files import write_private_file
from peerdesk.i18n import _, is_right_to_left


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


#: Marked-content brackets around the running header and footer: pagination artifacts, which
#: assistive technology and text extraction that honour marked content leave out.
ARTIFACT_HEADER = "/Artifact <</Type /Pagination /Subtype /Header>> BDC"  # i18n: keep — PDF syntax
ARTIFACT_FOOTER = "/Artifact <</Type /Pagination /Subtype /Footer>> BDC"  # i18n: keep — PDF syntax
ARTIFACT_END = "EMC"


class OutlineMark(Flowable):  # type: ignore[misc]
    """An outline item (bookmark) named ``title`` at ``level`` (0: top) where it lands; takes
    no space. Headings (``h1``, ``h2``) make their own items; this is for anything else."""

    def __init__(self, title: str, level: int = 1) -> None:
        super().__init__()
        self.title = title
        self.level = level

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        pass


class PageSpace(Flowable):  # type: ignore[misc]
    """The rest of the frame, kept empty for a page drawn in after layout (an exhibit PDF's
    page, :class:`peerdesk.export.pdfkit.finish.Overlay`). ``spaces[key]`` becomes (page
    index, (left, bottom, right, top)) when it is drawn."""

    def __init__(self, key: str, spaces: dict[str, tuple[int, tuple[float, float, float, float]]]):
        super().__init__()
        self.key = key
        self.spaces = spaces

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width, self.height = available_width, max(1.0, available_height - 1.0)
        return self.width, self.height

    def draw(self) -> None:
        x, y = self.canv.absolutePosition(0, 0)
        self.spaces[self.key] = (
            self.canv.getPageNumber() - 1,
            (float(x), float(y), float(x + self.width), float(y + self.height)),
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
                self.addLiteral(ARTIFACT_FOOTER)
                self.setFillColor(MUTED)
                # translators: the footer of every page of a PDF
                footer = _("Page {page} of {count}").format(page=self._pageNumber, count=total)
                draw_line(self, width / 2, FOOTER_GAP, footer, FONT, 8.5, align="centre")
                self.addLiteral(ARTIFACT_END)
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


def draw_line(
    canvas: Canvas, x: float, y: float, text: str, font: str, size: float, *, align: str = "left"
) -> None:
    """One line of text at ``x`` (its left edge, its right edge for ``align="right"``, its
    centre for ``"centre"``) in the canvas's fill colour: right-to-left text (an Arabic
    report's header) is ordered and shaped like a paragraph (:mod:`.bidi`); other text is drawn
    as it is."""
    if not needs_shaping(text):
        canvas.setFont(font, size)
        draw = {
            "right": canvas.drawRightString,
            "centre": canvas.drawCentredString,
        }.get(align, canvas.drawString)
        draw(x, y, text)
        return
    from peerdesk.export.pdfkit import bidi

    rtl = text_direction(text) == "rtl"
    found = bidi.levels(text, rtl)
    glyphs: list[bidi.Glyph] = []
    for level, run_font, start, stop in bidi._runs(text, found, 0, len(text), int(rtl), font):
        glyphs.extend(bidi.shape(text[start:stop], run_font, size, bool(level % 2)))
    width = sum(g.x_advance for g in glyphs)
    left = x - width if align == "right" else x - width / 2 if align == "centre" else x
    bidi._draw_line(canvas, glyphs, left, y, size)


def _page_decorator(title: str, footer_note: str) -> Callable[[Canvas, BaseDocTemplate], None]:
    header_title = plain_text(title).replace("\n", " ")
    note = plain_text(footer_note).replace("\n", " ")
    # The language in force while the pages are laid out (a report's own): right to left, the
    # header and footer are mirrored (the title at the right, the mark at the left).
    rtl = is_right_to_left()
    # translators: the marking in every page's header (capitals if usual in your language)
    mark = _("CONFIDENTIAL")

    def decorate(canvas: Canvas, doc: BaseDocTemplate) -> None:
        width, height = doc.pagesize
        canvas.saveState()
        canvas.addLiteral(ARTIFACT_HEADER)
        y = height - HEADER_GAP
        canvas.setFillColor(INK)
        mark_width = pdfmetrics.stringWidth(mark, FONT_BOLD, 8.5)
        if rtl:
            draw_line(canvas, MARGIN, y, mark, FONT_BOLD, 8.5)
        else:
            draw_line(canvas, width - MARGIN, y, mark, FONT_BOLD, 8.5, align="right")
        canvas.setFillColor(MUTED)
        room = width - 2 * MARGIN - mark_width - 12
        shown = _shorten(header_title, FONT, 8.5, room)
        if rtl:
            draw_line(canvas, width - MARGIN, y, shown, FONT, 8.5, align="right")
        else:
            draw_line(canvas, MARGIN, y, shown, FONT, 8.5)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.6)
        canvas.line(MARGIN, y - 4, width - MARGIN, y - 4)
        canvas.line(MARGIN, FOOTER_GAP + 10, width - MARGIN, FOOTER_GAP + 10)
        if note:
            shown = _shorten(note, FONT, 7.5, (width - 2 * MARGIN) / 2 - 50)
            if rtl:
                draw_line(canvas, width - MARGIN, FOOTER_GAP, shown, FONT, 7.5, align="right")
            else:
                draw_line(canvas, MARGIN, FOOTER_GAP, shown, FONT, 7.5)
        canvas.addLiteral(ARTIFACT_END)
        canvas.restoreState()

    return decorate


def _progress_relay(
    progress: Callable[[int, int], None], total: int, left: Callable[[], int]
) -> Callable[[str, int], None]:
    """reportlab's callback (kind, value) as ``progress(done, total)``: ``total`` flowables,
    ``left()`` of them not laid out yet (reportlab sees only part of the story at a time,
    see :class:`_Doc`)."""
    total = max(1, total)

    def relay(kind: str, value: int) -> None:
        if kind == "SIZE_EST":
            progress(0, total)
        elif kind == "PROGRESS":
            progress(min(max(0, total - left()), total), total)

    return relay


#: Paragraph styles whose paragraphs become bookmarks, and at which level.
HEADING_LEVELS: Mapping[str, int] = {"h1": 0, "h2": 1}


_SCALARS = (int, float, str, bool, type(None))


class _Frame(Frame):  # type: ignore[misc]
    """reportlab's ``Frame``, copied faster: to measure a group kept together (a heading
    kept with the next paragraph, an entry's heading with its facts) reportlab deep-copies
    the current frame, through ``copy``'s generic path for each of its two dozen numbers.
    The copy here is the same (numbers and strings shared, anything else deep-copied)."""

    def __deepcopy__(self, memo: dict[int, Any]) -> _Frame:
        new: _Frame = self.__class__.__new__(self.__class__)
        memo[id(self)] = new
        state = new.__dict__
        for key, value in self.__dict__.items():
            state[key] = value if type(value) in _SCALARS else copy.deepcopy(value, memo)
        return new


#: reportlab is given the story this many flowables at a time (see :class:`_Doc`).
STORY_WINDOW = 1024


class _Doc(BaseDocTemplate):  # type: ignore[misc]
    """Collects a bookmark for every heading and :class:`OutlineMark` as it is laid out.
    reportlab takes each flowable off the front of its list, moving the rest of the list
    (250,000 flowables at 10,000 entries: time in their square), so the list holds about
    :data:`STORY_WINDOW`; the rest wait in ``later`` (last first) and join as it runs short."""

    def __init__(self, *args: Any, levels: Mapping[str, int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.levels = levels
        self.bookmarks: list[Bookmark] = []
        self.current: list[Flowable] = []  # the list reportlab works on
        self.later: list[Flowable] = []  # the rest of the story, last first

    def build_story(self, story: Sequence[Flowable], canvasmaker: Callable[..., Canvas]) -> None:
        """``build`` of the whole ``story``, handed to reportlab a window at a time."""
        later = list(story)
        self.current = later[:STORY_WINDOW]
        del later[:STORY_WINDOW]
        later.reverse()
        self.later = later
        self.build(self.current, canvasmaker=canvasmaker)

    def left(self) -> int:
        """How many flowables are not laid out yet."""
        return len(self.current) + len(self.later)

    def filterFlowables(self, flowables: list[Flowable]) -> None:  # reportlab's name
        # Called before each flowable is taken (of the story, or of reportlab's own list of
        # page starts): a head start of a window's worth, so the look-ahead (a heading kept
        # with what follows) always sees the flowables after it.
        later = self.later
        if later and flowables is self.current and len(flowables) < STORY_WINDOW:
            more = later[-STORY_WINDOW:]
            del later[-STORY_WINDOW:]
            more.reverse()
            flowables.extend(more)

    def afterFlowable(self, flowable: Flowable) -> None:  # reportlab's name
        if isinstance(flowable, OutlineMark):
            title, level = flowable.title, flowable.level
        else:
            # A heading: a Paragraph, or any paragraph-like flowable with a style and its
            # text in logical order (right-to-left text laid out by UAX #9).
            name = getattr(getattr(flowable, "style", None), "name", None)
            if not isinstance(name, str) or name not in self.levels:
                return
            if isinstance(flowable, Paragraph):
                text = flowable.getPlainText()
            else:
                text = str(getattr(flowable, "text", ""))
            title = " ".join(text.split())
            level = self.levels[name]
        if not title:
            return
        frame = self.frame
        top = frame._y + getattr(flowable, "height", 0) + flowable.getSpaceAfter()
        self.bookmarks.append(Bookmark(title, level, self.page - 1, float(top)))


@dataclass
class LaidOut:
    """A document laid out by reportlab, not finished yet (never saved like this): its
    unencrypted bytes, page count, the bookmarks found, and the :class:`PageSpace` boxes."""

    data: bytes
    pages: int
    bookmarks: list[Bookmark] = field(default_factory=list)
    spaces: dict[str, tuple[int, tuple[float, float, float, float]]] = field(default_factory=dict)


def layout_pdf(
    story: Sequence[Flowable],
    *,
    title: str,
    paper: Paper = "a4",
    footer_note: str = "",
    progress: Callable[[int, int], None] | None = None,
    late_text: Callable[[str, int], str] | None = None,
    outline: Mapping[str, int] = HEADING_LEVELS,
    spaces: dict[str, tuple[int, tuple[float, float, float, float]]] | None = None,
) -> LaidOut:
    """Lay ``story`` out on numbered pages, in memory, unencrypted (finish it with
    :func:`peerdesk.export.pdfkit.finish.finish_pdf` before it goes anywhere).

    ``title`` is the running header; never put names or note text into it (nor into
    ``footer_note``). ``progress(done, total)`` is called as flowables are laid out; an
    exception it raises stops the layout (cancel). ``late_text(key, pages)`` gives the text
    of each :class:`LateText` once all pages are laid out. Paragraphs whose style is named in
    ``outline`` become bookmarks at that level. ``spaces`` is the dict the story's
    :class:`PageSpace` flowables fill.
    """
    register_fonts()
    width, height = page_size(paper)
    buffer = io.BytesIO()
    doc = _Doc(
        buffer,
        levels=outline,
        pagesize=(width, height),
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=TOP_MARGIN,
        bottomMargin=MARGIN,
        title=plain_text(title),
        author="",
        creator="PeerDesk",  # i18n: keep — the program's name
        producer="PeerDesk",  # i18n: keep — the program's name
        initialFontName=FONT,
    )
    frame = _Frame(
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
        doc.setProgressCallBack(_progress_relay(progress, len(story), doc.left))
    pages = _Pages()
    pages.late = late_text
    with collection_paused():
        doc.build_story(story, _canvas_maker(pages))
    return LaidOut(buffer.getvalue(), pages.count, doc.bookmarks, dict(spaces or {}))


def render_pdf(
    story: Sequence[Flowable],
    *,
    title: str,
    paper: Paper = "a4",
    password: str | None = None,
    subject: str = "",
    author: str = "",
    language: str = "en",
    footer_note: str = "",
    progress: Callable[[int, int], None] | None = None,
    late_text: Callable[[str, int], str] | None = None,
) -> tuple[bytes, int]:
    """:func:`layout_pdf`, then :func:`~peerdesk.export.pdfkit.finish.finish_pdf` (title,
    ``subject``, ``author`` only when given, ``language``, bookmarks from the headings,
    AES-256 R6 with ``password``); returns the PDF's bytes and its page count. The password
    is checked before any layout work."""
    if password is not None:
        normalise_password(password)
    laid = layout_pdf(
        story,
        title=title,
        paper=paper,
        footer_note=footer_note,
        progress=progress,
        late_text=late_text,
    )
    info = DocumentInfo(
        title=plain_text(title), subject=plain_text(subject), author=author, language=language
    )
    data = finish_pdf(laid.data, Finish(info=info, bookmarks=laid.bookmarks), password=password)
    return data, laid.pages


# -- files -----------------------------------------------------------------------------------------


def save_file(out: Path | str, data: bytes) -> None:
    """Save ``data`` at ``out`` all at once, readable by the owner only
    (:func:`peerdesk.files.write_private_file`); on any failure ``out`` is left as it was."""
    if not Path(out).parent.is_dir():
        raise PdfError(_("The folder to save into does not exist."))
    write_private_file(out, data)


def write_pdf(
    story: Sequence[Flowable],
    out: Path | str,
    *,
    title: str,
    paper: Paper = "a4",
    password: str | None = None,
    subject: str = "",
    author: str = "",
    language: str = "en",
    footer_note: str = "",
) -> int:
    """:func:`render_pdf`, then :func:`save_file` (only the finished, encrypted when a
    password is given, bytes are written); returns the page count."""
    data, count = render_pdf(
        story,
        title=title,
        paper=paper,
        password=password,
        subject=subject,
        author=author,
        language=language,
        footer_note=footer_note,
    )
    save_file(out, data)
    return count
