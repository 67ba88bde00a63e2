"""The library screen's action families, each handed to a helper object:

- :class:`StrategyActions`: favourite, hide and delete the current strategy (with Undo);
- :class:`LibraryDialogs`: the strategy editor (and the draft kept when PeerDesk locked), the
  try view and "What helps me", one of each at a time.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtWidgets import QDialog

from peerdesk.i18n import _
from peerdesk.models.builtin_text import localized_strategy
from peerdesk.models.enums import RecordKind, StrategyCategory, StrategySource
from peerdesk.models.strategy import Strategy, StrategyUse
from peerdesk.storage.errors import RecordNotFound, VaultError
from peerdesk.ui.common.messages import Messages
from peerdesk.ui.common.owner import WeakOwner
from peerdesk.ui.common.session import VaultSession
from peerdesk.ui.library.editor import StrategyEditor
from peerdesk.ui.library.try_dialog import TryStrategyDialog
from peerdesk.ui.library.what_helps import WhatHelpsDialog

if TYPE_CHECKING:
    from peerdesk.ui.library.screen import LibraryScreen

__all__ = ["RECENTLY_HIDDEN", "LibraryDialogs", "StrategyActions"]

DialogT = TypeVar("DialogT", bound=QDialog)


class _ScreenHelper:
    """Holds its screen weakly: the screen holds its helpers, and a reference cycle would keep
    the screen's Python side (and its item model) waiting for the garbage collector after
    its window has gone."""

    def __init__(self, screen: LibraryScreen, session: VaultSession) -> None:
        self._owner = WeakOwner(screen)
        self._session = session

    @property
    def _screen(self) -> LibraryScreen:
        return self._owner.get()


#: How many strategies "Recently hidden" lists (the newest first).
RECENTLY_HIDDEN = 10


class StrategyActions(_ScreenHelper):
    """Favourite, hide and delete on ``screen``'s current strategy; Undo on its status line,
    and ``recently_hidden`` (ids, newest first) for the "Recently hidden" menu, kept while
    the vault is open."""

    def __init__(self, screen: LibraryScreen, session: VaultSession) -> None:
        super().__init__(screen, session)
        self.recently_hidden: list[int] = []

    def forget(self) -> None:
        """The vault is closing: nothing of it stays in memory."""
        self.recently_hidden = []

    def bring_back(self, strategy_id: int) -> bool:
        """Show a hidden strategy in the library again (and choose it); False when it is gone
        or not hidden any more."""
        repo = self._session.repos.strategies
        try:
            hidden = repo.get(strategy_id).hidden
        except RecordNotFound:
            hidden = False
        if strategy_id in self.recently_hidden:
            self.recently_hidden.remove(strategy_id)
        if not hidden:
            return False
        repo.set_hidden(strategy_id, False)
        screen = self._screen
        screen.select_strategy(strategy_id)
        screen.status.show_status(_("It is back in the library."))
        return True

    def recent(self) -> list[Strategy]:
        """The strategies hidden since the vault opened that are still hidden, newest first."""
        repo = self._session.repos.strategies
        found = []
        for strategy_id in self.recently_hidden:
            try:
                strategy = repo.get(strategy_id)
            except RecordNotFound:
                continue
            if strategy.hidden:
                found.append(localized_strategy(strategy))
        return found

    def toggle_favourite(self) -> None:
        strategy = self._screen.current_strategy()
        if strategy is None or strategy.id is None:
            return
        self._session.repos.strategies.set_favourite(strategy.id, not strategy.favourite)

    def toggle_hidden(self) -> None:
        screen = self._screen
        strategy = screen.current_strategy()
        if strategy is None or strategy.id is None:
            return
        screen.save_note()
        strategy_id = strategy.id
        repo = self._session.repos.strategies
        if strategy.hidden:
            repo.set_hidden(strategy_id, False)
            screen.status.show_status(_("It is back in the library."))
            return
        repo.set_hidden(strategy_id, True)
        if strategy_id in self.recently_hidden:
            self.recently_hidden.remove(strategy_id)
        self.recently_hidden.insert(0, strategy_id)
        del self.recently_hidden[RECENTLY_HIDDEN:]

        def undo() -> None:
            self._session.repos.strategies.set_hidden(strategy_id, False)
            screen.select_strategy(strategy_id)

        screen.status.show_status(
            _("Hidden. Undo, “Recently hidden” or “Hidden” on the left bring it back."), undo=undo
        )

    def delete_current(self) -> None:
        screen = self._screen
        strategy = screen.current_strategy()
        if strategy is None or strategy.id is None or strategy.source is not StrategySource.OWN:
            return
        if not Messages.confirm(
            screen,
            _("Delete strategy"),
            _("Delete this strategy of your own?"),
            action=_("Delete"),
            informative=_("Its ratings go with it. Undo, under the list, brings it back."),
            destructive=True,
        ):
            return
        screen.save_note()  # the note goes with the strategy, and comes back with Undo
        repo = self._session.repos.strategies
        kept = repo.get(strategy.id)
        uses = repo.uses(strategy.id)
        repo.delete(strategy.id)
        screen.status.show_status(
            # translators: {title} is a strategy's title
            _("Deleted “{title}”.").format(title=localized_strategy(kept).title),
            undo=lambda: self._restore(kept, uses),
        )

    def _restore(self, kept: Strategy, uses: list[StrategyUse]) -> None:
        strategies = self._session.repos.strategies
        restored = strategies.add(replace(kept, id=None))
        assert restored.id is not None
        for use in reversed(uses):
            again = replace(use, id=None, strategy_id=restored.id)
            try:
                strategies.record_use(again)
            except RecordNotFound:  # the incident it was linked to is gone
                strategies.record_use(replace(again, incident_id=None))
        self._screen.select_strategy(restored.id)


def _brought_forward(dialog: DialogT) -> DialogT:
    """``dialog``, already open, raised above the other windows (one of each kind)."""
    dialog.raise_()
    dialog.activateWindow()
    return dialog


class LibraryDialogs(_ScreenHelper):
    """The windows ``screen`` opens, at most one of each kind (``editor``, ``try_dialog``,
    ``what_helps``; None while closed). ``clock`` is the try view's countdown time source."""

    def __init__(
        self, screen: LibraryScreen, session: VaultSession, clock: Callable[[], float]
    ) -> None:
        super().__init__(screen, session)
        self._clock = clock
        self._continue_draft: int | bool | None = False  # False: nothing to continue
        self.editor: StrategyEditor | None = None
        self.try_dialog: TryStrategyDialog | None = None
        self.what_helps: WhatHelpsDialog | None = None

    def close_all(self) -> None:
        """The vault is closing: close every window (the editor keeps unsaved typing as a
        draft) and forget the draft on offer."""
        for dialog in (self.editor, self.try_dialog, self.what_helps):
            if dialog is not None and dialog.isVisible():
                dialog.reject()
        self.editor = self.try_dialog = self.what_helps = None
        self._continue_draft = False

    # -- the editor --------------------------------------------------------------------------------

    def new_strategy(self, category: StrategyCategory | None = None) -> StrategyEditor | None:
        """Open the editor for a new strategy of one's own (in the current category)."""
        if category is None:
            view = self._screen.current_view()
            if view in {c.value for c in StrategyCategory}:
                category = StrategyCategory(view)
        return self.open_editor(None, category)

    def edit_current(self) -> StrategyEditor | None:
        strategy = self._screen.current_strategy()
        if strategy is None or strategy.source is not StrategySource.OWN:
            return None
        self._screen.save_note()
        return self.open_editor(self._session.repos.strategies.get(strategy.id or 0), None)

    def open_editor(
        self, strategy: Strategy | None, category: StrategyCategory | None
    ) -> StrategyEditor | None:
        if not self._session.is_open:
            return None
        if self.editor is not None:
            return _brought_forward(self.editor)
        repos = self._session.repos
        editor = StrategyEditor(
            repos.strategies, strategy, self._screen, category=category, drafts=repos.drafts
        )
        editor.finished.connect(lambda result, e=editor: self._editor_finished(e, result))
        self.editor = editor
        self._screen.status.hide_status()
        editor.open()
        return editor

    def _editor_finished(self, editor: StrategyEditor, result: int) -> None:
        if self.editor is editor:
            self.editor = None
        saved = editor.saved if result == StrategyEditor.DialogCode.Accepted else None
        editor.deleteLater()
        if saved is not None and saved.id is not None and self._session.is_open:
            self._screen.select_strategy(saved.id)
            self._screen.status.show_status(_("Saved."))

    def offer_draft(self) -> None:
        """Offer to continue a strategy that was being written when PeerDesk locked."""
        try:
            drafts = [d for d in self._session.repos.drafts.list() if d.kind is RecordKind.STRATEGY]
        except VaultError:
            return
        if not drafts:
            return
        self._continue_draft = drafts[0].record_id
        self._screen.status.show_status(
            _("You were writing a strategy when PeerDesk locked."), offer_draft=True
        )

    def continue_writing(self) -> None:
        record_id = self._continue_draft
        self._continue_draft = False
        self._screen.status.hide_status()
        if record_id is False or not self._session.is_open:
            return
        if record_id is None:
            self.open_editor(None, None)
            return
        try:
            strategy = self._session.repos.strategies.get(int(record_id))
        except RecordNotFound:
            self._session.repos.drafts.discard(RecordKind.STRATEGY, int(record_id))
            return
        self._screen.select_strategy(int(record_id))
        self.open_editor(strategy, None)

    # -- trying and what helps ---------------------------------------------------------------------

    def try_strategy(
        self, strategy_id: int, incident_id: int | None = None
    ) -> TryStrategyDialog | None:
        """Open the calm try view (e.g. from a suggestion, with the incident preselected)."""
        if not self._session.is_open:
            return None
        if self.try_dialog is not None:
            return _brought_forward(self.try_dialog)
        self._screen.save_note()
        repos = self._session.repos
        try:
            strategy = repos.strategies.get(strategy_id)
        except RecordNotFound:
            return None
        dialog = TryStrategyDialog(
            strategy,
            repos.strategies,
            repos.incidents,
            self._screen,
            incident_id=incident_id,
            clock=self._clock,
        )
        dialog.support_requested.connect(self._screen.support_requested)
        dialog.finished.connect(lambda _result, d=dialog: self._try_finished(d))
        self.try_dialog = dialog
        dialog.open()
        return dialog

    def _try_finished(self, dialog: TryStrategyDialog) -> None:
        if self.try_dialog is dialog:
            self.try_dialog = None
        recorded = dialog.recorded
        dialog.deleteLater()
        if recorded is not None and self._session.is_open:
            self._screen.status.show_status(
                _("Noted. “What helps me” shows how your strategies compare.")
            )

    def show_what_helps(self) -> WhatHelpsDialog | None:
        if not self._session.is_open:
            return None
        if self.what_helps is not None:
            return _brought_forward(self.what_helps)
        dialog = WhatHelpsDialog(self._session.repos.strategies, self._screen)
        dialog.strategy_chosen.connect(self._screen.select_strategy)
        dialog.finished.connect(lambda _result, d=dialog: self._what_helps_finished(d))
        self.what_helps = dialog
        dialog.open()
        return dialog

    def _what_helps_finished(self, dialog: WhatHelpsDialog) -> None:
        if self.what_helps is dialog:
            self.what_helps = None
        dialog.deleteLater()
