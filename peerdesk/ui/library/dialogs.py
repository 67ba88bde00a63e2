"""Dialogs of the coping-strategy library: write a strategy, try one, see what helps.

- :class:`StrategyEditor`: add or edit one of the user's own strategies. Validation errors
  come from the model (``ValidationError.field``) and are shown beside the field they name.
  While PeerDesk locks, unsaved typing is kept as an encrypted draft and offered again.
- :class:`TryStrategyDialog`: a calm view, one step at a time in large type, with a countdown
  for timed strategies, then "Did it help?" on the 0-4 scale (note and incident optional).
- :class:`WhatHelpsDialog`: strategies ranked by how much they helped, overall or after one
  kind of incident.

Every text a person wrote (strategy, note, incident title) is shown as plain text, never as
markup. None of these dialogs asks a question from ``reject()``: the lock closes dialogs with
``reject()`` and must never be held up.
"""

from __future__ import annotations

import contextlib
import math
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from peerdesk.models.draft import Draft
from peerdesk.models.enums import IncidentCategory, RecordKind, StrategyCategory, StrategySource
from peerdesk.models.errors import ValidationError
from peerdesk.models.strategy import STRATEGY_MINUTES_MAX, Strategy, StrategyUse
from peerdesk.storage.drafts import DraftRepository
from peerdesk.storage.errors import RecordNotFound, VaultError
from peerdesk.storage.incidents import IncidentRepository
from peerdesk.storage.library import RankedStrategy, StrategyRepository
from peerdesk.storage.repository import Page
from peerdesk.ui.common.messages import Messages
from peerdesk.ui.common.notices import Notice
from peerdesk.ui.common.theme import blend_colours, is_dark

__all__ = [
    "RATING_WORDS",
    "Countdown",
    "ErrorLabel",
    "RankingModel",
    "StrategyEditor",
    "TryStrategyDialog",
    "WhatHelpsDialog",
    "format_clock",
    "minutes_text",
    "muted",
    "rating_word",
]

#: The "Did it help?" scale, 0 .. 4, in words.
RATING_WORDS: tuple[str, ...] = ("Not at all", "A little", "Somewhat", "Quite a lot", "A lot")
#: Point size of the step text in the try view (large and calm).
STEP_POINT_SIZE = 18.0
#: How often the countdown display is refreshed (the time itself comes from the clock).
TICK_MS = 200
#: How many recent incidents the try view offers to link a rating to.
RECENT_INCIDENTS = 50


# -- small shared pieces -----------------------------------------------------------------------


def rating_word(value: float) -> str:
    """The word for a rating or an average on the 0-4 scale."""
    index = min(max(math.floor(value + 0.5), 0), len(RATING_WORDS) - 1)
    return RATING_WORDS[index]


def minutes_text(minutes: int | None) -> str:
    """ "about 5 minutes", "about 1 minute", "" when not timed."""
    if not minutes:
        return ""
    if minutes >= 60 and minutes % 60 == 0:
        hours = minutes // 60
        return f"about {hours} hour{'s' if hours != 1 else ''}"
    return f"about {minutes} minute{'s' if minutes != 1 else ''}"


def format_clock(seconds: float) -> str:
    """Whole seconds left as m:ss (rounded up, so 0:00 means the time is over)."""
    total = max(0, math.ceil(seconds - 1e-9))
    return f"{total // 60}:{total % 60:02d}"


def muted(label: QLabel) -> QLabel:
    """Draw ``label`` in the palette's secondary text colour (readable in both themes)."""
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return label


def plain_label(text: str = "", *, wrap: bool = True, name: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    if name:
        label.setObjectName(name)
    return label


def _scaled_font(
    widget: QWidget, *, points: float | None = None, factor: float = 1.0, bold: bool = False
) -> QFont:
    font = QFont(widget.font())
    size = points if points is not None else font.pointSizeF() * factor
    font.setPointSizeF(size)
    font.setBold(bold)
    return font


def wipe(dialog: QDialog, title: str) -> None:
    """Empty every text field, label and list of ``dialog`` (it has closed: nothing it showed
    may stay reachable while it waits to be deleted, nor after the vault locks)."""
    dialog.setWindowTitle(title)
    for widget in dialog.findChildren(QWidget):
        blocked = widget.blockSignals(True)
        try:
            if isinstance(widget, QLabel | QLineEdit | QPlainTextEdit | QComboBox):
                widget.clear()
            if isinstance(widget, QLabel | QLineEdit | QPlainTextEdit | QComboBox | QPushButton):
                widget.setAccessibleName("")
        finally:
            widget.blockSignals(blocked)


class ErrorLabel(QLabel):
    """An inline validation message under a field (hidden while there is none)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.hide()

    def show_error(self, text: str) -> None:
        colour = "#ff8a80" if is_dark(self.palette()) else "#a8231b"
        self.setStyleSheet(f"color: {colour};")
        self.setText(text)
        self.show()

    def clear_error(self) -> None:
        self.clear()
        self.hide()


class RatingChoice(QAbstractButton):
    """One point of the "Did it help?" scale: a card with the number and its word.

    Drawn from the palette at paint time (unchecked: the input colour with a clear outline;
    checked: the highlight), so it reads well in light and dark themes alike, unlike Fusion's
    radio indicator on a dark window. ``text()`` is "3 — Quite a lot".
    """

    def __init__(self, value: int, word: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.value = value
        self.word = word
        self.setText(f"{value} — {word}")
        self.setCheckable(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAccessibleName(f"{word} ({value} of 4)")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAttribute(Qt.WidgetAttribute.WA_Hover)

    def _fonts(self) -> tuple[QFont, QFont]:
        number = _scaled_font(self, factor=1.6, bold=True)
        word = QFont(self.font())
        return number, word

    def sizeHint(self) -> QSize:
        number, word = self._fonts()
        number_metrics, word_metrics = QFontMetrics(number), QFontMetrics(word)
        width = (
            max(word_metrics.horizontalAdvance(self.word), number_metrics.horizontalAdvance("0"))
            + 24
        )
        height = number_metrics.height() + word_metrics.height() + 18
        return QSize(max(width, 72), height)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def paintEvent(self, _event: object) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.Text)
        base = palette.color(QPalette.ColorRole.Base)
        highlight = palette.color(QPalette.ColorRole.Highlight)
        rect = QRectF(self.rect()).adjusted(1.5, 1.5, -1.5, -1.5)
        if self.isChecked():
            fill, ink, border = (
                highlight,
                palette.color(QPalette.ColorRole.HighlightedText),
                highlight,
            )
        else:
            hovered = self.underMouse()
            fill, ink = base, text
            border = blend_colours(base, text, 0.75 if hovered else 0.45)
        painter.setBrush(fill)
        painter.setPen(QPen(border, 1.5))
        painter.drawRoundedRect(rect, 6, 6)
        if self.hasFocus():
            ring = (
                palette.color(QPalette.ColorRole.HighlightedText) if self.isChecked() else highlight
            )
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(ring, 2))
            painter.drawRoundedRect(rect.adjusted(3, 3, -3, -3), 4, 4)
        number_font, word_font = self._fonts()
        number_height = QFontMetrics(number_font).height()
        inner = self.rect().adjusted(4, 8, -4, -8)
        painter.setPen(ink)
        painter.setFont(number_font)
        painter.drawText(
            QRect(inner.left(), inner.top(), inner.width(), number_height),
            int(Qt.AlignmentFlag.AlignCenter),
            str(self.value),
        )
        painter.setFont(word_font)
        painter.drawText(
            QRect(
                inner.left(),
                inner.top() + number_height,
                inner.width(),
                inner.height() - number_height,
            ),
            int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop),
            self.word,
        )
        painter.end()


# -- the editor --------------------------------------------------------------------------------


class StrategyEditor(QDialog):
    """Add a strategy of one's own, or edit one (``strategy`` given, ``source`` OWN).

    Saving goes through ``repository`` (``add`` / ``update``); a ``ValidationError`` is shown
    beside the field it names and the dialog stays open. ``saved`` holds the stored strategy
    once the dialog is accepted. With ``drafts``, text typed when PeerDesk locks is kept as an
    encrypted draft and restored the next time the same strategy is opened for editing.
    """

    def __init__(
        self,
        repository: StrategyRepository,
        strategy: Strategy | None = None,
        parent: QWidget | None = None,
        *,
        category: StrategyCategory | None = None,
        drafts: DraftRepository | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("strategyEditor")
        self._repository = repository
        self._original = strategy
        self._drafts = drafts
        self._finished_by_user = False
        self.saved: Strategy | None = None
        editing = strategy is not None and strategy.id is not None
        self.setWindowTitle("Edit strategy" if editing else "New strategy")

        intro = muted(
            plain_label(
                "Write it the way you would say it to yourself. Only the title is needed; "
                "steps work best as one short instruction per line."
            )
        )
        self.restored_notice = Notice(
            "PeerDesk locked while you were writing this. Here is what you had typed — "
            "save it, or cancel to let it go.",
            "info",
        )
        self.restored_notice.setObjectName("restoredNotice")
        self.restored_notice.hide()

        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("titleEdit")
        self.title_edit.setPlaceholderText("A short name, e.g. “Walk round the block”")
        self.category_combo = QComboBox()
        self.category_combo.setObjectName("categoryCombo")
        for cat in StrategyCategory:
            self.category_combo.addItem(cat.label, cat.value)
        self.summary_edit = QLineEdit()
        self.summary_edit.setObjectName("summaryEdit")
        self.summary_edit.setPlaceholderText("What it is, in one sentence")
        self.steps_edit = QPlainTextEdit()
        self.steps_edit.setObjectName("stepsEdit")
        self.steps_edit.setTabChangesFocus(True)
        self.steps_edit.setPlaceholderText(
            "One step per line.\nFor example:\n"
            "Stand up and put your coat on.\n"
            "Walk to the corner and back."
        )
        self.when_edit = QPlainTextEdit()
        self.when_edit.setObjectName("whenEdit")
        self.when_edit.setTabChangesFocus(True)
        self.when_edit.setPlaceholderText("When does this help you? (optional)")
        self.when_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.minutes_spin = QSpinBox()
        self.minutes_spin.setObjectName("minutesSpin")
        self.minutes_spin.setRange(0, STRATEGY_MINUTES_MAX)
        self.minutes_spin.setSpecialValueText("No set time")
        self.minutes_spin.setSuffix(" min")
        self.minutes_spin.setAccessibleName("Time it takes in minutes")
        self.minutes_spin.setToolTip("With a time, “Try it” shows a countdown.")
        self.minutes_spin.setMaximumWidth(self.minutes_spin.sizeHint().width() + 40)

        self.errors: dict[str, ErrorLabel] = {}
        self._fields: dict[str, QWidget] = {
            "title": self.title_edit,
            "category": self.category_combo,
            "summary": self.summary_edit,
            "steps": self.steps_edit,
            "when_it_helps": self.when_edit,
            "minutes": self.minutes_spin,
        }
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        rows = (
            ("&Title:", "title"),
            ("&Category:", "category"),
            ("&In one line:", "summary"),
            ("&Steps:", "steps"),
            ("&When it helps:", "when_it_helps"),
            ("Time it &takes:", "minutes"),
        )
        for text, name in rows:
            label = QLabel(text)
            label.setBuddy(self._fields[name])
            error = ErrorLabel()
            error.setObjectName(f"{name}Error")
            self.errors[name] = error
            column = QVBoxLayout()
            column.setSpacing(2)
            column.addWidget(self._fields[name])
            column.addWidget(error)
            form.addRow(label, column)
        self.general_error = ErrorLabel()
        self.general_error.setObjectName("generalError")

        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton("Save", QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("saveButton")
        self.save_button.setDefault(True)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.cancel)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 14)
        layout.setSpacing(10)
        layout.addWidget(intro)
        layout.addWidget(self.restored_notice)
        layout.addLayout(form, 1)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)

        self._load(strategy, category)
        self._initial = self._values()
        self._restore_draft()
        self.resize(max(560, self.sizeHint().width()), max(560, self.sizeHint().height()))
        self.title_edit.setFocus()

    # -- values ----------------------------------------------------------------------------------

    def _load(self, strategy: Strategy | None, category: StrategyCategory | None) -> None:
        if strategy is not None:
            self.title_edit.setText(strategy.title)
            self._set_category(strategy.category)
            self.summary_edit.setText(strategy.summary)
            self.steps_edit.setPlainText("\n".join(strategy.steps))
            self.when_edit.setPlainText(strategy.when_it_helps)
            self.minutes_spin.setValue(strategy.minutes or 0)
        elif category is not None:
            self._set_category(category)

    def _set_category(self, category: StrategyCategory) -> None:
        index = self.category_combo.findData(StrategyCategory(category).value)
        self.category_combo.setCurrentIndex(max(index, 0))

    def _values(self) -> dict[str, Any]:
        return {
            "title": self.title_edit.text(),
            "category": str(self.category_combo.currentData()),
            "summary": self.summary_edit.text(),
            "steps": self.steps_edit.toPlainText(),
            "when_it_helps": self.when_edit.toPlainText(),
            "minutes": self.minutes_spin.value(),
        }

    def _apply(self, values: dict[str, Any]) -> None:
        self.title_edit.setText(str(values.get("title", "")))
        with contextlib.suppress(ValueError):
            self._set_category(StrategyCategory(str(values.get("category", ""))))
        self.summary_edit.setText(str(values.get("summary", "")))
        self.steps_edit.setPlainText(str(values.get("steps", "")))
        self.when_edit.setPlainText(str(values.get("when_it_helps", "")))
        minutes = values.get("minutes", 0)
        self.minutes_spin.setValue(minutes if isinstance(minutes, int) else 0)

    def is_dirty(self) -> bool:
        return self._values() != self._initial

    def strategy(self) -> Strategy:
        """The strategy as typed (not yet cleaned or validated)."""
        base = self._original
        minutes = self.minutes_spin.value()
        return Strategy(
            id=base.id if base else None,
            key=base.key if base else None,
            title=self.title_edit.text(),
            summary=self.summary_edit.text(),
            category=StrategyCategory(self.category_combo.currentData()),
            steps=self.steps_edit.toPlainText().split("\n"),
            when_it_helps=self.when_edit.toPlainText(),
            minutes=minutes or None,
            source=base.source if base else StrategySource.OWN,
            favourite=base.favourite if base else False,
            hidden=base.hidden if base else False,
            personal_note=base.personal_note if base else "",
        )

    # -- saving ----------------------------------------------------------------------------------

    def _record_id(self) -> int | None:
        return self._original.id if self._original is not None else None

    def save(self) -> None:
        for error in (*self.errors.values(), self.general_error):
            error.clear_error()
        typed = self.strategy()
        try:
            if typed.id is None:
                self.saved = self._repository.add(typed)
            else:
                self.saved = self._repository.update(typed)
        except ValidationError as exc:
            self._show_validation(exc)
            return
        except VaultError as exc:
            self.general_error.show_error(exc.user_message)
            return
        self._discard_draft()
        self._finished_by_user = True
        self.accept()

    def _show_validation(self, exc: ValidationError) -> None:
        name = exc.field.split("[", 1)[0].split(".", 1)[0]
        message = exc.message
        if name == "steps" and "[" in exc.field:
            try:
                number = int(exc.field.split("[", 1)[1].split("]", 1)[0])
            except ValueError:
                number = -1
            # The model counts the non-empty lines; say which line that is.
            lines = [
                i
                for i, text in enumerate(self.steps_edit.toPlainText().split("\n"))
                if text.strip()
            ]
            if 0 <= number < len(lines):
                message = f"Step {number + 1}: {message}"
        error = self.errors.get(name)
        if error is None:
            self.general_error.show_error(message)
            return
        error.show_error(message)
        widget = self._fields[name]
        widget.setFocus()

    # -- closing ---------------------------------------------------------------------------------

    def cancel(self) -> None:
        """The person cancels: ask before throwing typing away."""
        if self.is_dirty() and not Messages.confirm(
            self,
            "Discard changes",
            "Close without saving this strategy?",
            action="Discard",
            destructive=True,
        ):
            return
        self._discard_draft()
        self._finished_by_user = True
        self.reject()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            event.accept()
            self.cancel()
            return
        super().keyPressEvent(event)

    def reject(self) -> None:
        """Closed without asking (the window's close button, or the lock, which must never
        wait; Cancel and Esc have asked already): unsaved typing is kept as a draft, offered
        again next time, unless the person chose to discard it."""
        if not self._finished_by_user:
            self.keep_draft()
        super().reject()

    def done(self, result: int) -> None:
        super().done(result)
        wipe(self, "Strategy")

    # -- drafts ----------------------------------------------------------------------------------

    def keep_draft(self) -> bool:
        """Keep what was typed as an encrypted draft (when there is anything new)."""
        if self._drafts is None or not self.is_dirty():
            return False
        try:
            self._drafts.save(
                Draft(
                    record_kind=RecordKind.STRATEGY,
                    record_id=self._record_id(),
                    payload=self._values(),
                    saved_at=datetime.now(UTC),
                )
            )
        except (VaultError, ValidationError):
            return False
        return True

    def _restore_draft(self) -> None:
        if self._drafts is None:
            return
        try:
            draft = self._drafts.load(RecordKind.STRATEGY, self._record_id())
        except VaultError:
            return
        if draft is None or not isinstance(draft.payload, dict):
            return
        self._apply(draft.payload)
        self.restored_notice.show()

    def _discard_draft(self) -> None:
        if self._drafts is None:
            return
        with contextlib.suppress(VaultError):
            self._drafts.discard(RecordKind.STRATEGY, self._record_id())


# -- trying a strategy -------------------------------------------------------------------------


class Countdown(QObject):
    """A countdown measured on ``clock`` (seconds, monotonic), not by counting ticks.

    ``ticked(remaining_seconds)`` while it runs and on every change; ``finished`` once.
    """

    ticked = Signal(float)
    finished = Signal()

    def __init__(
        self,
        seconds: float,
        clock: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._total = float(seconds)
        self._clock = clock
        self._elapsed = 0.0
        self._started_at: float | None = None
        self._done = False
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)

    @property
    def total(self) -> float:
        return self._total

    @property
    def running(self) -> bool:
        return self._started_at is not None

    @property
    def done(self) -> bool:
        return self._done

    def elapsed(self) -> float:
        if self._started_at is None:
            return self._elapsed
        return self._elapsed + max(0.0, self._clock() - self._started_at)

    def remaining(self) -> float:
        return max(0.0, self._total - self.elapsed())

    def start(self) -> None:
        if self.running or self._done:
            return
        self._started_at = self._clock()
        self._timer.start()
        self.ticked.emit(self.remaining())

    def pause(self) -> None:
        if not self.running:
            return
        self._elapsed = self.elapsed()
        self._started_at = None
        self._timer.stop()
        self.ticked.emit(self.remaining())

    def reset(self) -> None:
        self._timer.stop()
        self._started_at = None
        self._elapsed = 0.0
        self._done = False
        self.ticked.emit(self.remaining())

    def stop(self) -> None:
        """Stop ticking for good (the dialog is closing)."""
        self._timer.stop()
        if self._started_at is not None:
            self._elapsed = self.elapsed()
            self._started_at = None

    def _tick(self) -> None:
        left = self.remaining()
        if left <= 0 and not self._done:
            self._elapsed = self._total
            self._started_at = None
            self._timer.stop()
            self._done = True
            self.ticked.emit(0.0)
            self.finished.emit()
            return
        self.ticked.emit(left)


class TryStrategyDialog(QDialog):
    """Try a strategy: its steps one at a time in large type, a countdown when it has a time,
    then "Did it help?" (0-4), a note and an incident, all optional except the rating.

    ``incidents`` (optional) offers recent incidents to link the rating to; ``incident_id``
    preselects one (e.g. when the try was suggested after saving that incident). ``clock``
    is the countdown's time source (seconds; tests pass a fake one). ``recorded`` holds the
    stored :class:`StrategyUse` after "Save rating".
    """

    support_requested = Signal()

    STEPS_PAGE = 0
    RATING_PAGE = 1

    def __init__(
        self,
        strategy: Strategy,
        strategies: StrategyRepository,
        incidents: IncidentRepository | None = None,
        parent: QWidget | None = None,
        *,
        incident_id: int | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("tryStrategyDialog")
        self.setWindowTitle(f"Try: {strategy.title}")
        self.strategy = strategy
        self._strategies = strategies
        self.recorded: StrategyUse | None = None
        self._steps = list(strategy.steps) or [
            strategy.summary or "Take your time with this one, in your own way."
        ]
        self._step = 0

        # Header: which strategy, and the way to support at any moment.
        self.heading = plain_label(strategy.title, name="tryHeading")
        self.heading.setFont(_scaled_font(self.heading, factor=1.15, bold=True))
        # Spelled out here: some steps send the person to the crisis lines ("Support
        # resources"), and this is the way there without leaving the steps.
        self.support_button = QPushButton("Support and crisis lines")
        self.support_button.setObjectName("trySupportButton")
        self.support_button.setAutoDefault(False)
        self.support_button.setToolTip("Support and crisis resources, one click away")
        self.support_button.clicked.connect(self.support_requested)
        self.summary = muted(plain_label(strategy.summary, name="trySummary"))
        self.summary.setVisible(bool(strategy.summary))
        titles = QVBoxLayout()
        titles.setSpacing(2)
        titles.addWidget(self.heading)
        titles.addWidget(self.summary)
        header = QHBoxLayout()
        header.addLayout(titles, 1)
        header.addWidget(self.support_button, 0, Qt.AlignmentFlag.AlignTop)

        self.pages = QStackedWidget()
        self.pages.addWidget(self._build_steps_page(strategy, clock))
        self.pages.addWidget(self._build_rating_page(incidents, incident_id))

        # Footer: Back / Next while stepping, Skip / Save rating at the end.
        self.back_button = QPushButton("← &Back")
        self.back_button.setObjectName("backButton")
        self.back_button.setAutoDefault(False)
        self.next_button = QPushButton("&Next →")
        self.next_button.setObjectName("nextButton")
        self.next_button.setDefault(True)
        self.skip_button = QPushButton("S&kip")
        self.skip_button.setObjectName("skipButton")
        self.skip_button.setAutoDefault(False)
        self.skip_button.setToolTip("Close without rating")
        self.save_button = QPushButton("&Save rating")
        self.save_button.setObjectName("saveRatingButton")
        self.back_button.clicked.connect(self.back)
        self.next_button.clicked.connect(self.next)
        self.skip_button.clicked.connect(self.skip)
        self.save_button.clicked.connect(self.save_rating)
        footer = QHBoxLayout()
        footer.addWidget(self.back_button)
        footer.addWidget(self.skip_button)
        footer.addStretch(1)
        footer.addWidget(self.next_button)
        footer.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 22, 28, 18)
        layout.setSpacing(14)
        layout.addLayout(header)
        layout.addWidget(self.pages, 1)
        layout.addLayout(footer)
        self.resize(600, 520)
        self.show_step(0)

    # -- the steps page --------------------------------------------------------------------------

    def _build_steps_page(self, strategy: Strategy, clock: Callable[[], float]) -> QWidget:
        page = QWidget()
        self.counter = muted(plain_label(name="stepCounter"))
        self.step_label = plain_label(name="stepText")
        self.step_label.setFont(_scaled_font(self.step_label, points=STEP_POINT_SIZE))
        self.step_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.step_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.step_label.setSizePolicy(
            QSizePolicy.Policy.Preferred, QSizePolicy.Policy.MinimumExpanding
        )
        self.step_label.setMinimumHeight(self.step_label.fontMetrics().lineSpacing() * 4)
        self.step_label.setAccessibleName("Step")

        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(self.counter)
        layout.addWidget(self.step_label, 1)

        self.countdown: Countdown | None = None
        self.timer_panel = QFrame()
        self.timer_panel.setObjectName("timerPanel")
        self.timer_panel.setFrameShape(QFrame.Shape.StyledPanel)
        self.time_label = plain_label(wrap=False, name="timeLabel")
        self.time_label.setFont(_scaled_font(self.time_label, points=24, bold=True))
        self.time_label.setAccessibleName("Time left")
        self.start_button = QPushButton("Start timer")
        self.start_button.setObjectName("startTimer")
        self.pause_button = QPushButton("Pause")
        self.pause_button.setObjectName("pauseTimer")
        self.reset_button = QPushButton("Reset")
        self.reset_button.setObjectName("resetTimer")
        for button in (self.start_button, self.pause_button, self.reset_button):
            button.setAutoDefault(False)
        self.times_up_label = plain_label(
            "Time's up. Take a slow breath, and carry on when you are ready.", name="timesUpLabel"
        )
        self.times_up_label.hide()
        row = QHBoxLayout()
        row.addWidget(self.time_label)
        row.addSpacing(12)
        row.addWidget(self.start_button)
        row.addWidget(self.pause_button)
        row.addWidget(self.reset_button)
        row.addStretch(1)
        panel_layout = QVBoxLayout(self.timer_panel)
        panel_layout.setContentsMargins(14, 10, 14, 10)
        panel_layout.addLayout(row)
        panel_layout.addWidget(self.times_up_label)
        layout.addWidget(self.timer_panel)

        if strategy.minutes:
            self.countdown = Countdown(strategy.minutes * 60, clock, self)
            self.countdown.ticked.connect(self._show_time)
            self.countdown.finished.connect(self._times_up)
            self.start_button.clicked.connect(self._start_timer)
            self.pause_button.clicked.connect(self.countdown.pause)
            self.reset_button.clicked.connect(self.countdown.reset)
            self._show_time(self.countdown.remaining())
        else:
            self.timer_panel.hide()
        return page

    def _start_timer(self) -> None:
        if self.countdown is None:
            return
        if self.countdown.done:
            self.countdown.reset()
        self.countdown.start()

    def _show_time(self, remaining: float) -> None:
        countdown = self.countdown
        if countdown is None:
            return
        self.time_label.setText(format_clock(remaining))
        if countdown.done:
            self.start_button.setText("Start again")
        elif countdown.elapsed() > 0:
            self.start_button.setText("Continue")
        else:
            self.start_button.setText("Start timer")
        # Start and Pause share one place: only the one that makes sense now is shown.
        self.start_button.setVisible(not countdown.running)
        self.pause_button.setVisible(countdown.running)
        self.reset_button.setEnabled(countdown.elapsed() > 0 or countdown.done)
        if not countdown.done:
            self.times_up_label.hide()

    def _times_up(self) -> None:
        self.times_up_label.show()
        self._show_time(0.0)

    def show_step(self, index: int) -> None:
        self._step = min(max(index, 0), len(self._steps) - 1)
        self.pages.setCurrentIndex(self.STEPS_PAGE)
        total = len(self._steps)
        self.counter.setText(f"Step {self._step + 1} of {total}")
        self.step_label.setText(self._steps[self._step])
        last = self._step == total - 1
        self.next_button.setText("&Finish" if last else "&Next →")
        self.next_button.setToolTip("Then say whether it helped" if last else "")
        self.back_button.setEnabled(self._step > 0)
        for button, stepping in (
            (self.back_button, True),
            (self.next_button, True),
            (self.skip_button, False),
            (self.save_button, False),
        ):
            button.setVisible(stepping)
        self.next_button.setDefault(True)

    @property
    def step_index(self) -> int:
        return self._step

    def back(self) -> None:
        if self.pages.currentIndex() == self.RATING_PAGE:
            self.show_step(len(self._steps) - 1)
        elif self._step > 0:
            self.show_step(self._step - 1)

    def next(self) -> None:
        if self._step < len(self._steps) - 1:
            self.show_step(self._step + 1)
        else:
            self.show_rating()

    # -- the rating page -------------------------------------------------------------------------

    def _build_rating_page(
        self, incidents: IncidentRepository | None, incident_id: int | None
    ) -> QWidget:
        page = QWidget()
        question = plain_label("Did it help?", name="ratingQuestion")
        question.setFont(_scaled_font(question, points=STEP_POINT_SIZE, bold=True))
        reassurance = muted(
            plain_label(
                "However it went is fine. Your answer helps PeerDesk show what works for you."
            )
        )

        self.rating_group = QButtonGroup(self)
        self.rating_group.setExclusive(True)
        self.rating_buttons: list[RatingChoice] = []
        choices = QHBoxLayout()
        choices.setSpacing(8)
        for value, word in enumerate(RATING_WORDS):
            button = RatingChoice(value, word)
            button.setObjectName(f"rating{value}")
            self.rating_group.addButton(button, value)
            self.rating_buttons.append(button)
            choices.addWidget(button)
        self.rating_group.idToggled.connect(self._rating_changed)

        note_label = QLabel("&Anything you noticed? (optional)")
        self.note_edit = QPlainTextEdit()
        self.note_edit.setObjectName("ratingNote")
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setPlaceholderText(
            "For example: it helped after the meeting, not so much at my desk."
        )
        self.note_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 14)
        note_label.setBuddy(self.note_edit)

        self.incident_label = QLabel("&After which incident? (optional)")
        self.incident_combo = QComboBox()
        self.incident_combo.setObjectName("incidentCombo")
        self.incident_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.incident_combo.setMinimumContentsLength(24)
        self.incident_label.setBuddy(self.incident_combo)
        self._fill_incidents(incidents, incident_id)

        self.rating_error = ErrorLabel()
        self.rating_error.setObjectName("ratingError")

        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(question)
        layout.addWidget(reassurance)
        layout.addSpacing(6)
        layout.addLayout(choices)
        layout.addSpacing(6)
        layout.addWidget(note_label)
        layout.addWidget(self.note_edit)
        layout.addWidget(self.incident_label)
        layout.addWidget(self.incident_combo)
        layout.addWidget(self.rating_error)
        layout.addStretch(1)
        return page

    def _fill_incidents(
        self, incidents: IncidentRepository | None, incident_id: int | None
    ) -> None:
        self.incident_combo.addItem("No incident", None)
        summaries = []
        if incidents is not None:
            try:
                summaries = incidents.list(page=Page(0, RECENT_INCIDENTS))
                if incident_id is not None and all(s.id != incident_id for s in summaries):
                    summaries.insert(0, incidents.summary(incident_id))
            except VaultError:
                summaries = []
        for summary in summaries:
            day = summary.event_date
            self.incident_combo.addItem(f"{day.day} {day:%b %Y} — {summary.title}", summary.id)
        has_any = bool(summaries)
        self.incident_label.setVisible(has_any)
        self.incident_combo.setVisible(has_any)
        if incident_id is not None:
            self.incident_combo.setCurrentIndex(max(self.incident_combo.findData(incident_id), 0))

    def _rating_changed(self, _id: int, checked: bool) -> None:
        if checked:
            self.rating_error.clear_error()
            self.save_button.setEnabled(True)

    def show_rating(self) -> None:
        self.pages.setCurrentIndex(self.RATING_PAGE)
        for button, stepping in (
            (self.back_button, True),
            (self.next_button, False),
            (self.skip_button, True),
            (self.save_button, True),
        ):
            button.setVisible(stepping)
        self.back_button.setEnabled(True)
        self.save_button.setEnabled(self.rating() is not None)
        self.save_button.setDefault(True)
        checked = self.rating_group.checkedButton()
        (checked or self.rating_buttons[0]).setFocus(Qt.FocusReason.OtherFocusReason)

    def rating(self) -> int | None:
        value = self.rating_group.checkedId()
        return None if value < 0 else value

    def set_rating(self, value: int) -> None:
        self.rating_buttons[value].setChecked(True)

    def incident_id(self) -> int | None:
        data = self.incident_combo.currentData()
        return int(data) if data is not None else None

    def save_rating(self) -> None:
        rating = self.rating()
        if rating is None:
            self.rating_error.show_error("Choose how much it helped, or press Skip.")
            return
        use = StrategyUse(
            strategy_id=self.strategy.id or 0,
            used_at=datetime.now(UTC),
            rating=rating,
            note=self.note_edit.toPlainText(),
            incident_id=self.incident_id(),
        )
        try:
            self.recorded = self._strategies.record_use(use)
        except ValidationError as exc:
            self.rating_error.show_error(exc.message)
            return
        except RecordNotFound as exc:
            self.rating_error.show_error(exc.user_message)
            return
        except VaultError as exc:
            self.rating_error.show_error(exc.user_message)
            return
        self.accept()

    def skip(self) -> None:
        self.reject()

    # -- closing ---------------------------------------------------------------------------------

    def done(self, result: int) -> None:
        if self.countdown is not None:
            self.countdown.stop()
        super().done(result)
        wipe(self, "Try a strategy")


# -- what helps --------------------------------------------------------------------------------


class RankingModel(QAbstractTableModel):
    """Rows of :class:`RankedStrategy`: strategy, average rating, times tried."""

    HEADERS = ("Strategy", "Helped on average (0–4)", "Times tried")
    IdRole = Qt.ItemDataRole.UserRole + 3

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[RankedStrategy] = []

    def set_rows(self, rows: Sequence[RankedStrategy]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def clear(self) -> None:
        self.set_rows([])

    def rows(self) -> list[RankedStrategy]:
        return list(self._rows)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return row.title
            if column == 1:
                return f"{row.average:.1f} — {rating_word(row.average)}"
            return str(row.uses)
        if role == Qt.ItemDataRole.ToolTipRole and column == 1:
            return (
                f"Average of {row.uses} rating{'s' if row.uses != 1 else ''}, "
                "from 0 (not at all) to 4 (a lot)"
            )
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == self.IdRole:
            return row.strategy_id
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.HEADERS)
        ):
            return self.HEADERS[section]
        return None


class WhatHelpsDialog(QDialog):
    """Strategies ranked by their average "did it help?" rating, overall or after incidents of
    one category. ``strategy_chosen(id)`` when a row is opened (double-click or Enter)."""

    strategy_chosen = Signal(int)

    def __init__(self, strategies: StrategyRepository, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("whatHelpsDialog")
        self.setWindowTitle("What helps me")
        self._strategies = strategies

        heading = plain_label("What helps me", name="whatHelpsHeading")
        heading.setFont(_scaled_font(heading, factor=1.4, bold=True))
        intro = muted(
            plain_label(
                "Strategies you have tried, by how much they helped on average "
                "(0 is “not at all”, 4 is “a lot”)."
            )
        )

        self.category_combo = QComboBox()
        self.category_combo.setObjectName("incidentCategoryFilter")
        self.category_combo.addItem("All incidents", None)
        for cat in IncidentCategory:
            self.category_combo.addItem(cat.label, cat.value)
        self.category_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.category_combo.setToolTip("Only tries you linked to an incident of this kind count.")
        after = QLabel("&After:")
        after.setBuddy(self.category_combo)
        filter_row = QHBoxLayout()
        filter_row.addWidget(after)
        filter_row.addWidget(self.category_combo)
        filter_row.addStretch(1)

        self.model = RankingModel(self)
        self.table = QTableView()
        self.table.setObjectName("rankingTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.table.activated.connect(self._open_row)

        self.empty_label = muted(plain_label(name="rankingEmpty"))
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 14)
        layout.setSpacing(10)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addLayout(filter_row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        layout.addWidget(buttons)

        self.category_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.resize(620, 460)
        self.refresh()

    def category(self) -> IncidentCategory | None:
        value = self.category_combo.currentData()
        return IncidentCategory(value) if value else None

    def set_category(self, category: IncidentCategory | None) -> None:
        index = self.category_combo.findData(category.value if category else None)
        self.category_combo.setCurrentIndex(max(index, 0))

    def refresh(self) -> None:
        category = self.category()
        try:
            rows = self._strategies.ranking(category)
        except VaultError:
            rows = []
        self.model.set_rows(rows)
        if rows:
            self.empty_label.hide()
        elif category is None:
            self.empty_label.setText(
                "Nothing rated yet. After you try a strategy, say whether it helped — "
                "your answers gather here."
            )
            self.empty_label.show()
        else:
            self.empty_label.setText(
                "No ratings linked to this kind of incident yet. When you rate a strategy, "
                "you can say which incident it followed."
            )
            self.empty_label.show()

    def _open_row(self, index: QModelIndex) -> None:
        strategy_id = index.data(RankingModel.IdRole)
        if strategy_id is not None:
            self.strategy_chosen.emit(int(strategy_id))
            self.accept()

    def done(self, result: int) -> None:
        self.model.clear()
        super().done(result)
        wipe(self, "What helps me")
