"""Every filesystem location PeerDesk uses, in one place.

One override moves all of them: ``--data-dir DIR`` on the command line or the
``PEERDESK_DATA_DIR`` environment variable. Tests point it into a temporary directory, so no test
can touch the real profile. Nothing here creates anything at import time.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_DIR_NAME = "PeerDesk"  # i18n: keep — a folder name
ENV_VAR = "PEERDESK_DATA_DIR"
VAULT_SUFFIX = ".peerdesk"

_override: Path | None = None


def set_data_dir(path: str | os.PathLike[str] | None) -> None:
    """Point every location below ``path`` (``None`` restores the default)."""
    global _override
    _override = Path(path).expanduser().absolute() if path is not None else None


def data_dir() -> Path:
    """Holds vaults, backups and lock files. Created 0700 by :func:`ensure_private_dir`."""
    if _override is not None:
        return _override
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser().absolute()
    return Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False, roaming=False))


def default_vault_path() -> Path:
    return data_dir() / f"vault{VAULT_SUFFIX}"


def backups_dir() -> Path:
    return data_dir() / "backups"


def preferences_path() -> Path:
    """Non-sensitive preferences only (window geometry, theme, last vault if allowed)."""
    if _override is not None or os.environ.get(ENV_VAR):
        return data_dir() / "preferences.ini"
    config = platformdirs.user_config_dir(APP_DIR_NAME, appauthor=False, roaming=False)
    return Path(config) / "preferences.ini"


def runtime_dir() -> Path:
    """Single-instance lock and socket names are derived from here."""
    return data_dir() / "run"


def ensure_private_dir(path: Path, *, tighten_existing: bool = True) -> Path:
    """Create ``path`` (and parents) with mode 0700; the one private-directory helper.

    An existing folder is tightened to 0700 too, unless ``tighten_existing`` is False: a folder
    the user chose (a USB stick, Documents) for a backup keeps its permissions, it is not ours
    to change.
    """
    if not tighten_existing and path.is_dir():
        return path
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    if os.name == "posix":
        try:
            os.chmod(path, 0o700)
        except PermissionError:
            if tighten_existing:
                raise
    return path
