"""ResourceRepository: CRUD, filters, built-in merge with the user's edits kept."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from peerdesk.models import (
    Colleague,
    Conversation,
    RecordKind,
    Referral,
    Resource,
    ResourceKind,
    ValidationError,
)
from peerdesk.storage.colleagues import ColleagueRepository
from peerdesk.storage.conversations import ConversationRepository
from peerdesk.storage.directory import ResourceRepository
from peerdesk.storage.errors import RecordNotFound
from peerdesk.storage.library import BuiltinNotDeletable, MergeReport
from peerdesk.storage.repository import Change
from peerdesk.storage.search import Search
from peerdesk.storage.vault import Vault


def _builtin(
    key: str, name: str, kind: ResourceKind, country: str = "", **kwargs: object
) -> Resource:
    fields: dict[str, object] = {
        "key": key,
        "name": name,
        "kind": kind,
        "country": country,
        "builtin": True,
        "contact": "Add the number from your intranet",
        "notes": f"About {name}",
    }
    fields.update(kwargs)
    return Resource(**fields)  # type: ignore[arg-type]


BUILTINS = [
    _builtin("my_eap", "Your EAP", ResourceKind.EAP),
    _builtin("samaritans_gb", "Samaritans", ResourceKind.HELPLINE, "GB", contact="116 123"),
    _builtin("acas", "Acas helpline", ResourceKind.EXTERNAL, "GB"),
    _builtin("samaritans_ie", "Samaritans Ireland", ResourceKind.HELPLINE, "IE"),
]


def test_crud_of_own_entries(vault: Vault) -> None:
    repo = ResourceRepository(vault)
    changes: list[Change] = []
    repo.subscribe(changes.append)
    union = repo.add(
        Resource(
            name="Unite rep (Sam)",
            kind=ResourceKind.UNION,
            contact="ext. 4412\nsam@example.org",
            notes="Tuesdays",
            country="gb",
        )
    )
    assert union.id is not None and union.country == "GB" and not union.builtin
    assert repo.get(union.id) == union
    union.notes = "Tuesdays and Thursdays"
    repo.update(union)
    assert repo.get(union.id) == union
    assert not repo.is_user_edited(union.id)
    search = Search(vault)
    assert search.record_ids("Thursdays", RecordKind.RESOURCE) == [union.id]
    assert search.record_ids("4412", RecordKind.RESOURCE) == [union.id]
    assert search.record_ids("Unite", RecordKind.RESOURCE) == [union.id]
    repo.delete(union.id)
    with pytest.raises(RecordNotFound):
        repo.get(union.id)
    assert search.record_ids("Thursdays", RecordKind.RESOURCE) == []
    assert [c.kind for c in changes] == ["added", "changed", "removed"]
    with pytest.raises(RecordNotFound):
        repo.delete(union.id)
    with pytest.raises(ValidationError):
        repo.add(_builtin("fake", "Fake", ResourceKind.OTHER))


def test_deleting_an_entry_keeps_referrals_to_it(vault: Vault) -> None:
    repo = ResourceRepository(vault)
    gp = repo.add(Resource(name="Dr Local", kind=ResourceKind.GP))
    colleague = ColleagueRepository(vault).add(Colleague(pseudonym="CD"))
    assert colleague.id is not None and gp.id is not None
    conversations = ConversationRepository(vault)
    conv = conversations.add(
        Conversation(
            colleague_id=colleague.id,
            held_on=date(2024, 1, 9),
            referrals=[Referral(resource_id=gp.id, kind=ResourceKind.GP, note="booked")],
        )
    )
    assert conv.id is not None
    repo.delete(gp.id)
    assert conversations.get(conv.id).referrals == [
        Referral(resource_id=None, kind=ResourceKind.GP, note="booked")
    ]


def test_list_by_kind_and_country(vault: Vault) -> None:
    repo = ResourceRepository(vault)
    repo.merge_builtin(BUILTINS)
    own = repo.add(Resource(name="Bristol union branch", kind=ResourceKind.UNION, country="GB"))

    def keys(items: list[Resource]) -> list[str]:
        return [r.key or r.name for r in items]

    assert keys(repo.list(ResourceKind.HELPLINE)) == ["samaritans_gb", "samaritans_ie"]
    assert keys(repo.list(country="GB")) == ["my_eap", "acas", "samaritans_gb", own.name]
    assert keys(repo.list(country="gb", include_anywhere=False)) == [
        "acas",
        "samaritans_gb",
        own.name,
    ]
    assert keys(repo.list(ResourceKind.HELPLINE, "IE")) == ["samaritans_ie"]
    assert keys(repo.list(ResourceKind.EAP, "IE")) == ["my_eap"]  # anywhere
    assert repo.count() == 5
    assert repo.count(country="IE") == 2
    assert repo.countries() == ["GB", "IE"]


def test_merge_adds_then_updates_unedited_and_keeps_user_edits(vault: Vault) -> None:
    repo = ResourceRepository(vault)
    assert repo.merge_builtin(BUILTINS) == MergeReport(
        added=("my_eap", "samaritans_gb", "acas", "samaritans_ie")
    )
    for item in BUILTINS:
        assert item.key is not None
        assert dataclasses.replace(repo.get_by_key(item.key), id=None) == item
    assert repo.merge_builtin(BUILTINS) == MergeReport()

    eap = repo.get_by_key("my_eap")
    assert eap.id is not None
    eap.contact = "0800 000 111 (from the staff handbook)"
    repo.update(eap)
    assert repo.is_user_edited(eap.id)

    changed = [
        _builtin("my_eap", "Your Employee Assistance Programme", ResourceKind.EAP),
        _builtin(
            "samaritans_gb",
            "Samaritans",
            ResourceKind.HELPLINE,
            "GB",
            contact="116 123 (free, 24 hours)",
        ),
        _builtin("acas", "Acas helpline", ResourceKind.EXTERNAL, "GB"),
        _builtin("shout", "Shout", ResourceKind.HELPLINE, "GB", contact="Text 85258"),
    ]
    report = repo.merge_builtin(changed)
    assert report == MergeReport(
        added=("shout",), updated=("samaritans_gb",), kept_user_edits=("my_eap",)
    )
    kept = repo.get(eap.id)
    assert kept.contact == "0800 000 111 (from the staff handbook)"
    assert kept.name == "Your EAP"
    assert repo.get_by_key("samaritans_gb").contact == "116 123 (free, 24 hours)"
    assert repo.get_by_key("samaritans_ie").name == "Samaritans Ireland"  # not dropped
    assert Search(vault).record_ids("85258", RecordKind.RESOURCE) == [repo.get_by_key("shout").id]


def test_builtin_entries_cannot_be_deleted_or_change_kind_of_origin(vault: Vault) -> None:
    repo = ResourceRepository(vault)
    repo.merge_builtin(BUILTINS)
    eap = repo.get_by_key("my_eap")
    assert eap.id is not None
    with pytest.raises(BuiltinNotDeletable):
        repo.delete(eap.id)
    assert repo.get(eap.id) == eap
    with pytest.raises(ValidationError):
        repo.update(dataclasses.replace(eap, key=None, builtin=False))
    with pytest.raises(RecordNotFound):
        repo.update(dataclasses.replace(eap, id=9999))
