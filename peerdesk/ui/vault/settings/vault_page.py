"""The Vault tab: this vault's file and its checks, and the backups (folder, how many)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from peerdesk import paths
from peerdesk.i18n import _, ngettext
from peerdesk.models.dates import short_datetime
from peerdesk.storage.backup_files import list_backups
from peerdesk.ui.common.notices import note
from peerdesk.ui.common.session import VaultSession
from peerdesk.ui.common.vault_settings import SettingsRegistry
from peerdesk.ui.vault.field_errors import clear_error, error_line
from peerdesk.ui.vault.page_scroll import scrolling_layout
from peerdesk.ui.vault.settings.widgets import Invalid, align_labels, form, labelled


class VaultPage(QWidget):
    """Its values are applied on OK; the buttons act at once (their owner connects them)."""

    TAB = "vault"

    def __init__(
        self, session: VaultSession, registry: SettingsRegistry, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("vaultTab")
        self._session = session
        self._registry = registry

        self.vault_file = QLabel()
        self.vault_file.setObjectName("vaultFile")
        self.vault_file.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.check_button = QPushButton(_("C&heck integrity now"))
        self.check_button.setObjectName("checkIntegrity")
        self.change_button = QPushButton(_("Change &passphrase…"))
        self.change_button.setObjectName("changePassphrase")
        actions = QHBoxLayout()
        actions.addWidget(self.check_button)
        actions.addWidget(self.change_button)
        actions.addStretch(1)
        this = QGroupBox(_("This vault"))
        this_form = form(this)
        this_form.addRow(_("File:"), self.vault_file)
        this_form.addRow(actions)
        this_form.addRow(
            note(
                _(
                    "The check reads the whole vault: the encryption, the database "
                    "structure and the saved history of every journal entry."
                ),
                expanding=True,
            )
        )

        self.folder = QLineEdit()
        self.folder.setObjectName("backupsFolder")
        self.folder.setPlaceholderText(str(paths.backups_dir()))
        self.folder.setToolTip(_("Leave empty to use PeerDesk's own backups folder"))
        self.folder.editingFinished.connect(self.show_newest_backup)
        self.choose_folder = QPushButton(_("Choo&se…"))
        self.choose_folder.setObjectName("chooseBackupsFolder")
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.choose_folder)
        self.keep = QSpinBox()
        self.keep.setObjectName("backupsKeep")
        self.keep.setRange(1, 100)
        self.keep.setSuffix(_(" most recent"))
        self.backup_button = QPushButton(_("&Back up now"))
        self.backup_button.setObjectName("backUpNow")
        self.newest_backup = QLabel()
        self.newest_backup.setObjectName("newestBackup")
        self.newest_backup.setWordWrap(True)
        backup_row = QHBoxLayout()
        backup_row.addWidget(self.backup_button)
        backup_row.addWidget(self.newest_backup, 1)
        backups = QGroupBox(_("Backups"))
        backups_form = form(backups)
        backups_form.addRow(labelled(_("&Folder:"), self.folder), folder_row)
        self.folder_error = error_line("backupsFolderError")
        backups_form.addRow("", self.folder_error)
        self.folder.textChanged.connect(lambda _text: clear_error(self.folder, self.folder_error))
        backups_form.addRow(labelled(_("&Keep:"), self.keep), self.keep)
        backups_form.addRow(backup_row)
        backups_form.addRow(
            note(
                _(
                    "Backups are encrypted and open with the vault's passphrase. "
                    "Keep one on another disk, too."
                ),
                expanding=True,
            )
        )
        align_labels(this_form, backups_form)

        layout = scrolling_layout(self)
        layout.addWidget(this)
        layout.addWidget(backups)
        layout.addStretch(1)

    def load(self) -> None:
        path = self._session.vault_path
        self.vault_file.setText(path.name if path else "(locked)")
        self.vault_file.setToolTip(str(path.parent) if path else "")
        self.folder.setText(str(self._registry.get("backups_dir")))
        self.keep.setValue(int(self._registry.get("backups_keep")))

    def restore_defaults(self, registry: SettingsRegistry) -> None:
        self.folder.setText(registry.default("backups_dir"))
        self.keep.setValue(registry.default("backups_keep"))
        self.show_newest_backup()

    def shown(self) -> list[tuple[str, Any, QWidget]]:
        """The in-vault values shown: (setting, value, widget to fix)."""
        return [
            ("backups_dir", self.folder.text(), self.folder),
            ("backups_keep", self.keep.value(), self.keep),
        ]

    def pending_folder(self) -> Path:
        """The backups folder shown (even before OK); raises :class:`Invalid`."""
        try:
            chosen = self._registry.validate("backups_dir", self.folder.text())
        except ValueError as exc:
            raise Invalid(str(exc), self.TAB, self.folder) from None
        return Path(chosen) if chosen else paths.backups_dir()

    def show_newest_backup(self) -> None:
        path = self._session.vault_path
        try:
            folder = self.pending_folder()
        except Invalid:
            self.newest_backup.setText("")
            return
        found = list_backups(folder, path) if path is not None else []
        if not found:
            self.newest_backup.setText(_("No backup of this vault in that folder yet."))
            return
        newest = short_datetime(found[0].made_at.astimezone())
        n = len(found)
        # translators: {newest} is the date and time of the newest backup; {count} a number
        self.newest_backup.setText(
            ngettext(
                "Newest: {newest} ({count} backup there)",
                "Newest: {newest} ({count} backups there)",
                n,
            ).format(newest=newest, count=n)
        )

    def error_label_for(self, widget: QWidget) -> QLabel | None:
        """Where the error of ``widget`` shows (None: it has no line of its own)."""
        return self.folder_error if widget is self.folder else None

    def set_actions_enabled(self, enabled: bool) -> None:
        for widget in (self.backup_button, self.check_button, self.change_button):
            widget.setEnabled(enabled)
        self.choose_folder.setEnabled(enabled)


__all__ = ["VaultPage"]
