"""Cheap reads of the journal for views over many entries (Patterns): the list columns and
link tables read whole, and the report and complaint dates from ``incident_dates`` (mirrored
from each entry's content when it is saved), never by loading or parsing whole entries.

Withdrawn entries are left out, as the journal's lists leave them out (through the partial
index of withdrawn ids: see :data:`~peerdesk.storage.incidents.WITHDRAWN_IDS_SQL`).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from peerdesk.models.enums import IncidentCategory
from peerdesk.models.patterns import PatternInput
from peerdesk.storage.incidents import WITHDRAWN_IDS_SQL
from peerdesk.storage.vault import Vault


def _day(value: object) -> date | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def pattern_inputs(vault: Vault) -> tuple[list[PatternInput], dict[int, str]]:
    """What the Patterns screen needs of every entry (newest event first, as the journal
    lists them), and each entry's title: four queries, whatever the size of the journal."""
    people: defaultdict[int, list[int]] = defaultdict(list)
    for r in vault.query("SELECT incident_id, person_id FROM incident_people"):
        people[int(r[0])].append(int(r[1]))
    categories: defaultdict[int, list[IncidentCategory]] = defaultdict(list)
    for r in vault.query("SELECT incident_id, category FROM incident_categories"):
        categories[int(r[0])].append(IncidentCategory(r[1]))
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
    for r in vault.query(  # from the list's covering index, not the rows (schema v7)
        "SELECT id, event_date, severity, reported, after_complaint, title FROM incidents "
        f"INDEXED BY incidents_list_keys WHERE id NOT IN ({WITHDRAWN_IDS_SQL}) "
        "ORDER BY event_date DESC, coalesce(event_time, '') DESC, id DESC"
    ):
        incident_id = int(r[0])
        inputs.append(
            PatternInput(
                id=incident_id,
                event_date=date.fromisoformat(r[1]),
                severity=int(r[2]),
                person_ids=tuple(sorted(people.get(incident_id, ()))),
                categories=tuple(sorted(categories.get(incident_id, ()))),
                reported=bool(r[3]),
                after_complaint=bool(r[4]),
                report_dates=tuple(reports.get(incident_id, ())),
                complaint_date=complaints.get(incident_id),
            )
        )
        titles[incident_id] = r[5]
    return inputs, titles
