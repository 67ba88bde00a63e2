"""The coping-strategy library: browse, search, favourites, hidden, own strategies, notes,
"Try it" with "Did it help?", what helps, and suggestions after an incident is saved.

Layout: categories on the left (All, Favourites, each category with its count, Hidden), the
strategies in the middle (title, one-line summary, time; favourites starred), the chosen
strategy on the right (:class:`~peerdesk.ui.library.detail.StrategyDetail`). "Support" is
always in the header. The screen assembles the parts and hands each family of actions to a
helper (:mod:`peerdesk.ui.library.actions`); the suggestion ranking is
:mod:`peerdesk.models.suggestions`.

Shortcuts within the screen: Ctrl+F search, Ctrl+D favourite, Ctrl+N new strategy. They are
taken through ``ShortcutOverride`` while the focus is inside the screen, so they win over a
window-wide action on the same keys (File > New vault is Ctrl+N) only here, and never over a
text field's own editing keys.

Search uses the repository's full-text search (accents are ignored: "cafe" finds "café").
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import ClassVar

from PySide6.QtCore import QEvent, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from peerdesk.i18n import _
from peerdesk.models import suggestions
from peerdesk.models.enums import IncidentCategory
from peerdesk.models.strategy import Strategy
from peerdesk.storage.repository import Change
from peerdesk.ui.common.item_models import ObjectRole
from peerdesk.ui.common.session import VaultSession
from peerdesk.ui.library.actions import LibraryDialogs, StrategyActions
from peerdesk.ui.library.categories import CategoryList, view_counts
from peerdesk.ui.library.detail import StrategyDetail
from peerdesk.ui.library.editor import StrategyEditor
from peerdesk.ui.library.model import (
    VIEW_ALL,
    VIEW_HIDDEN,
    VIEW_ROLE,
    StrategyFilter,
    StrategyListModel,
    empty_text,
)
from peerdesk.ui.library.status import StatusLine
from peerdesk.ui.library.strategy_list import StrategyList
from peerdesk.ui.library.try_dialog import TryStrategyDialog
from peerdesk.ui.library.widgets import plain_label

__all__ = ["LibraryScreen"]


class LibraryScreen(QWidget):
    """The coping library. ``support_requested`` for the Support button (and the try view's).

    ``clock`` is the countdown's time source in the try view (tests pass a fake one). The
    parts: ``detail`` (the chosen strategy and its note), ``status`` (the status line with
    Undo), ``actions`` (favourite, hide, delete) and ``dialogs`` (editor, try, what helps).
    """

    support_requested = Signal()

    def __init__(
        self,
        session: VaultSession,
        parent: QWidget | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("libraryScreen")
        self._session = session
        self._unsubscribe: Callable[[], None] | None = None
        self.strategy_actions = StrategyActions(self, session)
        self.dialogs = LibraryDialogs(self, session, clock)

        self.model = StrategyListModel(session)
        self.proxy = StrategyFilter()
        self.proxy.setSourceModel(self.model)
        self.proxy.sort(0, Qt.SortOrder.AscendingOrder)

        self.detail = StrategyDetail(session, self)
        self.detail.try_button.clicked.connect(self.try_current)
        self.detail.favourite_button.clicked.connect(self.strategy_actions.toggle_favourite)
        self.detail.hide_button.clicked.connect(self.strategy_actions.toggle_hidden)
        self.detail.edit_button.clicked.connect(self.dialogs.edit_current)
        self.detail.delete_button.clicked.connect(self.delete_current)
        self.status = StatusLine(lambda: session.is_open)
        self.status.continue_requested.connect(self.dialogs.continue_writing)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(10)
        layout.addLayout(self._build_header())
        layout.addWidget(self._build_body(), 1)
        layout.addWidget(self.status)

        self.status.focus_after = self.list_view
        self.category_list.fill(None)
        self.detail.show_strategy(None)
        self._update_recent()

    # -- building ----------------------------------------------------------------------------------

    def _build_header(self) -> QVBoxLayout:
        title = QLabel(_("<h2>Coping library</h2>"))
        title.setTextFormat(Qt.TextFormat.RichText)
        self.new_button = QPushButton(_("New strategy…"))
        self.new_button.setObjectName("newStrategyButton")
        self.new_button.setToolTip(_("Write a strategy of your own (Ctrl+N)"))
        self.new_button.clicked.connect(lambda: self.dialogs.new_strategy())
        self.what_helps_button = QPushButton(_("What helps me"))
        self.what_helps_button.setObjectName("whatHelpsButton")
        self.what_helps_button.setToolTip(_("The strategies you tried, by how much they helped"))
        self.what_helps_button.clicked.connect(self.dialogs.show_what_helps)
        self.recent_button = QPushButton(_("Recently hidden"))
        self.recent_button.setObjectName("recentlyHiddenButton")
        self.recent_menu = QMenu(self.recent_button)
        self.recent_menu.setObjectName("recentlyHiddenMenu")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self.recent_button.setMenu(self.recent_menu)
        self.support_button = QPushButton(_("Support"))
        self.support_button.setObjectName("librarySupportButton")
        self.support_button.setToolTip(_("Support and crisis resources"))
        self.support_button.clicked.connect(self.support_requested)
        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(self.new_button)
        top.addWidget(self.what_helps_button)
        top.addWidget(self.recent_button)
        top.addWidget(self.support_button)

        intro = plain_label(
            _(
                "Practical things to try when work is hard. Try one, then say whether it helped — "
                "PeerDesk remembers what works for you. Hide the ones that don't."
            )
        )
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("librarySearch")
        self.search_edit.setPlaceholderText(_("Search strategies (Ctrl+F)"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setAccessibleName(_("Search strategies"))
        self.search_edit.textChanged.connect(self._search_changed)

        header = QVBoxLayout()
        header.setSpacing(8)
        header.addLayout(top)
        header.addWidget(intro)
        header.addWidget(self.search_edit)
        return header

    def _build_body(self) -> QSplitter:
        self.category_list = CategoryList()
        self.category_list.currentItemChanged.connect(self._category_changed)

        self.list_stack = StrategyList(self.proxy)
        self.list_view = self.list_stack.list_view
        self.empty_label = self.list_stack.empty_label
        self.list_view.selectionModel().currentChanged.connect(self._current_changed)
        self.list_view.activated.connect(lambda _index: self.try_current())

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.category_list)
        splitter.addWidget(self.list_stack)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 2)
        splitter.setStretchFactor(2, 3)
        splitter.setSizes([180, 280, 440])
        self.splitter = splitter
        return splitter

    # -- life cycle --------------------------------------------------------------------------------

    def on_opened(self) -> None:
        repos = self._session.repos
        if self._unsubscribe is not None:
            self._unsubscribe()
        self.model.attach(repos.strategies)
        self._unsubscribe = repos.strategies.subscribe(self._on_change)
        self._update_counts()
        if self.category_list.currentRow() < 0:
            self.category_list.setCurrentRow(0)
        self._ensure_current()
        self.dialogs.offer_draft()

    def on_closing(self) -> None:
        """The vault is about to close: keep what was typed, close the dialogs, let go of
        every strategy text and stop the timers."""
        self.save_note()
        self.dialogs.close_all()  # the editor keeps unsaved typing as a draft
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        self.detail.stop()
        self.status.hide_status()
        self.model.clear()
        self.proxy.set_search_ids(None)
        blocked = self.search_edit.blockSignals(True)
        self.search_edit.clear()
        self.search_edit.blockSignals(blocked)
        self.detail.show_strategy(None)
        self.category_list.fill(None)
        self.empty_label.clear()
        self.strategy_actions.forget()
        self._update_recent()

    # -- categories, search and the list -----------------------------------------------------------

    def _update_counts(self) -> None:
        if self._session.is_open:
            self.category_list.fill(view_counts(self.model.strategies(), self.proxy.search_ids))
        self._update_recent()

    # -- recently hidden ---------------------------------------------------------------------------

    def _update_recent(self) -> None:
        has = self._session.is_open and bool(self.strategy_actions.recent())
        self.recent_button.setEnabled(has)
        self.recent_button.setToolTip(
            _("Bring back a strategy you hid while PeerDesk was open")
            if has
            else _("Strategies you hide while PeerDesk is open are listed here")
        )

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        if not self._session.is_open:
            return
        for strategy in self.strategy_actions.recent():
            action = self.recent_menu.addAction(strategy.title.replace("&", "&&"))
            action.setStatusTip(_("Show it in the library again"))
            sid = strategy.id or 0
            action.triggered.connect(lambda _checked=False, sid=sid: self.bring_back(sid))

    def recently_hidden(self) -> list[Strategy]:
        """What the "Recently hidden" menu lists (newest first; also used by tests)."""
        return self.strategy_actions.recent() if self._session.is_open else []

    def bring_back(self, strategy_id: int) -> bool:
        """Show a hidden strategy in the library again, and choose it."""
        if not self._session.is_open:
            return False
        brought = self.strategy_actions.bring_back(strategy_id)
        self._update_recent()
        return brought

    def current_view(self) -> str | None:
        return self.category_list.current_view()

    def set_view(self, view: str) -> None:
        """Show All, Favourites, Hidden or a category (its ``StrategyCategory`` value)."""
        self.category_list.set_view(view)

    def _category_changed(
        self, current: QListWidgetItem | None, _previous: QListWidgetItem | None
    ) -> None:
        if current is None:
            return
        self.proxy.set_view(str(current.data(VIEW_ROLE)))
        self._ensure_current()

    def _search_changed(self, text: str) -> None:
        self._apply_search(text)
        self._update_counts()
        self._ensure_current()

    def _apply_search(self, text: str) -> None:
        if not text.strip() or not self._session.is_open:
            self.proxy.set_search_ids(None)
            return
        found = self._session.repos.strategies.list(search=text, include_hidden=True)
        ids = {s.id for s in found if s.id is not None}
        # The vault holds the English of built-in strategies: match what is shown too.
        words = text.casefold().split()
        for shown in self.model.strategies():
            if shown.key is None or shown.id is None or shown.id in ids:
                continue
            haystack = " ".join((shown.title, shown.summary, shown.when_it_helps, *shown.steps))
            if all(word in haystack.casefold() for word in words):
                ids.add(shown.id)
        self.proxy.set_search_ids(ids)

    def visible_strategies(self) -> list[Strategy]:
        """The strategies listed, in the order shown (also used by tests)."""
        return self.proxy.strategies()

    def _ensure_current(self) -> None:
        """Keep the current strategy when it is still listed; otherwise show the first."""
        if self.proxy.rowCount() == 0:
            searching = bool(self.search_edit.text().strip())
            self.list_stack.show_empty(empty_text(searching, self.proxy.view))
            self.detail.show_strategy(None)
            return
        kept = self.list_stack.keep_current()
        if kept is not None:
            self.detail.show_strategy(kept)

    def current_strategy(self) -> Strategy | None:
        return self.list_stack.current_strategy()

    def select_strategy(self, strategy_id: int) -> bool:
        """Show ``strategy_id``, switching to All (or Hidden) and clearing the search when
        the current view does not list it."""
        row = self.model.row_of(strategy_id)
        if row is None:
            return False
        strategy = self.model.item(row)
        proxy_index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not proxy_index.isValid():
            if self.search_edit.text():
                self.search_edit.clear()
            self.set_view(VIEW_HIDDEN if strategy.hidden else VIEW_ALL)
            proxy_index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not proxy_index.isValid():
            return False
        self.list_stack.select(proxy_index)
        return True

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.detail.show_strategy(current.data(ObjectRole) if current.isValid() else None)

    def _on_change(self, change: Change) -> None:
        """A strategy was added, changed or removed (the model has already followed)."""
        if self.proxy.search_ids is not None:
            self._apply_search(self.search_edit.text())
        self._update_counts()
        self._ensure_current()

    # -- the parts' actions, for the buttons, the keys, the main window and the tests --------------

    @property
    def editor(self) -> StrategyEditor | None:
        """The strategy editor while it is open."""
        return self.dialogs.editor

    def save_note(self) -> bool:
        return self.detail.save_note()

    def delete_current(self) -> None:
        self.strategy_actions.delete_current()

    def try_current(self) -> TryStrategyDialog | None:
        strategy = self.current_strategy()
        if strategy is None or strategy.id is None:
            return None
        return self.try_strategy(strategy.id)

    def try_strategy(
        self, strategy_id: int, incident_id: int | None = None
    ) -> TryStrategyDialog | None:
        return self.dialogs.try_strategy(strategy_id, incident_id)

    # -- suggestions -------------------------------------------------------------------------------

    def suggest_for(self, categories: set[IncidentCategory], *, limit: int = 3) -> list[Strategy]:
        """Two or three strategies suited to an incident with ``categories``, best first
        (:func:`peerdesk.models.suggestions.suggest`; hidden strategies never appear)."""
        if not self._session.is_open:
            return []
        repo = self._session.repos.strategies
        kinds = suggestions.kinds_of(categories)
        return suggestions.suggest(
            repo.list(),
            kinds,
            overall=repo.ranking(),
            after={kind: repo.ranking(kind) for kind in kinds},
            limit=limit,
        )

    # -- keyboard ----------------------------------------------------------------------------------

    _KEYS: ClassVar[dict[str, str]] = {
        QKeySequence("Ctrl+F").toString(): "search",
        QKeySequence("Ctrl+D").toString(): "favourite",
        QKeySequence("Ctrl+N").toString(): "new",
    }

    def _key_action(self, event: QKeyEvent) -> str | None:
        return self._KEYS.get(QKeySequence(event.keyCombination()).toString())

    def event(self, event: QEvent) -> bool:
        # Claim the screen's shortcuts while the focus is inside it (the focus widget saw the
        # override first and could keep a key for its own editing).
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and self._key_action(event) is not None
        ):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        action = self._key_action(event)
        if action is None or not self._session.is_open:
            super().keyPressEvent(event)
            return
        event.accept()
        if action == "search":
            self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.search_edit.selectAll()
        elif action == "favourite":
            self.strategy_actions.toggle_favourite()
        else:
            self.dialogs.new_strategy()
