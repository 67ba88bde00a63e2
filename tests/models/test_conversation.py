from __future__ import annotations

from datetime import date

import pytest

from peerdesk.models import (
    SHORT_MAX,
    Channel,
    Conversation,
    ConversationTheme,
    FollowUp,
    Referral,
    ResourceKind,
    ValidationError,
)


def _conversation(**changes: object) -> Conversation:
    values: dict[str, object] = {
        "colleague_id": 4,
        "held_on": date(2024, 4, 2),
        "duration_minutes": 30,
        "channel": Channel.VIDEO_CALL,
        "themes": {ConversationTheme.WORKLOAD, ConversationTheme.BULLYING},
        "summary": "Talked about deadlines.",
        "actions_agreed": "Colleague will write down incidents.",
        "referrals": [Referral(resource_id=2, kind=ResourceKind.EAP, note="Gave the number")],
        "follow_up": FollowUp(due=date(2024, 4, 16)),
        "debrief": "Felt fine afterwards.",
    }
    values.update(changes)
    return Conversation(**values)  # type: ignore[arg-type]


def test_valid_conversation_passes_and_cleaned_keeps_it() -> None:
    conversation = _conversation()
    conversation.validate()
    assert conversation.cleaned() == conversation


def test_cleaned_sanitises_referral_note_and_follow_up_note() -> None:
    conversation = _conversation(
        referrals=[Referral(kind=ResourceKind.UNION, note=" rep\nname ")],
        follow_up=FollowUp(due=date(2024, 5, 1), note="call\x00 back"),
    ).cleaned()
    assert conversation.referrals[0].note == "rep name"
    assert conversation.follow_up is not None
    assert conversation.follow_up.note == "call back"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"colleague_id": None}, "colleague_id"),
        ({"held_on": None}, "held_on"),
        ({"duration_minutes": -5}, "duration_minutes"),
        ({"themes": ["work"]}, "themes"),
        ({"referrals": [Referral(kind="eap")]}, "referrals[0].kind"),  # type: ignore[arg-type]
        (
            {"referrals": [Referral(kind=ResourceKind.GP, note="n" * (SHORT_MAX + 1))]},
            "referrals[0].note",
        ),
        (
            {"follow_up": FollowUp(due=date(2024, 5, 1), done_on=date(2024, 5, 2))},
            "follow_up.done_on",
        ),
        ({"debrief": "x\udcffy"}, "debrief"),
    ],
)
def test_validation_names_the_field(changes: dict[str, object], field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        _conversation(**changes).validate()
    assert caught.value.field == field


def test_done_follow_up_may_have_a_date() -> None:
    _conversation(
        follow_up=FollowUp(due=date(2024, 5, 1), done=True, done_on=date(2024, 5, 2))
    ).validate()
