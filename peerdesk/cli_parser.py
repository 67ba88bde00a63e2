"""The ``peerdesk`` command line's arguments: the parser :func:`peerdesk.cli.main` uses.

Kept apart from the commands (:mod:`peerdesk.cli`) so that each module stays small; the help
texts here are what ``peerdesk --help`` and ``peerdesk COMMAND --help`` print.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from peerdesk import __version__, paths
from peerdesk.cli_export import add_export_data_parser
from peerdesk.cli_import import add_import_command


def _vault_arg(value: str) -> Path:
    return Path(value).expanduser()


def _count(value: str) -> int:
    number = int(value)
    if number < 0 or number > 1_000_000:
        raise argparse.ArgumentTypeError("must be between 0 and 1000000")
    return number


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError("use the form YYYY-MM-DD") from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="peerdesk",
        description="PeerDesk: a private, offline journal and peer-support notebook. "
        "Without a command, opens the application.",
    )
    parser.add_argument("--version", action="version", version=f"PeerDesk {__version__}")
    parser.add_argument(
        "--data-dir",
        type=_vault_arg,
        metavar="DIR",
        help=f"keep all data, backups and preferences under DIR (or set {paths.ENV_VAR})",
    )
    parser.add_argument(
        "--vault",
        type=_vault_arg,
        default=None,
        metavar="FILE",
        help="open this vault file in the application",
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check this installation without a window: make a throwaway vault "
        "in a temporary folder, write, search, back up, export a PDF, remove "
        "everything; exit 0 when all is well",
    )

    # --data-dir is accepted after the command too; SUPPRESS keeps the subparser from
    # overwriting a value given before the command.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir",
        type=_vault_arg,
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="keep all data, backups and preferences under DIR",
    )

    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def vault_command(name: str, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, parents=[common], help=help_text, description=help_text)
        p.add_argument(
            "vault",
            type=_vault_arg,
            nargs="?",
            default=None,
            metavar="VAULT",
            help="the vault file (default: the vault in the data directory)",
        )
        return p

    allow_weak_help = (
        "accept a weak (but not a too-easy) new passphrase without asking; "
        "needed for a weak one when standard input is not a terminal"
    )

    init = vault_command("init", "create a new, empty vault (asks for the passphrase twice)")
    init.add_argument("--allow-weak", action="store_true", help=allow_weak_help)
    check = vault_command(
        "check", "run both integrity checks on a vault and say 'ok' or what is wrong"
    )
    check.add_argument(
        "--verbose",
        action="store_true",
        help="also print one line per journal entry: its number (Record no.), "
        "revision count, whether it was withdrawn, and its chain head (the "
        "fingerprint a report's integrity appendix shows)",
    )
    backup = vault_command("backup", "write a verified, encrypted backup of a vault")
    backup.add_argument(
        "out",
        type=str,
        metavar="OUT",  # str: keeps a trailing "/"
        help="the backup file to write, or a folder to write it into (a "
        "path ending in / is a folder, created if needed)",
    )
    passwd = vault_command("passwd", "change a vault's passphrase (takes a verified backup first)")
    passwd.add_argument("--allow-weak", action="store_true", help=allow_weak_help)
    demo = vault_command("demo", "create a new vault filled with realistic, fictional demo data")
    demo.add_argument("--allow-weak", action="store_true", help=allow_weak_help)
    for name, default, what in (
        ("incidents", 60, "journal entries"),
        ("people", 8, "people in the cast list"),
        ("colleagues", 12, "supported colleagues"),
        ("conversations", 40, "conversations"),
        ("attachments", 10, "image attachments"),
        ("strategy-uses", 30, "strategy ratings"),
    ):
        demo.add_argument(
            f"--{name}",
            type=_count,
            default=default,
            metavar="N",
            help=f"number of {what} (default {default})",
        )
    demo.add_argument("--seed", type=int, default=1, help="the same seed gives the same data")
    demo.add_argument(
        "--today",
        type=_iso_date,
        default=None,
        metavar="YYYY-MM-DD",
        help="the date the data ends at (default: a fixed date, so that the "
        "seed alone decides the data)",
    )
    export = vault_command(
        "export-pdf",
        "write the incident report as a PDF for HR, a union representative, a lawyer or yourself",
    )
    export.add_argument(
        "--out", type=_vault_arg, required=True, metavar="FILE", help="the PDF file to write"
    )
    export.add_argument(
        "--profile",
        default="lawyer",
        metavar="NAME",
        help="who it is for: own, hr, union, lawyer, custom, or the name of a "
        "profile saved in PeerDesk (default lawyer)",
    )
    export.add_argument(
        "--from",
        dest="date_from",
        type=_iso_date,
        default=None,
        metavar="YYYY-MM-DD",
        help="first event date to include",
    )
    export.add_argument(
        "--to",
        dest="date_to",
        type=_iso_date,
        default=None,
        metavar="YYYY-MM-DD",
        help="last event date to include",
    )
    export.add_argument(
        "--person",
        action="append",
        metavar="NAME",
        help="only entries involving this cast-list person (repeatable)",
    )
    export.add_argument(
        "--category",
        action="append",
        metavar="NAME",
        help="only entries in this category (repeatable)",
    )
    export.add_argument(
        "--tag", action="append", metavar="TAG", help="only entries with this tag (repeatable)"
    )
    export.add_argument(
        "--include-reflection",
        action="store_true",
        help="also print your private reflections (left out by default)",
    )
    export.add_argument("--paper", choices=("a4", "letter"), default="a4")
    export.add_argument(
        "--author", default="", metavar="NAME", help="your name on the cover (default: anonymous)"
    )
    export.add_argument("--organisation", default="", metavar="NAME")
    export.add_argument(
        "--encrypt",
        action="store_true",
        help="protect the PDF with a password (AES-256; asked twice)",
    )
    export.add_argument(
        "--allow-weak",
        action="store_true",
        help="accept a weak (but not a too-easy) PDF password without asking",
    )
    add_import_command(vault_command)
    add_export_data_parser(vault_command)
    return parser
