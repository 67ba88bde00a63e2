"""The Follow-ups tab: open follow-ups, overdue first; mark done, reschedule, or open the
conversation they belong to."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QPushButton, QVBoxLayout, QWidget

from peerdesk.i18n import _
from peerdesk.models import ValidationError
from peerdesk.storage.conversations import FollowUpItem, NoFollowUp
from peerdesk.storage.errors import RecordNotFound, VaultError
from peerdesk.ui.common.accessibility import set_name
from peerdesk.ui.common.date_field import date_edit, from_qdate
from peerdesk.ui.common.item_models import ObjectRole
from peerdesk.ui.common.language import qt_locale
from peerdesk.ui.common.messages import Messages
from peerdesk.ui.common.notices import note
from peerdesk.ui.supporter.widgets import ScreenHelper, error_text, table_view

if TYPE_CHECKING:
    from peerdesk.ui.supporter.screen import ColleaguesScreen


class FollowUpsPage(QWidget):
    """The follow-ups table with its buttons."""

    def __init__(self, proxy: QSortFilterProxyModel) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(note(_("Follow-ups you agreed that are not done yet, overdue first.")))
        self.follow_table = table_view("followUpTable", _("Follow-ups not done yet"))
        self.follow_table.setModel(proxy)
        self.follow_table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        header = self.follow_table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column in (0, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.follow_table, 1)
        bar = QHBoxLayout()
        self.mark_done_button = QPushButton(_("Mark done"))
        self.mark_done_button.setObjectName("markFollowUpDone")
        self.reschedule_edit = date_edit("rescheduleDate")
        self.reschedule_edit.setLocale(qt_locale())
        set_name(self.reschedule_edit, _("New date for the follow-up"))
        self.reschedule_button = QPushButton(_("Reschedule to this date"))
        self.reschedule_button.setObjectName("rescheduleFollowUp")
        self.open_follow_button = QPushButton(_("Open conversation"))
        self.open_follow_button.setObjectName("openFollowUp")
        bar.addWidget(self.mark_done_button)
        bar.addWidget(self.open_follow_button)
        bar.addStretch(1)
        layout.addLayout(bar)
        # Rescheduling on a row of its own: one row would be wider than a screen at 150 %.
        later = QHBoxLayout()
        later.addWidget(self.reschedule_edit)
        later.addWidget(self.reschedule_button)
        later.addStretch(1)
        layout.addLayout(later)

    def selected(self) -> FollowUpItem | None:
        index = self.follow_table.currentIndex()
        item = index.data(ObjectRole) if index.isValid() else None
        return item if isinstance(item, FollowUpItem) else None

    def update_buttons(self) -> None:
        has_follow = self.follow_table.currentIndex().isValid()
        for button in (self.mark_done_button, self.reschedule_button, self.open_follow_button):
            button.setEnabled(has_follow)


class FollowUpActions(ScreenHelper):
    """Mark done, reschedule and open, for the follow-up selected on the Follow-ups tab."""

    def __init__(self, screen: ColleaguesScreen, page: FollowUpsPage) -> None:
        super().__init__(screen)
        self._page = page
        page.mark_done_button.clicked.connect(self.mark_done)
        page.reschedule_button.clicked.connect(self.reschedule)
        page.open_follow_button.clicked.connect(self.open)
        page.follow_table.doubleClicked.connect(lambda _index: self.open())

    def mark_done(self) -> None:
        item = self._page.selected()
        if item is None:
            return
        screen = self._screen
        try:
            screen.session.repos.conversations.mark_follow_up_done(
                item.conversation_id, screen.today()
            )
        except (NoFollowUp, RecordNotFound, VaultError) as exc:
            Messages.warn(
                screen,
                _("Follow-up"),
                error_text(exc, _("That follow-up could not be marked as done.")),
            )

    def reschedule(self) -> None:
        item = self._page.selected()
        if item is None:
            return
        screen = self._screen
        try:
            screen.session.repos.conversations.reschedule_follow_up(
                item.conversation_id, from_qdate(self._page.reschedule_edit.date())
            )
        except (RecordNotFound, VaultError, ValidationError) as exc:
            Messages.warn(
                screen, _("Follow-up"), error_text(exc, _("That follow-up could not be moved."))
            )

    def open(self) -> None:
        item = self._page.selected()
        if item is not None:
            self._screen.open_conversation(item.conversation_id)


__all__ = ["FollowUpActions", "FollowUpsPage"]
