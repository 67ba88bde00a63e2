"""What the unlock window loads before it is on screen (issue 18, item 4: a fast start).

Each test starts a fresh interpreter that goes the real way to the unlock window
(``create_application``, the language as ``run_gui`` applies it, ``AppController.start`` on an
existing vault file) and reports which of the deferred modules were imported by then. Each of
them has its moment later: the models and the repositories when a vault opens, backups when
one is made, the support dialog when its button is pressed, the strength estimate when a new
passphrase is chosen, Babel for dates in the main window, ``importlib.metadata`` (and the
``email`` package it brings) never.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from peerdesk import i18n
from peerdesk.ui.directory import support_panel
from peerdesk.ui.vault import unlock

TREE = Path(__file__).resolve().parents[3]

#: Loaded after the unlock window, never before it.
DEFERRED = (
    "babel",
    "email",
    "importlib.metadata",
    "peerdesk.models.conversation",
    "peerdesk.models.dates",
    "peerdesk.models.incident",
    "peerdesk.models.secret_strength",
    "peerdesk.models.serialize",
    "peerdesk.storage.backup_files",
    "peerdesk.storage.directory",
    "peerdesk.storage.incidents",
    "peerdesk.storage.repositories",
    "peerdesk.ui.common.strength_meter",
    "peerdesk.ui.directory.support_panel",
    "peerdesk.ui.shell.main_window",
    "pikepdf",
    "reportlab",
)

CHILD = """
import json, sys
from pathlib import Path
language, locale_dir = sys.argv[2], sys.argv[3]
if locale_dir:
    from peerdesk import i18n
    i18n.LOCALE_DIR = Path(locale_dir)
from peerdesk.app import create_application
from peerdesk.ui.common.language import apply_language
from peerdesk.ui.shell.controller import AppController
app = create_application()
apply_language(language or None)
controller = AppController(app, vault_path=Path(sys.argv[1]))
controller.start()
window = controller.unlock_window
assert window is not None and window.isVisible()
print(json.dumps({
    "modules": sorted(sys.modules),
    "title": window.windowTitle(),
    "unlock": window.unlock_button.text(),
}))
"""


def start_to_unlock_window(tmp_path: Path, language: str = "", locale_dir: str = "") -> dict:
    """The child's report: the modules loaded once the unlock window is shown, and its words."""
    home = tmp_path / "home"
    (home / "run").mkdir(parents=True, mode=0o700)
    vault = tmp_path / "journal.peerdesk"
    vault.write_bytes(b"\0" * 4096)  # the unlock window only needs the file to exist
    env = dict(
        os.environ,
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_DATA_HOME=str(home / ".local/share"),
        XDG_RUNTIME_DIR=str(home / "run"),
        PYTHONPATH=str(TREE),
        QT_QPA_PLATFORM="offscreen",
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
    )
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(vault), language, locale_dir],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    report: dict = json.loads(done.stdout.splitlines()[-1])
    return report


def loaded(modules: list[str]) -> list[str]:
    return sorted(
        name for name in DEFERRED if any(m == name or m.startswith(f"{name}.") for m in modules)
    )


def test_the_unlock_window_loads_none_of_what_it_does_not_show(tmp_path: Path) -> None:
    report = start_to_unlock_window(tmp_path, "en")
    assert loaded(report["modules"]) == []
    assert report["unlock"] == "&Unlock"


@pytest.mark.parametrize("compiled", [False, True], ids=["catalogue-source", "compiled"])
def test_the_unlock_window_speaks_german_without_babel(tmp_path: Path, compiled: bool) -> None:
    """A checkout has only the .po catalogues, a wheel has the compiled .mo: both are read
    without Babel, and the window's own words are German."""
    locale_dir = ""
    if compiled:
        from peerdesk.i18n import catalogues

        target = tmp_path / "locale"
        catalogues.compile_all(target)
        assert (target / "de" / "LC_MESSAGES" / "peerdesk.mo").is_file()
        locale_dir = str(target)
    report = start_to_unlock_window(tmp_path, "de", locale_dir)
    assert loaded(report["modules"]) == []
    german = i18n.translations("de")
    assert german.gettext("&Unlock") != "&Unlock"  # (the catalogue has it)
    assert report["unlock"] == german.gettext("&Unlock")
    assert report["title"] == german.gettext(unlock.WINDOW_TITLE).format(app="PeerDesk")


def test_the_unlock_windows_danger_line_is_the_support_panels() -> None:
    assert unlock.DANGER_LINE == support_panel.DANGER_LINE


def test_importing_peerdesk_reads_no_package_metadata() -> None:
    code = (
        "import sys, peerdesk, peerdesk.app\n"
        "print('importlib.metadata' in sys.modules, 'email' in sys.modules)\n"
        "peerdesk.__version__\n"
        "print('importlib.metadata' in sys.modules)\n"
    )
    env = dict(os.environ, PYTHONPATH=str(TREE), QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=TREE, capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == ["False", "False", "False"]
