"""Who the report is for, field by field: the sections and details a recipient profile sends
or leaves out, and the reason the redaction log gives (a panel of the report dialog)."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from peerdesk.i18n import N_, _
from peerdesk.models.report import (
    OPTIONAL_SECTIONS,
    SECTION_LABELS,
    RecipientProfile,
    redactions,
)

# -- who it is for ---------------------------------------------------------------------------------

#: The profile's yes/no fields, as the user reads them (True = the thing goes out); marked
#: here, translated where shown.
_FIELDS: tuple[tuple[str, str, str], ...] = (
    # translators: check boxes of what a report includes ("cast list": the people named in it)
    ("include_names", N_("People in the cast list by name (otherwise initials)"), ""),
    (
        "witnesses_by_name",
        N_("Witnesses by name (otherwise initials)"),
        N_("Witnesses often prefer not to be named until they agree to it."),
    ),
    ("include_impact", N_("The impact on me (health, work, home, help sought)"), ""),
    ("include_told", N_("Who I told afterwards"), ""),
    (
        "include_exhibit_images",
        N_("Reproduce exhibit images (fingerprints are always listed)"),
        "",
    ),
    ("include_severity_and_tags", N_("My own severity ratings and tags"), ""),
    (
        "include_private_reflection",
        N_("My private reflections"),
        N_("Your reflections are your own notes. They are left out unless you tick this."),
    ),
)


def _title_case(text: str) -> str:
    return text[:1].upper() + text[1:]


class ProfileEditor(QWidget):
    """Every choice of a :class:`RecipientProfile` as a check box, and what it leaves out."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        # translators: the group of the report's optional sections
        sections = QGroupBox(_("Sections"))
        grid = QVBoxLayout(sections)
        self.section_checks: dict[str, QCheckBox] = {}
        for key in OPTIONAL_SECTIONS:
            # (In English "the chronology" shows as "Chronology".)
            check = QCheckBox(_title_case(_(SECTION_LABELS[key]).removeprefix("the ")))
            check.setObjectName(f"section_{key}")
            check.toggled.connect(self._edited)
            grid.addWidget(check)
            self.section_checks[key] = check
        layout.addWidget(sections)
        # translators: the group of the report's other choices (names, impact...)
        details = QGroupBox(_("Details"))
        rows = QVBoxLayout(details)
        self.field_checks: dict[str, QCheckBox] = {}
        for key, text, tip in _FIELDS:
            check = QCheckBox(_(text))
            check.setObjectName(f"field_{key}")
            if tip:
                check.setToolTip(_(tip))
            check.toggled.connect(self._edited)
            rows.addWidget(check)
            self.field_checks[key] = check
        layout.addWidget(details)
        reason_row = QFormLayout()
        reason_row.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.reason_edit = QLineEdit()
        self.reason_edit.setObjectName("profileReason")
        self.reason_edit.setPlaceholderText(
            _("for example: a first meeting with my representative")
        )
        self.reason_edit.setToolTip(_('Printed in the report\'s redaction log after "Why:".'))
        self.reason_edit.textEdited.connect(self._edited)
        # translators: why the report leaves things out; printed in its redaction log
        reason_row.addRow(_("&Why (for the log)"), self.reason_edit)
        layout.addLayout(reason_row)
        self.left_out = QLabel()
        self.left_out.setObjectName("leftOut")
        self.left_out.setWordWrap(True)
        self.left_out.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.left_out)
        self._loading = False

    def set_profile(self, profile: RecipientProfile) -> None:
        self._loading = True
        try:
            for key, check in self.section_checks.items():
                check.setChecked(profile.includes(key))
            values = self._values_of(profile)
            for key, check in self.field_checks.items():
                check.setChecked(values[key])
            self.reason_edit.setText(profile.reason)
        finally:
            self._loading = False
        self._show_left_out()

    @staticmethod
    def _values_of(profile: RecipientProfile) -> dict[str, bool]:
        return {
            "include_names": profile.include_names,
            "witnesses_by_name": not profile.witnesses_as_initials,
            "include_impact": profile.include_impact,
            "include_told": profile.include_told,
            "include_exhibit_images": profile.include_exhibit_images,
            "include_severity_and_tags": profile.include_severity_and_tags,
            "include_private_reflection": profile.include_private_reflection,
        }

    def profile(self, name: str, label: str) -> RecipientProfile:
        """The choices on screen as a profile called ``name`` / ``label``."""
        checked = {k: c.isChecked() for k, c in self.field_checks.items()}
        return RecipientProfile(
            name=name,
            label=label,
            sections=frozenset(k for k, c in self.section_checks.items() if c.isChecked()),
            include_names=checked["include_names"],
            witnesses_as_initials=not checked["witnesses_by_name"],
            include_impact=checked["include_impact"],
            include_private_reflection=checked["include_private_reflection"],
            include_exhibit_images=checked["include_exhibit_images"],
            include_told=checked["include_told"],
            include_severity_and_tags=checked["include_severity_and_tags"],
            reason=" ".join(self.reason_edit.text().split()),
        )

    def _edited(self) -> None:
        if self._loading:
            return
        self._show_left_out()
        self.changed.emit()

    def _show_left_out(self) -> None:
        lines = redactions(self.profile("preview", "preview"))
        if not lines:
            self.left_out.setText(_("<b>Nothing is left out.</b>"))
            return
        items = "".join(f"<li>{escape(line)}</li>" for line in lines)
        self.left_out.setText(
            # translators: {items} is a list of what the report leaves out (HTML list items)
            _(
                "<b>Left out of this report</b> (listed in its redaction "
                "log):<ul style='margin-left:-20px'>{items}</ul>"
            ).format(items=items)
        )


__all__ = ["ProfileEditor"]
