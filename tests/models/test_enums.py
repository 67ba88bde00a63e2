"""Enum values are stored in the vault: they must stay exactly these strings."""

from __future__ import annotations

import re
from enum import StrEnum

import pytest

from peerdesk.models import (
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

STORED_VALUES: dict[type[StrEnum], list[str]] = {
    Channel: [
        "in_person",
        "meeting",
        "email",
        "chat",
        "phone",
        "video_call",
        "online_platform",
        "other",
    ],
    Relationship: ["manager", "senior_manager", "peer", "report", "client", "other"],
    IncidentCategory: [
        "verbal_abuse",
        "shouting_intimidation",
        "public_humiliation",
        "exclusion_isolation",
        "undermining_sabotage",
        "unreasonable_workload",
        "excessive_monitoring",
        "threats",
        "cyberbullying",
        "sexual_harassment",
        "discrimination",
        "retaliation",
        "other",
    ],
    ReportRecipient: ["manager", "hr", "union", "eap", "police", "other"],
    ConversationTheme: [
        "work",
        "bullying",
        "conflict",
        "workload",
        "personal",
        "wellbeing",
        "other",
    ],
    ResourceKind: ["eap", "hr", "union", "gp", "helpline", "external", "other"],
    ColleagueStatus: ["active", "closed"],
    StrategyCategory: [
        "calm_body",
        "steady_mind",
        "respond_moment",
        "document_report",
        "seek_support",
        "communicate_resolve",
        "recover_selfcare",
        "support_colleague",
    ],
    StrategySource: ["builtin", "own"],
    RecordKind: ["incident", "person", "colleague", "conversation", "strategy", "resource"],
}


@pytest.mark.parametrize("enum_type", ALL_ENUMS, ids=lambda e: e.__name__)
def test_stored_values_are_exactly_the_documented_ones(enum_type: type[StrEnum]) -> None:
    assert [member.value for member in enum_type] == STORED_VALUES[enum_type]


def test_every_stored_enum_is_listed() -> None:
    assert set(ALL_ENUMS) == set(STORED_VALUES)


@pytest.mark.parametrize("enum_type", ALL_ENUMS, ids=lambda e: e.__name__)
def test_values_are_snake_case_and_labels_are_english_text(enum_type: type[StrEnum]) -> None:
    labels = []
    for member in enum_type:
        assert re.fullmatch(r"[a-z]+(_[a-z]+)*", member.value)
        label = member.label  # type: ignore[attr-defined]
        assert isinstance(label, str)
        assert label
        assert label[0].isupper()
        labels.append(label)
    assert len(set(labels)) == len(labels)


def test_enum_compares_and_formats_as_its_value() -> None:
    assert Channel("video_call") is Channel.VIDEO_CALL
    assert f"{IncidentCategory.THREATS}" == "threats"
    assert ResourceKind.GP.label == "GP or doctor"
