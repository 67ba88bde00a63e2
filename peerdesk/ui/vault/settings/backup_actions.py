"""The Vault tab's actions, which take effect at once: back up now, check integrity now and
choose the backups folder. Workers open their own connection with ``vault.sibling()``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtWidgets import QFileDialog

from peerdesk import paths
from peerdesk.i18n import _, ngettext
from peerdesk.storage.backup import automatic_backup
from peerdesk.storage.incident_revisions import HistoryReport
from peerdesk.storage.incidents import IncidentRepository
from peerdesk.ui.common.messages import Messages
from peerdesk.ui.common.owner import WeakOwner
from peerdesk.ui.common.preferences import Preferences
from peerdesk.ui.common.session import VaultSession
from peerdesk.ui.common.workers import Task
from peerdesk.ui.vault.settings.vault_page import VaultPage
from peerdesk.ui.vault.settings.widgets import Invalid, user_message

if TYPE_CHECKING:
    from peerdesk.ui.vault.settings.dialog import SettingsDialog


class BackupActions:
    def __init__(
        self,
        dialog: SettingsDialog,
        page: VaultPage,
        session: VaultSession,
        preferences: Preferences,
    ) -> None:
        # Weakly: the owner holds this helper, and a cycle through Qt wrappers would leave
        # their attributes cleared by the garbage collector while the C++ objects live on.
        self._owner = WeakOwner(dialog)
        self._page = page
        self._session = session
        self._preferences = preferences
        self.folder_dialog: QFileDialog | None = None
        page.backup_button.clicked.connect(self.back_up_now)
        page.check_button.clicked.connect(self.check_integrity)
        page.choose_folder.clicked.connect(self.choose_backups_folder)

    @property
    def _dialog(self) -> SettingsDialog:
        return self._owner.get()

    def back_up_now(self) -> bool:
        """A verified backup into the folder shown (even before OK), keeping the number shown."""
        if self._dialog.busy or not self._session.is_open:
            return False
        try:
            folder = self._page.pending_folder()
        except Invalid as problem:
            self._dialog.complain(_("Backup not made"), problem)
            return False
        keep = self._page.keep.value()
        vault = self._session.repos.vault

        def work(_task: Task) -> Path:
            sibling = vault.sibling()
            try:
                return automatic_backup(sibling, folder, keep=keep, reason="manual")
            finally:
                sibling.close()

        def done(path: object) -> None:
            self._page.show_newest_backup()
            Messages.info(
                self._dialog,
                _("Backup made"),
                # translators: {path} is the backup file's path
                _("A verified, encrypted backup was written to {path}.").format(path=path),
                informative=_("It opens with the vault's current passphrase."),
            )

        def failed(exc: BaseException) -> None:
            Messages.error(
                self._dialog,
                _("Backup failed"),
                user_message(exc, _("The backup could not be made.")),
            )

        return self._dialog.start(_("Making a verified backup…"), work, done, failed)

    def check_integrity(self) -> bool:
        """Both integrity checks and every entry's revision chain, on a second connection."""
        if self._dialog.busy or not self._session.is_open:
            return False
        vault = self._session.repos.vault

        def work(_task: Task) -> tuple[list[str], HistoryReport]:
            sibling = vault.sibling()
            try:
                problems = sibling.integrity_problems()
                history = IncidentRepository(sibling).verify_history()
            finally:
                sibling.close()
            return problems, history

        def done(result: object) -> None:
            problems, history = cast(tuple[list[str], HistoryReport], result)
            self._report_integrity(problems, history)

        def failed(exc: BaseException) -> None:
            Messages.error(
                self._dialog,
                _("Integrity check"),
                user_message(exc, _("The check could not be completed.")),
            )

        return self._dialog.start(_("Checking the whole vault…"), work, done, failed)

    def _report_integrity(self, problems: list[str], history: HistoryReport) -> None:
        found = [
            *problems,
            *(
                # translators: {number} is a journal entry's number; {reason} what is wrong
                _("Journal entry No. {number}: {reason}").format(
                    number=p.record_number, reason=p.reason
                )
                for p in history.problems
            ),
        ]
        if not found:
            Messages.info(
                self._dialog,
                _("Integrity check"),
                _("The vault passed every check."),
                # translators: {summary} says how many entries' histories were checked
                informative=_(
                    "The encryption and the database structure are sound. {summary}"
                ).format(summary=history.summary()),
            )
            return
        n = len(found)
        advice = _(
            "Change nothing for now and keep "
            "the vault file as it is. A journal entry whose history does not "
            "match was changed outside PeerDesk after it was saved; damage to "
            "the encryption or structure can be repaired from the newest good "
            "backup."
        )
        Messages.warn(
            self._dialog,
            _("Integrity check"),
            ngettext(
                "The check found {count} problem.", "The check found {count} problems.", n
            ).format(count=n),
            informative="\n".join(found) + "\n\n" + advice,
        )

    def choose_backups_folder(self) -> None:
        """Opens a folder chooser (window-modal, without blocking)."""
        if self._dialog.busy or self.folder_dialog is not None:
            return
        remember = bool(self._preferences.get("remember_file_dialog_dir"))
        start = self._preferences.get("file_dialog_dir") if remember else ""
        if not start:
            start = str(self._pending_folder_or_default())
        dialog = QFileDialog(self._dialog, _("Choose the backups folder"), start)
        dialog.setObjectName("backupsFolderDialog")
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        if not remember:
            dialog.setHistory([])
        dialog.fileSelected.connect(self._folder_chosen)
        dialog.finished.connect(self._folder_dialog_finished)
        self.folder_dialog = dialog
        dialog.open()

    def _pending_folder_or_default(self) -> Path:
        try:
            folder = self._page.pending_folder()
        except Invalid:
            folder = paths.backups_dir()
        while not folder.is_dir() and folder.parent != folder:
            folder = folder.parent
        return folder

    def _folder_chosen(self, chosen: str) -> None:
        if not chosen:
            return
        self._page.folder.setText(chosen)
        self._page.show_newest_backup()
        self._preferences.set("file_dialog_dir", chosen)  # stored only if the user allows it

    def _folder_dialog_finished(self) -> None:
        if self.folder_dialog is not None:
            self.folder_dialog.deleteLater()
            self.folder_dialog = None


__all__ = ["BackupActions"]
