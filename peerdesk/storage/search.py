"""Full-text search (FTS5) over everything a user writes.

User input is always data, never FTS5 syntax (SECURITY.md 23): the query is split into words
and each word is quoted and searched as a prefix, so ``"``, ``AND (``, ``*`` and ``NEAR(`` are
ordinary text. Accents are ignored (``remove_diacritics 2`` in the tokenizer, applied to the
query too). Repositories keep the index in step inside their own transactions with
:func:`index_record` and :func:`unindex_record`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import sqlcipher3

from peerdesk.models.enums import RecordKind
from peerdesk.storage.repository import placeholders
from peerdesk.storage.vault import Vault

_WORD = re.compile(r"\w+", re.UNICODE)
MAX_TERMS = 16
SNIPPET_TOKENS = 12


@dataclass(frozen=True, slots=True)
class SearchHit:
    kind: RecordKind
    record_id: int
    title: str
    snippet: str  # plain text; the match is wrapped in [ and ]
    rank: float


def match_query(text: str) -> str | None:
    """Turn user text into a safe FTS5 MATCH expression, or None when it has no words."""
    words = _WORD.findall(unicodedata.normalize("NFC", text.replace("\x00", " ")))
    words = [w for w in words if w.strip("_")][:MAX_TERMS]
    if not words:
        return None
    # Each word becomes a quoted prefix term: "word"*. \w+ never holds a quote, but double any
    # anyway so the expression stays well-formed whatever the regex accepts.
    return " ".join('"' + w.replace('"', '""') + '"*' for w in words)


# Each indexed record has a fixed rowid derived from its kind and id, so that replacing or
# removing its text is a rowid lookup. (Filtering on the UNINDEXED columns would scan the whole
# table on every save: quadratic for bulk imports.)
_KIND_CODES = {
    RecordKind.INCIDENT: 1,
    RecordKind.PERSON: 2,
    RecordKind.COLLEAGUE: 3,
    RecordKind.CONVERSATION: 4,
    RecordKind.STRATEGY: 5,
    RecordKind.RESOURCE: 6,
}
_KIND_SLOTS = 8


def index_rowid(kind: RecordKind, record_id: int) -> int:
    return record_id * _KIND_SLOTS + _KIND_CODES[kind]


def index_record(
    tx: sqlcipher3.Connection, kind: RecordKind, record_id: int, title: str, body: Iterable[str]
) -> None:
    """Replace the indexed text of one record (call inside the saving transaction)."""
    text = "\n".join(part for part in body if part)
    tx.execute(
        "INSERT OR REPLACE INTO search_index(rowid, kind, record_id, title, body) "
        "VALUES (?, ?, ?, ?, ?)",
        (index_rowid(kind, record_id), kind.value, record_id, title, text),
    )


def unindex_record(tx: sqlcipher3.Connection, kind: RecordKind, record_id: int) -> None:
    tx.execute("DELETE FROM search_index WHERE rowid = ?", (index_rowid(kind, record_id),))


def unindex_many(tx: sqlcipher3.Connection, kind: RecordKind, record_ids: Sequence[int]) -> None:
    tx.executemany(
        "DELETE FROM search_index WHERE rowid = ?",
        [(index_rowid(kind, rid),) for rid in record_ids],
    )


def purge_deleted_text(tx: sqlcipher3.Connection) -> None:
    """Merge the index so that no segment keeps tokens of deleted rows (after deletions)."""
    tx.execute("INSERT INTO search_index(search_index) VALUES ('optimize')")


class Search:
    """Ranked search across record kinds."""

    def __init__(self, vault: Vault) -> None:
        self._vault = vault

    def search(
        self,
        text: str,
        *,
        kinds: Iterable[RecordKind] | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> list[SearchHit]:
        query = match_query(text)
        if query is None:
            return []
        sql = (
            "SELECT kind, record_id, title, "
            "snippet(search_index, -1, '[', ']', '…', ?) AS snip, "
            "bm25(search_index, 0, 0, 4.0, 1.0) AS score "
            "FROM search_index WHERE search_index MATCH ?"
        )
        params: list[object] = [SNIPPET_TOKENS, query]
        kind_list = [k.value for k in kinds] if kinds is not None else None
        if kind_list is not None:
            if not kind_list:
                return []
            sql += f" AND kind IN ({placeholders(len(kind_list))})"
            params.extend(kind_list)
        sql += " ORDER BY score LIMIT ? OFFSET ?"
        params.extend([max(0, limit), max(0, offset)])
        rows = self._vault.query(sql, params)
        return [
            SearchHit(
                RecordKind(r["kind"]),
                int(r["record_id"]),
                r["title"],
                r["snip"] or "",
                float(r["score"]),
            )
            for r in rows
        ]

    def record_ids(self, text: str, kind: RecordKind) -> list[int] | None:
        """Ids of one kind that match ``text`` (None when the text has no words)."""
        query = match_query(text)
        if query is None:
            return None
        rows = self._vault.query(
            "SELECT record_id FROM search_index WHERE search_index MATCH ? AND kind = ?",
            (query, kind.value),
        )
        return [int(r["record_id"]) for r in rows]
