"""The one date field: :func:`date_edit` (a calendar pop-up date box), :class:`OptionalDate`
(a date that may be left out: a check box and a date box) and the QDate converters."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QCheckBox, QDateEdit, QHBoxLayout, QWidget

from peerdesk.i18n import _
from peerdesk.ui.common.accessibility import set_name

#: How a date box shows its date (Qt's own format; month names follow the application locale).
DISPLAY_FORMAT = "d MMM yyyy"  # i18n: keep — a Qt date format, month names follow the locale


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def date_edit(name: str = "") -> QDateEdit:
    """A date box with a calendar pop-up, ``name`` its object name."""
    edit = QDateEdit()
    if name:
        edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(DISPLAY_FORMAT)
    return edit


class OptionalDate(QWidget):
    """A date that may be left out: a check box (``check``) and a date box (``edit``), which is
    enabled only while the box is ticked. ``changed`` is emitted on either."""

    changed = Signal()

    def __init__(self, label: str = "", name: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.check = QCheckBox(label or _("Date known"))
        if name:
            self.check.setObjectName(name + "Set")
        self.edit = date_edit(name)
        self.edit.setDate(QDate.currentDate())
        self.edit.setEnabled(False)
        set_name(self.edit, label)
        row.addWidget(self.check)
        row.addWidget(self.edit)
        row.addStretch(1)
        self.check.toggled.connect(self.edit.setEnabled)
        self.check.toggled.connect(self.changed)
        self.edit.dateChanged.connect(self.changed)

    def value(self) -> date | None:
        return from_qdate(self.edit.date()) if self.check.isChecked() else None

    def set_value(self, day: date | None, default: date | None = None) -> None:
        """Tick the box for a date; without one, untick it and show ``default`` (if given)."""
        self.check.setChecked(day is not None)
        shown = day if day is not None else default
        if shown is not None:
            self.edit.setDate(to_qdate(shown))


__all__ = ["DISPLAY_FORMAT", "OptionalDate", "date_edit", "from_qdate", "to_qdate"]
