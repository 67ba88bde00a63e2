"""Evidence attachments: metadata only. The bytes stay inside the vault (storage)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from peerdesk.i18n import N_, _
from peerdesk.models._checks import check_hex64, check_id, check_int, check_utc
from peerdesk.models._clean import line
from peerdesk.models.errors import ValidationError
from peerdesk.models.text import FILENAME_MAX, SHORT_MAX, check_text, clean_text, visible_filename

#: Used when the content type cannot be recognised.
UNKNOWN_MEDIA_TYPE = "application/octet-stream"
_MEDIA_PART = r"[a-z0-9][a-z0-9!#$&^_.+-]{0,126}"
_MEDIA_TYPE_RE = re.compile(rf"{_MEDIA_PART}/{_MEDIA_PART}")


def base_name(name: str) -> str:
    """The last component of a path written with ``/`` or ``\\``."""
    return re.split(r"[/\\]", name)[-1]


@dataclass(slots=True, kw_only=True)
class Attachment:
    """A piece of evidence attached to an incident (REPORTING.md field 15).

    ``original_name`` is the file's own name (no directory), kept as given apart from
    :func:`~peerdesk.models.text.clean_text`; show it with :meth:`display_name`, which makes
    bidi overrides and invisible characters visible. ``media_type`` is sniffed from the
    content by storage (never taken from the extension). ``sha256`` is of the original bytes.
    ``incident_id`` is None while the incident is not yet saved. ``added_at`` (UTC) is set by
    storage.
    """

    id: int | None = None
    incident_id: int | None = None
    original_name: str
    media_type: str = UNKNOWN_MEDIA_TYPE
    size: int
    sha256: str
    added_at: datetime | None = None
    description: str = ""

    def display_name(self) -> str:
        return visible_filename(self.original_name)

    def cleaned(self) -> Attachment:
        """A sanitised, validated copy: directory parts dropped from the name, lone
        surrogates in it replaced, the media type and digest lower-cased."""
        attachment = Attachment(
            id=self.id,
            incident_id=self.incident_id,
            original_name=line(
                base_name(self.original_name),
                "original_name",
                FILENAME_MAX,
                required=True,
                # translators: the name of a field, in messages such as "{name} is required."
                label=N_("File name"),
            ),
            media_type=self.media_type.strip().lower() or UNKNOWN_MEDIA_TYPE,
            size=self.size,
            sha256=self.sha256.strip().lower(),
            added_at=self.added_at,
            description=clean_text(self.description, field="description", max_length=SHORT_MAX),
        )
        attachment.validate()
        return attachment

    def validate(self) -> None:
        check_id(self.id, field="id", optional=True)
        # translators: the name of a field, in messages such as "{name} is required."
        check_id(self.incident_id, field="incident_id", label=N_("Incident"), optional=True)
        check_text(
            self.original_name,
            field="original_name",
            max_length=FILENAME_MAX,
            multiline=False,
            required=True,
            # translators: the name of a field, in messages such as "{name} is required."
            label=N_("File name"),
        )
        if "/" in self.original_name or "\\" in self.original_name:
            raise ValidationError("original_name", _("File name must not include a folder."))
        if (
            not isinstance(self.media_type, str)
            or _MEDIA_TYPE_RE.fullmatch(self.media_type) is None
        ):
            raise ValidationError("media_type", _("Media type must look like 'image/png'."))
        # translators: the name of a field, in messages such as "{name} is required."
        check_int(self.size, field="size", label=N_("Size"), minimum=0)
        # translators: the name of a field, in messages such as "{name} is required."
        check_hex64(self.sha256, field="sha256", label=N_("SHA-256"))
        # translators: the name of a field, in messages such as "{name} is required."
        check_utc(self.added_at, field="added_at", label=N_("Added at"), optional=True)
        check_text(self.description, field="description", max_length=SHORT_MAX)
