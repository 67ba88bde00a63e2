"""Verification a reader can do (issue 17, part 6): ``peerdesk check --verbose`` prints the
chain heads the report's integrity appendix prints, and the date receipt names the saved PDF
file by its SHA-256 as well as the records, so two PDFs of the same records differ."""

from __future__ import annotations

import hashlib
import re
import subprocess
from pathlib import Path

import pytest

from tests.cli.test_cli import demo_vault_at, lines, run

PASS = "correct horse battery staple"
ROW = re.compile(r"\s*(\d+)\s+(\d+)\s+(yes|no)\s+([0-9a-f]{64})")


@pytest.fixture(scope="module")
def demo_vault(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return demo_vault_at(
        tmp_path_factory.mktemp("verify-cli"),
        PASS,
        incidents=6,
        people=3,
        colleagues=0,
        conversations=0,
        attachments=1,
        strategy_uses=0,
    )


def export(vault: Path, out: Path, profile: str) -> str:
    result = run(
        "export-pdf", str(vault), "--out", str(out), "--profile", profile, stdin=lines(PASS)
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def receipt_values(stdout: str) -> tuple[str, str]:
    records = re.search(r"^Records fingerprint \(SHA-256\): ([0-9a-f]{64})$", stdout, re.M)
    file = re.search(r"^PDF file SHA-256: ([0-9a-f]{64})$", stdout, re.M)
    assert records and file, stdout
    return records[1], file[1]


def test_check_verbose_matches_the_appendix_of_a_saved_report(
    demo_vault: Path, tmp_path: Path
) -> None:
    pdf = tmp_path / "lawyer.pdf"
    export(demo_vault, pdf, "lawyer")
    result = run("check", str(demo_vault), "--verbose", stdin=lines(PASS))
    assert result.returncode == 0, result.stderr
    out = result.stdout.splitlines()
    assert out[0].split() == ["Record", "no.", "Revisions", "Withdrawn", "Chain", "head"]
    assert out[-1] == "ok"
    rows = [ROW.fullmatch(line) for line in out[1:-1]]
    assert rows and all(rows), out
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    appendix = re.sub(r"\s+", "", text[text.rindex("Integrity appendix") :])
    printed = 0
    for m in rows:
        assert m is not None
        number, revisions, withdrawn, head = m.groups()
        if withdrawn == "no":
            # The appendix's row, its spaces squeezed out: record no., revisions, head.
            assert f"{number}{revisions}{head}" in appendix, number
            printed += 1
    assert printed >= 5
    assert "peerdeskcheckVAULT--verbose" in appendix and "sha256sum" in appendix


def test_two_pdfs_of_the_same_records_get_different_receipts(
    demo_vault: Path, tmp_path: Path
) -> None:
    hr, lawyer = tmp_path / "hr.pdf", tmp_path / "lawyer.pdf"
    hr_records, hr_file = receipt_values(export(demo_vault, hr, "hr"))
    law_records, law_file = receipt_values(export(demo_vault, lawyer, "lawyer"))
    assert hr_records == law_records  # the same records...
    assert hr_file != law_file  # ...in two different files
    for path, named in ((hr, hr_file), (lawyer, law_file)):
        assert hashlib.sha256(path.read_bytes()).hexdigest() == named
        summed = subprocess.run(
            ["sha256sum", str(path)], capture_output=True, text=True, check=True
        ).stdout
        assert summed.split()[0] == named
