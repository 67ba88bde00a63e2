"""The try view: a strategy's steps one at a time in large type, a countdown when it has a time
(:class:`StepsPage`), then "Did it help?" (:class:`~peerdesk.ui.library.rating.RatingPage`).

Every text a person wrote (strategy, note, incident title) is shown as plain text, never as
markup; closing never asks a question (the lock closes dialogs with ``reject()``)."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import (
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from peerdesk.i18n import _
from peerdesk.models.builtin_text import localized_strategy
from peerdesk.models.errors import ValidationError
from peerdesk.models.strategy import Strategy, StrategyUse
from peerdesk.storage.errors import VaultError
from peerdesk.storage.incidents import IncidentRepository
from peerdesk.storage.library import StrategyRepository
from peerdesk.ui.common.accessibility import announce
from peerdesk.ui.library.countdown import Countdown
from peerdesk.ui.library.rating import RatingPage
from peerdesk.ui.library.widgets import (
    FontFollower,
    format_clock,
    muted,
    plain_label,
    scaled_font,
    wipe,
)

__all__ = ["STEP_POINT_SIZE", "StepsPage", "TryStrategyDialog"]

#: Point size of the step text in the try view (large and calm).
STEP_POINT_SIZE = 18.0


class StepsPage(QWidget):
    """One step at a time in large type ("Step 2 of 5"), with the timer panel (Start, Pause,
    Reset and the time left) when the strategy has a time; ``countdown`` is None otherwise."""

    def __init__(
        self, strategy: Strategy, clock: Callable[[], float], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.counter = muted(plain_label(name="stepCounter"))
        self.step_label = plain_label(name="stepText")
        self.step_label.setFont(scaled_font(self.step_label, points=STEP_POINT_SIZE))
        self.step_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.step_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.step_label.setSizePolicy(
            QSizePolicy.Policy.Preferred, QSizePolicy.Policy.MinimumExpanding
        )
        self.step_label.setMinimumHeight(self.step_label.fontMetrics().lineSpacing() * 4)
        self.step_label.setAccessibleName(_("Step"))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(self.counter)
        layout.addWidget(self.step_label, 1)
        layout.addWidget(self._build_timer_panel())

        self.countdown: Countdown | None = None
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

    def _build_timer_panel(self) -> QFrame:
        self.timer_panel = QFrame()
        self.timer_panel.setObjectName("timerPanel")
        self.timer_panel.setFrameShape(QFrame.Shape.StyledPanel)
        self.time_label = plain_label(wrap=False, name="timeLabel")
        self.time_label.setFont(scaled_font(self.time_label, points=24, bold=True))
        self.time_label.setAccessibleName(_("Time left"))
        self.start_button = QPushButton(_("Start timer"))
        self.start_button.setObjectName("startTimer")
        self.pause_button = QPushButton(_("Pause"))
        self.pause_button.setObjectName("pauseTimer")
        self.reset_button = QPushButton(_("Reset"))
        self.reset_button.setObjectName("resetTimer")
        for button in (self.start_button, self.pause_button, self.reset_button):
            button.setAutoDefault(False)
        self.times_up_label = plain_label(
            _("Time's up. Take a slow breath, and carry on when you are ready."),
            name="timesUpLabel",
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
        return self.timer_panel

    def show_step(self, number: int, total: int, text: str) -> None:
        # translators: {number} and {total} are step numbers (Step 2 of 5)
        counter = _("Step {number} of {total}").format(number=number, total=total)
        self.counter.setText(counter)
        self.step_label.setText(text)
        self.step_label.setAccessibleName(counter)
        self.step_label.setAccessibleDescription(text)

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
            self.start_button.setText(_("Start again"))
        elif countdown.elapsed() > 0:
            self.start_button.setText(_("Continue"))
        else:
            self.start_button.setText(_("Start timer"))
        # Start and Pause share one place: only the one that makes sense now is shown.
        self.start_button.setVisible(not countdown.running)
        self.pause_button.setVisible(countdown.running)
        self.reset_button.setEnabled(countdown.elapsed() > 0 or countdown.done)
        if not countdown.done:
            self.times_up_label.hide()

    def _times_up(self) -> None:
        self.times_up_label.show()
        self._show_time(0.0)
        announce(self.times_up_label, self.times_up_label.text())

    def stop(self) -> None:
        if self.countdown is not None:
            self.countdown.stop()


class TryStrategyDialog(QDialog):
    """Try a strategy: its steps one at a time in large type, a countdown when it has a time,
    then "Did it help?" (0-4), a note and an incident, all optional except the rating.

    ``incidents`` (optional) offers recent incidents to link the rating to; ``incident_id``
    preselects one (e.g. when the try was suggested after saving that incident). ``clock``
    is the countdown's time source (seconds; tests pass a fake one). ``recorded`` holds the
    stored :class:`StrategyUse` after "Save rating". The pages are ``steps``
    (:class:`StepsPage`) and ``rating_page`` (:class:`RatingPage`).
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
        # Built-in text in the language in force; the dialog only records a use of it.
        strategy = localized_strategy(strategy)
        self.setObjectName("tryStrategyDialog")
        # translators: a window title; {title} is a strategy's title
        self.setWindowTitle(_("Try: {title}").format(title=strategy.title))
        self.strategy = strategy
        self._strategies = strategies
        self.recorded: StrategyUse | None = None
        self._steps = list(strategy.steps) or [
            strategy.summary or _("Take your time with this one, in your own way.")
        ]
        self._step = 0

        self.steps = StepsPage(strategy, clock)
        self.rating_page = RatingPage(incidents, incident_id, question_points=STEP_POINT_SIZE)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.steps)
        self.pages.addWidget(self.rating_page)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 22, 28, 18)
        layout.setSpacing(14)
        layout.addLayout(self._build_header(strategy))
        layout.addWidget(self.pages, 1)
        layout.addLayout(self._build_footer())
        self.rating_page.rating_chosen.connect(lambda: self.save_button.setEnabled(True))
        # The large step, the clock and the headings grow with the application font too.
        self.fonts = FontFollower(self)
        self.fonts.keep(
            self.heading,
            self.steps.step_label,
            self.steps.time_label,
            self.rating_page.question,
        )
        self.resize(600, 520)
        self.show_step(0)

    def _build_header(self, strategy: Strategy) -> QHBoxLayout:
        """Which strategy, and the way to support at any moment."""
        self.heading = plain_label(strategy.title, name="tryHeading")
        self.heading.setFont(scaled_font(self.heading, factor=1.15, bold=True))
        # Spelled out here: some steps send the person to the crisis lines ("Support
        # resources"), and this is the way there without leaving the steps.
        self.support_button = QPushButton(_("Support and crisis lines"))
        self.support_button.setObjectName("trySupportButton")
        self.support_button.setAutoDefault(False)
        self.support_button.setToolTip(_("Support and crisis resources, one click away"))
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
        return header

    def _build_footer(self) -> QHBoxLayout:
        """Back / Next while stepping, Skip / Save rating at the end."""
        self.back_button = QPushButton(_("← &Back"))
        self.back_button.setObjectName("backButton")
        self.back_button.setAutoDefault(False)
        self.next_button = QPushButton(_("&Next →"))
        self.next_button.setObjectName("nextButton")
        self.next_button.setDefault(True)
        self.skip_button = QPushButton(_("S&kip"))
        self.skip_button.setObjectName("skipButton")
        self.skip_button.setAutoDefault(False)
        self.skip_button.setToolTip(_("Close without rating"))
        self.save_button = QPushButton(_("&Save rating"))
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
        return footer

    def _show_buttons(self, *, stepping: bool) -> None:
        self.back_button.setVisible(True)
        self.next_button.setVisible(stepping)
        self.skip_button.setVisible(not stepping)
        self.save_button.setVisible(not stepping)

    # -- stepping --------------------------------------------------------------------------------

    def show_step(self, index: int) -> None:
        self._step = min(max(index, 0), len(self._steps) - 1)
        self.pages.setCurrentIndex(self.STEPS_PAGE)
        total = len(self._steps)
        text = self._steps[self._step]
        self.steps.show_step(self._step + 1, total, text)
        last = self._step == total - 1
        self.next_button.setText(_("&Finish") if last else _("&Next →"))
        self.next_button.setToolTip(_("Then say whether it helped") if last else "")
        self.back_button.setEnabled(self._step > 0)
        self._show_buttons(stepping=True)
        self.next_button.setDefault(True)
        if self.isVisible():  # the focus stays on Back or Next: say what the new step is
            announce(
                self.steps.step_label,
                # translators: {number} and {total} are step numbers, {text} the step's text
                _("Step {number} of {total}: {text}").format(
                    number=self._step + 1, total=total, text=text
                ),
            )

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

    # -- rating ----------------------------------------------------------------------------------

    def show_rating(self) -> None:
        self.pages.setCurrentIndex(self.RATING_PAGE)
        self._show_buttons(stepping=False)
        self.back_button.setEnabled(True)
        self.save_button.setEnabled(self.rating() is not None)
        self.save_button.setDefault(True)
        self.rating_page.focus_rating()

    def rating(self) -> int | None:
        return self.rating_page.rating()

    def set_rating(self, value: int) -> None:
        self.rating_page.set_rating(value)

    def incident_id(self) -> int | None:
        return self.rating_page.incident_id()

    def save_rating(self) -> None:
        page = self.rating_page
        if self.rating() is None:
            page.show_error(_("Choose how much it helped, or press Skip."))
            return
        try:
            self.recorded = self._strategies.record_use(page.use(self.strategy.id or 0))
        except ValidationError as exc:
            page.show_error(exc.message)
            return
        except VaultError as exc:  # RecordNotFound included
            page.show_error(exc.user_message)
            return
        self.accept()

    def skip(self) -> None:
        self.reject()

    # -- closing ---------------------------------------------------------------------------------

    def done(self, result: int) -> None:
        self.steps.stop()
        super().done(result)
        wipe(self, _("Try a strategy"))
