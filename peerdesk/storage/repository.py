"""What every repository shares: the vault, change notifications, paging.

Repositories tell subscribers what changed (``added`` / ``changed`` / ``removed`` with the ids)
after the transaction committed, so that the UI's item models update the affected rows instead
of re-reading everything. Callbacks are plain Python callables; the UI adapts them to signals.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal

from peerdesk.storage.vault import Vault

ChangeKind = Literal["added", "changed", "removed"]
log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Change:
    kind: ChangeKind
    ids: tuple[int, ...]


Listener = Callable[[Change], None]


@dataclass(frozen=True, slots=True)
class Page:
    """``offset`` rows skipped, at most ``limit`` returned (``None``: all)."""

    offset: int = 0
    limit: int | None = 200

    def sql(self) -> tuple[str, tuple[int, ...]]:
        if self.limit is None:
            return (" LIMIT -1 OFFSET ?", (max(0, self.offset),))  # i18n: keep — SQL
        return (" LIMIT ? OFFSET ?", (max(0, self.limit), max(0, self.offset)))  # i18n: keep — SQL


ALL = Page(0, None)


class Repository:
    """Base class: holds the vault and the subscribers."""

    def __init__(self, vault: Vault) -> None:
        self._vault = vault
        self._listeners: list[Listener] = []

    @property
    def vault(self) -> Vault:
        return self._vault

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener(Change)`` after each committed change; returns an unsubscribe."""
        self._listeners.append(listener)

        def unsubscribe() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return unsubscribe

    def _emit(self, kind: ChangeKind, ids: Iterable[int]) -> None:
        """Tell subscribers once the enclosing transaction has committed."""
        change = Change(kind, tuple(ids))
        if not change.ids:
            return
        self._vault.after_commit(lambda: self._notify(change))

    def _notify(self, change: Change) -> None:
        kind = change.kind
        for listener in list(self._listeners):
            try:
                listener(change)
            except Exception:  # a broken view must not undo a committed save
                log.exception("change listener failed (%s)", kind)


def placeholders(count: int) -> str:
    return ", ".join("?" * count)
