"""Peer-supporter notes: the colleagues a supporter talks with.

A colleague is known by a pseudonym. The optional real name lives only in
``colleague_real_names``, apart from everything else: it is never indexed for search, never
listed, and :meth:`ColleagueRepository.get` leaves it out unless asked to reveal it.

Retention (REPORTING.md "Peer supporter notes"): every colleague has a retention period after
their last contact; :meth:`ColleagueRepository.expired` lists the ones past it and
:meth:`ColleagueRepository.delete_completely` removes a colleague with every conversation,
referral, draft and search-index row about them in one transaction (the vault runs with
``secure_delete`` on, and the search index is merged so no segment keeps their words).
"""

# SQL here is built only from this module's constant fragments and "?" placeholders; every
# value is bound as a parameter, never formatted into the text.

from __future__ import annotations

import builtins
import json
import weakref
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

import sqlcipher3

from peerdesk.i18n import _
from peerdesk.models.colleague import Colleague, Consent
from peerdesk.models.enums import ColleagueStatus, RecordKind
from peerdesk.models.errors import ValidationError
from peerdesk.models.serialize import canonical_json, record_from_dict, record_to_dict
from peerdesk.models.supporter_views import HeldRecord
from peerdesk.models.text import NAME_MAX, clean_text
from peerdesk.models.timing import parse_utc
from peerdesk.storage.connection import Row, utc_now_text
from peerdesk.storage.errors import RecordNotFound
from peerdesk.storage.repository import ALL, Page, Repository
from peerdesk.storage.search import (
    index_record,
    purge_deleted_text,
    unindex_many,
    unindex_record,
)
from peerdesk.storage.settings import note_deleted_for_good
from peerdesk.storage.supporter_rows import (
    ConversationLink,
    day,
    load_conversations,
    reindex_colleague_conversations,
    sync_last_contact,
)
from peerdesk.storage.vault import Vault

_COLUMNS = (
    "id, pseudonym, status, consent, retention_months, last_contact, created_at, updated_at, notes"
)


class ColleagueSort(StrEnum):
    PSEUDONYM = "pseudonym"  # A..Z
    LAST_CONTACT = "last_contact"  # newest first; never contacted last


_ORDER = {
    ColleagueSort.PSEUDONYM: "pseudonym COLLATE NOCASE, id",  # i18n: keep — SQL
    ColleagueSort.LAST_CONTACT: (
        "last_contact IS NULL, last_contact DESC, pseudonym COLLATE NOCASE, id"  # i18n: keep — SQL
    ),
}


@dataclass(frozen=True, slots=True)
class ExpiredColleague:
    id: int
    pseudonym: str
    expires_on: date
    last_contact: date | None


def _consent_json(consent: Consent) -> str:
    return canonical_json(record_to_dict(consent)).decode("utf-8")


def _consent(text: str) -> Consent:
    return record_from_dict(Consent, json.loads(text))


def _colleague(row: Row, real_name: str = "") -> Colleague:
    return Colleague(
        id=int(row["id"]),
        pseudonym=row["pseudonym"],
        real_name=real_name,
        status=ColleagueStatus(row["status"]),
        consent=_consent(row["consent"]),
        retention_months=int(row["retention_months"]),
        last_contact=day(row["last_contact"]),
        created_at=parse_utc(row["created_at"]),
        notes=row["notes"],
    )


def _clean_real_name(name: str) -> str:
    return clean_text(
        name, field="real_name", max_length=NAME_MAX, multiline=False, label=_("Real name")
    )


class ColleagueRepository(Repository):
    """Colleagues, their consent and retention; the real name kept apart."""

    def __init__(self, vault: Vault) -> None:
        super().__init__(vault)
        self._conversation_repos: weakref.WeakSet[ConversationLink] = weakref.WeakSet()

    # -- writing -------------------------------------------------------------------------------

    def add(self, colleague: Colleague) -> Colleague:
        """Save a new colleague; ``created_at`` is set here. Returns the colleague as saved
        (with the real name given, if any)."""
        clean = colleague.cleaned()
        now = utc_now_text()
        with self._vault.transaction() as tx:
            cursor = tx.execute(
                "INSERT INTO colleagues(pseudonym, status, consent, retention_months, "
                "last_contact, created_at, updated_at, notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    clean.pseudonym,
                    clean.status.value,
                    _consent_json(clean.consent),
                    clean.retention_months,
                    _iso(clean.last_contact),
                    now,
                    now,
                    clean.notes,
                ),
            )
            clean.id = int(cursor.lastrowid)
            if clean.real_name:
                tx.execute(
                    "INSERT INTO colleague_real_names(colleague_id, real_name) VALUES (?, ?)",
                    (clean.id, clean.real_name),
                )
            self._index(tx, clean)
        clean.created_at = parse_utc(now)
        self._emit("added", [clean.id])
        return clean

    def update(self, colleague: Colleague) -> Colleague:
        """Save changes to a colleague.

        Because :meth:`get` hides the real name, an empty ``real_name`` here means "leave the
        stored real name as it is"; a non-empty one replaces it. Use :meth:`set_real_name` to
        remove it. With conversations recorded, ``last_contact`` follows the newest one (the
        value given is used only while there are none). ``created_at`` never changes.
        """
        if colleague.id is None:
            raise RecordNotFound()
        clean = colleague.cleaned()
        colleague_id = clean.id
        assert colleague_id is not None
        with self._vault.transaction() as tx:
            row = tx.execute(
                "SELECT pseudonym, created_at FROM colleagues WHERE id = ?", (colleague_id,)
            ).fetchone()
            if row is None:
                raise RecordNotFound()
            tx.execute(
                "UPDATE colleagues SET pseudonym = ?, status = ?, consent = ?, "
                "retention_months = ?, last_contact = ?, updated_at = ?, notes = ? WHERE id = ?",
                (
                    clean.pseudonym,
                    clean.status.value,
                    _consent_json(clean.consent),
                    clean.retention_months,
                    _iso(clean.last_contact),
                    utc_now_text(),
                    clean.notes,
                    colleague_id,
                ),
            )
            if clean.real_name:
                self._write_real_name(tx, colleague_id, clean.real_name)
            sync_last_contact(tx, colleague_id)
            self._index(tx, clean)
            if row["pseudonym"] != clean.pseudonym:
                reindex_colleague_conversations(tx, colleague_id, clean.pseudonym)
            stored = tx.execute(
                "SELECT last_contact FROM colleagues WHERE id = ?", (colleague_id,)
            ).fetchone()
        clean.created_at = parse_utc(row["created_at"])
        clean.last_contact = day(stored["last_contact"])
        self._emit("changed", [colleague_id])
        return clean

    def set_real_name(self, colleague_id: int, real_name: str) -> None:
        """Store, replace or (with "") remove a colleague's real name."""
        name = _clean_real_name(real_name)
        with self._vault.transaction() as tx:
            self._require(tx, colleague_id)
            if name:
                self._write_real_name(tx, colleague_id, name)
            else:
                tx.execute(
                    "DELETE FROM colleague_real_names WHERE colleague_id = ?", (colleague_id,)
                )
            tx.execute(
                "UPDATE colleagues SET updated_at = ? WHERE id = ?", (utc_now_text(), colleague_id)
            )
        self._emit("changed", [colleague_id])

    def delete(self, colleague_id: int) -> None:
        """The same as :meth:`delete_completely`: there is no partial deletion of a colleague."""
        self.delete_completely(colleague_id)

    def delete_completely(self, colleague_id: int) -> None:
        """Remove the colleague, the real name, every conversation and referral, drafts of
        them and every search-index row about them, in one transaction; then merge the
        search index so no segment keeps their words."""
        with self._vault.transaction() as tx:
            self._require(tx, colleague_id)
            conversation_ids = [
                int(r[0])
                for r in tx.execute(
                    "SELECT id FROM conversations WHERE colleague_id = ?", (colleague_id,)
                ).fetchall()
            ]
            ids_json = json.dumps(conversation_ids)
            unindex_many(tx, RecordKind.CONVERSATION, conversation_ids)
            unindex_record(tx, RecordKind.COLLEAGUE, colleague_id)
            # Drafts of this colleague, of their conversations, and of a new (unsaved)
            # conversation about them, which has no record id yet but names the colleague.
            tx.execute(
                "DELETE FROM drafts WHERE (record_kind = ? AND record_id = ?) OR "
                "(record_kind = ? AND record_id IN (SELECT value FROM json_each(?))) OR "
                "(record_kind = ? AND json_valid(payload) "
                "AND json_extract(payload, '$.colleague_id') = ?)",
                (
                    RecordKind.COLLEAGUE.value,
                    colleague_id,
                    RecordKind.CONVERSATION.value,
                    ids_json,
                    RecordKind.CONVERSATION.value,
                    colleague_id,
                ),
            )
            tx.execute(
                "DELETE FROM referrals WHERE conversation_id IN (SELECT value FROM json_each(?))",
                (ids_json,),
            )
            tx.execute("DELETE FROM conversations WHERE colleague_id = ?", (colleague_id,))
            tx.execute("DELETE FROM colleague_real_names WHERE colleague_id = ?", (colleague_id,))
            tx.execute("DELETE FROM colleagues WHERE id = ?", (colleague_id,))
            purge_deleted_text(tx)
            note_deleted_for_good(tx)
        self._emit("removed", [colleague_id])
        for repo in list(self._conversation_repos):
            repo.notify_removed(conversation_ids)

    # -- reading -------------------------------------------------------------------------------

    def get(self, colleague_id: int, *, reveal_real_name: bool = False) -> Colleague:
        """The colleague; ``real_name`` is "" unless ``reveal_real_name``."""
        row = self._vault.query_one(
            f"SELECT {_COLUMNS} FROM colleagues WHERE id = ?", (colleague_id,)
        )
        if row is None:
            raise RecordNotFound()
        return _colleague(row, self.real_name(colleague_id) if reveal_real_name else "")

    def real_name(self, colleague_id: int) -> str:
        """The stored real name, or "" when there is none."""
        row = self._vault.query_one(
            "SELECT real_name FROM colleague_real_names WHERE colleague_id = ?", (colleague_id,)
        )
        return "" if row is None else str(row["real_name"])

    def has_real_name(self, colleague_id: int) -> bool:
        row = self._vault.query_one(
            "SELECT 1 FROM colleague_real_names WHERE colleague_id = ?", (colleague_id,)
        )
        return row is not None

    def list(
        self,
        status: ColleagueStatus | None = None,
        *,
        sort: ColleagueSort = ColleagueSort.PSEUDONYM,
        page: Page = ALL,
    ) -> builtins.list[Colleague]:
        """Colleagues (real names never included)."""
        where, params = self._where(status)
        limit_sql, limit_params = page.sql()
        rows = self._vault.query(
            f"SELECT {_COLUMNS} FROM colleagues{where} ORDER BY {_ORDER[sort]}" + limit_sql,
            (*params, *limit_params),
        )
        return [_colleague(r) for r in rows]

    def count(self, status: ColleagueStatus | None = None) -> int:
        where, params = self._where(status)
        row = self._vault.query_one(f"SELECT count(*) FROM colleagues{where}", params)
        return int(row[0]) if row else 0

    def expired(self, today: date) -> builtins.list[ExpiredColleague]:
        """Colleagues whose retention period has run out on ``today`` (expiry day included),
        soonest expiry first."""
        if isinstance(today, datetime) or not isinstance(today, date):
            raise ValidationError("today", _("Today must be a calendar date."))
        found: builtins.list[ExpiredColleague] = []
        for colleague in self.list():
            expires = colleague.retention_expires_on()
            if expires is not None and today >= expires:
                assert colleague.id is not None
                found.append(
                    ExpiredColleague(
                        colleague.id, colleague.pseudonym, expires, colleague.last_contact
                    )
                )
        found.sort(key=lambda e: (e.expires_on, e.pseudonym.casefold(), e.id))
        return found

    def what_i_hold(self, colleague_id: int) -> HeldRecord:
        """Everything held about one colleague, read in one snapshot."""
        with self._vault.transaction() as tx:
            row = tx.execute(
                f"SELECT {_COLUMNS} FROM colleagues WHERE id = ?", (colleague_id,)
            ).fetchone()
            if row is None:
                raise RecordNotFound()
            name_row = tx.execute(
                "SELECT real_name FROM colleague_real_names WHERE colleague_id = ?",
                (colleague_id,),
            ).fetchone()
            colleague = _colleague(row, "" if name_row is None else str(name_row["real_name"]))
            by_colleague = "colleague_id = ?"  # i18n: keep — SQL
            conversations = load_conversations(tx, by_colleague, (colleague_id,))
            resource_ids = sorted(
                {
                    r.resource_id
                    for c in conversations
                    for r in c.referrals
                    if r.resource_id is not None
                }
            )
            names = {
                int(r["id"]): str(r["name"])
                for r in tx.execute(
                    "SELECT id, name FROM resources WHERE id IN (SELECT value FROM json_each(?))",
                    (json.dumps(resource_ids),),
                ).fetchall()
            }
        return HeldRecord(
            colleague=colleague,
            conversations=tuple(conversations),
            resource_names=names,
            retention_expires_on=colleague.retention_expires_on(),
            updated_at=parse_utc(row["updated_at"]),
        )

    # -- links ---------------------------------------------------------------------------------

    def link_conversations(self, conversations: ConversationLink) -> None:
        """Called by ConversationRepository: its subscribers hear of conversations removed
        with a colleague."""
        self._conversation_repos.add(conversations)

    def notify_changed(self, colleague_ids: Sequence[int]) -> None:
        """Tell subscribers colleagues changed elsewhere (a conversation moved last contact)."""
        self._emit("changed", colleague_ids)

    # -- internals -----------------------------------------------------------------------------

    @staticmethod
    def _where(status: ColleagueStatus | None) -> tuple[str, tuple[object, ...]]:
        if status is None:
            return "", ()
        return " WHERE status = ?", (ColleagueStatus(status).value,)  # i18n: keep — SQL

    @staticmethod
    def _require(tx: sqlcipher3.Connection, colleague_id: int) -> None:
        if tx.execute("SELECT 1 FROM colleagues WHERE id = ?", (colleague_id,)).fetchone() is None:
            raise RecordNotFound()

    @staticmethod
    def _write_real_name(tx: sqlcipher3.Connection, colleague_id: int, name: str) -> None:
        tx.execute(
            "INSERT INTO colleague_real_names(colleague_id, real_name) VALUES (?, ?) "
            "ON CONFLICT(colleague_id) DO UPDATE SET real_name = excluded.real_name",
            (colleague_id, name),
        )

    @staticmethod
    def _index(tx: sqlcipher3.Connection, colleague: Colleague) -> None:
        # Pseudonym and notes only: the real name is never indexed.
        assert colleague.id is not None
        index_record(tx, RecordKind.COLLEAGUE, colleague.id, colleague.pseudonym, [colleague.notes])


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()
