"""Pages and files: A4 or US Letter, a running header (document title and CONFIDENTIAL) and a
"Page x of y" footer (a deferring canvas: the total is known when the document is saved),
text known only once laid out (:class:`LateText`), and saving the bytes atomically, readable
by the owner only (:func:`peerdesk.files.write_private_file`)."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageTemplate,
)

from peerdesk.export.pdfkit.base import (
    FOOTER_GAP,
    HEADER_GAP,
    INK,
    MARGIN,
    MUTED,
    RULE,
    Paper,
    PdfError,
    page_size,
)
from peerdesk.export.pdfkit.encryption import pdf_encryption
from peerdesk.export.pdfkit.fonts import FONT, FONT_BOLD, register_fonts
from peerdesk.export.pdfkit.text import plain_text
from peerdesk.files import write_private_file


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
    header_title = plain_text(title).replace("\n", " ")
    note = plain_text(footer_note).replace("\n", " ")

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
        title=plain_text(title),
        subject=plain_text(subject),
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


def save_file(out: Path | str, data: bytes) -> None:
    """Save ``data`` at ``out`` all at once, readable by the owner only
    (:func:`peerdesk.files.write_private_file`); on any failure ``out`` is left as it was."""
    if not Path(out).parent.is_dir():
        raise PdfError("The folder to save into does not exist.")
    write_private_file(out, data)


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
    """:func:`render_pdf`, then :func:`save_file`; returns the page count."""
    data, count = render_pdf(
        story, title=title, paper=paper, password=password, subject=subject, footer_note=footer_note
    )
    save_file(out, data)
    return count
