"""Open an existing vault: choose its file."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QWizardPage

from peerdesk.ui.vault.first_run.choice import plain_text
from peerdesk.ui.vault.page_scroll import scrolling_layout
from peerdesk.ui.vault.vault_files import choose_existing_vault

if TYPE_CHECKING:
    from peerdesk.ui.vault.first_run.wizard import FirstRunWizard


class OpenPage(QWizardPage):
    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        self.setTitle("Open an existing vault")
        intro = plain_text(
            "Choose the PeerDesk vault file (its name usually ends in .peerdesk). You will "
            "type its passphrase next."
        )
        self.path_edit = QLineEdit()
        self.path_edit.setObjectName("openPath")
        self.path_edit.setAccessibleName("Vault file")
        self.path_edit.setPlaceholderText("Path to the vault file")
        self.browse = QPushButton("Browse…")
        self.browse.setObjectName("browseVault")
        self.browse.setAutoDefault(False)
        self.browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.browse)
        self.problem_label = plain_text("", object_name="openProblem")
        self.problem_label.hide()
        layout = scrolling_layout(self)
        layout.setSpacing(10)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addWidget(self.problem_label)
        layout.addStretch(1)
        self.path_edit.textChanged.connect(self._changed)

    def path(self) -> Path | None:
        text = self.path_edit.text().strip()
        return Path(text).expanduser() if text else None

    def problem(self) -> str:
        path = self.path()
        if path is None:
            return ""
        if path.is_dir():
            return "That is a folder. Choose the vault file itself."
        if not path.exists():
            return "There is no file at that path."
        return ""

    def _changed(self, _text: str) -> None:
        problem = self.problem()
        self.problem_label.setText(problem)
        self.problem_label.setVisible(bool(problem))
        self.completeChanged.emit()

    def _browse(self) -> None:
        current = self.path()
        chosen = choose_existing_vault(self, current or self._wizard.vault_path())
        if chosen is not None:
            self.path_edit.setText(str(chosen))

    def isComplete(self) -> bool:
        path = self.path()
        return path is not None and path.is_file()

    def nextId(self) -> int:
        return -1


__all__ = ["OpenPage"]
