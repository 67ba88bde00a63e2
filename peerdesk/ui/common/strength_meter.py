"""The strength meter every new secret gets (the vault passphrase, a PDF password): a bar
coloured by score, "Strength: Fair" and one piece of advice, from
:func:`peerdesk.models.secret_strength.strength` (the one rule, shared with the command line).
"""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QVBoxLayout, QWidget

from peerdesk.i18n import _
from peerdesk.models.secret_strength import Strength, Verdict, strength
from peerdesk.ui.common.theme import is_dark

# --------------------------------------------------------------------------- colours


# Bar colours per score: mid-tones on light windows, lighter tints on dark ones, so that the
# fill stands out from the groove in both (the label carries the meaning in words as well).
_LIGHT_SCORE_COLOURS: Final = ("#c62828", "#d84315", "#a86400", "#2e7d32", "#1b5e20")
_DARK_SCORE_COLOURS: Final = ("#ef6f6c", "#ff9e5e", "#f2c94c", "#6fcf7a", "#8ee09a")


class StrengthMeter(QWidget):
    """A bar, a label ("Strength: Fair") and one piece of advice, updated as the user types."""

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        require_minimum: bool = True,
        what: str = "passphrase",
        protects: str = "",
    ) -> None:
        super().__init__(parent)
        self._require_minimum = require_minimum
        self._protects = protects or _("your vault")
        self._strength = strength("")
        self._field: QWidget | None = None
        self.bar = QProgressBar(self)
        self.bar.setObjectName("strengthBar")
        self.bar.setRange(0, 5)
        self.bar.setValue(0)
        self.bar.setTextVisible(False)
        self.bar.setFixedHeight(8)
        self.bar.setAccessibleName(
            _("Password strength") if what == "password" else _("Passphrase strength")
        )
        self.label = QLabel(self)
        self.label.setObjectName("strengthLabel")
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        font = self.label.font()
        font.setBold(True)
        self.label.setFont(font)
        self.advice = QLabel(self)
        self.advice.setObjectName("strengthAdvice")
        self.advice.setTextFormat(Qt.TextFormat.PlainText)
        self.advice.setWordWrap(True)
        top = QHBoxLayout()
        top.setSpacing(10)
        top.addWidget(self.bar, 1)
        top.addWidget(self.label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.advice)
        # Reserve room for the longest label so the bar does not jump while typing.
        self.label.setMinimumWidth(
            self.label.fontMetrics().horizontalAdvance(_("Strength: Very strong")) + 4
        )
        self._show()

    def describe(self, field: QWidget) -> None:
        """Say the strength in words as ``field``'s accessible description ("Strength: Weak.
        …" and the advice), kept up to date as the user types: a screen reader hears it on
        the field itself, not only the bar's colour."""
        self._field = field
        self._show()

    def description(self) -> str:
        """The strength and advice in words ("" while nothing is typed)."""
        if self._strength.length == 0:
            return ""
        return f"{self.label.text()}. {self.advice.text()}"

    def strength(self) -> Strength:
        return self._strength

    def set_passphrase(self, passphrase: str) -> Strength:
        self._strength = strength(passphrase)
        self._show()
        return self._strength

    def advice_text(self) -> str:
        return self.advice.text()

    def _show(self) -> None:
        s = self._strength
        empty = s.length == 0
        self.bar.setValue(0 if empty else s.score + 1)
        self.label.setText(
            _("Strength: —") if empty else _("Strength: {label}").format(label=s.label)
        )
        advice = s.advice
        if self._require_minimum and not empty and s.verdict is Verdict.REFUSED:
            # translators: {what} is "your vault" or "the PDF"; {advice} is advice on a stronger one
            advice = _("Not strong enough to protect {what} yet. {advice}").format(
                what=self._protects, advice=advice
            )
        elif self._require_minimum and not empty and s.verdict is Verdict.WEAK:
            # translators: {advice} is advice on a stronger passphrase
            advice = _("Weak: PeerDesk will ask before using it. {advice}").format(advice=advice)
        self.advice.setText(advice)
        self.bar.setFormat(_("not set") if empty else s.label)
        self.bar.setAccessibleDescription(self.label.text())
        self.setAccessibleDescription(f"{self.label.text()}. {advice}")
        field = self._field
        if field is not None and not field.property("peerdeskError"):
            field.setAccessibleDescription(self.description())
        self._colour_bar()

    def _colour_bar(self) -> None:
        colours = _DARK_SCORE_COLOURS if is_dark(self.palette()) else _LIGHT_SCORE_COLOURS
        palette = self.bar.palette()
        palette.setColor(QPalette.ColorRole.Highlight, QColor(colours[self._strength.score]))
        self.bar.setPalette(palette)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._colour_bar()


__all__ = ["StrengthMeter"]
