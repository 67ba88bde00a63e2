from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from peerdesk.models import add_months, format_delay, format_utc, minutes_between, parse_utc


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2024, 1, 31), 1, date(2024, 2, 29)),  # leap year
        (date(2023, 1, 31), 1, date(2023, 2, 28)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2024, 3, 31), 1, date(2024, 4, 30)),
        (date(2024, 8, 31), 6, date(2025, 2, 28)),
        (date(2024, 11, 30), 3, date(2025, 2, 28)),
        (date(2024, 12, 15), 1, date(2025, 1, 15)),
        (date(2024, 5, 10), 12, date(2025, 5, 10)),
        (date(2024, 3, 31), -1, date(2024, 2, 29)),
    ],
)
def test_add_months_clamps_to_month_end(start: date, months: int, expected: date) -> None:
    assert add_months(start, months) == expected


@given(st.dates(max_value=date(9000, 1, 1)), st.integers(0, 240))
def test_add_months_lands_in_the_right_month(start: date, months: int) -> None:
    result = add_months(start, months)
    assert (result.year * 12 + result.month) - (start.year * 12 + start.month) == months
    assert result.day <= start.day


@pytest.mark.parametrize(
    ("delay", "expected"),
    [
        (timedelta(0), "recorded the same hour"),
        (timedelta(minutes=59, seconds=59), "recorded the same hour"),
        (timedelta(hours=1), "recorded 1 h after"),
        (timedelta(hours=2, minutes=40), "recorded 2 h after"),
        (timedelta(hours=23, minutes=59), "recorded 23 h after"),
        (timedelta(days=1), "recorded 1 day after"),
        (timedelta(days=1, hours=23), "recorded 1 day after"),
        (timedelta(days=9, hours=3), "recorded 9 days after"),
        (timedelta(minutes=-5), "recorded before the stated event time"),
    ],
)
def test_format_delay_with_time(delay: timedelta, expected: str) -> None:
    assert format_delay(delay) == expected


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        (0, "recorded the same day"),
        (1, "recorded 1 day after"),
        (9, "recorded 9 days after"),
        (-1, "recorded before the event date"),
    ],
)
def test_format_delay_date_only(days: int, expected: str) -> None:
    assert format_delay(timedelta(days=days), date_only=True) == expected


@pytest.mark.parametrize(
    ("start", "end", "minutes"),
    [(time(9, 0), time(9, 45), 45), (time(22, 30), time(1, 15), 165), (time(8), time(8), 0)],
)
def test_minutes_between_wraps_past_midnight(start: time, end: time, minutes: int) -> None:
    assert minutes_between(start, end) == minutes


def test_format_utc_is_fixed_width_utc_with_z() -> None:
    paris = timezone(timedelta(hours=2))
    assert format_utc(datetime(2024, 6, 1, 11, 0, tzinfo=paris)) == "2024-06-01T09:00:00.000000Z"
    assert format_utc(datetime(5, 1, 2, 3, 4, 5, 6, tzinfo=UTC)) == "0005-01-02T03:04:05.000006Z"


def test_naive_datetime_is_refused() -> None:
    with pytest.raises(ValueError, match="naive"):
        format_utc(datetime(2024, 1, 1, 12, 0))
    with pytest.raises(ValueError, match="naive"):
        parse_utc("2024-01-01T12:00:00")


@given(
    st.datetimes(
        min_value=datetime(2, 1, 1),
        max_value=datetime(9998, 12, 31),
        timezones=st.sampled_from([UTC, timezone(timedelta(hours=-5, minutes=-30))]),
    )
)
def test_format_and_parse_round_trip(moment: datetime) -> None:
    parsed = parse_utc(format_utc(moment))
    assert parsed == moment
    assert parsed.utcoffset() == timedelta(0)
