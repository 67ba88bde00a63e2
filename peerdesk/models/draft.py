"""Unsaved editor content, kept (encrypted, by storage) so a crash or auto-lock loses nothing."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from peerdesk.models._checks import check_enum, check_id, check_utc
from peerdesk.models.enums import RecordKind
from peerdesk.models.errors import ValidationError
from peerdesk.models.serialize import canonical_json


@dataclass(slots=True, kw_only=True)
class Draft:
    """Editor content for one record: ``record_id`` None means a record not yet saved.

    ``payload`` is whatever the editor needs to restore itself, as JSON values (for a full
    record, :func:`~peerdesk.models.serialize.record_to_dict`). ``saved_at`` (UTC) is set by
    storage.
    """

    id: int | None = None
    record_kind: RecordKind
    record_id: int | None = None
    payload: dict[str, Any] = field(default_factory=dict)
    saved_at: datetime | None = None

    def payload_bytes(self) -> bytes:
        """``payload`` as canonical JSON, the form storage keeps."""
        return canonical_json(self.payload)

    def validate(self) -> None:
        check_id(self.id, field="id", optional=True)
        check_enum(self.record_kind, RecordKind, field="record_kind", label="Kind of record")
        check_id(self.record_id, field="record_id", label="Record", optional=True)
        if not isinstance(self.payload, dict):
            raise ValidationError("payload", "The draft's content must be a set of named values.")
        try:
            self.payload_bytes()
        except (TypeError, ValueError):
            raise ValidationError(
                "payload", "The draft's content contains something that cannot be saved."
            ) from None
        check_utc(self.saved_at, field="saved_at", label="Saved at", optional=True)
