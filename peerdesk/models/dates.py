"""The one place dates and times are turned into words, for the screens, the PDFs and the CSVs.

Month names come from the Unicode CLDR through Babel, never from strftime's month directives
(which follow the machine's C locale) or a list written by hand. The language is English until the
translation work gives the user a choice; every caller goes through these functions, so that
choice will reach every date at once.

Formats (English): ``short_date`` 3 Mar 2026, ``long_date`` 3 March 2026, ``month_year``
March 2026, ``short_month_year`` Mar 2026, ``month_abbr`` Mar, ``clock`` 14:05,
``short_datetime`` 3 Mar 2026, 14:05.
"""

from __future__ import annotations

from datetime import date, datetime, time
from functools import lru_cache

from babel.dates import format_date

#: The language dates are written in (a CLDR locale name).
LOCALE = "en"

_SHORT = "d MMM y"
_LONG = "d MMMM y"
_MONTH_YEAR = "MMMM y"
_SHORT_MONTH_YEAR = "MMM y"
_MONTH_ABBR = "LLL"


@lru_cache(maxsize=4096)
def _format(day: date, pattern: str, locale: str) -> str:
    return str(format_date(day, pattern, locale=locale))


def short_date(day: date | None, empty: str = "") -> str:
    """``3 Mar 2026`` (``empty`` for None)."""
    return empty if day is None else _format(_as_date(day), _SHORT, LOCALE)


def long_date(day: date | None, empty: str = "") -> str:
    """``3 March 2026`` (``empty`` for None)."""
    return empty if day is None else _format(_as_date(day), _LONG, LOCALE)


def month_year(day: date | None = None, empty: str = "", *, year: int = 0, month: int = 0) -> str:
    """``March 2026``, of a date or of ``year=`` and ``month=``."""
    if day is None and not year:
        return empty
    return _format(_as_date(day) if day is not None else date(year, month, 1), _MONTH_YEAR, LOCALE)


def short_month_year(day: date | None, empty: str = "") -> str:
    """``Mar 2026``."""
    return (
        empty if day is None else _format(_as_date(day).replace(day=1), _SHORT_MONTH_YEAR, LOCALE)
    )


def month_abbr(day: date) -> str:
    """``Mar`` (the month on its own, as a chart's axis shows it)."""
    return _format(_as_date(day).replace(day=1), _MONTH_ABBR, LOCALE)


def clock(moment: time | datetime | None, empty: str = "") -> str:
    """``14:05`` (24-hour clock, hours and minutes)."""
    if moment is None:
        return empty
    return f"{moment.hour:02d}:{moment.minute:02d}"


def short_datetime(moment: datetime | None, empty: str = "") -> str:
    """``3 Mar 2026, 14:05`` (the moment as given: convert to local time before if needed)."""
    if moment is None:
        return empty
    return f"{short_date(moment.date())}, {clock(moment)}"


def _as_date(day: date) -> date:
    # A datetime is a date too, but caches and formats by its date only.
    return day.date() if isinstance(day, datetime) else day


__all__ = [
    "LOCALE",
    "clock",
    "long_date",
    "month_abbr",
    "month_year",
    "short_date",
    "short_datetime",
    "short_month_year",
]
