"""Command line: ``peerdesk`` launches the GUI; subcommands work headless.

Passphrases are read from the terminal without echo, or — when standard input is not a
terminal — one line of standard input per prompt. Never from an argument or the environment.
Every error is one line on stderr and a non-zero exit code, never a traceback.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from peerdesk import paths
from peerdesk.cli_parser import build_parser
from peerdesk.storage.errors import VaultError

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130
EXIT_UNEXPECTED = 70


class CliError(Exception):
    """A user-facing failure outside the vault (bad arguments, no input)."""

    def __init__(self, message: str, code: int = EXIT_FAILED) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


class PassphraseReader:
    """Reads each passphrase prompt from the terminal (no echo) or one line of stdin."""

    def __init__(self, stdin: TextIO | None = None, stderr: TextIO | None = None) -> None:
        self._stdin = stdin or sys.stdin
        self._stderr = stderr or sys.stderr

    def read(self, prompt: str) -> str:
        if self._stdin.isatty():
            try:
                return getpass.getpass(prompt, stream=self._stderr)
            except EOFError:
                raise CliError("No passphrase was entered.") from None
        line = self._stdin.readline()
        if not line:
            raise CliError("Expected a passphrase on standard input, but it ended.")
        return line.removesuffix("\n").removesuffix("\r")

    def read_new(
        self,
        what: str = "passphrase",
        *,
        allow_weak: bool = False,
        nothing: str = "Nothing was changed.",
    ) -> str:
        """A new secret, typed twice and held to the strength rule
        (:mod:`peerdesk.models.secret_strength`): below the floor it is refused with the
        reason; a weak one is asked about once on a terminal ("Use it anyway? [y/N]") and,
        without a terminal, refused unless ``allow_weak`` (``--allow-weak``)."""
        from peerdesk.models.secret_strength import strength

        first = self.read(f"New {what}: ")
        second = self.read(f"Repeat the new {what}: ")
        if first != second:
            raise CliError(f"The two {what}s do not match. {nothing}")
        if not first:
            raise CliError(f"The {what} cannot be empty.")
        chosen = strength(first)
        if chosen.refusal(what):
            raise CliError(f"{chosen.refusal(what)} {nothing}")
        if chosen.can_override and not allow_weak:
            if not self._stdin.isatty():
                raise CliError(
                    f"{chosen.warning(what)} To use it anyway, run the command "
                    f"again with --allow-weak. {nothing}"
                )
            print(chosen.question(what) + " [y/N] ", end="", file=self._stderr, flush=True)
            answer = self._stdin.readline()
            if answer.strip().lower() not in ("y", "yes"):
                raise CliError(f"Choose another {what}. {nothing}")
        return first


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
    passphrase = reader.read_new(allow_weak=args.allow_weak, nothing="No vault was created.")
    vault = Vault.create(target, passphrase)
    try:
        install_builtin_content(vault)
    except BaseException:
        vault.close()
        remove_vault_files(target)
        raise
    vault.close()
    print(
        f"Created a new vault at {target} (with the built-in coping strategies and "
        "support directory).",
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
    passphrase = reader.read_new(allow_weak=args.allow_weak, nothing="No vault was created.")
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
    print(
        f"Created a demo vault at {target} in {seconds:.1f} s: {report.incidents} incidents, "
        f"{report.people} people, {report.attachments} attachments, {report.colleagues} "
        f"colleagues, {report.conversations} conversations, {report.strategy_uses} "
        "strategy uses. All names and events are fictional.",
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
    passphrase = reader.read("Passphrase: ")
    history: HistoryReport | None = None
    with Vault.open(target, passphrase, backup_dir=paths.backups_dir()) as vault:
        problems = vault.integrity_problems()
        if not problems:
            history = IncidentRepository(vault).verify_history()
            problems.extend(f"entry No. {p.record_number}: {p.reason}" for p in history.problems)
    if getattr(args, "verbose", False) and history is not None:
        for line in history.table_lines():
            print(line, file=out)
    if problems:
        for problem in problems:
            print(f"problem: {problem}", file=out)
        print(f"peerdesk: the vault has {len(problems)} problem(s); see above.", file=sys.stderr)
        return EXIT_FAILED
    print("ok", file=out)
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
            "OUT ends with a separator, so it names a folder, but a file is "
            "there. Nothing was written."
        )
    passphrase = reader.read("Passphrase: ")
    with Vault.open(target, passphrase, backup_dir=paths.backups_dir()) as vault:
        if as_folder:
            paths.ensure_private_dir(destination, tighten_existing=False)
            destination = destination / backup_name(target, "manual")
        written = export_to(vault, destination)
    print(f"Backup written and verified: {written}", file=out)
    print("It opens with the same passphrase as the vault.", file=out)
    return EXIT_OK


def cmd_passwd(args: argparse.Namespace, reader: PassphraseReader, out: TextIO) -> int:
    from peerdesk.storage.vault import Vault

    target = _resolve_vault(args)
    current = reader.read("Current passphrase: ")
    with Vault.open(target, current, backup_dir=paths.backups_dir()) as vault:
        new = reader.read_new(allow_weak=args.allow_weak)
        backup = vault.change_passphrase(new, backup_dir=paths.backups_dir())
    print("Passphrase changed; the vault passed both integrity checks.", file=out)
    print(
        f"A backup made just before the change is at {backup}. It opens with the OLD "
        "passphrase: delete it if the old passphrase may be known to someone else.",
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
    from peerdesk.models.text import plural
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
            raise CliError(f"Unknown category: {name!r}. Nothing was written.")
        categories.update(found)
    if args.date_from and args.date_to and args.date_from > args.date_to:
        raise CliError("--from is after --to. Nothing was written.")
    destination: Path = args.out
    if destination.is_dir():
        raise CliError("--out must be a file name, not a folder. Nothing was written.")
    target = _resolve_vault(args)
    passphrase = reader.read("Passphrase: ")
    with Vault.open(target, passphrase, backup_dir=paths.backups_dir()) as vault:
        try:
            profile = find_profile(args.profile, ReportProfiles(vault).list())
        except ProfileError as exc:
            raise CliError(f"{exc} Nothing was written.") from None
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
                        "No person with that name is in the cast list. Nothing was written."
                    )
                person_ids.update(match)
        password = (
            reader.read_new(
                "PDF password", allow_weak=args.allow_weak, nothing="Nothing was written."
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
            result = build_report(source, request, destination)
        except PdfError as exc:
            raise CliError(f"{exc} Nothing was written.") from None
    print(
        f"Report written: {result.path} ({plural(result.pages, 'page')}, "
        f"{plural(result.entries, 'entry', 'entries')}, "
        f"profile: {profile.label}).",
        file=out,
    )
    if password is None:
        print("This PDF is not password-protected: anyone who gets the file can read it.", file=out)
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
        return f"Note: {exc.user_message}"
    except Exception:
        return (
            "Note: the passphrase remembered on this device could not be updated; "
            "PeerDesk will ask you to type the new one."
        )
    return "The passphrase remembered on this device was updated."


def _restore_hint(exc: VaultError) -> str:
    """For a vault damaged at its start: which backup opens, and how to restore it."""
    from peerdesk.storage.errors import VaultStartDamaged

    if not isinstance(exc, VaultStartDamaged) or exc.backup is None:
        return ""
    return (
        f"The newest backup that opens with this passphrase is {exc.backup}. To restore "
        "it, open the vault in PeerDesk and choose “Restore the newest good "
        "backup…” (the damaged file is kept beside it, renamed), or, with PeerDesk "
        "closed, rename the damaged file and copy the backup in its place."
    )


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


def disable_core_dumps() -> None:
    """Passphrases and decrypted text live in memory: never let a crash write them out."""
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (ImportError, ValueError, OSError):  # pragma: no cover - not on every platform
        pass


def main(argv: Sequence[str] | None = None) -> int:
    disable_core_dumps()
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
        print(f"peerdesk: {exc.user_message}", file=sys.stderr)
        hint = _restore_hint(exc)
        if hint:
            print(hint, file=sys.stderr)
        return EXIT_FAILED
    except CliError as exc:
        print(f"peerdesk: {exc.message}", file=sys.stderr)
        return exc.code
    except KeyboardInterrupt:
        print("peerdesk: interrupted; nothing was changed.", file=sys.stderr)
        return EXIT_INTERRUPTED
    except OSError as exc:
        # File-system trouble outside the vault (e.g. an unwritable output folder): say what,
        # without a traceback. strerror holds no user content.
        print(f"peerdesk: {exc.strerror or 'a file operation failed'}.", file=sys.stderr)
        return EXIT_FAILED
    except Exception as exc:
        print(
            f"peerdesk: unexpected error ({type(exc).__name__}). Nothing was changed; "
            "please report this.",
            file=sys.stderr,
        )
        return EXIT_UNEXPECTED


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
