"""The optional PDF password (AES-256), typed twice, with the plain warning when there is
none. Used by every PDF export (the incident report, "What I hold", statistics).

The password is held to the same rule as the vault passphrase
(:mod:`peerdesk.models.secret_strength`) and gets the same strength meter: below the floor
the export cannot go ahead and the warning says why; a weak one is asked about once
(:meth:`PdfPasswordChoice.confirm_weak`, called by each export just before it starts)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from peerdesk.export.pdfkit import PdfError, normalise_password
from peerdesk.i18n import N_, _
from peerdesk.models.secret_strength import strength
from peerdesk.ui.common.accessibility import clear_field_error, show_field_error
from peerdesk.ui.common.messages import ask_use_weak
from peerdesk.ui.common.strength_meter import StrengthMeter

NOT_PROTECTED = N_(
    "Without a password the PDF is not protected: anyone who gets the file can read it."
)
PROTECTED = N_(
    "Share the password separately from the file — not in the same email. There is "
    "no way to recover it."
)

MISMATCH = N_("The two passwords are not the same.")


def secret_field(name: str) -> QLineEdit:
    """A password line edit that input methods must not learn from."""
    field = QLineEdit()
    field.setObjectName(name)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setInputMethodHints(
        Qt.InputMethodHint.ImhSensitiveData
        | Qt.InputMethodHint.ImhNoPredictiveText
        | Qt.InputMethodHint.ImhNoAutoUppercase
        | Qt.InputMethodHint.ImhHiddenText
    )
    return field


class PdfPasswordChoice(QWidget):
    """ "Protect with a password" and the password twice. ``changed`` on every edit;
    :meth:`problem` says what stops the export (empty when none); ``warning`` is the label
    that says plainly whether the file will be protected (place it where it is seen)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.protect_check = QCheckBox(_("Protect the PDF with a password (AES-256)"))
        self.protect_check.setObjectName("protectPdf")
        layout.addWidget(self.protect_check)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.password_edit = secret_field("password")
        self.confirm_edit = secret_field("passwordConfirm")
        self.password_edit.setAccessibleName(_("PDF password"))
        self.confirm_edit.setAccessibleName(_("PDF password again"))
        # The same meter as the vault passphrase: bar, "Strength: …" and advice as one types.
        self.meter = StrengthMeter(self, what="password", protects=_("the PDF"))
        self.meter.setObjectName("pdfPasswordStrength")
        policy = self.meter.sizePolicy()
        policy.setHeightForWidth(True)  # the advice wraps: the form gives it the lines it needs
        self.meter.setSizePolicy(policy)
        form.addRow(_("Pass&word"), self.password_edit)
        form.addRow("", self.meter)
        form.addRow(_("A&gain"), self.confirm_edit)
        self.meter.describe(self.password_edit)
        layout.addLayout(form)
        # What stops the export, shown at the field when the user asks to go ahead.
        self.error_label = QLabel()
        self.error_label.setObjectName("pdfPasswordError")
        self.error_label.hide()
        layout.addWidget(self.error_label)
        self.warning = QLabel()
        self.warning.setObjectName("exportWarning")
        self.warning.setWordWrap(True)
        self._weak_accepted = False  # "Use it anyway" was answered for the password as it is
        self.protect_check.toggled.connect(self._update)
        self.password_edit.textChanged.connect(self._update)
        self.confirm_edit.textChanged.connect(self._update)
        self._update()

    @property
    def protected(self) -> bool:
        return self.protect_check.isChecked()

    def problem(self) -> str:
        if not self.protected:
            return ""
        password = self.password_edit.text()
        if not password:
            return _("Type a password, or untick the box.")
        try:
            normalise_password(password)
        except PdfError as exc:
            return str(exc)
        refused = strength(password).refusal("password")
        if refused:
            return refused
        if password != self.confirm_edit.text():
            return _(MISMATCH)
        return ""

    def problem_field(self) -> QLineEdit | None:
        """The field whose value stops the export (``None`` when nothing does)."""
        problem = self.problem()
        if not problem:
            return None
        if self.password_edit.text() and problem == _(MISMATCH):
            return self.confirm_edit
        return self.password_edit

    def show_problem(self) -> bool:
        """Show what stops the export at its field (in words, tied to the field, focused and
        announced); False when nothing does."""
        field = self.problem_field()
        if field is None:
            return False
        show_field_error(field, self.error_label, self.problem())
        return True

    def confirm_weak(self, parent: QWidget | None = None) -> bool:
        """True when the export may go ahead: no password, a good one, or a weak one the user
        chose to use ("This password is weak: <reason>. Use it anyway?"; asked once)."""
        if not self.protected or self._weak_accepted:
            return True
        chosen = strength(self.password_edit.text())
        if not chosen.can_override:
            return True
        if ask_use_weak(parent or self, chosen, "password"):
            self._weak_accepted = True
            return True
        self.password_edit.setFocus()
        self.password_edit.selectAll()
        return False

    def password(self) -> str | None:
        """The password to use (``None``: no protection); only when :meth:`problem` is empty."""
        return self.password_edit.text() if self.protected and not self.problem() else None

    def forget(self) -> None:
        self.password_edit.clear()
        self.confirm_edit.clear()

    def _update(self) -> None:
        self._weak_accepted = False  # a changed password is asked about again
        for field in (self.password_edit, self.confirm_edit):
            clear_field_error(field, self.error_label)
        protect = self.protected
        self.password_edit.setEnabled(protect)
        self.confirm_edit.setEnabled(protect)
        self.meter.set_passphrase(self.password_edit.text() if protect else "")
        self.meter.setEnabled(protect)
        weak = strength(self.password_edit.text()).warning("password") if protect else ""
        self.warning.setText(
            self.problem()
            or (f"{weak} {_(PROTECTED)}" if weak else _(PROTECTED) if protect else _(NOT_PROTECTED))
        )
        self.warning.setProperty("notProtected", not protect)
        self.changed.emit()
        QTimer.singleShot(0, self, self._make_room)

    def _make_room(self) -> None:
        """Grow the window when the advice and warning now wrap onto more lines than fit
        (a window does not follow the height its wrapped labels need by itself)."""
        window = self.window()
        layout = window.layout()
        if layout is None or not window.isVisible():
            return
        needed = layout.totalHeightForWidth(window.width())
        screen = window.screen()
        if screen is not None:  # never past the screen: what does not fit scrolls
            frame = window.frameGeometry().height() - window.height()
            needed = min(needed, screen.availableGeometry().height() - max(frame, 0))
        if needed > window.height():
            window.resize(window.width(), needed)


__all__ = ["NOT_PROTECTED", "PROTECTED", "PdfPasswordChoice", "secret_field"]
