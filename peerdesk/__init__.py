"""PeerDesk: a private, offline journal and peer-support notebook.

The version has one source, ``version`` in pyproject.toml; it is read here from the installed
distribution's metadata (an editable install, the wheel, or the PyInstaller bundle, which
carries the dist-info through ``copy_metadata("peerdesk")`` in packaging/peerdesk.spec).
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__: str = version("peerdesk")
except PackageNotFoundError as exc:  # pragma: no cover - only in an uninstalled checkout
    raise ImportError(
        "PeerDesk is not installed, so it has no version: run `make` (or "
        "`pip install --no-deps -e .`) in the source tree first."
    ) from exc

APP_NAME = "PeerDesk"  # i18n: keep — the product name
APP_ID = "org.peerdesk.PeerDesk"
ORGANISATION = "PeerDesk"  # i18n: keep — the settings organisation key
