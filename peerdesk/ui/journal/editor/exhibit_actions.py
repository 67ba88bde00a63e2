"""The exhibit side of the editor's Evidence page: describing a file (Describe… or F2 on the
list; the description is kept with the file, see
:mod:`~peerdesk.ui.journal.editor.attachment_description` for why it is not a revision) and
showing a picture whole in :class:`~.picture_preview.PictureViewer` (click, Enter or Space on
the preview)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

from peerdesk.i18n import _
from peerdesk.models.errors import ValidationError
from peerdesk.storage.errors import VaultError
from peerdesk.ui.journal.editor.attachment_description import DescriptionDialog
from peerdesk.ui.journal.editor.attachments import decode_picture, describe_attachment
from peerdesk.ui.journal.editor.fields import ID_ROLE, say
from peerdesk.ui.journal.editor.picture_preview import PictureViewer, screen_box

if TYPE_CHECKING:
    from peerdesk.ui.journal.editor.attachment_actions import AttachmentActions
    from peerdesk.ui.journal.editor.dialog import IncidentEditor


class ExhibitActions:
    """Describe… / F2 and the picture viewer, for :class:`AttachmentActions` (``files``)."""

    def __init__(self, editor: IncidentEditor, files: AttachmentActions) -> None:
        self._editor = editor
        self._files = files
        self._state = editor.state
        self._page = page = editor.evidence_page
        self.describe_dialog: DescriptionDialog | None = None
        self.viewer: PictureViewer | None = None
        page.attachment_list.setAccessibleDescription(
            _("F2 describes the chosen file, Enter shows its picture whole, Delete removes it.")
        )
        describe = QAction(_("Describe…"), page.attachment_list)
        describe.setShortcut(QKeySequence(Qt.Key.Key_F2))
        describe.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        describe.triggered.connect(self.describe)
        page.attachment_list.addAction(describe)
        page.attachment_list.open_requested.connect(self.enlarge)
        page.attachment_list.remove_requested.connect(files.remove_attachment)
        page.describe_button.clicked.connect(self.describe)
        page.preview.enlarge_requested.connect(self.enlarge)

    def close(self) -> None:
        """The editor is closing (or the vault locking): close both, keep nothing typed."""
        for dialog in (self.describe_dialog, self.viewer):
            if dialog is not None:
                dialog.reject()
        self.describe_dialog = self.viewer = None

    def describe(self) -> None:
        """Ask for a description of the selected file (kept at once with the file)."""
        attachment = self._files.selected()
        if attachment is None or attachment.id is None or self.describe_dialog is not None:
            return
        attachment_id = attachment.id
        dialog = DescriptionDialog(
            attachment, lambda text: self.set_description(attachment_id, text), self._editor
        )
        dialog.finished.connect(self._describe_done)
        self.describe_dialog = dialog
        dialog.open()

    def _describe_done(self) -> None:
        dialog, self.describe_dialog = self.describe_dialog, None
        if dialog is not None:
            dialog.deleteLater()

    def set_description(self, attachment_id: int, text: str) -> str | None:
        """Store ``text`` as the file's description; None when done, else why not."""
        state = self._state
        if not state.session.is_open:
            return _("The vault is locked. Nothing was changed.")
        try:
            updated = state.session.repos.attachments.update_description(attachment_id, text)
        except ValidationError as error:
            # translators: {reason} is a sentence saying why the change was refused
            return _("{reason} Nothing was changed.").format(reason=error.message)
        except VaultError as error:
            return _("{reason} Nothing was changed.").format(reason=error.user_message)
        state.attachments = [updated if a.id == attachment_id else a for a in state.attachments]
        self._files.show()
        listing = self._page.attachment_list
        for row in range(listing.count()):
            item = listing.item(row)
            if item is not None and item.data(ID_ROLE) == attachment_id:
                listing.setCurrentRow(row)
        say(
            self._page.attachment_status,
            _("Description saved in your vault.")
            if updated.description
            else _("Description removed."),
        )
        listing.setFocus()
        return None

    def enlarge(self) -> bool:
        """Show the selected picture whole, as large as the screen allows; True if shown."""
        attachment = self._files.selected()
        state = self._state
        if attachment is None or attachment.id is None or not state.session.is_open:
            return False
        if self.viewer is not None:
            self.viewer.raise_()
            return True
        box = screen_box(self._editor)
        got = decode_picture(state.session.repos.attachments, attachment.id, box)
        if isinstance(got, str):
            say(self._page.attachment_status, got)
            return False
        caption = describe_attachment(attachment).replace("\n    ", "\n")
        viewer = PictureViewer(got, caption, box, self._editor)
        viewer.finished.connect(self._viewer_done)
        self.viewer = viewer
        viewer.open()
        return True

    def _viewer_done(self) -> None:
        self.viewer = None  # deletes itself on close
        self._page.preview.setFocus()


__all__ = ["ExhibitActions"]
