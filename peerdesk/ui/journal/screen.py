"""Journal: the list of incidents, with filters, full-text search and history verification.

Entries withdrawn as made in error are hidden unless "Show withdrawn" is ticked; then they are
greyed and their description starts with "Withdrawn". Withdraw… and Restore act on the
selected entry (button, context menu, Ctrl+Shift+W); each is a new revision. The list model
is in :mod:`.list_model`, the filter bar in :mod:`.filters`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, time

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from peerdesk.i18n import _, ngettext, pgettext
from peerdesk.models.dates import clock, short_date
from peerdesk.storage.incident_revisions import HistoryReport
from peerdesk.storage.incidents import (
    IncidentFilter,
    IncidentSummary,
)
from peerdesk.storage.repository import Change
from peerdesk.ui.common.accessibility import announce
from peerdesk.ui.common.language import select_row
from peerdesk.ui.common.messages import Messages
from peerdesk.ui.common.session import VaultSession
from peerdesk.ui.journal.filters import JournalFilters
from peerdesk.ui.journal.history import (
    WithdrawDialog,
    restore_entry,
    withdraw_entry,
)
from peerdesk.ui.journal.history_check import HistoryCheck, HistoryCheckDialog
from peerdesk.ui.journal.list_model import (
    COL_ATTACHMENTS,
    COL_CATEGORIES,
    COL_EVENT,
    COL_NUMBER,
    COL_PEOPLE,
    COL_RECORDED,
    COL_SEVERITY,
    COL_TITLE,
    COLUMNS,
    SORT_OF_COLUMN,
    IncidentListModel,
)
from peerdesk.ui.journal.orphan_evidence import OrphanEvidence

log = logging.getLogger(__name__)

#: The Description column gets at least this share of the table's width; the other columns
#: share the rest, each up to the width of a typical value (the full text is in the tooltip).
DESCRIPTION_SHARE = 0.4


def _samples() -> tuple[tuple[int, str], ...]:
    """A typical value of each column, in the language in force, for its width."""
    when = f"{short_date(date(2026, 9, 28))} {clock(time(10, 30))}"
    return (
        (COL_NUMBER, "00000"),
        (COL_EVENT, _("~ {when}").format(when=when)),
        # translators: a sample of the Recorded column, used only to measure its width
        (COL_RECORDED, _("written 10 days after (Day One)")),
        (COL_PEOPLE, "R. Castellano"),
        (COL_CATEGORIES, _("Exclusion or isolation")),
        # translators: column header of the journal list (how serious, 1 to 5)
        (COL_SEVERITY, _("Severity")),
        (COL_ATTACHMENTS, _("Attachments")),
    )


#: The columns that give way to the Description when the window is narrow.
_GIVE_WAY = frozenset({COL_RECORDED, COL_PEOPLE, COL_CATEGORIES})


class DescriptionRoom(QObject):
    """Keeps the journal's Description column readable: it stretches, and when the window is
    narrow the other columns give way (down to a few letters of their header) so that it keeps
    :data:`DESCRIPTION_SHARE` of the width. Column widths come from sample text, never from
    measuring every row."""

    def __init__(self, table: QTableView) -> None:
        super().__init__(table)
        self._table = table
        self._natural: dict[int, int] = {}
        self._least: dict[int, int] = {}
        table.viewport().installEventFilter(self)
        table.horizontalHeader().installEventFilter(self)
        self.measure()

    def measure(self) -> None:
        """Widths from the header's font now (it follows the application font)."""
        metrics = self._table.horizontalHeader().fontMetrics()
        pad = 26  # cell margins and the sort arrow
        samples = _samples()
        self._natural = {c: metrics.horizontalAdvance(t) + pad for c, t in samples}
        headers = {c: _(COLUMNS[c]) for c, _t in samples}
        self._least = {
            c: metrics.horizontalAdvance(h[:5] if c in _GIVE_WAY else h) + pad
            for c, h in headers.items()
        }
        self.fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fit()
        elif event.type() == QEvent.Type.FontChange:
            self.measure()
        return False

    def fit(self) -> None:
        """Natural widths when they leave the Description its share; otherwise Recorded, People
        and Categories give way first (to a few letters), then the others (to their header)."""
        room = self._table.viewport().width() * (1 - DESCRIPTION_SHARE)
        widths = dict(self._natural)
        order = (_GIVE_WAY, frozenset(self._natural) - _GIVE_WAY)
        for columns in order:
            excess = sum(widths.values()) - room
            if excess <= 0:
                break
            slack = sum(widths[c] - self._least[c] for c in columns)
            share = min(1.0, excess / slack) if slack > 0 else 0.0
            for c in columns:
                widths[c] -= int((widths[c] - self._least[c]) * share)
        for column, width in widths.items():
            self._table.setColumnWidth(column, width)


class JournalScreen(QWidget):
    """The incident journal list. Signals: ``edit_requested(id)`` (Enter, a double-click or
    the menu's Open: the shell opens the entry to read), ``editor_requested(id)`` (the menu's
    Edit), ``new_requested()``."""

    edit_requested = Signal(int)
    editor_requested = Signal(int)
    new_requested = Signal()
    export_requested = Signal()
    #: The history check finished (the report is in ``last_history_report``).
    history_checked = Signal()

    def __init__(self, session: VaultSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.model = IncidentListModel(session, self)
        self.history_check = HistoryCheck(session, self, self.history_checked.emit)
        self.withdraw_dialog: WithdrawDialog | None = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        top = QHBoxLayout()
        top.addWidget(QLabel(_("<h2>Journal</h2>")))
        top.addStretch(1)
        self.verify_button = QPushButton(_("Verify history"))
        self.verify_button.setObjectName("verifyHistory")
        self.verify_button.setToolTip(
            _("Check that no saved entry or revision was changed outside PeerDesk.")
        )
        self.verify_button.clicked.connect(self.history_check.start)
        self.history_check.button = self.verify_button
        self.new_button = QPushButton(_("New entry"))
        self.new_button.setObjectName("newEntry")
        self.new_button.setToolTip(_("Record a new incident (Ctrl+N)"))
        self.new_button.clicked.connect(self.new_requested)
        self.export_button = QPushButton(_("Export report…"))
        self.export_button.setObjectName("exportReport")
        self.export_button.setToolTip(
            _(
                "Write the entries shown as a PDF report for HR, a "
                "representative, a lawyer or yourself (Ctrl+E)"
            )
        )
        self.export_button.clicked.connect(self.export_requested)
        self.withdraw_button = QPushButton(_("Withdraw…"))
        self.withdraw_button.setObjectName("withdrawEntry")
        self.withdraw_button.setAccessibleName(_("Withdraw or restore the selected entry"))
        self.withdraw_button.setToolTip(
            _(
                "Withdraw the selected entry as made in error, or "
                "restore a withdrawn one (Ctrl+Shift+W). Its history "
                "is kept."
            )
        )
        self.withdraw_button.setEnabled(False)
        self.withdraw_button.clicked.connect(self.withdraw_or_restore)
        top.addWidget(self.verify_button)
        top.addWidget(self.withdraw_button)
        top.addWidget(self.export_button)
        top.addWidget(self.new_button)
        layout.addLayout(top)
        self.withdraw_action = QAction(_("Withdraw…"), self)
        self.withdraw_action.setShortcut(QKeySequence("Ctrl+Shift+W"))
        self.withdraw_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.withdraw_action.triggered.connect(self.withdraw_or_restore)
        self.addAction(self.withdraw_action)
        self.new_action = QAction(_("New entry"), self)
        self.new_action.setShortcut(QKeySequence("Ctrl+N"))
        self.new_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.new_action.triggered.connect(self.new_requested)
        self.addAction(self.new_action)

        self._unsubscribe: list[Callable[[], None]] = []
        self.filters = JournalFilters(session, self, self.apply_filters)
        self.filters.clear_button.clicked.connect(self.clear_filters)
        f = self.filters  # the filter widgets by their old names, as the tests reach them
        self.search_edit, self.show_withdrawn, self.date_from, self.date_to = (
            f.search_edit, f.show_withdrawn, f.date_from, f.date_to)  # fmt: skip
        self.person_combo, self.category_combo, self.tag_combo, self.reported_combo = (
            f.person_combo, f.category_combo, f.tag_combo, f.reported_combo)  # fmt: skip
        self.severity_min, self.severity_max = f.severity_min, f.severity_max
        layout.addLayout(f.layout)

        self.table = QTableView()
        self.table.setObjectName("journalTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setAccessibleName(_("Journal entries"))
        vertical = self.table.verticalHeader()
        vertical.hide()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        self.column_room = DescriptionRoom(self.table)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_EVENT, Qt.SortOrder.DescendingOrder)
        header.sortIndicatorChanged.connect(self._sort_indicator_changed)
        self.table.activated.connect(self._activated)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.model.modelReset.connect(self._selection_changed)
        self.model.dataChanged.connect(self._selection_changed)
        layout.addWidget(self.table, 1)

        self.count_label = QLabel()
        self.count_label.setObjectName("journalCount")
        layout.addWidget(self.count_label)
        self.model.counts_changed.connect(self._update_count)
        self.model.rowsInserted.connect(self._update_count)
        self.model.rowsRemoved.connect(self._update_count)
        # Files in the vault that belong to no entry and no unsaved draft: Attach / Delete.
        self.orphans = OrphanEvidence(session, self.selected_incident_id)
        layout.addWidget(self.orphans)

    @property
    def history_dialog(self) -> HistoryCheckDialog | None:
        return self.history_check.dialog

    @property
    def last_history_report(self) -> HistoryReport | None:
        return self.history_check.last_report

    def verify_history(self) -> None:
        self.history_check.start()

    # -- life cycle ------------------------------------------------------------------------------

    def on_opened(self) -> None:
        self.filters.fill_people_and_tags()
        repos = self._session.repos
        self._unsubscribe = [
            repos.persons.subscribe(self._choices_changed),
            repos.incidents.subscribe(self._choices_changed),
        ]
        self.model.set_filter(self.current_filter())
        self.model.attach()
        self.orphans.on_opened()

    def on_closing(self) -> None:
        self.filters.search_timer.stop()
        for unsubscribe in self._unsubscribe:
            unsubscribe()
        self._unsubscribe = []
        self.history_check.stop()
        if self.withdraw_dialog is not None:
            self.withdraw_dialog.close()
            self.withdraw_dialog.deleteLater()
        self.withdraw_dialog = None
        self.model.clear()
        self.orphans.on_closing()
        self.filters.forget()
        self.count_label.clear()

    def _choices_changed(self, _change: Change) -> None:
        if self._session.is_open:
            self.filters.fill_people_and_tags()

    # -- filters ---------------------------------------------------------------------------------

    def current_filter(self) -> IncidentFilter:
        return self.filters.current()

    def apply_filters(self) -> None:
        self.filters.search_timer.stop()
        if self._session.is_open and self.model.attached:
            self.model.set_filter(self.current_filter())
            self._update_count()
            if self.isVisible():  # a search or filter said aloud what it found
                announce(self.count_label, self.count_label.text())

    def clear_filters(self) -> None:
        self.filters.reset()
        self.apply_filters()

    def _update_count(self) -> None:
        if not self.model.attached:
            self.count_label.clear()
            return
        shown, total = self.model.rowCount(), self.model.total_count()
        text = (
            ngettext("{total} entry", "{total} entries", total).format(total=total)
            if shown == total
            # translators: how many entries the filters show, of all the journal's entries
            else ngettext("{shown} of {total} entry", "{shown} of {total} entries", total).format(
                shown=shown, total=total
            )
        )
        withdrawn = self.model.withdrawn_count()
        if withdrawn and not self.show_withdrawn.isChecked():
            # translators: added after the count of entries: "12 entries · 2 withdrawn, not shown"
            hidden = ngettext(
                "{count} withdrawn, not shown", "{count} withdrawn, not shown", withdrawn
            ).format(count=withdrawn)
            text = f"{text} · {hidden}"
        self.count_label.setText(text)

    # -- sorting and opening ---------------------------------------------------------------------

    def _sort_indicator_changed(self, column: int, _order: Qt.SortOrder) -> None:
        if column in SORT_OF_COLUMN:
            return
        sort, descending = self.model.sort_order
        back = next(c for c, s in SORT_OF_COLUMN.items() if s == sort)
        order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        self.table.horizontalHeader().setSortIndicator(back, order)

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.edit_requested.emit(self.model.id_at(index.row()))

    def selected_incident_id(self) -> int | None:
        """The entry selected in the list, if any."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.id_at(rows[0].row()) if rows else None

    def select_incident(self, incident_id: int) -> bool:
        row = self.model.row_of(incident_id)
        if row is None:
            return False
        select_row(self.table, row)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    # -- withdraw and restore --------------------------------------------------------------------

    def selected_summary(self) -> IncidentSummary | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.summary_at(rows[0].row()) if rows else None

    def _selection_changed(self, *_args: object) -> None:
        s = self.selected_summary() if self._session.is_open else None
        self.withdraw_button.setEnabled(s is not None)
        self.withdraw_button.setText(
            _("Restore") if s is not None and s.withdrawn else _("Withdraw…")
        )
        self.withdraw_action.setText(self.withdraw_button.text())

    def _context_menu(self, at: QPoint) -> None:
        index = self.table.indexAt(at)
        if not index.isValid():  # the menu key: the current row
            index = self.table.currentIndex()
            at = self.table.visualRect(index).center()
        if not index.isValid():
            return
        select_row(self.table, index.row())
        menu = QMenu(self)
        menu.setAccessibleName(_("Entry actions"))
        chosen = self.model.id_at(index.row())
        # translators: menu item: read the chosen entry (a verb)
        menu.addAction(pgettext("verb", "&Open"), lambda: self.edit_requested.emit(chosen))
        # translators: menu item: change the chosen entry in the editor (a verb)
        menu.addAction(pgettext("verb", "&Edit"), lambda: self.editor_requested.emit(chosen))
        menu.addAction(self.withdraw_action)
        menu.exec(self.table.viewport().mapToGlobal(at))
        menu.deleteLater()

    def withdraw_or_restore(self) -> None:
        """Withdraw the selected entry (asks for a reason, confirms) or restore it."""
        s = self.selected_summary()
        if s is None or not self._session.is_open:
            return
        if s.withdrawn:
            problem = restore_entry(self._session, s.id)
            if problem is not None:
                Messages.error(
                    self, _("Restore entry"), _("The entry was not restored."), informative=problem
                )
            self._selection_changed()
            return
        incident_id = s.id

        def confirm(reason: str) -> str | None:
            return withdraw_entry(self._session, incident_id, reason)

        if self.withdraw_dialog is not None:
            self.withdraw_dialog.close()
        self.withdraw_dialog = WithdrawDialog(self._session, s.record_number, confirm, self)
        self.withdraw_dialog.destroyed.connect(self._withdraw_dialog_gone)
        self.withdraw_dialog.open()

    def _withdraw_dialog_gone(self) -> None:
        self.withdraw_dialog = None
