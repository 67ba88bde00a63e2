"""The incident journal: entries, the lists and filters over them, their revision history.

Every save appends a revision (nothing is overwritten). Each revision stores the canonical JSON
of the whole entry and is chained to the previous one by SHA-256
(:mod:`peerdesk.models.integrity`). The ``incidents`` row mirrors the newest revision so lists
and filters read plain columns. Recorded-at and the record number are set once, and no API
changes them (a trigger refuses it too). Writing revisions and verifying the chains is
``incident_revisions.py``; the list filters and sort orders are ``incident_filter.py``
(re-exported here); this module holds the repository.
"""

from __future__ import annotations

import builtins
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

import sqlcipher3

from peerdesk.i18n import _
from peerdesk.models.enums import Channel, IncidentCategory, RecordKind
from peerdesk.models.errors import ValidationError
from peerdesk.models.incident import Incident, Withdrawal
from peerdesk.models.integrity import Revision
from peerdesk.models.provenance import Provenance
from peerdesk.models.serialize import incident_from_payload, incident_payload
from peerdesk.models.timing import format_delay, parse_utc
from peerdesk.storage.connection import Row
from peerdesk.storage.errors import RecordNotFound
from peerdesk.storage.incident_filter import (
    SORT_SQL,
    WITHDRAWN_IDS_SQL,
    IncidentFilter,
    IncidentSort,
    ids_sql,
    where_from,
)
from peerdesk.storage.incident_revisions import (
    RECORDED_AT_FIXED,
    REVISION_COLUMNS,
    HistoryReport,
    append_revision,
    insert_incident,
    revision_from_row,
    verify_history,
)
from peerdesk.storage.repository import ALL, Page, Repository, placeholders
from peerdesk.storage.search import (
    purge_deleted_text,
    unindex_record,
)

__all__ = [
    "WITHDRAWN_IDS_SQL",
    "IncidentFilter",
    "IncidentRepository",
    "IncidentSort",
    "IncidentSummary",
]


@dataclass(frozen=True)
class IncidentSummary:
    """What a list row shows. Never carries the narrative or other long text."""

    id: int
    record_number: int
    event_date: date
    event_time: time | None
    approximate: bool
    recorded_at: datetime
    last_amended_at: datetime
    revision_count: int
    channel: Channel
    title: str
    severity: int
    reported: bool
    after_complaint: bool
    attachment_count: int
    person_ids: tuple[int, ...] = ()
    categories: tuple[IncidentCategory, ...] = ()
    tags: tuple[str, ...] = ()
    withdrawn: bool = False
    #: Set for an imported entry: its source and the source's claim of when it was written.
    provenance: Provenance | None = None

    def recording_delay_text(self) -> str:
        if self.event_time is None:
            delay = self.recorded_at.astimezone().date() - self.event_date  # local dates
            return format_delay(delay, date_only=True)
        event = datetime.combine(self.event_date, self.event_time).astimezone(UTC)
        return format_delay(self.recorded_at - event)


_SUMMARY_SQL = (
    "SELECT i.id, i.record_number, i.event_date, i.event_time, i.approximate, i.recorded_at, "
    "i.last_amended_at, i.revision_count, i.channel, i.title, i.severity, i.reported, "
    "i.after_complaint, i.attachment_count, i.withdrawn, "
    "(SELECT group_concat(person_id) FROM incident_people WHERE incident_id = i.id) AS people, "
    "(SELECT group_concat(category) FROM incident_categories WHERE incident_id = i.id) AS cats, "
    "(SELECT group_concat(tag, char(31)) FROM incident_tags WHERE incident_id = i.id) AS tags, "
    "i.source_fingerprint IS NOT NULL AS imported "
    "FROM incidents i"
)


def _summary(row: Row, provenance: dict[int, Provenance] | None = None) -> IncidentSummary:
    people = row["people"]
    cats = row["cats"]
    tags = row["tags"]
    return IncidentSummary(
        id=int(row["id"]),
        record_number=int(row["record_number"]),
        event_date=date.fromisoformat(row["event_date"]),
        event_time=time.fromisoformat(row["event_time"]) if row["event_time"] else None,
        approximate=bool(row["approximate"]),
        recorded_at=parse_utc(row["recorded_at"]),
        last_amended_at=parse_utc(row["last_amended_at"]),
        revision_count=int(row["revision_count"]),
        channel=Channel(row["channel"]),
        title=row["title"],
        severity=int(row["severity"]),
        reported=bool(row["reported"]),
        after_complaint=bool(row["after_complaint"]),
        attachment_count=int(row["attachment_count"]),
        person_ids=tuple(sorted(int(p) for p in people.split(","))) if people else (),
        categories=tuple(sorted(IncidentCategory(c) for c in cats.split(","))) if cats else (),
        tags=tuple(sorted(tags.split("\x1f"), key=str.lower)) if tags else (),
        withdrawn=bool(row["withdrawn"]),
        provenance=(provenance or {}).get(int(row["id"])),
    )


def _provenance(text: str | None) -> Provenance | None:
    """The provenance kept in an entry's content (see :class:`Provenance`), or None."""
    if not text:
        return None
    try:
        data = json.loads(text)
        written_at, written_on = data.get("written_at"), data.get("written_on")
        return Provenance(
            source=str(data["source"]),
            fingerprint=str(data["fingerprint"]),
            written_at=parse_utc(written_at) if written_at else None,
            written_on=date.fromisoformat(written_on) if written_on else None,
            zone=str(data.get("zone") or ""),
            reference=str(data.get("reference") or ""),
        )
    except (ValueError, KeyError, TypeError, AttributeError):
        return None


class IncidentRepository(Repository):
    # -- writing -------------------------------------------------------------------------------

    def add(self, incident: Incident) -> Incident:
        """Save a new entry: record number and recorded-at are assigned here."""
        with self._vault.transaction() as tx:
            saved = insert_incident(tx, incident, datetime.now(UTC))
        assert saved.id is not None
        self._emit("added", [saved.id])
        return saved

    def add_many(
        self, incidents: Iterable[Incident], recorded_at: Iterable[datetime] | None = None
    ) -> list[int]:
        """Bulk insert in one transaction (demo data, imports). ``recorded_at`` is only for
        generated data that must look recorded in the past; the journal UI never passes it."""
        ids: list[int] = []
        times: Iterator[datetime] | None = iter(recorded_at) if recorded_at is not None else None
        with self._vault.transaction() as tx:
            for incident in incidents:
                when = next(times) if times is not None else datetime.now(UTC)
                saved = insert_incident(tx, incident, when)
                assert saved.id is not None
                ids.append(saved.id)
        self._emit("added", ids)
        return ids

    def update(self, incident: Incident) -> Incident:
        """Save a changed entry as a new revision (nothing is overwritten).

        Returns the entry as stored. Saving identical content adds no revision.
        """
        if incident.id is None:
            raise RecordNotFound()
        incident_id = incident.id
        clean = incident.cleaned()
        with self._vault.transaction() as tx:
            row = tx.execute(
                "SELECT record_number, recorded_at, withdrawn, source_fingerprint, content "
                "FROM incidents WHERE id = ?",
                (incident_id,),
            ).fetchone()
            if row is None:
                raise RecordNotFound()
            stored_number = int(row["record_number"])
            stored_recorded = parse_utc(row["recorded_at"])
            if clean.record_number not in (None, stored_number):
                raise ValidationError("record_number", _("The record number never changes."))
            if clean.recorded_at is not None and clean.recorded_at != stored_recorded:
                raise ValidationError("recorded_at", _(RECORDED_AT_FIXED))
            clean.record_number = stored_number
            clean.recorded_at = stored_recorded
            # Withdrawn or not is changed only by withdraw() and restore(), and the provenance
            # of an imported entry only by the import: never by an edit.
            stored = (
                incident_from_payload(row["content"].encode("utf-8"))
                if row["withdrawn"] or row["source_fingerprint"] is not None
                else None
            )
            clean.withdrawn = stored.withdrawn if stored is not None else None
            clean.provenance = stored.provenance if stored is not None else None
            clean.id = None
            payload = incident_payload(clean)
            clean.id = incident_id
            if payload == row["content"].encode("utf-8"):
                return clean
            append_revision(tx, clean, payload, datetime.now(UTC))
        self._emit("changed", [incident_id])
        return clean

    def withdraw(self, incident_id: int, reason: str = "") -> Incident:
        """Mark an entry as withdrawn by its author as made in error, with the date and an
        optional reason: a new revision in its chain (nothing is removed or rewritten). The
        entry then leaves lists, patterns and reports unless they ask for withdrawn entries."""
        now = datetime.now(UTC)
        withdrawal = Withdrawal(withdrawn_at=now, reason=reason).cleaned()
        with self._vault.transaction() as tx:
            current = self._current(tx, incident_id)
            if current.withdrawn is not None:
                raise ValidationError("withdrawn", _("This entry is already withdrawn."))
            current.withdrawn = withdrawal
            append_revision(tx, current, None, now)
        self._emit("changed", [incident_id])
        return current

    def restore(self, incident_id: int) -> Incident:
        """Undo a withdrawal: another revision, with the withdrawal cleared."""
        with self._vault.transaction() as tx:
            current = self._current(tx, incident_id)
            if current.withdrawn is None:
                raise ValidationError("withdrawn", _("This entry is not withdrawn."))
            current.withdrawn = None
            append_revision(tx, current, None, datetime.now(UTC))
        self._emit("changed", [incident_id])
        return current

    def withdrawn_ids(self) -> frozenset[int]:
        """The ids of the entries withdrawn as made in error."""
        rows = self._vault.query("SELECT id FROM incidents WHERE withdrawn = 1")
        return frozenset(int(r[0]) for r in rows)

    def imported_fingerprints(self, fingerprints: Iterable[str]) -> frozenset[str]:
        """Which of ``fingerprints`` (of source entries, :class:`Provenance`) an entry already
        in the vault was imported from: an import leaves those out, so nothing is imported
        twice."""
        wanted = sorted({f.strip().lower() for f in fingerprints})
        found: set[str] = set()
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            rows = self._vault.query(
                "SELECT source_fingerprint FROM incidents WHERE source_fingerprint IN "
                f"({placeholders(len(chunk))})",
                chunk,
            )
            found.update(str(r[0]) for r in rows)
        return frozenset(found)

    def _current(self, tx: sqlcipher3.Connection, incident_id: int) -> Incident:
        row = tx.execute("SELECT content FROM incidents WHERE id = ?", (incident_id,)).fetchone()
        if row is None:
            raise RecordNotFound()
        incident = incident_from_payload(row["content"].encode("utf-8"))
        incident.id = incident_id
        return incident

    def delete(self, incident_id: int) -> None:
        """Delete an entry, its history, links and attachments. Its number is never reused."""
        with self._vault.transaction() as tx:
            tx.execute(
                "UPDATE strategy_uses SET incident_id = NULL WHERE incident_id = ?", (incident_id,)
            )
            cursor = tx.execute("DELETE FROM incidents WHERE id = ?", (incident_id,))
            if cursor.rowcount != 1:
                raise RecordNotFound()
            unindex_record(tx, RecordKind.INCIDENT, incident_id)
            purge_deleted_text(tx)
        self._emit("removed", [incident_id])

    # -- reading -------------------------------------------------------------------------------

    def get(self, incident_id: int) -> Incident:
        row = self._vault.query_one("SELECT content FROM incidents WHERE id = ?", (incident_id,))
        if row is None:
            raise RecordNotFound()
        incident = incident_from_payload(row["content"].encode("utf-8"))
        incident.id = incident_id
        return incident

    def summary(self, incident_id: int) -> IncidentSummary:
        by_id = " WHERE i.id = ?"  # i18n: keep — SQL
        rows = self._vault.query(_SUMMARY_SQL + by_id, (incident_id,))
        if not rows:
            raise RecordNotFound()
        return self._summaries(rows)[0]

    def list(
        self,
        where: IncidentFilter | None = None,
        *,
        sort: IncidentSort = IncidentSort.EVENT,
        descending: bool = True,
        page: Page = ALL,
    ) -> builtins.list[IncidentSummary]:
        clause, params = (where or IncidentFilter()).where()
        order = SORT_SQL[sort].format(d="DESC" if descending else "ASC")
        limit_sql, limit_params = page.sql()
        rows = self._vault.query(
            f"{_SUMMARY_SQL}{clause} ORDER BY {order}{limit_sql}",  # i18n: keep — SQL
            [*params, *limit_params],
        )
        return self._summaries(rows)

    def ids(
        self,
        where: IncidentFilter | None = None,
        *,
        sort: IncidentSort = IncidentSort.EVENT,
        descending: bool = True,
    ) -> builtins.list[int]:
        """Just the ids, in order: cheap enough for 10,000 rows (lazy list models)."""
        rows = self._vault.query(*ids_sql(where, sort, descending))
        return [int(r[0]) for r in rows]

    def summaries(self, ids: Sequence[int]) -> dict[int, IncidentSummary]:
        found: dict[int, IncidentSummary] = {}
        for start in range(0, len(ids), 500):
            chunk = list(ids[start : start + 500])
            rows = self._vault.query(
                f"{_SUMMARY_SQL} WHERE i.id IN ({placeholders(len(chunk))})",  # i18n: keep — SQL
                chunk,
            )
            found.update((s.id, s) for s in self._summaries(rows))
        return found

    def _summaries(self, rows: Sequence[Row]) -> builtins.list[IncidentSummary]:
        """Summaries of ``rows``; the imported ones with their provenance, read from their
        content by a second query on those rows only (the list reads no content otherwise)."""
        imported = [int(r["id"]) for r in rows if r["imported"]]
        claims: dict[int, Provenance] = {}
        for start in range(0, len(imported), 500):
            chunk = imported[start : start + 500]
            for row in self._vault.query(
                "SELECT id, json_extract(content, '$.provenance') AS provenance FROM incidents "
                f"WHERE id IN ({placeholders(len(chunk))})",
                chunk,
            ):
                claim = _provenance(row["provenance"])
                if claim is not None:
                    claims[int(row["id"])] = claim
        return [_summary(r, claims) for r in rows]

    def count(self, where: IncidentFilter | None = None) -> int:
        clause, params = (where or IncidentFilter()).where()
        row = self._vault.query_one(f"SELECT count(*) FROM {where_from(where)}{clause}", params)
        return int(row[0]) if row else 0

    def all_tags(self) -> builtins.list[str]:
        rows = self._vault.query(
            "SELECT DISTINCT tag FROM incident_tags ORDER BY tag COLLATE NOCASE"
        )
        return [r["tag"] for r in rows]

    def revisions(self, incident_id: int) -> builtins.list[Revision]:
        rows = self._vault.query(
            f"SELECT {REVISION_COLUMNS} FROM incident_revisions WHERE incident_id = ? "
            "ORDER BY number",
            (incident_id,),
        )
        return [revision_from_row(r) for r in rows]

    def revision_content(self, incident_id: int, number: int) -> Incident:
        rows = [r for r in self.revisions(incident_id) if r.number == number]
        if not rows:
            raise RecordNotFound()
        incident = incident_from_payload(rows[0].payload)
        incident.id = incident_id
        return incident

    def chain_heads(self, ids: Sequence[int] | None = None) -> dict[int, tuple[str, int]]:
        """``{incident id: (newest revision hash, revision count)}`` for reports."""
        sql = (
            "SELECT r.incident_id, r.hash, i.revision_count FROM incident_revisions r "
            "JOIN incidents i ON i.id = r.incident_id AND r.number = i.revision_count"
        )
        rows = self._vault.query(sql)
        wanted = set(ids) if ids is not None else None
        return {int(r[0]): (r[1], int(r[2])) for r in rows if wanted is None or int(r[0]) in wanted}

    # -- verification --------------------------------------------------------------------------

    def verify_history(self) -> HistoryReport:
        """Recompute every entry's chain; name the first broken link of each broken entry (see
        :func:`~peerdesk.storage.incident_revisions.verify_history`)."""
        return verify_history(self._vault)
