"""The state every section of the report reads: the request, the entries, the cast list, the
styles, and the small builders (names as the profile prints them, escaped paragraphs, tables)."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph

from peerdesk.export import pdfkit
from peerdesk.export.pdfkit import minutes_label
from peerdesk.export.report.glyphs import Glyphs, initials
from peerdesk.export.report.request import ReportRequest
from peerdesk.i18n import _, is_right_to_left
from peerdesk.models.attachment import Attachment
from peerdesk.models.dates import clock, long_date, short_date
from peerdesk.models.incident import Incident
from peerdesk.models.person import Person
from peerdesk.models.report_source import ExhibitImage

#: Joins the parts of one unit ("3 Mar 2026", "09:30 UTC") so a line never breaks inside it.
NBSP = "\u00a0"


def whole(text: str) -> str:
    """``text`` as one unit on the page: its spaces made no-break spaces."""
    return text.replace(" ", NBSP)


def number_with_unit(text: str) -> str:
    """``recorded 14 days after`` with the number and its unit joined (``14 days``)."""
    return re.sub(r"(\d) (\w)", lambda m: m.group(1) + NBSP + m.group(2), text)


def utc_text(moment: datetime | None, *, short: bool = False) -> str:
    """``3 March 2026, 09:30 UTC`` (``3 Mar 2026`` when ``short``, for tables); the date and
    the time are each one unit that a line never breaks."""
    if moment is None:
        return ""
    m = moment.astimezone(UTC)
    day = short_date(m.date()) if short else long_date(m.date())
    # translators: a time in UTC (Coordinated Universal Time), e.g. "09:30 UTC"
    time = _("{time} UTC").format(time=clock(m))
    # translators: a date and a time, e.g. "3 March 2026, 09:30 UTC"
    return _("{date}, {time}").format(date=whole(day), time=whole(time))


def event_when(incident: Incident, *, short: bool = False) -> str:
    """When the event happened as the author gave it (``short`` dates for tables)."""
    day = short_date(incident.event_date) if short else long_date(incident.event_date)
    text = whole(day)
    if incident.event_time is not None:
        end = incident.end_time()
        time = clock(incident.event_time)
        if end is not None:
            # translators: a span of time, e.g. "09:30–10:15"
            time = _("{start}–{end}").format(start=time, end=clock(end))
        # translators: a date and a time (or span of time) of an event
        text = _("{date}, {time}").format(date=text, time=time)
    elif incident.duration_minutes is not None:
        # translators: a date and how long the event lasted, e.g. "3 March 2026 (45 min)"
        text = _("{date} ({duration})").format(
            date=text, duration=whole(minutes_label(incident.duration_minutes))
        )
    if incident.approximate:
        # translators: the author gave an approximate date or time
        text = _("{when} (approximate)").format(when=text)
    return text


@dataclass
class Entry:
    sequence: int  # position in the report (1..n); never printed
    incident: Incident
    revisions: list[Any]
    head: str
    revision_count: int
    exhibits: list[tuple[str, Attachment]]

    @property
    def number(self) -> int:
        """The journal's record number ("No. N" in the app): the one number the report prints
        for an entry, so the author and the reader talk about the same entry."""
        number = self.incident.record_number
        return self.sequence if number is None else number


class ReportContext:
    def __init__(
        self,
        request: ReportRequest,
        entries: list[Entry],
        people: dict[int, Person],
        images: Mapping[int, ExhibitImage],
        generated_at: datetime,
        fingerprint: str,
        withdrawn: int = 0,
        *,
        period: tuple[date | None, date | None] = (None, None),
    ) -> None:
        self.r = request
        self.withdrawn = withdrawn  # entries of the selection withdrawn as made in error
        self.p = request.profile
        self.entries = entries
        self.people = people
        self.images = images
        self.generated_at = generated_at
        self.fingerprint = fingerprint
        self.period = period  # the dates asked for (None: from the first / to the last entry)
        self.t = Glyphs()
        self.s = pdfkit.styles()
        self.width = pdfkit.frame_width(request.paper)
        body = self.s.body
        self.numbered = ParagraphStyle(
            "numbered",
            parent=body,
            leftIndent=34,
            bulletIndent=0,
            bulletFontName=pdfkit.FONT,
            bulletFontSize=10,
            bulletColor=pdfkit.MUTED,
        )
        # Quotes are set in from the side a line starts on (the right, right to left).
        start, end = "leftIndent", "rightIndent"
        if is_right_to_left():
            start, end = end, start
        self.quote = ParagraphStyle(
            "quote",
            parent=body,
            fontName=pdfkit.FONT_ITALIC,
            spaceBefore=2,
            spaceAfter=2,
            **{start: 52, end: 24},
        )
        self.attribution = ParagraphStyle(
            "attribution", parent=self.s.muted, spaceAfter=8, **{start: 52}
        )
        self.centre_title = ParagraphStyle(
            "cover_title",
            parent=self.s.title,
            fontSize=24,
            leading=30,
            spaceBefore=60,
            spaceAfter=10,
        )
        #: Entries by incident id (related entries are looked up here, not by a scan).
        self.by_id = {e.incident.id: e for e in entries if e.incident.id is not None}
        self.witness_ids = {
            w.person_id for e in entries for w in e.incident.witnesses if w.person_id is not None
        }
        self.t.shorten(self.all_names(), self._shortened_names())

    def all_names(self) -> set[str]:
        """Everyone who may be named: the cast list and witnesses named only in an entry."""
        return {p.display_name for p in self.people.values()} | self._free_witnesses()

    def _free_witnesses(self) -> set[str]:
        return {
            w.name
            for e in self.entries
            for w in e.incident.witnesses
            if w.person_id is None and w.name
        }

    def _shortened_names(self) -> set[str]:
        """The names this profile prints as initials (also wherever any part of them appears
        in other text)."""
        witnesses = self._free_witnesses()
        if not self.p.include_names:
            return witnesses | {p.display_name for p in self.people.values()}
        if self.p.witnesses_as_initials:
            return witnesses | {
                self.people[i].display_name for i in self.witness_ids if i in self.people
            }
        return set()

    # names ------------------------------------------------------------------------------------

    def person_name(self, person_id: int | None, fallback: str = "") -> str:
        person = self.people.get(person_id) if person_id is not None else None
        name = person.display_name if person is not None else fallback
        if not name:
            return _("Unknown person")
        if not self.p.include_names or (
            self.p.witnesses_as_initials and person_id in self.witness_ids
        ):
            return initials(name)
        return name

    def witness_name(self, person_id: int | None, name: str) -> str:
        if person_id is not None:
            return self.person_name(person_id, name)
        if self.p.witnesses_as_initials or not self.p.include_names:
            return initials(name)
        return name or _("Unnamed witness")

    # small builders ---------------------------------------------------------------------------

    def para(self, text: object, style: ParagraphStyle, where: str = "") -> Paragraph:
        return pdfkit.para(self.t(text, where), style)

    def blocks(self, text: str, style: ParagraphStyle, where: str) -> list[Flowable]:
        return pdfkit.text_block(self.t(text, where), style)

    def cell(self, value: pdfkit.Cell, where: str) -> pdfkit.Cell:
        return value if isinstance(value, Flowable) else self.t(value, where)

    def facts(self, pairs: Sequence[tuple[str, pdfkit.Cell]], where: str) -> Flowable:
        return pdfkit.facts(
            [(label, self.cell(value, where)) for label, value in pairs],
            width=self.width,
            label_fraction=0.28,
        )

    def table(
        self,
        header: list[str],
        rows: Sequence[Sequence[pdfkit.Cell]],
        fractions: Sequence[float],
        where: str,
        *,
        split_rows: bool = True,
    ) -> Flowable:
        """A table whose column widths come from its content (``fractions`` weigh the spare
        room); ``split_rows=False`` keeps each row on one page."""
        cells = [[self.cell(c, where) for c in row] for row in rows]
        return pdfkit.table(
            header,
            cells,
            col_widths=pdfkit.content_widths(header, cells, self.width, fractions),
            split_rows=split_rows,
        )

    def h1(self, number: int, text: str) -> Paragraph:
        return pdfkit.para(f"{number}. {text}", self.s.h1)

    # sections ---------------------------------------------------------------------------------

    def late_text(self, pages: dict[str, int]) -> Callable[[str, int], str]:
        """Fills in the page count and exhibit pages once the pages are laid out."""

        def resolve(key: str, total: int) -> str:
            if key == "pages":
                return str(total)
            page = pages.get(key.removeprefix("exhibit:"))
            return str(page) if page else "—"

        return resolve
