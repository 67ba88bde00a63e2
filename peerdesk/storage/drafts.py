"""Unsaved editor content, kept inside the (encrypted) vault so a crash or an auto-lock loses
nothing (ARCHITECTURE.md, "Draft").

One draft per record: the key is ``(record_kind, record_id)``, with ``record_id`` 0 in the table
for a record that has never been saved (``Draft.record_id`` None). The payload is stored as
canonical JSON text; it never touches a file outside the vault.

Change notifications carry the record id (0 for a new record), not the kind: a listener (the
Home screen's "unsaved drafts") should simply call :meth:`DraftRepository.list` again, which
reads no payloads and is cheap.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from peerdesk.models.draft import Draft
from peerdesk.models.enums import RecordKind
from peerdesk.models.errors import ValidationError
from peerdesk.models.serialize import loads_json
from peerdesk.models.timing import parse_utc
from peerdesk.storage.repository import Repository
from peerdesk.storage.vault import utc_now_text

log = logging.getLogger(__name__)

#: ``record_id`` in the table for a record that has not been saved yet.
NEW_RECORD = 0


@dataclass(frozen=True, slots=True)
class DraftInfo:
    """A draft without its content, for lists."""

    kind: RecordKind
    record_id: int | None  # None: a new record, never saved
    saved_at: datetime


def _key(record_id: int | None) -> int:
    if record_id is None or record_id == NEW_RECORD:
        return NEW_RECORD
    if isinstance(record_id, bool) or not isinstance(record_id, int) or record_id < 0:
        raise ValidationError("record_id", "Record must be a positive whole number.")
    return record_id


def _record_id(stored: int) -> int | None:
    return None if stored == NEW_RECORD else int(stored)


class DraftRepository(Repository):
    """At most one draft per record (and one per kind for a new, unsaved record)."""

    def save(self, draft: Draft) -> Draft:
        """Insert or replace the draft for ``(draft.record_kind, draft.record_id)``.

        ``record_id`` None or 0 means a new, unsaved record. Returns the draft as stored, with
        ``saved_at`` set. Raises ``ValidationError`` if the payload cannot be stored as JSON.
        """
        key = _key(draft.record_id)
        clean = replace(draft, record_id=_record_id(key), saved_at=None)
        clean.validate()
        text = clean.payload_bytes().decode("utf-8")
        saved_at = utc_now_text()
        kind = RecordKind(clean.record_kind).value
        with self._vault.transaction() as tx:
            existed = tx.execute(
                "SELECT 1 FROM drafts WHERE record_kind = ? AND record_id = ?", (kind, key)
            ).fetchone() is not None
            tx.execute(
                "INSERT INTO drafts(record_kind, record_id, payload, saved_at) "
                "VALUES (?, ?, ?, ?) ON CONFLICT(record_kind, record_id) DO UPDATE SET "
                "payload = excluded.payload, saved_at = excluded.saved_at",
                (kind, key, text, saved_at),
            )
        clean.saved_at = parse_utc(saved_at)
        self._emit("changed" if existed else "added", [key])
        return clean

    def load(self, kind: RecordKind, record_id: int | None) -> Draft | None:
        """The draft for that record, or None. Raises ``ValidationError`` if it is damaged."""
        key = _key(record_id)
        row = self._vault.query_one(
            "SELECT payload, saved_at FROM drafts WHERE record_kind = ? AND record_id = ?",
            (RecordKind(kind).value, key),
        )
        if row is None:
            return None
        payload: Any = loads_json(str(row["payload"]).encode("utf-8"))
        if not isinstance(payload, dict):
            raise ValidationError("payload", "The saved content is damaged and cannot be read.")
        return Draft(
            record_kind=RecordKind(kind),
            record_id=_record_id(key),
            payload=payload,
            saved_at=parse_utc(str(row["saved_at"])),
        )

    def discard(self, kind: RecordKind, record_id: int | None) -> bool:
        """Delete the draft for that record; returns whether there was one."""
        key = _key(record_id)
        with self._vault.transaction() as tx:
            cursor = tx.execute(
                "DELETE FROM drafts WHERE record_kind = ? AND record_id = ?",
                (RecordKind(kind).value, key),
            )
            removed = int(cursor.rowcount) > 0
        if removed:
            self._emit("removed", [key])
        return removed

    def list(self) -> list[DraftInfo]:
        """Every draft, newest first, without payloads."""
        rows = self._vault.query(
            "SELECT record_kind, record_id, saved_at FROM drafts "
            "ORDER BY saved_at DESC, record_kind, record_id"
        )
        infos: list[DraftInfo] = []
        for row in rows:
            try:
                kind = RecordKind(str(row["record_kind"]))
            except ValueError:  # written by a newer PeerDesk: not ours to show
                log.warning("skipping a draft of an unknown kind")
                continue
            infos.append(
                DraftInfo(kind, _record_id(int(row["record_id"])), parse_utc(str(row["saved_at"])))
            )
        return infos


__all__ = ["NEW_RECORD", "DraftInfo", "DraftRepository"]
