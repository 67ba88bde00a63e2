"""Patterns in the journal: counts per month, person, category and severity, and findings.

Pure functions over a small input record (:class:`PatternInput`), so the figures a chart shows
can be checked against counts computed another way. Findings are plain sentences a person can
read aloud ("5 incidents involving R. Stone in the last 60 days"); they state counts only and
never interpret them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import NamedTuple, TypeVar

from peerdesk.i18n import _, ngettext
from peerdesk.models.dates import short_date
from peerdesk.models.enums import IncidentCategory

#: "N incidents involving X in the last RECENT_DAYS days".
RECENT_DAYS = 60
#: A person is named in a recent-incidents finding from this many incidents on.
RECENT_MIN = 2
SEVERITIES = (1, 2, 3, 4, 5)

K = TypeVar("K")


class PatternInput(NamedTuple):
    """What pattern figures need to know about one incident.

    A named tuple (immutable, as a frozen dataclass would be) because Patterns makes one per
    entry: at 10,000 entries a frozen dataclass's ``__init__`` took 43 ms of the 140 ms read."""

    id: int
    event_date: date
    severity: int
    person_ids: tuple[int, ...] = ()
    categories: tuple[IncidentCategory, ...] = ()
    reported: bool = False
    after_complaint: bool = False
    report_dates: tuple[date, ...] = ()
    complaint_date: date | None = None


@dataclass(frozen=True)
class Patterns:
    total: int
    #: (first day of the month, count), every month from the first to the last incident.
    per_month: list[tuple[date, int]] = field(default_factory=list)
    #: person id -> incidents involving them, most first.
    by_person: dict[int, int] = field(default_factory=dict)
    #: category -> incidents in it, most first (an incident counts once in each category).
    by_category: dict[IncidentCategory, int] = field(default_factory=dict)
    #: severity 1..5 -> incidents (every severity present, zero when none).
    by_severity: dict[int, int] = field(default_factory=dict)
    reported: int = 0
    after_complaint: int = 0
    findings: list[str] = field(default_factory=list)


def month_start(day: date) -> date:
    return day.replace(day=1)


def _next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def months_between(first: date, last: date) -> list[date]:
    """First days of every month from ``first``'s month to ``last``'s month (inclusive)."""
    months: list[date] = []
    current, end = month_start(first), month_start(last)
    while current <= end:
        months.append(current)
        current = _next_month(current)
    return months


def _most_first(counter: Counter[K], order: Callable[[K], object]) -> dict[K, int]:
    return dict(sorted(counter.items(), key=lambda kv: (-kv[1], order(kv[0]))))


def in_period(
    items: Iterable[PatternInput], since: date | None, until: date | None = None
) -> list[PatternInput]:
    """The incidents with ``since <= event_date <= until`` (an open end when None)."""
    return [
        i
        for i in items
        if (since is None or i.event_date >= since) and (until is None or i.event_date <= until)
    ]


def compute_patterns(
    items: Sequence[PatternInput],
    names: Mapping[int, str],
    *,
    today: date,
    recent_days: int = RECENT_DAYS,
) -> Patterns:
    """Every figure and finding for ``items``; ``names`` gives person display names."""
    total = len(items)
    if total == 0:
        return Patterns(
            total=0,
            by_severity=dict.fromkeys(SEVERITIES, 0),
            findings=[_("No incidents recorded in this period.")],
        )
    months = Counter(month_start(i.event_date) for i in items)
    per_month = [
        (m, months.get(m, 0))
        for m in months_between(min(i.event_date for i in items), max(i.event_date for i in items))
    ]
    # One count over all entries (each person or category once per entry): a Counter.update
    # per entry cost 70,000 Python calls for a year of a 50,000-entry journal.
    people: Counter[int] = Counter(p for item in items for p in set(item.person_ids))
    categories: Counter[IncidentCategory] = Counter(
        c for item in items for c in set(item.categories)
    )
    severity = Counter(i.severity for i in items)
    by_severity = {s: severity.get(s, 0) for s in SEVERITIES}
    for s, n in severity.items():  # out-of-range values are still counted, never dropped
        by_severity.setdefault(s, n)
    reported = sum(1 for i in items if i.reported)
    after = sum(1 for i in items if i.after_complaint)
    patterns = Patterns(
        total=total,
        per_month=per_month,
        by_person=_most_first(people, lambda p: names.get(p, "").lower()),
        by_category=_most_first(categories, lambda c: list(IncidentCategory).index(c)),
        by_severity=by_severity,
        reported=reported,
        after_complaint=after,
    )
    patterns.findings.extend(findings(items, names, today=today, recent_days=recent_days))
    return patterns


def person_name(names: Mapping[int, str], person_id: int) -> str:
    # translators: stands for a person whose name is not known; {number} is their id
    return names.get(person_id) or _("person #{number}").format(number=person_id)


def findings(
    items: Sequence[PatternInput],
    names: Mapping[int, str],
    *,
    today: date,
    recent_days: int = RECENT_DAYS,
) -> list[str]:
    """Plain-language sentences: reported, complaints, the most frequent category, then each
    person involved in at least RECENT_MIN incidents in the last ``recent_days`` days."""
    out: list[str] = []
    total = len(items)
    if total == 0:
        return [_("No incidents recorded in this period.")]
    complaints: Counter[date] = Counter()
    undated = 0
    for item in items:
        if not item.after_complaint:
            continue
        if item.complaint_date is None:
            undated += 1
        else:
            complaints[item.complaint_date] += 1
    for day, n in sorted(complaints.items()):
        # translators: {count} is a number of incidents, {date} the day of the complaint
        text = ngettext(
            "{count} incident after your complaint on {date}.",
            "{count} incidents after your complaint on {date}.",
            n,
        )
        out.append(text.format(count=n, date=short_date(day)))
    if undated:
        # translators: {count} is a number of incidents
        text = ngettext(
            "{count} incident after a complaint (date not given).",
            "{count} incidents after a complaint (date not given).",
            undated,
        )
        out.append(text.format(count=undated))
    reported = sum(1 for i in items if i.reported)
    if total == 1:
        # translators: {reported} is 0 or 1, the number of the incidents that were reported
        text = ngettext(
            "{reported} of 1 incident was reported.",
            "{reported} of 1 incident were reported.",
            reported,
        )
    else:
        # translators: {reported} of {total} incidents (two or more) were reported to someone;
        # the form follows {reported}
        text = ngettext(
            "{reported} of {total} incidents was reported.",
            "{reported} of {total} incidents were reported.",
            reported,
        )
    out.append(text.format(reported=reported, total=total))
    categories: Counter[IncidentCategory] = Counter()
    for item in items:
        categories.update(set(item.categories))
    if categories:
        order = list(IncidentCategory)
        top, n = min(categories.items(), key=lambda kv: (-kv[1], order.index(kv[0])))
        # translators: {category} is a kind of behaviour; {count} of {total} incidents have it;
        # the form follows {total}
        text = ngettext(
            "Most frequent category: {category} ({count} of {total} incident).",
            "Most frequent category: {category} ({count} of {total} incidents).",
            total,
        )
        out.append(text.format(category=top.label, count=n, total=total))
    since = today - timedelta(days=recent_days)
    recent: Counter[int] = Counter()
    for item in items:
        if since < item.event_date <= today:
            recent.update(set(item.person_ids))
    for person_id, n in sorted(
        recent.items(), key=lambda kv: (-kv[1], person_name(names, kv[0]).lower())
    ):
        if n >= RECENT_MIN:
            # translators: {count} incidents (three or more) involved the person {name} in
            # the last {days} days (a number, 60 unless set otherwise); the form follows {count}
            text = ngettext(
                "{count} incident involving {name} in the last {days} days.",
                "{count} incidents involving {name} in the last {days} days.",
                n,
            )
            out.append(text.format(count=n, name=person_name(names, person_id), days=recent_days))
    return out
