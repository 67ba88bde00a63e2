"""Pattern figures equal counts computed independently from the same generated data."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from peerdesk.models.dates import short_date
from peerdesk.models.enums import IncidentCategory
from peerdesk.models.patterns import (
    PatternInput,
    compute_patterns,
    findings,
    months_between,
)

TODAY = date(2026, 10, 31)
NAMES = {1: "R. Stone", 2: "J. K.", 3: "A. Okafor"}

inputs = st.builds(
    PatternInput,
    id=st.integers(1, 10_000),
    event_date=st.dates(date(2024, 1, 1), TODAY),
    severity=st.integers(1, 5),
    person_ids=st.lists(st.sampled_from([1, 2, 3]), max_size=3, unique=True).map(tuple),
    categories=st.lists(st.sampled_from(list(IncidentCategory)), max_size=3, unique=True).map(
        tuple
    ),
    reported=st.booleans(),
    after_complaint=st.booleans(),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(inputs, max_size=60))
def test_figures_equal_independent_counts(items: list[PatternInput]) -> None:
    p = compute_patterns(items, NAMES, today=TODAY)
    assert p.total == len(items)
    for month, n in p.per_month:
        assert n == len(
            [
                i
                for i in items
                if (i.event_date.year, i.event_date.month) == (month.year, month.month)
            ]
        )
    assert sum(n for _, n in p.per_month) == len(items)
    for person in (1, 2, 3):
        expected = len([i for i in items if person in i.person_ids])
        assert p.by_person.get(person, 0) == expected
    for category in IncidentCategory:
        expected = len([i for i in items if category in i.categories])
        assert p.by_category.get(category, 0) == expected
    for severity in range(1, 6):
        assert p.by_severity[severity] == len([i for i in items if i.severity == severity])
    assert p.reported == len([i for i in items if i.reported])
    assert p.after_complaint == len([i for i in items if i.after_complaint])
    if items:
        assert f"{p.reported} of {len(items)} incident" in " ".join(p.findings)
    # ordered most first
    assert list(p.by_person.values()) == sorted(p.by_person.values(), reverse=True)


@settings(max_examples=60, deadline=None)
@given(st.lists(inputs, min_size=1, max_size=60))
def test_recent_person_findings_match_counts(items: list[PatternInput]) -> None:
    text = findings(items, NAMES, today=TODAY)
    since = TODAY - timedelta(days=60)
    for person, name in NAMES.items():
        n = len([i for i in items if person in i.person_ids and since < i.event_date <= TODAY])
        sentence = f"{n} incidents involving {name} in the last 60 days."
        if n >= 2:
            assert sentence in text
        else:
            assert not any(f"involving {name} " in s for s in text)


def item(n: int, day: date, **kw: object) -> PatternInput:
    return PatternInput(
        id=n,
        event_date=day,
        severity=kw.pop("severity", 3),  # type: ignore[arg-type]
        **kw,
    )  # type: ignore[arg-type]


def test_findings_in_plain_language() -> None:
    complaint = date(2026, 5, 2)
    items = [
        item(
            1,
            date(2026, 10, 1),
            person_ids=(1,),
            categories=(IncidentCategory.THREATS,),
            reported=True,
        ),
        item(2, date(2026, 10, 20), person_ids=(1, 2), categories=(IncidentCategory.THREATS,)),
        item(
            3,
            date(2026, 10, 25),
            person_ids=(1,),
            after_complaint=True,
            complaint_date=complaint,
            report_dates=(date(2026, 10, 26),),
        ),
        item(4, date(2026, 6, 1), person_ids=(2,), after_complaint=True, complaint_date=complaint),
        item(
            5,
            date(2026, 6, 3),
            person_ids=(2,),
            after_complaint=True,
            complaint_date=complaint,
            categories=(IncidentCategory.RETALIATION,),
        ),
        item(6, date(2026, 6, 4), after_complaint=True),
    ]
    text = findings(items, NAMES, today=TODAY)
    assert text == [
        "3 incidents after your complaint on 2 May 2026.",
        "1 incident after a complaint (date not given).",
        "1 of 6 incidents was reported.",
        "Most frequent category: Threats (2 of 6 incidents).",
        "3 incidents involving R. Stone in the last 60 days.",
    ]


def test_unknown_person_and_empty() -> None:
    items = [item(1, TODAY, person_ids=(9,)), item(2, TODAY, person_ids=(9,))]
    assert "2 incidents involving person #9 in the last 60 days." in findings(
        items, {}, today=TODAY
    )
    empty = compute_patterns([], NAMES, today=TODAY)
    assert empty.total == 0 and empty.findings == ["No incidents recorded in this period."]
    assert set(empty.by_severity) == {1, 2, 3, 4, 5}


def test_months_are_contiguous_across_years() -> None:
    months = months_between(date(2025, 11, 15), date(2026, 2, 1))
    assert months == [date(2025, 11, 1), date(2025, 12, 1), date(2026, 1, 1), date(2026, 2, 1)]
    p = compute_patterns(
        [item(1, date(2025, 11, 15)), item(2, date(2026, 2, 1))], NAMES, today=TODAY
    )
    assert [n for _, n in p.per_month] == [1, 0, 0, 1]
    assert short_date(date(2026, 5, 2)) == "2 May 2026"
