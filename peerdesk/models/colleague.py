"""Peer-supporter notes: the colleague being supported and their consent record."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from peerdesk.i18n import N_, _
from peerdesk.models._checks import (
    check_date,
    check_enum,
    check_id,
    check_int,
    check_utc,
    expect,
)
from peerdesk.models._clean import block, line
from peerdesk.models.enums import ColleagueStatus
from peerdesk.models.errors import ValidationError
from peerdesk.models.text import NAME_MAX, check_text
from peerdesk.models.timing import add_months

DEFAULT_RETENTION_MONTHS = 12
RETENTION_MIN_MONTHS = 1
RETENTION_MAX_MONTHS = 120


@dataclass(slots=True, kw_only=True)
class Consent:
    """What the colleague agreed may be written down (``may_record``) and shared
    (``may_share``, ``share_with``), until when, and the day that was agreed."""

    may_record: str = ""
    may_share: str = ""
    share_with: str = ""
    until: date | None = None
    recorded_on: date | None = None

    def is_current(self, on: date) -> bool:
        """True unless the consent has an end date before ``on``."""
        return self.until is None or on <= self.until

    def cleaned(self, at: str = "consent") -> Consent:
        return Consent(
            # translators: the name of a field, in messages such as "{name} is required."
            may_record=block(self.may_record, f"{at}.may_record", label=N_("What may be recorded")),
            # translators: the name of a field, in messages such as "{name} is required."
            may_share=block(self.may_share, f"{at}.may_share", label=N_("What may be shared")),
            share_with=block(
                self.share_with,
                f"{at}.share_with",
                # translators: the name of a field, in messages such as "{name} is required."
                label=N_("Who it may be shared with"),
            ),
            until=self.until,
            recorded_on=self.recorded_on,
        )

    def validate(self, at: str = "consent") -> None:
        # translators: the name of a field, in messages such as "{name} is required."
        check_text(self.may_record, field=f"{at}.may_record", label=N_("What may be recorded"))
        # translators: the name of a field, in messages such as "{name} is required."
        check_text(self.may_share, field=f"{at}.may_share", label=N_("What may be shared"))
        # translators: the name of a field, in messages such as "{name} is required."
        check_text(self.share_with, field=f"{at}.share_with", label=N_("Who it may be shared with"))
        # translators: the name of a field, in messages such as "{name} is required."
        check_date(self.until, field=f"{at}.until", label=N_("Consent end date"), optional=True)
        check_date(
            self.recorded_on,
            field=f"{at}.recorded_on",
            # translators: the name of a field, in messages such as "{name} is required."
            label=N_("Date consent was given"),
            optional=True,
        )
        if (
            self.until is not None
            and self.recorded_on is not None
            and self.until < self.recorded_on
        ):
            raise ValidationError(
                f"{at}.until", _("The consent end date must be on or after the day it was given.")
            )


@dataclass(slots=True, kw_only=True)
class Colleague:
    """A colleague a peer supporter talks with.

    ``pseudonym`` (initials or a made-up name) is what the app shows. ``real_name`` is
    optional, kept in its own field so that storage can keep it apart and the UI hides it
    unless revealed. ``created_at`` is set by storage (UTC).
    """

    id: int | None = None
    pseudonym: str
    real_name: str = ""
    status: ColleagueStatus = ColleagueStatus.ACTIVE
    consent: Consent = field(default_factory=Consent)
    retention_months: int = DEFAULT_RETENTION_MONTHS
    last_contact: date | None = None
    created_at: datetime | None = None
    notes: str = ""

    def shown_name(self, *, reveal: bool = False) -> str:
        """The pseudonym, or the real name when revealed and known."""
        return self.real_name if reveal and self.real_name else self.pseudonym

    def retention_expires_on(self) -> date | None:
        """Last contact (or, without one, the UTC creation day) + ``retention_months``,
        clamped to the end of a shorter month; None when neither date is known."""
        if self.last_contact is not None:
            start = self.last_contact
        elif self.created_at is not None:
            start = self.created_at.date()
        else:
            return None
        return add_months(start, self.retention_months)

    def retention_expired(self, today: date) -> bool:
        """True on and after the expiry day."""
        expires = self.retention_expires_on()
        return expires is not None and today >= expires

    def cleaned(self) -> Colleague:
        """A sanitised, validated copy (raises ``ValidationError``)."""
        colleague = Colleague(
            id=self.id,
            pseudonym=line(
                self.pseudonym,
                "pseudonym",
                NAME_MAX,
                required=True,
                # translators: the name of a field, in messages such as "{name} is required."
                label=N_("Pseudonym or initials"),
            ),
            # translators: the name of a field, in messages such as "{name} is required."
            real_name=line(self.real_name, "real_name", NAME_MAX, label=N_("Real name")),
            status=self.status,
            consent=self.consent.cleaned(),
            retention_months=self.retention_months,
            last_contact=self.last_contact,
            created_at=self.created_at,
            notes=block(self.notes, "notes"),
        )
        colleague.validate()
        return colleague

    def validate(self) -> None:
        check_id(self.id, field="id", optional=True)
        check_text(
            self.pseudonym,
            field="pseudonym",
            max_length=NAME_MAX,
            multiline=False,
            required=True,
            # translators: the name of a field, in messages such as "{name} is required."
            label=N_("Pseudonym or initials"),
        )
        check_text(
            self.real_name,
            field="real_name",
            max_length=NAME_MAX,
            multiline=False,
            # translators: the name of a field, in messages such as "{name} is required."
            label=N_("Real name"),
        )
        check_enum(self.status, ColleagueStatus, field="status")
        expect(self.consent, Consent, "consent").validate("consent")
        check_int(
            self.retention_months,
            field="retention_months",
            # translators: the name of a field, in messages such as "{name} is required."
            label=N_("Retention period in months"),
            minimum=RETENTION_MIN_MONTHS,
            maximum=RETENTION_MAX_MONTHS,
        )
        # translators: the name of a field, in messages such as "{name} is required."
        check_date(self.last_contact, field="last_contact", label=N_("Last contact"), optional=True)
        # translators: the name of a field, in messages such as "{name} is required."
        check_utc(self.created_at, field="created_at", label=N_("Created at"), optional=True)
        check_text(self.notes, field="notes")
