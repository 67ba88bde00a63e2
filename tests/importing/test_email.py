"""An email saved as .eml becomes an entry: its headers, its words, and the original file and
its attachments as exhibits whose SHA-256 match the bytes on disk."""

from __future__ import annotations

import hashlib
import subprocess
from datetime import UTC, date, datetime, time, timedelta, timezone
from email.message import EmailMessage
from pathlib import Path

import pytest

from peerdesk.importing.base import ImportFailed
from peerdesk.importing.email import (
    MSG_MESSAGE,
    html_to_text,
    parse_email,
    read_email,
)
from peerdesk.models import Incident
from peerdesk.models.enums import Channel
from peerdesk.models.person import Person
from peerdesk.storage.repositories import Repositories
from peerdesk.storage.vault import Vault

FIXTURES = Path(__file__).parents[1] / "fixtures" / "email"
TWO = FIXTURES / "two-attachments.eml"
CET = timezone(timedelta(hours=1))


def test_the_headers_are_read_with_encoded_words_decoded() -> None:
    facts = parse_email(TWO.read_bytes())
    assert [(a.name, a.address) for a in facts.sender] == [
        ("Martin Köller", "m.keller@example.org")
    ]
    assert [a.shown() for a in facts.to] == ["Sam Rivera"]
    assert [a.shown() for a in facts.cc] == ["Priya Shah", "hr@example.org"]
    assert facts.date == datetime(2026, 3, 3, 13, 5, tzinfo=UTC)
    assert facts.offset == timedelta(hours=1)
    assert facts.subject == "Your “attitude” in today's meeting"
    assert facts.body.startswith("Sam,\n\nI will not tolerate that attitude again.")
    assert "in front of the team" in facts.body  # quoted-printable soft break joined
    assert [(a.name, len(a.data)) for a in facts.attachments] == [
        ("whiteboard.png", 70),
        ("Q1 figures – draft.pdf", 125),
    ]
    assert facts.problems == []


def test_an_email_with_two_attachments_plans_one_entry_with_three_exhibits() -> None:
    plan = read_email(TWO, tz=CET)
    assert plan.source == "email"
    (entry,) = plan.entries
    incident = entry.incident
    # The event is the email's moment on this computer's clock (here UTC+1, as sent).
    assert (incident.event_date, incident.event_time) == (date(2026, 3, 3), time(14, 5))
    assert incident.channel == Channel.EMAIL
    assert incident.title == "Your “attitude” in today's meeting"
    assert [(q.speaker_label, q.text[:4]) for q in incident.quotes] == [("Martin Köller", "Sam,")]
    assert entry.people == ["Martin Köller", "Sam Rivera", "Priya Shah", "hr@example.org"]
    provenance = incident.provenance
    assert provenance is not None
    assert (provenance.source, provenance.zone, provenance.reference) == (
        "email",
        "UTC+01:00",
        "two-attachments.eml",
    )
    assert provenance.written_at == datetime(2026, 3, 3, 13, 5, tzinfo=UTC)
    original = TWO.read_bytes()
    assert [f.name for f in entry.files] == [
        "two-attachments.eml",
        "whiteboard.png",
        "Q1 figures – draft.pdf",
    ]
    assert entry.files[0].data == original  # byte for byte
    assert entry.files[0].description == (
        "Email from Martin Köller to Sam Rivera, cc Priya Shah, hr@example.org, "
        "sent 3 Mar 2026, 14:05 (UTC+01:00), subject “Your “attitude” in today's meeting”"
    )
    assert entry.files[1].description.startswith(
        "Attachment 1 of 2 of the email from Martin Köller to Sam Rivera"
    )
    assert entry.files[2].description.startswith("Attachment 2 of 2 of the email from")
    assert incident.cleaned().title == incident.title  # it validates as an entry
    # Another computer's clock gives another local time for the same moment.
    other = read_email(TWO, tz=timezone(timedelta(hours=-5))).entries[0].incident
    assert (other.event_date, other.event_time) == (date(2026, 3, 3), time(8, 5))


def test_the_plan_stored_in_a_vault_keeps_three_exhibits_whose_sha256_match_sha256sum(
    vault: Vault,
) -> None:
    """What the import writer does with the plan, by the repositories' own calls: the
    exhibits' SHA-256 equal ``hashlib`` over the bytes and ``sha256sum`` of the .eml."""
    plan = read_email(TWO, tz=CET)
    (entry,) = plan.entries
    repos = Repositories(vault)
    people = [repos.persons.add(Person(display_name=name)) for name in entry.people]
    assert len(people) == 4
    saved: Incident = repos.incidents.add(entry.incident.cleaned())
    assert saved.id is not None
    for file in entry.files:
        repos.attachments.add(saved.id, file.name, file.data, description=file.description)
    stored = repos.attachments.list_for_incident(saved.id)
    assert len(stored) == 3
    on_disk = subprocess.run(
        ["sha256sum", str(TWO)], check=True, capture_output=True, text=True
    ).stdout.split()[0]
    assert stored[0].sha256 == on_disk == hashlib.sha256(TWO.read_bytes()).hexdigest()
    assert repos.attachments.read_bytes(stored[0].id or 0) == TWO.read_bytes()
    for file, attachment in zip(entry.files, stored, strict=True):
        assert attachment.sha256 == hashlib.sha256(file.data).hexdigest()
        assert attachment.description == file.description
    again = repos.incidents.get(saved.id)
    assert again.provenance is not None and again.provenance.source == "email"
    assert repos.incidents.imported_fingerprints([again.provenance.fingerprint])


def test_html_only_mail_becomes_plain_text_without_scripts_styles_or_remote_images() -> None:
    facts = parse_email((FIXTURES / "html-only.eml").read_bytes())
    assert facts.body_from_html
    assert facts.body == "Don't bother coming in on Monday.\n\nWe will talk\ncafé at 9."
    assert "alert" not in facts.body and "tracker" not in facts.body and "color" not in facts.body
    assert html_to_text("<p>a<script>x</script>b</p><style>y</style>&amp;") == "ab\n&"


def _message(**headers: str) -> EmailMessage:
    message = EmailMessage()
    for name, value in headers.items():
        message[name.replace("_", "-")] = value
    return message


def test_a_forwarded_message_inside_is_an_exhibit_and_read_to_a_limited_depth() -> None:
    inner = _message(From="a@example.org", Subject="Inner", Date="Mon, 2 Mar 2026 09:00:00 +0000")
    inner.set_content("the first words")
    for level in range(5):
        outer = _message(
            From="b@example.org", Subject=f"Fwd {level}", Date="Mon, 2 Mar 2026 10:00:00 +0000"
        )
        outer.set_content("see below")
        outer.add_attachment(inner)
        inner = outer
    facts = parse_email(outer.as_bytes())
    assert facts.subject == "Fwd 4"
    assert [a.media_type for a in facts.attachments] == ["message/rfc822"]
    assert facts.attachments[0].name == "attachment-1.eml"
    assert parse_email(facts.attachments[0].data).subject == "Fwd 3"
    depth, nested = 0, facts
    while nested.nested:
        depth, nested = depth + 1, nested.nested[0]
    assert depth == 2
    assert any("3 deep" in p for p in nested.problems)


def test_attachment_names_lose_their_folders() -> None:
    message = _message(From="a@example.org", Date="Mon, 2 Mar 2026 09:00:00 +0000")
    message.set_content("hi")
    message.add_attachment(b"x", maintype="text", subtype="plain", filename="../../etc/passwd")
    message.add_attachment(b"y", maintype="text", subtype="plain", filename="C:\\Users\\a\\b.txt")
    message.add_attachment(b"z", maintype="application", subtype="pdf")
    names = [a.name for a in parse_email(message.as_bytes()).attachments]
    assert names == ["passwd", "b.txt", "attachment-3.pdf"]


def test_an_outlook_msg_gets_the_save_as_eml_message(tmp_path: Path) -> None:
    path = tmp_path / "message.msg"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    with pytest.raises(ImportFailed) as caught:
        read_email(path)
    assert caught.value.message == MSG_MESSAGE
    assert str(caught.value).startswith("message.msg: Outlook .msg files cannot be read.")
    assert "Save As" in MSG_MESSAGE


def test_an_email_without_a_readable_date_cannot_start_an_entry_but_says_why() -> None:
    data = b"From: a@example.org\r\nSubject: x\r\nDate: the day after tomorrow\r\n\r\ntext\r\n"
    facts = parse_email(data)
    assert facts.date is None and facts.problems == ["The Date header could not be read."]
    with pytest.raises(ImportFailed, match=r"^undated\.eml: This email has no date"):
        read_email(data, "undated.eml")


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "empty"),
        (b"\x89PNG\r\n\x1a\n" + bytes(100), "not an email"),
        (b"just some words\nwithout headers\n", "not an email"),
    ],
)
def test_what_is_not_an_email_gets_a_plain_message(data: bytes, words: str) -> None:
    with pytest.raises(ImportFailed, match=words):
        read_email(data, "thing.eml")
