from __future__ import annotations

from datetime import UTC, datetime

import pytest

from peerdesk.models import (
    RATING_MAX,
    RATING_MIN,
    Strategy,
    StrategyCategory,
    StrategySource,
    StrategyUse,
    ValidationError,
)


def _use(rating: object) -> StrategyUse:
    return StrategyUse(
        strategy_id=3,
        used_at=datetime(2024, 5, 1, 8, 0, tzinfo=UTC),
        rating=rating,  # type: ignore[arg-type]
    )


@pytest.mark.parametrize("rating", range(RATING_MIN, RATING_MAX + 1))
def test_ratings_zero_to_four_are_accepted(rating: int) -> None:
    _use(rating).validate()


@pytest.mark.parametrize("rating", [-1, 5, 100, True, 2.0, None])
def test_ratings_outside_zero_to_four_are_refused(rating: object) -> None:
    with pytest.raises(ValidationError) as caught:
        _use(rating).validate()
    assert caught.value.field == "rating"


def test_use_needs_utc_time_and_positive_ids() -> None:
    use = _use(2)
    use.used_at = datetime(2024, 5, 1, 8, 0)
    with pytest.raises(ValidationError) as caught:
        use.validate()
    assert caught.value.field == "used_at"
    with pytest.raises(ValidationError) as caught:
        StrategyUse(
            strategy_id=3, used_at=datetime(2024, 5, 1, tzinfo=UTC), rating=1, incident_id=0
        ).validate()
    assert caught.value.field == "incident_id"


def test_builtin_strategy_needs_a_key_and_own_strategy_has_none() -> None:
    builtin = Strategy(
        key="box-breathing",
        title="Box breathing",
        category=StrategyCategory.CALM_BODY,
        source=StrategySource.BUILTIN,
    )
    builtin.validate()
    builtin.key = None
    with pytest.raises(ValidationError) as caught:
        builtin.validate()
    assert caught.value.field == "key"
    own = Strategy(key="mine", title="Walk", category=StrategyCategory.RECOVER_SELFCARE)
    with pytest.raises(ValidationError) as caught:
        own.validate()
    assert caught.value.field == "key"


def test_cleaned_drops_empty_steps_and_cleans_text() -> None:
    strategy = Strategy(
        title=" Name the feeling ",
        category=StrategyCategory.STEADY_MIND,
        steps=["Notice it.", "  ", "Say it\nquietly."],
        minutes=2,
    ).cleaned()
    assert strategy.title == "Name the feeling"
    assert strategy.steps == ["Notice it.", "Say it quietly."]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": ""}, "title"),
        ({"minutes": -1}, "minutes"),
        ({"minutes": 24 * 60 + 1}, "minutes"),
        ({"steps": ["ok", ""]}, "steps[1]"),
        ({"category": "calm_body"}, "category"),
        ({"favourite": "yes"}, "favourite"),
    ],
)
def test_strategy_validation_names_the_field(changes: dict[str, object], field: str) -> None:
    strategy = Strategy(title="Walk", category=StrategyCategory.RECOVER_SELFCARE)
    for name, value in changes.items():
        setattr(strategy, name, value)
    with pytest.raises(ValidationError) as caught:
        strategy.validate()
    assert caught.value.field == field
