"""Evidence not attached to any entry: files in the vault that belong to no entry and to no
unsaved draft (an entry that was never saved, a crash before its draft was kept). Shown under
the Journal list, with Attach (to the entry selected in the list) and Delete, so no file can
stay in the vault where no screen shows it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from peerdesk.i18n import _
from peerdesk.models.errors import ValidationError
from peerdesk.storage.errors import VaultError
from peerdesk.ui.common.messages import Messages
from peerdesk.ui.common.session import VaultSession
from peerdesk.ui.journal.editor.attachments import describe_attachment

_ID_ROLE = Qt.ItemDataRole.UserRole


class OrphanEvidence(QWidget):
    """Hidden while there is nothing to show. ``selected_entry()`` gives the id of the entry
    chosen in the Journal list (None: none)."""

    def __init__(
        self,
        session: VaultSession,
        selected_entry: Callable[[], int | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("orphanEvidencePanel")
        self._session = session
        self._selected_entry = selected_entry
        self._unsubscribe: list[Callable[[], None]] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(QLabel(_("<b>Evidence not attached to any entry</b>")))
        intro = QLabel(
            _(
                "These files are in your vault but belong to no entry, for example "
                "because the entry was never saved. Select an entry in the list above "
                "and attach a file to it, or delete the file."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.list = QListWidget()
        self.list.setObjectName("orphanEvidence")
        self.list.setAccessibleName(_("Evidence not attached to any entry"))
        self.list.setMaximumHeight(110)
        layout.addWidget(self.list)
        buttons = QHBoxLayout()
        self.attach_button = QPushButton(_("Attach to the selected entry"))
        self.attach_button.setObjectName("attachOrphan")
        self.attach_button.setAccessibleName(_("Attach the file to the entry selected above"))
        self.attach_button.clicked.connect(self.attach_selected)
        self.delete_button = QPushButton(_("Delete…"))
        self.delete_button.setObjectName("deleteOrphan")
        self.delete_button.setAccessibleName(_("Delete the file from the vault"))
        self.delete_button.clicked.connect(self.delete_selected)
        buttons.addWidget(self.attach_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.status = QLabel()
        self.status.setObjectName("orphanEvidenceStatus")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.list.currentRowChanged.connect(lambda _row: self._enable())
        self.setVisible(False)

    # -- life cycle ------------------------------------------------------------------------------

    def on_opened(self) -> None:
        repos = self._session.repos
        self._unsubscribe = [
            repos.attachments.subscribe(lambda _c: self.refresh()),
            repos.drafts.subscribe(lambda _c: self.refresh()),
        ]
        self.refresh()

    def on_closing(self) -> None:
        for unsubscribe in self._unsubscribe:
            unsubscribe()
        self._unsubscribe = []
        self.list.clear()
        self.status.clear()
        self.setVisible(False)

    # -- content ---------------------------------------------------------------------------------

    def refresh(self) -> None:
        if not self._session.is_open:
            return
        current = self._current_id()
        self.list.clear()
        for attachment in self._session.repos.attachments.list_orphans():
            item = QListWidgetItem(describe_attachment(attachment))
            item.setData(_ID_ROLE, attachment.id)
            self.list.addItem(item)
            if attachment.id == current:
                self.list.setCurrentItem(item)
        if self.list.count() and self.list.currentRow() < 0:
            self.list.setCurrentRow(0)
        self.setVisible(self.list.count() > 0 or bool(self.status.text()))
        self._enable()

    def _enable(self) -> None:
        chosen = self._current_id() is not None
        self.attach_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    def _current_id(self) -> int | None:
        item = self.list.currentItem()
        return None if item is None else int(item.data(_ID_ROLE))

    def attach_selected(self) -> bool:
        attachment_id, entry_id = self._current_id(), self._selected_entry()
        if attachment_id is None or not self._session.is_open:
            return False
        if entry_id is None:
            self.status.setText(_("Select the entry in the list above first, then attach."))
            return False
        repos = self._session.repos
        try:
            repos.attachments.attach(attachment_id, entry_id)
            entry = repos.incidents.get(entry_id)
            if attachment_id not in entry.attachment_ids:  # a dated revision records it
                entry.attachment_ids = [*entry.attachment_ids, attachment_id]
                repos.incidents.update(entry)
        except (VaultError, ValidationError) as error:
            reason = error.user_message if isinstance(error, VaultError) else error.message
            # translators: {reason} is a sentence saying why
            self.status.setText(_("The file was not attached: {reason}").format(reason=reason))
            return False
        self.status.setText(
            # translators: {number} is the entry's record number
            _("Attached to entry no. {number}; the entry's history records it.").format(
                number=entry.record_number
            )
        )
        self.refresh()
        return True

    def delete_selected(self) -> bool:
        attachment_id = self._current_id()
        if attachment_id is None or not self._session.is_open:
            return False
        if not Messages.confirm(
            self,
            _("Delete file"),
            _("Delete this file from your vault? It is not part of any entry."),
            action=_("Delete"),
            destructive=True,
            informative=_("It is deleted for good. Copies elsewhere are not affected."),
        ):
            return False
        try:
            self._session.repos.attachments.remove(attachment_id)
        except VaultError as error:
            # translators: {reason} is a sentence saying why
            self.status.setText(
                _("The file was not deleted: {reason}").format(reason=error.user_message)
            )
            return False
        self.status.setText(_("File deleted."))
        self.refresh()
        return True
