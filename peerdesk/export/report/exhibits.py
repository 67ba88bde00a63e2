"""The exhibit index and the pictures reproduced after it (section 9), each marked with the page
it lands on."""

from __future__ import annotations

import io

from reportlab.platypus import Flowable, Image, PageBreak

from peerdesk.export import pdfkit
from peerdesk.export.report.context import ReportContext, whole
from peerdesk.models.attachment import Attachment
from peerdesk.models.dates import short_date
from peerdesk.models.report_source import REPORT_IMAGE_TYPES
from peerdesk.models.text import visible_filename


class PageMark(Flowable):  # type: ignore[misc]
    """Records the page it lands on (for the exhibit index)."""

    def __init__(self, key: str, pages: dict[str, int]) -> None:
        super().__init__()
        self.key = key
        self.pages = pages

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.pages[self.key] = self.canv.getPageNumber()


def exhibit_index(c: ReportContext) -> list[Flowable]:
    rows = []
    for e in c.entries:
        for ex, a in e.exhibits:
            shown = _shows_image(c, a)
            rows.append(
                [
                    ex,
                    whole(f"No. {e.number}"),
                    a.description or "—",
                    visible_filename(a.original_name),
                    whole(short_date(a.added_at.date())) if a.added_at else "—",
                    # 64 hex digits in four groups of 16, one a line: the column stays narrow
                    # and no line ends inside a group.
                    "\n".join(a.sha256[k : k + 16] for k in range(0, len(a.sha256), 16)),
                    pdfkit.LateText(f"exhibit:{ex}", c.s.cell) if shown else "not reproduced",
                ]
            )
    story: list[Flowable] = [PageBreak(), c.h1(9, "Exhibits")]
    if rows:
        story.append(
            c.table(
                [
                    "No.",
                    "Entry",
                    "Description",
                    "Original file name",
                    "Added",
                    "SHA-256",
                    "Page",
                ],
                rows,
                (0.07, 0.1, 0.19, 0.18, 0.13, 0.25, 0.08),
                "exhibit index",
            )
        )
        story.append(
            pdfkit.para(
                "The SHA-256 is the fingerprint of the file as it was added. Anyone holding "
                "the original file can check it (for example with “sha256sum” or “certutil "
                "-hashfile FILE SHA256”).",
                c.s.muted,
            )
        )
    else:
        story.append(pdfkit.para("No exhibits are attached to these entries.", c.s.muted))
    return story


def _shows_image(c: ReportContext, a: Attachment) -> bool:
    return c.p.include_exhibit_images and a.media_type in REPORT_IMAGE_TYPES


def exhibit_images(c: ReportContext, pages: dict[str, int]) -> list[Flowable]:
    story: list[Flowable] = []
    max_w = c.width
    max_h = pdfkit.page_size(c.r.paper)[1] * 0.55
    for e in c.entries:
        for ex, a in e.exhibits:
            if not _shows_image(c, a) or a.id is None:
                continue
            size = c.images.get(a.id)
            if size is None:
                continue
            data = size.data
            scale = min(max_w / size.width, max_h / size.height, 2.0)
            image = Image(
                io.BytesIO(data),
                width=size.width * scale,
                height=size.height * scale,
                hAlign="LEFT",
            )
            story.append(
                pdfkit.keep_together(
                    [
                        PageMark(ex, pages),
                        pdfkit.para(
                            f"Exhibit {ex} (entry {e.number}): "
                            f"{c.t(visible_filename(a.original_name), 'exhibits')}",
                            c.s.h2,
                        ),
                        c.para(a.description, c.s.muted, "exhibits")
                        if a.description
                        else pdfkit.gap(2),
                        image,
                        pdfkit.para(f"SHA-256 {a.sha256}", c.s.muted),
                    ]
                )
            )
    return story
