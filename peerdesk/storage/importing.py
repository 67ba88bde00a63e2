"""Writing an import plan (:mod:`peerdesk.importing`) into a vault, in one transaction.

:func:`import_plan` leaves out every entry whose source fingerprint is already in the vault (or
comes twice in the plan), finds each named person in the cast list (case-insensitively) or adds
them (relationship "Other"), saves the entries through the same bulk path as the demo data and
adds their files as attachments. All of it happens in ONE transaction: a cancel
(``should_stop()`` answering True) or any error rolls everything back, and the vault is exactly
as it was. A file the attachment rules refuse (empty, too large, a picture declaring an unsafe
size) does not stop the import: it is left out and named in the outcome.

Call it off the GUI thread with a connection of its own (as the report's build does).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

from peerdesk.importing.base import ImportedEntry, ImportPlan, Preview, Skipped
from peerdesk.importing.detect import Source
from peerdesk.models.enums import Relationship
from peerdesk.models.errors import ValidationError
from peerdesk.models.incident import Incident
from peerdesk.models.incident_parts import IncidentPerson
from peerdesk.models.person import Person
from peerdesk.storage import archive_import
from peerdesk.storage.attachments import AttachmentRejected, AttachmentRepository
from peerdesk.storage.incidents import IncidentRepository
from peerdesk.storage.persons import PersonRepository
from peerdesk.storage.vault import Vault

Progress = Callable[[int, int], None]
#: How often (entries) progress is reported and a cancel is looked for.
STEP = 50


class ImportCancelled(Exception):
    """The user cancelled: nothing was written."""


@dataclass(frozen=True)
class ImportOutcome:
    """What an import wrote."""

    entries: int
    files: int
    people_added: int
    already_imported: int
    #: What the reader skipped and the files the vault refused.
    skipped: tuple[Skipped, ...]
    incident_ids: tuple[int, ...]
    person_ids: tuple[int, ...] = ()


def new_entries(vault: Vault, plan: ImportPlan) -> tuple[list[ImportedEntry], int]:
    """The plan's entries not imported before (nor repeated in the plan), and how many were."""
    known = IncidentRepository(vault).imported_fingerprints(e.fingerprint for e in plan.entries)
    seen: set[str] = set(known)
    fresh: list[ImportedEntry] = []
    for entry in plan.entries:
        if entry.fingerprint in seen:
            continue
        seen.add(entry.fingerprint)
        fresh.append(entry)
    return fresh, len(plan.entries) - len(fresh)


def import_plan(
    vault: Vault,
    plan: ImportPlan,
    *,
    progress: Progress | None = None,
    should_stop: Callable[[], bool] | None = None,
    attachments: AttachmentRepository | None = None,
) -> ImportOutcome:
    """Write ``plan`` into ``vault`` (module docstring). ``progress(done, total)`` counts
    entries and then files; :class:`ImportCancelled` when ``should_stop()`` answers True."""
    fresh, already = new_entries(vault, plan)
    total = len(fresh) + sum(len(e.files) for e in fresh)
    stop = should_stop or (lambda: False)
    report = progress or (lambda done, total: None)
    persons = PersonRepository(vault)
    files_repo = attachments.on(vault) if attachments is not None else AttachmentRepository(vault)
    refused: list[Skipped] = []
    added_people = 0
    new_people: list[int] = []
    stored_files = 0
    report(0, total)
    with vault.transaction():
        cast: dict[str, int] = {}
        for person in persons.list():
            assert person.id is not None
            cast.setdefault(person.display_name.casefold(), person.id)

        def person_id(name: str) -> int:
            nonlocal added_people
            key = name.casefold()
            if key not in cast:
                saved = persons.add(Person(display_name=name, relationship=Relationship.OTHER))
                assert saved.id is not None
                cast[key] = saved.id
                added_people += 1
                new_people.append(saved.id)
            return cast[key]

        def incidents() -> Iterator[Incident]:
            for done, entry in enumerate(fresh):
                if done % STEP == 0:
                    if stop():
                        raise ImportCancelled()
                    report(done, total)
                ids = list(dict.fromkeys(person_id(n) for n in entry.people))
                yield replace(
                    entry.incident,
                    people=[IncidentPerson(person_id=i) for i in ids],
                )

        ids = IncidentRepository(vault).add_many(incidents())
        done = len(fresh)
        report(done, total)
        for incident_id, entry in zip(ids, fresh, strict=True):
            for file in entry.files:
                if stop():
                    raise ImportCancelled()
                try:
                    files_repo.add(incident_id, file.name, file.data, description=file.description)
                    stored_files += 1
                except (AttachmentRejected, ValidationError) as error:
                    where = entry.incident.provenance.reference if entry.incident.provenance else ""
                    refused.append(Skipped(where=f"{where}, {file.name}", reason=str(error)))
                done += 1
                report(done, total)
        if stop():
            raise ImportCancelled()
    return ImportOutcome(
        entries=len(ids),
        files=stored_files,
        people_added=added_people,
        already_imported=already,
        skipped=tuple(plan.skipped) + tuple(refused),
        incident_ids=tuple(ids),
        person_ids=tuple(new_people),
    )


def announce(
    incidents: IncidentRepository, persons: PersonRepository, outcome: ImportOutcome
) -> None:
    """Tell the subscribers of another connection's repositories (the open screens) what an
    import written through a worker's own connection added."""
    incidents._emit("added", outcome.incident_ids)
    persons._emit("added", outcome.person_ids)


def planned(vault: Vault, source: Source) -> Preview:
    """The preview of ``source`` against ``vault`` (entries imported before left out)."""
    plan = source.plan
    known = IncidentRepository(vault).imported_fingerprints(e.fingerprint for e in plan.entries)
    return plan.preview(known)


def import_source(
    vault: Vault,
    source: Source,
    *,
    progress: Progress | None = None,
    should_stop: Callable[[], bool] | None = None,
    attachments: AttachmentRepository | None = None,
) -> ImportOutcome:
    """Import a source as read by :func:`peerdesk.importing.detect.read_source`: a PeerDesk
    archive through its own writer (which brings revisions, people and more), anything else
    through :func:`import_plan`."""
    if source.archive is None:
        return import_plan(
            vault, source.plan, progress=progress, should_stop=should_stop, attachments=attachments
        )
    try:
        result = archive_import.import_archive(
            vault, source.archive, progress=progress, should_stop=should_stop
        )
    except archive_import.ImportCancelled:
        raise ImportCancelled() from None
    return ImportOutcome(
        entries=int(result.entries),
        files=int(result.files),
        people_added=int(result.people),
        already_imported=int(result.already_imported),
        skipped=tuple(source.plan.skipped),
        incident_ids=result.incident_ids,
    )


__all__ = [
    "ImportCancelled",
    "ImportOutcome",
    "announce",
    "import_plan",
    "import_source",
    "new_entries",
    "planned",
]
