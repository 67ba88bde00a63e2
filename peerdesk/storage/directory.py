"""The support-resource directory: EAP, HR, union, GP, helplines, external services.

Built-in entries arrive by :meth:`ResourceRepository.merge_builtin` (keyed by their stable
``key``); an entry the user edited is marked ``user_edited`` and keeps the user's wording in
later merges (e.g. "Your EAP" with the real phone number filled in). Built-in entries cannot
be deleted; the user's own can.
"""

# SQL here is built only from this module's constant fragments and "?" placeholders; every
# value is bound as a parameter, never formatted into the text.

from __future__ import annotations

import builtins
from collections.abc import Sequence

import sqlcipher3

from peerdesk.i18n import _
from peerdesk.models.enums import RecordKind, ResourceKind
from peerdesk.models.errors import ValidationError
from peerdesk.models.resource import Resource
from peerdesk.storage.builtin import MergeReport, merge_by_key
from peerdesk.storage.connection import Row
from peerdesk.storage.errors import RecordNotFound
from peerdesk.storage.library import BuiltinNotDeletable, read_stamp, write_stamp
from peerdesk.storage.repository import ALL, Page, Repository
from peerdesk.storage.search import index_record, purge_deleted_text, unindex_record

_COLUMNS = "id, key, name, kind, contact, notes, country, builtin, user_edited"
#: vault_meta key under which install_builtin_content records the merged content's stamp.
RESOURCES_STAMP_KEY = "content.resources"


def _resource(row: Row) -> Resource:
    return Resource(
        id=int(row["id"]),
        key=row["key"],
        name=row["name"],
        kind=ResourceKind(row["kind"]),
        contact=row["contact"],
        notes=row["notes"],
        country=row["country"],
        builtin=bool(row["builtin"]),
    )


def _wording(r: Resource) -> tuple[str, str, str, str, str]:
    return (r.name, r.kind.value, r.contact, r.notes, r.country)


class ResourceRepository(Repository):
    """Entries of the support directory."""

    # -- writing -------------------------------------------------------------------------------

    def add(self, resource: Resource) -> Resource:
        """Save one of the user's own entries (not built-in, no key)."""
        clean = resource.cleaned()
        if clean.builtin:
            raise ValidationError("builtin", _("Built-in entries come only from PeerDesk."))
        clean.id = None
        with self._vault.transaction() as tx:
            clean.id = self._insert(tx, clean)
            self._index(tx, clean)
        self._emit("added", [clean.id])
        return clean

    def update(self, resource: Resource) -> Resource:
        """Save changes; ``key`` and ``builtin`` never change. Changing a built-in entry
        marks it as edited, so later content updates keep the user's version."""
        if resource.id is None:
            raise RecordNotFound()
        resource_id = resource.id
        with self._vault.transaction() as tx:
            old = _resource(self._row(tx, resource_id))
            if resource.builtin != old.builtin or resource.key != old.key:
                raise ValidationError("builtin", _("Whether an entry is built-in never changes."))
            clean = resource.cleaned()
            changed = _wording(clean) != _wording(old)
            tx.execute(
                "UPDATE resources SET name = ?, kind = ?, contact = ?, notes = ?, country = ?, "
                "user_edited = max(user_edited, ?) WHERE id = ?",
                (*_wording(clean), int(changed and old.builtin), resource_id),
            )
            self._index(tx, clean)
        self._emit("changed", [resource_id])
        return clean

    def delete(self, resource_id: int) -> None:
        """Delete one of the user's own entries; referrals to it keep their kind and note.
        Built-in entries raise BuiltinNotDeletable."""
        with self._vault.transaction() as tx:
            row = self._row(tx, resource_id)
            if row["builtin"]:
                raise BuiltinNotDeletable()
            tx.execute(
                "UPDATE referrals SET resource_id = NULL WHERE resource_id = ?", (resource_id,)
            )
            tx.execute("DELETE FROM resources WHERE id = ?", (resource_id,))
            unindex_record(tx, RecordKind.RESOURCE, resource_id)
            purge_deleted_text(tx)
        self._emit("removed", [resource_id])

    def merge_builtin(
        self, resources: Sequence[Resource], *, stamp: str | None = None
    ) -> MergeReport:
        """Bring built-in entries in: new keys are added; existing ones get the new wording
        unless the user edited them. Entries missing from ``resources`` are kept (referrals
        may point at them). ``stamp``, when given, is recorded in ``vault_meta`` in the same
        transaction."""
        cleaned = [r.cleaned() for r in resources]
        for r in cleaned:
            if not r.builtin or r.key is None:
                raise ValidationError("builtin", _("Only built-in entries can be merged."))

        def find(tx: sqlcipher3.Connection, key: str) -> tuple[Resource, bool] | None:
            row = tx.execute(f"SELECT {_COLUMNS} FROM resources WHERE key = ?", (key,)).fetchone()
            return None if row is None else (_resource(row), bool(row["user_edited"]))

        def update(tx: sqlcipher3.Connection, r: Resource, old: Resource) -> None:
            tx.execute(
                "UPDATE resources SET name = ?, kind = ?, contact = ?, notes = ?, "
                "country = ? WHERE id = ?",
                (*_wording(r), old.id),
            )

        with self._vault.transaction() as tx:
            outcome = merge_by_key(
                tx,
                cleaned,
                find=find,
                insert=self._insert,
                update=update,
                wording=_wording,
                index=self._index,
            )
            if stamp is not None:
                write_stamp(tx, RESOURCES_STAMP_KEY, stamp)
        self._emit("added", outcome.added_ids)
        self._emit("changed", outcome.changed_ids)
        return outcome.report

    def builtin_stamp(self) -> str | None:
        """The stamp recorded by the last merge that gave one."""
        return read_stamp(self._vault, RESOURCES_STAMP_KEY)

    # -- reading -------------------------------------------------------------------------------

    def get(self, resource_id: int) -> Resource:
        row = self._vault.query_one(
            f"SELECT {_COLUMNS} FROM resources WHERE id = ?", (resource_id,)
        )
        if row is None:
            raise RecordNotFound()
        return _resource(row)

    def get_by_key(self, key: str) -> Resource:
        row = self._vault.query_one(f"SELECT {_COLUMNS} FROM resources WHERE key = ?", (key,))
        if row is None:
            raise RecordNotFound()
        return _resource(row)

    def is_user_edited(self, resource_id: int) -> bool:
        row = self._vault.query_one(
            "SELECT user_edited FROM resources WHERE id = ?", (resource_id,)
        )
        if row is None:
            raise RecordNotFound()
        return bool(row["user_edited"])

    def list(
        self,
        kind: ResourceKind | None = None,
        country: str | None = None,
        *,
        include_anywhere: bool = True,
        page: Page = ALL,
    ) -> builtins.list[Resource]:
        """Entries by kind, then name. ``country`` (e.g. "GB") keeps that country's entries
        and, unless ``include_anywhere`` is False, the ones for anywhere (country "")."""
        where, params = self._where(kind, country, include_anywhere)
        limit_sql, limit_params = page.sql()
        rows = self._vault.query(
            f"SELECT {_COLUMNS} FROM resources{where} "
            "ORDER BY kind, name COLLATE NOCASE, id" + limit_sql,
            (*params, *limit_params),
        )
        return [_resource(r) for r in rows]

    def count(
        self,
        kind: ResourceKind | None = None,
        country: str | None = None,
        *,
        include_anywhere: bool = True,
    ) -> int:
        where, params = self._where(kind, country, include_anywhere)
        row = self._vault.query_one(f"SELECT count(*) FROM resources{where}", params)
        return int(row[0]) if row else 0

    def countries(self) -> builtins.list[str]:
        """Country codes that have entries, A..Z (without "")."""
        rows = self._vault.query(
            "SELECT DISTINCT country FROM resources WHERE country <> '' ORDER BY country"
        )
        return [str(r["country"]) for r in rows]

    # -- internals -----------------------------------------------------------------------------

    @staticmethod
    def _where(
        kind: ResourceKind | None, country: str | None, include_anywhere: bool
    ) -> tuple[str, builtins.list[object]]:
        clauses: builtins.list[str] = []
        params: builtins.list[object] = []
        if kind is not None:
            clauses.append("kind = ?")  # i18n: keep — SQL
            params.append(ResourceKind(kind).value)
        if country is not None:
            code = country.strip().upper()
            if include_anywhere:
                clauses.append("country IN (?, '')")  # i18n: keep — SQL
            else:
                clauses.append("country = ?")  # i18n: keep — SQL
            params.append(code)
        return ((" WHERE " + " AND ".join(clauses)) if clauses else ""), params

    @staticmethod
    def _row(tx: sqlcipher3.Connection, resource_id: int) -> Row:
        row = tx.execute(
            f"SELECT {_COLUMNS} FROM resources WHERE id = ?", (resource_id,)
        ).fetchone()
        if row is None:
            raise RecordNotFound()
        return row

    @staticmethod
    def _insert(tx: sqlcipher3.Connection, r: Resource) -> int:
        cursor = tx.execute(
            "INSERT INTO resources(name, kind, contact, notes, country, key, builtin, "
            "user_edited) VALUES (?, ?, ?, ?, ?, ?, ?, 0)",
            (*_wording(r), r.key, int(r.builtin)),
        )
        return int(cursor.lastrowid)

    @staticmethod
    def _index(tx: sqlcipher3.Connection, r: Resource) -> None:
        assert r.id is not None
        index_record(tx, RecordKind.RESOURCE, r.id, r.name, [r.contact, r.notes])
