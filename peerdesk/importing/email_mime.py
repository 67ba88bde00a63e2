"""Reading an .eml with limits: the facts of an email (:class:`EmailFacts`) from its bytes.

Python's ``email`` package with ``policy.default`` decodes RFC 2047 encoded words and RFC 2231
file names. Everything is read with limits (the size of the file, of each attachment, of the
text, the number of parts and how deeply messages nest); a header or part that cannot be read
is left out with a note in :attr:`EmailFacts.problems`; HTML is turned into plain text by
dropping its tags (:func:`html_to_text`), never rendered, and nothing is ever fetched. What is
not an email at all raises :class:`~peerdesk.importing.base.ImportFailed`. The entry an email
starts is :mod:`peerdesk.importing.email`.
"""

from __future__ import annotations

import email
import email.errors
import email.policy
import email.utils
import mimetypes
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage, Message
from html.parser import HTMLParser
from pathlib import PurePosixPath, PureWindowsPath

from peerdesk.i18n import N_, _, ngettext
from peerdesk.importing.base import ImportFailed
from peerdesk.models.dates import clock, short_date
from peerdesk.models.text import FILENAME_MAX, NAME_MAX, TITLE_MAX

#: The largest .eml read (the vault keeps no larger file as one exhibit).
MAX_EMAIL_BYTES = 50 * 1024 * 1024
#: An attachment larger than this (decoded) is left out, with a note.
MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024
#: At most this many attachments become exhibits.
MAX_ATTACHMENTS = 100
#: At most this many MIME parts are looked at.
MAX_PARTS = 1000
#: Messages inside messages (forwarded as attachments) are followed this deep.
MAX_DEPTH = 3
#: The body kept as the quote is cut here (the whole text stays in the exhibit).
MAX_BODY_CHARS = 200_000

MSG_MESSAGE = N_(
    "Outlook .msg files cannot be read. Save the message as .eml instead: File ▸ Save As… "
    "where Outlook offers .eml (in Outlook on the web and the new Outlook: ··· ▸ Download), "
    "or drag it from Outlook for Mac to a folder; then add that file."
)
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass(frozen=True)
class Address:
    """One address of a header: the display name (may be empty) and the address."""

    name: str
    address: str

    def shown(self) -> str:
        return self.name or self.address


@dataclass(frozen=True)
class EmailAttachment:
    name: str
    data: bytes
    media_type: str = "application/octet-stream"


@dataclass
class EmailFacts:
    """What an email says about itself. ``date`` is UTC; ``offset`` the sender's own offset."""

    sender: tuple[Address, ...] = ()
    to: tuple[Address, ...] = ()
    cc: tuple[Address, ...] = ()
    date: datetime | None = None
    offset: timedelta | None = None
    subject: str = ""
    body: str = ""
    #: The body was made from HTML (the email had no plain text).
    body_from_html: bool = False
    attachments: list[EmailAttachment] = field(default_factory=list)
    #: Messages attached to this one (forwarded as attachments), read to ``MAX_DEPTH``.
    nested: list[EmailFacts] = field(default_factory=list)
    #: What could not be read, in plain words (no content).
    problems: list[str] = field(default_factory=list)

    def header_line(self) -> str:
        """ "Email from A to B, cc C, sent 3 Mar 2026, 14:05 (UTC+01:00), subject “…”"."""
        sender = _people(self.sender) or _("an unknown sender")
        if self.to:
            # translators: {sender} and {recipients} are names or addresses
            first = _("Email from {sender} to {recipients}").format(
                sender=sender, recipients=_people(self.to)
            )
        else:
            # translators: {sender} is a name or an address
            first = _("Email from {sender}").format(sender=sender)
        return ", ".join([first, *self._details()])

    def attachment_line(self, number: int, count: int) -> str:
        """ "Attachment 1 of 2 of the email from A, sent 3 Mar 2026, 14:05 (UTC+01:00), …"."""
        sender = _people(self.sender) or _("an unknown sender")
        if self.to:
            # translators: {number} of {count} attachments; {sender} and {recipients} are names
            first = _(
                "Attachment {number} of {count} of the email from {sender} to {recipients}"
            ).format(number=number, count=count, sender=sender, recipients=_people(self.to))
        else:
            # translators: {number} of {count} attachments; {sender} is a name or an address
            first = _("Attachment {number} of {count} of the email from {sender}").format(
                number=number, count=count, sender=sender
            )
        return ", ".join([first, *self._details()])

    def _details(self) -> list[str]:
        """The parts of :meth:`header_line` after the sender: cc, when sent, the subject."""
        parts = []
        if self.cc:
            # translators: {people} are the names or addresses an email was copied to
            parts.append(_("cc {people}").format(people=_people(self.cc)))
        if self.date is not None:
            # translators: {when} is a date and time, e.g. 3 Mar 2026, 14:05 (UTC+01:00)
            parts.append(_("sent {when}").format(when=sent_text(self.date, self.offset)))
        if self.subject:
            # translators: {subject} is an email's subject line
            parts.append(_("subject “{subject}”").format(subject=self.subject))
        return parts


def _people(addresses: tuple[Address, ...]) -> str:
    shown = [a.shown() for a in addresses[:5]]
    more = len(addresses) - len(shown)
    if more <= 0:
        return ", ".join(shown)
    # translators: {people} is a list of names or addresses; {count} how many more there are
    return ngettext("{people} and {count} more", "{people} and {count} more", more).format(
        people=", ".join(shown), count=more
    )


def zone_name(offset: timedelta | None) -> str:
    """``UTC+01:00`` for an offset (empty for None)."""
    if offset is None:
        return ""
    minutes = int(offset.total_seconds()) // 60
    sign = "+" if minutes >= 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}:{rest:02d}"


def sent_text(moment: datetime, offset: timedelta | None) -> str:
    """The moment on the sender's own clock, as the header gives it: "3 Mar 2026, 14:05
    (UTC+01:00)"."""
    local = moment + (offset or timedelta(0))
    # translators: when an email was sent: {date} (e.g. 3 Mar 2026), {time} (14:05) and
    # {zone} (UTC+01:00)
    return _("{date}, {time} ({zone})").format(
        date=short_date(local.date()), time=clock(local), zone=zone_name(offset or timedelta(0))
    )


# -- reading -----------------------------------------------------------------------------------


def parse_email(data: bytes) -> EmailFacts:
    """The facts of an .eml. Raises :class:`ImportFailed` for what is not an email at all (an
    Outlook .msg, an empty or binary file, one over :data:`MAX_EMAIL_BYTES`)."""
    if len(data) > MAX_EMAIL_BYTES:
        raise ImportFailed(
            # translators: {size} is a number of megabytes
            _("This email is larger than {size} MB, more than the vault keeps as one file.").format(
                size=MAX_EMAIL_BYTES // (1024 * 1024)
            )
        )
    if data.startswith(_OLE_MAGIC):
        raise ImportFailed(MSG_MESSAGE)
    if not data.strip():
        raise ImportFailed(_("This file is empty: there is no email in it."))
    if b"\x00" in data[:4096] or not _looks_like_headers(data):
        raise ImportFailed(_("This file is not an email saved as .eml (it has no mail headers)."))
    try:
        message = email.message_from_bytes(data, policy=email.policy.default)
    except Exception:  # the parser is meant not to raise; if it does, say so
        raise ImportFailed(_("This email could not be read: it is damaged.")) from None
    counter = [0]
    return _facts(message, depth=0, counter=counter)


_HEADER_RE = re.compile(rb"^[!-9;-~]{1,76}:", re.MULTILINE)


def _looks_like_headers(data: bytes) -> bool:
    head = data[:8192].split(b"\n\n", 1)[0].split(b"\r\n\r\n", 1)[0]
    names = {m.group(0)[:-1].lower() for m in _HEADER_RE.finditer(head)}
    return bool(names & {b"from", b"to", b"date", b"subject", b"message-id", b"received"})


def _facts(message: Message, *, depth: int, counter: list[int]) -> EmailFacts:
    facts = EmailFacts()
    facts.sender = _addresses(message, "from", facts)
    facts.to = _addresses(message, "to", facts)
    facts.cc = _addresses(message, "cc", facts)
    facts.subject = _one_line(_header(message, "subject", facts), TITLE_MAX * 4)
    facts.date, facts.offset = _date(message, facts)
    facts.body, facts.body_from_html = _body(message, facts)
    _walk_attachments(message, facts, depth=depth, counter=counter)
    return facts


def _too_large(number: int) -> str:
    # translators: {number} is an attachment's position in the email
    return _("Attachment {number} is larger than 50 MB and was left out.").format(number=number)


def _header_problem(name: str) -> str:
    # translators: {header} is an email header's own name (From, To, Cc, Subject): keep it
    return _("The {header} header could not be read.").format(header=name.capitalize())


def _header(message: Message, name: str, facts: EmailFacts) -> str:
    try:
        value = message.get(name)
        return "" if value is None else str(value)
    except Exception:  # a malformed header of any kind is skipped, not fatal
        facts.problems.append(_header_problem(name))
        return ""


def _raw_header(message: Message, name: str) -> str:
    """The header as written (unfolded), without the parser's reading of it."""
    try:
        for key, value in message.raw_items():
            if key.lower() == name:
                return " ".join(str(value).split())
    except Exception:  # a damaged header block
        return ""
    return ""


def _addresses(message: Message, name: str, facts: EmailFacts) -> tuple[Address, ...]:
    found: list[Address] = []
    try:
        headers = message.get_all(name) or []
        for header in headers:
            group = getattr(header, "addresses", None)
            if group is None:
                pairs = email.utils.getaddresses([str(header)])
                found += [Address(_one_line(n, NAME_MAX), _one_line(a, 320)) for n, a in pairs]
                continue
            for address in group:
                found.append(
                    Address(
                        _one_line(address.display_name or "", NAME_MAX),
                        _one_line(address.addr_spec or "", 320),
                    )
                )
    except Exception:  # the parser raises many kinds on a broken address list
        facts.problems.append(_header_problem(name))
        return ()
    seen: set[tuple[str, str]] = set()
    unique = []
    for address in found:
        key = (address.name.lower(), address.address.lower())
        if (address.name or address.address) and key not in seen:
            seen.add(key)
            unique.append(address)
    return tuple(unique[:200])


def _date(message: Message, facts: EmailFacts) -> tuple[datetime | None, timedelta | None]:
    raw = _raw_header(message, "date")
    if not raw.strip():
        return None, None
    try:
        moment = email.utils.parsedate_to_datetime(raw)
    except (TypeError, ValueError, IndexError, OverflowError):
        facts.problems.append(_("The Date header could not be read."))
        return None, None
    if moment is None:
        facts.problems.append(_("The Date header could not be read."))
        return None, None
    if moment.tzinfo is None:  # "-0000": the time is UTC, the sender's zone unknown
        return moment.replace(tzinfo=UTC), None
    try:
        return moment.astimezone(UTC), moment.utcoffset()
    except (OverflowError, ValueError):
        facts.problems.append(_("The Date header could not be read."))
        return None, None


def _text_of(part: Message, facts: EmailFacts) -> str:
    try:
        content = part.get_content() if isinstance(part, EmailMessage) else None
        if isinstance(content, str):
            return content
    except (LookupError, UnicodeError, ValueError, AssertionError, KeyError, TypeError):
        pass  # an unknown or wrong charset: decode the bytes ourselves below
    try:
        payload = part.get_payload(decode=True)
    except Exception:  # broken transfer encodings
        payload = None
    if not isinstance(payload, bytes):
        facts.problems.append(_("A part of the text could not be read."))
        return ""
    charset = part.get_content_charset() or "utf-8"
    try:
        return payload.decode(charset, "replace")
    except LookupError:
        facts.problems.append(_("The text names an unknown character set; read as UTF-8."))
        return payload.decode("utf-8", "replace")


def _body(message: Message, facts: EmailFacts) -> tuple[str, bool]:
    try:
        plain = message.get_body(("plain",)) if isinstance(message, EmailMessage) else None
        html = None if plain is not None else message.get_body(("html",))  # type: ignore[attr-defined]
    except Exception:  # a broken multipart structure
        facts.problems.append(_("The structure of the email is damaged; its text was not found."))
        return "", False
    if plain is not None:
        text, from_html = _text_of(plain, facts), False
    elif html is not None:
        text, from_html = html_to_text(_text_of(html, facts)), True
    else:
        return "", False
    text = text.replace("\r\n", "\n").strip()
    if len(text) > MAX_BODY_CHARS:
        text = text[:MAX_BODY_CHARS].rstrip() + _("\n[…the rest is in the original email]")
        facts.problems.append(_("The text is very long; the quote keeps its beginning."))
    return text, from_html


def _walk_attachments(
    message: Message, facts: EmailFacts, *, depth: int, counter: list[int]
) -> None:
    try:
        parts = list(message.iter_attachments()) if isinstance(message, EmailMessage) else []
    except Exception:
        facts.problems.append(_("The attachments could not be listed: the email is damaged."))
        return
    for part in parts:
        counter[0] += 1
        if counter[0] > MAX_PARTS or len(facts.attachments) >= MAX_ATTACHMENTS:
            facts.problems.append(
                _("The email has more parts than are read; the rest is left out.")
            )
            return
        _one_attachment(part, facts, depth=depth, counter=counter)


def _one_attachment(part: Message, facts: EmailFacts, *, depth: int, counter: list[int]) -> None:
    number = len(facts.attachments) + 1
    if part.get_content_type() == "message/rfc822":
        _nested(part, facts, number=number, depth=depth, counter=counter)
        return
    try:
        data = part.get_payload(decode=True)
    except Exception:
        data = None
    if not isinstance(data, bytes) or not data:
        facts.problems.append(
            _("Attachment {number} is empty or damaged and was left out.").format(number=number)
        )
        return
    if len(data) > MAX_ATTACHMENT_BYTES:
        facts.problems.append(_too_large(number))
        return
    media = part.get_content_type()
    facts.attachments.append(EmailAttachment(_file_name(part, number, media), data, media))


def _nested(
    part: Message, facts: EmailFacts, *, number: int, depth: int, counter: list[int]
) -> None:
    try:
        inner = part.get_payload(0)
        data = inner.as_bytes() if isinstance(inner, Message) else b""
    except Exception:
        inner, data = None, b""
    if not isinstance(inner, Message) or not data:
        facts.problems.append(
            _("The message attached as attachment {number} is damaged.").format(number=number)
        )
        return
    if len(data) > MAX_ATTACHMENT_BYTES:
        facts.problems.append(_too_large(number))
        return
    if depth + 1 < MAX_DEPTH:
        facts.nested.append(_facts(inner, depth=depth + 1, counter=counter))
    else:
        facts.problems.append(_("Messages inside messages are read only 3 deep."))
    name = _file_name(part, number, "message/rfc822")
    facts.attachments.append(EmailAttachment(name, data, "message/rfc822"))


def _file_name(part: Message, number: int, media: str) -> str:
    try:
        name = part.get_filename() or ""
    except Exception:  # a broken RFC 2231 parameter
        name = ""
    # Only the last element of any path, in either convention ("../../x", "C:\\x").
    name = PureWindowsPath(PurePosixPath(_one_line(name, 1000)).name).name.strip(" .")
    if not name:
        extension = ".eml" if media == "message/rfc822" else mimetypes.guess_extension(media)
        name = f"attachment-{number}{extension or '.bin'}"
    if len(name) > FILENAME_MAX:
        _stem, dot, suffix = name.rpartition(".")
        keep = f".{suffix}" if dot and len(suffix) < 12 else ""
        name = name[: FILENAME_MAX - len(keep)] + keep
    return name


def _one_line(text: str, cap: int) -> str:
    text = text.encode("utf-8", "replace").decode("utf-8")  # lone surrogates from bad bytes
    text = re.sub(r"[\x00-\x1f\x7f]+", " ", text)
    return " ".join(text.split())[:cap]


class _TextOfHtml(HTMLParser):
    """Plain text of HTML: tags dropped, a line break for each block, script and style left
    out, entities decoded. Nothing is rendered or fetched."""

    _BLOCKS = frozenset(
        {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote"}
        | {"pre", "table", "ul", "ol", "hr", "section", "article"}
    )
    _HIDDEN = frozenset({"script", "style", "head", "title", "template"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._HIDDEN:
            self._hidden += 1
        elif tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._HIDDEN:
            self._hidden = max(0, self._hidden - 1)
        elif tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """The words of an HTML body as plain text (see :class:`_TextOfHtml`)."""
    parser = _TextOfHtml()
    try:
        parser.feed(html)
        parser.close()
    except Exception:  # html.parser is lenient; keep what was read
        parser.parts.append("")
    lines = [" ".join(line.split()) for line in "".join(parser.parts).splitlines()]
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


__all__ = [
    "MAX_ATTACHMENTS",
    "MAX_ATTACHMENT_BYTES",
    "MAX_DEPTH",
    "MAX_EMAIL_BYTES",
    "MSG_MESSAGE",
    "Address",
    "EmailAttachment",
    "EmailFacts",
    "html_to_text",
    "parse_email",
    "sent_text",
    "zone_name",
]
