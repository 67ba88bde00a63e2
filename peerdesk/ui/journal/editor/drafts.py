"""Draft keeping for the editor: loading what to show (the entry, its draft, or Home's quick
capture), keeping what is typed as a draft inside the vault a moment after each change (and on
lock and close), and discarding it."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from peerdesk.i18n import _
from peerdesk.models import Draft, Incident, RecordKind
from peerdesk.models.draft import CAPTURE_SLOT, capture_when
from peerdesk.models.errors import ValidationError
from peerdesk.models.revisions import local_time_text
from peerdesk.models.serialize import incident_to_dict, record_from_dict
from peerdesk.storage.errors import VaultError
from peerdesk.ui.common.draft_autosave import DraftAutosave
from peerdesk.ui.common.messages import Button, Messages
from peerdesk.ui.journal.bidi import isolate
from peerdesk.ui.journal.editor.fields import TagCompleter, say

if TYPE_CHECKING:
    from peerdesk.ui.journal.editor.dialog import IncidentEditor

#: In a new entry's draft: the quick-capture text it started from (removed when it is saved).
CAPTURE_KEY = "from_quick_capture"


class DraftKeeper:
    """The editor's draft: ``autosave`` writes it once typing pauses."""

    def __init__(self, editor: IncidentEditor) -> None:
        self._editor = editor
        self._state = editor.state
        self.autosave = DraftAutosave(self._autosave_now, editor)

    def load(self) -> None:
        """Show the stored entry (offering its draft back), a new entry's draft, or the quick
        capture handed over."""
        editor, state = self._editor, self._state
        repos = state.session.repos
        state.loading = True
        try:
            editor.fill_people()
            editor.what.tags.setCompleter(TagCompleter(repos.incidents.all_tags(), editor.tags))
            draft = repos.drafts.load(RecordKind.INCIDENT, state.incident_id, state.slot)
            capture = (
                repos.drafts.load(RecordKind.INCIDENT, None, CAPTURE_SLOT)
                if state.from_capture
                else None
            )
            if state.incident_id is None:
                state.attachments = repos.attachments.list_for_draft(state.slot)
            if state.incident_id is not None:
                state.stored = repos.incidents.get(state.incident_id)
                state.attachments = repos.attachments.list_for_incident(state.incident_id)
                editor.fill(state.stored)
                if draft is not None and self._restore_wanted(draft):
                    self.fill_from_draft(draft)
                    state.dirty = True
            elif draft is not None:
                self.fill_from_draft(draft)
                state.dirty = True
                say(editor.status, _("Your unsaved text has been brought back."))
            elif capture is not None:
                self.fill_from_draft(capture)
                narrative = capture.payload.get("narrative")
                state.capture_text = narrative if isinstance(narrative, str) else ""
                state.dirty = True
            else:
                editor.reports_page.fill_related([])
            editor.files.show()
            editor.saver.show_record_info()
        finally:
            state.loading = False

    def _restore_wanted(self, draft: Draft) -> bool:
        question = (
            # translators: {when} is the date and time the unsaved changes were kept
            _("There are unsaved changes to this entry from {when}. Bring them back?").format(
                when=isolate(local_time_text(draft.saved_at))
            )
            if draft.saved_at
            else _("There are unsaved changes to this entry. Bring them back?")
        )
        answer = Messages.ask(
            self._editor,
            _("Unsaved changes"),
            question,
            Button.Yes | Button.No,
            Button.Yes,
            informative=_(
                "If you choose No, the saved version is shown and the unsaved "
                "changes are kept until you save."
            ),
        )
        return answer == Button.Yes

    def fill_from_draft(self, draft: Draft) -> None:
        state = self._state
        payload = dict(draft.payload)
        handed = payload.pop(CAPTURE_KEY, None)  # started from quick capture: that text
        if isinstance(handed, str):
            state.capture_text = handed
        incident: Incident | None = None
        if "schema" in payload:
            try:
                incident = record_from_dict(Incident, payload)
            except ValidationError:
                incident = None
        if incident is None:
            base = state.stored or Incident(event_date=date.today())
            incident = record_from_dict(Incident, incident_to_dict(base))
            narrative = payload.get("narrative")
            if isinstance(narrative, str):
                incident.narrative = narrative
            when = capture_when(payload)  # the time typed in quick capture
            if when is not None:
                incident.event_date, incident.event_time = when.date(), when.time()
        if state.stored is not None:
            incident.record_number = state.stored.record_number
            incident.recorded_at = state.stored.recorded_at
        else:
            incident.record_number = None
            incident.recorded_at = None
        pending = {a.id for a in state.attachments}
        repo = state.session.repos.attachments
        for attachment_id in incident.attachment_ids:
            if attachment_id not in pending:
                try:
                    attachment = repo.get(attachment_id)
                except VaultError:
                    continue
                if attachment.incident_id in (None, state.incident_id):
                    state.attachments.append(attachment)
        self._editor.fill(incident)

    def changed(self, *_args: object) -> None:
        if self._state.loading:
            return
        self._state.dirty = True
        self.autosave.changed()

    def _autosave_now(self) -> None:
        self.save_draft()

    def save_draft(self) -> bool:
        """Keep what is typed as a draft inside the vault (the lock controller calls this)."""
        state = self._state
        self.autosave.stop()
        if not state.dirty or not state.session.is_open:
            return False
        incident = self._editor.incident()
        incident.record_number = None
        incident.recorded_at = None
        drafts = state.session.repos.drafts
        try:
            payload = incident_to_dict(incident)
            if state.capture_text is not None:
                payload[CAPTURE_KEY] = state.capture_text
            drafts.save(self._draft(payload))
        except (ValidationError, ValueError, TypeError):
            # Text Qt could not give back cleanly (e.g. a lone surrogate): keep at least the
            # narrative, then say so.
            narrative = self._editor.narrative.toPlainText().encode("utf-8", "replace").decode()
            drafts.save(self._draft({"narrative": narrative}))
        self._editor.status.setText(_("Draft kept in your vault."))
        return True

    def _draft(self, payload: dict[str, object]) -> Draft:
        return Draft(
            record_kind=RecordKind.INCIDENT,
            record_id=self._state.incident_id,
            slot=self._state.slot,
            payload=payload,
            saved_at=datetime.now(UTC),
        )

    def discard_draft(self) -> bool:
        """After a question: forget what is not saved — this editor's draft and, for a new
        entry, the files added to it — and close. Saved entries and revisions are untouched."""
        state = self._state
        if not state.session.is_open:
            return False
        new = state.incident_id is None
        if not Messages.confirm(
            self._editor,
            _("Discard unsaved"),
            _("Discard this unsaved entry?")
            if new
            else _("Discard the changes that are not saved?"),
            action=_("Discard"),
            destructive=True,
            informative=(
                _("What you typed here and the files you added are deleted from the vault.")
                if new
                else _("The saved version stays as it is; files already added stay with the entry.")
            ),
        ):
            return False
        self._editor.files.stop_adding()
        self.autosave.stop()
        state.session.repos.drafts.discard(RecordKind.INCIDENT, state.incident_id, state.slot)
        state.dirty = False
        state.attachments = []
        self._editor.close()
        return True

    def capture_recorded(self) -> None:
        """The entry started from quick capture is saved: the capture has served (unless it
        was changed on Home meanwhile — then it is new text and stays)."""
        state = self._state
        if state.capture_text is None:
            return
        drafts = state.session.repos.drafts
        capture = drafts.load(RecordKind.INCIDENT, None, CAPTURE_SLOT)
        if capture is not None and capture.payload.get("narrative") == state.capture_text:
            drafts.discard(RecordKind.INCIDENT, None, CAPTURE_SLOT)
        state.capture_text = None
