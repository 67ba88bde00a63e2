"""Deleting for good: the "Past retention" tab (colleagues whose retention period has run out)
and :class:`Deletions`, which asks once and deletes everything about one or several colleagues
(storage removes the colleague, their conversations, drafts and every search-index row), then
has the automatic backups replaced (:mod:`.backups`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from peerdesk.i18n import N_, _, ngettext
from peerdesk.models import RecordKind
from peerdesk.storage.colleagues import ExpiredColleague
from peerdesk.storage.errors import VaultError
from peerdesk.ui.common.item_models import ObjectRole
from peerdesk.ui.common.messages import Messages
from peerdesk.ui.common.notices import note
from peerdesk.ui.supporter.widgets import ScreenHelper, error_text, table_view

if TYPE_CHECKING:
    from peerdesk.ui.supporter.screen import ColleaguesScreen

#: What a permanent deletion leaves in copies the user made (said before and after deleting).
OWN_COPIES_NOTE = N_(
    "Copies you made yourself still hold what is deleted: backups made with Back up now or "
    "with “peerdesk backup”, and files you saved, such as a “What I hold” PDF. Delete those "
    "yourself if they should go too."
)


class RetentionPage(QWidget):
    """Colleagues past retention, with "Delete everything…" and "Open"."""

    def __init__(self, proxy: QSortFilterProxyModel) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(
            note(
                _(
                    "These colleagues' notes have reached the end of their retention period. "
                    "Review "
                    "them, then delete everything about them — or, if you are still in touch, open "
                    "them and keep the notes for longer."
                )
            )
        )
        self.expired_table = table_view("expiredTable", _("Colleagues past their retention period"))
        self.expired_table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.expired_table.setModel(proxy)
        self.expired_table.sortByColumn(2, Qt.SortOrder.AscendingOrder)
        header = self.expired_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.expired_table, 1)
        bar = QHBoxLayout()
        self.delete_expired_button = QPushButton(_("Delete everything…"))
        self.delete_expired_button.setObjectName("deleteExpired")
        self.open_expired_button = QPushButton(_("Open"))
        self.open_expired_button.setObjectName("openExpired")
        bar.addWidget(self.delete_expired_button)
        bar.addStretch(1)
        bar.addWidget(self.open_expired_button)
        layout.addLayout(bar)
        self.retention_note = note("", "retentionNote")
        layout.addWidget(self.retention_note)

    def selected(self) -> list[ExpiredColleague]:
        model = self.expired_table.selectionModel()
        chosen = [index.data(ObjectRole) for index in model.selectedRows()] if model else []
        return [e for e in chosen if isinstance(e, ExpiredColleague)]

    def current(self) -> ExpiredColleague | None:
        index = self.expired_table.currentIndex()
        item = index.data(ObjectRole) if index.isValid() else None
        return item if isinstance(item, ExpiredColleague) else None

    def update_buttons(self) -> None:
        chosen = self.selected()
        self.delete_expired_button.setEnabled(bool(chosen))
        self.open_expired_button.setEnabled(self.current() is not None)
        if len(chosen) == 1:
            self.delete_expired_button.setText(
                # translators: {name} is a colleague's pseudonym
                _("Delete everything about {name}…").format(name=chosen[0].pseudonym)
            )
        elif chosen:
            self.delete_expired_button.setText(
                ngettext(
                    "Delete everything about {count} colleague…",
                    "Delete everything about {count} colleagues…",
                    len(chosen),
                ).format(count=len(chosen))
            )
        else:
            self.delete_expired_button.setText(_("Delete everything…"))


class Deletions(ScreenHelper):
    """Deleting everything about colleagues, from their form or the Past retention tab."""

    def __init__(self, screen: ColleaguesScreen) -> None:
        super().__init__(screen)
        #: True while a colleague is being deleted (the list's selection moves meanwhile).
        self.deleting = False

    def delete_selected_expired(self) -> None:
        chosen = self._screen.retention_page.selected()
        if chosen:
            self.delete_colleagues([e.id for e in chosen])

    def open_selected_expired(self) -> None:
        expired = self._screen.retention_page.current()
        if expired is not None and self._screen.select_colleague(expired.id):
            self._screen.detail_tabs.setCurrentIndex(0)

    def _confirm(self, ids: Sequence[int], count: int) -> bool:
        one = len(ids) == 1
        return Messages.confirm(
            self._screen,
            (
                _("Delete everything about this colleague?")
                if one
                else _("Delete everything about these colleagues?")
            ),
            (
                _("Delete everything PeerDesk holds about this colleague?")
                if one
                else ngettext(
                    "Delete everything PeerDesk holds about these {count} colleague?",
                    "Delete everything PeerDesk holds about these {count} colleagues?",
                    len(ids),
                ).format(count=len(ids))
            ),
            action=_("Delete everything"),
            destructive=True,
            informative=(
                # translators: {count} is a number of conversations; {own_copies} is a
                # sentence about copies the user made
                ngettext(
                    "Their entry, real name, consent record and {count} conversation — with "
                    "referrals, follow-ups, debriefs, unsaved drafts and every trace in search "
                    "— are removed from the vault for good, and PeerDesk replaces its "
                    "automatic backups with one fresh backup without them. {own_copies} This "
                    "cannot be undone.",
                    "Their entry, real name, consent record and {count} conversations — with "
                    "referrals, follow-ups, debriefs, unsaved drafts and every trace in search "
                    "— are removed from the vault for good, and PeerDesk replaces its "
                    "automatic backups with one fresh backup without them. {own_copies} This "
                    "cannot be undone.",
                    count,
                )
                if one
                else ngettext(
                    "Their entries, real names, consent records and {count} conversation — "
                    "with referrals, follow-ups, debriefs, unsaved drafts and every trace in "
                    "search — are removed from the vault for good, and PeerDesk replaces its "
                    "automatic backups with one fresh backup without them. {own_copies} This "
                    "cannot be undone.",
                    "Their entries, real names, consent records and {count} conversations — "
                    "with referrals, follow-ups, debriefs, unsaved drafts and every trace in "
                    "search — are removed from the vault for good, and PeerDesk replaces its "
                    "automatic backups with one fresh backup without them. {own_copies} This "
                    "cannot be undone.",
                    count,
                )
            ).format(count=count, own_copies=_(OWN_COPIES_NOTE)),
        )

    def delete_colleagues(self, colleague_ids: Sequence[int]) -> bool:
        """Ask once, then delete everything about these colleagues, and replace the automatic
        backups with one fresh backup without them (in the background). Returns whether
        anything was deleted."""
        screen = self._screen
        ids = list(dict.fromkeys(colleague_ids))
        if not ids or not screen.session.is_open:
            return False
        repos = screen.session.repos
        try:
            count = sum(repos.conversations.count(colleague_id) for colleague_id in ids)
        except VaultError:
            count = 0
        if not self._confirm(ids, count):
            return False
        form, editor = screen.form, screen.editor
        deleted: list[int] = []
        for colleague_id in ids:
            # Unsaved work about them must not be written back as a draft afterwards.
            if form.colleague_id == colleague_id:
                form.forget()
                editor.forget()
            if editor.colleague_id == colleague_id:
                editor.forget()
            if editor.new_draft_colleague() == colleague_id:
                repos.drafts.discard(RecordKind.CONVERSATION, None)
            shown = form.colleague_id == colleague_id
            self.deleting = True
            try:
                repos.colleagues.delete_completely(colleague_id)
            except VaultError as exc:
                Messages.error(screen, _("Not deleted"), error_text(exc, _("Nothing was deleted.")))
                break
            finally:
                self.deleting = False
            deleted.append(colleague_id)
            if shown or editor.colleague_id == colleague_id:
                screen.colleague_table.selectionModel().clearCurrentIndex()
                screen.colleague_table.clearSelection()
                screen.selection.show(None)
        if not deleted:
            return False
        screen.retention_note.setText(
            _("Everything about that colleague was deleted.")
            if len(deleted) == 1
            else ngettext(
                "Everything about {count} colleague was deleted.",
                "Everything about {count} colleagues was deleted.",
                len(deleted),
            ).format(count=len(deleted))
        )
        screen.update_buttons()
        screen.backups.replace()
        return True


__all__ = ["OWN_COPIES_NOTE", "Deletions", "RetentionPage"]
