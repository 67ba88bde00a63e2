"""A short description of one evidence file (what it is, who sent it, when), written in the
editor and kept with the file in the vault; the report's exhibit index prints it.

A description is a label on the exhibit, kept as attachment metadata and saved at once, not a
field of the entry's revision chain: the chain fingerprints what the author recorded about the
incident (and which files belong to it); a file is identified by its own SHA-256, which never
changes. The report says so (its "How to verify" text)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from peerdesk.i18n import N_, _
from peerdesk.models.attachment import Attachment
from peerdesk.models.text import SHORT_MAX
from peerdesk.ui.common.accessibility import clear_field_error, show_field_error
from peerdesk.ui.journal.editor.fields import MutedLabel

PLACEHOLDER = N_("e.g. Email from my manager asking me to stay late")
EXPLAIN = N_(
    "A few words on what this file shows. It is kept with the file in your vault and printed "
    "in the report's exhibit index. It is a label on the file: changing it later does not "
    "add a revision to the entry."
)


class DescriptionDialog(QDialog):
    """Type a description for ``attachment``; *Save description* hands it to ``save``, which
    returns None when stored, else a sentence shown under the field (the dialog stays)."""

    def __init__(
        self,
        attachment: Attachment,
        save: Callable[[str], str | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._save = save
        self.setObjectName("attachmentDescriptionDialog")
        self.setWindowTitle(_("Describe evidence"))  # never the file's name (SECURITY.md 18)
        self.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        name = QLabel(attachment.display_name())
        name.setTextFormat(Qt.TextFormat.PlainText)
        name.setObjectName("attachmentDescriptionFile")
        font = name.font()
        font.setBold(True)  # the weight only: the size follows the application's font
        name.setFont(font)
        layout.addWidget(name)
        caption = QLabel(_("&Description"))
        layout.addWidget(caption)
        self.edit = QLineEdit(attachment.description)
        self.edit.setObjectName("attachmentDescription")
        self.edit.setAccessibleName(_("Description of the file"))
        self.edit.setMaxLength(SHORT_MAX)
        self.edit.setPlaceholderText(_(PLACEHOLDER))
        self.edit.setClearButtonEnabled(True)
        caption.setBuddy(self.edit)
        layout.addWidget(self.edit)
        self.edit.setAccessibleDescription(_(EXPLAIN))
        layout.addWidget(MutedLabel(_(EXPLAIN)))
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.save_button.setText(_("Save description"))
        self.save_button.setObjectName("saveDescription")
        self.save_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.edit.setFocus()
        self.edit.selectAll()

    def accept(self) -> None:
        clear_field_error(self.edit, self.error)
        problem = self._save(self.edit.text())
        if problem:
            show_field_error(self.edit, self.error, problem)
            return
        super().accept()

    def reject(self) -> None:
        self.edit.setText("")  # nothing typed here outlives the dialog (a lock closes it)
        super().reject()


__all__ = ["DescriptionDialog"]
