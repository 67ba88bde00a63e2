"""The one way to find bundled resources (content files, fonts, icons).

Works from a source checkout (``<repo>/resources``), an installed wheel (the folder ships as
the package ``peerdesk._resources``) and a PyInstaller bundle (``peerdesk/_resources`` inside the
bundle's data folder).
"""

from __future__ import annotations

import importlib.resources
import sys
from importlib.resources.abc import Traversable
from pathlib import Path


def resources_root() -> Traversable:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "peerdesk" / "_resources"
    checkout = Path(__file__).resolve().parent.parent / "resources"
    if (checkout / "content").is_dir():
        return checkout
    return importlib.resources.files("peerdesk._resources")


def resource(*parts: str) -> Traversable:
    """``resource("content", "strategies.json")`` → a Traversable (``read_bytes``, ``open``)."""
    node = resources_root()
    for part in parts:
        node = node / part
    return node


def resource_path(*parts: str) -> Path:
    """A real filesystem path, for APIs that need one (fonts for reportlab, icons for Qt)."""
    node = resource(*parts)
    if isinstance(node, Path):
        return node
    return Path(str(node))
