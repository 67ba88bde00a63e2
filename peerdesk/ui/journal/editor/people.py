"""People in the editor: the cast-list choice (:class:`PersonCombo`) and "Add a person…"
(:class:`QuickPersonDialog`)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from peerdesk.i18n import _
from peerdesk.models.enums import Relationship
from peerdesk.models.person import Person
from peerdesk.ui.common.accessibility import clear_field_error, show_field_error
from peerdesk.ui.journal.editor.fields import line, wrapped


class PersonCombo(QComboBox):
    """A cast-list person, or nobody (the first item: ``none_text``)."""

    def __init__(self, none_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._none = none_text
        self.set_people([])

    def set_people(self, people: list[Person]) -> None:
        current = self.person_id()
        self.blockSignals(True)
        self.clear()
        self.addItem(self._none, None)
        for person in people:
            self.addItem(person.display_name, person.id)
        self.blockSignals(False)
        self.set_person_id(current)

    def person_id(self) -> int | None:
        value = self.currentData()
        return int(value) if value is not None else None

    def set_person_id(self, person_id: int | None) -> None:
        index = self.findData(person_id) if person_id is not None else 0
        self.setCurrentIndex(max(0, index))


class QuickPersonDialog(QDialog):
    """ "Add a person…": the few details the cast list needs, without leaving the entry.

    Add hands the person to ``add``, which returns None when the person is kept, else
    ``(field, sentence)``: the sentence is shown as that field's error and the dialog stays
    open with what was typed."""

    def __init__(
        self,
        parent: QWidget | None = None,
        add: Callable[[Person], tuple[str, str] | None] | None = None,
    ) -> None:
        super().__init__(parent)
        self._add = add
        self.setObjectName("quickPersonDialog")
        self.setWindowTitle(_("Add a person"))
        layout = QVBoxLayout(self)
        layout.addWidget(
            wrapped(_("Initials or a nickname are enough. You can add more in the cast list."))
        )
        self._form = form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.name = line(_("e.g. “M. T.” or “the new team lead”"))
        self.name.setObjectName("personName")
        self.role = line(_("e.g. Team lead, Finance"))
        self.relationship = QComboBox()
        for relationship in Relationship:
            self.relationship.addItem(relationship.label, relationship.value)
        self.holds_power = QCheckBox(_("This person has power over me (e.g. decides on my work)"))
        form.addRow(_("&Name or initials"), self.name)
        self.error = QLabel()  # right under the field it is about
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        form.addRow("", self.error)
        form.setRowVisible(self.error, False)
        form.addRow(_("Their &role"), self.role)
        form.addRow(_("Re&lationship to me"), self.relationship)
        form.addRow("", self.holds_power)
        for field, text in (
            (self.name, _("Name or initials")),
            (self.role, _("Their role")),
            (self.relationship, _("Relationship to me")),
        ):
            field.setAccessibleName(text)
        layout.addLayout(form)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(_("Add"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def person(self) -> Person:
        return Person(
            display_name=self.name.text(),
            role=self.role.text(),
            relationship=Relationship(self.relationship.currentData()),
            holds_power=self.holds_power.isChecked(),
        )

    def accept(self) -> None:
        for field in (self.name, self.role):
            clear_field_error(field, self.error)
        self._form.setRowVisible(self.error, False)
        problem = self._add(self.person()) if self._add is not None else None
        if problem is not None:
            self.show_error(*problem)
            return
        super().accept()

    def show_error(self, field: str, message: str) -> None:
        """``message`` under the form, tied to the field named ``field``, which gets focus."""
        widget = self.role if field == "role" else self.name
        self._form.setRowVisible(self.error, True)
        show_field_error(widget, self.error, message)
