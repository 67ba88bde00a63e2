"""``peerdesk export-data`` as a real subprocess: each format, the plain warning without a
password, an AES zip with --encrypt, real names only when asked, and errors that write nothing."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
import pyzipper

from tests.cli.test_cli import assert_one_line_error, demo_vault_at, lines, run

PASS = "correct horse battery staple"
ZIP_PASSWORD = "plum kettle orbit seventy"
NOT_ENCRYPTED = "This export is not encrypted: anyone who gets the file can read everything in it."


@pytest.fixture(scope="module")
def demo_vault(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return demo_vault_at(
        tmp_path_factory.mktemp("export-data-cli"),
        PASS,
        incidents=6,
        people=3,
        colleagues=2,
        conversations=3,
        attachments=2,
        strategy_uses=2,
    )


@pytest.mark.parametrize(
    ("fmt", "name"), [("json", "a.zip"), ("markdown", "m.zip"), ("csv", "c.csv")]
)
def test_each_format_says_it_is_not_encrypted(
    demo_vault: Path, tmp_path: Path, fmt: str, name: str
) -> None:
    out = tmp_path / name
    result = run(
        "export-data", str(demo_vault), "--format", fmt, "--out", str(out), stdin=lines(PASS)
    )
    assert result.returncode == 0, result.stderr
    assert f"Export written: {out} (6 entries" in result.stdout
    assert NOT_ENCRYPTED in result.stdout
    assert "real names were left out" in result.stdout
    assert (out.stat().st_mode & 0o777) == 0o600
    if fmt == "json":
        with zipfile.ZipFile(out) as archive:
            document = json.loads(archive.read("peerdesk-export.json"))
        assert document["counts"]["entries"] == 6 and document["includes_real_names"] is False


def test_encrypt_asks_twice_and_writes_an_aes_zip(demo_vault: Path, tmp_path: Path) -> None:
    out = tmp_path / "locked.zip"
    result = run(
        "export-data",
        str(demo_vault),
        "--format",
        "json",
        "--out",
        str(out),
        "--encrypt",
        "--include-real-names",
        stdin=lines(PASS, ZIP_PASSWORD, ZIP_PASSWORD),
    )
    assert result.returncode == 0, result.stderr
    assert NOT_ENCRYPTED not in result.stdout and "AES-256" in result.stdout
    with pyzipper.AESZipFile(out) as archive:
        archive.setpassword(ZIP_PASSWORD.encode())
        document = json.loads(archive.read("peerdesk-export.json"))
    assert document["includes_real_names"] is True


def test_errors_write_nothing(demo_vault: Path, tmp_path: Path) -> None:
    out = tmp_path / "x.zip"
    mismatch = run(
        "export-data",
        str(demo_vault),
        "--format",
        "json",
        "--out",
        str(out),
        "--encrypt",
        stdin=lines(PASS, ZIP_PASSWORD, "other"),
    )
    assert_one_line_error(mismatch, "do not match")
    weak = run(
        "export-data",
        str(demo_vault),
        "--format",
        "json",
        "--out",
        str(out),
        "--encrypt",
        stdin=lines(PASS, "password", "password"),
    )
    assert weak.returncode != 0 and "Traceback" not in weak.stderr
    wrong = run(
        "export-data",
        str(demo_vault),
        "--format",
        "csv",
        "--out",
        str(out),
        stdin=lines("not the passphrase"),
    )
    assert wrong.returncode == 1 and "Traceback" not in wrong.stderr
    folder = run(
        "export-data", str(demo_vault), "--format", "csv", "--out", str(tmp_path), stdin=lines(PASS)
    )
    assert_one_line_error(folder, "not a folder")
    assert not out.exists()
