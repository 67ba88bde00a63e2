"""Reading PeerDesk's own data export (the JSON archive, ``peerdesk export-data --format json``).

:func:`read_archive` opens the zip (AES-encrypted or not), checks it safely (a size and
compression-ratio limit against zip bombs, no path traversal, a truncated zip, the JSON's
``format`` and ``version``) and returns :class:`ArchiveContents`: the whole export as domain
objects (:class:`~peerdesk.models.data_export.DataExport`) with the attachments' bytes, checked
against their SHA-256, and every entry's revision chain verified. ``contents.plan()`` gives the
usual :class:`ImportPlan` (one :class:`ImportedEntry` per journal entry, its newest revision,
with provenance) for the preview; ``peerdesk.storage.archive_import.import_archive(vault,
contents, ...)`` writes everything (every revision of every entry, people, supporter notes,
library, directory, settings) in one transaction.

Every problem raises :class:`ImportFailed` naming the archive (by file name) and the entry.
"""

from __future__ import annotations

import copy
import hashlib
import json
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import pyzipper  # type: ignore[import-untyped]

from peerdesk.i18n import _
from peerdesk.importing.base import ImportedEntry, ImportedFile, ImportFailed, ImportPlan
from peerdesk.importing.base import fingerprint as make_fingerprint
from peerdesk.models.data_export import DataExport, ExportedEntry
from peerdesk.models.data_export_json import DocumentError, from_document
from peerdesk.models.errors import ValidationError
from peerdesk.models.integrity import verify_chain
from peerdesk.models.provenance import Provenance
from peerdesk.models.serialize import incident_from_payload

#: What a damaged zip raises (pyzipper has a BadZipFile of its own; zlib its error).
_DAMAGED = (zipfile.BadZipFile, pyzipper.BadZipFile, zlib.error, OSError, EOFError, ValueError)

#: The name of the JSON document inside the zip.
JSON_NAME = "peerdesk-export.json"
#: Most bytes an archive may unpack to, in total (attachments included).
MAX_TOTAL_BYTES = 4 * 1024**3
#: Most an entry may unpack to per byte it takes in the zip (zip bombs reach 1000s), once it
#: unpacks to more than :data:`RATIO_FLOOR` bytes (tiny files compress well and are harmless).
MAX_RATIO = 200
RATIO_FLOOR = 1024 * 1024


@dataclass(kw_only=True)
class ArchiveContents:
    """A PeerDesk archive as read: the export and the attachments' bytes by exported id."""

    name: str
    export: DataExport
    files: dict[int, bytes] = field(default_factory=dict)

    def plan(self) -> ImportPlan:
        """One :class:`ImportedEntry` per journal entry (newest revision, provenance set, the
        names of its people, its files), for the preview (``plan().preview(already)``)."""
        names = {p.id: p.display_name for p in self.export.people}
        by_incident: dict[int, list[ImportedFile]] = {}
        for a in self.export.attachments:
            if a.incident_id is not None and a.id is not None:
                by_incident.setdefault(a.incident_id, []).append(
                    ImportedFile(
                        name=a.original_name, data=self.files[a.id], description=a.description
                    )
                )
        plan = ImportPlan(source="peerdesk")
        for entry in self.export.entries:
            incident = copy.deepcopy(entry.incident)
            entry_id = incident.id or 0
            incident.provenance = entry_provenance(entry)
            incident.id = incident.record_number = incident.recorded_at = None
            people = [names[i] for i in sorted(incident.person_ids()) if i in names]
            plan.entries.append(
                ImportedEntry(incident=incident, people=people, files=by_incident.get(entry_id, []))
            )
        return plan

    def entry_fingerprint(self, exported_id: int) -> str:
        """The source fingerprint of an exported entry (see :func:`entry_provenance`)."""
        for entry in self.export.entries:
            if entry.incident.id == exported_id:
                return entry_provenance(entry).fingerprint
        raise KeyError(exported_id)


def entry_provenance(entry: ExportedEntry) -> Provenance:
    """An entry's provenance once imported. An entry that was itself imported keeps its own
    (source, claim and fingerprint: importing it again from anywhere never duplicates it).
    Otherwise: source ``"peerdesk"``, ``written_at`` its ``recorded_at`` in the exporting vault
    (the source's claim), ``reference`` "entry no. N", and as fingerprint the SHA-256 of
    ``"peerdesk-entry"`` and its first revision's hash (which names one entry of one vault for
    good: later edits there do not change it)."""
    if entry.incident.provenance is not None:
        return copy.deepcopy(entry.incident.provenance)
    return Provenance(
        source="peerdesk",
        fingerprint=make_fingerprint("peerdesk-entry", entry.revisions[0].hash),
        written_at=entry.incident.recorded_at,
        reference=f"entry no. {entry.incident.record_number}",  # i18n: keep — stored
    )


def _check_history(entry: ExportedEntry, name: str) -> None:
    """The chain verifies and every revision is a readable entry (the import rewrites them)."""
    # translators: {where} is a file; {number} an entry's record number
    where = _("{where}, entry no. {number}").format(where=name, number=entry.incident.record_number)
    check = verify_chain(entry.revisions)
    if not check.ok:
        raise ImportFailed(
            # translators: {reason} says what is wrong with the entry's history
            _("Its history does not verify: {reason}").format(reason=check.reason),
            where=where,
        )
    for revision in entry.revisions[:-1]:  # the newest one was read as the entry itself
        try:
            incident_from_payload(revision.payload)
        except ValidationError as exc:
            raise ImportFailed(
                # translators: {number} is a revision's number; {field} a technical field name
                _("Revision {number} cannot be read ({field}).").format(
                    number=revision.number, field=exc.field
                ),
                where=where,
            ) from None


def _refuse_name(archive: str, name: str) -> None:
    path = PurePosixPath(name)
    if (
        name.startswith(("/", "\\"))
        or "\\" in name
        or ".." in path.parts
        or (len(name) > 1 and name[1] == ":")
        or "\x00" in name
    ):
        raise ImportFailed(
            _(
                "The archive holds a file with an unsafe name (outside its folder), so "
                "it was not imported."
            ),
            where=f"{archive}, {name!r}",
        )


def _open(path: Path, password: str | None) -> zipfile.ZipFile:
    try:
        archive: zipfile.ZipFile = pyzipper.AESZipFile(path)
    except FileNotFoundError:
        raise ImportFailed(_("The file does not exist."), where=path.name) from None
    except _DAMAGED:
        raise ImportFailed(
            _("This is not a complete zip archive (it may be truncated or damaged)."),
            where=path.name,
        ) from None
    if password:
        archive.setpassword(password.encode("utf-8"))
    return archive


def read_archive(path: Path, password: str | None = None) -> ArchiveContents:
    """Read and check a PeerDesk JSON archive (module docstring). ``password`` opens an
    AES-encrypted zip; a missing or wrong one raises :class:`ImportFailed` saying so."""
    name = path.name
    with _open(path, password) as archive:
        infos = archive.infolist()
        total = 0
        for info in infos:
            _refuse_name(name, info.filename)
            total += info.file_size
            if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(
                info.compress_size, 1
            ):
                raise ImportFailed(
                    _(
                        "A file in the archive unpacks to far more than it takes (a zip bomb?), so "
                        "the archive was not imported."
                    ),
                    where=f"{name}, {info.filename}",
                )
        if total > MAX_TOTAL_BYTES:
            raise ImportFailed(
                _("The archive unpacks to more than 4 GB, so it was not imported."), where=name
            )
        members = {info.filename: info for info in infos}
        if JSON_NAME not in members:
            raise ImportFailed(
                # translators: {name} is a file's name
                _("This zip holds no {name}: it is not a PeerDesk data export.").format(
                    name=JSON_NAME
                ),
                where=name,
            )
        if any(info.flag_bits & 0x1 for info in infos) and not password:
            raise ImportFailed(
                _("The archive is protected by a password: give it to import."), where=name
            )
        document = _read_json(archive, name)
        paths = _file_paths(document, name)
        try:
            export = from_document(document)
        except DocumentError as exc:
            raise ImportFailed(
                exc.message, where=f"{name}, {exc.where}" if exc.where else name
            ) from None
        for entry in export.entries:
            _check_history(entry, name)
        files: dict[int, bytes] = {}
        for attachment in export.attachments:
            assert attachment.id is not None
            member = paths.get(attachment.id, "")
            where = f"{name}, {member}"
            if member not in members:
                raise ImportFailed(_("The file named in the export is missing."), where=where)
            data = _read_member(archive, member, where)
            if hashlib.sha256(data).hexdigest() != attachment.sha256:
                raise ImportFailed(
                    _("The file differs from its SHA-256 in the export."), where=where
                )
            files[attachment.id] = data
    return ArchiveContents(name=name, export=export, files=files)


def _file_paths(document: object, name: str) -> dict[int, str]:
    """``{attachment id: its "file" in the zip}``, each name checked like every member's."""
    found: dict[int, str] = {}
    items = document.get("attachments") if isinstance(document, dict) else None
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict) and isinstance(item.get("id"), int):
            member = item.get("file")
            if isinstance(member, str):
                _refuse_name(name, member)
                found[item["id"]] = member
    return found


def _read_member(archive: zipfile.ZipFile, member: str, where: str) -> bytes:
    try:
        return archive.read(member)
    except RuntimeError as exc:  # pyzipper: "Bad password"
        message = _("The password is wrong.") if "password" in str(exc).lower() else str(exc)
        raise ImportFailed(message, where=where) from None
    except (*_DAMAGED, NotImplementedError):
        raise ImportFailed(
            _("This part of the archive cannot be read (truncated or damaged)."), where=where
        ) from None


def _read_json(archive: zipfile.ZipFile, name: str) -> object:
    data = _read_member(archive, JSON_NAME, f"{name}, {JSON_NAME}")
    try:
        return json.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise ImportFailed(
            _("The export is not UTF-8 text."), where=f"{name}, {JSON_NAME}"
        ) from None
    except json.JSONDecodeError as exc:
        raise ImportFailed(
            # translators: {reason} is the JSON parser's own (English) description
            _("The export is not valid JSON ({reason}).").format(reason=exc.msg),
            # translators: {where} is a file; {name} a file inside it; {number} a line number
            where=_("{where}, {name} line {number}").format(
                where=name, name=JSON_NAME, number=exc.lineno
            ),
        ) from None


def is_peerdesk_archive(path: Path) -> bool:
    """Whether ``path`` looks like a PeerDesk archive (a zip holding ``peerdesk-export.json``),
    for ``peerdesk import`` without ``--from``. Never raises."""
    try:
        with zipfile.ZipFile(path) as archive:
            return JSON_NAME in archive.namelist()
    except Exception:
        return False


__all__ = [
    "JSON_NAME",
    "MAX_RATIO",
    "MAX_TOTAL_BYTES",
    "ArchiveContents",
    "entry_provenance",
    "is_peerdesk_archive",
    "read_archive",
]
