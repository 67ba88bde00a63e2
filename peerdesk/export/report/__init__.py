"""The incident report as a PDF (REPORTING.md, "The incident report", sections 1-12).

A document for HR, a union representative, a lawyer or a tribunal, shaped by a recipient
profile (:mod:`peerdesk.models.report`): cover; how this record was kept; summary; cast list;
chronology; incidents in full (numbered paragraphs); reports made; impact summary; exhibit
index; evidence known but not held; the exhibits reproduced (pictures, PDF pages, other files
attached: :mod:`.reproduced`); redaction log;
integrity appendix (chain heads and the manifest fingerprint); statement of truth. One module
per group of sections (:mod:`.front`, :mod:`.entries`, :mod:`.records`, :mod:`.exhibits`,
:mod:`.closing`), all reading one :class:`~.context.ReportContext`; this module assembles
them and lays the pages out.

The document is laid out once: the page count on the cover and the page each exhibit lands on
are written into space kept for them when the pages are saved (:class:`pdfkit.LateText`).
Then it is finished in memory (:func:`pdfkit.finish_pdf`): a bookmark for every section and
entry, ``/Lang``, title, subject, author (only when given), XMP metadata, the PDF exhibits'
pages drawn into the pages kept for them, other exhibits attached as files, and with a
password AES-256 (revision 6). Only the finished bytes leave this module.
Private reflections never appear unless the profile includes them. Characters no bundled font
can show are printed as ``[U+XXXX]`` and listed in a note, never as silent boxes.

Export never reads a vault: the caller reads what the report is made from (a
:class:`~peerdesk.models.report_source.ReportSource`, which the storage layer's
``read_report_source`` fills) and passes it in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from pathlib import Path

from reportlab.platypus import Flowable

from peerdesk import i18n
from peerdesk.export import pdfkit
from peerdesk.export.pdfkit import PdfError
from peerdesk.export.pdfkit.collect import collection_paused
from peerdesk.export.pdfkit.encryption import normalise_password
from peerdesk.export.report import closing, entries, exhibits, front, records, reproduced
from peerdesk.export.report.context import Entry, ReportContext
from peerdesk.export.report.request import (
    SUBJECT,
    TITLE,
    EmptyReport,
    ReportFacts,
    ReportRequest,
    ReportResult,
    date_receipt,
)
from peerdesk.i18n import _
from peerdesk.models.integrity import manifest_fingerprint
from peerdesk.models.report_source import ReportSource

Spaces = dict[str, tuple[int, tuple[float, float, float, float]]]


def _story(
    c: ReportContext, pages: dict[str, int], plan: reproduced.Plan, spaces: Spaces
) -> list[Flowable]:
    """Every section the profile includes, in order."""
    c.t.missing.clear()
    c.t.right_to_left.clear()
    p = c.p
    # translators: the bookmark of the report's first section, its cover page
    story: list[Flowable] = [pdfkit.OutlineMark(_("1. Cover"), 0)]
    story += front.cover(c) + front.how_kept(c) + front.summary(c)
    if p.includes("cast_list"):
        story += front.cast_list(c)
    story += front.chronology(c) + entries.incidents(c)
    if p.includes("reports_made"):
        story += records.reports_made(c)
    if p.includes("impact_summary") and p.include_impact:
        story += records.impact_summary(c)
    if p.includes("exhibit_index"):
        story += exhibits.exhibit_index(c)
    if p.includes("evidence_not_held"):
        story += records.evidence_not_held(c)
    if p.includes("exhibit_index"):
        story += reproduced.section(c, plan, pages, spaces)
    story += closing.redaction_log(c) + closing.integrity(c)
    # The note is made last so that it lists characters from every section.
    story += closing.statement(c)
    note = closing.font_note(c)
    return story[:-1] + note + story[-1:] if note else story


# -- entry point -----------------------------------------------------------------------------------


class ReportCancelled(Exception):
    """The user stopped the report while it was being written; nothing was written."""


#: Progress is reported in these units: reading entries, then each layout pass.
PROGRESS_TOTAL = 1000
_READ_UNITS = 100
_FINISH_UNITS = 50  # metadata, exhibit pages, attachments, encryption


class _Meter:
    """Turns the stages of the work into ``progress(done, PROGRESS_TOTAL)`` calls (only when
    the number moves) and stops the work with :class:`ReportCancelled` when asked to."""

    def __init__(
        self, progress: Callable[[int, int], None] | None, should_stop: Callable[[], bool] | None
    ) -> None:
        self._progress = progress
        self._should_stop = should_stop
        self._last = -1

    def check(self) -> None:
        if self._should_stop is not None and self._should_stop():
            raise ReportCancelled(_("The report was cancelled."))

    def at(self, done: int) -> None:
        self.check()
        done = max(0, min(PROGRESS_TOTAL, done))
        if self._progress is not None and done != self._last:
            self._last = done
            self._progress(done, PROGRESS_TOTAL)

    def reading(self, index: int, count: int) -> None:
        self.at(_READ_UNITS * index // max(1, count))

    def layout(self) -> Callable[[int, int], None]:
        share = PROGRESS_TOTAL - _READ_UNITS - _FINISH_UNITS

        def relay(done: int, total: int) -> None:
            self.at(_READ_UNITS + share * done // max(1, total))

        return relay


@dataclass(frozen=True, kw_only=True)
class RenderedReport(ReportFacts):
    """A report laid out in memory (for the preview, then for saving as it is)."""

    data: bytes
    encrypted: bool = False
    #: Everyone who may be named in it (the cast list and witnesses named only in an entry),
    #: for the preview to mark any name still on the pages.
    names: tuple[str, ...] = ()

    def saved_as(self, path: Path | str) -> ReportResult:
        """Write the bytes to ``path`` atomically; the result describes the file."""
        pdfkit.save_file(path, self.data)
        facts = {f.name: getattr(self, f.name) for f in fields(ReportFacts)}
        return ReportResult(path=Path(path), **facts)


def render_report(
    source: ReportSource,
    request: ReportRequest,
    *,
    now: datetime | None = None,
    progress: Callable[[int, int], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
    language: str | None = None,
) -> RenderedReport:
    """Lay the report on ``source``'s entries out in memory as ``request`` asks, finished
    (and encrypted when ``request.password`` is set). Raises :class:`EmptyReport` when no
    entry matches and :class:`ReportCancelled` when ``should_stop()`` turns true;
    ``progress(done, total)`` follows the work (total :data:`PROGRESS_TOTAL`). ``language``
    is the report's language (a code of :data:`peerdesk.i18n.LANGUAGES`; None: the language in
    force): its words, its dates and its direction, and the PDF's ``/Lang``. The language is
    entered here, in the calling thread, so a worker thread gets it too."""
    with i18n.language(language) as code:
        return _render(source, request, now=now, meter=_Meter(progress, should_stop), code=code)


def _render(
    source: ReportSource,
    request: ReportRequest,
    *,
    now: datetime | None,
    meter: _Meter,
    code: str,
) -> RenderedReport:
    """:func:`render_report` in the report's language (already in force)."""
    meter.at(0)
    if request.password is not None:
        normalise_password(request.password)  # a bad password fails before any work
    chosen = source.entries
    if not chosen:
        raise EmptyReport(_("No journal entries match: the report would be empty."))
    generated_at = (now or datetime.now(UTC)).astimezone(UTC)
    items: list[Entry] = []
    exhibit_no = 0
    for number, got in enumerate(chosen, start=1):
        meter.reading(number, len(chosen))
        if got.incident.id is None or not got.head:
            raise PdfError(_("An entry's revision history is missing; run the vault check."))
        numbered = []
        for a in got.attachments:
            exhibit_no += 1
            numbered.append((f"E{exhibit_no}", a))
        items.append(
            Entry(number, got.incident, list(got.revisions), got.head, got.revision_count, numbered)
        )
    fingerprint = manifest_fingerprint((str(e.incident.record_number), e.head) for e in items)
    people = {p.id: p for p in source.people if p.id is not None}
    builder = ReportContext(
        request,
        items,
        people,
        source.images,
        generated_at,
        fingerprint,
        source.withdrawn,
        period=(source.date_from, source.date_to),
    )
    plan = reproduced.plan(builder, source.exhibit_files)
    meter.check()
    pages: dict[str, int] = {}  # exhibit -> the page it is reproduced on (filled while laid out)
    spaces: Spaces = {}  # a PDF exhibit's page -> where on which page it is drawn
    with collection_paused():  # the story is millions of objects: no collector passes
        laid = pdfkit.layout_pdf(
            _story(builder, pages, plan, spaces),
            title=_(TITLE),
            paper=request.paper,
            progress=meter.layout(),
            late_text=_late_text(builder, plan, pages),
            spaces=spaces,
        )
    meter.at(PROGRESS_TOTAL - _FINISH_UNITS)
    overlays, sources, embedded = reproduced.finishing(builder, plan, source.exhibit_files, spaces)
    author = request.author.strip()
    data = pdfkit.finish_pdf(
        laid.data,
        pdfkit.Finish(
            info=pdfkit.DocumentInfo(
                title=_(TITLE), subject=_(SUBJECT), author=author, language=code
            ),
            bookmarks=laid.bookmarks,
            overlays=overlays,
            sources=sources,
            embedded=embedded,
        ),
        password=request.password,
    )
    count = laid.pages
    del laid  # the unencrypted bytes are not kept
    meter.at(PROGRESS_TOTAL)
    return RenderedReport(
        data=data,
        pages=count,
        manifest_fingerprint=fingerprint,
        entries=len(items),
        generated_at=generated_at,
        exhibit_pages={k: v for k, v in pages.items() if "#" not in k},
        unshown_characters=tuple(sorted({c for v in builder.t.missing.values() for c in v})),
        encrypted=request.password is not None,
        names=tuple(sorted(builder.all_names())),
    )


def _late_text(
    c: ReportContext, plan: reproduced.Plan, pages: dict[str, int]
) -> Callable[[str, int], str]:
    """The context's late text (page count, exhibit pages), and where a PDF exhibit's pages
    are."""
    resolve = c.late_text(pages)
    counts = {ex: plan.way(a).pages for e in c.entries for ex, a in e.exhibits if plan.way(a).pages}

    def late(key: str, total: int) -> str:
        if key.startswith("pdf-pages:"):
            ex = key.removeprefix("pdf-pages:")
            return reproduced.pdf_pages_text(ex, counts.get(ex, 0), pages)
        return resolve(key, total)

    return late


def build_report(
    source: ReportSource,
    request: ReportRequest,
    out: Path | str,
    *,
    now: datetime | None = None,
    language: str | None = None,
) -> ReportResult:
    """Write the report on ``source`` for ``request`` to ``out`` (atomically); raises
    :class:`EmptyReport` when no entry matches, :class:`PdfError` when the file cannot be
    written. ``language``: the report's language (None: the language in force)."""
    return render_report(source, request, now=now, language=language).saved_as(out)


__all__ = [
    "PROGRESS_TOTAL",
    "TITLE",
    "EmptyReport",
    "RenderedReport",
    "ReportCancelled",
    "ReportFacts",
    "ReportRequest",
    "ReportResult",
    "build_report",
    "date_receipt",
    "render_report",
]
