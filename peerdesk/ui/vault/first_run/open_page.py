"""Open an existing vault: choose its file."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QWizardPage

from peerdesk.i18n import _
from peerdesk.ui.common.accessibility import label_for
from peerdesk.ui.vault.field_errors import clear_error, error_line, show_error
from peerdesk.ui.vault.first_run.choice import plain_text
from peerdesk.ui.vault.page_scroll import scrolling_layout
from peerdesk.ui.vault.vault_files import choose_existing_vault

if TYPE_CHECKING:
    from peerdesk.ui.vault.first_run.wizard import FirstRunWizard


class OpenPage(QWizardPage):
    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        self.setTitle(_("Open an existing vault"))
        intro = plain_text(
            _(
                "Choose the PeerDesk vault file (its name usually ends in .peerdesk). You will "
                "type its passphrase next."
            )
        )
        self.path_edit = QLineEdit()
        self.path_edit.setObjectName("openPath")
        self.path_edit.setPlaceholderText(_("Path to the vault file"))
        path_label = QLabel(_("&Vault file:"))
        label_for(path_label, self.path_edit)
        self.browse = QPushButton(_("B&rowse…"))
        self.browse.setObjectName("browseVault")
        self.browse.setAutoDefault(False)
        self.browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(path_label)
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.browse)
        self.problem_label = error_line("openProblem")
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
            return _("That is a folder. Choose the vault file itself.")
        if not path.exists():
            return _("There is no file at that path.")
        return ""

    def _changed(self, _text: str) -> None:
        problem = self.problem()
        if problem:  # said as the path is typed: the focus stays in the field
            show_error(self.path_edit, self.problem_label, problem, take_focus=False)
        else:
            clear_error(self.path_edit, self.problem_label)
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
