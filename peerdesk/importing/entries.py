"""Building one imported entry from what a reader found, the same way for every format.

A journal entry elsewhere is usually a title (or a first line) and a body; PeerDesk's entry has
a required one-line "short description" (``title``, at most 200 characters) and "what happened"
(``narrative``). :func:`build_entry` makes that split, keeps the source's date and time as the
incident's date and time and as the provenance's claim, cleans the text through the model's
own rules and turns a text that breaks them into a :class:`Skipped` instead of an error, so that
one bad entry never stops an import.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time

from peerdesk.i18n import N_, _
from peerdesk.importing.base import ImportedEntry, ImportedFile, Skipped
from peerdesk.models.errors import ValidationError
from peerdesk.models.incident import Incident
from peerdesk.models.provenance import REFERENCE_MAX, Provenance
from peerdesk.models.text import TAG_MAX, TITLE_MAX

#: The title when a source entry has no text to take one from.
UNTITLED = N_("Imported entry")


@dataclass(kw_only=True)
class Found:
    """What a reader found for one source entry (before the model's rules are applied)."""

    source: str
    fingerprint: str
    reference: str
    day: date
    at: time | None = None
    written_at: datetime | None = None
    zone: str = ""
    title: str = ""
    text: str = ""
    place: str = ""
    tags: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)
    files: list[ImportedFile] = field(default_factory=list)


def split_title(text: str) -> tuple[str, str]:
    """The first non-empty line (without Markdown heading marks) as a title, and the rest."""
    lines = text.strip("\n").split("\n")
    for index, raw in enumerate(lines):
        stripped = raw.strip()
        if stripped:
            title = stripped.lstrip("#").strip() or stripped
            rest = "\n".join(lines[index + 1 :]).strip("\n")
            return title, rest
    return "", ""


def short(title: str) -> str:
    """A title cut to the model's limit, at a word where it can be, with an ellipsis."""
    title = " ".join(title.split())
    if len(title) <= TITLE_MAX:
        return title
    cut = title[: TITLE_MAX - 1]
    space = cut.rfind(" ")
    if space > TITLE_MAX // 2:
        cut = cut[:space]
    return cut.rstrip() + "…"


def tag(value: str) -> str:
    return " ".join(value.strip().lstrip("@#").split())[:TAG_MAX]


def build_entry(found: Found) -> ImportedEntry | Skipped:
    """The entry to import, or why it cannot be."""
    title = found.title.strip()
    narrative = found.text.strip("\n")
    if not title:
        title, rest = split_title(narrative)
        if title and len(title) <= TITLE_MAX:
            narrative = rest
    if not title:
        title = _(UNTITLED)
    full_title = " ".join(title.split())
    title = short(full_title)
    if title != full_title and full_title not in narrative:
        narrative = f"{full_title}\n\n{narrative}".strip("\n")
    written_at = found.written_at.astimezone(UTC) if found.written_at is not None else None
    provenance = Provenance(
        source=found.source,
        fingerprint=found.fingerprint,
        written_at=written_at,
        written_on=None if written_at is not None else found.day,
        zone=found.zone[:64],
        reference=found.reference[:REFERENCE_MAX],
    )
    incident = Incident(
        event_date=found.day,
        event_time=found.at.replace(second=0, microsecond=0) if found.at is not None else None,
        title=title,
        narrative=narrative,
        place=short(found.place),
        tags=[t for t in (tag(t) for t in found.tags) if t],
        provenance=provenance,
    )
    try:
        clean = incident.cleaned()
    except ValidationError as error:
        return Skipped(where=found.reference, reason=str(error))
    people = []
    seen: set[str] = set()
    for name in found.people:
        name = " ".join(name.split())[:120]
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            people.append(name)
    return ImportedEntry(incident=clean, people=people, files=list(found.files))


__all__ = ["UNTITLED", "Found", "build_entry", "short", "split_title", "tag"]
