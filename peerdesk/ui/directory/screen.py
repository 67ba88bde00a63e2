"""Resources: the support directory (EAP, HR, union, GP, helplines, external services)."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from peerdesk.i18n import _
from peerdesk.models import Resource, ResourceKind
from peerdesk.models.builtin_text import localized_resource
from peerdesk.ui.common.accessibility import label_for, set_name
from peerdesk.ui.common.item_models import Column, ObjectRole, RecordTableModel, SortRole
from peerdesk.ui.common.session import VaultSession

if TYPE_CHECKING:
    from peerdesk.ui.directory.editor import ResourceEditor


def is_crisis(resource: Resource) -> bool:
    return resource.notes.startswith(("Crisis line:", "Emergency:"))  # i18n: keep — stored prefixes


def resource_columns() -> list[Column[Resource]]:
    return [
        # Built-in entries are shown in the language in force; the model keeps the stored text.
        Column(
            _("Name"),
            lambda r: localized_resource(r).name,
            sort_key=lambda r: (
                ("0 " if is_crisis(r) else "1 ") + localized_resource(r).name.lower()
            ),
        ),
        Column(_("Kind"), lambda r: r.kind.label),
        Column(
            _("Contact"),
            lambda r: localized_resource(r).contact,
            tooltip=lambda r: localized_resource(r).contact,
        ),
        Column(_("Country"), lambda r: r.country or _("Any")),
    ]


class ResourceTableModel(RecordTableModel[Resource]):
    def __init__(self, session: VaultSession) -> None:
        self._session = session
        super().__init__(
            resource_columns(),
            key=lambda r: r.id or 0,
            load_all=lambda: self._session.repos.resources.list(),
            load_some=lambda ids: [self._session.repos.resources.get(i) for i in ids],
        )


class ResourceFilter(QSortFilterProxyModel):
    def __init__(self) -> None:
        super().__init__()
        self.setSortRole(SortRole)
        self._text = ""
        self._kind: ResourceKind | None = None

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self._text = text.strip().lower()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_kind(self, kind: ResourceKind | None) -> None:
        self.beginFilterChange()
        self._kind = kind
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent: QModelIndex | QPersistentModelIndex) -> bool:
        model = self.sourceModel()
        resource: Resource = model.data(model.index(row, 0, parent), ObjectRole)
        if resource is None:
            return False
        if self._kind is not None and resource.kind is not self._kind:
            return False
        if self._text:
            shown = localized_resource(resource)
            haystack = " ".join(
                (shown.name, shown.contact, shown.notes, resource.country, resource.name)
            ).lower()
            return all(word in haystack for word in self._text.split())
        return True


class ResourcesScreen(QWidget):
    def __init__(self, session: VaultSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.model = ResourceTableModel(session)
        self.proxy = ResourceFilter()
        self.proxy.setSourceModel(self.model)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addWidget(QLabel(_("<h2>Resources</h2>")))
        intro = QLabel(
            _(
                "People and services that can help. Crisis lines are listed first. "
                "If you are in danger now, call your local emergency number."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        bar = QHBoxLayout()
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(_("Filter by name, contact or country"))
        self.filter_edit.setClearButtonEnabled(True)
        set_name(self.filter_edit, _("Filter resources"))
        self.filter_edit.textChanged.connect(self.proxy.set_text)
        self.kind_combo = QComboBox()
        set_name(self.kind_combo, _("Kind"))
        self.kind_combo.addItem(_("All kinds"), "")
        for kind in ResourceKind:
            self.kind_combo.addItem(kind.label, kind.value)
        self.kind_combo.currentIndexChanged.connect(self._kind_chosen)
        self.add_button = QPushButton(_("Add a resource…"))
        self.add_button.setObjectName("addResource")
        self.add_button.clicked.connect(lambda: self.edit_resource(None))
        self.edit_button = QPushButton(_("Edit…"))
        self.edit_button.setObjectName("editResource")
        self.edit_button.setEnabled(False)
        self.edit_button.clicked.connect(self._edit_current)
        bar.addWidget(self.filter_edit, 1)
        kind_label = QLabel(_("&Kind"))
        label_for(kind_label, self.kind_combo)
        bar.addWidget(kind_label)
        bar.addWidget(self.kind_combo)
        bar.addWidget(self.add_button)
        bar.addWidget(self.edit_button)
        layout.addLayout(bar)

        splitter = QSplitter(Qt.Orientation.Vertical)
        self.table = QTableView()
        self.table.setObjectName("resourcesTable")
        set_name(self.table, _("Resources"))
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(self._show_details)
        # Enter (and a double click) on a row edits it, as the Edit… button does.
        self.table.activated.connect(lambda _index: self._edit_current())
        self.details = QLabel()
        self.details.setObjectName("resourceDetails")
        self.details.setWordWrap(True)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        # Reached by Tab after the list once a row is chosen, read whole (notes included, which
        # the list's columns do not show).
        self.details.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        set_name(self.details, _("Details of the chosen resource"))
        self.details.setMargin(8)
        splitter.addWidget(self.table)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout.addWidget(splitter, 1)
        # Filter, then the list, then what acts on the chosen row (Edit is enabled once a row
        # is current, which the list's first Tab stop makes it).
        QWidget.setTabOrder(self.kind_combo, self.table)
        QWidget.setTabOrder(self.table, self.details)
        QWidget.setTabOrder(self.details, self.add_button)
        QWidget.setTabOrder(self.add_button, self.edit_button)
        self.details.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a Tab stop once a row is chosen

    def _kind_chosen(self, _index: int) -> None:
        value = self.kind_combo.currentData()
        self.proxy.set_kind(ResourceKind(value) if value else None)

    def on_opened(self) -> None:
        self.model.attach(self._session.repos.resources)
        self.table.resizeColumnToContents(1)
        self.table.resizeColumnToContents(3)

    def on_closing(self) -> None:
        self.model.clear()
        self.details.clear()
        self.details.setAccessibleDescription("")
        self.details.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def edit_resource(self, resource: Resource | None) -> ResourceEditor | None:
        """Open the editor for ``resource`` (None: a new entry of the user's own)."""
        if not self._session.is_open:
            return None
        from peerdesk.ui.directory.editor import ResourceEditor

        editor = ResourceEditor(self._session.repos.resources, resource, self)
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.open()
        return editor

    def _edit_current(self) -> None:
        index = self.table.currentIndex()
        resource = index.data(ObjectRole) if index.isValid() else None
        if resource is not None:
            self.edit_resource(resource)

    def _show_details(self, current: QModelIndex, _previous: QModelIndex) -> None:
        resource: Resource | None = current.data(ObjectRole) if current.isValid() else None
        self.edit_button.setEnabled(resource is not None)
        if resource is None:
            self.details.clear()
            self.details.setAccessibleDescription("")
            self.details.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            return
        resource = localized_resource(resource)
        parts = [f"<b>{html.escape(resource.name)}</b> — {html.escape(resource.kind.label)}"]
        # translators: {contact} is a phone number, web address or e-mail address
        contact_line = _("Contact: {contact}")
        if resource.contact:
            parts.append(contact_line.format(contact=html.escape(resource.contact)))
        if resource.notes:
            parts.append(html.escape(resource.notes))
        self.details.setText("<br>".join(parts))
        spoken = [f"{resource.name}, {resource.kind.label}"]
        if resource.contact:
            spoken.append(contact_line.format(contact=resource.contact))
        if resource.notes:
            spoken.append(resource.notes)
        self.details.setAccessibleDescription(". ".join(spoken))
        self.details.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
