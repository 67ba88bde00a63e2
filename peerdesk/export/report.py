"""The incident report as a PDF (REPORTING.md, "The incident report", sections 1-12).

A document for HR, a union representative, a lawyer or a tribunal, shaped by a recipient
profile (:mod:`peerdesk.models.report`): cover; how this record was kept; summary; cast list;
chronology; incidents in full (numbered paragraphs); reports made; impact summary; exhibit
index with the images reproduced after it; evidence known but not held; redaction log;
integrity appendix (chain heads and the manifest fingerprint); statement of truth.

The document is laid out once: the page count on the cover and the page each exhibit lands on
are written into space kept for them when the pages are saved (:class:`pdfkit.LateText`).
Private reflections never appear unless the profile includes them. Characters no bundled font
can show are printed as ``[U+XXXX]`` and listed in a note, never as silent boxes.

Export never reads a vault: the caller reads what the report is made from (a
:class:`~peerdesk.models.report_source.ReportSource`, which the storage layer's
``read_report_source`` fills) and passes it in.
"""

from __future__ import annotations

import io
import itertools
import json
import unicodedata
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Image, PageBreak, Paragraph

from peerdesk import __version__
from peerdesk.export import pdfkit
from peerdesk.export.pdfkit import Paper, PdfError, minutes_label
from peerdesk.models.attachment import Attachment
from peerdesk.models.dates import clock, long_date
from peerdesk.models.field_labels import REPORT_FIELD_WORDS
from peerdesk.models.incident import Incident
from peerdesk.models.incident_parts import ReportMade
from peerdesk.models.integrity import manifest_fingerprint
from peerdesk.models.names import NameMatcher, NameSpan
from peerdesk.models.person import Person
from peerdesk.models.report import LAWYER, RecipientProfile, redactions
from peerdesk.models.report_source import REPORT_IMAGE_TYPES, ExhibitImage, ReportSource
from peerdesk.models.text import plural, visible_filename

TITLE = "Record of workplace incidents"
SUBJECT = "Incident report"


@dataclass(frozen=True, kw_only=True)
class ReportRequest:
    """How to write the report: shaped by ``profile``, on ``paper``, signed by ``author``
    (the entries come from a :class:`~peerdesk.models.report_source.ReportSource`)."""

    profile: RecipientProfile = LAWYER
    paper: Paper = "a4"
    author: str = ""  # the user's name; empty means "anonymous"
    organisation: str = ""
    password: str | None = None


@dataclass(frozen=True, kw_only=True)
class ReportFacts:
    """What a laid-out report says about itself (also what its date receipt is made of)."""

    pages: int
    manifest_fingerprint: str
    entries: int
    generated_at: datetime
    exhibit_pages: dict[str, int] = field(default_factory=dict)
    unshown_characters: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class ReportResult(ReportFacts):
    """A report saved as a file."""

    path: Path


class EmptyReport(PdfError):
    """No entries matched: nothing to report."""


def date_receipt(result: ReportFacts) -> str:
    """A short text the user may send to themselves: fingerprint, count, date; no content."""
    when = result.generated_at.astimezone(UTC)
    return (
        "PeerDesk date receipt\n"
        f"Report manifest fingerprint (SHA-256): {result.manifest_fingerprint}\n"
        f"Entries: {result.entries}\n"
        f"Date: {long_date(when.date())} {clock(when)} UTC\n"
        "This receipt holds no content: it shows that a record with this fingerprint existed "
        "on this date."
    )


# -- helpers ---------------------------------------------------------------------------------------


def initials(name: str) -> str:
    """``Jane van Dyke`` -> ``J. v. D.``; text already short is kept."""
    words = [w for w in name.replace(".", " ").split() if w]
    if not words:
        return "?"
    return " ".join(w[0] + "." for w in words)


def _utc_text(moment: datetime | None) -> str:
    if moment is None:
        return ""
    m = moment.astimezone(UTC)
    return f"{long_date(m.date())}, {clock(m)} UTC"


def _event_when(incident: Incident) -> str:
    text = long_date(incident.event_date)
    if incident.event_time is not None:
        text += f", {clock(incident.event_time)}"
        end = incident.end_time()
        if end is not None:
            text += f"–{clock(end)}"
    elif incident.duration_minutes is not None:
        text += f" ({minutes_label(incident.duration_minutes)})"
    if incident.approximate:
        text += " (approximate)"
    return text


class _Mark(Flowable):  # type: ignore[misc]
    """Records the page it lands on (for the exhibit index)."""

    def __init__(self, key: str, pages: dict[str, int]) -> None:
        super().__init__()
        self.key = key
        self.pages = pages

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.pages[self.key] = self.canv.getPageNumber()


class _Glyphs:
    """Prepares user text for the page: names the profile shortens are shortened wherever
    any part of them appears (:meth:`shorten`, :mod:`peerdesk.models.names`); characters the
    font cannot show become ``[U+XXXX]`` and are remembered."""

    def __init__(self) -> None:
        pdfkit.register_fonts()
        self.missing: dict[str, set[str]] = {}
        self.right_to_left: set[str] = set()
        self._matcher = NameMatcher(())
        self._short: set[str] = set()

    def shorten(self, everyone: set[str], names: set[str]) -> None:
        """Among ``everyone`` (all names that may appear), replace each of ``names``, and any
        part of it, by initials. A full name of someone not shortened stays as written."""
        self._matcher = NameMatcher(sorted(everyone | names))
        self._short = {" ".join(n.split()) for n in names}

    def _replacement(self, span: NameSpan, text: str) -> str:
        short = [n for n in span.names if n in self._short]
        if not short:
            return text
        if len(short) == len(span.names) and len({initials(n) for n in short}) == 1:
            return initials(short[0])
        return initials(text)  # shared with someone else: only the part's own initials

    def _shortened(self, value: str) -> str:
        if not self._short:
            return value
        out: list[str] = []
        at = 0
        for span in self._matcher.spans(value):
            out.append(value[at : span.start])
            out.append(self._replacement(span, value[span.start : span.end]))
            at = span.end
        return "".join(out) + value[at:] if out else value

    def __call__(self, text: object, where: str = "", *, names: bool = True) -> str:
        value = "" if text is None else str(text)
        if names:
            value = self._shortened(value)
        if all(ord(c) < 0x250 for c in value):
            return value
        if any(unicodedata.bidirectional(c) in ("R", "AL") for c in value):
            self.right_to_left.add(where or "text")
        if all(ord(c) < 0x250 or pdfkit.can_print(c) for c in value):
            return value
        out = []
        for char in value:
            code = ord(char)
            if pdfkit.can_print(char) or 0xD800 <= code <= 0xDFFF:
                out.append(char)
            else:
                out.append(f"[U+{code:04X}]")
                self.missing.setdefault(where or "text", set()).add(f"U+{code:04X}")
        return "".join(out)


@dataclass
class _Entry:
    number: int  # sequence in the report
    incident: Incident
    revisions: list[Any]
    head: str
    revision_count: int
    exhibits: list[tuple[str, Attachment]]


# -- the document ----------------------------------------------------------------------------------


class _Builder:
    def __init__(
        self,
        request: ReportRequest,
        entries: list[_Entry],
        people: dict[int, Person],
        images: Mapping[int, ExhibitImage],
        generated_at: datetime,
        fingerprint: str,
        withdrawn: int = 0,
    ) -> None:
        self.r = request
        self.withdrawn = withdrawn  # entries of the selection withdrawn as made in error
        self.p = request.profile
        self.entries = entries
        self.people = people
        self.images = images
        self.generated_at = generated_at
        self.fingerprint = fingerprint
        self.period: tuple[date | None, date | None] = (None, None)
        self.t = _Glyphs()
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
        self.quote = ParagraphStyle(
            "quote",
            parent=body,
            fontName=pdfkit.FONT_ITALIC,
            leftIndent=52,
            rightIndent=24,
            spaceBefore=2,
            spaceAfter=2,
        )
        self.attribution = ParagraphStyle(
            "attribution", parent=self.s.muted, leftIndent=52, spaceAfter=8
        )
        self.centre_title = ParagraphStyle(
            "cover_title",
            parent=self.s.title,
            fontSize=24,
            leading=30,
            spaceBefore=60,
            spaceAfter=10,
        )
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
            return "Unknown person"
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
        return name or "Unnamed witness"

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
    ) -> Flowable:
        return pdfkit.table(
            header,
            [[self.cell(c, where) for c in row] for row in rows],
            col_widths=pdfkit.widths(self.width, fractions),
        )

    def h1(self, number: int, text: str) -> Paragraph:
        return pdfkit.para(f"{number}. {text}", self.s.h1)

    # sections ---------------------------------------------------------------------------------

    def cover(self) -> list[Flowable]:
        s = self.s
        first = self.entries[0].incident.event_date
        last = self.entries[-1].incident.event_date
        start = self.period[0] or first
        end = self.period[1] or last
        rows = [
            (
                "Prepared by",
                pdfkit.para(
                    self.t(self.r.author.strip() or "anonymous", "cover", names=False), s.cell
                ),
            ),
            ("Organisation", self.r.organisation.strip() or "Not stated"),
            ("Period covered", f"{long_date(start)} to {long_date(end)}"),
            ("Entries", str(len(self.entries))),
            ("Generated", _utc_text(self.generated_at)),
            ("Prepared for", self.p.label),
            ("Pages", pdfkit.LateText("pages", s.cell)),
            ("Report fingerprint", self.fingerprint),
        ]
        return [
            pdfkit.para(TITLE, self.centre_title),
            pdfkit.para(
                "CONFIDENTIAL",
                ParagraphStyle(
                    "conf", parent=s.subtitle, fontName=pdfkit.FONT_BOLD, textColor=pdfkit.INK
                ),
            ),
            pdfkit.gap(18),
            self.facts(rows, "cover"),
            pdfkit.para(
                "This document contains personal information about the author and other "
                "people. It is given to the recipient named above for the purpose of raising "
                "or advising on a workplace concern. Please do not copy or pass it on without "
                "the author's agreement.",
                s.notice,
            ),
            PageBreak(),
        ]

    def how_kept(self) -> list[Flowable]:
        s = self.s
        text = [
            "Each entry in this record was written in PeerDesk, a private journal kept in an "
            "encrypted file on the author's own computer.",
            "When an entry is first saved, PeerDesk sets its “recorded at” time from the "
            "computer's clock. The author cannot edit it. The chronology shows, for every "
            "entry, both when the event happened and when it was first written down, and the "
            "delay between the two.",
            "Entries can be changed later, but a change never overwrites what was there: each "
            "saved state is kept as a dated revision. Where an entry was amended, this report "
            "lists the amendments and their dates under the entry.",
            "Every revision is fingerprinted (SHA-256) together with the fingerprint of the "
            "revision before it, forming a chain. What this proves: if an earlier revision "
            "were changed, removed or reordered, the chain would no longer match, unless every "
            "later fingerprint were recomputed. A fingerprint of the whole report (on the cover "
            "and in the integrity appendix) can be sent to someone else on the day, as a "
            "“date receipt”; it then shows that this record existed in this form on that date.",
            "What this does not prove: the fingerprints are not a trusted third-party "
            "timestamp. The recorded-at times come from the author's computer clock, and "
            "someone with access to the journal could rebuild a whole chain. The fingerprints "
            "make later changes visible; they do not, on their own, show that what was "
            "written is true.",
        ]
        return [self.h1(2, "How this record was kept"), *[pdfkit.para(t, s.body) for t in text]]

    def summary(self) -> list[Flowable]:
        incidents = [e.incident for e in self.entries]
        people = Counter(p.person_id for i in incidents for p in i.people)
        categories = Counter(c.label for i in incidents for c in i.categories)
        reported = sum(1 for i in incidents if i.reports)
        after = sum(1 for i in incidents if i.after_complaint)
        rows = [
            ("Number of incidents", str(len(incidents))),
            (
                "Period",
                f"{long_date(incidents[0].event_date)} to {long_date(incidents[-1].event_date)}",
            ),
            (
                "People involved",
                "; ".join(f"{self.person_name(pid)} ({n})" for pid, n in people.most_common())
                or "None",
            ),
            (
                "Categories",
                "; ".join(
                    f"{c} ({n})"
                    for c, n in sorted(categories.items(), key=lambda kv: (-kv[1], kv[0]))
                )
                or "None recorded",
            ),
            ("Reported at the time", f"{reported} of {len(incidents)}"),
            ("After a complaint or report", f"{after} of {len(incidents)}"),
        ]
        return [self.h1(3, "Summary"), self.facts(rows, "summary")]

    def cast_list(self) -> list[Flowable]:
        ids = sorted(
            {p.person_id for e in self.entries for p in e.incident.people}
            | {
                w.person_id
                for e in self.entries
                for w in e.incident.witnesses
                if w.person_id is not None
            }
            | {
                q.speaker_person_id
                for e in self.entries
                for q in e.incident.quotes
                if q.speaker_person_id is not None
            },
            key=lambda pid: self.person_name(pid).lower(),
        )
        rows = []
        for pid in ids:
            person = self.people.get(pid)
            if person is None:
                continue
            rows.append(
                [
                    self.person_name(pid),
                    person.role or "—",
                    person.relationship.label,
                    "Yes" if person.holds_power else "No",
                ]
            )
        story: list[Flowable] = [self.h1(4, "People referred to")]
        if rows:
            story.append(
                self.table(
                    ["Name", "Role", "Relationship", "Holds power over me"],
                    rows,
                    (0.3, 0.3, 0.22, 0.18),
                    "cast list",
                )
            )
        else:
            story.append(pdfkit.para("No people from the cast list are referred to.", self.s.muted))
        return story

    def chronology(self) -> list[Flowable]:
        rows = []
        for e in self.entries:
            i = e.incident
            delay = i.recording_delay_text() or ""
            place = i.channel.label + (f" — {i.place}" if i.place else "")
            rows.append(
                [
                    str(e.number),
                    _event_when(i),
                    f"{_utc_text(i.recorded_at)}\n{delay}",
                    place,
                    ", ".join(self.person_name(p.person_id) for p in i.people) or "—",
                    i.title,
                    ", ".join(ex for ex, _ in e.exhibits) or "—",
                ]
            )
        return [
            self.h1(5, "Chronology"),
            pdfkit.para(
                "Event times are as the author gave them (local time); recorded-at "
                "times were set by the computer (UTC).",
                self.s.muted,
            ),
            self.table(
                [
                    "No.",
                    "Event",
                    "Recorded",
                    "Place or channel",
                    "People",
                    "Short description",
                    "Exhibit",
                ],
                rows,
                (0.075, 0.15, 0.17, 0.14, 0.13, 0.225, 0.11),
                "chronology",
            ),
        ]

    def entry(self, e: _Entry) -> list[Flowable]:
        s = self.s
        i = e.incident
        where = f"entry {e.number}"
        t = self.t
        story: list[Flowable] = []
        counter = 0

        def numbered(text: str, label: str = "") -> None:
            nonlocal counter
            for chunk in pdfkit.text_block(t(text, where), self.numbered):
                counter += 1
                chunk.bulletText = f"{e.number}.{counter}"
                story.append(chunk)

        def label(text: str) -> None:
            story.append(pdfkit.para(text, s.label))

        facts = [
            ("Record number", str(i.record_number)),
            ("When", _event_when(i)),
            ("Recorded", f"{_utc_text(i.recorded_at)} ({i.recording_delay_text() or ''})"),
            ("Place or channel", i.channel.label + (f" — {i.place}" if i.place else "")),
            (
                "People",
                "; ".join(
                    self.person_name(p.person_id)
                    + (f" ({p.role_in_incident})" if p.role_in_incident else "")
                    for p in i.people
                )
                or "None named",
            ),
            ("Categories", ", ".join(sorted(c.label for c in i.categories)) or "None recorded"),
        ]
        if i.after_complaint:
            days = i.days_after_complaint()
            facts.append(
                (
                    "After a complaint",
                    "Yes"
                    + (
                        f", {plural(days, 'day')} after the complaint of "
                        f"{long_date(i.complaint_date)}"
                        if days is not None
                        else ""
                    ),
                )
            )
        related = [
            str(x.number) for x in self.entries if x.incident.id in set(i.related_incident_ids)
        ]
        if related:
            facts.append(("Related entries", ", ".join(related)))
        if self.p.include_severity_and_tags:
            facts.append(("Severity (my rating)", f"{i.severity} of 5"))
            if i.tags:
                facts.append(("My tags", ", ".join(i.tags)))
        story.append(
            pdfkit.keep_together(
                [
                    pdfkit.para(f"Entry {e.number}: {t(i.title, where)}", s.h2),
                    self.facts(facts, where),
                ]
            )
        )
        label("What happened")
        numbered(i.narrative or "Not written.")
        if i.quotes:
            label("Exact words")
            for q in i.quotes:
                story.append(pdfkit.para(f"“{t(q.text, where)}”", self.quote))
                speaker = (
                    self.person_name(q.speaker_person_id, q.speaker_label)
                    if q.speaker_person_id is not None
                    else (q.speaker_label or "Unattributed")
                )
                story.append(pdfkit.para(f"— {t(speaker, where)}", self.attribution))
        if i.my_response:
            label("My response")
            numbered(i.my_response)
        if i.their_reaction:
            label("Their reaction")
            numbered(i.their_reaction)
        if i.witnesses:
            label("Witnesses")
            for w in i.witnesses:
                bits = [self.witness_name(w.person_id, w.name)]
                if w.where:
                    bits.append(f"where: {w.where}")
                if w.reacted:
                    bits.append(f"reaction: {w.reacted}")
                if w.willing_to_confirm is not None:
                    bits.append("would confirm" if w.willing_to_confirm else "would not confirm")
                numbered("; ".join(bits))
        if i.told and self.p.include_told:
            label("Who I told afterwards")
            for told in i.told:
                numbered(
                    told.who
                    + (f", {long_date(told.when)}" if told.when else "")
                    + (f", {told.how}" if told.how else "")
                )
        if i.reports:
            label("Reports made")
            for rep in i.reports:
                numbered(self._report_text(rep))
        if i.attempts_to_stop:
            label("Attempts to stop it")
            numbered(i.attempts_to_stop)
        if self.p.include_impact and not i.impact.is_empty():
            label("Impact")
            for name, value in (
                ("Emotional", i.impact.emotional),
                ("Physical", i.impact.physical),
                ("On work", i.impact.work),
                ("At home", i.impact.home),
            ):
                if value:
                    numbered(f"{name}: {value}")
            if i.impact.sought_help:
                numbered(
                    "Help sought: "
                    + i.impact.sought_help
                    + (
                        f" ({long_date(i.impact.sought_help_date)})"
                        if i.impact.sought_help_date
                        else ""
                    )
                )
        if e.exhibits:
            label("Exhibits")
            numbered(
                "; ".join(f"{ex}: {visible_filename(a.original_name)}" for ex, a in e.exhibits)
            )
        if i.evidence_not_held and self.p.includes("evidence_not_held"):
            label("Evidence known but not held")
            for ev in i.evidence_not_held:
                numbered(
                    ev.what
                    + (f" — {ev.where}" if ev.where else "")
                    + (f" (held by {ev.held_by})" if ev.held_by else "")
                )
        if self.p.include_private_reflection and i.private_reflection:
            label("Private reflection (the author's own note, included by choice)")
            story.extend(pdfkit.text_block(t(i.private_reflection, where), s.body))
        label("Amendments")
        amendments = self._amendments(e)
        if amendments:
            story.extend(pdfkit.para(a, s.small) for a in amendments)
        else:
            story.append(
                pdfkit.para(
                    "None: this entry has not been changed since it was first recorded.", s.muted
                )
            )
        story.append(pdfkit.gap(8))
        return story

    def _report_text(self, rep: ReportMade) -> str:
        text = rep.recipient.label
        if rep.recipient_detail:
            text += f" ({rep.recipient_detail})"
        text += f", {long_date(rep.reported_on, 'date not recorded')}"
        if rep.reference:
            text += f", reference {rep.reference}"
        if rep.outcome:
            text += f". Response or outcome: {rep.outcome}"
        return text

    def _amendments(self, e: _Entry) -> list[str]:
        out = []
        revisions = e.revisions
        hidden = {"private_reflection"} if not self.p.include_private_reflection else set()
        if not self.p.include_severity_and_tags:
            hidden |= {"severity", "tags"}
        if not self.p.include_impact:
            hidden.add("impact")
        if not self.p.include_told:
            hidden.add("told")
        for before, after in itertools.pairwise(revisions):
            changed: list[str] = []
            try:
                old, new = json.loads(before.payload), json.loads(after.payload)
                keys = [k for k in REPORT_FIELD_WORDS if old.get(k) != new.get(k)]
                changed = [REPORT_FIELD_WORDS[k] for k in keys if k not in hidden]
                other = any(old.get(k) != new.get(k) for k in hidden)
            except (ValueError, AttributeError):
                other = False
            what = ", ".join(changed) if changed else ""
            if other:
                what = (what + ", " if what else "") + "a part not included in this version"
            out.append(
                f"Revision {after.number}, saved {_utc_text(after.saved_at)}"
                + (f": changed {what}." if what else ".")
            )
        return out

    def incidents(self) -> list[Flowable]:
        story: list[Flowable] = [PageBreak(), self.h1(6, "The incidents in full")]
        for e in self.entries:
            story.extend(self.entry(e))
        return story

    def reports_made(self) -> list[Flowable]:
        rows = []
        for e in self.entries:
            for rep in e.incident.reports:
                rows.append(
                    (
                        rep.reported_on or date.max,
                        e.number,
                        [
                            long_date(rep.reported_on, "Not recorded"),
                            str(e.number),
                            rep.recipient.label
                            + (f" ({rep.recipient_detail})" if rep.recipient_detail else ""),
                            rep.reference or "—",
                            rep.outcome or "No response recorded",
                        ],
                    )
                )
        rows.sort(key=lambda r: (r[0], r[1]))
        story: list[Flowable] = [self.h1(7, "Reports made and responses")]
        if rows:
            story.append(
                self.table(
                    ["Date", "Entry", "To", "Reference", "Response or outcome"],
                    [r[2] for r in rows],
                    (0.16, 0.1, 0.2, 0.15, 0.39),
                    "reports made",
                )
            )
        else:
            story.append(pdfkit.para("No reports were recorded.", self.s.muted))
        return story

    def impact_summary(self) -> list[Flowable]:
        rows = []
        for e in self.entries:
            im = e.incident.impact
            if im.is_empty():
                continue
            parts = [
                f"{n}: {v}"
                for n, v in (
                    ("Emotional", im.emotional),
                    ("Physical", im.physical),
                    ("Work", im.work),
                    ("Home", im.home),
                )
                if v
            ]
            if im.sought_help:
                parts.append(
                    f"Help sought: {im.sought_help}"
                    + (f" ({long_date(im.sought_help_date)})" if im.sought_help_date else "")
                )
            rows.append([str(e.number), long_date(e.incident.event_date), "\n".join(parts)])
        story: list[Flowable] = [self.h1(8, "Impact summary")]
        if rows:
            story.append(
                self.table(["Entry", "Date", "Impact"], rows, (0.1, 0.18, 0.72), "impact summary")
            )
        else:
            story.append(pdfkit.para("No impact was recorded.", self.s.muted))
        return story

    def exhibit_index(self) -> list[Flowable]:
        rows = []
        for e in self.entries:
            for ex, a in e.exhibits:
                shown = self._shows_image(a)
                rows.append(
                    [
                        ex,
                        str(e.number),
                        a.description or "—",
                        visible_filename(a.original_name),
                        long_date(a.added_at.date()) if a.added_at else "—",
                        a.sha256,
                        pdfkit.LateText(f"exhibit:{ex}", self.s.cell)
                        if shown
                        else "not reproduced",
                    ]
                )
        story: list[Flowable] = [PageBreak(), self.h1(9, "Exhibits")]
        if rows:
            story.append(
                self.table(
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
                    self.s.muted,
                )
            )
        else:
            story.append(pdfkit.para("No exhibits are attached to these entries.", self.s.muted))
        return story

    def _shows_image(self, a: Attachment) -> bool:
        return self.p.include_exhibit_images and a.media_type in REPORT_IMAGE_TYPES

    def exhibit_images(self, pages: dict[str, int]) -> list[Flowable]:
        story: list[Flowable] = []
        max_w = self.width
        max_h = pdfkit.page_size(self.r.paper)[1] * 0.55
        for e in self.entries:
            for ex, a in e.exhibits:
                if not self._shows_image(a) or a.id is None:
                    continue
                size = self.images.get(a.id)
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
                            _Mark(ex, pages),
                            pdfkit.para(
                                f"Exhibit {ex} (entry {e.number}): "
                                f"{self.t(visible_filename(a.original_name), 'exhibits')}",
                                self.s.h2,
                            ),
                            self.para(a.description, self.s.muted, "exhibits")
                            if a.description
                            else pdfkit.gap(2),
                            image,
                            pdfkit.para(f"SHA-256 {a.sha256}", self.s.muted),
                        ]
                    )
                )
        return story

    def evidence_not_held(self) -> list[Flowable]:
        rows = [
            [str(e.number), ev.what, ev.where or "—", ev.held_by or "—"]
            for e in self.entries
            for ev in e.incident.evidence_not_held
        ]
        story: list[Flowable] = [
            pdfkit.para("Evidence known but not held", self.s.h2),
            pdfkit.para(
                "Evidence the author knows exists but does not "
                "hold; it may be requested in disclosure or by a "
                "subject access request.",
                self.s.muted,
            ),
        ]
        if rows:
            story.append(
                self.table(
                    ["Entry", "What", "Where", "Held by"],
                    rows,
                    (0.1, 0.4, 0.25, 0.25),
                    "evidence not held",
                )
            )
        else:
            story.append(pdfkit.para("None recorded.", self.s.muted))
        return story

    def redaction_log(self) -> list[Flowable]:
        lines = redactions(self.p)
        story: list[Flowable] = [
            self.h1(10, "What this version leaves out"),
            pdfkit.para(
                f"This report was prepared with the profile “{self.t(self.p.label)}”.", self.s.body
            ),
        ]
        if lines:
            story.extend(
                pdfkit.para(f"• {self.t(line, 'redaction log')}", self.s.body) for line in lines
            )
        else:
            story.append(pdfkit.para("Nothing was left out.", self.s.body))
        return story

    def integrity(self) -> list[Flowable]:
        rows = [
            [str(e.number), str(e.incident.record_number), str(e.revision_count), e.head]
            for e in self.entries
        ]
        return [
            PageBreak(),
            self.h1(11, "Integrity appendix"),
            self.facts(
                [
                    ("Report fingerprint (manifest)", self.fingerprint),
                    ("Entries", str(len(self.entries))),
                    ("Written with", f"PeerDesk {__version__}"),
                    ("Generated", _utc_text(self.generated_at)),
                ],
                "integrity",
            ),
            pdfkit.gap(8),
            self.table(
                [
                    "Entry",
                    "Record no.",
                    "Revisions",
                    "Fingerprint of the latest revision (chain head)",
                ],
                rows,
                (0.1, 0.13, 0.14, 0.63),
                "integrity",
            ),
            *self._withdrawn_note(),
            pdfkit.para("How to verify", self.s.h2),
            pdfkit.para(
                "1. The chain head of each entry is the SHA-256 fingerprint of its latest "
                "revision, which includes the fingerprint of the revision before it. To "
                "compare, open the same journal with PeerDesk and run “peerdesk check VAULT "
                "--verbose” (VAULT is the journal's file), or press “Verify history” in the "
                "Journal. Both recompute every chain and list each entry with the columns "
                "“Record no.”, “Revisions”, “Withdrawn” and “Chain head”. “Record no.” is the "
                "number PeerDesk shows for the entry (“No.” in the journal list). For each row "
                "above, the line with the same record number must show the same revisions and "
                "chain head. If the entry was changed after this report was made, it shows "
                "more revisions and a different chain head, and “History of changes” in "
                "PeerDesk lists each change.",
                self.s.body,
            ),
            pdfkit.para(
                "2. The report fingerprint is the SHA-256 of the line “peerdesk-manifest-v1” "
                "followed by one line per entry, sorted by record number as text: the record "
                "number, a tab, and its chain head. It can be recomputed from the table above "
                "with any SHA-256 tool.",
                self.s.body,
            ),
            pdfkit.para(
                "3. If the author sent a date receipt with this fingerprint to someone else "
                "(for example by email), that message shows the record existed in this form "
                "on that date. The fingerprint holds no content.",
                self.s.body,
            ),
            pdfkit.para(
                "4. Each exhibit's SHA-256 in the exhibit index can be checked against the "
                "original file.",
                self.s.body,
            ),
        ]

    def _withdrawn_note(self) -> list[Flowable]:
        """How many entries of the selection the author withdrew; never their content."""
        n = self.withdrawn
        if n == 0:
            return []
        text = (
            "1 entry was withdrawn by the author as made in error; its content is not in "
            "this report."
            if n == 1
            else f"{n} entries were withdrawn by the author as made in error; their content is "
            "not in this report."
        )
        return [pdfkit.gap(6), pdfkit.para(text, self.s.body)]

    def font_note(self) -> list[Flowable]:
        story: list[Flowable] = []
        if self.t.right_to_left:
            found = ", ".join(sorted(self.t.right_to_left))
            if pdfkit.shaping_available():
                text = (
                    "Some text is in a right-to-left script (such as Arabic or Hebrew). "
                    "It is printed right to left with its letters joined, one line at a "
                    "time; where it is mixed with left-to-right text, punctuation at the "
                    "edge of a run may stand on the other side. The journal keeps the "
                    f"original text. Found in: {found}."
                )
            else:
                text = (
                    "Some text is in a right-to-left script (such as Arabic or Hebrew). "
                    "This installation cannot shape it, so it is printed letter by letter "
                    "in the order it was stored, without joining letters or reversing "
                    "the line; the journal keeps the original text. Found in: "
                    f"{found}."
                )
            story += [pdfkit.para("Right-to-left text", self.s.h2), pdfkit.para(text, self.s.body)]
        if not self.t.missing:
            return story
        lines = [
            f"{where}: {', '.join(sorted(codes)[:12])}" + (" and others" if len(codes) > 12 else "")
            for where, codes in sorted(self.t.missing.items())
        ]
        return [
            *story,
            pdfkit.para("Characters that could not be printed", self.s.h2),
            pdfkit.para(
                "The fonts bundled with PeerDesk cannot show some characters (for "
                "example Korean script or emoji). They are printed as "
                "their Unicode code points in square brackets, e.g. [U+D55C], so "
                "nothing is lost silently. The journal itself keeps the original "
                "text.",
                self.s.body,
            ),
            *[pdfkit.para(line, self.s.small) for line in lines],
        ]

    def statement(self) -> list[Flowable]:
        s = self.s
        line = "_" * 44
        return [
            pdfkit.keep_together(
                [
                    self.h1(12, "Statement of truth"),
                    pdfkit.para(
                        "I believe that the facts stated in this record are true. The "
                        "entries were written by me at the times shown.",
                        s.body,
                    ),
                    pdfkit.gap(28),
                    pdfkit.para(f"Signed: {line}", s.body),
                    pdfkit.gap(16),
                    pdfkit.para(
                        f"Name: {self.t(self.r.author.strip(), names=False) or line}", s.body
                    ),
                    pdfkit.gap(16),
                    pdfkit.para(f"Date: {line}", s.body),
                ]
            )
        ]

    def late_text(self, pages: dict[str, int]) -> Callable[[str, int], str]:
        """Fills in the page count and exhibit pages once the pages are laid out."""

        def resolve(key: str, total: int) -> str:
            if key == "pages":
                return str(total)
            page = pages.get(key.removeprefix("exhibit:"))
            return str(page) if page else "—"

        return resolve

    def story(self, pages: dict[str, int]) -> list[Flowable]:
        self.t.missing.clear()
        self.t.right_to_left.clear()
        p = self.p
        story = self.cover() + self.how_kept() + self.summary()
        if p.includes("cast_list"):
            story += self.cast_list()
        story += self.chronology() + self.incidents()
        if p.includes("reports_made"):
            story += self.reports_made()
        if p.includes("impact_summary") and p.include_impact:
            story += self.impact_summary()
        if p.includes("exhibit_index"):
            story += self.exhibit_index()
        if p.includes("evidence_not_held"):
            story += self.evidence_not_held()
        if p.includes("exhibit_index"):
            story += self.exhibit_images(pages)
        story += self.redaction_log() + self.integrity()
        # The note is made last so that it lists characters from every section.
        story += self.statement()
        note = self.font_note()
        return story[:-1] + note + story[-1:] if note else story


# -- entry point -----------------------------------------------------------------------------------


class ReportCancelled(Exception):
    """The user stopped the report while it was being written; nothing was written."""


#: Progress is reported in these units: reading entries, then each layout pass.
PROGRESS_TOTAL = 1000
_READ_UNITS = 100


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
            raise ReportCancelled("The report was cancelled.")

    def at(self, done: int) -> None:
        self.check()
        done = max(0, min(PROGRESS_TOTAL, done))
        if self._progress is not None and done != self._last:
            self._last = done
            self._progress(done, PROGRESS_TOTAL)

    def reading(self, index: int, count: int) -> None:
        self.at(_READ_UNITS * index // max(1, count))

    def layout(self) -> Callable[[int, int], None]:
        share = PROGRESS_TOTAL - _READ_UNITS

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
) -> RenderedReport:
    """Lay the report on ``source``'s entries out in memory as ``request`` asks. Raises
    :class:`EmptyReport` when no entry matches and :class:`ReportCancelled` when
    ``should_stop()`` turns true; ``progress(done, total)`` follows the work (total
    :data:`PROGRESS_TOTAL`)."""
    meter = _Meter(progress, should_stop)
    meter.at(0)
    chosen = source.entries
    if not chosen:
        raise EmptyReport("No journal entries match: the report would be empty.")
    generated_at = (now or datetime.now(UTC)).astimezone(UTC)
    entries: list[_Entry] = []
    exhibit_no = 0
    for number, got in enumerate(chosen, start=1):
        meter.reading(number, len(chosen))
        if got.incident.id is None or not got.head:
            raise PdfError("An entry's revision history is missing; run the vault check.")
        exhibits = []
        for a in got.attachments:
            exhibit_no += 1
            exhibits.append((f"E{exhibit_no}", a))
        entries.append(
            _Entry(
                number, got.incident, list(got.revisions), got.head, got.revision_count, exhibits
            )
        )
    fingerprint = manifest_fingerprint((str(e.incident.record_number), e.head) for e in entries)
    people = {p.id: p for p in source.people if p.id is not None}
    builder = _Builder(
        request, entries, people, source.images, generated_at, fingerprint, source.withdrawn
    )
    builder.period = (source.date_from, source.date_to)
    pages: dict[str, int] = {}  # exhibit -> the page its image is on (filled while laid out)
    data, count = pdfkit.render_pdf(
        builder.story(pages),
        title=TITLE,
        paper=request.paper,
        password=request.password,
        subject=SUBJECT,
        progress=meter.layout(),
        late_text=builder.late_text(pages),
    )
    meter.at(PROGRESS_TOTAL)
    return RenderedReport(
        data=data,
        pages=count,
        manifest_fingerprint=fingerprint,
        entries=len(entries),
        generated_at=generated_at,
        exhibit_pages=dict(pages),
        unshown_characters=tuple(sorted({c for v in builder.t.missing.values() for c in v})),
        encrypted=request.password is not None,
        names=tuple(sorted(builder.all_names())),
    )


def build_report(
    source: ReportSource,
    request: ReportRequest,
    out: Path | str,
    *,
    now: datetime | None = None,
) -> ReportResult:
    """Write the report on ``source`` for ``request`` to ``out`` (atomically); raises
    :class:`EmptyReport` when no entry matches, :class:`PdfError` when the file cannot be
    written."""
    return render_report(source, request, now=now).saved_as(out)


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
    "initials",
    "plural",
    "render_report",
]
