"""First run: a short, calm set-up.

Welcome → (create) passphrase → what PeerDesk is for → this device (where the vault is saved,
remember the passphrase) → finish; (open) choose an existing vault file → finish; (sample data)
passphrase → finish. The wizard only gathers answers and emits one signal on finish; the
controller creates or opens the vault. Passphrases are read from the fields when Finish is
pressed and the fields are overwritten straight after, whether the wizard finishes or not;
nothing is stored in wizard fields (``registerField``) or in any setting.

One class per page (``*_page``); this module assembles them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Final

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import QWidget, QWizard

from peerdesk import APP_NAME
from peerdesk.i18n import N_, _
from peerdesk.storage.keystore import KeyringStatus
from peerdesk.ui.vault.first_run import constants as ids
from peerdesk.ui.vault.first_run.device_page import DevicePage
from peerdesk.ui.vault.first_run.open_page import OpenPage
from peerdesk.ui.vault.first_run.passphrase_page import PassphrasePage
from peerdesk.ui.vault.first_run.use_page import UsePage
from peerdesk.ui.vault.first_run.welcome_page import WelcomePage
from peerdesk.ui.vault.page_scroll import bounded_to_screen
from peerdesk.ui.vault.vault_files import sample_vault_path


class FirstRunWizard(QWizard):
    """First-run set-up. Emits exactly one of the ``*_requested`` signals on Finish."""

    create_requested = Signal(str, str, list, bool)  # path, passphrase, uses, remember
    open_requested = Signal(str)  # path
    demo_requested = Signal(str, str)  # path, passphrase

    PAGE_WELCOME: Final = ids.PAGE_WELCOME
    PAGE_PASSPHRASE: Final = ids.PAGE_PASSPHRASE
    PAGE_USE: Final = ids.PAGE_USE
    PAGE_DEVICE: Final = ids.PAGE_DEVICE
    PAGE_OPEN: Final = ids.PAGE_OPEN

    CHOICE_CREATE: Final = ids.CHOICE_CREATE
    CHOICE_OPEN: Final = ids.CHOICE_OPEN
    CHOICE_DEMO: Final = ids.CHOICE_DEMO

    _FINISH_TEXT: Final = {
        "create": N_("&Create vault"),
        "open": N_("&Open vault"),
        "demo": N_("&Create sample vault"),
    }

    def __init__(
        self, default_vault_path: Path, keyring_status: KeyringStatus, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("firstRunWizard")
        self.setWindowTitle(APP_NAME)  # never content
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.HaveHelpButton, False)
        self._default_path = Path(default_vault_path)
        self._vault_path = self._default_path
        self._keyring_status = keyring_status

        self.welcome_page = WelcomePage(self)
        self.passphrase_page = PassphrasePage(self)
        self.use_page = UsePage(self)
        self.device_page = DevicePage(self, keyring_status)
        self.open_page = OpenPage(self)
        self.setPage(self.PAGE_WELCOME, self.welcome_page)
        self.setPage(self.PAGE_PASSPHRASE, self.passphrase_page)
        self.setPage(self.PAGE_USE, self.use_page)
        self.setPage(self.PAGE_DEVICE, self.device_page)
        self.setPage(self.PAGE_OPEN, self.open_page)
        self.setStartId(self.PAGE_WELCOME)
        self.currentIdChanged.connect(self._page_changed)
        # The pages scroll (page_scroll): at 150 % the buttons stay on a 1366×768 screen.
        self.setMinimumWidth(520)
        self.resize(bounded_to_screen(self, QSize(640, 560)))

    # -- answers -----------------------------------------------------------------------------

    def choice(self) -> str:
        return self.welcome_page.choice()

    def vault_path(self) -> Path:
        """Where a new vault will be created."""
        return self._vault_path

    def set_vault_path(self, path: Path) -> None:
        self._vault_path = Path(path)

    def uses(self) -> list[str]:
        return self.use_page.uses()

    # -- flow --------------------------------------------------------------------------------

    def _page_changed(self, _page_id: int) -> None:
        self.setButtonText(QWizard.WizardButton.FinishButton, _(self._FINISH_TEXT[self.choice()]))

    def accept(self) -> None:
        choice = self.choice()
        if choice == self.CHOICE_OPEN:
            path = self.open_page.path()
            if path is None or not path.is_file():
                return
            self.open_requested.emit(str(path))
        elif choice == self.CHOICE_DEMO:
            form = self.passphrase_page.form
            if not form.is_acceptable() or not form.confirm_weak(self):
                return
            self.demo_requested.emit(str(sample_vault_path(self._default_path)), form.passphrase())
        else:
            form = self.passphrase_page.form
            if not form.is_acceptable() or self.device_page.problem():
                return
            self.create_requested.emit(
                str(self._vault_path),
                form.passphrase(),
                self.uses(),
                self.device_page.remember_requested(),
            )
        super().accept()  # done() overwrites the passphrase fields

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        # Shown again after Finish (say, the vault could not be created): the passphrase was
        # overwritten when the wizard closed, so go back to where it is typed.
        if (
            self.choice() == self.CHOICE_CREATE
            and self.currentId() in (self.PAGE_USE, self.PAGE_DEVICE)
            and not self.passphrase_page.form.passphrase()
        ):
            while self.currentId() not in (self.PAGE_PASSPHRASE, self.PAGE_WELCOME, -1):
                self.back()

    def done(self, result: int) -> None:
        # Finished or cancelled: the controller has what it needs; keep no passphrase here.
        self.passphrase_page.form.clear()
        super().done(result)


__all__ = ["FirstRunWizard"]
