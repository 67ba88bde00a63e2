"""The last step of every PDF PeerDesk writes: reportlab's pages, finished in memory by pikepdf
(qpdf).

- Navigation and metadata: bookmarks (outline), ``/Lang``, title, subject, author (only when
  given), XMP metadata in step with the document information, ``DisplayDocTitle``, page
  labels that match the printed page numbers (``Page x of y``: plain numbers from 1).
- Exhibit pages: pages of other PDFs drawn, scaled to fit, into space kept for them on our
  own pages (:class:`Overlay`), so the running header, the printed page number and the page
  count stay right; other files embedded as PDF file attachments (:class:`Embedded`).
- Encryption: AES-256 at revision 6 (ISO 32000-2, "AESv3"), done by qpdf; the owner password
  is random, so nobody holds more rights than the reader. Replaces reportlab's own (revision
  5, deprecated) encryption.

Everything happens on bytes in memory: the unencrypted document is never written to disk;
only the result is saved (:func:`peerdesk.export.pdfkit.pages.save_file`).
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

import pikepdf

from peerdesk.export.pdfkit.base import PdfError
from peerdesk.export.pdfkit.encryption import pdf_encryption
from peerdesk.i18n import _

PRODUCER = "PeerDesk"  # i18n: keep — the program's name


@dataclass(frozen=True)
class DocumentInfo:
    """What a PDF says about itself. ``author`` only when the author gave one (empty: no
    author at all, not "anonymous"); ``language`` is a BCP 47 tag (``/Lang``)."""

    title: str
    subject: str = ""
    author: str = ""
    language: str = "en"


@dataclass(frozen=True)
class Bookmark:
    """One outline item: ``title`` at ``level`` (0: top), pointing at ``page`` (0-based),
    ``top`` points from the bottom of the page."""

    title: str
    level: int
    page: int
    top: float | None = None


@dataclass(frozen=True)
class Overlay:
    """Draw page ``source_page`` (0-based) of the PDF ``source`` (a key of the ``sources``
    given to :func:`finish_pdf`) into the box ``rect`` (left, bottom, right, top in points) of
    our page ``page`` (0-based), scaled to fit, its proportions kept."""

    page: int
    source: str
    source_page: int
    rect: tuple[float, float, float, float]


@dataclass(frozen=True)
class Embedded:
    """A file embedded in the PDF as an attachment, unchanged. ``key`` names it in the
    attachments list (unique); ``description`` is shown by readers (put the SHA-256 in it)."""

    key: str
    filename: str
    data: bytes
    description: str = ""
    mime_type: str = ""


@dataclass(frozen=True)
class Finish:
    """Everything :func:`finish_pdf` adds. ``sources`` maps the ``source`` of each
    :class:`Overlay` to a PDF's bytes."""

    info: DocumentInfo
    bookmarks: Sequence[Bookmark] = ()
    overlays: Sequence[Overlay] = ()
    sources: Mapping[str, bytes] = field(default_factory=dict)
    embedded: Sequence[Embedded] = ()


def _pdf_date(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("D:%Y%m%d%H%M%SZ")


def _metadata(pdf: pikepdf.Pdf, info: DocumentInfo) -> None:
    docinfo = pdf.docinfo
    for key in ("/Author", "/Subject", "/Keywords", "/Trapped"):
        if key in docinfo:
            del docinfo[key]
    docinfo["/Title"] = info.title
    if info.subject:
        docinfo["/Subject"] = info.subject
    docinfo["/Creator"] = PRODUCER
    docinfo["/Producer"] = PRODUCER
    if info.author:
        docinfo["/Author"] = info.author
    if "/CreationDate" not in docinfo:
        docinfo["/CreationDate"] = _pdf_date(datetime.now(UTC))
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        meta.load_from_docinfo(docinfo)
        meta["dc:title"] = info.title
        if info.subject:
            meta["dc:description"] = info.subject
        if info.author:
            meta["dc:creator"] = [info.author]
        elif "dc:creator" in meta:
            del meta["dc:creator"]
        meta["dc:language"] = [info.language]
        meta["pdf:Producer"] = PRODUCER
        meta["xmp:CreatorTool"] = PRODUCER
    root = pdf.Root
    root.Lang = pikepdf.String(info.language)
    root.ViewerPreferences = pikepdf.Dictionary(DisplayDocTitle=True)
    # The printed numbers are "Page 1 of y" from the first page on: plain decimal labels.
    root.PageLabels = pikepdf.Dictionary(
        Nums=pikepdf.Array([0, pikepdf.Dictionary(S=pikepdf.Name.D)])
    )


def _outline(pdf: pikepdf.Pdf, bookmarks: Sequence[Bookmark]) -> None:
    if not bookmarks:
        return
    # The page objects, once: pikepdf finds a page by its number through the whole list
    # (per item, so an outline of 10,000 entries took time in entries × pages).
    pages = [page.obj for page in pdf.pages]
    with pdf.open_outline() as outline:
        outline.root.clear()
        parents: list[tuple[int, pikepdf.OutlineItem]] = []
        for mark in bookmarks:
            if not 0 <= mark.page < len(pages):
                continue
            item = pikepdf.OutlineItem(mark.title, _destination(pages[mark.page], mark.top))
            while parents and parents[-1][0] >= mark.level:
                parents.pop()
            (parents[-1][1].children if parents else outline.root).append(item)
            parents.append((mark.level, item))
    pdf.Root.PageMode = pikepdf.Name.UseOutlines


def _destination(page: pikepdf.Object, top: float | None) -> pikepdf.Array:
    """What pikepdf makes of a page number and ``XYZ`` at ``top`` (left and zoom 0, kept as
    they are), or ``Fit`` without a ``top``."""
    if top is None:
        return pikepdf.Array([page, pikepdf.Name.Fit])
    return pikepdf.Array([page, pikepdf.Name.XYZ, 0, top, 0])


def _edge(shown: pikepdf.Page, rect: tuple[float, float, float, float]) -> bytes:
    """A thin grey line around where qpdf placed ``shown`` in ``rect`` (centred, scaled to
    fit, proportions kept), so a white page's edge is visible."""
    box = shown.trimbox
    width, height = float(box[2]) - float(box[0]), float(box[3]) - float(box[1])
    if int(shown.obj.get("/Rotate", 0)) % 180:
        width, height = height, width
    room_w, room_h = rect[2] - rect[0], rect[3] - rect[1]
    scale = min(room_w / max(width, 1.0), room_h / max(height, 1.0))
    w, h = width * scale, height * scale
    x, y = rect[0] + (room_w - w) / 2, rect[1] + (room_h - h) / 2
    return f"q 0.6 w 0.77 0.79 0.81 RG {x:.2f} {y:.2f} {w:.2f} {h:.2f} re S Q".encode()


def _overlays(
    pdf: pikepdf.Pdf, overlays: Sequence[Overlay], sources: Mapping[str, bytes]
) -> list[pikepdf.Pdf]:
    """Draws the exhibit pages; returns the opened sources (qpdf reads from them until the
    result is saved). A page that cannot be drawn leaves its space empty."""
    opened: dict[str, pikepdf.Pdf | None] = {}
    for o in overlays:
        if o.source not in opened:
            data = sources.get(o.source)
            try:
                opened[o.source] = pikepdf.open(io.BytesIO(data)) if data is not None else None
            except (pikepdf.PdfError, pikepdf.PasswordError, ValueError, OSError):
                opened[o.source] = None
        source = opened[o.source]
        if source is None or not 0 <= o.source_page < len(source.pages) or o.page >= len(pdf.pages):
            continue
        try:
            page, shown = pdf.pages[o.page], source.pages[o.source_page]
            page.add_overlay(shown, pikepdf.Rectangle(*o.rect))
            page.contents_add(pikepdf.Stream(pdf, _edge(shown, o.rect)), prepend=False)
        except (pikepdf.PdfError, ValueError, TypeError, KeyError, AttributeError):
            continue
    return [s for s in opened.values() if s is not None]


def _embed(pdf: pikepdf.Pdf, embedded: Sequence[Embedded]) -> None:
    for e in embedded:
        spec = pikepdf.AttachedFileSpec(
            pdf,
            e.data,
            description=e.description,
            filename=e.filename,
            mime_type=e.mime_type,
        )
        pdf.attachments[e.key] = spec


def finish_pdf(data: bytes, finish: Finish, *, password: str | None = None) -> bytes:
    """``data`` (an unencrypted PDF in memory) with ``finish`` applied, encrypted with
    ``password`` when given; the result's bytes. Raises :class:`PdfError` (no content in
    the message) when qpdf cannot write it."""
    crypt = pdf_encryption(password) if password is not None else None
    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            opened = _overlays(pdf, finish.overlays, finish.sources)
            try:
                _metadata(pdf, finish.info)
                _outline(pdf, finish.bookmarks)
                _embed(pdf, finish.embedded)
                out = io.BytesIO()
                pdf.save(
                    out,
                    encryption=crypt if crypt is not None else False,
                    fix_metadata_version=True,
                )
            finally:
                for source in opened:
                    source.close()
    except pikepdf.PdfError:
        raise PdfError(_("The PDF could not be finished.")) from None
    return out.getvalue()


__all__ = [
    "PRODUCER",
    "Bookmark",
    "DocumentInfo",
    "Embedded",
    "Finish",
    "Overlay",
    "finish_pdf",
]
