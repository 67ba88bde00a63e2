"""Cheap reads of the journal for views over many entries (Patterns): the list columns and
link tables read whole, and the report and complaint dates from ``incident_dates`` (mirrored
from each entry's content when it is saved), never by loading or parsing whole entries.

Withdrawn entries are left out, as the journal's lists leave them out (through the partial
index of withdrawn ids: see :data:`~peerdesk.storage.incidents.WITHDRAWN_IDS_SQL`).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from itertools import groupby
from operator import itemgetter
from typing import Any

from peerdesk.models.enums import IncidentCategory
from peerdesk.models.patterns import PatternInput
from peerdesk.storage.connection import Row
from peerdesk.storage.incidents import WITHDRAWN_IDS_SQL
from peerdesk.storage.vault import Vault


def _day(value: object) -> date | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


#: A category's enum member by its stored value (a lookup, not an enum call per row).
_CATEGORIES = {c.value: c for c in IncidentCategory}


def _grouped(rows: list[Row]) -> dict[int, tuple[Any, ...]]:
    """``(incident id, value)`` rows, in incident id order, as each id's tuple of values."""
    grouped: dict[int, tuple[Any, ...]] = {}
    for incident_id, group in groupby(rows, key=itemgetter(0)):
        grouped[int(incident_id)] = tuple(r[1] for r in group)
    return grouped


def pattern_inputs(vault: Vault) -> tuple[list[PatternInput], dict[int, str]]:
    """What the Patterns screen needs of every entry (newest event first, as the journal
    lists them), and each entry's title: four queries, whatever the size of the journal.

    The link tables' primary keys give each entry's people and categories already sorted."""
    people = _grouped(
        vault.query(
            "SELECT incident_id, person_id FROM incident_people ORDER BY incident_id, person_id"
        )
    )
    categories = {
        incident_id: tuple(_CATEGORIES[c] for c in values)
        for incident_id, values in _grouped(
            vault.query(
                "SELECT incident_id, category FROM incident_categories "
                "ORDER BY incident_id, category"
            )
        ).items()
    }
    # Report and complaint dates, mirrored from each entry's content in report order.
    reports: defaultdict[int, list[date]] = defaultdict(list)
    complaints: dict[int, date] = {}
    for r in vault.query(
        "SELECT incident_id, kind, day FROM incident_dates ORDER BY incident_id, kind, position"
    ):
        day = _day(r[2])
        if day is None:
            continue
        if r[1] == "report":
            reports[int(r[0])].append(day)
        else:
            complaints[int(r[0])] = day
    inputs: list[PatternInput] = []
    titles: dict[int, str] = {}
    no_dates: tuple[date, ...] = ()
    for incident_id, event_date, severity, reported, after_complaint, title in vault.query(
        # from the list's covering index, not the rows (schema v7)
        "SELECT id, event_date, severity, reported, after_complaint, title FROM incidents "
        f"INDEXED BY incidents_list_keys WHERE id NOT IN ({WITHDRAWN_IDS_SQL}) "
        "ORDER BY event_date DESC, event_time DESC, id DESC"
    ):
        report_dates = reports.get(incident_id)
        inputs.append(
            PatternInput(
                incident_id,
                date.fromisoformat(event_date),
                severity,
                people.get(incident_id, ()),
                categories.get(incident_id, ()),
                bool(reported),
                bool(after_complaint),
                tuple(report_dates) if report_dates else no_dates,
                complaints.get(incident_id),
            )
        )
        titles[incident_id] = title
    return inputs, titles
