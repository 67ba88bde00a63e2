"""The patterns timeline: incidents along a time axis, sized and coloured by severity, with
report dates (triangles) and complaint dates (dashed lines) marked. Keyboard and pointer both
reach every dot."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from peerdesk.i18n import _, ngettext
from peerdesk.models.dates import short_date, short_month_year
from peerdesk.models.timing import add_months
from peerdesk.ui.common.accessibility import announce, focus_colour
from peerdesk.ui.journal.bidi import isolate

# Dots and bars in the editor's severity colours (3:1 or more on both themes; severity is
# also told by the dot's size and in words).
from peerdesk.ui.journal.editor.severity import severity_colour

# -- the view ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TimelineItem:
    id: int
    event_date: date
    severity: int
    title: str


class TimelineView(QWidget):
    """Incidents along a time axis; report and complaint dates marked. ``edit_requested(id)``
    on a click on a dot, or on Enter for the dot chosen with the keyboard (Left/Right step
    through the incidents in date order, Home/End go to the first/last). :meth:`point_for`
    gives where a dot is drawn."""

    edit_requested = Signal(int)
    MARGIN = 28

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.items: list[TimelineItem] = []
        self.report_dates: list[date] = []
        self.complaint_dates: list[date] = []
        self.start: date | None = None
        self.end: date | None = None
        self.current: int | None = None  # index into items, chosen with the keyboard
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumHeight(260)
        self.setAccessibleName(_("Timeline of incidents"))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_data(
        self,
        items: Sequence[TimelineItem],
        report_dates: Sequence[date] = (),
        complaint_dates: Sequence[date] = (),
        *,
        start: date | None = None,
        end: date | None = None,
    ) -> None:
        self.items = sorted(items, key=lambda i: (i.event_date, i.severity, i.id))
        self.report_dates = sorted(set(report_dates))
        self.complaint_dates = sorted(set(complaint_dates))
        every = [i.event_date for i in self.items] + self.report_dates + self.complaint_dates
        self.start = start or (min(every) if every else None)
        self.end = end or (max(every) if every else None)
        if self.start and self.end and self.end <= self.start:
            self.end = self.start + timedelta(days=1)
        self.current = None
        self.setAccessibleDescription(self._summary())
        self.update()

    def _summary(self) -> str:
        # translators: the parts of a sentence read by a screen reader for the timeline:
        # "12 incidents, 2 report dates, 1 complaint date. Left and Right arrows ..."
        counts = _("{incidents}, {reports}, {complaints}.").format(
            incidents=ngettext("{count} incident", "{count} incidents", len(self.items)).format(
                count=len(self.items)
            ),
            reports=ngettext(
                "{count} report date", "{count} report dates", len(self.report_dates)
            ).format(count=len(self.report_dates)),
            complaints=ngettext(
                "{count} complaint date", "{count} complaint dates", len(self.complaint_dates)
            ).format(count=len(self.complaint_dates)),
        )
        return _("{counts} Left and Right arrows move between incidents, Enter opens one.").format(
            counts=counts
        )

    def clear(self) -> None:
        self.set_data([])

    # -- geometry (public so tests and keyboard users can find a dot) ----------------------------

    def _legend_height(self) -> int:
        return self.fontMetrics().height() + 14

    def _axis_y(self) -> float:
        return self.height() - self.MARGIN - self.fontMetrics().height() - 14

    def mirrored(self) -> bool:
        """Whether time runs right to left (the widget's layout is right to left)."""
        return self.layoutDirection() == Qt.LayoutDirection.RightToLeft

    def x_for(self, day: date) -> float:
        """Where ``day`` is on the axis: left to right, or right to left when mirrored."""
        if self.start is None or self.end is None:
            return float(self.width() - self.MARGIN if self.mirrored() else self.MARGIN)
        span = (self.end - self.start).days or 1
        width = self.width() - 2 * self.MARGIN
        offset = width * (day - self.start).days / span
        return self.width() - self.MARGIN - offset if self.mirrored() else self.MARGIN + offset

    def radius_for(self, severity: int) -> float:
        return 3.0 + 1.5 * max(1, min(5, severity))

    def point_for(self, incident_id: int) -> QPointF | None:
        """The centre of the dot drawn for ``incident_id`` (None when not shown)."""
        for position, item in self._positions():
            if item.id == incident_id:
                return position
        return None

    def incident_at(self, pos: QPointF | QPoint) -> int | None:
        """The incident whose dot is under ``pos`` (the nearest, when dots overlap)."""
        point = QPointF(pos)
        best: tuple[float, int] | None = None
        for position, item in self._positions():
            d = (position - point).manhattanLength()
            if d <= self.radius_for(item.severity) + 2 and (best is None or d < best[0]):
                best = (d, item.id)
        return best[1] if best else None

    def _positions(self) -> list[tuple[QPointF, TimelineItem]]:
        """Dots in lanes by severity (5 at the top); same-day dots of one severity stack."""
        top = self._legend_height() + 10
        axis = self._axis_y()
        lane = (axis - top - 10) / 5
        placed: list[tuple[QPointF, TimelineItem]] = []
        seen: dict[tuple[int, int], int] = {}
        for item in self.items:
            x = self.x_for(item.event_date)
            base = top + lane * (5 - max(1, min(5, item.severity))) + lane / 2
            key = (round(x), item.severity)
            n = seen.get(key, 0)
            seen[key] = n + 1
            offset = (n % 5) * 3.0 * (-1 if n % 2 else 1)
            placed.append((QPointF(x, base + offset), item))
        return placed

    # -- painting --------------------------------------------------------------------------------

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        fm = self.fontMetrics()
        text = pal.color(QPalette.ColorRole.WindowText)
        painter.fillRect(self.rect(), pal.color(QPalette.ColorRole.Base))
        self._paint_legend(painter, text)
        if self.start is None or self.end is None:
            painter.setPen(pal.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(
                self.rect(), Qt.AlignmentFlag.AlignCenter, _("No incidents in this period.")
            )
            return
        axis = self._axis_y()
        grid = QColor(text)
        grid.setAlpha(60)
        painter.setPen(QPen(text, 1))
        painter.drawLine(QPointF(self.MARGIN, axis), QPointF(self.width() - self.MARGIN, axis))
        # month ticks
        months = _month_ticks(self.start, self.end)
        every = max(
            1,
            int(
                len(months)
                * (fm.horizontalAdvance(short_month_year(date(2026, 5, 1))) + 12)
                / max(1, self.width() - 2 * self.MARGIN)
            )
            + 1,
        )
        for i, month in enumerate(months):
            x = self.x_for(month)
            painter.setPen(QPen(grid, 1))
            painter.drawLine(QPointF(x, self._legend_height() + 6), QPointF(x, axis))
            if i % every == 0:
                painter.setPen(text)
                painter.drawText(
                    QRectF(x - 40, axis + 4, 80, fm.height()),
                    Qt.AlignmentFlag.AlignHCenter,
                    short_month_year(month),
                )
        # complaint dates: dashed line and a diamond on the axis
        complaint_colour = pal.color(QPalette.ColorRole.Link)
        for day in self.complaint_dates:
            x = self.x_for(day)
            painter.setPen(QPen(complaint_colour, 1.5, Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(x, self._legend_height() + 6), QPointF(x, axis))
            painter.setPen(QPen(text, 1))
            painter.setBrush(complaint_colour)
            painter.drawPolygon(_diamond(QPointF(x, axis), 7))
        # report dates: triangles under the axis
        report_colour = QColor(text)
        for day in self.report_dates:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(report_colour)
            painter.drawPolygon(_triangle(QPointF(self.x_for(day), axis + fm.height() + 12), 5))
        # incidents
        outline = pal.color(QPalette.ColorRole.Base)
        chosen = self.items[self.current] if self.current is not None else None
        for position, item in self._positions():
            painter.setPen(QPen(outline, 1))
            painter.setBrush(severity_colour(item.severity))
            r = self.radius_for(item.severity)
            painter.drawEllipse(position, r, r)
            if item is chosen and self.hasFocus():
                painter.setPen(QPen(focus_colour(self), 2))  # 3:1 in both themes
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawEllipse(position, r + 4, r + 4)

    def _paint_legend(self, painter: QPainter, text: QColor) -> None:
        """The legend from the start edge: left to right, or from the right when mirrored."""
        fm = self.fontMetrics()
        y = 6 + fm.height() / 2
        x = float(self.MARGIN)
        mirrored = self.mirrored()

        def at(left: float, width: float = 0.0) -> float:
            """The left edge of something ``width`` wide placed ``left`` from the start edge."""
            return self.width() - left - width if mirrored else left

        def write(left: float, words: str) -> None:
            painter.drawText(
                QPointF(at(left, fm.horizontalAdvance(words)), y + fm.ascent() / 2 - 1), words
            )

        painter.setPen(text)
        # translators: the legend of the timeline's dot sizes and colours (how serious, 1 to 5)
        label = _("Severity")
        write(x, label)
        x += fm.horizontalAdvance(label) + 8
        for severity in range(1, 6):
            r = self.radius_for(severity)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(severity_colour(severity))
            painter.drawEllipse(QPointF(at(x + r), y), r, r)
            x += 2 * r + 3
            painter.setPen(text)
            write(x, str(severity))
            x += fm.horizontalAdvance("5") + 10
        x += 10
        painter.setPen(QPen(text, 1))
        painter.setBrush(self.palette().color(QPalette.ColorRole.Link))
        painter.drawPolygon(_diamond(QPointF(at(x + 6), y), 7))
        x += 16
        # translators: the legend of the timeline's complaint-date marks (a noun)
        complaint = _("Complaint")
        write(x, complaint)
        x += fm.horizontalAdvance(complaint) + 18
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(text)
        painter.drawPolygon(_triangle(QPointF(at(x + 5), y), 5))
        x += 14
        painter.setPen(text)
        # translators: the legend of the timeline's report-date marks (dates a report was made)
        write(x, _("Reported"))

    # -- interaction -----------------------------------------------------------------------------

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            found = self.incident_at(event.position())
            if found is not None:
                self.edit_requested.emit(found)
                return
        super().mouseReleaseEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        over = self.incident_at(event.position()) is not None
        self.setCursor(Qt.CursorShape.PointingHandCursor if over else Qt.CursorShape.ArrowCursor)
        super().mouseMoveEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self.items:
            super().keyPressEvent(event)
            return
        key = event.key()
        last = len(self.items) - 1
        later = 0 if self.current is None else min(last, self.current + 1)
        earlier = last if self.current is None else max(0, self.current - 1)
        if self.mirrored():  # time runs right to left: Left goes later
            later, earlier = earlier, later
        moves: dict[int, int] = {  # event.key() is an int; the keys by their codes
            Qt.Key.Key_Right.value: later,
            Qt.Key.Key_Left.value: earlier,
            Qt.Key.Key_Home.value: 0,
            Qt.Key.Key_End.value: last,
        }
        if key in moves:
            self.choose(moves[key])
        elif (
            key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space)
            and self.current is not None
        ):
            self.edit_requested.emit(self.items[self.current].id)
        else:
            super().keyPressEvent(event)

    def choose(self, index: int) -> None:
        """Make ``items[index]`` the keyboard's incident: ringed, described and tipped."""
        self.current = index
        item = self.items[index]
        text = self._describe(item)
        # translators: the chosen incident, then the timeline's summary sentence
        self.setAccessibleDescription(
            _("{incident}. {summary}").format(incident=text, summary=self._summary())
        )
        announce(self, text)  # a screen reader says which incident the arrows reached
        point = self.point_for(item.id)
        if point is not None and self.isVisible():
            QToolTip.showText(self.mapToGlobal(point.toPoint()), text, self)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.update()  # the ring shows only with focus
        super().focusOutEvent(event)

    @staticmethod
    def _describe(item: TimelineItem) -> str:
        # translators: an incident on the timeline: its date, its title, how serious (1 to 5)
        return _("{date} — {title} (severity {severity})").format(
            date=isolate(short_date(item.event_date)), title=item.title, severity=item.severity
        )

    def tooltip_at(self, pos: QPointF | QPoint) -> str:
        found = self.incident_at(pos)
        if found is None:
            return ""
        return self._describe(next(i for i in self.items if i.id == found))

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            tip = self.tooltip_at(event.pos())
            if tip:
                QToolTip.showText(event.globalPos(), tip, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)


def _month_ticks(start: date, end: date) -> list[date]:
    ticks: list[date] = []
    current = date(start.year, start.month, 1)
    if current < start:
        current = add_months(current, 1)
    while current <= end:
        ticks.append(current)
        current = add_months(current, 1)
    return ticks


def _diamond(centre: QPointF, r: float) -> QPolygonF:
    return QPolygonF(
        [
            QPointF(centre.x(), centre.y() - r),
            QPointF(centre.x() + r, centre.y()),
            QPointF(centre.x(), centre.y() + r),
            QPointF(centre.x() - r, centre.y()),
        ]
    )


def _triangle(centre: QPointF, r: float) -> QPolygonF:
    path = QPainterPath()
    path.moveTo(centre.x(), centre.y() - r)
    path.lineTo(centre.x() + r, centre.y() + r)
    path.lineTo(centre.x() - r, centre.y() + r)
    path.closeSubpath()
    return path.toFillPolygon()
