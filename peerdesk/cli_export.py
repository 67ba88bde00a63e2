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
        "write everything in a vault as a JSON archive, Markdown or CSV (to take your data "
        "out; the JSON archive can be imported again)",
    )
    p.add_argument("--format", choices=FORMATS, required=True, help="json, markdown or csv")
    p.add_argument(
        "--out", type=Path, required=True, metavar="PATH", help="the file to write (.zip or .csv)"
    )
    p.add_argument(
        "--encrypt",
        action="store_true",
        help="put the export in a password-protected zip (AES-256; the password is asked twice)",
    )
    p.add_argument(
        "--allow-weak",
        action="store_true",
        help="accept a weak (but not a too-easy) zip password without asking",
    )
    p.add_argument(
        "--include-real-names",
        action="store_true",
        help="include colleagues' real names (left out by default)",
    )


def run_export_data(
    args: argparse.Namespace, reader: _Reader, out: TextIO, vault_path: Path
) -> int:
    """The command (``vault_path`` resolved by cli.py). Returns the exit code; raises
    :class:`ExportRefused` with a plain message when nothing could be written."""
    from peerdesk import paths
    from peerdesk.export.data import NOT_ENCRYPTED, DataFormat, write_data_export
    from peerdesk.models.text import plural
    from peerdesk.storage.data_export import read_data_export
    from peerdesk.storage.vault import Vault

    destination: Path = args.out
    if destination.is_dir():
        raise ExportRefused("--out must be a file name, not a folder. Nothing was written.")
    if not destination.parent.is_dir():
        raise ExportRefused("The folder for --out does not exist. Nothing was written.")
    fmt = DataFormat(args.format)
    passphrase = reader.read("Passphrase: ")
    with Vault.open(vault_path, passphrase, backup_dir=paths.backups_dir()) as vault:
        password = (
            reader.read_new(
                "zip password", allow_weak=args.allow_weak, nothing="Nothing was written."
            )
            if args.encrypt
            else None
        )
        export = read_data_export(vault, include_real_names=args.include_real_names)
        outcome = write_data_export(export, fmt, destination, password=password)
    print(
        f"Export written: {outcome.path} ({plural(outcome.entries, 'entry', 'entries')}, "
        f"{plural(outcome.files, 'file')}; format: {fmt.value}).",
        file=out,
    )
    if outcome.encrypted:
        print("It is in an AES-256 encrypted zip: keep the password safe.", file=out)
    else:
        print(NOT_ENCRYPTED.replace("Give a password", "Use --encrypt"), file=out)
    if not args.include_real_names:
        print("Colleagues' real names were left out (--include-real-names adds them).", file=out)
    return 0


__all__ = ["ExportRefused", "add_export_data_parser", "run_export_data"]
