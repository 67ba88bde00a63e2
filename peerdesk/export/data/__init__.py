"""Data export ("take your data out"): a :class:`~peerdesk.models.data_export.DataExport`
written as a JSON archive, Markdown or CSV, optionally in an AES-256 password-protected zip,
always 0600 and atomically (``files.write_private_file``). Takes domain objects, never a vault.

* ``json``: a zip holding ``peerdesk-export.json`` (``docs/data-export.md``) and every file as
  ``attachments/<id>-<name>``, its SHA-256 in the JSON;
* ``markdown``: a zip of one ``.md`` file per entry with its files beside it (markdown.py);
  An encrypted zip's entry names are not encrypted (the zip format keeps them in the clear),
  so with a password the names carry no titles or file names: ``entries/0012.md``,
  ``attachments/7.pdf``.
* ``csv``: one row per entry (csv_table.py); a plain ``.csv`` file, or a zip holding it when a
  password is given.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from peerdesk.export.data.csv_table import CSV_NAME, csv_bytes
from peerdesk.export.data.markdown import write_markdown
from peerdesk.export.data.zipping import ZipBuilder
from peerdesk.files import write_private_file
from peerdesk.i18n import N_, _
from peerdesk.models.data_export import DataExport
from peerdesk.models.data_export_json import attachment_path, to_document

JSON_NAME = "peerdesk-export.json"

#: What the dialog and the CLI say when no password is given (marked here; show it as
#: ``_(NOT_ENCRYPTED)``).
NOT_ENCRYPTED = N_(
    "This export is not encrypted: anyone who gets the file can read everything in it. "
    "Give a password to put it in an AES-256 encrypted zip."
)


class DataFormat(StrEnum):
    JSON = "json"
    MARKDOWN = "markdown"
    CSV = "csv"

    @property
    def label(self) -> str:
        if self is DataFormat.JSON:
            return _("JSON archive (everything, can be imported again)")
        if self is DataFormat.MARKDOWN:
            return _("Markdown (one file per entry, with its files)")
        return _("CSV (one row per entry, for a spreadsheet)")

    def suffix(self, encrypted: bool) -> str:
        return ".csv" if self is DataFormat.CSV and not encrypted else ".zip"


class ExportCancelled(Exception):
    """The user cancelled; nothing was written."""


@dataclass(frozen=True)
class ExportOutcome:
    path: Path
    entries: int
    files: int
    encrypted: bool


def write_data_export(
    export: DataExport,
    fmt: DataFormat,
    path: Path,
    *,
    password: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> ExportOutcome:
    """Write ``export`` to ``path`` (0600, atomic). ``progress(done, total)`` counts entries;
    ``should_stop()`` True raises :class:`ExportCancelled` before anything is written."""
    total = len(export.entries)
    done = 0

    def tick() -> None:
        nonlocal done
        done += 1
        if should_stop is not None and should_stop():
            raise ExportCancelled()
        if progress is not None and (done % 100 == 0 or done == total):
            progress(done, total)

    files = 0
    if fmt is DataFormat.CSV and not password:
        data = csv_bytes(export, tick)
    else:
        archive = ZipBuilder(export.exported_at, password)
        if fmt is DataFormat.JSON:
            files = _json_archive(export, archive.add, tick, hide_names=bool(password))
        elif fmt is DataFormat.MARKDOWN:
            files = write_markdown(export, archive.add, tick, hide_names=bool(password))
        else:
            archive.add(CSV_NAME, csv_bytes(export, tick))
        data = archive.finish()
    if should_stop is not None and should_stop():
        raise ExportCancelled()
    write_private_file(path, data)
    return ExportOutcome(path, total, files, bool(password))


def _json_archive(
    export: DataExport,
    add: Callable[[str, bytes], None],
    tick: Callable[[], None],
    *,
    hide_names: bool,
) -> int:
    for attachment in export.attachments:
        assert attachment.id is not None
        data = export.file_bytes(attachment.id)
        if hashlib.sha256(data).hexdigest() != attachment.sha256:
            raise ValueError(f"attachment {attachment.id} does not match its SHA-256")
        add(attachment_path(attachment, hide_name=hide_names), data)
    document = to_document(export, hide_names=hide_names)
    for _entry in export.entries:
        tick()
    add(JSON_NAME, json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8"))
    return len(export.attachments)


__all__ = [
    "JSON_NAME",
    "NOT_ENCRYPTED",
    "DataFormat",
    "ExportCancelled",
    "ExportOutcome",
    "write_data_export",
]
