"""Writing a PeerDesk archive (:mod:`peerdesk.importing.peerdesk_archive`) into a vault.

Everything goes in ONE transaction: people first (an existing person with the same name is
reused), then the directory and library (built-in entries matched by their key, own ones by
name), then each new entry: a row with its record number and recorded-at (now), its files,
and its revisions replayed in order. A replayed revision is the original content with the ids
of this vault (people, files, related entries), the new record number and recorded-at, and
the provenance (:func:`~peerdesk.importing.peerdesk_archive.entry_provenance`); it is saved
now and chained like any save, so ``peerdesk check`` verifies it. Then colleagues with their
conversations, strategy uses, and the settings this vault does not have yet.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar

import sqlcipher3

from peerdesk.importing.peerdesk_archive import ArchiveContents, entry_provenance
from peerdesk.models.data_export import SAFE_SETTINGS, ExportedEntry
from peerdesk.models.incident import Incident
from peerdesk.models.integrity import Revision, make_revision
from peerdesk.models.serialize import (
    canonical_json,
    loads_json,
    record_to_dict,
)
from peerdesk.models.timing import format_utc
from peerdesk.storage.attachments import AttachmentRepository
from peerdesk.storage.colleagues import ColleagueRepository
from peerdesk.storage.conversations import ConversationRepository
from peerdesk.storage.directory import ResourceRepository
from peerdesk.storage.incident_revisions import write_mirror, write_revision
from peerdesk.storage.library import StrategyRepository
from peerdesk.storage.persons import PersonRepository
from peerdesk.storage.settings import VaultSettings
from peerdesk.storage.vault import Vault

_T = TypeVar("_T")


@dataclass(frozen=True)
class ArchiveImportResult:
    """What an import wrote: entries (new ones), revisions replayed, files, people and other
    records added, and entries left out because they were imported before."""

    entries: int
    revisions: int
    files: int
    people: int
    others: int
    already_imported: int
    #: The ids of the entries added (for the open screens to show them).
    incident_ids: tuple[int, ...] = ()


class ImportCancelled(Exception):
    """``should_stop`` answered True: nothing was written."""


def import_archive(
    vault: Vault,
    contents: ArchiveContents,
    *,
    progress: Callable[[int, int], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> ArchiveImportResult:
    """Write everything in ``contents`` into ``vault`` in ONE transaction: a cancel
    (``should_stop()`` True, raising :class:`ImportCancelled`) or any error leaves the vault
    exactly as it was. ``progress(done, total)`` is called now and then (entries).

    Entries get provenance source ``"peerdesk"`` (``written_at`` = their original
    ``recorded_at``, the source's claim; ``recorded_at`` = now), unless they already carry a
    provenance from an earlier import (kept as it is). Each entry's revision history is
    replayed so the chain verifies; entries whose fingerprint is already in the vault are left
    out. Call it off the GUI thread with a connection of its own.
    """
    writer = _Writer(vault, contents, progress, should_stop)
    with vault.transaction() as tx:
        writer.run(tx)
    return writer.result()


class _Writer:
    def __init__(
        self,
        vault: Vault,
        contents: ArchiveContents,
        progress: Callable[[int, int], None] | None,
        should_stop: Callable[[], bool] | None,
    ) -> None:
        self.vault = vault
        self.contents = contents
        self.export = contents.export
        self.progress = progress or (lambda _d, _t: None)
        self.should_stop = should_stop or (lambda: False)
        self.now = datetime.now(UTC)
        self.people: dict[int, int] = {}
        self.files: dict[int, int] = {}
        self.entries: dict[int, int] = {}
        self.resources: dict[int, int] = {}
        self.strategies: dict[int, int] = {}
        self.counts = {"entries": 0, "revisions": 0, "files": 0, "people": 0, "others": 0}
        self.already = 0

    def result(self) -> ArchiveImportResult:
        return ArchiveImportResult(
            already_imported=self.already,
            incident_ids=tuple(sorted(self.entries.values())),
            **self.counts,
        )

    def _stop(self) -> None:
        if self.should_stop():
            raise ImportCancelled()

    def run(self, tx: sqlcipher3.Connection) -> None:
        self._people(tx)
        self._resources()
        self._strategies()
        self._stop()
        new = self._new_entries(tx)
        self._incident_rows(tx, new)
        self._attachments(new)
        total = len(new)
        for done, entry in enumerate(new, start=1):
            self._replay(tx, entry)
            if done % 50 == 0 or done == total:
                self._stop()
                self.progress(done, total)
        self._supporter()
        self._uses()
        self._settings()
        self._stop()

    # -- people, directory, library -------------------------------------------------------------

    def _people(self, tx: sqlcipher3.Connection) -> None:
        existing = {
            str(r[1]).casefold(): int(r[0])
            for r in tx.execute("SELECT id, display_name FROM persons").fetchall()
        }
        repo = PersonRepository(self.vault)
        for person in self.export.people:
            assert person.id is not None
            found = existing.get(person.display_name.casefold())
            if found is None:
                saved = repo.add(_without_id(person))
                assert saved.id is not None
                found = existing[person.display_name.casefold()] = saved.id
                self.counts["people"] += 1
            self.people[person.id] = found

    def _resources(self) -> None:
        repo = ResourceRepository(self.vault)
        by_key = {r.key: r.id for r in repo.list() if r.key}
        own = {(r.name.casefold(), r.kind): r.id for r in repo.list() if not r.key}
        for resource in self.export.resources:
            assert resource.id is not None
            found = (
                by_key.get(resource.key)
                if resource.key
                else own.get((resource.name.casefold(), resource.kind))
            )
            if found is None:
                saved = repo.add(_without_id(resource))
                found = saved.id
                self.counts["others"] += 1
            assert found is not None
            self.resources[resource.id] = found

    def _strategies(self) -> None:
        repo = StrategyRepository(self.vault)
        current = repo.list(include_hidden=True)
        by_key = {s.key: s for s in current if s.key}
        own = {(s.title.casefold(), s.category): s.id for s in current if not s.key}
        for strategy in self.export.strategies:
            assert strategy.id is not None
            target = by_key.get(strategy.key) if strategy.key else None
            if target is not None:
                assert target.id is not None
                found: int | None = target.id
                if strategy.favourite and not target.favourite:
                    repo.set_favourite(target.id, True)
                if strategy.hidden and not target.hidden:
                    repo.set_hidden(target.id, True)
                if strategy.personal_note and not target.personal_note:
                    repo.set_personal_note(target.id, strategy.personal_note)
            else:
                found = own.get((strategy.title.casefold(), strategy.category))
                if found is None:
                    saved = repo.add(_without_id(strategy))
                    found = saved.id
                    self.counts["others"] += 1
            assert found is not None
            self.strategies[strategy.id] = found

    # -- entries --------------------------------------------------------------------------------

    def _new_entries(self, tx: sqlcipher3.Connection) -> list[ExportedEntry]:
        prints = {e.incident.id: entry_provenance(e).fingerprint for e in self.export.entries}
        held: set[str] = set()
        for fp in prints.values():
            row = tx.execute(
                "SELECT id FROM incidents WHERE source_fingerprint = ?", (fp,)
            ).fetchone()
            if row is not None:
                held.add(fp)
        new = [e for e in self.export.entries if prints[e.incident.id] not in held]
        self.already = len(self.export.entries) - len(new)
        return new

    def _incident_rows(self, tx: sqlcipher3.Connection, new: list[ExportedEntry]) -> None:
        when = format_utc(self.now)
        for entry in new:
            number = int(
                tx.execute(
                    "UPDATE counters SET value = value + 1 WHERE name = 'incident_record_number' "
                    "RETURNING value"
                ).fetchone()[0]
            )
            cursor = tx.execute(
                "INSERT INTO incidents(record_number, recorded_at, last_amended_at, "
                "revision_count, event_date, approximate, channel, title, severity, reported, "
                "after_complaint, content) VALUES (?, ?, ?, 0, ?, 0, ?, '', 0, 0, 0, '')",
                (
                    number,
                    when,
                    when,
                    entry.incident.event_date.isoformat(),
                    entry.incident.channel.value,
                ),
            )
            assert entry.incident.id is not None
            self.entries[entry.incident.id] = int(cursor.lastrowid)

    def _attachments(self, new: list[ExportedEntry]) -> None:
        repo = AttachmentRepository(self.vault)
        for attachment in self.export.attachments:
            assert attachment.id is not None
            if attachment.incident_id is None:
                target = None
            elif attachment.incident_id in self.entries:
                target = self.entries[attachment.incident_id]
            else:
                continue  # its entry was imported before, with its files
            saved = repo.add(
                target,
                attachment.original_name,
                self.contents.files[attachment.id],
                description=attachment.description,
            )
            assert saved.id is not None
            self.files[attachment.id] = saved.id
            self.counts["files"] += 1

    def _replay(self, tx: sqlcipher3.Connection, entry: ExportedEntry) -> None:
        """Each revision's content with this vault's numbers and ids and the provenance,
        rewritten as JSON (the archive's reader has read every revision as an entry), then
        chained; the newest one becomes the entry as shown."""
        assert entry.incident.id is not None
        incident_id = self.entries[entry.incident.id]
        number = int(
            tx.execute(
                "SELECT record_number FROM incidents WHERE id = ?", (incident_id,)
            ).fetchone()[0]
        )
        provenance = {
            k: v for k, v in record_to_dict(entry_provenance(entry)).items() if k != "schema"
        }
        recorded_at = format_utc(self.now)
        previous: Revision | None = None
        payload = b""
        for original in entry.revisions:
            content = loads_json(original.payload)
            content["record_number"] = number
            content["recorded_at"] = recorded_at
            content["provenance"] = provenance
            self._remap(content)
            payload = canonical_json(content)
            previous = make_revision(
                incident_id=incident_id, previous=previous, saved_at=self.now, payload=payload
            )
            write_revision(tx, previous)
            self.counts["revisions"] += 1
        assert previous is not None
        # The newest revision as an entry, for the list columns and the search index: the
        # archive's reader has it already (the same content as the newest payload).
        incident = copy.deepcopy(entry.incident)
        incident.record_number = number
        incident.recorded_at = self.now
        incident.provenance = entry_provenance(entry)
        self._remap_incident(incident)
        incident.id = incident_id
        write_mirror(tx, incident, payload, previous, update=False)
        self.counts["entries"] += 1

    def _remap_incident(self, incident: Incident) -> None:
        for person in incident.people:
            person.person_id = self.people.get(person.person_id, person.person_id)
        for quote in incident.quotes:
            if quote.speaker_person_id is not None:
                quote.speaker_person_id = self.people.get(quote.speaker_person_id)
        for witness in incident.witnesses:
            if witness.person_id is not None:
                witness.person_id = self.people.get(witness.person_id)
        incident.attachment_ids = [
            self.files[i] for i in incident.attachment_ids if i in self.files
        ]
        incident.related_incident_ids = [
            self.entries[i] for i in incident.related_incident_ids if i in self.entries
        ]

    def _remap(self, content: dict[str, Any]) -> None:
        """Ids of the exporting vault → this vault's (an entry's dict, as stored)."""
        for person in content.get("people", []):
            person["person_id"] = self.people.get(person["person_id"], person["person_id"])
        for quote in content.get("quotes", []):
            if quote.get("speaker_person_id") is not None:
                quote["speaker_person_id"] = self.people.get(quote["speaker_person_id"])
        for witness in content.get("witnesses", []):
            if witness.get("person_id") is not None:
                witness["person_id"] = self.people.get(witness["person_id"])
        content["attachment_ids"] = [
            self.files[i] for i in content.get("attachment_ids", []) if i in self.files
        ]
        content["related_incident_ids"] = [
            self.entries[i] for i in content.get("related_incident_ids", []) if i in self.entries
        ]

    # -- supporter notes, uses, settings ------------------------------------------------------

    def _supporter(self) -> None:
        colleagues = ColleagueRepository(self.vault)
        conversations = ConversationRepository(self.vault, colleagues=colleagues)
        existing = {c.pseudonym.casefold(): c.id for c in colleagues.list()}
        mapped: dict[int, int] = {}
        for colleague in self.export.colleagues:
            assert colleague.id is not None
            found = existing.get(colleague.pseudonym.casefold())
            if found is None:
                saved = colleagues.add(_without_id(colleague))
                found = existing[colleague.pseudonym.casefold()] = saved.id
                self.counts["others"] += 1
            assert found is not None
            mapped[colleague.id] = found
        held: dict[int, set[tuple[str, str]]] = {}
        for conversation in self.export.conversations:
            if conversation.colleague_id not in mapped:
                continue
            target = mapped[conversation.colleague_id]
            if target not in held:
                held[target] = {
                    (c.held_on.isoformat(), c.summary)
                    for c in conversations.list_for_colleague(target)
                }
            key = (conversation.held_on.isoformat(), conversation.summary)
            if key in held[target]:
                continue  # imported before
            copy_ = _without_id(conversation)
            copy_.colleague_id = target
            for referral in copy_.referrals:
                if referral.resource_id is not None:
                    referral.resource_id = self.resources.get(referral.resource_id)
            conversations.add(copy_)
            held[target].add(key)
            self.counts["others"] += 1

    def _uses(self) -> None:
        repo = StrategyRepository(self.vault)
        held: dict[int, set[datetime]] = {}
        for use in self.export.strategy_uses:
            if use.strategy_id not in self.strategies:
                continue
            if use.incident_id is not None and use.incident_id not in self.entries:
                continue  # it followed an entry imported before: imported with it then
            target = self.strategies[use.strategy_id]
            if target not in held:
                held[target] = {u.used_at for u in repo.uses(target)}
            if use.used_at in held[target]:
                continue  # imported before
            copy_ = _without_id(use)
            copy_.strategy_id = target
            copy_.incident_id = None if use.incident_id is None else self.entries[use.incident_id]
            repo.record_use(copy_)
            held[target].add(use.used_at)
            self.counts["others"] += 1

    def _settings(self) -> None:
        settings = VaultSettings(self.vault)
        have = settings.all()
        for key, value in self.export.settings.items():
            if key in SAFE_SETTINGS and key not in have:
                settings.set(key, value)


def _without_id(record: _T) -> _T:
    duplicate = copy.deepcopy(record)
    duplicate.id = None  # type: ignore[attr-defined]
    return duplicate


__all__ = ["ArchiveImportResult", "ImportCancelled", "import_archive"]
