"""Full-text search: user input is data, never FTS5 syntax (SECURITY.md 23)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from peerdesk.models import RecordKind
from peerdesk.storage.search import Search, index_record, match_query
from peerdesk.storage.vault import Vault

HOSTILE = [
    '"',
    '""',
    "AND (",
    "*",
    "NEAR(",
    "NEAR(a b",
    'he said "stop',
    "a OR",
    "NOT",
    "(",
    ")",
    "^",
    "-",
    "col:val",
    "title:x",
    "{a b}",
    "a + b",
    "\x00",
    "\udcff",
    "' OR 1=1 --",
    "🙂",
    "   ",
    "",
]


def add(vault: Vault, kind: RecordKind, record_id: int, title: str, *body: str) -> None:
    with vault.transaction() as tx:
        index_record(tx, kind, record_id, title, list(body))


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_input_never_raises(vault: Vault, text: str) -> None:
    add(vault, RecordKind.INCIDENT, 1, "title", "body text")
    assert isinstance(Search(vault).search(text), list)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(noise=st.text(max_size=40), word=st.from_regex(r"[A-Za-z]{4,12}", fullmatch=True))
def test_generated_input_never_raises_and_inserted_words_are_found(
    vault: Vault, noise: str, word: str
) -> None:
    marker = f"zq{word.lower()}"
    search = Search(vault)
    search.search(noise)  # must not raise, whatever it is
    add(vault, RecordKind.CONVERSATION, 7, "note", f"{noise} {marker} {noise}")
    hits = search.search(f'{marker} "')
    assert any(h.record_id == 7 and h.kind is RecordKind.CONVERSATION for h in hits)
    assert search.search(noise + ' NEAR( "') is not None


def test_accents_and_prefix(vault: Vault) -> None:
    add(vault, RecordKind.INCIDENT, 1, "Réunion", "Le café était froid; naïve remarks")
    search = Search(vault)
    assert [h.record_id for h in search.search("reunion")] == [1]
    assert [h.record_id for h in search.search("CAFE")] == [1]
    assert [h.record_id for h in search.search("naive")] == [1]
    assert [h.record_id for h in search.search("rema")] == [1]  # prefix
    assert search.search("coffee") == []


def test_ranking_kinds_and_snippets(vault: Vault) -> None:
    add(vault, RecordKind.INCIDENT, 1, "Shouting in the corridor", "shouting shouting")
    add(vault, RecordKind.STRATEGY, 2, "Breathing", "when there is shouting nearby")
    add(vault, RecordKind.RESOURCE, 3, "Helpline", "call any time")
    search = Search(vault)
    hits = search.search("shouting")
    assert [h.kind for h in hits] == [RecordKind.INCIDENT, RecordKind.STRATEGY]
    assert "[shouting]" in hits[1].snippet.lower()
    only = search.search("shouting", kinds=[RecordKind.STRATEGY])
    assert [h.record_id for h in only] == [2]
    assert search.search("shouting", kinds=[]) == []
    assert search.record_ids("call", RecordKind.RESOURCE) == [3]
    assert search.record_ids("   ", RecordKind.RESOURCE) is None


def test_match_query_is_always_quoted() -> None:
    assert match_query('NEAR(a "b') == '"NEAR"* "a"* "b"*'
    assert match_query("*") is None
