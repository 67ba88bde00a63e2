"""ConversationRepository: round trip, follow-ups, programme statistics."""

from __future__ import annotations

import dataclasses
import random
from collections import Counter
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from peerdesk.models import (
    Channel,
    Colleague,
    Conversation,
    ConversationTheme,
    FollowUp,
    RecordKind,
    Referral,
    Resource,
    ResourceKind,
    ValidationError,
)
from peerdesk.storage.colleagues import ColleagueRepository
from peerdesk.storage.conversations import (
    ConversationRepository,
    FollowUpItem,
    NoFollowUp,
    ProgrammeStats,
)
from peerdesk.storage.directory import ResourceRepository
from peerdesk.storage.errors import RecordNotFound
from peerdesk.storage.repository import Change, Page
from peerdesk.storage.search import Search
from peerdesk.storage.vault import Vault


def _colleague(vault: Vault, pseudonym: str = "AB", real_name: str = "") -> int:
    saved = ColleagueRepository(vault).add(Colleague(pseudonym=pseudonym, real_name=real_name))
    assert saved.id is not None
    return saved.id


def test_round_trip_with_referrals_and_follow_up(vault: Vault) -> None:
    cid = _colleague(vault)
    eap = ResourceRepository(vault).add(Resource(name="EAP line", kind=ResourceKind.EAP))
    repo = ConversationRepository(vault)
    changes: list[Change] = []
    repo.subscribe(changes.append)
    original = Conversation(
        colleague_id=cid,
        held_on=date(2024, 3, 5),
        duration_minutes=45,
        channel=Channel.VIDEO_CALL,
        themes={ConversationTheme.BULLYING, ConversationTheme.WORKLOAD},
        summary="Talked through the meeting on Monday.\nFelt undermined.",
        actions_agreed="Write down what happened; check the policy.",
        referrals=[
            Referral(kind=ResourceKind.UNION, note="rep on floor 2"),
            Referral(resource_id=eap.id, kind=ResourceKind.EAP, note="gave number"),
            Referral(kind=ResourceKind.GP),
        ],
        follow_up=FollowUp(due=date(2024, 3, 12), note="ask how the week went"),
        debrief="Heavy one; took a walk afterwards.",
    )
    saved = repo.add(original)
    assert saved.id is not None
    assert changes == [Change("added", (saved.id,))]
    loaded = repo.get(saved.id)
    assert loaded == saved
    assert [r.kind for r in loaded.referrals] == [
        ResourceKind.UNION,
        ResourceKind.EAP,
        ResourceKind.GP,
    ]
    assert loaded.referrals[1].resource_id == eap.id
    assert loaded.follow_up == FollowUp(due=date(2024, 3, 12), note="ask how the week went")
    assert loaded.themes == {ConversationTheme.BULLYING, ConversationTheme.WORKLOAD}

    loaded.referrals = [Referral(kind=ResourceKind.HR), loaded.referrals[0]]
    loaded.themes = {ConversationTheme.CONFLICT}
    loaded.follow_up = FollowUp(due=date(2024, 3, 20), done=True, done_on=date(2024, 3, 19))
    loaded.summary = "Revised summary"
    repo.update(loaded)
    again = repo.get(saved.id)
    assert again == loaded
    assert [r.kind for r in again.referrals] == [ResourceKind.HR, ResourceKind.UNION]
    assert vault.query_one("SELECT count(*) FROM referrals")[0] == 2  # type: ignore[index]

    # Search covers summary, actions and debrief, and follows edits.
    search = Search(vault)
    assert [h.record_id for h in search.search("Revised", kinds=[RecordKind.CONVERSATION])] == [
        saved.id
    ]
    assert search.search("undermined") == []
    assert [h.record_id for h in search.search("walk")] == [saved.id]
    assert [h.record_id for h in search.search("policy")] == [saved.id]

    repo.delete(saved.id)
    with pytest.raises(RecordNotFound):
        repo.get(saved.id)
    assert vault.query_one("SELECT count(*) FROM referrals")[0] == 0  # type: ignore[index]
    assert search.search("walk") == []
    assert changes[-1] == Change("removed", (saved.id,))


def test_unknown_colleague_or_resource_is_refused(vault: Vault) -> None:
    repo = ConversationRepository(vault)
    with pytest.raises(RecordNotFound):
        repo.add(Conversation(colleague_id=42, held_on=date(2024, 1, 1)))
    cid = _colleague(vault)
    with pytest.raises(RecordNotFound):
        repo.add(
            Conversation(
                colleague_id=cid,
                held_on=date(2024, 1, 1),
                referrals=[Referral(resource_id=77, kind=ResourceKind.EAP)],
            )
        )
    assert repo.count() == 0
    with pytest.raises(RecordNotFound):
        repo.delete(5)
    with pytest.raises(RecordNotFound):
        repo.update(Conversation(id=5, colleague_id=cid, held_on=date(2024, 1, 1)))


def test_list_for_colleague_newest_first_with_paging(vault: Vault) -> None:
    a, b = _colleague(vault, "A"), _colleague(vault, "B")
    repo = ConversationRepository(vault)
    days = [date(2024, 1, 3), date(2024, 2, 1), date(2023, 12, 30), date(2024, 1, 20)]
    for day in days:
        repo.add(Conversation(colleague_id=a, held_on=day))
    repo.add(Conversation(colleague_id=b, held_on=date(2024, 6, 1)))
    assert [c.held_on for c in repo.list_for_colleague(a)] == sorted(days, reverse=True)
    assert [c.held_on for c in repo.list_for_colleague(a, Page(1, 2))] == [
        date(2024, 1, 20),
        date(2024, 1, 3),
    ]
    assert repo.count(a) == 4
    assert repo.count(b) == 1
    assert repo.count() == 5


def test_follow_ups_due_and_overdue(vault: Vault) -> None:
    repo = ConversationRepository(vault)
    a, b = _colleague(vault, "Ash"), _colleague(vault, "Birch", real_name="Secret Person")
    past = repo.add(
        Conversation(
            colleague_id=a, held_on=date(2024, 3, 1), follow_up=FollowUp(due=date(2024, 3, 8))
        )
    )
    today_due = repo.add(
        Conversation(
            colleague_id=b, held_on=date(2024, 3, 2), follow_up=FollowUp(due=date(2024, 3, 10))
        )
    )
    later = repo.add(
        Conversation(
            colleague_id=a, held_on=date(2024, 3, 3), follow_up=FollowUp(due=date(2024, 3, 20))
        )
    )
    repo.add(Conversation(colleague_id=b, held_on=date(2024, 3, 4)))  # no follow-up
    done = repo.add(
        Conversation(
            colleague_id=b,
            held_on=date(2024, 2, 1),
            follow_up=FollowUp(due=date(2024, 2, 5), done=True, done_on=date(2024, 2, 6)),
        )
    )
    assert None not in (past.id, today_due.id, later.id, done.id)
    today = date(2024, 3, 10)

    items = repo.follow_ups(today=today)
    assert [i.conversation_id for i in items] == [past.id, today_due.id, later.id]
    assert items[0] == FollowUpItem(
        conversation_id=past.id or 0,
        colleague_id=a,
        pseudonym="Ash",
        due=date(2024, 3, 8),
        done=False,
        overdue=True,
        held_on=date(2024, 3, 1),
        done_on=None,
    )
    assert [i.overdue for i in items] == [True, False, False]  # due today is not overdue
    assert items[1].pseudonym == "Birch"  # never the real name

    due_now = repo.follow_ups(due_before=today, today=today)
    assert [i.conversation_id for i in due_now] == [past.id, today_due.id]  # inclusive
    with_done = repo.follow_ups(due_before=today, include_done=True, today=today)
    assert [i.conversation_id for i in with_done] == [done.id, past.id, today_due.id]
    assert with_done[0].done and not with_done[0].overdue
    assert with_done[0].done_on == date(2024, 2, 6)

    assert past.id is not None and later.id is not None
    repo.mark_follow_up_done(past.id, date(2024, 3, 10))
    marked = repo.get(past.id).follow_up
    assert marked == FollowUp(due=date(2024, 3, 8), done=True, done_on=date(2024, 3, 10))
    assert [i.conversation_id for i in repo.follow_ups(today=today)] == [today_due.id, later.id]

    repo.reschedule_follow_up(later.id, date(2024, 3, 9))
    assert [i.conversation_id for i in repo.follow_ups(due_before=today, today=today)] == [
        later.id,
        today_due.id,
    ]
    repo.reschedule_follow_up(past.id, date(2024, 4, 1))  # reopens a done one
    reopened = repo.get(past.id).follow_up
    assert reopened is not None and (reopened.due, reopened.done, reopened.done_on) == (
        date(2024, 4, 1),
        False,
        None,
    )

    plain = repo.add(Conversation(colleague_id=a, held_on=date(2024, 3, 5)))
    assert plain.id is not None
    with pytest.raises(NoFollowUp):
        repo.mark_follow_up_done(plain.id, today)
    with pytest.raises(RecordNotFound):
        repo.mark_follow_up_done(9999, today)
    with pytest.raises(RecordNotFound):
        repo.reschedule_follow_up(9999, today)


def test_list_items_equal_the_whole_conversations_without_their_text(vault: Vault) -> None:
    """The conversation list's rows (``list_items``) are the plain path's conversations
    (``list_for_colleague``) projected to the listed fields, in the same order."""
    a, b = _colleague(vault, "A"), _colleague(vault, "B")
    repo = ConversationRepository(vault)
    rng = random.Random(8)
    for n in range(30):
        follow = None
        if n % 3:
            due = date(2024, 3, 1) + timedelta(days=rng.randrange(-20, 20))
            follow = FollowUp(due=due, done=n % 4 == 0, note="see again")
        repo.add(
            Conversation(
                colleague_id=rng.choice([a, b]),
                held_on=date(2024, 1, 1) + timedelta(days=rng.randrange(60)),
                channel=rng.choice(list(Channel)),
                themes=set(rng.sample(THEMES, rng.randrange(3))),
                summary=f"{TEXT_MARK} {n}",
                follow_up=follow,
            )
        )
    for colleague in (a, b):
        whole = repo.list_for_colleague(colleague)
        expected = [
            (
                c.id,
                c.colleague_id,
                c.held_on,
                c.channel,
                frozenset(c.themes),
                c.follow_up.due if c.follow_up else None,
                bool(c.follow_up and c.follow_up.done),
            )
            for c in whole
        ]
        items = repo.list_items(colleague)
        assert [dataclasses.astuple(i) for i in items] == expected
        assert TEXT_MARK not in repr(items) and "see again" not in repr(items)
        some = [c.id or 0 for c in whole[::3]] + [9999]
        assert repo.list_items(colleague, some) == [i for i in items if i.id in some]
    assert repo.list_items(a, []) == []


@given(
    wanted=st.lists(st.integers(0, 40), max_size=12),
    include_done=st.booleans(),
    due_before=st.none() | st.dates(date(2024, 1, 1), date(2024, 3, 1)),
)
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_follow_ups_of_some_conversations_equal_the_full_list_filtered(
    vault: Vault, wanted: list[int], include_done: bool, due_before: date | None
) -> None:
    """The rows a list re-reads after a change (``conversation_ids``) are exactly the full
    list's rows with those ids, in the same order (the plain path). The vault (filled by the
    first example, 40 conversations, some follow-ups open, some done) is only read."""
    repo = ConversationRepository(vault)
    if not repo.count():
        rng = random.Random(5)
        names = [_colleague(vault, p) for p in ("Ash", "Birch", "Cedar")]
        for n in range(40):
            due = date(2024, 1, 1) + timedelta(days=rng.randrange(60))
            repo.add(
                Conversation(
                    colleague_id=rng.choice(names),
                    held_on=date(2023, 12, 1) + timedelta(days=n),
                    follow_up=None if n % 5 == 0 else FollowUp(due=due, done=n % 3 == 0),
                )
            )
    today = date(2024, 2, 1)
    every = repo.follow_ups(due_before, include_done, today=today)
    some = repo.follow_ups(due_before, include_done, today=today, conversation_ids=wanted)
    assert some == [f for f in every if f.conversation_id in set(wanted)]
    assert repo.follow_ups(today=today, conversation_ids=[]) == []


THEMES = list(ConversationTheme)
KINDS = list(ResourceKind)
NAME_WORDS = ["Peregrine", "Marigold", "Quillon"]
TEXT_MARK = "Snorkelbaum"


def test_statistics_match_independent_counts(vault: Vault) -> None:
    rng = random.Random(20240601)
    colleague_ids = [_colleague(vault, f"{w} pseud", real_name=f"{w} Real") for w in NAME_WORDS]
    resource = ResourceRepository(vault).add(
        Resource(name="Quillon helpline", kind=ResourceKind.HELPLINE)
    )
    repo = ConversationRepository(vault)
    inserted: list[Conversation] = []
    start = date(2023, 11, 1)
    for n in range(80):
        held = start + timedelta(days=rng.randrange(0, 240))
        follow = None
        if rng.random() < 0.6:
            due = held + timedelta(days=rng.randrange(0, 30))
            state = rng.choice(["open", "on_time", "late", "undated"])
            if state == "open":
                follow = FollowUp(due=due)
            elif state == "undated":
                follow = FollowUp(due=due, done=True)
            else:
                shift = rng.randrange(-3, 1) if state == "on_time" else rng.randrange(1, 9)
                follow = FollowUp(due=due, done=True, done_on=due + timedelta(days=shift))
        conversation = Conversation(
            colleague_id=rng.choice(colleague_ids),
            held_on=held,
            themes=set(rng.sample(THEMES, rng.randrange(0, 4))),
            summary=f"{TEXT_MARK} summary {n}",
            actions_agreed=f"{TEXT_MARK} actions",
            debrief=f"{TEXT_MARK} debrief",
            referrals=[
                Referral(
                    kind=rng.choice(KINDS),
                    note=f"{TEXT_MARK} note",
                    resource_id=resource.id if rng.random() < 0.3 else None,
                )
                for _ in range(rng.randrange(0, 4))
            ],
            follow_up=follow,
        )
        inserted.append(repo.add(conversation))

    date_from, date_to = date(2024, 1, 1), date(2024, 5, 31)
    stats = repo.statistics(date_from, date_to)

    in_period = [c for c in inserted if date_from <= c.held_on <= date_to]
    assert stats.conversations == len(in_period) > 0
    assert stats.colleagues == len({c.colleague_id for c in in_period})
    months = Counter(c.held_on.strftime("%Y-%m") for c in in_period)
    assert stats.per_month == {
        m: months.get(m, 0) for m in ["2024-01", "2024-02", "2024-03", "2024-04", "2024-05"]
    }
    assert list(stats.per_month) == sorted(stats.per_month)
    themes = Counter(t for c in in_period for t in c.themes)
    assert stats.per_theme == {t: themes.get(t, 0) for t in THEMES}
    kinds = Counter(r.kind for c in in_period for r in c.referrals)
    assert stats.per_referral_kind == {k: kinds.get(k, 0) for k in KINDS}
    follows = [
        c.follow_up
        for c in inserted
        if c.follow_up is not None and date_from <= c.follow_up.due <= date_to
    ]
    assert stats.follow_ups_due == len(follows) > 0
    assert stats.follow_ups_open == sum(not f.done for f in follows)
    assert stats.follow_ups_done_undated == sum(f.done and f.done_on is None for f in follows)
    assert stats.follow_ups_done_on_time == sum(
        f.done_on is not None and f.done_on <= f.due for f in follows
    )
    assert stats.follow_ups_done_late == sum(
        f.done_on is not None and f.done_on > f.due for f in follows
    )
    assert stats.follow_ups_due == (
        stats.follow_ups_open
        + stats.follow_ups_done_undated
        + stats.follow_ups_done_on_time
        + stats.follow_ups_done_late
    )

    # Counts only: no names, no free text anywhere in the result.
    text = repr(stats) + repr(dataclasses.asdict(stats))
    for word in [*NAME_WORDS, TEXT_MARK, "pseud", "Real"]:
        assert word not in text
    for value in dataclasses.astuple(stats):
        assert isinstance(value, int | date | dict)
    for mapping in (stats.per_month, stats.per_theme, stats.per_referral_kind):
        assert all(isinstance(v, int) for v in mapping.values())


def test_statistics_of_an_empty_period(vault: Vault) -> None:
    stats = ConversationRepository(vault).statistics(date(2024, 11, 15), date(2025, 2, 1))
    assert stats == ProgrammeStats(
        date_from=date(2024, 11, 15),
        date_to=date(2025, 2, 1),
        conversations=0,
        colleagues=0,
        per_month={"2024-11": 0, "2024-12": 0, "2025-01": 0, "2025-02": 0},
        per_theme=dict.fromkeys(THEMES, 0),
        per_referral_kind=dict.fromkeys(KINDS, 0),
        follow_ups_due=0,
        follow_ups_done_on_time=0,
        follow_ups_done_late=0,
        follow_ups_done_undated=0,
        follow_ups_open=0,
    )
    with pytest.raises(ValidationError):
        ConversationRepository(vault).statistics(date(2024, 2, 1), date(2024, 1, 1))
