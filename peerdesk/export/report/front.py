"""The report's front matter (sections 1-5): cover, how this record was kept, summary, the
people referred to, and the chronology."""

from __future__ import annotations

from collections import Counter

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, PageBreak

from peerdesk.export import pdfkit
from peerdesk.export.report import provenance
from peerdesk.export.report.context import ReportContext, event_when, number_with_unit, utc_text
from peerdesk.export.report.request import TITLE
from peerdesk.i18n import _, ngettext, pgettext
from peerdesk.models.dates import long_date


def period_text(start: object, end: object) -> str:
    """``3 March 2026 to 9 May 2026`` (dates in the report's language)."""
    # translators: a period of time on the report; {start} and {end} are long dates
    return _("{start} to {end}").format(start=start, end=end)


def cover(c: ReportContext) -> list[Flowable]:
    s = c.s
    first = c.entries[0].incident.event_date
    last = c.entries[-1].incident.event_date
    start = c.period[0] or first
    end = c.period[1] or last
    # translators: the cover's author line when the author gave no name
    author = c.r.author.strip() or _("anonymous")
    # translators: the labels of the report's cover page (a legal/HR document), each followed
    # by its value: who wrote it, their organisation, the dates the report covers, the number
    # of entries, when the PDF was made, the recipient, the number of pages, and the SHA-256
    # fingerprint of the records
    rows = [
        (
            _("Prepared by"),
            pdfkit.para(c.t(author, _("cover"), names=False), s.cell),
        ),
        # translators: the cover's organisation line when none was given
        (_("Organisation"), c.r.organisation.strip() or _("Not stated")),
        (_("Period covered"), period_text(long_date(start), long_date(end))),
        (_("Entries"), str(len(c.entries))),
        # translators: on the cover: when the report was generated
        (_("Generated"), utc_text(c.generated_at)),
        (_("Prepared for"), c.p.display_label),
        (_("Pages"), pdfkit.LateText("pages", s.cell)),
        (_("Report fingerprint"), c.fingerprint),
    ]
    return [
        pdfkit.para(_(TITLE), c.centre_title),
        pdfkit.para(
            # translators: the cover's marking of a confidential document (capitals if usual)
            _("CONFIDENTIAL"),
            ParagraphStyle(
                "conf", parent=s.subtitle, fontName=pdfkit.FONT_BOLD, textColor=pdfkit.INK
            ),
        ),
        pdfkit.gap(18),
        c.facts(rows, _("cover")),
        pdfkit.para(
            # translators: the confidentiality notice on the report's cover
            _(
                "This document contains personal information about the author and other "
                "people. It is given to the recipient named above for the purpose of raising "
                "or advising on a workplace concern. Please do not copy or pass it on without "
                "the author's agreement."
            ),
            s.notice,
        ),
        PageBreak(),
    ]


def how_kept(c: ReportContext) -> list[Flowable]:
    s = c.s
    # translators: section 2 of the report explains, for a tribunal or HR, how the record was
    # kept and what its fingerprints do and do not prove (keep the legal precision)
    text = [
        _(
            "Each entry in this record was written in PeerDesk, a private journal kept in an "
            "encrypted file on the author's own computer."
        ),
        _(
            "When an entry is first saved, PeerDesk sets its “recorded at” time from the "
            "computer's clock. The author cannot edit it. The chronology shows, for every "
            "entry, both when the event happened and when it was first written down, and the "
            "delay between the two."
        ),
        _(
            "Entries can be changed later, but a change never overwrites what was there: each "
            "saved state is kept as a dated revision. Where an entry was amended, this report "
            "lists the amendments and their dates under the entry."
        ),
        _(
            "Every revision is fingerprinted (SHA-256) together with the fingerprint of the "
            "revision before it, forming a chain. What this proves: if an earlier revision "
            "were changed, removed or reordered, the chain would no longer match, unless every "
            "later fingerprint were recomputed. A fingerprint of the whole report (on the cover "
            "and in the integrity appendix) can be sent to someone else on the day, as a "
            "“date receipt”; it then shows that this record existed in this form on that date."
        ),
        _(
            "What this does not prove: the fingerprints are not a trusted third-party "
            "timestamp. The recorded-at times come from the author's computer clock, and "
            "someone with access to the journal could rebuild a whole chain. The fingerprints "
            "make later changes visible; they do not, on their own, show that what was "
            "written is true."
        ),
    ]
    text += provenance.how_kept(c.entries)
    # translators: heading of section 2 of the report: how the journal was kept (methodology)
    heading = _("How this record was kept")
    return [c.h1(2, heading), *[pdfkit.para(t, s.body) for t in text]]


def summary(c: ReportContext) -> list[Flowable]:
    incidents = [e.incident for e in c.entries]
    people = Counter(p.person_id for i in incidents for p in i.people)
    categories = Counter(c.label for i in incidents for c in i.categories)
    reported = sum(1 for i in incidents if i.reports)
    after = sum(1 for i in incidents if i.after_complaint)
    total = len(incidents)
    # translators: a count on the summary: {count} of the {total} incidents
    of_total = ngettext("{count} of {total}", "{count} of {total}", total)
    # translators: a name or category with how many incidents it appears in, on the summary
    counted = _("{name} ({count})")
    # translators: the labels of the report's summary table (section 3)
    rows = [
        (_("Number of incidents"), str(total)),
        (
            # translators: the summary's period: from the first to the last incident
            pgettext("summary", "Period"),
            period_text(long_date(incidents[0].event_date), long_date(incidents[-1].event_date)),
        ),
        (
            _("People involved"),
            "; ".join(
                counted.format(name=c.person_name(pid), count=n) for pid, n in people.most_common()
            )
            # translators: no people are involved in any incident
            or pgettext("people", "None"),
        ),
        (
            _("Categories"),
            "; ".join(
                counted.format(name=k, count=n)
                for k, n in sorted(categories.items(), key=lambda kv: (-kv[1], kv[0]))
            )
            # translators: no categories were recorded for any incident
            or _("None recorded"),
        ),
        (
            # translators: how many incidents the author reported (to HR, a manager...) when
            # they happened
            _("Reported at the time"),
            of_total.format(count=reported, total=total),
        ),
        (
            # translators: how many incidents happened after the author had complained or
            # reported (relevant to victimisation/retaliation)
            _("After a complaint or report"),
            of_total.format(count=after, total=total),
        ),
    ]
    # translators: heading of section 3 of the report (an overview of the incidents)
    return [c.h1(3, _("Summary")), c.facts(rows, pgettext("part of the report", "summary"))]


def cast_list(c: ReportContext) -> list[Flowable]:
    ids = sorted(
        {p.person_id for e in c.entries for p in e.incident.people}
        | {w.person_id for e in c.entries for w in e.incident.witnesses if w.person_id is not None}
        | {
            q.speaker_person_id
            for e in c.entries
            for q in e.incident.quotes
            if q.speaker_person_id is not None
        },
        key=lambda pid: c.person_name(pid).lower(),
    )
    rows = []
    for pid in ids:
        person = c.people.get(pid)
        if person is None:
            continue
        rows.append(
            [
                c.person_name(pid),
                person.role or "—",
                person.relationship.label,
                # translators: in the cast list's column "Holds power over me"
                pgettext("holds power", "Yes")
                if person.holds_power
                else pgettext("holds power", "No"),
            ]
        )
    # translators: heading of section 4 of the report: the cast list (the people named in it)
    story: list[Flowable] = [c.h1(4, _("People referred to"))]
    if rows:
        story.append(
            c.table(
                # translators: the cast list's columns: a person's name, their job role, their
                # relationship to the author (manager, colleague...), and whether they have
                # power over the author (a manager, someone who decides on their job)
                [_("Name"), _("Role"), _("Relationship"), _("Holds power over me")],
                rows,
                (0.3, 0.3, 0.22, 0.18),
                # translators: a part of the report, named in its note on unprintable text
                _("cast list"),
            )
        )
    else:
        story.append(pdfkit.para(_("No people from the cast list are referred to."), c.s.muted))
    return story


def chronology(c: ReportContext) -> list[Flowable]:
    rows = []
    for e in c.entries:
        i = e.incident
        delay = i.recording_delay_text() or ""
        # translators: where an incident happened: the channel (in person, e-mail...) and the
        # place the author typed
        place = (
            _("{channel} — {place}").format(channel=i.channel.label, place=i.place)
            if i.place
            else i.channel.label
        )
        rows.append(
            [
                str(e.number),
                event_when(i, short=True),
                f"{utc_text(i.recorded_at, short=True)}\n{number_with_unit(delay)}",
                place,
                ", ".join(c.person_name(p.person_id) for p in i.people) or "—",
                i.title,
                ", ".join(ex for ex, _a in e.exhibits) or "—",
            ]
        )
    provenance.mark_chronology(rows, c.entries)
    return [
        # translators: heading of section 5 of the report: the incidents in date order, one
        # table row each (a legal "chronology", as in a tribunal bundle)
        c.h1(5, _("Chronology")),
        pdfkit.para(
            _(
                "Event times are as the author gave them (local time); recorded-at "
                "times were set by the computer (UTC)."
            ),
            c.s.muted,
        ),
        c.table(
            # translators: the chronology's columns: the entry's number, when the event
            # happened, when it was first recorded, where, who, a short description, and the
            # exhibits (evidence) attached to it
            [
                pgettext("column", "No."),
                pgettext("column", "Event"),
                pgettext("column", "Recorded"),
                _("Place or channel"),
                pgettext("column", "People"),
                _("Short description"),
                pgettext("column", "Exhibit"),
            ],
            rows,
            (0.075, 0.15, 0.17, 0.14, 0.13, 0.225, 0.11),
            # translators: a part of the report, named in its note on unprintable text
            pgettext("part of the report", "chronology"),
            split_rows=False,
        ),
    ]
