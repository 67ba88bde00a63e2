"""Start-up of the desktop application."""

from __future__ import annotations

import sys
from pathlib import Path

from peerdesk import APP_ID, APP_NAME, ORGANISATION, __version__


def create_application(argv: list[str] | None = None):  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)
    return app


def run_gui(vault: Path | None = None) -> int:
    from peerdesk.ui.main_window import MainWindow

    app = create_application()
    window = MainWindow()
    window.show()
    return int(app.exec())
