"""The incidents in full (section 6): one entry each, in numbered paragraphs, with quotes set
apart and the amendments listed under the original."""

from __future__ import annotations

import itertools
import json

from reportlab.platypus import Flowable, PageBreak

from peerdesk.export import pdfkit
from peerdesk.export.report import provenance
from peerdesk.export.report.context import Entry, ReportContext, event_when, utc_text
from peerdesk.models.dates import long_date
from peerdesk.models.field_labels import REPORT_FIELD_WORDS
from peerdesk.models.incident_parts import ReportMade
from peerdesk.models.text import plural, visible_filename


def entry(c: ReportContext, e: Entry) -> list[Flowable]:
    s = c.s
    i = e.incident
    where = f"entry No. {e.number}"
    t = c.t
    story: list[Flowable] = []
    counter = 0

    def numbered(text: str, label: str = "") -> None:
        nonlocal counter
        for chunk in pdfkit.text_block(t(text, where), c.numbered):
            if not getattr(chunk, "continued", False):
                counter += 1
                chunk.bulletText = f"{e.number}.{counter}"
            story.append(chunk)

    def label(text: str) -> None:
        story.append(pdfkit.para(text, s.label))

    facts = [
        ("When", event_when(i)),
        ("Recorded", f"{utc_text(i.recorded_at)} ({i.recording_delay_text() or ''})"),
        ("Place or channel", i.channel.label + (f" — {i.place}" if i.place else "")),
        (
            "People",
            "; ".join(
                c.person_name(p.person_id)
                + (f" ({p.role_in_incident})" if p.role_in_incident else "")
                for p in i.people
            )
            or "None named",
        ),
        ("Categories", ", ".join(sorted(c.label for c in i.categories)) or "None recorded"),
    ]
    provenance.add_facts(facts, i)  # an imported entry: the source's claim, marked as such
    if i.after_complaint:
        days = i.days_after_complaint()
        facts.append(
            (
                "After a complaint",
                "Yes"
                + (
                    f", {plural(days, 'day')} after the complaint of {long_date(i.complaint_date)}"
                    if days is not None
                    else ""
                ),
            )
        )
    related = sorted(
        {c.by_id[r].number for r in i.related_incident_ids if r in c.by_id and r != i.id}
    )
    if related:
        facts.append(("Related entries", ", ".join(f"No. {n}" for n in related)))
    if c.p.include_severity_and_tags:
        facts.append(("Severity (my rating)", f"{i.severity} of 5"))
        if i.tags:
            facts.append(("My tags", ", ".join(i.tags)))
    story.append(
        pdfkit.keep_together(
            [
                pdfkit.para(f"Entry No. {e.number}: {t(i.title, where)}", s.h2),
                c.facts(facts, where),
            ]
        )
    )
    label("What happened")
    numbered(i.narrative or "Not written.")
    if i.quotes:
        label("Exact words")
        for q in i.quotes:
            story.append(pdfkit.para(f"“{t(q.text, where)}”", c.quote))
            speaker = (
                c.person_name(q.speaker_person_id, q.speaker_label)
                if q.speaker_person_id is not None
                else (q.speaker_label or "Unattributed")
            )
            story.append(pdfkit.para(f"— {t(speaker, where)}", c.attribution))
    if i.my_response:
        label("My response")
        numbered(i.my_response)
    if i.their_reaction:
        label("Their reaction")
        numbered(i.their_reaction)
    if i.witnesses:
        label("Witnesses")
        for w in i.witnesses:
            bits = [c.witness_name(w.person_id, w.name)]
            if w.where:
                bits.append(f"where: {w.where}")
            if w.reacted:
                bits.append(f"reaction: {w.reacted}")
            if w.willing_to_confirm is not None:
                bits.append("would confirm" if w.willing_to_confirm else "would not confirm")
            numbered("; ".join(bits))
    if i.told and c.p.include_told:
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
            numbered(report_made_text(rep))
    if i.attempts_to_stop:
        label("Attempts to stop it")
        numbered(i.attempts_to_stop)
    if c.p.include_impact and not i.impact.is_empty():
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
        numbered("; ".join(f"{ex}: {visible_filename(a.original_name)}" for ex, a in e.exhibits))
    if i.evidence_not_held and c.p.includes("evidence_not_held"):
        label("Evidence known but not held")
        for ev in i.evidence_not_held:
            numbered(
                ev.what
                + (f" — {ev.where}" if ev.where else "")
                + (f" (held by {ev.held_by})" if ev.held_by else "")
            )
    if c.p.include_private_reflection and i.private_reflection:
        label("Private reflection (the author's own note, included by choice)")
        story.extend(pdfkit.text_block(t(i.private_reflection, where), s.body))
    label("Amendments")
    amendments = _amendments(c, e)
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


def report_made_text(rep: ReportMade) -> str:
    """One report the author made, as the report and the read view word it."""
    text = rep.recipient.label
    if rep.recipient_detail:
        text += f" ({rep.recipient_detail})"
    text += f", {long_date(rep.reported_on, 'date not recorded')}"
    if rep.reference:
        text += f", reference {rep.reference}"
    if rep.outcome:
        text += f". Response or outcome: {rep.outcome}"
    return text


def _amendments(c: ReportContext, e: Entry) -> list[str]:
    out = []
    revisions = e.revisions
    hidden = {"private_reflection"} if not c.p.include_private_reflection else set()
    if not c.p.include_severity_and_tags:
        hidden |= {"severity", "tags"}
    if not c.p.include_impact:
        hidden.add("impact")
    if not c.p.include_told:
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
            f"Revision {after.number}, saved {utc_text(after.saved_at)}"
            + (f": changed {what}." if what else ".")
        )
    return out


def incidents(c: ReportContext) -> list[Flowable]:
    story: list[Flowable] = [PageBreak(), c.h1(6, "The incidents in full")]
    for e in c.entries:
        story.extend(entry(c, e))
    return story
