"""Enumerations stored in the vault.

Values are stable lowercase snake_case strings: they are written to the database and into the
canonical JSON of every revision, so a value must never be renamed or reused. Add members;
never change or remove one. ``label`` gives the English text for the UI and reports.
"""

from __future__ import annotations

from enum import StrEnum


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
        return _CHANNEL_LABELS[self]


_CHANNEL_LABELS: dict[Channel, str] = {
    Channel.IN_PERSON: "In person",
    Channel.MEETING: "Meeting",
    Channel.EMAIL: "Email",
    Channel.CHAT: "Chat or instant message",
    Channel.PHONE: "Phone",
    Channel.VIDEO_CALL: "Video call",
    Channel.ONLINE_PLATFORM: "Online platform",
    Channel.OTHER: "Other",
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
        return _RELATIONSHIP_LABELS[self]


_RELATIONSHIP_LABELS: dict[Relationship, str] = {
    Relationship.MANAGER: "Manager",
    Relationship.SENIOR_MANAGER: "Senior manager",
    Relationship.PEER: "Peer",
    Relationship.REPORT: "Someone who reports to me",
    Relationship.CLIENT: "Client or customer",
    Relationship.OTHER: "Other",
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
        return _INCIDENT_CATEGORY_LABELS[self]


_INCIDENT_CATEGORY_LABELS: dict[IncidentCategory, str] = {
    IncidentCategory.VERBAL_ABUSE: "Verbal abuse",
    IncidentCategory.SHOUTING_INTIMIDATION: "Shouting or intimidation",
    IncidentCategory.PUBLIC_HUMILIATION: "Humiliation in front of others",
    IncidentCategory.EXCLUSION_ISOLATION: "Exclusion or isolation",
    IncidentCategory.UNDERMINING_SABOTAGE: "Undermining work or sabotage",
    IncidentCategory.UNREASONABLE_WORKLOAD: "Unreasonable workload or deadlines",
    IncidentCategory.EXCESSIVE_MONITORING: "Excessive monitoring or criticism",
    IncidentCategory.THREATS: "Threats",
    IncidentCategory.CYBERBULLYING: "Cyberbullying",
    IncidentCategory.SEXUAL_HARASSMENT: "Sexual harassment",
    IncidentCategory.DISCRIMINATION: "Discrimination on a protected characteristic",
    IncidentCategory.RETALIATION: "Retaliation after a complaint",
    IncidentCategory.OTHER: "Other",
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
        return _REPORT_RECIPIENT_LABELS[self]


_REPORT_RECIPIENT_LABELS: dict[ReportRecipient, str] = {
    ReportRecipient.MANAGER: "Manager",
    ReportRecipient.HR: "HR",
    ReportRecipient.UNION: "Union",
    ReportRecipient.EAP: "Employee assistance programme (EAP)",
    ReportRecipient.POLICE: "Police",
    ReportRecipient.OTHER: "Other",
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
        return _CONVERSATION_THEME_LABELS[self]


_CONVERSATION_THEME_LABELS: dict[ConversationTheme, str] = {
    ConversationTheme.WORK: "Work",
    ConversationTheme.BULLYING: "Bullying",
    ConversationTheme.CONFLICT: "Conflict",
    ConversationTheme.WORKLOAD: "Workload",
    ConversationTheme.PERSONAL: "Personal",
    ConversationTheme.WELLBEING: "Wellbeing",
    ConversationTheme.OTHER: "Other",
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
        return _RESOURCE_KIND_LABELS[self]


_RESOURCE_KIND_LABELS: dict[ResourceKind, str] = {
    ResourceKind.EAP: "Employee assistance programme (EAP)",
    ResourceKind.HR: "HR",
    ResourceKind.UNION: "Union",
    ResourceKind.GP: "GP or doctor",
    ResourceKind.HELPLINE: "Helpline",
    ResourceKind.EXTERNAL: "External service",
    ResourceKind.OTHER: "Other",
}


class ColleagueStatus(StrEnum):
    """Whether a supporter is still in contact with a colleague."""

    ACTIVE = "active"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return _COLLEAGUE_STATUS_LABELS[self]


_COLLEAGUE_STATUS_LABELS: dict[ColleagueStatus, str] = {
    ColleagueStatus.ACTIVE: "Active",
    ColleagueStatus.CLOSED: "Closed",
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
        return _STRATEGY_CATEGORY_LABELS[self]


_STRATEGY_CATEGORY_LABELS: dict[StrategyCategory, str] = {
    StrategyCategory.CALM_BODY: "Calm the body",
    StrategyCategory.STEADY_MIND: "Steady the mind",
    StrategyCategory.RESPOND_MOMENT: "Respond in the moment",
    StrategyCategory.DOCUMENT_REPORT: "Document and report",
    StrategyCategory.SEEK_SUPPORT: "Seek support",
    StrategyCategory.COMMUNICATE_RESOLVE: "Communicate and resolve conflict",
    StrategyCategory.RECOVER_SELFCARE: "Recover and look after yourself",
    StrategyCategory.SUPPORT_COLLEAGUE: "Support a colleague",
}


class StrategySource(StrEnum):
    """Whether a strategy ships with PeerDesk or was written by the user."""

    BUILTIN = "builtin"
    OWN = "own"

    @property
    def label(self) -> str:
        return _STRATEGY_SOURCE_LABELS[self]


_STRATEGY_SOURCE_LABELS: dict[StrategySource, str] = {
    StrategySource.BUILTIN: "Built-in",
    StrategySource.OWN: "My own",
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
        return _RECORD_KIND_LABELS[self]


_RECORD_KIND_LABELS: dict[RecordKind, str] = {
    RecordKind.INCIDENT: "Incident",
    RecordKind.PERSON: "Person",
    RecordKind.COLLEAGUE: "Colleague",
    RecordKind.CONVERSATION: "Conversation",
    RecordKind.STRATEGY: "Coping strategy",
    RecordKind.RESOURCE: "Support resource",
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
