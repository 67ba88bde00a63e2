"""What will you use PeerDesk for (which sections it shows)?"""

from __future__ import annotations

from PySide6.QtWidgets import QButtonGroup, QWidget, QWizardPage

from peerdesk.i18n import _
from peerdesk.ui.vault.first_run import constants as ids
from peerdesk.ui.vault.first_run.choice import Choice, plain_text
from peerdesk.ui.vault.first_run.constants import USE_JOURNAL, USE_SUPPORTER
from peerdesk.ui.vault.page_scroll import scrolling_layout


class UsePage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(_("What will you use PeerDesk for?"))
        self.journal = Choice(
            _("My own &journal"),
            _(
                "A private record of what happens to you at work, to look back on or to use "
                "when you raise it."
            ),
            "useJournal",
        )
        self.supporter = Choice(
            _("Notes as a peer &supporter"),
            _("Confidential notes on the colleagues you support and your conversations."),
            "useSupporter",
        )
        self.both = Choice(
            _("B&oth"), _("Your own journal and your peer-support notes."), "useBoth"
        )
        self.group = QButtonGroup(self)
        for choice in (self.journal, self.supporter, self.both):
            self.group.addButton(choice.radio)
        self.both.radio.setChecked(True)
        note = plain_text(_("This decides which sections PeerDesk shows. You can change it later."))
        layout = scrolling_layout(self)
        layout.setSpacing(10)
        layout.addWidget(self.journal)
        layout.addWidget(self.supporter)
        layout.addWidget(self.both)
        layout.addSpacing(6)
        layout.addWidget(note)
        layout.addStretch(1)

    def uses(self) -> list[str]:
        if self.journal.radio.isChecked():
            return [USE_JOURNAL]
        if self.supporter.radio.isChecked():
            return [USE_SUPPORTER]
        return [USE_JOURNAL, USE_SUPPORTER]

    def nextId(self) -> int:
        return ids.PAGE_DEVICE


__all__ = ["UsePage"]
