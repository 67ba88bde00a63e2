"""The support-resource directory (EAP, HR, union, helplines, ...)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from peerdesk.i18n import _
from peerdesk.models._checks import check_bool, check_enum, check_id, check_key
from peerdesk.models._clean import block, line
from peerdesk.models.enums import ResourceKind
from peerdesk.models.errors import ValidationError
from peerdesk.models.text import NAME_MAX, SHORT_MAX, check_text, clean_text

_COUNTRY_RE = re.compile(r"[A-Z]{2}")


@dataclass(slots=True, kw_only=True)
class Resource:
    """A place to get support. ``contact`` holds phone numbers, web addresses or emails as
    text (several lines allowed). ``country`` is an ISO 3166-1 alpha-2 code ("GB", "IE") or
    "" for anywhere. Built-in entries have a stable ``key`` and ``builtin=True``."""

    id: int | None = None
    key: str | None = None
    name: str
    kind: ResourceKind
    contact: str = ""
    notes: str = ""
    country: str = ""
    builtin: bool = False

    def cleaned(self) -> Resource:
        """A sanitised, validated copy; the country code is upper-cased."""
        resource = Resource(
            id=self.id,
            key=self.key,
            name=line(self.name, "name", NAME_MAX, required=True),
            kind=self.kind,
            contact=clean_text(self.contact, field="contact", max_length=SHORT_MAX),
            notes=block(self.notes, "notes"),
            country=line(self.country, "country", 2).upper(),
            builtin=self.builtin,
        )
        resource.validate()
        return resource

    def validate(self) -> None:
        check_id(self.id, field="id", optional=True)
        check_bool(self.builtin, field="builtin")
        check_key(self.key, builtin=self.builtin)
        check_text(self.name, field="name", max_length=NAME_MAX, multiline=False, required=True)
        check_enum(self.kind, ResourceKind, field="kind")
        check_text(self.contact, field="contact", max_length=SHORT_MAX)
        check_text(self.notes, field="notes")
        if not isinstance(self.country, str) or (
            self.country and _COUNTRY_RE.fullmatch(self.country) is None
        ):
            raise ValidationError(
                "country", _("Country must be a two-letter code such as GB, or left empty.")
            )
