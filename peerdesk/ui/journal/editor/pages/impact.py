"""Section 4, "Impact": how it affected me, and the help I sought."""

from __future__ import annotations

from typing import Any

from peerdesk.i18n import _
from peerdesk.models import Incident
from peerdesk.models.incident_parts import Impact
from peerdesk.ui.common.date_field import OptionalDate
from peerdesk.ui.journal.editor.fields import text_edit
from peerdesk.ui.journal.editor.pages.base import SectionPage


class ImpactPage(SectionPage):
    def __init__(self) -> None:
        super().__init__(
            _("Impact"),
            _(
                "How this affected you. Only what you want to write down; "
                "it can be left out of any report you make."
            ),
        )
        self.impact_emotional = text_edit(_("e.g. shaken, anxious before work"), 60)
        self.impact_physical = text_edit(_("e.g. slept badly, headaches"), 60)
        self.impact_work = text_edit(_("e.g. a day off sick, avoided the team meeting"), 60)
        self.impact_home = text_edit(_("e.g. withdrawn with my family that evening"), 60)
        self.impact_help = text_edit(_("e.g. saw my GP; called the EAP line"), 60)
        self.impact_help_date = OptionalDate(_("I know when"))
        for key, label, widget in (
            ("impact.emotional", _("How I felt"), self.impact_emotional),
            ("impact.physical", _("My body and sleep"), self.impact_physical),
            ("impact.work", _("My work"), self.impact_work),
            ("impact.home", _("Home and family"), self.impact_home),
            ("impact.sought_help", _("Help I sought (doctor, EAP, counsellor)"), self.impact_help),
            ("impact.sought_help_date", _("When I sought help"), self.impact_help_date),
        ):
            self.register(key, widget, self.field(label, widget))

    def fill(self, incident: Incident) -> None:
        impact = incident.impact
        self.impact_emotional.setPlainText(impact.emotional)
        self.impact_physical.setPlainText(impact.physical)
        self.impact_work.setPlainText(impact.work)
        self.impact_home.setPlainText(impact.home)
        self.impact_help.setPlainText(impact.sought_help)
        self.impact_help_date.set_value(impact.sought_help_date)

    def values(self) -> dict[str, Any]:
        return {
            "impact": Impact(
                emotional=self.impact_emotional.toPlainText(),
                physical=self.impact_physical.toPlainText(),
                work=self.impact_work.toPlainText(),
                home=self.impact_home.toPlainText(),
                sought_help=self.impact_help.toPlainText(),
                sought_help_date=self.impact_help_date.value(),
            )
        }
