"""Unsaved editor content, kept (encrypted, by storage) so a crash or auto-lock loses nothing."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from peerdesk.i18n import N_, _
from peerdesk.models._checks import check_enum, check_id, check_utc
from peerdesk.models.enums import RecordKind
from peerdesk.models.errors import ValidationError
from peerdesk.models.serialize import canonical_json

#: The slot of Home's quick capture (a new journal entry not yet opened in the editor).
CAPTURE_SLOT = "capture"
_SLOT = re.compile(r"[a-z0-9-]{0,64}")


def capture_payload(text: str, when: datetime) -> dict[str, Any]:
    """What Home's quick capture keeps as its draft: the text and when it happened."""
    return {
        "narrative": text,
        "event_date": when.date().isoformat(),
        "event_time": when.time().strftime("%H:%M"),
    }


def capture_when(payload: dict[str, Any]) -> datetime | None:
    """When it happened, as a quick-capture draft keeps it (:func:`capture_payload`), or None."""
    day, at = payload.get("event_date"), payload.get("event_time")
    if not (isinstance(day, str) and isinstance(at, str)):
        return None
    try:
        return datetime.fromisoformat(f"{day}T{at}")
    except ValueError:
        return None


def new_entry_slot() -> str:
    """A slot no other editor uses: each new-entry editor keeps its own draft."""
    return "entry-" + secrets.token_hex(8)


@dataclass(slots=True, kw_only=True)
class Draft:
    """Editor content for one record: ``record_id`` None means a record not yet saved.

    ``slot`` tells apart several drafts of the same record key, so that no editor's draft can
    replace another's: each new-entry editor has its own (:func:`new_entry_slot`), Home's quick
    capture has :data:`CAPTURE_SLOT`, and an existing record's one draft has ``""``.

    ``payload`` is whatever the editor needs to restore itself, as JSON values (for a full
    record, :func:`~peerdesk.models.serialize.record_to_dict`). ``saved_at`` (UTC) is set by
    storage.
    """

    id: int | None = None
    record_kind: RecordKind
    record_id: int | None = None
    slot: str = ""
    payload: dict[str, Any] = field(default_factory=dict)
    saved_at: datetime | None = None

    def payload_bytes(self) -> bytes:
        """``payload`` as canonical JSON, the form storage keeps."""
        return canonical_json(self.payload)

    def validate(self) -> None:
        check_id(self.id, field="id", optional=True)
        # translators: the name of a field, in messages such as "{name} is required."
        check_enum(self.record_kind, RecordKind, field="record_kind", label=N_("Kind of record"))
        # translators: the name of a field, in messages such as "{name} is required."
        check_id(self.record_id, field="record_id", label=N_("Record"), optional=True)
        if not isinstance(self.slot, str) or not _SLOT.fullmatch(self.slot):
            raise ValidationError("slot", _("The draft's slot must be a short plain name."))
        if not isinstance(self.payload, dict):
            raise ValidationError(
                "payload", _("The draft's content must be a set of named values.")
            )
        try:
            self.payload_bytes()
        except (TypeError, ValueError):
            raise ValidationError(
                "payload", _("The draft's content contains something that cannot be saved.")
            ) from None
        # translators: the name of a field, in messages such as "{name} is required."
        check_utc(self.saved_at, field="saved_at", label=N_("Saved at"), optional=True)
