"""An imported entry's provenance in words, the same in the editor, the journal list and the
report: "Originally written 3 Mar 2026, 14:05 according to Day One".

The moment is shown on the clock of the zone the source names for it when that zone is known
(an IANA name such as "Europe/Berlin", or a fixed offset "UTC+01:00" as an email gives it),
with the zone in brackets; otherwise on this computer's clock, like every other time on screen.
A source that gives only a day reads "Originally written on 3 Mar 2026 according to jrnl".
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from peerdesk.i18n import _
from peerdesk.models.dates import clock, long_date, short_date
from peerdesk.models.provenance import Provenance
from peerdesk.models.timing import delay_words

_OFFSET_RE = re.compile(r"^UTC([+-])(\d{2}):(\d{2})$")


def source_zone(zone: str) -> tzinfo | None:
    """The time zone named by a provenance's ``zone`` (None when empty or unknown)."""
    zone = zone.strip()
    if not zone:
        return None
    match = _OFFSET_RE.match(zone)
    if match is not None:
        minutes = int(match[2]) * 60 + int(match[3])
        if minutes >= 24 * 60:
            return None
        return timezone(timedelta(minutes=-minutes if match[1] == "-" else minutes))
    try:
        return ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def written_moment(p: Provenance, local: tzinfo | None = None) -> tuple[datetime, str] | None:
    """The written-at moment as a naive wall-clock time, and the zone it is on ("" when it is
    this computer's clock, ``local``: the system zone unless given). None for a date-only
    claim or no claim."""
    if p.written_at is None:
        return None
    zone = source_zone(p.zone)
    if zone is not None:
        return p.written_at.astimezone(zone).replace(tzinfo=None), p.zone.strip()
    moment = p.written_at.astimezone(local) if local is not None else p.written_at.astimezone()
    return moment.replace(tzinfo=None), ""


def written_text(p: Provenance, local: tzinfo | None = None, *, long: bool = False) -> str:
    """ "3 Mar 2026, 14:05 (Europe/Berlin)", "on 3 Mar 2026", or "" when the source gave no
    date. ``long``: "3 March 2026" (the report's style)."""
    day = long_date if long else short_date
    if p.written_on is not None:
        # translators: fills {when} in "Originally written {when} according to {source}"
        return _("on {date}").format(date=day(p.written_on))
    found = written_moment(p, local)
    if found is None:
        return ""
    moment, zone = found
    if zone:
        # translators: a date, a time of day and a time zone name ("Europe/Berlin")
        return _("{date}, {time} ({zone})").format(
            date=day(moment.date()), time=clock(moment), zone=zone
        )
    # translators: a date and a time of day
    return _("{date}, {time}").format(date=day(moment.date()), time=clock(moment))


def originally_written(p: Provenance, local: tzinfo | None = None, *, long: bool = False) -> str:
    """ "Originally written 3 Mar 2026, 14:05 according to Day One" (or "Imported from Day One;
    the source gives no date" when it claims none)."""
    when = written_text(p, local, long=long)
    if not when:
        # translators: {source} is where an entry was imported from, e.g. "the CSV file"
        return _("Imported from {source}; the source gives no date it was written").format(
            source=p.source_name()
        )
    # translators: {when} is "on 3 Mar 2026" or "3 Mar 2026, 14:05"; {source} is where the
    # entry was imported from, e.g. "Day One" or "the CSV file"
    return _("Originally written {when} according to {source}").format(
        when=when, source=p.source_name()
    )


def written_delay(
    p: Provenance, event_date: date, event_time: time | None, local: tzinfo | None = None
) -> str:
    """How long after the event the source says the entry was written, in the words of
    :func:`~peerdesk.models.timing.format_delay`: "written 2 h after", "written the same day"
    ("" when the source gives no date)."""
    if p.written_on is not None:
        delay, date_only = timedelta(days=(p.written_on - event_date).days), True
    else:
        found = written_moment(p, local)
        if found is None:
            return ""
        moment, _zone = found
        if event_time is None:
            delay, date_only = timedelta(days=(moment.date() - event_date).days), True
        else:
            delay, date_only = moment - datetime.combine(event_date, event_time), False
    return delay_words(delay, date_only=date_only, written=True)


__all__ = [
    "originally_written",
    "source_zone",
    "written_delay",
    "written_moment",
    "written_text",
]
