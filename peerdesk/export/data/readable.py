"""An entry's fields as text for people and spreadsheets (Markdown and CSV exports).

Dates stay ISO 8601 (``2026-03-03``, times in UTC with ``Z``) so they sort in a spreadsheet;
person ids become cast-list names, attachment ids file names, related entries record numbers
(the same wording as the history window, :class:`~peerdesk.models.revisions.Readable`)."""

from __future__ import annotations

from typing import Any

from peerdesk.i18n import N_, _
from peerdesk.models.data_export import DataExport, ExportedEntry
from peerdesk.models.field_labels import FIELD_LABELS
from peerdesk.models.revisions import Readable
from peerdesk.models.serialize import record_to_dict

#: Columns after the entry's own fields: its history and where it came from (marked here,
#: translated in :func:`labels`: the CSV and Markdown exports are for people; only the JSON
#: archive is read back by the importer).
EXTRA_LABELS: dict[str, str] = {
    "revisions": N_("Revisions"),
    "chain_head": N_("Chain head (SHA-256 of the newest revision)"),
    "source": N_("Imported from"),
    "originally_written": N_("Originally written (the source's claim)"),
}


def readable_for(export: DataExport) -> Readable:
    return Readable(
        {p.id: p.display_name for p in export.people if p.id is not None},
        {a.id: a.original_name for a in export.attachments if a.id is not None},
        {
            e.incident.id: e.incident.record_number
            for e in export.entries
            if e.incident.id is not None and e.incident.record_number is not None
        },
    )


def entry_fields(entry: ExportedEntry, readable: Readable) -> dict[str, str]:
    """``{field key: text}`` in :data:`FIELD_LABELS` order, then :data:`EXTRA_LABELS`."""
    data: dict[str, Any] = record_to_dict(entry.incident)
    fields = {key: _text(readable, key, data.get(key)) for key in FIELD_LABELS}
    fields["revisions"] = str(len(entry.revisions))
    fields["chain_head"] = entry.revisions[-1].hash if entry.revisions else ""
    provenance = entry.incident.provenance
    fields["source"] = provenance.source_name() if provenance is not None else ""
    written = ""
    if provenance is not None:
        moment = data["provenance"].get("written_at") or data["provenance"].get("written_on")
        written = str(moment or "")
    fields["originally_written"] = written
    return fields


def _text(readable: Readable, key: str, value: Any) -> str:
    if key == "withdrawn" and value is None:
        return ""
    if value is None or value == "" or value == [] or value == {}:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if key == "people" and isinstance(value, list):
        # "E. Okafor (did it)", one a line: names from the cast list, then their role
        return "\n".join(_person(readable, item) for item in value)
    text = readable.value(key, value)
    return "" if text == "—" else text


def _person(readable: Readable, item: Any) -> str:
    name = readable.value("person_id", item.get("person_id"))
    role = str(item.get("role_in_incident") or "")
    return f"{name} ({role})" if role else name


def labels() -> dict[str, str]:
    """``{field key: column or heading}`` in the language in force."""
    return {key: _(label) for key, label in {**FIELD_LABELS, **EXTRA_LABELS}.items()}


__all__ = ["EXTRA_LABELS", "entry_fields", "labels", "readable_for"]
