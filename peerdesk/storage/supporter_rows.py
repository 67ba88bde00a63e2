"""Rows both supporter repositories read and write: conversations (with their referrals) and
the colleague's last contact that follows them.

``colleagues.py`` and ``conversations.py`` both build on this module, so neither imports the
other. The two repositories tell each other about changes through the small protocols below
(:class:`ColleagueLink`, :class:`ConversationLink`); ``repositories.Repositories`` links them.
"""

# SQL here is built only from this module's constant fragments and "?" placeholders; every
# value is bound as a parameter, never formatted into the text.

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Protocol

import sqlcipher3

from peerdesk.models.conversation import Conversation, FollowUp, Referral
from peerdesk.models.enums import Channel, ConversationTheme, RecordKind, ResourceKind
from peerdesk.storage.connection import Row
from peerdesk.storage.search import index_record
from peerdesk.storage.vault import Vault


class ConversationLink(Protocol):
    """What a colleague repository tells the conversation repositories linked to it."""

    def notify_removed(self, conversation_ids: Sequence[int]) -> None: ...


class ColleagueLink(Protocol):
    """What a conversation repository tells the colleague repository it is linked to."""

    def link_conversations(self, conversations: ConversationLink) -> None: ...

    def notify_changed(self, colleague_ids: Sequence[int]) -> None: ...


CONVERSATION_COLUMNS = (
    "id, colleague_id, held_on, duration_minutes, channel, themes, summary, actions_agreed, "
    "debrief, follow_up_due, follow_up_done, follow_up_done_on, follow_up_note"
)


def day(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


def themes_json(themes: Iterable[ConversationTheme]) -> str:
    return json.dumps(sorted(theme.value for theme in themes))


def conversation_from_row(row: Row, referrals: list[Referral]) -> Conversation:
    due = day(row["follow_up_due"])
    follow_up = None
    if due is not None:
        follow_up = FollowUp(
            due=due,
            done=bool(row["follow_up_done"]),
            done_on=day(row["follow_up_done_on"]),
            note=row["follow_up_note"],
        )
    minutes = row["duration_minutes"]
    return Conversation(
        id=int(row["id"]),
        colleague_id=int(row["colleague_id"]),
        held_on=date.fromisoformat(row["held_on"]),
        duration_minutes=None if minutes is None else int(minutes),
        channel=Channel(row["channel"]),
        themes={ConversationTheme(value) for value in json.loads(row["themes"])},
        summary=row["summary"],
        actions_agreed=row["actions_agreed"],
        referrals=referrals,
        follow_up=follow_up,
        debrief=row["debrief"],
    )


def load_conversations(
    conn: sqlcipher3.Connection | Vault, where: str, params: Sequence[object]
) -> list[Conversation]:
    """Conversations matching ``where`` (SQL over the conversations table), with referrals,
    oldest first."""
    sql = f"SELECT {CONVERSATION_COLUMNS} FROM conversations WHERE {where} ORDER BY held_on, id"
    rows = _fetch(conn, sql, params)
    ids = [int(r["id"]) for r in rows]
    by_conversation: dict[int, list[Referral]] = {i: [] for i in ids}
    if ids:
        for r in _fetch(
            conn,
            "SELECT conversation_id, resource_id, kind, note FROM referrals "
            "WHERE conversation_id IN (SELECT value FROM json_each(?)) "
            "ORDER BY conversation_id, position, id",
            (json.dumps(ids),),
        ):
            resource = r["resource_id"]
            by_conversation[int(r["conversation_id"])].append(
                Referral(
                    resource_id=None if resource is None else int(resource),
                    kind=ResourceKind(r["kind"]),
                    note=r["note"],
                )
            )
    return [conversation_from_row(r, by_conversation[int(r["id"])]) for r in rows]


def _fetch(conn: sqlcipher3.Connection | Vault, sql: str, params: Sequence[object]) -> list[Row]:
    if isinstance(conn, Vault):
        return conn.query(sql, params)
    return list(conn.execute(sql, params).fetchall())


def conversation_title(pseudonym: str, held_on: date) -> str:
    return f"Conversation with {pseudonym}, {held_on.isoformat()}"  # i18n: keep — stored


def index_conversation(
    tx: sqlcipher3.Connection, conversation: Conversation, pseudonym: str
) -> None:
    assert conversation.id is not None
    index_record(
        tx,
        RecordKind.CONVERSATION,
        conversation.id,
        conversation_title(pseudonym, conversation.held_on),
        [conversation.summary, conversation.actions_agreed, conversation.debrief],
    )


def reindex_colleague_conversations(
    tx: sqlcipher3.Connection, colleague_id: int, pseudonym: str
) -> None:
    """Refresh the search titles of a colleague's conversations (after a pseudonym change)."""
    by_colleague = "colleague_id = ?"  # i18n: keep — SQL
    for conversation in load_conversations(tx, by_colleague, (colleague_id,)):
        index_conversation(tx, conversation, pseudonym)


def sync_last_contact(tx: sqlcipher3.Connection, colleague_id: int) -> bool:
    """Set the colleague's last contact to their newest conversation's date, when they have
    any. Returns True when the stored value changed."""
    row = tx.execute(
        "SELECT max(held_on) FROM conversations WHERE colleague_id = ?", (colleague_id,)
    ).fetchone()
    newest = row[0] if row is not None else None
    if newest is None:
        return False
    cursor = tx.execute(
        "UPDATE colleagues SET last_contact = ? WHERE id = ? AND last_contact IS NOT ?",
        (newest, colleague_id, newest),
    )
    return int(cursor.rowcount) > 0
