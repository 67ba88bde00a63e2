"""Passphrase entry: a sensitive field, a strength meter and the "new passphrase" form.

The estimate and the one rule every new secret is held to (refused below the floor, one
question when weak) live in :mod:`peerdesk.models.secret_strength`, so the command line uses
the same rule; :func:`peerdesk.ui.common.messages.ask_use_weak` is that question in the GUI,
with "Choose another" as the default button.

The field itself (SECURITY.md 18) is :class:`.passphrase_field.PassphraseField`, offered here
too; the unlock window imports it from there, without the estimate.
"""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from peerdesk.i18n import N_, _
from peerdesk.models.secret_strength import (
    ADVICE_COMMON,
    MIN_LENGTH,
    MIN_LENGTH_FOR_WEAK,
    Strength,
    Verdict,
    strength,
)
from peerdesk.ui.common.messages import ask_use_weak
from peerdesk.ui.common.strength_meter import StrengthMeter
from peerdesk.ui.vault.field_errors import clear_error, error_line, show_error, shown_text
from peerdesk.ui.vault.passphrase_field import PassphraseField

__all__ = [
    "ADVICE_COMMON",
    "MIN_LENGTH",
    "MIN_LENGTH_FOR_WEAK",
    "NewPassphraseForm",
    "PassphraseField",
    "Strength",
    "StrengthMeter",
    "Verdict",
    "strength",
]


class NewPassphraseForm(QWidget):
    """Choose a new passphrase: type it twice and see its strength.

    Acceptable when both fields match and the passphrase is above the floor of the rule
    (:mod:`peerdesk.models.secret_strength`). A weak one is asked about once, when the user
    moves on (:meth:`confirm_weak`). ``changed`` fires whenever that may have changed.
    """

    changed = Signal()

    MISMATCH: Final = N_("The two passphrases are not the same yet.")
    MATCH: Final = N_("The two passphrases match.")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.first = PassphraseField(self, accessible_name=_("New passphrase"))
        self.first.setObjectName("newPassphrase")
        self.second = PassphraseField(self, accessible_name=_("Type it again"))  # its visible label
        self.second.setObjectName("confirmPassphrase")
        self.meter = StrengthMeter(self)
        self.match_label = QLabel(self)
        self.match_label.setObjectName("matchLabel")
        self.match_label.setTextFormat(Qt.TextFormat.PlainText)
        self.match_label.setWordWrap(True)
        # Under the first field: why it cannot be used (said once the person moves on).
        self.first_error = error_line("passphraseError")
        self._weak_accepted = False  # "Use it anyway" was answered for the text as it is

        feedback = QWidget(self)
        feedback_layout = QVBoxLayout(feedback)
        feedback_layout.setContentsMargins(0, 2, 0, 0)
        feedback_layout.setSpacing(6)
        feedback_layout.addWidget(self.meter)
        feedback_layout.addWidget(self.match_label)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        form.setContentsMargins(0, 0, 0, 0)
        first_label = QLabel(_("&Passphrase:"))
        first_label.setBuddy(self.first.edit)
        second_label = QLabel(_("&Type it again:"))
        second_label.setBuddy(self.second.edit)
        form.addRow(first_label, self.first)
        form.addRow("", self.first_error)
        form.addRow(second_label, self.second)
        form.addRow("", feedback)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)

        self.first.changed.connect(self._update)
        self.second.changed.connect(self._update)
        self.first.returnPressed.connect(self._focus_second)
        self.first.edit.editingFinished.connect(self._first_finished)
        self.second.returnPressed.connect(self._second_entered)
        self._update()

    def _focus_second(self) -> None:
        if self._refusal():
            self.show_problem()
            return
        self.second.setFocus(Qt.FocusReason.TabFocusReason)

    def _refusal(self) -> str:
        s = self.meter.strength()
        return s.refusal("passphrase") if s.length and s.verdict is Verdict.REFUSED else ""

    def _first_finished(self) -> None:
        """Leaving the first field with a passphrase that cannot be used: say why, under it."""
        refusal = self._refusal()
        if refusal:
            show_error(self.first.edit, self.first_error, refusal, take_focus=False)

    def _second_entered(self) -> None:
        if not self.is_acceptable():
            self.show_problem()

    def show_problem(self) -> None:
        """Show why the passphrase cannot be used yet under the field to fix, and go there."""
        problem = self.problem()
        if not problem:
            return
        if self.first.is_empty() or self._refusal():
            show_error(self.first.edit, self.first_error, problem)
        else:
            show_error(self.second.edit, self.match_label, problem)

    def _update(self) -> None:
        first, second = self.first.text(), self.second.text()
        self.meter.set_passphrase(first)
        self._weak_accepted = False  # a changed passphrase is asked about again
        if not self._refusal():
            clear_error(self.first.edit, self.first_error)
        if not second:
            message = ""
        elif second == first:
            message = _(self.MATCH)
        elif len(second) >= len(first) or not first.startswith(second):
            message = _(self.MISMATCH)
        else:
            message = ""  # still typing it again, correctly so far
        if message == _(self.MISMATCH):
            # An error, in words under the field, told to a screen reader once.
            show_error(self.second.edit, self.match_label, message, take_focus=False)
        else:
            clear_error(self.second.edit, self.match_label)
            self.match_label.setText(message)
            self.match_label.setAccessibleName(message)
            self.match_label.setVisible(bool(message))
        self.changed.emit()

    def match_text(self) -> str:
        """What the line under the second field says (without "Error:")."""
        return shown_text(self.match_label)

    def first_error_text(self) -> str:
        """The error under the first field ("" when none)."""
        return shown_text(self.first_error)

    def strength(self) -> Strength:
        return self.meter.strength()

    def passphrase(self) -> str:
        return self.first.text()

    def matches(self) -> bool:
        return bool(self.first.text()) and self.first.text() == self.second.text()

    def is_acceptable(self) -> bool:
        """Typed twice and above the floor (a weak one still needs :meth:`confirm_weak`)."""
        return self.matches() and self.meter.strength().verdict is not Verdict.REFUSED

    def problem(self) -> str:
        """Why the passphrase cannot be used yet ("" when it can)."""
        s = self.meter.strength()
        if s.length == 0:
            return _("Type a passphrase.")
        if s.verdict is Verdict.REFUSED:
            return s.refusal("passphrase")
        if not self.second.text():
            return _("Type the passphrase again to confirm it.")
        if not self.matches():
            return _(self.MISMATCH)
        return ""

    def confirm_weak(self, parent: QWidget | None = None) -> bool:
        """True when the passphrase may be used now: it is not weak, or the user answered
        "Use it anyway" (asked once per passphrase; "Choose another" selects it to retype)."""
        s = self.meter.strength()
        if s.verdict is not Verdict.WEAK or self._weak_accepted:
            return True
        if ask_use_weak(parent or self, s, "passphrase"):
            self._weak_accepted = True
            return True
        self.first.setFocus(Qt.FocusReason.OtherFocusReason)
        self.first.select_all()
        return False

    def clear(self) -> None:
        self.first.clear()
        self.second.clear()
        clear_error(self.first.edit, self.first_error)
        self._update()
