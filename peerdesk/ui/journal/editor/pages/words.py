"""Section 3, "Words used": exact quotes, my response and their reaction."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from peerdesk.i18n import _
from peerdesk.models import Incident
from peerdesk.models.person import Person
from peerdesk.ui.journal.editor.fields import text_edit
from peerdesk.ui.journal.editor.pages.base import SectionPage
from peerdesk.ui.journal.editor.rows import QuoteRow, RowList


class WordsPage(SectionPage):
    def __init__(self, people: Callable[[], list[Person]]) -> None:
        super().__init__(
            _("Words used"),
            _(
                "Exact words carry weight. Write them as you remember them, "
                "even if they are only part of what was said."
            ),
        )
        self.quotes = RowList(QuoteRow, _("Add a quote"), _("No quotes yet."), people)
        self.register(
            "quotes",
            self.quotes,
            self.field(_("Exact words"), self.quotes, _("Each quote with who said it.")),
        )
        self.my_response = text_edit(
            _("e.g. “I said I would not discuss it in front of everyone.”"), 70
        )
        self.register(
            "my_response", self.my_response, self.field(_("What I said or did"), self.my_response)
        )
        self.their_reaction = text_edit(_("e.g. “He laughed and carried on.”"), 70)
        self.register(
            "their_reaction",
            self.their_reaction,
            self.field(_("How they reacted"), self.their_reaction),
        )

    def fill(self, incident: Incident) -> None:
        self.quotes.set_values(incident.quotes)
        self.my_response.setPlainText(incident.my_response)
        self.their_reaction.setPlainText(incident.their_reaction)

    def values(self) -> dict[str, Any]:
        return {
            "quotes": self.quotes.values(),
            "my_response": self.my_response.toPlainText(),
            "their_reaction": self.their_reaction.toPlainText(),
        }
