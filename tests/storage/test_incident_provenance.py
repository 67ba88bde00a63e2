"""An imported entry's provenance is the import's alone: an edit that does not carry it (as an
editor built before provenance existed would not) keeps it, and the list's summaries read it."""

from __future__ import annotations

from datetime import UTC, date, datetime

from peerdesk.models import Incident
from peerdesk.models.provenance import Provenance
from peerdesk.storage.incidents import IncidentRepository
from peerdesk.storage.vault import Vault


def test_an_edit_without_the_provenance_keeps_it_and_its_fingerprint(vault: Vault) -> None:
    repo = IncidentRepository(vault)
    claim = Provenance(
        source="email",
        fingerprint="12" * 32,
        written_at=datetime(2026, 3, 3, 13, 5, tzinfo=UTC),
        zone="UTC+01:00",
        reference="message.eml",
    )
    saved = repo.add(Incident(event_date=date(2026, 3, 3), title="sent", provenance=claim))
    edited = repo.get(saved.id or 0)
    edited.provenance = None
    edited.title = "sent, corrected"
    repo.update(edited)
    again = repo.get(saved.id or 0)
    assert again.title == "sent, corrected" and again.provenance == claim
    assert repo.imported_fingerprints([claim.fingerprint]) == {claim.fingerprint}
    assert repo.summary(saved.id or 0).provenance == claim
    plain = repo.add(Incident(event_date=date(2026, 3, 4), title="mine"))
    assert repo.summary(plain.id or 0).provenance is None
