"""Colleagues: a peer supporter's confidential, minimal notes (REPORTING.md, "Peer supporter
notes"; SECURITY.md 16-19, 22, 23, 26).

The screen has four tabs:

- **Colleagues**: the list (pseudonym, status, last contact, next follow-up, retention date;
  active / closed / all; search), and for the selected colleague their details (pseudonym, a
  real name that stays hidden until "Reveal real name" and hides again on selection change,
  save and lock; consent; retention; status; notes), their conversations with an editor, and
  "What I hold" — everything stored about them, with "Save as PDF…".
- **Follow-ups**: open follow-ups, overdue first; mark done or reschedule.
- **Past retention**: colleagues whose retention period has run out, with the date; deleting
  everything about one or several of them is confirmed first and is complete (storage removes the
  colleague, their conversations, drafts and every search-index row).

Every deletion for good (a colleague, colleagues past retention, a conversation) is followed, in
the background, by replacing the automatic backups with one fresh backup without it
(``storage.backup.replace_automatic_backups``); what happened is shown under the tabs, and the
dialogs say that copies the user made still hold it.
- **Statistics**: counts only for a period, as bar charts, with CSV and PDF export.

Editors keep unsaved work as drafts inside the vault (autosaved a moment after typing stops,
when switching records and when the vault closes) and restore it when the record is opened
again. The real name is never put into a draft. The wording check shows gentle hints under
the summary, actions, notes and debrief; it never stops saving.

On ``on_closing`` (lock, quit) the screen saves drafts, hides the real name, closes its dialogs,
forgets pending exports and empties every model and field, so no note text stays reachable.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSortFilterProxyModel, QTimer, Signal
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from peerdesk.i18n import _
from peerdesk.models.supporter_views import HeldRecord, ProgrammeStats
from peerdesk.storage.repository import Change
from peerdesk.ui.common.clipboard import SecureClipboard
from peerdesk.ui.common.date_field import to_qdate
from peerdesk.ui.common.notices import note
from peerdesk.ui.common.session import VaultSession
from peerdesk.ui.directory.editor import ResourceEditor
from peerdesk.ui.supporter.backups import BackupReplacer
from peerdesk.ui.supporter.colleague_list import ColleagueSearch
from peerdesk.ui.supporter.colleagues_tab import ColleagueSelection, ColleaguesTab
from peerdesk.ui.supporter.conversations import CONVERSATIONS_TAB, ConversationActions
from peerdesk.ui.supporter.exports import Exporter, ExportOptionsDialog
from peerdesk.ui.supporter.follow_ups import FollowUpActions, FollowUpsPage
from peerdesk.ui.supporter.holding import HOLD_TAB, Holding
from peerdesk.ui.supporter.models import (
    ColleagueFilter,
    ColleagueListModel,
    ConversationListModel,
    ExpiredModel,
    FollowUpModel,
)
from peerdesk.ui.supporter.resume import Resume
from peerdesk.ui.supporter.retention import Deletions, RetentionPage
from peerdesk.ui.supporter.statistics import Statistics, StatsPanel
from peerdesk.ui.supporter.widgets import on_row_chosen, sorting_proxy

if TYPE_CHECKING:
    from PySide6.QtWidgets import QFileDialog

    from peerdesk.ui.common.preferences import Preferences

#: The screen's tabs after the first (Colleagues).
FOLLOW_UPS_TAB, RETENTION_TAB = 1, 2
#: Days after today a follow-up is rescheduled to, unless another date is chosen.
RESCHEDULE_DAYS = 7


class ColleaguesScreen(QWidget):
    """Peer-supporter notes (see the module docstring). It assembles the tabs and hands each
    family of actions to a helper: choosing a colleague (:class:`ColleagueSelection`), search
    (:class:`ColleagueSearch`), conversations (:class:`ConversationActions`), follow-ups
    (:class:`FollowUpActions`), deletion (:class:`Deletions`, :class:`BackupReplacer`), "What
    I hold" (:class:`Holding`), statistics (:class:`Statistics`) and exports
    (:class:`Exporter`)."""

    export_finished = Signal(bool)  # succeeded
    #: After a permanent deletion: the automatic backups were replaced (or none were there).
    backups_replaced = Signal(bool)  # succeeded

    def __init__(
        self,
        session: VaultSession,
        parent: QWidget | None = None,
        *,
        today: Callable[[], date] = date.today,
        clipboard: SecureClipboard | None = None,
        preferences: Preferences | None = None,
        in_steps: bool = False,
    ) -> None:
        """``in_steps``: the screen is left half made; each ``next(remaining_steps)`` makes a
        piece more, and it is whole once ``remaining_steps`` is None (the main window is built
        behind the unlock window a piece per turn of the event loop, and this is its largest
        screen)."""
        super().__init__(parent)
        self.setObjectName("colleaguesScreen")
        self.session = session
        self.today = today
        self._own_clipboard = clipboard is None
        self.clipboard = clipboard or SecureClipboard(self)
        self.preferences = preferences
        self._unsubscribe: list[Callable[[], None]] = []
        self._build_models()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.addWidget(QLabel(_("<h2>Colleagues</h2>")))
        layout.addWidget(
            note(
                _(
                    "Confidential notes of your peer-support conversations. Colleagues are known "
                    "by a "
                    "pseudonym; a real name stays hidden unless you reveal it. Keep notes short "
                    "and "
                    "factual — what was agreed, not diagnoses or judgements."
                )
            )
        )
        self.tabs = QTabWidget()
        self.tabs.setObjectName("colleaguesTabs")
        self.tabs.setDocumentMode(True)
        layout.addWidget(self.tabs, 1)
        self.deletion_status = note("", "deletionStatus")
        self.deletion_status.setAccessibleName(_("What happened to backups after deleting"))
        layout.addWidget(self.deletion_status)
        self.backups = BackupReplacer(self)
        self._backups_checked = False  # on_vault_opened ran since the vault opened
        self.deletions = Deletions(self)
        self.exports = Exporter(self)
        self.holding = Holding(self)
        self.selection = ColleagueSelection(self)
        self.remaining_steps: Iterator[None] | None = self._build_steps()
        if not in_steps:
            for _piece in self.remaining_steps:
                pass

    # -- building ----------------------------------------------------------------------------------

    def _build_steps(self) -> Iterator[None]:
        """The tabs, a piece per ``next``; ``remaining_steps`` is None once all are made."""
        today = self.today
        tab = ColleaguesTab(
            self.session, today, self.colleague_proxy, self.conversation_proxy, in_steps=True
        )
        # In its place at once: a piece left without a parent, should the building stop half
        # way, would be deleted by Python's cycle collector, on whichever thread it runs.
        self.tabs.addTab(tab, _("Colleagues"))
        yield
        yield from tab.build_steps()
        self._build_colleagues_tab(tab)
        yield
        self.tabs.addTab(self._build_follow_ups_tab(), _("Follow-ups"))
        self.tabs.addTab(self._build_retention_tab(), _("Past retention"))
        self.stats_panel = StatsPanel(today)
        self.stats_panel.setObjectName("statsPanel")
        self.tabs.addTab(self.stats_panel, _("Statistics"))
        self.statistics = Statistics(self.session, self.stats_panel)
        self.stats_panel.export_csv_requested.connect(lambda: self.exports.start("stats_csv"))
        self.stats_panel.export_pdf_requested.connect(lambda: self.exports.start("stats_pdf"))
        self._resume = Resume(self)

        self._counts_timer = QTimer(self)
        self._counts_timer.setSingleShot(True)
        self._counts_timer.setInterval(0)
        self._counts_timer.timeout.connect(self._update_counts)
        for model in (self.follow_model, self.expired_model, self.colleague_model):
            for signal in (
                model.rowsInserted,
                model.rowsRemoved,
                model.modelReset,
                model.dataChanged,
            ):
                signal.connect(self._counts_timer.start)
        # No style sheet on the screen itself: the wording hints and the draft banners carry
        # their own. One here restyled every widget of the screen, twice when the main window
        # took it in (0.2-0.3 s of the GUI thread while the passphrase was typed).
        self._update_counts()
        self.remaining_steps = None

    def _build_models(self) -> None:
        session, today = self.session, self.today
        self.follow_model = FollowUpModel(session, today)
        self.colleague_model = ColleagueListModel(session, today, self.follow_model.items)
        self.colleague_proxy = ColleagueFilter()
        self.colleague_proxy.setSourceModel(self.colleague_model)
        self.conversation_model = ConversationListModel(session)
        self.conversation_proxy = sorting_proxy()
        self.conversation_proxy.setSourceModel(self.conversation_model)
        self.follow_proxy = sorting_proxy()
        self.follow_proxy.setSourceModel(self.follow_model)
        self.expired_model = ExpiredModel(session, today)
        self.expired_proxy: QSortFilterProxyModel = sorting_proxy()
        self.expired_proxy.setSourceModel(self.expired_model)

    def _build_colleagues_tab(self, tab: ColleaguesTab) -> None:
        left, conversations, hold = tab.list_page, tab.conversations_page, tab.hold_page
        self.search_edit = left.search_edit
        self.status_combo = left.status_combo
        self.colleague_table = left.colleague_table
        self.new_colleague_button = left.new_colleague_button
        self.search = ColleagueSearch(self.session, left, self.colleague_proxy)
        on_row_chosen(self.colleague_table, self.selection.row_changed)
        self.new_colleague_button.clicked.connect(self.new_colleague)

        self.detail_tabs = tab.detail_tabs
        self.detail_stack = tab.detail_stack
        self.form = tab.form
        self.conversation_table = conversations.conversation_table
        self.new_conversation_button = conversations.new_conversation_button
        self.editor = conversations.editor
        self.editor_stack = conversations.editor_stack
        self.conversations = ConversationActions(self, conversations)
        self.hold_view = hold.hold_view
        self.hold_pdf_button = hold.hold_pdf_button
        self.hold_copy_button = hold.hold_copy_button
        self.hold_pdf_button.clicked.connect(lambda: self.exports.start("hold"))
        self.hold_copy_button.clicked.connect(self.holding.copy)

        self.form.saved.connect(self.selection.saved)
        self.form.delete_requested.connect(self.delete_colleague)
        self.form.what_i_hold_requested.connect(lambda: self.detail_tabs.setCurrentIndex(HOLD_TAB))
        self.form.real_name_shown.connect(lambda _shown: self.holding.refresh())
        self.detail_tabs.currentChanged.connect(self.holding.tab_changed)

    def _build_follow_ups_tab(self) -> QWidget:
        page = self.follow_page = FollowUpsPage(self.follow_proxy)
        self.follow_table = page.follow_table
        self.mark_done_button = page.mark_done_button
        self.reschedule_edit = page.reschedule_edit
        self.reschedule_button = page.reschedule_button
        self.open_follow_button = page.open_follow_button
        self.follow_ups = FollowUpActions(self, page)
        self.follow_table.selectionModel().currentRowChanged.connect(
            lambda *_args: self.update_buttons()
        )
        return page

    def _build_retention_tab(self) -> QWidget:
        page = self.retention_page = RetentionPage(self.expired_proxy)
        self.expired_table = page.expired_table
        self.delete_expired_button = page.delete_expired_button
        self.open_expired_button = page.open_expired_button
        self.retention_note = page.retention_note
        self.delete_expired_button.clicked.connect(self.deletions.delete_selected_expired)
        self.open_expired_button.clicked.connect(self.deletions.open_selected_expired)
        selection = self.expired_table.selectionModel()
        selection.currentRowChanged.connect(lambda *_args: self.update_buttons())
        selection.selectionChanged.connect(lambda *_args: self.update_buttons())
        return page

    # -- what the helpers hold ---------------------------------------------------------------------

    @property
    def stats(self) -> ProgrammeStats | None:
        return self.statistics.stats

    @property
    def held(self) -> HeldRecord | None:
        return self.holding.held

    @property
    def export_dialog(self) -> ExportOptionsDialog | None:
        return self.exports.export_dialog

    @property
    def file_dialog(self) -> QFileDialog | None:
        return self.exports.file_dialog

    @property
    def last_export(self) -> Path | None:
        return self.exports.last_export

    @property
    def resource_dialog(self) -> ResourceEditor | None:
        return self.conversations.resource_dialog

    # -- life cycle --------------------------------------------------------------------------------

    def on_opened(self) -> None:
        repos = self.session.repos
        # The follow-ups first: the colleague list takes each one's next follow-up from them
        # (and, following the same repository, it hears of a change after them).
        self.follow_model.attach(repos.conversations)
        self.colleague_model.attach(repos.colleagues)
        self.conversation_model.attach(repos.conversations)
        self.conversation_model.show_colleague(None)
        self.expired_model.attach(repos.colleagues)
        self._unsubscribe += [
            repos.conversations.subscribe(self._conversations_changed),
            repos.colleagues.subscribe(self._colleagues_changed),
            repos.resources.subscribe(lambda _change: self.conversations.load_resources()),
        ]
        self.conversations.load_resources()
        self.reschedule_edit.setDate(to_qdate(self.today() + timedelta(days=RESCHEDULE_DAYS)))
        self.statistics.refresh()  # (read when its tab is shown)
        self._resume.restore()
        self._update_counts()
        self.update_buttons()
        if not self._backups_checked:  # (shown on its own, without a main window)
            self.backups.opened()

    def on_vault_opened(self) -> None:
        """At every unlock, whether this screen is shown or not (the main window calls it; its
        data waits until it is shown): finish replacing the backups that still hold something
        deleted for good, if a lock, quit or crash interrupted it (one setting is read)."""
        self._backups_checked = True
        self.backups.opened()

    def on_closing(self) -> None:
        """The vault is about to close (lock, quit): keep unsaved work as drafts, hide the real
        name, close dialogs, and let go of everything shown."""
        self._backups_checked = False
        self._resume.remember()
        self.form.save_draft()
        self.editor.save_draft()
        self.form.hide_real_name()
        self.exports.close_dialogs()
        self.conversations.close_dialogs()
        for unsubscribe in self._unsubscribe:
            unsubscribe()
        self._unsubscribe.clear()
        self.form.clear()
        self.conversations.clear()
        for model in (
            self.colleague_model,
            self.conversation_model,
            self.follow_model,
            self.expired_model,
        ):
            model.clear()
        self.search.clear()
        self.holding.clear()
        self.statistics.clear()
        self.retention_note.clear()
        self.deletion_status.clear()
        if self._own_clipboard:
            self.clipboard.clear_if_ours()
        self._update_counts()
        self.update_buttons()

    # -- change notifications ----------------------------------------------------------------------

    def _conversations_changed(self, change: Change) -> None:
        self.colleague_model.follow_ups_changed()
        self.conversations.changed_elsewhere(change)
        self.holding.refresh()
        self.statistics.refresh()

    def _colleagues_changed(self, change: Change) -> None:
        self.follow_model.colleagues_changed(change.ids)  # pseudonyms shown there
        if change.kind == "removed" and self.form.colleague_id in change.ids:
            self.selection.show(None)
        elif self.form.colleague_id in change.ids:
            self.form.refresh_stored()
            self.holding.refresh()
        self.statistics.refresh()

    def _update_counts(self) -> None:
        overdue = self.follow_model.overdue_count()
        total = self.follow_model.rowCount()
        if total and overdue:
            # translators: a tab's title; {count} is the number of overdue follow-ups
            title = _("Follow-ups ({count} overdue)").format(count=overdue)
        elif total:
            # translators: a tab's title; {count} is the number of open follow-ups
            title = _("Follow-ups ({count})").format(count=total)
        else:
            title = _("Follow-ups")
        self.tabs.setTabText(FOLLOW_UPS_TAB, title)
        expired = self.expired_model.rowCount()
        self.tabs.setTabText(
            RETENTION_TAB,
            # translators: a tab's title; {count} is the number of colleagues listed there
            _("Past retention ({count})").format(count=expired) if expired else _("Past retention"),
        )

    def update_buttons(self) -> None:
        self.follow_page.update_buttons()
        self.retention_page.update_buttons()
        has_colleague = self.form.colleague_id is not None
        self.detail_stack.setCurrentIndex(1 if self.form.isEnabled() else 0)
        self.detail_tabs.setTabEnabled(CONVERSATIONS_TAB, has_colleague)
        self.detail_tabs.setTabEnabled(HOLD_TAB, has_colleague)
        self.new_conversation_button.setEnabled(has_colleague)
        self.hold_pdf_button.setEnabled(has_colleague)
        self.hold_copy_button.setEnabled(self.held is not None)

    # -- what other parts ask of the screen --------------------------------------------------------

    def select_colleague(self, colleague_id: int) -> bool:
        """Select a colleague in the list (widening the status filter if needed)."""
        return self.selection.select(colleague_id)

    def new_colleague(self) -> None:
        self.selection.new()

    def delete_colleague(self, colleague_id: int) -> bool:
        """Ask, then delete everything about one colleague. Returns whether it was deleted."""
        return self.deletions.delete_colleagues([colleague_id])

    def open_conversation(self, conversation_id: int) -> bool:
        """Show one conversation (selecting its colleague) in the editor."""
        return self.conversations.open_conversation(conversation_id)


__all__ = ["ColleaguesScreen"]
