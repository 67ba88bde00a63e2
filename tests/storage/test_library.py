"""StrategyRepository: built-in merge, the user's marks and edits, own strategies, ratings."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime

import pytest

from peerdesk.models import (
    Incident,
    IncidentCategory,
    RecordKind,
    Strategy,
    StrategyCategory,
    StrategySource,
    StrategyUse,
    ValidationError,
)
from peerdesk.storage.errors import RecordNotFound
from peerdesk.storage.incidents import IncidentRepository
from peerdesk.storage.library import (
    BuiltinNotDeletable,
    MergeReport,
    RankedStrategy,
    StrategyRepository,
)
from peerdesk.storage.repository import Change
from peerdesk.storage.search import Search
from peerdesk.storage.vault import Vault


def _builtin(
    key: str, title: str, category: StrategyCategory = StrategyCategory.CALM_BODY, **kwargs: object
) -> Strategy:
    fields: dict[str, object] = {
        "key": key,
        "title": title,
        "summary": f"Summary of {title}",
        "category": category,
        "steps": [f"First step of {title}", "Second step"],
        "when_it_helps": "When things feel too much.",
        "minutes": 5,
        "source": StrategySource.BUILTIN,
    }
    fields.update(kwargs)
    return Strategy(**fields)  # type: ignore[arg-type]


BUILTINS = [
    _builtin("box_breathing", "Box breathing"),
    _builtin("grounding", "Five senses grounding"),
    _builtin("broken_record", "Broken record", StrategyCategory.RESPOND_MOMENT),
    _builtin("same_day_notes", "Write it down the same day", StrategyCategory.DOCUMENT_REPORT),
]


def _at(day: int) -> datetime:
    return datetime(2024, 3, day, 12, 0, tzinfo=UTC)


def test_merge_on_a_fresh_vault_adds_all(vault: Vault) -> None:
    repo = StrategyRepository(vault)
    changes: list[Change] = []
    repo.subscribe(changes.append)
    report = repo.merge_builtin(BUILTINS)
    assert report == MergeReport(added=tuple(s.key for s in BUILTINS if s.key))
    assert repo.count() == len(BUILTINS)
    for strategy in BUILTINS:
        assert strategy.key is not None
        stored = repo.get_by_key(strategy.key)
        assert stored.source is StrategySource.BUILTIN
        assert dataclasses.replace(stored, id=None) == strategy
        assert not repo.is_user_edited(stored.id or 0)
    assert [c.kind for c in changes] == ["added"]
    assert sorted(changes[0].ids) == sorted(s.id for s in repo.list() if s.id is not None)
    # A repeat with the same wording changes nothing.
    assert repo.merge_builtin(BUILTINS) == MergeReport()


def test_second_merge_updates_unedited_and_keeps_the_users_edits_and_marks(vault: Vault) -> None:
    repo = StrategyRepository(vault)
    repo.merge_builtin(BUILTINS)
    box = repo.get_by_key("box_breathing")
    grounding = repo.get_by_key("grounding")
    broken = repo.get_by_key("broken_record")
    assert box.id and grounding.id and broken.id

    # The user edits one built-in's wording, marks another, and leaves a note on a third.
    box.title = "My box breathing"
    box.steps = ["In for four", "Out for four"]
    repo.update(box)
    assert repo.is_user_edited(box.id)
    repo.set_favourite(grounding.id, True)
    repo.set_hidden(grounding.id, True)
    repo.set_personal_note(grounding.id, "Works best with eyes open")
    repo.set_personal_note(broken.id, "Practise with a friend")
    assert not repo.is_user_edited(grounding.id)  # marks are not wording edits

    new_wording = [
        _builtin("box_breathing", "Box breathing (square)"),
        _builtin("grounding", "5-4-3-2-1 grounding", steps=["Name five things you see"]),
        _builtin("broken_record", "Broken record", StrategyCategory.RESPOND_MOMENT),  # same
        _builtin(
            "same_day_notes",
            "Write it down the same day",
            StrategyCategory.DOCUMENT_REPORT,
            minutes=10,
        ),
        _builtin("new_one", "A new strategy", StrategyCategory.SEEK_SUPPORT),
    ]
    report = repo.merge_builtin(new_wording)
    assert report == MergeReport(
        added=("new_one",),
        updated=("grounding", "same_day_notes"),
        kept_user_edits=("box_breathing",),
    )

    kept = repo.get(box.id)
    assert kept.title == "My box breathing"
    assert kept.steps == ["In for four", "Out for four"]
    updated = repo.get(grounding.id)
    assert updated.title == "5-4-3-2-1 grounding"
    assert updated.steps == ["Name five things you see"]
    assert (updated.favourite, updated.hidden, updated.personal_note) == (
        True,
        True,
        "Works best with eyes open",
    )
    assert repo.get(broken.id).personal_note == "Practise with a friend"
    assert repo.get_by_key("same_day_notes").minutes == 10
    assert repo.count(include_hidden=True) == 5
    # Search follows the new wording and the note.
    hits = Search(vault).record_ids("grounding", RecordKind.STRATEGY)
    assert hits == [grounding.id]
    assert Search(vault).record_ids("eyes", RecordKind.STRATEGY) == [grounding.id]


def test_builtins_cannot_be_deleted_but_can_be_hidden(vault: Vault) -> None:
    repo = StrategyRepository(vault)
    repo.merge_builtin(BUILTINS)
    box = repo.get_by_key("box_breathing")
    assert box.id is not None
    with pytest.raises(BuiltinNotDeletable) as caught:
        repo.delete(box.id)
    assert caught.value.kind == "builtin-not-deletable"
    assert repo.get(box.id) == box
    repo.set_hidden(box.id, True)
    assert box.id not in [s.id for s in repo.list()]
    assert box.id in [s.id for s in repo.list(include_hidden=True)]
    # A merge never un-hides it.
    repo.merge_builtin([_builtin("box_breathing", "Box breathing v2")])
    assert repo.get(box.id).hidden
    assert repo.get(box.id).title == "Box breathing v2"


def test_own_strategy_crud(vault: Vault) -> None:
    repo = StrategyRepository(vault)
    changes: list[Change] = []
    repo.subscribe(changes.append)
    own = repo.add(
        Strategy(
            title="Walk round the block",
            category=StrategyCategory.RECOVER_SELFCARE,
            steps=["Put on shoes", "", "Walk ten minutes"],
            when_it_helps="After a bad call",
            personal_note="with music",
        )
    )
    assert own.id is not None and own.source is StrategySource.OWN and own.key is None
    assert own.steps == ["Put on shoes", "Walk ten minutes"]
    assert repo.get(own.id) == own
    own.title = "Walk round the park"
    own.favourite = True
    repo.update(own)
    assert repo.get(own.id) == own
    assert not repo.is_user_edited(own.id)
    assert Search(vault).record_ids("park", RecordKind.STRATEGY) == [own.id]
    repo.record_use(StrategyUse(strategy_id=own.id, used_at=_at(1), rating=3))
    repo.delete(own.id)
    with pytest.raises(RecordNotFound):
        repo.get(own.id)
    assert repo.uses(own.id) == []
    assert Search(vault).record_ids("park", RecordKind.STRATEGY) == []
    assert [c.kind for c in changes] == ["added", "changed", "changed", "removed"]

    with pytest.raises(ValidationError):
        repo.add(_builtin("sneaky", "Pretend built-in"))
    with pytest.raises(RecordNotFound):
        repo.delete(12345)
    with pytest.raises(RecordNotFound):
        repo.set_favourite(12345, True)


def test_update_cannot_turn_own_into_builtin(vault: Vault) -> None:
    repo = StrategyRepository(vault)
    own = repo.add(Strategy(title="Mine", category=StrategyCategory.STEADY_MIND))
    with pytest.raises(ValidationError):
        repo.update(dataclasses.replace(own, key="mine", source=StrategySource.BUILTIN))


def test_list_filters(vault: Vault) -> None:
    repo = StrategyRepository(vault)
    repo.merge_builtin(BUILTINS)
    box = repo.get_by_key("box_breathing")
    grounding = repo.get_by_key("grounding")
    assert box.id and grounding.id
    repo.set_favourite(box.id, True)
    repo.set_hidden(grounding.id, True)
    assert [s.key for s in repo.list(StrategyCategory.CALM_BODY)] == ["box_breathing"]
    assert [s.key for s in repo.list(StrategyCategory.CALM_BODY, include_hidden=True)] == [
        "box_breathing",
        "grounding",
    ]
    assert [s.key for s in repo.list(favourites_only=True)] == ["box_breathing"]
    assert [s.key for s in repo.list(search="record")] == ["broken_record"]
    assert [s.key for s in repo.list(search="same day")] == ["same_day_notes"]
    assert repo.list(search="grounding") == []  # hidden
    assert [s.key for s in repo.list(search="grounding", include_hidden=True)] == ["grounding"]
    assert repo.list(search="nothingmatcheszz") == []
    assert repo.count(search="nothingmatcheszz") == 0
    for hostile in ['"', "AND (", "*", "NEAR(", 'box "breath', ""]:
        repo.list(search=hostile)  # never raises
    assert len(repo.list(search="  ")) == 3  # no words: no filter


def test_ranking_averages_overall_and_by_incident_category(vault: Vault) -> None:
    repo = StrategyRepository(vault)
    repo.merge_builtin(BUILTINS)
    box = repo.get_by_key("box_breathing").id
    grounding = repo.get_by_key("grounding").id
    broken = repo.get_by_key("broken_record").id
    assert box and grounding and broken
    incidents = IncidentRepository(vault)
    shouting = incidents.add(
        Incident(
            event_date=date(2024, 3, 1),
            title="Shouted at",
            categories={IncidentCategory.SHOUTING_INTIMIDATION},
        )
    )
    excluded = incidents.add(
        Incident(
            event_date=date(2024, 3, 2),
            title="Left out",
            categories={
                IncidentCategory.EXCLUSION_ISOLATION,
                IncidentCategory.SHOUTING_INTIMIDATION,
            },
        )
    )
    other = incidents.add(
        Incident(
            event_date=date(2024, 3, 3), title="Emails", categories={IncidentCategory.CYBERBULLYING}
        )
    )
    uses = [
        (box, 4, shouting.id),
        (box, 2, None),
        (box, 3, other.id),  # avg 3.0 over 3
        (grounding, 4, excluded.id),
        (grounding, 3, shouting.id),  # avg 3.5 over 2
        (broken, 1, excluded.id),  # avg 1.0
    ]
    for day, (sid, rating, incident_id) in enumerate(uses, start=1):
        repo.record_use(
            StrategyUse(strategy_id=sid, used_at=_at(day), rating=rating, incident_id=incident_id)
        )
    assert repo.ranking() == [
        RankedStrategy(grounding, "Five senses grounding", 3.5, 2),
        RankedStrategy(box, "Box breathing", 3.0, 3),
        RankedStrategy(broken, "Broken record", 1.0, 1),
    ]
    assert repo.ranking(IncidentCategory.SHOUTING_INTIMIDATION) == [
        RankedStrategy(box, "Box breathing", 4.0, 1),
        RankedStrategy(grounding, "Five senses grounding", 3.5, 2),
        RankedStrategy(broken, "Broken record", 1.0, 1),
    ]
    assert repo.ranking(IncidentCategory.CYBERBULLYING) == [
        RankedStrategy(box, "Box breathing", 3.0, 1)
    ]
    assert repo.ranking(IncidentCategory.THREATS) == []

    history = repo.uses(box)
    assert [u.rating for u in history] == [3, 2, 4]  # newest first
    assert history[0].incident_id == other.id and history[0].used_at == _at(3)
    with pytest.raises(RecordNotFound):
        repo.record_use(StrategyUse(strategy_id=box, used_at=_at(9), rating=2, incident_id=999))
    with pytest.raises(RecordNotFound):
        repo.record_use(StrategyUse(strategy_id=999, used_at=_at(9), rating=2))
    with pytest.raises(ValidationError):
        repo.record_use(StrategyUse(strategy_id=box, used_at=_at(9), rating=5))
