"""Pages of a PDF held in memory, drawn as pictures for a preview (PDFium via pypdfium2).

The report is previewed before it is saved, so the PDF's bytes are never written anywhere
to be shown: PDFium reads them from memory (with the PDF password, when there is one) and
draws one page at a time into an RGB buffer that the interface turns into an image.

PDFium is not safe to call from two threads at once; every call here holds one lock.
No Qt here: the interface converts :class:`PageImage` itself.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from peerdesk.export.pdfkit import PdfError

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


class PdfPreview:
    """An open PDF in memory. ``close()`` it when done (also on lock)."""

    def __init__(self, data: bytes, password: str | None = None) -> None:
        import pypdfium2 as pdfium  # type: ignore[import-untyped]

        self._data = data  # PDFium reads from this buffer while the document is open
        with _LOCK:
            try:
                self._doc: pdfium.PdfDocument | None = pdfium.PdfDocument(
                    data, password=password)
            except pdfium.PdfiumError:
                raise PdfError("The PDF could not be opened for the preview.") from None
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
                    image = PageImage(bitmap.width, bitmap.height, bitmap.stride,
                                      bytes(bitmap.buffer))
                finally:
                    bitmap.close()
            finally:
                page.close()
        if image.stride < image.width * 3:
            raise PdfError("The preview page could not be drawn.")
        return image

    def _page(self, index: int):  # type: ignore[no-untyped-def]
        if self._doc is None:
            raise PdfError("The preview is closed.")
        if not 0 <= index < self.page_count:
            raise PdfError("There is no such page.")
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


__all__ = ["MAX_SIDE", "PageImage", "PdfPreview"]
