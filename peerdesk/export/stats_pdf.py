"""Programme statistics as a one-page PDF for the programme coordinator.

Counts only (REPORTING.md, "Peer supporter notes"): conversations per month, themes, referral
kinds and follow-ups kept on time, for a period, with the date it was generated. The input is
:class:`~peerdesk.models.supporter_views.ProgrammeStats`, which holds no names and no free text;
nothing else is read, so nothing else can appear.

Long periods are grouped so the page stays one page: by month up to 24 months, by quarter up
to 96 months, by year beyond.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.platypus import Flowable, Table, TableStyle

from peerdesk.export import pdfkit
from peerdesk.export.pdfkit import Paper
from peerdesk.export.stats_csv import stats_hidden
from peerdesk.models.dates import long_date, month_year
from peerdesk.models.enums import ConversationTheme, ResourceKind
from peerdesk.models.small_counts import hidden_text, shown
from peerdesk.models.supporter_views import ProgrammeStats

TITLE = "Peer support programme statistics"
SUBJECT = "Counts only: no names, no notes"
MONTHLY_UP_TO = 24
QUARTERLY_UP_TO = 96
BAR_FILL = colors.HexColor("#3d6f9e")


@dataclass(frozen=True)
class Bucket:
    key: str  # "2026-03", "2026-Q1", "2026"
    label: str  # "March 2026", "Jan–Mar 2026", "2026"
    count: int


_QUARTER_LABELS = ("Jan–Mar", "Apr–Jun", "Jul–Sep", "Oct–Dec")


def time_buckets(per_month: dict[str, int]) -> tuple[str, list[Bucket]]:
    """The per-month counts, grouped to fit one page: (unit word, buckets in order)."""
    months = sorted(per_month)
    if len(months) <= MONTHLY_UP_TO:
        buckets = []
        for key in months:
            year, month = (int(part) for part in key.split("-"))
            buckets.append(Bucket(key, month_year(year=year, month=month), per_month[key]))
        return "Month", buckets
    grouped: dict[str, int] = {}
    labels: dict[str, str] = {}
    quarterly = len(months) <= QUARTERLY_UP_TO
    for key in months:
        year, month = (int(part) for part in key.split("-"))
        if quarterly:
            quarter = (month - 1) // 3
            group = f"{year}-Q{quarter + 1}"
            labels[group] = f"{_QUARTER_LABELS[quarter]} {year}"
        else:
            group = str(year)
            labels[group] = group
        grouped[group] = grouped.get(group, 0) + per_month[key]
    unit = "Quarter" if quarterly else "Year"
    return unit, [Bucket(k, labels[k], grouped[k]) for k in grouped]


def on_time_share(stats: ProgrammeStats) -> str:
    """Follow-ups done on or before their due day, as a share of those due ("80%", "—")."""
    if stats.follow_ups_due == 0:
        return "—"
    return f"{round(100 * stats.follow_ups_done_on_time / stats.follow_ups_due)}%"


class Bar(Flowable):  # type: ignore[misc]
    """A horizontal bar, ``fraction`` of ``width`` long (the counts are printed beside it)."""

    def __init__(self, fraction: float, width: float, height: float = 7) -> None:
        super().__init__()
        self.fraction = max(0.0, min(1.0, fraction))
        self.width = width
        self.height = height

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.setFillColor(pdfkit.ZEBRA_FILL)
        canvas.rect(0, 0, self.width, self.height, stroke=0, fill=1)
        if self.fraction > 0:
            canvas.setFillColor(BAR_FILL)
            canvas.rect(0, 0, max(1.0, self.width * self.fraction), self.height, stroke=0, fill=1)


def _count_table(
    title: str,
    rows: Sequence[tuple[str, int, str]],
    width: float,
    hidden: set[str],
    *,
    bars: bool = True,
) -> list[Flowable]:
    """Rows of (label, count, key); a count whose key is in ``hidden`` prints as ``<3``
    and has no bar."""
    s = pdfkit.styles()
    biggest = max((n for _label, n, key in rows if key not in hidden), default=0) or 1
    fractions = (0.55, 0.17, 0.28) if bars else (0.75, 0.25)
    col = pdfkit.widths(width, fractions)
    data: list[list[Any]] = []
    for label, count, key in rows:
        row: list[Any] = [
            pdfkit.para(label, s.cell),
            pdfkit.para(shown(count, key, hidden), s.cell_right),
        ]
        if bars:
            row.append(Bar(0 if key in hidden else count / biggest, col[2] - 10))
        data.append(row)
    table = Table(
        data,
        colWidths=col,
        hAlign="LEFT",
        style=TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), pdfkit.FONT, 10),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 4),
                ("RIGHTPADDING", (0, 0), (-1, -1), 5),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
                ("LINEBELOW", (0, 0), (-1, -1), 0.3, pdfkit.RULE),
            ]
        ),
    )
    return [pdfkit.para(title, s.h2), table]


def stats_story(
    stats: ProgrammeStats,
    *,
    paper: Paper = "a4",
    generated_on: date | None = None,
    hide_small: bool = True,
) -> list[Flowable]:
    """The page's content (also used by tests). With ``hide_small``, counts of 1 and 2 and
    any that would give one away are printed as ``<3``."""
    s = pdfkit.styles()
    width = pdfkit.frame_width(paper)
    today = generated_on or date.today()
    referrals = sum(stats.per_referral_kind.values())
    unit, buckets = time_buckets(stats.per_month)
    hidden = stats_hidden(stats, {b.key: b.count for b in buckets}) if hide_small else set()
    kept = "—" if {"follow_up:done_on_time", "follow_up:due"} & hidden else on_time_share(stats)
    story: list[Flowable] = [
        pdfkit.para(TITLE, s.title),
        pdfkit.para(
            f"{long_date(stats.date_from)} to {long_date(stats.date_to)} · generated "
            f"on {long_date(today)}",
            s.subtitle,
        ),
        pdfkit.para(
            "Counts only: this page holds no names and no notes. In a small team even "
            "a count can point to a person — share it only with the programme "
            "coordinator.",
            s.notice,
        ),
    ]
    if hidden:
        story.append(
            pdfkit.para(
                f"Counts of 1 and 2 are shown as “{hidden_text()}”, and where one could be worked "
                "out from a total, one more count is hidden too.",
                s.muted,
            )
        )
    totals = pdfkit.table(
        ["Conversations", "Colleagues supported", "Referrals given", "Follow-ups kept on time"],
        [
            [
                shown(stats.conversations, "total:conversations", hidden),
                shown(stats.colleagues, "total:colleagues", hidden),
                shown(referrals, "total:referrals", hidden),
                f"{shown(stats.follow_ups_done_on_time, 'follow_up:done_on_time', hidden)} of "
                f"{shown(stats.follow_ups_due, 'follow_up:due', hidden)} ({kept})",
            ]
        ],
        col_widths=pdfkit.widths(width, (1, 1.2, 1, 1.5)),
        zebra=False,
    )
    story.append(totals)

    gutter = 14
    column = (width - gutter) / 2
    left = _count_table(
        f"Conversations per {unit.lower()}",
        [(b.label, b.count, f"time:{b.key}") for b in buckets],
        column,
        hidden,
    )
    right = _count_table(
        "Themes",
        [(t.label, stats.per_theme.get(t, 0), f"theme:{t.value}") for t in ConversationTheme],
        column,
        hidden,
    )
    right += _count_table(
        "Referrals by kind",
        [
            (k.label, stats.per_referral_kind.get(k, 0), f"referral_kind:{k.value}")
            for k in ResourceKind
        ],
        column,
        hidden,
    )
    right += _count_table(
        "Follow-ups due in the period",
        [
            (
                "Done on or before the due day",
                stats.follow_ups_done_on_time,
                "follow_up:done_on_time",
            ),
            ("Done later", stats.follow_ups_done_late, "follow_up:done_late"),
            ("Done (no date recorded)", stats.follow_ups_done_undated, "follow_up:done_undated"),
            ("Still open", stats.follow_ups_open, "follow_up:open"),
            ("Total due", stats.follow_ups_due, "follow_up:due"),
        ],
        column,
        hidden,
        bars=False,
    )
    layout = Table(
        [[left, right]],
        colWidths=[column + gutter, column],
        hAlign="LEFT",
        style=TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), pdfkit.FONT, 10),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (0, 0), gutter),
                ("RIGHTPADDING", (1, 0), (1, 0), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
            ]
        ),
    )
    story.append(pdfkit.gap(4))
    story.append(layout)
    return story


def write_programme_stats_pdf(
    stats: ProgrammeStats,
    out: Path,
    *,
    paper: Paper = "a4",
    password: str | None = None,
    generated_on: date | None = None,
    hide_small: bool = True,
) -> int:
    """Write the one-page PDF to ``out`` atomically; returns the page count."""
    today = generated_on or date.today()
    story = stats_story(stats, paper=paper, generated_on=today, hide_small=hide_small)
    return pdfkit.write_pdf(
        story,
        out,
        title=TITLE,
        paper=paper,
        password=password,
        subject=SUBJECT,
        footer_note=f"Made with PeerDesk on {long_date(today)}",
    )


__all__ = [
    "TITLE",
    "Bucket",
    "on_time_share",
    "stats_story",
    "time_buckets",
    "write_programme_stats_pdf",
]
