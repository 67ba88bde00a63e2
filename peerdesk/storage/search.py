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


def index_record(tx: sqlcipher3.Connection, kind: RecordKind, record_id: int, title: str,
                 body: Iterable[str]) -> None:
    """Replace the indexed text of one record (call inside the saving transaction)."""
    unindex_record(tx, kind, record_id)
    text = "\n".join(part for part in body if part)
    tx.execute(
        "INSERT INTO search_index(kind, record_id, title, body) VALUES (?, ?, ?, ?)",
        (kind.value, record_id, title, text),
    )


def unindex_record(tx: sqlcipher3.Connection, kind: RecordKind, record_id: int) -> None:
    tx.execute(
        "DELETE FROM search_index WHERE kind = ? AND record_id = ?", (kind.value, record_id)
    )


def unindex_many(tx: sqlcipher3.Connection, kind: RecordKind, record_ids: Sequence[int]) -> None:
    for start in range(0, len(record_ids), 500):
        chunk = list(record_ids[start:start + 500])
        tx.execute(
            f"DELETE FROM search_index WHERE kind = ? AND record_id IN ({placeholders(len(chunk))})",
            (kind.value, *chunk),
        )


def purge_deleted_text(tx: sqlcipher3.Connection) -> None:
    """Merge the index so that no segment keeps tokens of deleted rows (after deletions)."""
    tx.execute("INSERT INTO search_index(search_index) VALUES ('optimize')")


class Search:
    """Ranked search across record kinds."""

    def __init__(self, vault: Vault) -> None:
        self._vault = vault

    def search(self, text: str, *, kinds: Iterable[RecordKind] | None = None,
               limit: int = 50, offset: int = 0) -> list[SearchHit]:
        query = match_query(text)
        if query is None:
            return []
        sql = (
            "SELECT kind, record_id, title, "
            "snippet(search_index, -1, '[', ']', '…', ?) AS snip, bm25(search_index, 0, 0, 4.0, 1.0) "
            "AS score FROM search_index WHERE search_index MATCH ?"
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
            SearchHit(RecordKind(r["kind"]), int(r["record_id"]), r["title"], r["snip"] or "",
                      float(r["score"]))
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
