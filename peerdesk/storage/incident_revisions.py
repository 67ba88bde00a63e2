"""The revision side of the journal: every save appends a revision chained to the previous
one by SHA-256 (:mod:`peerdesk.models.integrity`), the ``incidents`` row mirrors the newest
revision, and :func:`verify_history` recomputes every chain.

``incidents.py`` (the repository, lists and filters) writes and reads revisions through here.
"""

# SQL here is built only from this module's constant fragments and "?" placeholders; every
# value is bound as a parameter, never formatted into the text.

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

import sqlcipher3

from peerdesk.i18n import N_, _, ngettext, pgettext
from peerdesk.models.enums import RecordKind
from peerdesk.models.errors import ValidationError
from peerdesk.models.incident import Incident
from peerdesk.models.integrity import ChainCheck, Revision, make_revision, verify_chain
from peerdesk.models.serialize import incident_payload
from peerdesk.models.timing import format_utc, parse_utc
from peerdesk.storage.connection import Row
from peerdesk.storage.search import index_record
from peerdesk.storage.vault import Vault

RECORDED_AT_FIXED = N_(
    "The time an entry was recorded is set by PeerDesk when it is first saved and never changes."
)

#: The columns a revision row is read with.
REVISION_COLUMNS = "incident_id, number, saved_at, payload, prev_hash, hash"


@dataclass(frozen=True)
class HistoryProblem:
    incident_id: int
    record_number: int
    first_broken: int | None
    reason: str


@dataclass(frozen=True)
class EntryCheck:
    """One entry as the history check found it (what ``peerdesk check --verbose`` prints).

    ``head`` is the newest revision's fingerprint (the chain head a report's integrity
    appendix prints), or None when the chain is broken."""

    incident_id: int
    record_number: int
    revisions: int
    withdrawn: bool
    head: str | None
    ok: bool

    def cells(self) -> tuple[str, str, str, str]:
        """The row under :data:`ENTRY_CHECK_COLUMNS`, as the CLI and *Verify history* show it."""
        return (
            str(self.record_number),
            str(self.revisions),
            # translators: in the "Withdrawn" column of the entry check table
            pgettext("withdrawn", "yes") if self.withdrawn else pgettext("withdrawn", "no"),
            self.head if self.ok and self.head else _("(does not verify)"),
        )


#: Column names of the per-entry table (the CLI, the Verify history window and the report's
#: "How to verify" text use these words).
ENTRY_CHECK_COLUMNS = (N_("Record no."), N_("Revisions"), N_("Withdrawn"), N_("Chain head"))


@dataclass(frozen=True)
class HistoryReport:
    checked: int
    revisions: int
    problems: list[HistoryProblem] = field(default_factory=list)
    entries: list[EntryCheck] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def table_lines(self) -> list[str]:
        """The per-entry table as plain lines, a header first (what ``peerdesk check --verbose``
        prints and *Verify history* shows, so that both read exactly alike)."""
        number, revisions, withdrawn, head = ENTRY_CHECK_COLUMNS
        header = (_(number), _(revisions), _(withdrawn), _(head))
        return [_table_line(header)] + [_table_line(e.cells()) for e in self.entries]

    def summary(self) -> str:
        if self.ok:
            entries = ngettext("{count} entry", "{count} entries", self.checked).format(
                count=self.checked
            )
            revisions = ngettext("{count} revision", "{count} revisions", self.revisions).format(
                count=self.revisions
            )
            # translators: {entries} is e.g. "12 entries"; {revisions} e.g. "30 revisions"
            return _("{entries} verified: every revision chain is intact ({revisions}).").format(
                entries=entries, revisions=revisions
            )
        first = self.problems[0]
        # translators: {failed} entries failed of {count}; {number} is the first one's record
        # number and {reason} what is wrong with it
        return ngettext(
            "{failed} of {count} entry failed verification; the first is entry No. {number}: "
            "{reason}",
            "{failed} of {count} entries failed verification; the first is entry No. {number}: "
            "{reason}",
            self.checked,
        ).format(
            failed=len(self.problems),
            count=self.checked,
            number=first.record_number,
            reason=first.reason,
        )


def _table_line(cells: tuple[str, str, str, str]) -> str:
    number, revisions, withdrawn, head = cells
    return f"{number:>10}  {revisions:>9}  {withdrawn:<9}  {head}"


def revision_from_row(row: Row) -> Revision:
    payload = row["payload"]
    # Stored as a BLOB; a row edited outside PeerDesk may come back as TEXT. Read it either
    # way so that verification reports the tampering instead of failing on it.
    return Revision(
        incident_id=int(row["incident_id"]),
        number=int(row["number"]),
        saved_at=parse_utc(row["saved_at"]),
        payload=payload.encode("utf-8") if isinstance(payload, str) else bytes(payload),
        prev_hash=row["prev_hash"],
        hash=row["hash"],
    )


def search_parts(incident: Incident) -> list[str]:
    parts = [
        incident.place,
        incident.narrative,
        incident.my_response,
        incident.their_reaction,
        incident.attempts_to_stop,
        incident.private_reflection,
    ]
    parts += [f"{q.speaker_label} {q.text}" for q in incident.quotes]
    parts += [f"{w.name} {w.where} {w.reacted}" for w in incident.witnesses]
    parts += [f"{t.who} {t.how}" for t in incident.told]
    parts += [f"{r.recipient_detail} {r.reference} {r.outcome}" for r in incident.reports]
    parts += [f"{e.what} {e.where} {e.held_by}" for e in incident.evidence_not_held]
    impact = incident.impact
    parts += [impact.emotional, impact.physical, impact.work, impact.home, impact.sought_help]
    parts += incident.tags
    return parts


# -- writing ------------------------------------------------------------------------------------


def insert_incident(
    tx: sqlcipher3.Connection, incident: Incident, recorded_at: datetime
) -> Incident:
    if incident.recorded_at is not None:
        raise ValidationError("recorded_at", _(RECORDED_AT_FIXED))
    if incident.record_number is not None or incident.id is not None:
        raise ValidationError("record_number", _("A new entry gets its number when saved."))
    clean = incident.cleaned()
    number = int(
        tx.execute(
            "UPDATE counters SET value = value + 1 WHERE name = 'incident_record_number' "
            "RETURNING value"
        ).fetchone()[0]
    )
    clean.record_number = number
    clean.recorded_at = recorded_at.astimezone(UTC)
    payload = incident_payload(clean)
    when = format_utc(clean.recorded_at)
    cursor = tx.execute(
        "INSERT INTO incidents(record_number, recorded_at, last_amended_at, revision_count, "
        "event_date, approximate, channel, title, severity, reported, after_complaint, "
        "content) VALUES (?, ?, ?, 0, ?, 0, ?, '', 0, 0, 0, '')",
        (number, when, when, clean.event_date.isoformat(), clean.channel.value),
    )
    incident_id = int(cursor.lastrowid)
    revision = make_revision(
        incident_id=incident_id, previous=None, saved_at=clean.recorded_at, payload=payload
    )
    write_revision(tx, revision)
    clean.id = incident_id
    write_mirror(tx, clean, payload, revision, update=False)
    return clean


def write_revision(tx: sqlcipher3.Connection, revision: Revision) -> None:
    tx.execute(
        "INSERT INTO incident_revisions(incident_id, number, saved_at, payload, prev_hash, "
        "hash) VALUES (?, ?, ?, ?, ?, ?)",
        (
            revision.incident_id,
            revision.number,
            format_utc(revision.saved_at),
            revision.payload,
            revision.prev_hash,
            revision.hash,
        ),
    )


def write_mirror(
    tx: sqlcipher3.Connection,
    incident: Incident,
    payload: bytes,
    revision: Revision,
    *,
    update: bool,
) -> None:
    incident_id = incident.id
    assert incident_id is not None
    tx.execute(
        "UPDATE incidents SET last_amended_at = ?, revision_count = ?, event_date = ?, "
        "event_time = ?, approximate = ?, channel = ?, title = ?, severity = ?, "
        "reported = ?, after_complaint = ?, withdrawn = ?, source_fingerprint = ?, content = ? "
        "WHERE id = ?",
        (
            format_utc(revision.saved_at),
            revision.number,
            incident.event_date.isoformat(),
            incident.event_time.isoformat() if incident.event_time else None,
            int(incident.approximate),
            incident.channel.value,
            incident.title,
            incident.severity,
            int(bool(incident.reports)),
            int(incident.after_complaint),
            int(incident.withdrawn is not None),
            incident.provenance.fingerprint if incident.provenance is not None else None,
            payload.decode("utf-8"),
            incident_id,
        ),
    )
    if update:
        for table in ("incident_people", "incident_categories", "incident_tags", "incident_dates"):
            tx.execute(f"DELETE FROM {table} WHERE incident_id = ?", (incident_id,))
    tx.executemany(
        "INSERT OR IGNORE INTO incident_people(incident_id, person_id) VALUES (?, ?)",
        [(incident_id, pid) for pid in sorted(incident.person_ids())],
    )
    tx.executemany(
        "INSERT INTO incident_categories(incident_id, category) VALUES (?, ?)",
        [(incident_id, c.value) for c in sorted(incident.categories)],
    )
    tx.executemany(
        "INSERT OR IGNORE INTO incident_tags(incident_id, tag) VALUES (?, ?)",
        [(incident_id, t) for t in incident.tags],
    )
    tx.executemany(
        "INSERT INTO incident_dates(incident_id, kind, position, day) VALUES (?, ?, ?, ?)",
        mirrored_dates(incident_id, incident),
    )
    index_record(tx, RecordKind.INCIDENT, incident_id, incident.title, search_parts(incident))


def mirrored_dates(incident_id: int, incident: Incident) -> list[tuple[int, str, int, str]]:
    """The rows of ``incident_dates`` for ``incident``: each report's date (by its place in
    the list of reports) and the complaint's date, the ones Patterns counts."""
    rows = [
        (incident_id, "report", n, report.reported_on.isoformat())
        for n, report in enumerate(incident.reports)
        if report.reported_on is not None
    ]
    if incident.complaint_date is not None:
        rows.append((incident_id, "complaint", 0, incident.complaint_date.isoformat()))
    return rows


def append_revision(
    tx: sqlcipher3.Connection,
    incident: Incident,
    payload: bytes | None,
    saved_at: datetime,
) -> Revision:
    """Add the next revision of ``incident`` (its ``id`` set) and refresh the mirror row."""
    incident_id = incident.id
    assert incident_id is not None
    if payload is None:
        incident.id = None
        payload = incident_payload(incident)
        incident.id = incident_id
    last = tx.execute(
        f"SELECT {REVISION_COLUMNS} "
        "FROM incident_revisions WHERE incident_id = ? ORDER BY number DESC LIMIT 1",
        (incident_id,),
    ).fetchone()
    revision = make_revision(
        incident_id=incident_id,
        previous=revision_from_row(last),
        saved_at=saved_at,
        payload=payload,
    )
    write_revision(tx, revision)
    write_mirror(tx, incident, payload, revision, update=True)
    return revision


# -- verification -------------------------------------------------------------------------------


def _recorded_at(payload: bytes) -> object:
    """The recorded-at of a revision's content, parsed as plain JSON (not loaded as a whole
    entry: the chain check has verified these bytes already)."""
    try:
        data = json.loads(payload)
    except ValueError:
        return None
    return data.get("recorded_at") if isinstance(data, dict) else None


def _same_moment(first: object, recorded: str) -> bool:
    """Whether the first revision's recorded-at (as stored in its content) is ``recorded``."""
    if not isinstance(first, str):
        return False
    try:
        return parse_utc(first) == parse_utc(recorded)
    except ValueError:
        return False


#: Entries whose revisions are read at once by :func:`verify_history`.
CHECK_CHUNK = 500


def _entries_with_chains(vault: Vault, order: list[int]) -> Iterator[tuple[Row, list[Revision]]]:
    """Each entry (in ``order``) with its revisions, read a chunk of entries at a time."""
    for start in range(0, len(order), CHECK_CHUNK):
        ids = order[start : start + CHECK_CHUNK]
        marks = ", ".join("?" * len(ids))
        entries = {
            int(r["id"]): r
            for r in vault.query(
                "SELECT id, record_number, revision_count, recorded_at, content, "
                "json_valid(content) AND json_extract(content, '$.withdrawn') IS NOT NULL "
                f"AS withdrawn FROM incidents WHERE id IN ({marks})",
                ids,
            )
        }
        chains: dict[int, list[Revision]] = {}
        for r in vault.query(
            f"SELECT {REVISION_COLUMNS} FROM incident_revisions "
            f"WHERE incident_id IN ({marks}) ORDER BY incident_id, number",
            ids,
        ):
            chains.setdefault(int(r["incident_id"]), []).append(revision_from_row(r))
        for incident_id in ids:
            entry = entries.get(incident_id)
            if entry is not None:  # deleted while the check ran
                yield entry, chains.get(incident_id, [])


def verify_history(vault: Vault) -> HistoryReport:
    """Recompute every entry's chain; name the first broken link of each broken entry.

    Also checks that the current entry (what lists and reports show) is exactly the
    newest revision, so an edit of the mirror row is caught as well.
    """
    # Entries are checked a chunk at a time, so memory holds one chunk's revisions, not the
    # whole history. Whether withdrawn is read with json_extract, the first revision's
    # recorded-at with a plain JSON parse: loading every entry whole only to compare one field
    # was most of the check's time.
    order = [int(r[0]) for r in vault.query("SELECT id FROM incidents ORDER BY record_number")]
    problems: list[HistoryProblem] = []
    rows: list[EntryCheck] = []
    total = 0
    for entry, chain in _entries_with_chains(vault, order):
        incident_id = int(entry["id"])
        total += len(chain)
        check: ChainCheck = verify_chain(chain)
        number = int(entry["record_number"])
        before = len(problems)
        rows.append(
            EntryCheck(
                incident_id,
                number,
                len(chain),
                bool(entry["withdrawn"]),
                check.head,
                check.ok,
            )
        )
        if not check.ok:
            problems.append(HistoryProblem(incident_id, number, check.first_broken, check.reason))
            continue
        if (
            len(chain) != int(entry["revision_count"])
            or entry["content"].encode("utf-8") != chain[-1].payload
        ):
            problems.append(
                HistoryProblem(
                    incident_id,
                    number,
                    None,
                    _("The entry as shown differs from its newest saved revision."),
                )
            )
            continue
        if not _same_moment(_recorded_at(chain[0].payload), entry["recorded_at"]):
            problems.append(
                HistoryProblem(
                    incident_id,
                    number,
                    1,
                    _("The recorded-at time differs from the first revision's."),
                )
            )
        if len(problems) != before and rows[-1].ok:
            rows[-1] = replace(rows[-1], ok=False)
    return HistoryReport(checked=len(rows), revisions=total, problems=problems, entries=rows)
