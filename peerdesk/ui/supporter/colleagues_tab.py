"""The Colleagues tab: the list on the left; on the right the selected colleague's details,
conversations and "What I hold" (or a hint while none is chosen); and
:class:`ColleagueSelection`, which shows the colleague chosen, a new one, or nothing."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QHBoxLayout, QSplitter, QStackedWidget, QTabWidget, QWidget

from peerdesk.i18n import _
from peerdesk.storage.errors import RecordNotFound
from peerdesk.ui.common.item_models import IdRole
from peerdesk.ui.common.notices import note
from peerdesk.ui.common.session import VaultSession
from peerdesk.ui.supporter.colleague_form import ColleagueForm
from peerdesk.ui.supporter.colleague_list import ColleagueListPage
from peerdesk.ui.supporter.conversations import ConversationsPage
from peerdesk.ui.supporter.holding import HoldPage
from peerdesk.ui.supporter.models import ColleagueFilter
from peerdesk.ui.supporter.widgets import ScreenHelper, padded, scroll_area

if TYPE_CHECKING:
    from peerdesk.ui.supporter.screen import ColleaguesScreen

#: The screen's tab that holds the list and the details.
COLLEAGUES_TAB = 0


class ColleaguesTab(QWidget):
    """``in_steps``: only the list is made here; :meth:`build_steps` makes the rest a piece at
    a time (the main window is built behind the unlock window a piece per turn of the event
    loop, and this tab is the largest piece)."""

    def __init__(
        self,
        session: VaultSession,
        today: Callable[[], date],
        colleague_proxy: ColleagueFilter,
        conversation_proxy: QSortFilterProxyModel,
        *,
        in_steps: bool = False,
    ) -> None:
        super().__init__()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 8, 0, 0)
        self._splitter = QSplitter(Qt.Orientation.Horizontal)
        self._splitter.setChildrenCollapsible(False)
        row.addWidget(self._splitter)
        self.list_page = ColleagueListPage(colleague_proxy)
        self._splitter.addWidget(self.list_page)
        self._session, self._today, self._conversation_proxy = session, today, conversation_proxy
        if not in_steps:
            for _piece in self.build_steps():
                pass

    def build_steps(self) -> Iterator[None]:
        """The details, then the conversations, then "What I hold": one piece per ``next``."""
        session, today = self._session, self._today
        # Each piece has a parent from the start (see ColleaguesScreen._build_steps).
        self.detail_tabs = QTabWidget(self)
        self.detail_tabs.hide()  # until it is in its place below
        self.detail_tabs.setObjectName("colleagueDetailTabs")
        self.form = ColleagueForm(session, today)
        self.detail_tabs.addTab(scroll_area(padded(self.form), "detailsScroll"), _("Details"))
        yield
        self.conversations_page = ConversationsPage(session, today, self._conversation_proxy)
        self.detail_tabs.addTab(self.conversations_page, _("Conversations"))
        yield
        self.hold_page = HoldPage()
        self.detail_tabs.addTab(self.hold_page, _("What I hold"))
        self.detail_stack = QStackedWidget()
        self.detail_stack.setObjectName("colleagueDetailStack")
        nothing = note(
            _(
                "Choose a colleague on the left, or add a new one.\n\nUse a pseudonym "
                "or initials. Write down only what the colleague agreed to, and keep "
                "it short and factual."
            )
        )
        nothing.setAlignment(Qt.AlignmentFlag.AlignCenter)
        nothing.setMargin(24)
        self.detail_stack.addWidget(nothing)
        self.detail_stack.addWidget(self.detail_tabs)
        splitter = self._splitter
        splitter.addWidget(self.detail_stack)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 5)
        splitter.setSizes([420, 540])


class ColleagueSelection(ScreenHelper):
    """Which colleague the details show: the one chosen in the list, a new one, or none.
    Unsaved edits are kept as drafts before another is shown."""

    def __init__(self, screen: ColleaguesScreen) -> None:
        super().__init__(screen)

    def select(self, colleague_id: int) -> bool:
        """Select a colleague in the list (widening the search and status filter if needed)."""
        screen = self._screen
        row = screen.colleague_model.row_of(colleague_id)
        if row is None:
            return False
        source = screen.colleague_model.index(row, 0)
        index = screen.colleague_proxy.mapFromSource(source)
        if not index.isValid():
            screen.search_edit.clear()
            index = screen.colleague_proxy.mapFromSource(source)
        if not index.isValid():
            screen.search.show_all_statuses()
            index = screen.colleague_proxy.mapFromSource(source)
        if not index.isValid():
            return False
        screen.tabs.setCurrentIndex(COLLEAGUES_TAB)
        screen.colleague_table.setCurrentIndex(index)
        screen.colleague_table.scrollTo(index)
        return screen.form.colleague_id == colleague_id

    def row_changed(self, current: QModelIndex) -> None:
        screen = self._screen
        if screen.deletions.deleting:
            return  # Qt moves the selection to a neighbour; show nothing instead
        if not current.isValid():
            return  # keep what is shown (e.g. a new colleague being written)
        colleague_id = int(current.data(IdRole))
        if colleague_id == screen.form.colleague_id and screen.form.isEnabled():
            return
        self.show(colleague_id)

    def _leave_editors(self) -> None:
        """Keep unsaved edits as drafts and close the conversation editor."""
        screen = self._screen
        screen.form.save_draft()
        screen.editor.save_draft()
        screen.editor.clear()
        screen.editor_stack.setCurrentIndex(0)

    def show(self, colleague_id: int | None) -> None:
        """Show one colleague (None: nothing) — unsaved edits are kept as drafts first."""
        screen = self._screen
        self._leave_editors()
        colleague = None
        if colleague_id is not None and screen.session.is_open:
            try:
                colleague = screen.session.repos.colleagues.get(colleague_id)
            except RecordNotFound:
                colleague = None
        if colleague is None:
            screen.form.clear()
            screen.conversation_model.show_colleague(None)
        else:
            screen.form.load(colleague)
            screen.conversation_model.show_colleague(colleague.id)
            screen.conversation_table.resizeColumnsToContents()
        screen.holding.refresh()
        screen.update_buttons()

    def new(self) -> None:
        screen = self._screen
        self._leave_editors()
        screen.colleague_table.selectionModel().clearCurrentIndex()
        screen.colleague_table.clearSelection()
        screen.conversation_model.show_colleague(None)
        screen.tabs.setCurrentIndex(COLLEAGUES_TAB)
        screen.detail_tabs.setCurrentIndex(0)
        screen.form.load(None)
        screen.form.pseudonym_edit.setFocus()
        screen.holding.refresh()
        screen.update_buttons()

    def saved(self, colleague_id: int) -> None:
        screen = self._screen
        current = screen.colleague_table.currentIndex()
        if not current.isValid() or current.data(IdRole) != colleague_id:
            self.select(colleague_id)
        if screen.conversation_model.colleague_id != colleague_id:  # a new colleague
            screen.conversation_model.show_colleague(colleague_id)
        screen.holding.refresh()
        screen.update_buttons()


__all__ = ["COLLEAGUES_TAB", "ColleagueSelection", "ColleaguesTab"]
