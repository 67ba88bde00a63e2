"""Where an imported journal entry came from (issue 14, "honest provenance").

An entry brought in from Day One, jrnl, a Markdown or CSV file, an email or a PeerDesk export
is recorded in PeerDesk when it is imported: its ``recorded_at`` is the import time, like any
other entry, and nothing pretends otherwise. What the source says about when the entry was
first written is kept beside it as the *source's claim* (:class:`Provenance`), shown as
"originally written 3 Mar 2026, 14:05, according to Day One" in the editor, the journal list
and the report, which says that it is the source's claim, not PeerDesk's record.

The provenance is part of the entry's content, so it is covered by the revision chain like every
other field and cannot be changed afterwards without a new revision showing it.

``fingerprint`` is the SHA-256 (hex) of the source entry as the importer read it (its
canonical bytes: see each importer); the vault keeps it indexed, so importing the same source
twice never duplicates an entry.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from peerdesk.i18n import N_, _
from peerdesk.models._checks import check_date, check_hex64, check_utc
from peerdesk.models._clean import line
from peerdesk.models.errors import ValidationError
from peerdesk.models.text import check_text

#: The sources an entry can be imported from, with the words "according to …" uses.
#: Msgids marked with ``N_``: :meth:`Provenance.source_name` translates them.
SOURCE_NAMES: dict[str, str] = {
    # translators: where an imported entry came from, as it fills {source} in "Originally written
    # {when} according to {source}" and "Imported from {source}"
    "peerdesk": N_("a PeerDesk export"),
    "dayone": "Day One",  # i18n: keep — the name of a product
    "jrnl": "jrnl",
    # translators: where an imported entry came from, as it fills {source} in "Originally written
    # {when} according to {source}" and "Imported from {source}"
    "markdown": N_("the Markdown file"),
    # translators: where an imported entry came from, as it fills {source} in "Originally written
    # {when} according to {source}" and "Imported from {source}"
    "csv": N_("the CSV file"),
    # translators: where an imported entry came from, as it fills {source} in "Originally written
    # {when} according to {source}" and "Imported from {source}"
    "email": N_("the email"),
}

#: How long the source's own reference (a file name, an entry id, a line) may be.
REFERENCE_MAX = 500
#: How long a time zone name may be ("America/Argentina/ComodRivadavia" is 32).
ZONE_MAX = 64


@dataclass(slots=True, kw_only=True)
class Provenance:
    """The source of an imported entry and what it claims about when it was written.

    ``source`` is a key of :data:`SOURCE_NAMES`. ``written_at`` (UTC) is the source's claim of
    the moment the entry was first written; a source that gives only a day sets ``written_on``
    instead (never both). ``zone`` is the time zone the source names for it (Day One keeps
    one), ``reference`` the source's own name for the entry (a file name, an entry id, "line
    12"), and ``fingerprint`` the SHA-256 of the source entry (see the module docstring).
    """

    source: str
    fingerprint: str
    written_at: datetime | None = None
    written_on: date | None = None
    zone: str = ""
    reference: str = ""

    def source_name(self) -> str:
        """The source in words: "Day One", "the CSV file"…"""
        name = SOURCE_NAMES.get(self.source)
        return _(name) if name is not None else self.source

    def cleaned(self) -> Provenance:
        provenance = Provenance(
            source=self.source.strip().lower() if isinstance(self.source, str) else self.source,
            fingerprint=(
                self.fingerprint.strip().lower()
                if isinstance(self.fingerprint, str)
                else self.fingerprint
            ),
            written_at=self.written_at,
            written_on=self.written_on,
            # translators: the name of a field, in messages such as "{name} is required."
            zone=line(self.zone, "provenance.zone", ZONE_MAX, label=N_("Time zone")),
            reference=line(
                self.reference,
                "provenance.reference",
                REFERENCE_MAX,
                # translators: the name of a field, in messages such as "{name} is required."
                label=N_("Source"),
            ),
        )
        provenance.validate()
        return provenance

    def validate(self, prefix: str = "provenance") -> None:
        if self.source not in SOURCE_NAMES:
            raise ValidationError(f"{prefix}.source", _("The source of an import is not known."))
        # translators: the name of a field, in messages such as "{name} is required."
        check_hex64(self.fingerprint, field=f"{prefix}.fingerprint", label=N_("Source fingerprint"))
        check_utc(
            self.written_at,
            field=f"{prefix}.written_at",
            # translators: the name of a field, in messages such as "{name} is required."
            label=N_("Written at"),
            optional=True,
        )
        check_date(
            self.written_on,
            field=f"{prefix}.written_on",
            # translators: the name of a field, in messages such as "{name} is required."
            label=N_("Written on"),
            optional=True,
        )
        if self.written_at is not None and self.written_on is not None:
            raise ValidationError(
                f"{prefix}.written_on", _("Give either the moment or the day it was written.")
            )
        check_text(
            self.zone,
            field=f"{prefix}.zone",
            max_length=ZONE_MAX,
            multiline=False,
            # translators: the name of a field, in messages such as "{name} is required."
            label=N_("Zone"),
        )
        check_text(
            self.reference,
            field=f"{prefix}.reference",
            max_length=REFERENCE_MAX,
            multiline=False,
            # translators: the name of a field, in messages such as "{name} is required."
            label=N_("Source"),
        )


__all__ = ["REFERENCE_MAX", "SOURCE_NAMES", "ZONE_MAX", "Provenance"]
