"""The plain main window of the foundation: it opens, shows no content in its title, quits."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from peerdesk import APP_ID, APP_NAME
from peerdesk.app import create_application
from peerdesk.ui.main_window import MainWindow


def test_main_window_opens_with_a_plain_title(qtbot) -> None:  # type: ignore[no-untyped-def]
    app = create_application()
    assert app.applicationName() == APP_NAME
    assert app.desktopFileName() == APP_ID
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.windowTitle() == "PeerDesk"
    welcome = window.findChild(QLabel, "welcome")
    assert welcome is not None and "encrypted" in welcome.text()


def test_quit_shortcut_closes(qtbot) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    quit_action = window.menuBar().actions()[0].menu().actions()[0]
    assert quit_action.text() == "&Quit"
    quit_action.trigger()
    qtbot.waitUntil(lambda: not window.isVisible())
