"""Which reader a file needs (``peerdesk import`` without ``--from``, the Import dialog), and
reading a source with the reader of its format.

Detection looks at the file, not only its name: a zip holding ``peerdesk-export.json`` is a
PeerDesk archive and one holding a journal JSON is Day One's; a ``.json`` is jrnl's or Day
One's by its shape; text whose first line is a jrnl date line is jrnl's; a folder or a ``.md``
is Markdown, a ``.csv``/``.tsv`` is CSV, an ``.eml`` is an email.

The PeerDesk archive reader is :mod:`peerdesk.importing.peerdesk_archive`, the email reader
:mod:`peerdesk.importing.email`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from peerdesk.i18n import N_, _
from peerdesk.importing.base import FORMATS, ImportFailed, ImportPlan
from peerdesk.importing.csv_import import CsvMapping, read_csv
from peerdesk.importing.dayone import is_dayone_json, read_dayone
from peerdesk.importing.email import read_email
from peerdesk.importing.jrnl import is_jrnl_json, looks_like_jrnl_text, read_jrnl
from peerdesk.importing.markdown import SUFFIXES as MARKDOWN_SUFFIXES
from peerdesk.importing.markdown import read_markdown
from peerdesk.importing.peerdesk_archive import ArchiveContents
from peerdesk.importing.peerdesk_archive import read_archive as read_peerdesk_archive
from peerdesk.importing.safety import SafeZip, is_zip

#: Words for each format, for the dialog and the CLI.
FORMAT_LABELS: dict[str, str] = {
    "peerdesk": N_("PeerDesk data export (.zip)"),
    "dayone": N_("Day One JSON export (.zip)"),
    "jrnl": N_("jrnl journal (text or JSON)"),
    "markdown": N_("Markdown notes (folder or .md)"),
    "csv": N_("CSV spreadsheet (.csv)"),
    "email": N_("Email (.eml)"),
}

_SNIFF_BYTES = 64 * 1024


def detect_format(path: Path) -> str:
    """The format of ``path`` (a key of :data:`FORMAT_LABELS`); :class:`ImportFailed` when it
    cannot be told, asking the user to choose."""
    path = Path(path)
    if path.is_dir():
        return "markdown"
    if not path.exists():
        raise ImportFailed(_("There is no such file or folder."), where=path.name)
    suffix = path.suffix.lower()
    if suffix in MARKDOWN_SUFFIXES:
        return "markdown"
    if suffix in (".csv", ".tsv"):
        return "csv"
    if suffix in (".eml", ".msg"):
        return "email"
    if is_zip(path):
        with SafeZip(path, allow_encrypted=True) as archive:
            names = archive.names()
        if "peerdesk-export.json" in names:
            return "peerdesk"
        if any(n.lower().endswith(".json") and "/" not in n for n in names):
            return "dayone"
        raise ImportFailed(
            _("This zip is neither a PeerDesk nor a Day One export: choose its format."),
            where=path.name,
        )
    try:
        with open(path, "rb") as handle:
            head = handle.read(_SNIFF_BYTES)
    except OSError:
        raise ImportFailed(_("The file cannot be read."), where=path.name) from None
    text = head.decode("utf-8-sig", "replace")
    if text.lstrip().startswith("{"):
        try:
            data = json.loads(path.read_bytes().decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError, OSError):
            data = None
        if is_dayone_json(data):
            return "dayone"
        if is_jrnl_json(data):
            return "jrnl"
    elif looks_like_jrnl_text(text):
        return "jrnl"
    raise ImportFailed(_("The format of this file is not recognised: choose it."), where=path.name)


@dataclass
class Source:
    """A source as read: its format, the plan, and for a PeerDesk archive the archive itself
    (its writer imports more than entries)."""

    format: str
    plan: ImportPlan
    archive: ArchiveContents | None = None


def read_source(
    path: Path,
    format: str | None = None,
    *,
    csv_mapping: CsvMapping | None = None,
    password: str | None = None,
) -> Source:
    """Read ``path`` with the reader of ``format`` (detected when None)."""
    path = Path(path)
    fmt = format or detect_format(path)
    if fmt not in FORMATS:
        raise ImportFailed(
            # translators: {format} is what was given as the format
            _("“{format}” is not a format PeerDesk can import.").format(format=fmt),
            where=path.name,
        )
    if fmt == "dayone":
        return Source(fmt, read_dayone(path))
    if fmt == "jrnl":
        return Source(fmt, read_jrnl(path))
    if fmt == "markdown":
        return Source(fmt, read_markdown(path))
    if fmt == "csv":
        return Source(fmt, read_csv(path, csv_mapping))
    if fmt == "email":
        return Source(fmt, read_email(path))
    contents = read_peerdesk_archive(path, password)
    return Source(fmt, contents.plan(), archive=contents)


__all__ = ["FORMAT_LABELS", "Source", "detect_format", "read_source"]
