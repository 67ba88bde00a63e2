"""What a report reproduces is read from the vault only when the profile asks for it: pictures
with their size, every other exhibit's bytes, each read once, exactly as added."""

from __future__ import annotations

import random
from datetime import date

from peerdesk.demo import demo_png
from peerdesk.models.incident import Incident
from peerdesk.storage.attachments import AttachmentRepository
from peerdesk.storage.incidents import IncidentRepository
from peerdesk.storage.report_source import read_report_source
from peerdesk.storage.vault import Vault

PDF = b"%PDF-1.4\n% not parsed here\n"
EML = b"From: a@example.org\r\nSubject: hello\r\n\r\nbody\r\n"
# A PNG signature with a header too short to read a size from: kept as a file, not a picture.
BROKEN_PNG = b"\x89PNG\r\n\x1a\n\x00\x00"


def test_exhibit_bytes_are_read_only_when_reproduced(vault: Vault) -> None:
    incident = IncidentRepository(vault).add(
        Incident(event_date=date(2026, 2, 3), title="Entry", narrative="Text")
    )
    assert incident.id is not None
    attachments = AttachmentRepository(vault)
    png = demo_png(random.Random(2), 40, 30)
    added = {
        name: attachments.add(incident.id, name, data)
        for name, data in (
            ("a.png", png),
            ("b.pdf", PDF),
            ("c.eml", EML),
            ("d.png", BROKEN_PNG),
        )
    }
    ids = {name: a.id for name, a in added.items()}

    listed = read_report_source(vault, images=False)
    assert listed.images == {} and listed.exhibit_files == {}
    assert len(listed.entries[0].attachments) == 4

    source = read_report_source(vault, images=True)
    assert set(source.images) == {ids["a.png"]}
    picture = source.images[ids["a.png"] or 0]
    assert (picture.width, picture.height, picture.data) == (40, 30, png)
    assert dict(source.exhibit_files) == {
        ids["b.pdf"]: PDF,
        ids["c.eml"]: EML,
        ids["d.png"]: BROKEN_PNG,
    }
