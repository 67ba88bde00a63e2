"""Exhibits that stand on their own (section 9, after the index): every exhibit the profile
reproduces gets a place in the report, which the index's "Page" column points at.

- A picture: a page of its own, the caption (exhibit number, entry number, file name,
  description, SHA-256) above the picture, scaled to fit the rest of the page, whole.
- A PDF: a caption page, then each of its pages drawn, scaled to fit inside the margins, on
  a page of the report (:class:`pdfkit.PageSpace`, filled in by :func:`pdfkit.finish_pdf`), so
  the running header and the printed page numbers stay right and the bundle is one document.
- Anything else (an email, a document, a recording), and a PDF whose pages cannot be merged
  (damaged, or protected with a password), or a picture that cannot be decoded: listed with
  its fingerprint and a plain note, and embedded unchanged as a file attachment of the PDF
  (:class:`pdfkit.Embedded`, the SHA-256 in its description). Never a reason to stop the report.

What can be done with each file is decided once, before layout (:func:`plan`), so the layout
knows how many pages a PDF exhibit takes.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from reportlab.platypus import Flowable, Image, PageBreak

from peerdesk.export import pdfkit
from peerdesk.export.pdfkit.text import plain_text
from peerdesk.export.report.context import Entry, ReportContext
from peerdesk.export.report.exhibits import PageMark
from peerdesk.i18n import N_, _, ngettext
from peerdesk.models.attachment import Attachment
from peerdesk.models.report_source import REPORT_IMAGE_TYPES
from peerdesk.models.text import visible_filename

PDF_TYPE = "application/pdf"

Kind = Literal["picture", "pages", "attached", "listed"]

#: Keys of :class:`pdfkit.PageSpace` (and the :class:`PageMark` of each page): "E2#3".
PAGE_KEY = "{exhibit}#{page}"

#: The notes printed under an exhibit (marked here, translated where printed: ``_(way.note)``).
_NOT_READ = N_("The file was not read for this report; its fingerprint is listed above.")
_ATTACHED = N_(
    "Attached to this PDF as a file, unchanged: open the attachments panel of your PDF "
    "reader to save it."
)
_PROTECTED = N_(
    "This PDF file is protected with a password, so its pages cannot be reproduced here. "
    "Attached to this PDF as a file, unchanged: open the attachments panel of your PDF "
    "reader to save it."
)
_DAMAGED = N_(
    "This PDF file could not be read (it may be damaged), so its pages cannot be reproduced "
    "here. Attached to this PDF as a file, unchanged: open the attachments panel of your PDF "
    "reader to save it."
)
_BAD_PICTURE = N_(
    "This picture could not be decoded, so it cannot be reproduced here. Attached to this PDF "
    "as a file, unchanged: open the attachments panel of your PDF reader to save it."
)


@dataclass(frozen=True)
class Way:
    """How one exhibit appears: its kind, how many pages a PDF has, and the note printed."""

    kind: Kind
    pages: int = 0
    note: str = ""


@dataclass
class Plan:
    """How every exhibit of the report appears (by attachment id), decided before layout."""

    ways: dict[int, Way] = field(default_factory=dict)

    def way(self, a: Attachment) -> Way:
        return self.ways.get(a.id or -1, Way("listed", note=_NOT_READ))


def _pdf_pages(data: bytes) -> int | str:
    """The number of pages of the PDF ``data``, or the note to print when its pages cannot
    be merged. Every page's content is parsed here, so a damaged page is found before any
    layout is done."""
    import pikepdf

    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            count = len(pdf.pages)
            for page in pdf.pages:
                _box = page.mediabox
                pikepdf.parse_content_stream(page)
    except pikepdf.PasswordError:
        return _PROTECTED
    except Exception:  # any damage: the exhibit is listed, never fatal
        return _DAMAGED
    return count if count > 0 else _DAMAGED


def _picture_ok(data: bytes) -> bool:
    from PIL import Image as PilImage

    try:
        with PilImage.open(io.BytesIO(data)) as image:
            image.verify()
    except Exception:  # a picture that cannot be decoded is attached instead
        return False
    return True


def plan(c: ReportContext, files: Mapping[int, bytes]) -> Plan:
    """Decide how each exhibit appears, from the pictures in ``c.images`` and the other
    files' bytes in ``files`` (attachment id -> bytes)."""
    result = Plan()
    if not c.p.include_exhibit_images:
        return result
    for e in c.entries:
        for _ex, a in e.exhibits:
            if a.id is None:
                continue
            picture = c.images.get(a.id)
            data = files.get(a.id)
            if picture is not None and _picture_ok(picture.data):
                result.ways[a.id] = Way("picture")
            elif picture is not None:
                result.ways[a.id] = Way("attached", note=_BAD_PICTURE)
            elif data is None:
                continue
            elif a.media_type == PDF_TYPE:
                found = _pdf_pages(data)
                if isinstance(found, int):
                    result.ways[a.id] = Way("pages", pages=found)
                else:
                    result.ways[a.id] = Way("attached", note=found)
            elif a.media_type in REPORT_IMAGE_TYPES:  # a picture whose size was unreadable
                result.ways[a.id] = Way("attached", note=_BAD_PICTURE)
            else:
                result.ways[a.id] = Way("attached", note=_ATTACHED)
    return result


# -- layout ----------------------------------------------------------------------------------------


def _caption(c: ReportContext, e: Entry, ex: str, a: Attachment) -> list[Flowable]:
    name = c.t(visible_filename(a.original_name), _("exhibits"))
    out: list[Flowable] = [
        pdfkit.para(
            # translators: an exhibit's caption: its number (E1...), the entry's record
            # number and the file's name
            _("Exhibit {exhibit} (entry No. {number}): {file}").format(
                exhibit=ex, number=e.incident.record_number, file=name
            ),
            c.s.h2,
        )
    ]
    if a.description:
        out.append(c.para(a.description, c.s.body, _("exhibits")))
    out.append(pdfkit.para(f"SHA-256 {a.sha256}", c.s.muted))  # i18n: keep — a term
    return out


def _picture(
    c: ReportContext, e: Entry, ex: str, a: Attachment, pages: dict[str, int]
) -> list[Flowable]:
    size = c.images[a.id or -1]
    caption = _caption(c, e, ex, a)
    used = sum(f.wrap(c.width, 10_000)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in caption)
    room = pdfkit.frame_height(c.r.paper) - used - 12
    scale = min(c.width / size.width, max(room, 36.0) / size.height, 2.0)
    image = Image(
        io.BytesIO(size.data),
        width=size.width * scale,
        height=size.height * scale,
        hAlign="CENTER",
    )
    return [PageBreak(), PageMark(ex, pages), *caption, pdfkit.gap(6), image]


def _pdf(
    c: ReportContext,
    e: Entry,
    ex: str,
    a: Attachment,
    count: int,
    pages: dict[str, int],
    spaces: dict[str, tuple[int, tuple[float, float, float, float]]],
) -> list[Flowable]:
    story: list[Flowable] = [PageBreak(), PageMark(ex, pages), *_caption(c, e, ex, a)]
    story.append(pdfkit.LateText(f"pdf-pages:{ex}", c.s.muted))
    for k in range(1, count + 1):
        key = PAGE_KEY.format(exhibit=ex, page=k)
        story += [
            PageBreak(),
            PageMark(key, pages),
            pdfkit.para(
                # translators: above a page of a PDF exhibit: the exhibit's number (E1...),
                # the page's number, the number of pages, the file's SHA-256 fingerprint
                _(
                    "Exhibit {exhibit}, page {page} of {count} (scaled to fit). "
                    "File SHA-256 {sha256}"
                ).format(exhibit=ex, page=k, count=count, sha256=a.sha256),
                c.s.muted,
            ),
            pdfkit.PageSpace(key, spaces),
        ]
    return story


def section(
    c: ReportContext,
    the_plan: Plan,
    pages: dict[str, int],
    spaces: dict[str, tuple[int, tuple[float, float, float, float]]],
) -> list[Flowable]:
    """The reproduced exhibits, in exhibit order: pictures and PDFs page by page, then the
    exhibits attached as files or only listed, together."""
    if not c.p.include_exhibit_images:
        return []
    story: list[Flowable] = []
    others: list[Flowable] = []
    for e in c.entries:
        for ex, a in e.exhibits:
            way = the_plan.way(a)
            if way.kind == "picture":
                story += _picture(c, e, ex, a, pages)
            elif way.kind == "pages":
                story += _pdf(c, e, ex, a, way.pages, pages, spaces)
            else:
                others += [
                    pdfkit.keep_together(
                        [
                            PageMark(ex, pages),
                            *_caption(c, e, ex, a),
                            pdfkit.para(_(way.note), c.s.body),
                        ]
                    ),
                    pdfkit.gap(8),
                ]
    if others:
        story += [
            PageBreak(),
            # translators: a bookmark of the report (the exhibits that are not pictures or
            # PDF pages)
            pdfkit.OutlineMark(_("Exhibits attached as files or listed"), 1),
            pdfkit.para(
                _(
                    "Exhibits that are not reproduced as pages: each is listed with its "
                    "fingerprint, and attached to this PDF as a file where it was read."
                ),
                c.s.muted,
            ),
            pdfkit.gap(6),
            *others,
        ]
    return story


def pdf_pages_text(ex: str, count: int, pages: Mapping[str, int]) -> str:
    """The line on a PDF exhibit's caption page saying where its pages are."""
    first = pages.get(PAGE_KEY.format(exhibit=ex, page=1))
    last = pages.get(PAGE_KEY.format(exhibit=ex, page=count))
    if first is None or last is None:
        # translators: on a PDF exhibit's caption page
        return _("Its pages follow.")
    if count == 1:
        # translators: on a PDF exhibit's caption page; {page} is a page of the report
        return _("Its one page follows on page {page} of this report.").format(page=first)
    # translators: on a PDF exhibit's caption page; {count} is the exhibit's number of pages,
    # {first} and {last} pages of the report
    return ngettext(
        "Its {count} page follows on pages {first} to {last} of this report.",
        "Its {count} pages follow on pages {first} to {last} of this report.",
        count,
    ).format(count=count, first=first, last=last)


# -- finishing -------------------------------------------------------------------------------------


def finishing(
    c: ReportContext,
    the_plan: Plan,
    files: Mapping[int, bytes],
    spaces: Mapping[str, tuple[int, tuple[float, float, float, float]]],
) -> tuple[list[pdfkit.Overlay], dict[str, bytes], list[pdfkit.Embedded]]:
    """What :func:`pdfkit.finish_pdf` adds: the PDF exhibits' pages drawn into their space,
    and the files attached."""
    overlays: list[pdfkit.Overlay] = []
    sources: dict[str, bytes] = {}
    embedded: list[pdfkit.Embedded] = []
    for e in c.entries:
        for ex, a in e.exhibits:
            way = the_plan.way(a)
            if a.id is None:
                continue
            if way.kind == "pages":
                sources[ex] = files[a.id]
                for k in range(1, way.pages + 1):
                    place = spaces.get(PAGE_KEY.format(exhibit=ex, page=k))
                    if place is not None:
                        overlays.append(pdfkit.Overlay(place[0], ex, k - 1, place[1]))
            elif way.kind == "attached":
                data = files.get(a.id)
                if data is None:
                    picture = c.images.get(a.id)
                    data = picture.data if picture is not None else None
                if data is None:
                    continue
                name = plain_text(c.t(visible_filename(a.original_name), _("exhibits")))
                embedded.append(
                    pdfkit.Embedded(
                        key=f"{ex} {name}",
                        filename=name,
                        data=data,
                        # translators: the description of a file attached to the PDF: the
                        # exhibit's number (E1...), the entry's record number, its SHA-256
                        description=_(
                            "Exhibit {exhibit} (entry No. {number}). SHA-256 {sha256}"
                        ).format(exhibit=ex, number=e.incident.record_number, sha256=a.sha256),
                        mime_type=a.media_type,
                    )
                )
    return overlays, sources, embedded
