"""The conversation editor: one conversation with a colleague, built from its sections
(:mod:`.conversation_sections`), kept as a draft while unsaved."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from peerdesk.i18n import _
from peerdesk.models import (
    Channel,
    Conversation,
    FollowUp,
    RecordKind,
    ValidationError,
)
from peerdesk.models.dates import short_date
from peerdesk.storage.errors import RecordNotFound, VaultError
from peerdesk.ui.common.accessibility import label_for
from peerdesk.ui.common.date_field import from_qdate, to_qdate
from peerdesk.ui.common.flow import FlowLayout
from peerdesk.ui.common.messages import Messages
from peerdesk.ui.common.notices import note
from peerdesk.ui.common.session import VaultSession
from peerdesk.ui.supporter.conversation_sections import (
    FollowUpSection,
    ReferralsSection,
    ThemesSection,
    WhenSection,
    conversation_payload,
    follow_up_from,
    referrals_from,
)
from peerdesk.ui.supporter.draft_editor import DraftEditor
from peerdesk.ui.supporter.retention import OWN_COPIES_NOTE
from peerdesk.ui.supporter.widgets import parse_day, text_box
from peerdesk.ui.supporter.wording import WordingHints


def add_text_box(
    outer: QVBoxLayout, title: QLabel, box: QPlainTextEdit, hints_name: str
) -> tuple[QPlainTextEdit, WordingHints]:
    """A title, a text box and its wording hints, one under the other."""
    hints = WordingHints(box, hints_name)
    label_for(title, box)
    outer.addWidget(title)
    outer.addWidget(box)
    outer.addWidget(hints)
    return box, hints


def _confirm_delete(parent: QWidget) -> bool:
    return Messages.confirm(
        parent,
        _("Delete this conversation?"),
        _("Delete the notes of this conversation for good?"),
        action=_("Delete conversation"),
        destructive=True,
        # translators: {own_copies} is a sentence about copies the user made
        informative=_(
            "Its summary, actions, referrals, follow-up and debrief are removed from the vault "
            "and cannot be brought back, and PeerDesk replaces its automatic backups with one "
            "fresh backup without them. {own_copies}"
        ).format(own_copies=_(OWN_COPIES_NOTE)),
    )


class ConversationEditor(DraftEditor):
    """One conversation: date, length, channel, themes, summary, actions, referrals,
    follow-up and the supporter's own debrief."""

    kind = RecordKind.CONVERSATION
    saved = Signal(int)
    deleted = Signal(int)
    add_resource_requested = Signal()

    def __init__(self, session: VaultSession, today: Callable[[], date]) -> None:
        super().__init__(session, "conversation")
        self._today = today
        self.colleague_id: int | None = None
        outer = self.outer

        when = WhenSection()
        self.held_on_edit = when.held_on_edit
        self.duration_spin = when.duration_spin
        self.channel_combo = when.channel_combo
        outer.addLayout(when)
        self.themes = ThemesSection()
        self.theme_checks = self.themes.checks
        outer.addWidget(self.themes)

        self.summary_edit, self.summary_hints = add_text_box(
            outer,
            QLabel(_("<b>Summary</b> — short and factual")),
            text_box(
                "summary",
                4,
                _("What the colleague wanted to talk about, in a few factual sentences"),
                grow_to=8,
            ),
            "summaryHints",
        )
        self.actions_edit, self.actions_hints = add_text_box(
            outer,
            QLabel(_("<b>Actions agreed</b>")),
            text_box("actionsAgreed", 2, _("Who will do what"), grow_to=8),
            "actionsHints",
        )

        self.referral_box = ReferralsSection()
        self.referral_list = self.referral_box.referral_list
        self.resource_combo = self.referral_box.resource_combo
        self.referral_kind_combo = self.referral_box.referral_kind_combo
        self.referral_note_edit = self.referral_box.referral_note_edit
        self.add_referral_button = self.referral_box.add_referral_button
        self.remove_referral_button = self.referral_box.remove_referral_button
        self.add_resource_button = self.referral_box.add_resource_button
        self.referral_box.add_resource_requested.connect(self.add_resource_requested)
        outer.addWidget(self.referral_box)

        self.follow_box = FollowUpSection(today)
        self.follow_up_check = self.follow_box.follow_up_check
        self.follow_up_date = self.follow_box.follow_up_date
        self.follow_up_done = self.follow_box.follow_up_done
        self.follow_up_note = self.follow_box.follow_up_note
        outer.addWidget(self.follow_box)

        self.debrief_edit, self.debrief_hints = add_text_box(
            outer,
            note(
                _(
                    "<b>My debrief</b> — for you: how it went, how you are. Left "
                    "out of “What I hold” PDFs unless you choose."
                )
            ),
            text_box("debrief", 2, _("How are you after this conversation?"), grow_to=8),
            "debriefHints",
        )

        self.save_button = QPushButton(_("Save conversation"))
        self.save_button.setObjectName("saveConversation")
        self.delete_button = QPushButton(_("Delete conversation…"))
        self.delete_button.setObjectName("deleteConversation")
        # On one line when there is room, wrapping when the words are longer.
        buttons = QWidget()
        flow = FlowLayout(buttons)
        flow.addWidget(self.save_button)
        flow.addWidget(self.delete_button)
        outer.addWidget(buttons)
        outer.addStretch(1)
        self.save_button.clicked.connect(self.save)
        self.delete_button.clicked.connect(self.delete)
        self._connect_changes()
        self.clear()

    def _connect_changes(self) -> None:
        for check in self.theme_checks.values():
            check.toggled.connect(self._changed)
        self.referral_box.changed.connect(self._changed)
        self.held_on_edit.dateChanged.connect(self._changed)
        self.duration_spin.valueChanged.connect(self._changed)
        self.channel_combo.currentIndexChanged.connect(self._changed)
        for box in self._boxes():
            box.textChanged.connect(self._changed)
        self.follow_up_check.toggled.connect(self._changed)
        self.follow_up_date.dateChanged.connect(self._changed)
        self.follow_up_done.toggled.connect(self._changed)
        self.follow_up_note.textChanged.connect(self._changed)

    def _boxes(self) -> tuple[QPlainTextEdit, ...]:
        return (self.summary_edit, self.actions_edit, self.debrief_edit)

    def _hints(self) -> tuple[WordingHints, ...]:
        return (self.summary_hints, self.actions_hints, self.debrief_hints)

    # -- follow-up ---------------------------------------------------------------------------------

    def follow_up_changed_elsewhere(self, follow: FollowUp | None) -> None:
        """Marked done or rescheduled from the follow-ups list: show it, keep other edits."""
        with self.quietly():
            self.follow_box.show_value(follow)

    # -- loading -----------------------------------------------------------------------------------

    @property
    def conversation_id(self) -> int | None:
        return self.record_id

    def load_new(self, colleague_id: int) -> None:
        """A new conversation with ``colleague_id`` (its draft restored if there is one)."""
        self._load(None, colleague_id)

    def load(self, conversation: Conversation) -> None:
        self._load(conversation, conversation.colleague_id)

    def _load(self, conversation: Conversation | None, colleague_id: int) -> None:
        with self.quietly():
            self.record_id = conversation.id if conversation else None
            self.colleague_id = colleague_id
            self.setEnabled(True)
            self._fill(conversation)
            self.heading.setText(
                _("<b>New conversation</b>")
                if conversation is None
                # translators: a heading; {date} is the date the conversation was held
                else _("<b>Conversation on {date}</b>").format(
                    date=short_date(conversation.held_on)
                )
            )
            self.delete_button.setEnabled(conversation is not None)
            self.dirty = False
            self.draft_banner.reset()
            self.clear_error()
            draft = self.load_draft()
            if draft is not None:
                self._restore(draft.payload)
                self.dirty = True
                self.draft_banner.show_restored(draft)
        for hints in self._hints():
            hints.refresh()

    def draft_belongs(self, payload: dict[str, Any]) -> bool:
        return payload.get("colleague_id") == self.colleague_id

    def save_draft(self) -> None:
        if self.colleague_id is None:  # nothing open
            self.forget()
            return
        super().save_draft()

    def new_draft_colleague(self) -> int | None:
        """The colleague of the unsaved new conversation kept as a draft, if any."""
        if not self._session.is_open:
            return None
        try:
            draft = self._session.repos.drafts.load(RecordKind.CONVERSATION, None)
        except (ValidationError, VaultError):
            return None
        if draft is None:
            return None
        colleague_id = draft.payload.get("colleague_id")
        return colleague_id if isinstance(colleague_id, int) else None

    def _fill(self, c: Conversation | None) -> None:
        self.held_on_edit.setDate(to_qdate(c.held_on if c else self._today()))
        self.duration_spin.setValue(c.duration_minutes or 0 if c else 0)
        channel = c.channel if c else Channel.IN_PERSON
        self.channel_combo.setCurrentIndex(self.channel_combo.findData(channel.value))
        self.themes.set_chosen({t.value for t in c.themes} if c else set())
        self.summary_edit.setPlainText(c.summary if c else "")
        self.actions_edit.setPlainText(c.actions_agreed if c else "")
        self.debrief_edit.setPlainText(c.debrief if c else "")
        self.referral_box.set_referrals(c.referrals if c else [])
        self.follow_box.show_value(c.follow_up if c else None)

    def clear(self) -> None:
        """Empty every field and disable the editor."""
        self.forget()
        with self.quietly():
            self.record_id = None
            self.colleague_id = None
            for box in self._boxes():
                box.clear()
            self.referral_box.clear()
            self.follow_box.clear()
            self.themes.set_chosen(set())
            self.duration_spin.setValue(0)
            self.heading.clear()
        for hints in self._hints():
            hints.reset()
        self.draft_banner.reset()
        self.clear_error()
        self.setEnabled(False)

    # -- drafts ------------------------------------------------------------------------------------

    def conversation(self) -> Conversation:
        assert self.colleague_id is not None
        minutes = self.duration_spin.value()
        return Conversation(
            id=self.record_id,
            colleague_id=self.colleague_id,
            held_on=from_qdate(self.held_on_edit.date()),
            duration_minutes=minutes or None,
            channel=Channel(self.channel_combo.currentData()),
            themes=self.themes.chosen(),
            summary=self.summary_edit.toPlainText(),
            actions_agreed=self.actions_edit.toPlainText(),
            referrals=self.referral_box.referrals(),
            follow_up=self.follow_box.value(),
            debrief=self.debrief_edit.toPlainText(),
        )

    def payload(self) -> dict[str, Any]:
        return conversation_payload(self.conversation())

    def _restore(self, p: dict[str, Any]) -> None:
        def text(key: str) -> str:
            value = p.get(key, "")
            return value if isinstance(value, str) else ""

        held = parse_day(p.get("held_on"))
        if held is not None:
            self.held_on_edit.setDate(to_qdate(held))
        minutes = p.get("duration_minutes")
        self.duration_spin.setValue(
            minutes if isinstance(minutes, int) and not isinstance(minutes, bool) else 0
        )
        index = self.channel_combo.findData(text("channel"))
        if index >= 0:
            self.channel_combo.setCurrentIndex(index)
        themes = p.get("themes")
        self.themes.set_chosen(set(themes) if isinstance(themes, list) else set())
        self.summary_edit.setPlainText(text("summary"))
        self.actions_edit.setPlainText(text("actions_agreed"))
        self.debrief_edit.setPlainText(text("debrief"))
        self.referral_box.set_referrals(referrals_from(p.get("referrals")))
        self.follow_box.show_value(follow_up_from(p.get("follow_up")))

    def discard_changes(self) -> None:
        self.discard_draft()
        self.dirty = False
        if self.record_id is not None and self._session.is_open:
            try:
                self.load(self._session.repos.conversations.get(self.record_id))
            except RecordNotFound:
                self.clear()
        elif self.colleague_id is not None:
            self.load_new(self.colleague_id)

    # -- saving ------------------------------------------------------------------------------------

    def error_fields(self) -> dict[str, QWidget]:
        return {
            "held_on": self.held_on_edit,
            "duration_minutes": self.duration_spin,
            "channel": self.channel_combo,
            "summary": self.summary_edit,
            "actions_agreed": self.actions_edit,
            "referrals": self.referral_list,
            "follow_up": self.follow_up_date,
            "debrief": self.debrief_edit,
        }

    def error_fallback_field(self) -> QWidget:
        return self.save_button

    def save(self) -> bool:
        """Save; the wording hints never stop it. Returns whether it was saved."""
        if not self._session.is_open or self.colleague_id is None:
            return False
        self._autosave.stop()
        repos = self._session.repos
        old_id = self.record_id
        try:
            conversation = self.conversation()
            if old_id is None:
                stored = repos.conversations.add(conversation)
            else:
                stored = repos.conversations.update(conversation)
        except (ValidationError, VaultError) as exc:
            self.show_error(exc, _("The conversation could not be saved."))
            return False
        repos.drafts.discard(RecordKind.CONVERSATION, old_id)
        assert stored.id is not None
        self.dirty = False
        self.load(stored)
        self.saved.emit(stored.id)
        return True

    def delete(self) -> None:
        conversation_id = self.record_id
        if conversation_id is None or not self._session.is_open:
            return
        if not _confirm_delete(self):
            return
        self.forget()
        try:
            self._session.repos.conversations.delete(conversation_id)
        except VaultError as exc:
            self.show_error(exc, _("The conversation could not be deleted."))
            return
        self.clear()
        self.deleted.emit(conversation_id)


__all__ = ["ConversationEditor"]
