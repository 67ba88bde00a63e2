"""Small pieces the Colleagues screen's modules share: table views, text boxes, scroll areas,
date keys for sorting and drafts, and the text of an error."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QPlainTextEdit,
    QScrollArea,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from peerdesk.models import ValidationError
from peerdesk.ui.common.accessibility import set_name
from peerdesk.ui.common.owner import WeakOwner
from peerdesk.ui.supporter.sorted_models import PresortedProxy

if TYPE_CHECKING:
    from peerdesk.ui.supporter.screen import ColleaguesScreen

#: What an empty date cell shows.
NO_DATE = "—"
#: Drafts written by these editors carry this version.
DRAFT_VERSION = 1
_NO_DATE_KEY = "9999-12-31"


def day_key(day: date | None) -> str:
    """A sort key that puts a missing date last."""
    return day.isoformat() if day is not None else _NO_DATE_KEY


def iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def parse_day(value: object) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def text_box(name: str, lines: int, placeholder: str = "", *, grow_to: int = 0) -> QPlainTextEdit:
    """A plain-text box ``lines`` high (up to ``grow_to`` lines when there is room)."""
    box = QPlainTextEdit()
    box.setObjectName(name)
    box.setTabChangesFocus(True)
    box.setPlaceholderText(placeholder)
    spacing = QFontMetrics(box.font()).lineSpacing()
    box.setMinimumHeight(spacing * lines + 14)
    box.setMaximumHeight(spacing * max(lines, grow_to) + 14)
    box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    return box


def scroll_area(widget: QWidget, name: str) -> QScrollArea:
    """A vertical-only scroll area: the content follows the width instead of overflowing."""
    area = QScrollArea()
    area.setObjectName(name)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(widget)
    return area


def padded(widget: QWidget) -> QWidget:
    holder = QWidget()
    pad = QVBoxLayout(holder)
    pad.setContentsMargins(10, 10, 10, 10)
    pad.addWidget(widget)
    return holder


def error_text(exc: BaseException, fallback: str) -> str:
    if isinstance(exc, ValidationError):
        return exc.message
    message = getattr(exc, "user_message", "")
    return message if isinstance(message, str) and message else fallback


#: How many rows a column sized to its contents measures (the visible ones and a few more).
SIZE_SAMPLE_ROWS = 50


def table_view(name: str, label: str) -> QTableView:
    """A table of records, one Tab stop (arrows inside), named ``label`` for screen readers."""
    view = QTableView()
    view.setObjectName(name)
    set_name(view, label)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setAlternatingRowColors(True)
    view.setSortingEnabled(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.horizontalHeader().setHighlightSections(False)
    # Columns sized to their contents measure a sample of rows, not every row of a long list
    # (issue 18: 10,000 conversations were measured again on every visit).
    view.horizontalHeader().setResizeContentsPrecision(SIZE_SAMPLE_ROWS)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    return view


def on_row_chosen(view: QAbstractItemView, slot: Callable[[QModelIndex], None]) -> None:
    """Call ``slot`` with the row the person chooses in ``view`` (a click, the arrow keys, Space
    or Enter) — not when Tab merely brings focus into the list: Qt then makes the first row
    current without selecting it, and opening it would replace what was being written."""
    selection = view.selectionModel()

    def chosen(*_args: object) -> None:
        index = view.currentIndex()
        if index.isValid() and selection.isRowSelected(index.row(), index.parent()):
            slot(index)

    def activated(index: QModelIndex) -> None:  # Enter on the current row
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        selection.select(index, flags)

    selection.selectionChanged.connect(chosen)
    view.activated.connect(activated)


def sorting_proxy() -> QSortFilterProxyModel:
    """A proxy for a :class:`SortedRecordModel`: the model sorts its rows, not the proxy."""
    return PresortedProxy()


class ScreenHelper:
    """The base of the screen's helper objects (one per family of actions). It holds the screen
    weakly: the screen owns its helpers, and a helper must not keep the screen (and its models)
    alive in a reference cycle after its window is gone."""

    def __init__(self, screen: ColleaguesScreen) -> None:
        self._owner = WeakOwner(screen)

    @property
    def _screen(self) -> ColleaguesScreen:
        return self._owner.get()
