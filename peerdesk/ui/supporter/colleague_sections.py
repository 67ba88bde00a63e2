"""The colleague form's parts: who the colleague is (pseudonym, the real-name row, status,
how long notes are kept), what they agreed to (consent) and the form's buttons."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from peerdesk.i18n import _, ngettext
from peerdesk.models import NAME_MAX, RETENTION_MAX_MONTHS, RETENTION_MIN_MONTHS, ColleagueStatus
from peerdesk.ui.common.accessibility import label_for
from peerdesk.ui.common.date_field import OptionalDate
from peerdesk.ui.common.flow import FlowLayout
from peerdesk.ui.common.language import qt_locale
from peerdesk.ui.supporter.widgets import text_box


class IdentitySection:
    """Pseudonym, the real-name row, status and how long the notes are kept."""

    def __init__(self) -> None:
        self.layout = form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # labels above when narrow
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.pseudonym_edit = QLineEdit()
        self.pseudonym_edit.setObjectName("pseudonym")
        self.pseudonym_edit.setMaxLength(NAME_MAX)
        self.pseudonym_edit.setPlaceholderText(_("Initials or a made-up name, e.g. Heron"))
        form.addRow(_("&Pseudonym"), self.pseudonym_edit)

        real = QWidget()
        real_row = QGridLayout(real)
        real_row.setContentsMargins(0, 0, 0, 0)
        self.real_name_state = QLabel()
        self.real_name_state.setObjectName("realNameState")
        self.reveal_button = QPushButton(_("Reveal real name"))
        self.reveal_button.setObjectName("revealRealName")
        self.reveal_button.setCheckable(True)
        self.reveal_button.setToolTip(
            _(
                "Shows the real name until you hide it, choose another "
                "colleague, save or lock PeerDesk."
            )
        )
        self.real_name_edit = QLineEdit()
        self.real_name_edit.setObjectName("realName")
        self.real_name_edit.setMaxLength(NAME_MAX)
        self.real_name_edit.setPlaceholderText(
            _("Optional — only if the colleague is happy for it to be kept")
        )
        self.real_name_edit.setInputMethodHints(
            Qt.InputMethodHint.ImhSensitiveData | Qt.InputMethodHint.ImhNoPredictiveText
        )
        self.real_name_edit.hide()
        real_row.addWidget(self.real_name_state, 0, 0)
        real_row.addWidget(self.reveal_button, 0, 1)
        real_row.addWidget(self.real_name_edit, 1, 0, 1, 2)
        real_row.setColumnStretch(0, 1)
        form.addRow(_("Real name"), real)

        self.status_combo = QComboBox()
        self.status_combo.setObjectName("colleagueStatus")
        for status in ColleagueStatus:
            self.status_combo.addItem(status.label, status.value)
        form.addRow(_("&Status"), self.status_combo)

        keep = QWidget()
        keep_row = QHBoxLayout(keep)
        keep_row.setContentsMargins(0, 0, 0, 0)
        self.retention_spin = QSpinBox()
        self.retention_spin.setObjectName("retentionMonths")
        self.retention_spin.setRange(RETENTION_MIN_MONTHS, RETENTION_MAX_MONTHS)
        self.retention_spin.valueChanged.connect(self._months_suffix)
        self._months_suffix(self.retention_spin.value())
        self.retention_label = QLabel()
        self.retention_label.setObjectName("retentionUntil")
        self.retention_label.setWordWrap(True)  # wraps beside the months at a large font
        keep_row.addWidget(self.retention_spin)
        keep_row.addWidget(self.retention_label, 1)
        keep_label = QLabel(_("&Keep notes for"))
        label_for(keep_label, self.retention_spin)
        form.addRow(keep_label, keep)

    def _months_suffix(self, value: int) -> None:
        # translators: after a number of months in a field (mind the leading space)
        self.retention_spin.setSuffix(ngettext(" month", " months", value))


class ConsentSection(QGroupBox):
    """What the colleague agreed: what may be written down and shared, with whom, and when."""

    def __init__(self) -> None:
        super().__init__(_("Consent — what the colleague agreed"))
        self.setObjectName("consentGroup")
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.may_record_edit = text_box("mayRecord", 2, _("e.g. Dates and short factual notes"))
        self.may_share_edit = text_box("mayShare", 2, _("e.g. Nothing without asking first"))
        self.share_with_edit = text_box("shareWith", 1, _("e.g. Only the union rep, if asked"))
        self.consent_given = OptionalDate(_("Agreed on"), "consentGiven")
        self.consent_until = OptionalDate(_("Agreed until"), "consentUntil")
        for field in (self.consent_given, self.consent_until):
            field.edit.setLocale(qt_locale())  # the language in force, not a fixed English
        form.addRow(_("May be written down"), self.may_record_edit)
        form.addRow(_("May be shared"), self.may_share_edit)
        form.addRow(_("Shared with"), self.share_with_edit)
        form.addRow("", self.consent_given)
        form.addRow("", self.consent_until)


class ButtonRow(QWidget):
    """Save, What I hold and Delete: on one line when there is room, wrapping onto more lines
    when the words are longer (another language, a large font)."""

    def __init__(self) -> None:
        super().__init__()
        self.save_button = QPushButton(_("Save"))
        self.save_button.setObjectName("saveColleague")
        self.save_button.setDefault(True)
        self.hold_button = QPushButton(_("What I hold…"))
        self.hold_button.setObjectName("showWhatIHold")
        self.delete_button = QPushButton(_("Delete everything…"))
        self.delete_button.setObjectName("deleteColleague")
        flow = FlowLayout(self)
        for button in (self.save_button, self.hold_button, self.delete_button):
            flow.addWidget(button)


__all__ = ["ButtonRow", "ConsentSection", "IdentitySection"]
