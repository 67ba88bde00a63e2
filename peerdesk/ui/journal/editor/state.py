"""What one open editor knows besides its widgets, shared by the editor and its helpers."""

from __future__ import annotations

from dataclasses import dataclass, field

from peerdesk.models import Incident
from peerdesk.models.attachment import Attachment
from peerdesk.models.person import Person
from peerdesk.ui.common.session import VaultSession


@dataclass
class EditorState:
    session: VaultSession
    #: None until the entry is first saved.
    incident_id: int | None
    #: The slot of this editor's draft ("" once the entry is saved).
    slot: str
    #: Started from Home's quick capture.
    from_capture: bool = False
    #: The capture handed over, until the entry is saved.
    capture_text: str | None = None
    #: The entry as stored (None for a new one).
    stored: Incident | None = None
    attachments: list[Attachment] = field(default_factory=list)
    #: The cast list.
    people: list[Person] = field(default_factory=list)
    #: Something typed is not saved.
    dirty: bool = False
    #: The widgets are being filled (changes are not the user's).
    loading: bool = False
    #: The editor closed (or the vault is closing).
    closed: bool = False
