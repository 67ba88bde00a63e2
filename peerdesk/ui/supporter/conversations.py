"""The Conversations tab of a colleague's details: their conversations above, the editor
below; and :class:`ConversationActions` (open, start, saved, add a directory resource)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QHeaderView,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from peerdesk.i18n import _
from peerdesk.models import RecordKind, Resource
from peerdesk.storage.errors import RecordNotFound, VaultError
from peerdesk.storage.repository import Change
from peerdesk.ui.common.item_models import IdRole
from peerdesk.ui.common.messages import Messages
from peerdesk.ui.common.notices import note
from peerdesk.ui.common.session import VaultSession
from peerdesk.ui.directory.editor import ResourceEditor
from peerdesk.ui.supporter.conversation_editor import ConversationEditor
from peerdesk.ui.supporter.widgets import (
    ScreenHelper,
    on_row_chosen,
    padded,
    scroll_area,
    table_view,
)

if TYPE_CHECKING:
    from peerdesk.ui.supporter.screen import ColleaguesScreen

#: The index of "Conversations" among the colleague's detail tabs.
CONVERSATIONS_TAB = 1


class ConversationsPage(QWidget):
    """The colleague's conversations and, below, the editor (or a hint while none is open)."""

    def __init__(
        self, session: VaultSession, today: Callable[[], date], proxy: QSortFilterProxyModel
    ) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        self.conversation_table = table_view(
            "conversationTable", _("Conversations with this colleague")
        )
        self.conversation_table.setModel(proxy)
        self.conversation_table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        header = self.conversation_table.horizontalHeader()
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for column in (0, 1, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        top_layout.addWidget(self.conversation_table, 1)
        self.new_conversation_button = QPushButton(_("New conversation"))
        self.new_conversation_button.setObjectName("newConversation")
        top_layout.addWidget(self.new_conversation_button)
        splitter.addWidget(top)
        self.editor = ConversationEditor(session, today)
        self.editor_stack = QStackedWidget()
        placeholder = note(_("Choose a conversation above, or start a new one."))
        placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.editor_stack.addWidget(placeholder)
        self.editor_stack.addWidget(scroll_area(padded(self.editor), "editorScroll"))
        splitter.addWidget(self.editor_stack)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([170, 430])
        layout.addWidget(splitter)


class ConversationActions(ScreenHelper):
    """Opening, starting and saving conversations, and adding a directory resource."""

    def __init__(self, screen: ColleaguesScreen, page: ConversationsPage) -> None:
        super().__init__(screen)
        self._page = page
        self.editor = page.editor
        self.resource_dialog: ResourceEditor | None = None
        on_row_chosen(page.conversation_table, self._row_changed)
        page.new_conversation_button.clicked.connect(self.new_conversation)
        self.editor.saved.connect(self._saved)
        self.editor.deleted.connect(lambda _id: page.editor_stack.setCurrentIndex(0))
        self.editor.deleted.connect(lambda _id: self._screen.backups.replace())
        self.editor.add_resource_requested.connect(self.add_resource)

    def _row_changed(self, current: QModelIndex) -> None:
        if not current.isValid():
            return
        conversation_id = int(current.data(IdRole))
        if conversation_id == self.editor.conversation_id:
            return
        self.editor.save_draft()
        try:  # (the list's rows hold no note text: the whole conversation is read here)
            conversation = self._screen.session.repos.conversations.get(conversation_id)
        except (RecordNotFound, VaultError):
            return
        self.editor.load(conversation)
        self._page.editor_stack.setCurrentIndex(1)

    def _index_of(self, conversation_id: int) -> QModelIndex | None:
        model = self._screen.conversation_model
        row = model.row_of(conversation_id)
        if row is None:
            return None
        return self._screen.conversation_proxy.mapFromSource(model.index(row, 0))

    def open_conversation(self, conversation_id: int) -> bool:
        """Show one conversation of the selected colleague in the editor."""
        screen = self._screen
        try:
            conversation = screen.session.repos.conversations.get(conversation_id)
        except (RecordNotFound, VaultError):
            return False
        if screen.form.colleague_id != conversation.colleague_id and not screen.select_colleague(
            conversation.colleague_id
        ):
            return False
        screen.tabs.setCurrentIndex(0)
        screen.detail_tabs.setCurrentIndex(CONVERSATIONS_TAB)
        index = self._index_of(conversation_id)
        if index is not None:
            self._page.conversation_table.setCurrentIndex(index)
        if self.editor.conversation_id != conversation_id:
            self.editor.save_draft()
            self.editor.load(conversation)
        self._page.editor_stack.setCurrentIndex(1)
        return True

    def new_conversation(self) -> None:
        screen = self._screen
        colleague_id = screen.form.colleague_id
        if colleague_id is None:
            return
        pending = self.editor.new_draft_colleague()
        if pending is not None and pending != colleague_id:
            if not Messages.confirm(
                screen,
                _("Unsaved new conversation"),
                _("There is an unsaved new conversation with another colleague."),
                action=_("Discard it and start a new one"),
                informative=_(
                    "Only one unsaved new conversation can be kept. Choose Cancel "
                    "to open the unsaved one instead."
                ),
            ):
                if screen.select_colleague(pending):
                    screen.detail_tabs.setCurrentIndex(CONVERSATIONS_TAB)
                    self.start_new(pending)
                return
            screen.session.repos.drafts.discard(RecordKind.CONVERSATION, None)
        self.start_new(colleague_id)

    def start_new(self, colleague_id: int) -> None:
        table = self._page.conversation_table
        self.editor.save_draft()
        table.selectionModel().clearCurrentIndex()
        table.clearSelection()
        self.editor.load_new(colleague_id)
        self._page.editor_stack.setCurrentIndex(1)
        self._screen.detail_tabs.setCurrentIndex(CONVERSATIONS_TAB)
        self.editor.summary_edit.setFocus()

    def _saved(self, conversation_id: int) -> None:
        table = self._page.conversation_table
        index = self._index_of(conversation_id)
        if index is not None:
            table.selectionModel().blockSignals(True)
            table.setCurrentIndex(index)
            table.selectionModel().blockSignals(False)
        table.resizeColumnsToContents()

    def changed_elsewhere(self, change: Change) -> None:
        """Conversations changed: the one being edited shows what changed (a follow-up marked
        done or moved on the Follow-ups tab) without losing unsaved edits."""
        editing = self.editor.conversation_id
        if editing is None or editing not in change.ids or change.kind != "changed":
            return
        try:
            stored = self._screen.session.repos.conversations.get(editing)
        except RecordNotFound:
            return
        if self.editor.dirty:
            self.editor.follow_up_changed_elsewhere(stored.follow_up)
        else:
            self.editor.load(stored)

    def load_resources(self) -> None:
        if self._screen.session.is_open:
            self.editor.referral_box.set_resources(self._screen.session.repos.resources.list())

    def add_resource(self) -> None:
        """Open the resource editor (non-blocking); a saved entry is chosen for the referral."""
        screen = self._screen
        if not screen.session.is_open or self.resource_dialog is not None:
            return
        dialog = ResourceEditor(screen.session.repos.resources, parent=screen)
        self.resource_dialog = dialog

        def saved(resource: Resource) -> None:
            self.load_resources()
            if resource.id is not None:
                self.editor.referral_box.select_resource(resource.id)

        def finished(_result: int) -> None:
            self.resource_dialog = None
            dialog.deleteLater()

        dialog.saved.connect(saved)
        dialog.finished.connect(finished)
        dialog.open()

    def close_dialogs(self) -> None:
        if self.resource_dialog is not None:
            self.resource_dialog.reject()
        self.resource_dialog = None

    def clear(self) -> None:
        self.editor.clear()
        self.editor.referral_box.clear_resources()
        self._page.editor_stack.setCurrentIndex(0)


__all__ = ["CONVERSATIONS_TAB", "ConversationActions", "ConversationsPage"]
