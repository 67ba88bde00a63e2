"""Which coping strategies to suggest after an incident is saved, best first.

Plain data in, plain data out (no Qt, no storage): the caller hands over the strategies it may
suggest and the "did it help?" averages it has (overall and after each kind of incident, any
objects with ``strategy_id``, ``average`` and ``uses``), and gets back two or three
strategies.

The order: the average rating after incidents of these kinds, else the overall average, else
the middle of the scale (:data:`UNTRIED_SCORE`) for untried ones; then favourites first; then
how well the library category fits the incident (:data:`INCIDENT_STRATEGY_CATEGORIES`); then
the title and the id, so that equal strategies always come in the same order. At most
:data:`PER_CATEGORY` come from one library category while others are left to choose from.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from typing import Final, Protocol

from peerdesk.models.enums import IncidentCategory, StrategyCategory
from peerdesk.models.strategy import Strategy

__all__ = [
    "INCIDENT_STRATEGY_CATEGORIES",
    "PER_CATEGORY",
    "UNTRIED_SCORE",
    "Rated",
    "category_weights",
    "kinds_of",
    "rank",
    "suggest",
]

#: Untried strategies count as this rating when suggestions are ranked (the middle, 0-4).
UNTRIED_SCORE: Final = 2.0
#: At most this many suggestions come from one library category (variety).
PER_CATEGORY: Final = 2

#: Which library categories suit which kind of incident, best fit first. Support-a-colleague
#: strategies are for peer supporters and are never suggested after one's own incident.
INCIDENT_STRATEGY_CATEGORIES: Final[Mapping[IncidentCategory, tuple[StrategyCategory, ...]]] = {
    IncidentCategory.VERBAL_ABUSE: (
        StrategyCategory.CALM_BODY,
        StrategyCategory.RESPOND_MOMENT,
        StrategyCategory.DOCUMENT_REPORT,
    ),
    IncidentCategory.SHOUTING_INTIMIDATION: (
        StrategyCategory.CALM_BODY,
        StrategyCategory.RESPOND_MOMENT,
        StrategyCategory.SEEK_SUPPORT,
    ),
    IncidentCategory.PUBLIC_HUMILIATION: (
        StrategyCategory.STEADY_MIND,
        StrategyCategory.RECOVER_SELFCARE,
        StrategyCategory.DOCUMENT_REPORT,
    ),
    IncidentCategory.EXCLUSION_ISOLATION: (
        StrategyCategory.SEEK_SUPPORT,
        StrategyCategory.STEADY_MIND,
        StrategyCategory.RECOVER_SELFCARE,
    ),
    IncidentCategory.UNDERMINING_SABOTAGE: (
        StrategyCategory.DOCUMENT_REPORT,
        StrategyCategory.STEADY_MIND,
        StrategyCategory.COMMUNICATE_RESOLVE,
    ),
    IncidentCategory.UNREASONABLE_WORKLOAD: (
        StrategyCategory.COMMUNICATE_RESOLVE,
        StrategyCategory.RECOVER_SELFCARE,
        StrategyCategory.DOCUMENT_REPORT,
    ),
    IncidentCategory.EXCESSIVE_MONITORING: (
        StrategyCategory.STEADY_MIND,
        StrategyCategory.DOCUMENT_REPORT,
        StrategyCategory.COMMUNICATE_RESOLVE,
    ),
    IncidentCategory.THREATS: (
        StrategyCategory.SEEK_SUPPORT,
        StrategyCategory.DOCUMENT_REPORT,
        StrategyCategory.CALM_BODY,
    ),
    IncidentCategory.CYBERBULLYING: (
        StrategyCategory.DOCUMENT_REPORT,
        StrategyCategory.RESPOND_MOMENT,
        StrategyCategory.STEADY_MIND,
    ),
    IncidentCategory.SEXUAL_HARASSMENT: (
        StrategyCategory.SEEK_SUPPORT,
        StrategyCategory.DOCUMENT_REPORT,
        StrategyCategory.CALM_BODY,
    ),
    IncidentCategory.DISCRIMINATION: (
        StrategyCategory.SEEK_SUPPORT,
        StrategyCategory.DOCUMENT_REPORT,
        StrategyCategory.STEADY_MIND,
    ),
    IncidentCategory.RETALIATION: (
        StrategyCategory.DOCUMENT_REPORT,
        StrategyCategory.SEEK_SUPPORT,
        StrategyCategory.STEADY_MIND,
    ),
    IncidentCategory.OTHER: (
        StrategyCategory.CALM_BODY,
        StrategyCategory.STEADY_MIND,
        StrategyCategory.RECOVER_SELFCARE,
    ),
}


class Rated(Protocol):
    """An average "did it help?" rating of one strategy (storage's ``RankedStrategy`` is one)."""

    @property
    def strategy_id(self) -> int: ...

    @property
    def average(self) -> float: ...

    @property
    def uses(self) -> int: ...


def kinds_of(categories: Collection[IncidentCategory]) -> set[IncidentCategory]:
    """The incident kinds suggestions are for (OTHER when the incident has none)."""
    return {IncidentCategory(kind) for kind in categories} or {IncidentCategory.OTHER}


def category_weights(categories: Collection[IncidentCategory]) -> Counter[StrategyCategory]:
    """How well each library category fits an incident of ``categories`` (3 for the best fit
    of one kind, 2 for the next, 1 for the last; summed over the kinds)."""
    weights: Counter[StrategyCategory] = Counter()
    for kind in kinds_of(categories):
        fits = INCIDENT_STRATEGY_CATEGORIES.get(kind, ())
        for position, category in enumerate(fits):
            weights[category] += len(fits) - position
    return weights


def _pooled(ratings: Iterable[Rated]) -> dict[int, float]:
    """Average rating per strategy over several lists, weighted by the number of tries."""
    sums: dict[int, tuple[float, int]] = {}
    for rated in ratings:
        total, count = sums.get(rated.strategy_id, (0.0, 0))
        sums[rated.strategy_id] = (total + rated.average * rated.uses, count + rated.uses)
    return {sid: total / count for sid, (total, count) in sums.items() if count}


def rank(
    strategies: Iterable[Strategy],
    categories: Collection[IncidentCategory],
    *,
    overall: Iterable[Rated] = (),
    after: Mapping[IncidentCategory, Iterable[Rated]] | None = None,
) -> list[Strategy]:
    """Every strategy that is not hidden and whose library category fits ``categories``, best
    first (see the module's text for the order). ``overall``: ratings over every try;
    ``after[kind]``: ratings of the tries linked to an incident of ``kind``."""
    weights = category_weights(categories)
    general = {rated.strategy_id: rated.average for rated in overall}
    linked = _pooled(
        rated for kind in kinds_of(categories) for rated in (after or {}).get(kind, ())
    )

    def score(strategy: Strategy) -> float:
        sid = strategy.id or 0
        if sid in linked:
            return linked[sid]
        return general.get(sid, UNTRIED_SCORE)

    def order(strategy: Strategy) -> tuple[float, int, int, str, int]:
        return (
            -score(strategy),
            -int(strategy.favourite),
            -weights[strategy.category],
            strategy.title.casefold(),
            strategy.id or 0,
        )

    return sorted(
        (s for s in strategies if not s.hidden and s.category in weights),
        key=order,
    )


def suggest(
    strategies: Iterable[Strategy],
    categories: Collection[IncidentCategory],
    *,
    overall: Iterable[Rated] = (),
    after: Mapping[IncidentCategory, Iterable[Rated]] | None = None,
    limit: int = 3,
) -> list[Strategy]:
    """At most ``limit`` strategies for an incident of ``categories``, best first: the top of
    :func:`rank`, with at most :data:`PER_CATEGORY` from one library category unless there are
    too few others."""
    candidates = rank(strategies, categories, overall=overall, after=after)
    chosen: list[int] = []  # positions in ``candidates``, so the order is kept
    per_category: Counter[StrategyCategory] = Counter()
    for position, strategy in enumerate(candidates):
        if len(chosen) >= limit:
            break
        if per_category[strategy.category] < PER_CATEGORY:
            chosen.append(position)
            per_category[strategy.category] += 1
    for position in range(len(candidates)):  # not enough variety: fill from what is left
        if len(chosen) >= limit:
            break
        if position not in chosen:
            chosen.append(position)
    return [candidates[position] for position in sorted(chosen)]
