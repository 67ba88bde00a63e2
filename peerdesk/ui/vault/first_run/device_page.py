"""On this device: where the new vault is saved, and whether the passphrase is remembered."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWizardPage,
)

from peerdesk.i18n import _
from peerdesk.storage.keystore import KeyringStatus
from peerdesk.ui.common.accessibility import label_for
from peerdesk.ui.common.notices import Notice
from peerdesk.ui.vault.field_errors import clear_error, error_line, show_error
from peerdesk.ui.vault.first_run.choice import plain_text
from peerdesk.ui.vault.first_run.constants import NO_KEYRING
from peerdesk.ui.vault.page_scroll import scrolling_layout
from peerdesk.ui.vault.vault_files import choose_new_vault_path

if TYPE_CHECKING:
    from peerdesk.ui.vault.first_run.wizard import FirstRunWizard


def _heading(text: str) -> QLabel:
    """A bold heading over a part of the page (bold by its font: plain text, no markup)."""
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


class DevicePage(QWizardPage):
    def __init__(self, wizard: FirstRunWizard, keyring_status: KeyringStatus) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        self.setTitle(_("On this device"))
        where = _heading(_("&Where your vault is saved"))
        self.path_edit = QLineEdit()
        self.path_edit.setObjectName("vaultPath")
        self.path_edit.setReadOnly(True)
        label_for(where, self.path_edit)
        self.change_button = QPushButton(_("C&hange…"))
        self.change_button.setObjectName("changePath")
        self.change_button.setAutoDefault(False)
        self.change_button.clicked.connect(self._change_path)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.change_button)
        self.path_problem = error_line("pathProblem")

        remember_title = _heading(_("Remembering the passphrase"))
        self.remember = QCheckBox(_("&Remember the passphrase on this device"))
        self.remember.setObjectName("rememberCheck")
        keyring = keyring_status.backend_name if keyring_status.available else ""
        explanation = (
            # translators: {keyring} is the name of the system's keyring, e.g. "Secret Service"
            _(
                "PeerDesk would keep the passphrase in this computer's keyring ({keyring}). "
                "Anyone who can log in to this computer account could then open PeerDesk "
                "without typing it. Leave this off if anyone else uses this account."
            ).format(keyring=keyring)
            if keyring
            else _(
                "PeerDesk would keep the passphrase in this computer's keyring. Anyone who can "
                "log in to this computer account could then open PeerDesk without typing it. "
                "Leave this off if anyone else uses this account."
            )
        )
        self.explanation = plain_text(
            explanation,
            object_name="rememberExplanation",
        )
        self.unavailable = Notice(keyring_status.reason or _(NO_KEYRING), "info", self)
        self.unavailable.setObjectName("keyringUnavailable")
        self.remember.setAccessibleDescription(
            self.explanation.text() if keyring_status.available else self.unavailable.text()
        )
        if keyring_status.available:
            self.unavailable.hide()
        else:
            self.remember.setEnabled(False)
            self.remember.setChecked(False)

        layout = scrolling_layout(self)
        layout.setSpacing(8)
        layout.addWidget(where)
        layout.addLayout(path_row)
        layout.addWidget(self.path_problem)
        layout.addSpacing(14)
        layout.addWidget(remember_title)
        layout.addWidget(self.remember)
        layout.addWidget(self.explanation)
        layout.addWidget(self.unavailable)
        layout.addStretch(1)

    def initializePage(self) -> None:
        self._show_path()

    def _show_path(self) -> None:
        path = self._wizard.vault_path()
        self.path_edit.setText(str(path))
        self.path_edit.setCursorPosition(0)
        self.path_edit.setToolTip(str(path))
        problem = self.problem()
        if problem:
            show_error(self.path_edit, self.path_problem, problem, take_focus=False)
        else:
            clear_error(self.path_edit, self.path_problem)
        self.completeChanged.emit()

    def problem(self) -> str:
        path = self._wizard.vault_path()
        if path.is_dir():
            return _("That is a folder. Choose a name for the new vault file.")
        if path.exists():
            return _(
                "A file already exists there. PeerDesk never replaces a file; choose "
                "another name with “Change…”."
            )
        return ""

    def _change_path(self) -> None:
        chosen = choose_new_vault_path(self, self._wizard.vault_path())
        if chosen is not None:
            self._wizard.set_vault_path(chosen)
            self._show_path()

    def isComplete(self) -> bool:
        return not self.problem()

    def remember_requested(self) -> bool:
        return self.remember.isEnabled() and self.remember.isChecked()

    def nextId(self) -> int:
        return -1


__all__ = ["DevicePage"]
