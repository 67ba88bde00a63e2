"""The command line, run as a real subprocess: success and error paths, exit codes, no
tracebacks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from peerdesk import __version__
from peerdesk.storage.settings import VaultSettings
from peerdesk.storage.vault import Vault
from tests.conftest import sha256_of

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, stdin: str = "", env: dict[str, str] | None = None
        ) -> subprocess.CompletedProcess[str]:
    full_env = dict(os.environ)
    full_env.update(env or {})
    result = subprocess.run(
        [sys.executable, "-m", "peerdesk", *args],
        input=stdin, capture_output=True, text=True, encoding="utf-8", cwd=ROOT,
        env=full_env, timeout=120, check=False,
    )
    assert "Traceback" not in result.stderr, result.stderr
    assert "Traceback" not in result.stdout
    return result


def lines(*items: str) -> str:
    return "".join(f"{item}\n" for item in items)


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


@pytest.mark.parametrize("content, words", [
    (b"", "empty"),
    (b"just some text\n" * 500, "wrong passphrase"),
])
def test_check_bad_files(vault_path: Path, passphrase: str, content: bytes, words: str) -> None:
    vault_path.write_bytes(content)
    before = sha256_of(vault_path)
    result = run("check", str(vault_path), stdin=lines(passphrase))
    assert_one_line_error(result, words)
    assert sha256_of(vault_path) == before


def test_check_missing_and_directory(tmp_path: Path, passphrase: str) -> None:
    assert_one_line_error(run("check", str(tmp_path / "nope"), stdin=lines(passphrase)),
                          "does not exist")
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
    assert_one_line_error(run("backup", str(filled), str(out), stdin=lines(passphrase)),
                          "already exists")
    assert_one_line_error(run("backup", str(filled), str(tmp_path / "x"), stdin=lines("no")),
                          "wrong passphrase")


def test_passwd(filled: Path, passphrase: str, tmp_path: Path) -> None:
    new = "brand new ' \" ; -- é 👋 passphrase"
    data = tmp_path / "data"
    result = run("--data-dir", str(data), "passwd", str(filled),
                 stdin=lines(passphrase, new, new))
    assert result.returncode == 0, result.stderr
    assert new not in result.stdout and passphrase not in result.stdout
    assert_one_line_error(run("check", str(filled), stdin=lines(passphrase)), "wrong passphrase")
    assert run("check", str(filled), stdin=lines(new)).stdout.strip() == "ok"
    assert list((data / "backups").glob("*before-passwd*.peerdesk"))


def test_passwd_errors_leave_vault_unchanged(filled: Path, passphrase: str) -> None:
    before = sha256_of(filled)
    assert_one_line_error(run("passwd", str(filled), stdin=lines("wrong", "a", "a")),
                          "wrong passphrase")
    assert_one_line_error(run("passwd", str(filled), stdin=lines(passphrase, "a", "b")),
                          "do not match")
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
            tx.execute("UPDATE incident_revisions SET payload = replace(payload, 'altered', "
                       "'rewritten') WHERE incident_id = ?", (saved.id,))
    result = run("check", str(filled), stdin=lines(passphrase))
    assert result.returncode == 1
    assert f"entry {saved.record_number}:" in result.stdout
    assert "entry 1:" not in result.stdout


def test_init_installs_the_built_in_library(vault_path: Path, passphrase: str) -> None:
    from peerdesk.content import load_builtin_resources, load_builtin_strategies
    from peerdesk.storage.directory import ResourceRepository
    from peerdesk.storage.library import StrategyRepository

    assert run("init", str(vault_path), stdin=lines(passphrase, passphrase)).returncode == 0
    with Vault.open(vault_path, passphrase) as v:
        assert StrategyRepository(v).count() == len(load_builtin_strategies())
        assert ResourceRepository(v).count() == len(load_builtin_resources())


def test_check_verbose_lists_the_chain_heads_a_report_prints(filled: Path, passphrase: str,
                                                             tmp_path: Path) -> None:
    """Issue 19 item 7: ``check --verbose`` prints, per entry, its number, revision count,
    whether it is withdrawn and its chain head: the same heads storage computes and the
    report's integrity appendix prints."""
    import re
    from datetime import date

    from peerdesk.export.report import ReportRequest, build_report_from_vault
    from peerdesk.models import Incident
    from peerdesk.storage.incidents import IncidentRepository
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
        expected = {repo.get(i).record_number: (repo.revisions(i)[-1].hash,
                                                len(repo.revisions(i)))
                    for i in (first.id, second.id, third.id)}
        pdf = tmp_path / "report.pdf"
        build_report_from_vault(v, ReportRequest(), pdf)
    result = run("check", str(filled), "--verbose", stdin=lines(passphrase))
    assert result.returncode == 0, result.stderr
    out = result.stdout.splitlines()
    assert out[0].split() == ["Record", "no.", "Revisions", "Withdrawn", "Chain", "head"]
    assert out[-1] == "ok"
    rows = [re.fullmatch(r"\s*(\d+)\s+(\d+)\s+(yes|no)\s+([0-9a-f]{64})", line)
            for line in out[1:-1]]
    assert all(rows), out
    printed = {int(m[1]): (m[4], int(m[2]), m[3]) for m in rows if m}
    assert printed == {number: (head, count, "yes" if number == third.record_number else "no")
                       for number, (head, count) in expected.items()}
    # The report's integrity appendix prints the same heads for the entries it holds.
    squeezed = re.sub(r"\s+", "", run_tool("pdftotext", str(pdf), "-").stdout)
    for number, (head, count, withdrawn) in printed.items():
        # A row of the appendix's table, its spaces squeezed out: record no., revisions, head.
        assert (f"{number}{count}{head}" in squeezed) == (withdrawn == "no"), number
        assert (head in squeezed) == (withdrawn == "no"), number
    assert "peerdeskcheckVAULT--verbose" in squeezed
    # Without --verbose the output stays one word.
    assert run("check", str(filled), stdin=lines(passphrase)).stdout.strip() == "ok"
