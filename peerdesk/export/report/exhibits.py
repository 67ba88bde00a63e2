"""The exhibit index (section 9), each exhibit with the page where it is reproduced or listed
after the index (:mod:`.reproduced`, which marks those pages with :class:`PageMark`)."""

from __future__ import annotations

from reportlab.platypus import Flowable, PageBreak

from peerdesk.export import pdfkit
from peerdesk.export.report.context import ReportContext, whole
from peerdesk.i18n import _, pgettext
from peerdesk.models.attachment import Attachment
from peerdesk.models.dates import short_date
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
    # translators: an entry's record number in the exhibit index
    number = _("No. {number}")
    # translators: in the exhibit index's "Page" column: the exhibit is not reproduced
    not_reproduced = _("not reproduced")
    for e in c.entries:
        for ex, a in e.exhibits:
            shown = _shows_image(c, a)
            rows.append(
                [
                    ex,
                    whole(number.format(number=e.number)),
                    a.description or "—",
                    visible_filename(a.original_name),
                    whole(short_date(a.added_at.date())) if a.added_at else "—",
                    # 64 hex digits in four groups of 16, one a line: the column stays narrow
                    # and no line ends inside a group.
                    "\n".join(a.sha256[k : k + 16] for k in range(0, len(a.sha256), 16)),
                    pdfkit.LateText(f"exhibit:{ex}", c.s.cell) if shown else not_reproduced,
                ]
            )
    # translators: heading of section 9 of the report: the exhibit list (index of the
    # documents and files attached as evidence, as in a tribunal bundle)
    story: list[Flowable] = [PageBreak(), c.h1(9, _("Exhibits"))]
    if rows:
        story.append(
            c.table(
                # translators: columns of the exhibit index: the exhibit's number (E1...), the
                # entry it belongs to, the author's description, the file's original name,
                # when it was added, its SHA-256 fingerprint, the page it is reproduced on
                [
                    pgettext("column", "No."),
                    pgettext("column", "Entry"),
                    _("Description"),
                    _("Original file name"),
                    pgettext("column", "Added"),
                    "SHA-256",  # i18n: keep — the name of the algorithm
                    pgettext("column", "Page"),
                ],
                rows,
                (0.07, 0.1, 0.19, 0.18, 0.13, 0.25, 0.08),
                # translators: a part of the report, named in its note on unprintable text
                _("exhibit index"),
            )
        )
        story.append(
            pdfkit.para(
                # translators: keep the commands in quotes as they are
                _(
                    "The SHA-256 is the fingerprint of the file as it was added. Anyone holding "
                    "the original file can check it (for example with “sha256sum” or “certutil "
                    "-hashfile FILE SHA256”)."
                ),
                c.s.muted,
            )
        )
    else:
        story.append(pdfkit.para(_("No exhibits are attached to these entries."), c.s.muted))
    return story


def _shows_image(c: ReportContext, a: Attachment) -> bool:
    """Whether the exhibit has a place after the index (a picture or PDF reproduced, or the
    exhibit listed and attached as a file: :mod:`.reproduced`), whose page the index shows."""
    return c.p.include_exhibit_images
