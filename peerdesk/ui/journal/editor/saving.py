"""Saving the entry: writing a revision, the header that says what is stored, and the inline
errors of a field that would not save (nothing typed is lost)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QScrollArea, QWidget

from peerdesk.i18n import _, ngettext
from peerdesk.models import RecordKind
from peerdesk.models.errors import ValidationError
from peerdesk.models.quality import check_quality
from peerdesk.models.revisions import local_time_text
from peerdesk.storage.errors import VaultError
from peerdesk.ui.common.accessibility import announce, clear_field_error, show_field_error
from peerdesk.ui.common.date_field import OptionalDate
from peerdesk.ui.journal.bidi import isolate
from peerdesk.ui.journal.editor.fields import say

if TYPE_CHECKING:
    from peerdesk.ui.journal.editor.dialog import IncidentEditor

_PATH_RE = re.compile(r"^(?P<name>[a-z_]+)(?:\[(?P<index>\d+)\])?(?:\.(?P<part>[a-z_]+))?$")


class Saver:
    """Save, the record header and the inline errors of one editor."""

    def __init__(self, editor: IncidentEditor) -> None:
        self._editor = editor
        self._state = editor.state
        self.widgets: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        for page in editor.section_pages:
            self.widgets.update(page.widgets)
            self.errors.update(page.errors)

    def save(self) -> bool:
        """Write a revision. Shows an invalid field inline (nothing is lost) and returns False."""
        editor, state = self._editor, self._state
        if not state.session.is_open:
            return False
        self.clear_errors()
        repos = state.session.repos
        typed = editor.incident()
        try:
            clean = typed.cleaned()
            if state.incident_id is None:
                clean.record_number = None
                clean.recorded_at = None
                saved = repos.incidents.add(clean)
            else:
                saved = repos.incidents.update(clean)
        except ValidationError as error:
            editor.drafts.save_draft()
            self.show_error(error.field, error.message)
            return False
        except VaultError as error:
            editor.drafts.save_draft()
            # translators: {reason} is a sentence saying why the vault refused the save
            say(
                editor.status,
                _("Not saved: {reason} Everything you typed is kept.").format(
                    reason=error.user_message
                ),
            )
            return False
        assert saved.id is not None
        was_new = state.incident_id is None
        state.incident_id = saved.id
        for attachment in state.attachments:
            if attachment.id is not None and attachment.incident_id != saved.id:
                repos.attachments.attach(attachment.id, saved.id)
                attachment.incident_id = saved.id
        repos.drafts.discard(RecordKind.INCIDENT, None if was_new else saved.id, state.slot)
        if was_new:
            state.slot = ""
            repos.drafts.discard(RecordKind.INCIDENT, saved.id)
            editor.drafts.capture_recorded()
        editor.drafts.autosave.stop()
        state.dirty = False
        state.stored = repos.incidents.get(saved.id)
        self.show_record_info()
        editor.people_page.set_people_roles(editor.people_page.ticked_people())
        editor.status.setText("")
        editor.quality_panel.show_report(check_quality(state.stored))
        editor.saved.emit(saved.id)
        return True

    def show_record_info(self) -> None:
        editor = self._editor
        stored = self._state.stored
        if stored is None or stored.recorded_at is None:
            editor.record_label.setText(_("<b>New entry</b> — not saved yet"))
            editor.recorded_at.setText(_("Set by PeerDesk when you first save"))
            editor.history_button.setEnabled(False)
            editor.withdraw_button.setEnabled(False)
            return
        revisions = self._state.session.repos.incidents.revisions(stored.id or 0)
        count = len(revisions)
        last = revisions[-1].saved_at if revisions else stored.recorded_at
        # translators: the parts of the line above a saved entry, joined by " · "
        parts = [
            _("<b>Entry no. {number}</b>").format(number=stored.record_number),
            ngettext("{count} saved version", "{count} saved versions", count).format(count=count),
        ]
        if count > 1:
            # translators: {when} is a date and time
            parts.append(_("last changed {when}").format(when=isolate(local_time_text(last))))
        if stored.withdrawn is not None:
            when = isolate(local_time_text(stored.withdrawn.withdrawn_at))
            # translators: {when} is a date and time
            parts.append(_("<b>withdrawn</b> as made in error on {when}").format(when=when))
        editor.record_label.setText(" · ".join(parts))
        editor.withdraw_button.setEnabled(True)
        editor.withdraw_button.setText(
            _("Restore") if stored.withdrawn is not None else _("Withdraw…")
        )
        delay = stored.recording_delay_text() or ""
        # translators: when the entry was first saved; {when} is a date and time, {delay} says
        # how long after the incident ("written 10 days after")
        recorded = _("{when} (local time) — {delay}").format(
            when=isolate(local_time_text(stored.recorded_at)), delay=delay
        )
        editor.recorded_at.setText(recorded)
        editor.history_button.setEnabled(True)

    # -- inline errors -------------------------------------------------------------------------

    def clear_errors(self) -> None:
        for key, label in self.errors.items():
            clear_field_error(self.widgets[key], label)
        for rows in self._editor.row_lists():
            for row in rows.rows:
                for widget in row.fields.values():
                    clear_field_error(widget, row.error)
                    if isinstance(widget, OptionalDate):
                        clear_field_error(widget.edit)
                        clear_field_error(widget.check)
        for edit in self._editor.people_page.role_edits.values():
            clear_field_error(edit)

    def resolve(self, path: str) -> tuple[QWidget | None, QLabel | None]:
        """The widget and the error label of the field ``path`` (``told[1].when``, …)."""
        if path in self.widgets:
            return self.widgets[path], self.errors[path]
        match = _PATH_RE.match(path)
        if match is None:
            return None, None
        name, index, part = match["name"], match["index"], match["part"]
        if name == "impact" and part:
            key = f"impact.{part}"
            return self.widgets.get(key), self.errors.get(key)
        people = self._editor.people_page
        if name == "people" and index is not None:
            ticked = list(people.ticked_people())
            if int(index) < len(ticked):
                edit = people.role_edits.get(ticked[int(index)])
                return edit or people.people_list, self.errors["people"]
        rows = dict(zip(_ROW_FIELDS, self._editor.row_lists(), strict=True)).get(name)
        if rows is not None and index is not None and int(index) < len(rows.rows):
            row = rows.rows[int(index)]
            widget = row.fields.get(part or "", next(iter(row.fields.values())))
            if isinstance(widget, OptionalDate):
                widget = widget.edit if widget.check.isChecked() else widget.check
            return widget, row.error
        return self.widgets.get(name), self.errors.get(name)

    def show_error(self, path: str, message: str) -> None:
        """Show ``message`` beside the field named by ``path`` and move the focus there."""
        widget, label = self.resolve(path)
        # translators: {reason} is a sentence saying what to correct
        self._editor.status.setText(
            _("Not saved yet: {reason} Everything you typed is kept.").format(reason=message)
        )
        if widget is None:
            announce(self._editor.status, self._editor.status.text())
            return
        if isinstance(widget, OptionalDate):
            widget = widget.edit if widget.check.isChecked() else widget.check
        self.reveal(widget)
        show_field_error(widget, label, message)

    def go_to_field(self, path: str) -> None:
        widget, _label = self.resolve(path)
        if widget is not None:
            self.reveal(widget)

    def reveal(self, widget: QWidget) -> None:
        pages = self._editor.pages
        for index in range(pages.count()):
            page = pages.widget(index)
            if page is not None and page.isAncestorOf(widget):
                self._editor.section_list.setCurrentRow(index)
                if isinstance(page, QScrollArea):
                    page.ensureWidgetVisible(widget)
                break
        widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def error_text(self, path: str) -> str:
        """The inline error shown for ``path`` ("" when none)."""
        _widget, label = self.resolve(path)
        return label.text() if label is not None and not label.isHidden() else ""


#: The field names of the editor's repeated groups, in the order of ``row_lists()``.
_ROW_FIELDS = ("quotes", "witnesses", "told", "reports", "evidence_not_held")
