"""The journal's list filters and sort orders, as SQL over ``incidents i``.

Kept apart from the repository (``incidents.py``, which re-exports these names) so each module
stays small. Every query here reads indexes where it can: a filter that picks entries by id goes
through the covering index ``incidents_list_keys`` (schema v7), never through the entries' rows.
"""

# i18n: keep-file — SQL filters and sort orders only, no user-visible words

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from peerdesk.models.enums import IncidentCategory, RecordKind
from peerdesk.storage.repository import placeholders
from peerdesk.storage.search import match_query, matching_ids_sql


class IncidentSort(StrEnum):
    EVENT = "event"
    RECORDED = "recorded"
    RECORD_NUMBER = "record_number"
    SEVERITY = "severity"
    TITLE = "title"
    ATTACHMENTS = "attachments"


SORT_SQL = {
    # An entry with no time sorts before the timed ones of its day (SQLite orders NULL first),
    # as the index ``incidents_event`` holds them: a list in event order needs no sorting.
    IncidentSort.EVENT: "i.event_date {d}, i.event_time {d}, i.id {d}",
    IncidentSort.RECORDED: "i.recorded_at {d}, i.id {d}",
    IncidentSort.RECORD_NUMBER: "i.record_number {d}",
    IncidentSort.SEVERITY: "i.severity {d}, i.event_date {d}, i.id {d}",
    IncidentSort.TITLE: "i.title COLLATE NOCASE {d}, i.id {d}",
    IncidentSort.ATTACHMENTS: "i.attachment_count {d}, i.id {d}",
}


#: The withdrawn entries' ids, from the small partial index ``incidents_withdrawn``. Lists test
#: this instead of the ``withdrawn`` column: that column was added after ``content``, so reading
#: it reads each entry's whole content (at 10,000 entries, 1.4 s instead of 0.08 s).
WITHDRAWN_IDS_SQL = "SELECT id FROM incidents WHERE withdrawn = 1"


@dataclass(frozen=True)
class IncidentFilter:
    """All given conditions must hold; inside a set, any member matches."""

    date_from: date | None = None
    date_to: date | None = None
    person_ids: frozenset[int] = frozenset()
    categories: frozenset[IncidentCategory] = frozenset()
    severity_min: int | None = None
    severity_max: int | None = None
    reported: bool | None = None
    after_complaint: bool | None = None
    tags: frozenset[str] = frozenset()
    text: str = ""
    ids: frozenset[int] | None = None
    #: Entries the author withdrew as made in error are left out unless this is True.
    include_withdrawn: bool = False

    def where(self) -> tuple[str, list[object]]:
        """SQL conditions on ``incidents i`` (withdrawn entries left out unless
        ``include_withdrawn``)."""
        clauses: list[str] = []
        params: list[object] = []
        if self.date_from is not None:
            clauses.append("i.event_date >= ?")
            params.append(self.date_from.isoformat())
        if self.date_to is not None:
            clauses.append("i.event_date <= ?")
            params.append(self.date_to.isoformat())
        if self.person_ids:
            ids = sorted(self.person_ids)
            clauses.append(
                "i.id IN (SELECT incident_id FROM incident_people "
                f"WHERE person_id IN ({placeholders(len(ids))}))"
            )
            params.extend(ids)
        if self.categories:
            cats = sorted(c.value for c in self.categories)
            clauses.append(
                "i.id IN (SELECT incident_id FROM incident_categories "
                f"WHERE category IN ({placeholders(len(cats))}))"
            )
            params.extend(cats)
        if self.severity_min is not None:
            clauses.append("i.severity >= ?")
            params.append(self.severity_min)
        if self.severity_max is not None:
            clauses.append("i.severity <= ?")
            params.append(self.severity_max)
        if self.reported is not None:
            clauses.append("i.reported = ?")
            params.append(int(self.reported))
        if self.after_complaint is not None:
            clauses.append("i.after_complaint = ?")
            params.append(int(self.after_complaint))
        if self.tags:
            tags = sorted(self.tags)
            clauses.append(
                "i.id IN (SELECT incident_id FROM incident_tags "
                f"WHERE tag IN ({placeholders(len(tags))}))"
            )
            params.extend(tags)
        if self.text.strip():
            query = match_query(self.text)
            if query is None:
                clauses.append("0")
            else:
                clauses.append(f"i.id IN ({matching_ids_sql(RecordKind.INCIDENT)})")
                params.append(query)
        if self.ids is not None:
            ids = sorted(self.ids)
            if not ids:
                clauses.append("0")
            else:
                clauses.append(f"i.id IN ({placeholders(len(ids))})")
                params.extend(ids)
        if not self.include_withdrawn:
            clauses.append(f"i.id NOT IN ({WITHDRAWN_IDS_SQL})")
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def where_from(where: IncidentFilter | None, sort: IncidentSort | None = None) -> str:
    """``incidents i`` for ``ids()`` and ``count()``. When ``where`` picks entries by id (people,
    categories, tags, words, ids), through a covering index, so each match's sort and filter
    columns are read from it and not from its row beside its content: ``incidents_event`` when
    the list is in event order and filters on nothing else of the row (it is read in that order,
    with nothing to sort), ``incidents_list_keys`` (schema v7) otherwise."""
    w = where or IncidentFilter()
    if not (w.person_ids or w.categories or w.tags or w.text.strip() or w.ids is not None):
        return "incidents i"
    row_columns = (w.severity_min, w.severity_max, w.reported, w.after_complaint)
    if sort is IncidentSort.EVENT and all(c is None for c in row_columns):
        return "incidents i INDEXED BY incidents_event"
    return "incidents i INDEXED BY incidents_list_keys"


def ids_sql(
    where: IncidentFilter | None, sort: IncidentSort, descending: bool
) -> tuple[str, list[object]]:
    """The query of the ids ``where`` picks, in the list's order, and its parameters."""
    clause, params = (where or IncidentFilter()).where()
    order = SORT_SQL[sort].format(d="DESC" if descending else "ASC")
    return f"SELECT i.id FROM {where_from(where, sort)}{clause} ORDER BY {order}", params
