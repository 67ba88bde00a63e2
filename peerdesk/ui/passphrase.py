"""Passphrase entry: a sensitive field, a strength estimate and the "new passphrase" form.

:func:`strength` is a small, pure and deterministic estimator: no network, no randomness, no
large word lists. It is deliberately conservative about the patterns people use (a capital
first, digits and a symbol at the end, "l33t" spellings, years, keyboard walks, the most
common passwords) and generous to several unrelated words separated by spaces, because those
are both strong and memorable. Its result never contains any part of the passphrase, so the
advice is safe to show on a shared screen.

SECURITY.md 18: every passphrase field uses password echo, ``ImhSensitiveData`` and no
predictive text, offers no context menu, refuses copy and cut even while shown, and
:meth:`PassphraseField.clear` overwrites the text (and drops the undo history) before
emptying it. Signals carry no text, so a passphrase cannot leak into a connected slot's log.

The module also holds :class:`Notice`, a calm, palette-aware message box drawn inline (used
by the first-run wizard and the unlock window).
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass
from typing import Final

from PySide6.QtCore import QEvent, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QKeySequence, QPainter, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

__all__ = [
    "MIN_LENGTH_FOR_WEAK",
    "NewPassphraseForm",
    "Notice",
    "PassphraseField",
    "Strength",
    "StrengthMeter",
    "blend_colours",
    "is_dark",
    "strength",
]

# --------------------------------------------------------------------------- estimator

#: A passphrase at least this long is accepted with a score of 1 (never with 0).
MIN_LENGTH_FOR_WEAK: Final = 12
#: Longer input is estimated on its first characters only (already far above "very strong").
_MAX_ESTIMATED: Final = 256

LABELS: Final = ("Very weak", "Weak", "Fair", "Strong", "Very strong")
# Upper bounds (exclusive) of estimated guessing bits for scores 0..3; 4 is everything above.
_THRESHOLDS: Final = (20.0, 32.0, 44.0, 60.0)

_WORDS_TIP: Final = (
    "Add a few more unrelated words — four or more random words are both strong and memorable."
)
ADVICE_EMPTY: Final = (
    "Type a passphrase. Four or more random words are both strong and memorable."
)
ADVICE_COMMON: Final = (
    "This is one of the most common passwords, so it would be guessed first. " + _WORDS_TIP
)
ADVICE_PATTERN: Final = (
    "Repeated characters, sequences like “1234” and keyboard patterns like “qwerty” are "
    "guessed quickly. " + _WORDS_TIP
)
ADVICE_SHORT: Final = "This is too short. " + _WORDS_TIP
ADVICE_CONTAINS_COMMON: Final = (
    "It contains a very common password, which makes it easier to guess. " + _WORDS_TIP
)
ADVICE_CONTAINS_PATTERN: Final = (
    "It contains a sequence, a repeat or a keyboard pattern, which is easy to guess. "
    + _WORDS_TIP
)
ADVICE_MORE_WORDS: Final = _WORDS_TIP
ADVICE_STRONG: Final = "Good. One more unrelated word would make it very strong."
ADVICE_VERY_STRONG: Final = "Very strong. Make sure it is one you will remember."

# The most common passwords and words people build passwords from (lower case, no spaces).
_COMMON: Final = frozenset(
    (
        "password", "passwort", "motdepasse", "contraseña", "senha", "wachtwoord", "salasana",
        "passw0rd", "passpass", "123456", "1234567", "12345678", "123456789", "1234567890",
        "12345", "1234", "111111", "000000", "121212", "123123", "123321", "112233", "654321",
        "666666", "696969", "777777", "7777777", "888888", "987654321", "159753", "147258",
        "11111111", "qwerty", "qwertz", "azerty", "qwertyuiop", "asdfgh", "asdfghjkl", "zxcvbn",
        "zxcvbnm", "qazwsx", "1qaz2wsx", "zaq12wsx", "1q2w3e4r", "1q2w3e", "123qwe", "qwe123",
        "qweasd", "qweasdzxc", "asdf1234", "abc123", "abcd1234", "aa123456", "password1",
        "password123", "qwerty123", "welcome", "welcome1", "admin", "administrator", "root",
        "guest", "login", "user", "default", "changeme", "letmein", "access", "secret", "private",
        "master", "shadow", "trustno1", "whatever", "nothing", "iloveyou", "iloveu", "loveme",
        "lovely", "love", "lover", "hello", "hello123", "monkey", "dragon", "football",
        "baseball", "soccer", "hockey", "basketball", "sunshine", "princess", "superman",
        "batman", "starwars", "pokemon", "minecraft", "matrix", "freedom", "mustang", "jordan",
        "michael", "jennifer", "ashley", "daniel", "thomas", "charlie", "hunter", "hunter2",
        "killer", "pepper", "ginger", "tigger", "buster", "maggie", "cookie", "cheese", "banana",
        "chocolate", "butterfly", "flower", "purple", "orange", "yellow", "summer", "winter",
        "spring", "autumn", "monday", "friday", "january", "december", "london", "liverpool",
        "chelsea", "arsenal", "computer", "internet", "google", "samsung", "family", "friends",
        "mother", "father", "sister", "brother", "blessed", "angel", "jesus", "heaven",
        "babygirl", "peerdesk", "vault", "journal", "bullying", "employer", "company", "office",
        "work",
    )
)

# Keyboard rows and column walks (QWERTY, QWERTZ, AZERTY), matched forwards and backwards.
_WALKS: Final = (
    "`1234567890-=",
    "qwertyuiop[]",
    "asdfghjkl;'",
    "zxcvbnm,./",
    "qwertzuiopü",
    "yxcvbnm",
    "azertyuiop",
    "qsdfghjklm",
    "wxcvbn",
    "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p",
    "qazwsxedcrfvtgbyhnujmikolp",
    "zaqxswcdevfrbgtnhymju",
    "7894561230",
    "789456123",
)
_WALKS_BOTH: Final = tuple(_WALKS) + tuple(w[::-1] for w in _WALKS)

_LEET: Final = {
    "0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "9": "g",
    "@": "a", "$": "s", "!": "i", "|": "l", "+": "t",
}
_LEET_L: Final = {**_LEET, "1": "l"}

# A few of the most frequent short English words: worth little inside a passphrase.
_FILLER: Final = frozenset(
    (
        "a", "an", "and", "are", "as", "at", "be", "but", "by", "do", "for", "from", "go", "he",
        "her", "him", "his", "i", "if", "in", "is", "it", "me", "my", "no", "not", "of", "on",
        "or", "our", "she", "so", "than", "that", "the", "their", "them", "then", "there", "they",
        "this", "to", "up", "us", "was", "we", "what", "when", "who", "will", "with", "you",
        "your",
    )
)


@dataclass(frozen=True, slots=True)
class Strength:
    """How hard a passphrase is to guess. Holds no part of the passphrase.

    ``score`` 0 (very weak) … 4 (very strong); ``label`` is empty for an empty passphrase;
    ``advice`` is one or two plain sentences; ``length`` counts characters.
    """

    score: int
    label: str
    advice: str
    length: int = 0

    @property
    def meets_minimum(self) -> bool:
        """Good enough to protect a vault: score ≥ 2, or ≥ 12 characters that are not a
        known password or a bare pattern (score 0 is never enough)."""
        return self.score >= 2 or (self.length >= MIN_LENGTH_FOR_WEAK and self.score >= 1)

    @property
    def can_override(self) -> bool:
        """Below the minimum but not hopeless: the user may choose "Use it anyway"."""
        return self.score == 1 and not self.meets_minimum


@dataclass(slots=True)
class _Scan:
    bits: float = 0.0
    common: int = 0  # characters covered by common-password matches
    pattern: int = 0  # characters covered by repeats, sequences and keyboard walks


def _char_bits(ch: str, index: int, length: int) -> float:
    """Bits for one character that is part of no recognised pattern."""
    if "a" <= ch <= "z":
        return 3.2
    if "A" <= ch <= "Z":
        return 4.2 if index == 0 else 5.5
    if "0" <= ch <= "9":
        return 3.3
    if ch.isascii():
        return 3.0 if index == length - 1 else 5.0  # a symbol at the end is the usual place
    return 4.5 if ch.isalpha() else 6.0


def _deleet(text: str, table: dict[str, str]) -> str:
    return "".join(table.get(ch, ch) for ch in text)


def _common_at(lower: str, variants: tuple[str, ...], i: int) -> int:
    """Length of the longest common password (≥ 4 chars) starting at ``i``, or 0."""
    for j in range(min(len(lower), i + 16), i + 3, -1):
        for text in (lower, *variants):
            if text[i:j] in _COMMON:
                return j - i
    return 0


def _walk_at(lower: str, i: int) -> int:
    best = 0
    for walk in _WALKS_BOTH:
        start = walk.find(lower[i : i + 2]) if i + 1 < len(lower) else -1
        if start < 0:
            continue
        k = 0
        while i + k < len(lower) and start + k < len(walk) and lower[i + k] == walk[start + k]:
            k += 1
        best = max(best, k)
    return best if best >= 4 else 0


def _run_at(lower: str, i: int) -> tuple[int, str]:
    """A run of one repeated character or a sequence (abc, 321) of length ≥ 3 at ``i``."""
    n = len(lower)
    if i + 2 >= n:
        return 0, ""
    k = 1
    while i + k < n and lower[i + k] == lower[i]:
        k += 1
    if k >= 3:
        return k, "repeat"
    step = ord(lower[i + 1]) - ord(lower[i])
    if step in (1, -1):
        k = 2
        while i + k < n and ord(lower[i + k]) - ord(lower[i + k - 1]) == step:
            k += 1
        if k >= 3:
            return k, "sequence"
    return 0, ""


def _is_year(text: str, i: int) -> bool:
    chunk = text[i : i + 4]
    return len(chunk) == 4 and chunk.isdigit() and chunk[:2] in ("19", "20")


def _repeated_unit(text: str) -> str | None:
    n = len(text)
    for size in range(1, n // 2 + 1):
        if n % size == 0 and text[:size] * (n // size) == text:
            return text[:size]
    return None


def _scan(token: str) -> _Scan:
    """Estimate guessing bits for one token (no spaces), greedily matching patterns."""
    result = _Scan()
    if not token:
        return result
    unit = _repeated_unit(token)
    if unit is not None and len(unit) < len(token):
        inner = _scan(unit)
        inner.bits += math.log2(len(token) // len(unit)) + 1
        inner.pattern += len(token) - len(unit)
        return inner
    lower = token.lower()
    variants = (_deleet(lower, _LEET), _deleet(lower, _LEET_L))
    n = len(token)
    i = 0
    while i < n:
        common = _common_at(lower, variants, i)
        walk = _walk_at(lower, i)
        run, run_kind = _run_at(lower, i)
        best = max(common, walk, run)
        if best and walk == best:
            result.bits += 3.0 + math.log2(walk)
            result.pattern += walk
            i += walk
        elif best and best == common:
            piece = token[i : i + common]
            bits = 6.0 + (1.0 if any(c.isupper() for c in piece) else 0.0)
            bits += min(2.0, float(sum(1 for c in piece if c in _LEET)))
            result.bits += bits
            result.common += common
            i += common
        elif best:
            first = _char_bits(token[i], i, n) if run_kind == "repeat" else 3.0
            result.bits += first + math.log2(run)
            result.pattern += run
            i += run
        elif _is_year(token, i):
            result.bits += 5.0
            result.pattern += 4
            i += 4
        else:
            result.bits += _char_bits(token[i], i, n)
            i += 1
    return result


def _words_bits(words: list[str]) -> float:
    """Bits for a passphrase of words: each unrelated word is worth about 12 bits."""
    bits = 0.0
    seen: set[str] = set()
    for word in words:
        lower = word.lower()
        if lower in seen:
            bits += 1.0
            continue
        seen.add(lower)
        scanned = _scan(word)
        if lower in _FILLER or scanned.common == len(word) or scanned.pattern == len(word):
            bits += min(scanned.bits, 6.0)
        elif word.isalpha():
            bits += min(scanned.bits, 12.0)  # a dictionary word, however long
        else:
            bits += min(scanned.bits, 12.0 + 3.0 * sum(1 for c in word if not c.isalpha()))
    return bits


def _score(bits: float) -> int:
    for score, limit in enumerate(_THRESHOLDS):
        if bits < limit:
            return score
    return 4


def strength(passphrase: str) -> Strength:
    """Estimate how hard ``passphrase`` is to guess. Pure and deterministic."""
    text = unicodedata.normalize("NFC", passphrase or "")
    length = len(text)
    if not text.strip():
        return Strength(0, "" if not text else LABELS[0], ADVICE_EMPTY, length)
    text = text[:_MAX_ESTIMATED]
    words = text.split()
    squashed = "".join(words)
    lower = squashed.lower()
    core = lower.strip("0123456789!?.*#@$%&_-+=~")
    whole_common = any(
        candidate in _COMMON
        for candidate in (lower, core, _deleet(lower, _LEET), _deleet(lower, _LEET_L),
                          _deleet(core, _LEET), _deleet(core, _LEET_L))
    ) or " ".join(w.lower() for w in words) in ("i love you", "let me in")
    scan = _scan(squashed)
    bits = scan.bits
    if len(words) >= 2:
        bits = min(bits, _words_bits(words))
    score = _score(bits)
    if whole_common or length < 4:
        score = 0
    elif length < 8:
        score = min(score, 1)
    mostly_pattern = scan.pattern >= 0.8 * len(squashed)
    if mostly_pattern and not whole_common:
        score = min(score, 1 if length >= MIN_LENGTH_FOR_WEAK and scan.pattern < len(squashed)
                    else 0)

    if whole_common:
        advice = ADVICE_COMMON
    elif mostly_pattern:
        advice = ADVICE_PATTERN
    elif length < 8:
        advice = ADVICE_SHORT
    elif score <= 2 and scan.common and len(words) < 2:
        advice = ADVICE_CONTAINS_COMMON
    elif score <= 2 and scan.pattern >= 3 and len(words) < 2:
        advice = ADVICE_CONTAINS_PATTERN
    elif score <= 2:
        advice = ADVICE_MORE_WORDS
    elif score == 3:
        advice = ADVICE_STRONG
    else:
        advice = ADVICE_VERY_STRONG
    return Strength(score, LABELS[score], advice, length)


# --------------------------------------------------------------------------- colours


def is_dark(palette: QPalette) -> bool:
    """True when the palette draws light text on a dark window."""
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


# Bar colours per score: mid-tones on light windows, lighter tints on dark ones, so that the
# fill stands out from the groove in both (the label carries the meaning in words as well).
_LIGHT_SCORE_COLOURS: Final = ("#c62828", "#d84315", "#a86400", "#2e7d32", "#1b5e20")
_DARK_SCORE_COLOURS: Final = ("#ef6f6c", "#ff9e5e", "#f2c94c", "#6fcf7a", "#8ee09a")

_NOTICE_ACCENTS: Final = {
    # kind: (accent on a light window, accent on a dark window)
    "info": ("#3b6fb6", "#7fb0f0"),
    "warning": ("#b26a00", "#f0b35a"),
    "error": ("#c0392b", "#f08070"),
    "crisis": ("#b8336a", "#f08cb4"),
}


def blend_colours(base: QColor, accent: QColor, amount: float) -> QColor:
    """``base`` moved ``amount`` (0…1) of the way towards ``accent``."""
    return QColor.fromRgbF(
        base.redF() + (accent.redF() - base.redF()) * amount,
        base.greenF() + (accent.greenF() - base.greenF()) * amount,
        base.blueF() + (accent.blueF() - base.blueF()) * amount,
    )


class Notice(QFrame):
    """An inline message: a softly tinted panel with an accent bar on the left.

    The text keeps the palette's normal text colour (the tint is faint), so it stays readable
    in light and dark themes; colours are worked out at paint time from the current palette.
    ``kind``: "info", "warning", "error", "crisis", or "plain" (a neutral outline, no accent).
    """

    def __init__(self, text: str = "", kind: str = "info", parent: QWidget | None = None,
                 *, rich: bool = False) -> None:
        super().__init__(parent)
        self._kind = kind
        self.label = QLabel(text)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
        # Buttons go in a bar that takes no room while it has none to show.
        self.button_bar = QWidget(self)
        self.buttons = QHBoxLayout(self.button_bar)
        self.buttons.setContentsMargins(0, 0, 0, 0)
        self.buttons.setSpacing(8)
        self.button_bar.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 10, 12, 10)
        layout.setSpacing(8)
        layout.addWidget(self.label)
        layout.addWidget(self.button_bar)

    def add_button(self, button: QWidget) -> None:
        self.buttons.addWidget(button)
        self.button_bar.show()

    def update_button_bar(self) -> None:
        """Show the button bar only while at least one of its buttons is shown."""
        shown = any(
            not self.buttons.itemAt(i).widget().isHidden()
            for i in range(self.buttons.count())
            if self.buttons.itemAt(i).widget() is not None
        )
        self.button_bar.setVisible(shown)

    def kind(self) -> str:
        return self._kind

    def set_kind(self, kind: str) -> None:
        self._kind = kind
        self.update()

    def set_text(self, text: str) -> None:
        self.label.setText(text)

    def text(self) -> str:
        return self.label.text()

    def paintEvent(self, event: object) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        window = palette.color(QPalette.ColorRole.Window)
        rect = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        if self._kind == "plain":
            text = palette.color(QPalette.ColorRole.WindowText)
            painter.setPen(blend_colours(window, text, 0.25))
            painter.setBrush(blend_colours(window, palette.color(QPalette.ColorRole.Base), 0.6))
            painter.drawRoundedRect(rect, 4, 4)
            painter.end()
            return
        light, dark = _NOTICE_ACCENTS.get(self._kind, _NOTICE_ACCENTS["info"])
        accent = QColor(dark if is_dark(palette) else light)
        painter.setPen(blend_colours(window, accent, 0.45))
        painter.setBrush(blend_colours(window, accent, 0.10))
        painter.drawRoundedRect(rect, 4, 4)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(accent)
        painter.drawRoundedRect(QRectF(rect.left(), rect.top(), 4, rect.height()), 2, 2)
        painter.end()


# --------------------------------------------------------------------------- widgets


class _SecretLineEdit(QLineEdit):
    """A line edit that never hands its text to the clipboard, even while shown."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Copy) or event.matches(
            QKeySequence.StandardKey.Cut
        ):
            event.accept()
            return
        super().keyPressEvent(event)


class PassphraseField(QWidget):
    """A passphrase entry with a show/hide toggle.

    Signals carry no text: ``changed`` (the text changed) and ``returnPressed``.
    """

    changed = Signal()
    returnPressed = Signal()

    def __init__(self, parent: QWidget | None = None, *, accessible_name: str = "Passphrase",
                 placeholder: str = "") -> None:
        super().__init__(parent)
        self.edit = _SecretLineEdit(self)
        self.edit.setObjectName("passphraseEdit")
        self.edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.edit.setInputMethodHints(
            Qt.InputMethodHint.ImhSensitiveData
            | Qt.InputMethodHint.ImhNoPredictiveText
            | Qt.InputMethodHint.ImhNoAutoUppercase
        )
        self.edit.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.edit.setDragEnabled(False)
        self.edit.setAccessibleName(accessible_name)
        if placeholder:
            self.edit.setPlaceholderText(placeholder)
        self.toggle = QToolButton(self)
        self.toggle.setObjectName("showPassphrase")
        self.toggle.setCheckable(True)
        self.toggle.setText("Show")
        self.toggle.setAccessibleName("Show passphrase")
        self.toggle.setToolTip("Show the passphrase on screen")
        self.toggle.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.toggle.toggled.connect(self._set_revealed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.toggle)
        # Both widgets the same height, so the pair reads as one control.
        self.toggle.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        self.setFocusProxy(self.edit)
        self.edit.textChanged.connect(self._on_text_changed)
        self.edit.returnPressed.connect(self.returnPressed)

    def _on_text_changed(self, _text: str) -> None:
        self.changed.emit()

    def _set_revealed(self, revealed: bool) -> None:
        self.edit.setEchoMode(
            QLineEdit.EchoMode.Normal if revealed else QLineEdit.EchoMode.Password
        )
        self.toggle.setText("Hide" if revealed else "Show")
        self.toggle.setToolTip(
            "Hide the passphrase" if revealed else "Show the passphrase on screen"
        )

    def is_revealed(self) -> bool:
        return self.toggle.isChecked()

    def set_revealed(self, revealed: bool) -> None:
        self.toggle.setChecked(revealed)

    def text(self) -> str:
        return self.edit.text()

    def is_empty(self) -> bool:
        return not self.edit.text()

    def select_all(self) -> None:
        self.edit.selectAll()

    def clear(self) -> None:
        """Overwrite, then empty the field (``setText`` also drops the undo history), and hide
        the text again."""
        length = len(self.edit.text())
        blocked = self.edit.blockSignals(True)
        try:
            if length:
                self.edit.setText("\u2022" * length)
            self.edit.setText("")
        finally:
            self.edit.blockSignals(blocked)
        self.toggle.setChecked(False)
        if length:
            self.changed.emit()


class StrengthMeter(QWidget):
    """A bar, a label ("Strength: Fair") and one piece of advice, updated as the user types."""

    def __init__(self, parent: QWidget | None = None, *, require_minimum: bool = True) -> None:
        super().__init__(parent)
        self._require_minimum = require_minimum
        self._strength = strength("")
        self.bar = QProgressBar(self)
        self.bar.setObjectName("strengthBar")
        self.bar.setRange(0, 5)
        self.bar.setValue(0)
        self.bar.setTextVisible(False)
        self.bar.setFixedHeight(8)
        self.bar.setAccessibleName("Passphrase strength")
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
            self.label.fontMetrics().horizontalAdvance("Strength: Very strong") + 4
        )
        self._show()

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
        self.label.setText("Strength: —" if empty else f"Strength: {s.label}")
        advice = s.advice
        if self._require_minimum and not empty and not s.meets_minimum:
            advice = "Not strong enough to protect your vault yet. " + advice
        self.advice.setText(advice)
        self.bar.setFormat("not set" if empty else s.label)
        self.bar.setAccessibleDescription(self.label.text())
        self.setAccessibleDescription(f"{self.label.text()}. {advice}")
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


class NewPassphraseForm(QWidget):
    """Choose a new passphrase: type it twice, see its strength, confirm a weak one.

    Acceptable when both fields match and the strength meets the minimum (or, for a score of
    1 only, "Use it anyway" is ticked). ``changed`` fires whenever that may have changed.
    """

    changed = Signal()

    MISMATCH: Final = "The two passphrases are not the same yet."
    MATCH: Final = "The two passphrases match."

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.first = PassphraseField(self, accessible_name="New passphrase")
        self.first.setObjectName("newPassphrase")
        self.second = PassphraseField(self, accessible_name="New passphrase again")
        self.second.setObjectName("confirmPassphrase")
        self.meter = StrengthMeter(self)
        self.match_label = QLabel(self)
        self.match_label.setObjectName("matchLabel")
        self.match_label.setTextFormat(Qt.TextFormat.PlainText)
        self.match_label.setWordWrap(True)
        self.use_anyway = QCheckBox("Use it anyway", self)
        self.use_anyway.setObjectName("useAnyway")
        self.use_anyway.setToolTip(
            "Accept this weaker passphrase. A longer one protects your vault better."
        )
        self.use_anyway.setVisible(False)

        feedback = QWidget(self)
        feedback_layout = QVBoxLayout(feedback)
        feedback_layout.setContentsMargins(0, 2, 0, 0)
        feedback_layout.setSpacing(6)
        feedback_layout.addWidget(self.meter)
        feedback_layout.addWidget(self.match_label)
        feedback_layout.addWidget(self.use_anyway)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        form.setContentsMargins(0, 0, 0, 0)
        first_label = QLabel("&Passphrase:")
        first_label.setBuddy(self.first.edit)
        second_label = QLabel("&Type it again:")
        second_label.setBuddy(self.second.edit)
        form.addRow(first_label, self.first)
        form.addRow(second_label, self.second)
        form.addRow("", feedback)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)

        self.first.changed.connect(self._update)
        self.second.changed.connect(self._update)
        self.use_anyway.toggled.connect(self._on_use_anyway)
        self.first.returnPressed.connect(self._focus_second)
        self._update()

    def _focus_second(self) -> None:
        self.second.setFocus(Qt.FocusReason.TabFocusReason)

    def _on_use_anyway(self, _checked: bool) -> None:
        self.changed.emit()

    def _update(self) -> None:
        first, second = self.first.text(), self.second.text()
        s = self.meter.set_passphrase(first)
        offer = s.can_override
        if not offer and self.use_anyway.isChecked():
            blocked = self.use_anyway.blockSignals(True)
            self.use_anyway.setChecked(False)
            self.use_anyway.blockSignals(blocked)
        self.use_anyway.setVisible(offer)
        if not second:
            message = ""
        elif second == first:
            message = self.MATCH
        elif len(second) >= len(first) or not first.startswith(second):
            message = self.MISMATCH
        else:
            message = ""  # still typing it again, correctly so far
        self.match_label.setText(message)
        self.match_label.setVisible(bool(message))
        self.changed.emit()

    def strength(self) -> Strength:
        return self.meter.strength()

    def passphrase(self) -> str:
        return self.first.text()

    def matches(self) -> bool:
        return bool(self.first.text()) and self.first.text() == self.second.text()

    def is_acceptable(self) -> bool:
        s = self.meter.strength()
        strong_enough = s.meets_minimum or (s.can_override and self.use_anyway.isChecked())
        return self.matches() and strong_enough

    def problem(self) -> str:
        """Why the passphrase cannot be used yet ("" when it can)."""
        s = self.meter.strength()
        if s.length == 0:
            return "Type a passphrase."
        if not (s.meets_minimum or (s.can_override and self.use_anyway.isChecked())):
            if s.can_override:
                return "This passphrase is weak. Make it longer, or tick “Use it anyway”."
            return "This passphrase is too easy to guess."
        if not self.second.text():
            return "Type the passphrase again to confirm it."
        if not self.matches():
            return self.MISMATCH
        return ""

    def clear(self) -> None:
        self.first.clear()
        self.second.clear()
        self.use_anyway.setChecked(False)
        self._update()
