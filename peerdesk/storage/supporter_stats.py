"""Programme statistics of the peer-supporter notes: counts only, never a name or free text.

Read by :meth:`peerdesk.storage.conversations.ConversationRepository.statistics`.
"""

# SQL here is built only from this module's constant fragments and "?" placeholders; every
# value is bound as a parameter, never formatted into the text.

from __future__ import annotations

from datetime import date

from peerdesk.i18n import _
from peerdesk.models.enums import ConversationTheme, ResourceKind
from peerdesk.models.errors import ValidationError
from peerdesk.models.supporter_views import ProgrammeStats
from peerdesk.storage.vault import Vault


def _month_keys(start: date, end: date) -> list[str]:
    keys: list[str] = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        keys.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return keys


def programme_statistics(vault: Vault, date_from: date, date_to: date) -> ProgrammeStats:
    """Counts for the period ``date_from`` .. ``date_to`` (inclusive); see ProgrammeStats."""
    if date_to < date_from:
        raise ValidationError("date_to", _("The end of the period must not be before its start."))
    period = (date_from.isoformat(), date_to.isoformat())
    in_period = "held_on BETWEEN ? AND ?"  # i18n: keep — SQL
    totals = vault.query_one(
        f"SELECT count(*), count(DISTINCT colleague_id) FROM conversations WHERE {in_period}",
        period,
    )
    per_month = dict.fromkeys(_month_keys(date_from, date_to), 0)
    for r in vault.query(
        f"SELECT substr(held_on, 1, 7) AS month, count(*) AS n FROM conversations "
        f"WHERE {in_period} GROUP BY month",
        period,
    ):
        per_month[r["month"]] = int(r["n"])
    per_theme = dict.fromkeys(ConversationTheme, 0)
    for r in vault.query(
        "SELECT j.value AS theme, count(*) AS n FROM conversations c, json_each(c.themes) j "
        f"WHERE c.{in_period} GROUP BY j.value",
        period,
    ):
        per_theme[ConversationTheme(r["theme"])] = int(r["n"])
    per_kind = dict.fromkeys(ResourceKind, 0)
    for r in vault.query(
        "SELECT f.kind AS kind, count(*) AS n FROM referrals f "
        f"JOIN conversations c ON c.id = f.conversation_id WHERE c.{in_period} "
        "GROUP BY f.kind",
        period,
    ):
        per_kind[ResourceKind(r["kind"])] = int(r["n"])
    follow = vault.query_one(
        "SELECT count(*) AS due, "
        "coalesce(sum(follow_up_done = 1 AND follow_up_done_on <= follow_up_due), 0) "
        "AS on_time, "
        "coalesce(sum(follow_up_done = 1 AND follow_up_done_on > follow_up_due), 0) AS late, "
        "coalesce(sum(follow_up_done = 1 AND follow_up_done_on IS NULL), 0) AS undated, "
        "coalesce(sum(follow_up_done = 0), 0) AS open "
        "FROM conversations WHERE follow_up_due BETWEEN ? AND ?",
        period,
    )
    assert totals is not None and follow is not None
    return ProgrammeStats(
        date_from=date_from,
        date_to=date_to,
        conversations=int(totals[0]),
        colleagues=int(totals[1]),
        per_month=per_month,
        per_theme=per_theme,
        per_referral_kind=per_kind,
        follow_ups_due=int(follow["due"]),
        follow_ups_done_on_time=int(follow["on_time"]),
        follow_ups_done_late=int(follow["late"]),
        follow_ups_done_undated=int(follow["undated"]),
        follow_ups_open=int(follow["open"]),
    )
