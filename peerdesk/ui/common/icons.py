"""The application icon, from the bundled PNG sizes and the SVG source.

The PNGs in ``resources/icons/hicolor`` are rendered from ``resources/icons/peerdesk.svg`` by
``packaging/render_icons.py``; Qt picks the nearest size for title bars, task switchers and
docks, and draws the SVG for any larger size. Found through :mod:`peerdesk.resources`, so it
works from a checkout, an installed wheel and a PyInstaller bundle alike.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon

from peerdesk import APP_ID
from peerdesk.resources import resource_path

#: Every size rendered into ``resources/icons/hicolor/NxN/apps/``.
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def icon_png_path_parts(size: int) -> tuple[str, ...]:
    """The resource path of the ``size`` px PNG, for :func:`peerdesk.resources.resource`."""
    return ("icons", "hicolor", f"{size}x{size}", "apps", f"{APP_ID}.png")


def app_icon() -> QIcon:
    """PeerDesk's icon at every bundled size (empty only if the resources are missing).

    The SVG comes first, so that Qt's SVG icon engine draws any size no PNG covers (HiDPI
    docks, 1024 px previews); the PNGs then serve their exact sizes, which are sharper at
    16-48 px than a scaled drawing. Without the SVG icon engine the PNGs alone still work.
    """
    svg = resource_path("icons", "peerdesk.svg")
    icon = QIcon(str(svg)) if svg.is_file() else QIcon()
    for size in ICON_SIZES:
        png = resource_path(*icon_png_path_parts(size))
        if png.is_file():
            icon.addFile(str(png), QSize(size, size))
    return icon
