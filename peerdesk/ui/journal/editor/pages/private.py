"""Section 7, "Private reflection": thoughts kept for myself, left out of reports."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel

from peerdesk.i18n import _
from peerdesk.models import Incident
from peerdesk.ui.common.theme import accent_style
from peerdesk.ui.journal.editor.fields import dark, text_edit
from peerdesk.ui.journal.editor.pages.base import SectionPage


class PrivatePage(SectionPage):
    def __init__(self) -> None:
        super().__init__(
            _("Private reflection"),
            _("Thoughts for yourself: how you make sense of it, what you want to do next."),
        )
        banner = QLabel(
            _(
                "<b>Private — never exported unless you choose.</b> It stays in your vault and "
                "is left out of every report unless you include it."
            )
        )
        banner.setObjectName("privateBanner")
        banner.setWordWrap(True)
        colours = accent_style(dark())
        banner.setStyleSheet(
            f"background: {colours['warning_bg']}; color: "
            f"{colours['warning_fg']}; padding: 8px; border-radius: 4px;"
        )
        self.body.addWidget(banner)
        self.reflection = text_edit(_("Anything you want to keep for yourself."), 220, grow=True)
        self.reflection.setObjectName("privateReflection")
        self.register(
            "private_reflection", self.reflection, self.field(_("My reflection"), self.reflection)
        )

    def fill(self, incident: Incident) -> None:
        self.reflection.setPlainText(incident.private_reflection)

    def values(self) -> dict[str, Any]:
        return {"private_reflection": self.reflection.toPlainText()}
