"""What the report says about an imported entry (issue 14, "honest provenance").

PeerDesk's "recorded at" of an imported entry is the import time, and the report prints it as
for any other entry. Beside it, an imported entry prints when its source says it was written,
marked as the source's claim and not PeerDesk's record: in the entry's heading block
(:func:`add_facts`), in the chronology (:func:`mark_chronology`) and, once, in "How this record
was kept" (:func:`how_kept`). Times are in UTC like every time the report prints, with the
source's own clock beside them when it names a zone.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC

from peerdesk.export.report.context import Entry
from peerdesk.i18n import N_, _, ngettext, pgettext
from peerdesk.models.dates import clock, long_date
from peerdesk.models.incident import Incident
from peerdesk.models.provenance import Provenance
from peerdesk.models.provenance_text import source_zone

#: The heading-block label of the claim (marked here, translated where printed).
# translators: the label of when an imported entry's source (Day One, e-mail...) says it was
# first written
LABEL = N_("Originally written")
#: The words that say what the claim is.
CLAIM = N_("the source's claim, not PeerDesk's record")
#: The chronology's Recorded column: where the claim is added (H1 may move columns: by header).
RECORDED_HEADER = "Recorded"  # i18n: keep — an identifier; the header is translated in front


def written(p: Provenance, *, zone: bool = True) -> str:
    """ "3 March 2026, 13:05 UTC (14:05 Europe/Berlin)", "on 3 March 2026", or "".
    ``zone``: add the source's own clock when it names a zone."""
    if p.written_on is not None:
        # translators: when an imported entry was written (only its date is known)
        return _("on {date}").format(date=long_date(p.written_on))
    if p.written_at is None:
        return ""
    moment = p.written_at.astimezone(UTC)
    # translators: a long date and a time in UTC
    text = _("{date}, {time} UTC").format(date=long_date(moment.date()), time=clock(moment))
    there_zone = source_zone(p.zone) if zone else None
    if there_zone is not None:
        there = p.written_at.astimezone(there_zone)
        zone_name = p.zone.strip()
        if there.date() == moment.date():
            # translators: a moment in UTC, then the same moment on the source's clock
            # ({time}) in its time zone ({zone}, e.g. Europe/Berlin)
            text = _("{moment} ({time} {zone})").format(
                moment=text, time=clock(there), zone=zone_name
            )
        else:
            # translators: as above, when the source's clock shows another day ({date})
            text = _("{moment} ({date}, {time} {zone})").format(
                moment=text, date=long_date(there.date()), time=clock(there), zone=zone_name
            )
    return text


def claim(p: Provenance) -> str:
    """ "3 March 2026, 13:05 UTC, according to Day One: the source's claim, not PeerDesk's
    record; PeerDesk recorded the entry when it was imported"."""
    # translators: an imported entry's source gave no date
    when = written(p) or _("no date given")
    # translators: {when} is when the source says the entry was written, {source} the
    # source's name (e.g. Day One); "Recorded" is the label of the entry's recorded-at fact
    return _(
        "{when}, according to {source}: the source's claim, not PeerDesk's record. PeerDesk "
        "recorded the entry when it was imported (see Recorded)"
    ).format(when=when, source=p.source_name())


def add_facts(facts: list[tuple[str, str]], incident: Incident) -> None:
    """Put the claim right after the "Recorded" fact of an imported entry's heading block."""
    p = incident.provenance
    if p is None:
        return
    recorded = pgettext("entry fact", "Recorded")  # the label entries.py gives it
    at = next((n + 1 for n, (label, _v) in enumerate(facts) if label == recorded), len(facts))
    facts.insert(at, (_(LABEL), claim(p)))


def mark_chronology(rows: list[list[str]], entries: Sequence[Entry], column: int = 2) -> None:
    """Add the claim under the recorded-at of each imported entry in the chronology's rows
    (one row per entry, in the order of ``entries``)."""
    for row, entry in zip(rows, entries, strict=False):
        p = entry.incident.provenance
        if p is not None and column < len(row):
            when = written(p, zone=False) or _("no date given")
            # translators: in the chronology, under an imported entry's recorded-at time:
            # {when} is when its source ({source}, e.g. Day One) says it was written
            row[column] += "\n" + _(
                "Imported. Originally written {when} according to {source}: the source's claim"
            ).format(when=when, source=p.source_name())


def how_kept(entries: Sequence[Entry]) -> list[str]:
    """A paragraph for "How this record was kept" when some entries were imported."""
    imported = [e for e in entries if e.incident.provenance is not None]
    if not imported:
        return []
    sources = sorted(
        {e.incident.provenance.source_name() for e in imported if e.incident.provenance}
    )
    count = len(imported)
    # translators: in "How this record was kept"; {count} entries were imported from
    # {sources} (a list of names, e.g. Day One, e-mail)
    text = ngettext(
        "{count} entry was not written in PeerDesk but imported (from {sources}). "
        "For those, “recorded at” is when they were imported into PeerDesk. When the source "
        "says they were first written is printed beside it as “originally written”: that is "
        "the source's claim, not PeerDesk's record. PeerDesk cannot check it; the source's "
        "own files may.",
        "{count} entries were not written in PeerDesk but imported (from {sources}). "
        "For those, “recorded at” is when they were imported into PeerDesk. When the source "
        "says they were first written is printed beside it as “originally written”: that is "
        "the source's claim, not PeerDesk's record. PeerDesk cannot check it; the source's "
        "own files may.",
        count,
    )
    return [text.format(count=count, sources=", ".join(sources))]


__all__ = ["CLAIM", "LABEL", "add_facts", "claim", "how_kept", "mark_chronology", "written"]
