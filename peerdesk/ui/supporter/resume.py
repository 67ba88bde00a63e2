"""Where the Colleagues screen was when the vault closed, to come back to it after the
unlock; after a fresh start, unsaved new work (a new colleague or conversation) is opened."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from peerdesk.models import RecordKind
from peerdesk.ui.supporter.conversations import CONVERSATIONS_TAB
from peerdesk.ui.supporter.widgets import ScreenHelper

if TYPE_CHECKING:
    from peerdesk.ui.supporter.screen import ColleaguesScreen


@dataclass(frozen=True)
class Position:
    colleague_id: int | None
    conversation_id: int | None
    editing_new: bool
    new_colleague: bool
    tab: int
    detail_tab: int


class Resume(ScreenHelper):
    def __init__(self, screen: ColleaguesScreen) -> None:
        super().__init__(screen)
        self._position: Position | None = None

    def remember(self) -> None:
        screen = self._screen
        if not screen.session.is_open:
            return
        editor, form = screen.editor, screen.form
        self._position = Position(
            colleague_id=form.colleague_id,
            conversation_id=editor.conversation_id,
            editing_new=editor.isEnabled() and editor.conversation_id is None,
            new_colleague=form.isEnabled() and form.colleague_id is None,
            tab=screen.tabs.currentIndex(),
            detail_tab=screen.detail_tabs.currentIndex(),
        )

    def restore(self) -> None:
        screen = self._screen
        position, self._position = self._position, None
        if position is None:  # a fresh unlock: open unsaved new work, if any
            pending = screen.editor.new_draft_colleague()
            if pending is not None and screen.select_colleague(pending):
                screen.detail_tabs.setCurrentIndex(CONVERSATIONS_TAB)
                screen.conversations.start_new(pending)
            elif screen.session.repos.drafts.load(RecordKind.COLLEAGUE, None) is not None:
                screen.new_colleague()
            return
        colleague_id = position.colleague_id
        if position.new_colleague:
            screen.new_colleague()
        elif colleague_id is not None and screen.select_colleague(colleague_id):
            if position.conversation_id is not None:
                screen.open_conversation(position.conversation_id)
            elif position.editing_new:
                screen.conversations.start_new(colleague_id)
        screen.tabs.setCurrentIndex(position.tab)
        screen.detail_tabs.setCurrentIndex(position.detail_tab)


__all__ = ["Position", "Resume"]
