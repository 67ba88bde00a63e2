"""The two small dialogs of the Security and Vault tabs: confirm the passphrase before it is
remembered on this device, and change the passphrase."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialogButtonBox, QFormLayout, QLineEdit, QVBoxLayout, QWidget

from peerdesk.i18n import _
from peerdesk.models.errors import ValidationError
from peerdesk.models.secret_strength import strength
from peerdesk.models.text import clean_passphrase
from peerdesk.ui.common.messages import ask_use_weak
from peerdesk.ui.common.notices import note
from peerdesk.ui.vault.field_errors import clear_error, error_line, show_error
from peerdesk.ui.vault.settings.widgets import GrowingDialog, labelled, secret_field


def strength_hint(passphrase: str) -> str:
    """The strength of a new passphrase and one piece of advice (the same estimate and rule
    as the first-run wizard and ``peerdesk passwd``)."""
    s = strength(passphrase)
    if s.length == 0:
        return _("Four or more random words make a passphrase that is strong and easy to remember.")
    lead = s.refusal("passphrase") or s.warning("passphrase")
    if lead:
        # translators: {label} is a strength ("weak", "strong"...); {warning} and {advice} are
        # sentences
        return _("Strength: {label}. {warning} {advice}").format(
            label=s.label, warning=lead, advice=s.advice
        )
    # translators: {label} is a strength ("weak", "strong"...); {advice} is a sentence
    return _("Strength: {label}. {advice}").format(label=s.label, advice=s.advice)


class ConfirmPassphraseDialog(GrowingDialog):
    """Asks for the vault's passphrase before it is remembered on this device."""

    def __init__(self, check: Callable[[str], bool], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("confirmPassphraseDialog")
        self.setWindowTitle(_("Remember passphrase"))
        self._check = check
        self.field = secret_field()
        self.field.setObjectName("confirmPassphrase")
        self.error = error_line("confirmPassphraseError")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Remember"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(labelled(_("&Passphrase:"), self.field), self.field)
        form.addRow("", self.error)
        layout = QVBoxLayout(self)
        layout.addWidget(
            note(
                _(
                    "Type the vault's passphrase to confirm. It will be stored in "
                    "the system keyring, so that PeerDesk can unlock this vault "
                    "without asking. Anyone who can use your account on this "
                    "computer could then open it."
                ),
                expanding=True,
            )
        )
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)
        self.field.textChanged.connect(lambda _text: clear_error(self.field, self.error))

    def passphrase(self) -> str:
        return self.field.text()

    def clear_secret(self) -> None:
        self.field.clear()

    def accept(self) -> None:
        if not self._check(self.field.text()):
            show_error(self.field, self.error, _("That is not this vault's passphrase."))
            self.field.selectAll()
            return
        super().accept()

    def reject(self) -> None:
        self.clear_secret()
        super().reject()


class ChangePassphraseDialog(GrowingDialog):
    """Current passphrase, the new one twice; explains what happens. Checks before accepting."""

    def __init__(self, check_current: Callable[[str], bool], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("changePassphraseDialog")
        self.setWindowTitle(_("Change passphrase"))
        self._check_current = check_current
        self.current_field = secret_field()
        self.current_field.setObjectName("currentPassphrase")
        self.new_field = secret_field()
        self.new_field.setObjectName("newPassphrase")
        self.repeat_field = secret_field()
        self.repeat_field.setObjectName("repeatPassphrase")
        self.hint = note(strength_hint(""), "strengthHint", expanding=True)
        # Each field's error shows under it; ``error`` is the one shown last.
        self.errors = {
            self.current_field: error_line("currentPassphraseError"),
            self.new_field: error_line("newPassphraseError"),
            self.repeat_field: error_line("repeatPassphraseError"),
        }
        self.error = self.errors[self.current_field]
        self.new_field.textChanged.connect(lambda text: self.hint.setText(strength_hint(text)))
        for field in self.errors:
            field.textChanged.connect(lambda _text, f=field: self._edited(f))

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Change passphrase"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow(labelled(_("&Current passphrase:"), self.current_field), self.current_field)
        form.addRow("", self.errors[self.current_field])
        form.addRow(labelled(_("&New passphrase:"), self.new_field), self.new_field)
        form.addRow("", self.errors[self.new_field])
        form.addRow("", self.hint)
        form.addRow(labelled(_("&Repeat new passphrase:"), self.repeat_field), self.repeat_field)
        form.addRow("", self.errors[self.repeat_field])
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(
            note(
                _(
                    "PeerDesk first makes a verified backup, which still opens with "
                    "the current passphrase, then re-encrypts the vault and checks "
                    "it. This takes a few seconds. If you forget the new "
                    "passphrase, nobody can recover your records."
                ),
                expanding=True,
            )
        )
        layout.addWidget(buttons)
        self.setMinimumWidth(480)

    def current(self) -> str:
        return self.current_field.text()

    def new(self) -> str:
        return self.new_field.text()

    def clear_secrets(self) -> None:
        for field in (self.current_field, self.new_field, self.repeat_field):
            field.clear()

    def _edited(self, field: QLineEdit) -> None:
        clear_error(field, self.errors[field])

    def show_problem(self, message: str, field: QLineEdit) -> None:
        """Show ``message`` under ``field`` (announced, focused), and no other error."""
        for other, label in self.errors.items():
            if other is not field:
                clear_error(other, label)
        self.error = self.errors[field]
        show_error(field, self.error, message)
        field.selectAll()

    def problem(self) -> tuple[str, QLineEdit] | None:
        """Why the entries cannot be used (message, field to fix), or None."""
        current, new, repeat = self.current(), self.new(), self.repeat_field.text()
        if not current:
            return _("Type your current passphrase."), self.current_field
        if not self._check_current(current):
            return _("The current passphrase is not right."), self.current_field
        try:
            clean_new = clean_passphrase(new)
        except ValidationError as exc:
            return (_("Type a new passphrase.") if not new else exc.message), self.new_field
        if new != repeat:
            return _("The new passphrases do not match."), self.repeat_field
        if clean_new == clean_passphrase(current):
            return _("The new passphrase is the same as the current one."), self.new_field
        refused = strength(new).refusal("passphrase")
        if refused:
            return refused, self.new_field
        return None

    def accept(self) -> None:
        problem = self.problem()
        if problem is not None:
            self.show_problem(*problem)
            return
        chosen = strength(self.new())
        if chosen.can_override and not ask_use_weak(self, chosen):  # weak: asked once
            self.show_problem(_("Choose another passphrase."), self.new_field)
            return
        super().accept()

    def reject(self) -> None:
        self.clear_secrets()
        super().reject()


__all__ = ["ChangePassphraseDialog", "ConfirmPassphraseDialog", "strength_hint"]
