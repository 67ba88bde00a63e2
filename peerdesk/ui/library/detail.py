"""The detail pane of the library: the chosen strategy's title, what it is, when it helps, its
numbered steps, its actions, and the personal note saved as you type.

The pane owns the note (it is saved :data:`NOTE_SAVE_MS` after the last keystroke, when
another strategy is shown, and when the screen asks); the screen connects the action buttons.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from peerdesk.i18n import _
from peerdesk.models.enums import StrategySource
from peerdesk.models.errors import ValidationError
from peerdesk.models.strategy import Strategy
from peerdesk.storage.errors import RecordNotFound, VaultError
from peerdesk.ui.common.flow import FlowLayout
from peerdesk.ui.common.session import VaultSession
from peerdesk.ui.library.widgets import ErrorLabel, discard, minutes_text, muted, plain_label

__all__ = ["DETAIL_MIN_WIDTH", "NOTE_SAVE_MS", "StrategyDetail"]

#: The detail pane's least width: its text wraps and its buttons reflow within it.
DETAIL_MIN_WIDTH = 220

#: The personal note is saved this long after the last keystroke (and when leaving it).
NOTE_SAVE_MS = 800


def meta_text(strategy: Strategy) -> str:
    """ "★ Favourite · Calm the body · about 5 minutes · Built-in" and the like."""
    meta = [strategy.category.label]
    if strategy.minutes:
        meta.append(minutes_text(strategy.minutes))
    meta.append(_("Built-in") if strategy.source is StrategySource.BUILTIN else _("My own"))
    if strategy.favourite:
        meta.insert(0, _("★ Favourite"))
    if strategy.hidden:
        meta.insert(0, _("Hidden"))
    return " · ".join(meta)


def narrowable(label: QLabel) -> QLabel:
    """A wrapped label that lets the pane be narrower than its longest line (it wraps instead):
    a word-wrapped QLabel otherwise asks for a width near its text's, which cuts the pane when
    the words are longer (another language, a large font)."""
    label.setMinimumWidth(NARROWEST)
    return label


#: The least width a wrapped label of the detail asks for (about 12 average characters).
NARROWEST = 120


class StrategyDetail(QScrollArea):
    """The chosen strategy, or a placeholder when there is none (:meth:`show_strategy`)."""

    def __init__(self, session: VaultSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._note_id: int | None = None
        self._loading_note = False
        self._note_dirty = False
        self.setObjectName("detailScroll")
        self.page = QWidget()
        self.page.setObjectName("strategyDetail")
        box = QVBoxLayout(self.page)
        box.setContentsMargins(16, 6, 12, 12)
        box.setSpacing(8)

        self.detail_placeholder = muted(
            plain_label(_("Choose a strategy to see its steps."), name="detailPlaceholder")
        )
        self.detail_title = plain_label(name="detailTitle")
        self._scaled: list[tuple[QWidget, float, bool]] = []  # fonts kept relative
        self._relative_font(self.detail_title, factor=1.35, bold=True)
        self.detail_title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail_meta = muted(plain_label(name="detailMeta"))

        self.summary_label = plain_label(name="detailSummary")
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.when_heading = self._heading(_("When it helps"))
        self.when_label = plain_label(name="detailWhen")
        self.when_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        for label in (self.detail_title, self.detail_meta, self.summary_label, self.when_label):
            narrowable(label)
        self.steps_heading = self._heading(_("Steps"))
        self.steps_box = QWidget()
        self.steps_box.setObjectName("detailSteps")
        self.steps_layout = QVBoxLayout(self.steps_box)
        self.steps_layout.setContentsMargins(0, 0, 0, 0)
        self.steps_layout.setSpacing(6)

        #: What only shows when the strategy has it (hidden while no strategy is shown).
        self._sections: tuple[QWidget, ...] = (
            self.summary_label,
            self.when_heading,
            self.when_label,
            self.steps_heading,
            self.steps_box,
        )
        for widget in (
            self.detail_placeholder,
            self.detail_title,
            self.detail_meta,
            self._build_actions(),
            *self._sections,
            *self._build_note(),
        ):
            box.addWidget(widget)
        box.addStretch(1)

        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWidget(self.page)
        self.setMinimumWidth(DETAIL_MIN_WIDTH)

        self._note_timer = QTimer(self)
        self._note_timer.setSingleShot(True)
        self._note_timer.setInterval(NOTE_SAVE_MS)
        self._note_timer.timeout.connect(self.save_note)

    def _build_actions(self) -> QWidget:
        self.try_button = QPushButton(_("Try it"))
        self.try_button.setObjectName("tryButton")
        self.try_button.setToolTip(_("Go through the steps one at a time"))
        self._relative_font(self.try_button, bold=True)
        self.favourite_button = QPushButton()
        self.favourite_button.setObjectName("favouriteButton")
        self.hide_button = QPushButton()
        self.hide_button.setObjectName("hideButton")
        self.edit_button = QPushButton(_("Edit…"))
        self.edit_button.setObjectName("editButton")
        self.delete_button = QPushButton(_("Delete…"))
        self.delete_button.setObjectName("deleteButton")
        # The buttons wrap onto more lines when the pane is narrow (large text, a small window).
        self.action_bar = QWidget()
        flow = FlowLayout(self.action_bar)
        for button in (
            self.try_button,
            self.favourite_button,
            self.hide_button,
            self.edit_button,
            self.delete_button,
        ):
            flow.addWidget(button)
        return self.action_bar

    def _build_note(self) -> tuple[QWidget, ...]:
        self.note_heading = self._heading(_("My note"))
        self.note_edit = QPlainTextEdit()
        self.note_edit.setObjectName("personalNote")
        self.note_edit.setAccessibleName(_("My note"))
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setPlaceholderText(
            _(
                "Your own words about this one — what works for you, what you would change. "
                "Only you can see it; it is saved as you type."
            )
        )
        self.note_edit.setMinimumHeight(self.fontMetrics().lineSpacing() * 4 + 14)
        self.note_edit.setMaximumHeight(self.fontMetrics().lineSpacing() * 8 + 14)
        self.note_edit.textChanged.connect(self._note_changed)
        self.note_status = muted(plain_label(name="noteStatus"))
        self.note_error = ErrorLabel()
        self.note_error.setObjectName("noteError")
        return self.note_heading, self.note_edit, self.note_error, self.note_status

    def _font(self, *, factor: float = 1.0, bold: bool = False) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * factor)
        font.setBold(bold)
        return font

    def _relative_font(self, widget: QWidget, *, factor: float = 1.0, bold: bool = False) -> None:
        """Give ``widget`` a font ``factor`` times the pane's, kept so when the application
        font changes (150 % text makes the title and headings bigger too)."""
        self._scaled.append((widget, factor, bold))
        widget.setFont(self._font(factor=factor, bold=bold))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            for widget, factor, bold in self._scaled:
                widget.setFont(self._font(factor=factor, bold=bold))
            bold_font = self._font(bold=True)
            for figure in self.steps_box.findChildren(QLabel, "stepNumber"):
                figure.setFont(bold_font)
                figure.setFixedWidth(figure.fontMetrics().horizontalAdvance("00.") + 2)

    def _heading(self, text: str) -> QLabel:
        label = plain_label(text)
        self._relative_font(label, factor=1.05, bold=True)
        label.setContentsMargins(0, 6, 0, 0)
        return label

    # -- showing -----------------------------------------------------------------------------------

    def show_strategy(self, strategy: Strategy | None) -> None:
        """Fill the pane. The note is reloaded only when another strategy is shown, so that
        saving it (which reports a change) never moves the cursor."""
        new_id = strategy.id if strategy is not None else None
        if new_id != self._note_id:
            self.save_note()
        has = strategy is not None
        self.detail_placeholder.setVisible(not has)
        for widget in (
            self.detail_title,
            self.detail_meta,
            self.action_bar,
            self.note_heading,
            self.note_edit,
            self.note_status,
        ):
            widget.setVisible(has)
        if strategy is None:
            self._show_nothing()
            return

        self.detail_title.setText(strategy.title)
        self.detail_meta.setText(meta_text(strategy))
        self.summary_label.setText(strategy.summary)
        self.summary_label.setVisible(bool(strategy.summary))
        self.when_label.setText(strategy.when_it_helps)
        self.when_heading.setVisible(bool(strategy.when_it_helps))
        self.when_label.setVisible(bool(strategy.when_it_helps))
        self._set_steps(strategy.steps)
        self.steps_heading.setVisible(bool(strategy.steps))
        self.steps_box.setVisible(bool(strategy.steps))

        self.try_button.setEnabled(True)
        self.favourite_button.setText(
            _("★ In favourites") if strategy.favourite else _("☆ Add to favourites")
        )
        self.favourite_button.setToolTip(
            (
                _("Remove from your favourites")
                if strategy.favourite
                else _("Keep it under Favourites")
            )
            + " (Ctrl+D)"  # i18n: keep — a key sequence
        )
        self.hide_button.setText(_("Show again") if strategy.hidden else _("Hide"))
        self.hide_button.setToolTip(
            _("Put it back in the library")
            if strategy.hidden
            else _("Hide it if it doesn't help you; it waits under “Hidden”.")
        )
        own = strategy.source is StrategySource.OWN
        self.edit_button.setVisible(own)
        self.delete_button.setVisible(own)
        if new_id != self._note_id:
            self._load_note(strategy)

    def _show_nothing(self) -> None:
        self.detail_title.clear()
        self.detail_meta.clear()
        self.summary_label.clear()
        self.when_label.clear()
        for widget in self._sections:
            widget.hide()
        self._set_steps([])
        self._load_note(None)
        self.try_button.setEnabled(False)
        self.favourite_button.setText(_("Add to favourites"))
        self.hide_button.setText(_("Hide"))

    def _set_steps(self, steps: Sequence[str]) -> None:
        while self.steps_layout.count():
            item = self.steps_layout.takeAt(0)
            discard(item.widget() if item is not None else None)
        bold = self._font(bold=True)
        for number, step in enumerate(steps, start=1):
            row = QWidget(self.steps_box)
            row_layout = QHBoxLayout(row)
            row_layout.setContentsMargins(0, 0, 0, 0)
            row_layout.setSpacing(8)
            figure = plain_label(f"{number}.", wrap=False, name="stepNumber")
            figure.setFont(bold)
            figure.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            figure.setFixedWidth(figure.fontMetrics().horizontalAdvance("00.") + 2)
            text = narrowable(plain_label(step))
            text.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            row_layout.addWidget(figure, 0, Qt.AlignmentFlag.AlignTop)
            row_layout.addWidget(text, 1)
            self.steps_layout.addWidget(row)
            row.show()

    # -- the personal note -------------------------------------------------------------------------

    def _load_note(self, strategy: Strategy | None) -> None:
        self._note_timer.stop()
        self._note_dirty = False
        self._loading_note = True
        try:
            self._note_id = strategy.id if strategy is not None else None
            self.note_edit.setPlainText(strategy.personal_note if strategy is not None else "")
        finally:
            self._loading_note = False
        self.note_status.clear()
        self.note_error.clear_error()

    def _note_changed(self) -> None:
        if self._loading_note or self._note_id is None:
            return
        self._note_dirty = True
        self.note_status.clear()
        self._note_timer.start()

    def save_note(self) -> bool:
        """Save the personal note now if it has unsaved typing; True when it was saved."""
        self._note_timer.stop()
        if not self._note_dirty or self._note_id is None or not self._session.is_open:
            return False
        self._note_dirty = False
        try:
            self._session.repos.strategies.set_personal_note(
                self._note_id, self.note_edit.toPlainText()
            )
        except RecordNotFound:
            return False
        except (ValidationError, VaultError):
            self._note_dirty = True
            self.note_error.show_error(
                _("Your note could not be saved. Please try again."), self.note_edit
            )
            return False
        self.note_error.clear_error()
        self.note_status.setText(_("Note saved"))
        return True

    def stop(self) -> None:
        """The vault is closing: stop the note timer (save first)."""
        self._note_timer.stop()
