"""One version source: ``version`` in pyproject.toml.

``peerdesk.__version__`` reads it from the installed distribution's metadata, the newest
AppStream <release> announces it, and nothing else in the tree writes it again.
"""

from __future__ import annotations

import ast
import importlib.metadata
import re
import tomllib
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import peerdesk
from peerdesk import APP_ID

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT_VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
    "version"
]
METAINFO = ROOT / "resources" / "desktop" / f"{APP_ID}.metainfo.xml"


def newest_release() -> str:
    root = ET.parse(METAINFO).getroot()  # noqa: S314 - our own file
    releases = [
        (date.fromisoformat(release.get("date", "")), release.get("version", ""))
        for release in root.iterfind("releases/release")
    ]
    assert releases, "the metainfo lists no <release>"
    return max(releases)[1]


def test_the_package_version_is_the_pyproject_version() -> None:
    assert peerdesk.__version__ == PYPROJECT_VERSION
    assert importlib.metadata.version("peerdesk") == PYPROJECT_VERSION


def test_the_newest_appstream_release_is_the_pyproject_version() -> None:
    assert newest_release() == PYPROJECT_VERSION


def test_the_version_is_written_nowhere_else() -> None:
    """No ``__version__ = "x.y.z"`` literal and no regex-reading of one in the spec."""
    init = ast.parse((ROOT / "peerdesk" / "__init__.py").read_text(encoding="utf-8"))
    literals = [
        node.value.value
        for node in ast.walk(init)
        if isinstance(node, ast.Assign | ast.AnnAssign)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
        and re.fullmatch(r"\d+(\.\d+)+\S*", node.value.value)
    ]
    assert literals == []
    spec = (ROOT / "packaging" / "peerdesk.spec").read_text(encoding="utf-8")
    assert "__init__.py" not in spec
    assert 'copy_metadata("peerdesk")' in spec
