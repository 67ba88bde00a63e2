"""Section 6, "Evidence": the files kept in the vault (with their buttons, descriptions, status
line and whole-picture preview) and the evidence I know of but do not hold."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from peerdesk.i18n import _
from peerdesk.models import Incident
from peerdesk.models.person import Person
from peerdesk.ui.common.accessibility import set_name
from peerdesk.ui.journal.editor.attachments import AttachmentList
from peerdesk.ui.journal.editor.pages.base import SectionPage
from peerdesk.ui.journal.editor.picture_preview import PicturePreview
from peerdesk.ui.journal.editor.rows import EvidenceRow, RowList


class EvidencePage(SectionPage):
    def __init__(self, people: Callable[[], list[Person]]) -> None:
        super().__init__(
            _("Evidence"),
            _(
                "Screenshots, emails, photos and documents are kept inside "
                "your encrypted vault, exactly as they were."
            ),
        )
        self.attachment_list = AttachmentList()
        self.attachment_list.setObjectName("attachmentList")
        self.attachment_list.setMinimumHeight(110)
        buttons = QHBoxLayout()
        self.add_file_button = QPushButton(_("Add files…"))
        self.add_file_button.setObjectName("addFiles")
        self.save_copy_button = QPushButton(_("Save a copy…"))
        self.save_copy_button.setObjectName("saveCopy")
        self.save_copy_button.setToolTip(
            _("Writes an ordinary, unencrypted copy of the file where you choose.")
        )
        self.describe_button = QPushButton(_("Describe…"))
        self.describe_button.setObjectName("describeAttachment")
        self.describe_button.setAccessibleName(_("Describe the selected file"))
        self.describe_button.setToolTip(
            _(
                "A few words on what the file shows, for the report's exhibit index "
                "(F2 in the list)."
            )
        )
        self.remove_file_button = QPushButton(_("Remove"))
        self.remove_file_button.setObjectName("removeAttachment")
        for button in (
            self.add_file_button,
            self.describe_button,
            self.save_copy_button,
            self.remove_file_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.attachment_list)
        column.addLayout(buttons)
        self.attachment_status = QLabel()
        self.attachment_status.setObjectName("attachmentStatus")
        self.attachment_status.setWordWrap(True)
        column.addWidget(self.attachment_status)
        self.preview = PicturePreview(_("Choose a picture in the list to see it here."))
        self.preview.setObjectName("attachmentPreview")
        column.addWidget(self.preview)
        self.register(
            "attachment_ids",
            self.attachment_list,
            self.field(
                _("Files"),
                box,
                _(
                    "Add files, or drag them onto the list. Nothing is copied outside "
                    "the vault; “Save a copy…” writes an unencrypted copy only where you choose."
                ),
            ),
        )
        set_name(
            self.attachment_list,
            _("Files"),
            _(
                "Files kept in the vault. Enter shows a picture whole, "
                "F2 describes the chosen file."
            ),
        )
        self.evidence = RowList(
            EvidenceRow, _("Add evidence I know of"), _("Nothing added."), people
        )
        self.register(
            "evidence_not_held",
            self.evidence,
            self.field(
                _("Evidence I know of but do not hold"),
                self.evidence,
                _(
                    "What exists, where, and who has it — useful for a later request for "
                    "disclosure."
                ),
            ),
        )

    def fill(self, incident: Incident) -> None:
        self.evidence.set_values(incident.evidence_not_held)

    def values(self) -> dict[str, Any]:
        return {"evidence_not_held": self.evidence.values()}
