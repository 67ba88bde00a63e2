"""Render the application icon's PNG sizes from its SVG source.

    .venv/bin/python packaging/render_icons.py          # rewrite the PNGs and the hicolor SVG
    .venv/bin/python packaging/render_icons.py --check  # exit 1 if anything is out of date

Source: ``resources/icons/peerdesk.svg``. Output (committed, so that neither a wheel build nor a
bundle build needs Qt to render anything):

- ``resources/icons/hicolor/NxN/apps/org.peerdesk.PeerDesk.png`` for every size in ``SIZES``;
- ``resources/icons/org.peerdesk.PeerDesk.svg``, a byte-for-byte copy for the hicolor
  ``scalable/apps`` install.

``write_ico`` and ``write_icns`` turn those PNGs into a Windows ``.ico`` and a macOS ``.icns``
without any extra package; ``packaging/peerdesk.spec`` calls them when it builds on those
systems. They only need the standard library, so importing this module does not import Qt.
"""

from __future__ import annotations

import argparse
import struct
import sys
from collections.abc import Mapping
from pathlib import Path

APP_ID = "org.peerdesk.PeerDesk"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
SOURCE = ICONS / "peerdesk.svg"
SCALABLE_COPY = ICONS / f"{APP_ID}.svg"


def png_path(size: int, icons: Path = ICONS) -> Path:
    return icons / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"


def png_paths(icons: Path = ICONS) -> dict[int, Path]:
    return {size: png_path(size, icons) for size in SIZES}


# -- rendering (Qt) -------------------------------------------------------------------------------


def render_png(svg: Path, size: int) -> bytes:
    """The SVG drawn into a transparent ``size`` x ``size`` PNG (needs a Qt GUI application)."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF
    from PySide6.QtGui import QColor, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg} is not an SVG that Qt can draw")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor(0, 0, 0, 0))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.convertToFormat(QImage.Format.Format_ARGB32).save(buffer, "PNG"):
        raise SystemExit(f"could not encode the {size} px PNG")
    buffer.close()
    return bytes(data.data())


def _gui_application() -> object:
    """A Qt GUI application on the offscreen platform (rendering needs one; no window opens)."""
    from PySide6.QtGui import QGuiApplication

    existing = QGuiApplication.instance()
    if existing is not None:
        return existing
    return QGuiApplication(["render_icons", "-platform", "offscreen"])


def render_all(icons: Path = ICONS, *, check: bool = False) -> list[Path]:
    """Write (or with ``check``, compare) every output; returns the paths that differ."""
    _app = _gui_application()
    source = icons / SOURCE.name
    outputs: dict[Path, bytes] = {icons / SCALABLE_COPY.name: source.read_bytes()}
    for size, path in png_paths(icons).items():
        outputs[path] = render_png(source, size)
    stale = [
        path for path, data in outputs.items() if not path.is_file() or path.read_bytes() != data
    ]
    if not check:
        for path in stale:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(outputs[path])
    del _app
    return stale


# -- Windows .ico and macOS .icns from the PNGs (standard library only) -------------------------


def _png_bytes(pngs: Mapping[int, Path], size: int) -> bytes:
    data = Path(pngs[size]).read_bytes()
    if not data.startswith(b"\x89PNG\r\n\x1a\n"):
        raise ValueError(f"{pngs[size]} is not a PNG")
    return data


def write_ico(
    pngs: Mapping[int, Path], out: Path, sizes: tuple[int, ...] = (16, 24, 32, 48, 64, 128, 256)
) -> Path:
    """A Windows icon holding PNG-compressed images (Windows Vista and later read these)."""
    images = [(size, _png_bytes(pngs, size)) for size in sizes]
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    entries, blobs = [], []
    for size, data in images:
        edge = 0 if size >= 256 else size  # 0 means 256 in an ICONDIRENTRY
        entries.append(struct.pack("<BBBBHHII", edge, edge, 0, 0, 1, 32, len(data), offset))
        blobs.append(data)
        offset += len(data)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(header + b"".join(entries) + b"".join(blobs))
    return out


# PNG-based icns element types: type -> pixel size (the @2x types reuse a larger PNG).
_ICNS_TYPES = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"icp6", 64),
    (b"ic07", 128),
    (b"ic08", 256),
    (b"ic09", 512),
    (b"ic11", 32),
    (b"ic12", 64),
    (b"ic13", 256),
    (b"ic14", 512),
)


def write_icns(pngs: Mapping[int, Path], out: Path) -> Path:
    """A macOS icon file (``icns``) made of PNG elements (macOS 10.7 and later read these)."""
    body = b""
    for kind, size in _ICNS_TYPES:
        data = _png_bytes(pngs, size)
        body += kind + struct.pack(">I", 8 + len(data)) + data
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(b"icns" + struct.pack(">I", 8 + len(body)) + body)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check",
        action="store_true",
        help="change nothing; exit 1 if a PNG or the hicolor SVG is out of date",
    )
    args = parser.parse_args(argv)
    stale = render_all(check=args.check)
    for path in stale:
        verb = "out of date" if args.check else "wrote"
        print(f"{verb}: {path.relative_to(ROOT)}")
    if args.check and stale:
        print("run packaging/render_icons.py to regenerate the icons", file=sys.stderr)
        return 1
    if not stale:
        print("icons are up to date")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
