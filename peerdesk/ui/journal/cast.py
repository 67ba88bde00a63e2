"""Cast list: the people who appear in incidents, and the incidents involving each."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from peerdesk.i18n import _, ngettext
from peerdesk.models import Person, Relationship, ValidationError
from peerdesk.models.dates import short_date
from peerdesk.storage.persons import PersonInUse
from peerdesk.storage.repository import Change
from peerdesk.ui.common.accessibility import clear_field_error, show_field_error
from peerdesk.ui.common.item_models import Column, ObjectRole, RecordTableModel, SortRole
from peerdesk.ui.common.language import select_row
from peerdesk.ui.common.messages import Messages
from peerdesk.ui.common.session import VaultSession

COL_NAME, COL_ROLE, COL_RELATIONSHIP, COL_POWER, COL_INCIDENTS = range(5)
INCIDENT_ID_ROLE = Qt.ItemDataRole.UserRole + 10


class PersonTableModel(RecordTableModel[Person]):
    """People with their incident counts; counts follow the journal's changes."""

    def __init__(self, session: VaultSession, parent: Any = None) -> None:
        self._session = session
        self._counts: dict[int, int] = {}
        columns: list[Column[Person]] = [
            Column(_("Name"), lambda p: p.display_name),
            Column(_("Role"), lambda p: p.role),
            Column(_("Relationship"), lambda p: p.relationship.label),
            Column(
                _("Holds power over me"),
                lambda p: _("Yes") if p.holds_power else _("No"),
                tooltip=lambda p: (
                    _("Holds power over me (manager, decides on my contract)")
                    if p.holds_power
                    else _("Does not hold power over me")
                ),
            ),
            Column(
                _("Incidents"),
                lambda p: str(self.count_for(p)),
                sort_key=lambda p: self.count_for(p),
                align_right=True,
            ),
        ]
        super().__init__(
            columns,
            key=lambda p: p.id or 0,
            load_all=self._load_all_people,
            load_some=lambda ids: [
                p for p in self._session.repos.persons.list() if p.id in set(ids)
            ],
            parent=parent,
        )
        self._unsubscribe_incidents: Callable[[], None] | None = None

    def _load_all_people(self) -> list[Person]:
        repos = self._session.repos
        self._counts = repos.persons.incident_counts()
        return repos.persons.list()

    def count_for(self, person: Person) -> int:
        return self._counts.get(person.id or 0, 0)

    def attach_all(self) -> None:
        repos = self._session.repos
        self.attach(repos.persons)
        self._unsubscribe_incidents = repos.incidents.subscribe(self._incidents_changed)

    def clear(self) -> None:
        if self._unsubscribe_incidents is not None:
            self._unsubscribe_incidents()
            self._unsubscribe_incidents = None
        self._counts = {}
        super().clear()

    def _incidents_changed(self, _change: Change) -> None:
        if not self._session.is_open:
            return
        fresh = self._session.repos.persons.incident_counts()
        if fresh == self._counts:
            return
        changed = {
            pid
            for pid in set(fresh) | set(self._counts)
            if fresh.get(pid, 0) != self._counts.get(pid, 0)
        }
        self._counts = fresh
        for pid in changed:
            row = self.row_of(pid)
            if row is not None:
                index = self.index(row, COL_INCIDENTS)
                self.dataChanged.emit(index, index)


class PersonDialog(QDialog):
    """Add or edit one person of the cast list."""

    saved = Signal(object)  # the Person as stored

    def __init__(
        self, session: VaultSession, person: Person | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._person = person
        self.setWindowTitle(_("Edit person") if person else _("Add a person"))
        self.setObjectName("personDialog")
        form = QFormLayout()
        self.name_edit = QLineEdit(person.display_name if person else "")
        self.name_edit.setPlaceholderText(_("A name or initials, e.g. R. S."))
        self.role_edit = QLineEdit(person.role if person else "")
        self.role_edit.setPlaceholderText(_("Their job, e.g. Team lead"))
        self.relationship_combo = QComboBox()
        for relationship in Relationship:
            self.relationship_combo.addItem(relationship.label, relationship.value)
        if person:
            self.relationship_combo.setCurrentIndex(
                self.relationship_combo.findData(person.relationship.value)
            )
        self.power_check = QCheckBox(_("Holds power over me (manager, decides on my contract…)"))
        self.power_check.setChecked(bool(person and person.holds_power))
        self.notes_edit = QPlainTextEdit(person.notes if person else "")
        self.notes_edit.setMaximumHeight(90)
        self.notes_edit.setTabChangesFocus(True)
        form.addRow(_("&Name or initials"), self.name_edit)
        form.addRow(_("&Role"), self.role_edit)
        form.addRow(_("R&elationship to me"), self.relationship_combo)
        form.addRow("", self.power_check)
        form.addRow(_("N&otes"), self.notes_edit)
        self.error_label = QLabel()
        self.error_label.setObjectName("personError")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.name_edit.textEdited.connect(
            lambda _t: clear_field_error(self.name_edit, self.error_label)
        )
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.resize(420, self.sizeHint().height())

    def person(self) -> Person:
        return Person(
            id=self._person.id if self._person else None,
            display_name=self.name_edit.text(),
            role=self.role_edit.text(),
            relationship=Relationship(self.relationship_combo.currentData()),
            holds_power=self.power_check.isChecked(),
            notes=self.notes_edit.toPlainText(),
        )

    def save(self) -> None:
        repo = self._session.repos.persons
        person = self.person()
        try:
            stored = repo.update(person) if person.id is not None else repo.add(person)
        except ValidationError as exc:
            # In words and the theme's error colour, tied to the name field, focused, announced.
            show_field_error(self.name_edit, self.error_label, exc.message)
            return
        self.saved.emit(stored)
        self.accept()


class CastScreen(QWidget):
    """The people in the journal. Signal ``edit_requested(incident id)``."""

    edit_requested = Signal(int)

    def __init__(self, session: VaultSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.dialog: PersonDialog | None = None
        self.model = PersonTableModel(session, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SortRole)
        self.proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addWidget(QLabel(_("<h2>People</h2>")))
        intro = QLabel(
            _(
                "Everyone who appears in your journal. Initials are enough. Marking who "
                "holds power over you shows the imbalance in a report."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(_("Add person…"))
        self.edit_button = QPushButton(_("Edit…"))
        self.delete_button = QPushButton(_("Delete"))
        self.add_button.clicked.connect(self.add_person)
        self.edit_button.clicked.connect(self.edit_person)
        self.delete_button.clicked.connect(self.delete_person)
        for button in (self.add_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

        splitter = QSplitter(Qt.Orientation.Vertical)
        self.table = QTableView()
        self.table.setObjectName("castTable")
        self.table.setAccessibleName(_("People"))
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_NAME, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_ROLE, QHeaderView.ResizeMode.Stretch)
        for column in (COL_RELATIONSHIP, COL_POWER, COL_INCIDENTS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setResizeContentsPrecision(50)  # measure a sample of rows, not every row
        self.table.selectionModel().currentRowChanged.connect(self._show_incidents)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self.table.activated.connect(lambda _i: self.edit_person())
        self.proxy.dataChanged.connect(self._refresh_selected)

        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 8, 0, 0)
        self.incidents_label = QLabel(_("Select a person to see the incidents involving them."))
        self.incidents_label.setObjectName("castIncidentsLabel")
        self.incidents = QTreeWidget()
        self.incidents.setObjectName("castIncidents")
        self.incidents.setAccessibleName(_("Incidents involving the selected person"))
        self.incidents.setRootIsDecorated(False)
        self.incidents.setAlternatingRowColors(True)
        # translators: column headers: the entry's number, the date of the incident, its description
        self.incidents.setHeaderLabels([_("No."), _("Date"), _("Description")])
        self.incidents.header().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.incidents.header().setStretchLastSection(True)
        self.incidents.itemActivated.connect(self._incident_activated)
        lower_layout.addWidget(self.incidents_label)
        lower_layout.addWidget(self.incidents, 1)
        splitter.addWidget(self.table)
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout.addWidget(splitter, 1)
        self._update_buttons()

    # -- life cycle ------------------------------------------------------------------------------

    def on_opened(self) -> None:
        self.model.attach_all()
        self._update_buttons()

    def on_closing(self) -> None:
        if self.dialog is not None:
            self.dialog.reject()
            self.dialog = None
        self.model.clear()
        self.incidents.clear()
        self.incidents_label.setText(_("Select a person to see the incidents involving them."))
        self._update_buttons()

    # -- selection -------------------------------------------------------------------------------

    def selected_person(self) -> Person | None:
        rows = self.table.selectionModel().selectedRows(0)
        if not rows:
            return None
        person: Person | None = rows[0].data(ObjectRole)
        return person

    def select_person(self, person_id: int) -> bool:
        row = self.model.row_of(person_id)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        select_row(self.table, index.row())
        self.table.setCurrentIndex(index)
        return True

    def _update_buttons(self) -> None:
        chosen = self.selected_person() is not None
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)
        self.add_button.setEnabled(self._session.is_open)

    def _refresh_selected(self, *_args: object) -> None:
        self._show_incidents(self.table.currentIndex(), QModelIndex())

    def _show_incidents(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._update_buttons()
        self.incidents.clear()
        person: Person | None = (
            current.siblingAtColumn(0).data(ObjectRole) if current.isValid() else None
        )
        if person is None or person.id is None or not self._session.is_open:
            self.incidents_label.setText(_("Select a person to see the incidents involving them."))
            return
        repos = self._session.repos
        ids = repos.persons.incident_ids(person.id)
        summaries = repos.incidents.summaries(ids)
        n = len(ids)
        self.incidents_label.setText(
            ngettext(
                "<b>{count} incident</b> involving this person, oldest first. Double-click "
                "one, or press Enter, to read it.",
                "<b>{count} incidents</b> involving this person, oldest first. Double-click "
                "one, or press Enter, to read it.",
                n,
            ).format(count=n)
            if n
            else _("<b>0 incidents</b> involving this person.")
        )
        for incident_id in ids:
            s = summaries.get(incident_id)
            if s is None:
                continue
            item = QTreeWidgetItem([str(s.record_number), short_date(s.event_date), s.title])
            item.setData(0, INCIDENT_ID_ROLE, incident_id)
            item.setTextAlignment(0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.incidents.addTopLevelItem(item)
        self.incidents.resizeColumnToContents(0)
        self.incidents.resizeColumnToContents(1)

    def _incident_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        incident_id = item.data(0, INCIDENT_ID_ROLE)
        if incident_id is not None:
            self.edit_requested.emit(int(incident_id))

    # -- add, edit, delete -----------------------------------------------------------------------

    def add_person(self) -> None:
        self._open_dialog(None)

    def edit_person(self) -> None:
        person = self.selected_person()
        if person is not None:
            self._open_dialog(person)

    def _open_dialog(self, person: Person | None) -> None:
        if not self._session.is_open:
            return
        if self.dialog is not None:
            self.dialog.reject()
        dialog = PersonDialog(self._session, person, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self._saved)
        dialog.finished.connect(lambda _r: self._dialog_finished(dialog))
        self.dialog = dialog
        dialog.open()

    def _dialog_finished(self, dialog: PersonDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None

    def _saved(self, person: Person) -> None:
        if person.id is not None:
            self.select_person(person.id)

    def delete_person(self) -> None:
        person = self.selected_person()
        if person is None or person.id is None:
            return
        repo = self._session.repos.persons
        if self.model.count_for(person) or repo.incident_ids(person.id):
            Messages.warn(self, _("Cannot delete this person"), _(PersonInUse.default_message))
            return
        if not Messages.confirm(
            self,
            _("Delete person"),
            _("Delete this person from the cast list?"),
            action=_("Delete"),
            destructive=True,
        ):
            return
        try:
            repo.delete(person.id)
        except PersonInUse as exc:
            Messages.warn(self, _("Cannot delete this person"), exc.user_message)
        self._update_buttons()
