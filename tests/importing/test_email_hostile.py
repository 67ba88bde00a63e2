"""Hostile email: mutated .eml bytes, broken headers and charsets, huge parts. Each is read
as far as it can be or refused with a plain message; nothing crashes."""

from __future__ import annotations

from datetime import UTC
from email.message import EmailMessage
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from peerdesk.importing import email_mime
from peerdesk.importing.base import ImportFailed
from peerdesk.importing.email import parse_email, read_email
from peerdesk.models.person import Person

FIXTURES = Path(__file__).parents[1] / "fixtures" / "email"
SAMPLES = [(FIXTURES / n).read_bytes() for n in ("two-attachments.eml", "html-only.eml")]


def _read(data: bytes) -> None:
    """Reads or refuses; anything else propagates and fails the test."""
    try:
        plan = read_email(data, "mutated.eml", tz=UTC)
    except ImportFailed as error:
        assert str(error).startswith("mutated.eml: ")
        assert error.message.strip()
        return
    (entry,) = plan.entries
    entry.incident.cleaned()  # whatever was read is a valid entry
    for name in entry.people:
        Person(display_name=name).cleaned()
    assert entry.files[0].data == data
    for file in entry.files:
        assert file.name and "/" not in file.name and "\\" not in file.name
        assert len(file.description) <= 500


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(st.sampled_from(SAMPLES)))
    for _ in range(draw(st.integers(1, 8))):
        kind = draw(st.sampled_from(["flip", "cut", "insert", "delete"]))
        at = draw(st.integers(0, max(0, len(data) - 1)))
        if kind == "flip" and data:
            data[at] = draw(st.integers(0, 255))
        elif kind == "cut":
            del data[at:]
        elif kind == "insert":
            data[at:at] = draw(
                st.sampled_from(
                    [
                        b"=?UTF-8?B?////?=",
                        b"=?x-unknown?Q?=FF=FE?=",
                        b'\r\nContent-Type: multipart/mixed; boundary=""\r\n',
                        b"\r\nDate: Feb 30 99999 25:61:61 +9999\r\n",
                        b'\r\nFrom: <<<@@>>>, "unclosed\r\n',
                        b'charset="no-such-charset"',
                        b"\x00\xff\xfe",
                        b"\r\n--XYZ-outer\r\nContent-Type: message/rfc822\r\n\r\n",
                        b"filename*=UTF-8''%ZZ%",
                    ]
                )
            )
        elif kind == "delete" and data:
            del data[at : at + draw(st.integers(1, 40))]
    return bytes(data)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutated_emails_are_read_or_refused_plainly(data: bytes) -> None:
    _read(data)


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=2000))
def test_random_bytes_are_read_or_refused_plainly(data: bytes) -> None:
    _read(b"From: a@example.org\r\nDate: Mon, 2 Mar 2026 09:00:00 +0000\r\n" + data)


def test_an_unknown_charset_is_read_as_utf8_with_a_note() -> None:
    data = (
        b"From: a@example.org\r\nDate: Mon, 2 Mar 2026 09:00:00 +0000\r\nSubject: s\r\n"
        b"Content-Type: text/plain; charset=x-klingon\r\n\r\ncaf\xc3\xa9 \xff\r\n"
    )
    facts = parse_email(data)
    assert facts.body == "café \ufffd"
    assert any("character set" in p for p in facts.problems)


def test_malformed_address_headers_are_left_out_not_fatal() -> None:
    data = (
        b'From: =?utf-8?q?broken <@@>, "\r\nTo: ,,,;;;<>\r\n'
        b"Date: Mon, 2 Mar 2026 09:00:00 +0000\r\nSubject: =?utf-8?b?not base64?=\r\n\r\nhi\r\n"
    )
    plan = read_email(data, "odd.eml", tz=UTC)
    (entry,) = plan.entries
    assert entry.incident.cleaned().title  # a title even when the subject is odd
    assert entry.files[0].data == data


def test_a_huge_attachment_is_left_out_with_a_note(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(email_mime, "MAX_ATTACHMENT_BYTES", 1000)
    message = EmailMessage()
    message["From"] = "a@example.org"
    message["Date"] = "Mon, 2 Mar 2026 09:00:00 +0000"
    message.set_content("hi")
    message.add_attachment(b"x" * 5000, maintype="application", subtype="octet-stream")
    message.add_attachment(b"small", maintype="text", subtype="plain", filename="ok.txt")
    plan = read_email(message.as_bytes(), "big.eml", tz=UTC)
    assert [f.name for f in plan.entries[0].files] == ["big.eml", "ok.txt"]
    assert [s.reason for s in plan.skipped] == [
        "Attachment 1 is larger than 50 MB and was left out."
    ]


def test_an_email_over_the_size_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.eml"
    with path.open("wb") as out:
        out.truncate(email_mime.MAX_EMAIL_BYTES + 1)
    with pytest.raises(ImportFailed, match=r"^huge\.eml: This email is larger than 50 MB"):
        read_email(path)
