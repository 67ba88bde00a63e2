"""A weak link from a helper object to the window (or controller) it serves.

A big window hands each family of actions to a helper object it owns. The helper must not own
the window back: a reference cycle through Qt wrappers is left to Python's garbage collector,
which may clear a wrapper's attributes while its C++ object lives on (a model found without its
rows after a lock). So a helper holds its owner through :class:`WeakOwner`.
"""

from __future__ import annotations

import weakref
from typing import Generic, TypeVar

T = TypeVar("T")


class WeakOwner(Generic[T]):
    """``get()`` the owner (it must still be there); call it for the owner or None."""

    def __init__(self, owner: T) -> None:
        self._ref = weakref.ref(owner)

    def __call__(self) -> T | None:
        return self._ref()

    def get(self) -> T:
        owner = self._ref()
        if owner is None:
            raise RuntimeError("a helper was used after the window it serves was deleted")
        return owner


__all__ = ["WeakOwner"]
