"""Date and time helpers: UTC timestamps, calendar months, delays and durations.

Conventions used across the models:

* a moment the *system* records (recorded-at, saved-at, added-at, used-at) is a
  timezone-aware ``datetime`` in UTC;
* a calendar day is a ``date``;
* a time of day the *user* states (an incident's start time) is a naive ``time`` in the
  user's local wall-clock time.
"""

from __future__ import annotations

import calendar
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from peerdesk.i18n import _, ngettext

#: How long an incident or a conversation can last, in minutes (7 days).
DURATION_MAX_MINUTES = 7 * 24 * 60


def to_utc(moment: datetime) -> datetime:
    """Return ``moment`` converted to UTC; raise ``ValueError`` for a naive datetime."""
    if moment.utcoffset() is None:
        raise ValueError("a naive datetime has no defined moment; give it a time zone")
    return moment.astimezone(UTC)


def format_utc(moment: datetime) -> str:
    """The one text form of a moment: ``YYYY-MM-DDTHH:MM:SS.ffffffZ`` in UTC.

    Always 4-digit year, always 6 fractional digits, always ``Z``; so the same moment gives
    the same bytes whatever time zone it was given in. Used by canonical JSON and hashing.
    """
    return to_utc(moment).replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"


def parse_utc(text: str) -> datetime:
    """Parse an ISO 8601 date-time with an offset (``Z`` or ``+hh:mm``) into UTC.

    Raises ``ValueError`` for anything else, including a date-time without an offset.
    """
    moment = datetime.fromisoformat(text)
    return to_utc(moment)


def add_months(day: date, months: int) -> date:
    """``day`` moved by ``months`` calendar months, clamped to the end of a shorter month.

    31 January + 1 month is 28 February (29 in a leap year); 29 February + 12 months is
    28 February. ``months`` may be negative.
    """
    index = day.year * 12 + (day.month - 1) + months
    year, month0 = divmod(index, 12)
    month = month0 + 1
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last))


def minutes_between(start: time, end: time) -> int:
    """Minutes from ``start`` to ``end`` on a 24-hour clock; an end earlier than the start
    means the next day (22:30 to 01:15 is 165 minutes). Seconds are ignored."""
    start_minutes = start.hour * 60 + start.minute
    end_minutes = end.hour * 60 + end.minute
    return (end_minutes - start_minutes) % (24 * 60)


def local_moment(moment: datetime, tz: tzinfo | None = None) -> datetime:
    """``moment`` as a naive local wall-clock datetime in ``tz`` (the system's local zone
    when ``tz`` is None)."""
    local = moment.astimezone(tz) if tz is not None else moment.astimezone()
    return local.replace(tzinfo=None)


def format_delay(delay: timedelta, *, date_only: bool = False) -> str:
    """How long after an event it was written down, in words.

    With a time of day (``date_only=False``):
    under 0 -> "recorded before the stated event time"; under 1 hour -> "recorded the same
    hour"; under 24 hours -> "recorded N h after" (whole hours, rounded down); otherwise
    "recorded 1 day after" / "recorded N days after" (whole days, rounded down).

    Without a time of day (``date_only=True``; ``delay`` is a whole number of days):
    under 0 -> "recorded before the event date"; 0 -> "recorded the same day";
    otherwise "recorded 1 day after" / "recorded N days after".
    """
    return delay_words(delay, date_only=date_only)


def delay_words(delay: timedelta, *, date_only: bool = False, written: bool = False) -> str:
    """:func:`format_delay`'s words, each a whole phrase in the language in force; with
    ``written`` the phrase says "written" (an imported source's claim) instead of "recorded"."""
    if date_only:
        days = delay.days
        if days < 0:
            return (
                _("written before the event date")
                if written
                else _("recorded before the event date")
            )
        if days == 0:
            return _("written the same day") if written else _("recorded the same day")
        return _days_after(days, written)
    if delay < timedelta(0):
        if written:
            return _("written before the stated event time")
        return _("recorded before the stated event time")
    if delay < timedelta(hours=1):
        return _("written the same hour") if written else _("recorded the same hour")
    if delay < timedelta(days=1):
        hours = delay // timedelta(hours=1)
        if written:
            # translators: {hours} is a number of hours (1 to 23); "h" is the hour symbol
            return _("written {hours} h after").format(hours=hours)
        # translators: {hours} is a number of hours (1 to 23); "h" is the hour symbol
        return _("recorded {hours} h after").format(hours=hours)
    return _days_after(delay.days, written)


def _days_after(days: int, written: bool) -> str:
    if written:
        # translators: an entry was written {count} days after the event it describes
        text = ngettext("written {count} day after", "written {count} days after", days)
    else:
        # translators: an entry was recorded {count} days after the event it describes
        text = ngettext("recorded {count} day after", "recorded {count} days after", days)
    return text.format(count=days)
