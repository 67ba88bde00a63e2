"""Peer-supporter notes: one conversation with a colleague."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from peerdesk.i18n import N_, _
from peerdesk.models._checks import (
    check_bool,
    check_date,
    check_enum,
    check_enum_set,
    check_id,
    check_int,
    check_list,
    expect,
)
from peerdesk.models._clean import block, line
from peerdesk.models.enums import Channel, ConversationTheme, ResourceKind
from peerdesk.models.errors import ValidationError
from peerdesk.models.text import SHORT_MAX, check_text
from peerdesk.models.timing import DURATION_MAX_MINUTES


@dataclass(slots=True, kw_only=True)
class Referral:
    """Signposting given: a kind, optionally an entry of the resource directory, a note."""

    resource_id: int | None = None
    kind: ResourceKind
    note: str = ""

    def cleaned(self, at: str) -> Referral:
        return Referral(
            resource_id=self.resource_id,
            kind=self.kind,
            note=line(self.note, f"{at}.note", SHORT_MAX),
        )

    def validate(self, at: str = "referral") -> None:
        # translators: the name of a field, in messages such as "{name} is required."
        check_id(self.resource_id, field=f"{at}.resource_id", label=N_("Resource"), optional=True)
        # translators: the name of a field, in messages such as "{name} is required."
        check_enum(self.kind, ResourceKind, field=f"{at}.kind", label=N_("Kind of referral"))
        check_text(self.note, field=f"{at}.note", max_length=SHORT_MAX, multiline=False)


@dataclass(slots=True, kw_only=True)
class FollowUp:
    """A follow-up due on ``due``; ``done_on`` may only be set once ``done``."""

    due: date
    done: bool = False
    done_on: date | None = None
    note: str = ""

    def cleaned(self, at: str = "follow_up") -> FollowUp:
        return FollowUp(
            due=self.due,
            done=self.done,
            done_on=self.done_on,
            note=line(self.note, f"{at}.note", SHORT_MAX),
        )

    def validate(self, at: str = "follow_up") -> None:
        # translators: the name of a field, in messages such as "{name} is required."
        check_date(self.due, field=f"{at}.due", label=N_("Follow-up date"))
        # translators: the name of a field, in messages such as "{name} is required."
        check_bool(self.done, field=f"{at}.done", label=N_("Follow-up done"))
        # translators: the name of a field, in messages such as "{name} is required."
        check_date(self.done_on, field=f"{at}.done_on", label=N_("Date done"), optional=True)
        if self.done_on is not None and not self.done:
            raise ValidationError(
                f"{at}.done_on", _("A follow-up can only have a date done once it is done.")
            )
        check_text(self.note, field=f"{at}.note", max_length=SHORT_MAX, multiline=False)


@dataclass(slots=True, kw_only=True)
class Conversation:
    """A supporter's operational log of one conversation (not a clinical note).

    ``debrief`` is the supporter's own wellbeing note. ``themes`` is a set.
    """

    id: int | None = None
    colleague_id: int
    held_on: date
    duration_minutes: int | None = None
    channel: Channel = Channel.IN_PERSON
    themes: set[ConversationTheme] = field(default_factory=set)
    summary: str = ""
    actions_agreed: str = ""
    referrals: list[Referral] = field(default_factory=list)
    follow_up: FollowUp | None = None
    debrief: str = ""

    def cleaned(self) -> Conversation:
        """A sanitised, validated copy (raises ``ValidationError``)."""
        conversation = Conversation(
            id=self.id,
            colleague_id=self.colleague_id,
            held_on=self.held_on,
            duration_minutes=self.duration_minutes,
            channel=self.channel,
            themes=set(self.themes),
            summary=block(self.summary, "summary"),
            actions_agreed=block(self.actions_agreed, "actions_agreed"),
            referrals=[r.cleaned(f"referrals[{i}]") for i, r in enumerate(self.referrals)],
            follow_up=None if self.follow_up is None else self.follow_up.cleaned(),
            # translators: the name of a field, in messages such as "{name} is required."
            debrief=block(self.debrief, "debrief", label=N_("My debrief")),
        )
        conversation.validate()
        return conversation

    def validate(self) -> None:
        check_id(self.id, field="id", optional=True)
        # translators: the name of a field, in messages such as "{name} is required."
        check_id(self.colleague_id, field="colleague_id", label=N_("Colleague"))
        # translators: the name of a field, in messages such as "{name} is required."
        check_date(self.held_on, field="held_on", label=N_("Date of the conversation"))
        check_int(
            self.duration_minutes,
            field="duration_minutes",
            # translators: the name of a field, in messages such as "{name} is required."
            label=N_("Duration in minutes"),
            minimum=0,
            maximum=DURATION_MAX_MINUTES,
            optional=True,
        )
        check_enum(self.channel, Channel, field="channel")
        check_enum_set(self.themes, ConversationTheme, field="themes")
        check_text(self.summary, field="summary")
        check_text(self.actions_agreed, field="actions_agreed")
        for i, referral in enumerate(check_list(self.referrals, field="referrals")):
            expect(referral, Referral, f"referrals[{i}]").validate(f"referrals[{i}]")
        if self.follow_up is not None:
            expect(self.follow_up, FollowUp, "follow_up").validate("follow_up")
        # translators: the name of a field, in messages such as "{name} is required."
        check_text(self.debrief, field="debrief", label=N_("My debrief"))
