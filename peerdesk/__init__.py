"""PeerDesk: a private, offline journal and peer-support notebook.

The version has one source, ``version`` in pyproject.toml; it is read from the installed
distribution's metadata (an editable install, the wheel, or the PyInstaller bundle, which
carries the dist-info through ``copy_metadata("peerdesk")`` in packaging/peerdesk.spec).

``__version__`` is read when first asked for, and without :mod:`importlib.metadata` where it
can be: that module brings the ``email`` package with it (about 75 ms), and nothing the unlock
window shows needs it (issue 18, item 4). :func:`_read_version` finds the same dist-info on
``sys.path`` that ``importlib.metadata.version("peerdesk")`` finds, and reads its ``Version:``
line; a test checks that both agree.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

APP_NAME = "PeerDesk"  # i18n: keep — the product name
APP_ID = "org.peerdesk.PeerDesk"
ORGANISATION = "PeerDesk"  # i18n: keep — the settings organisation key

_DIST = "peerdesk"  # i18n: keep — the distribution's name

if TYPE_CHECKING:
    __version__: str


def _metadata_version(folder: str) -> str | None:
    """The ``Version:`` of the first ``peerdesk-*.dist-info`` in ``folder``, if any."""
    try:
        names = sorted(os.listdir(folder or "."))
    except OSError:  # not a folder (a zip, a path hook) or gone
        return None
    for name in names:
        lowered = name.lower()
        if not (lowered.startswith(f"{_DIST}-") and lowered.endswith(".dist-info")):
            continue
        try:
            with open(os.path.join(folder, name, "METADATA"), encoding="utf-8") as metadata:
                for line in metadata:
                    if not line.strip():
                        break  # the headers end at the first empty line
                    key, _sep, value = line.partition(":")
                    if key.lower() == "version":  # i18n: keep — a metadata header
                        return value.strip()
        except OSError:
            continue
    return None


def _read_version() -> str:
    for folder in sys.path:
        found = _metadata_version(folder)
        if found:
            return found
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(_DIST)
    except PackageNotFoundError as exc:  # pragma: no cover - only in an uninstalled checkout
        raise ImportError(
            "PeerDesk is not installed, so it has no version: run `make` (or "
            "`pip install --no-deps -e .`) in the source tree first."
        ) from exc


def __getattr__(name: str) -> str:
    if name == "__version__":
        value = _read_version()
        globals()["__version__"] = value  # read once
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
