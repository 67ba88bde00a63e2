"""The colleague form (Details tab): pseudonym, a real name hidden until revealed, status,
retention, consent and notes, built from one class per section. The real name is never put
into a draft and hides again on selection change, save and lock."""

from __future__ import annotations

import weakref
from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QLabel,
    QPlainTextEdit,
    QWidget,
)

from peerdesk.i18n import _
from peerdesk.models import (
    Colleague,
    ColleagueStatus,
    Consent,
    RecordKind,
    ValidationError,
)
from peerdesk.models.colleague import DEFAULT_RETENTION_MONTHS
from peerdesk.models.dates import short_date
from peerdesk.models.timing import add_months
from peerdesk.storage.errors import RecordNotFound, VaultError
from peerdesk.ui.common.accessibility import label_for
from peerdesk.ui.common.session import VaultSession
from peerdesk.ui.supporter.colleague_sections import ButtonRow, ConsentSection, IdentitySection
from peerdesk.ui.supporter.draft_editor import DraftEditor
from peerdesk.ui.supporter.widgets import DRAFT_VERSION, iso, parse_day, text_box
from peerdesk.ui.supporter.wording import WordingHints


class _RealName:
    """The real-name row's behaviour: read from the vault only while revealed, dropped from
    the widget when hidden, never part of a draft."""

    def __init__(self, form: ColleagueForm) -> None:
        self._form_ref = weakref.ref(form)  # the form owns it: no reference cycle

    @property
    def _form(self) -> ColleagueForm:
        form = self._form_ref()
        if form is None:
            raise RuntimeError("the colleague form is gone")
        return form

    def hide(self) -> None:
        """Hide the real name and drop it from the widget."""
        if self._form.reveal_button.isChecked():
            self._form.reveal_button.setChecked(False)  # toggled() clears the field
        else:
            self._clear_field()

    def _clear_field(self) -> None:
        form = self._form
        with form.quietly():
            form.real_name_edit.clear()
        form.real_name_edit.hide()

    def toggled(self, shown: bool) -> None:
        form = self._form
        if shown:
            name = ""
            if form.record_id is not None and form.session.is_open:
                try:
                    name = form.session.repos.colleagues.real_name(form.record_id)
                except VaultError:
                    name = ""
            with form.quietly():
                form.real_name_edit.setText(name)
            form.real_name_edit.show()
            form.reveal_button.setText(_("Hide real name"))
        else:
            self._clear_field()
            form.reveal_button.setText(_("Reveal real name"))
        self.update_state()
        form.real_name_shown.emit(shown)

    def update_state(self) -> None:
        form = self._form
        if form.reveal_button.isChecked():
            form.real_name_state.setText(_("Shown until you hide it"))
            return
        stored = False
        if form.record_id is not None and form.session.is_open:
            try:
                stored = form.session.repos.colleagues.has_real_name(form.record_id)
            except VaultError:
                stored = False
        form.real_name_state.setText(_("Stored, hidden") if stored else _("None stored"))


def colleague_payload(c: Colleague) -> dict[str, Any]:
    """A colleague as a draft — never the real name: it is kept apart, and only when saved."""
    return {
        "v": DRAFT_VERSION,
        "pseudonym": c.pseudonym,
        "status": c.status.value,
        "retention_months": c.retention_months,
        "may_record": c.consent.may_record,
        "may_share": c.consent.may_share,
        "share_with": c.consent.share_with,
        "consent_until": iso(c.consent.until),
        "consent_given": iso(c.consent.recorded_on),
        "notes": c.notes,
    }


class ColleagueForm(DraftEditor):
    """Pseudonym, hidden real name, status, retention, consent and notes of one colleague."""

    kind = RecordKind.COLLEAGUE
    saved = Signal(int)
    delete_requested = Signal(int)
    what_i_hold_requested = Signal()
    real_name_shown = Signal(bool)

    def __init__(self, session: VaultSession, today: Callable[[], date]) -> None:
        super().__init__(session, "colleague")
        self._today = today
        self._loaded: Colleague | None = None
        self._real_name = _RealName(self)
        outer = self.outer

        identity = IdentitySection()
        self.pseudonym_edit = identity.pseudonym_edit
        self.real_name_state = identity.real_name_state
        self.reveal_button = identity.reveal_button
        self.real_name_edit = identity.real_name_edit
        self.status_combo = identity.status_combo
        self.retention_spin = identity.retention_spin
        self.retention_label = identity.retention_label
        self.reveal_button.toggled.connect(self._real_name.toggled)
        outer.addLayout(identity.layout)

        consent = ConsentSection()
        self.may_record_edit = consent.may_record_edit
        self.may_share_edit = consent.may_share_edit
        self.share_with_edit = consent.share_with_edit
        self.consent_given = consent.consent_given
        self.consent_until = consent.consent_until
        outer.addWidget(consent)

        notes_label = QLabel(_("<b>Notes</b>"))
        outer.addWidget(notes_label)
        self.notes_edit = text_box(
            "colleagueNotes",
            3,
            _("Practical things only, e.g. prefers to meet off-site"),
            grow_to=8,
        )
        label_for(notes_label, self.notes_edit)
        outer.addWidget(self.notes_edit)
        self.notes_hints = WordingHints(self.notes_edit, "notesHints")
        outer.addWidget(self.notes_hints)

        buttons = ButtonRow()
        self.save_button = buttons.save_button
        self.hold_button = buttons.hold_button
        self.delete_button = buttons.delete_button
        outer.addWidget(buttons)
        outer.addStretch(1)
        self.save_button.clicked.connect(self.save)
        self.hold_button.clicked.connect(self.what_i_hold_requested)
        self.delete_button.clicked.connect(self._delete_clicked)

        for line in (self.pseudonym_edit, self.real_name_edit):
            line.textChanged.connect(self._changed)
        for box in self._boxes():
            box.textChanged.connect(self._changed)
        self.status_combo.currentIndexChanged.connect(self._changed)
        self.retention_spin.valueChanged.connect(self._changed)
        self.retention_spin.valueChanged.connect(self._show_retention)
        self.consent_given.changed.connect(self._changed)
        self.consent_until.changed.connect(self._changed)
        self.clear()

    def _boxes(self) -> tuple[QPlainTextEdit, ...]:
        return (self.may_record_edit, self.may_share_edit, self.share_with_edit, self.notes_edit)

    # -- loading -----------------------------------------------------------------------------------

    @property
    def colleague_id(self) -> int | None:
        return self.record_id

    @property
    def is_open(self) -> bool:
        """True when the form shows a colleague or a new one being written."""
        return self.isEnabled()

    def load(self, colleague: Colleague | None) -> None:
        """Show ``colleague`` (None: a new one), with its draft if there is one."""
        self.hide_real_name()
        with self.quietly():
            self.record_id = colleague.id if colleague else None
            self._loaded = colleague
            self.setEnabled(True)
            self._fill(colleague or Colleague(pseudonym="x"), blank=colleague is None)
            self.heading.setText(_("<b>New colleague</b>") if colleague is None else "")
            self.heading.setVisible(colleague is None)
            self.delete_button.setEnabled(colleague is not None)
            self.hold_button.setEnabled(colleague is not None)
            self._real_name.update_state()
            self.dirty = False
            self.draft_banner.reset()
            self.clear_error()
            draft = self.load_draft()
            if draft is not None:
                self._restore(draft.payload)
                self.dirty = True
                self.draft_banner.show_restored(draft)
        self._show_retention()
        self.notes_hints.refresh()

    def _fill(self, c: Colleague, *, blank: bool) -> None:
        today = self._today()
        self.pseudonym_edit.setText("" if blank else c.pseudonym)
        self.status_combo.setCurrentIndex(self.status_combo.findData(c.status.value))
        self.retention_spin.setValue(c.retention_months)
        self.may_record_edit.setPlainText(c.consent.may_record)
        self.may_share_edit.setPlainText(c.consent.may_share)
        self.share_with_edit.setPlainText(c.consent.share_with)
        self.consent_given.set_value(c.consent.recorded_on if not blank else today, today)
        self.consent_until.set_value(c.consent.until, add_months(today, 12))
        self.notes_edit.setPlainText(c.notes)

    def clear(self) -> None:
        """Empty every field and disable the form (nothing selected, or the vault closed)."""
        self.forget()
        self.hide_real_name()
        with self.quietly():
            self.record_id = None
            self._loaded = None
            for line in (self.pseudonym_edit, self.real_name_edit):
                line.clear()
            for box in self._boxes():
                box.clear()
            self.retention_spin.setValue(DEFAULT_RETENTION_MONTHS)
            self.status_combo.setCurrentIndex(0)
            self.consent_given.set_value(None, date(2000, 1, 1))
            self.consent_until.set_value(None, date(2000, 1, 1))
            self.heading.clear()
            self.real_name_state.clear()
            self.retention_label.clear()
        self.notes_hints.reset()
        self.draft_banner.reset()
        self.clear_error()
        self.setEnabled(False)

    # -- real name ---------------------------------------------------------------------------------

    @property
    def real_name_revealed(self) -> bool:
        return self.reveal_button.isChecked()

    def hide_real_name(self) -> None:
        """Hide the real name and drop it from the widget."""
        self._real_name.hide()

    # -- retention ---------------------------------------------------------------------------------

    def _show_retention(self) -> None:
        months = self.retention_spin.value()
        loaded = self._loaded
        start = None
        if loaded is not None:
            start = loaded.last_contact or (loaded.created_at.date() if loaded.created_at else None)
        if start is None:
            self.retention_label.setText(_("after the last contact"))
        else:
            self.retention_label.setText(
                # translators: {date} is the date the record is kept until
                _("after the last contact — until {date}").format(
                    date=short_date(add_months(start, months))
                )
            )

    # -- drafts ------------------------------------------------------------------------------------

    def colleague(self) -> Colleague:
        """The colleague as filled in (real name left out; see save)."""
        loaded = self._loaded
        return Colleague(
            id=self.record_id,
            pseudonym=self.pseudonym_edit.text(),
            status=ColleagueStatus(self.status_combo.currentData()),
            consent=Consent(
                may_record=self.may_record_edit.toPlainText(),
                may_share=self.may_share_edit.toPlainText(),
                share_with=self.share_with_edit.toPlainText(),
                until=self.consent_until.value(),
                recorded_on=self.consent_given.value(),
            ),
            retention_months=self.retention_spin.value(),
            last_contact=loaded.last_contact if loaded else None,
            created_at=loaded.created_at if loaded else None,
            notes=self.notes_edit.toPlainText(),
        )

    def payload(self) -> dict[str, Any]:
        return colleague_payload(self.colleague())

    def _restore(self, p: dict[str, Any]) -> None:
        def text(key: str) -> str:
            value = p.get(key, "")
            return value if isinstance(value, str) else ""

        self.pseudonym_edit.setText(text("pseudonym"))
        index = self.status_combo.findData(text("status"))
        if index >= 0:
            self.status_combo.setCurrentIndex(index)
        months = p.get("retention_months")
        if isinstance(months, int) and not isinstance(months, bool):
            self.retention_spin.setValue(months)
        self.may_record_edit.setPlainText(text("may_record"))
        self.may_share_edit.setPlainText(text("may_share"))
        self.share_with_edit.setPlainText(text("share_with"))
        today = self._today()
        self.consent_until.set_value(parse_day(p.get("consent_until")), add_months(today, 12))
        self.consent_given.set_value(parse_day(p.get("consent_given")), today)
        self.notes_edit.setPlainText(text("notes"))

    def refresh_stored(self) -> None:
        """The stored colleague changed elsewhere (e.g. a conversation moved the last
        contact): update what depends on it without touching the fields being edited."""
        if self.record_id is None or not self._session.is_open:
            return
        try:
            self._loaded = self._session.repos.colleagues.get(self.record_id)
        except RecordNotFound:
            return
        self._show_retention()
        self._real_name.update_state()

    def discard_changes(self) -> None:
        self.discard_draft()
        self.dirty = False
        loaded = self._loaded
        if loaded is not None and loaded.id is not None and self._session.is_open:
            try:
                loaded = self._session.repos.colleagues.get(loaded.id)
            except RecordNotFound:
                self.clear()
                return
        self.load(loaded)

    # -- saving ------------------------------------------------------------------------------------

    def error_fields(self) -> dict[str, QWidget]:
        return {
            "pseudonym": self.pseudonym_edit,
            "real_name": self.real_name_edit if self.real_name_revealed else self.reveal_button,
            "status": self.status_combo,
            "retention_months": self.retention_spin,
            "notes": self.notes_edit,
            "consent": self.may_record_edit,
        }

    def error_fallback_field(self) -> QWidget:
        return self.save_button

    def save(self) -> bool:
        """Save; the wording hints never stop it. Returns whether it was saved."""
        if not self._session.is_open or not self.isEnabled():
            return False
        self._autosave.stop()
        repos = self._session.repos
        colleague = self.colleague()
        real_name = self.real_name_edit.text() if self.real_name_revealed else None
        old_id = self.record_id
        try:
            if old_id is None:
                colleague.real_name = real_name or ""
                stored = repos.colleagues.add(colleague)
            else:
                stored = repos.colleagues.update(colleague)
                if real_name is not None:
                    repos.colleagues.set_real_name(old_id, real_name)
        except (ValidationError, VaultError) as exc:
            self.show_error(exc, _("The colleague could not be saved."))
            return False
        repos.drafts.discard(RecordKind.COLLEAGUE, old_id)
        assert stored.id is not None
        stored.real_name = ""
        self.dirty = False
        self.load(stored)  # also hides the real name again
        self.saved.emit(stored.id)
        return True

    def _delete_clicked(self) -> None:
        if self.record_id is not None:
            self.delete_requested.emit(self.record_id)


__all__ = ["ColleagueForm", "colleague_payload"]
