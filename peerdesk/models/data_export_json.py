"""The JSON document of a data export (``peerdesk-export.json``), both ways.

:func:`to_document` turns a :class:`DataExport` into the document (plain JSON values);
:func:`from_document` reads one back, strictly: a wrong ``format``, a newer ``version``, a
missing section, an unknown key or a value of the wrong form raises :class:`DocumentError`
naming where ("entries[12].revisions[2]"). The layout is in ``docs/data-export.md``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import Any, TypeVar

from peerdesk.i18n import _
from peerdesk.models.attachment import Attachment, base_name
from peerdesk.models.colleague import Colleague
from peerdesk.models.conversation import Conversation
from peerdesk.models.data_export import FORMAT, VERSION, DataExport, ExportedEntry
from peerdesk.models.errors import ValidationError
from peerdesk.models.integrity import GENESIS_HASH, Revision
from peerdesk.models.person import Person
from peerdesk.models.resource import Resource
from peerdesk.models.serialize import (
    canonical_json,
    incident_from_dict,
    record_from_dict,
    record_to_dict,
)
from peerdesk.models.strategy import Strategy, StrategyUse
from peerdesk.models.timing import format_utc, parse_utc

#: Where attachments go inside an archive.
ATTACHMENTS_DIR = "attachments"
_UNSAFE = re.compile(r"[^\w.\- ]+")
_NAME_MAX = 80

_R = TypeVar("_R")

#: The sections of simple records: key in the document → record class.
_RECORDS: dict[str, type[Any]] = {
    "people": Person,
    "colleagues": Colleague,
    "conversations": Conversation,
    "strategies": Strategy,
    "strategy_uses": StrategyUse,
    "resources": Resource,
}


class DocumentError(ValueError):
    """The document is not a readable PeerDesk export; ``where`` names the part."""

    def __init__(self, where: str, message: str) -> None:
        super().__init__(f"{where}: {message}" if where else message)
        self.where = where
        self.message = message


def safe_file_name(name: str) -> str:
    """A file name that is safe in any folder on any system: the base name (NFC), characters
    other than letters, digits, ``. - _`` and spaces replaced by ``_``, no leading dot or
    space, at most 80 characters (keeping the extension), never empty."""
    name = unicodedata.normalize("NFC", base_name(name))
    name = _UNSAFE.sub("_", name).strip(" .") or "file"
    if len(name) > _NAME_MAX:
        stem, dot, ext = name.rpartition(".")
        if dot and 0 < len(ext) <= 10:
            name = stem[: _NAME_MAX - len(ext) - 1] + "." + ext
        else:
            name = name[:_NAME_MAX]
    return name


def attachment_path(attachment: Attachment, *, hide_name: bool = False) -> str:
    """``attachments/<id>-<safe name>``: where a file goes inside an archive. With
    ``hide_name`` (an encrypted zip, whose entry names are not encrypted) only the extension
    is kept: ``attachments/<id>.pdf``."""
    if hide_name:
        return f"{ATTACHMENTS_DIR}/{attachment.id}{hidden_suffix(attachment.original_name)}"
    return f"{ATTACHMENTS_DIR}/{attachment.id}-{safe_file_name(attachment.original_name)}"


def hidden_suffix(name: str) -> str:
    """The extension of ``name`` (``.pdf``) when it is short and plain, else ""."""
    stem, dot, ext = safe_file_name(name).rpartition(".")
    return f".{ext.lower()}" if dot and stem and 0 < len(ext) <= 5 and ext.isalnum() else ""


def _with_id(record: Any) -> dict[str, Any]:
    data = record_to_dict(record)
    data["id"] = record.id
    return data


def to_document(export: DataExport, *, hide_names: bool = False) -> dict[str, Any]:
    """The export as the JSON document (see ``docs/data-export.md``); ``hide_names``: see
    :func:`attachment_path`."""
    document: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": format_utc(export.exported_at),
        "app_version": export.app_version,
        "includes_real_names": export.includes_real_names,
        "counts": export.counts(),
        "entries": [
            {
                "id": entry.incident.id,
                "entry": record_to_dict(entry.incident),
                "revisions": [
                    {
                        "number": r.number,
                        "saved_at": format_utc(r.saved_at),
                        "prev_hash": r.prev_hash,
                        "hash": r.hash,
                        "payload": r.payload.decode("utf-8"),
                    }
                    for r in entry.revisions
                ],
            }
            for entry in export.entries
        ],
        "attachments": [
            {**_with_id(a), "file": attachment_path(a, hide_name=hide_names)}
            for a in export.attachments
        ],
        "settings": dict(export.settings),
    }
    for key in _RECORDS:
        document[key] = [_with_id(record) for record in getattr(export, key)]
    return document


# -- reading --------------------------------------------------------------------------------------


def _need(data: Mapping[str, Any], key: str, kind: type | tuple[type, ...], where: str) -> Any:
    if key not in data:
        # translators: {key} is the name of a field in an export file (kept in English)
        raise DocumentError(where, _('"{key}" is missing.').format(key=key))
    value = data[key]
    if (isinstance(value, bool) and kind is not bool) or not isinstance(value, kind):
        # translators: {key} is the name of a field in an export file (kept in English)
        raise DocumentError(where, _('"{key}" has the wrong form.').format(key=key))
    return value


def _id(data: Mapping[str, Any], where: str, key: str = "id") -> int:
    value = _need(data, key, int, where)
    if value < 1:
        # translators: {key} is the name of a field in an export file (kept in English)
        raise DocumentError(where, _('"{key}" must be a positive number.').format(key=key))
    return int(value)


def _record(cls: type[_R], data: Any, where: str, extra: tuple[str, ...] = ()) -> _R:
    if not isinstance(data, Mapping):
        # translators: follows the place in an export file where a record was expected
        # ("entries[3]: is not an object.")
        raise DocumentError(where, _("is not an object."))
    record_id = _id(data, where)
    body = {k: v for k, v in data.items() if k != "id" and k not in extra}
    try:
        record = record_from_dict(cls, body)
    except ValidationError as exc:
        raise DocumentError(f"{where}.{exc.field}" if exc.field else where, str(exc)) from None
    record.id = record_id  # type: ignore[attr-defined]
    return record


def check_header(document: Any) -> None:
    """Refuse anything but a PeerDesk export of a version this PeerDesk reads."""
    if not isinstance(document, Mapping) or document.get("format") != FORMAT:
        raise DocumentError("", _("This is not a PeerDesk data export (its format is not named)."))
    version = document.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise DocumentError("version", _("The export's version cannot be read."))
    if version > VERSION:
        raise DocumentError(
            "version",
            # translators: {version} and {newest} are numbers of versions of the export format
            _(
                "This export was made by a newer PeerDesk (format version {version}; this "
                "PeerDesk reads up to {newest}). Update PeerDesk to import it."
            ).format(version=version, newest=VERSION),
        )


def from_document(document: Any) -> DataExport:
    """Read a document written by :func:`to_document` (module docstring for the errors)."""
    check_header(document)
    try:
        exported_at = parse_utc(_need(document, "exported_at", str, ""))
    except ValueError:
        raise DocumentError("exported_at", _("The export's date cannot be read.")) from None
    export = DataExport(
        exported_at=exported_at,
        app_version=_need(document, "app_version", str, ""),
        includes_real_names=_need(document, "includes_real_names", bool, ""),
    )
    export.entries = [
        _entry(item, f"entries[{i}]") for i, item in enumerate(_need(document, "entries", list, ""))
    ]
    export.attachments = [
        _record(Attachment, item, f"attachments[{i}]", extra=("file",))
        for i, item in enumerate(_need(document, "attachments", list, ""))
    ]
    for key, cls in _RECORDS.items():
        records = [
            _record(cls, item, f"{key}[{i}]")
            for i, item in enumerate(_need(document, key, list, ""))
        ]
        setattr(export, key, records)
    export.settings = dict(_need(document, "settings", dict, ""))
    return export


def _entry(data: Any, where: str) -> ExportedEntry:
    if not isinstance(data, Mapping):
        raise DocumentError(where, _("is not an object."))
    entry_id = _id(data, where)
    try:
        incident = incident_from_dict(_need(data, "entry", dict, where))
    except ValidationError as exc:
        raise DocumentError(f"{where}.entry.{exc.field}", str(exc)) from None
    incident.id = entry_id
    revisions: list[Revision] = []
    for n, item in enumerate(_need(data, "revisions", list, where)):
        at = f"{where}.revisions[{n}]"
        if not isinstance(item, Mapping):
            raise DocumentError(at, _("is not an object."))
        try:
            saved_at = parse_utc(_need(item, "saved_at", str, at))
        except ValueError:
            # translators: "saved_at" is the name of a field in an export file (kept in English)
            raise DocumentError(at, _('"saved_at" cannot be read.')) from None
        revisions.append(
            Revision(
                incident_id=entry_id,
                number=_id(item, at, "number"),
                saved_at=saved_at,
                payload=_need(item, "payload", str, at).encode("utf-8", "surrogatepass"),
                prev_hash=_need(item, "prev_hash", str, at),
                hash=_need(item, "hash", str, at),
            )
        )
    if not revisions:
        raise DocumentError(where, _("The entry has no revisions."))
    if canonical_json(record_to_dict(incident)) != revisions[-1].payload:
        raise DocumentError(where, _("The entry differs from its newest revision."))
    if revisions[0].prev_hash != GENESIS_HASH:
        raise DocumentError(where, _("The entry's history does not start a chain."))
    return ExportedEntry(incident=incident, revisions=revisions)


__all__ = [
    "ATTACHMENTS_DIR",
    "DocumentError",
    "attachment_path",
    "check_header",
    "from_document",
    "hidden_suffix",
    "safe_file_name",
    "to_document",
]
