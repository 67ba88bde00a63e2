"""Pages of a PDF held in memory, drawn as pictures for a preview (PDFium via pypdfium2).

The report is previewed before it is saved, so the PDF's bytes are never written anywhere
to be shown: PDFium reads them from memory and draws one page at a time into an RGB buffer
that the interface turns into an image. A protected report is previewed as it will be saved:
the encrypted bytes (AES-256, revision 6), opened with the PDF password in memory, so the
preview shows exactly the file the user saves and no unencrypted copy is kept for it.

PDFium is not safe to call from two threads at once; every call here holds one lock.
No Qt here: the interface converts :class:`PageImage` itself.

:meth:`PdfPreview.find_names` reads each page's text back and finds every name from the cast
list still printed there (the same matcher the report uses to shorten names,
:mod:`peerdesk.models.names`), with the boxes around them, so the preview can mark them.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from peerdesk.export.pdfkit import PdfError
from peerdesk.i18n import _
from peerdesk.models.names import NameMatcher

_LOCK = threading.Lock()
#: Never draw a page larger than this many pixels on a side (a zoomed preview stays small).
MAX_SIDE = 4000


@dataclass(frozen=True)
class PageImage:
    """One drawn page: ``width`` × ``height`` pixels, 3 bytes a pixel (RGB), rows ``stride``
    bytes apart."""

    width: int
    height: int
    stride: int
    rgb: bytes


#: A box on a page in points from the bottom left: left, bottom, right, top.
Box = tuple[float, float, float, float]


@dataclass(frozen=True)
class NameMarks:
    """Where names are still printed: ``count`` names in all, and for each page (0-based)
    that has any, the boxes around them. Holds no text."""

    count: int = 0
    boxes: dict[int, tuple[Box, ...]] = field(default_factory=dict)

    @property
    def pages(self) -> list[int]:
        """The pages (1-based) that show a name."""
        return [index + 1 for index in sorted(self.boxes)]

    def on_page(self, index: int) -> tuple[Box, ...]:
        return self.boxes.get(index, ())


def _page_text(textpage: Any) -> str:
    """The page's characters, one for each of PDFium's character indices."""
    count = textpage.count_chars()
    text = textpage.get_text_range(0, count) if count > 0 else ""
    if len(text) == count:
        return str(text)
    # Some characters were left out or added in the text: read them one by one.
    return "".join((textpage.get_text_range(i, 1) or " ")[:1] for i in range(count))


def _word_chains(text: str) -> list[list[tuple[int, int]]]:
    """Words broken over lines: runs of letters that meet a line break on both sides
    ("VANT" / "ONGEREN"), as chains of (start, end) pieces, in order."""
    chains: list[list[tuple[int, int]]] = []
    chain: list[tuple[int, int]] = []
    for brk in re.finditer(r"\r\n|\n|\r", text):
        start = brk.start()
        while start > 0 and text[start - 1].isalnum():
            start -= 1
        end = brk.end()
        while end < len(text) and text[end].isalnum():
            end += 1
        left, right = (start, brk.start()), (brk.end(), end)
        if start == brk.start() or end == brk.end():
            if chain:
                chains.append(chain)
            chain = []
        elif chain and chain[-1] == left:
            chain.append(right)
        else:
            if chain:
                chains.append(chain)
            chain = [left, right]
    if chain:
        chains.append(chain)
    return chains


def _name_spans(matcher: NameMatcher, text: str) -> list[tuple[int, int]]:
    """Where names are in a page's ``text``: as read, and where a narrow table cell broke a
    word over two lines ("Vanto" / "ngeren"), also with that line break taken out."""
    found = [(s.start, s.end) for s in matcher.spans(text)]
    for chain in _word_chains(text):
        for i in range(len(chain) - 1):
            for j in range(i + 1, len(chain)):
                line_start = text.rfind("\n", 0, chain[i][0]) + 1
                line_end = min(
                    (
                        k
                        for k in (text.find("\r", chain[j][1]), text.find("\n", chain[j][1]))
                        if k >= 0
                    ),
                    default=len(text),
                )
                where = list(range(line_start, chain[i][0]))
                joins = []
                for start, end in chain[i : j + 1]:
                    joins.append(len(where))
                    where.extend(range(start, end))
                where.extend(range(chain[j][1], line_end))
                candidate = "".join(text[k] for k in where)
                for span in matcher.spans(candidate):
                    if any(span.start < at < span.end for at in joins[1:]):
                        found.append((where[span.start], where[span.end - 1] + 1))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(found):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


class PdfPreview:
    """An open PDF in memory. ``close()`` it when done (also on lock)."""

    def __init__(self, data: bytes, password: str | None = None) -> None:
        import pypdfium2 as pdfium  # type: ignore[import-untyped]

        self._data = data  # PDFium reads from this buffer while the document is open
        with _LOCK:
            try:
                self._doc: pdfium.PdfDocument | None = pdfium.PdfDocument(data, password=password)
            except pdfium.PdfiumError:
                raise PdfError(_("The PDF could not be opened for the preview.")) from None
            self.page_count = len(self._doc)

    def page_size(self, index: int) -> tuple[float, float]:
        """Width and height of page ``index`` (0-based) in points."""
        with _LOCK:
            page = self._page(index)
            try:
                width, height = page.get_size()
            finally:
                page.close()
        return float(width), float(height)

    def render(self, index: int, dpi: float = 96.0) -> PageImage:
        """Draw page ``index`` (0-based) at ``dpi`` (at most :data:`MAX_SIDE` pixels a side)."""
        width, height = self.page_size(index)
        scale = max(0.05, dpi / 72.0)
        scale = min(scale, MAX_SIDE / max(width, height, 1.0))
        with _LOCK:
            page = self._page(index)
            try:
                bitmap = page.render(scale=scale, rev_byteorder=True, may_draw_forms=False)
                try:
                    image = PageImage(
                        bitmap.width, bitmap.height, bitmap.stride, bytes(bitmap.buffer)
                    )
                finally:
                    bitmap.close()
            finally:
                page.close()
        if image.stride < image.width * 3:
            raise PdfError(_("The preview page could not be drawn."))
        return image

    def find_names(
        self, names: Sequence[str], should_stop: Callable[[], bool] | None = None
    ) -> NameMarks | None:
        """Every place a name from ``names`` (or any part of one) is printed, on every page;
        ``None`` when ``should_stop()`` turns true first."""
        matcher = NameMatcher(names)
        if not matcher:
            return NameMarks()
        count = 0
        boxes: dict[int, tuple[Box, ...]] = {}
        for index in range(self.page_count):
            if should_stop is not None and should_stop():
                return None
            with _LOCK:
                page = self._page(index)
                try:
                    textpage = page.get_textpage()
                    try:
                        found: list[Box] = []
                        for start, end in _name_spans(matcher, _page_text(textpage)):
                            count += 1
                            rects = textpage.count_rects(start, end - start)
                            for k in range(rects):
                                left, bottom, right, top = textpage.get_rect(k)
                                found.append((float(left), float(bottom), float(right), float(top)))
                    finally:
                        textpage.close()
                finally:
                    page.close()
            if found:
                boxes[index] = tuple(found)
        return NameMarks(count, boxes)

    def _page(self, index: int):  # type: ignore[no-untyped-def]
        if self._doc is None:
            raise PdfError(_("The preview is closed."))
        if not 0 <= index < self.page_count:
            raise PdfError(_("There is no such page."))
        return self._doc[index]

    def close(self) -> None:
        with _LOCK:
            if self._doc is not None:
                self._doc.close()
                self._doc = None
        self._data = b""

    @property
    def closed(self) -> bool:
        return self._doc is None


def find_names(
    data: bytes,
    password: str | None,
    names: Sequence[str],
    should_stop: Callable[[], bool] | None = None,
) -> NameMarks | None:
    """:meth:`PdfPreview.find_names` for a PDF held in memory (opened and closed here)."""
    preview = PdfPreview(data, password)
    try:
        return preview.find_names(names, should_stop)
    finally:
        preview.close()


__all__ = ["MAX_SIDE", "Box", "NameMarks", "PageImage", "PdfPreview", "find_names"]
