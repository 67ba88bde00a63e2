"""What storage hands to the supporter's exports: everything held about one colleague, and
the programme statistics. Plain data (no SQL, no Qt), so that exporters depend on models only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from peerdesk.models.colleague import Colleague
from peerdesk.models.conversation import Conversation
from peerdesk.models.enums import ConversationTheme, ResourceKind


@dataclass(frozen=True, slots=True)
class HeldRecord:
    """Everything the vault holds about one colleague ("What I hold about this colleague").

    ``colleague`` includes the real name when one is stored, and the consent record.
    ``conversations`` are oldest first, each with its referrals (in order), follow-up and the
    supporter's debrief. ``resource_names`` maps the resource ids referred to onto the
    directory's names. ``updated_at`` is when the colleague's own entry last changed (UTC).
    """

    colleague: Colleague
    conversations: tuple[Conversation, ...]
    resource_names: dict[int, str]
    retention_expires_on: date | None
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class ProgrammeStats:
    """Counts for the programme coordinator: no names, no free text.

    Conversations are counted by the day they were held (``date_from`` .. ``date_to``,
    inclusive); ``per_month`` has every month of the period in order ("YYYY-MM"), zeros
    included; ``per_theme`` and ``per_referral_kind`` have every enum member. Referral kinds
    count referrals given in those conversations. Follow-ups are the ones *due* in the period:
    ``follow_ups_due`` = done on time (done on or before the due day) + done late + done with
    no date recorded + still open.
    """

    date_from: date
    date_to: date
    conversations: int
    colleagues: int
    per_month: dict[str, int]
    per_theme: dict[ConversationTheme, int]
    per_referral_kind: dict[ResourceKind, int]
    follow_ups_due: int
    follow_ups_done_on_time: int
    follow_ups_done_late: int
    follow_ups_done_undated: int
    follow_ups_open: int


__all__ = ["HeldRecord", "ProgrammeStats"]
