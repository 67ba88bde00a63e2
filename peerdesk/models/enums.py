"""Enumerations stored in the vault.

Values are stable lowercase snake_case strings: they are written to the database and into the
canonical JSON of every revision, so a value must never be renamed or reused. Add members;
never change or remove one. ``label`` gives the text for the UI and reports in the language in
force (translated when read, never at import).
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Any

from peerdesk.i18n import N_, _, current_language

# (language, enumeration, member) → label: a list of 50,000 rows shows a member's label once per
# row, so each label is looked up in the catalogue once per language, not once per row. (The
# enumeration is in the key because members of two StrEnums with the same value are equal.)
_LABEL_CACHE: dict[tuple[str, type[StrEnum], StrEnum], str] = {}


def _label(labels: Mapping[Any, str], member: StrEnum) -> str:
    key = (current_language(), type(member), member)
    label = _LABEL_CACHE.get(key)
    if label is None:
        label = _LABEL_CACHE[key] = _(labels[member])
    return label


class Channel(StrEnum):
    """Where or how something happened (incidents) or took place (conversations)."""

    IN_PERSON = "in_person"
    MEETING = "meeting"
    EMAIL = "email"
    CHAT = "chat"
    PHONE = "phone"
    VIDEO_CALL = "video_call"
    ONLINE_PLATFORM = "online_platform"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _label(_CHANNEL_LABELS, self)


_CHANNEL_LABELS: dict[Channel, str] = {
    Channel.IN_PERSON: N_("In person"),
    Channel.MEETING: N_("Meeting"),
    Channel.EMAIL: N_("Email"),
    Channel.CHAT: N_("Chat or instant message"),
    Channel.PHONE: N_("Phone"),
    Channel.VIDEO_CALL: N_("Video call"),
    Channel.ONLINE_PLATFORM: N_("Online platform"),
    Channel.OTHER: N_("Other"),
}


class Relationship(StrEnum):
    """A person's working relationship to the user."""

    MANAGER = "manager"
    SENIOR_MANAGER = "senior_manager"
    PEER = "peer"
    REPORT = "report"
    CLIENT = "client"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _label(_RELATIONSHIP_LABELS, self)


_RELATIONSHIP_LABELS: dict[Relationship, str] = {
    Relationship.MANAGER: N_("Manager"),
    Relationship.SENIOR_MANAGER: N_("Senior manager"),
    Relationship.PEER: N_("Peer"),
    Relationship.REPORT: N_("Someone who reports to me"),
    Relationship.CLIENT: N_("Client or customer"),
    Relationship.OTHER: N_("Other"),
}


class IncidentCategory(StrEnum):
    """Kinds of behaviour (REPORTING.md incident field 6)."""

    VERBAL_ABUSE = "verbal_abuse"
    SHOUTING_INTIMIDATION = "shouting_intimidation"
    PUBLIC_HUMILIATION = "public_humiliation"
    EXCLUSION_ISOLATION = "exclusion_isolation"
    UNDERMINING_SABOTAGE = "undermining_sabotage"
    UNREASONABLE_WORKLOAD = "unreasonable_workload"
    EXCESSIVE_MONITORING = "excessive_monitoring"
    THREATS = "threats"
    CYBERBULLYING = "cyberbullying"
    SEXUAL_HARASSMENT = "sexual_harassment"
    DISCRIMINATION = "discrimination"
    RETALIATION = "retaliation"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _label(_INCIDENT_CATEGORY_LABELS, self)


_INCIDENT_CATEGORY_LABELS: dict[IncidentCategory, str] = {
    IncidentCategory.VERBAL_ABUSE: N_("Verbal abuse"),
    IncidentCategory.SHOUTING_INTIMIDATION: N_("Shouting or intimidation"),
    IncidentCategory.PUBLIC_HUMILIATION: N_("Humiliation in front of others"),
    IncidentCategory.EXCLUSION_ISOLATION: N_("Exclusion or isolation"),
    IncidentCategory.UNDERMINING_SABOTAGE: N_("Undermining work or sabotage"),
    IncidentCategory.UNREASONABLE_WORKLOAD: N_("Unreasonable workload or deadlines"),
    IncidentCategory.EXCESSIVE_MONITORING: N_("Excessive monitoring or criticism"),
    IncidentCategory.THREATS: N_("Threats"),
    IncidentCategory.CYBERBULLYING: N_("Cyberbullying"),
    IncidentCategory.SEXUAL_HARASSMENT: N_("Sexual harassment"),
    IncidentCategory.DISCRIMINATION: N_("Discrimination on a protected characteristic"),
    IncidentCategory.RETALIATION: N_("Retaliation after a complaint"),
    IncidentCategory.OTHER: N_("Other"),
}


class ReportRecipient(StrEnum):
    """To whom an incident was reported (incident field 12)."""

    MANAGER = "manager"
    HR = "hr"
    UNION = "union"
    EAP = "eap"
    POLICE = "police"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _label(_REPORT_RECIPIENT_LABELS, self)


_REPORT_RECIPIENT_LABELS: dict[ReportRecipient, str] = {
    ReportRecipient.MANAGER: N_("Manager"),
    ReportRecipient.HR: N_("HR"),
    ReportRecipient.UNION: N_("Union"),
    ReportRecipient.EAP: N_("Employee assistance programme (EAP)"),
    ReportRecipient.POLICE: N_("Police"),
    ReportRecipient.OTHER: N_("Other"),
}


class ConversationTheme(StrEnum):
    """Themes of a peer-support conversation."""

    WORK = "work"
    BULLYING = "bullying"
    CONFLICT = "conflict"
    WORKLOAD = "workload"
    PERSONAL = "personal"
    WELLBEING = "wellbeing"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _label(_CONVERSATION_THEME_LABELS, self)


_CONVERSATION_THEME_LABELS: dict[ConversationTheme, str] = {
    ConversationTheme.WORK: N_("Work"),
    ConversationTheme.BULLYING: N_("Bullying"),
    ConversationTheme.CONFLICT: N_("Conflict"),
    ConversationTheme.WORKLOAD: N_("Workload"),
    ConversationTheme.PERSONAL: N_("Personal"),
    ConversationTheme.WELLBEING: N_("Wellbeing"),
    ConversationTheme.OTHER: N_("Other"),
}


class ResourceKind(StrEnum):
    """Kind of a support resource, and of a referral/signposting given in a conversation."""

    EAP = "eap"
    HR = "hr"
    UNION = "union"
    GP = "gp"
    HELPLINE = "helpline"
    EXTERNAL = "external"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _label(_RESOURCE_KIND_LABELS, self)


_RESOURCE_KIND_LABELS: dict[ResourceKind, str] = {
    ResourceKind.EAP: N_("Employee assistance programme (EAP)"),
    ResourceKind.HR: N_("HR"),
    ResourceKind.UNION: N_("Union"),
    ResourceKind.GP: N_("GP or doctor"),
    ResourceKind.HELPLINE: N_("Helpline"),
    ResourceKind.EXTERNAL: N_("External service"),
    ResourceKind.OTHER: N_("Other"),
}


class ColleagueStatus(StrEnum):
    """Whether a supporter is still in contact with a colleague."""

    ACTIVE = "active"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return _label(_COLLEAGUE_STATUS_LABELS, self)


_COLLEAGUE_STATUS_LABELS: dict[ColleagueStatus, str] = {
    ColleagueStatus.ACTIVE: N_("Active"),
    ColleagueStatus.CLOSED: N_("Closed"),
}


class StrategyCategory(StrEnum):
    """Sections of the coping-strategy library (the built-in content file uses these values)."""

    CALM_BODY = "calm_body"
    STEADY_MIND = "steady_mind"
    RESPOND_MOMENT = "respond_moment"
    DOCUMENT_REPORT = "document_report"
    SEEK_SUPPORT = "seek_support"
    COMMUNICATE_RESOLVE = "communicate_resolve"
    RECOVER_SELFCARE = "recover_selfcare"
    SUPPORT_COLLEAGUE = "support_colleague"

    @property
    def label(self) -> str:
        return _label(_STRATEGY_CATEGORY_LABELS, self)


_STRATEGY_CATEGORY_LABELS: dict[StrategyCategory, str] = {
    StrategyCategory.CALM_BODY: N_("Calm the body"),
    StrategyCategory.STEADY_MIND: N_("Steady the mind"),
    StrategyCategory.RESPOND_MOMENT: N_("Respond in the moment"),
    StrategyCategory.DOCUMENT_REPORT: N_("Document and report"),
    StrategyCategory.SEEK_SUPPORT: N_("Seek support"),
    StrategyCategory.COMMUNICATE_RESOLVE: N_("Communicate and resolve conflict"),
    StrategyCategory.RECOVER_SELFCARE: N_("Recover and look after yourself"),
    StrategyCategory.SUPPORT_COLLEAGUE: N_("Support a colleague"),
}


class StrategySource(StrEnum):
    """Whether a strategy ships with PeerDesk or was written by the user."""

    BUILTIN = "builtin"
    OWN = "own"

    @property
    def label(self) -> str:
        return _label(_STRATEGY_SOURCE_LABELS, self)


_STRATEGY_SOURCE_LABELS: dict[StrategySource, str] = {
    StrategySource.BUILTIN: N_("Built-in"),
    StrategySource.OWN: N_("My own"),
}


class RecordKind(StrEnum):
    """Kinds of record, for drafts and search results."""

    INCIDENT = "incident"
    PERSON = "person"
    COLLEAGUE = "colleague"
    CONVERSATION = "conversation"
    STRATEGY = "strategy"
    RESOURCE = "resource"

    @property
    def label(self) -> str:
        return _label(_RECORD_KIND_LABELS, self)


_RECORD_KIND_LABELS: dict[RecordKind, str] = {
    RecordKind.INCIDENT: N_("Incident"),
    RecordKind.PERSON: N_("Person"),
    RecordKind.COLLEAGUE: N_("Colleague"),
    RecordKind.CONVERSATION: N_("Conversation"),
    RecordKind.STRATEGY: N_("Coping strategy"),
    RecordKind.RESOURCE: N_("Support resource"),
}

#: Every stored enumeration, for tests and for the schema's CHECK constraints.
ALL_ENUMS: tuple[type[StrEnum], ...] = (
    Channel,
    Relationship,
    IncidentCategory,
    ReportRecipient,
    ConversationTheme,
    ResourceKind,
    ColleagueStatus,
    StrategyCategory,
    StrategySource,
    RecordKind,
)
