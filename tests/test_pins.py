"""The pins match what the code relies on, and the lock file matches pyproject.toml.

pyproject.toml states the ranges the code is written for (SQLCipher 4 through sqlcipher3, the
reportlab minor release whose internals export/pdfkit.py touches, pypdfium2's major version,
PySide6 below 6.12); requirements/lock.txt pins one version of each, with hashes, inside them.
"""

from __future__ import annotations

import importlib.metadata
import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
LOCK = ROOT / "requirements" / "lock.txt"
LOCKED_EXTRAS = ("test", "bundle")


def requirements() -> list[Requirement]:
    listed = list(PROJECT["dependencies"])
    for extra in LOCKED_EXTRAS:
        listed += PROJECT["optional-dependencies"][extra]
    return [Requirement(text) for text in listed]


def requirement(name: str) -> Requirement:
    return next(r for r in requirements() if canonicalize_name(r.name) == name)


def locked() -> dict[str, str]:
    """``{name: version}`` of every pin; each pin must carry at least one hash."""
    text = LOCK.read_text(encoding="utf-8")
    pins: dict[str, str] = {}
    for block in re.split(r"\n(?=\S)", text):
        found = re.match(r"([A-Za-z0-9_.-]+)==(\S+)", block)
        if found is None:
            continue
        assert "--hash=sha256:" in block, f"{found.group(1)} is pinned without a hash"
        pins[canonicalize_name(found.group(1))] = found.group(2)
    return pins


def test_the_lock_pins_every_requirement_inside_its_range() -> None:
    pins = locked()
    for req in requirements():
        name = canonicalize_name(req.name)
        assert name in pins, f"{req.name} is missing from {LOCK.name}: run `make lock`"
        assert req.specifier.contains(pins[name], prereleases=True), (
            f"{LOCK.name} pins {req.name}=={pins[name]}, outside {req.specifier}: run `make lock`"
        )


def test_the_lock_brings_the_build_backend() -> None:
    """`pip install --no-deps --no-build-isolation -e .` builds with the locked setuptools."""
    pins = locked()
    assert "setuptools" in pins and "wheel" in pins


@pytest.mark.parametrize(
    ("name", "wanted"),
    [
        ("pyside6", "<6.12"),
        ("sqlcipher3", "<0.7"),
        ("reportlab", "<5.2"),
        ("pypdfium2", "<6"),
    ],
)
def test_pyproject_keeps_the_upper_bounds_the_code_needs(name: str, wanted: str) -> None:
    assert wanted in str(requirement(name).specifier)


@pytest.mark.parametrize("name", ["pyside6", "sqlcipher3", "reportlab", "pypdfium2", "babel"])
def test_the_installed_version_is_one_pyproject_allows(name: str) -> None:
    installed = importlib.metadata.version(name)
    assert requirement(name).specifier.contains(installed, prereleases=True)


def test_sqlcipher3_brings_sqlcipher_4() -> None:
    import sqlcipher3

    connection = sqlcipher3.connect(":memory:")
    try:
        (version,) = connection.execute("PRAGMA cipher_version").fetchone()
    finally:
        connection.close()
    assert str(version).split(".")[0] == "4"
