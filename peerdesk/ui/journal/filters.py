"""The journal's filter bar: search (run a moment after the last keystroke), dates, severity,
reported or not, person, category, tag and "Show withdrawn"; it turns them into an
:class:`IncidentFilter`."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtCore import QDate, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from peerdesk.i18n import _, pgettext
from peerdesk.models import IncidentCategory
from peerdesk.storage.incidents import IncidentFilter
from peerdesk.ui.common.accessibility import set_name
from peerdesk.ui.common.date_field import date_edit, from_qdate
from peerdesk.ui.common.session import VaultSession

#: Search is run this long after the last keystroke (Enter runs it at once). A search takes
#: 6 ms at 10,000 entries and about 50 ms at 50,000 (``make bench``), so the wait is what the
#: user feels: 150 ms plus the search stays near the 0.1–0.2 s that reads as immediate, and
#: still skips the searches in between the keys of someone typing quickly (about 150 ms apart
#: at 80 words a minute).
SEARCH_DEBOUNCE_MS = 150
#: A QDateEdit showing this date means "any date" (shown as "Any").
ANY_DATE = QDate(1900, 1, 1)


def any_date_edit(name: str) -> QDateEdit:
    """A date box that starts at "Any"."""
    edit = date_edit(name)
    edit.setMinimumDate(ANY_DATE)
    # translators: shown in an empty date filter: any date
    edit.setSpecialValueText(_("Any"))
    edit.setDate(ANY_DATE)
    return edit


def date_of(edit: QDateEdit) -> date | None:
    value = edit.date()
    return None if value == ANY_DATE else from_qdate(value)


def _labelled(text: str, widget: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(widget)
    label.setMinimumWidth(label.sizeHint().width() + 2)
    return label


class JournalFilters:
    """Builds the filter rows (``layout``, to add to the screen) and calls ``apply`` when a
    choice changes (typing: after :data:`SEARCH_DEBOUNCE_MS`)."""

    def __init__(self, session: VaultSession, owner: QWidget, apply: Callable[[], None]) -> None:
        self._session = session
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("journalSearch")
        self.search_edit.setPlaceholderText(_("Search every word in the journal"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setAccessibleName(_("Search the journal"))
        self.search_timer = QTimer(owner)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(SEARCH_DEBOUNCE_MS)
        self.search_timer.timeout.connect(apply)
        self.search_edit.textChanged.connect(lambda _t: self.search_timer.start())
        self.search_edit.returnPressed.connect(apply)  # no wait (apply stops the timer)

        self.date_from = any_date_edit("dateFrom")
        self.date_to = any_date_edit("dateTo")
        self.person_combo = QComboBox()
        self.person_combo.setObjectName("personFilter")
        self.category_combo = QComboBox()
        self.category_combo.setObjectName("categoryFilter")
        self.category_combo.addItem(_("All categories"), "")
        for category in IncidentCategory:
            self.category_combo.addItem(category.label, category.value)
        self.severity_min = QSpinBox()
        self.severity_max = QSpinBox()
        for spin, value, name in (
            (self.severity_min, 1, _("Lowest severity")),
            (self.severity_max, 5, _("Highest severity")),
        ):
            spin.setRange(1, 5)
            spin.setValue(value)
            spin.setAccessibleName(name)
        self.reported_combo = QComboBox()
        self.reported_combo.setObjectName("reportedFilter")
        # translators: filter choices: entries reported or not (to a manager, HR...), or any
        self.reported_combo.addItem(_("Any"), None)
        self.reported_combo.addItem(_("Reported"), True)
        self.reported_combo.addItem(_("Not reported"), False)
        self.tag_combo = QComboBox()
        self.tag_combo.setObjectName("tagFilter")
        for widget, name in (
            (self.date_from, _("From date")),
            (self.date_to, _("To date")),
            (self.person_combo, _("Person")),
            (self.category_combo, _("Category")),
            # translators: name of the filter of entries that were reported (to a manager, HR...)
            (self.reported_combo, _("Reported")),
            (self.tag_combo, _("Tag")),
        ):
            set_name(widget, name)  # what the filter is, not only what it shows ("Any")
        self.show_withdrawn = QCheckBox(_("Show &withdrawn"))
        self.show_withdrawn.setObjectName("showWithdrawn")
        self.show_withdrawn.setAccessibleName(_("Show withdrawn entries"))
        self.show_withdrawn.setToolTip(
            _("Also list entries you withdrew as made in error (greyed), so you can restore them.")
        )
        self.clear_button = QPushButton(_("Clear filters"))
        self.fill_people_and_tags()
        self.layout = self._lay_out()
        for widget in (self.date_from, self.date_to):
            widget.dateChanged.connect(apply)
        for spin in (self.severity_min, self.severity_max):
            spin.valueChanged.connect(apply)
        for combo in self.combos():
            combo.currentIndexChanged.connect(apply)
        self.show_withdrawn.toggled.connect(apply)

    def combos(self) -> tuple[QComboBox, ...]:
        return (self.person_combo, self.category_combo, self.reported_combo, self.tag_combo)

    def _lay_out(self) -> QVBoxLayout:
        box = QVBoxLayout()
        box.setSpacing(6)
        first = QHBoxLayout()
        first.addWidget(self.search_edit, 1)
        first.addWidget(self.clear_button)
        second = QHBoxLayout()
        # translators: "From [date] To [date]"; & marks the keyboard shortcut
        second.addWidget(_labelled(_("&From"), self.date_from))
        second.addWidget(self.date_from)
        second.addSpacing(6)
        second.addWidget(_labelled(_("&To"), self.date_to))
        second.addWidget(self.date_to)
        second.addSpacing(12)
        second.addWidget(_labelled(_("Se&verity"), self.severity_min))
        second.addWidget(self.severity_min)
        # translators: between the lowest and the highest severity: "Severity [1] to [5]"
        # translators: between two numbers of a range, "Severity [1] to [5]"
        second.addWidget(QLabel(pgettext("range", "to")))
        second.addWidget(self.severity_max)
        second.addSpacing(12)
        # Every choice has a visible label that is its buddy: on Linux a screen reader names a
        # combo box by its label and reads the current item after it ("Person, Anyone").
        second.addWidget(_labelled(_("Re&ported"), self.reported_combo))
        second.addWidget(self.reported_combo)
        second.addStretch(1)
        third = QHBoxLayout()
        for combo, label in (
            (self.person_combo, _("Pers&on")),
            (self.category_combo, _("Categor&y")),
            (self.tag_combo, _("Ta&g")),
        ):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.setMinimumContentsLength(12)
            third.addWidget(_labelled(label, combo))
            third.addWidget(combo)
            third.addSpacing(6)
        third.addSpacing(12)
        third.addWidget(self.show_withdrawn)
        third.addStretch(1)
        for row in (first, second, third):
            box.addLayout(row)
        return box

    def fill_people_and_tags(self, *, load: bool = True) -> None:
        """(Re)fill the person and tag choices, keeping the current choice when it remains."""
        person = self.person_combo.currentData()
        tag = self.tag_combo.currentData()
        for combo in (self.person_combo, self.tag_combo):
            combo.blockSignals(True)
            combo.clear()
        self.person_combo.addItem(_("Anyone"), None)
        self.tag_combo.addItem(_("Any tag"), None)
        if load and self._session.is_open:
            repos = self._session.repos
            for p in repos.persons.list():
                self.person_combo.addItem(p.display_name, p.id)
            for t in repos.incidents.all_tags():
                self.tag_combo.addItem(t, t)
        for combo, value in ((self.person_combo, person), (self.tag_combo, tag)):
            at = combo.findData(value) if value is not None else 0
            combo.setCurrentIndex(max(0, at))
            combo.blockSignals(False)

    def current(self) -> IncidentFilter:
        person = self.person_combo.currentData()
        category = self.category_combo.currentData()
        tag = self.tag_combo.currentData()
        low, high = self.severity_min.value(), self.severity_max.value()
        return IncidentFilter(
            date_from=date_of(self.date_from),
            date_to=date_of(self.date_to),
            person_ids=frozenset({int(person)}) if person is not None else frozenset(),
            categories=frozenset({IncidentCategory(category)}) if category else frozenset(),
            severity_min=low if low > 1 else None,
            severity_max=high if high < 5 else None,
            reported=self.reported_combo.currentData(),
            tags=frozenset({tag}) if tag else frozenset(),
            text=self.search_edit.text().strip(),
            include_withdrawn=self.show_withdrawn.isChecked(),
        )

    def reset(self) -> None:
        """Every choice back to "any", without a signal (the caller applies once)."""
        widgets: Sequence[QWidget] = (
            self.date_from,
            self.date_to,
            self.severity_min,
            self.severity_max,
            *self.combos(),
            self.search_edit,
            self.show_withdrawn,
        )
        for widget in widgets:
            widget.blockSignals(True)
        self.date_from.setDate(ANY_DATE)
        self.date_to.setDate(ANY_DATE)
        self.severity_min.setValue(1)
        self.severity_max.setValue(5)
        for combo in self.combos():
            combo.setCurrentIndex(0)
        self.search_edit.clear()
        self.show_withdrawn.setChecked(False)
        for widget in widgets:
            widget.blockSignals(False)

    def forget(self) -> None:
        """The vault is closing: stop a pending search, drop the text and the choices."""
        self.search_timer.stop()
        self.search_edit.blockSignals(True)
        self.search_edit.clear()
        self.search_edit.blockSignals(False)
        self.fill_people_and_tags(load=False)
