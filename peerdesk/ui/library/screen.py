"""The coping-strategy library: browse, search, favourites, hidden, own strategies, notes,
"Try it" with "Did it help?", what helps, and suggestions after an incident is saved.

Layout: categories on the left (All, Favourites, each category with its count, Hidden), the
strategies in the middle (title, one-line summary, time; favourites starred), the chosen
strategy on the right (summary, when it helps, numbered steps, time, built-in or own, a
personal note saved as you type, and the actions). "Support" is always in the header.

Shortcuts within the screen: Ctrl+F search, Ctrl+D favourite, Ctrl+N new strategy. They are
taken through ``ShortcutOverride`` while the focus is inside the screen, so they win over a
window-wide action on the same keys (File > New vault is Ctrl+N) only here, and never over a
text field's own editing keys.

Search uses the repository's full-text search (accents are ignored: "cafe" finds "café").
"""

from __future__ import annotations

import contextlib
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any, ClassVar

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent, QKeySequence, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from peerdesk.models.enums import IncidentCategory, RecordKind, StrategyCategory, StrategySource
from peerdesk.models.errors import ValidationError
from peerdesk.models.strategy import Strategy, StrategyUse
from peerdesk.storage.errors import RecordNotFound, VaultError
from peerdesk.storage.repository import Change
from peerdesk.ui.common.item_models import Column, ObjectRole, RecordTableModel, SortRole
from peerdesk.ui.common.messages import Messages
from peerdesk.ui.common.notices import Notice
from peerdesk.ui.common.session import VaultSession
from peerdesk.ui.common.theme import blend_colours
from peerdesk.ui.common.vault_settings import SettingsRegistry
from peerdesk.ui.library.dialogs import (
    StrategyEditor,
    TryStrategyDialog,
    WhatHelpsDialog,
    minutes_text,
    muted,
    plain_label,
)

__all__ = [
    "INCIDENT_STRATEGY_CATEGORIES",
    "LibraryScreen",
    "StrategyFilter",
    "StrategyListModel",
    "SuggestionBanner",
    "suggestions_wanted",
]

VIEW_ALL = "all"
VIEW_FAVOURITES = "favourites"
VIEW_HIDDEN = "hidden"
VIEW_ROLE = Qt.ItemDataRole.UserRole + 10

#: The personal note is saved this long after the last keystroke (and when leaving it).
NOTE_SAVE_MS = 800
#: How long "Deleted — Undo" (and the other status lines) stay on screen.
STATUS_MS = 10_000
#: Untried strategies count as this rating when suggestions are ranked (the middle, 0-4).
UNTRIED_SCORE = 2.0
#: At most this many suggestions come from one library category (variety).
PER_CATEGORY = 2

#: Which library categories suit which kind of incident, best fit first. Support-a-colleague
#: strategies are for peer supporters and are never suggested after one's own incident.
INCIDENT_STRATEGY_CATEGORIES: dict[IncidentCategory, tuple[StrategyCategory, ...]] = {
    IncidentCategory.VERBAL_ABUSE: (
        StrategyCategory.CALM_BODY,
        StrategyCategory.RESPOND_MOMENT,
        StrategyCategory.DOCUMENT_REPORT,
    ),
    IncidentCategory.SHOUTING_INTIMIDATION: (
        StrategyCategory.CALM_BODY,
        StrategyCategory.RESPOND_MOMENT,
        StrategyCategory.SEEK_SUPPORT,
    ),
    IncidentCategory.PUBLIC_HUMILIATION: (
        StrategyCategory.STEADY_MIND,
        StrategyCategory.RECOVER_SELFCARE,
        StrategyCategory.DOCUMENT_REPORT,
    ),
    IncidentCategory.EXCLUSION_ISOLATION: (
        StrategyCategory.SEEK_SUPPORT,
        StrategyCategory.STEADY_MIND,
        StrategyCategory.RECOVER_SELFCARE,
    ),
    IncidentCategory.UNDERMINING_SABOTAGE: (
        StrategyCategory.DOCUMENT_REPORT,
        StrategyCategory.STEADY_MIND,
        StrategyCategory.COMMUNICATE_RESOLVE,
    ),
    IncidentCategory.UNREASONABLE_WORKLOAD: (
        StrategyCategory.COMMUNICATE_RESOLVE,
        StrategyCategory.RECOVER_SELFCARE,
        StrategyCategory.DOCUMENT_REPORT,
    ),
    IncidentCategory.EXCESSIVE_MONITORING: (
        StrategyCategory.STEADY_MIND,
        StrategyCategory.DOCUMENT_REPORT,
        StrategyCategory.COMMUNICATE_RESOLVE,
    ),
    IncidentCategory.THREATS: (
        StrategyCategory.SEEK_SUPPORT,
        StrategyCategory.DOCUMENT_REPORT,
        StrategyCategory.CALM_BODY,
    ),
    IncidentCategory.CYBERBULLYING: (
        StrategyCategory.DOCUMENT_REPORT,
        StrategyCategory.RESPOND_MOMENT,
        StrategyCategory.STEADY_MIND,
    ),
    IncidentCategory.SEXUAL_HARASSMENT: (
        StrategyCategory.SEEK_SUPPORT,
        StrategyCategory.DOCUMENT_REPORT,
        StrategyCategory.CALM_BODY,
    ),
    IncidentCategory.DISCRIMINATION: (
        StrategyCategory.SEEK_SUPPORT,
        StrategyCategory.DOCUMENT_REPORT,
        StrategyCategory.STEADY_MIND,
    ),
    IncidentCategory.RETALIATION: (
        StrategyCategory.DOCUMENT_REPORT,
        StrategyCategory.SEEK_SUPPORT,
        StrategyCategory.STEADY_MIND,
    ),
    IncidentCategory.OTHER: (
        StrategyCategory.CALM_BODY,
        StrategyCategory.STEADY_MIND,
        StrategyCategory.RECOVER_SELFCARE,
    ),
}


def suggestions_wanted(registry: SettingsRegistry | None) -> bool:
    """Whether to offer strategies after an incident is saved (the "suggest_strategies"
    setting; on when there is no registry)."""
    return True if registry is None else bool(registry.get("suggest_strategies"))


def discard(widget: QWidget | None) -> None:
    """Hide ``widget`` and empty its labels and buttons now (deletion comes later)."""
    if widget is None:
        return
    widget.hide()
    for label in widget.findChildren(QLabel):
        label.clear()
    for button in widget.findChildren(QPushButton):
        button.setText("")
        button.setAccessibleName("")
    widget.deleteLater()


# -- the list model, its filter and its look ----------------------------------------------------


def _short_minutes(strategy: Strategy) -> str:
    return f"{strategy.minutes} min" if strategy.minutes else ""


def strategy_columns() -> list[Column[Strategy]]:
    return [
        Column("Strategy", lambda s: s.title, sort_key=lambda s: s.title.casefold()),
        Column("In one line", lambda s: s.summary),
        Column("Category", lambda s: s.category.label),
        Column("Time", _short_minutes, sort_key=lambda s: s.minutes or 0, align_right=True),
    ]


class StrategyListModel(RecordTableModel[Strategy]):
    """Every strategy, hidden ones included (the filter decides what shows)."""

    def __init__(self, session: VaultSession) -> None:
        self._session = session
        super().__init__(
            strategy_columns(),
            key=lambda s: s.id or 0,
            load_all=lambda: self._session.repos.strategies.list(include_hidden=True),
            load_some=self._load_some,
        )

    def _load_some(self, ids: Sequence[int]) -> list[Strategy]:
        found = []
        for strategy_id in ids:
            try:
                found.append(self._session.repos.strategies.get(strategy_id))
            except RecordNotFound:
                continue
        return found

    def strategies(self) -> list[Strategy]:
        return [self.item(row) for row in range(self.rowCount())]

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.AccessibleTextRole and index.isValid() and index.column() == 0:
            if index.row() >= self.rowCount():
                return None
            return _spoken(self.item(index.row()))
        return super().data(index, role)


def _spoken(strategy: Strategy) -> str:
    parts = [strategy.title]
    if strategy.summary:
        parts.append(strategy.summary)
    if strategy.minutes:
        parts.append(minutes_text(strategy.minutes))
    if strategy.favourite:
        parts.append("favourite")
    return ". ".join(parts)


def accepts(strategy: Strategy, view: str, ids: set[int] | None) -> bool:
    """Whether ``strategy`` shows in ``view`` (All, Favourites, Hidden or a category value)
    among the search results ``ids`` (None: no search)."""
    if ids is not None and strategy.id not in ids:
        return False
    if view == VIEW_HIDDEN:
        return strategy.hidden
    if strategy.hidden:
        return False
    if view == VIEW_FAVOURITES:
        return strategy.favourite
    if view == VIEW_ALL:
        return True
    return strategy.category.value == view


class StrategyFilter(QSortFilterProxyModel):
    """What the strategy list shows: one view, narrowed by the search results."""

    def __init__(self) -> None:
        super().__init__()
        self.setSortRole(SortRole)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._view = VIEW_ALL
        self._ids: set[int] | None = None

    @property
    def view(self) -> str:
        return self._view

    @property
    def search_ids(self) -> set[int] | None:
        return self._ids

    def set_view(self, view: str) -> None:
        self.beginFilterChange()
        self._view = view
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_search_ids(self, ids: set[int] | None) -> None:
        self.beginFilterChange()
        self._ids = ids
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent: QModelIndex | QPersistentModelIndex) -> bool:
        model = self.sourceModel()
        strategy = model.data(model.index(row, 0, parent), ObjectRole)
        if strategy is None:
            return False
        return accepts(strategy, self._view, self._ids)

    def strategies(self) -> list[Strategy]:
        return [self.index(row, 0).data(ObjectRole) for row in range(self.rowCount())]


class StrategyDelegate(QStyledItemDelegate):
    """Two lines per strategy: title (starred when a favourite) with its time on the right,
    and the one-line summary below in the secondary text colour."""

    PAD_X = 10
    PAD_Y = 7
    GAP = 2

    @staticmethod
    def _bold(font: QFont) -> QFont:
        bold = QFont(font)
        bold.setBold(True)
        return bold

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        strategy: Strategy | None = index.data(ObjectRole)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        if strategy is None:
            return
        palette: QPalette = opt.palette
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        if selected:
            ink = palette.color(QPalette.ColorRole.HighlightedText)
            soft = blend_colours(palette.color(QPalette.ColorRole.Highlight), ink, 0.88)
        else:
            ink = palette.color(QPalette.ColorRole.Text)
            soft = palette.color(QPalette.ColorRole.PlaceholderText)
        font: QFont = opt.font
        bold = self._bold(font)
        metrics, bold_metrics = QFontMetrics(font), QFontMetrics(bold)
        rect: QRect = opt.rect.adjusted(self.PAD_X, self.PAD_Y, -self.PAD_X, -self.PAD_Y)
        first = QRect(rect.left(), rect.top(), rect.width(), bold_metrics.height())
        second = QRect(rect.left(), first.bottom() + 1 + self.GAP, rect.width(), metrics.height())

        painter.save()
        right = _short_minutes(strategy)
        if strategy.source is StrategySource.OWN:
            right = f"{right} · mine" if right else "mine"
        right_width = metrics.horizontalAdvance(right) if right else 0
        if right:
            painter.setFont(font)
            painter.setPen(soft)
            painter.drawText(
                first, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), right
            )
        title = ("★ " if strategy.favourite else "") + strategy.title
        room = first.width() - (right_width + 10 if right else 0)
        painter.setFont(bold)
        painter.setPen(ink)
        painter.drawText(
            QRect(first.left(), first.top(), max(room, 0), first.height()),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            bold_metrics.elidedText(title, Qt.TextElideMode.ElideRight, room),
        )
        summary = strategy.summary or strategy.category.label
        painter.setFont(font)
        painter.setPen(soft)
        painter.drawText(
            second,
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            metrics.elidedText(summary, Qt.TextElideMode.ElideRight, second.width()),
        )
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        font: QFont = option.font
        height = (
            QFontMetrics(self._bold(font)).height()
            + self.GAP
            + QFontMetrics(font).height()
            + 2 * self.PAD_Y
        )
        return QSize(220, height)


class _RoomyDelegate(QStyledItemDelegate):
    """Category rows with some air (a style sheet would stop following theme changes)."""

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        hint = super().sizeHint(option, index)
        return QSize(hint.width(), hint.height() + 10)


# -- suggestions after an incident ------------------------------------------------------------


class SuggestionBanner(Notice):
    """A small, non-modal offer of two or three strategies after an incident is saved.

    ``try_requested(strategy_id, incident_id or None)`` for "Try it"; ``dismissed`` after
    "Not now" or "Don't suggest again" (which turns the "suggest_strategies" setting off in
    ``registry``; the button is shown only when a registry is given). :meth:`clear` drops
    every strategy text (call it when the vault locks).
    """

    try_requested = Signal(int, object)
    dismissed = Signal()

    def __init__(
        self,
        strategies: Sequence[Strategy],
        registry: SettingsRegistry | None = None,
        parent: QWidget | None = None,
        *,
        incident_id: int | None = None,
    ) -> None:
        super().__init__(
            "Writing it down can stir things up. If you would like, one of these might help now:",
            "info",
            parent,
        )
        self.setObjectName("suggestionBanner")
        self._registry = registry
        self.incident_id = incident_id
        self.try_buttons: dict[int, QPushButton] = {}
        self._rows = QWidget(self)
        self._rows_layout = QVBoxLayout(self._rows)
        self._rows_layout.setContentsMargins(0, 2, 0, 2)
        self._rows_layout.setSpacing(6)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(1, self._rows)

        self.not_now_button = QPushButton("Not now")
        self.not_now_button.setObjectName("notNowButton")
        self.not_now_button.clicked.connect(self.dismiss)
        self.never_button = QPushButton("Don't suggest again")
        self.never_button.setObjectName("neverSuggestButton")
        self.never_button.setToolTip("You can turn suggestions back on in Settings.")
        self.never_button.clicked.connect(self.never_again)
        self.buttons.addStretch(1)
        self.add_button(self.not_now_button)
        self.add_button(self.never_button)
        self.never_button.setVisible(registry is not None)
        self.set_strategies(strategies)

    def set_strategies(self, strategies: Sequence[Strategy]) -> None:
        self._clear_rows()
        for strategy in strategies:
            if strategy.id is None:
                continue
            row = QWidget(self._rows)
            row_layout = QHBoxLayout(row)
            row_layout.setContentsMargins(0, 0, 0, 0)
            row_layout.setSpacing(10)
            text = QVBoxLayout()
            text.setSpacing(0)
            title = plain_label(strategy.title, name="suggestionTitle")
            title_font = QFont(title.font())
            title_font.setBold(True)
            title.setFont(title_font)
            text.addWidget(title)
            if strategy.summary:
                text.addWidget(plain_label(strategy.summary, name="suggestionSummary"))
            row_layout.addLayout(text, 1)
            button = QPushButton("Try it")
            button.setObjectName("suggestionTry")
            button.setAccessibleName(f"Try {strategy.title}")
            button.clicked.connect(
                lambda _checked=False, sid=strategy.id: self.try_requested.emit(
                    sid, self.incident_id
                )
            )
            row_layout.addWidget(button, 0, Qt.AlignmentFlag.AlignVCenter)
            self._rows_layout.addWidget(row)
            row.show()
            self.try_buttons[strategy.id] = button

    def _clear_rows(self) -> None:
        self.try_buttons = {}
        while self._rows_layout.count():
            item = self._rows_layout.takeAt(0)
            discard(item.widget() if item is not None else None)

    def dismiss(self) -> None:
        self.hide()
        self.dismissed.emit()

    def never_again(self) -> None:
        if self._registry is not None:
            with contextlib.suppress(VaultError, ValueError):
                self._registry.set("suggest_strategies", False)
        self.dismiss()

    def clear(self) -> None:
        """Forget the strategies shown (the vault is locking)."""
        self._clear_rows()
        self.hide()


# -- the screen ---------------------------------------------------------------------------------


class LibraryScreen(QWidget):
    """The coping library. ``support_requested`` for the Support button (and the try view's).

    ``clock`` is the countdown's time source in the try view (tests pass a fake one).
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
        self._clock = clock
        self._unsubscribe: Callable[[], None] | None = None
        self._note_id: int | None = None
        self._loading_note = False
        self._note_dirty = False
        self._undo: Callable[[], None] | None = None
        self._continue_draft: int | bool | None = False  # False: nothing to continue
        self.editor: StrategyEditor | None = None
        self.try_dialog: TryStrategyDialog | None = None
        self.what_helps: WhatHelpsDialog | None = None

        self.model = StrategyListModel(session)
        self.proxy = StrategyFilter()
        self.proxy.setSourceModel(self.model)
        self.proxy.sort(0, Qt.SortOrder.AscendingOrder)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(10)
        layout.addLayout(self._build_header())
        layout.addWidget(self._build_body(), 1)
        layout.addWidget(self._build_status())

        self._note_timer = QTimer(self)
        self._note_timer.setSingleShot(True)
        self._note_timer.setInterval(NOTE_SAVE_MS)
        self._note_timer.timeout.connect(self.save_note)
        self._status_timer = QTimer(self)
        self._status_timer.setSingleShot(True)
        self._status_timer.setInterval(STATUS_MS)
        self._status_timer.timeout.connect(self.hide_status)

        self._fill_categories(counts=None)
        self._show_strategy(None)

    # -- building ----------------------------------------------------------------------------------

    def _build_header(self) -> QVBoxLayout:
        title = QLabel("<h2>Coping library</h2>")
        title.setTextFormat(Qt.TextFormat.RichText)
        self.new_button = QPushButton("New strategy…")
        self.new_button.setObjectName("newStrategyButton")
        self.new_button.setToolTip("Write a strategy of your own (Ctrl+N)")
        self.new_button.clicked.connect(lambda: self.new_strategy())
        self.what_helps_button = QPushButton("What helps me")
        self.what_helps_button.setObjectName("whatHelpsButton")
        self.what_helps_button.setToolTip("The strategies you tried, by how much they helped")
        self.what_helps_button.clicked.connect(self.show_what_helps)
        self.support_button = QPushButton("Support")
        self.support_button.setObjectName("librarySupportButton")
        self.support_button.setToolTip("Support and crisis resources")
        self.support_button.clicked.connect(self.support_requested)
        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(self.new_button)
        top.addWidget(self.what_helps_button)
        top.addWidget(self.support_button)

        intro = plain_label(
            "Practical things to try when work is hard. Try one, then say whether it helped — "
            "PeerDesk remembers what works for you. Hide the ones that don't."
        )
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("librarySearch")
        self.search_edit.setPlaceholderText("Search strategies (Ctrl+F)")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setAccessibleName("Search strategies")
        self.search_edit.textChanged.connect(self._search_changed)

        header = QVBoxLayout()
        header.setSpacing(8)
        header.addLayout(top)
        header.addWidget(intro)
        header.addWidget(self.search_edit)
        return header

    def _build_body(self) -> QSplitter:
        self.category_list = QListWidget()
        self.category_list.setObjectName("libraryCategories")
        self.category_list.setAccessibleName("Categories")
        self.category_list.setWordWrap(True)
        self.category_list.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.category_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.category_list.setMinimumWidth(170)
        self.category_list.setItemDelegate(_RoomyDelegate(self.category_list))
        self.category_list.currentItemChanged.connect(self._category_changed)

        self.list_view = QListView()
        self.list_view.setObjectName("strategyList")
        self.list_view.setAccessibleName("Strategies")
        self.list_view.setModel(self.proxy)
        self.list_view.setItemDelegate(StrategyDelegate(self.list_view))
        self.list_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list_view.setUniformItemSizes(True)
        self.list_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list_view.setMinimumWidth(220)
        self.list_view.selectionModel().currentChanged.connect(self._current_changed)
        self.list_view.activated.connect(lambda _index: self.try_current())
        self.empty_label = muted(plain_label(name="libraryEmpty"))
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setMargin(16)
        self.list_stack = QStackedWidget()
        self.list_stack.addWidget(self.list_view)
        self.list_stack.addWidget(self.empty_label)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.category_list)
        splitter.addWidget(self.list_stack)
        splitter.addWidget(self._build_detail())
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 2)
        splitter.setStretchFactor(2, 3)
        splitter.setSizes([190, 300, 420])
        self.splitter = splitter
        return splitter

    def _build_detail(self) -> QScrollArea:
        self.detail = QWidget()
        self.detail.setObjectName("strategyDetail")
        box = QVBoxLayout(self.detail)
        box.setContentsMargins(16, 6, 12, 12)
        box.setSpacing(8)

        self.detail_placeholder = muted(
            plain_label("Choose a strategy to see its steps.", name="detailPlaceholder")
        )
        self.detail_title = plain_label(name="detailTitle")
        self.detail_title.setFont(self._font(factor=1.35, bold=True))
        self.detail_title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail_meta = muted(plain_label(name="detailMeta"))

        self.try_button = QPushButton("Try it")
        self.try_button.setObjectName("tryButton")
        self.try_button.setToolTip("Go through the steps one at a time")
        self.try_button.setFont(self._font(bold=True))
        self.try_button.clicked.connect(self.try_current)
        self.favourite_button = QPushButton()
        self.favourite_button.setObjectName("favouriteButton")
        self.favourite_button.clicked.connect(self.toggle_favourite)
        self.hide_button = QPushButton()
        self.hide_button.setObjectName("hideButton")
        self.hide_button.clicked.connect(self.toggle_hidden)
        self.edit_button = QPushButton("Edit…")
        self.edit_button.setObjectName("editButton")
        self.edit_button.clicked.connect(self.edit_current)
        self.delete_button = QPushButton("Delete…")
        self.delete_button.setObjectName("deleteButton")
        self.delete_button.clicked.connect(self.delete_current)
        actions = QGridLayout()
        actions.setHorizontalSpacing(8)
        actions.setVerticalSpacing(6)
        actions.addWidget(self.try_button, 0, 0)
        actions.addWidget(self.favourite_button, 0, 1)
        actions.addWidget(self.hide_button, 0, 2)
        actions.addWidget(self.edit_button, 1, 0)
        actions.addWidget(self.delete_button, 1, 1)
        actions.setColumnStretch(3, 1)
        self.actions = QWidget()
        self.actions.setLayout(actions)

        self.summary_label = plain_label(name="detailSummary")
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.when_heading = self._heading("When it helps")
        self.when_label = plain_label(name="detailWhen")
        self.when_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.steps_heading = self._heading("Steps")
        self.steps_box = QWidget()
        self.steps_box.setObjectName("detailSteps")
        self.steps_layout = QVBoxLayout(self.steps_box)
        self.steps_layout.setContentsMargins(0, 0, 0, 0)
        self.steps_layout.setSpacing(6)

        self.note_heading = self._heading("My note")
        self.note_edit = QPlainTextEdit()
        self.note_edit.setObjectName("personalNote")
        self.note_edit.setAccessibleName("My note")
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setPlaceholderText(
            "Your own words about this one — what works for you, what you would change. "
            "Only you can see it; it is saved as you type."
        )
        self.note_edit.setMinimumHeight(self.fontMetrics().lineSpacing() * 4 + 14)
        self.note_edit.setMaximumHeight(self.fontMetrics().lineSpacing() * 8 + 14)
        self.note_edit.textChanged.connect(self._note_changed)
        self.note_status = muted(plain_label(name="noteStatus"))

        box.addWidget(self.detail_placeholder)
        box.addWidget(self.detail_title)
        box.addWidget(self.detail_meta)
        box.addWidget(self.actions)
        box.addWidget(self.summary_label)
        box.addWidget(self.when_heading)
        box.addWidget(self.when_label)
        box.addWidget(self.steps_heading)
        box.addWidget(self.steps_box)
        box.addWidget(self.note_heading)
        box.addWidget(self.note_edit)
        box.addWidget(self.note_status)
        box.addStretch(1)

        scroll = QScrollArea()
        scroll.setObjectName("detailScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.detail)
        scroll.setMinimumWidth(300)
        self.detail_scroll = scroll
        return scroll

    def _build_status(self) -> Notice:
        self.status = Notice("", "info")
        self.status.setObjectName("libraryStatus")
        self.undo_button = QPushButton("Undo")
        self.undo_button.setObjectName("undoButton")
        self.undo_button.clicked.connect(self.undo)
        self.continue_button = QPushButton("Continue writing")
        self.continue_button.setObjectName("continueDraftButton")
        self.continue_button.clicked.connect(self._continue_writing)
        self.status.buttons.addStretch(1)
        self.status.add_button(self.undo_button)
        self.status.add_button(self.continue_button)
        # Text and buttons side by side: the status stays one line high.
        layout = self.status.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.removeWidget(self.status.button_bar)
        layout.removeWidget(self.status.label)
        row = QHBoxLayout()
        row.setSpacing(12)
        row.addWidget(self.status.label, 1)
        row.addWidget(self.status.button_bar)
        layout.addLayout(row)
        self.status.hide()
        return self.status

    def _font(self, *, factor: float = 1.0, bold: bool = False) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * factor)
        font.setBold(bold)
        return font

    def _heading(self, text: str) -> QLabel:
        label = plain_label(text)
        label.setFont(self._font(factor=1.05, bold=True))
        label.setContentsMargins(0, 6, 0, 0)
        return label

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
        self._offer_draft()

    def on_closing(self) -> None:
        """The vault is about to close: keep what was typed, close the dialogs, let go of
        every strategy text and stop the timers."""
        self.save_note()
        for dialog in (self.editor, self.try_dialog, self.what_helps):
            if dialog is not None and dialog.isVisible():
                dialog.reject()  # the editor keeps unsaved typing as a draft
        self.editor = self.try_dialog = self.what_helps = None
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        self._note_timer.stop()
        self._status_timer.stop()
        self._undo = None
        self._continue_draft = False
        self.hide_status()
        self.model.clear()
        self.proxy.set_search_ids(None)
        blocked = self.search_edit.blockSignals(True)
        self.search_edit.clear()
        self.search_edit.blockSignals(blocked)
        self._show_strategy(None)
        self._fill_categories(counts=None)
        self.empty_label.clear()

    # -- categories, search and the list -----------------------------------------------------------

    def _views(self) -> list[tuple[str, str]]:
        return (
            [(VIEW_ALL, "All strategies"), (VIEW_FAVOURITES, "★ Favourites")]
            + [(cat.value, cat.label) for cat in StrategyCategory]
            + [(VIEW_HIDDEN, "Hidden")]
        )

    def _fill_categories(self, counts: dict[str, int] | None) -> None:
        blocked = self.category_list.blockSignals(True)
        current = self.current_view()
        if self.category_list.count() == 0:
            for view, label in self._views():
                item = QListWidgetItem(label)
                item.setData(VIEW_ROLE, view)
                self.category_list.addItem(item)
        for row, (view, label) in enumerate(self._views()):
            item = self.category_list.item(row)
            count = None if counts is None else counts.get(view, 0)
            item.setText(label if count is None else f"{label} ({count})")
            item.setData(
                Qt.ItemDataRole.AccessibleTextRole, label if count is None else f"{label}, {count}"
            )
        if current is None:
            self.category_list.setCurrentRow(-1)
        self.category_list.blockSignals(blocked)

    def _update_counts(self) -> None:
        if not self._session.is_open:
            return
        ids = self.proxy.search_ids
        counts: Counter[str] = Counter()
        for strategy in self.model.strategies():
            if ids is not None and strategy.id not in ids:
                continue
            if strategy.hidden:
                counts[VIEW_HIDDEN] += 1
                continue
            counts[VIEW_ALL] += 1
            counts[strategy.category.value] += 1
            if strategy.favourite:
                counts[VIEW_FAVOURITES] += 1
        self._fill_categories(dict(counts))

    def current_view(self) -> str | None:
        item = self.category_list.currentItem()
        return None if item is None else str(item.data(VIEW_ROLE))

    def set_view(self, view: str) -> None:
        """Show All, Favourites, Hidden or a category (its ``StrategyCategory`` value)."""
        for row in range(self.category_list.count()):
            if self.category_list.item(row).data(VIEW_ROLE) == view:
                self.category_list.setCurrentRow(row)
                return
        raise ValueError(view)

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
        self.proxy.set_search_ids({s.id for s in found if s.id is not None})

    def visible_strategies(self) -> list[Strategy]:
        """The strategies listed, in the order shown (also used by tests)."""
        return self.proxy.strategies()

    def _ensure_current(self) -> None:
        """Keep the current strategy when it is still listed; otherwise show the first."""
        has_rows = self.proxy.rowCount() > 0
        self.list_stack.setCurrentWidget(self.list_view if has_rows else self.empty_label)
        if not has_rows:
            self.empty_label.setText(self._empty_text())
            self._show_strategy(None)
            return
        current = self.list_view.currentIndex()
        if not current.isValid():
            first = self.proxy.index(0, 0)
            self.list_view.selectionModel().setCurrentIndex(
                first, QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
            self.list_view.scrollTo(first)
        else:
            self.list_view.selectionModel().select(
                current, QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
            self._show_strategy(current.data(ObjectRole))

    def _empty_text(self) -> str:
        if self.search_edit.text().strip():
            return (
                "Nothing here matches your search. Try other words, or choose "
                "“All strategies” on the left."
            )
        view = self.proxy.view
        if view == VIEW_FAVOURITES:
            return (
                "No favourites yet. When one helps, press “Add to favourites” (Ctrl+D) "
                "to keep it here."
            )
        if view == VIEW_HIDDEN:
            return "Nothing is hidden. When a strategy doesn't help you, hide it and it waits here."
        return "Nothing here yet. You can write your own with “New strategy…”."

    def current_strategy(self) -> Strategy | None:
        index = self.list_view.currentIndex()
        if not index.isValid() or self.list_stack.currentWidget() is not self.list_view:
            return None
        strategy: Strategy | None = index.data(ObjectRole)
        return strategy

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
        self.list_view.selectionModel().setCurrentIndex(
            proxy_index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self.list_view.scrollTo(proxy_index)
        return True

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_strategy(current.data(ObjectRole) if current.isValid() else None)

    def _on_change(self, change: Change) -> None:
        """A strategy was added, changed or removed (the model has already followed)."""
        if self.proxy.search_ids is not None:
            self._apply_search(self.search_edit.text())
        self._update_counts()
        self._ensure_current()

    # -- the detail pane ---------------------------------------------------------------------------

    def _show_strategy(self, strategy: Strategy | None) -> None:
        """Fill the detail pane. The note is reloaded only when another strategy is shown, so
        that saving it (which reports a change) never moves the cursor."""
        new_id = strategy.id if strategy is not None else None
        if new_id != self._note_id:
            self.save_note()
        has = strategy is not None
        self.detail_placeholder.setVisible(not has)
        for widget in (
            self.detail_title,
            self.detail_meta,
            self.actions,
            self.note_heading,
            self.note_edit,
            self.note_status,
        ):
            widget.setVisible(has)
        if strategy is None:
            self.detail_title.clear()
            self.detail_meta.clear()
            self.summary_label.clear()
            self.when_label.clear()
            for widget in (
                self.summary_label,
                self.when_heading,
                self.when_label,
                self.steps_heading,
                self.steps_box,
            ):
                widget.hide()
            self._set_steps([])
            self._load_note(None)
            self.try_button.setEnabled(False)
            self.favourite_button.setText("Add to favourites")
            self.hide_button.setText("Hide")
            return

        self.detail_title.setText(strategy.title)
        meta = [strategy.category.label]
        if strategy.minutes:
            meta.append(minutes_text(strategy.minutes))
        meta.append("Built-in" if strategy.source is StrategySource.BUILTIN else "My own")
        if strategy.favourite:
            meta.insert(0, "★ Favourite")
        if strategy.hidden:
            meta.insert(0, "Hidden")
        self.detail_meta.setText(" · ".join(meta))
        self.summary_label.setText(strategy.summary)
        self.summary_label.setVisible(bool(strategy.summary))
        self.when_label.setText(strategy.when_it_helps)
        self.when_heading.setVisible(bool(strategy.when_it_helps))
        self.when_label.setVisible(bool(strategy.when_it_helps))
        self._set_steps(strategy.steps)
        self.steps_heading.setVisible(bool(strategy.steps))
        self.steps_box.setVisible(bool(strategy.steps))

        self.try_button.setEnabled(True)
        self.favourite_button.setText(
            "★ In favourites" if strategy.favourite else "☆ Add to favourites"
        )
        self.favourite_button.setToolTip(
            ("Remove from your favourites" if strategy.favourite else "Keep it under Favourites")
            + " (Ctrl+D)"
        )
        self.hide_button.setText("Show again" if strategy.hidden else "Hide")
        self.hide_button.setToolTip(
            "Put it back in the library"
            if strategy.hidden
            else "Hide it if it doesn't help you; it waits under “Hidden”."
        )
        own = strategy.source is StrategySource.OWN
        self.edit_button.setVisible(own)
        self.delete_button.setVisible(own)
        if new_id != self._note_id:
            self._load_note(strategy)

    def _set_steps(self, steps: Sequence[str]) -> None:
        while self.steps_layout.count():
            item = self.steps_layout.takeAt(0)
            discard(item.widget() if item is not None else None)
        bold = self._font(bold=True)
        for number, step in enumerate(steps, start=1):
            row = QWidget(self.steps_box)
            row_layout = QHBoxLayout(row)
            row_layout.setContentsMargins(0, 0, 0, 0)
            row_layout.setSpacing(8)
            figure = plain_label(f"{number}.", wrap=False)
            figure.setFont(bold)
            figure.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            figure.setFixedWidth(figure.fontMetrics().horizontalAdvance("00.") + 2)
            text = plain_label(step)
            text.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            row_layout.addWidget(figure, 0, Qt.AlignmentFlag.AlignTop)
            row_layout.addWidget(text, 1)
            self.steps_layout.addWidget(row)
            row.show()

    # -- the personal note -------------------------------------------------------------------------

    def _load_note(self, strategy: Strategy | None) -> None:
        self._note_timer.stop()
        self._note_dirty = False
        self._loading_note = True
        try:
            self._note_id = strategy.id if strategy is not None else None
            self.note_edit.setPlainText(strategy.personal_note if strategy is not None else "")
        finally:
            self._loading_note = False
        self.note_status.clear()

    def _note_changed(self) -> None:
        if self._loading_note or self._note_id is None:
            return
        self._note_dirty = True
        self.note_status.clear()
        self._note_timer.start()

    def save_note(self) -> bool:
        """Save the personal note now if it has unsaved typing; True when it was saved."""
        self._note_timer.stop()
        if not self._note_dirty or self._note_id is None or not self._session.is_open:
            return False
        self._note_dirty = False
        try:
            self._session.repos.strategies.set_personal_note(
                self._note_id, self.note_edit.toPlainText()
            )
        except RecordNotFound:
            return False
        except (ValidationError, VaultError):
            self._note_dirty = True
            self.note_status.setText("Your note could not be saved. Please try again.")
            return False
        self.note_status.setText("Note saved")
        return True

    # -- actions -----------------------------------------------------------------------------------

    def toggle_favourite(self) -> None:
        strategy = self.current_strategy()
        if strategy is None or strategy.id is None:
            return
        self._session.repos.strategies.set_favourite(strategy.id, not strategy.favourite)

    def toggle_hidden(self) -> None:
        strategy = self.current_strategy()
        if strategy is None or strategy.id is None:
            return
        self.save_note()
        strategy_id = strategy.id
        repo = self._session.repos.strategies
        if strategy.hidden:
            repo.set_hidden(strategy_id, False)
            self.show_status("It is back in the library.")
            return
        repo.set_hidden(strategy_id, True)

        def undo() -> None:
            self._session.repos.strategies.set_hidden(strategy_id, False)
            self.select_strategy(strategy_id)

        self.show_status(
            "Hidden. It waits under “Hidden” on the left if you want it back.", undo=undo
        )

    def new_strategy(self, category: StrategyCategory | None = None) -> StrategyEditor | None:
        """Open the editor for a new strategy of one's own (in the current category)."""
        if category is None:
            view = self.current_view()
            if view in {c.value for c in StrategyCategory}:
                category = StrategyCategory(view)
        return self._open_editor(None, category)

    def edit_current(self) -> StrategyEditor | None:
        strategy = self.current_strategy()
        if strategy is None or strategy.source is not StrategySource.OWN:
            return None
        self.save_note()
        return self._open_editor(self._session.repos.strategies.get(strategy.id or 0), None)

    def _open_editor(
        self, strategy: Strategy | None, category: StrategyCategory | None
    ) -> StrategyEditor | None:
        if not self._session.is_open:
            return None
        if self.editor is not None:
            self.editor.raise_()
            self.editor.activateWindow()
            return self.editor
        repos = self._session.repos
        editor = StrategyEditor(
            repos.strategies, strategy, self, category=category, drafts=repos.drafts
        )
        editor.finished.connect(lambda result, e=editor: self._editor_finished(e, result))
        self.editor = editor
        self.hide_status()
        editor.open()
        return editor

    def _editor_finished(self, editor: StrategyEditor, result: int) -> None:
        if self.editor is editor:
            self.editor = None
        saved = editor.saved if result == StrategyEditor.DialogCode.Accepted else None
        editor.deleteLater()
        if saved is not None and saved.id is not None and self._session.is_open:
            self.select_strategy(saved.id)
            self.show_status("Saved.")

    def delete_current(self) -> None:
        strategy = self.current_strategy()
        if strategy is None or strategy.id is None or strategy.source is not StrategySource.OWN:
            return
        if not Messages.confirm(
            self,
            "Delete strategy",
            "Delete this strategy of your own?",
            action="Delete",
            informative="Its ratings go with it. You can undo this for a few seconds.",
            destructive=True,
        ):
            return
        self.save_note()  # the note goes with the strategy, and comes back with Undo
        repo = self._session.repos.strategies
        kept = repo.get(strategy.id)
        uses = repo.uses(strategy.id)
        repo.delete(strategy.id)

        def undo() -> None:
            restored = self._session.repos.strategies.add(replace(kept, id=None))
            assert restored.id is not None
            for use in reversed(uses):
                try:
                    self._session.repos.strategies.record_use(
                        StrategyUse(
                            strategy_id=restored.id,
                            used_at=use.used_at,
                            rating=use.rating,
                            note=use.note,
                            incident_id=use.incident_id,
                        )
                    )
                except RecordNotFound:  # the incident it was linked to is gone
                    self._session.repos.strategies.record_use(
                        StrategyUse(
                            strategy_id=restored.id,
                            used_at=use.used_at,
                            rating=use.rating,
                            note=use.note,
                        )
                    )
            self.select_strategy(restored.id)

        self.show_status(f"Deleted “{kept.title}”.", undo=undo)

    def try_current(self) -> TryStrategyDialog | None:
        strategy = self.current_strategy()
        if strategy is None or strategy.id is None:
            return None
        return self.try_strategy(strategy.id)

    def try_strategy(
        self, strategy_id: int, incident_id: int | None = None
    ) -> TryStrategyDialog | None:
        """Open the calm try view (e.g. from a suggestion, with the incident preselected)."""
        if not self._session.is_open:
            return None
        if self.try_dialog is not None:
            self.try_dialog.raise_()
            self.try_dialog.activateWindow()
            return self.try_dialog
        self.save_note()
        repos = self._session.repos
        try:
            strategy = repos.strategies.get(strategy_id)
        except RecordNotFound:
            return None
        dialog = TryStrategyDialog(
            strategy,
            repos.strategies,
            repos.incidents,
            self,
            incident_id=incident_id,
            clock=self._clock,
        )
        dialog.support_requested.connect(self.support_requested)
        dialog.finished.connect(lambda result, d=dialog: self._try_finished(d, result))
        self.try_dialog = dialog
        dialog.open()
        return dialog

    def _try_finished(self, dialog: TryStrategyDialog, _result: int) -> None:
        if self.try_dialog is dialog:
            self.try_dialog = None
        recorded = dialog.recorded
        dialog.deleteLater()
        if recorded is not None and self._session.is_open:
            self.show_status("Noted. “What helps me” shows how your strategies compare.")

    def show_what_helps(self) -> WhatHelpsDialog | None:
        if not self._session.is_open:
            return None
        if self.what_helps is not None:
            self.what_helps.raise_()
            self.what_helps.activateWindow()
            return self.what_helps
        dialog = WhatHelpsDialog(self._session.repos.strategies, self)
        dialog.strategy_chosen.connect(self.select_strategy)
        dialog.finished.connect(lambda _result, d=dialog: self._what_helps_finished(d))
        self.what_helps = dialog
        dialog.open()
        return dialog

    def _what_helps_finished(self, dialog: WhatHelpsDialog) -> None:
        if self.what_helps is dialog:
            self.what_helps = None
        dialog.deleteLater()

    # -- status line with Undo ---------------------------------------------------------------------

    def show_status(
        self, text: str, *, undo: Callable[[], None] | None = None, offer_draft: bool = False
    ) -> None:
        self._undo = undo
        self.status.set_text(text)
        self.undo_button.setVisible(undo is not None)
        self.continue_button.setVisible(offer_draft)
        self.status.update_button_bar()
        self.status.show()
        if offer_draft:
            self._status_timer.stop()
        else:
            self._status_timer.start()

    def hide_status(self) -> None:
        self._status_timer.stop()
        self._undo = None
        self.status.hide()
        self.status.set_text("")

    def undo(self) -> None:
        action = self._undo
        self.hide_status()
        if action is not None and self._session.is_open:
            action()

    # -- drafts of the editor (kept when PeerDesk locked mid-typing) -------------------------------

    def _offer_draft(self) -> None:
        try:
            drafts = [d for d in self._session.repos.drafts.list() if d.kind is RecordKind.STRATEGY]
        except VaultError:
            return
        if not drafts:
            return
        self._continue_draft = drafts[0].record_id
        self.show_status("You were writing a strategy when PeerDesk locked.", offer_draft=True)

    def _continue_writing(self) -> None:
        record_id = self._continue_draft
        self._continue_draft = False
        self.hide_status()
        if record_id is False or not self._session.is_open:
            return
        if record_id is None:
            self._open_editor(None, None)
            return
        try:
            strategy = self._session.repos.strategies.get(int(record_id))
        except RecordNotFound:
            self._session.repos.drafts.discard(RecordKind.STRATEGY, int(record_id))
            return
        self.select_strategy(int(record_id))
        self._open_editor(strategy, None)

    # -- suggestions -------------------------------------------------------------------------------

    def suggest_for(self, categories: set[IncidentCategory], *, limit: int = 3) -> list[Strategy]:
        """Two or three strategies suited to an incident with ``categories``, best first.

        Library categories come from :data:`INCIDENT_STRATEGY_CATEGORIES`; hidden strategies
        never appear. "Best" is the average "did it help?" rating after incidents of these
        kinds, else overall, else the middle of the scale for untried ones; then favourites,
        then how well the category fits. At most two come from one library category.
        """
        if not self._session.is_open:
            return []
        repo = self._session.repos.strategies
        kinds = set(categories) or {IncidentCategory.OTHER}
        weights: Counter[StrategyCategory] = Counter()
        for kind in kinds:
            fits = INCIDENT_STRATEGY_CATEGORIES.get(IncidentCategory(kind), ())
            for position, category in enumerate(fits):
                weights[category] += len(fits) - position
        overall = {r.strategy_id: r.average for r in repo.ranking()}
        sums: dict[int, tuple[float, int]] = {}
        for kind in kinds:
            for ranked in repo.ranking(IncidentCategory(kind)):
                total, count = sums.get(ranked.strategy_id, (0.0, 0))
                sums[ranked.strategy_id] = (
                    total + ranked.average * ranked.uses,
                    count + ranked.uses,
                )

        def score(s: Strategy) -> float:
            if s.id in sums:
                total, count = sums[s.id]
                return total / count
            return overall.get(s.id or 0, UNTRIED_SCORE)

        def order(s: Strategy) -> tuple[float, int, int, str, int]:
            return (
                -score(s),
                -int(s.favourite),
                -weights[s.category],
                s.title.casefold(),
                s.id or 0,
            )

        candidates = sorted((s for s in repo.list() if s.category in weights), key=order)
        chosen: list[Strategy] = []
        per_category: Counter[StrategyCategory] = Counter()
        for strategy in candidates:
            if len(chosen) == limit:
                break
            if per_category[strategy.category] < PER_CATEGORY:
                chosen.append(strategy)
                per_category[strategy.category] += 1
        for strategy in candidates:  # not enough variety: fill from what is left
            if len(chosen) >= limit:
                break
            if strategy not in chosen:
                chosen.append(strategy)
        return sorted(chosen, key=order)

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
            self.toggle_favourite()
        else:
            self.new_strategy()
