"""The cast list: people who appear in incidents."""

from __future__ import annotations

import builtins

import sqlcipher3

from peerdesk.i18n import N_
from peerdesk.models.enums import RecordKind, Relationship
from peerdesk.models.person import Person
from peerdesk.storage.connection import Row, utc_now_text
from peerdesk.storage.errors import RecordNotFound, VaultError
from peerdesk.storage.repository import ALL, Page, Repository
from peerdesk.storage.search import index_record, unindex_record

_COLUMNS = "id, display_name, role, relationship, holds_power, notes"


class PersonInUse(VaultError):
    kind = "person-in-use"
    default_message = N_(
        "This person appears in incidents, so they cannot be removed from the cast list. "
        "Remove them from those incidents first."
    )


def _person(row: Row) -> Person:
    return Person(
        id=int(row["id"]),
        display_name=row["display_name"],
        role=row["role"],
        relationship=Relationship(row["relationship"]),
        holds_power=bool(row["holds_power"]),
        notes=row["notes"],
    )


class PersonRepository(Repository):
    def add(self, person: Person) -> Person:
        clean = person.cleaned()
        now = utc_now_text()
        with self._vault.transaction() as tx:
            cursor = tx.execute(
                "INSERT INTO persons(display_name, role, relationship, holds_power, notes, "
                "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    clean.display_name,
                    clean.role,
                    clean.relationship.value,
                    int(clean.holds_power),
                    clean.notes,
                    now,
                    now,
                ),
            )
            clean.id = int(cursor.lastrowid)
            self._index(tx, clean)
        self._emit("added", [clean.id])
        return clean

    def update(self, person: Person) -> Person:
        if person.id is None:
            raise RecordNotFound()
        clean = person.cleaned()
        with self._vault.transaction() as tx:
            cursor = tx.execute(
                "UPDATE persons SET display_name = ?, role = ?, relationship = ?, "
                "holds_power = ?, notes = ?, updated_at = ? WHERE id = ?",
                (
                    clean.display_name,
                    clean.role,
                    clean.relationship.value,
                    int(clean.holds_power),
                    clean.notes,
                    utc_now_text(),
                    clean.id,
                ),
            )
            if cursor.rowcount != 1:
                raise RecordNotFound()
            self._index(tx, clean)
        self._emit("changed", [int(person.id)])
        return clean

    def get(self, person_id: int) -> Person:
        row = self._vault.query_one(f"SELECT {_COLUMNS} FROM persons WHERE id = ?", (person_id,))
        if row is None:
            raise RecordNotFound()
        return _person(row)

    def list(self, page: Page = ALL) -> list[Person]:
        limit_sql, limit_params = page.sql()
        rows = self._vault.query(
            f"SELECT {_COLUMNS} FROM persons ORDER BY display_name COLLATE NOCASE, id" + limit_sql,
            limit_params,
        )
        return [_person(r) for r in rows]

    def count(self) -> int:
        row = self._vault.query_one("SELECT count(*) FROM persons")
        return int(row[0]) if row else 0

    def incident_ids(self, person_id: int) -> builtins.list[int]:
        """Incidents this person is involved in, oldest event first."""
        rows = self._vault.query(
            "SELECT i.id FROM incident_people p JOIN incidents i ON i.id = p.incident_id "
            "WHERE p.person_id = ? ORDER BY i.event_date, i.event_time, i.id",
            (person_id,),
        )
        return [int(r["id"]) for r in rows]

    def incident_counts(self) -> dict[int, int]:
        """Entries per person, not counting entries withdrawn as made in error."""
        rows = self._vault.query(
            "SELECT p.person_id, count(*) AS n FROM incident_people p WHERE p.incident_id "
            "NOT IN (SELECT id FROM incidents WHERE withdrawn = 1) GROUP BY p.person_id"
        )
        return {int(r["person_id"]): int(r["n"]) for r in rows}

    def delete(self, person_id: int) -> None:
        if self.incident_ids(person_id):
            raise PersonInUse()
        with self._vault.transaction() as tx:
            cursor = tx.execute("DELETE FROM persons WHERE id = ?", (person_id,))
            if cursor.rowcount != 1:
                raise RecordNotFound()
            unindex_record(tx, RecordKind.PERSON, person_id)
        self._emit("removed", [person_id])

    @staticmethod
    def _index(tx: sqlcipher3.Connection, person: Person) -> None:
        assert person.id is not None
        index_record(
            tx, RecordKind.PERSON, person.id, person.display_name, [person.role, person.notes]
        )
