"""The one place dates and times are turned into words, for the screens, the PDFs and the CSVs.

Month names come from the Unicode CLDR through Babel, never from strftime's month directives
(which follow the machine's C locale) or a list written by hand. They are written in the
language in force (:func:`peerdesk.i18n.current_language`: the screens' language, or a report's
inside ``with language(code):``); every caller goes through these functions, so that choice
reaches every date at once.

Formats (English): ``short_date`` 3 Mar 2026, ``long_date`` 3 March 2026, ``month_year``
March 2026, ``short_month_year`` Mar 2026, ``month_abbr`` Mar, ``clock`` 14:05,
``short_datetime`` 3 Mar 2026, 14:05.
"""

from __future__ import annotations

from datetime import date, datetime, time
from functools import lru_cache

from babel import Locale
from babel.dates import format_date, format_skeleton

from peerdesk.i18n import PSEUDO, current_language

_SHORT = "d MMM y"  # i18n: keep - a CLDR pattern, not words
_LONG = "d MMMM y"  # i18n: keep - a CLDR pattern, not words
_MONTH_YEAR = "MMMM y"  # i18n: keep - a CLDR pattern, not words
_SHORT_MONTH_YEAR = "MMM y"  # i18n: keep - a CLDR pattern, not words
_MONTH_ABBR = "LLL"


def _locale() -> str:
    """The CLDR locale of the language in force (the pseudo-language writes English dates)."""
    code = current_language()
    return "en" if code == PSEUDO else code


#: The CLDR skeleton of each English pattern: other languages order and spell it their way
#: (German "3. März 2026", Spanish "3 de marzo de 2026"); English keeps the British order.
_SKELETONS = {_SHORT: "yMMMd", _LONG: "yMMMMd", _MONTH_YEAR: "yMMMM", _SHORT_MONTH_YEAR: "yMMM"}
_SKELETONS[_MONTH_ABBR] = "MMM"


@lru_cache(maxsize=4096)
def _format(day: date, pattern: str, locale: str) -> str:
    if locale == "en":
        return str(format_date(day, pattern, locale=locale))
    return str(format_skeleton(_SKELETONS[pattern], day, locale=locale))


@lru_cache(maxsize=16)
def _date_and_time(locale: str) -> str:
    """How the language joins a date and a time ("{1}, {0}"; Arabic uses its own comma)."""
    return "{1}, {0}" if locale == "en" else str(Locale.parse(locale).datetime_formats["medium"])


def short_date(day: date | None, empty: str = "") -> str:
    """``3 Mar 2026`` (``empty`` for None)."""
    return empty if day is None else _format(_as_date(day), _SHORT, _locale())


def long_date(day: date | None, empty: str = "") -> str:
    """``3 March 2026`` (``empty`` for None)."""
    return empty if day is None else _format(_as_date(day), _LONG, _locale())


def month_year(day: date | None = None, empty: str = "", *, year: int = 0, month: int = 0) -> str:
    """``March 2026``, of a date or of ``year=`` and ``month=``."""
    if day is None and not year:
        return empty
    return _format(
        _as_date(day) if day is not None else date(year, month, 1), _MONTH_YEAR, _locale()
    )


def short_month_year(day: date | None, empty: str = "") -> str:
    """``Mar 2026``."""
    return (
        empty
        if day is None
        else _format(_as_date(day).replace(day=1), _SHORT_MONTH_YEAR, _locale())
    )


def month_abbr(day: date) -> str:
    """``Mar`` (the month on its own, as a chart's axis shows it)."""
    return _format(_as_date(day).replace(day=1), _MONTH_ABBR, _locale())


def clock(moment: time | datetime | None, empty: str = "") -> str:
    """``14:05`` (24-hour clock, hours and minutes)."""
    if moment is None:
        return empty
    return f"{moment.hour:02d}:{moment.minute:02d}"


def short_datetime(moment: datetime | None, empty: str = "") -> str:
    """``3 Mar 2026, 14:05`` (the moment as given: convert to local time before if needed)."""
    if moment is None:
        return empty
    joined = _date_and_time(_locale())
    return joined.replace("{1}", short_date(moment.date())).replace("{0}", clock(moment))


def _as_date(day: date) -> date:
    # A datetime is a date too, but caches and formats by its date only.
    return day.date() if isinstance(day, datetime) else day


__all__ = [
    "clock",
    "long_date",
    "month_abbr",
    "month_year",
    "short_date",
    "short_datetime",
    "short_month_year",
]
