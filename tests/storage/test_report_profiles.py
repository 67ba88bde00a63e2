"""Saved recipient profiles and the last export options, in a real vault."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from peerdesk.models.report import (
    BUILT_IN,
    HR,
    ProfileError,
    RecipientProfile,
    find_profile,
    saved_profile_name,
)
from peerdesk.storage.report_profiles import MAX_PROFILES, PROFILES_KEY, ReportProfiles
from peerdesk.storage.settings import VaultSettings
from peerdesk.storage.vault import Vault


def mine(label: str = "Union first meeting", **changes: object) -> RecipientProfile:
    return HR.with_changes(name=saved_profile_name(label), label=label, **changes)


def test_save_list_replace_delete(vault: Vault) -> None:
    store = ReportProfiles(vault)
    assert store.list() == []
    first = mine(include_impact=True)
    store.save(first)
    store.save(mine("Lawyer, short", sections=frozenset()))
    assert [p.label for p in store.list()] == ["Union first meeting", "Lawyer, short"]
    assert store.get("union-first-meeting") == first
    store.save(first.with_changes(include_told=True))  # same name: replaced in place
    assert [p.name for p in store.list()] == ["union-first-meeting", "lawyer-short"]
    assert store.get("union-first-meeting").include_told  # type: ignore[union-attr]
    assert store.delete("lawyer-short") and not store.delete("lawyer-short")
    assert [p.name for p in ReportProfiles(vault).list()] == ["union-first-meeting"]


def test_built_in_names_cannot_be_saved(vault: Vault) -> None:
    with pytest.raises(ProfileError):
        ReportProfiles(vault).save(HR)
    for label in ("HR", "own copy", "Tribunal", "  custom "):
        with pytest.raises(ProfileError):
            saved_profile_name(label)


def test_unreadable_saved_profiles_are_skipped_and_counted(vault: Vault) -> None:
    good = mine()
    VaultSettings(vault).set(
        PROFILES_KEY,
        [
            "not a mapping",
            {"name": "x"},
            {"name": "bad", "label": "Bad", "include_names": "yes"},
            {"name": "hr", "label": "Pretends to be HR"},
            good.to_dict(),
            good.to_dict(),
            {**good.to_dict(), "name": "future", "label": "Future", "new_field": 1},
        ],
    )
    store = ReportProfiles(vault)
    assert [p.name for p in store.list()] == ["union-first-meeting", "future"]
    assert store.unreadable == 5


def test_limit(vault: Vault) -> None:
    store = ReportProfiles(vault)
    for n in range(MAX_PROFILES):
        store.save(mine(f"Profile {n}"))
    with pytest.raises(ProfileError):
        store.save(mine("One too many"))


def test_last_options(vault: Vault) -> None:
    store = ReportProfiles(vault)
    assert store.last_options() == {}
    store.remember_options({"profile": "builtin:hr", "paper": "letter", "author": "Zoë"})
    assert ReportProfiles(vault).last_options()["author"] == "Zoë"


def test_find_profile_by_name_or_label() -> None:
    saved = [mine()]
    assert find_profile("union-first-meeting", saved) == saved[0]
    assert find_profile("  UNION FIRST MEETING ", saved) == saved[0]
    assert find_profile("hr", saved) == BUILT_IN["hr"]
    assert find_profile("tribunal") == BUILT_IN["lawyer"]
    with pytest.raises(ProfileError, match="union-first-meeting"):
        find_profile("boss", saved)


@given(st.text(max_size=120))
def test_saved_profile_name_is_safe_for_any_text(label: str) -> None:
    try:
        name = saved_profile_name(label)
    except ProfileError:
        return
    assert name and name == name.casefold()
    assert all(ch.isalnum() or ch == "-" for ch in name)
    assert not name.startswith("-") and not name.endswith("-")
    assert name not in BUILT_IN
