""" "What helps me": the strategies one has tried, ranked by how much they helped, overall or
after one kind of incident (:class:`RankingModel` and :class:`WhatHelpsDialog`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from peerdesk.i18n import N_, _, ngettext
from peerdesk.models.builtin_text import localized_strategy
from peerdesk.models.enums import IncidentCategory
from peerdesk.storage.errors import VaultError
from peerdesk.storage.library import RankedStrategy, StrategyRepository
from peerdesk.ui.common.accessibility import set_name
from peerdesk.ui.library.widgets import (
    FontFollower,
    muted,
    plain_label,
    rating_word,
    scaled_font,
    wipe,
)

__all__ = ["RankingModel", "WhatHelpsDialog"]


class RankingModel(QAbstractTableModel):
    """Rows of :class:`RankedStrategy`: strategy, average rating, times tried."""

    HEADERS = (N_("Strategy"), N_("Helped on average (0–4)"), N_("Times tried"))
    IdRole = Qt.ItemDataRole.UserRole + 3

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[RankedStrategy] = []

    def set_rows(self, rows: Sequence[RankedStrategy]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def clear(self) -> None:
        self.set_rows([])

    def rows(self) -> list[RankedStrategy]:
        return list(self._rows)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return row.title
            if column == 1:
                return f"{row.average:.1f} — {rating_word(row.average)}"
            return str(row.uses)
        if role == Qt.ItemDataRole.ToolTipRole and column == 1:
            return ngettext(
                "Average of {count} rating, from 0 (not at all) to 4 (a lot)",
                "Average of {count} ratings, from 0 (not at all) to 4 (a lot)",
                row.uses,
            ).format(count=row.uses)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == self.IdRole:
            return row.strategy_id
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.HEADERS)
        ):
            return _(self.HEADERS[section])
        return None


class WhatHelpsDialog(QDialog):
    """Strategies ranked by their average "did it help?" rating, overall or after incidents of
    one category. ``strategy_chosen(id)`` when a row is opened (double-click or Enter)."""

    strategy_chosen = Signal(int)

    def __init__(self, strategies: StrategyRepository, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("whatHelpsDialog")
        self.setWindowTitle(_("What helps me"))
        self._strategies = strategies

        heading = plain_label(_("What helps me"), name="whatHelpsHeading")
        heading.setFont(scaled_font(heading, factor=1.4, bold=True))
        FontFollower(self).keep(heading)
        intro = muted(
            plain_label(
                _(
                    "Strategies you have tried, by how much they helped on average "
                    "(0 is “not at all”, 4 is “a lot”)."
                )
            )
        )

        self.category_combo = QComboBox()
        self.category_combo.setObjectName("incidentCategoryFilter")
        self.category_combo.addItem(_("All incidents"), None)
        for cat in IncidentCategory:
            self.category_combo.addItem(cat.label, cat.value)
        self.category_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.category_combo.setToolTip(
            _("Only tries you linked to an incident of this kind count.")
        )
        after = QLabel(_("&After:"))
        after.setBuddy(self.category_combo)
        filter_row = QHBoxLayout()
        filter_row.addWidget(after)
        filter_row.addWidget(self.category_combo)
        filter_row.addStretch(1)

        self.model = RankingModel(self)
        self.table = QTableView()
        self.table.setObjectName("rankingTable")
        set_name(
            self.table,
            _("Strategies by how much they helped"),
            _("Enter shows the strategy in the library"),
        )
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.table.activated.connect(self._open_row)

        self.empty_label = muted(plain_label(name="rankingEmpty"))
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 14)
        layout.setSpacing(10)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addLayout(filter_row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        layout.addWidget(buttons)

        self.category_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.resize(620, 460)
        self.refresh()

    def category(self) -> IncidentCategory | None:
        value = self.category_combo.currentData()
        return IncidentCategory(value) if value else None

    def set_category(self, category: IncidentCategory | None) -> None:
        index = self.category_combo.findData(category.value if category else None)
        self.category_combo.setCurrentIndex(max(index, 0))

    def refresh(self) -> None:
        category = self.category()
        try:
            rows = self._strategies.ranking(category)
            if rows:
                # Built-in titles in the language in force (the ranking has the stored text).
                titles = {
                    s.id: s.title
                    for s in map(localized_strategy, self._strategies.list(include_hidden=True))
                }
                rows = [replace(r, title=titles.get(r.strategy_id, r.title)) for r in rows]
        except VaultError:
            rows = []
        self.model.set_rows(rows)
        if rows:
            self.empty_label.hide()
        elif category is None:
            self.empty_label.setText(
                _(
                    "Nothing rated yet. After you try a strategy, say whether it helped — "
                    "your answers gather here."
                )
            )
            self.empty_label.show()
        else:
            self.empty_label.setText(
                _(
                    "No ratings linked to this kind of incident yet. When you rate a strategy, "
                    "you can say which incident it followed."
                )
            )
            self.empty_label.show()

    def _open_row(self, index: QModelIndex) -> None:
        strategy_id = index.data(RankingModel.IdRole)
        if strategy_id is not None:
            self.strategy_chosen.emit(int(strategy_id))
            self.accept()

    def done(self, result: int) -> None:
        self.model.clear()
        super().done(result)
        wipe(self, _("What helps me"))
