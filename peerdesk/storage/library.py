"""The coping-strategy library: built-in and own strategies, and "did it help?" ratings.

Built-in strategies arrive by :meth:`StrategyRepository.merge_builtin` (keyed by their stable
``key``). A built-in whose wording the user changed is marked ``user_edited`` and keeps the
user's wording in later merges; favourite, hidden and the personal note always belong to the
user and are never touched by a merge. Built-ins can be hidden but not deleted.
"""

# SQL here is built only from this module's constant fragments and "?" placeholders; every
# value is bound as a parameter, never formatted into the text.

from __future__ import annotations

import builtins
import json
from collections.abc import Sequence
from dataclasses import dataclass

import sqlcipher3

from peerdesk.i18n import N_, _
from peerdesk.models.enums import IncidentCategory, RecordKind, StrategyCategory, StrategySource
from peerdesk.models.errors import ValidationError
from peerdesk.models.strategy import Strategy, StrategyUse
from peerdesk.models.text import clean_text
from peerdesk.models.timing import format_utc, parse_utc
from peerdesk.storage.builtin import MergeReport, merge_by_key
from peerdesk.storage.connection import Row
from peerdesk.storage.errors import RecordNotFound, VaultError
from peerdesk.storage.repository import ALL, Page, Repository
from peerdesk.storage.search import (
    Search,
    index_record,
    purge_deleted_text,
    unindex_record,
)
from peerdesk.storage.vault import Vault

_COLUMNS = (
    "id, key, title, summary, category, steps, when_it_helps, minutes, source, favourite, "
    "hidden, personal_note, user_edited"
)
#: vault_meta key under which install_builtin_content records the merged content's stamp.
STRATEGIES_STAMP_KEY = "content.strategies"


class BuiltinNotDeletable(VaultError):
    kind = "builtin-not-deletable"
    default_message = N_("Built-in entries cannot be deleted. You can hide them instead.")


@dataclass(frozen=True, slots=True)
class RankedStrategy:
    strategy_id: int
    title: str
    average: float  # mean rating, 0 (not at all) .. 4 (a lot)
    uses: int


def _strategy(row: Row) -> Strategy:
    minutes = row["minutes"]
    return Strategy(
        id=int(row["id"]),
        key=row["key"],
        title=row["title"],
        summary=row["summary"],
        category=StrategyCategory(row["category"]),
        steps=list(json.loads(row["steps"])),
        when_it_helps=row["when_it_helps"],
        minutes=None if minutes is None else int(minutes),
        source=StrategySource(row["source"]),
        favourite=bool(row["favourite"]),
        hidden=bool(row["hidden"]),
        personal_note=row["personal_note"],
    )


def _wording(s: Strategy) -> tuple[object, ...]:
    """The fields a built-in's content file owns (compared to detect edits)."""
    return (
        s.title,
        s.summary,
        s.category.value,
        json.dumps(s.steps, ensure_ascii=False),
        s.when_it_helps,
        s.minutes,
    )


def _use(row: Row) -> StrategyUse:
    incident = row["incident_id"]
    return StrategyUse(
        id=int(row["id"]),
        strategy_id=int(row["strategy_id"]),
        used_at=parse_utc(row["used_at"]),
        rating=int(row["rating"]),
        note=row["note"],
        incident_id=None if incident is None else int(incident),
    )


def read_stamp(vault: Vault, key: str) -> str | None:
    """A value from ``vault_meta`` (used for built-in content stamps)."""
    row = vault.query_one("SELECT value FROM vault_meta WHERE key = ?", (key,))
    return None if row is None else str(row["value"])


def write_stamp(tx: sqlcipher3.Connection, key: str, value: str) -> None:
    tx.execute(
        "INSERT INTO vault_meta(key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


class StrategyRepository(Repository):
    """Coping strategies and their uses."""

    # -- own strategies ------------------------------------------------------------------------

    def add(self, strategy: Strategy) -> Strategy:
        """Save one of the user's own strategies (``source`` OWN, no key)."""
        clean = strategy.cleaned()
        if clean.source is not StrategySource.OWN:
            raise ValidationError("source", _("Built-in strategies come only from PeerDesk."))
        clean.id = None
        with self._vault.transaction() as tx:
            clean.id = self._insert(tx, clean, user_edited=False)
            self._index(tx, clean)
        self._emit("added", [clean.id])
        return clean

    def update(self, strategy: Strategy) -> Strategy:
        """Save changes. ``key`` and ``source`` never change. Changing a built-in's wording
        marks it as edited, so later content updates keep the user's wording."""
        if strategy.id is None:
            raise RecordNotFound()
        strategy_id = strategy.id
        with self._vault.transaction() as tx:
            stored = self._row(tx, strategy_id)
            old = _strategy(stored)
            if strategy.source is not old.source or strategy.key != old.key:
                raise ValidationError("source", _("Whether a strategy is built-in never changes."))
            clean = strategy.cleaned()
            edited = bool(stored["user_edited"]) or (
                old.source is StrategySource.BUILTIN and _wording(clean) != _wording(old)
            )
            tx.execute(
                "UPDATE strategies SET title = ?, summary = ?, category = ?, steps = ?, "
                "when_it_helps = ?, minutes = ?, favourite = ?, hidden = ?, personal_note = ?, "
                "user_edited = ? WHERE id = ?",
                (
                    *_wording(clean),
                    int(clean.favourite),
                    int(clean.hidden),
                    clean.personal_note,
                    int(edited),
                    strategy_id,
                ),
            )
            self._index(tx, clean)
        self._emit("changed", [strategy_id])
        return clean

    def delete(self, strategy_id: int) -> None:
        """Delete one of the user's own strategies and its ratings; built-ins raise
        BuiltinNotDeletable (hide them instead)."""
        with self._vault.transaction() as tx:
            stored = self._row(tx, strategy_id)
            if stored["source"] != StrategySource.OWN.value:
                raise BuiltinNotDeletable()
            tx.execute("DELETE FROM strategy_uses WHERE strategy_id = ?", (strategy_id,))
            tx.execute("DELETE FROM strategies WHERE id = ?", (strategy_id,))
            unindex_record(tx, RecordKind.STRATEGY, strategy_id)
            purge_deleted_text(tx)
        self._emit("removed", [strategy_id])

    # -- the user's marks (any strategy) ------------------------------------------------------

    def set_favourite(self, strategy_id: int, favourite: bool) -> None:
        self._set_flag(strategy_id, "favourite", favourite)

    def set_hidden(self, strategy_id: int, hidden: bool) -> None:
        self._set_flag(strategy_id, "hidden", hidden)

    def set_personal_note(self, strategy_id: int, note: str) -> None:
        text = clean_text(note, field="personal_note")
        with self._vault.transaction() as tx:
            cursor = tx.execute(
                "UPDATE strategies SET personal_note = ? WHERE id = ?", (text, strategy_id)
            )
            if cursor.rowcount != 1:
                raise RecordNotFound()
            self._index(tx, _strategy(self._row(tx, strategy_id)))
        self._emit("changed", [strategy_id])

    def _set_flag(self, strategy_id: int, column: str, value: bool) -> None:
        assert column in ("favourite", "hidden")
        if not isinstance(value, bool):
            raise ValidationError(column, _("This must be yes or no."))
        with self._vault.transaction() as tx:
            cursor = tx.execute(
                f"UPDATE strategies SET {column} = ? WHERE id = ?",
                (int(value), strategy_id),
            )
            if cursor.rowcount != 1:
                raise RecordNotFound()
        self._emit("changed", [strategy_id])

    # -- built-in content ----------------------------------------------------------------------

    def merge_builtin(
        self, strategies: Sequence[Strategy], *, stamp: str | None = None
    ) -> MergeReport:
        """Bring built-in strategies in: new keys are added; existing ones get the new wording
        unless the user edited them. Favourite, hidden and personal note are never touched.
        Built-ins missing from ``strategies`` are kept (the user may rate or like them).
        ``stamp``, when given, is recorded in ``vault_meta`` in the same transaction."""
        cleaned = [s.cleaned() for s in strategies]
        for s in cleaned:
            if s.source is not StrategySource.BUILTIN or s.key is None:
                raise ValidationError("source", _("Only built-in strategies can be merged."))

        def find(tx: sqlcipher3.Connection, key: str) -> tuple[Strategy, bool] | None:
            row = tx.execute(f"SELECT {_COLUMNS} FROM strategies WHERE key = ?", (key,)).fetchone()
            return None if row is None else (_strategy(row), bool(row["user_edited"]))

        def insert(tx: sqlcipher3.Connection, s: Strategy) -> int:
            s.id = None
            s.favourite, s.hidden, s.personal_note = False, False, ""
            return self._insert(tx, s, user_edited=False)

        def update(tx: sqlcipher3.Connection, s: Strategy, old: Strategy) -> None:
            tx.execute(
                "UPDATE strategies SET title = ?, summary = ?, category = ?, steps = ?, "
                "when_it_helps = ?, minutes = ? WHERE id = ?",
                (*_wording(s), old.id),
            )
            # What belongs to the user stays: favourite, hidden, personal note.
            s.favourite, s.hidden, s.personal_note = old.favourite, old.hidden, old.personal_note

        with self._vault.transaction() as tx:
            outcome = merge_by_key(
                tx,
                cleaned,
                find=find,
                insert=insert,
                update=update,
                wording=_wording,
                index=self._index,
            )
            if stamp is not None:
                write_stamp(tx, STRATEGIES_STAMP_KEY, stamp)
        self._emit("added", outcome.added_ids)
        self._emit("changed", outcome.changed_ids)
        return outcome.report

    def builtin_stamp(self) -> str | None:
        """The stamp recorded by the last merge that gave one."""
        return read_stamp(self._vault, STRATEGIES_STAMP_KEY)

    def is_user_edited(self, strategy_id: int) -> bool:
        row = self._vault.query_one(
            "SELECT user_edited FROM strategies WHERE id = ?", (strategy_id,)
        )
        if row is None:
            raise RecordNotFound()
        return bool(row["user_edited"])

    # -- reading -------------------------------------------------------------------------------

    def get(self, strategy_id: int) -> Strategy:
        row = self._vault.query_one(
            f"SELECT {_COLUMNS} FROM strategies WHERE id = ?", (strategy_id,)
        )
        if row is None:
            raise RecordNotFound()
        return _strategy(row)

    def get_by_key(self, key: str) -> Strategy:
        row = self._vault.query_one(f"SELECT {_COLUMNS} FROM strategies WHERE key = ?", (key,))
        if row is None:
            raise RecordNotFound()
        return _strategy(row)

    def list(
        self,
        category: StrategyCategory | None = None,
        search: str | None = None,
        *,
        include_hidden: bool = False,
        favourites_only: bool = False,
        page: Page = ALL,
    ) -> builtins.list[Strategy]:
        """Strategies by title. ``search`` is plain text (never search syntax); text without
        words does not filter."""
        where, params = self._where(category, search, include_hidden, favourites_only)
        if where is None:
            return []
        limit_sql, limit_params = page.sql()
        rows = self._vault.query(
            f"SELECT {_COLUMNS} FROM strategies{where} ORDER BY title COLLATE NOCASE, id"
            + limit_sql,
            (*params, *limit_params),
        )
        return [_strategy(r) for r in rows]

    def count(
        self,
        category: StrategyCategory | None = None,
        search: str | None = None,
        *,
        include_hidden: bool = False,
        favourites_only: bool = False,
    ) -> int:
        where, params = self._where(category, search, include_hidden, favourites_only)
        if where is None:
            return 0
        row = self._vault.query_one(f"SELECT count(*) FROM strategies{where}", params)
        return int(row[0]) if row else 0

    def _where(
        self,
        category: StrategyCategory | None,
        search: str | None,
        include_hidden: bool,
        favourites_only: bool,
    ) -> tuple[str | None, builtins.list[object]]:
        clauses: builtins.list[str] = []
        params: builtins.list[object] = []
        if category is not None:
            clauses.append("category = ?")  # i18n: keep — SQL
            params.append(StrategyCategory(category).value)
        if not include_hidden:
            clauses.append("hidden = 0")  # i18n: keep — SQL
        if favourites_only:
            clauses.append("favourite = 1")  # i18n: keep — SQL
        if search is not None:
            ids = Search(self._vault).record_ids(search, RecordKind.STRATEGY)
            if ids is not None:
                if not ids:
                    return None, []
                clauses.append("id IN (SELECT value FROM json_each(?))")  # i18n: keep — SQL
                params.append(json.dumps(ids))
        where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
        return where, params

    # -- "did it help?" -------------------------------------------------------------------------

    def record_use(self, use: StrategyUse) -> StrategyUse:
        clean = use.cleaned()
        clean.id = None
        with self._vault.transaction() as tx:
            self._row(tx, clean.strategy_id)
            if (
                clean.incident_id is not None
                and tx.execute(
                    "SELECT 1 FROM incidents WHERE id = ?", (clean.incident_id,)
                ).fetchone()
                is None
            ):
                raise RecordNotFound(_("That incident no longer exists."))
            cursor = tx.execute(
                "INSERT INTO strategy_uses(strategy_id, used_at, rating, note, incident_id) "
                "VALUES (?, ?, ?, ?, ?)",
                (
                    clean.strategy_id,
                    format_utc(clean.used_at),
                    clean.rating,
                    clean.note,
                    clean.incident_id,
                ),
            )
            clean.id = int(cursor.lastrowid)
        self._emit("changed", [clean.strategy_id])
        return clean

    def uses(self, strategy_id: int) -> builtins.list[StrategyUse]:
        """Every try of a strategy, newest first."""
        rows = self._vault.query(
            "SELECT id, strategy_id, used_at, rating, note, incident_id FROM strategy_uses "
            "WHERE strategy_id = ? ORDER BY used_at DESC, id DESC",
            (strategy_id,),
        )
        return [_use(r) for r in rows]

    def delete_use(self, use_id: int) -> None:
        with self._vault.transaction() as tx:
            row = tx.execute(
                "SELECT strategy_id FROM strategy_uses WHERE id = ?", (use_id,)
            ).fetchone()
            if row is None:
                raise RecordNotFound()
            tx.execute("DELETE FROM strategy_uses WHERE id = ?", (use_id,))
        self._emit("changed", [int(row["strategy_id"])])

    def ranking(self, category: IncidentCategory | None = None) -> builtins.list[RankedStrategy]:
        """Strategies by how much they helped (mean rating, then number of tries).

        With ``category``, only tries linked to an incident of that category count.
        """
        sql = (
            "SELECT s.id, s.title, avg(u.rating) AS average, count(*) AS uses "
            "FROM strategy_uses u JOIN strategies s ON s.id = u.strategy_id"
        )
        params: builtins.list[object] = []
        if category is not None:
            sql += (
                " WHERE u.incident_id IN "  # i18n: keep — SQL
                "(SELECT incident_id FROM incident_categories WHERE category = ?)"
            )
            params.append(IncidentCategory(category).value)
        sql += (
            " GROUP BY s.id ORDER BY average DESC, uses DESC, "  # i18n: keep — SQL
            "s.title COLLATE NOCASE, s.id"
        )
        return [
            RankedStrategy(int(r["id"]), r["title"], float(r["average"]), int(r["uses"]))
            for r in self._vault.query(sql, params)
        ]

    # -- internals -----------------------------------------------------------------------------

    @staticmethod
    def _row(tx: sqlcipher3.Connection, strategy_id: int) -> Row:
        row = tx.execute(
            f"SELECT {_COLUMNS} FROM strategies WHERE id = ?", (strategy_id,)
        ).fetchone()
        if row is None:
            raise RecordNotFound()
        return row

    @staticmethod
    def _insert(tx: sqlcipher3.Connection, s: Strategy, *, user_edited: bool) -> int:
        cursor = tx.execute(
            "INSERT INTO strategies(title, summary, category, steps, when_it_helps, minutes, "
            "key, source, favourite, hidden, personal_note, user_edited) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                *_wording(s),
                s.key,
                s.source.value,
                int(s.favourite),
                int(s.hidden),
                s.personal_note,
                int(user_edited),
            ),
        )
        return int(cursor.lastrowid)

    @staticmethod
    def _index(tx: sqlcipher3.Connection, s: Strategy) -> None:
        assert s.id is not None
        index_record(
            tx,
            RecordKind.STRATEGY,
            s.id,
            s.title,
            [s.summary, *s.steps, s.when_it_helps, s.personal_note],
        )


__all__ = [
    "STRATEGIES_STAMP_KEY",
    "BuiltinNotDeletable",
    "MergeReport",
    "RankedStrategy",
    "StrategyRepository",
    "read_stamp",
    "write_stamp",
]
