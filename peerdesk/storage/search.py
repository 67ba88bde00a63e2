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


#: A body longer than this (in characters) gets its snippet from :func:`bounded_snippet`:
#: FTS5's snippet() scores every window around every hit, which grows with the square of the
#: hits (a 100,000-word entry took minutes).
LONG_BODY = 20_000
_MARKS = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def _fold(text: str) -> str:
    """Case and accents dropped, as the index's tokenizer does (remove_diacritics 2)."""
    return _MARKS.sub("", unicodedata.normalize("NFKD", text)).casefold()


def query_terms(text: str) -> list[str]:
    """The folded words of a search, each matched as a prefix (as :func:`match_query`)."""
    words = _WORD.findall(unicodedata.normalize("NFC", text.replace("\x00", " ")))
    return [_fold(w) for w in words if w.strip("_")][:MAX_TERMS]


def bounded_snippet(body: str, terms: Sequence[str], tokens: int = SNIPPET_TOKENS) -> str:
    """A snippet of ``body`` around the first word starting with one of ``terms``, matches
    wrapped in [ and ] as FTS5's snippet() does. The work is one pass of the regular
    expression engine up to the first match, then ``tokens`` words: never per hit."""
    if not terms:
        return ""
    folded = _fold(body)
    first = re.search(
        r"(?<!\w)(?:" + "|".join(re.escape(t) for t in sorted(set(terms), key=len)) + ")",
        folded,
    )
    if first is None:
        return ""
    # Words before the match, counted in the folded text (folding keeps the words).
    before = sum(1 for _ in _WORD.finditer(folded, 0, first.start()))
    start_word = max(0, before - tokens // 4)
    words: list[re.Match[str]] = []
    for n, match in enumerate(_WORD.finditer(body)):
        if n >= start_word:
            words.append(match)
            if len(words) == tokens:
                break
    if not words:
        return ""
    pieces: list[str] = []
    cursor = words[0].start()
    for match in words:
        pieces.append(body[cursor : match.start()])
        word = match.group()
        folded_word = _fold(word)
        hit = any(folded_word.startswith(t) for t in terms)
        pieces.append(f"[{word}]" if hit else word)
        cursor = match.end()
    text = " ".join("".join(pieces).split())
    head = "…" if words[0].start() > 0 and body[: words[0].start()].strip() else ""
    tail = "…" if body[words[-1].end() :].strip() else ""
    return f"{head}{text}{tail}"


def _kind_condition(kinds: Sequence[RecordKind]) -> tuple[str, list[object]]:
    """The kinds of rows wanted, read from the rowid (:func:`index_rowid`) and not from the
    UNINDEXED ``kind`` column (reading that column reads each row's whole content)."""
    codes = sorted({_KIND_CODES[k] for k in kinds})
    sql = f"(rowid % {_KIND_SLOTS}) IN ({placeholders(len(codes))})"  # i18n: keep — SQL
    return sql, list(codes)


def matching_ids_sql(kind: RecordKind) -> str:
    """A subquery giving the ids of ``kind`` whose text matches the one ``?`` (a
    :func:`match_query` expression), reading only the index."""
    return (
        f"SELECT rowid / {_KIND_SLOTS} FROM search_index WHERE search_index MATCH ? "
        f"AND (rowid % {_KIND_SLOTS}) = {_KIND_CODES[kind]:d}"
    )


def _kind_of(rowid: int) -> RecordKind:
    return _KINDS_BY_CODE[rowid % _KIND_SLOTS]


_KINDS_BY_CODE = {code: kind for kind, code in _KIND_CODES.items()}


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
        """The best ``limit`` hits, with their snippets. A snippet of an entry longer than
        :data:`LONG_BODY` is made by :func:`bounded_snippet` from its text, read for the hits
        shown only."""
        query = match_query(text)
        if query is None:
            return []
        sql = (
            "SELECT rowid, title, CASE WHEN length(body) <= ? THEN "
            "snippet(search_index, -1, '[', ']', '…', ?) END AS snip, "
            "bm25(search_index, 0, 0, 4.0, 1.0) AS score "
            "FROM search_index WHERE search_index MATCH ?"
        )
        params: list[object] = [LONG_BODY, SNIPPET_TOKENS, query]
        if kinds is not None:
            kind_list = list(kinds)
            if not kind_list:
                return []
            condition, codes = _kind_condition(kind_list)
            sql += f" AND {condition}"
            params.extend(codes)
        sql += " ORDER BY score, rowid LIMIT ? OFFSET ?"  # i18n: keep — SQL
        params.extend([max(0, limit), max(0, offset)])
        rows = self._vault.query(sql, params)
        long_ids = [int(r["rowid"]) for r in rows if r["snip"] is None]
        bodies: dict[int, str] = {}
        if long_ids:
            bodies = {
                int(r[0]): r[1]
                for r in self._vault.query(
                    "SELECT rowid, body FROM search_index "
                    f"WHERE rowid IN ({placeholders(len(long_ids))})",
                    long_ids,
                )
            }
        terms = query_terms(text) if long_ids else []
        hits: list[SearchHit] = []
        for r in rows:
            rowid = int(r["rowid"])
            snip = r["snip"]
            if snip is None:
                snip = bounded_snippet(bodies.get(rowid, ""), terms) or bounded_snippet(
                    r["title"], terms
                )
            hits.append(
                SearchHit(
                    _kind_of(rowid), rowid // _KIND_SLOTS, r["title"], snip, float(r["score"])
                )
            )
        return hits

    def record_ids(self, text: str, kind: RecordKind) -> list[int] | None:
        """Ids of one kind that match ``text`` (None when the text has no words). Only the
        index is read: the kind and id come from the rowid."""
        query = match_query(text)
        if query is None:
            return None
        rows = self._vault.query(
            "SELECT rowid FROM search_index WHERE search_index MATCH ? "
            f"AND (rowid % {_KIND_SLOTS}) = ?",
            (query, _KIND_CODES[kind]),
        )
        return [int(r[0]) // _KIND_SLOTS for r in rows]
