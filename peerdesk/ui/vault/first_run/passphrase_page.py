"""Choose a passphrase (for a new vault, or for the sample vault)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizardPage

from peerdesk.i18n import _
from peerdesk.ui.common.notices import Notice
from peerdesk.ui.vault.first_run import constants as ids
from peerdesk.ui.vault.first_run.choice import plain_text
from peerdesk.ui.vault.first_run.constants import FORGET_WARNING
from peerdesk.ui.vault.page_scroll import scrolling_layout
from peerdesk.ui.vault.passphrase import NewPassphraseForm

if TYPE_CHECKING:
    from peerdesk.ui.vault.first_run.wizard import FirstRunWizard


class PassphrasePage(QWizardPage):
    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        self.setTitle(_("Choose a passphrase"))
        self.intro = plain_text("", object_name="passphraseIntro")
        self.form = NewPassphraseForm(self)
        self.warning = Notice(_(FORGET_WARNING), "warning", self)
        self.warning.setObjectName("forgetWarning")
        layout = scrolling_layout(self)
        layout.setSpacing(10)
        layout.addWidget(self.intro)
        layout.addWidget(self.form)
        layout.addStretch(1)
        layout.addWidget(self.warning)
        self.form.changed.connect(self.completeChanged)

    def initializePage(self) -> None:
        if self._wizard.choice() == ids.CHOICE_DEMO:
            self.setTitle(_("Choose a passphrase for the sample vault"))
            self.intro.setText(
                _(
                    "The sample vault holds only made-up entries, but it is encrypted like a real "
                    "one. Choose a passphrase to open it with."
                )
            )
        else:
            self.setTitle(_("Choose a passphrase"))
            self.intro.setText(
                _(
                    "Your passphrase encrypts everything in your vault. Choose one that is long "
                    "and that you will remember — four or more random words work well."
                )
            )
        self.form.first.setFocus(Qt.FocusReason.OtherFocusReason)

    def cleanupPage(self) -> None:
        # Going back to the start: do not keep a passphrase typed for another choice.
        self.form.clear()

    def isComplete(self) -> bool:
        return self.form.is_acceptable()

    def validatePage(self) -> bool:
        # Next: a weak passphrase is asked about once; "Choose another" (the default) keeps
        # the user on this page. (Finish for the sample vault asks in FirstRunWizard.accept,
        # before the passphrase is handed over; done() calls this again after clearing it.)
        if self._wizard.choice() == ids.CHOICE_DEMO:
            return True
        return self.form.is_acceptable() and self.form.confirm_weak(self._wizard)

    def nextId(self) -> int:
        if self._wizard.choice() == ids.CHOICE_DEMO:
            return -1
        return ids.PAGE_USE


__all__ = ["PassphrasePage"]
