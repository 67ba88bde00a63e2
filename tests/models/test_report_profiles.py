"""Recipient profiles for the incident report and their redaction log."""

from __future__ import annotations

import json

import pytest

from peerdesk.models.report import (
    BUILT_IN,
    CUSTOM,
    HR,
    LAWYER,
    OPTIONAL_SECTIONS,
    OWN_COPY,
    UNION,
    ProfileError,
    RecipientProfile,
    profile_named,
    redactions,
)


def test_built_in_profiles() -> None:
    assert set(BUILT_IN) == {"own", "hr", "union", "lawyer", "custom"}
    assert all(not p.include_private_reflection for p in BUILT_IN.values())
    assert HR.witnesses_as_initials and not HR.include_impact
    assert not HR.includes("impact_summary")
    assert UNION.witnesses_as_initials and UNION.include_impact
    assert not LAWYER.witnesses_as_initials and LAWYER.include_impact
    assert set(LAWYER.sections) == set(OPTIONAL_SECTIONS)
    assert OWN_COPY.include_severity_and_tags
    assert CUSTOM.name == "custom"
    # Every built-in profile differs from the others.
    assert len({json.dumps(p.to_dict(), sort_keys=True) for p in BUILT_IN.values()}) == 5


@pytest.mark.parametrize("name", sorted(BUILT_IN))
def test_round_trip_through_json(name: str) -> None:
    profile = BUILT_IN[name]
    data = json.loads(json.dumps(profile.to_dict()))
    assert RecipientProfile.from_dict(data) == profile


def test_saved_custom_profile() -> None:
    mine = CUSTOM.with_changes(
        name="first-informal",
        label="First informal complaint",
        include_impact=False,
        sections=frozenset({"cast_list"}),
    )
    back = RecipientProfile.from_dict(mine.to_dict() | {"added_later": 1})
    assert back == mine


@pytest.mark.parametrize(
    "data",
    [
        [],
        {"label": "x"},
        {"name": "x", "label": "y", "sections": "cast_list"},
        {"name": "x", "label": "y", "sections": ["nope"]},
        {"name": "x", "label": "y", "include_impact": "yes"},
        {"name": "", "label": "y"},
        {"name": 3, "label": "y"},
    ],
)
def test_bad_saved_profiles(data: object) -> None:
    with pytest.raises(ProfileError):
        RecipientProfile.from_dict(data)  # type: ignore[arg-type]


def test_profile_named() -> None:
    assert profile_named("HR") is HR
    assert profile_named("tribunal") is LAWYER
    assert profile_named("own-copy") is OWN_COPY
    with pytest.raises(ProfileError, match="Unknown report profile"):
        profile_named("boss")


def test_redactions_are_sentences() -> None:
    hr = redactions(HR)
    assert any("Private reflections" in line for line in hr)
    assert any("Witnesses are shown by initials" in line for line in hr)
    assert any("impact" in line for line in hr)
    assert all(line.endswith(".") and line[0].isupper() for line in hr)
    assert hr[-1].startswith("Why: A first, informal complaint")
    lawyer = redactions(LAWYER)
    assert not any("Witnesses" in line for line in lawyer)
    assert not any("impact" in line.lower() for line in lawyer)
    chosen = OWN_COPY.with_changes(include_private_reflection=True)
    assert not any("Private reflections" in line for line in redactions(chosen))
    fewer = LAWYER.with_changes(sections=frozenset({"cast_list"}))
    assert any("exhibit index" in line for line in redactions(fewer))
