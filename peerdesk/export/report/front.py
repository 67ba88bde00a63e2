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
from peerdesk.models.dates import long_date


def cover(c: ReportContext) -> list[Flowable]:
    s = c.s
    first = c.entries[0].incident.event_date
    last = c.entries[-1].incident.event_date
    start = c.period[0] or first
    end = c.period[1] or last
    rows = [
        (
            "Prepared by",
            pdfkit.para(c.t(c.r.author.strip() or "anonymous", "cover", names=False), s.cell),
        ),
        ("Organisation", c.r.organisation.strip() or "Not stated"),
        ("Period covered", f"{long_date(start)} to {long_date(end)}"),
        ("Entries", str(len(c.entries))),
        ("Generated", utc_text(c.generated_at)),
        ("Prepared for", c.p.label),
        ("Pages", pdfkit.LateText("pages", s.cell)),
        ("Report fingerprint", c.fingerprint),
    ]
    return [
        pdfkit.para(TITLE, c.centre_title),
        pdfkit.para(
            "CONFIDENTIAL",
            ParagraphStyle(
                "conf", parent=s.subtitle, fontName=pdfkit.FONT_BOLD, textColor=pdfkit.INK
            ),
        ),
        pdfkit.gap(18),
        c.facts(rows, "cover"),
        pdfkit.para(
            "This document contains personal information about the author and other "
            "people. It is given to the recipient named above for the purpose of raising "
            "or advising on a workplace concern. Please do not copy or pass it on without "
            "the author's agreement.",
            s.notice,
        ),
        PageBreak(),
    ]


def how_kept(c: ReportContext) -> list[Flowable]:
    s = c.s
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
    text += provenance.how_kept(c.entries)
    return [c.h1(2, "How this record was kept"), *[pdfkit.para(t, s.body) for t in text]]


def summary(c: ReportContext) -> list[Flowable]:
    incidents = [e.incident for e in c.entries]
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
            "; ".join(f"{c.person_name(pid)} ({n})" for pid, n in people.most_common()) or "None",
        ),
        (
            "Categories",
            "; ".join(
                f"{c} ({n})" for c, n in sorted(categories.items(), key=lambda kv: (-kv[1], kv[0]))
            )
            or "None recorded",
        ),
        ("Reported at the time", f"{reported} of {len(incidents)}"),
        ("After a complaint or report", f"{after} of {len(incidents)}"),
    ]
    return [c.h1(3, "Summary"), c.facts(rows, "summary")]


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
                "Yes" if person.holds_power else "No",
            ]
        )
    story: list[Flowable] = [c.h1(4, "People referred to")]
    if rows:
        story.append(
            c.table(
                ["Name", "Role", "Relationship", "Holds power over me"],
                rows,
                (0.3, 0.3, 0.22, 0.18),
                "cast list",
            )
        )
    else:
        story.append(pdfkit.para("No people from the cast list are referred to.", c.s.muted))
    return story


def chronology(c: ReportContext) -> list[Flowable]:
    rows = []
    for e in c.entries:
        i = e.incident
        delay = i.recording_delay_text() or ""
        place = i.channel.label + (f" — {i.place}" if i.place else "")
        rows.append(
            [
                str(e.number),
                event_when(i, short=True),
                f"{utc_text(i.recorded_at, short=True)}\n{number_with_unit(delay)}",
                place,
                ", ".join(c.person_name(p.person_id) for p in i.people) or "—",
                i.title,
                ", ".join(ex for ex, _ in e.exhibits) or "—",
            ]
        )
    provenance.mark_chronology(rows, c.entries)
    return [
        c.h1(5, "Chronology"),
        pdfkit.para(
            "Event times are as the author gave them (local time); recorded-at "
            "times were set by the computer (UTC).",
            c.s.muted,
        ),
        c.table(
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
            split_rows=False,
        ),
    ]
