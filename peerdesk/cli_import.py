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

from peerdesk.i18n import _, ngettext
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
        _(
            "bring entries in from Day One, jrnl, Markdown notes, a CSV file, an email or a "
            "PeerDesk export (shows what it would import first)"
        ),
    )
    p.add_argument("source", type=Path, metavar="FILE", help=_("the file or folder to import"))
    p.add_argument(
        "--from",
        dest="source_format",
        choices=FORMATS,
        default=None,
        # translators: FILE is the name of the argument: keep it
        help=_("the format of FILE (default: detected from the file)"),
    )
    p.add_argument(
        "--dry-run", action="store_true", help=_("show what would be imported and write nothing")
    )
    p.add_argument(
        "--csv-columns",
        default=None,
        metavar="FIELD=COLUMN,…",
        # translators: {fields} lists the field names to type (date, title, ...): keep them and
        # the example's words before each "="
        help=_(
            "for a CSV file: which column holds each of {fields} (default: "
            "guessed from the header names), e.g. date=Date,title=Subject,text=Notes"
        ).format(fields=", ".join(FIELDS)),
    )
    p.add_argument(
        "--date-order",
        choices=DATE_ORDERS,
        default=None,
        # translators: dmy, mdy and ymd are values to type: keep them
        help=_(
            "for a CSV file with dates like 04/03/2026: day-month-year (dmy), "
            "month-day-year (mdy) or year-month-day (ymd)"
        ),
    )


def _mapping(args: argparse.Namespace, path: Path) -> CsvMapping:
    columns: dict[str, str] = {}
    if args.csv_columns:
        for pair in args.csv_columns.split(","):
            key, sep, column = pair.partition("=")
            key = key.strip().lower()
            if not sep or key not in FIELDS or not column.strip():
                raise ImportFailed(
                    # translators: {pair} is what was typed; {fields} lists the field names;
                    # keep --csv-columns and FIELD=COLUMN
                    _(
                        "--csv-columns: “{pair}” is not FIELD=COLUMN with FIELD one of {fields}."
                    ).format(pair=pair.strip(), fields=", ".join(FIELDS))
                )
            columns[key] = column.strip()
    else:
        columns = guess_columns(read_table(path).headers)
    return CsvMapping(columns, args.date_order)


def describe(preview: Preview, source: Source, path: Path) -> list[str]:
    """The preview in lines of text (the CLI prints them; tests read them)."""
    label = FORMAT_LABELS.get(source.format)
    lines = [
        # translators: {format} is a kind of file (e.g. "Day One JSON export (.zip)");
        # {name} is a file's name
        _("Import from {format}: {name}").format(
            format=_(label) if label else source.format, name=path.name
        )
    ]
    n = preview.entries
    if preview.first is not None and preview.last is not None:
        first, last = short_date(preview.first), short_date(preview.last)
        if first != last:
            # translators: {first} and {last} are dates
            entries = ngettext(
                "  {count} new entry, {first} to {last}",
                "  {count} new entries, {first} to {last}",
                n,
            ).format(count=n, first=first, last=last)
        else:
            # translators: {date} is a date
            entries = ngettext(
                "  {count} new entry, {date}", "  {count} new entries, {date}", n
            ).format(count=n, date=first)
    else:
        entries = ngettext("  {count} new entry", "  {count} new entries", n).format(count=n)
    lines.append(entries)
    lines.append(
        ngettext("  {count} file to attach", "  {count} files to attach", preview.files).format(
            count=preview.files
        )
    )
    if preview.already_imported:
        lines.append(
            ngettext(
                "  {count} imported before (left out)",
                "  {count} imported before (left out)",
                preview.already_imported,
            ).format(count=preview.already_imported)
        )
    if preview.skipped:
        skipped = len(preview.skipped)
        lines.append(
            ngettext("  {count} skipped:", "  {count} skipped:", skipped).format(count=skipped)
        )
        for item in preview.skipped[:SKIPPED_SHOWN]:
            # translators: {where} is a file or line that was skipped; {reason} why
            lines.append(_("    {where}: {reason}").format(where=item.where, reason=item.reason))
        if skipped > SKIPPED_SHOWN:
            more = skipped - SKIPPED_SHOWN
            lines.append(
                ngettext("    … and {count} more", "    … and {count} more", more).format(
                    count=more
                )
            )
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
            # translators: {name} is a file; {how} its encoding and separator, e.g. "utf-8,
            # separated by comma"
            print(_("Read {name} as {how}.").format(name=path.name, how=table.describe()), file=out)
        password = None
        if (fmt or detect_format(path)) == "peerdesk" and is_encrypted_zip(path):
            password = reader.read(_("Password of the export: "))
        source = read_source(path, fmt, csv_mapping=mapping, password=password)
    except ImportFailed as error:
        # translators: {error} is a sentence saying what is wrong with the file
        print(_("peerdesk: {error} Nothing was imported.").format(error=error), file=sys.stderr)
        return 1
    passphrase = reader.read(_("Passphrase: "))
    with Vault.open(vault_path, passphrase, backup_dir=paths.backups_dir()) as vault:
        preview = planned(vault, source)
        for line in describe(preview, source, path):
            print(line, file=out)
        if args.dry_run:
            print(_("Dry run: nothing was written."), file=out)
            return 0
        outcome: Any = import_source(vault, source)
    entries = ngettext("{count} entry", "{count} entries", outcome.entries).format(
        count=outcome.entries
    )
    files = ngettext("{count} file", "{count} files", outcome.files).format(count=outcome.files)
    if outcome.people_added:
        # translators: {entries} is e.g. "12 entries"; {files} e.g. "3 files"
        done = ngettext(
            "Imported {entries} and {files}; {count} person added to the cast list.",
            "Imported {entries} and {files}; {count} people added to the cast list.",
            outcome.people_added,
        ).format(entries=entries, files=files, count=outcome.people_added)
    else:
        # translators: {entries} is e.g. "12 entries"; {files} e.g. "3 files"
        done = _("Imported {entries} and {files}.").format(entries=entries, files=files)
    print(done, file=out)
    return 0


__all__ = ["add_import_command", "describe", "run_import"]
