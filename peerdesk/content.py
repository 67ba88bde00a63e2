"""Built-in content: the coping strategies and the support-resource directory.

The JSON files in ``resources/content/`` are read through :func:`peerdesk.resources.resource`
(so a wheel and a frozen bundle work too) and validated into the model dataclasses.
:func:`install_builtin_content` merges them into a vault and records, in ``vault_meta``, a
stamp of the exact file contents (format version and SHA-256); when the stamp is current the
call does nothing. CLI init, GUI create and app open call it after creating or opening a vault.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from peerdesk.i18n import _
from peerdesk.models.enums import ResourceKind, StrategyCategory, StrategySource
from peerdesk.models.errors import ValidationError
from peerdesk.models.resource import Resource
from peerdesk.models.strategy import Strategy
from peerdesk.resources import resource

if TYPE_CHECKING:
    # Storage loads when content is installed into a vault; the unlock window only reads the
    # support resources (issue 18, item 4).
    from peerdesk.storage.builtin import MergeReport
    from peerdesk.storage.vault import Vault

STRATEGIES_FILE = "strategies.json"
RESOURCES_FILE = "support_resources.json"
#: Content-file format versions this PeerDesk understands.
SUPPORTED_VERSION = 1


class ContentError(Exception):
    """A built-in content file is missing or broken (a packaging fault, not the user's)."""


@dataclass(frozen=True, slots=True)
class _Content:
    items: list[dict[str, Any]]
    stamp: str


@dataclass(frozen=True, slots=True)
class InstallReport:
    """What :func:`install_builtin_content` did; None for a part that was already current."""

    strategies: MergeReport | None
    resources: MergeReport | None


def _read(name: str, list_key: str) -> _Content:
    try:
        data = resource("content", name).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ContentError(
            # translators: {name} is a file name inside PeerDesk
            _("The built-in content file {name} cannot be read.").format(name=name)
        ) from exc
    try:
        document = json.loads(data)
    except json.JSONDecodeError as exc:
        raise ContentError(
            # translators: {name} is a file name inside PeerDesk
            _("The built-in content file {name} is not valid JSON.").format(name=name)
        ) from exc
    if not isinstance(document, dict) or not isinstance(document.get(list_key), list):
        raise ContentError(
            # translators: {name} is a file name inside PeerDesk; {key} a JSON key (keep it)
            _("The built-in content file {name} has no '{key}' list.").format(
                name=name, key=list_key
            )
        )
    version = document.get("version")
    if version != SUPPORTED_VERSION:
        raise ContentError(
            # translators: {name} is a file name inside PeerDesk; {version} a number
            _("The built-in content file {name} has unsupported version {version}.").format(
                name=name, version=repr(version)
            )
        )
    items = document[list_key]
    if not all(isinstance(item, dict) for item in items):
        raise ContentError(
            # translators: {name} is a file name inside PeerDesk
            _("The built-in content file {name} has an entry that is not an object.").format(
                name=name
            )
        )
    digest = hashlib.sha256(data.encode("utf-8")).hexdigest()
    return _Content(items, f"v{version}:sha256:{digest}")


def _where(file: str, index: int, item: dict[str, Any]) -> str:
    # translators: {file} is a file name inside PeerDesk; {number} an entry's position in it;
    # {key} the entry's key
    return _("{file} entry {number} ({key})").format(
        file=file, number=index, key=repr(item.get("key"))
    )


def _field(item: dict[str, Any], name: str, kind: type, where: str, default: Any = ...) -> Any:
    if name not in item:
        if default is ...:
            # translators: {where} is an entry of a content file; {key} a JSON key (keep it)
            raise ContentError(_("{where} has no '{key}'.").format(where=where, key=name))
        return default
    value = item[name]
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
        # translators: {where} is an entry of a content file; {key} a JSON key (keep it)
        raise ContentError(_("{where}: '{key}' has the wrong type.").format(where=where, key=name))
    return value


def _strategy(item: dict[str, Any], index: int) -> Strategy:
    where = _where(STRATEGIES_FILE, index, item)
    minutes = item.get("minutes")
    if minutes is not None and (isinstance(minutes, bool) or not isinstance(minutes, int)):
        # translators: {where} is an entry of a content file; 'minutes' is a JSON key (keep it)
        raise ContentError(_("{where}: 'minutes' has the wrong type.").format(where=where))
    steps = _field(item, "steps", list, where)
    if not all(isinstance(step, str) for step in steps):
        # translators: {where} is an entry of a content file
        raise ContentError(_("{where}: every step must be text.").format(where=where))
    try:
        return Strategy(
            key=_field(item, "key", str, where),
            title=_field(item, "title", str, where),
            summary=_field(item, "summary", str, where, ""),
            category=StrategyCategory(_field(item, "category", str, where)),
            steps=list(steps),
            when_it_helps=_field(item, "when_it_helps", str, where, ""),
            minutes=minutes,
            source=StrategySource.BUILTIN,
        ).cleaned()
    except (ValueError, ValidationError) as exc:
        raise ContentError(f"{where}: {exc}") from exc


def _resource(item: dict[str, Any], index: int) -> Resource:
    where = _where(RESOURCES_FILE, index, item)
    try:
        return Resource(
            key=_field(item, "key", str, where),
            name=_field(item, "name", str, where),
            kind=ResourceKind(_field(item, "kind", str, where)),
            contact=_field(item, "contact", str, where, ""),
            notes=_field(item, "notes", str, where, ""),
            country=_field(item, "country", str, where, ""),
            builtin=True,
        ).cleaned()
    except (ValueError, ValidationError) as exc:
        raise ContentError(f"{where}: {exc}") from exc


def _unique(keys: list[str | None], name: str) -> None:
    seen: set[str | None] = set()
    for key in keys:
        if key in seen:
            raise ContentError(
                # translators: {name} is a file name inside PeerDesk; {key} an entry's key
                _("{name} has the key {key} twice.").format(name=name, key=repr(key))
            )
        seen.add(key)


def _strategies() -> tuple[list[Strategy], str]:
    content = _read(STRATEGIES_FILE, "strategies")
    strategies = [_strategy(item, i) for i, item in enumerate(content.items)]
    _unique([s.key for s in strategies], STRATEGIES_FILE)
    return strategies, content.stamp


def _resources() -> tuple[list[Resource], str]:
    content = _read(RESOURCES_FILE, "resources")
    resources = [_resource(item, i) for i, item in enumerate(content.items)]
    _unique([r.key for r in resources], RESOURCES_FILE)
    return resources, content.stamp


def load_builtin_strategies() -> list[Strategy]:
    """Every built-in strategy, validated (raises ContentError for a broken file)."""
    return _strategies()[0]


def load_builtin_resources() -> list[Resource]:
    """Every built-in support resource, validated (raises ContentError for a broken file)."""
    return _resources()[0]


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a built-in support resource's details come from, and when they were listed."""

    source: str
    listed: date


@lru_cache(maxsize=1)
def resource_provenance() -> dict[str, Provenance]:
    """The source and listing date of each built-in support resource, by key (the resources the
    user fills in themselves, such as their HR contact, have none)."""
    found: dict[str, Provenance] = {}
    for item in _read(RESOURCES_FILE, "resources").items:
        source, listed = item.get("source"), item.get("listed")
        if isinstance(source, str) and source and isinstance(listed, str):
            with contextlib.suppress(ValueError):
                found[str(item.get("key"))] = Provenance(source, date.fromisoformat(listed))
    return found


def install_builtin_content(vault: Vault) -> InstallReport:
    """Merge the built-in strategies and resources into ``vault`` unless they are current.

    User edits, favourites, hidden flags and personal notes are kept (see the repositories'
    ``merge_builtin``). Each part is merged and stamped in one transaction.
    """
    from peerdesk.storage.directory import ResourceRepository
    from peerdesk.storage.library import StrategyRepository

    strategy_repo = StrategyRepository(vault)
    resource_repo = ResourceRepository(vault)
    strategies, strategy_stamp = _strategies()
    resources, resource_stamp = _resources()
    strategy_report = None
    if strategy_repo.builtin_stamp() != strategy_stamp:
        strategy_report = strategy_repo.merge_builtin(strategies, stamp=strategy_stamp)
    resource_report = None
    if resource_repo.builtin_stamp() != resource_stamp:
        resource_report = resource_repo.merge_builtin(resources, stamp=resource_stamp)
    return InstallReport(strategy_report, resource_report)
