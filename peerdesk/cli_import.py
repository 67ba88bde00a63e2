"""``peerdesk import VAULT FILE``: bring entries in from Day One, jrnl, Markdown notes, a CSV
file, an email or a PeerDesk export.

The format is detected from the file unless ``--from`` names it. The command prints what would
be imported (entries, their date range, files, entries imported before, what is skipped and
why); a password-protected PeerDesk export asks for its password first. With ``--dry-run``
it stops there and writes nothing. Otherwise it writes everything in
one transaction, so an error or Ctrl+C leaves the vault as it was.

A CSV needs to know which column holds what (``--csv-columns date=Date,title=Subject,…``,
guessed from the header names when left out) and, for dates like ``04/03/2026``, whether the
day or the month comes first (``--date-order dmy|mdy|ymd``): such a date is never guessed.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol, TextIO

from peerdesk.importing.base import FORMATS, ImportFailed, Preview
from peerdesk.importing.csv_import import DATE_ORDERS, FIELDS, CsvMapping, guess_columns, read_table
from peerdesk.importing.detect import FORMAT_LABELS, Source, detect_format, read_source
from peerdesk.importing.safety import is_encrypted_zip
from peerdesk.models.dates import short_date

#: How many skipped items are listed one per line (the rest are counted).
SKIPPED_SHOWN = 20


class _Reader(Protocol):
    def read(self, prompt: str) -> str: ...


def add_import_command(vault_command: Callable[[str, str], argparse.ArgumentParser]) -> None:
    """Register ``peerdesk import`` (``vault_command`` is cli_parser's helper)."""
    p = vault_command(
        "import",
        "bring entries in from Day One, jrnl, Markdown notes, a CSV file, an email or a "
        "PeerDesk export (shows what it would import first)",
    )
    p.add_argument("source", type=Path, metavar="FILE", help="the file or folder to import")
    p.add_argument(
        "--from",
        dest="source_format",
        choices=FORMATS,
        default=None,
        help="the format of FILE (default: detected from the file)",
    )
    p.add_argument(
        "--dry-run", action="store_true", help="show what would be imported and write nothing"
    )
    p.add_argument(
        "--csv-columns",
        default=None,
        metavar="FIELD=COLUMN,…",
        help="for a CSV file: which column holds each of " + ", ".join(FIELDS) + " (default: "
        "guessed from the header names), e.g. date=Date,title=Subject,text=Notes",
    )
    p.add_argument(
        "--date-order",
        choices=DATE_ORDERS,
        default=None,
        help="for a CSV file with dates like 04/03/2026: day-month-year (dmy), "
        "month-day-year (mdy) or year-month-day (ymd)",
    )


def _mapping(args: argparse.Namespace, path: Path) -> CsvMapping:
    columns: dict[str, str] = {}
    if args.csv_columns:
        for pair in args.csv_columns.split(","):
            key, sep, column = pair.partition("=")
            key = key.strip().lower()
            if not sep or key not in FIELDS or not column.strip():
                raise ImportFailed(
                    f"--csv-columns: “{pair.strip()}” is not FIELD=COLUMN with FIELD one of "
                    + ", ".join(FIELDS)
                    + "."
                )
            columns[key] = column.strip()
    else:
        columns = guess_columns(read_table(path).headers)
    return CsvMapping(columns, args.date_order)


def describe(preview: Preview, source: Source, path: Path) -> list[str]:
    """The preview in lines of text (the CLI prints them; tests read them)."""
    lines = [f"Import from {FORMAT_LABELS.get(source.format, source.format)}: {path.name}"]
    span = ""
    if preview.first is not None and preview.last is not None:
        first, last = short_date(preview.first), short_date(preview.last)
        span = f", {first} to {last}" if first != last else f", {first}"
    lines.append(f"  {preview.entries} new entries{span}")
    lines.append(f"  {preview.files} files to attach")
    if preview.already_imported:
        lines.append(f"  {preview.already_imported} imported before (left out)")
    if preview.skipped:
        lines.append(f"  {len(preview.skipped)} skipped:")
        for item in preview.skipped[:SKIPPED_SHOWN]:
            lines.append(f"    {item.where}: {item.reason}")
        if len(preview.skipped) > SKIPPED_SHOWN:
            lines.append(f"    … and {len(preview.skipped) - SKIPPED_SHOWN} more")
    return lines


def run_import(args: argparse.Namespace, reader: _Reader, out: TextIO, vault_path: Path) -> int:
    """The command (``vault_path`` resolved by cli.py). Returns the exit code."""
    import sys

    from peerdesk import paths
    from peerdesk.storage.importing import import_source, planned
    from peerdesk.storage.vault import Vault

    path: Path = args.source
    try:
        mapping = None
        fmt = args.source_format
        if fmt == "csv" or (fmt is None and path.suffix.lower() in (".csv", ".tsv")):
            mapping = _mapping(args, path)
            table = read_table(path)
            print(f"Read {path.name} as {table.describe()}.", file=out)
        password = None
        if (fmt or detect_format(path)) == "peerdesk" and is_encrypted_zip(path):
            password = reader.read("Password of the export: ")
        source = read_source(path, fmt, csv_mapping=mapping, password=password)
    except ImportFailed as error:
        print(f"peerdesk: {error} Nothing was imported.", file=sys.stderr)
        return 1
    passphrase = reader.read("Passphrase: ")
    with Vault.open(vault_path, passphrase, backup_dir=paths.backups_dir()) as vault:
        preview = planned(vault, source)
        for line in describe(preview, source, path):
            print(line, file=out)
        if args.dry_run:
            print("Dry run: nothing was written.", file=out)
            return 0
        outcome: Any = import_source(vault, source)
    print(
        f"Imported {outcome.entries} entries and {outcome.files} files"
        + (
            f"; {outcome.people_added} people added to the cast list"
            if outcome.people_added
            else ""
        )
        + ".",
        file=out,
    )
    return 0


__all__ = ["add_import_command", "describe", "run_import"]
