"""Data export: the JSON archive, Markdown and CSV written from a real vault and read back."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import zipfile
from pathlib import Path

import pytest
import pyzipper

from peerdesk.export.data import DataFormat, ExportCancelled, write_data_export
from peerdesk.export.data.csv_table import safe_cell
from peerdesk.models.data_export import DataExport
from peerdesk.models.integrity import verify_chain
from peerdesk.models.serialize import loads_json
from peerdesk.storage.data_export import read_data_export
from peerdesk.storage.vault import Vault
from tests.export.data.sample import REAL_NAME, TRICKY_NARRATIVE, TRICKY_TITLE, fill_sample


@pytest.fixture
def export(vault: Vault) -> DataExport:
    fill_sample(vault)
    return read_data_export(vault)


def _mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


def test_json_archive_holds_everything(export: DataExport, tmp_path: Path) -> None:
    out = tmp_path / "export.zip"
    outcome = write_data_export(export, DataFormat.JSON, out)
    assert (outcome.entries, outcome.files, outcome.encrypted) == (14, 5, False)
    assert _mode(out) == 0o600
    with zipfile.ZipFile(out) as archive:
        document = json.loads(archive.read("peerdesk-export.json"))
        assert (document["format"], document["version"]) == ("peerdesk-export", 1)
        assert len(document["entries"]) == 14
        assert document["counts"]["revisions"] == 14 + 2 + 1
        for item in document["attachments"]:
            data = archive.read(item["file"])
            assert item["file"].startswith(f"attachments/{item['id']}-")
            assert hashlib.sha256(data).hexdigest() == item["sha256"]
    assert document["settings"] == {"auto_lock_minutes": 7}
    assert REAL_NAME not in json.dumps(document)
    assert {len(e["revisions"]) for e in document["entries"]} == {1, 2}
    for entry in export.entries:
        assert verify_chain(entry.revisions).ok
    withdrawn = [e for e in document["entries"] if "withdrawn" in e["entry"]]
    assert len(withdrawn) == 1
    # Each revision's payload is the exact bytes its fingerprint covers.
    first = document["entries"][0]
    assert loads_json(first["revisions"][-1]["payload"].encode()) == first["entry"]


def test_real_names_only_when_asked(vault: Vault, tmp_path: Path) -> None:
    fill_sample(vault)
    out = tmp_path / "named.zip"
    write_data_export(read_data_export(vault, include_real_names=True), DataFormat.JSON, out)
    with zipfile.ZipFile(out) as archive:
        document = json.loads(archive.read("peerdesk-export.json"))
    assert document["includes_real_names"] is True
    assert REAL_NAME in [c["real_name"] for c in document["colleagues"]]


@pytest.mark.parametrize("fmt", list(DataFormat))
def test_password_gives_an_aes_zip(export: DataExport, tmp_path: Path, fmt: DataFormat) -> None:
    out = tmp_path / f"secret{fmt.suffix(True)}"
    outcome = write_data_export(export, fmt, out, password="a long zip passphrase 42")
    assert outcome.encrypted and _mode(out) == 0o600
    raw = out.read_bytes()
    # Zip entry names are not encrypted: they must not carry titles or file names.
    assert b"hyperlink" not in raw.lower() and b"evidence" not in raw.lower()
    with zipfile.ZipFile(out) as plain:
        info = plain.infolist()[0]
        assert info.flag_bits & 0x1  # encrypted
        assert info.compress_type == 99  # WinZip AES
        with pytest.raises(RuntimeError):
            plain.read(info.filename)
    with pyzipper.AESZipFile(out) as aes:
        aes.setpassword(b"a long zip passphrase 42")
        names = aes.namelist()
        assert all(aes.read(name) is not None for name in names)
        with pytest.raises(RuntimeError):
            aes.setpassword(b"wrong")
            aes.read(names[0])


def test_markdown_front_matter_is_quoted(export: DataExport, tmp_path: Path) -> None:
    out = tmp_path / "notes.zip"
    outcome = write_data_export(export, DataFormat.MARKDOWN, out)
    assert outcome.files == 5
    with zipfile.ZipFile(out) as archive:
        names = archive.namelist()
        entries = sorted(n for n in names if n.endswith(".md"))
        assert len(entries) == 14
        texts = [archive.read(n).decode("utf-8") for n in entries]
        text = next(t for t in texts if "HYPERLINK" in t)
        files = [n for n in names if "-files/" in n]
        assert len(files) + len([n for n in names if "files-not-attached" in n]) == 5
    front, _, body = text.removeprefix("---\n").partition("\n---\n")
    fields = dict(line.split(": ", 1) for line in front.splitlines())
    # Every string is one JSON/YAML double-quoted scalar: the title comes back exactly.
    assert json.loads(fields["title"]) == TRICKY_TITLE
    assert isinstance(json.loads(fields["record_number"]), int)
    assert fields["revisions"] == "2"
    assert "title: injected" not in front
    assert TRICKY_NARRATIVE in body
    assert len(json.loads(fields["people"])) >= 1


def test_csv_is_spreadsheet_safe(export: DataExport, tmp_path: Path) -> None:
    out = tmp_path / "entries.csv"
    write_data_export(export, DataFormat.CSV, out)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert len(rows) == 15
    header = rows[0]
    rows_by_title = {r[header.index("Short description")]: r for r in rows[1:]}
    first = dict(zip(header, rows_by_title["'" + TRICKY_TITLE], strict=True))
    assert first["What happened"] == "'" + TRICKY_NARRATIVE  # it starts with "-"
    assert first["Revisions"] == "2"
    for row in rows[1:]:
        assert not any(cell.startswith(("=", "+", "-", "@")) for cell in row)


def test_safe_cell() -> None:
    assert [safe_cell(t) for t in ("=1", "+1", "-1", "@x", "\tx", "a=1", "")] == [
        "'=1",
        "'+1",
        "'-1",
        "'@x",
        "'\tx",
        "a=1",
        "",
    ]


@pytest.mark.parametrize("fmt", list(DataFormat))
def test_cancel_writes_nothing(export: DataExport, tmp_path: Path, fmt: DataFormat) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(ExportCancelled):
        write_data_export(export, fmt, folder / "cancelled.zip", should_stop=lambda: True)
    assert list(folder.iterdir()) == []
