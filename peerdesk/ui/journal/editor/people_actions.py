"""The editor's people actions: "Add a person…" without leaving the entry, and the line under
each person saying how many entries involve them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from peerdesk.i18n import _
from peerdesk.models.dates import short_date
from peerdesk.models.errors import ValidationError
from peerdesk.models.person import Person
from peerdesk.storage.errors import VaultError
from peerdesk.ui.journal.bidi import isolate
from peerdesk.ui.journal.editor.fields import ordinal
from peerdesk.ui.journal.editor.people import QuickPersonDialog

if TYPE_CHECKING:
    from peerdesk.ui.journal.editor.dialog import IncidentEditor


class PeopleActions:
    def __init__(self, editor: IncidentEditor) -> None:
        self._editor = editor
        self._state = editor.state
        self.dialog: QuickPersonDialog | None = None

    def add_person(self) -> None:
        """Open "Add a person…" (non-modal); the person is ticked once added."""
        if self.dialog is not None:
            self.dialog.raise_()
            return
        dialog = QuickPersonDialog(self._editor, self._person_added)
        dialog.finished.connect(self._dialog_done)
        self.dialog = dialog
        dialog.open()

    def _dialog_done(self) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
            self.dialog = None

    def _person_added(self, typed: Person) -> tuple[str, str] | None:
        """Keep ``typed`` in the cast list and tick them; else (field, why not) for the
        dialog to show (it stays open with what was typed)."""
        state = self._state
        if not state.session.is_open:
            return None
        try:
            person = state.session.repos.persons.add(typed)
        except ValidationError as error:
            return error.field, error.message
        except VaultError as error:
            # translators: {reason} is a sentence saying why the vault refused the change
            return "display_name", _("{reason} Nothing was added.").format(
                reason=error.user_message
            )
        page = self._editor.people_page
        roles = page.ticked_people()
        roles[int(person.id or 0)] = ""
        state.people = state.session.repos.persons.list()
        self._editor.fill_people()
        page.tick(roles)
        self._editor.drafts.changed()
        return None

    def involvement(self) -> dict[int, str]:
        """ "3rd entry involving this person since 2 Feb 2024" for a saved entry (field 17)."""
        state = self._state
        if state.incident_id is None or not state.session.is_open:
            return {}
        repos = state.session.repos
        found: dict[int, str] = {}
        for person in state.people:
            if person.id is None:
                continue
            ids = repos.persons.incident_ids(person.id)
            if state.incident_id in ids and len(ids) > 1:
                position = ids.index(state.incident_id) + 1
                first = repos.incidents.summary(ids[0]).event_date
                # translators: shown by a person in an entry: "3rd entry with them since 2 Feb
                # 2024"; {ordinal} is an ordinal number, {date} the date of the first entry
                found[person.id] = _("{ordinal} entry with them since {date}").format(
                    ordinal=ordinal(position), date=isolate(short_date(first))
                )
        return found
