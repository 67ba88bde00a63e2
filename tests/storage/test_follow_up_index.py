"""Follow-up lists (Home's attention list, the Colleagues screen) read an index alone (schema
v6, issue 18 item 2): never the conversations' rows, whose long texts come first."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from peerdesk.demo import DemoSize, fill_demo_vault
from peerdesk.storage.conversations import ConversationRepository
from peerdesk.storage.vault import Vault


def plans(vault: Vault, monkeypatch: pytest.MonkeyPatch, call: Any) -> tuple[Any, list[str]]:
    """What ``call`` returns, and the query plan of every statement it ran."""
    seen: list[tuple[str, Any]] = []
    real = vault.query

    def recording(sql: str, params: Any = ()) -> Any:
        seen.append((sql, params))
        return real(sql, params)

    monkeypatch.setattr(vault, "query", recording)
    result = call()
    monkeypatch.setattr(vault, "query", real)
    details = [
        " | ".join(str(r[3]) for r in real("EXPLAIN QUERY PLAN " + sql, params))
        for sql, params in seen
    ]
    return result, details


@pytest.mark.parametrize("due_before", [None, date(2026, 11, 7)])
def test_open_follow_ups_come_from_the_covering_index_in_order(
    vault: Vault, monkeypatch: pytest.MonkeyPatch, due_before: date | None
) -> None:
    fill_demo_vault(vault, DemoSize(incidents=0, conversations=150), seed=2)
    repo = ConversationRepository(vault)
    items, details = plans(
        vault,
        monkeypatch,
        lambda: repo.follow_ups(due_before=due_before, today=date(2026, 10, 31)),
    )
    assert items and all(not i.done for i in items)
    if due_before is not None:
        assert all(i.due <= due_before for i in items)
    keys = [(i.due, i.held_on, i.conversation_id) for i in items]
    assert keys == sorted(keys)
    assert len(details) == 1
    assert "COVERING INDEX conversations_follow_ups_open" in details[0]
    assert "TEMP B-TREE" not in details[0]
    everything = repo.follow_ups(include_done=True, today=date(2026, 10, 31))
    assert {i.conversation_id for i in items} < {i.conversation_id for i in everything}


def test_programme_statistics_read_indexes_alone(
    vault: Vault, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill_demo_vault(vault, DemoSize(incidents=0, conversations=150), seed=2)
    repo = ConversationRepository(vault)
    seen: list[tuple[str, Any]] = []
    real_query = vault.query

    def recording(sql: str, params: Any = ()) -> Any:
        seen.append((sql, params))
        return real_query(sql, params)

    monkeypatch.setattr(vault, "query", recording)  # query_one reads through query
    stats = repo.statistics(date(2026, 1, 1), date(2026, 10, 31))
    monkeypatch.setattr(vault, "query", real_query)
    assert stats.conversations > 0 and stats.follow_ups_due > 0
    assert len(seen) == 5
    for sql, params in seen:
        plan = " | ".join(str(r[3]) for r in real_query("EXPLAIN QUERY PLAN " + sql, params))
        assert "COVERING INDEX conversations_" in plan, plan
        assert "SCAN c " not in plan + " " and "SCAN conversations " not in plan + " ", plan


@pytest.mark.parametrize("due_before", [None, date(2026, 11, 7)])
@pytest.mark.parametrize("limit", [0, 1, 7, 10_000])
def test_home_reads_the_most_urgent_follow_ups_and_counts_the_rest(
    vault: Vault, monkeypatch: pytest.MonkeyPatch, due_before: date | None, limit: int
) -> None:
    """Home reads only the follow-ups it shows, and counts the others from the index."""
    fill_demo_vault(vault, DemoSize(incidents=0, conversations=150), seed=2)
    repo = ConversationRepository(vault)
    today = date(2026, 10, 31)
    everything = repo.follow_ups(due_before=due_before, today=today)
    assert len(everything) > 7
    (first, count), details = plans(
        vault,
        monkeypatch,
        lambda: (
            repo.follow_ups(due_before=due_before, today=today, limit=limit),
            repo.count_follow_ups(due_before),
        ),
    )
    assert first == everything[:limit]
    assert count == len(everything)
    assert repo.count_follow_ups(due_before, include_done=True) == len(
        repo.follow_ups(due_before=due_before, include_done=True, today=today)
    )
    assert len(details) == 2
    for plan in details:
        assert "COVERING INDEX conversations_follow_up" in plan, plan
        assert "TEMP B-TREE" not in plan, plan
