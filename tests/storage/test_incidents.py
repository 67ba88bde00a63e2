"""The incident journal: round trip, revisions, recorded-at, filters and history checks."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from peerdesk.models import (
    Channel,
    EvidenceNotHeld,
    Impact,
    Incident,
    IncidentCategory,
    IncidentPerson,
    Person,
    Quote,
    Relationship,
    ReportMade,
    ReportRecipient,
    ToldSomeone,
    ValidationError,
    Witness,
)
from peerdesk.storage.errors import RecordNotFound, VaultError
from peerdesk.storage.incidents import IncidentFilter, IncidentRepository, IncidentSort
from peerdesk.storage.persons import PersonInUse, PersonRepository
from peerdesk.storage.repository import Change, Page
from peerdesk.storage.vault import Vault


@pytest.fixture
def people(vault: Vault) -> tuple[Person, Person]:
    repo = PersonRepository(vault)
    boss = repo.add(
        Person(
            display_name="R. Stone",
            role="Team lead",
            relationship=Relationship.MANAGER,
            holds_power=True,
        )
    )
    peer = repo.add(Person(display_name="J. K.", relationship=Relationship.PEER))
    return boss, peer


def full_incident(boss: Person, peer: Person, **overrides: object) -> Incident:
    assert boss.id is not None and peer.id is not None
    fields: dict[str, object] = dict(
        event_date=date(2026, 5, 2),
        event_time=time(9, 30),
        approximate=True,
        duration_minutes=15,
        channel=Channel.MEETING,
        place="Room 4 / stand-up",
        people=[IncidentPerson(person_id=boss.id, role_in_incident="did it")],
        categories={IncidentCategory.PUBLIC_HUMILIATION, IncidentCategory.VERBAL_ABUSE},
        title="Criticised in front of the team",
        narrative="He read out my figures & laughed <b>.",
        quotes=[Quote(speaker_person_id=boss.id, text="Nobody wants your opinion")],
        my_response="I said I would discuss it privately.",
        their_reaction="He laughed.",
        witnesses=[
            Witness(
                person_id=peer.id,
                where="next to me",
                reacted="looked away",
                willing_to_confirm=True,
            )
        ],
        told=[ToldSomeone(who="My partner", when=date(2026, 5, 2), how="in person")],
        reports=[
            ReportMade(
                recipient=ReportRecipient.HR,
                reported_on=date(2026, 5, 3),
                reference="HR-17",
                outcome="Acknowledged",
            )
        ],
        attempts_to_stop="Asked for agendas in advance.",
        impact=Impact(
            emotional="shaken",
            physical="poor sleep",
            work="one day off",
            home="withdrawn",
            sought_help="GP",
            sought_help_date=date(2026, 5, 5),
        ),
        evidence_not_held=[EvidenceNotHeld(what="meeting recording", where="Teams", held_by="IT")],
        after_complaint=True,
        complaint_date=date(2026, 4, 20),
        private_reflection="I felt small.",
        severity=4,
        tags=["stand-up", "figures"],
    )
    fields.update(overrides)
    return Incident(**fields)  # type: ignore[arg-type]


def test_full_round_trip(vault: Vault, people: tuple[Person, Person]) -> None:
    repo = IncidentRepository(vault)
    before = datetime.now(UTC)
    saved = repo.add(full_incident(*people))
    assert saved.id is not None and saved.record_number == 1
    assert saved.recorded_at is not None and before <= saved.recorded_at <= datetime.now(UTC)
    loaded = repo.get(saved.id)
    assert loaded == saved
    assert loaded.narrative == "He read out my figures & laughed <b>."
    assert loaded.witnesses[0].willing_to_confirm is True
    assert loaded.impact.sought_help_date == date(2026, 5, 5)


def test_update_appends_revisions_and_keeps_recorded_at(
    vault: Vault, people: tuple[Person, Person]
) -> None:
    repo = IncidentRepository(vault)
    saved = repo.add(full_incident(*people))
    assert saved.id is not None
    saved.narrative += " Then he walked out."
    second = repo.update(saved)
    assert second.recorded_at == saved.recorded_at
    again = repo.update(second)  # identical content: no new revision
    revisions = repo.revisions(saved.id)
    assert [r.number for r in revisions] == [1, 2]
    assert revisions[1].prev_hash == revisions[0].hash
    assert repo.revision_content(saved.id, 1).narrative.endswith("laughed <b>.")
    assert repo.revision_content(saved.id, 2).narrative.endswith("walked out.")
    summary = repo.summary(saved.id)
    assert summary.revision_count == 2
    assert summary.last_amended_at > summary.recorded_at
    assert again == second


def test_recorded_at_cannot_be_changed(vault: Vault, people: tuple[Person, Person]) -> None:
    repo = IncidentRepository(vault)
    saved = repo.add(full_incident(*people))
    saved.recorded_at = datetime(2020, 1, 1, tzinfo=UTC)
    with pytest.raises(ValidationError) as info:
        repo.update(saved)
    assert info.value.field == "recorded_at"
    with pytest.raises(ValidationError):
        repo.add(full_incident(*people, recorded_at=datetime(2020, 1, 1, tzinfo=UTC)))
    # Not even SQL in the storage layer can move it: a trigger refuses.
    with pytest.raises(VaultError), vault.transaction() as tx:
        tx.execute("UPDATE incidents SET recorded_at = '2020-01-01T00:00:00.000000Z'")


def test_record_numbers_are_never_reused(vault: Vault, people: tuple[Person, Person]) -> None:
    repo = IncidentRepository(vault)
    first = repo.add(full_incident(*people))
    second = repo.add(full_incident(*people))
    assert second.id is not None
    repo.delete(second.id)
    third = repo.add(full_incident(*people))
    assert (first.record_number, third.record_number) == (1, 3)
    with pytest.raises(RecordNotFound):
        repo.get(second.id)


def test_tampered_revision_is_caught(vault: Vault, people: tuple[Person, Person]) -> None:
    repo = IncidentRepository(vault)
    a = repo.add(full_incident(*people))
    b = repo.add(full_incident(*people, title="Second"))
    assert b.id is not None
    b.narrative = "changed once"
    repo.update(b)
    b.narrative = "changed twice"
    repo.update(b)
    assert repo.verify_history().ok
    # Someone with the passphrase edits history directly, bypassing every API.
    with vault.transaction() as tx:
        tx.execute("DROP TRIGGER incident_revisions_append_only")
        tx.execute(
            "UPDATE incident_revisions SET payload = replace(payload, 'changed once', "
            "'never said') WHERE incident_id = ? AND number = 2",
            (b.id,),
        )
    report = repo.verify_history()
    assert not report.ok
    assert [(p.record_number, p.first_broken) for p in report.problems] == [(b.record_number, 2)]
    assert str(b.record_number) in report.summary()
    assert a.record_number not in [p.record_number for p in report.problems]


def test_edited_current_entry_is_caught(vault: Vault, people: tuple[Person, Person]) -> None:
    repo = IncidentRepository(vault)
    saved = repo.add(full_incident(*people))
    with vault.transaction() as tx:
        tx.execute("UPDATE incidents SET content = replace(content, 'laughed', 'smiled')")
    report = repo.verify_history()
    assert not report.ok and report.problems[0].incident_id == saved.id


def test_filters(vault: Vault, people: tuple[Person, Person]) -> None:
    boss, peer = people
    assert boss.id is not None and peer.id is not None
    repo = IncidentRepository(vault)
    a = repo.add(full_incident(boss, peer))
    b = repo.add(
        full_incident(
            boss,
            peer,
            event_date=date(2026, 6, 10),
            reports=[],
            categories={IncidentCategory.EXCLUSION_ISOLATION},
            severity=2,
            tags=["lunch"],
            people=[IncidentPerson(person_id=peer.id)],
            quotes=[],
            witnesses=[],
            narrative="Left out of the café lunch",
            after_complaint=False,
            complaint_date=None,
        )
    )

    def ids(**kw: object) -> set[int | None]:
        return {s.id for s in repo.list(IncidentFilter(**kw))}  # type: ignore[arg-type]

    assert ids() == {a.id, b.id}
    assert ids(date_from=date(2026, 6, 1)) == {b.id}
    assert ids(date_to=date(2026, 5, 31)) == {a.id}
    assert ids(person_ids=frozenset({boss.id})) == {a.id}
    assert ids(categories=frozenset({IncidentCategory.EXCLUSION_ISOLATION})) == {b.id}
    assert ids(severity_min=3) == {a.id}
    assert ids(severity_max=2) == {b.id}
    assert ids(reported=True) == {a.id}
    assert ids(reported=False) == {b.id}
    assert ids(after_complaint=True) == {a.id}
    assert ids(tags=frozenset({"LUNCH"})) == {b.id}  # tags ignore case
    assert ids(text="cafe") == {b.id}  # accents ignored
    assert ids(text="figur") == {a.id}  # prefix
    assert ids(text="Nobody wants") == {a.id}  # quotes are searchable
    assert ids(text='"') == set()
    assert repo.count(IncidentFilter(severity_min=1)) == 2
    order = [s.id for s in repo.list(sort=IncidentSort.EVENT, descending=False)]
    assert order == [a.id, b.id]
    assert [s.id for s in repo.list(page=Page(1, 1), descending=False)] == [b.id]
    assert repo.ids(descending=True) == [b.id, a.id]
    summary = repo.summary(a.id or 0)
    assert summary.person_ids == tuple(sorted({boss.id, peer.id}))
    assert summary.reported and summary.tags == ("figures", "stand-up")


def test_change_notifications(vault: Vault, people: tuple[Person, Person]) -> None:
    repo = IncidentRepository(vault)
    seen: list[Change] = []
    unsubscribe = repo.subscribe(seen.append)
    saved = repo.add(full_incident(*people))
    assert saved.id is not None
    saved.title = "Renamed"
    repo.update(saved)
    repo.delete(saved.id)
    assert [(c.kind, c.ids) for c in seen] == [
        ("added", (saved.id,)),
        ("changed", (saved.id,)),
        ("removed", (saved.id,)),
    ]
    unsubscribe()
    repo.add(full_incident(*people))
    assert len(seen) == 3


def test_person_in_use_cannot_be_deleted(vault: Vault, people: tuple[Person, Person]) -> None:
    boss, peer = people
    assert boss.id is not None and peer.id is not None
    persons = PersonRepository(vault)
    saved = IncidentRepository(vault).add(full_incident(boss, peer))
    with pytest.raises(PersonInUse):
        persons.delete(boss.id)
    assert persons.incident_ids(boss.id) == [saved.id]
    assert persons.incident_counts() == {boss.id: 1, peer.id: 1}
    lonely = persons.add(Person(display_name="Nobody"))
    assert lonely.id is not None
    persons.delete(lonely.id)
    assert [p.display_name for p in persons.list()] == ["J. K.", "R. Stone"]


def test_list_query_does_not_read_long_text(
    vault: Vault, people: tuple[Person, Person], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = IncidentRepository(vault)
    repo.add(full_incident(*people, narrative="x" * 100_000))
    seen: list[str] = []
    original = vault.query

    def recording(sql: str, params: object = ()) -> object:
        seen.append(sql)
        return original(sql, params)  # type: ignore[arg-type]

    monkeypatch.setattr(vault, "query", recording)
    repo.list()
    assert seen and all("content" not in sql and "payload" not in sql for sql in seen)


def test_notifications_wait_for_the_outer_commit(
    vault: Vault, people: tuple[Person, Person]
) -> None:
    repo = IncidentRepository(vault)
    seen: list[Change] = []
    repo.subscribe(seen.append)
    with vault.transaction():
        saved = repo.add(full_incident(*people))
        assert seen == []  # not committed yet
    assert [c.kind for c in seen] == ["added"]
    with pytest.raises(RuntimeError), vault.transaction():
        repo.add(full_incident(*people))
        raise RuntimeError("roll back")
    assert len(seen) == 1  # a rolled-back save is never announced
    assert repo.count() == 1 and saved.id is not None


def test_an_imported_entry_is_found_by_its_source_fingerprint(vault: Vault) -> None:
    from peerdesk.models.provenance import Provenance

    repo = IncidentRepository(vault)
    first = "1" * 64
    saved = repo.add(
        Incident(
            event_date=date(2025, 5, 1),
            title="imported",
            provenance=Provenance(source="jrnl", fingerprint=first, written_on=date(2025, 5, 1)),
        )
    )
    repo.add(Incident(event_date=date(2025, 5, 2), title="written here"))
    assert repo.imported_fingerprints([first.upper(), "2" * 64]) == {first}
    # The provenance stays through an edit, and so does the fingerprint's row.
    saved.title = "imported, then corrected"
    repo.update(saved)
    assert repo.imported_fingerprints([first]) == {first}
    got = repo.get(saved.id or 0)
    assert got.provenance is not None and got.provenance.written_on == date(2025, 5, 1)
    # The same source entry cannot be stored twice.
    with pytest.raises(VaultError):
        repo.add(
            Incident(
                event_date=date(2025, 5, 1),
                title="again",
                provenance=Provenance(source="jrnl", fingerprint=first),
            )
        )
    repo.delete(saved.id or 0)
    assert repo.imported_fingerprints([first]) == frozenset()
