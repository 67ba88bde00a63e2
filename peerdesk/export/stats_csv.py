"""Programme statistics as CSV for the programme coordinator's spreadsheet.

Counts only, like the PDF: one header row (``section,key,label,value``), then the period, the
date generated, totals, conversations per month, themes, referral kinds and follow-ups. Keys are
PeerDesk's stable values (``2026-03``, ``workload``, ``eap``) so that sheets from several
supporters can be added up; labels are English words for people. No names, no note text: every
label is PeerDesk's own wording, never user content, so no cell can start a spreadsheet formula.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from peerdesk.export.pdfkit import month_label, write_atomically
from peerdesk.models.enums import ConversationTheme, ResourceKind

if TYPE_CHECKING:  # storage's result type; export never imports storage at run time
    from peerdesk.storage.conversations import ProgrammeStats

HEADER = ("section", "key", "label", "value")


def stats_rows(stats: ProgrammeStats, *, generated_on: date | None = None
               ) -> list[tuple[str, str, str, str]]:
    """Every data row (without the header), in order."""
    today = generated_on or date.today()
    rows: list[tuple[str, str, str, str]] = [
        ("period", "from", "Start of the period", stats.date_from.isoformat()),
        ("period", "to", "End of the period", stats.date_to.isoformat()),
        ("generated", "on", "Generated on", today.isoformat()),
        ("total", "conversations", "Conversations", str(stats.conversations)),
        ("total", "colleagues", "Colleagues supported", str(stats.colleagues)),
        ("total", "referrals", "Referrals given", str(sum(stats.per_referral_kind.values()))),
    ]
    for key in sorted(stats.per_month):
        year, month = (int(part) for part in key.split("-"))
        rows.append(("month", key, month_label(year, month), str(stats.per_month[key])))
    rows += [("theme", t.value, t.label, str(stats.per_theme.get(t, 0)))
             for t in ConversationTheme]
    rows += [("referral_kind", k.value, k.label, str(stats.per_referral_kind.get(k, 0)))
             for k in ResourceKind]
    rows += [
        ("follow_up", "due", "Follow-ups due in the period", str(stats.follow_ups_due)),
        ("follow_up", "done_on_time", "Done on or before the due day",
         str(stats.follow_ups_done_on_time)),
        ("follow_up", "done_late", "Done later", str(stats.follow_ups_done_late)),
        ("follow_up", "done_undated", "Done (no date recorded)",
         str(stats.follow_ups_done_undated)),
        ("follow_up", "open", "Still open", str(stats.follow_ups_open)),
    ]
    return rows


def stats_csv_text(stats: ProgrammeStats, *, generated_on: date | None = None) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(stats_rows(stats, generated_on=generated_on))
    return buffer.getvalue()


def write_programme_stats_csv(stats: ProgrammeStats, out: Path, *,
                              generated_on: date | None = None) -> None:
    """Write the CSV (UTF-8) to ``out`` atomically."""
    write_atomically(out, stats_csv_text(stats, generated_on=generated_on).encode("utf-8"))


__all__ = ["HEADER", "stats_csv_text", "stats_rows", "write_programme_stats_csv"]
