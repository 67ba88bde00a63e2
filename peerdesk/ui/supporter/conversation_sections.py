"""The sections of the conversation editor, one class each: when and how it was held, its
themes, signposting and referrals, and the follow-up; and a conversation as a draft."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from peerdesk.export.colleague_pdf import referral_text
from peerdesk.i18n import _
from peerdesk.models import (
    DURATION_MAX_MINUTES,
    SHORT_MAX,
    Channel,
    Conversation,
    ConversationTheme,
    FollowUp,
    Referral,
    Resource,
    ResourceKind,
)
from peerdesk.models.builtin_text import localized_resource
from peerdesk.ui.common.accessibility import label_for
from peerdesk.ui.common.date_field import date_edit, from_qdate, to_qdate
from peerdesk.ui.common.flow import FlowLayout
from peerdesk.ui.common.language import qt_locale
from peerdesk.ui.supporter.widgets import DRAFT_VERSION, iso, parse_day

#: The resource combo keeps each entry's kind under this role.
_KIND_ROLE = Qt.ItemDataRole.UserRole + 1
#: A new follow-up is due this long after today.
FOLLOW_UP_AFTER = timedelta(days=14)


class WhenSection(QGridLayout):
    """Date, length and channel."""

    def __init__(self) -> None:
        super().__init__()
        self.held_on_edit = date_edit("heldOn")
        self.held_on_edit.setLocale(qt_locale())
        self.duration_spin = QSpinBox()
        self.duration_spin.setObjectName("duration")
        self.duration_spin.setRange(0, DURATION_MAX_MINUTES)
        self.duration_spin.setSingleStep(5)
        self.duration_spin.setSpecialValueText(_("Not noted"))
        # translators: after a number of minutes in a field (mind the leading space)
        self.duration_spin.setSuffix(_(" min"))
        self.channel_combo = QComboBox()
        self.channel_combo.setObjectName("channel")
        for channel in Channel:
            self.channel_combo.addItem(channel.label, channel.value)
        # One a row, so that the section stays narrow at a 150 % font.
        for i, (label, widget) in enumerate(
            (
                (_("&Date"), self.held_on_edit),
                (_("&Length"), self.duration_spin),
                # translators: how a conversation was held (in person, by phone...)
                (_("&How"), self.channel_combo),
            )
        ):
            caption = QLabel(label)
            label_for(caption, widget)
            self.addWidget(caption, i, 0)
            self.addWidget(widget, i, 1)
        self.setColumnStretch(2, 1)


class ThemesSection(QGroupBox):
    """One check box per theme."""

    def __init__(self) -> None:
        super().__init__(_("Themes"))
        self.setObjectName("themesGroup")
        grid = QGridLayout(self)
        self.checks: dict[ConversationTheme, QCheckBox] = {}
        for i, theme in enumerate(ConversationTheme):
            check = QCheckBox(theme.label)
            check.setObjectName(f"theme_{theme.value}")
            self.checks[theme] = check
            grid.addWidget(check, i // 3, i % 3)

    def chosen(self) -> set[ConversationTheme]:
        return {t for t, check in self.checks.items() if check.isChecked()}

    def set_chosen(self, values: set[str]) -> None:
        for theme, check in self.checks.items():
            check.setChecked(theme.value in values)


class ReferralsSection(QGroupBox):
    """Signposting and referrals: a list, a directory entry or kind with a note to add, and
    "Add a resource…" for an entry the directory does not have yet."""

    changed = Signal()
    add_resource_requested = Signal()

    def __init__(self) -> None:
        super().__init__(_("Signposting and referrals"))
        self.setObjectName("referralsGroup")
        self._names: dict[int, str] = {}
        layout = QVBoxLayout(self)
        self.referral_list = QListWidget()
        self.referral_list.setObjectName("referralList")
        self.referral_list.setMaximumHeight(QFontMetrics(self.font()).lineSpacing() * 4 + 12)
        layout.addWidget(self.referral_list)
        pick = QGridLayout()
        self.resource_combo = QComboBox()
        self.resource_combo.setObjectName("referralResource")
        self.resource_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.resource_combo.setMinimumContentsLength(18)
        self.referral_kind_combo = QComboBox()
        self.referral_kind_combo.setObjectName("referralKind")
        for kind in ResourceKind:
            self.referral_kind_combo.addItem(kind.label, kind.value)
        self.referral_kind_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.referral_kind_combo.setMinimumContentsLength(12)
        self.referral_note_edit = QLineEdit()
        self.referral_note_edit.setObjectName("referralNote")
        self.referral_note_edit.setMaxLength(SHORT_MAX)
        self.referral_note_edit.setPlaceholderText(_("Note, e.g. shared the phone number"))
        self.add_referral_button = QPushButton(_("Add referral"))
        self.add_referral_button.setObjectName("addReferral")
        self.remove_referral_button = QPushButton(_("Remove"))
        self.remove_referral_button.setObjectName("removeReferral")
        self.add_resource_button = QPushButton(_("Add a resource…"))
        self.add_resource_button.setObjectName("addResource")
        # One field a row (the note with its button): the section stays narrow enough for a
        # 150 % font beside the colleague list.
        for row, (text, field) in enumerate(
            ((_("&Resource"), self.resource_combo), (_("&Kind"), self.referral_kind_combo))
        ):
            caption = QLabel(text)
            label_for(caption, field)
            pick.addWidget(caption, row, 0)
            pick.addWidget(field, row, 1, 1, 2)
        pick.addWidget(self.referral_note_edit, 2, 0, 1, 2)
        pick.addWidget(self.add_referral_button, 2, 2)
        pick.setColumnStretch(1, 1)
        layout.addLayout(pick)
        buttons = QWidget()
        flow = FlowLayout(buttons)
        flow.addWidget(self.remove_referral_button)
        flow.addWidget(self.add_resource_button)
        layout.addWidget(buttons)
        self.resource_combo.currentIndexChanged.connect(self._resource_chosen)
        self.add_referral_button.clicked.connect(self.add_referral)
        self.remove_referral_button.clicked.connect(self.remove_referral)
        self.add_resource_button.clicked.connect(self.add_resource_requested)

    def set_resources(self, resources: Sequence[Resource]) -> None:
        """The directory entries a referral can point to (grouped by kind)."""
        # Built-in entries by their names in the language in force (only shown, never saved).
        resources = [localized_resource(r) for r in resources]
        combo = self.resource_combo
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(_("Choose from the directory (optional)"), None)
        for r in sorted(resources, key=lambda r: (r.kind.label, r.name.casefold())):
            if r.id is None:
                continue
            suffix = f", {r.country}" if r.country else ""
            combo.addItem(f"{r.name} ({r.kind.label}{suffix})", r.id)
            combo.setItemData(combo.count() - 1, r.kind.value, _KIND_ROLE)
        index = combo.findData(current) if current is not None else 0
        combo.setCurrentIndex(max(0, index))
        combo.blockSignals(False)
        self._names = {r.id: r.name for r in resources if r.id is not None}

    def clear_resources(self) -> None:
        self.resource_combo.blockSignals(True)
        self.resource_combo.clear()
        self.resource_combo.blockSignals(False)
        self._names = {}

    def select_resource(self, resource_id: int) -> None:
        index = self.resource_combo.findData(resource_id)
        if index >= 0:
            self.resource_combo.setCurrentIndex(index)

    def _resource_chosen(self, index: int) -> None:
        kind = self.resource_combo.itemData(index, _KIND_ROLE)
        if kind:
            self.referral_kind_combo.setCurrentIndex(self.referral_kind_combo.findData(kind))

    def _item(self, referral: Referral) -> QListWidgetItem:
        item = QListWidgetItem(referral_text(referral, self._names))
        item.setData(Qt.ItemDataRole.UserRole, referral)
        return item

    def add_referral(self) -> None:
        resource_id = self.resource_combo.currentData()
        referral = Referral(
            resource_id=resource_id if isinstance(resource_id, int) else None,
            kind=ResourceKind(self.referral_kind_combo.currentData()),
            note=self.referral_note_edit.text(),
        )
        self.referral_list.addItem(self._item(referral))
        self.referral_note_edit.clear()
        self.resource_combo.setCurrentIndex(0)
        self.changed.emit()

    def remove_referral(self) -> None:
        row = self.referral_list.currentRow()
        if row < 0 and self.referral_list.count():
            row = self.referral_list.count() - 1
        if row >= 0:
            self.referral_list.takeItem(row)
            self.changed.emit()

    def referrals(self) -> list[Referral]:
        found: list[Referral] = []
        for i in range(self.referral_list.count()):
            referral = self.referral_list.item(i).data(Qt.ItemDataRole.UserRole)
            if isinstance(referral, Referral):
                found.append(referral)
        return found

    def set_referrals(self, referrals: Sequence[Referral]) -> None:
        self.referral_list.clear()
        for referral in referrals:
            self.referral_list.addItem(self._item(referral))

    def clear(self) -> None:
        self.referral_list.clear()
        self.referral_note_edit.clear()


class FollowUpSection(QGroupBox):
    """Whether to follow up, when, whether it is done, and what to follow up."""

    def __init__(self, today: Callable[[], date]) -> None:
        super().__init__(_("Follow-up"))
        self.setObjectName("followUpGroup")
        self._today = today
        self._done_on: date | None = None
        row = QGridLayout(self)
        self.follow_up_check = QCheckBox(_("Follow up on"))
        self.follow_up_check.setObjectName("followUpSet")
        self.follow_up_date = date_edit("followUpDate")
        self.follow_up_date.setLocale(qt_locale())
        self.follow_up_done = QCheckBox(_("Done"))
        self.follow_up_done.setObjectName("followUpDone")
        self.follow_up_note = QLineEdit()
        self.follow_up_note.setObjectName("followUpNote")
        self.follow_up_note.setMaxLength(SHORT_MAX)
        self.follow_up_note.setPlaceholderText(_("What to follow up"))
        row.addWidget(self.follow_up_check, 0, 0)
        row.addWidget(self.follow_up_date, 0, 1)
        row.addWidget(self.follow_up_done, 0, 2)
        row.addWidget(self.follow_up_note, 1, 0, 1, 4)
        row.setColumnStretch(3, 1)
        self.follow_up_check.toggled.connect(self._enable)

    def _enable(self, on: bool) -> None:
        self.follow_up_date.setEnabled(on)
        self.follow_up_done.setEnabled(on)
        self.follow_up_note.setEnabled(on)

    def value(self) -> FollowUp | None:
        if not self.follow_up_check.isChecked():
            return None
        done = self.follow_up_done.isChecked()
        done_on = (self._done_on or self._today()) if done else None
        return FollowUp(
            due=from_qdate(self.follow_up_date.date()),
            done=done,
            done_on=done_on,
            note=self.follow_up_note.text(),
        )

    def show_value(self, follow: FollowUp | None) -> None:
        self.follow_up_check.setChecked(follow is not None)
        self.follow_up_date.setDate(
            to_qdate(follow.due if follow else self._today() + FOLLOW_UP_AFTER)
        )
        self.follow_up_done.setChecked(bool(follow and follow.done))
        self.follow_up_note.setText(follow.note if follow else "")
        self._done_on = follow.done_on if follow else None
        self._enable(follow is not None)

    def clear(self) -> None:
        self.follow_up_note.clear()
        self.follow_up_check.setChecked(False)
        self.follow_up_done.setChecked(False)
        self._done_on = None


# -- a conversation as a draft ---------------------------------------------------------------------


def conversation_payload(c: Conversation) -> dict[str, Any]:
    follow = c.follow_up
    return {
        "v": DRAFT_VERSION,
        "colleague_id": c.colleague_id,
        "held_on": c.held_on.isoformat(),
        "duration_minutes": c.duration_minutes,
        "channel": c.channel.value,
        "themes": sorted(t.value for t in c.themes),
        "summary": c.summary,
        "actions_agreed": c.actions_agreed,
        "referrals": [
            {"resource_id": r.resource_id, "kind": r.kind.value, "note": r.note}
            for r in c.referrals
        ],
        "follow_up": None
        if follow is None
        else {
            "due": follow.due.isoformat(),
            "done": follow.done,
            "done_on": iso(follow.done_on),
            "note": follow.note,
        },
        "debrief": c.debrief,
    }


def referrals_from(raw_list: object) -> list[Referral]:
    """The referrals of a draft (entries that do not read are left out)."""
    found: list[Referral] = []
    for raw in raw_list if isinstance(raw_list, list) else []:
        if not isinstance(raw, dict):
            continue
        try:
            kind = ResourceKind(str(raw.get("kind")))
        except ValueError:
            continue
        resource_id = raw.get("resource_id")
        note = raw.get("note")
        found.append(
            Referral(
                resource_id=resource_id if isinstance(resource_id, int) else None,
                kind=kind,
                note=note if isinstance(note, str) else "",
            )
        )
    return found


def follow_up_from(follow: object) -> FollowUp | None:
    """The follow-up of a draft (None if it has none or it does not read)."""
    if not isinstance(follow, dict):
        return None
    due = parse_day(follow.get("due"))
    if due is None:
        return None
    note = follow.get("note")
    return FollowUp(
        due=due,
        done=bool(follow.get("done")),
        done_on=parse_day(follow.get("done_on")) if follow.get("done") else None,
        note=note if isinstance(note, str) else "",
    )
