"""An email saved from the mail program (.eml) as evidence: who wrote it to whom, when, about
what, its words, and the files inside it (issue 14, part 4).

:func:`parse_email` reads the facts with Python's ``email`` package (``policy.default``:
RFC 2047 encoded words and RFC 2231 file names are decoded); :func:`read_email` turns them into
an :class:`~peerdesk.importing.base.ImportPlan` of one entry: the event is the email's date,
the title its subject, the people its sender and recipients, the body a quote from the sender,
and the original file, byte for byte, an exhibit whose description carries the headers; every
attachment inside the email is an exhibit too.

Times: the email's Date header carries the sender's own clock and offset. The entry's event
date and time are that moment on *this computer's* clock (``tz``: the local zone unless given),
like every other entry's time, which the user states on their own clock; the provenance keeps
the moment in UTC and the sender's offset as its zone ("UTC+01:00"); the exhibit's description
quotes the header's own clock and offset, as the email shows it.

Hostile mail is read with limits by :mod:`.email_mime` (:func:`parse_email`): what cannot be
read is left out with a note, what is not an email at all raises :class:`ImportFailed`.

Outlook's .msg files are not read (no maintained reader installs cleanly everywhere): the
message says how to save the mail as .eml.
"""

from __future__ import annotations

from datetime import tzinfo
from pathlib import Path

from peerdesk.i18n import _
from peerdesk.importing.base import (
    ImportedEntry,
    ImportedFile,
    ImportFailed,
    ImportPlan,
    Skipped,
    fingerprint,
)
from peerdesk.importing.email_mime import (
    MAX_EMAIL_BYTES,
    MSG_MESSAGE,
    Address,
    EmailAttachment,
    EmailFacts,
    html_to_text,
    parse_email,
    sent_text,
    zone_name,
)
from peerdesk.models.enums import Channel
from peerdesk.models.incident import Incident
from peerdesk.models.incident_parts import Quote
from peerdesk.models.provenance import REFERENCE_MAX, Provenance
from peerdesk.models.text import NAME_MAX, SHORT_MAX, TITLE_MAX, clean_text, visible_filename

#: At most this many people are taken from the addresses (a mail to a whole department would
#: otherwise fill the cast list).
MAX_PEOPLE = 12


# -- the plan ----------------------------------------------------------------------------------


def attachment_description(facts: EmailFacts, number: int, count: int) -> str:
    """ "Attachment 1 of 2 of the email from A, sent 3 Mar 2026, 14:05 (UTC+01:00), subject …"."""
    return _short(facts.attachment_line(number, count))


def _short(text: str, cap: int = SHORT_MAX) -> str:
    return text if len(text) <= cap else text[: cap - 1].rstrip() + "…"


def email_files(data: bytes, name: str, facts: EmailFacts) -> list[ImportedFile]:
    """The exhibits of an email: the original file byte for byte, then each attachment."""
    files = [ImportedFile(name=name, data=data, description=_short(facts.header_line()))]
    count = len(facts.attachments)
    for number, attachment in enumerate(facts.attachments, start=1):
        files.append(
            ImportedFile(
                name=attachment.name,
                data=attachment.data,
                description=attachment_description(facts, number, count),
            )
        )
    return files


def email_people(facts: EmailFacts) -> list[str]:
    """Names for the cast list: sender, then To, then Cc (display name, else the address)."""
    names: list[str] = []
    for address in (*facts.sender, *facts.to, *facts.cc):
        shown = _clean(address.shown(), NAME_MAX)
        if shown and shown.lower() not in {n.lower() for n in names}:
            names.append(shown)
    return names[:MAX_PEOPLE]


def _clean(text: str, cap: int | None = None) -> str:
    """``text`` as the entry will keep it (one line when ``cap`` is given), cut to ``cap``."""
    cleaned = clean_text(text, field="email", multiline=cap is None)
    return cleaned if cap is None else cleaned[:cap].strip()


def email_incident(facts: EmailFacts, data: bytes, name: str, tz: tzinfo | None = None) -> Incident:
    """The entry an email starts (unsaved, with its provenance); see the module docstring."""
    if facts.date is None:
        raise ImportFailed(
            _(
                "This email has no date that can be read, so it cannot start an entry on its own. "
                "Attach it to an entry in the journal instead."
            ),
            where=visible_filename(name),
        )
    local = facts.date.astimezone(tz) if tz is not None else facts.date.astimezone()
    sender = (_clean(facts.sender[0].shown(), NAME_MAX) if facts.sender else "") or _("The sender")
    body = _clean(facts.body)
    quotes = [Quote(speaker_label=sender, text=body)] if body else []
    title = _clean(facts.subject, TITLE_MAX) or _clean(
        # translators: an imported email's title when it has no subject; {sender} is a name
        _("Email from {sender}").format(sender=sender),
        TITLE_MAX,
    )
    narrative = facts.header_line() + "."
    if body:
        narrative += _(" Its text is kept below as a quote")
        narrative += (
            _(" (made from the email's HTML, without formatting).") if facts.body_from_html else "."
        )
    narrative += _(" The original email is kept as an exhibit, exactly as it was saved.")
    return Incident(
        event_date=local.date(),
        event_time=local.time().replace(second=0, microsecond=0),
        channel=Channel.EMAIL,
        title=title,
        narrative=narrative,
        quotes=quotes,
        provenance=Provenance(
            source="email",
            fingerprint=fingerprint("email", data),
            written_at=facts.date,
            zone=zone_name(facts.offset),
            reference=visible_filename(name)[:REFERENCE_MAX],
        ),
    )


def read_email(
    source: Path | str | bytes, name: str = "", *, tz: tzinfo | None = None
) -> ImportPlan:
    """An :class:`ImportPlan` of one entry from an .eml (a path, or its bytes with ``name``).

    Raises :class:`ImportFailed` naming the file when it cannot be read at all or has no date.
    """
    if isinstance(source, bytes):
        data, name = source, name or "message.eml"
    else:
        path = Path(source)
        name = name or path.name
        try:
            if path.stat().st_size > MAX_EMAIL_BYTES:
                raise ImportFailed(
                    _("This email is larger than 50 MB, more than the vault keeps as one file."),
                    where=visible_filename(name),
                )
            data = path.read_bytes()
        except OSError:
            raise ImportFailed(
                _("This file could not be read."), where=visible_filename(name)
            ) from None
    try:
        facts = parse_email(data)
    except ImportFailed as error:
        raise ImportFailed(error.message, where=visible_filename(name)) from None
    entry = ImportedEntry(
        incident=email_incident(facts, data, name, tz),
        people=email_people(facts),
        files=email_files(data, name, facts),
    )
    plan = ImportPlan(source="email", entries=[entry])
    for problem in facts.problems:
        plan.skipped.append(Skipped(where=visible_filename(name), reason=problem))
    return plan


__all__ = [
    "MAX_EMAIL_BYTES",
    "MAX_PEOPLE",
    "MSG_MESSAGE",
    "Address",
    "EmailAttachment",
    "EmailFacts",
    "attachment_description",
    "email_files",
    "email_incident",
    "email_people",
    "html_to_text",
    "parse_email",
    "read_email",
    "sent_text",
    "zone_name",
]
