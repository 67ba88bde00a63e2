"""The editor's history and withdrawal actions: the history of changes, and withdrawing the
saved entry as made in error (or restoring it) — each a new revision of the stored entry."""

from __future__ import annotations

from typing import TYPE_CHECKING

from peerdesk.i18n import _
from peerdesk.ui.journal.editor.fields import say
from peerdesk.ui.journal.history import HistoryDialog, WithdrawDialog, restore_entry, withdraw_entry

if TYPE_CHECKING:
    from peerdesk.ui.journal.editor.dialog import IncidentEditor


class WithdrawActions:
    def __init__(self, editor: IncidentEditor) -> None:
        self._editor = editor
        self._state = editor.state
        self.history_dialog: HistoryDialog | None = None
        self.withdraw_dialog: WithdrawDialog | None = None

    def show_history(self) -> HistoryDialog | None:
        state = self._state
        if state.incident_id is None or not state.session.is_open:
            return None
        if self.history_dialog is not None:
            self.history_dialog.close()
            self.history_dialog.deleteLater()
        self.history_dialog = HistoryDialog(state.session, state.incident_id, self._editor)
        self.history_dialog.show()
        return self.history_dialog

    def withdraw_or_restore(self) -> None:
        """Withdraw this saved entry as made in error (asks for a reason), or restore it.
        Either is a new revision of the stored entry; what is typed here is not touched."""
        state = self._state
        stored, incident_id, session = state.stored, state.incident_id, state.session
        if stored is None or incident_id is None or not session.is_open:
            return
        if stored.withdrawn is not None:
            problem = restore_entry(session, incident_id)
            if problem is not None:
                # translators: {reason} is a sentence saying why the entry was not restored
                say(self._editor.status, _("Not restored. {reason}").format(reason=problem))
                return
            self._withdrawal_changed(
                _("Restored: the entry is back in the journal, Patterns and reports.")
            )
            return

        def confirm(reason: str) -> str | None:
            problem = withdraw_entry(session, incident_id, reason)
            if problem is None:
                self._withdrawal_changed(
                    _(
                        "Withdrawn: the entry is no longer listed, counted "
                        "in Patterns or put in reports. Its history is kept."
                    )
                )
            return problem

        if self.withdraw_dialog is not None:
            self.withdraw_dialog.close()
        self.withdraw_dialog = WithdrawDialog(
            session, stored.record_number or 0, confirm, self._editor
        )
        self.withdraw_dialog.destroyed.connect(self._withdraw_dialog_gone)
        self.withdraw_dialog.open()

    def _withdraw_dialog_gone(self) -> None:
        self.withdraw_dialog = None

    def _withdrawal_changed(self, status: str) -> None:
        state = self._state
        if state.incident_id is None or not state.session.is_open:
            return
        state.stored = state.session.repos.incidents.get(state.incident_id)
        self._editor.saver.show_record_info()
        say(self._editor.status, status)
