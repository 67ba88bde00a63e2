"""Programme statistics as CSV for the programme coordinator's spreadsheet.

Counts only, like the PDF: one header row (``section,key,label,value``), then the period, the
date generated, totals, conversations per month, themes, referral kinds and follow-ups. Keys are
PeerDesk's stable values (``2026-03``, ``workload``, ``eap``) so that sheets from several
supporters can be added up; labels are English words for people. Counts of 1 and 2, and any
count that would give one away by subtraction, are written ``<3`` unless the supporter chose
otherwise (:mod:`peerdesk.models.small_counts`). No names, no note text: every
label is PeerDesk's own wording, never user content, so no cell can start a spreadsheet formula.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from datetime import date
from pathlib import Path

from peerdesk.export.pdfkit import save_file
from peerdesk.i18n import _
from peerdesk.models.dates import month_year
from peerdesk.models.enums import ConversationTheme, ResourceKind
from peerdesk.models.small_counts import CountGroup, hidden_counts, shown
from peerdesk.models.supporter_views import ProgrammeStats

#: Column names and the "section"/"key" cells stay English: a spreadsheet's formulas refer to
#: them whatever the language; the "label" column is translated.
HEADER = ("section", "key", "label", "value")


def stats_hidden(stats: ProgrammeStats, time_cells: Mapping[str, int]) -> set[str]:
    """The counts to print as ``<3`` (:func:`peerdesk.models.small_counts.hidden_counts`):
    keys ``time:<bucket>``, ``theme:<value>``, ``referral_kind:<value>``,
    ``follow_up:<due|done_on_time|done_late|done_undated|open>`` and ``total:<conversations|
    colleagues|referrals>``. ``time_cells`` are the periods shown (months, or quarters)."""
    follow_ups = {
        "done_on_time": stats.follow_ups_done_on_time,
        "done_late": stats.follow_ups_done_late,
        "done_undated": stats.follow_ups_done_undated,
        "open": stats.follow_ups_open,
    }
    hidden = hidden_counts(
        [
            CountGroup("time", dict(time_cells), total="conversations"),
            CountGroup("theme", {t.value: stats.per_theme.get(t, 0) for t in ConversationTheme}),
            CountGroup(
                "referral_kind",
                {k.value: stats.per_referral_kind.get(k, 0) for k in ResourceKind},
                total="referrals",
            ),
            CountGroup("follow_up", follow_ups, total="follow_ups_due"),
        ],
        {
            "conversations": stats.conversations,
            "colleagues": stats.colleagues,
            "referrals": sum(stats.per_referral_kind.values()),
            "follow_ups_due": stats.follow_ups_due,
        },
    )
    if "total:follow_ups_due" in hidden:
        hidden.add("follow_up:due")
    return hidden


def stats_rows(
    stats: ProgrammeStats, *, generated_on: date | None = None, hide_small: bool = True
) -> list[tuple[str, str, str, str]]:
    """Every data row (without the header), in order; with ``hide_small`` counts of 1 and 2
    (and any that would give them away) are ``<3``."""
    today = generated_on or date.today()
    hidden = stats_hidden(stats, stats.per_month) if hide_small else set()

    def value(n: int, key: str) -> str:
        return shown(n, key, hidden)

    # translators: the "label" column of the programme statistics CSV (for a spreadsheet: the
    # "section" and "key" columns stay as they are); counts of peer support conversations
    rows: list[tuple[str, str, str, str]] = [
        ("period", "from", _("Start of the period"), stats.date_from.isoformat()),
        ("period", "to", _("End of the period"), stats.date_to.isoformat()),
        ("generated", "on", _("Generated on"), today.isoformat()),
        (
            "total",
            "conversations",
            _("Conversations"),
            value(stats.conversations, "total:conversations"),
        ),
        (
            "total",
            "colleagues",
            _("Colleagues supported"),
            value(stats.colleagues, "total:colleagues"),
        ),
        (
            "total",
            "referrals",
            _("Referrals given"),
            value(sum(stats.per_referral_kind.values()), "total:referrals"),
        ),
    ]
    for key in sorted(stats.per_month):
        year, month = (int(part) for part in key.split("-"))
        rows.append(
            (
                "month",
                key,
                month_year(year=year, month=month),
                value(stats.per_month[key], f"time:{key}"),
            )
        )
    rows += [
        ("theme", t.value, t.label, value(stats.per_theme.get(t, 0), f"theme:{t.value}"))
        for t in ConversationTheme
    ]
    rows += [
        (
            "referral_kind",
            k.value,
            k.label,
            value(stats.per_referral_kind.get(k, 0), f"referral_kind:{k.value}"),
        )
        for k in ResourceKind
    ]
    rows += [
        (
            "follow_up",
            "due",
            _("Follow-ups due in the period"),
            value(stats.follow_ups_due, "follow_up:due"),
        ),
        (
            "follow_up",
            "done_on_time",
            _("Done on or before the due day"),
            value(stats.follow_ups_done_on_time, "follow_up:done_on_time"),
        ),
        (
            "follow_up",
            "done_late",
            _("Done later"),
            value(stats.follow_ups_done_late, "follow_up:done_late"),
        ),
        (
            "follow_up",
            "done_undated",
            _("Done (no date recorded)"),
            value(stats.follow_ups_done_undated, "follow_up:done_undated"),
        ),
        ("follow_up", "open", _("Still open"), value(stats.follow_ups_open, "follow_up:open")),
    ]
    return rows


def stats_csv_text(
    stats: ProgrammeStats, *, generated_on: date | None = None, hide_small: bool = True
) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(stats_rows(stats, generated_on=generated_on, hide_small=hide_small))
    return buffer.getvalue()


def write_programme_stats_csv(
    stats: ProgrammeStats, out: Path, *, generated_on: date | None = None, hide_small: bool = True
) -> None:
    """Write the CSV (UTF-8) to ``out`` atomically."""
    text = stats_csv_text(stats, generated_on=generated_on, hide_small=hide_small)
    save_file(out, text.encode("utf-8"))


__all__ = ["HEADER", "stats_csv_text", "stats_hidden", "stats_rows", "write_programme_stats_csv"]
