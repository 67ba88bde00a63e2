"""Reports made and responses, the impact summary, and evidence known but not held
(sections 7, 8 and part of 9)."""

from __future__ import annotations

from datetime import date

from reportlab.platypus import Flowable

from peerdesk.export import pdfkit
from peerdesk.export.report.context import ReportContext, whole
from peerdesk.models.dates import long_date, short_date


def reports_made(c: ReportContext) -> list[Flowable]:
    rows = []
    for e in c.entries:
        for rep in e.incident.reports:
            rows.append(
                (
                    rep.reported_on or date.max,
                    e.number,
                    [
                        whole(short_date(rep.reported_on, "Not recorded")),
                        str(e.number),
                        rep.recipient.label
                        + (f" ({rep.recipient_detail})" if rep.recipient_detail else ""),
                        rep.reference or "—",
                        rep.outcome or "No response recorded",
                    ],
                )
            )
    rows.sort(key=lambda r: (r[0], r[1]))
    story: list[Flowable] = [c.h1(7, "Reports made and responses")]
    if rows:
        story.append(
            c.table(
                ["Date", "Entry", "To", "Reference", "Response or outcome"],
                [r[2] for r in rows],
                (0.16, 0.1, 0.2, 0.15, 0.39),
                "reports made",
            )
        )
    else:
        story.append(pdfkit.para("No reports were recorded.", c.s.muted))
    return story


def impact_summary(c: ReportContext) -> list[Flowable]:
    rows = []
    for e in c.entries:
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
        rows.append([str(e.number), whole(short_date(e.incident.event_date)), "\n".join(parts)])
    story: list[Flowable] = [c.h1(8, "Impact summary")]
    if rows:
        story.append(
            c.table(["Entry", "Date", "Impact"], rows, (0.1, 0.18, 0.72), "impact summary")
        )
    else:
        story.append(pdfkit.para("No impact was recorded.", c.s.muted))
    return story


def evidence_not_held(c: ReportContext) -> list[Flowable]:
    rows = [
        [str(e.number), ev.what, ev.where or "—", ev.held_by or "—"]
        for e in c.entries
        for ev in e.incident.evidence_not_held
    ]
    story: list[Flowable] = [
        pdfkit.para("Evidence known but not held", c.s.h2),
        pdfkit.para(
            "Evidence the author knows exists but does not "
            "hold; it may be requested in disclosure or by a "
            "subject access request.",
            c.s.muted,
        ),
    ]
    if rows:
        story.append(
            c.table(
                ["Entry", "What", "Where", "Held by"],
                rows,
                (0.1, 0.4, 0.25, 0.25),
                "evidence not held",
            )
        )
    else:
        story.append(pdfkit.para("None recorded.", c.s.muted))
    return story
