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
    # translators: where or how something happened (an incident) or took place (a conversation)
    Channel.IN_PERSON: N_("In person"),
    # translators: where or how something happened (an incident) or took place (a conversation)
    Channel.MEETING: N_("Meeting"),
    # translators: where or how something happened (an incident) or took place (a conversation)
    Channel.EMAIL: N_("Email"),
    # translators: where or how something happened (an incident) or took place (a conversation)
    Channel.CHAT: N_("Chat or instant message"),
    # translators: where or how something happened (an incident) or took place (a conversation)
    Channel.PHONE: N_("Phone"),
    # translators: where or how something happened (an incident) or took place (a conversation)
    Channel.VIDEO_CALL: N_("Video call"),
    # translators: where or how something happened (an incident) or took place (a conversation)
    Channel.ONLINE_PLATFORM: N_("Online platform"),
    # translators: where or how something happened (an incident) or took place (a conversation)
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
    # translators: a person's working relationship to the user
    Relationship.MANAGER: N_("Manager"),
    # translators: a person's working relationship to the user
    Relationship.SENIOR_MANAGER: N_("Senior manager"),
    # translators: a person's working relationship to the user
    Relationship.PEER: N_("Peer"),
    # translators: a person's working relationship to the user
    Relationship.REPORT: N_("Someone who reports to me"),
    # translators: a person's working relationship to the user
    Relationship.CLIENT: N_("Client or customer"),
    # translators: a person's working relationship to the user
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
    # translators: a kind of behaviour recorded in a journal entry
    IncidentCategory.VERBAL_ABUSE: N_("Verbal abuse"),
    # translators: a kind of behaviour recorded in a journal entry
    IncidentCategory.SHOUTING_INTIMIDATION: N_("Shouting or intimidation"),
    # translators: a kind of behaviour recorded in a journal entry
    IncidentCategory.PUBLIC_HUMILIATION: N_("Humiliation in front of others"),
    # translators: a kind of behaviour recorded in a journal entry
    IncidentCategory.EXCLUSION_ISOLATION: N_("Exclusion or isolation"),
    # translators: a kind of behaviour recorded in a journal entry
    IncidentCategory.UNDERMINING_SABOTAGE: N_("Undermining work or sabotage"),
    # translators: a kind of behaviour recorded in a journal entry
    IncidentCategory.UNREASONABLE_WORKLOAD: N_("Unreasonable workload or deadlines"),
    # translators: a kind of behaviour recorded in a journal entry
    IncidentCategory.EXCESSIVE_MONITORING: N_("Excessive monitoring or criticism"),
    # translators: a kind of behaviour recorded in a journal entry
    IncidentCategory.THREATS: N_("Threats"),
    # translators: a kind of behaviour recorded in a journal entry
    IncidentCategory.CYBERBULLYING: N_("Cyberbullying"),
    # translators: a kind of behaviour recorded in a journal entry
    IncidentCategory.SEXUAL_HARASSMENT: N_("Sexual harassment"),
    # translators: a kind of behaviour recorded in a journal entry
    IncidentCategory.DISCRIMINATION: N_("Discrimination on a protected characteristic"),
    # translators: a kind of behaviour recorded in a journal entry
    IncidentCategory.RETALIATION: N_("Retaliation after a complaint"),
    # translators: a kind of behaviour recorded in a journal entry
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
    # translators: to whom an incident was reported
    ReportRecipient.MANAGER: N_("Manager"),
    # translators: to whom an incident was reported
    ReportRecipient.HR: N_("HR"),
    # translators: to whom an incident was reported
    ReportRecipient.UNION: N_("Union"),
    # translators: to whom an incident was reported
    ReportRecipient.EAP: N_("Employee assistance programme (EAP)"),
    # translators: to whom an incident was reported
    ReportRecipient.POLICE: N_("Police"),
    # translators: to whom an incident was reported
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
    # translators: a theme of a peer-support conversation
    ConversationTheme.WORK: N_("Work"),
    # translators: a theme of a peer-support conversation
    ConversationTheme.BULLYING: N_("Bullying"),
    # translators: a theme of a peer-support conversation
    ConversationTheme.CONFLICT: N_("Conflict"),
    # translators: a theme of a peer-support conversation
    ConversationTheme.WORKLOAD: N_("Workload"),
    # translators: a theme of a peer-support conversation
    ConversationTheme.PERSONAL: N_("Personal"),
    # translators: a theme of a peer-support conversation
    ConversationTheme.WELLBEING: N_("Wellbeing"),
    # translators: a theme of a peer-support conversation
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
    # translators: the kind of a support resource or referral
    ResourceKind.EAP: N_("Employee assistance programme (EAP)"),
    # translators: the kind of a support resource or referral
    ResourceKind.HR: N_("HR"),
    # translators: the kind of a support resource or referral
    ResourceKind.UNION: N_("Union"),
    # translators: the kind of a support resource or referral
    ResourceKind.GP: N_("GP or doctor"),
    # translators: the kind of a support resource or referral
    ResourceKind.HELPLINE: N_("Helpline"),
    # translators: the kind of a support resource or referral
    ResourceKind.EXTERNAL: N_("External service"),
    # translators: the kind of a support resource or referral
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
    # translators: whether a peer supporter is still in contact with a colleague (a state)
    ColleagueStatus.ACTIVE: N_("Active"),
    # translators: whether a peer supporter is still in contact with a colleague (a state)
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
    # translators: a section of the coping-strategy library
    StrategyCategory.CALM_BODY: N_("Calm the body"),
    # translators: a section of the coping-strategy library
    StrategyCategory.STEADY_MIND: N_("Steady the mind"),
    # translators: a section of the coping-strategy library
    StrategyCategory.RESPOND_MOMENT: N_("Respond in the moment"),
    # translators: a section of the coping-strategy library
    StrategyCategory.DOCUMENT_REPORT: N_("Document and report"),
    # translators: a section of the coping-strategy library
    StrategyCategory.SEEK_SUPPORT: N_("Seek support"),
    # translators: a section of the coping-strategy library
    StrategyCategory.COMMUNICATE_RESOLVE: N_("Communicate and resolve conflict"),
    # translators: a section of the coping-strategy library
    StrategyCategory.RECOVER_SELFCARE: N_("Recover and look after yourself"),
    # translators: a section of the coping-strategy library
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
    # translators: whether a coping strategy ships with PeerDesk or was written by the user
    StrategySource.BUILTIN: N_("Built-in"),
    # translators: whether a coping strategy ships with PeerDesk or was written by the user
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
    # translators: a kind of record (drafts, search results)
    RecordKind.INCIDENT: N_("Incident"),
    # translators: a kind of record (drafts, search results)
    RecordKind.PERSON: N_("Person"),
    # translators: a kind of record (drafts, search results)
    RecordKind.COLLEAGUE: N_("Colleague"),
    # translators: a kind of record (drafts, search results)
    RecordKind.CONVERSATION: N_("Conversation"),
    # translators: a kind of record (drafts, search results)
    RecordKind.STRATEGY: N_("Coping strategy"),
    # translators: a kind of record (drafts, search results)
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
