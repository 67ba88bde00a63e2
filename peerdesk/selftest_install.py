"""The installation steps of ``peerdesk --self-test``: keyring backends, every module, Qt.

These check what a bundle or a wheel brought along, not the vault; :mod:`peerdesk.selftest`
runs them after the vault steps.
"""

from __future__ import annotations

import ctypes
import importlib
import importlib.util
import io
import secrets
import sys
from pathlib import Path


class SelfTestError(Exception):
    """A check did not hold (the message is never printed)."""


def check_that(condition: bool, what: str) -> None:
    if not condition:
        raise SelfTestError(what)


def check_keyring() -> None:
    """The keyring backends PeerDesk trusts are there (import only: nothing is stored, read or
    asked of a keyring)."""
    from importlib import metadata

    from peerdesk.storage.keystore import TRUSTED_BACKENDS

    names = {ep.name for ep in metadata.entry_points(group="keyring.backends")}
    check_that(
        {"SecretService", "KWallet", "macOS", "Windows", "chainer"} <= names,
        "the keyring backends are not registered",
    )
    for qualified in sorted(TRUSTED_BACKENDS):
        module_name, _, class_name = qualified.rpartition(".")
        module = importlib.import_module(module_name)
        check_that(
            isinstance(getattr(module, class_name, None), type),
            "a trusted keyring backend is missing",
        )
    for module_name in (
        "keyring.backends.chainer",
        "keyring.backends.fail",
        "keyring.backends.null",
    ):
        importlib.import_module(module_name)
    if sys.platform.startswith("linux"):
        importlib.import_module("secretstorage")
        importlib.import_module("jeepney")


def check_modules() -> None:
    """Every module of PeerDesk imports (the GUI's too): nothing is missing from a bundle."""
    import pkgutil

    import peerdesk

    names = [m.name for m in pkgutil.walk_packages(peerdesk.__path__, "peerdesk.")]
    for name in names:
        if name.endswith(".__main__") or name.startswith("peerdesk._resources"):
            continue  # __main__ would start PeerDesk; _resources holds no code
        importlib.import_module(name)
    check_that(
        {"peerdesk.cli", "peerdesk.app", "peerdesk.ui.shell.main_window"} <= set(names),
        "modules are missing",
    )


def check_qt() -> None:
    """Qt starts (offscreen), with its image formats, the icon and the platform plugins."""
    from PySide6 import QtSvg, QtWidgets  # noqa: F401  (the import is the check)
    from PySide6.QtCore import QLibraryInfo, QSize
    from PySide6.QtGui import QImageReader

    app = QtWidgets.QApplication.instance()
    if app is None:
        # No window: the offscreen platform, whatever the desktop is.
        app = QtWidgets.QApplication(["peerdesk", "-platform", "offscreen"])
    formats = {bytes(f.data()).decode() for f in QImageReader.supportedImageFormats()}
    check_that({"png", "jpeg", "svg"} <= formats, "an image format plugin is missing")

    from peerdesk.ui.common.icons import ICON_SIZES, app_icon

    icon = app_icon()
    check_that(not icon.isNull(), "the application icon did not load")
    for size in (ICON_SIZES[0], ICON_SIZES[-1]):
        check_that(icon.pixmap(QSize(size, size)).width() == size, "an icon size is missing")
    plugins = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath))
    _check_platform_plugins([plugins, *map(Path, QtWidgets.QApplication.libraryPaths())])


def check_translations() -> None:
    """Every shipped language has its compiled catalogues (PeerDesk's words and the built-in
    content), each with translations in it, and Qt's own catalogue for its standard dialogs."""
    from PySide6.QtCore import QLibraryInfo, QTranslator

    from peerdesk import i18n

    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for code in i18n.LANGUAGES:
        if code == i18n.SOURCE_LANGUAGE:
            continue
        for domain in (i18n.DOMAIN, i18n.CONTENT_DOMAIN):
            # The wheel and the bundle carry the compiled .mo; a source checkout compiles its
            # .po in memory. Either way the catalogue must load with translations in it.
            catalogue = i18n.translations(code, domain)
            messages = len(getattr(catalogue, "_catalog", {}))
            check_that(messages > 100, f"the {code} {domain} catalogue is missing or empty")
        check_that(QTranslator().load(f"qtbase_{code}", qt_folder), f"qtbase_{code} is missing")


def check_pdf_libraries() -> None:
    """What the export code needs beside reportlab: HarfBuzz shaping (uharfbuzz), reportlab's
    accelerator, and qpdf (pikepdf) encrypting a PDF at AES-256 revision 6."""
    import pikepdf

    from peerdesk.export import pdfkit

    check_that(pdfkit.shaping_available(), "right-to-left shaping (uharfbuzz) is missing")
    check_that(
        importlib.util.find_spec("_rl_accel") is not None,
        "reportlab's accelerator (rl_accel) is missing",
    )
    shaped, pages = pdfkit.render_pdf(
        [pdfkit.para("مرحبا שלום", pdfkit.styles().body)], title="PeerDesk self-test"
    )
    check_that(pages == 1 and shaped.startswith(b"%PDF-"), "shaped text could not be laid out")
    # Password protection is AES-256 revision 6 through qpdf (pikepdf's compiled module).
    secret = secrets.token_urlsafe(12)
    locked, _ = pdfkit.render_pdf(
        [pdfkit.para("PeerDesk", pdfkit.styles().body)],
        title="PeerDesk self-test",
        password=secret,
    )
    try:
        pikepdf.open(io.BytesIO(locked)).close()
        opened_without_password = True
    except pikepdf.PasswordError:
        opened_without_password = False
    check_that(not opened_without_password, "a protected PDF opens without its password")
    with pikepdf.open(io.BytesIO(locked), password=secret) as pdf:
        check_that(pdf.encryption.R == 6, "PDF encryption is not AES-256 revision 6")


def _platform_plugin_names() -> tuple[str, ...]:
    if sys.platform.startswith("linux"):
        return ("xcb", "wayland", "offscreen")
    if sys.platform == "darwin":
        return ("cocoa", "offscreen")
    if sys.platform == "win32":
        return ("windows", "offscreen")
    return ("offscreen",)


def _check_platform_plugins(folders: list[Path]) -> None:
    """The desktop's platform plugins are present, and on Linux xcb's libraries resolve."""
    found: dict[str, Path] = {}
    for folder in folders:
        platforms = folder / "platforms"
        if not platforms.is_dir():
            continue
        for plugin in platforms.iterdir():
            stem = plugin.name.lower().removeprefix("lib").removeprefix("q")
            for name in _platform_plugin_names():
                if stem.startswith(name):
                    found.setdefault(name, plugin)
    check_that(set(_platform_plugin_names()) <= set(found), "a Qt platform plugin is missing")
    if sys.platform.startswith("linux"):
        # Loading the library (not the platform) proves every library it links to is there;
        # xcb is what a desktop session without Wayland starts with.
        ctypes.CDLL(str(found["xcb"]))
