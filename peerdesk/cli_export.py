"""``peerdesk export-data``: everything in a vault, in an open format (issue 14).

    peerdesk export-data [VAULT] --format json|markdown|csv --out PATH
                         [--encrypt [--allow-weak]] [--include-real-names]

The vault's passphrase is read like every other command's (terminal without echo, or one line
of standard input); ``--encrypt`` then asks for the zip password twice, the same way and held
to the same strength rule as ``export-pdf --encrypt``. Without it the command says plainly that
the export is not encrypted.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Protocol, TextIO

from peerdesk.i18n import _, ngettext

FORMATS = ("json", "markdown", "csv")


class ExportRefused(Exception):
    """The export cannot be written as asked; ``str()`` says why (cli.py makes it a CliError)."""


class _Reader(Protocol):
    """What the command needs of cli.py's passphrase reader."""

    def read(self, prompt: str) -> str: ...

    def read_new(self, what: str = ..., *, allow_weak: bool = ..., nothing: str = ...) -> str: ...


def add_export_data_parser(vault_command: Callable[[str, str], argparse.ArgumentParser]) -> None:
    """Register ``export-data`` through ``cli_parser``'s ``vault_command``."""
    p = vault_command(
        "export-data",
        _(
            "write everything in a vault as a JSON archive, Markdown or CSV (to take your data "
            "out; the JSON archive can be imported again)"
        ),
    )
    p.add_argument(
        "--format",
        choices=FORMATS,
        required=True,
        # translators: values to type: keep them
        help=_("json, markdown or csv"),
    )
    p.add_argument(
        "--out",
        type=Path,
        required=True,
        metavar="PATH",
        help=_("the file to write (.zip or .csv)"),
    )
    p.add_argument(
        "--encrypt",
        action="store_true",
        help=_("put the export in a password-protected zip (AES-256; the password is asked twice)"),
    )
    p.add_argument(
        "--allow-weak",
        action="store_true",
        help=_("accept a weak (but not a too-easy) zip password without asking"),
    )
    p.add_argument(
        "--include-real-names",
        action="store_true",
        help=_("include colleagues' real names (left out by default)"),
    )


def run_export_data(
    args: argparse.Namespace, reader: _Reader, out: TextIO, vault_path: Path
) -> int:
    """The command (``vault_path`` resolved by cli.py). Returns the exit code; raises
    :class:`ExportRefused` with a plain message when nothing could be written."""
    from peerdesk import paths
    from peerdesk.export.data import DataFormat, write_data_export
    from peerdesk.storage.data_export import read_data_export
    from peerdesk.storage.vault import Vault

    destination: Path = args.out
    if destination.is_dir():
        # translators: --out is the command's option: keep it
        raise ExportRefused(_("--out must be a file name, not a folder. Nothing was written."))
    if not destination.parent.is_dir():
        # translators: --out is the command's option: keep it
        raise ExportRefused(_("The folder for --out does not exist. Nothing was written."))
    fmt = DataFormat(args.format)
    passphrase = reader.read(_("Passphrase: "))
    with Vault.open(vault_path, passphrase, backup_dir=paths.backups_dir()) as vault:
        password = (
            reader.read_new(
                "zip password",  # i18n: keep — a key of cli._SECRET_TEXTS, translated there
                allow_weak=args.allow_weak,
                nothing=_("Nothing was written."),
            )
            if args.encrypt
            else None
        )
        export = read_data_export(vault, include_real_names=args.include_real_names)
        outcome = write_data_export(export, fmt, destination, password=password)
    entries = ngettext("{count} entry", "{count} entries", outcome.entries).format(
        count=outcome.entries
    )
    files = ngettext("{count} file", "{count} files", outcome.files).format(count=outcome.files)
    print(
        # translators: {path} is the file written; {entries} e.g. "12 entries"; {files} e.g.
        # "3 files"; {format} is json, markdown or csv
        _("Export written: {path} ({entries}, {files}; format: {format}).").format(
            path=outcome.path, entries=entries, files=files, format=fmt.value
        ),
        file=out,
    )
    if outcome.encrypted:
        print(_("It is in an AES-256 encrypted zip: keep the password safe."), file=out)
    else:
        print(
            # translators: --encrypt is the command's option: keep it
            _(
                "This export is not encrypted: anyone who gets the file can read everything in "
                "it. Use --encrypt to put it in an AES-256 encrypted zip."
            ),
            file=out,
        )
    if not args.include_real_names:
        print(
            # translators: --include-real-names is the command's option: keep it
            _("Colleagues' real names were left out (--include-real-names adds them)."),
            file=out,
        )
    return 0


__all__ = ["ExportRefused", "add_export_data_parser", "run_export_data"]
