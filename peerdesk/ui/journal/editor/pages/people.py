"""Section 2, "People and witnesses": the people involved (ticked from the cast list, each with
their part in it) and the witnesses."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from peerdesk.i18n import _
from peerdesk.models import Incident
from peerdesk.models.incident_parts import IncidentPerson
from peerdesk.models.person import Person
from peerdesk.ui.common.accessibility import set_name
from peerdesk.ui.journal.editor.fields import ID_ROLE, line
from peerdesk.ui.journal.editor.pages.base import SectionPage
from peerdesk.ui.journal.editor.rows import RowList, WitnessRow


class PeoplePage(SectionPage):
    """``people``: the cast list now; ``involvement``: a line per person id to show under their
    name; ``changed``: called when a part is typed."""

    def __init__(
        self,
        people: Callable[[], list[Person]],
        involvement: Callable[[], dict[int, str]],
        changed: Callable[[], None],
    ) -> None:
        super().__init__(
            _("People and witnesses"),
            _(
                "Who was involved, and who saw or heard it. "
                "Initials are fine: people come from your cast list."
            ),
        )
        self._people = people
        self._involvement = involvement
        self._changed = changed
        self.people_list = QListWidget()
        self.people_list.setObjectName("peopleList")
        self.people_list.setMinimumHeight(120)
        self.add_button = QPushButton(_("Add a person…"))
        self.add_button.setObjectName("addPerson")
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.people_list)
        self.people_roles = QWidget()
        self.people_roles_form = QFormLayout(self.people_roles)
        self.people_roles_form.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.people_roles)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addStretch(1)
        column.addLayout(row)
        self.role_edits: dict[int, QLineEdit] = {}
        self.people_list.itemChanged.connect(self._people_ticked)
        self.register(
            "people",
            self.people_list,
            self.field(
                _("People involved"),
                box,
                _(
                    "Tick everyone involved; for each, say their part in it "
                    "(e.g. “said it”, “was present”)."
                ),
            ),
        )
        set_name(
            self.people_list,
            _("People involved"),
            _("Your cast list. Space ticks or unticks the person chosen with the arrow keys."),
        )
        self.witnesses = RowList(
            WitnessRow,
            _("Add a witness"),
            _(
                "No witnesses added. If nobody "
                "else saw or heard it, you can say so under What happened."
            ),
            people,
        )
        self.register(
            "witnesses",
            self.witnesses,
            self.field(
                _("Witnesses"),
                self.witnesses,
                _("Anyone who saw or heard it — in the room, on the call, copied into the email."),
            ),
        )

    def fill_people(self) -> None:
        """List the cast (keeping what is ticked)."""
        ticked = self.ticked_people()
        self.people_list.blockSignals(True)
        self.people_list.clear()
        for person in self._people():
            relationship = person.relationship.label
            # translators: a person in the cast list: name, their role, their relationship to
            # the user (e.g. "M. T. — Team lead (Manager)")
            text = (
                _("{name} — {role} ({relationship})").format(
                    name=person.display_name, role=person.role, relationship=relationship
                )
                if person.role
                else _("{name} ({relationship})").format(
                    name=person.display_name, relationship=relationship
                )
            )
            if person.holds_power:
                # translators: {person} is a person as listed above
                text = _("{person} · has power over me").format(person=text)
            item = QListWidgetItem(text)
            item.setData(ID_ROLE, person.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if person.id in ticked else Qt.CheckState.Unchecked
            )
            self.people_list.addItem(item)
        self.people_list.blockSignals(False)

    def ticked_people(self) -> dict[int, str]:
        """Person id → their part, for everyone ticked."""
        found: dict[int, str] = {}
        for index in range(self.people_list.count()):
            item = self.people_list.item(index)
            if item.checkState() == Qt.CheckState.Checked:
                person_id = int(item.data(ID_ROLE))
                edit = self.role_edits.get(person_id)
                found[person_id] = edit.text() if edit is not None else ""
        return found

    def tick(self, roles: dict[int, str]) -> None:
        """Tick exactly the people in ``roles`` and show a part field for each."""
        self.people_list.blockSignals(True)
        for index in range(self.people_list.count()):
            item = self.people_list.item(index)
            item.setCheckState(
                Qt.CheckState.Checked if item.data(ID_ROLE) in roles else Qt.CheckState.Unchecked
            )
        self.people_list.blockSignals(False)
        self.set_people_roles(roles)

    def _people_ticked(self, _item: QListWidgetItem | None = None) -> None:
        self.set_people_roles(self.ticked_people())

    def set_people_roles(self, roles: dict[int, str]) -> None:
        names = {p.id: p.display_name for p in self._people()}
        while self.people_roles_form.rowCount():
            self.people_roles_form.removeRow(0)
        self.role_edits = {}
        positions = self._involvement()
        for person_id, role in roles.items():
            edit = line(_("their part, e.g. “said it”, “was present”"))
            edit.setObjectName(f"role-{person_id}")
            edit.setText(role)
            edit.textEdited.connect(self._changed)
            self.role_edits[person_id] = edit
            # translators: a person whose name is not known here; {number} is their number
            name = (
                names[person_id]
                if person_id in names
                else _("Person {number}").format(number=person_id)
            )
            label = name
            if person_id in positions:
                label += f"\n{positions[person_id]}"
            self.people_roles_form.addRow(label, edit)
            # translators: a field's name for a screen reader; {name} is a person's name
            set_name(edit, _("{name}: their part").format(name=name), positions.get(person_id, ""))

    def fill(self, incident: Incident) -> None:
        self.tick({p.person_id: p.role_in_incident for p in incident.people})
        self.witnesses.set_values(incident.witnesses)

    def values(self) -> dict[str, Any]:
        return {
            "people": [
                IncidentPerson(person_id=pid, role_in_incident=role)
                for pid, role in self.ticked_people().items()
            ],
            "witnesses": self.witnesses.values(),
        }
