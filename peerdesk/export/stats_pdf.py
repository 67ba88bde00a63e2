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
from peerdesk.export.pdfkit.short_document import write_short_document
from peerdesk.export.stats_csv import stats_hidden
from peerdesk.i18n import N_, _
from peerdesk.models.dates import long_date, month_abbr, month_year
from peerdesk.models.enums import ConversationTheme, ResourceKind
from peerdesk.models.small_counts import hidden_text, shown
from peerdesk.models.supporter_views import ProgrammeStats

#: (Marked here, translated where printed: ``_(TITLE)``.)
# translators: the title of the peer support coordinator's one-page statistics PDF
TITLE = N_("Peer support programme statistics")
# translators: the PDF's subject (in its document properties)
SUBJECT = N_("Counts only: no names, no notes")
MONTHLY_UP_TO = 24
QUARTERLY_UP_TO = 96
BAR_FILL = colors.HexColor("#3d6f9e")


@dataclass(frozen=True)
class Bucket:
    key: str  # "2026-03", "2026-Q1", "2026"
    label: str  # "March 2026", "Jan–Mar 2026", "2026"
    count: int


def quarter_label(year: int, quarter: int) -> str:
    """``Jan–Mar 2026`` (``quarter`` 0 to 3; month names in the language in force)."""
    first = month_abbr(date(year, 3 * quarter + 1, 1))
    last = month_abbr(date(year, 3 * quarter + 3, 1))
    # translators: a quarter of a year: its first and last months (abbreviated) and the year
    return _("{first}–{last} {year}").format(first=first, last=last, year=year)


def per_unit_title(unit: str) -> str:
    """The title of the conversations-over-time table or chart for :func:`time_buckets`'
    unit ("Month", "Quarter", "Year")."""
    if unit == "Month":
        return _("Conversations per month")
    if unit == "Quarter":
        return _("Conversations per quarter")
    return _("Conversations per year")


def time_buckets(per_month: dict[str, int]) -> tuple[str, list[Bucket]]:
    """The per-month counts, grouped to fit one page: (unit, buckets in order). The unit
    ("Month", "Quarter", "Year") is an identifier: :func:`per_unit_title` words it."""
    months = sorted(per_month)
    if len(months) <= MONTHLY_UP_TO:
        buckets = []
        for key in months:
            year, month = (int(part) for part in key.split("-"))
            buckets.append(Bucket(key, month_year(year=year, month=month), per_month[key]))
        return "Month", buckets  # i18n: keep — an identifier (per_unit_title)
    grouped: dict[str, int] = {}
    labels: dict[str, str] = {}
    quarterly = len(months) <= QUARTERLY_UP_TO
    for key in months:
        year, month = (int(part) for part in key.split("-"))
        if quarterly:
            quarter = (month - 1) // 3
            group = f"{year}-Q{quarter + 1}"
            labels[group] = quarter_label(year, quarter)
        else:
            group = str(year)
            labels[group] = group
        grouped[group] = grouped.get(group, 0) + per_month[key]
    unit = "Quarter" if quarterly else "Year"  # i18n: keep — an identifier (per_unit_title)
    return unit, [Bucket(k, labels[k], grouped[k]) for k in grouped]


def on_time_share(stats: ProgrammeStats) -> str:
    """Follow-ups done on or before their due day, as a share of those due ("80%", "—")."""
    if stats.follow_ups_due == 0:
        return "—"
    share = round(100 * stats.follow_ups_done_on_time / stats.follow_ups_due)
    # translators: a percentage, e.g. "80%" (use your language's spacing and sign)
    return _("{percent}%").format(percent=share)


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
        pdfkit.para(_(TITLE), s.title),
        pdfkit.para(
            # translators: the period the statistics cover and the day they were made (long
            # dates)
            _("{start} to {end} · generated on {today}").format(
                start=long_date(stats.date_from),
                end=long_date(stats.date_to),
                today=long_date(today),
            ),
            s.subtitle,
        ),
        pdfkit.para(
            _(
                "Counts only: this page holds no names and no notes. In a small team even "
                "a count can point to a person — share it only with the programme "
                "coordinator."
            ),
            s.notice,
        ),
    ]
    if hidden:
        story.append(
            pdfkit.para(
                # translators: {hidden} is how a hidden small count is printed ("<3")
                _(
                    "Counts of 1 and 2 are shown as “{hidden}”, and where one could be worked "
                    "out from a total, one more count is hidden too."
                ).format(hidden=hidden_text()),
                s.muted,
            )
        )
    totals = pdfkit.table(
        # translators: the columns of the statistics' totals: numbers of peer support
        # conversations, colleagues supported, referrals given, follow-ups done on time
        [
            _("Conversations"),
            _("Colleagues supported"),
            _("Referrals given"),
            _("Follow-ups kept on time"),
        ],
        [
            [
                shown(stats.conversations, "total:conversations", hidden),
                shown(stats.colleagues, "total:colleagues", hidden),
                shown(referrals, "total:referrals", hidden),
                # translators: follow-ups done on time, of those due, and the share (e.g. "4 of
                # 5 (80%)")
                _("{done} of {due} ({share})").format(
                    done=shown(stats.follow_ups_done_on_time, "follow_up:done_on_time", hidden),
                    due=shown(stats.follow_ups_due, "follow_up:due", hidden),
                    share=kept,
                ),
            ]
        ],
        col_widths=pdfkit.widths(width, (1, 1.2, 1, 1.5)),
        zebra=False,
    )
    story.append(totals)

    gutter = 14
    column = (width - gutter) / 2
    left = _count_table(
        per_unit_title(unit),
        [(b.label, b.count, f"time:{b.key}") for b in buckets],
        column,
        hidden,
    )
    right = _count_table(
        # translators: the themes of peer support conversations (a table's title)
        _("Themes"),
        [(t.label, stats.per_theme.get(t, 0), f"theme:{t.value}") for t in ConversationTheme],
        column,
        hidden,
    )
    right += _count_table(
        _("Referrals by kind"),
        [
            (k.label, stats.per_referral_kind.get(k, 0), f"referral_kind:{k.value}")
            for k in ResourceKind
        ],
        column,
        hidden,
    )
    right += _count_table(
        _("Follow-ups due in the period"),
        [
            (
                _("Done on or before the due day"),
                stats.follow_ups_done_on_time,
                "follow_up:done_on_time",
            ),
            (_("Done later"), stats.follow_ups_done_late, "follow_up:done_late"),
            (
                _("Done (no date recorded)"),
                stats.follow_ups_done_undated,
                "follow_up:done_undated",
            ),
            (_("Still open"), stats.follow_ups_open, "follow_up:open"),
            (_("Total due"), stats.follow_ups_due, "follow_up:due"),
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
    language: str | None = None,
) -> int:
    """Write the one-page PDF to ``out`` atomically; returns the page count. ``language``:
    the document's language (None: the language in force)."""
    today = generated_on or date.today()
    return write_short_document(
        lambda: stats_story(stats, paper=paper, generated_on=today, hide_small=hide_small),
        out,
        title=TITLE,
        subject=SUBJECT,
        today=today,
        paper=paper,
        password=password,
        language=language,
    )


__all__ = [
    "TITLE",
    "Bucket",
    "on_time_share",
    "per_unit_title",
    "quarter_label",
    "stats_story",
    "time_buckets",
    "write_programme_stats_pdf",
]
