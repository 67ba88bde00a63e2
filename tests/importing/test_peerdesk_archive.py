"""Reading a PeerDesk archive: each kind of bad input is a plain ImportFailed naming the file
and the entry, never another exception."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from peerdesk.export.data import DataFormat, write_data_export
from peerdesk.importing.base import ImportFailed
from peerdesk.importing.peerdesk_archive import (
    JSON_NAME,
    RATIO_FLOOR,
    is_peerdesk_archive,
    read_archive,
)
from peerdesk.storage.data_export import read_data_export
from peerdesk.storage.vault import Vault
from tests.export.data.sample import fill_sample


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("archive")
    (folder / "v").mkdir(mode=0o700)
    vault = Vault.create(folder / "v" / "v.peerdesk", "correct horse battery staple 1")
    try:
        fill_sample(vault)
        out = folder / "good.zip"
        write_data_export(read_data_export(vault), DataFormat.JSON, out)
        write_data_export(
            read_data_export(vault), DataFormat.JSON, folder / "locked.zip", password="pw 1234567"
        )
    finally:
        vault.close()
    return out


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def rezip(path: Path, files: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return path


def with_document(good: Path, target: Path, change: Any) -> Path:
    files = members(good)
    document = json.loads(files[JSON_NAME])
    change(document)
    files[JSON_NAME] = json.dumps(document).encode()
    return rezip(target, files)


def failure(path: Path, password: str | None = None) -> str:
    with pytest.raises(ImportFailed) as caught:
        read_archive(path, password)
    message = str(caught.value)
    assert message.startswith(path.name), message
    return message


def test_good_archive_reads(good: Path) -> None:
    contents = read_archive(good)
    assert len(contents.export.entries) == 14 and len(contents.files) == 5
    assert is_peerdesk_archive(good)
    locked = good.with_name("locked.zip")
    assert len(read_archive(locked, "pw 1234567").files) == 5


def test_password_missing_or_wrong(good: Path) -> None:
    locked = good.with_name("locked.zip")
    assert "protected by a password" in failure(locked)
    assert "password is wrong" in failure(locked, "nope")


def test_truncated_zip(good: Path, tmp_path: Path) -> None:
    data = good.read_bytes()
    cut = tmp_path / "cut.zip"
    cut.write_bytes(data[: len(data) // 2])
    assert "not a complete zip archive" in failure(cut)
    assert not is_peerdesk_archive(cut)


def test_zip_bomb(tmp_path: Path, good: Path) -> None:
    files = members(good)
    files["attachments/bomb.bin"] = b"\0" * (RATIO_FLOOR * 8)
    message = failure(rezip(tmp_path / "bomb.zip", files))
    assert "zip bomb" in message and "attachments/bomb.bin" in message


@pytest.mark.parametrize(
    "name", ["../evil.txt", "attachments/../../evil", "/etc/passwd", "C:/x", "a\\..\\b"]
)
def test_path_traversal(tmp_path: Path, good: Path, name: str) -> None:
    files = members(good)
    files[name] = b"x"
    message = failure(rezip(tmp_path / "traversal.zip", files))
    assert "unsafe name" in message and repr(name) in message


def test_traversal_in_a_file_named_by_the_json(tmp_path: Path, good: Path) -> None:
    def change(document: dict[str, Any]) -> None:
        document["attachments"][0]["file"] = "../../outside.png"

    assert "unsafe name" in failure(with_document(good, tmp_path / "t.zip", change))


def test_wrong_format_and_newer_version(tmp_path: Path, good: Path) -> None:
    message = failure(
        with_document(good, tmp_path / "other.zip", lambda d: d.update(format="dayone"))
    )
    assert "not a PeerDesk data export" in message
    message = failure(with_document(good, tmp_path / "newer.zip", lambda d: d.update(version=2)))
    assert "newer PeerDesk" in message and "version" in message


def test_wrong_schema_names_the_entry(tmp_path: Path, good: Path) -> None:
    def change(document: dict[str, Any]) -> None:
        document["entries"][3]["entry"]["severity"] = "very"

    message = failure(with_document(good, tmp_path / "schema.zip", change))
    assert "entries[3]" in message and "severity" in message


def test_tampered_history_names_the_entry(tmp_path: Path, good: Path) -> None:
    def change(document: dict[str, Any]) -> None:
        entry = next(e for e in document["entries"] if len(e["revisions"]) == 2)
        first = json.loads(entry["revisions"][0]["payload"])
        first["narrative"] = "rewritten"
        entry["revisions"][0]["payload"] = json.dumps(first, sort_keys=True)

    message = failure(with_document(good, tmp_path / "tampered.zip", change))
    assert "history does not verify" in message and "entry no." in message


def test_file_differs_from_its_sha256(tmp_path: Path, good: Path) -> None:
    files = members(good)
    name = next(n for n in files if n.startswith("attachments/"))
    files[name] = files[name] + b"!"
    message = failure(rezip(tmp_path / "sha.zip", files))
    assert "SHA-256" in message and name in message


def test_missing_json_and_bad_json(tmp_path: Path, good: Path) -> None:
    files = members(good)
    document = files.pop(JSON_NAME)
    assert JSON_NAME in failure(rezip(tmp_path / "nojson.zip", files))
    files[JSON_NAME] = document[:-40]
    message = failure(rezip(tmp_path / "badjson.zip", files))
    assert "not valid JSON" in message and "line" in message


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=2000))
def test_any_bytes_give_a_plain_message(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "random.zip"
    path.write_bytes(data)
    with pytest.raises(ImportFailed):
        read_archive(path)


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    document=st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=20),
        lambda inner: (
            st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
        ),
        max_leaves=20,
    )
)
def test_any_json_gives_a_plain_message(tmp_path: Path, document: Any) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            JSON_NAME, json.dumps({"format": "peerdesk-export", "version": 1, "entries": document})
        )
    path = tmp_path / "json.zip"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(ImportFailed):
        read_archive(path)


def test_unreadable_older_revision_with_a_rebuilt_chain(tmp_path: Path, good: Path) -> None:
    """Someone holding an archive can rebuild a whole chain: every revision is still read."""
    from peerdesk.models.integrity import GENESIS_HASH, revision_hash
    from peerdesk.models.timing import parse_utc

    def change(document: dict[str, Any]) -> None:
        entry = next(e for e in document["entries"] if len(e["revisions"]) == 2)
        first = json.loads(entry["revisions"][0]["payload"])
        first["people"] = "not a list"
        entry["revisions"][0]["payload"] = json.dumps(first, sort_keys=True)
        previous = GENESIS_HASH
        for revision in entry["revisions"]:
            revision["prev_hash"] = previous
            revision["hash"] = previous = revision_hash(
                previous,
                revision["number"],
                parse_utc(revision["saved_at"]),
                revision["payload"].encode(),
            )

    message = failure(with_document(good, tmp_path / "rebuilt.zip", change))
    assert "Revision 1 cannot be read (people)" in message and "entry no." in message
