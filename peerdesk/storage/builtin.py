"""Merging built-in content (strategies, support resources) into a vault by stable key.

New keys are inserted; an existing entry gets the new wording unless the user edited it; an
unchanged one is left alone. The callers supply how their table is read and written.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol, TypeVar

import sqlcipher3


class _Keyed(Protocol):
    id: int | None
    key: str | None


T = TypeVar("T", bound=_Keyed)


@dataclass(frozen=True, slots=True)
class MergeReport:
    """Keys of built-in entries added, updated, and left alone because the user edited them."""

    added: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()
    kept_user_edits: tuple[str, ...] = ()


@dataclass
class MergeOutcome:
    report: MergeReport
    added_ids: list[int] = field(default_factory=list)
    changed_ids: list[int] = field(default_factory=list)


def merge_by_key(
    tx: sqlcipher3.Connection,
    items: Sequence[T],
    *,
    find: Callable[[sqlcipher3.Connection, str], tuple[T, bool] | None],
    insert: Callable[[sqlcipher3.Connection, T], int],
    update: Callable[[sqlcipher3.Connection, T, T], None],
    wording: Callable[[T], tuple[object, ...]],
    index: Callable[[sqlcipher3.Connection, T], None],
) -> MergeOutcome:
    """Merge ``items`` (each with a key) inside the caller's transaction.

    ``find`` returns the stored entry and whether the user edited it (or None); ``update``
    writes the new wording over the stored entry ``old`` and carries over what belongs to the
    user; ``index`` refreshes the search index for an inserted or updated entry.
    """
    added: list[str] = []
    updated: list[str] = []
    kept: list[str] = []
    outcome = MergeOutcome(MergeReport())
    for item in items:
        key = item.key
        assert key is not None
        found = find(tx, key)
        if found is None:
            item.id = insert(tx, item)
            index(tx, item)
            added.append(key)
            outcome.added_ids.append(item.id)
            continue
        old, edited = found
        assert old.id is not None
        if edited:
            kept.append(key)
            continue
        if wording(item) == wording(old):
            continue
        update(tx, item, old)
        item.id = old.id
        index(tx, item)
        updated.append(key)
        outcome.changed_ids.append(old.id)
    outcome.report = MergeReport(tuple(added), tuple(updated), tuple(kept))
    return outcome
