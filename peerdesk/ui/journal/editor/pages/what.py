"""Section 1, "What happened": description, when, how long, where, kinds of behaviour, the
narrative, severity and tags."""

from __future__ import annotations

from datetime import time
from typing import Any

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QSpinBox,
    QTimeEdit,
    QWidget,
)

from peerdesk.i18n import _
from peerdesk.models import Incident
from peerdesk.models.enums import Channel, IncidentCategory
from peerdesk.models.timing import DURATION_MAX_MINUTES
from peerdesk.ui.common.accessibility import set_name
from peerdesk.ui.common.date_field import date_edit, from_qdate, to_qdate
from peerdesk.ui.common.reflow import ReflowGrid
from peerdesk.ui.journal.editor.fields import line, text_edit
from peerdesk.ui.journal.editor.pages.base import SectionPage
from peerdesk.ui.journal.editor.severity import SEVERITY_WORDS, severity_swatch


class WhatPage(SectionPage):
    def __init__(self) -> None:
        super().__init__(
            _("What happened"),
            _(
                "Facts first, in your own words. Short is fine: you can "
                "come back and add more — every saved version is kept."
            ),
        )
        self.title = line(_("e.g. “Shouted at in the Monday planning meeting”"))
        self.register(
            "title",
            self.title,
            self.field(
                _("Short description"),
                self.title,
                _("One line that lets you find this entry later."),
            ),
        )
        self._when()
        self.duration = QSpinBox()
        self.duration.setObjectName("duration")
        self.duration.setRange(-1, DURATION_MAX_MINUTES)
        self.duration.setSpecialValueText(_("Not given"))
        # translators: after the number of minutes in the duration field ("15 min")
        self.duration.setSuffix(_(" min"))
        self.duration.setValue(-1)
        self.duration.setMaximumWidth(160)
        self.register(
            "duration_minutes",
            self.duration,
            self.field(
                _("How long it lasted"),
                self.duration,
                _("In minutes, e.g. 15. Leave “Not given” if you are unsure."),
            ),
        )
        self._where()
        self._kinds()
        self.narrative = text_edit(
            _(
                "e.g. “At about 10:00, in front of the team, M. said my report was ‘rubbish’ and "
                "threw it on the desk. I said I would discuss it in private.”"
            ),
            180,
            grow=True,
        )
        self.narrative.setObjectName("narrative")
        self.register(
            "narrative",
            self.narrative,
            self.field(
                _("What happened"),
                self.narrative,
                _(
                    "In the order it happened, in the first person. "
                    "Describe what was done and said rather than what you think of the person."
                ),
            ),
        )
        self.severity = QComboBox()
        for value, words in SEVERITY_WORDS.items():
            self.severity.addItem(severity_swatch(value), _(words), value)
        self.severity.setCurrentIndex(2)
        self.register(
            "severity",
            self.severity,
            self.field(
                _("How serious it felt"), self.severity, _("Your own sense of it, from 1 to 5.")
            ),
        )
        self.tags = line(_("e.g. meeting, deadline — separated by commas"))
        self.tags.setObjectName("tags")
        self.register(
            "tags",
            self.tags,
            self.field(_("Your tags"), self.tags, _("Any words that help you group entries.")),
        )

    def _when(self) -> None:
        when = QWidget()
        row = QHBoxLayout(when)
        row.setContentsMargins(0, 0, 0, 0)
        self.event_date = date_edit("eventDate")
        self.event_date.setDate(QDate.currentDate())
        # translators: a tick box before a time field: "At [10:30]"
        self.time_known = QCheckBox(_("At"))
        self.time_known.setChecked(True)
        self.event_time = QTimeEdit()
        self.event_time.setDisplayFormat("HH:mm")
        self.event_time.setTime(QTime.currentTime())
        self.time_known.toggled.connect(self.event_time.setEnabled)
        self.approximate = QCheckBox(_("Approximate"))
        self.approximate.setToolTip(_("Tick this if you are not sure of the exact date or time."))
        row.addWidget(self.event_date)
        row.addWidget(self.time_known)
        row.addWidget(self.event_time)
        row.addWidget(self.approximate)
        row.addStretch(1)
        helper = _(
            "Untick “At” if you do not know the time. “Approximate” says the "
            "date or time is your best recollection."
        )
        error = self.field(_("When it happened"), when, helper)
        set_name(self.event_date, _("Date it happened"), helper)
        set_name(self.time_known, _("At a known time"), _("Untick it if you do not know the time."))
        set_name(self.event_time, _("Time it happened"))
        set_name(self.approximate, _("Approximate"), self.approximate.toolTip())
        self.register("event_date", self.event_date, error)
        self.register("event_time", self.event_time, error)
        self.register("approximate", self.approximate, error)

    def _where(self) -> None:
        self.channel = QComboBox()
        for channel in Channel:
            self.channel.addItem(channel.label, channel.value)
        self.place = line(_("e.g. meeting room 3; the team chat; the car park"))
        where = QWidget()
        where_row = QHBoxLayout(where)
        where_row.setContentsMargins(0, 0, 0, 0)
        where_row.addWidget(self.channel)
        where_row.addWidget(self.place, 1)
        error = self.field(
            _("Where, or how"), where, _("In person, by email, on a call…, and where.")
        )
        set_name(self.channel, _("How it happened"), _("In person, by email, on a call…"))
        set_name(self.place, _("Where it happened"))
        self.register("channel", self.channel, error)
        self.register("place", self.place, error)

    def _kinds(self) -> None:
        self.category_boxes: dict[IncidentCategory, QCheckBox] = {
            category: QCheckBox(category.label) for category in IncidentCategory
        }
        # Two columns where they fit, one at a large text size (never cut at the right).
        boxes = ReflowGrid(list(self.category_boxes.values()))
        self.register(
            "categories",
            boxes,
            self.field(_("What kind of behaviour"), boxes, _("Tick all that apply.")),
        )

    def fill(self, incident: Incident) -> None:
        self.title.setText(incident.title)
        self.event_date.setDate(to_qdate(incident.event_date))
        self.time_known.setChecked(incident.event_time is not None)
        if incident.event_time is not None:
            t = incident.event_time
            self.event_time.setTime(QTime(t.hour, t.minute, t.second))
        self.approximate.setChecked(incident.approximate)
        self.duration.setValue(
            -1 if incident.duration_minutes is None else incident.duration_minutes
        )
        self.channel.setCurrentIndex(max(0, self.channel.findData(incident.channel.value)))
        self.place.setText(incident.place)
        for category, box in self.category_boxes.items():
            box.setChecked(category in incident.categories)
        self.narrative.show_text(incident.narrative)  # a long one in pieces, window responsive
        self.severity.setCurrentIndex(max(0, self.severity.findData(incident.severity)))
        self.tags.setText(", ".join(incident.tags))

    def values(self) -> dict[str, Any]:
        event_time = None
        if self.time_known.isChecked():
            t = self.event_time.time()
            event_time = time(t.hour(), t.minute())
        return {
            "event_date": from_qdate(self.event_date.date()),
            "event_time": event_time,
            "approximate": self.approximate.isChecked(),
            "duration_minutes": None if self.duration.value() < 0 else self.duration.value(),
            "channel": Channel(self.channel.currentData()),
            "place": self.place.text(),
            "categories": {c for c, box in self.category_boxes.items() if box.isChecked()},
            "title": self.title.text(),
            "narrative": self.narrative.toPlainText(),
            "severity": int(self.severity.currentData()),
            "tags": [t.strip() for t in self.tags.text().split(",") if t.strip()],
        }
