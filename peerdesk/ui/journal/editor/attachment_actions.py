"""The editor's attachment actions: adding files (on a worker), showing them, describing one,
previewing a picture whole and enlarging it, saving an unencrypted copy where the user
chooses, and removing one."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QIODevice, QSaveFile
from PySide6.QtWidgets import QFileDialog, QListWidgetItem

from peerdesk.i18n import _, ngettext
from peerdesk.models.attachment import Attachment
from peerdesk.models.text import visible_filename
from peerdesk.storage.attachments import AttachmentRepository
from peerdesk.ui.common.file_dialogs import forget_folders_after
from peerdesk.ui.common.messages import Messages
from peerdesk.ui.common.workers import Task
from peerdesk.ui.journal.editor.attachment_description import DescriptionDialog
from peerdesk.ui.journal.editor.attachments import (
    Stored,
    describe_attachment,
    preview,
    store_files,
    store_in_background,
    taken_back,
)
from peerdesk.ui.journal.editor.exhibit_actions import ExhibitActions
from peerdesk.ui.journal.editor.fields import ID_ROLE, say
from peerdesk.ui.journal.editor.picture_preview import PictureViewer

if TYPE_CHECKING:
    from peerdesk.ui.journal.editor.dialog import IncidentEditor

log = logging.getLogger(__name__)


class AttachmentActions:
    """Works on the Evidence page's list, buttons, status line and preview."""

    def __init__(self, editor: IncidentEditor) -> None:
        self._editor = editor
        self._state = editor.state
        self._page = page = editor.evidence_page
        self.adding: Task | None = None  # files being stored by a worker
        self.file_dialog: QFileDialog | None = None
        self.save_dialog: QFileDialog | None = None
        page.attachment_list.files_dropped.connect(self.add_files_in_background)
        page.attachment_list.currentItemChanged.connect(lambda *_: self.preview_selected())
        #: Describing a file and showing a picture whole (Describe…/F2, the viewer).
        self.exhibits = ExhibitActions(editor, self)
        page.add_file_button.clicked.connect(self.choose_files)
        page.save_copy_button.clicked.connect(self.save_copy)
        page.remove_file_button.clicked.connect(self.remove_attachment)

    def choose_files(self) -> None:
        """Open a file dialog (several files may be chosen); remembers no folder."""
        if self.file_dialog is not None:
            return
        dialog = QFileDialog(self._editor, _("Add evidence files"), str(Path.home()))
        dialog.setObjectName("addFilesDialog")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        dialog.setHistory([])
        dialog.filesSelected.connect(self.add_files_in_background)
        dialog.finished.connect(self._file_dialog_done)
        forget_folders_after(dialog)
        self.file_dialog = dialog
        dialog.open()

    def _file_dialog_done(self) -> None:
        if self.file_dialog is not None:
            self.file_dialog.deleteLater()
            self.file_dialog = None

    def add_files(self, names: list[str]) -> list[Attachment]:
        """Read each file into the vault now; problems are listed under the list."""
        state = self._state
        if not state.session.is_open:
            return []
        added, problems = store_files(
            state.session.repos.attachments, state.incident_id, names, draft_slot=state.slot or None
        )
        self._files_added(added, problems)
        return added

    def add_files_in_background(self, names: list[str]) -> None:
        """Read and store the files on a worker (a 50 MB file would stall the window); the
        list and the note under it follow when done. Closing the editor or locking first
        leaves nothing behind."""
        state, page = self._state, self._page
        names = self._editor.emails.route(names)  # an email is read and offered first
        if not state.session.is_open or not names:
            return
        if self.adding is not None:
            say(
                page.attachment_status,
                _("Still adding the last files — add these again in a moment."),
            )
            return
        repo = state.session.repos.attachments
        incident_id = state.incident_id
        slot = state.slot or None
        count = len(names)
        say(
            page.attachment_status,
            ngettext("Adding {count} file…", "Adding {count} files…", count).format(count=count),
        )
        page.add_file_button.setEnabled(False)

        def store(mine: AttachmentRepository, task: Task) -> Stored:
            return store_files(
                mine, incident_id, names, should_stop=lambda: task.cancelled, draft_slot=slot
            )

        self.adding = store_in_background(
            repo, store, on_success=self._added_in_background, on_failure=self._adding_failed
        )

    def _added_in_background(self, result: tuple[list[Attachment], list[str]]) -> None:
        task, self.adding = self.adding, None
        added, problems = result
        if taken_back(self._state, task, added):
            return
        self._page.add_file_button.setEnabled(True)
        self._files_added(added, problems)

    def _adding_failed(self, exc: BaseException) -> None:
        self.adding = None
        if self._state.closed:
            return
        log.info("files could not be added: %s", type(exc).__name__)
        self._page.add_file_button.setEnabled(True)
        say(
            self._page.attachment_status,
            _("The files could not be added. Nothing was changed; try again."),
        )

    def stop_adding(self) -> None:
        """The editor is closing (or the vault locking): stop adding, close what is open."""
        self._state.closed = True
        if self.adding is not None:
            self.adding.cancel()
        self.exhibits.close()

    @property
    def describe_dialog(self) -> DescriptionDialog | None:
        return self.exhibits.describe_dialog

    @property
    def viewer(self) -> PictureViewer | None:
        return self.exhibits.viewer

    def describe(self) -> None:
        self.exhibits.describe()

    def enlarge(self) -> bool:
        return self.exhibits.enlarge()

    def _files_added(self, added: list[Attachment], problems: list[str]) -> None:
        self._state.attachments.extend(added)
        self.show()
        messages = []
        if added:
            messages.append(
                ngettext(
                    "Added {count} file to your vault.",
                    "Added {count} files to your vault.",
                    len(added),
                ).format(count=len(added))
            )
            self._editor.drafts.changed()
            if self._state.incident_id is None:
                self._editor.drafts.save_draft()  # the draft that owns the files exists now
            listing = self._page.attachment_list
            listing.setCurrentRow(listing.count() - 1)
        messages += problems
        say(self._page.attachment_status, "\n".join(messages))

    def show(self) -> None:
        """List the files of this entry (or of its draft)."""
        page = self._page
        page.attachment_list.clear()
        for attachment in self._state.attachments:
            item = QListWidgetItem(describe_attachment(attachment))
            item.setData(ID_ROLE, attachment.id)
            # translators: a file's fingerprint; {fingerprint} is 64 hexadecimal digits
            item.setToolTip(_("SHA-256 {fingerprint}").format(fingerprint=attachment.sha256))
            page.attachment_list.addItem(item)
        has = bool(self._state.attachments)
        page.describe_button.setEnabled(has)
        page.save_copy_button.setEnabled(has)
        page.remove_file_button.setEnabled(has)
        if not has:
            page.preview.clear()
            page.preview.setText(_("Files you add are listed above. Pictures are shown here."))

    def selected(self) -> Attachment | None:
        item = self._page.attachment_list.currentItem()
        if item is None:
            return None
        wanted = item.data(ID_ROLE)
        return next((a for a in self._state.attachments if a.id == wanted), None)

    def preview_selected(self) -> bool:
        """Show the selected picture inside the app (decoded with limits); True if shown."""
        attachment = self.selected()
        label = self._page.preview
        label.clear()
        if attachment is None or attachment.id is None or not self._state.session.is_open:
            label.setText(_("Choose a picture in the list to see it here."))
            return False
        return preview(self._state.session.repos.attachments, attachment.id, label)

    def save_copy(self) -> None:
        """Ask where to write an (unencrypted) copy of the selected file."""
        attachment = self.selected()
        if attachment is None or self.save_dialog is not None:
            return
        start = str(Path.home() / Path(attachment.original_name).name)
        dialog = QFileDialog(self._editor, _("Save an unencrypted copy"), start)
        dialog.setObjectName("saveCopyDialog")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        dialog.setHistory([])
        dialog.setLabelText(QFileDialog.DialogLabel.Accept, _("Save copy"))
        attachment_id = attachment.id
        dialog.fileSelected.connect(lambda name: self.write_copy(attachment_id, name))
        dialog.finished.connect(self._save_dialog_done)
        forget_folders_after(dialog)
        self.save_dialog = dialog
        dialog.open()

    def _save_dialog_done(self) -> None:
        if self.save_dialog is not None:
            self.save_dialog.deleteLater()
            self.save_dialog = None

    def write_copy(self, attachment_id: int | None, name: str) -> bool:
        if attachment_id is None or not name or not self._state.session.is_open:
            return False
        data = self._state.session.repos.attachments.read_bytes(attachment_id)
        target = QSaveFile(name)
        if (
            not target.open(QIODevice.OpenModeFlag.WriteOnly)
            or target.write(data) != len(data)
            or not target.commit()
        ):
            target.cancelWriting()
            say(
                self._page.attachment_status,
                _("The copy could not be written there. Nothing changed in your vault."),
            )
            return False
        say(
            self._page.attachment_status,
            # translators: {file} is the name of the copy saved outside the vault
            _("Saved an unencrypted copy as {file}. Delete it when you no longer need it.").format(
                file=visible_filename(Path(name).name)
            ),
        )
        return True

    def remove_attachment(self) -> bool:
        attachment = self.selected()
        state = self._state
        if attachment is None or attachment.id is None or not state.session.is_open:
            return False
        if not Messages.confirm(
            self._editor,
            _("Remove file"),
            _("Remove this file from the entry and from your vault?"),
            action=_("Remove"),
            destructive=True,
            informative=_("The file is deleted from the vault. Copies elsewhere are not affected."),
        ):
            return False
        state.session.repos.attachments.remove(attachment.id)
        state.attachments = [a for a in state.attachments if a.id != attachment.id]
        self.show()
        say(
            self._page.attachment_status,
            _("File removed. Save to record the change in the entry's history."),
        )
        self._editor.drafts.changed()
        return True
