"""Importing PeerDesk's own archive: the round trip, history replayed, no duplicates, and a
cancel or an error leaving the vault exactly as it was."""

from __future__ import annotations

import json
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from peerdesk.content import install_builtin_content
from peerdesk.export.data import DataFormat, write_data_export
from peerdesk.importing.peerdesk_archive import read_archive
from peerdesk.models.colleague import Colleague
from peerdesk.models.incident import Incident
from peerdesk.models.person import Person
from peerdesk.models.serialize import loads_json
from peerdesk.storage import archive_import
from peerdesk.storage.archive_import import ImportCancelled, import_archive
from peerdesk.storage.data_export import read_data_export
from peerdesk.storage.incidents import IncidentFilter, IncidentRepository
from peerdesk.storage.repositories import Repositories
from peerdesk.storage.vault import Vault
from tests.export.data.sample import fill_sample

PASSPHRASE = "correct horse battery staple 1"

#: Fields that hold the id of a record of the named section (in records and entry payloads).
REFERENCES = {
    "person_id": "people",
    "speaker_person_id": "people",
    "attachment_ids": "attachments",
    "related_incident_ids": "entries",
    "incident_id": "entries",
    "colleague_id": "colleagues",
    "resource_id": "resources",
    "strategy_id": "strategies",
}
#: Times the import sets (the import time), not the source.
IMPORT_TIMES = {"recorded_at", "added_at", "created_at", "saved_at"}


def export_document(vault: Vault, path: Path) -> dict[str, Any]:
    write_data_export(read_data_export(vault, include_real_names=True), DataFormat.JSON, path)
    with zipfile.ZipFile(path) as archive:
        return json.loads(archive.read("peerdesk-export.json"))  # type: ignore[no-any-return]


def normalised(document: dict[str, Any]) -> dict[str, Any]:
    """The document with what an import legitimately changes taken out, and nothing else:

    * ``exported_at`` and ``app_version`` (of the export itself);
    * every id, every reference to one (REFERENCES) and every record number, replaced by the
      position of the record in its section (the sections keep their order: entries by
      record number, the rest by id, and the import adds them in that order);
    * the import times (IMPORT_TIMES: recorded_at, a revision's saved_at, a file's added_at,
      a colleague's created_at): set to the import time by design;
    * ``provenance`` (the import adds it; the test checks it separately);
    * a revision's ``prev_hash`` and ``hash``: the payload changed (ids, recorded-at,
      provenance), so the chain is a new one; ``check`` verifies it (the test does);
    * each revision's ``payload`` is compared as its JSON, normalised the same way;
    * the ``file`` name of an attachment carries its id.
    """
    position: dict[str, dict[int, int]] = {
        key: {item["id"]: n for n, item in enumerate(document[key])}
        for key in (
            "entries",
            "people",
            "attachments",
            "colleagues",
            "strategies",
            "resources",
            "conversations",
            "strategy_uses",
        )
    }

    numbers = {item["entry"]["record_number"]: n for n, item in enumerate(document["entries"])}

    def walk(value: Any, parent_key: str = "") -> Any:
        if isinstance(value, dict):
            out: dict[str, Any] = {}
            for key, item in value.items():
                if key in {"id", "hash", "prev_hash", "provenance", "file"} | IMPORT_TIMES:
                    continue
                if key == "record_number":
                    out[key] = numbers.get(item, -1)
                elif key == "payload":
                    out[key] = walk(loads_json(item.encode()))
                elif key in REFERENCES and item is not None:
                    table = position[REFERENCES[key]]
                    out[key] = (
                        [table.get(i, -1) for i in item]
                        if isinstance(item, list)
                        else table.get(item, -1)
                    )
                else:
                    out[key] = walk(item, key)
            return out
        if isinstance(value, list):
            return [walk(item, parent_key) for item in value]
        return value

    body = {k: v for k, v in document.items() if k not in {"exported_at", "app_version"}}
    return walk(body)  # type: ignore[no-any-return]


@pytest.fixture
def source(vault: Vault, tmp_path: Path) -> tuple[Path, dict[str, Any]]:
    fill_sample(vault)
    out = tmp_path / "first.zip"
    return out, export_document(vault, out)


def new_vault(tmp_path: Path, name: str) -> Vault:
    """A new vault whose ids and record numbers do not start at 1 (records added and deleted
    first), so an id the import failed to translate shows."""
    folder = tmp_path / name
    folder.mkdir(mode=0o700)
    target = Vault.create(folder / "v.peerdesk", PASSPHRASE)
    install_builtin_content(target)
    repos = Repositories(target)
    for _ in range(3):
        person = repos.persons.add(Person(display_name="Temporary"))
        incident = repos.incidents.add(Incident(event_date=date(2026, 1, 5), title="t"))
        assert person.id is not None and incident.id is not None
        attachment = repos.attachments.add(incident.id, "t.txt", b"temporary")
        assert attachment.id is not None
        colleague = repos.colleagues.add(Colleague(pseudonym="Temp"))
        assert colleague.id is not None
        repos.attachments.remove(attachment.id)
        repos.incidents.delete(incident.id)
        repos.persons.delete(person.id)
        repos.colleagues.delete_completely(colleague.id)
    return target


def test_round_trip_gives_the_same_export(
    source: tuple[Path, dict[str, Any]], tmp_path: Path
) -> None:
    archive, first = source
    target = new_vault(tmp_path, "second")
    try:
        result = import_archive(target, read_archive(archive))
        assert (result.entries, result.revisions, result.files) == (14, 17, 5)
        report = IncidentRepository(target).verify_history()
        assert report.ok and report.revisions == 17, report.summary()
        second = export_document(target, tmp_path / "second.zip")
    finally:
        target.close()
    assert normalised(second) == normalised(first)
    # The provenance the import adds: the source, and its claim of when it was written.
    for old, new in zip(first["entries"], second["entries"], strict=True):
        provenance = new["entry"]["provenance"]
        assert provenance["source"] == "peerdesk"
        assert provenance["written_at"] == old["entry"]["recorded_at"]
        assert provenance["reference"] == f"entry no. {old['entry']['record_number']}"
        assert new["entry"]["recorded_at"] != old["entry"]["recorded_at"]
        assert all(
            loads_json(r["payload"].encode())["provenance"] == provenance for r in new["revisions"]
        )


def test_importing_twice_adds_nothing(source: tuple[Path, dict[str, Any]], tmp_path: Path) -> None:
    archive, _first = source
    target = new_vault(tmp_path, "twice")
    try:
        contents = read_archive(archive)
        import_archive(target, contents)
        before = normalised(export_document(target, tmp_path / "a.zip"))
        again = import_archive(target, contents)
        assert (again.entries, again.files, again.already_imported) == (0, 0, 14)
        assert normalised(export_document(target, tmp_path / "b.zip")) == before
        # The second vault's own export imported into it again: still nothing new.
        third = import_archive(target, read_archive(tmp_path / "a.zip"))
        assert (third.entries, third.already_imported) == (0, 14)
    finally:
        target.close()


def snapshot(vault: Vault, path: Path) -> dict[str, Any]:
    document = export_document(vault, path)
    document.pop("exported_at")
    return document


def test_cancel_leaves_the_vault_as_it_was(
    source: tuple[Path, dict[str, Any]], vault: Vault, tmp_path: Path
) -> None:
    archive, _first = source
    contents = read_archive(archive)
    before = snapshot(vault, tmp_path / "before.zip")
    counted: list[int] = []
    with pytest.raises(ImportCancelled):
        import_archive(
            vault,
            contents,
            progress=lambda done, _total: counted.append(done),
            should_stop=lambda: bool(counted),
        )
    assert counted  # it had started writing entries
    assert snapshot(vault, tmp_path / "after.zip") == before
    assert IncidentRepository(vault).verify_history().ok


def test_an_error_midway_leaves_the_vault_as_it_was(
    source: tuple[Path, dict[str, Any]],
    vault: Vault,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    archive, _first = source
    contents = read_archive(archive)
    before = snapshot(vault, tmp_path / "before.zip")

    def broken(self: object) -> None:
        raise OSError("disk trouble")

    monkeypatch.setattr(archive_import._Writer, "_uses", broken)
    with pytest.raises(OSError, match="disk trouble"):
        import_archive(vault, contents)
    assert snapshot(vault, tmp_path / "after.zip") == before


def test_plan_previews_entries_with_provenance(source: tuple[Path, dict[str, Any]]) -> None:
    archive, _first = source
    plan = read_archive(archive).plan()
    preview = plan.preview()
    assert (preview.entries, preview.files, preview.source) == (14, 5, "peerdesk")
    entry = plan.entries[0]
    assert entry.incident.provenance is not None
    assert entry.incident.provenance.source == "peerdesk"
    assert entry.incident.recorded_at is None and entry.incident.id is None
    assert plan.preview(frozenset({entry.fingerprint})).already_imported == 1


def test_an_archive_is_detected_and_imported_like_any_other_source(
    tmp_path: Path, source: tuple[Path, dict[str, Any]]
) -> None:
    """The path `peerdesk import` and File ▸ Import… take: detected by its contents, read,
    written, and the new entries named so the open screens can show them."""
    from peerdesk.importing.detect import detect_format, read_source
    from peerdesk.storage.importing import import_source

    archive, _first = source
    assert detect_format(archive) == "peerdesk"
    target = new_vault(tmp_path, "detected")
    try:
        outcome = import_source(target, read_source(archive))
        ids = IncidentRepository(target).ids(IncidentFilter(include_withdrawn=True))
        assert outcome.entries == 14 and len(ids) == 14
        assert sorted(outcome.incident_ids) == sorted(ids)
    finally:
        target.close()
