"""The command line, run as a real subprocess: success and error paths, exit codes, no
tracebacks."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from peerdesk import __version__
from peerdesk.storage.settings import VaultSettings
from peerdesk.storage.vault import Vault
from tests.conftest import sha256_of

ROOT = Path(__file__).resolve().parents[2]


def run(
    *args: str, stdin: str = "", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    full_env = dict(os.environ)
    full_env.update(env or {})
    result = subprocess.run(
        [sys.executable, "-m", "peerdesk", *args],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        env=full_env,
        timeout=120,
        check=False,
    )
    assert "Traceback" not in result.stderr, result.stderr
    assert "Traceback" not in result.stdout
    return result


def lines(*items: str) -> str:
    return "".join(f"{item}\n" for item in items)


def demo_vault_at(folder: Path, passphrase: str, **counts: int) -> Path:
    """``peerdesk demo`` into ``folder`` (its own data folder beside the vault) with the
    counts given (``incidents=6, people=3, …``); returns the vault's path."""
    path = folder / "demo.peerdesk"
    options = [f"--{name.replace('_', '-')}={value}" for name, value in counts.items()]
    result = run(
        "--data-dir",
        str(folder / "data"),
        "demo",
        str(path),
        *options,
        stdin=lines(passphrase, passphrase),
    )
    assert result.returncode == 0, result.stderr
    return path


def assert_one_line_error(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode != 0
    err = result.stderr.strip().splitlines()
    assert len(err) == 1, result.stderr
    assert err[0].startswith("peerdesk: ")
    for word in words:
        assert word.lower() in err[0].lower(), err[0]


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"PeerDesk {__version__}"


def test_help_lists_commands() -> None:
    result = run("--help")
    assert result.returncode == 0
    for command in ("init", "check", "backup", "passwd", "--data-dir"):
        assert command in result.stdout


def test_init_then_check(vault_path: Path, passphrase: str) -> None:
    result = run("init", str(vault_path), stdin=lines(passphrase, passphrase))
    assert result.returncode == 0, result.stderr
    assert vault_path.exists()
    assert passphrase not in result.stdout + result.stderr
    result = run("check", str(vault_path), stdin=lines(passphrase))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_init_default_vault_uses_data_dir(tmp_path: Path, passphrase: str) -> None:
    data = tmp_path / "elsewhere"
    result = run("--data-dir", str(data), "init", stdin=lines(passphrase, passphrase))
    assert result.returncode == 0, result.stderr
    assert (data / "vault.peerdesk").exists()
    assert oct(data.stat().st_mode & 0o777) == oct(0o700)
    # --data-dir is also accepted after the command
    result = run("check", "--data-dir", str(data), stdin=lines(passphrase))
    assert result.returncode == 0, result.stderr


def test_init_mismatch_creates_nothing(vault_path: Path) -> None:
    result = run("init", str(vault_path), stdin=lines("one thing", "another"))
    assert_one_line_error(result, "do not match")
    assert not vault_path.exists()


def test_init_refuses_existing_file(vault_path: Path, passphrase: str) -> None:
    vault_path.write_bytes(b"mine")
    result = run("init", str(vault_path), stdin=lines(passphrase, passphrase))
    assert_one_line_error(result, "already exists")
    assert vault_path.read_bytes() == b"mine"


def test_stdin_ends_early(vault_path: Path) -> None:
    result = run("init", str(vault_path), stdin="only-one\n")
    assert_one_line_error(result, "standard input")
    assert not vault_path.exists()


@pytest.fixture
def filled(vault_path: Path, passphrase: str) -> Path:
    with Vault.create(vault_path, passphrase) as v:
        VaultSettings(v).set("entry", "something that happened")
    return vault_path


def test_check_wrong_passphrase(filled: Path) -> None:
    before = sha256_of(filled)
    result = run("check", str(filled), stdin=lines("not it"))
    assert_one_line_error(result, "wrong passphrase")
    assert sha256_of(filled) == before


@pytest.mark.parametrize(
    "content, words",
    [
        (b"", "empty"),
        (b"just some text\n" * 500, "wrong passphrase"),
    ],
)
def test_check_bad_files(vault_path: Path, passphrase: str, content: bytes, words: str) -> None:
    vault_path.write_bytes(content)
    before = sha256_of(vault_path)
    result = run("check", str(vault_path), stdin=lines(passphrase))
    assert_one_line_error(result, words)
    assert sha256_of(vault_path) == before


def test_check_missing_and_directory(tmp_path: Path, passphrase: str) -> None:
    assert_one_line_error(
        run("check", str(tmp_path / "nope"), stdin=lines(passphrase)), "does not exist"
    )
    assert_one_line_error(run("check", str(tmp_path), stdin=lines(passphrase)), "folder")


def test_check_reports_damage(filled: Path, passphrase: str) -> None:
    with Vault.open(filled, passphrase) as v:
        settings = VaultSettings(v)
        for i in range(60):
            settings.set(f"fill-{i}", "y" * 800)
    with open(filled, "r+b") as f:
        f.seek(4096 * 5 + 100)
        f.write(os.urandom(200))
    result = run("check", str(filled), stdin=lines(passphrase))
    assert result.returncode != 0
    assert result.stdout.strip() != "ok"
    assert "Traceback" not in result.stderr


def test_backup_and_its_errors(filled: Path, passphrase: str, tmp_path: Path) -> None:
    out = tmp_path / "backup.peerdesk"
    result = run("backup", str(filled), str(out), stdin=lines(passphrase))
    assert result.returncode == 0, result.stderr
    assert "verified" in result.stdout
    with Vault.open(out, passphrase) as copy:
        assert VaultSettings(copy).get("entry") == "something that happened"
    # into a folder
    folder = tmp_path / "into"
    folder.mkdir()
    result = run("backup", str(filled), str(folder), stdin=lines(passphrase))
    assert result.returncode == 0, result.stderr
    assert len(list(folder.glob("*.peerdesk"))) == 1
    # existing output, wrong passphrase
    assert_one_line_error(
        run("backup", str(filled), str(out), stdin=lines(passphrase)), "already exists"
    )
    assert_one_line_error(
        run("backup", str(filled), str(tmp_path / "x"), stdin=lines("no")), "wrong passphrase"
    )


def test_passwd(filled: Path, passphrase: str, tmp_path: Path) -> None:
    new = "brand new ' \" ; -- é 👋 passphrase"
    data = tmp_path / "data"
    result = run("--data-dir", str(data), "passwd", str(filled), stdin=lines(passphrase, new, new))
    assert result.returncode == 0, result.stderr
    assert new not in result.stdout and passphrase not in result.stdout
    assert_one_line_error(run("check", str(filled), stdin=lines(passphrase)), "wrong passphrase")
    assert run("check", str(filled), stdin=lines(new)).stdout.strip() == "ok"
    assert list((data / "backups").glob("*before-passwd*.peerdesk"))


def test_passwd_errors_leave_vault_unchanged(filled: Path, passphrase: str) -> None:
    before = sha256_of(filled)
    assert_one_line_error(
        run("passwd", str(filled), stdin=lines("wrong", "a", "a")), "wrong passphrase"
    )
    assert_one_line_error(
        run("passwd", str(filled), stdin=lines(passphrase, "a", "b")), "do not match"
    )
    assert_one_line_error(run("passwd", str(filled), stdin=lines(passphrase, "", "")), "empty")
    assert sha256_of(filled) == before


def test_vault_in_use(filled: Path, passphrase: str) -> None:
    with Vault.open(filled, passphrase):
        # this process holds the lock; the CLI is another process
        assert_one_line_error(run("check", str(filled), stdin=lines(passphrase)), "already open")


def test_unknown_command_is_a_usage_error() -> None:
    result = run("frobnicate")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_check_names_a_tampered_entry(filled: Path, passphrase: str) -> None:
    from datetime import date

    from peerdesk.models import Incident
    from peerdesk.storage.incidents import IncidentRepository

    with Vault.open(filled, passphrase) as v:
        repo = IncidentRepository(v)
        repo.add(Incident(event_date=date(2026, 3, 1), title="Fine"))
        saved = repo.add(Incident(event_date=date(2026, 3, 2), title="Will be altered"))
        with v.transaction() as tx:
            tx.execute("DROP TRIGGER incident_revisions_append_only")
            tx.execute(
                "UPDATE incident_revisions SET payload = replace(payload, 'altered', "
                "'rewritten') WHERE incident_id = ?",
                (saved.id,),
            )
    result = run("check", str(filled), stdin=lines(passphrase))
    assert result.returncode == 1
    assert f"entry No. {saved.record_number}:" in result.stdout
    assert "entry No. 1:" not in result.stdout


def test_init_installs_the_built_in_library(vault_path: Path, passphrase: str) -> None:
    from peerdesk.content import load_builtin_resources, load_builtin_strategies
    from peerdesk.storage.directory import ResourceRepository
    from peerdesk.storage.library import StrategyRepository

    assert run("init", str(vault_path), stdin=lines(passphrase, passphrase)).returncode == 0
    with Vault.open(vault_path, passphrase) as v:
        assert StrategyRepository(v).count() == len(load_builtin_strategies())
        assert ResourceRepository(v).count() == len(load_builtin_resources())


# -- the strength rule for new passphrases (issue 19 item 8) ------------------------------------

WEAK = "correct horse"  # labelled Weak: asked about once


def run_on_a_terminal(args: list[str], answers: list[tuple[str, str]]) -> tuple[int, str]:
    """Run the CLI with a pseudo-terminal as its controlling terminal and standard input:
    wait for each prompt, then type its answer. Returns the exit code and what was shown."""
    import pty
    import select

    pid, fd = pty.fork()
    if pid == 0:  # pragma: no cover - the child
        os.chdir(ROOT)
        os.execv(sys.executable, [sys.executable, "-m", "peerdesk", *args])  # noqa: S606
    shown = b""
    position = 0

    def read_some() -> bool:
        nonlocal shown
        ready, _, _ = select.select([fd], [], [], 120)
        try:
            chunk = os.read(fd, 4096) if ready else b""
        except OSError:  # the child closed the terminal
            chunk = b""
        shown += chunk
        return bool(chunk)

    try:
        for prompt, answer in answers:
            while shown.find(prompt.encode(), position) < 0:
                assert read_some(), shown.decode(errors="replace")
            position = shown.find(prompt.encode(), position) + len(prompt)
            os.write(fd, answer.encode() + b"\n")
        while read_some():
            pass
    finally:
        os.close(fd)
        _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), shown.decode(errors="replace")


def no_vault_files(vault_path: Path) -> bool:
    return not [
        p
        for p in vault_path.parent.iterdir()
        if p.name.startswith(vault_path.name) or p.name.startswith(f".{vault_path.name}")
    ]


def test_init_refuses_a_too_easy_passphrase_with_the_reason(vault_path: Path) -> None:
    result = run("init", str(vault_path), stdin=lines("x", "x"))
    assert_one_line_error(
        result,
        "This passphrase is too easy to guess: it is shorter than 8 characters.",
        "No vault was created",
    )
    assert no_vault_files(vault_path)
    result = run("init", "--allow-weak", str(vault_path), stdin=lines("password", "password"))
    assert_one_line_error(result, "one of the most common passwords")  # never allowed
    assert no_vault_files(vault_path)


def test_init_with_a_weak_passphrase_and_no_terminal_needs_allow_weak(vault_path: Path) -> None:
    result = run("init", str(vault_path), stdin=lines(WEAK, WEAK))
    assert_one_line_error(
        result, "This passphrase is weak: ", "--allow-weak", "No vault was created"
    )
    assert WEAK not in result.stderr
    assert no_vault_files(vault_path)
    result = run("init", "--allow-weak", str(vault_path), stdin=lines(WEAK, WEAK))
    assert result.returncode == 0, result.stderr
    with Vault.open(vault_path, WEAK):
        pass


def test_init_on_a_terminal_asks_once_about_a_weak_passphrase(vault_path: Path) -> None:
    prompts = [("New passphrase: ", WEAK), ("Repeat the new passphrase: ", WEAK)]
    code, shown = run_on_a_terminal(
        ["init", str(vault_path)], [*prompts, ("Use it anyway? [y/N] ", "")]
    )  # Enter: No
    assert code == 1 and "This passphrase is weak: " in shown
    assert "Choose another passphrase. No vault was created." in shown
    assert no_vault_files(vault_path)
    code, shown = run_on_a_terminal(
        ["init", str(vault_path)], [*prompts, ("Use it anyway? [y/N] ", "y")]
    )
    assert code == 0, shown
    assert shown.count("Use it anyway?") == 1 and "Created a new vault" in shown
    with Vault.open(vault_path, WEAK):
        pass


def test_passwd_holds_the_new_passphrase_to_the_rule(
    filled: Path, passphrase: str, tmp_path: Path
) -> None:
    before = sha256_of(filled)
    data = tmp_path / "data"
    assert_one_line_error(
        run("--data-dir", str(data), "passwd", str(filled), stdin=lines(passphrase, "x", "x")),
        "too easy to guess: it is shorter than 8 characters",
    )
    assert_one_line_error(
        run("--data-dir", str(data), "passwd", str(filled), stdin=lines(passphrase, WEAK, WEAK)),
        "weak",
        "--allow-weak",
    )
    assert sha256_of(filled) == before
    assert not (data / "backups").exists() or not list((data / "backups").iterdir())
    result = run(
        "--data-dir",
        str(data),
        "passwd",
        "--allow-weak",
        str(filled),
        stdin=lines(passphrase, WEAK, WEAK),
    )
    assert result.returncode == 0, result.stderr
    assert run("check", str(filled), stdin=lines(WEAK)).stdout.strip() == "ok"


# -- issue 19 items 9 and 10 -------------------------------------------------------------------


def test_backup_to_a_path_ending_in_a_separator_makes_that_folder(
    filled: Path, passphrase: str, tmp_path: Path
) -> None:
    target = tmp_path / "some" / "new" / "dir"
    result = run("backup", str(filled), str(target) + os.sep, stdin=lines(passphrase))
    assert result.returncode == 0, result.stderr
    assert target.is_dir() and (target.stat().st_mode & 0o777) == 0o700
    made = list(target.iterdir())
    assert len(made) == 1 and made[0].name.startswith(f"{filled.stem}-")
    assert made[0].name.endswith("-manual.peerdesk")
    assert not (target.parent / "dir").is_file()
    with Vault.open(made[0], passphrase) as copy:
        assert VaultSettings(copy).get("entry") == "something that happened"
    # A file where the folder should be: refused, nothing written.
    a_file = tmp_path / "a-file"
    a_file.write_bytes(b"mine")
    assert_one_line_error(
        run("backup", str(filled), str(a_file) + os.sep, stdin=lines(passphrase)), "folder"
    )
    assert a_file.read_bytes() == b"mine"


def test_check_calls_damage_at_the_start_damage_and_says_how_to_restore(
    filled: Path, passphrase: str, tmp_path: Path
) -> None:
    from peerdesk.storage.backup import automatic_backup
    from peerdesk.storage.errors import VaultStartDamaged

    data = tmp_path / "data"
    with Vault.open(filled, passphrase) as v:
        backup = automatic_backup(v, data / "backups", reason="unlock")
    with open(filled, "r+b") as f:  # one flipped bit in the salt
        f.seek(3)
        byte = f.read(1)[0]
        f.seek(3)
        f.write(bytes([byte ^ 0x10]))
    before = sha256_of(filled)
    result = run("--data-dir", str(data), "check", str(filled), stdin=lines(passphrase))
    assert result.returncode == 1
    assert f"peerdesk: {VaultStartDamaged.dated_message.split('(')[0]}" in result.stderr
    assert re.search(r"\(made \d{4}-\d{2}-\d{2} \d{2}:\d{2}\)", result.stderr)
    assert str(backup) in result.stderr and "Restore the newest good backup" in result.stderr
    assert "wrong passphrase" not in result.stderr.lower()
    assert sha256_of(filled) == before
    # A wrong passphrase is still called that.
    assert_one_line_error(
        run("--data-dir", str(data), "check", str(filled), stdin=lines("not it")),
        "wrong passphrase",
    )


def test_a_pipe_a_symlink_loop_and_a_text_file(tmp_path: Path, passphrase: str) -> None:
    from peerdesk.storage.errors import NotAVaultFile

    folder = tmp_path / "odd"
    folder.mkdir()
    fifo = folder / "pipe.peerdesk"
    os.mkfifo(fifo)
    loop = folder / "loop.peerdesk"
    loop.symlink_to(loop)
    text = folder / "notes.txt"
    text.write_text("just some notes\n" * 100)
    result = run("check", str(fifo), stdin=lines(passphrase))
    assert result.stderr.strip() == f"peerdesk: {NotAVaultFile.default_message}"
    result = run("check", str(loop), stdin=lines(passphrase))
    assert result.stderr.strip() == f"peerdesk: {NotAVaultFile.loop_message}"
    assert_one_line_error(run("check", str(text), stdin=lines(passphrase)), "wrong passphrase")
    # Nothing is left beside any of them (no .lock, no -journal).
    assert sorted(p.name for p in folder.iterdir()) == [
        "loop.peerdesk",
        "notes.txt",
        "pipe.peerdesk",
    ]


def test_check_verbose_lists_the_chain_heads_a_report_prints(
    filled: Path, passphrase: str, tmp_path: Path
) -> None:
    """Issue 19 item 7: ``check --verbose`` prints, per entry, its number, revision count,
    whether it is withdrawn and its chain head: the same heads storage computes and the
    report's integrity appendix prints."""
    import re
    from datetime import date

    from peerdesk.export.report import ReportRequest, build_report
    from peerdesk.models import Incident
    from peerdesk.storage.incidents import IncidentRepository
    from peerdesk.storage.report_source import read_report_source
    from tests.export.test_pdfkit import run as run_tool

    with Vault.open(filled, passphrase) as v:
        repo = IncidentRepository(v)
        first = repo.add(Incident(event_date=date(2026, 3, 1), title="First"))
        second = repo.add(Incident(event_date=date(2026, 3, 2), title="Second"))
        third = repo.add(Incident(event_date=date(2026, 3, 3), title="Made in error"))
        assert first.id and second.id and third.id
        second.narrative = "Amended the next day."
        repo.update(second)
        repo.withdraw(third.id, "Duplicate")
        expected = {
            repo.get(i).record_number: (repo.revisions(i)[-1].hash, len(repo.revisions(i)))
            for i in (first.id, second.id, third.id)
        }
        pdf = tmp_path / "report.pdf"
        build_report(read_report_source(v), ReportRequest(), pdf)
    result = run("check", str(filled), "--verbose", stdin=lines(passphrase))
    assert result.returncode == 0, result.stderr
    out = result.stdout.splitlines()
    assert out[0].split() == ["Record", "no.", "Revisions", "Withdrawn", "Chain", "head"]
    assert out[-1] == "ok"
    rows = [
        re.fullmatch(r"\s*(\d+)\s+(\d+)\s+(yes|no)\s+([0-9a-f]{64})", line) for line in out[1:-1]
    ]
    assert all(rows), out
    printed = {int(m[1]): (m[4], int(m[2]), m[3]) for m in rows if m}
    assert printed == {
        number: (head, count, "yes" if number == third.record_number else "no")
        for number, (head, count) in expected.items()
    }
    # The report's integrity appendix prints the same heads for the entries it holds.
    squeezed = re.sub(r"\s+", "", run_tool("pdftotext", str(pdf), "-").stdout)
    for number, (head, count, withdrawn) in printed.items():
        # A row of the appendix's table, its spaces squeezed out: record no., revisions, head.
        assert (f"{number}{count}{head}" in squeezed) == (withdrawn == "no"), number
        assert (head in squeezed) == (withdrawn == "no"), number
    assert "peerdeskcheckVAULT--verbose" in squeezed
    # Without --verbose the output stays one word.
    assert run("check", str(filled), stdin=lines(passphrase)).stdout.strip() == "ok"
