"""The unlock window: which vault, the passphrase, and a clear word for every vault error.

It only asks; the controller opens the vault (off the GUI thread) and answers with
:meth:`UnlockWindow.set_busy`, :meth:`UnlockWindow.show_error` or, after a successful unlock,
:meth:`UnlockWindow.clear`. Errors are shown inline, never as a popup, with the action that
helps (restore a backup, open another vault, create one). Support and crisis resources open
from here without unlocking. The title is always "PeerDesk — Unlock": it never shows content,
and the vault's file name is shown as plain text with any direction-changing characters made
visible.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Final

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from peerdesk import APP_NAME
from peerdesk.i18n import N_, _
from peerdesk.models.resource import Resource
from peerdesk.storage.connection import check_openable
from peerdesk.storage.errors import VaultError, VaultNotFound, VaultTooNew, WrongPassphrase
from peerdesk.storage.keystore import KeyringError, KeyringStatus
from peerdesk.ui.common.accessibility import ERROR_WORD, announce, plain
from peerdesk.ui.common.notices import Notice
from peerdesk.ui.common.owner import WeakOwner
from peerdesk.ui.vault.first_run.constants import NO_KEYRING
from peerdesk.ui.vault.page_scroll import bounded_to_screen
from peerdesk.ui.vault.passphrase_field import PassphraseField
from peerdesk.ui.vault.unlock_errors import (
    MISSING_ERRORS,
    RESTORE_ERRORS,
    TYPE_FIRST_MESSAGE,
    error_text,
    visible_file_name,
)
from peerdesk.ui.vault.vault_files import choose_existing_vault

if TYPE_CHECKING:
    # The support dialog (and the dates and Babel it brings) loads when first opened, not
    # with this window (issue 18, item 4).
    from peerdesk.ui.directory.support_panel import SupportDialog

__all__ = ["UnlockErrors", "UnlockWindow"]

# translators: the unlock window's title; {app} is "PeerDesk"
WINDOW_TITLE: Final = N_("{app} — Unlock")
ERROR_SIGN: Final = "\u26a0"
#: The support panel's own line, the same message (a test holds them equal).
DANGER_LINE: Final = N_("If you are in danger now, call your local emergency number.")


def _plain(text: str, name: str = "") -> QLabel:
    label = QLabel(text)
    if name:
        label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


def _header() -> tuple[QLabel, QLabel]:
    """The window's heading (the app's name, larger) and the line under it."""
    title = QLabel(APP_NAME)
    title.setObjectName("unlockTitle")
    title_font = title.font()
    title_font.setPointSizeF(title_font.pointSizeF() * 1.6)
    title_font.setBold(True)
    title.setFont(title_font)
    return title, _plain(_("Your vault is locked. Type your passphrase to open it."))


class UnlockErrors:
    """The unlock window's inline error: the sentence, and the actions that help (restore the
    newest good backup, open another vault, create one). Announced to screen readers."""

    def __init__(self, window: UnlockWindow) -> None:
        # Weakly: the owner holds this helper, and a cycle through Qt wrappers would leave
        # their attributes cleared by the garbage collector while the C++ objects live on.
        self._owner = WeakOwner(window)
        self.error: BaseException | None = None
        self.box = Notice("", "error", window)
        self.box.setObjectName("unlockError")
        self.box.label.setObjectName("errorText")
        self.box.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.restore_button = QPushButton(_("Res&tore the newest good backup…"))
        self.restore_button.setObjectName("restoreButton")
        self.restore_button.clicked.connect(window.ask_restore)
        self.open_button = QPushButton(_("&Open another vault…"))
        self.open_button.setObjectName("errorOpenButton")
        self.open_button.clicked.connect(window.open_another)
        self.create_button = QPushButton(_("&Create a new vault…"))
        self.create_button.setObjectName("errorCreateButton")
        self.create_button.clicked.connect(window.create_requested)
        for button in self.buttons():
            button.setAutoDefault(False)
            self.box.add_button(button)
        self.box.buttons.addStretch(1)
        self.box.hide()

    @property
    def _window(self) -> UnlockWindow:
        return self._owner.get()

    def buttons(self) -> tuple[QPushButton, QPushButton, QPushButton]:
        return self.restore_button, self.open_button, self.create_button

    def show(self, exc: BaseException) -> None:
        window = self._window
        self.error = exc
        text = error_text(exc)
        calm = isinstance(exc, (VaultTooNew, KeyringError))
        # An error says so in words and with a sign, not by its colour alone.
        self.box.set_text(text if calm else f"{ERROR_SIGN} {_(ERROR_WORD)} {text}")
        self.box.set_kind("warning" if calm else "error")
        self.restore_button.setVisible(isinstance(exc, RESTORE_ERRORS))
        missing = isinstance(exc, MISSING_ERRORS)
        self.open_button.setVisible(missing)
        self.create_button.setVisible(missing)
        self.box.update_button_bar()
        self.box.show()
        # The error offers "Open another vault…" and "Create a new vault…" itself: do not
        # show the same two buttons twice.
        window.vault_actions.setVisible(not missing)
        self.fit_height()
        said = plain(text if calm else f"{_(ERROR_WORD)} {text}")  # the word, not the sign
        self._announce(said)
        # The passphrase field carries the error, so a screen reader reads it with the field.
        window.passphrase.edit.setAccessibleDescription(said)
        if isinstance(exc, WrongPassphrase):
            window.passphrase.setFocus(Qt.FocusReason.OtherFocusReason)
            window.passphrase.select_all()
        elif self.restore_button.isVisibleTo(window):
            self.restore_button.setFocus(Qt.FocusReason.OtherFocusReason)
        elif missing:
            self.open_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_type_first(self) -> None:
        """Unlock was chosen with nothing typed: say so, calmly."""
        window = self._window
        self.box.set_text(_(TYPE_FIRST_MESSAGE))
        self.box.set_kind("info")
        for button in self.buttons():
            button.hide()
        self.box.update_button_bar()
        self.box.show()
        window.vault_actions.show()
        self.fit_height()
        window.passphrase.edit.setAccessibleDescription(_(TYPE_FIRST_MESSAGE))
        self._announce(_(TYPE_FIRST_MESSAGE))
        window.passphrase.setFocus(Qt.FocusReason.OtherFocusReason)

    def hide(self) -> None:
        self.error = None
        self.box.hide()
        self._window.vault_actions.show()
        self._window.passphrase.edit.setAccessibleDescription("")

    def message(self) -> str:
        """The sentence shown now, without the sign and the word "Error:" ("" when none)."""
        if not self.box.isVisibleTo(self._window):
            return ""
        return self.box.text().removeprefix(f"{ERROR_SIGN} {_(ERROR_WORD)} ")

    def _announce(self, text: str) -> None:
        """Tell a screen reader about the message that just appeared (it is not focused)."""
        if not QAccessible.isActive():
            return
        event = QAccessibleAnnouncementEvent(self.box.label, text)
        event.setPoliteness(QAccessible.AnnouncementPoliteness.Assertive)
        QAccessible.updateAccessibility(event)

    def fit_height(self) -> None:
        """Grow the window if an error message would not fit (never shrink it)."""
        window = self._window
        layout = window.layout()
        if layout is None:
            return
        layout.activate()
        needed = (
            layout.totalHeightForWidth(window.width())
            if layout.hasHeightForWidth()
            else layout.totalMinimumSize().height()
        )
        # Never past the screen (at 150 % on 1366×768 the window has 512 logical pixels).
        needed = bounded_to_screen(window, QSize(window.width(), needed)).height()
        if needed > window.height():
            window.resize(window.width(), needed)


class UnlockWindow(QWidget):
    """A top-level window that asks for the passphrase of one vault."""

    unlock_requested = Signal(str, str, bool)  # path, passphrase, remember
    restore_requested = Signal(str)  # path
    create_requested = Signal()
    vault_changed = Signal(str)  # path

    def __init__(
        self,
        vault_path: Path,
        keyring_status: KeyringStatus,
        resources: Iterable[Resource],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("unlockWindow")
        self.setWindowTitle(_(WINDOW_TITLE).format(app=APP_NAME))
        if parent is not None:
            self.setWindowFlag(Qt.WindowType.Window, True)
        self.setMinimumSize(520, 420)
        self.resize(560, 480)
        self._vault_path = Path(vault_path)
        self._resources = list(resources)
        self._support: SupportDialog | None = None

        title, subtitle = _header()
        self.vault_label = _plain("", "vaultName")

        # Passphrase
        passphrase_label = QLabel(_("&Passphrase:"))
        self.passphrase = PassphraseField(self)
        self.passphrase.setObjectName("unlockPassphrase")
        passphrase_label.setBuddy(self.passphrase.edit)
        self.passphrase.returnPressed.connect(self._submit)

        self.remember = QCheckBox(_("&Remember on this device"))
        self.remember.setObjectName("rememberCheck")
        self.remember.setAccessibleName(_("Remember on this device"))
        # Set when the person clicks the box: the keyring's answer then no longer moves it.
        self._remember_touched = False
        self.remember.clicked.connect(self._remember_clicked)
        self.remember_note = _plain("", "rememberNote")

        # Error, with the actions that help
        self.errors = UnlockErrors(self)
        self.error_box = self.errors.box
        self.restore_button = self.errors.restore_button
        self.error_open_button = self.errors.open_button
        self.error_create_button = self.errors.create_button

        # Busy
        self.busy_label = QLabel(_("Unlocking…"))
        self.busy_label.setObjectName("busyLabel")
        self.busy_bar = QProgressBar()
        self.busy_bar.setObjectName("busyBar")
        self.busy_bar.setRange(0, 0)  # indeterminate
        self.busy_bar.setTextVisible(False)
        self.busy_bar.setFixedHeight(8)
        self.busy_bar.setAccessibleName(_("Unlocking"))
        busy_row = QHBoxLayout()
        busy_row.addWidget(self.busy_label)
        busy_row.addWidget(self.busy_bar, 1)
        self.busy_box = QWidget()
        self.busy_box.setLayout(busy_row)
        busy_row.setContentsMargins(0, 0, 0, 0)
        self.busy_box.hide()

        self.unlock_button = QPushButton(_("&Unlock"))
        self.unlock_button.setObjectName("unlockButton")
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self._submit)

        # Footer: other vaults, support
        self.open_button = QPushButton(_("&Open another vault…"))
        self.open_button.setObjectName("openAnotherButton")
        self.open_button.clicked.connect(self.open_another)
        self.create_button = QPushButton(_("&Create a new vault…"))
        self.create_button.setObjectName("createButton")
        self.create_button.clicked.connect(self.create_requested)
        self.support_button = QPushButton(_("&Support and crisis resources"))
        self.support_button.setObjectName("supportButton")
        self.support_button.clicked.connect(self.show_support)
        danger = _plain(_(DANGER_LINE), "dangerLine")

        # Layout
        form = QVBoxLayout()
        form.setSpacing(6)
        form.addWidget(passphrase_label)
        form.addWidget(self.passphrase)
        form.addSpacing(4)
        form.addWidget(self.remember)
        form.addWidget(self.remember_note)

        action_row = QHBoxLayout()
        action_row.addWidget(self.busy_box, 1)
        action_row.addStretch(0)
        action_row.addWidget(self.unlock_button)

        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)

        self.vault_actions = QWidget()
        vault_row = QHBoxLayout(self.vault_actions)
        vault_row.setContentsMargins(0, 0, 0, 0)
        vault_row.addWidget(self.open_button)
        vault_row.addWidget(self.create_button)
        vault_row.addStretch(1)

        support_row = QHBoxLayout()
        support_row.addWidget(danger, 1)
        support_row.addWidget(self.support_button, 0, Qt.AlignmentFlag.AlignVCenter)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 20)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addWidget(subtitle)
        layout.addWidget(self.vault_label)
        layout.addSpacing(6)
        layout.addLayout(form)
        layout.addWidget(self.error_box)
        layout.addLayout(action_row)
        layout.addStretch(1)
        layout.addWidget(line)
        layout.addWidget(self.vault_actions)
        layout.addLayout(support_row)

        self.unlock_button.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
        self.unlock_button.setMinimumWidth(120)
        self.set_keyring_status(keyring_status)
        self.set_vault_path(self._vault_path)
        self.setTabOrder(self.passphrase.edit, self.passphrase.toggle)
        self.setTabOrder(self.passphrase.toggle, self.remember)
        self.setTabOrder(self.remember, self.unlock_button)

    # -- public API --------------------------------------------------------------------------

    def vault_path(self) -> Path:
        return self._vault_path

    def set_vault_path(self, path: Path | str) -> None:
        """Show another vault (file name shown, full path in the tooltip)."""
        self._vault_path = Path(path)
        name = visible_file_name(self._vault_path)
        # translators: {name} is the vault's file name
        self.vault_label.setText(_("Vault: {name}").format(name=name))
        self.vault_label.setToolTip(str(self._vault_path))
        self.vault_label.setAccessibleName(_("Vault: {name}").format(name=name))
        self.hide_error()

    def set_keyring_status(self, status: KeyringStatus) -> None:
        self._keyring_status = status
        if status.available:
            self.remember.setEnabled(True)
            self.remember_note.setText(
                _(
                    "Keeps the passphrase in this computer's keyring, so anyone who can log in to "
                    "this account can open PeerDesk without typing it."
                )
            )
        else:
            self.remember.setChecked(False)
            self.remember.setEnabled(False)
            self.remember_note.setText(status.reason or _(NO_KEYRING))
        self.remember.setAccessibleDescription(self.remember_note.text())  # read with the box

    def set_remember_checked(self, checked: bool) -> None:
        """Show whether the passphrase is remembered on this device (the controller asks the
        keyring each time the window is shown). A choice the person made since the window was
        last cleared is kept."""
        if not self._remember_touched:
            self.remember.setChecked(checked and self.remember.isEnabled())

    def _remember_clicked(self) -> None:
        self._remember_touched = True

    def passphrase_text(self) -> str:
        """What is typed now (the controller may need it to verify a backup on restore)."""
        return self.passphrase.text()

    def set_busy(self, busy: bool) -> None:
        """While unlocking: inputs disabled, "Unlocking…" with an indeterminate bar."""
        for widget in (
            self.passphrase,
            self.remember,
            self.unlock_button,
            self.open_button,
            self.create_button,
            self.restore_button,
            self.error_open_button,
            self.error_create_button,
        ):
            widget.setEnabled(not busy)
        if not busy and not self._keyring_status.available:
            self.remember.setEnabled(False)
        if busy:
            self.hide_error()
        self.busy_box.setVisible(busy)
        if busy:
            announce(self.busy_label, self.busy_label.text())
            self.setCursor(Qt.CursorShape.BusyCursor)
        else:
            self.unsetCursor()
            self.passphrase.setFocus(Qt.FocusReason.OtherFocusReason)

    def is_busy(self) -> bool:
        return self.busy_box.isVisibleTo(self)

    def show_error(self, exc: BaseException) -> None:
        """Say what went wrong, inline, with the action that helps. Never shows content."""
        self.set_busy(False)
        self.errors.show(exc)

    def hide_error(self) -> None:
        self.errors.hide()

    def current_error(self) -> BaseException | None:
        return self.errors.error

    def error_message(self) -> str:
        """The error sentence shown now ("" when none)."""
        return self.errors.message()

    def clear(self) -> None:
        """Empty (and overwrite) the passphrase: after a successful unlock and on lock."""
        self.passphrase.clear()
        self._remember_touched = False
        self.hide_error()
        if self._support is not None:
            self._support.close()

    def show_support(self) -> SupportDialog:
        """Open the support and crisis resources (no unlocking needed)."""
        if self._support is None:
            from peerdesk.ui.directory.support_panel import SupportDialog

            self._support = SupportDialog(self._resources, self)
            # Built-in resources only, shown while locked: a lock need not destroy it.
            self._support.setProperty("peerdeskKeepOnLock", True)
        if self._support.isVisible():
            self._support.raise_()
            self._support.activateWindow()
        else:
            self._support.show()
        return self._support

    def set_resources(self, resources: Iterable[Resource]) -> None:
        self._resources = list(resources)
        if self._support is not None:
            self._support.panel.set_resources(self._resources)

    # -- internals ---------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.passphrase.setFocus(Qt.FocusReason.ActiveWindowFocusReason)

    def _submit(self) -> None:
        if self.is_busy() or not self.unlock_button.isEnabled():
            return
        passphrase = self.passphrase.text()
        if not passphrase:
            self.errors.show_type_first()
            return
        self.hide_error()
        self.unlock_requested.emit(
            str(self._vault_path),
            passphrase,
            self.remember.isEnabled() and self.remember.isChecked(),
        )

    def ask_restore(self) -> None:
        self.restore_requested.emit(str(self._vault_path))

    def open_another(self) -> None:
        chosen = choose_existing_vault(self, self._vault_path)
        if chosen is None:
            return
        try:
            check_openable(chosen)
        except VaultNotFound as exc:  # a folder, a pipe, a loop: the same words as the CLI
            self.show_error(exc)
            return
        except (VaultError, OSError):
            pass  # e.g. empty or cut short: shown with its restore offer when unlocking
        self.passphrase.clear()
        self._remember_touched = False
        self.set_vault_path(chosen)
        self.vault_changed.emit(str(chosen))
        self.passphrase.setFocus(Qt.FocusReason.OtherFocusReason)
