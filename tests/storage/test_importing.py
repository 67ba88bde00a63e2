"""Writing an import plan into a real vault: one transaction, no duplicates, the cast list."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from peerdesk.importing.csv_import import CsvMapping, read_csv
from peerdesk.importing.dayone import read_dayone
from peerdesk.importing.detect import read_source
from peerdesk.importing.markdown import read_markdown
from peerdesk.models.enums import Relationship
from peerdesk.models.person import Person
from peerdesk.storage.attachments import AttachmentRepository
from peerdesk.storage.importing import ImportCancelled, import_plan, import_source, planned
from peerdesk.storage.incidents import IncidentRepository
from peerdesk.storage.persons import PersonRepository
from peerdesk.storage.vault import Vault
from tests.importing.helpers import FIXTURES, dayone_zip

TABLES = (
    "incidents",
    "incident_revisions",
    "incident_people",
    "incident_tags",
    "counters",
    "persons",
    "attachments",
    "attachment_blobs",
)


def contents(vault: Vault) -> dict[str, list[tuple[object, ...]]]:
    """Every row of the tables an import writes to, to compare before and after."""
    rows = {}
    for table in TABLES:
        rows[table] = sorted(tuple(r) for r in vault.query(f"SELECT * FROM {table}"))  # noqa: S608
    return rows


def test_dayone_import_writes_entries_files_and_provenance(vault: Vault, tmp_path: Path) -> None:
    plan = read_dayone(dayone_zip(tmp_path))
    outcome = import_plan(vault, plan)
    assert (outcome.entries, outcome.files, outcome.already_imported) == (2, 2, 0)
    incidents = IncidentRepository(vault)
    first = incidents.get(outcome.incident_ids[0])
    assert first.title == "Team meeting"
    assert first.provenance is not None and first.provenance.source == "dayone"
    assert first.recorded_at is not None and first.provenance.written_at is not None
    assert first.recorded_at > first.provenance.written_at  # recorded now, written then
    files = AttachmentRepository(vault).list_for_incident(outcome.incident_ids[0])
    photo = next((FIXTURES / "dayone" / "photos").glob("af46*")).read_bytes()
    assert [f.sha256 for f in files] == [hashlib.sha256(photo).hexdigest()]
    assert AttachmentRepository(vault).read_bytes(files[0].id or 0) == photo
    assert incidents.verify_history().problems == []


def test_importing_twice_never_duplicates(vault: Vault, tmp_path: Path) -> None:
    path = dayone_zip(tmp_path)
    import_plan(vault, read_dayone(path))
    before = contents(vault)
    source = read_source(path)
    assert planned(vault, source).already_imported == 2
    outcome = import_source(vault, source)
    assert (outcome.entries, outcome.already_imported) == (0, 2)
    assert contents(vault) == before


def test_people_matched_case_insensitively_or_added(vault: Vault) -> None:
    persons = PersonRepository(vault)
    existing = persons.add(Person(display_name="j. patel", relationship=Relationship.MANAGER))
    mapping = CsvMapping(
        {"date": "Date", "title": "Subject", "text": "Notes", "people": "Who"}, "dmy"
    )
    outcome = import_plan(vault, read_csv(FIXTURES / "notes.csv", mapping))
    assert outcome.people_added == 1
    names = {p.display_name: p for p in persons.list()}
    assert set(names) == {"j. patel", "S. Moore"}
    assert names["S. Moore"].relationship is Relationship.OTHER
    first = IncidentRepository(vault).get(outcome.incident_ids[0])
    assert [p.person_id for p in first.people] == [existing.id, names["S. Moore"].id]


def test_cancel_leaves_the_vault_exactly_as_it_was(vault: Vault, tmp_path: Path) -> None:
    import_plan(vault, read_markdown(FIXTURES / "markdown"))
    before = contents(vault)
    calls = []

    def stop() -> bool:
        calls.append(1)
        return len(calls) > 1  # after the first entries and people are written

    with pytest.raises(ImportCancelled):
        import_plan(vault, read_dayone(dayone_zip(tmp_path)), should_stop=stop)
    assert contents(vault) == before


def test_an_error_half_way_rolls_everything_back(vault: Vault) -> None:
    before = contents(vault)
    mapping = CsvMapping({"date": "Date", "title": "Subject", "people": "Who"}, "dmy")
    plan = read_csv(FIXTURES / "notes.csv", mapping)
    done: list[int] = []

    def progress(count: int, total: int) -> None:
        done.append(count)
        if count == total:  # everything written, not yet committed
            raise RuntimeError("disk trouble")

    with pytest.raises(RuntimeError):
        import_plan(vault, plan, progress=progress)
    assert contents(vault) == before


def test_a_refused_file_is_named_and_the_rest_imported(vault: Vault, tmp_path: Path) -> None:
    plan = read_dayone(dayone_zip(tmp_path))
    small = AttachmentRepository(vault, max_bytes=10)
    outcome = import_plan(vault, plan, attachments=small)
    assert (outcome.entries, outcome.files) == (2, 0)
    assert sum(1 for s in outcome.skipped if s.where.endswith(".png")) == 2
