"""Withdrawing a journal entry made in error: a new revision, never a rewrite (issue 19, item 6)."""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from peerdesk.models import Incident, ValidationError
from peerdesk.models.incident import WITHDRAW_REASON_MAX, Withdrawal
from peerdesk.models.integrity import make_revision, verify_chain
from peerdesk.models.serialize import incident_from_payload, incident_payload
from peerdesk.storage.errors import RecordNotFound
from peerdesk.storage.incidents import IncidentFilter, IncidentRepository
from peerdesk.storage.vault import Vault

#: A revision payload and its fingerprint written by PeerDesk before withdrawal existed
#: (made with the code of commit 5322dbb): it must read back and hash exactly as then.
OLD_PAYLOAD = (
    b'{"after_complaint":false,"approximate":false,"attachment_ids":[],"attempts_to_stop":"",'
    b'"categories":[],"channel":"in_person","complaint_date":null,"duration_minutes":null,'
    b'"event_date":"2026-01-05","event_time":"09:00:00","evidence_not_held":[],"impact":'
    b'{"emotional":"","home":"","physical":"","sought_help":"","sought_help_date":null,'
    b'"work":""},"my_response":"","narrative":"Written before withdrawal existed.","people":[],'
    b'"place":"","private_reflection":"","quotes":[],"record_number":7,"recorded_at":'
    b'"2026-01-05T09:30:00.000000Z","related_incident_ids":[],"reports":[],"schema":1,'
    b'"severity":3,"tags":["meeting"],"their_reaction":"","title":"Old entry","told":[],'
    b'"witnesses":[]}'
)
OLD_HASH = "76e957913d780aa79142a32da384ef81e58f6ccff1a85664bf35306e0d447be8"


def entry(title: str = "Shouted at in the corridor", day: int = 3) -> Incident:
    return Incident(
        event_date=date(2026, 4, day),
        event_time=time(10, 0),
        title=title,
        narrative="He raised his voice about the rota.",
    )


def test_old_revision_reads_back_and_hashes_unchanged() -> None:
    old = incident_from_payload(OLD_PAYLOAD)
    assert old.withdrawn is None
    assert incident_payload(old) == OLD_PAYLOAD  # re-saving it unchanged adds no revision
    again = make_revision(
        incident_id=1,
        previous=None,
        saved_at=datetime(2026, 1, 5, 9, 30, tzinfo=UTC),
        payload=OLD_PAYLOAD,
    )
    assert again.hash == OLD_HASH
    assert verify_chain([again]).ok


def test_withdraw_adds_a_revision_and_the_chain_still_verifies(vault: Vault) -> None:
    repo = IncidentRepository(vault)
    saved = repo.add(entry())
    assert saved.id is not None
    saved.narrative += " Again at lunch."
    repo.update(saved)
    before = repo.revisions(saved.id)
    withdrawn = repo.withdraw(saved.id, "  Written twice by mistake  ")

    after = repo.revisions(saved.id)
    assert len(after) == 3
    assert [r.hash for r in after[:2]] == [r.hash for r in before]  # nothing rewritten
    assert withdrawn.withdrawn is not None
    assert withdrawn.withdrawn.reason == "Written twice by mistake"
    assert withdrawn.withdrawn.withdrawn_at == after[-1].saved_at
    last = incident_from_payload(after[-1].payload)
    assert last.withdrawn == withdrawn.withdrawn
    assert last.narrative == saved.narrative  # the content is kept, only marked
    assert repo.get(saved.id).withdrawn == withdrawn.withdrawn
    report = repo.verify_history()
    assert report.ok
    (row,) = report.entries
    assert (row.record_number, row.revisions, row.withdrawn) == (saved.record_number, 3, True)
    assert row.head == after[-1].hash == repo.chain_heads()[saved.id][0]


def test_withdrawn_entry_leaves_lists_unless_asked_for(vault: Vault) -> None:
    repo = IncidentRepository(vault)
    keep = repo.add(entry("Kept", 1))
    gone = repo.add(entry("Made in error", 2))
    assert keep.id is not None and gone.id is not None
    repo.withdraw(gone.id)
    assert repo.ids() == [keep.id]
    assert [s.id for s in repo.list()] == [keep.id]
    assert repo.count() == 1
    assert repo.count(IncidentFilter(text="rota")) == 1
    every = IncidentFilter(include_withdrawn=True)
    assert set(repo.ids(every)) == {keep.id, gone.id}
    assert repo.count(every) == 2
    flags = {i: s.withdrawn for i, s in repo.summaries([keep.id, gone.id]).items()}
    assert flags == {keep.id: False, gone.id: True}
    assert repo.withdrawn_ids() == {gone.id}
    # A fresh connection finds the withdrawn entry from the stored revisions alone.
    with vault.sibling() as other:
        assert IncidentRepository(other).ids() == [keep.id]


def test_restore_is_another_revision_and_both_stay_in_the_history(vault: Vault) -> None:
    repo = IncidentRepository(vault)
    saved = repo.add(entry())
    assert saved.id is not None
    repo.withdraw(saved.id, "Wrong date")
    restored = repo.restore(saved.id)
    assert restored.withdrawn is None
    assert repo.ids() == [saved.id]
    assert repo.summary(saved.id).withdrawn is False
    revisions = repo.revisions(saved.id)
    assert [r.number for r in revisions] == [1, 2, 3]
    assert repo.revision_content(saved.id, 2).withdrawn is not None
    assert repo.revision_content(saved.id, 3).withdrawn is None
    assert revisions[2].payload == revisions[0].payload  # the same content, a new revision
    report = repo.verify_history()
    assert report.ok and report.entries[0].withdrawn is False


def test_an_edit_keeps_the_entry_withdrawn(vault: Vault) -> None:
    repo = IncidentRepository(vault)
    saved = repo.add(entry())
    assert saved.id is not None
    repo.withdraw(saved.id, "Duplicate")
    edited = repo.get(saved.id)
    edited.withdrawn = None  # an editor that knows nothing of withdrawal
    edited.place = "Corridor"
    repo.update(edited)
    assert repo.get(saved.id).withdrawn is not None
    assert repo.ids() == []
    assert repo.verify_history().ok


def test_wrong_withdrawals_are_refused_clearly(vault: Vault) -> None:
    repo = IncidentRepository(vault)
    saved = repo.add(entry())
    assert saved.id is not None
    with pytest.raises(ValidationError, match="not withdrawn"):
        repo.restore(saved.id)
    with pytest.raises(ValidationError) as too_long:
        repo.withdraw(saved.id, "x" * (WITHDRAW_REASON_MAX + 1))
    assert too_long.value.field == "withdrawn.reason"
    assert len(repo.revisions(saved.id)) == 1  # nothing was written
    repo.withdraw(saved.id)
    with pytest.raises(ValidationError, match="already withdrawn"):
        repo.withdraw(saved.id)
    with pytest.raises(RecordNotFound):
        repo.withdraw(saved.id + 100)
    assert len(repo.revisions(saved.id)) == 2


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(reason=st.text(max_size=60))
def test_any_reason_is_kept_or_refused_without_a_trace(vault: Vault, reason: str) -> None:
    repo = IncidentRepository(vault)
    saved = repo.add(entry())
    assert saved.id is not None
    try:
        withdrawn = repo.withdraw(saved.id, reason)
    except ValidationError as error:
        assert error.field == "withdrawn.reason"
        assert len(repo.revisions(saved.id)) == 1
        assert saved.id in repo.ids()
    else:
        assert withdrawn.withdrawn is not None
        assert repo.get(saved.id).withdrawn == withdrawn.withdrawn
        assert saved.id not in repo.ids()
    assert repo.verify_history().ok


def test_version_1_vault_withdraws_restores_and_verifies(tmp_path: Path) -> None:
    from tests.fixtures.make_v1_vault import FIXTURE, PASSPHRASE

    copy = tmp_path / "old.peerdesk"
    shutil.copyfile(FIXTURE, copy)
    copy.chmod(0o600)
    with Vault.open(copy, PASSPHRASE, backup_dir=tmp_path / "bk") as v:
        repo = IncidentRepository(v)
        first = repo.add(entry("Kept"))
        second = repo.add(entry("Withdrawn later", 4))
        assert first.id is not None and second.id is not None
        head = repo.revisions(first.id)[0].hash
        repo.withdraw(second.id, "Not what happened")
        assert repo.verify_history().ok
    with Vault.open(copy, PASSPHRASE) as again:
        repo = IncidentRepository(again)
        assert repo.ids() == [first.id]
        assert repo.revisions(first.id)[0].hash == head
        repo.restore(second.id)
        report = repo.verify_history()
        assert report.ok
        assert [(e.record_number, e.revisions, e.withdrawn) for e in report.entries] == [
            (first.record_number, 1, False),
            (second.record_number, 3, False),
        ]


def test_withdrawal_model_refuses_a_naive_date() -> None:
    with pytest.raises(ValidationError):
        Withdrawal(withdrawn_at=datetime(2026, 1, 1, 9, 0), reason="").validate()


def test_a_fresh_connection_knows_what_is_withdrawn_and_delete_forgets_it(vault: Vault) -> None:
    repo = IncidentRepository(vault)
    ids = [repo.add(entry(f"Entry {n}", n)).id for n in (1, 2, 3)]
    assert None not in ids
    a, b, c = (int(i) for i in ids if i is not None)
    repo.withdraw(a)
    repo.withdraw(b)
    with vault.sibling() as other:
        assert IncidentRepository(other).withdrawn_ids() == {a, b}
        assert IncidentRepository(other).ids(descending=False) == [c]
    repo.delete(a)
    repo.restore(b)
    assert repo.withdrawn_ids() == frozenset()
    with vault.sibling() as other:
        fresh = IncidentRepository(other)
        assert fresh.withdrawn_ids() == frozenset()
        assert fresh.ids(descending=False) == [b, c]


def test_people_counts_leave_withdrawn_entries_out(vault: Vault) -> None:
    from peerdesk.models import Person
    from peerdesk.models.incident_parts import IncidentPerson
    from peerdesk.storage.persons import PersonRepository

    people = PersonRepository(vault)
    person = people.add(Person(display_name="Rhea Vantongeren"))
    assert person.id is not None
    repo = IncidentRepository(vault)
    made = []
    for n in (1, 2):
        incident = entry(f"Entry {n}", n)
        incident.people = [IncidentPerson(person_id=person.id)]
        made.append(repo.add(incident))
    assert people.incident_counts() == {person.id: 2}
    assert made[0].id is not None
    repo.withdraw(made[0].id)
    assert people.incident_counts() == {person.id: 1}
    assert len(people.incident_ids(person.id)) == 2  # still linked: the person stays in use
