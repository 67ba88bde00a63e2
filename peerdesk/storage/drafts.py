"""Unsaved editor content, kept inside the (encrypted) vault so a crash or an auto-lock loses
nothing (ARCHITECTURE.md, "Draft").

One draft per editor: the key is ``(record_kind, record_id, slot)``, with ``record_id`` 0 in the
table for a record that has never been saved (``Draft.record_id`` None). ``slot`` keeps the
drafts of several editors of new records apart (each new journal entry, Home's quick capture), so
nothing typed in one can replace another; it is ``""`` for everything else. The payload is stored
as canonical JSON text; it never touches a file outside the vault.

Evidence added to a journal entry not saved yet belongs to its draft (``attachments.draft_slot``):
discarding the draft deletes that evidence in the same transaction.

Change notifications carry the record id (0 for a new record), not the kind: a listener (the
Home screen's "unsaved drafts") should simply call :meth:`DraftRepository.list` again, which
reads no payloads and is cheap.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from peerdesk.i18n import _
from peerdesk.models.draft import Draft
from peerdesk.models.enums import RecordKind
from peerdesk.models.errors import ValidationError
from peerdesk.models.serialize import loads_json
from peerdesk.models.timing import parse_utc
from peerdesk.storage.connection import utc_now_text
from peerdesk.storage.repository import Repository

log = logging.getLogger(__name__)

#: ``record_id`` in the table for a record that has not been saved yet.
NEW_RECORD = 0


@dataclass(frozen=True, slots=True)
class DraftInfo:
    """A draft without its content, for lists."""

    kind: RecordKind
    record_id: int | None  # None: a new record, never saved
    saved_at: datetime
    slot: str = ""


def _key(record_id: int | None) -> int:
    if record_id is None or record_id == NEW_RECORD:
        return NEW_RECORD
    if isinstance(record_id, bool) or not isinstance(record_id, int) or record_id < 0:
        raise ValidationError("record_id", _("Record must be a positive whole number."))
    return record_id


def _record_id(stored: int) -> int | None:
    return None if stored == NEW_RECORD else int(stored)


def _slot(slot: str) -> str:
    if not isinstance(slot, str):
        raise ValidationError("slot", _("The draft's slot must be a short plain name."))
    return slot


class DraftRepository(Repository):
    """At most one draft per record and slot (several slots for new, unsaved records)."""

    def save(self, draft: Draft) -> Draft:
        """Insert or replace the draft for ``(record_kind, record_id, slot)``.

        ``record_id`` None or 0 means a new, unsaved record. Returns the draft as stored, with
        ``saved_at`` set. Raises ``ValidationError`` if the payload cannot be stored as JSON.
        """
        key = _key(draft.record_id)
        clean = replace(draft, record_id=_record_id(key), saved_at=None)
        clean.validate()
        text = clean.payload_bytes().decode("utf-8")
        saved_at = utc_now_text()
        kind = RecordKind(clean.record_kind).value
        slot = clean.slot
        with self._vault.transaction() as tx:
            existed = (
                tx.execute(
                    "SELECT 1 FROM drafts WHERE record_kind = ? AND record_id = ? AND slot = ?",
                    (kind, key, slot),
                ).fetchone()
                is not None
            )
            tx.execute(
                "INSERT INTO drafts(record_kind, record_id, slot, payload, saved_at) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT(record_kind, record_id, slot) DO UPDATE "
                "SET payload = excluded.payload, saved_at = excluded.saved_at",
                (kind, key, slot, text, saved_at),
            )
        clean.saved_at = parse_utc(saved_at)
        self._emit("changed" if existed else "added", [key])
        return clean

    def load(self, kind: RecordKind, record_id: int | None, slot: str = "") -> Draft | None:
        """The draft for that record and slot, or None. Raises ``ValidationError`` if it is
        damaged."""
        key = _key(record_id)
        row = self._vault.query_one(
            "SELECT payload, saved_at FROM drafts "
            "WHERE record_kind = ? AND record_id = ? AND slot = ?",
            (RecordKind(kind).value, key, _slot(slot)),
        )
        if row is None:
            return None
        payload: Any = loads_json(str(row["payload"]).encode("utf-8"))
        if not isinstance(payload, dict):
            raise ValidationError("payload", _("The saved content is damaged and cannot be read."))
        return Draft(
            record_kind=RecordKind(kind),
            record_id=_record_id(key),
            slot=slot,
            payload=payload,
            saved_at=parse_utc(str(row["saved_at"])),
        )

    def discard(self, kind: RecordKind, record_id: int | None, slot: str = "") -> bool:
        """Delete the draft for that record and slot; returns whether there was one.

        Evidence that belongs to a new entry's draft (added but never saved with the entry) is
        deleted with it, in the same transaction.
        """
        key = _key(record_id)
        slot = _slot(slot)
        with self._vault.transaction() as tx:
            cursor = tx.execute(
                "DELETE FROM drafts WHERE record_kind = ? AND record_id = ? AND slot = ?",
                (RecordKind(kind).value, key, slot),
            )
            removed = int(cursor.rowcount) > 0
            if slot and key == NEW_RECORD and RecordKind(kind) is RecordKind.INCIDENT:
                tx.execute(
                    "DELETE FROM attachment_blobs WHERE attachment_id IN (SELECT id FROM "
                    "attachments WHERE incident_id IS NULL AND draft_slot = ?)",
                    (slot,),
                )
                tx.execute(
                    "DELETE FROM attachments WHERE incident_id IS NULL AND draft_slot = ?", (slot,)
                )
        if removed:
            self._emit("removed", [key])
        return removed

    def list(self) -> list[DraftInfo]:
        """Every draft, newest first, without payloads."""
        rows = self._vault.query(
            "SELECT record_kind, record_id, slot, saved_at FROM drafts "
            "ORDER BY saved_at DESC, record_kind, record_id, slot"
        )
        infos: list[DraftInfo] = []
        for row in rows:
            try:
                kind = RecordKind(str(row["record_kind"]))
            except ValueError:  # written by a newer PeerDesk: not ours to show
                log.warning("skipping a draft of an unknown kind")
                continue
            infos.append(
                DraftInfo(
                    kind,
                    _record_id(int(row["record_id"])),
                    parse_utc(str(row["saved_at"])),
                    str(row["slot"]),
                )
            )
        return infos


__all__ = ["NEW_RECORD", "DraftInfo", "DraftRepository"]
