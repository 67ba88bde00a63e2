"""Peer-supporter notes: conversations with a colleague, their referrals and follow-ups.

A conversation's referrals (signposting) live in ``referrals`` in the order given; its themes
are a JSON array of theme values. The colleague's ``last_contact`` is kept in step here: after
every change it is the newest conversation's date (a colleague without conversations keeps the
date the supporter gave). Programme statistics are counts only: no names and no free text
ever leave :meth:`ConversationRepository.statistics`.
"""

# SQL here is built only from this module's constant fragments and "?" placeholders; every
# value is bound as a parameter, never formatted into the text.

from __future__ import annotations

import json
import weakref
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import sqlcipher3

from peerdesk.i18n import N_, _
from peerdesk.models.conversation import Conversation, Referral
from peerdesk.models.enums import Channel, ConversationTheme, RecordKind
from peerdesk.models.errors import ValidationError
from peerdesk.models.supporter_views import ProgrammeStats
from peerdesk.storage.connection import utc_now_text
from peerdesk.storage.errors import RecordNotFound, VaultError
from peerdesk.storage.repository import ALL, Page, Repository
from peerdesk.storage.search import purge_deleted_text, unindex_record
from peerdesk.storage.settings import note_deleted_for_good
from peerdesk.storage.supporter_rows import (
    ColleagueLink,
    day,
    index_conversation,
    load_conversations,
    sync_last_contact,
    themes_json,
)
from peerdesk.storage.supporter_stats import programme_statistics
from peerdesk.storage.vault import Vault


class NoFollowUp(VaultError):
    kind = "no-follow-up"
    default_message = N_("That conversation has no follow-up to mark as done.")


@dataclass(frozen=True, slots=True)
class FollowUpItem:
    """One follow-up for the reminders list (no note text, only the pseudonym)."""

    conversation_id: int
    colleague_id: int
    pseudonym: str
    due: date
    done: bool
    overdue: bool  # not done and due before the ``today`` the list was made for
    held_on: date
    done_on: date | None


@dataclass(frozen=True, slots=True)
class ConversationListItem:
    """One row of a colleague's conversation list: the date, channel, themes and follow-up
    date. No note text: the editor reads the whole conversation when one is opened."""

    id: int
    colleague_id: int
    held_on: date
    channel: Channel
    themes: frozenset[ConversationTheme]
    follow_up_due: date | None
    follow_up_done: bool


# -- repository ------------------------------------------------------------------------------------


class ConversationRepository(Repository):
    """Conversations of every colleague.

    Pass the app's :class:`~peerdesk.storage.colleagues.ColleagueRepository` as
    ``colleagues`` so that its subscribers hear when a conversation moves a colleague's last
    contact, and so that this repository's subscribers hear when deleting a colleague removed
    conversations.
    """

    def __init__(self, vault: Vault, colleagues: ColleagueLink | None = None) -> None:
        super().__init__(vault)
        self._colleagues: weakref.ReferenceType[ColleagueLink] | None = None
        if colleagues is not None:
            self._colleagues = weakref.ref(colleagues)
            colleagues.link_conversations(self)

    # -- writing -------------------------------------------------------------------------------

    def add(self, conversation: Conversation) -> Conversation:
        clean = conversation.cleaned()
        clean.id = None
        now = utc_now_text()
        with self._vault.transaction() as tx:
            pseudonym = self._pseudonym(tx, clean.colleague_id)
            self._check_resources(tx, clean.referrals)
            cursor = tx.execute(
                "INSERT INTO conversations(colleague_id, held_on, duration_minutes, channel, "
                "themes, summary, actions_agreed, debrief, follow_up_due, follow_up_done, "
                "follow_up_done_on, follow_up_note, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (*self._values(clean), now, now),
            )
            clean.id = int(cursor.lastrowid)
            self._write_referrals(tx, clean.id, clean.referrals)
            moved = sync_last_contact(tx, clean.colleague_id)
            index_conversation(tx, clean, pseudonym)
        self._emit("added", [clean.id])
        if moved:
            self._colleague_changed([clean.colleague_id])
        return clean

    def update(self, conversation: Conversation) -> Conversation:
        """Save changes. A conversation may be moved to another colleague."""
        if conversation.id is None:
            raise RecordNotFound()
        clean = conversation.cleaned()
        conversation_id = clean.id
        assert conversation_id is not None
        with self._vault.transaction() as tx:
            row = tx.execute(
                "SELECT colleague_id FROM conversations WHERE id = ?", (conversation_id,)
            ).fetchone()
            if row is None:
                raise RecordNotFound()
            old_colleague = int(row["colleague_id"])
            pseudonym = self._pseudonym(tx, clean.colleague_id)
            self._check_resources(tx, clean.referrals)
            tx.execute(
                "UPDATE conversations SET colleague_id = ?, held_on = ?, duration_minutes = ?, "
                "channel = ?, themes = ?, summary = ?, actions_agreed = ?, debrief = ?, "
                "follow_up_due = ?, follow_up_done = ?, follow_up_done_on = ?, "
                "follow_up_note = ?, updated_at = ? WHERE id = ?",
                (*self._values(clean), utc_now_text(), conversation_id),
            )
            tx.execute("DELETE FROM referrals WHERE conversation_id = ?", (conversation_id,))
            self._write_referrals(tx, conversation_id, clean.referrals)
            moved = [
                cid
                for cid in dict.fromkeys((old_colleague, clean.colleague_id))
                if sync_last_contact(tx, cid)
            ]
            index_conversation(tx, clean, pseudonym)
        self._emit("changed", [conversation_id])
        self._colleague_changed(moved)
        return clean

    def delete(self, conversation_id: int) -> None:
        """Delete a conversation and its referrals (and any draft of it) for good."""
        with self._vault.transaction() as tx:
            row = tx.execute(
                "SELECT colleague_id FROM conversations WHERE id = ?", (conversation_id,)
            ).fetchone()
            if row is None:
                raise RecordNotFound()
            colleague_id = int(row["colleague_id"])
            tx.execute("DELETE FROM referrals WHERE conversation_id = ?", (conversation_id,))
            tx.execute("DELETE FROM conversations WHERE id = ?", (conversation_id,))
            tx.execute(
                "DELETE FROM drafts WHERE record_kind = ? AND record_id = ?",
                (RecordKind.CONVERSATION.value, conversation_id),
            )
            unindex_record(tx, RecordKind.CONVERSATION, conversation_id)
            purge_deleted_text(tx)
            note_deleted_for_good(tx)
            moved = sync_last_contact(tx, colleague_id)
        self._emit("removed", [conversation_id])
        if moved:
            self._colleague_changed([colleague_id])

    # -- follow-ups ----------------------------------------------------------------------------

    def mark_follow_up_done(self, conversation_id: int, on: date) -> None:
        """Mark the conversation's follow-up as done on ``on`` (raises NoFollowUp if none)."""
        if not isinstance(on, date):
            raise ValidationError("follow_up.done_on", _("Date done must be a calendar date."))
        with self._vault.transaction() as tx:
            row = tx.execute(
                "SELECT follow_up_due FROM conversations WHERE id = ?", (conversation_id,)
            ).fetchone()
            if row is None:
                raise RecordNotFound()
            if row["follow_up_due"] is None:
                raise NoFollowUp()
            tx.execute(
                "UPDATE conversations SET follow_up_done = 1, follow_up_done_on = ?, "
                "updated_at = ? WHERE id = ?",
                (on.isoformat(), utc_now_text(), conversation_id),
            )
        self._emit("changed", [conversation_id])

    def reschedule_follow_up(self, conversation_id: int, due: date) -> None:
        """Set the follow-up's due day (adding a follow-up if there was none); the follow-up
        is open again afterwards."""
        if not isinstance(due, date):
            raise ValidationError("follow_up.due", _("Follow-up date must be a calendar date."))
        with self._vault.transaction() as tx:
            cursor = tx.execute(
                "UPDATE conversations SET follow_up_due = ?, follow_up_done = 0, "
                "follow_up_done_on = NULL, updated_at = ? WHERE id = ?",
                (due.isoformat(), utc_now_text(), conversation_id),
            )
            if cursor.rowcount != 1:
                raise RecordNotFound()
        self._emit("changed", [conversation_id])

    def follow_ups(
        self,
        due_before: date | None = None,
        include_done: bool = False,
        *,
        today: date | None = None,
        conversation_ids: Sequence[int] | None = None,
        limit: int | None = None,
    ) -> list[FollowUpItem]:
        """Follow-ups due on or before ``due_before`` (all when None), soonest first; only
        those of ``conversation_ids`` when given (a list re-reading the rows a change names);
        only the first ``limit`` when given (Home lists the most urgent, not thousands).

        ``overdue`` is relative to ``today`` (default: the local calendar day).
        """
        today = date.today() if today is None else today
        where, params = _follow_up_filter(due_before, include_done, conversation_ids)
        sql = (
            "SELECT c.id, c.colleague_id, k.pseudonym, c.held_on, c.follow_up_due, "
            "c.follow_up_done, c.follow_up_done_on FROM conversations c "
            "JOIN colleagues k ON k.id = c.colleague_id WHERE " + where
        )
        sql += " ORDER BY c.follow_up_due, c.held_on, c.id"  # i18n: keep — SQL
        if limit is not None:
            sql += " LIMIT ?"  # i18n: keep — SQL
            params.append(max(0, int(limit)))
        items: list[FollowUpItem] = []
        for r in self._vault.query(sql, params):
            due = date.fromisoformat(r["follow_up_due"])
            done = bool(r["follow_up_done"])
            items.append(
                FollowUpItem(
                    conversation_id=int(r["id"]),
                    colleague_id=int(r["colleague_id"]),
                    pseudonym=r["pseudonym"],
                    due=due,
                    done=done,
                    overdue=not done and due < today,
                    held_on=date.fromisoformat(r["held_on"]),
                    done_on=day(r["follow_up_done_on"]),
                )
            )
        return items

    def count_follow_ups(self, due_before: date | None = None, include_done: bool = False) -> int:
        """How many follow-ups :meth:`follow_ups` would list with the same filter (from the
        follow-up index alone, without reading a row)."""
        where, params = _follow_up_filter(due_before, include_done, None)
        row = self._vault.query_one(
            "SELECT count(*) AS n FROM conversations c WHERE " + where, params
        )
        return int(row["n"]) if row is not None else 0

    # -- reading -------------------------------------------------------------------------------

    def get(self, conversation_id: int) -> Conversation:
        found = load_conversations(self._vault, "id = ?", (conversation_id,))  # i18n: keep — SQL
        if not found:
            raise RecordNotFound()
        return found[0]

    def list_for_colleague(self, colleague_id: int, page: Page = ALL) -> list[Conversation]:
        """A colleague's conversations, newest first."""
        limit_sql, limit_params = page.sql()
        rows = self._vault.query(
            "SELECT id FROM conversations WHERE colleague_id = ? "
            "ORDER BY held_on DESC, id DESC" + limit_sql,
            (colleague_id, *limit_params),
        )
        ids = [int(r["id"]) for r in rows]
        if not ids:
            return []
        found = {
            c.id: c
            for c in load_conversations(
                self._vault,
                "id IN (SELECT value FROM json_each(?))",  # i18n: keep — SQL
                (json.dumps(ids),),
            )
        }
        return [found[i] for i in ids if i in found]

    def list_items(
        self, colleague_id: int, conversation_ids: Sequence[int] | None = None
    ) -> list[ConversationListItem]:
        """A colleague's conversations as list rows (see :class:`ConversationListItem`), newest
        first; only those of ``conversation_ids`` when given."""
        sql = (
            "SELECT id, colleague_id, held_on, channel, themes, follow_up_due, follow_up_done "
            "FROM conversations WHERE colleague_id = ?"
        )
        params: list[object] = [colleague_id]
        if conversation_ids is not None:
            sql += " AND id IN (SELECT value FROM json_each(?))"  # i18n: keep — SQL
            params.append(json.dumps([int(i) for i in conversation_ids]))
        sql += " ORDER BY held_on DESC, id DESC"  # i18n: keep — SQL
        return [
            ConversationListItem(
                id=int(r["id"]),
                colleague_id=int(r["colleague_id"]),
                held_on=date.fromisoformat(r["held_on"]),
                channel=Channel(r["channel"]),
                themes=frozenset(ConversationTheme(v) for v in json.loads(r["themes"])),
                follow_up_due=day(r["follow_up_due"]),
                follow_up_done=bool(r["follow_up_done"]),
            )
            for r in self._vault.query(sql, params)
        ]

    def count(self, colleague_id: int | None = None) -> int:
        if colleague_id is None:
            row = self._vault.query_one("SELECT count(*) FROM conversations")
        else:
            row = self._vault.query_one(
                "SELECT count(*) FROM conversations WHERE colleague_id = ?", (colleague_id,)
            )
        return int(row[0]) if row else 0

    # -- statistics ----------------------------------------------------------------------------

    def statistics(self, date_from: date, date_to: date) -> ProgrammeStats:
        """Counts for the period ``date_from`` .. ``date_to`` (inclusive); see ProgrammeStats."""
        return programme_statistics(self._vault, date_from, date_to)

    # -- internals -----------------------------------------------------------------------------

    @staticmethod
    def _values(c: Conversation) -> tuple[object, ...]:
        follow = c.follow_up
        return (
            c.colleague_id,
            c.held_on.isoformat(),
            c.duration_minutes,
            c.channel.value,
            themes_json(c.themes),
            c.summary,
            c.actions_agreed,
            c.debrief,
            None if follow is None else follow.due.isoformat(),
            0 if follow is None else int(follow.done),
            None if follow is None or follow.done_on is None else follow.done_on.isoformat(),
            "" if follow is None else follow.note,
        )

    @staticmethod
    def _pseudonym(tx: sqlcipher3.Connection, colleague_id: int) -> str:
        row = tx.execute(
            "SELECT pseudonym FROM colleagues WHERE id = ?", (colleague_id,)
        ).fetchone()
        if row is None:
            raise RecordNotFound(_("That colleague no longer exists."))
        return str(row["pseudonym"])

    @staticmethod
    def _check_resources(tx: sqlcipher3.Connection, referrals: Sequence[Referral]) -> None:
        wanted = {r.resource_id for r in referrals if r.resource_id is not None}
        if not wanted:
            return
        row = tx.execute(
            "SELECT count(*) FROM resources WHERE id IN (SELECT value FROM json_each(?))",
            (json.dumps(sorted(wanted)),),
        ).fetchone()
        if row is None or int(row[0]) != len(wanted):
            raise RecordNotFound(_("A support resource in the referrals no longer exists."))

    @staticmethod
    def _write_referrals(
        tx: sqlcipher3.Connection, conversation_id: int, referrals: Sequence[Referral]
    ) -> None:
        tx.executemany(
            "INSERT INTO referrals(conversation_id, position, resource_id, kind, note) "
            "VALUES (?, ?, ?, ?, ?)",
            [
                (conversation_id, position, r.resource_id, r.kind.value, r.note)
                for position, r in enumerate(referrals)
            ],
        )

    def _colleague_changed(self, colleague_ids: Sequence[int]) -> None:
        colleagues = self._colleagues() if self._colleagues is not None else None
        if colleagues is not None and colleague_ids:
            colleagues.notify_changed(colleague_ids)

    def notify_removed(self, conversation_ids: Sequence[int]) -> None:
        """Tell subscribers conversations were removed elsewhere (a colleague's deletion)."""
        self._emit("removed", conversation_ids)


def _follow_up_filter(
    due_before: date | None, include_done: bool, conversation_ids: Sequence[int] | None
) -> tuple[str, list[object]]:
    """The WHERE clause (on ``conversations c``) of a follow-up list, with its parameters."""
    where = "c.follow_up_due IS NOT NULL"  # i18n: keep — SQL
    params: list[object] = []
    if not include_done:
        where += " AND c.follow_up_done = 0"  # i18n: keep — SQL
    if due_before is not None:
        where += " AND c.follow_up_due <= ?"  # i18n: keep — SQL
        params.append(due_before.isoformat())
    if conversation_ids is not None:
        where += " AND c.id IN (SELECT value FROM json_each(?))"  # i18n: keep — SQL
        params.append(json.dumps([int(i) for i in conversation_ids]))
    return where, params
