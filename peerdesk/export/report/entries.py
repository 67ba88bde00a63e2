"""The incidents in full (section 6): one entry each, in numbered paragraphs, with quotes set
apart and the amendments listed under the original."""

from __future__ import annotations

import itertools
import json

from reportlab.platypus import Flowable, PageBreak

from peerdesk.export import pdfkit
from peerdesk.export.report import provenance
from peerdesk.export.report.context import Entry, ReportContext, event_when, utc_text
from peerdesk.i18n import N_, _, ngettext, pgettext
from peerdesk.models.dates import long_date
from peerdesk.models.field_labels import REPORT_FIELD_WORDS
from peerdesk.models.incident_parts import ReportMade
from peerdesk.models.text import visible_filename


def entry(c: ReportContext, e: Entry) -> list[Flowable]:
    s = c.s
    i = e.incident
    # translators: a part of the report, named in its note on unprintable text; {number} is
    # the entry's record number
    where = _("entry No. {number}").format(number=e.number)
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

    # translators: a person and their role in this incident (e.g. "J. Smith (witness)")
    with_role = _("{name} ({role})")
    # translators: the labels of an entry's facts in the report: when it happened, when it
    # was first recorded (and how long after), where, who, which kinds of incident
    facts = [
        (pgettext("entry fact", "When"), event_when(i)),
        (
            pgettext("entry fact", "Recorded"),
            # translators: when an entry was first recorded, and the delay after the event
            _("{moment} ({delay})").format(
                moment=utc_text(i.recorded_at), delay=i.recording_delay_text() or ""
            ),
        ),
        (
            _("Place or channel"),
            # translators: the channel (in person, e-mail...) and the place the author typed
            _("{channel} — {place}").format(channel=i.channel.label, place=i.place)
            if i.place
            else i.channel.label,
        ),
        (
            pgettext("entry fact", "People"),
            "; ".join(
                with_role.format(name=c.person_name(p.person_id), role=p.role_in_incident)
                if p.role_in_incident
                else c.person_name(p.person_id)
                for p in i.people
            )
            # translators: an entry names no people
            or _("None named"),
        ),
        (
            _("Categories"),
            # translators: an entry has no categories
            ", ".join(sorted(k.label for k in i.categories)) or _("None recorded"),
        ),
    ]
    provenance.add_facts(facts, i)  # an imported entry: the source's claim, marked as such
    if i.after_complaint:
        days = i.days_after_complaint()
        if days is not None:
            # translators: the incident happened after the author complained; {count} days
            # after the complaint of {date} (a long date)
            after = ngettext(
                "Yes, {count} day after the complaint of {date}",
                "Yes, {count} days after the complaint of {date}",
                days,
            ).format(count=days, date=long_date(i.complaint_date))
        else:
            after = pgettext("after a complaint", "Yes")
        # translators: an entry's fact: whether it happened after the author had complained
        facts.append((_("After a complaint"), after))
    related = sorted(
        {c.by_id[r].number for r in i.related_incident_ids if r in c.by_id and r != i.id}
    )
    if related:
        # translators: a record number of a related entry, in a list
        number = _("No. {number}")
        facts.append((_("Related entries"), ", ".join(number.format(number=n) for n in related)))
    if c.p.include_severity_and_tags:
        facts.append(
            (
                # translators: the severity the author gave the incident, e.g. "3 of 5"
                _("Severity (my rating)"),
                _("{severity} of {scale}").format(severity=i.severity, scale=5),
            )
        )
        if i.tags:
            facts.append((_("My tags"), ", ".join(i.tags)))
    story.append(
        pdfkit.keep_together(
            [
                pdfkit.para(
                    # translators: an entry's heading: its record number and title
                    _("Entry No. {number}: {title}").format(
                        number=e.number, title=t(i.title, where)
                    ),
                    s.h2,
                ),
                c.facts(facts, where),
            ]
        )
    )
    # translators: the labels of the parts of an entry in the report, in the author's voice
    label(_("What happened"))
    numbered(i.narrative or _("Not written."))
    if i.quotes:
        # translators: the words someone said, quoted exactly
        label(_("Exact words"))
        for q in i.quotes:
            story.append(pdfkit.para(f"“{t(q.text, where)}”", c.quote))
            speaker = (
                c.person_name(q.speaker_person_id, q.speaker_label)
                if q.speaker_person_id is not None
                # translators: a quote whose speaker is not given
                else (q.speaker_label or _("Unattributed"))
            )
            story.append(pdfkit.para(f"— {t(speaker, where)}", c.attribution))
    if i.my_response:
        label(_("My response"))
        numbered(i.my_response)
    if i.their_reaction:
        label(_("Their reaction"))
        numbered(i.their_reaction)
    if i.witnesses:
        label(_("Witnesses"))
        for w in i.witnesses:
            bits = [c.witness_name(w.person_id, w.name)]
            if w.where:
                # translators: where a witness was; {place} is the author's text
                bits.append(_("where: {place}").format(place=w.where))
            if w.reacted:
                # translators: how a witness reacted; {reaction} is the author's text
                bits.append(_("reaction: {reaction}").format(reaction=w.reacted))
            if w.willing_to_confirm is not None:
                # translators: whether a witness would confirm what happened
                bits.append(_("would confirm") if w.willing_to_confirm else _("would not confirm"))
            numbered("; ".join(bits))
    if i.told and c.p.include_told:
        label(_("Who I told afterwards"))
        for told in i.told:
            numbered(
                ", ".join(
                    [told.who]
                    + ([long_date(told.when)] if told.when else [])
                    + ([told.how] if told.how else [])
                )
            )
    if i.reports:
        label(_("Reports made"))
        for rep in i.reports:
            numbered(report_made_text(rep))
    if i.attempts_to_stop:
        label(_("Attempts to stop it"))
        numbered(i.attempts_to_stop)
    if c.p.include_impact and not i.impact.is_empty():
        # translators: the effect the incidents had on the author
        label(_("Impact"))
        for name, value in (
            # translators: kinds of impact on the author: emotional, physical, on their work,
            # on their life at home
            (N_("Emotional: {text}"), i.impact.emotional),
            (N_("Physical: {text}"), i.impact.physical),
            (N_("On work: {text}"), i.impact.work),
            (N_("At home: {text}"), i.impact.home),
        ):
            if value:
                numbered(_(name).format(text=value))
        if i.impact.sought_help:
            if i.impact.sought_help_date:
                # translators: help the author sought (a doctor, counsellor...) and its date
                numbered(
                    _("Help sought: {help} ({date})").format(
                        help=i.impact.sought_help, date=long_date(i.impact.sought_help_date)
                    )
                )
            else:
                numbered(_("Help sought: {help}").format(help=i.impact.sought_help))
    if e.exhibits:
        label(_("Exhibits"))
        numbered("; ".join(f"{ex}: {visible_filename(a.original_name)}" for ex, a in e.exhibits))
    if i.evidence_not_held and c.p.includes("evidence_not_held"):
        # translators: evidence the author knows of but does not have (e.g. CCTV footage)
        label(_("Evidence known but not held"))
        for ev in i.evidence_not_held:
            numbered(evidence_text(ev.what, ev.where, ev.held_by))
    if c.p.include_private_reflection and i.private_reflection:
        label(_("Private reflection (the author's own note, included by choice)"))
        story.extend(pdfkit.text_block(t(i.private_reflection, where), s.body))
    # translators: the changes made to an entry after it was first recorded
    label(_("Amendments"))
    amendments = _amendments(c, e)
    if amendments:
        story.extend(pdfkit.para(a, s.small) for a in amendments)
    else:
        story.append(
            pdfkit.para(
                _("None: this entry has not been changed since it was first recorded."), s.muted
            )
        )
    story.append(pdfkit.gap(8))
    return story


def evidence_text(what: str, where: str, held_by: str) -> str:
    """Evidence known but not held: what, where it is, who holds it."""
    if where and held_by:
        # translators: evidence not held: what it is, where it is, and who holds it
        return _("{what} — {where} (held by {holder})").format(
            what=what, where=where, holder=held_by
        )
    if where:
        return _("{what} — {where}").format(what=what, where=where)
    if held_by:
        # translators: evidence not held: what it is and who holds it
        return _("{what} (held by {holder})").format(what=what, holder=held_by)
    return what


def report_made_text(rep: ReportMade) -> str:
    """One report the author made, as the report and the read view word it."""
    recipient = rep.recipient.label
    if rep.recipient_detail:
        # translators: to whom a report was made (HR, a manager...) and the author's detail
        recipient = _("{recipient} ({detail})").format(
            recipient=recipient, detail=rep.recipient_detail
        )
    # translators: shown when the date a report was made is not known
    when = long_date(rep.reported_on, _("date not recorded"))
    if rep.reference:
        # translators: a report the author made: to whom, when, and its reference number
        text = _("{recipient}, {date}, reference {reference}").format(
            recipient=recipient, date=when, reference=rep.reference
        )
    else:
        text = _("{recipient}, {date}").format(recipient=recipient, date=when)
    if rep.outcome:
        # translators: a report the author made ({report}) and the response or outcome
        text = _("{report}. Response or outcome: {outcome}").format(
            report=text, outcome=rep.outcome
        )
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
            changed = [_(REPORT_FIELD_WORDS[k]) for k in keys if k not in hidden]
            other = any(old.get(k) != new.get(k) for k in hidden)
        except (ValueError, AttributeError):
            other = False
        if other:
            # translators: in the list of parts of an entry that a revision changed
            changed.append(_("a part not included in this version"))
        saved = utc_text(after.saved_at)
        if changed:
            # translators: an amendment: the revision's number, when it was saved, and the
            # list of the parts of the entry it changed
            text = _("Revision {number}, saved {moment}: changed {parts}.").format(
                number=after.number, moment=saved, parts=", ".join(changed)
            )
        else:
            text = _("Revision {number}, saved {moment}.").format(number=after.number, moment=saved)
        out.append(text)
    return out


def incidents(c: ReportContext) -> list[Flowable]:
    # translators: heading of section 6 of the report: every incident in full
    story: list[Flowable] = [PageBreak(), c.h1(6, _("The incidents in full"))]
    for e in c.entries:
        story.extend(entry(c, e))
    return story
