"""Small counts hidden in statistics that leave the supporter's computer.

In a small team "1 conversation about bullying in March" can point to a person. Before
programme statistics are exported, every count from 1 to ``threshold - 1`` is hidden
(primary suppression). Where counts add up to a total that is shown, a single hidden count
could be worked out by subtraction, so one more count of that group is hidden as well, the
smallest one (secondary suppression); when no other count is left to hide, the total is hidden.
Zeros stay visible: they say that something did not happen, not who it happened to.

Pure standard library: exporters describe their tables as :class:`CountGroup` and print the
keys :func:`hidden_counts` returns as "<3".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

#: Counts below this are hidden (1 and 2).
THRESHOLD = 3


def hidden_text(threshold: int = THRESHOLD) -> str:
    """What is printed instead of a hidden count: ``<3``."""
    return f"<{threshold}"


@dataclass(frozen=True)
class CountGroup:
    """Counts shown together (``cells``: key -> count), and the key of the total they add up
    to, when they do (``None`` for counts that overlap, such as themes)."""

    name: str
    cells: Mapping[str, int] = field(default_factory=dict)
    total: str | None = None


def hidden_counts(
    groups: Sequence[CountGroup], totals: Mapping[str, int], threshold: int = THRESHOLD
) -> set[str]:
    """The keys to hide: ``"<group>:<cell>"`` for cells, ``"total:<name>"`` for totals.

    After this, no group whose total is shown has exactly one hidden count, so none can be
    worked out by subtraction.
    """
    hidden: set[str] = set()
    for name, value in totals.items():
        if 0 < value < threshold:
            hidden.add(f"total:{name}")
    for group in groups:
        for key, value in group.cells.items():
            if 0 < value < threshold:
                hidden.add(f"{group.name}:{key}")
    changed = True
    while changed:  # hiding a total can open another group sharing it
        changed = False
        for group in groups:
            if group.total is None or f"total:{group.total}" in hidden:
                continue
            keys = [f"{group.name}:{key}" for key, value in group.cells.items() if value > 0]
            if sum(key in hidden for key in keys) != 1:
                continue
            candidates = sorted(
                (group.cells[key.split(":", 1)[1]], key) for key in keys if key not in hidden
            )
            hidden.add(candidates[0][1] if candidates else f"total:{group.total}")
            changed = True
    return hidden


def shown(value: int, key: str, hidden: set[str], threshold: int = THRESHOLD) -> str:
    """``value`` as text, or ``<3`` when ``key`` is hidden."""
    return hidden_text(threshold) if key in hidden else str(value)


__all__ = ["THRESHOLD", "CountGroup", "hidden_counts", "hidden_text", "shown"]
