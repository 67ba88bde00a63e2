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
from peerdesk.models.dates import clock, long_date
from peerdesk.models.incident import Incident
from peerdesk.models.provenance import Provenance
from peerdesk.models.provenance_text import source_zone

#: The heading-block label of the claim.
LABEL = "Originally written"
#: The words that say what the claim is.
CLAIM = "the source's claim, not PeerDesk's record"
#: The chronology's Recorded column: where the claim is added (H1 may move columns: by header).
RECORDED_HEADER = "Recorded"


def written(p: Provenance, *, zone: bool = True) -> str:
    """ "3 March 2026, 13:05 UTC (14:05 Europe/Berlin)", "on 3 March 2026", or "".
    ``zone``: add the source's own clock when it names a zone."""
    if p.written_on is not None:
        return f"on {long_date(p.written_on)}"
    if p.written_at is None:
        return ""
    moment = p.written_at.astimezone(UTC)
    text = f"{long_date(moment.date())}, {clock(moment)} UTC"
    there_zone = source_zone(p.zone) if zone else None
    if there_zone is not None:
        there = p.written_at.astimezone(there_zone)
        day = "" if there.date() == moment.date() else f"{long_date(there.date())}, "
        text += f" ({day}{clock(there)} {p.zone.strip()})"
    return text


def claim(p: Provenance) -> str:
    """ "3 March 2026, 13:05 UTC, according to Day One: the source's claim, not PeerDesk's
    record; PeerDesk recorded the entry when it was imported"."""
    when = written(p) or "no date given"
    return (
        f"{when}, according to {p.source_name()}: {CLAIM}. PeerDesk recorded the entry "
        "when it was imported (see Recorded)"
    )


def add_facts(facts: list[tuple[str, str]], incident: Incident) -> None:
    """Put the claim right after the "Recorded" fact of an imported entry's heading block."""
    p = incident.provenance
    if p is None:
        return
    at = next((n + 1 for n, (label, _) in enumerate(facts) if label == "Recorded"), len(facts))
    facts.insert(at, (LABEL, claim(p)))


def mark_chronology(rows: list[list[str]], entries: Sequence[Entry], column: int = 2) -> None:
    """Add the claim under the recorded-at of each imported entry in the chronology's rows
    (one row per entry, in the order of ``entries``)."""
    for row, entry in zip(rows, entries, strict=False):
        p = entry.incident.provenance
        if p is not None and column < len(row):
            when = written(p, zone=False) or "no date given"
            row[column] += (
                f"\nImported. Originally written {when} according to {p.source_name()}: "
                "the source's claim"
            )


def how_kept(entries: Sequence[Entry]) -> list[str]:
    """A paragraph for "How this record was kept" when some entries were imported."""
    imported = [e for e in entries if e.incident.provenance is not None]
    if not imported:
        return []
    sources = sorted(
        {e.incident.provenance.source_name() for e in imported if e.incident.provenance}
    )
    count = len(imported)
    which = "entry was" if count == 1 else "entries were"
    return [
        f"{count} {which} not written in PeerDesk but imported (from {', '.join(sources)}). "
        "For those, “recorded at” is when they were imported into PeerDesk. When the source "
        "says they were first written is printed beside it as “originally written”: that is "
        f"{CLAIM}. PeerDesk cannot check it; the source's own files may."
    ]


__all__ = ["CLAIM", "LABEL", "add_facts", "claim", "how_kept", "mark_chronology", "written"]
