"""The gentle wording check under a text box: :class:`WordingHighlighter` underlines flagged
words, :class:`WordingHints` lists them below (it advises; saving never waits for it)."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat, QTextDocument
from PySide6.QtWidgets import QLabel, QPlainTextEdit

from peerdesk.i18n import _, ngettext
from peerdesk.models.wording import WordingHint, check_wording, kind_label

#: The wording check runs this long after typing stops.
HINT_DELAY_MS = 300
#: Blocks longer than this are not underlined (the hints below the box still list them).
HIGHLIGHT_MAX_CHARS = 20_000
#: Hints listed under a box; the rest are counted.
HINTS_SHOWN = 3
#: The hints' own look (a style sheet on the label alone: one on the whole screen restyled
#: every widget in it). The long form: Qt 6.11 ignores the "border-left: 3px solid" shorthand.
HINTS_STYLE = (
    'QLabel[wordingHints="true"] { border-width: 0 0 0 3px; border-style: solid;'
    " border-color: #d08a1e; padding: 3px 8px; margin-bottom: 4px; }"
)


def _utf16(text: str, index: int) -> int:
    """A Python string index as a Qt (UTF-16) position."""
    head = text[:index]
    return index + sum(1 for ch in head if ord(ch) > 0xFFFF)


class WordingHighlighter(QSyntaxHighlighter):
    """Underlines flagged words with a soft wavy line, like a spelling hint."""

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self._format = QTextCharFormat()
        self._format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        self._format.setUnderlineColor(QColor("#d08a1e"))

    def highlightBlock(self, text: str) -> None:
        if not text or len(text) > HIGHLIGHT_MAX_CHARS:
            return
        for hint in check_wording(text):
            start = _utf16(text, hint.start)
            self.setFormat(start, _utf16(text, hint.end) - start, self._format)


class WordingHints(QLabel):
    """Gentle hints under one text box. It advises; saving never waits for it."""

    def __init__(self, box: QPlainTextEdit, name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.setProperty("wordingHints", True)
        self.setStyleSheet(HINTS_STYLE)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()
        self.hints: list[WordingHint] = []
        self._box = box
        self._highlighter = WordingHighlighter(box.document())
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(HINT_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        box.textChanged.connect(self._timer.start)

    def refresh(self) -> None:
        self._timer.stop()
        self.hints = check_wording(self._box.toPlainText())
        if not self.hints:
            self.clear()
            self.hide()
            return
        distinct: dict[str, WordingHint] = {}
        for hint in self.hints:
            distinct.setdefault(hint.term.casefold(), hint)
        items = list(distinct.values())
        lines = [
            f"<b>“{html.escape(h.term)}”</b> <i>({html.escape(kind_label(h.kind).lower())})"
            f"</i> — {html.escape(h.suggestion)}"
            for h in items[:HINTS_SHOWN]
        ]
        if len(items) > HINTS_SHOWN:
            more = len(items) - HINTS_SHOWN
            lines.append(
                ngettext("…and {count} more word.", "…and {count} more words.", more).format(
                    count=more
                )
            )
        self.setText(
            # translators: {hints} is a list of wording hints, one per line
            _("A gentle suggestion — you can still save as it is:<br>{hints}").format(
                hints="<br>".join(lines)
            )
        )
        self.show()

    def reset(self) -> None:
        self._timer.stop()
        self.hints = []
        self.clear()
        self.hide()
