"""Reports made and responses, the impact summary, and evidence known but not held
(sections 7, 8 and part of 9)."""

from __future__ import annotations

from datetime import date

from reportlab.platypus import Flowable

from peerdesk.export import pdfkit
from peerdesk.export.report.context import ReportContext, whole
from peerdesk.i18n import N_, _, pgettext
from peerdesk.models.dates import long_date, short_date

#: A part of the report, named in its note on unprintable text (translated where used).
_WHERE_REPORTS = N_("reports made")
_WHERE_IMPACT = N_("impact summary")
_WHERE_EVIDENCE = N_("evidence not held")


def reports_made(c: ReportContext) -> list[Flowable]:
    rows = []
    # translators: in the "Response or outcome" column: nothing was recorded
    no_response = _("No response recorded")
    for e in c.entries:
        for rep in e.incident.reports:
            rows.append(
                (
                    rep.reported_on or date.max,
                    e.number,
                    [
                        # translators: the date of a report made is not known
                        whole(short_date(rep.reported_on, _("Not recorded"))),
                        str(e.number),
                        # translators: to whom a report was made and the author's detail
                        _("{recipient} ({detail})").format(
                            recipient=rep.recipient.label, detail=rep.recipient_detail
                        )
                        if rep.recipient_detail
                        else rep.recipient.label,
                        rep.reference or "—",
                        rep.outcome or no_response,
                    ],
                )
            )
    rows.sort(key=lambda r: (r[0], r[1]))
    # translators: heading of section 7 of the report: the complaints and reports the author
    # made (to HR, a manager, a union...) and the responses
    story: list[Flowable] = [c.h1(7, _("Reports made and responses"))]
    if rows:
        story.append(
            c.table(
                # translators: columns of the reports table: when, the entry's number, to
                # whom, the report's reference, and the response or outcome
                [
                    pgettext("column", "Date"),
                    pgettext("column", "Entry"),
                    pgettext("reported to", "To"),
                    _("Reference"),
                    _("Response or outcome"),
                ],
                [r[2] for r in rows],
                (0.16, 0.1, 0.2, 0.15, 0.39),
                _(_WHERE_REPORTS),
            )
        )
    else:
        story.append(pdfkit.para(_("No reports were recorded."), c.s.muted))
    return story


def impact_summary(c: ReportContext) -> list[Flowable]:
    rows = []
    for e in c.entries:
        im = e.incident.impact
        if im.is_empty():
            continue
        parts = [
            _(n).format(text=v)
            for n, v in (
                # translators: kinds of impact on the author in the impact summary table
                (N_("Emotional: {text}"), im.emotional),
                (N_("Physical: {text}"), im.physical),
                (N_("Work: {text}"), im.work),
                (N_("Home: {text}"), im.home),
            )
            if v
        ]
        if im.sought_help:
            if im.sought_help_date:
                # translators: help the author sought (a doctor, counsellor...) and its date
                parts.append(
                    _("Help sought: {help} ({date})").format(
                        help=im.sought_help, date=long_date(im.sought_help_date)
                    )
                )
            else:
                parts.append(_("Help sought: {help}").format(help=im.sought_help))
        rows.append([str(e.number), whole(short_date(e.incident.event_date)), "\n".join(parts)])
    # translators: heading of section 8 of the report: the effects on the author's health,
    # work and home life, entry by entry
    story: list[Flowable] = [c.h1(8, _("Impact summary"))]
    if rows:
        # translators: columns of the impact summary: the entry's number, its date, the impact
        header = [pgettext("column", "Entry"), pgettext("column", "Date"), _("Impact")]
        story.append(c.table(header, rows, (0.1, 0.18, 0.72), _(_WHERE_IMPACT)))
    else:
        story.append(pdfkit.para(_("No impact was recorded."), c.s.muted))
    return story


def evidence_not_held(c: ReportContext) -> list[Flowable]:
    rows = [
        [str(e.number), ev.what, ev.where or "—", ev.held_by or "—"]
        for e in c.entries
        for ev in e.incident.evidence_not_held
    ]
    story: list[Flowable] = [
        # translators: subheading: evidence the author knows of but does not have
        pdfkit.para(_("Evidence known but not held"), c.s.h2),
        pdfkit.para(
            # translators: "disclosure" is the legal process in which parties to a case show
            # their documents; a "subject access request" asks an employer for one's personal
            # data (GDPR, Art. 15) — use your legal system's terms
            _(
                "Evidence the author knows exists but does not "
                "hold; it may be requested in disclosure or by a "
                "subject access request."
            ),
            c.s.muted,
        ),
    ]
    if rows:
        story.append(
            c.table(
                # translators: columns of the evidence not held: the entry's number, what the
                # evidence is, where it is, who holds it
                [
                    pgettext("column", "Entry"),
                    pgettext("evidence", "What"),
                    pgettext("evidence", "Where"),
                    _("Held by"),
                ],
                rows,
                (0.1, 0.4, 0.25, 0.25),
                _(_WHERE_EVIDENCE),
            )
        )
    else:
        story.append(pdfkit.para(_("None recorded."), c.s.muted))
    return story
