"""Command line: ``peerdesk`` launches the GUI; subcommands work headless.

Passphrases are read from the terminal without echo, or — when standard input is not a
terminal — one line of standard input per prompt. Never from an argument or the environment.
Every error is one line on stderr and a non-zero exit code, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from peerdesk import i18n, paths
from peerdesk.cli_argparse_words import install as install_argparse_words
from peerdesk.cli_parser import build_parser
from peerdesk.cli_secrets import (
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_UNEXPECTED,
    CliError,
    PassphraseReader,
    sentences,
)
from peerdesk.i18n import _, ngettext
from peerdesk.storage.errors import VaultError


def _default_vault() -> Path:
    return paths.default_vault_path()


def _resolve_vault(args: argparse.Namespace) -> Path:
    return args.vault if args.vault is not None else _default_vault()


# -- commands ------------------------------------------------------------------------------------


def cmd_init(args: argparse.Namespace, reader: PassphraseReader, out: TextIO) -> int:
    from peerdesk.content import install_builtin_content
    from peerdesk.storage.connection import remove_vault_files
    from peerdesk.storage.vault import Vault

    target = _resolve_vault(args)
    if args.vault is None:
        paths.ensure_private_dir(paths.data_dir())
    passphrase = reader.read_new(allow_weak=args.allow_weak, nothing=_("No vault was created."))
    vault = Vault.create(target, passphrase)
    try:
        install_builtin_content(vault)
    except BaseException:
        vault.close()
        remove_vault_files(target)
        raise
    vault.close()
    print(
        # translators: {path} is the vault file's path
        _(
            "Created a new vault at {path} (with the built-in coping strategies and "
            "support directory)."
        ).format(path=target),
        file=out,
    )
    return EXIT_OK


def cmd_demo(args: argparse.Namespace, reader: PassphraseReader, out: TextIO) -> int:
    """A new vault filled with realistic, clearly fictional data."""
    import time as clock

    from peerdesk.demo import DEMO_ANCHOR, DemoSize, fill_demo_vault
    from peerdesk.storage.connection import remove_vault_files
    from peerdesk.storage.vault import Vault

    target = _resolve_vault(args)
    if args.vault is None:
        paths.ensure_private_dir(paths.data_dir())
    size = DemoSize(
        incidents=args.incidents,
        people=args.people,
        colleagues=args.colleagues,
        conversations=args.conversations,
        attachments=args.attachments,
        strategy_uses=args.strategy_uses,
    )
    passphrase = reader.read_new(allow_weak=args.allow_weak, nothing=_("No vault was created."))
    started = clock.perf_counter()
    vault = Vault.create(target, passphrase)
    try:
        report = fill_demo_vault(vault, size, seed=args.seed, anchor=args.today or DEMO_ANCHOR)
    except BaseException:
        vault.close()
        remove_vault_files(target)  # never leave a half-made demo vault behind
        raise
    vault.close()
    seconds = clock.perf_counter() - started
    counts = ", ".join(
        (
            ngettext("{count} incident", "{count} incidents", report.incidents).format(
                count=report.incidents
            ),
            ngettext("{count} person", "{count} people", report.people).format(count=report.people),
            ngettext("{count} attachment", "{count} attachments", report.attachments).format(
                count=report.attachments
            ),
            ngettext("{count} colleague", "{count} colleagues", report.colleagues).format(
                count=report.colleagues
            ),
            ngettext("{count} conversation", "{count} conversations", report.conversations).format(
                count=report.conversations
            ),
            ngettext("{count} strategy use", "{count} strategy uses", report.strategy_uses).format(
                count=report.strategy_uses
            ),
        )
    )
    print(
        # translators: {path} is the vault file; {seconds} a duration such as 2.4; {counts} a
        # list such as "60 incidents, 8 people, 10 attachments"
        _(
            "Created a demo vault at {path} in {seconds} s: {counts}. "
            "All names and events are fictional."
        ).format(path=target, seconds=f"{seconds:.1f}", counts=counts),
        file=out,
    )
    return EXIT_OK


def cmd_check(args: argparse.Namespace, reader: PassphraseReader, out: TextIO) -> int:
    """Both integrity checks, then every journal entry's revision chain (with ``--verbose``,
    one line per entry: its number, revision count, whether withdrawn, and its chain head)."""
    from peerdesk.storage.incident_revisions import HistoryReport
    from peerdesk.storage.incidents import IncidentRepository
    from peerdesk.storage.vault import Vault

    target = _resolve_vault(args)
    passphrase = reader.read(_("Passphrase: "))
    history: HistoryReport | None = None
    with Vault.open(target, passphrase, backup_dir=paths.backups_dir()) as vault:
        problems = vault.integrity_problems()
        if not problems:
            history = IncidentRepository(vault).verify_history()
            problems.extend(
                # translators: {number} is a journal entry's record number; {reason} what is wrong
                _("entry No. {number}: {reason}").format(number=p.record_number, reason=p.reason)
                for p in history.problems
            )
    if getattr(args, "verbose", False) and history is not None:
        for line in history.table_lines():
            print(line, file=out)
    if problems:
        for problem in problems:
            # translators: {problem} is one thing wrong with the vault
            print(_("problem: {problem}").format(problem=problem), file=out)
        print(
            ngettext(
                "peerdesk: the vault has {count} problem; see above.",
                "peerdesk: the vault has {count} problems; see above.",
                len(problems),
            ).format(count=len(problems)),
            file=sys.stderr,
        )
        return EXIT_FAILED
    print("ok", file=out)  # i18n: keep — the word scripts test for; the help text says 'ok'
    return EXIT_OK


def cmd_backup(args: argparse.Namespace, reader: PassphraseReader, out: TextIO) -> int:
    from peerdesk.storage.backup import export_to
    from peerdesk.storage.backup_files import backup_name
    from peerdesk.storage.vault import Vault

    target = _resolve_vault(args)
    raw = str(args.out)
    destination = Path(raw).expanduser()
    # A trailing separator names a folder, even one that does not exist yet.
    as_folder = raw.endswith(("/", os.sep)) or destination.is_dir()
    if as_folder and destination.exists() and not destination.is_dir():
        raise CliError(
            # translators: OUT is the name of the command's argument: keep it
            _(
                "OUT ends with a separator, so it names a folder, but a file is "
                "there. Nothing was written."
            )
        )
    passphrase = reader.read(_("Passphrase: "))
    with Vault.open(target, passphrase, backup_dir=paths.backups_dir()) as vault:
        if as_folder:
            paths.ensure_private_dir(destination, tighten_existing=False)
            destination = destination / backup_name(target, "manual")
        written = export_to(vault, destination)
    # translators: {path} is the backup file's path
    print(_("Backup written and verified: {path}").format(path=written), file=out)
    print(_("It opens with the same passphrase as the vault."), file=out)
    return EXIT_OK


def cmd_passwd(args: argparse.Namespace, reader: PassphraseReader, out: TextIO) -> int:
    from peerdesk.storage.vault import Vault

    target = _resolve_vault(args)
    current = reader.read(_("Current passphrase: "))
    with Vault.open(target, current, backup_dir=paths.backups_dir()) as vault:
        new = reader.read_new(allow_weak=args.allow_weak)
        backup = vault.change_passphrase(new, backup_dir=paths.backups_dir())
    print(_("Passphrase changed; the vault passed both integrity checks."), file=out)
    print(
        # translators: {path} is the backup file's path
        _(
            "A backup made just before the change is at {path}. It opens with the OLD "
            "passphrase: delete it if the old passphrase may be known to someone else."
        ).format(path=backup),
        file=out,
    )
    remembered = _update_keyring(target, new)
    if remembered:
        print(remembered, file=out)
    return EXIT_OK


def cmd_export_pdf(args: argparse.Namespace, reader: PassphraseReader, out: TextIO) -> int:
    """The incident report as a PDF, shaped by a recipient profile; prints the date receipt."""
    from peerdesk.export.pdfkit import PdfError
    from peerdesk.export.report import ReportRequest, build_report, date_receipt
    from peerdesk.export.report.request import file_sha256
    from peerdesk.models.enums import IncidentCategory
    from peerdesk.models.report import ProfileError, find_profile
    from peerdesk.storage.incidents import IncidentFilter
    from peerdesk.storage.persons import PersonRepository
    from peerdesk.storage.report_profiles import ReportProfiles
    from peerdesk.storage.report_source import read_report_source
    from peerdesk.storage.vault import Vault

    categories = set()
    for name in args.category or []:
        wanted = name.strip().lower().replace("-", " ").replace("_", " ")
        found = [
            c for c in IncidentCategory if wanted in (c.label.lower(), c.value.replace("_", " "))
        ]
        if not found:
            raise CliError(
                # translators: {name} is the category typed after --category
                _("Unknown category: {name}. Nothing was written.").format(name=repr(name))
            )
        categories.update(found)
    if args.date_from and args.date_to and args.date_from > args.date_to:
        # translators: --from and --to are the command's options: keep them
        raise CliError(_("--from is after --to. Nothing was written."))
    destination: Path = args.out
    if destination.is_dir():
        # translators: --out is the command's option: keep it
        raise CliError(_("--out must be a file name, not a folder. Nothing was written."))
    target = _resolve_vault(args)
    passphrase = reader.read(_("Passphrase: "))
    with Vault.open(target, passphrase, backup_dir=paths.backups_dir()) as vault:
        try:
            profile = find_profile(args.profile, ReportProfiles(vault).list())
        except ProfileError as exc:
            raise CliError(sentences(str(exc), _("Nothing was written."))) from None
        if args.include_reflection:
            profile = profile.with_changes(include_private_reflection=True)
        person_ids = set()
        if args.person:
            people = PersonRepository(vault).list()
            for name in args.person:
                match = [
                    p.id
                    for p in people
                    if p.id is not None and p.display_name.casefold() == name.casefold()
                ]
                if not match:
                    raise CliError(
                        _("No person with that name is in the cast list. Nothing was written.")
                    )
                person_ids.update(match)
        password = (
            reader.read_new(
                "PDF password",  # i18n: keep — a key of _SECRET_TEXTS, translated there
                allow_weak=args.allow_weak,
                nothing=_("Nothing was written."),
            )
            if args.encrypt
            else None
        )
        chosen = IncidentFilter(
            date_from=args.date_from,
            date_to=args.date_to,
            person_ids=frozenset(person_ids),
            categories=frozenset(categories),
            tags=frozenset(t.strip() for t in args.tag or [] if t.strip()),
        )
        request = ReportRequest(
            profile=profile,
            paper=args.paper,
            author=args.author or "",
            organisation=args.organisation or "",
            password=password,
        )
        try:
            source = read_report_source(vault, filter=chosen, images=profile.include_exhibit_images)
            # The report speaks its own language (--language), whatever the command's is.
            with i18n.language(getattr(args, "language", None)):
                result = build_report(source, request, destination)
        except PdfError as exc:
            raise CliError(sentences(str(exc), _("Nothing was written."))) from None
    pages = ngettext("{count} page", "{count} pages", result.pages).format(count=result.pages)
    entries = ngettext("{count} entry", "{count} entries", result.entries).format(
        count=result.entries
    )
    print(
        # translators: {path} is the PDF file; {pages} e.g. "12 pages"; {entries} e.g.
        # "30 entries"; {profile} who the report is for (e.g. Lawyer)
        _("Report written: {path} ({pages}, {entries}, profile: {profile}).").format(
            path=result.path, pages=pages, entries=entries, profile=profile.label
        ),
        file=out,
    )
    if password is None:
        print(
            _("This PDF is not password-protected: anyone who gets the file can read it."),
            file=out,
        )
    print("", file=out)
    print(date_receipt(result, file_sha256=file_sha256(result.path)), file=out)
    return EXIT_OK


def _update_keyring(vault_path: Path, new_passphrase: str) -> str:
    """If this vault's passphrase is remembered in the keyring, store the new one."""
    from peerdesk.storage.keystore import KeyringError, KeyStore, vault_id_for

    # The vault has already been re-encrypted: whatever happens here must not be reported as
    # a failure of the change itself.
    try:
        store = KeyStore()
        if not store.status().available:
            return ""
        vault_id = vault_id_for(vault_path)
        if store.recall(vault_id) is None:
            return ""
        store.remember(vault_id, new_passphrase)
    except KeyringError as exc:
        # translators: {message} is a sentence about the system's keyring
        return _("Note: {message}").format(message=exc.user_message)
    except Exception:
        return _(
            "Note: the passphrase remembered on this device could not be updated; "
            "PeerDesk will ask you to type the new one."
        )
    return _("The passphrase remembered on this device was updated.")


def _restore_hint(exc: VaultError) -> str:
    """For a vault damaged at its start: which backup opens, and how to restore it."""
    from peerdesk.storage.errors import VaultStartDamaged

    if not isinstance(exc, VaultStartDamaged) or exc.backup is None:
        return ""
    # translators: {path} is a backup file; the quoted words are a button of PeerDesk's
    # unlock window: use that button's translation
    return _(
        "The newest backup that opens with this passphrase is {path}. To restore "
        "it, open the vault in PeerDesk and choose “Restore the newest good "
        "backup…” (the damaged file is kept beside it, renamed), or, with PeerDesk "
        "closed, rename the damaged file and copy the backup in its place."
    ).format(path=exc.backup)


def cmd_import(args: argparse.Namespace, reader: PassphraseReader, out: TextIO) -> int:
    from peerdesk.cli_import import run_import

    return run_import(args, reader, out, _resolve_vault(args))


def cmd_export_data(args: argparse.Namespace, reader: PassphraseReader, out: TextIO) -> int:
    from peerdesk.cli_export import ExportRefused, run_export_data

    try:
        return run_export_data(args, reader, out, _resolve_vault(args))
    except ExportRefused as exc:
        raise CliError(str(exc)) from None


def cmd_gui(args: argparse.Namespace) -> int:
    from peerdesk.app import run_gui

    return run_gui(vault=args.vault)


COMMANDS: dict[str, Callable[[argparse.Namespace, PassphraseReader, TextIO], int]] = {
    "init": cmd_init,
    "check": cmd_check,
    "backup": cmd_backup,
    "passwd": cmd_passwd,
    "demo": cmd_demo,
    "export-pdf": cmd_export_pdf,
    "import": cmd_import,
    "export-data": cmd_export_data,
}


def _prefixed(message: str) -> str:
    # translators: an error line of the command line: "peerdesk: <message>"
    return _("peerdesk: {message}").format(message=message)


def disable_core_dumps() -> None:
    """Passphrases and decrypted text live in memory: never let a crash write them out."""
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (ImportError, ValueError, OSError):  # pragma: no cover - not on every platform
        pass


def main(argv: Sequence[str] | None = None) -> int:
    disable_core_dumps()
    # The command line speaks the environment's language (LANGUAGE, LC_ALL, LANG); the
    # application (no command) applies the user's preference itself later, in run_gui.
    i18n.set_language(None)
    install_argparse_words()
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.data_dir is not None:
        paths.set_data_dir(args.data_dir)
    if args.self_test:
        from peerdesk.selftest import run_self_test

        return run_self_test(sys.stdout)
    try:
        if args.command is None:
            return cmd_gui(args)
        return COMMANDS[args.command](args, PassphraseReader(), sys.stdout)
    except VaultError as exc:
        print(_prefixed(exc.user_message), file=sys.stderr)
        hint = _restore_hint(exc)
        if hint:
            print(hint, file=sys.stderr)
        return EXIT_FAILED
    except CliError as exc:
        print(_prefixed(exc.message), file=sys.stderr)
        return exc.code
    except KeyboardInterrupt:
        print(_("peerdesk: interrupted; nothing was changed."), file=sys.stderr)
        return EXIT_INTERRUPTED
    except OSError as exc:
        # File-system trouble outside the vault (e.g. an unwritable output folder): say what,
        # without a traceback. strerror holds no user content.
        # strerror is the system's own text (in the C library's language).
        if exc.strerror:
            print(_prefixed(f"{exc.strerror}."), file=sys.stderr)
        else:
            print(_("peerdesk: a file operation failed."), file=sys.stderr)
        return EXIT_FAILED
    except Exception as exc:
        print(
            # translators: {error} is the name of a programming error (e.g. KeyError): keep it
            _(
                "peerdesk: unexpected error ({error}). Nothing was changed; please report this."
            ).format(error=type(exc).__name__),
            file=sys.stderr,
        )
        return EXIT_UNEXPECTED


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
