"""``peerdesk import``: the preview, --dry-run, CSV options, and bad input leaving the vault as
it was (compared row by row before and after)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from peerdesk.storage.incidents import IncidentRepository
from peerdesk.storage.vault import Vault
from tests.cli.test_cli import run
from tests.conftest import sha256_of
from tests.importing.helpers import FIXTURES, dayone_zip


@pytest.fixture
def made(vault_path: Path, passphrase: str) -> Path:
    Vault.create(vault_path, passphrase).close()
    return vault_path


def count(path: Path, passphrase: str) -> int:
    with Vault.open(path, passphrase) as vault:
        return IncidentRepository(vault).count()


def test_import_dayone_then_again(made: Path, passphrase: str, tmp_path: Path) -> None:
    source = dayone_zip(tmp_path)
    result = run("import", str(made), str(source), stdin=passphrase + "\n")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Import from Day One JSON export (.zip): Day One export.zip" in out
    assert "2 new entries, 3 Mar 2026 to 5 Mar 2026" in out
    assert "2 files to attach" in out
    assert "entry 3 (FFEEDDCCBBAA99887766554433221100): its creation date cannot be read" in out
    assert "Imported 2 entries and 2 files." in out
    again = run("import", str(made), str(source), stdin=passphrase + "\n")
    assert "0 new entries" in again.stdout and "2 imported before (left out)" in again.stdout
    assert count(made, passphrase) == 2


def test_dry_run_writes_nothing(made: Path, passphrase: str) -> None:
    before = sha256_of(made)
    result = run(
        "import",
        str(made),
        str(FIXTURES / "jrnl" / "journal.txt"),
        "--dry-run",
        stdin=passphrase + "\n",
    )
    assert result.returncode == 0, result.stderr
    assert "3 new entries" in result.stdout
    assert "journal.txt, line 10: its date cannot be read" in result.stdout
    assert "Dry run: nothing was written." in result.stdout
    assert sha256_of(made) == before


def test_csv_needs_the_date_order(made: Path, passphrase: str) -> None:
    source = str(FIXTURES / "notes.csv")
    refused = run("import", str(made), source, stdin=passphrase + "\n")
    assert refused.returncode == 1
    assert "notes.csv: Some dates are written like 04/03/2026" in refused.stderr
    assert "only be DMY" in refused.stderr and "Nothing was imported." in refused.stderr
    columns = "date=Date,time=Time,title=Subject,text=Notes,people=Who,tags=Tags"
    result = run(
        "import",
        str(made),
        source,
        "--from",
        "csv",
        "--csv-columns",
        columns,
        "--date-order",
        "dmy",
        stdin=passphrase + "\n",
    )
    assert result.returncode == 0, result.stderr
    assert "Read notes.csv as UTF-8, separated by comma." in result.stdout
    assert "Imported 2 entries and 0 files; 2 people added to the cast list." in result.stdout


def _traversal_zip(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("Journal.json", (FIXTURES / "dayone" / "Journal.json").read_text())
        zf.writestr("../photos/evil.png", b"x")
    return path


def _truncated_zip(path: Path) -> Path:
    whole = dayone_zip(path.parent, "whole.zip").read_bytes()
    path.write_bytes(whole[: len(whole) // 2])
    return path


def _bomb(path: Path) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("Journal.json", b" " * (20 * 1024 * 1024))
    return path


def _wrong_json(path: Path) -> Path:
    path.write_text('{"entries": {"not": "a list"}}')
    return path


@pytest.mark.parametrize(
    ("make", "name", "words"),
    [
        (_truncated_zip, "cut.zip", "cut.zip: This is not a complete zip file"),
        (_bomb, "bomb.zip", "it may be a zip bomb"),
        (_traversal_zip, "trav.zip", "“../photos/evil.png”: A file in the zip climbs out"),
        (_wrong_json, "Journal.json", "not recognised"),
    ],
)
def test_bad_input_leaves_the_vault_unchanged(
    made: Path, passphrase: str, tmp_path: Path, make: object, name: str, words: str
) -> None:
    good = run("import", str(made), str(FIXTURES / "markdown"), stdin=passphrase + "\n")
    assert good.returncode == 0
    before = sha256_of(made)
    bad = make(tmp_path / name)  # type: ignore[operator]
    result = run("import", str(made), str(bad), stdin=passphrase + "\n")
    assert result.returncode == 1
    assert words in result.stderr and "Traceback" not in result.stderr
    assert sha256_of(made) == before
    forced = run("import", str(made), str(bad), "--from", "dayone", stdin=passphrase + "\n")
    assert forced.returncode == 1 and name in forced.stderr
    assert sha256_of(made) == before
