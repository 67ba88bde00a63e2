"""Section 5, "Reports and actions": who I told, reports made, what I did to stop it, whether it
came after a complaint, and related entries."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from peerdesk.i18n import _
from peerdesk.models import Incident
from peerdesk.models.dates import short_date
from peerdesk.models.person import Person
from peerdesk.storage.incidents import IncidentSummary
from peerdesk.ui.common.accessibility import set_name
from peerdesk.ui.common.date_field import OptionalDate
from peerdesk.ui.journal.bidi import isolate
from peerdesk.ui.journal.editor.fields import ID_ROLE, text_edit
from peerdesk.ui.journal.editor.pages.base import SectionPage
from peerdesk.ui.journal.editor.rows import ReportRow, RowList, ToldRow


class ReportsPage(SectionPage):
    """``related``: the entries to offer as related, given those ticked; ``event_date``: the
    incident's date box; ``loading``: True while the editor fills its fields."""

    def __init__(
        self,
        people: Callable[[], list[Person]],
        related: Callable[[list[int]], list[IncidentSummary]],
        event_date: QDateEdit,
        loading: Callable[[], bool],
    ) -> None:
        super().__init__(
            _("Reports and actions"),
            _(
                "Who you told, any reports, and what you did to "
                "make it stop. Reporting is your choice."
            ),
        )
        self._related = related
        self._event_date = event_date
        self._loading = loading
        self.told = RowList(ToldRow, _("Add someone I told"), _("Nobody added yet."), people)
        self.register(
            "told",
            self.told,
            self.field(
                _("Who I told afterwards"),
                self.told,
                _("A friend, partner or colleague you told soon after may be able to confirm it."),
            ),
        )
        self.reports = RowList(ReportRow, _("Add a report"), _("No reports added."), people)
        self.register(
            "reports",
            self.reports,
            self.field(
                _("Reports made"),
                self.reports,
                _("To a manager, HR, a union, the EAP, the police…"),
            ),
        )
        self.attempts = text_edit(_("e.g. “I asked him by email to give feedback in private.”"), 60)
        self.register(
            "attempts_to_stop",
            self.attempts,
            self.field(_("What I did to try to stop it"), self.attempts),
        )
        complaint = QWidget()
        row = QVBoxLayout(complaint)
        row.setContentsMargins(0, 0, 0, 0)
        self.after_complaint = QCheckBox(
            _("This happened after I complained or reported something")
        )
        self.complaint_date = OptionalDate(_("Date of the complaint"))
        self.complaint_date.setEnabled(False)
        self.after_complaint.toggled.connect(self.complaint_date.setEnabled)
        self.complaint_date.check.toggled.connect(self._complaint_date_ticked)
        row.addWidget(self.after_complaint)
        row.addWidget(self.complaint_date)
        error = self.field(
            _("After a complaint"),
            complaint,
            _("Treatment after a complaint can be retaliation, which matters to HR and tribunals."),
        )
        set_name(self.complaint_date.edit, _("Date of the complaint"))
        self.register("after_complaint", self.after_complaint, error)
        self.register("complaint_date", self.complaint_date, error)
        self.related = QListWidget()
        self.related.setObjectName("relatedList")
        self.related.setMinimumHeight(130)
        self.register(
            "related_incident_ids",
            self.related,
            self.field(
                _("Related entries"),
                self.related,
                _("Tick earlier entries that are part of the same pattern."),
            ),
        )

    def _complaint_date_ticked(self, known: bool) -> None:
        """A complaint comes before the incident: start from the incident's date, not today
        (which is always refused for a past incident)."""
        edit = self.complaint_date.edit
        if known and not self._loading() and edit.date() > self._event_date.date():
            edit.setDate(self._event_date.date())

    def fill_related(self, selected: list[int]) -> None:
        self.related.blockSignals(True)
        self.related.clear()
        for summary in self._related(selected):
            # translators: a related entry in a list: its number, its date, its title
            text = _("No. {number} · {date} · {title}").format(
                number=summary.record_number,
                date=isolate(short_date(summary.event_date)),
                title=summary.title,
            )
            item = QListWidgetItem(text)
            item.setData(ID_ROLE, summary.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if summary.id in selected else Qt.CheckState.Unchecked
            )
            self.related.addItem(item)
        self.related.blockSignals(False)

    def fill(self, incident: Incident) -> None:
        self.told.set_values(incident.told)
        self.reports.set_values(incident.reports)
        self.attempts.setPlainText(incident.attempts_to_stop)
        self.after_complaint.setChecked(incident.after_complaint)
        self.complaint_date.set_value(incident.complaint_date)
        self.fill_related(list(incident.related_incident_ids))

    def values(self) -> dict[str, Any]:
        related = [
            int(self.related.item(i).data(ID_ROLE))
            for i in range(self.related.count())
            if self.related.item(i).checkState() == Qt.CheckState.Checked
        ]
        after = self.after_complaint.isChecked()
        return {
            "told": self.told.values(),
            "reports": self.reports.values(),
            "attempts_to_stop": self.attempts.toPlainText(),
            "after_complaint": after,
            "complaint_date": self.complaint_date.value() if after else None,
            "related_incident_ids": related,
        }
