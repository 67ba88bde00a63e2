"""Start-up of the desktop application.

Order matters: core dumps off and the crash hook first; then the QApplication with one
reverse-DNS application id; then the single-instance check (a second launch brings the first
window forward and exits); then the controller shows the first-run or unlock window.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from peerdesk import APP_ID, APP_NAME, ORGANISATION, __version__, paths


def create_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    app = (
        existing
        if isinstance(existing, QApplication)
        else QApplication(argv if argv is not None else sys.argv[:1])
    )
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)
    app.setQuitOnLastWindowClosed(False)  # the controller decides when to quit (it locks first)
    from peerdesk.ui.common import accessibility

    accessibility.install(app)  # a visible focus ring; tables one Tab stop; no Tab traps
    return app


def run_gui(vault: Path | None = None) -> int:
    from peerdesk.ui.shell.controller import AppController
    from peerdesk.ui.shell.crash import configure_logging, disable_core_dumps, install_excepthook
    from peerdesk.ui.shell.single_instance import SingleInstance

    disable_core_dumps()
    configure_logging(verbose=False)
    app = create_application()
    from peerdesk.ui.common.icons import app_icon

    app.setWindowIcon(app_icon())
    install_excepthook()
    # Qt's file dialog writes visited folders to ~/.config/QtProject.conf (SECURITY.md 21):
    # keep that in a private folder of ours that is emptied when PeerDesk ends.
    import shutil

    from peerdesk.ui.common.preferences import redirect_qt_user_settings

    qt_settings = paths.runtime_dir() / "qt-settings"
    redirect_qt_user_settings(qt_settings)
    app.aboutToQuit.connect(lambda: shutil.rmtree(qt_settings, ignore_errors=True))
    from peerdesk.ui.common.language import apply_language
    from peerdesk.ui.common.preferences import Preferences

    # The first window already speaks the chosen language (the system's unless the user chose).
    apply_language(Preferences().get("language"))
    instance = SingleInstance()
    if not instance.acquire():
        from peerdesk.i18n import _

        print(_("PeerDesk is already running; its window was brought forward."), file=sys.stderr)
        return 0
    controller = AppController(app, vault_path=vault)
    instance.activation_requested.connect(controller.bring_forward)
    app.aboutToQuit.connect(controller.clipboard.clear_if_ours)
    controller.start()
    try:
        return int(app.exec())
    finally:
        instance.release()
