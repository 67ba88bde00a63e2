"""The library's status line: a short message ("Saved.", "Deleted “…”.") with Undo, or the
offer to continue a strategy that was being written when PeerDesk locked.

Nothing on it runs out: it stays until the next message, Dismiss (or Escape inside it), or
the vault closing, so Undo is there for as long as the screen is open. Each message is
announced to assistive technology."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from peerdesk.i18n import _
from peerdesk.ui.common.notices import Notice

__all__ = ["StatusLine"]


class StatusLine(Notice):
    """One line high: the text, then Undo and Continue writing when they apply, and Dismiss.

    ``can_act()`` says whether Undo may still run (the vault is open). ``continue_requested``
    for "Continue writing".
    """

    continue_requested = Signal()

    def __init__(self, can_act: Callable[[], bool], parent: QWidget | None = None) -> None:
        super().__init__("", "info", parent)
        self.setObjectName("libraryStatus")
        self._can_act = can_act
        self._undo: Callable[[], None] | None = None
        #: Where the focus goes when the line hides under it (the screen sets it).
        self.focus_after: QWidget | None = None
        self.undo_button = QPushButton(_("Undo"))
        self.undo_button.setObjectName("undoButton")
        self.undo_button.clicked.connect(self.undo)
        self.continue_button = QPushButton(_("Continue writing"))
        self.continue_button.setObjectName("continueDraftButton")
        self.continue_button.clicked.connect(self.continue_requested)
        self.buttons.addStretch(1)
        self.add_button(self.undo_button)
        self.add_button(self.continue_button)
        self.make_dismissible()
        # Text and buttons side by side: the status stays one line high.
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.removeWidget(self.button_bar)
        layout.removeWidget(self.label)
        row = QHBoxLayout()
        row.setSpacing(12)
        row.addWidget(self.label, 1)
        row.addWidget(self.button_bar)
        layout.addLayout(row)
        self.hide()

    def show_status(
        self, text: str, *, undo: Callable[[], None] | None = None, offer_draft: bool = False
    ) -> None:
        self._undo = undo
        self.set_text(text)
        self.undo_button.setVisible(undo is not None)
        self.continue_button.setVisible(offer_draft)
        self.update_button_bar()
        self.show()
        self.announce_text()

    def dismiss(self) -> None:
        self.hide_status()
        self.dismissed.emit()

    def hide_status(self) -> None:
        focus = self.window().focusWidget()
        had_focus = focus is not None and self.isAncestorOf(focus)
        self._undo = None
        self.hide()
        self.set_text("")
        if had_focus and self.focus_after is not None:  # (not lost with the hidden button)
            self.focus_after.setFocus(Qt.FocusReason.OtherFocusReason)

    def undo(self) -> None:
        action = self._undo
        self.hide_status()
        if action is not None and self._can_act():
            action()
