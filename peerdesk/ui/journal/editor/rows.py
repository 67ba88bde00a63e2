"""Repeated groups of the editor: one card per quote, witness, person told, report or piece of
evidence not held (:class:`RowCard` and its kinds), stacked in a :class:`RowList`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from peerdesk.i18n import N_, _
from peerdesk.models.enums import ReportRecipient
from peerdesk.models.incident_parts import EvidenceNotHeld, Quote, ReportMade, ToldSomeone, Witness
from peerdesk.models.person import Person
from peerdesk.ui.common.accessibility import set_name
from peerdesk.ui.common.date_field import OptionalDate
from peerdesk.ui.journal.editor.fields import MutedLabel, line, text_edit, watch
from peerdesk.ui.journal.editor.people import PersonCombo


class RowCard(QFrame):
    """One item of a repeated group (a quote, a witness, ...) with its own Remove button."""

    remove_requested = Signal(object)
    #: What one card is called when a screen reader names its fields ("Quote 2: Words said").
    KIND = N_("Item")
    KIND_LOWER = N_("item")

    def __init__(self, remove_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rowCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 10, 12, 10)
        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        outer.addLayout(self.form)
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.hide()
        outer.addWidget(self.error)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        self.remove_button = QPushButton(remove_text)
        self.remove_button.clicked.connect(lambda: self.remove_requested.emit(self))
        bottom.addWidget(self.remove_button)
        outer.addLayout(bottom)
        self.fields: dict[str, QWidget] = {}
        self.labels: dict[str, str] = {}

    def add(self, key: str, label: str, widget: QWidget) -> None:
        self.fields[key] = widget
        self.labels[key] = label
        self.form.addRow(label, widget)
        self.number(1)

    def number(self, position: int) -> None:
        """Name the fields with this card's place in its group: several cards have the same
        visible labels, and a screen reader would not say which card a field is in."""
        # translators: names one card of a repeated group for a screen reader ("Quote 2");
        # {kind} is the card's kind (Quote, Witness, Report...), {number} its place
        where = _("{kind} {number}").format(kind=_(self.KIND), number=position)
        for key, widget in self.fields.items():
            target = widget.edit if isinstance(widget, OptionalDate) else widget
            # translators: a field's name for a screen reader ("Quote 2: Words said")
            set_name(target, _("{card}: {label}").format(card=where, label=self.labels[key]))
            if isinstance(widget, OptionalDate):
                set_name(
                    widget.check, _("{card}: {label}").format(card=where, label=widget.check.text())
                )
        # translators: a Remove button's name for a screen reader ("Remove quote 2"); {kind} is
        # the card's kind in the middle of a sentence (quote, witness, report...)
        removal = _("Remove {kind} {number}").format(kind=_(self.KIND_LOWER), number=position)
        set_name(self.remove_button, removal)

    def set_people(self, people: list[Person]) -> None:
        for widget in self.fields.values():
            if isinstance(widget, PersonCombo):
                widget.set_people(people)

    def value(self) -> Any:
        """The part this card shows (each kind returns its own part type)."""
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        raise NotImplementedError


class QuoteRow(RowCard):
    KIND = N_("Quote")
    KIND_LOWER = N_("quote")

    def __init__(self, people: list[Person]) -> None:
        super().__init__(_("Remove this quote"))
        self.speaker = PersonCombo(_("Someone else (describe below)"))
        self.speaker.set_people(people)
        self.speaker_label = line(_("e.g. “a man from Finance”, or leave empty"))
        self.text = text_edit(_("The words, exactly as you remember them"), 70)
        self.add("speaker_person_id", _("Who said it"), self.speaker)
        self.add("speaker_label", _("Or describe them"), self.speaker_label)
        self.add("text", _("Words said"), self.text)

    def value(self) -> Quote:
        return Quote(
            speaker_person_id=self.speaker.person_id(),
            speaker_label=self.speaker_label.text(),
            text=self.text.toPlainText(),
        )

    def set_value(self, value: Quote) -> None:
        self.speaker.set_person_id(value.speaker_person_id)
        self.speaker_label.setText(value.speaker_label)
        self.text.setPlainText(value.text)


_CONFIRM_CHOICES: tuple[tuple[str, bool | None], ...] = (
    (N_("Not asked / don't know"), None),
    (N_("Yes"), True),
    (N_("No"), False),
)


class WitnessRow(RowCard):
    KIND = N_("Witness")
    KIND_LOWER = N_("witness")

    def __init__(self, people: list[Person]) -> None:
        super().__init__(_("Remove this witness"))
        self.person = PersonCombo(_("Not in my list (name below)"))
        self.person.set_people(people)
        self.name = line(_("Name or initials, e.g. “K. O.”"))
        self.where = line(_("e.g. at the next desk, on the call"))
        self.reacted = line(_("e.g. looked away, came over afterwards"))
        self.willing = QComboBox()
        for text, value in _CONFIRM_CHOICES:
            self.willing.addItem(_(text), value)
        self.add("person_id", _("Person"), self.person)
        self.add("name", _("Or their name"), self.name)
        self.add("where", _("Where they were"), self.where)
        self.add("reacted", _("How they reacted"), self.reacted)
        self.add("willing_to_confirm", _("Would confirm it"), self.willing)

    def value(self) -> Witness:
        return Witness(
            person_id=self.person.person_id(),
            name=self.name.text(),
            where=self.where.text(),
            reacted=self.reacted.text(),
            willing_to_confirm=self.willing.currentData(),
        )

    def set_value(self, value: Witness) -> None:
        self.person.set_person_id(value.person_id)
        self.name.setText(value.name)
        self.where.setText(value.where)
        self.reacted.setText(value.reacted)
        for index, (_text, choice) in enumerate(_CONFIRM_CHOICES):
            if choice is value.willing_to_confirm:
                self.willing.setCurrentIndex(index)


class ToldRow(RowCard):
    KIND = N_("Person told")
    KIND_LOWER = N_("person told")

    def __init__(self, _people: list[Person]) -> None:
        # translators: button that removes this card from the entry
        super().__init__(_("Remove"))
        self.who = line(_("e.g. my partner, a colleague (initials are fine)"))
        self.when = OptionalDate(_("I know when"))
        self.how = line(_("e.g. in person, by text message"))
        # translators: field labels of a person the user told about the incident
        self.add("who", _("Who"), self.who)
        self.add("when", _("When"), self.when)
        self.add("how", _("How"), self.how)

    def value(self) -> ToldSomeone:
        return ToldSomeone(who=self.who.text(), when=self.when.value(), how=self.how.text())

    def set_value(self, value: ToldSomeone) -> None:
        self.who.setText(value.who)
        self.when.set_value(value.when)
        self.how.setText(value.how)


class ReportRow(RowCard):
    KIND = N_("Report")
    KIND_LOWER = N_("report")

    def __init__(self, _people: list[Person]) -> None:
        super().__init__(_("Remove this report"))
        self.recipient = QComboBox()
        for recipient in ReportRecipient:
            self.recipient.addItem(recipient.label, recipient.value)
        self.detail = line(_("e.g. HR business partner, my line manager's manager"))
        self.reported_on = OptionalDate(_("I know the date"))
        self.reference = line(_("e.g. a case number, if you were given one"))
        self.outcome = text_edit(_("What they said or did about it, so far"), 60)
        self.add("recipient", _("Reported to"), self.recipient)
        self.add("recipient_detail", _("Who exactly"), self.detail)
        # translators: field label, the date the incident was reported
        self.add("reported_on", _("Date"), self.reported_on)
        # translators: field label, a case number given by whoever received the report
        self.add("reference", _("Reference"), self.reference)
        self.add("outcome", _("Response or outcome"), self.outcome)

    def value(self) -> ReportMade:
        return ReportMade(
            recipient=ReportRecipient(self.recipient.currentData()),
            recipient_detail=self.detail.text(),
            reported_on=self.reported_on.value(),
            reference=self.reference.text(),
            outcome=self.outcome.toPlainText(),
        )

    def set_value(self, value: ReportMade) -> None:
        self.recipient.setCurrentIndex(max(0, self.recipient.findData(value.recipient.value)))
        self.detail.setText(value.recipient_detail)
        self.reported_on.set_value(value.reported_on)
        self.reference.setText(value.reference)
        self.outcome.setPlainText(value.outcome)


class EvidenceRow(RowCard):
    KIND = N_("Evidence")
    KIND_LOWER = N_("evidence")

    def __init__(self, _people: list[Person]) -> None:
        # translators: button that removes this card from the entry
        super().__init__(_("Remove"))
        self.what = line(_("e.g. the meeting recording, CCTV, a chat in a group I left"))
        self.where = line(_("e.g. Teams, the security office"))
        self.held_by = line(_("e.g. IT department, the meeting organiser"))
        self.add("what", _("What it is"), self.what)
        self.add("where", _("Where it is"), self.where)
        self.add("held_by", _("Who holds it"), self.held_by)

    def value(self) -> EvidenceNotHeld:
        return EvidenceNotHeld(
            what=self.what.text(), where=self.where.text(), held_by=self.held_by.text()
        )

    def set_value(self, value: EvidenceNotHeld) -> None:
        self.what.setText(value.what)
        self.where.setText(value.where)
        self.held_by.setText(value.held_by)


class RowList(QWidget):
    """A repeated group: cards stacked vertically and an Add button below them."""

    changed = Signal()

    def __init__(
        self,
        row_type: Callable[[list[Person]], RowCard],
        add_text: str,
        empty_text: str,
        people: Callable[[], list[Person]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._row_type = row_type
        self._people = people
        self.rows: list[RowCard] = []
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.empty = MutedLabel(empty_text)
        self._layout.addWidget(self.empty)
        self.add_button = QPushButton(add_text)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addStretch(1)
        self._layout.addLayout(row)
        self.add_button.clicked.connect(lambda: self.add_row(focus=True))

    def add_row(self, value: Any = None, *, focus: bool = False) -> RowCard:
        row = self._row_type(self._people())
        if value is not None:
            row.set_value(value)
        row.remove_requested.connect(self.remove_row)
        before = self._focusable_before()  # where this group is in the window's Tab order
        self._layout.insertWidget(len(self.rows) + 1, row)
        self.rows.append(row)
        row.show()  # now, not on the next turn of the event loop: the focus can go into it
        self._number()
        self._order_tabs(before)
        watch(row, self.changed.emit)
        self.empty.setVisible(False)
        if focus:
            first = next(iter(row.fields.values()))
            first.setFocus()
            QTimer.singleShot(0, lambda: self._scroll_to(row))
        self.changed.emit()
        return row

    def _number(self) -> None:
        for position, card in enumerate(self.rows, start=1):
            card.number(position)

    def _focusable_before(self) -> QWidget | None:
        """The last widget Tab stops at before this group (setTabOrder ignores the others)."""
        widget = self.previousInFocusChain()
        for _step in range(2000):
            if widget is None or widget is self:
                return None
            if not self.isAncestorOf(widget) and widget.focusPolicy() != Qt.FocusPolicy.NoFocus:
                return widget
            widget = widget.previousInFocusChain()
        return None

    def _order_tabs(self, before: QWidget | None) -> None:
        """Tab goes through each card's fields, then its Remove button, card after card, then
        Add (a card added later would otherwise come last in the window, after Save)."""
        if before is None:
            return
        anchor = before
        stops: list[QWidget] = []
        for row in self.rows:
            for widget in row.fields.values():
                stops += (
                    [widget.check, widget.edit] if isinstance(widget, OptionalDate) else [widget]
                )
            stops.append(row.remove_button)
        for widget in [*stops, self.add_button]:
            QWidget.setTabOrder(anchor, widget)
            anchor = widget

    def _scroll_to(self, row: QWidget) -> None:
        """Bring a new card into view once the layout has made room for it."""
        if row not in self.rows:
            return
        parent = self.parentWidget()
        while parent is not None and not isinstance(parent, QScrollArea):
            parent = parent.parentWidget()
        if isinstance(parent, QScrollArea):
            parent.ensureWidgetVisible(row)

    def remove_row(self, row: RowCard) -> None:
        if row in self.rows:
            self.rows.remove(row)
            row.hide()
            row.deleteLater()
            self._number()
        self.empty.setVisible(not self.rows)
        self.changed.emit()

    def values(self) -> list[Any]:
        return [row.value() for row in self.rows]

    def set_values(self, values: list[Any]) -> None:
        for row in list(self.rows):
            self.remove_row(row)
        for value in values:
            self.add_row(value)

    def set_people(self, people: list[Person]) -> None:
        for row in self.rows:
            row.set_people(people)

    def clear_rows(self) -> None:
        for row in list(self.rows):
            self.remove_row(row)
