"""The one date module: the same words whatever the machine's locale, month names from CLDR."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from peerdesk.models import dates


def test_formats() -> None:
    day = date(2026, 9, 3)
    assert dates.short_date(day) == "3 Sep 2026"
    assert dates.long_date(day) == "3 September 2026"
    assert dates.month_year(day) == "September 2026"
    assert dates.month_year(year=2026, month=1) == "January 2026"
    assert dates.short_month_year(day) == "Sep 2026"
    assert dates.month_abbr(day) == "Sep"
    assert dates.clock(time(9, 5)) == "09:05"
    assert dates.short_datetime(datetime(2026, 9, 3, 14, 5, tzinfo=UTC)) == "3 Sep 2026, 14:05"


def test_empty_values() -> None:
    assert dates.short_date(None) == ""
    assert dates.long_date(None, "—") == "—"
    assert dates.month_year(None, "never") == "never"
    assert dates.clock(None, "-") == "-"
    assert dates.short_datetime(None) == ""


def test_a_datetime_is_formatted_by_its_date() -> None:
    assert dates.short_date(datetime(2026, 12, 31, 23, 59)) == "31 Dec 2026"


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)))
def test_every_day_reads_back(day: date) -> None:
    text = dates.long_date(day)
    assert datetime.strptime(text, "%d %B %Y").date() == day  # C locale: English month names


def test_no_month_is_formatted_outside_this_module() -> None:
    # strftime("%b"/"%B") follows the machine's locale (LC_TIME) and a hand-written list of
    # month names cannot be translated: every date goes through peerdesk.models.dates.
    package = Path(dates.__file__).resolve().parent.parent
    offenders = []
    for path in sorted(package.rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("#", 1)[0]
            if "%b" in code or "%B" in code or '"September"' in code or '"Sep"' in code:
                offenders.append(f"{path.relative_to(package)}:{number}: {line.strip()}")
    assert offenders == []


@pytest.mark.parametrize("month", range(1, 13))
def test_every_month_has_its_name(month: int) -> None:
    day = date(2026, month, 1)
    assert dates.month_year(day) == datetime.strptime(f"1 {month} 2026", "%d %m %Y").strftime(
        "%B %Y"
    )
