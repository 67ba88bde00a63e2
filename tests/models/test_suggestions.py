"""Strategy suggestions after an incident: which categories fit, how ratings order them, variety,
and properties that hold for any library (hypothesis)."""

from __future__ import annotations

from dataclasses import dataclass
from random import Random

from hypothesis import given, settings
from hypothesis import strategies as st

from peerdesk.models.enums import IncidentCategory, StrategyCategory
from peerdesk.models.strategy import Strategy
from peerdesk.models.suggestions import (
    INCIDENT_STRATEGY_CATEGORIES,
    PER_CATEGORY,
    UNTRIED_SCORE,
    category_weights,
    rank,
    suggest,
)


@dataclass(frozen=True)
class Rating:
    strategy_id: int
    average: float
    uses: int


def strategy(
    sid: int,
    category: StrategyCategory,
    title: str = "",
    *,
    favourite: bool = False,
    hidden: bool = False,
) -> Strategy:
    return Strategy(
        id=sid,
        title=title or f"Strategy {sid}",
        category=category,
        favourite=favourite,
        hidden=hidden,
    )


CALM = StrategyCategory.CALM_BODY
RESPOND = StrategyCategory.RESPOND_MOMENT
DOCUMENT = StrategyCategory.DOCUMENT_REPORT
VERBAL = {IncidentCategory.VERBAL_ABUSE}  # calm the body, respond, document


def ids(strategies: list[Strategy]) -> list[int]:
    return [s.id or 0 for s in strategies]


def test_every_incident_kind_maps_to_library_categories_but_never_support_a_colleague() -> None:
    assert set(INCIDENT_STRATEGY_CATEGORIES) == set(IncidentCategory)
    for fits in INCIDENT_STRATEGY_CATEGORIES.values():
        assert fits
        assert StrategyCategory.SUPPORT_COLLEAGUE not in fits


def test_weights_favour_the_best_fit_and_add_up_over_kinds() -> None:
    assert category_weights(VERBAL) == {CALM: 3, RESPOND: 2, DOCUMENT: 1}
    both = category_weights({IncidentCategory.VERBAL_ABUSE, IncidentCategory.THREATS})
    # threats: seek support 3, document 2, calm the body 1
    assert both[CALM] == 4 and both[DOCUMENT] == 3 and both[StrategyCategory.SEEK_SUPPORT] == 3


def test_no_kind_counts_as_other() -> None:
    assert category_weights(set()) == category_weights({IncidentCategory.OTHER})


def test_hidden_and_unfitting_strategies_are_never_ranked() -> None:
    library = [
        strategy(1, CALM),
        strategy(2, CALM, hidden=True),
        strategy(3, StrategyCategory.SUPPORT_COLLEAGUE),
        strategy(4, StrategyCategory.RECOVER_SELFCARE),  # not a fit for verbal abuse
    ]
    assert ids(rank(library, VERBAL)) == [1]


def test_ratings_after_this_kind_beat_overall_ratings_which_beat_untried() -> None:
    library = [strategy(1, CALM), strategy(2, RESPOND), strategy(3, DOCUMENT)]
    overall = [Rating(1, 4.0, 5), Rating(3, 1.0, 2)]
    after = {IncidentCategory.VERBAL_ABUSE: [Rating(3, 3.5, 1), Rating(1, 0.0, 2)]}
    # 3: 3.5 after verbal abuse; 2: untried (2.0); 1: 0.0 after verbal abuse (its 4.0 overall
    # does not count once it has ratings for this kind).
    assert ids(rank(library, VERBAL, overall=overall, after=after)) == [3, 2, 1]


def test_ratings_after_several_kinds_are_pooled_by_number_of_tries() -> None:
    library = [strategy(1, CALM), strategy(2, DOCUMENT)]
    kinds = {IncidentCategory.VERBAL_ABUSE, IncidentCategory.THREATS}
    after = {
        IncidentCategory.VERBAL_ABUSE: [Rating(1, 4.0, 1), Rating(2, 3.0, 1)],
        IncidentCategory.THREATS: [Rating(1, 1.0, 3)],  # 1 pools to (4 + 3) / 4 = 1.75
    }
    assert ids(rank(library, kinds, after=after)) == [2, 1]


def test_untried_sit_in_the_middle_of_the_scale() -> None:
    library = [strategy(1, CALM), strategy(2, CALM), strategy(3, CALM)]
    overall = [Rating(1, UNTRIED_SCORE + 0.5, 1), Rating(3, UNTRIED_SCORE - 0.5, 1)]
    assert ids(rank(library, VERBAL, overall=overall)) == [1, 2, 3]


def test_then_favourites_then_the_category_fit_then_the_title() -> None:
    library = [
        strategy(1, DOCUMENT, "A"),
        strategy(2, CALM, "B"),
        strategy(3, CALM, "a"),
        strategy(4, DOCUMENT, "Z", favourite=True),
    ]
    # favourite first; then calm the body (fits best) by title ignoring case; then document
    assert ids(rank(library, VERBAL)) == [4, 3, 2, 1]


def test_suggest_takes_at_most_two_from_one_category_while_others_wait() -> None:
    library = [strategy(i, CALM, f"Calm {i}") for i in range(1, 5)] + [
        strategy(9, DOCUMENT, "Write it down")
    ]
    chosen = suggest(library, VERBAL)
    assert ids(chosen) == [1, 2, 9]
    assert sum(1 for s in chosen if s.category is CALM) == PER_CATEGORY


def test_suggest_fills_from_one_category_when_there_is_nothing_else() -> None:
    library = [strategy(i, CALM, f"Calm {i}") for i in range(1, 6)]
    assert ids(suggest(library, VERBAL)) == [1, 2, 3]
    assert ids(suggest(library, VERBAL, limit=1)) == [1]


def test_suggest_on_an_empty_library_is_empty() -> None:
    assert suggest([], VERBAL) == []


# -- properties ---------------------------------------------------------------------------------

libraries = st.lists(
    st.builds(
        strategy,
        sid=st.integers(min_value=1, max_value=10_000),
        category=st.sampled_from(StrategyCategory),
        title=st.text(min_size=1, max_size=12),
        favourite=st.booleans(),
        hidden=st.booleans(),
    ),
    max_size=25,
    unique_by=lambda s: s.id,
)
kinds = st.sets(st.sampled_from(IncidentCategory), max_size=4)
ratings = st.lists(
    st.builds(
        Rating,
        strategy_id=st.integers(min_value=1, max_value=10_000),
        average=st.floats(min_value=0, max_value=4),
        uses=st.integers(min_value=1, max_value=20),
    ),
    max_size=10,
    unique_by=lambda r: r.strategy_id,
)


@settings(max_examples=100, deadline=None)
@given(libraries, kinds, ratings)
def test_rank_is_a_permutation_of_the_visible_fitting_strategies(
    library: list[Strategy], incident_kinds: set[IncidentCategory], overall: list[Rating]
) -> None:
    weights = category_weights(incident_kinds)
    ranked = rank(library, incident_kinds, overall=overall)
    expected = {s.id or 0 for s in library if not s.hidden and s.category in weights}
    assert sorted(ids(ranked)) == sorted(expected)  # each once, nothing added or lost


@settings(max_examples=100, deadline=None)
@given(libraries, kinds, ratings, st.randoms(use_true_random=False))
def test_rank_does_not_depend_on_the_order_given(
    library: list[Strategy],
    incident_kinds: set[IncidentCategory],
    overall: list[Rating],
    random: Random,
) -> None:
    shuffled = list(library)
    random.shuffle(shuffled)
    assert ids(rank(shuffled, incident_kinds, overall=overall)) == ids(
        rank(library, incident_kinds, overall=overall)
    )


@settings(max_examples=100, deadline=None)
@given(libraries, kinds, ratings, st.integers(min_value=0, max_value=6))
def test_suggest_is_the_ranking_thinned_for_variety(
    library: list[Strategy],
    incident_kinds: set[IncidentCategory],
    overall: list[Rating],
    limit: int,
) -> None:
    ranked = ids(rank(library, incident_kinds, overall=overall))
    chosen = suggest(library, incident_kinds, overall=overall, limit=limit)
    got = ids(chosen)
    assert len(got) == min(limit, len(ranked))
    assert len(set(got)) == len(got)
    # in ranking order
    assert got == [sid for sid in ranked if sid in set(got)]
    # more than PER_CATEGORY from one category only when no other category was left out
    categories = [s.category for s in chosen]
    crowded = {c for c in categories if categories.count(c) > PER_CATEGORY}
    if crowded:
        left_out = {s.category for s in rank(library, incident_kinds) if s.id not in set(got)}
        assert all(categories.count(c) >= PER_CATEGORY for c in left_out)
