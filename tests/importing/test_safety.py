"""The zip checks every importer relies on: truncated, bombs, path traversal, links."""

from __future__ import annotations

import stat
import zipfile
from pathlib import Path

import pytest

from peerdesk.importing.base import ImportFailed
from peerdesk.importing.safety import (
    SafeZip,
    ZipLimits,
    is_encrypted_zip,
    is_zip,
    unsafe_name_reason,
)


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def test_reads_members_of_a_good_zip(tmp_path: Path) -> None:
    path = _zip(tmp_path / "good.zip", {"Journal.json": b"{}", "photos/a.jpeg": b"\xff\xd8x"})
    assert is_zip(path)
    with SafeZip(path) as archive:
        assert archive.names() == ["Journal.json", "photos/a.jpeg"]
        assert archive.read("photos/a.jpeg") == b"\xff\xd8x"


def test_truncated_zip_names_the_file(tmp_path: Path) -> None:
    path = _zip(tmp_path / "whole.zip", {"Journal.json": b"x" * 5000})
    cut = tmp_path / "cut.zip"
    cut.write_bytes(path.read_bytes()[:-30])
    with pytest.raises(ImportFailed, match=r"cut\.zip: .*truncated"):
        SafeZip(cut)


@pytest.mark.parametrize(
    "name", ["../evil.txt", "a/../../evil.txt", "/etc/passwd", "C:/Windows/x", "a\\..\\b"]
)
def test_unsafe_names_are_refused(tmp_path: Path, name: str) -> None:
    path = _zip(tmp_path / "trav.zip", {"Journal.json": b"{}", name: b"x"})
    with pytest.raises(ImportFailed, match=r"trav\.zip") as caught:
        SafeZip(path)
    assert name in str(caught.value)


def test_safe_names_pass() -> None:
    assert unsafe_name_reason("photos/abc.jpeg") is None
    assert unsafe_name_reason("a..b/c") is None


def test_zip_bomb_by_ratio_is_refused(tmp_path: Path) -> None:
    path = _zip(tmp_path / "bomb.zip", {"Journal.json": b"\0" * (8 * 1024 * 1024)})
    with pytest.raises(ImportFailed, match="zip bomb"):
        SafeZip(path)


def test_zip_bomb_by_total_size_is_refused(tmp_path: Path) -> None:
    path = _zip(tmp_path / "big.zip", {f"f{i}": bytes(range(256)) * 40 for i in range(4)})
    with pytest.raises(ImportFailed, match="expand to more than"):
        SafeZip(path, limits=ZipLimits(total_bytes=30_000))


def test_a_member_lying_about_its_size_is_stopped(tmp_path: Path) -> None:
    path = _zip(tmp_path / "liar.zip", {"Journal.json": b"A" * 100_000})
    data = bytearray(path.read_bytes())
    # Shrink the declared size in the central directory (uncompressed size at offset 24).
    central = data.rfind(b"PK\x01\x02")
    data[central + 24 : central + 28] = (1000).to_bytes(4, "little")
    path.write_bytes(bytes(data))
    with SafeZip(path) as archive, pytest.raises(ImportFailed, match=r"Journal\.json"):
        archive.read("Journal.json")


def test_symlink_members_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "link.zip"
    with zipfile.ZipFile(path, "w") as zf:
        info = zipfile.ZipInfo("photos/link")
        info.create_system = 3
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
        zf.writestr(info, "/etc/passwd")
    with pytest.raises(ImportFailed, match="symbolic link"):
        SafeZip(path)


def test_not_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "text.zip"
    path.write_text("hello")
    assert not is_zip(path)
    with pytest.raises(ImportFailed, match=r"text\.zip"):
        SafeZip(path)


def test_encrypted_members(tmp_path: Path) -> None:
    import pyzipper

    path = tmp_path / "locked.zip"
    with pyzipper.AESZipFile(path, "w", encryption=pyzipper.WZ_AES) as zf:
        zf.setpassword(b"secret words")
        zf.writestr("peerdesk-export.json", b"{}")
    with pytest.raises(ImportFailed, match="encrypted"):
        SafeZip(path)
    assert is_encrypted_zip(path)
    with SafeZip(path, allow_encrypted=True) as archive:
        assert archive.names() == ["peerdesk-export.json"]
        with pytest.raises(ImportFailed, match="encrypted"):
            archive.read("peerdesk-export.json")
    plain = tmp_path / "plain.zip"
    with zipfile.ZipFile(plain, "w") as zf:
        zf.writestr("a", b"b")
    assert not is_encrypted_zip(plain)
