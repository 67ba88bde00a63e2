"""paths.py owns every location; resources are found through one lookup function."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from peerdesk import paths
from peerdesk.resources import resource, resource_path


def test_every_location_follows_the_override(tmp_path: Path) -> None:
    paths.set_data_dir(tmp_path / "profile")
    for location in (
        paths.data_dir(),
        paths.default_vault_path(),
        paths.backups_dir(),
        paths.preferences_path(),
        paths.runtime_dir(),
    ):
        assert location.is_relative_to(tmp_path / "profile"), location


def test_environment_variable_override(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(paths.ENV_VAR, str(tmp_path / "env"))
    assert paths.data_dir() == tmp_path / "env"
    assert paths.preferences_path().is_relative_to(tmp_path / "env")


def test_fixture_keeps_every_path_inside_the_test_folder(
    isolated_paths: Path, tmp_path: Path
) -> None:
    assert paths.data_dir() == isolated_paths
    assert paths.data_dir().is_relative_to(tmp_path)
    assert paths.preferences_path().is_relative_to(tmp_path)
    assert Path.home().is_relative_to(tmp_path)


def test_importing_creates_nothing(tmp_path: Path) -> None:
    env = dict(os.environ, PEERDESK_DATA_DIR=str(tmp_path / "untouched"))
    code = "import peerdesk.cli, peerdesk.paths, peerdesk.storage.vault, peerdesk.demo"
    subprocess.run([sys.executable, "-c", code], env=env, check=True, timeout=60)
    assert not (tmp_path / "untouched").exists()


def test_content_files_are_found() -> None:
    data = json.loads(resource("content", "strategies.json").read_text(encoding="utf-8"))
    assert len(data["strategies"]) >= 40
    assert resource_path("content", "support_resources.json").is_file()
