"""PeerDesk's domain layer: dataclasses, enums, validation, input sanitising, canonical
serialisation and integrity hashing. Pure Python, standard library only: no Qt, no SQL, no I/O.

The names below are imported from their modules when first asked for (``from peerdesk.models
import Incident`` imports ``peerdesk.models.incident`` then, and what it needs), so that a
module that needs one small part (``peerdesk.models.errors``) does not load every model: the
unlock window needs none of them (issue 18, item 4).
"""

# i18n: keep-file — its strings are the names of this package's own classes and functions
from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from peerdesk.models.attachment import UNKNOWN_MEDIA_TYPE, Attachment
    from peerdesk.models.colleague import (
        DEFAULT_RETENTION_MONTHS,
        RETENTION_MAX_MONTHS,
        RETENTION_MIN_MONTHS,
        Colleague,
        Consent,
    )
    from peerdesk.models.conversation import Conversation, FollowUp, Referral
    from peerdesk.models.draft import Draft
    from peerdesk.models.enums import (
        ALL_ENUMS,
        Channel,
        ColleagueStatus,
        ConversationTheme,
        IncidentCategory,
        RecordKind,
        Relationship,
        ReportRecipient,
        ResourceKind,
        StrategyCategory,
        StrategySource,
    )
    from peerdesk.models.errors import ValidationError
    from peerdesk.models.incident import (
        SEVERITY_MAX,
        SEVERITY_MIN,
        Incident,
        involvement_position,
    )
    from peerdesk.models.incident_parts import (
        EvidenceNotHeld,
        Impact,
        IncidentPerson,
        Quote,
        ReportMade,
        ToldSomeone,
        Witness,
    )
    from peerdesk.models.integrity import (
        GENESIS_HASH,
        ChainCheck,
        Revision,
        make_revision,
        manifest_fingerprint,
        revision_hash,
        sha256_hex,
        verify_chain,
    )
    from peerdesk.models.person import Person
    from peerdesk.models.resource import Resource
    from peerdesk.models.serialize import (
        SCHEMA_VERSION,
        canonical_json,
        incident_from_dict,
        incident_from_payload,
        incident_payload,
        incident_to_dict,
        loads_json,
        record_from_dict,
        record_to_dict,
    )
    from peerdesk.models.strategy import RATING_MAX, RATING_MIN, Strategy, StrategyUse
    from peerdesk.models.text import (
        FILENAME_MAX,
        NAME_MAX,
        SHORT_MAX,
        TAG_MAX,
        TITLE_MAX,
        clean_passphrase,
        clean_tags,
        clean_text,
        visible_filename,
    )
    from peerdesk.models.timing import (
        DURATION_MAX_MINUTES,
        add_months,
        format_delay,
        format_utc,
        minutes_between,
        parse_utc,
        to_utc,
    )

#: Each submodule and the names this package offers from it.
_OFFERED: dict[str, tuple[str, ...]] = {
    "attachment": (
        "UNKNOWN_MEDIA_TYPE",
        "Attachment",
    ),
    "colleague": (
        "DEFAULT_RETENTION_MONTHS",
        "RETENTION_MAX_MONTHS",
        "RETENTION_MIN_MONTHS",
        "Colleague",
        "Consent",
    ),
    "conversation": (
        "Conversation",
        "FollowUp",
        "Referral",
    ),
    "draft": ("Draft",),
    "enums": (
        "ALL_ENUMS",
        "Channel",
        "ColleagueStatus",
        "ConversationTheme",
        "IncidentCategory",
        "RecordKind",
        "Relationship",
        "ReportRecipient",
        "ResourceKind",
        "StrategyCategory",
        "StrategySource",
    ),
    "errors": ("ValidationError",),
    "incident": (
        "SEVERITY_MAX",
        "SEVERITY_MIN",
        "Incident",
        "involvement_position",
    ),
    "incident_parts": (
        "EvidenceNotHeld",
        "Impact",
        "IncidentPerson",
        "Quote",
        "ReportMade",
        "ToldSomeone",
        "Witness",
    ),
    "integrity": (
        "GENESIS_HASH",
        "ChainCheck",
        "Revision",
        "make_revision",
        "manifest_fingerprint",
        "revision_hash",
        "sha256_hex",
        "verify_chain",
    ),
    "person": ("Person",),
    "resource": ("Resource",),
    "serialize": (
        "SCHEMA_VERSION",
        "canonical_json",
        "incident_from_dict",
        "incident_from_payload",
        "incident_payload",
        "incident_to_dict",
        "loads_json",
        "record_from_dict",
        "record_to_dict",
    ),
    "strategy": (
        "RATING_MAX",
        "RATING_MIN",
        "Strategy",
        "StrategyUse",
    ),
    "text": (
        "FILENAME_MAX",
        "NAME_MAX",
        "SHORT_MAX",
        "TAG_MAX",
        "TITLE_MAX",
        "clean_passphrase",
        "clean_tags",
        "clean_text",
        "visible_filename",
    ),
    "timing": (
        "DURATION_MAX_MINUTES",
        "add_months",
        "format_delay",
        "format_utc",
        "minutes_between",
        "parse_utc",
        "to_utc",
    ),
}
_WHERE = {name: module for module, names in _OFFERED.items() for name in names}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value  # the next look-up is a plain one
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_WHERE))


__all__ = [
    "ALL_ENUMS",
    "DEFAULT_RETENTION_MONTHS",
    "DURATION_MAX_MINUTES",
    "FILENAME_MAX",
    "GENESIS_HASH",
    "NAME_MAX",
    "RATING_MAX",
    "RATING_MIN",
    "RETENTION_MAX_MONTHS",
    "RETENTION_MIN_MONTHS",
    "SCHEMA_VERSION",
    "SEVERITY_MAX",
    "SEVERITY_MIN",
    "SHORT_MAX",
    "TAG_MAX",
    "TITLE_MAX",
    "UNKNOWN_MEDIA_TYPE",
    "Attachment",
    "ChainCheck",
    "Channel",
    "Colleague",
    "ColleagueStatus",
    "Consent",
    "Conversation",
    "ConversationTheme",
    "Draft",
    "EvidenceNotHeld",
    "FollowUp",
    "Impact",
    "Incident",
    "IncidentCategory",
    "IncidentPerson",
    "Person",
    "Quote",
    "RecordKind",
    "Referral",
    "Relationship",
    "ReportMade",
    "ReportRecipient",
    "Resource",
    "ResourceKind",
    "Revision",
    "Strategy",
    "StrategyCategory",
    "StrategySource",
    "StrategyUse",
    "ToldSomeone",
    "ValidationError",
    "Witness",
    "add_months",
    "canonical_json",
    "clean_passphrase",
    "clean_tags",
    "clean_text",
    "format_delay",
    "format_utc",
    "incident_from_dict",
    "incident_from_payload",
    "incident_payload",
    "incident_to_dict",
    "involvement_position",
    "loads_json",
    "make_revision",
    "manifest_fingerprint",
    "minutes_between",
    "parse_utc",
    "record_from_dict",
    "record_to_dict",
    "revision_hash",
    "sha256_hex",
    "to_utc",
    "verify_chain",
    "visible_filename",
]
