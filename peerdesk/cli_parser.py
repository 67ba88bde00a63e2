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
from peerdesk.i18n import LANGUAGES, N_, _

#: The demo's counts: option, default, and its help ({default} is the default number).
_DEMO_COUNTS: tuple[tuple[str, int, str], ...] = (
    ("incidents", 60, N_("number of journal entries (default {default})")),
    ("people", 8, N_("number of people in the cast list (default {default})")),
    ("colleagues", 12, N_("number of supported colleagues (default {default})")),
    ("conversations", 40, N_("number of conversations (default {default})")),
    ("attachments", 10, N_("number of image attachments (default {default})")),
    ("strategy-uses", 30, N_("number of strategy ratings (default {default})")),
)


def _vault_arg(value: str) -> Path:
    return Path(value).expanduser()


def _count(value: str) -> int:
    number = int(value)
    if number < 0 or number > 1_000_000:
        raise argparse.ArgumentTypeError(_("must be between 0 and 1000000"))
    return number


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        # translators: YYYY-MM-DD is the form of a date to type, e.g. 2026-03-14; keep it
        raise argparse.ArgumentTypeError(_("use the form YYYY-MM-DD")) from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="peerdesk",
        description=_(
            "PeerDesk: a private, offline journal and peer-support notebook. "
            "Without a command, opens the application."
        ),
    )
    parser.add_argument(
        "--version",
        action="version",
        # translators: what `peerdesk --version` prints; {version} is e.g. 1.4.0
        version=_("PeerDesk {version}").format(version=__version__),
        help=_("show program's version number and exit"),
    )
    parser.add_argument(
        "--data-dir",
        type=_vault_arg,
        metavar="DIR",
        # translators: DIR is the option's value (keep it); {variable} is an environment variable
        help=_("keep all data, backups and preferences under DIR (or set {variable})").format(
            variable=paths.ENV_VAR
        ),
    )
    parser.add_argument(
        "--vault",
        type=_vault_arg,
        default=None,
        metavar="FILE",
        help=_("open this vault file in the application"),
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help=_(
            "check this installation without a window: make a throwaway vault "
            "in a temporary folder, write, search, back up, export a PDF, remove "
            "everything; exit 0 when all is well"
        ),
    )

    # --data-dir is accepted after the command too; SUPPRESS keeps the subparser from
    # overwriting a value given before the command.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir",
        type=_vault_arg,
        metavar="DIR",
        default=argparse.SUPPRESS,
        # translators: DIR is the option's value (keep it)
        help=_("keep all data, backups and preferences under DIR"),
    )

    # translators: the placeholder for a command name in `peerdesk --help`
    sub = parser.add_subparsers(dest="command", metavar=_("COMMAND"))

    def vault_command(name: str, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, parents=[common], help=help_text, description=help_text)
        p.add_argument(
            "vault",
            type=_vault_arg,
            nargs="?",
            default=None,
            metavar="VAULT",
            help=_("the vault file (default: the vault in the data directory)"),
        )
        return p

    allow_weak_help = _(
        "accept a weak (but not a too-easy) new passphrase without asking; "
        "needed for a weak one when standard input is not a terminal"
    )

    init = vault_command("init", _("create a new, empty vault (asks for the passphrase twice)"))
    init.add_argument("--allow-weak", action="store_true", help=allow_weak_help)
    check = vault_command(
        "check",
        # translators: 'ok' is what the command prints (it stays 'ok')
        _("run both integrity checks on a vault and say 'ok' or what is wrong"),
    )
    check.add_argument(
        "--verbose",
        action="store_true",
        help=_(
            "also print one line per journal entry: its number (Record no.), "
            "revision count, whether it was withdrawn, and its chain head (the "
            "fingerprint a report's integrity appendix shows)"
        ),
    )
    backup = vault_command("backup", _("write a verified, encrypted backup of a vault"))
    backup.add_argument(
        "out",
        type=str,
        metavar="OUT",  # str: keeps a trailing "/"
        help=_(
            "the backup file to write, or a folder to write it into (a "
            "path ending in / is a folder, created if needed)"
        ),
    )
    passwd = vault_command(
        "passwd", _("change a vault's passphrase (takes a verified backup first)")
    )
    passwd.add_argument("--allow-weak", action="store_true", help=allow_weak_help)
    demo = vault_command("demo", _("create a new vault filled with realistic, fictional demo data"))
    demo.add_argument("--allow-weak", action="store_true", help=allow_weak_help)
    for name, default, what in _DEMO_COUNTS:
        demo.add_argument(
            f"--{name}",
            type=_count,
            default=default,
            metavar="N",
            help=_(what).format(default=default),
        )
    demo.add_argument("--seed", type=int, default=1, help=_("the same seed gives the same data"))
    demo.add_argument(
        "--today",
        type=_iso_date,
        default=None,
        metavar="YYYY-MM-DD",
        help=_(
            "the date the data ends at (default: a fixed date, so that the "
            "seed alone decides the data)"
        ),
    )
    export = vault_command(
        "export-pdf",
        _(
            "write the incident report as a PDF for HR, a union representative, "
            "a lawyer or yourself"
        ),
    )
    export.add_argument(
        "--out", type=_vault_arg, required=True, metavar="FILE", help=_("the PDF file to write")
    )
    export.add_argument(
        "--profile",
        default="lawyer",
        metavar="NAME",
        # translators: own, hr, union, lawyer and custom are values to type: keep them
        help=_(
            "who it is for: own, hr, union, lawyer, custom, or the name of a "
            "profile saved in PeerDesk (default lawyer)"
        ),
    )
    export.add_argument(
        "--from",
        dest="date_from",
        type=_iso_date,
        default=None,
        metavar="YYYY-MM-DD",
        help=_("first event date to include"),
    )
    export.add_argument(
        "--to",
        dest="date_to",
        type=_iso_date,
        default=None,
        metavar="YYYY-MM-DD",
        help=_("last event date to include"),
    )
    export.add_argument(
        "--person",
        action="append",
        metavar="NAME",
        help=_("only entries involving this cast-list person (repeatable)"),
    )
    export.add_argument(
        "--category",
        action="append",
        metavar="NAME",
        help=_("only entries in this category (repeatable)"),
    )
    export.add_argument(
        "--tag",
        action="append",
        metavar="TAG",
        help=_("only entries with this tag (repeatable)"),
    )
    export.add_argument(
        "--include-reflection",
        action="store_true",
        help=_("also print your private reflections (left out by default)"),
    )
    export.add_argument("--paper", choices=("a4", "letter"), default="a4")
    export.add_argument(
        "--author",
        default="",
        metavar="NAME",
        help=_("your name on the cover (default: anonymous)"),
    )
    export.add_argument("--organisation", default="", metavar="NAME")
    export.add_argument(
        "--encrypt",
        action="store_true",
        help=_("protect the PDF with a password (AES-256; asked twice)"),
    )
    export.add_argument(
        "--allow-weak",
        action="store_true",
        help=_("accept a weak (but not a too-easy) PDF password without asking"),
    )
    export.add_argument(
        "--language",
        choices=LANGUAGES,
        default=None,
        metavar="CODE",
        # translators: {codes} lists language codes (en, de, ...); keep CODE-like words as they are
        help=_(
            "the report's language: one of {codes} (default: the language of this command)"
        ).format(codes=", ".join(LANGUAGES)),
    )
    add_import_command(vault_command)
    add_export_data_parser(vault_command)
    return parser
