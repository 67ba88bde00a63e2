"""What the support panel shows of a resource, as text: its rank (emergency numbers and crisis
lines first), its country's name, where it was listed, and its contact as escaped HTML with only
``tel:`` and ``https:`` links (resource text is never interpreted as markup).
"""

from __future__ import annotations

import html
import re
from typing import Final

from PySide6.QtCore import QLocale, QUrl
from PySide6.QtGui import QDesktopServices

from peerdesk.i18n import N_, PSEUDO, _, current_language
from peerdesk.models.dates import long_date
from peerdesk.models.resource import Resource

#: How the stored notes of an emergency number and a crisis line begin (compared, not shown).
EMERGENCY_PREFIX: Final = "Emergency:"  # i18n: keep — compared with stored notes
CRISIS_PREFIX: Final = "Crisis line:"  # i18n: keep — compared with stored notes
#: Shown through ``_()`` where they are used.
ALL_COUNTRIES: Final = N_("All countries")
DANGER_LINE: Final = N_("If you are in danger now, call your local emergency number.")
CHECK_LINE: Final = N_(
    "Numbers and opening hours can change. If you can, check a number before you rely on it."
)
ALLOWED_SCHEMES: Final = frozenset({"tel", "https"})

# A web address: "https://…", "www.…" or a bare domain such as "acas.org.uk". Not inside an
# e-mail address (no "@" or word character right before it).
_WEB_RE: Final = re.compile(
    r"(?<![@\w.\-/])((?:https?://)?(?:[A-Za-z0-9\-]+\.)+[A-Za-z]{2,}(?::\d+)?(?:/[^\s<>\"]*)?)"
)
# A phone number: at least three digits, single spaces or hyphens between groups.
_PHONE_RE: Final = re.compile(r"(?<![\w+])(\+?\d(?:[ \-]?\d){2,})(?![\w@])")
_SEGMENT_SPLIT: Final = re.compile(r"(\s+·\s+|\n)")
_NO_CALL_PREFIXES: Final = ("text", "sms", "email", "e-mail", "whatsapp")


def resource_rank(resource: Resource) -> int:
    """0 for an emergency number, 1 for a crisis line, 2 for everything else."""
    notes = resource.notes.lstrip()
    if notes.startswith(EMERGENCY_PREFIX):
        return 0
    if notes.startswith(CRISIS_PREFIX):
        return 1
    return 2


def country_name(code: str) -> str:
    """ "GB" → "United Kingdom" (in the language in force); "" → "International"."""
    if not code:
        return _("International")
    language = current_language()
    try:
        from babel import Locale

        name = Locale.parse("en" if language == PSEUDO else language).territories.get(code.upper())
    except (ValueError, LookupError, ImportError):
        name = None
    if name:
        return str(name)
    territory = QLocale.codeToTerritory(code)
    if territory == QLocale.Country.AnyTerritory:
        return code
    return QLocale.territoryToString(territory)


def system_country() -> str:
    """The ISO 3166 alpha-2 code of the system locale's country ("" when it has none).

    The system locale, not the language PeerDesk speaks: an English-speaking person in
    Germany needs the German numbers."""
    territory = QLocale.system().territory()
    if territory == QLocale.Country.AnyTerritory:
        return ""
    return str(QLocale.territoryToCode(territory) or "").upper()


def provenance_text(resource: Resource) -> str:
    """ "Source: samaritans.org · listed 21 November 2026" for a built-in entry (where its
    details come from and the day they were listed in PeerDesk); "" for the user's own."""
    from peerdesk.content import ContentError, resource_provenance

    if not resource.builtin or not resource.key:
        return ""
    try:
        found = resource_provenance().get(resource.key)
    except ContentError:
        return ""
    if found is None:
        return ""
    # translators: {source} is the organisation's web site the details come from; {date} is the
    # day they were listed in PeerDesk (not a promise that they are still right)
    return _("Source: {source} · listed {date}").format(
        source=found.source, date=long_date(found.listed)
    )


def open_link(url: str) -> bool:
    """Open ``url`` with the system's handler if it is a ``tel:`` or ``https:`` link.

    Called only when the user activates a link. Any other scheme is refused.
    """
    qurl = QUrl(url)
    if not qurl.isValid() or qurl.scheme().lower() not in ALLOWED_SCHEMES:
        return False
    return QDesktopServices.openUrl(qurl)


def _link(href: str, text: str) -> str:
    return f'<a href="{html.escape(href, quote=True)}">{html.escape(text)}</a>'


def _linkify_phones(text: str, allow: bool) -> str:
    if not allow:
        return html.escape(text)
    out: list[str] = []
    pos = 0
    for match in _PHONE_RE.finditer(text):
        out.append(html.escape(text[pos : match.start()]))
        number = match.group(1)
        digits = ("+" if number.startswith("+") else "") + re.sub(r"\D", "", number)
        out.append(_link(f"tel:{digits}", number))
        pos = match.end()
    out.append(html.escape(text[pos:]))
    return "".join(out)


def _linkify_segment(segment: str) -> str:
    allow_phone = not segment.strip().lower().startswith(_NO_CALL_PREFIXES)
    out: list[str] = []
    pos = 0
    for match in _WEB_RE.finditer(segment):
        address = match.group(1).rstrip(".,;:)!?")
        end = match.start(1) + len(address)
        out.append(_linkify_phones(segment[pos : match.start(1)], allow_phone))
        lowered = address.lower()
        if lowered.startswith("https://"):
            out.append(_link(address, address))
        elif lowered.startswith("http://"):
            out.append(html.escape(address))  # not a secure link: shown, not clickable
        else:
            out.append(_link("https://" + address, address))
        pos = end
    out.append(_linkify_phones(segment[pos:], allow_phone))
    return "".join(out)


def contact_html(contact: str) -> str:
    """Escaped contact text with phone numbers as ``tel:`` and web addresses as ``https:``
    links. E-mail addresses, text-message numbers and ``http:`` addresses stay plain text."""
    parts = _SEGMENT_SPLIT.split(contact)
    out: list[str] = []
    for index, part in enumerate(parts):
        if index % 2:  # a separator
            out.append("<br>" if part == "\n" else html.escape(part))
        else:
            out.append(_linkify_segment(part))
    return "".join(out)


_LINK_RE: Final = re.compile(r'<a href="([^"]*)">([^<]*)</a>')


def contact_actions(contact: str) -> list[tuple[str, str]]:
    """What a card's buttons do, as (text, link): "Call 116 123" for each number that can be
    called and "Open acas.org.uk" for each web address, the same links :func:`contact_html`
    makes (nothing from text-message or e-mail parts), each once."""
    actions: list[tuple[str, str]] = []
    for href, text in _LINK_RE.findall(contact_html(contact)):
        url, shown = html.unescape(href), html.unescape(text)
        if url.startswith("tel:"):
            # translators: a button; {number} is a phone number
            text = _("Call {number}").format(number=shown)
        else:
            # translators: a button that opens a web address; {address} is the address
            text = _("Open {address}").format(address=shown)
        action = (text, url)
        if action not in actions:
            actions.append(action)
    return actions


def first_number(contact: str) -> str:
    """The first phone or text number in ``contact`` ("" when there is none)."""
    match = _PHONE_RE.search(contact)
    return match.group(1) if match else ""


def strip_prefix(notes: str, shown: str | None = None) -> str:
    """The notes without their "Emergency:" / "Crisis line:" (the card's badge says it).

    ``shown`` is the notes in the language in force: its own label, up to the first colon,
    goes when the stored notes have one."""
    text = notes.lstrip()
    for prefix in (EMERGENCY_PREFIX, CRISIS_PREFIX):
        if text.startswith(prefix):
            if shown is not None and shown != notes:
                head, colon, rest = shown.lstrip().partition(":")
                rest = rest.lstrip() if colon and len(head) <= 40 else shown.lstrip()
            else:
                rest = text[len(prefix) :].lstrip()
            return rest[:1].upper() + rest[1:]
    return notes if shown is None else shown
