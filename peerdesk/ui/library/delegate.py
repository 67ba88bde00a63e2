"""How the library's lists look: two lines per strategy (:class:`StrategyDelegate`) and
category rows with some air (:class:`RoomyDelegate`)."""

from __future__ import annotations

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

from peerdesk.i18n import _
from peerdesk.models.enums import StrategySource
from peerdesk.models.strategy import Strategy
from peerdesk.ui.common.item_models import ObjectRole
from peerdesk.ui.common.theme import blend_colours
from peerdesk.ui.library.model import short_minutes

__all__ = ["RoomyDelegate", "StrategyDelegate"]


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
        right = short_minutes(strategy)
        if strategy.source is StrategySource.OWN:
            # translators: marks a strategy the user wrote; {time} is e.g. "5 min"
            right = _("{time} · mine").format(time=right) if right else _("mine")
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


class RoomyDelegate(QStyledItemDelegate):
    """Category rows with some air (a style sheet would stop following theme changes)."""

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        hint = super().sizeHint(option, index)
        return QSize(hint.width(), hint.height() + 10)
