"""The read view of one journal entry (issue 15, calm reading): the record as a report shows it,
read-only and selectable, scrolled with the keyboard, with Edit (Alt+E) and History beside it.
It is what the journal, People and Patterns open by default. The window title never shows
content; a lock closes it and forgets what it showed."""

from __future__ import annotations

import logging

from PySide6.QtCore import QSize, Qt, QUrl, Signal
from PySide6.QtGui import QImage, QTextDocument
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from peerdesk.i18n import _, pgettext
from peerdesk.models.attachment import Attachment
from peerdesk.storage.errors import VaultError
from peerdesk.storage.repository import Change
from peerdesk.ui.common.accessibility import set_name
from peerdesk.ui.common.session import VaultSession
from peerdesk.ui.journal.history import HistoryDialog
from peerdesk.ui.journal.reading.content import entry_html, picture_url

log = logging.getLogger(__name__)

#: A picture's thumbnail is at most this wide and tall (logical pixels).
THUMBNAIL = QSize(320, 240)


class EntryReadDialog(QDialog):
    """One entry, read-only. ``edit_requested(id)`` when the user chooses Edit (the dialog
    then closes, so the editor is the one place the entry is open)."""

    edit_requested = Signal(int)

    def __init__(
        self, session: VaultSession, incident_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("entryReadDialog")
        self.setWindowTitle(_("Journal entry"))
        self._session = session
        self.incident_id = incident_id
        self.history_dialog: HistoryDialog | None = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 14)
        self.view = QTextBrowser()
        self.view.setObjectName("entryText")
        self.view.setOpenLinks(False)
        self.view.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        set_name(
            self.view,
            _("The entry"),
            _("Read-only. Arrow keys and Page Up or Page Down move through it."),
        )
        layout.addWidget(self.view, 1)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.edit_button = QPushButton(pgettext("verb", "&Edit"))
        self.edit_button.setObjectName("editEntry")
        self.edit_button.setToolTip(_("Change this entry in the editor (Alt+E)"))
        self.history_button = QPushButton(_("&History"))
        self.history_button.setObjectName("entryHistory")
        self.history_button.setToolTip(_("Every saved revision, and what changed word by word"))
        buttons.addButton(self.edit_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.history_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        if close is not None:
            close.setDefault(True)
        self.edit_button.clicked.connect(self.edit)
        self.history_button.clicked.connect(self.show_history)
        layout.addWidget(buttons)

        session.closing.connect(self._drop)
        # Saved elsewhere (the editor, Withdraw in the journal): show the entry as it is now.
        self._unsubscribe = session.repos.incidents.subscribe(self._changed)
        self.finished.connect(lambda _r: self._unsubscribe())
        self.destroyed.connect(self._unsubscribe)  # deleted with its parent, never finished
        self.load()
        self.resize(760, 620)
        self.view.setFocus()

    def load(self) -> None:
        """Read the entry, its people and files from the vault and show them."""
        if not self._session.is_open:
            return
        repos = self._session.repos
        incident = repos.incidents.get(self.incident_id)
        names = {p.id: p.display_name for p in repos.persons.list() if p.id is not None}
        files = repos.attachments.list_for_incident(self.incident_id)
        pictures = self._add_pictures(files)
        revisions = len(repos.incidents.revisions(self.incident_id))
        self.view.setHtml(entry_html(incident, names, files, pictures, revisions))

    def _changed(self, change: Change) -> None:
        if self.incident_id not in change.ids or not self._session.is_open:
            return
        if change.kind == "removed":
            self.close()
            return
        bar = self.view.verticalScrollBar()
        at = bar.value()
        self.load()
        bar.setValue(at)

    def _add_pictures(self, files: list[Attachment]) -> frozenset[int]:
        shown: set[int] = set()
        document = self.view.document()
        for attachment in files:
            if attachment.id is None or not attachment.media_type.startswith("image/"):
                continue
            try:
                data = self._session.repos.attachments.read_bytes(attachment.id)
            except VaultError:
                log.info("a picture could not be read for the read view")
                continue
            image = QImage.fromData(data)
            if image.isNull():
                continue
            if image.width() > THUMBNAIL.width() or image.height() > THUMBNAIL.height():
                image = image.scaled(
                    THUMBNAIL,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            document.addResource(
                QTextDocument.ResourceType.ImageResource, QUrl(picture_url(attachment.id)), image
            )
            shown.add(attachment.id)
        return frozenset(shown)

    def text(self) -> str:
        """What the view shows, as plain text."""
        return self.view.toPlainText()

    def edit(self) -> None:
        """Open the entry in the editor and close this view."""
        self.edit_requested.emit(self.incident_id)
        self.accept()

    def show_history(self) -> HistoryDialog | None:
        if not self._session.is_open:
            return None
        if self.history_dialog is not None:
            self.history_dialog.close()
        dialog = HistoryDialog(self._session, self.incident_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(self._history_gone)
        self.history_dialog = dialog
        dialog.show()
        return dialog

    def _history_gone(self) -> None:
        self.history_dialog = None

    def _drop(self) -> None:
        """The vault is closing: forget what was shown and close."""
        self._unsubscribe()
        self.view.clear()
        self.view.document().clear()
        self.reject()
        self.deleteLater()
