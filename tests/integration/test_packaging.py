"""Issue 9: the icon, the desktop-integration files, what the wheel ships, and the self-test.

The validators (desktop-file-validate, appstreamcli) are Debian packages that .ci/run
installs: missing in CI is a failure, missing on a developer's machine a skip.
"""

from __future__ import annotations

import configparser
import importlib.util
import os
import shutil
import struct
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType

import pytest

import peerdesk
from peerdesk import APP_ID, APP_NAME
from peerdesk.selftest import STEPS

ROOT = Path(__file__).resolve().parents[2]
RESOURCES = ROOT / "resources"
DESKTOP = RESOURCES / "desktop" / f"{APP_ID}.desktop"
METAINFO = RESOURCES / "desktop" / f"{APP_ID}.metainfo.xml"
ICONS = RESOURCES / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{name} is missing; .ci/run installs it (appstream, desktop-file-utils)")
        pytest.skip(f"{name} is not installed (apt-get install appstream desktop-file-utils)")
    return found


def png_size(path: Path) -> tuple[int, int, int]:
    """(width, height, colour type) from a PNG's IHDR chunk."""
    data = path.read_bytes()[:33]
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    length, kind = struct.unpack(">I4s", data[8:16])
    assert kind == b"IHDR" and length == 13
    width, height, _depth, colour = struct.unpack(">IIBB", data[16:26])
    return width, height, colour


@pytest.fixture
def gui_app() -> object:
    """The test session's QApplication; made on the offscreen platform if there is none yet, so
    that these tests need no screen even when run on their own without QT_QPA_PLATFORM."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        app = QApplication(["peerdesk-tests", "-platform", "offscreen"])
    return app


def render_icons_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "render_icons", ROOT / "packaging" / "render_icons.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# -- validators ----------------------------------------------------------------------------------


def test_desktop_file_passes_desktop_file_validate() -> None:
    result = subprocess.run(
        [tool("desktop-file-validate"), str(DESKTOP)], capture_output=True, text=True, timeout=60
    )
    # Not even a hint: the validator's output must be empty.
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


def test_metainfo_passes_appstreamcli_validate_without_network() -> None:
    result = subprocess.run(
        [tool("appstreamcli"), "validate", "--no-net", str(METAINFO)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    problems = [line for line in result.stdout.splitlines() if line.startswith(("E:", "W:"))]
    assert not problems, result.stdout


# -- one application id everywhere ----------------------------------------------------------------


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_file_uses_the_application_id() -> None:
    entry = desktop_entry()
    assert DESKTOP.name == f"{APP_ID}.desktop"  # Qt's desktopFileName (Wayland app_id) + .desktop
    assert entry["Icon"] == APP_ID
    assert entry["Name"] == APP_NAME
    assert entry["Type"] == "Application"
    assert entry["Terminal"] == "false"
    assert entry["Exec"].split()[0] == "peerdesk"
    assert "peerdesk" in PYPROJECT["project"]["scripts"]
    # On X11, Qt sets WM_CLASS to (argv[0] basename, applicationName): the class is APP_NAME.
    assert entry["StartupWMClass"] == APP_NAME
    assert "Office" in entry["Categories"].split(";")
    assert entry["Keywords"].endswith(";")


def test_metainfo_uses_the_application_id_and_keeps_the_privacy_promise() -> None:
    root = ET.parse(METAINFO).getroot()  # noqa: S314 - our own file
    assert root.tag == "component" and root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    assert METAINFO.name == f"{APP_ID}.metainfo.xml"
    launchable = root.find("launchable")
    assert launchable is not None and launchable.get("type") == "desktop-id"
    assert launchable.text == DESKTOP.name
    assert root.findtext("provides/binary") == "peerdesk"
    assert root.findtext("metadata_license") == "CC0-1.0"
    assert root.findtext("project_license") == PYPROJECT["project"]["license"]["text"]
    assert root.findtext("name") == APP_NAME
    releases = [r.get("version") for r in root.iterfind("releases/release")]
    assert releases and releases[0] == peerdesk.__version__
    rating = root.find("content_rating")
    assert rating is not None and rating.get("type") == "oars-1.1"
    attributes = {a.get("id"): a.text for a in rating.iterfind("content_attribute")}
    assert not any(name.startswith(("social-", "money-")) for name in attributes)
    developer = root.find("developer")
    assert developer is not None and developer.get("id") and developer.findtext("name")
    description = " ".join("".join(root.find("description").itertext()).split())  # type: ignore[union-attr]
    for promise in (
        "encrypted",
        "stays on this computer",
        "Nothing is sent anywhere",
        "no network connections",
    ):
        assert promise in description


# -- the icon ------------------------------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES)
def test_icon_png_exists_at_its_size(size: int) -> None:
    path = ICONS / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
    assert path.is_file(), path
    width, height, colour = png_size(path)
    assert (width, height) == (size, size)
    assert colour == 6  # RGBA: the rounded corners are transparent


def test_hicolor_svg_is_a_copy_of_the_source() -> None:
    assert (ICONS / f"{APP_ID}.svg").read_bytes() == (ICONS / "peerdesk.svg").read_bytes()


@pytest.mark.parametrize("size", (16, 48, 256))
def test_committed_pngs_are_rendered_from_the_svg(size: int, gui_app: object) -> None:
    """A changed SVG without re-running packaging/render_icons.py fails here."""
    from PySide6.QtGui import QImage

    render_icons = render_icons_module()
    fresh = QImage.fromData(render_icons.render_png(ICONS / "peerdesk.svg", size), "PNG")
    committed = QImage(str(render_icons.png_path(size, ICONS)))
    assert fresh.size() == committed.size()
    worst = 0
    for y in range(size):
        for x in range(size):
            a, b = fresh.pixelColor(x, y), committed.pixelColor(x, y)
            worst = max(
                worst,
                abs(a.red() - b.red()),
                abs(a.green() - b.green()),
                abs(a.blue() - b.blue()),
                abs(a.alpha() - b.alpha()),
            )
    assert worst <= 8  # rounding may differ between CPUs; a changed drawing differs far more


def test_ico_and_icns_writers_make_files_qt_can_read(tmp_path: Path, gui_app: object) -> None:
    from PySide6.QtGui import QImageReader

    render_icons = render_icons_module()
    pngs = render_icons.png_paths(ICONS)
    ico = render_icons.write_ico(pngs, tmp_path / "peerdesk.ico")
    reader = QImageReader(str(ico), b"ico")
    assert reader.imageCount() == 7
    assert reader.read().width() in SIZES
    icns = render_icons.write_icns(pngs, tmp_path / "peerdesk.icns").read_bytes()
    assert icns[:4] == b"icns" and struct.unpack(">I", icns[4:8])[0] == len(icns)


def test_app_icon_has_every_size(gui_app: object) -> None:
    from PySide6.QtCore import QSize

    from peerdesk.ui.common.icons import ICON_SIZES, app_icon

    icon = app_icon()
    assert not icon.isNull()
    assert ICON_SIZES == SIZES
    for size in (*SIZES, 1024):
        assert icon.pixmap(QSize(size, size)).width() == size


# -- the wheel's contents ------------------------------------------------------------------------


def test_every_python_package_is_listed_for_the_wheel() -> None:
    listed = set(PYPROJECT["tool"]["setuptools"]["packages"])
    found = {
        ".".join(p.parent.relative_to(ROOT).parts)
        for p in (ROOT / "peerdesk").rglob("__init__.py")
        if "__pycache__" not in p.parts
    }
    assert found <= listed, f"add to [tool.setuptools] packages: {sorted(found - listed)}"


def test_package_data_covers_every_resource_file() -> None:
    package_dir = PYPROJECT["tool"]["setuptools"]["package-dir"]
    assert package_dir["peerdesk._resources"] == "resources"
    covered: set[Path] = set()
    for package, patterns in PYPROJECT["tool"]["setuptools"]["package-data"].items():
        if package == "peerdesk.locale":  # the compiled catalogues (setup.py builds them)
            assert patterns == ["*/LC_MESSAGES/*.mo"]
            continue
        assert package.startswith("peerdesk._resources")
        base = RESOURCES.joinpath(*package.split(".")[2:])
        for pattern in patterns:
            covered |= {p for p in base.glob(pattern) if p.is_file()}
    shipped = {
        p
        for p in RESOURCES.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix not in (".py", ".pyc")
    }
    missing = sorted(str(p.relative_to(ROOT)) for p in shipped - covered)
    assert not missing, f"not in [tool.setuptools.package-data]: {missing}"
    for needed in (
        "icons/peerdesk.svg",
        f"icons/hicolor/16x16/apps/{APP_ID}.png",
        f"desktop/{APP_ID}.desktop",
        "fonts/DejaVuSans.ttf",
        "fonts/DroidSansFallbackFull.ttf",
    ):
        assert RESOURCES / needed in covered


def test_bundle_extra_brings_pyinstaller() -> None:
    assert any(
        req.startswith("pyinstaller>=6")
        for req in PYPROJECT["project"]["optional-dependencies"]["bundle"]
    )


# -- peerdesk --self-test from the source tree ---------------------------------------------------


SelfTestRun = tuple[subprocess.CompletedProcess[str], Path, Path]


@pytest.fixture(scope="module")
def self_test_run(tmp_path_factory: pytest.TempPathFactory) -> SelfTestRun:
    base = tmp_path_factory.mktemp("selftest")
    data, scratch, home = base / "data", base / "tmp", base / "home"
    scratch.mkdir()
    home.mkdir()
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        PEERDESK_DATA_DIR=str(data),
        TMPDIR=str(scratch),
        HOME=str(home),
    )
    result = subprocess.run(
        [sys.executable, "-m", "peerdesk", "--self-test"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return result, data, scratch


def test_self_test_from_the_source_tree_passes(self_test_run: SelfTestRun) -> None:
    result, _data, _scratch = self_test_run
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines == [f"ok {step}" for step in STEPS] + ["self-test passed"]


def test_self_test_leaves_no_files_behind(self_test_run: SelfTestRun) -> None:
    result, data, scratch = self_test_run
    assert result.returncode == 0
    assert not data.exists() or not any(data.iterdir())
    assert not any(scratch.iterdir()), sorted(p.name for p in scratch.iterdir())
