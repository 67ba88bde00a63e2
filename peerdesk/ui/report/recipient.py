"""Who the report is for (the "Recipient" tab of the report dialog): a built-in or saved
recipient profile, changed field by field in the profile editor, and saved in the vault to use
again (also from the command line: ``--profile NAME``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from peerdesk.i18n import _, ngettext
from peerdesk.models.report import (
    BUILT_IN,
    CUSTOM,
    OWN_COPY,
    ProfileError,
    RecipientProfile,
    saved_profile_name,
)
from peerdesk.storage.errors import VaultError
from peerdesk.storage.report_profiles import ReportProfiles
from peerdesk.ui.common.accessibility import clear_field_error, set_name, show_field_error
from peerdesk.ui.common.messages import Messages
from peerdesk.ui.report.profile_editor import ProfileEditor

if TYPE_CHECKING:
    pass


_BUILT_IN_ORDER = ("own", "hr", "union", "lawyer")


def key_builtin(name: str) -> str:
    return f"builtin:{name}"


def key_saved(name: str) -> str:
    return f"saved:{name}"


class RecipientPage(QWidget):
    """The profile chooser and editor. ``changed`` when the profile the report will use
    changes; ``message(text)`` for the dialog's status line."""

    changed = Signal()
    message = Signal(str)

    def __init__(self, profiles: ReportProfiles, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._profiles = profiles
        self._saved: dict[str, RecipientProfile] = {}
        self._modified = False
        layout = QVBoxLayout(self)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.profile_combo = QComboBox()
        self.profile_combo.setObjectName("profile")
        # translators: the label of the choice of recipient profile (HR, a lawyer, a union...)
        form.addRow(_("Who is it &for"), self.profile_combo)
        layout.addLayout(form)
        self.profile_note = QLabel()
        self.profile_note.setObjectName("profileNote")
        self.profile_note.setWordWrap(True)
        layout.addWidget(self.profile_note)
        self.editor = ProfileEditor()
        layout.addWidget(self.editor)
        row = QHBoxLayout()
        self.profile_name_edit = QLineEdit()
        self.profile_name_edit.setObjectName("profileName")
        self.profile_name_edit.setPlaceholderText(_("Name for these choices, e.g. Union meeting"))
        set_name(self.profile_name_edit, _("Name for these choices"))
        self.profile_name_edit.textChanged.connect(lambda _t: self._name_edited())
        self.profile_name_edit.returnPressed.connect(self.save_profile)
        self.save_profile_button = QPushButton(_("Save as &profile"))
        self.save_profile_button.setObjectName("saveProfile")
        self.save_profile_button.setToolTip(
            # translators: keep "--profile NAME" as it is (a command-line option)
            _(
                "Keep these choices in the vault to use again "
                "(also from the command line: --profile NAME)"
            )
        )
        self.save_profile_button.clicked.connect(self.save_profile)
        self.delete_profile_button = QPushButton(_("&Delete profile"))
        self.delete_profile_button.setObjectName("deleteProfile")
        self.delete_profile_button.clicked.connect(self.delete_profile)
        row.addWidget(self.profile_name_edit, 1)
        row.addWidget(self.save_profile_button)
        row.addWidget(self.delete_profile_button)
        layout.addLayout(row)
        # Why the choices could not be saved, under the name (word, colour, announced).
        self.name_error = QLabel()
        self.name_error.setObjectName("profileNameError")
        self.name_error.hide()
        layout.addWidget(self.name_error)
        layout.addStretch(1)
        self.editor.changed.connect(self._profile_edited)
        self.profile_combo.currentIndexChanged.connect(self._profile_chosen)

    def load(self, wanted: str) -> None:
        """Offer the built-in and saved profiles, ``wanted`` (a key) chosen."""
        self._fill_profiles(wanted)
        if self._profiles.unreadable:
            count = self._profiles.unreadable
            self.profile_note.setText(
                ngettext(
                    "{count} saved profile could not be read and is not offered.",
                    "{count} saved profiles could not be read and are not offered.",
                    count,
                ).format(count=count)
            )

    def _fill_profiles(self, wanted: str) -> None:
        self._saved = {p.name: p for p in self._profiles.list()}
        combo = self.profile_combo
        combo.blockSignals(True)
        combo.clear()
        for name in _BUILT_IN_ORDER:
            combo.addItem(BUILT_IN[name].label, key_builtin(name))
        for profile in self._saved.values():
            # translators: a recipient profile the user saved; {name} is its name
            combo.addItem(_("{name} (saved)").format(name=profile.label), key_saved(profile.name))
        combo.addItem(_("Custom (my own choices)"), key_builtin(CUSTOM.name))
        index = combo.findData(wanted)
        combo.setCurrentIndex(index if index >= 0 else 0)
        combo.blockSignals(False)
        self._modified = False
        self.editor.set_profile(self._base_profile())
        self._show_profile_note()
        self._update_buttons()

    def key(self) -> str:
        """The chosen profile's key (``builtin:NAME`` or ``saved:NAME``)."""
        return str(self.profile_combo.currentData())

    def _base_profile(self) -> RecipientProfile:
        kind, _sep, name = self.key().partition(":")
        if kind == "saved" and name in self._saved:
            return self._saved[name]
        return BUILT_IN.get(name, CUSTOM)

    def profile(self) -> RecipientProfile:
        """The profile the report will use: the chosen one, with any changes on screen."""
        base = self._base_profile()
        if not self._modified:
            return base
        return self.editor.profile(base.name, base.label)

    def _update_buttons(self) -> None:
        # "Save as profile" stays enabled: without a name it says so at the name field.
        self.delete_profile_button.setEnabled(self.key().startswith("saved:"))

    def _name_edited(self) -> None:
        clear_field_error(self.profile_name_edit, self.name_error)
        self._update_buttons()

    def _name_problem(self, text: str) -> None:
        show_field_error(self.profile_name_edit, self.name_error, text)

    def _profile_chosen(self, _index: int) -> None:
        self._modified = False
        if self.key() != key_builtin(CUSTOM.name):
            self.editor.set_profile(self._base_profile())
        else:
            self._modified = True  # custom: whatever is ticked
        self._show_profile_note()
        self._update_buttons()
        self.changed.emit()

    def _profile_edited(self) -> None:
        key = self.key()
        if key.startswith("builtin:") and key != key_builtin(CUSTOM.name):
            based_on = self._base_profile().display_label
            self.profile_combo.blockSignals(True)
            self.profile_combo.setCurrentIndex(
                self.profile_combo.findData(key_builtin(CUSTOM.name))
            )
            self.profile_combo.blockSignals(False)
            self.profile_note.setText(
                # translators: {profile} is the name of the built-in profile the choices
                # were changed from
                _(
                    "Changed from “{profile}”. Save these choices as a profile to use them again."
                ).format(profile=based_on)
            )
        elif key.startswith("saved:"):
            self.profile_note.setText(
                _(
                    "Changed from the saved profile. Save it under the same name to keep "
                    "the changes."
                )
            )
            if not self.profile_name_edit.text():
                self.profile_name_edit.setText(self._base_profile().display_label)
        self._modified = True
        self._update_buttons()
        self.changed.emit()

    def _show_profile_note(self) -> None:
        base = self._base_profile()
        if self.key() == key_builtin(CUSTOM.name):
            text = _("Tick what goes out. Private reflections stay out unless you tick them.")
        elif base.reason:
            # translators: why a recipient profile leaves things out, as a sentence
            text = _("{reason}.").format(reason=f"{base.reason[:1].upper()}{base.reason[1:]}")
        else:
            text = ""
        self.profile_note.setText(text)

    def save_profile(self) -> None:
        label = " ".join(self.profile_name_edit.text().split())
        if not label:
            self._name_problem(_("Type a name for these choices first."))
            return
        try:
            name = saved_profile_name(label)
        except ProfileError as exc:
            self._name_problem(str(exc))
            return
        if name in self._saved and not Messages.confirm(
            self.window(),
            _("Replace profile"),
            _("A saved profile already has this name. Replace it?"),
            action=_("Replace"),
        ):
            return
        reason = (
            self.editor.reason_edit.text().strip()
            or "chosen by the user for this report"  # i18n: keep — stored in the vault
        )
        profile = self.editor.profile(name, label).with_changes(reason=reason)
        try:
            self._profiles.save(profile)
        except (ProfileError, VaultError) as exc:
            self.message.emit(getattr(exc, "user_message", None) or str(exc))
            return
        self.profile_name_edit.clear()
        self._fill_profiles(key_saved(name))
        self.message.emit(_("Profile “{name}” saved in the vault.").format(name=label))
        self.changed.emit()

    def delete_profile(self) -> None:
        if not self.key().startswith("saved:"):
            return
        profile = self._base_profile()
        if not Messages.confirm(
            self.window(),
            _("Delete profile"),
            _("Delete the saved profile “{name}”?").format(name=profile.label),
            action=_("Delete"),
            destructive=True,
            informative=_("Reports already saved are not affected."),
        ):
            return
        self._profiles.delete(profile.name)
        self._fill_profiles(key_builtin(OWN_COPY.name))
        self.message.emit(_("Profile “{name}” deleted.").format(name=profile.label))
        self.changed.emit()


__all__ = ["RecipientPage", "key_builtin", "key_saved"]
