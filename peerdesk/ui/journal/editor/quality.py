"""The panel shown after a save: what a reader would look for, gently; it never blocks."""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
)

from peerdesk.i18n import _
from peerdesk.models.quality import QualityReport
from peerdesk.ui.common.accessibility import announce, plain
from peerdesk.ui.common.theme import accent_style
from peerdesk.ui.journal.editor.fields import dark


class QualityPanel(QFrame):
    """Its links go to a field (``go_to_field``) or select a word in ``narrative``."""

    def __init__(self, go_to_field: Callable[[str], None], narrative: QPlainTextEdit) -> None:
        super().__init__()
        self._go_to_field = go_to_field
        self._narrative = narrative
        self.last_report: QualityReport | None = None
        self.setObjectName("qualityPanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        colours = accent_style(dark())
        self.setStyleSheet(
            f"#qualityPanel {{ background: {colours['card']}; "
            f"border: 1px solid {colours['border']}; border-radius: 6px; }}"
        )
        panel = QHBoxLayout(self)
        panel.setContentsMargins(12, 8, 12, 8)
        self.quality_text = QLabel()
        self.quality_text.setObjectName("qualityText")
        self.quality_text.setWordWrap(True)
        self.quality_text.setTextFormat(Qt.TextFormat.RichText)
        self.quality_text.setAccessibleName(_("What a reader would look for"))
        self.quality_text.linkActivated.connect(self.follow_link)
        # The links are for the mouse; the keyboard has the same places in one menu.
        self.go_button = QToolButton()
        self.go_button.setObjectName("qualityGoTo")
        self.go_button.setText(_("Go to a suggestion…"))
        self.go_button.setAccessibleDescription(
            _("A menu of the suggestions: the arrow keys choose one, Enter goes to its field.")
        )
        self.go_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.go_menu = QMenu(self.go_button)
        self.go_button.setMenu(self.go_menu)
        dismiss = QPushButton(_("Dismiss"))
        dismiss.setAccessibleName(_("Dismiss the suggestions"))
        dismiss.clicked.connect(self.hide)
        panel.addWidget(self.quality_text, 1)
        buttons = QVBoxLayout()
        buttons.addWidget(self.go_button)
        buttons.addWidget(dismiss)
        buttons.addStretch(1)
        panel.addLayout(buttons)
        self.hide()

    def show_report(self, report: QualityReport) -> None:
        self.last_report = report
        self.go_menu.clear()
        for missing in report.missing:
            label = missing.message.partition(": ")[0]
            self._offer(label, f"field:{missing.field}")
        for hint in report.opinion_words:
            # translators: a menu item that selects an opinion word in the field "What happened"
            offer = _("“{word}” in What happened").format(word=hint.word)
            self._offer(offer, f"word:{hint.start}:{hint.end}")
        self.go_button.setVisible(not self.go_menu.isEmpty())
        if report.is_complete:
            self.quality_text.setText(
                _(
                    "<b>Saved.</b> This entry has the details a reader "
                    "looks for. Well done for writing it down."
                )
            )
            self._shown()
            return
        parts = [_("<b>Saved.</b> When you are ready, you might add:")]
        if report.missing:
            parts.append("<ul style='margin-top:2px; margin-bottom:2px'>")  # i18n: keep — markup
            for missing in report.missing:
                label, sep, rest = missing.message.partition(": ")
                if not sep:
                    label, rest = _("Go there"), missing.message
                parts.append(
                    f"<li><a href='field:{missing.field}'>{html.escape(label)}</a>"
                    f" — {html.escape(rest)}</li>"
                )
            parts.append("</ul>")
        if report.opinion_words:
            parts.append(_("Words in “What happened” a reader may take as opinion:"))
            parts.append("<ul style='margin-top:2px; margin-bottom:2px'>")  # i18n: keep — markup
            for hint in report.opinion_words:
                parts.append(
                    f"<li><a href='word:{hint.start}:{hint.end}'>"
                    f"“{html.escape(hint.word)}”</a> — {html.escape(hint.alternative)}"
                    "</li>"
                )
            parts.append("</ul>")
        parts.append(_("<i>This is only a suggestion; your entry is saved as it is.</i>"))
        self.quality_text.setText("".join(parts))
        self._shown()

    def _offer(self, text: str, link: str) -> None:
        action = self.go_menu.addAction(text.replace("&", "&&"))
        action.triggered.connect(lambda _checked=False, link=link: self.follow_link(link))

    def _shown(self) -> None:
        text = plain(self.quality_text.text())
        self.quality_text.setAccessibleDescription(text)
        self.show()
        announce(self.quality_text, text)

    def follow_link(self, link: str) -> None:
        kind, _sep, rest = link.partition(":")
        if kind == "field":
            self._go_to_field(rest)
        elif kind == "word":
            start, _sep, end = rest.partition(":")
            self._go_to_field("narrative")
            cursor = self._narrative.textCursor()
            cursor.setPosition(int(start))
            cursor.setPosition(int(end), QTextCursor.MoveMode.KeepAnchor)
            self._narrative.setTextCursor(cursor)
