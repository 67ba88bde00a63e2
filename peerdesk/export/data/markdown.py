"""Markdown export: one file per entry, its fields in front matter, its files beside it.

Inside the zip: ``peerdesk-export/entries/0012-short-title.md`` and, when the entry has files,
``peerdesk-export/entries/0012-files/<id>-<name>``. The front matter is YAML written by hand:
every string is a double-quoted scalar with JSON escapes (valid YAML 1.2, since JSON is a
subset of it), lists are flow sequences of such strings, numbers, yes/no and nothing are
plain ``12`` / ``true`` / ``null``; so no text a user wrote can end the block or be read as
something else.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable

from peerdesk.export.data.readable import entry_fields, labels, readable_for
from peerdesk.i18n import _
from peerdesk.models.attachment import Attachment
from peerdesk.models.data_export import DataExport, ExportedEntry
from peerdesk.models.data_export_json import hidden_suffix, safe_file_name

ROOT = "peerdesk-export"
#: Fields in the front matter (short ones); the rest are sections of the body.
FRONT_MATTER = (
    "record_number",
    "recorded_at",
    "title",
    "event_date",
    "event_time",
    "approximate",
    "duration_minutes",
    "channel",
    "place",
    "categories",
    "people",
    "severity",
    "tags",
    "after_complaint",
    "complaint_date",
    "withdrawn",
    "revisions",
    "chain_head",
    "source",
    "originally_written",
)
_LIST_FIELDS = frozenset({"categories", "people", "tags"})
_NUMBERS = frozenset({"record_number", "duration_minutes", "severity", "revisions"})
_FLAGS = frozenset({"approximate", "after_complaint"})
_SLUG = re.compile(r"[^a-z0-9]+")


def quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON string escapes; non-ASCII kept as it is)."""
    return json.dumps(text, ensure_ascii=False)


def _value(key: str, text: str) -> str:
    if key in _LIST_FIELDS:
        items = [item.removeprefix("• ") for item in text.split("\n") if item]
        return "[" + ", ".join(quoted(i) for i in items) + "]"
    if not text:
        return "null"
    if key in _NUMBERS and text.isdigit():
        return text
    if key in _FLAGS:
        return "true" if text == "yes" else "false"
    return quoted(text)


def entry_name(entry: ExportedEntry, *, hide_title: bool = False) -> str:
    """``0012-short-title`` (``0012`` with ``hide_title``, for an encrypted zip)."""
    number = entry.incident.record_number or entry.incident.id or 0
    if hide_title:
        return f"{number:04d}"
    slug = _SLUG.sub("-", entry.incident.title.lower()).strip("-")[:40].strip("-")
    return f"{number:04d}-{slug}" if slug else f"{number:04d}"


def entry_markdown(entry: ExportedEntry, fields: dict[str, str], files: Iterable[str]) -> str:
    """The text of one entry's file (``files``: paths of its files, relative to it)."""
    names = labels()
    lines = ["---"]
    for key in FRONT_MATTER:
        lines.append(f"{key}: {_value(key, fields.get(key, ''))}")
    lines.append("files: [" + ", ".join(quoted(f) for f in files) + "]")
    lines.append("---")
    lines.append("")
    lines.append(f"# {entry.incident.title or _('Untitled entry')}")
    for key, text in fields.items():
        if key in FRONT_MATTER or not text:
            continue
        lines += ["", f"## {names[key]}", "", text]
    return "\n".join(lines) + "\n"


def write_markdown(
    export: DataExport,
    add: Callable[[str, bytes], None],
    tick: Callable[[], None],
    *,
    hide_names: bool = False,
) -> int:
    """Add every entry's file and its attachments through ``add``; returns the file count.
    ``hide_names``: file names without titles or original names (an encrypted zip)."""
    readable = readable_for(export)
    by_incident: dict[int, list[Attachment]] = {}
    for attachment in export.attachments:
        if attachment.incident_id is not None:
            by_incident.setdefault(attachment.incident_id, []).append(attachment)
    written = 0
    for entry in export.entries:
        name = entry_name(entry, hide_title=hide_names)
        paths: list[str] = []
        for attachment in by_incident.get(entry.incident.id or 0, []):
            relative = f"{name}-files/{_file_name(attachment, hide_names)}"
            assert attachment.id is not None
            add(f"{ROOT}/entries/{relative}", export.file_bytes(attachment.id))
            paths.append(relative)
            written += 1
        text = entry_markdown(entry, entry_fields(entry, readable), paths)
        add(f"{ROOT}/entries/{name}.md", text.encode("utf-8"))
        tick()
    for attachment in export.attachments:
        if attachment.incident_id is None:
            assert attachment.id is not None
            add(
                f"{ROOT}/files-not-attached/{_file_name(attachment, hide_names)}",
                export.file_bytes(attachment.id),
            )
            written += 1
    return written


def _file_name(attachment: Attachment, hide: bool) -> str:
    if hide:
        return f"{attachment.id}{hidden_suffix(attachment.original_name)}"
    return f"{attachment.id}-{safe_file_name(attachment.original_name)}"


__all__ = ["FRONT_MATTER", "entry_markdown", "entry_name", "quoted", "write_markdown"]
