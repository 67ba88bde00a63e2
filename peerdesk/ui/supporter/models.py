"""The Colleagues screen's item models: colleagues (with their next follow-up), one colleague's
conversations, open follow-ups, colleagues past retention, and the colleague filter proxy.

Each is a :class:`~peerdesk.ui.supporter.sorted_models.SortedRecordModel`: it follows its
repository row by row and keeps its rows in the order the view asked for (the proxies in front
of them never sort; see that module). None of them ever holds a real name, and the conversation
list holds no note text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QFont

from peerdesk.i18n import _, ngettext
from peerdesk.models import Colleague, ColleagueStatus
from peerdesk.models.dates import short_date
from peerdesk.storage.colleagues import ExpiredColleague
from peerdesk.storage.conversations import ConversationListItem, FollowUpItem
from peerdesk.storage.errors import RecordNotFound
from peerdesk.ui.common.item_models import (
    AnyIndex,
    Column,
    ObjectRole,
)
from peerdesk.ui.common.session import VaultSession
from peerdesk.ui.supporter.sorted_models import PresortedProxy, SortedRecordModel
from peerdesk.ui.supporter.widgets import NO_DATE, day_key


@dataclass(frozen=True)
class ColleagueRow:
    colleague: Colleague
    next_follow_up: date | None
    overdue: bool


class ColleagueListModel(SortedRecordModel[ColleagueRow]):
    """Colleagues with their next open follow-up (never a real name)."""

    def __init__(
        self,
        session: VaultSession,
        today: Callable[[], date],
        follow_ups: Callable[[], Sequence[FollowUpItem]] | None = None,
    ) -> None:
        """``follow_ups`` gives the open follow-ups (the screen's follow-up list, so that they
        are read once); without it they are read from the vault."""
        self._session = session
        self._today = today
        self._follow_ups = follow_ups or self._read_follow_ups
        self._next: dict[int, date] = {}
        super().__init__(
            [
                Column(
                    _("Colleague"),
                    lambda r: r.colleague.pseudonym,
                    sort_key=lambda r: r.colleague.pseudonym.casefold(),
                ),
                Column(_("Status"), lambda r: r.colleague.status.label),
                Column(
                    _("Last contact"),
                    lambda r: short_date(r.colleague.last_contact, NO_DATE),
                    sort_key=lambda r: day_key(r.colleague.last_contact),
                ),
                Column(
                    _("Next follow-up"),
                    lambda r: (
                        # translators: {date} is the date a follow-up was due
                        _("{date} (overdue)").format(date=short_date(r.next_follow_up))
                        if r.overdue
                        else short_date(r.next_follow_up)
                    ),
                    sort_key=lambda r: day_key(r.next_follow_up),
                ),
                Column(
                    _("Keep until"),
                    lambda r: short_date(r.colleague.retention_expires_on(), NO_DATE),
                    sort_key=lambda r: day_key(r.colleague.retention_expires_on()),
                ),
            ],
            key=lambda r: r.colleague.id or 0,
            load_all=self._load_all_rows,
            load_some=self._load_rows,
        )

    def _read_follow_ups(self) -> Sequence[FollowUpItem]:
        return self._session.repos.conversations.follow_ups(include_done=False, today=self._today())

    def _next_follow_ups(self) -> dict[int, date]:
        found: dict[int, date] = {}
        for item in self._follow_ups():
            if item.colleague_id not in found or item.due < found[item.colleague_id]:
                found[item.colleague_id] = item.due
        return found

    def _row(self, colleague: Colleague) -> ColleagueRow:
        due = self._next.get(colleague.id or 0)
        return ColleagueRow(colleague, due, due is not None and due < self._today())

    def _load_all_rows(self) -> list[ColleagueRow]:
        self._next = self._next_follow_ups()
        return [self._row(c) for c in self._session.repos.colleagues.list()]

    def _load_rows(self, ids: Sequence[int]) -> list[ColleagueRow]:
        self._next = self._next_follow_ups()
        rows = []
        for colleague_id in ids:
            try:
                rows.append(self._row(self._session.repos.colleagues.get(colleague_id)))
            except RecordNotFound:
                continue
        return rows

    def follow_ups_changed(self) -> None:
        """Conversations changed: refresh the rows whose next follow-up moved."""
        old = self._next
        new = self._next_follow_ups()
        moved = [
            i
            for i in set(old) | set(new)
            if old.get(i) != new.get(i) and self.row_of(i) is not None
        ]
        if moved:
            self.refresh_ids(moved)
        self._next = new


def _follow_up_cell(row: ConversationListItem) -> str:
    if row.follow_up_due is None:
        return ""
    if row.follow_up_done:
        return _("Done")
    # translators: a follow-up's state; {date} is the date it is due
    return _("Due {date}").format(date=short_date(row.follow_up_due))


class ConversationListModel(SortedRecordModel[ConversationListItem]):
    """The selected colleague's conversations, newest first: list rows without note text (the
    editor reads the whole conversation when one is opened)."""

    def __init__(self, session: VaultSession) -> None:
        self._session = session
        self.colleague_id: int | None = None
        super().__init__(
            [
                Column(
                    _("Date"),
                    lambda c: short_date(c.held_on, NO_DATE),
                    sort_key=lambda c: day_key(c.held_on),
                ),
                Column(_("Channel"), lambda c: c.channel.label),
                Column(_("Themes"), lambda c: ", ".join(sorted(t.label for t in c.themes))),
                Column(
                    _("Follow-up"), _follow_up_cell, sort_key=lambda c: day_key(c.follow_up_due)
                ),
            ],
            key=lambda c: c.id,
            load_all=self._load_all_rows,
            load_some=self._load_rows,
        )

    def show_colleague(self, colleague_id: int | None) -> None:
        self.colleague_id = colleague_id
        self.reload()

    def _load_all_rows(self) -> list[ConversationListItem]:
        if self.colleague_id is None or not self._session.is_open:
            return []
        return self._session.repos.conversations.list_items(self.colleague_id)

    def _load_rows(self, ids: Sequence[int]) -> list[ConversationListItem]:
        if self.colleague_id is None or not self._session.is_open:
            return []
        return self._session.repos.conversations.list_items(self.colleague_id, ids)

    def clear(self) -> None:
        self.colleague_id = None
        super().clear()


def follow_up_status(item: FollowUpItem, today: date) -> str:
    days = (item.due - today).days
    if days < 0:
        return ngettext("Overdue by {count} day", "Overdue by {count} days", -days).format(
            count=-days
        )
    if days == 0:
        return _("Due today")
    if days == 1:
        return _("Due tomorrow")
    return ngettext("Due in {count} day", "Due in {count} days", days).format(count=days)


class FollowUpModel(SortedRecordModel[FollowUpItem]):
    """Open follow-ups (pseudonyms only, never note text); overdue rows in bold."""

    def __init__(self, session: VaultSession, today: Callable[[], date]) -> None:
        self._session = session
        self._today = today
        super().__init__(
            [
                Column(
                    _("Due"),
                    lambda f: short_date(f.due, NO_DATE),
                    sort_key=lambda f: day_key(f.due),
                ),
                Column(
                    _("Colleague"), lambda f: f.pseudonym, sort_key=lambda f: f.pseudonym.casefold()
                ),
                Column(
                    _("Status"),
                    lambda f: follow_up_status(f, self._today()),
                    sort_key=lambda f: day_key(f.due),
                ),
                Column(
                    _("Conversation on"),
                    lambda f: short_date(f.held_on, NO_DATE),
                    sort_key=lambda f: day_key(f.held_on),
                ),
            ],
            key=lambda f: f.conversation_id,
            load_all=self._load_all_rows,
            load_some=self._load_rows,
        )

    def _load_all_rows(self) -> list[FollowUpItem]:
        return self._session.repos.conversations.follow_ups(include_done=False, today=self._today())

    def _load_rows(self, ids: Sequence[int]) -> list[FollowUpItem]:
        return self._session.repos.conversations.follow_ups(
            include_done=False, today=self._today(), conversation_ids=ids
        )

    def items(self) -> list[FollowUpItem]:
        """The open follow-ups shown (in the list's order)."""
        return list(self._rows)

    def colleagues_changed(self, colleague_ids: Sequence[int]) -> None:
        """Colleagues changed (a pseudonym shown here, or deleted): re-read only their rows."""
        wanted = set(colleague_ids)
        rows = [f.conversation_id for f in self._rows if f.colleague_id in wanted]
        if rows:
            self.refresh_ids(rows)

    def overdue_count(self) -> int:
        today = self._today()
        return sum(1 for f in self._rows if f.due < today)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.FontRole and index.isValid() and index.row() < len(self._rows):
            if self._rows[index.row()].due < self._today():
                font = QFont()
                font.setBold(True)
                return font
            return None
        return super().data(index, role)


class ExpiredModel(SortedRecordModel[ExpiredColleague]):
    """Colleagues past their retention date."""

    def __init__(self, session: VaultSession, today: Callable[[], date]) -> None:
        self._session = session
        self._today = today
        super().__init__(
            [
                Column(
                    _("Colleague"), lambda e: e.pseudonym, sort_key=lambda e: e.pseudonym.casefold()
                ),
                Column(
                    _("Last contact"),
                    lambda e: short_date(e.last_contact, NO_DATE),
                    sort_key=lambda e: day_key(e.last_contact),
                ),
                Column(
                    _("Retention ended on"),
                    lambda e: short_date(e.expires_on, NO_DATE),
                    sort_key=lambda e: day_key(e.expires_on),
                ),
            ],
            key=lambda e: e.id,
            load_all=self._load_all_rows,
            load_some=self._load_rows,
        )

    def _load_all_rows(self) -> list[ExpiredColleague]:
        return self._session.repos.colleagues.expired(self._today())

    def _load_rows(self, ids: Sequence[int]) -> list[ExpiredColleague]:
        wanted = set(ids)
        return [e for e in self._load_all_rows() if e.id in wanted]


class ColleagueFilter(PresortedProxy):
    """Status (active / closed / all) and a search: every word in the pseudonym, or a
    full-text match in the colleague's notes or conversations (ids found by the screen)."""

    def __init__(self) -> None:
        super().__init__()
        self._status: ColleagueStatus | None = ColleagueStatus.ACTIVE
        self._words: list[str] = []
        self._matched: set[int] = set()

    @property
    def status(self) -> ColleagueStatus | None:
        return self._status

    def set_status(self, status: ColleagueStatus | None) -> None:
        self.beginFilterChange()
        self._status = status
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_search(self, text: str, matched: set[int]) -> None:
        self.beginFilterChange()
        self._words = text.casefold().split()
        self._matched = set(matched)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent: AnyIndex) -> bool:
        model = self.sourceModel()
        item: ColleagueRow | None = model.data(model.index(row, 0, parent), ObjectRole)
        if item is None:
            return False
        colleague = item.colleague
        if self._status is not None and colleague.status is not self._status:
            return False
        if self._words:
            name = colleague.pseudonym.casefold()
            return all(w in name for w in self._words) or (colleague.id or 0) in self._matched
        return True


# -- small widgets ---------------------------------------------------------------------------------
