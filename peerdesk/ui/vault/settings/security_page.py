"""The Security tab: locking, the clipboard, the remembered passphrase, this computer."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QKeySequenceEdit,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from peerdesk.i18n import _, ngettext
from peerdesk.ui.common.notices import note
from peerdesk.ui.common.preferences import Preferences
from peerdesk.ui.common.vault_settings import SettingsRegistry
from peerdesk.ui.vault.field_errors import clear_error, error_line
from peerdesk.ui.vault.page_scroll import scrolling_layout
from peerdesk.ui.vault.settings.widgets import align_labels, form, labelled


def _key_sequence(text: str) -> QKeySequence:
    return QKeySequence.fromString(text, QKeySequence.SequenceFormat.PortableText)


class SecurityPage(QWidget):
    """Its values are applied on OK; "Remember the passphrase" acts at once (its owner connects
    ``remember.clicked``)."""

    TAB = "security"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("securityTab")

        self.auto_lock = QSpinBox()
        self.auto_lock.setObjectName("autoLockMinutes")
        self.auto_lock.setRange(0, 240)
        self.auto_lock.setSpecialValueText(_("Never"))
        self.auto_lock.valueChanged.connect(self._minutes_suffix)
        self._minutes_suffix(self.auto_lock.value())
        self.lock_on_minimise = QCheckBox(_("Lock when PeerDesk is &minimised"))
        self.lock_on_minimise.setObjectName("lockOnMinimise")
        self.shortcut = QKeySequenceEdit()
        self.shortcut.setObjectName("quickHideShortcut")
        self.shortcut.setMaximumSequenceLength(1)
        self.shortcut.setClearButtonEnabled(True)
        self.shortcut.setMinimumWidth(200)
        self.shortcut.setMaximumWidth(280)
        locking = QGroupBox(_("Locking"))
        lock_form = form(locking)
        lock_form.addRow(labelled(_("Lock after &inactivity:"), self.auto_lock), self.auto_lock)
        lock_form.addRow("", self.lock_on_minimise)
        lock_form.addRow(labelled(_("&Quick-hide shortcut:"), self.shortcut), self.shortcut)
        self.shortcut_error = error_line("shortcutError")
        lock_form.addRow("", self.shortcut_error)
        self.shortcut.keySequenceChanged.connect(
            lambda _keys: clear_error(self.shortcut, self.shortcut_error)
        )
        lock_form.addRow(
            "", note(_("Locks the vault and hides every PeerDesk window at once."), expanding=True)
        )

        self.clipboard = QSpinBox()
        self.clipboard.setObjectName("clipboardSeconds")
        self.clipboard.setRange(0, 600)
        self.clipboard.setSpecialValueText(_("Never"))
        self.clipboard.valueChanged.connect(self._seconds_suffix)
        self._seconds_suffix(self.clipboard.value())
        clip = QGroupBox(_("Clipboard"))
        clip_form = form(clip)
        clip_form.addRow(labelled(_("Clear copied &text after:"), self.clipboard), self.clipboard)
        align_labels(lock_form, clip_form)

        self.remember = QCheckBox(_("&Remember the passphrase on this device"))
        self.remember.setObjectName("rememberPassphrase")
        self.remember.setEnabled(False)
        self.keyring_label = note(
            _("Checking the system keyring…"), "keyringStatus", expanding=True
        )
        secret = QGroupBox(_("Passphrase"))
        secret_layout = QVBoxLayout(secret)
        secret_layout.addWidget(self.remember)
        secret_layout.addWidget(self.keyring_label)

        self.remember_last_vault = QCheckBox(_("Remember which &vault I opened last"))
        self.remember_last_vault.setObjectName("rememberLastVault")
        self.remember_dialog_dir = QCheckBox(_("Remember &folders chosen in file dialogs"))
        self.remember_dialog_dir.setObjectName("rememberFileDialogDir")
        here = QGroupBox(_("On this computer"))
        here_layout = QVBoxLayout(here)
        here_layout.addWidget(self.remember_last_vault)
        here_layout.addWidget(self.remember_dialog_dir)
        here_layout.addWidget(
            note(
                _(
                    "Kept outside the vault, in PeerDesk's preferences file. "
                    "Turning one off erases the path it kept."
                ),
                expanding=True,
            )
        )

        layout = scrolling_layout(self)
        for group in (locking, clip, secret, here):
            layout.addWidget(group)
        layout.addStretch(1)

    def _minutes_suffix(self, value: int) -> None:
        # translators: the unit after a number of minutes in a number field ("5 minutes")
        self.auto_lock.setSuffix(ngettext(" minute", " minutes", value))

    def _seconds_suffix(self, value: int) -> None:
        # translators: the unit after a number of seconds in a number field ("10 seconds")
        self.clipboard.setSuffix(ngettext(" second", " seconds", value))

    def load(self, registry: SettingsRegistry, preferences: Preferences) -> None:
        get = registry.get
        self.auto_lock.setValue(int(get("auto_lock_minutes")))
        self.lock_on_minimise.setChecked(bool(get("lock_on_minimise")))
        self.shortcut.setKeySequence(_key_sequence(str(get("quick_hide_shortcut"))))
        self.clipboard.setValue(int(get("clipboard_seconds")))
        self.remember.setChecked(bool(get("remember_passphrase")))
        self.remember_last_vault.setChecked(bool(preferences.get("remember_last_vault")))
        self.remember_dialog_dir.setChecked(bool(preferences.get("remember_file_dialog_dir")))

    def restore_defaults(self, registry: SettingsRegistry) -> None:
        default = registry.default
        self.auto_lock.setValue(default("auto_lock_minutes"))
        self.lock_on_minimise.setChecked(default("lock_on_minimise"))
        self.shortcut.setKeySequence(_key_sequence(default("quick_hide_shortcut")))
        self.clipboard.setValue(default("clipboard_seconds"))
        self.remember_last_vault.setChecked(Preferences.default("remember_last_vault"))
        self.remember_dialog_dir.setChecked(Preferences.default("remember_file_dialog_dir"))

    def shown(self) -> list[tuple[str, Any, QWidget]]:
        """The in-vault values shown: (setting, value, widget to fix)."""
        shortcut = self.shortcut.keySequence().toString(QKeySequence.SequenceFormat.PortableText)
        return [
            ("auto_lock_minutes", self.auto_lock.value(), self.auto_lock),
            ("lock_on_minimise", self.lock_on_minimise.isChecked(), self.lock_on_minimise),
            ("quick_hide_shortcut", shortcut, self.shortcut),
            ("clipboard_seconds", self.clipboard.value(), self.clipboard),
        ]

    def error_label_for(self, widget: QWidget) -> QLabel | None:
        """Where the error of ``widget`` shows (None: it has no line of its own)."""
        return self.shortcut_error if widget is self.shortcut else None

    def apply_preferences(self, preferences: Preferences) -> None:
        """On OK: turning a "remember" off first erases the path it kept."""
        preferences.set("remember_last_vault", self.remember_last_vault.isChecked())
        preferences.set("remember_file_dialog_dir", self.remember_dialog_dir.isChecked())


__all__ = ["SecurityPage"]
