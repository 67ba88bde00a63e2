"""The main window. The desktop-shell issue fills it with the unlock flow and screens."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QWidget

from peerdesk import APP_NAME


class MainWindow(QMainWindow):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # The title never shows content: only the application's name.
        self.setWindowTitle(APP_NAME)
        self.resize(960, 640)
        label = QLabel(
            "<h2>PeerDesk</h2><p>Your private journal and peer-support notebook.</p>"
            "<p>Everything stays on this computer, encrypted.</p>"
        )
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setObjectName("welcome")
        self.setCentralWidget(label)
        quit_action = QAction("&Quit", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        self.menuBar().addMenu("&File").addAction(quit_action)
