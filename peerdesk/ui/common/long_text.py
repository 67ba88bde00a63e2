"""A plain-text box that stays responsive with very long unbroken text (issue 18, item 5).

Qt's default wrapping (at a word boundary, else anywhere) looks for a word boundary again and
again along a line that has none: laying out 100,000 characters without a space takes ~3 s and
1 MB took 110 s, all on the GUI thread. Wrapping *anywhere* lays out the same line in linear
time (0.3 s for 100,000 characters). :class:`LongTextEdit` keeps word wrapping for ordinary
text and switches to wrapping anywhere only while its text holds an unbroken run longer than
:data:`UNBROKEN_RUN` characters — checked when text is set or pasted, never per keystroke.

Building the document is linear but not free either (10 MB of lines: ~2 s in one call), so
:meth:`LongTextEdit.show_text` puts a long text in a piece of whole lines per turn of the event
loop (read-only meanwhile; :meth:`~LongTextEdit.toPlainText` already answers the whole text).
One line of a megabyte is still laid out by Qt in one go (~2–4 s, after the window is up).
"""

from __future__ import annotations

import re

from PySide6.QtCore import QMimeData, QTimer, Signal
from PySide6.QtGui import QTextCursor, QTextOption
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from peerdesk.i18n import N_, _

#: An unbroken run about this long (no space or line break) is wrapped anywhere: no reader needs
#: a word boundary in it, and looking for one makes Qt's layout quadratic.
UNBROKEN_RUN = 2_000
_WINDOW = UNBROKEN_RUN // 2
_BREAK = re.compile(r"\s")


def has_unbroken_run(text: str) -> bool:
    """Whether ``text`` holds an unbroken run of :data:`UNBROKEN_RUN` characters (a run half
    as long may count too). A run that long fills one of the windows of ``UNBROKEN_RUN / 2``
    characters that start at multiples of it, so only those are looked at, each up to its
    first break: a few milliseconds for 10 MB of ordinary lines (a regex for the run: 0.6 s)."""
    for start in range(0, len(text) - _WINDOW + 1, _WINDOW):
        if _BREAK.search(text, start, start + _WINDOW) is None:
            return True
    return False


#: :meth:`LongTextEdit.show_text` adds about this many characters (whole lines) per turn.
PIECE = 200_000
#: What the box says while :meth:`LongTextEdit.show_text` is adding a long text.
READING = N_("Reading the text…")


class LongTextEdit(QPlainTextEdit):
    """A :class:`QPlainTextEdit` whose wrapping suits the text it holds (see the module)."""

    #: :meth:`show_text` has put the whole text in the box.
    loaded = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._wraps_anywhere = False
        self._loading: str | None = None  # the whole text while show_text is still adding it
        self._loaded_to = 0
        self._was_read_only = False
        self._placeholder = ""
        self._pieces = QTimer(self)
        self._pieces.setSingleShot(True)
        self._pieces.setInterval(0)
        self._pieces.timeout.connect(self._add_piece)

    @property
    def loading(self) -> bool:
        """:meth:`show_text` is still adding its text (the box is read-only meanwhile)."""
        return self._loading is not None

    def show_text(self, text: str) -> None:
        """Like :meth:`setPlainText`, but a text longer than :data:`PIECE` goes in from the next
        turn of the event loop on, a piece of whole lines per turn, without ``textChanged``
        (it is not an edit: an editor must not take it for unsaved changes once its own
        loading is over); :attr:`loaded` follows either way."""
        self._stop_loading()
        if len(text) <= PIECE:
            self.setPlainText(text)
            self.loaded.emit()
            return
        self.fit_wrapping(text, replacing=True)
        self._was_read_only, self._placeholder = self.isReadOnly(), self.placeholderText()
        self.setReadOnly(True)
        self.setPlaceholderText(_(READING))
        self._loading, self._loaded_to = text, 0
        blocked = self.blockSignals(True)
        super().setPlainText("")
        self.blockSignals(blocked)
        self._pieces.start()  # the first piece too: the caller's window appears first

    def _add_piece(self) -> None:
        text = self._loading
        if text is None:
            return
        start = self._loaded_to
        end = text.find("\n", start + PIECE)
        end = len(text) if end < 0 else end + 1
        blocked = self.blockSignals(True)
        cursor = QTextCursor(self.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertText(text[start:end])
        self.blockSignals(blocked)
        self._loaded_to = end
        if end < len(text):
            self._pieces.start()
            return
        self._stop_loading()
        self.document().clearUndoRedoStacks()  # undo must not take the text out piece by piece
        self.moveCursor(QTextCursor.MoveOperation.Start)
        self.loaded.emit()

    def _stop_loading(self) -> None:
        self._pieces.stop()
        if self._loading is not None:
            self._loading = None
            self.setReadOnly(self._was_read_only)
            self.setPlaceholderText(self._placeholder)

    def toPlainText(self) -> str:
        return self._loading if self._loading is not None else super().toPlainText()

    @property
    def wraps_anywhere(self) -> bool:
        return self._wraps_anywhere

    def fit_wrapping(self, text: str, *, replacing: bool) -> None:
        """Choose the wrapping for ``text`` before Qt lays it out (``replacing``: it becomes
        the whole text; else it is added, so wrapping anywhere, once chosen, stays)."""
        anywhere = has_unbroken_run(text) or (self._wraps_anywhere and not replacing)
        if anywhere != self._wraps_anywhere:
            self._wraps_anywhere = anywhere
            self.setWordWrapMode(
                QTextOption.WrapMode.WrapAnywhere
                if anywhere
                else QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere
            )

    def setPlainText(self, text: str) -> None:
        self._stop_loading()
        self.fit_wrapping(text, replacing=True)
        super().setPlainText(text)

    def insertFromMimeData(self, source: QMimeData) -> None:
        if source.hasText():
            self.fit_wrapping(source.text(), replacing=False)
        super().insertFromMimeData(source)
