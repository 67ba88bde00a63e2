"""Add or edit an entry of the support directory (EAP, HR, union, GP, helplines, ...).

Built-in entries are editable too: storage marks an edited one so later content updates keep
the user's wording (e.g. "Your EAP" with the real phone number filled in). Only the user's own
entries can be deleted; referrals to a deleted entry keep their kind and note.

The dialog saves through the repository it is given. It is opened with ``open()`` (window-modal,
not blocking) so that locking can close it and tests can drive it; ``saved(Resource)`` and
``deleted(int)`` say what happened.
"""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from peerdesk.i18n import _
from peerdesk.models import NAME_MAX, Resource, ResourceKind, ValidationError
from peerdesk.models.builtin_text import localized_resource
from peerdesk.storage.directory import ResourceRepository
from peerdesk.storage.errors import VaultError
from peerdesk.storage.library import BuiltinNotDeletable
from peerdesk.ui.common.accessibility import (
    ERROR_WORD,
    announce,
    clear_field_error,
    label_for,
    show_field_error,
)
from peerdesk.ui.common.messages import Messages
from peerdesk.ui.common.theme import accent_style, is_dark


class ResourceEditor(QDialog):
    saved = Signal(object)  # the Resource as stored
    deleted = Signal(int)  # its id

    def __init__(
        self,
        resources: ResourceRepository,
        resource: Resource | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("resourceEditor")
        self._resources = resources
        self._resource = resource
        self.result_resource: Resource | None = None
        editing = resource is not None and resource.id is not None
        self.setWindowTitle(_("Edit support resource") if editing else _("Add a support resource"))
        self.setMinimumWidth(460)

        layout = QVBoxLayout(self)
        self.builtin_note = QLabel(
            _(
                "This entry comes with PeerDesk. Your changes are kept when PeerDesk updates its "
                "list."
            )
        )
        self.builtin_note.setWordWrap(True)
        self.builtin_note.setVisible(bool(resource and resource.builtin))
        layout.addWidget(self.builtin_note)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("resourceName")
        self.name_edit.setMaxLength(NAME_MAX)
        self.name_edit.setPlaceholderText(_("e.g. Our EAP, Union office, Local helpline"))
        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("resourceKind")
        for kind in ResourceKind:
            self.kind_combo.addItem(kind.label, kind.value)
        self.contact_edit = QPlainTextEdit()
        self.contact_edit.setObjectName("resourceContact")
        self.contact_edit.setPlaceholderText(_("Phone numbers, web address, email, opening hours"))
        self.contact_edit.setTabChangesFocus(True)
        self.contact_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setObjectName("resourceNotes")
        self.notes_edit.setPlaceholderText(_("What it offers, who it is for"))
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 5 + 12)
        self.country_edit = QLineEdit()
        self.country_edit.setObjectName("resourceCountry")
        self.country_edit.setMaxLength(2)
        self.country_edit.setMaximumWidth(60)
        self.country_edit.setPlaceholderText(_("Any"))
        self.country_edit.setValidator(
            QRegularExpressionValidator(QRegularExpression("[A-Za-z]{0,2}"), self)
        )
        self.country_edit.setToolTip(
            _(
                "A two-letter country code such as GB or IE; leave it "
                "empty for a resource available anywhere."
            )
        )
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.fields: dict[str, QWidget] = {
            "name": self.name_edit,
            "kind": self.kind_combo,
            "contact": self.contact_edit,
            "notes": self.notes_edit,
            "country": self.country_edit,
        }
        for key, text in (
            ("name", _("&Name")),
            ("kind", _("&Kind")),
            ("contact", _("&Contact")),
            ("notes", _("N&otes")),
            ("country", _("Co&untry")),
        ):
            label = QLabel(text)
            label_for(label, self.fields[key])
            form.addRow(label, self.fields[key])
        layout.addLayout(form)

        # The error, right under the form: in words, tied to its field, focused and announced.
        self.error_label = QLabel()
        self.error_label.setObjectName("resourceError")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        layout.addWidget(self.error_label)
        layout.addStretch(1)  # a taller window keeps the form together, the buttons at the foot

        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(_("Save"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("resourceSave")
        self.save_button.setDefault(True)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.delete_button = QPushButton(_("Delete…"))
        self.delete_button.setObjectName("resourceDelete")
        self.buttons.addButton(self.delete_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        self.delete_button.setVisible(bool(editing and resource and not resource.builtin))
        self.save_button.clicked.connect(self.save)
        self.delete_button.clicked.connect(self.delete)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        # A built-in entry is shown in the language in force; a field left as shown is saved
        # as the stored text (see :meth:`resource`), so it stays translatable.
        self._shown = localized_resource(resource) if resource is not None else None
        if resource is not None and self._shown is not None:
            self.name_edit.setText(self._shown.name)
            self.kind_combo.setCurrentIndex(self.kind_combo.findData(resource.kind.value))
            self.contact_edit.setPlainText(self._shown.contact)
            self.notes_edit.setPlainText(self._shown.notes)
            self.country_edit.setText(resource.country)
        self.name_edit.setFocus()

    def resource(self) -> Resource:
        """The entry as filled in (not yet cleaned)."""
        base = self._resource
        name = self.name_edit.text()
        contact = self.contact_edit.toPlainText()
        notes = self.notes_edit.toPlainText()
        shown = self._shown
        if base is not None and shown is not None and shown is not base:
            # Unchanged fields of a built-in entry keep their stored (English) text.
            name = base.name if name == shown.name else name
            contact = base.contact if contact == shown.contact else contact
            notes = base.notes if notes == shown.notes else notes
        return Resource(
            id=base.id if base else None,
            key=base.key if base else None,
            builtin=base.builtin if base else False,
            name=name,
            kind=ResourceKind(self.kind_combo.currentData()),
            contact=contact,
            notes=notes,
            country=self.country_edit.text().strip().upper(),
        )

    def _show_error(self, text: str) -> None:
        """An error of no one field: shown in words and the theme's error colour, announced."""
        if not text:
            self._clear_errors()
            return
        colour = accent_style(is_dark(self.palette()))["error"]
        self.error_label.setStyleSheet(f"color: {colour};")
        message = f"{_(ERROR_WORD)} {text}"
        self.error_label.setText(f"\u26a0 {message}")
        self.error_label.setAccessibleName(message)
        self.error_label.show()
        announce(self, message)

    def _clear_errors(self) -> None:
        for field in self.fields.values():
            clear_field_error(field, self.error_label)
        self.error_label.clear()
        self.error_label.hide()

    def show_error(self, key: str, text: str) -> None:
        """Show ``text`` as the error of the field ``key`` (under the form, tied to the field,
        focused and announced); of no field when ``key`` names none."""
        self._clear_errors()
        if key in self.fields:
            show_field_error(self.fields[key], self.error_label, text)
        else:
            self._show_error(text)

    def save(self) -> None:
        self._clear_errors()
        entry = self.resource()
        try:
            if entry.id is None:
                stored = self._resources.add(entry)
            else:
                stored = self._resources.update(entry)
        except ValidationError as exc:
            self.show_error(exc.field, exc.message)
            return
        except VaultError as exc:
            self._show_error(exc.user_message)
            return
        self.result_resource = stored
        self._clear_errors()
        self.saved.emit(stored)
        self.accept()

    def delete(self) -> None:
        entry = self._resource
        if entry is None or entry.id is None or entry.builtin:
            return
        if not Messages.confirm(
            self,
            _("Delete this resource?"),
            _("Delete this entry from your support directory?"),
            action=_("Delete"),
            destructive=True,
            informative=_("Referrals that mention it keep their kind and note."),
        ):
            return
        try:
            self._resources.delete(entry.id)
        except BuiltinNotDeletable:
            self._show_error(
                _("Entries that come with PeerDesk cannot be deleted; you can edit them instead.")
            )
            return
        except VaultError as exc:
            self._show_error(exc.user_message)
            return
        self.deleted.emit(entry.id)
        self.accept()


__all__ = ["ResourceEditor"]
