"""The first page: what would you like to do (create, open, explore with sample data)?"""

from __future__ import annotations

from PySide6.QtWidgets import QButtonGroup, QWidget, QWizardPage

from peerdesk.i18n import _
from peerdesk.ui.vault.first_run import constants as ids
from peerdesk.ui.vault.first_run.choice import Choice, plain_text
from peerdesk.ui.vault.page_scroll import scrolling_layout


class WelcomePage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(_("Welcome to PeerDesk"))
        intro = plain_text(
            _(
                "PeerDesk is a private place to keep a record of what happens at work, and for "
                "peer supporters to keep confidential notes. Everything stays on this computer, "
                "in one encrypted file — your vault — that only your passphrase opens."
            ),
            object_name="welcomeText",
        )
        question = plain_text(_("What would you like to do?"))
        self.create_choice = Choice(
            _("&Create a new vault"),
            _("Start fresh: choose a passphrase and what you will use PeerDesk for."),
            "choiceCreate",
        )
        self.open_choice = Choice(
            _("&Open an existing vault file"),
            _("Use a vault you already have, for example one from a backup or another computer."),
            "choiceOpen",
        )
        self.demo_choice = Choice(
            _("&Explore with sample data"),
            _("Try PeerDesk in a separate vault filled with made-up entries."),
            "choiceDemo",
        )
        self.group = QButtonGroup(self)
        for choice in (self.create_choice, self.open_choice, self.demo_choice):
            self.group.addButton(choice.radio)
        self.create_choice.radio.setChecked(True)
        layout = scrolling_layout(self)
        layout.setSpacing(10)
        layout.addWidget(intro)
        layout.addSpacing(6)
        layout.addWidget(question)
        layout.addWidget(self.create_choice)
        layout.addWidget(self.open_choice)
        layout.addWidget(self.demo_choice)
        layout.addStretch(1)

    def choice(self) -> str:
        if self.open_choice.radio.isChecked():
            return ids.CHOICE_OPEN
        if self.demo_choice.radio.isChecked():
            return ids.CHOICE_DEMO
        return ids.CHOICE_CREATE

    def nextId(self) -> int:
        if self.choice() == ids.CHOICE_OPEN:
            return ids.PAGE_OPEN
        return ids.PAGE_PASSPHRASE


__all__ = ["WelcomePage"]
