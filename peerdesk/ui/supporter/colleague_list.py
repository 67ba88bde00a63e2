"""The colleague list (left of the Colleagues tab): search, the status filter, the table and
"New colleague"; and :class:`ColleagueSearch`, which filters it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from peerdesk.i18n import _
from peerdesk.models import ColleagueStatus, RecordKind
from peerdesk.storage.errors import RecordNotFound
from peerdesk.ui.common.accessibility import label_for, set_name
from peerdesk.ui.supporter.models import ColleagueFilter
from peerdesk.ui.supporter.widgets import table_view

if TYPE_CHECKING:
    from peerdesk.ui.common.session import VaultSession

#: Matches from conversations used to find colleagues in the list search.
SEARCH_CONVERSATIONS_MAX = 300
#: The status column, shown only when the filter shows every status.
_STATUS_COLUMN = 1


class ColleagueListPage(QWidget):
    def __init__(self, proxy: ColleagueFilter) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 6, 0)
        bar = QHBoxLayout()
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("colleagueSearch")
        self.search_edit.setPlaceholderText(_("Search pseudonyms and notes"))
        self.search_edit.setClearButtonEnabled(True)
        set_name(self.search_edit, _("Search colleagues"), _("Search pseudonyms and notes"))
        self.status_combo = QComboBox()
        self.status_combo.setObjectName("colleagueStatusFilter")
        self.status_combo.addItem(_("Active"), ColleagueStatus.ACTIVE.value)
        self.status_combo.addItem(_("Closed"), ColleagueStatus.CLOSED.value)
        self.status_combo.addItem(_("All"), "")
        bar.addWidget(self.search_edit, 1)
        status_label = QLabel(_("Stat&us"))  # (Alt+S is the colleague's own status)
        label_for(status_label, self.status_combo)
        bar.addWidget(status_label)
        bar.addWidget(self.status_combo)
        layout.addLayout(bar)
        self.colleague_table = table_view("colleagueTable", _("Colleagues"))
        self.colleague_table.setModel(proxy)
        self.colleague_table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        header = self.colleague_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.colleague_table.setColumnHidden(_STATUS_COLUMN, True)  # shown only with "All"
        layout.addWidget(self.colleague_table, 1)
        self.new_colleague_button = QPushButton(_("New colleague"))
        self.new_colleague_button.setObjectName("newColleague")
        layout.addWidget(self.new_colleague_button)


class ColleagueSearch:
    """The status filter and the search: every word in the pseudonym, or a full-text match
    in the colleague's notes or conversations."""

    def __init__(self, session: VaultSession, page: ColleagueListPage, proxy: ColleagueFilter):
        self._session = session
        self._page = page
        self._proxy = proxy
        page.search_edit.textChanged.connect(self.search_changed)
        page.status_combo.currentIndexChanged.connect(self.status_changed)

    def status_changed(self, _index: int) -> None:
        value = self._page.status_combo.currentData()
        self._proxy.set_status(ColleagueStatus(value) if value else None)
        self._page.colleague_table.setColumnHidden(_STATUS_COLUMN, bool(value))

    def search_changed(self, text: str) -> None:
        matched: set[int] = set()
        if text.strip() and self._session.is_open:
            repos = self._session.repos
            matched |= set(repos.search.record_ids(text, RecordKind.COLLEAGUE) or [])
            conversation_ids = repos.search.record_ids(text, RecordKind.CONVERSATION) or []
            for conversation_id in conversation_ids[:SEARCH_CONVERSATIONS_MAX]:
                try:
                    matched.add(repos.conversations.get(conversation_id).colleague_id)
                except RecordNotFound:
                    continue
        self._proxy.set_search(text, matched)

    def show_all_statuses(self) -> None:
        combo = self._page.status_combo
        combo.setCurrentIndex(combo.findData(""))

    def clear(self) -> None:
        """Empty the search box without searching (the vault is closing)."""
        edit = self._page.search_edit
        edit.blockSignals(True)
        edit.clear()
        edit.blockSignals(False)
        self._proxy.set_search("", set())


__all__ = ["SEARCH_CONVERSATIONS_MAX", "ColleagueListPage", "ColleagueSearch"]
