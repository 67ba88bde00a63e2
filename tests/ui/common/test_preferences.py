"""The preferences file: one explicit INI path, declared keys, privacy rules, robust reading."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QMainWindow
from pytestqt.qtbot import QtBot

from peerdesk import paths
from peerdesk.ui.common.preferences import PREFERENCES, Preferences, redirect_qt_user_settings


def files_under(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def test_defaults_and_declared_keys(qtbot: QtBot) -> None:
    prefs = Preferences()
    assert prefs.path == paths.preferences_path()
    assert prefs.get("theme") == "system"
    assert prefs.get("remember_last_vault") is False
    assert prefs.get("last_vault") == ""
    assert prefs.get("remember_file_dialog_dir") is False
    assert prefs.get("file_dialog_dir") == ""
    assert prefs.get("window_geometry/main") == b""
    assert prefs.get("window_state/main") == b""
    assert {p.key for p in PREFERENCES} == set(Preferences.keys())
    assert not prefs.path.exists()  # reading writes nothing


@pytest.mark.parametrize(
    "key",
    ["colour", "", "window_geometry", "theme/main", "window_geometry/../x", "window_state/a b"],
)
def test_unknown_keys_raise_key_error(qtbot: QtBot, key: str) -> None:
    prefs = Preferences()
    with pytest.raises(KeyError):
        prefs.get(key)
    with pytest.raises(KeyError):
        prefs.set(key, "x")


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("theme", "purple"),
        ("theme", 1),
        ("remember_last_vault", 1),
        ("remember_last_vault", "true"),
        ("window_geometry/main", "text"),
        ("last_vault", None),
    ],
)
def test_wrong_values_are_refused(qtbot: QtBot, key: str, value: object) -> None:
    prefs = Preferences()
    with pytest.raises(ValueError):
        prefs.set(key, value)
    assert not prefs.path.exists()


def test_written_only_to_the_preferences_file_and_read_back(
    qtbot: QtBot, tmp_path: Path, isolated_paths: Path
) -> None:
    home = tmp_path / "home"
    before = files_under(home)
    prefs = Preferences()
    prefs.set("theme", "dark")
    prefs.set("window_geometry/main", b"\x00\x01geometry\xff")
    written = paths.preferences_path()
    assert written.parent == isolated_paths and written.is_file()
    assert files_under(home) == before  # never Qt's default settings location
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    assert stat.S_IMODE(written.parent.stat().st_mode) == 0o700

    again = Preferences()
    assert again.get("theme") == "dark"
    assert again.get("window_geometry/main") == b"\x00\x01geometry\xff"
    assert again.get("remember_last_vault") is False


def test_changed_signal(qtbot: QtBot) -> None:
    prefs = Preferences()
    seen: list[str] = []
    prefs.changed.connect(seen.append)
    with qtbot.waitSignal(prefs.changed, check_params_cb=lambda key: key == "theme"):
        prefs.set("theme", "light")
    prefs.set("theme", "light")  # no change, no signal
    prefs.reset("theme")
    assert seen == ["theme", "theme"]
    assert prefs.get("theme") == "system"


def test_last_vault_is_kept_only_while_allowed(qtbot: QtBot, vault_path: Path) -> None:
    prefs = Preferences()
    prefs.set("last_vault", str(vault_path))
    assert prefs.get("last_vault") == ""
    assert not prefs.path.exists() or str(vault_path) not in prefs.path.read_text()

    prefs.set("remember_last_vault", True)
    prefs.set("last_vault", str(vault_path))
    assert Preferences().get("last_vault") == str(vault_path)

    seen: list[str] = []
    prefs.changed.connect(seen.append)
    prefs.set("remember_last_vault", False)
    assert seen == ["remember_last_vault", "last_vault"]
    assert vault_path.name not in prefs.path.read_text()
    assert Preferences().get("last_vault") == ""


def test_file_dialog_folder_is_kept_only_while_allowed(qtbot: QtBot, tmp_path: Path) -> None:
    prefs = Preferences()
    prefs.set("file_dialog_dir", str(tmp_path))
    assert prefs.get("file_dialog_dir") == ""
    prefs.set("remember_file_dialog_dir", True)
    prefs.set("file_dialog_dir", str(tmp_path))
    assert Preferences().get("file_dialog_dir") == str(tmp_path)
    prefs.set("remember_file_dialog_dir", False)
    assert str(tmp_path) not in prefs.path.read_text()


def test_a_path_left_in_the_file_is_not_used_unless_allowed(qtbot: QtBot, vault_path: Path) -> None:
    target = paths.preferences_path()
    paths.ensure_private_dir(target.parent)
    target.write_text(f"[General]\nlast_vault={vault_path}\n", encoding="utf-8")
    prefs = Preferences()
    assert prefs.get("last_vault") == ""
    prefs.set("remember_last_vault", False)  # saying "no" again erases it
    assert vault_path.name not in target.read_text()


def test_setting_the_same_value_writes_nothing(qtbot: QtBot) -> None:
    prefs = Preferences()
    prefs.set("theme", "system")
    prefs.set("remember_last_vault", False)
    assert not prefs.path.exists()


@pytest.mark.parametrize(
    ("content", "flagged"),
    [
        # Qt reports a format error here, yet would still half-read "theme=dark": all is ignored.
        (b"[General\ntheme=dark\nlast_vault=/x\n", True),
        # Binary junk parses "cleanly" into nothing usable.
        (bytes(range(256)) * 4, False),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\xff", False),
    ],
)
def test_corrupted_file_falls_back_to_defaults(qtbot: QtBot, content: bytes, flagged: bool) -> None:
    target = paths.preferences_path()
    paths.ensure_private_dir(target.parent)
    target.write_bytes(content)
    prefs = Preferences()
    assert prefs.was_unreadable is flagged
    assert prefs.get("theme") == "system"
    assert prefs.get("remember_last_vault") is False
    assert prefs.get("window_geometry/main") == b""
    prefs.set("theme", "light")  # the next change writes a clean file
    again = Preferences()
    assert not again.was_unreadable
    assert again.get("theme") == "light"


def test_bad_values_in_the_file_fall_back_to_defaults(qtbot: QtBot) -> None:
    target = paths.preferences_path()
    paths.ensure_private_dir(target.parent)
    target.write_text(
        "[General]\ntheme=purple\nremember_last_vault=maybe\n[window_geometry]\nmain=not bytes\n",
        encoding="utf-8",
    )
    prefs = Preferences()
    assert prefs.get("theme") == "system"
    assert prefs.get("remember_last_vault") is False
    assert prefs.get("window_geometry/main") == b""


def test_unreadable_path_does_not_crash(qtbot: QtBot) -> None:
    target = paths.preferences_path()
    target.mkdir(parents=True)  # a folder where the file should be
    prefs = Preferences()
    assert prefs.get("theme") == "system"
    prefs.set("theme", "dark")  # cannot be written: no exception
    assert target.is_dir()


def test_window_geometry_round_trip(qtbot: QtBot) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    window.resize(640, 480)
    prefs = Preferences()
    assert prefs.restore_window("main", window) is False
    prefs.save_window("main", window)
    assert prefs.get("window_geometry/main")
    assert prefs.get("window_state/main")

    other = QMainWindow()
    qtbot.addWidget(other)
    assert Preferences().restore_window("main", other) is True
    assert (other.width(), other.height()) == (640, 480)


def test_qt_file_dialog_history_can_be_kept_out_of_the_profile(
    qtbot: QtBot, tmp_path: Path
) -> None:
    config = Path(os.environ["XDG_CONFIG_HOME"])
    private = tmp_path / "qt-private"
    redirect_qt_user_settings(private)
    try:
        dialog = QFileDialog(None, "Choose", str(tmp_path))
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.open()
        dialog.accept()
        shiboken6.delete(dialog)  # Qt writes its history when the dialog is destroyed
        assert not (config / "QtProject.conf").exists()
        assert (private / "QtProject.conf").exists()
        assert stat.S_IMODE(private.stat().st_mode) == 0o700
    finally:
        for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
            QSettings.setPath(fmt, QSettings.Scope.UserScope, str(config))
