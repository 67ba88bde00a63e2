"""Cheap reads of the journal for views over many entries (Patterns): the list columns and
link tables read whole, and the few values kept only in an entry's content (report and
complaint dates) taken out with ``json_extract``, never by loading whole entries.

Withdrawn entries are left out, as the journal's lists leave them out (through the partial
index of withdrawn ids: see :data:`~peerdesk.storage.incidents.WITHDRAWN_IDS_SQL`).
"""

from __future__ import annotations

import json
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


def _report_dates(reports_json: str | None) -> tuple[date, ...]:
    if not reports_json:
        return ()
    try:
        reports = json.loads(reports_json)
    except ValueError:
        return ()
    if not isinstance(reports, list):
        return ()
    found = (_day(r.get("reported_on")) for r in reports if isinstance(r, dict))
    return tuple(d for d in found if d is not None)


def pattern_inputs(vault: Vault) -> tuple[list[PatternInput], dict[int, str]]:
    """What the Patterns screen needs of every entry (newest event first, as the journal
    lists them), and each entry's title: four queries, whatever the size of the journal."""
    people: defaultdict[int, list[int]] = defaultdict(list)
    for r in vault.query("SELECT incident_id, person_id FROM incident_people"):
        people[int(r[0])].append(int(r[1]))
    categories: defaultdict[int, list[IncidentCategory]] = defaultdict(list)
    for r in vault.query("SELECT incident_id, category FROM incident_categories"):
        categories[int(r[0])].append(IncidentCategory(r[1]))
    # Report and complaint dates live only in the content, and only entries marked reported
    # or after a complaint can hold any.
    dated: dict[int, tuple[tuple[date, ...], date | None]] = {
        int(r[0]): (_report_dates(r[1]), _day(r[2]))
        for r in vault.query(
            "SELECT id, json_extract(content, '$.reports'), "
            "json_extract(content, '$.complaint_date') FROM incidents "
            f"WHERE (reported = 1 OR after_complaint = 1) AND id NOT IN ({WITHDRAWN_IDS_SQL})"
        )
    }
    inputs: list[PatternInput] = []
    titles: dict[int, str] = {}
    for r in vault.query(
        "SELECT id, event_date, severity, reported, after_complaint, title FROM incidents "
        f"WHERE id NOT IN ({WITHDRAWN_IDS_SQL}) "
        "ORDER BY event_date DESC, coalesce(event_time, '') DESC, id DESC"
    ):
        incident_id = int(r[0])
        report_dates, complaint = dated.get(incident_id, ((), None))
        inputs.append(
            PatternInput(
                id=incident_id,
                event_date=date.fromisoformat(r[1]),
                severity=int(r[2]),
                person_ids=tuple(sorted(people.get(incident_id, ()))),
                categories=tuple(sorted(categories.get(incident_id, ()))),
                reported=bool(r[3]),
                after_complaint=bool(r[4]),
                report_dates=report_dates,
                complaint_date=complaint,
            )
        )
        titles[incident_id] = r[5]
    return inputs, titles
