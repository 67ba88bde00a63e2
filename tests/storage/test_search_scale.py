"""Search near its floor (issue 18, item 6): the kind of a row comes from the index alone,
snippets of long entries cost what the snippet costs, and every kind keeps its own rows."""

from __future__ import annotations

import pytest

from peerdesk.models import RecordKind
from peerdesk.storage.incidents import IncidentFilter, IncidentRepository
from peerdesk.storage.search import (
    LONG_BODY,
    Search,
    bounded_snippet,
    index_record,
    query_terms,
)
from peerdesk.storage.vault import Vault


def add(vault: Vault, kind: RecordKind, record_id: int, title: str, body: str) -> None:
    with vault.transaction() as tx:
        index_record(tx, kind, record_id, title, [body])


def test_kinds_and_ids_come_from_the_index_even_when_the_kind_column_lies(vault: Vault) -> None:
    for kind in RecordKind:
        add(vault, kind, 7, f"{kind.value} seven", "the shared word harbour")
    add(vault, RecordKind.INCIDENT, 9, "nine", "harbour again")
    # The UNINDEXED columns are no longer read: a wrong value there changes nothing.
    with vault.transaction() as tx:
        tx.execute("UPDATE search_index SET kind = 'resource', record_id = 0")
    search = Search(vault)
    for kind in RecordKind:
        expected = [7, 9] if kind is RecordKind.INCIDENT else [7]
        assert sorted(search.record_ids("harbour", kind) or []) == expected
        hits = search.search("harbour", kinds=[kind])
        assert sorted((h.kind, h.record_id) for h in hits) == [(kind, i) for i in expected]
    everything = search.search("harbour", limit=100)
    assert len(everything) == len(RecordKind) + 1
    assert all("[harbour]" in h.snippet for h in everything)
    assert [h.record_id for h in search.search("harbour", limit=2, offset=len(everything) - 1)]


def test_journal_text_filter_reads_ids_from_the_index(vault: Vault) -> None:
    from datetime import date

    from peerdesk.models import Incident

    repo = IncidentRepository(vault)
    kept = repo.add(Incident(event_date=date(2026, 4, 3), title="Corridor", narrative="lighthouse"))
    repo.add(Incident(event_date=date(2026, 4, 4), title="Other", narrative="nothing here"))
    add(vault, RecordKind.STRATEGY, kept.id or 0, "not an entry", "lighthouse")
    assert repo.ids(IncidentFilter(text="lighthouse")) == [kept.id]
    assert repo.count(IncidentFilter(text="lighthouse")) == 1


def test_a_long_entry_gets_a_snippet_around_its_first_match(vault: Vault) -> None:
    filler = "ordinary words fill this page " * 30_000  # 150,000 words, no line breaks
    body = f"{filler} then Zoë's remark about the café came {filler} café again"
    assert len(body) > LONG_BODY
    add(vault, RecordKind.INCIDENT, 1, "A very long entry", body)
    add(vault, RecordKind.INCIDENT, 2, "A short one", "the cafe downstairs")
    hits = {h.record_id: h for h in Search(vault).search("cafe")}
    assert set(hits) == {1, 2}
    assert "[café]" in hits[1].snippet and "remark about the" in hits[1].snippet
    assert hits[1].snippet.startswith("…") and hits[1].snippet.endswith("…")
    assert len(hits[1].snippet.split()) <= 13
    assert "[cafe]" in hits[2].snippet


@pytest.mark.parametrize(
    ("body", "query", "expected"),
    [
        ("Élan and more", "elan", "[Élan] and more"),
        ("one two three", "TH", "one two [three]"),
        ("nothing matches", "zebra", ""),
        ("", "x", ""),
    ],
)
def test_bounded_snippet(body: str, query: str, expected: str) -> None:
    assert bounded_snippet(body, query_terms(query)) == expected


def test_bounded_snippet_marks_every_match_in_its_window() -> None:
    text = bounded_snippet("a " * 50 + "stop now stop " + "b " * 50, query_terms("stop"))
    assert text.count("[stop]") == 2
    assert text.startswith("…") and text.endswith("…")
