""" "Did it help?": one card per point of the 0-4 scale (:class:`RatingChoice`) and the rating
page of the try view (:class:`RatingPage`: the rating, a note and an incident, all optional
except the rating)."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import (
    QPoint,
    QRect,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from peerdesk.i18n import _
from peerdesk.models.dates import short_date
from peerdesk.models.strategy import StrategyUse
from peerdesk.storage.errors import VaultError
from peerdesk.storage.incidents import IncidentRepository
from peerdesk.storage.repository import Page
from peerdesk.ui.common.theme import accent_style, blend_colours, is_dark
from peerdesk.ui.library.widgets import (
    RATING_WORDS,
    ErrorLabel,
    muted,
    plain_label,
    scaled_font,
)

__all__ = ["RECENT_INCIDENTS", "RatingChoice", "RatingPage"]

#: How many recent incidents the try view offers to link a rating to.
RECENT_INCIDENTS = 50


class RatingChoice(QRadioButton):
    """One point of the "Did it help?" scale: a card with the number and its word.

    A radio button drawn as a card: the five are one Tab stop (Qt stops on the chosen one),
    the arrow keys move between them and choose, and a screen reader hears "radio button".

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
        # translators: a rating button; {word} is e.g. "Somewhat", {value} a number from 0 to 4
        self.setAccessibleName(_("{word} ({value} of 4)").format(word=word, value=value))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAttribute(Qt.WidgetAttribute.WA_Hover)

    def _fonts(self) -> tuple[QFont, QFont]:
        number = scaled_font(self, factor=1.6, bold=True)
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

    def hitButton(self, pos: QPoint) -> bool:
        return self.rect().contains(pos)  # the whole card, not only a radio indicator

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
            # The theme's field edge (3:1 on the window and the fields), darker under the mouse.
            edge = QColor(accent_style(is_dark(palette))["edge"])
            border = blend_colours(base, text, 0.75) if hovered else edge
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


class RatingPage(QWidget):
    """The rating page of the try view: "Did it help?" (0-4), a note and an incident.

    ``incidents`` (optional) offers recent incidents to link the rating to; ``incident_id``
    preselects one. ``rating_chosen`` when a point of the scale is chosen.
    """

    rating_chosen = Signal()

    def __init__(
        self,
        incidents: IncidentRepository | None,
        incident_id: int | None,
        parent: QWidget | None = None,
        *,
        question_points: float,
    ) -> None:
        super().__init__(parent)
        question = plain_label(_("Did it help?"), name="ratingQuestion")
        question.setFont(scaled_font(question, points=question_points, bold=True))
        self.question = question
        reassurance = muted(
            plain_label(
                _("However it went is fine. Your answer helps PeerDesk show what works for you.")
            )
        )

        self.rating_group = QButtonGroup(self)
        self.rating_group.setExclusive(True)
        self.rating_buttons: list[RatingChoice] = []
        choices = QHBoxLayout()
        choices.setSpacing(8)
        for value, word in enumerate(_(w) for w in RATING_WORDS):
            button = RatingChoice(value, word)
            button.setObjectName(f"rating{value}")
            self.rating_group.addButton(button, value)
            self.rating_buttons.append(button)
            choices.addWidget(button)
        self.rating_group.idToggled.connect(self._rating_changed)

        note_label = QLabel(_("&Anything you noticed? (optional)"))
        self.note_edit = QPlainTextEdit()
        self.note_edit.setObjectName("ratingNote")
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setPlaceholderText(
            _("For example: it helped after the meeting, not so much at my desk.")
        )
        self.note_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 14)
        note_label.setBuddy(self.note_edit)

        self.incident_label = QLabel(_("&After which incident? (optional)"))
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

        layout = QVBoxLayout(self)
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

    def _fill_incidents(
        self, incidents: IncidentRepository | None, incident_id: int | None
    ) -> None:
        self.incident_combo.addItem(_("No incident"), None)
        summaries = []
        if incidents is not None:
            try:
                summaries = incidents.list(page=Page(0, RECENT_INCIDENTS))
                if incident_id is not None and all(s.id != incident_id for s in summaries):
                    summaries.insert(0, incidents.summary(incident_id))
            except VaultError:
                summaries = []
        for summary in summaries:
            self.incident_combo.addItem(
                f"{short_date(summary.event_date)} — {summary.title}", summary.id
            )
        has_any = bool(summaries)
        self.incident_label.setVisible(has_any)
        self.incident_combo.setVisible(has_any)
        if incident_id is not None:
            self.incident_combo.setCurrentIndex(max(self.incident_combo.findData(incident_id), 0))

    def _rating_changed(self, _id: int, checked: bool) -> None:
        if checked:
            self.rating_error.clear_error()
            self.rating_chosen.emit()

    def show_error(self, text: str) -> None:
        """An error about the rating: shown under the scale, tied to it, announced."""
        checked = self.rating_group.checkedButton()
        self.rating_error.show_error(text, checked or self.rating_buttons[0])

    def focus_rating(self) -> None:
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

    def use(self, strategy_id: int) -> StrategyUse:
        """The "did it help?" answer as given (``rating`` must be chosen)."""
        rating = self.rating()
        assert rating is not None
        return StrategyUse(
            strategy_id=strategy_id,
            used_at=datetime.now(UTC),
            rating=rating,
            note=self.note_edit.toPlainText(),
            incident_id=self.incident_id(),
        )
