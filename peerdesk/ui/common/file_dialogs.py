"""Save dialogs that leave no trace of where the user keeps their files (SECURITY.md 21).

Qt's own file dialog writes the last folder and a history to ``QtProject.conf`` when it is
destroyed; :func:`forget_folders_after` puts back what was there before. A folder is
remembered only through PeerDesk's preferences, and only when the user allows it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDir, QSettings
from PySide6.QtWidgets import QFileDialog, QWidget

if TYPE_CHECKING:
    from peerdesk.ui.common.preferences import Preferences


@contextlib.contextmanager
def no_file_dialog_trace() -> Iterator[None]:
    """Put Qt's file-dialog settings (last folder, history) back as they were afterwards."""
    settings = QSettings(QSettings.Scope.UserScope, "QtProject")
    file_existed = Path(settings.fileName()).exists()
    settings.beginGroup("FileDialog")  # i18n: keep — a Qt settings group
    saved: dict[str, Any] = {key: settings.value(key) for key in settings.childKeys()}
    settings.endGroup()
    try:
        yield
    finally:
        settings.sync()  # pick up what the dialog wrote
        settings.beginGroup("FileDialog")  # i18n: keep — a Qt settings group
        settings.remove("")
        for key, value in saved.items():
            settings.setValue(key, value)
        settings.endGroup()
        settings.sync()
        if not file_existed and not settings.allKeys():
            with contextlib.suppress(OSError):
                Path(settings.fileName()).unlink()


def forget_folders_after(dialog: QFileDialog) -> None:
    """Put Qt's remembered file-dialog folders back once ``dialog`` is gone: Qt writes them
    when the dialog is destroyed, so the restore waits for ``destroyed``."""
    stack = contextlib.ExitStack()
    stack.enter_context(no_file_dialog_trace())
    dialog.destroyed.connect(lambda *_args: stack.close())


def _remembering(preferences: Preferences | None) -> bool:
    return bool(preferences is not None and preferences.get("remember_file_dialog_dir"))


def start_folder(preferences: Preferences | None) -> Path:
    """The folder a save dialog opens in: the remembered one if allowed, else home."""
    start = (
        str(preferences.get("file_dialog_dir"))
        if (preferences is not None and _remembering(preferences))
        else ""
    )
    return Path(start) if start and Path(start).is_dir() else Path(QDir.homePath())


def remember_folder(preferences: Preferences | None, chosen: Path) -> None:
    """Remember where the user saved (the preference refuses unless remembering is on)."""
    if preferences is not None:
        preferences.set("file_dialog_dir", str(chosen.parent))


def save_dialog(
    parent: QWidget,
    title: str,
    name: str,
    filters: str,
    suffix: str,
    preferences: Preferences | None,
    object_name: str,
) -> QFileDialog:
    """A non-native "save as" dialog for ``name``, not yet shown (connect ``fileSelected``
    and ``rejected``, then ``open()``)."""
    dialog = QFileDialog(parent, title, str(start_folder(preferences) / name), filters)
    dialog.setObjectName(object_name)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    dialog.setDefaultSuffix(suffix)
    if not _remembering(preferences):
        dialog.setHistory([])
    forget_folders_after(dialog)
    return dialog


__all__ = [
    "forget_folders_after",
    "no_file_dialog_trace",
    "remember_folder",
    "save_dialog",
    "start_folder",
]
