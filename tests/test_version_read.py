"""``peerdesk.__version__`` is read without :mod:`importlib.metadata` (issue 18, item 4), and
finds the distribution ``importlib.metadata`` finds: the first on ``sys.path``."""

from __future__ import annotations

import importlib.metadata
import sys
from pathlib import Path

import pytest

import peerdesk


def test_the_fast_read_is_the_metadata_version() -> None:
    assert peerdesk._read_version() == importlib.metadata.version("peerdesk")


def fake_distribution(folder: Path, version: str, name: str = "peerdesk") -> None:
    info = folder / f"{name}-{version}.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.4\nName: {name}\nVersion: {version}\nSummary: a: b\n\nVersion: 0\n",
        encoding="utf-8",
    )


@pytest.mark.parametrize("name", ["peerdesk", "PeerDesk"])
def test_both_find_the_first_distribution_on_the_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    fake_distribution(tmp_path / "first", "9.8.7", name)
    fake_distribution(tmp_path / "second", "1.2.3")
    monkeypatch.setattr(
        sys, "path", [str(tmp_path / "missing"), str(tmp_path / "first"), str(tmp_path / "second")]
    )
    assert peerdesk._read_version() == "9.8.7"
    assert importlib.metadata.version("peerdesk") == "9.8.7"


def test_the_version_is_read_once_and_other_names_are_missing() -> None:
    assert peerdesk.__version__ == importlib.metadata.version("peerdesk")
    assert "__version__" in vars(peerdesk)
    with pytest.raises(AttributeError):
        _ = peerdesk.no_such_name  # type: ignore[attr-defined]
