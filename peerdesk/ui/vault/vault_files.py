"""Choosing a vault file: an existing one to open, a new one's name, the sample vault's name.

The dialogs leave no trace: Qt's own file dialog writes the last folder and a history to
``QtProject.conf`` (``[FileDialog]``) when it closes, so they put back what was there before
(SECURITY.md 21, :func:`peerdesk.ui.common.file_dialogs.no_file_dialog_trace`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

from PySide6.QtWidgets import QFileDialog, QWidget

from peerdesk.i18n import N_, _
from peerdesk.paths import VAULT_SUFFIX
from peerdesk.ui.common.file_dialogs import no_file_dialog_trace

VAULT_FILTER: Final = N_("PeerDesk vaults (*{suffix})")
ANY_FILTER: Final = N_("All files (*)")


def vault_filter() -> str:
    """The file dialogs' filter for vault files, in the language in force."""
    # translators: a file dialog filter; keep "(*{suffix})" as it is
    return _(VAULT_FILTER).format(suffix=VAULT_SUFFIX)


def _start_dir(hint: Path) -> str:
    for candidate in (hint, *hint.parents):
        if candidate.is_dir():
            return str(candidate)
    return str(Path.home())


_DIALOG_OPTIONS: Final = QFileDialog.Option.DontUseNativeDialog


def choose_existing_vault(parent: QWidget | None, start: Path) -> Path | None:
    """Ask for an existing vault file; ``None`` when cancelled. Remembers no folder."""
    with no_file_dialog_trace():
        name, _filter = QFileDialog.getOpenFileName(
            parent,
            _("Open a vault"),
            _start_dir(start),
            vault_filter() + ";;" + _(ANY_FILTER),
            "",
            _DIALOG_OPTIONS,
        )
    return Path(name) if name else None


def choose_new_vault_path(parent: QWidget | None, suggested: Path) -> Path | None:
    """Ask where to save a new vault; adds ``.peerdesk`` when missing. Remembers no folder.

    An existing file is not offered for replacing (PeerDesk never overwrites a file): the
    caller reports it instead.
    """
    start = str(suggested) if suggested.parent.is_dir() else _start_dir(suggested)
    with no_file_dialog_trace():
        name, _filter = QFileDialog.getSaveFileName(
            parent,
            _("Save the new vault as"),
            start,
            vault_filter(),
            "",
            _DIALOG_OPTIONS | QFileDialog.Option.DontConfirmOverwrite,
        )
    if not name:
        return None
    path = Path(name)
    if path.suffix.lower() != VAULT_SUFFIX:
        path = path.with_name(path.name + VAULT_SUFFIX)
    return path


def sample_vault_path(default_vault_path: Path) -> Path:
    """``sample-data.peerdesk`` beside the default vault, or ``sample-data-2…`` if taken."""
    first = default_vault_path.with_name(f"sample-data{VAULT_SUFFIX}")
    if not first.exists():
        return first
    number = 2
    while True:
        candidate = default_vault_path.with_name(f"sample-data-{number}{VAULT_SUFFIX}")
        if not candidate.exists():
            return candidate
        number += 1


__all__ = ["choose_existing_vault", "choose_new_vault_path", "sample_vault_path"]
