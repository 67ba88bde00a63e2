"""``peerdesk export-pdf`` as a real subprocess: success and error paths, no tracebacks,
nothing written on error."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from tests.cli.test_cli import assert_one_line_error, demo_vault_at, lines, run

PASS = "correct horse battery staple"
NOT_PROTECTED = "This PDF is not password-protected: anyone who gets the file can read it."


@pytest.fixture(scope="module")
def demo_vault(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return demo_vault_at(
        tmp_path_factory.mktemp("export-cli"),
        PASS,
        incidents=5,
        people=3,
        colleagues=0,
        conversations=0,
        attachments=2,
        strategy_uses=0,
    )


def export(
    vault: Path, out: Path, *extra: str, stdin: str = lines(PASS)
) -> subprocess.CompletedProcess[str]:
    return run("export-pdf", str(vault), "--out", str(out), *extra, stdin=stdin)


def test_export_prints_receipt_and_warning(demo_vault: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.pdf"
    result = export(demo_vault, out, "--profile", "hr", "--paper", "letter")
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"%PDF")
    assert NOT_PROTECTED in result.stdout
    assert re.search(r"fingerprint \(SHA-256\): [0-9a-f]{64}", result.stdout)
    assert "Entries: 5" in result.stdout
    assert (out.stat().st_mode & 0o777) == 0o600
    check = subprocess.run(["qpdf", "--check", str(out)], capture_output=True, check=False)
    assert check.returncode == 0


def test_export_encrypted(demo_vault: Path, tmp_path: Path) -> None:
    out = tmp_path / "secret.pdf"
    result = export(
        demo_vault,
        out,
        "--encrypt",
        stdin=lines(PASS, "pdf pw for the lawyer", "pdf pw for the lawyer"),
    )
    assert result.returncode == 0, result.stderr
    assert NOT_PROTECTED not in result.stdout
    shown = subprocess.run(
        ["qpdf", "--show-encryption", "--password=pdf pw for the lawyer", str(out)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "AESv3" in shown
    assert (
        subprocess.run(["qpdf", "--check", str(out)], capture_output=True, check=False).returncode
        != 0
    )


def test_export_with_a_weak_password_needs_allow_weak(demo_vault: Path, tmp_path: Path) -> None:
    out = tmp_path / "weak.pdf"
    result = export(
        demo_vault,
        out,
        "--encrypt",
        "--allow-weak",
        stdin=lines(PASS, "orbit lantern", "orbit lantern"),
    )
    assert result.returncode == 0, result.stderr
    subprocess.run(
        ["qpdf", "--check", "--password=orbit lantern", str(out)], capture_output=True, check=True
    )


def test_export_filters(demo_vault: Path, tmp_path: Path) -> None:
    out = tmp_path / "none.pdf"
    result = export(demo_vault, out, "--from", "1990-01-01", "--to", "1990-01-02")
    assert_one_line_error(result, "no journal entries")
    assert not out.exists()


@pytest.mark.parametrize(
    ("args", "stdin", "words"),
    [
        (("--profile", "boss"), lines(PASS), ("profile",)),
        (("--category", "nonsense"), lines(PASS), ("category",)),
        (("--person", "Nobody Atall"), lines(PASS), ("person",)),
        ((), lines("wrong passphrase"), ()),
        (("--encrypt",), lines(PASS, "one", "two"), ("do not match",)),
        (("--encrypt",), lines(PASS, "7", "7"), ("password is too easy to guess", "8 characters")),
        (("--encrypt",), lines(PASS, "orbit lantern", "orbit lantern"), ("weak", "--allow-weak")),
        (("--from", "2026-03-01", "--to", "2026-01-01"), lines(PASS), ("--from",)),
    ],
)
def test_export_errors_write_nothing(
    demo_vault: Path, tmp_path: Path, args: tuple[str, ...], stdin: str, words: tuple[str, ...]
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "report.pdf"
    result = export(demo_vault, out, *args, stdin=stdin)
    assert result.returncode == 1
    assert_one_line_error(result, *words)
    assert list(folder.iterdir()) == []  # no PDF, no temporary file


def test_bad_date_is_a_usage_error(demo_vault: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.pdf"
    result = export(demo_vault, out, "--from", "31/12/2026")
    assert result.returncode == 2
    assert "YYYY-MM-DD" in result.stderr
    assert not out.exists()


def test_saved_profile_tag_and_reflection(tmp_path: Path) -> None:
    """A profile saved in the vault is found by --profile; --tag selects; the private
    reflection is printed only with --include-reflection."""
    from datetime import date

    from peerdesk.models.incident import Incident
    from peerdesk.models.report import UNION
    from peerdesk.storage.incidents import IncidentRepository
    from peerdesk.storage.report_profiles import ReportProfiles
    from peerdesk.storage.vault import Vault
    from tests.export.test_pdfkit import pdf_text

    path = tmp_path / "v.peerdesk"
    with Vault.create(path, PASS) as vault:
        incidents = IncidentRepository(vault)
        for title, tag in (("Tagged entry TITLEONE", "rota"), ("Other entry TITLETWO", "x")):
            incidents.add(
                Incident(
                    event_date=date(2026, 2, 3),
                    title=title,
                    narrative="What happened.",
                    tags=[tag],
                    private_reflection="REFLECTIONMARKER",
                )
            )
        ReportProfiles(vault).save(
            UNION.with_changes(
                name="union-first-meeting", label="Union first meeting", include_told=False
            )
        )
    out = tmp_path / "r.pdf"
    result = export(path, out, "--profile", "Union first meeting", "--tag", "rota")
    assert result.returncode == 0, result.stderr
    assert "profile: Union first meeting" in result.stdout
    text = pdf_text(out)
    assert "TITLEONE" in text and "TITLETWO" not in text
    assert "REFLECTIONMARKER" not in text
    result = export(path, out, "--profile", "union-first-meeting", "--include-reflection")
    assert result.returncode == 0, result.stderr
    assert "REFLECTIONMARKER" in pdf_text(out)


def test_summary_line_counts_in_words(tmp_path: Path) -> None:
    """One entry is "1 entry", not "1 entries" (issue 19, item 10)."""
    from datetime import date

    from peerdesk.models.incident import Incident
    from peerdesk.storage.incidents import IncidentRepository
    from peerdesk.storage.vault import Vault

    path = tmp_path / "one.peerdesk"
    vault = Vault.create(path, PASS)
    IncidentRepository(vault).add(
        Incident(event_date=date(2026, 1, 5), title="One entry", narrative="It happened once.")
    )
    vault.close()
    result = export(path, tmp_path / "one.pdf")
    assert result.returncode == 0, result.stderr
    assert re.search(r"\(\d+ pages, 1 entry, profile: ", result.stdout), result.stdout
    assert "1 entries" not in result.stdout
