"""Built-in content: loading the JSON files and installing them into a vault."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from peerdesk.content import (
    InstallReport,
    install_builtin_content,
    load_builtin_resources,
    load_builtin_strategies,
)
from peerdesk.models import ResourceKind, StrategyCategory, StrategySource
from peerdesk.storage.directory import ResourceRepository
from peerdesk.storage.library import StrategyRepository
from peerdesk.storage.vault import Vault

CONTENT = Path(__file__).resolve().parents[1] / "resources" / "content"


def _json(name: str, key: str) -> list[dict[str, Any]]:
    items = json.loads((CONTENT / name).read_text(encoding="utf-8"))[key]
    assert isinstance(items, list)
    return items


def test_loaders_return_every_entry_as_builtin() -> None:
    strategies = load_builtin_strategies()
    raw = _json("strategies.json", "strategies")
    assert [s.key for s in strategies] == [item["key"] for item in raw]
    for strategy, item in zip(strategies, raw, strict=True):
        assert strategy.source is StrategySource.BUILTIN
        assert strategy.category is StrategyCategory(item["category"])
        assert strategy.title == item["title"]
        assert strategy.steps == item["steps"]
        assert strategy.minutes == item.get("minutes")
    resources = load_builtin_resources()
    raw_resources = _json("support_resources.json", "resources")
    assert [r.key for r in resources] == [item["key"] for item in raw_resources]
    for resource, item in zip(resources, raw_resources, strict=True):
        assert resource.builtin
        assert resource.kind is ResourceKind(item["kind"])
        assert resource.name == item["name"]
        assert resource.country == item["country"]


def test_install_puts_all_content_into_a_new_vault_once(vault: Vault) -> None:
    strategies_json = _json("strategies.json", "strategies")
    resources_json = _json("support_resources.json", "resources")
    report = install_builtin_content(vault)
    assert report.strategies is not None and report.resources is not None
    assert len(report.strategies.added) == len(strategies_json)
    assert len(report.resources.added) == len(resources_json)

    strategy_repo = StrategyRepository(vault)
    resource_repo = ResourceRepository(vault)
    assert strategy_repo.count(include_hidden=True) == len(strategies_json)
    for item in strategies_json:
        stored = strategy_repo.get_by_key(str(item["key"]))
        assert (stored.title, stored.summary, stored.steps, stored.when_it_helps) == (
            item["title"],
            item["summary"],
            item["steps"],
            item["when_it_helps"],
        )
        assert stored.source is StrategySource.BUILTIN
    assert resource_repo.count() == len(resources_json)
    for item in resources_json:
        stored_resource = resource_repo.get_by_key(str(item["key"]))
        assert (stored_resource.name, stored_resource.contact, stored_resource.notes) == (
            item["name"],
            item["contact"],
            item["notes"],
        )
        assert stored_resource.builtin

    # The second call is a no-op: nothing merged, nothing changed.
    favourite = strategy_repo.list()[0]
    assert favourite.id is not None
    strategy_repo.set_favourite(favourite.id, True)
    before = (strategy_repo.list(include_hidden=True), resource_repo.list())
    assert install_builtin_content(vault) == InstallReport(None, None)
    assert (strategy_repo.list(include_hidden=True), resource_repo.list()) == before


def test_install_survives_reopening_and_merges_again_when_content_differs(
    vault: Vault, vault_path: Path, passphrase: str
) -> None:
    install_builtin_content(vault)
    strategy_repo = StrategyRepository(vault)
    first = strategy_repo.list()[0]
    assert first.id is not None
    strategy_repo.set_favourite(first.id, True)
    strategy_repo.set_personal_note(first.id, "mine")
    stamp = strategy_repo.builtin_stamp()
    assert stamp is not None and stamp.startswith("v1:sha256:")
    vault.close()

    with Vault.open(vault_path, passphrase) as reopened:
        assert install_builtin_content(reopened) == InstallReport(None, None)
        # Pretend an older PeerDesk installed different content: the merge runs again and
        # keeps the user's marks.
        with reopened.transaction() as tx:
            tx.execute(
                "UPDATE vault_meta SET value = 'v1:sha256:old' WHERE key = 'content.strategies'"
            )
        report = install_builtin_content(reopened)
        assert report.resources is None
        assert report.strategies is not None
        assert report.strategies.added == ()
        again = StrategyRepository(reopened).get(first.id)
        assert (again.favourite, again.personal_note) == (True, "mine")
        assert StrategyRepository(reopened).builtin_stamp() == stamp
