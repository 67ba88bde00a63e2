"""Value objects inside an :class:`~peerdesk.models.incident.Incident` (fields 5, 8, 10-12,
14 and 16 of REPORTING.md)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from peerdesk.i18n import N_, _
from peerdesk.models._checks import check_bool, check_date, check_enum, check_id
from peerdesk.models._clean import block, line
from peerdesk.models.enums import ReportRecipient
from peerdesk.models.errors import ValidationError
from peerdesk.models.text import NAME_MAX, TITLE_MAX, check_text


@dataclass(slots=True, kw_only=True)
class IncidentPerson:
    """A cast-list person involved in an incident, e.g. role "did it" or "was present"."""

    person_id: int
    role_in_incident: str = ""

    def cleaned(self, at: str) -> IncidentPerson:
        return IncidentPerson(
            person_id=self.person_id,
            role_in_incident=line(self.role_in_incident, f"{at}.role_in_incident", NAME_MAX),
        )

    def validate(self, at: str = "person") -> None:
        # translators: the name of a field, in messages such as "{name} is required."
        check_id(self.person_id, field=f"{at}.person_id", label=N_("Person"))
        check_text(
            self.role_in_incident,
            field=f"{at}.role_in_incident",
            max_length=NAME_MAX,
            multiline=False,
            # translators: the name of a field, in messages such as "{name} is required."
            label=N_("Role in the incident"),
        )


@dataclass(slots=True, kw_only=True)
class Quote:
    """Exact words, attributed to a cast-list person or to a speaker described in words.

    At least one of ``speaker_person_id`` and ``speaker_label`` is required.
    """

    speaker_person_id: int | None = None
    speaker_label: str = ""
    text: str

    def cleaned(self, at: str) -> Quote:
        return Quote(
            speaker_person_id=self.speaker_person_id,
            speaker_label=line(
                self.speaker_label,
                f"{at}.speaker_label",
                NAME_MAX,
                # translators: the name of a field, in messages such as "{name} is required."
                label=N_("Speaker"),
            ),
            # translators: the name of a field, in messages such as "{name} is required."
            text=block(self.text, f"{at}.text", required=True, label=N_("The words said")),
        )

    def validate(self, at: str = "quote") -> None:
        check_id(
            self.speaker_person_id,
            field=f"{at}.speaker_person_id",
            # translators: the name of a field, in messages such as "{name} is required."
            label=N_("Speaker"),
            optional=True,
        )
        check_text(
            self.speaker_label,
            field=f"{at}.speaker_label",
            max_length=NAME_MAX,
            multiline=False,
            # translators: the name of a field, in messages such as "{name} is required."
            label=N_("Speaker"),
        )
        # translators: the name of a field, in messages such as "{name} is required."
        check_text(self.text, field=f"{at}.text", required=True, label=N_("The words said"))
        if self.speaker_person_id is None and not self.speaker_label.strip():
            raise ValidationError(f"{at}.speaker_label", _("Each quote needs a speaker."))


@dataclass(slots=True, kw_only=True)
class Witness:
    """Someone who saw or heard it: a cast-list person or a name in words (one is required).

    ``willing_to_confirm`` is None when the user does not know.
    """

    person_id: int | None = None
    name: str = ""
    where: str = ""
    reacted: str = ""
    willing_to_confirm: bool | None = None

    def cleaned(self, at: str) -> Witness:
        return Witness(
            person_id=self.person_id,
            # translators: the name of a field, in messages such as "{name} is required."
            name=line(self.name, f"{at}.name", NAME_MAX, label=N_("Witness name")),
            # translators: the name of a field, in messages such as "{name} is required."
            where=line(self.where, f"{at}.where", TITLE_MAX, label=N_("Where they were")),
            # translators: the name of a field, in messages such as "{name} is required."
            reacted=block(self.reacted, f"{at}.reacted", label=N_("How they reacted")),
            willing_to_confirm=self.willing_to_confirm,
        )

    def validate(self, at: str = "witness") -> None:
        # translators: the name of a field, in messages such as "{name} is required."
        check_id(self.person_id, field=f"{at}.person_id", label=N_("Witness"), optional=True)
        check_text(
            self.name,
            field=f"{at}.name",
            max_length=NAME_MAX,
            multiline=False,
            # translators: the name of a field, in messages such as "{name} is required."
            label=N_("Witness name"),
        )
        check_text(
            self.where,
            field=f"{at}.where",
            max_length=TITLE_MAX,
            multiline=False,
            # translators: the name of a field, in messages such as "{name} is required."
            label=N_("Where they were"),
        )
        # translators: the name of a field, in messages such as "{name} is required."
        check_text(self.reacted, field=f"{at}.reacted", label=N_("How they reacted"))
        if self.willing_to_confirm is not None:
            check_bool(
                self.willing_to_confirm,
                field=f"{at}.willing_to_confirm",
                # translators: the name of a field, in messages such as "{name} is required."
                label=N_("Willing to confirm"),
            )
        if self.person_id is None and not self.name.strip():
            raise ValidationError(
                f"{at}.name", _("Each witness needs a name, initials or a person from the list.")
            )


@dataclass(slots=True, kw_only=True)
class ToldSomeone:
    """Someone the user told afterwards: who (required), when, how."""

    who: str
    when: date | None = None
    how: str = ""

    def cleaned(self, at: str) -> ToldSomeone:
        return ToldSomeone(
            # translators: the name of a field, in messages such as "{name} is required."
            who=line(self.who, f"{at}.who", NAME_MAX, required=True, label=N_("Who you told")),
            when=self.when,
            # translators: the name of a field, in messages such as "{name} is required."
            how=line(self.how, f"{at}.how", TITLE_MAX, label=N_("How you told them")),
        )

    def validate(self, at: str = "told") -> None:
        check_text(
            self.who,
            field=f"{at}.who",
            max_length=NAME_MAX,
            multiline=False,
            required=True,
            # translators: the name of a field, in messages such as "{name} is required."
            label=N_("Who you told"),
        )
        # translators: the name of a field, in messages such as "{name} is required."
        check_date(self.when, field=f"{at}.when", label=N_("When you told them"), optional=True)
        check_text(
            self.how,
            field=f"{at}.how",
            max_length=TITLE_MAX,
            multiline=False,
            # translators: the name of a field, in messages such as "{name} is required."
            label=N_("How you told them"),
        )


@dataclass(slots=True, kw_only=True)
class ReportMade:
    """A report to a manager, HR, a union, ... with its date, reference and outcome."""

    recipient: ReportRecipient
    recipient_detail: str = ""
    reported_on: date | None = None
    reference: str = ""
    outcome: str = ""

    def cleaned(self, at: str) -> ReportMade:
        return ReportMade(
            recipient=self.recipient,
            recipient_detail=line(
                self.recipient_detail,
                f"{at}.recipient_detail",
                NAME_MAX,
                # translators: the name of a field, in messages such as "{name} is required."
                label=N_("Reported to"),
            ),
            reported_on=self.reported_on,
            # translators: the name of a field, in messages such as "{name} is required."
            reference=line(self.reference, f"{at}.reference", NAME_MAX, label=N_("Reference")),
            # translators: the name of a field, in messages such as "{name} is required."
            outcome=block(self.outcome, f"{at}.outcome", label=N_("Response or outcome")),
        )

    def validate(self, at: str = "report") -> None:
        check_enum(
            self.recipient,
            ReportRecipient,
            field=f"{at}.recipient",
            # translators: the name of a field, in messages such as "{name} is required."
            label=N_("Reported to"),
        )
        check_text(
            self.recipient_detail,
            field=f"{at}.recipient_detail",
            max_length=NAME_MAX,
            multiline=False,
            # translators: the name of a field, in messages such as "{name} is required."
            label=N_("Reported to"),
        )
        check_date(
            self.reported_on,
            field=f"{at}.reported_on",
            # translators: the name of a field, in messages such as "{name} is required."
            label=N_("Date of the report"),
            optional=True,
        )
        check_text(
            self.reference,
            field=f"{at}.reference",
            max_length=NAME_MAX,
            multiline=False,
            # translators: the name of a field, in messages such as "{name} is required."
            label=N_("Reference"),
        )
        # translators: the name of a field, in messages such as "{name} is required."
        check_text(self.outcome, field=f"{at}.outcome", label=N_("Response or outcome"))


@dataclass(slots=True, kw_only=True)
class Impact:
    """Effects on the user (field 14). ``sought_help`` describes contact with a doctor, EAP or
    counsellor; ``sought_help_date`` says when."""

    emotional: str = ""
    physical: str = ""
    work: str = ""
    home: str = ""
    sought_help: str = ""
    sought_help_date: date | None = None

    def is_empty(self) -> bool:
        return (
            not any((self.emotional, self.physical, self.work, self.home, self.sought_help))
            and self.sought_help_date is None
        )

    def cleaned(self, at: str = "impact") -> Impact:
        return Impact(
            emotional=block(self.emotional, f"{at}.emotional"),
            physical=block(self.physical, f"{at}.physical"),
            work=block(self.work, f"{at}.work"),
            home=block(self.home, f"{at}.home"),
            # translators: the name of a field, in messages such as "{name} is required."
            sought_help=block(self.sought_help, f"{at}.sought_help", label=N_("Help sought")),
            sought_help_date=self.sought_help_date,
        )

    def validate(self, at: str = "impact") -> None:
        check_text(self.emotional, field=f"{at}.emotional")
        check_text(self.physical, field=f"{at}.physical")
        check_text(self.work, field=f"{at}.work")
        check_text(self.home, field=f"{at}.home")
        # translators: the name of a field, in messages such as "{name} is required."
        check_text(self.sought_help, field=f"{at}.sought_help", label=N_("Help sought"))
        check_date(
            self.sought_help_date,
            field=f"{at}.sought_help_date",
            # translators: the name of a field, in messages such as "{name} is required."
            label=N_("Date help was sought"),
            optional=True,
        )


@dataclass(slots=True, kw_only=True)
class EvidenceNotHeld:
    """Evidence the user knows exists but does not hold: what (required), where, held by."""

    what: str
    where: str = ""
    held_by: str = ""

    def cleaned(self, at: str) -> EvidenceNotHeld:
        return EvidenceNotHeld(
            what=line(
                self.what,
                f"{at}.what",
                TITLE_MAX,
                required=True,
                # translators: the name of a field, in messages such as "{name} is required."
                label=N_("What the evidence is"),
            ),
            # translators: the name of a field, in messages such as "{name} is required."
            where=line(self.where, f"{at}.where", TITLE_MAX, label=N_("Where it is")),
            # translators: the name of a field, in messages such as "{name} is required."
            held_by=line(self.held_by, f"{at}.held_by", NAME_MAX, label=N_("Who holds it")),
        )

    def validate(self, at: str = "evidence") -> None:
        check_text(
            self.what,
            field=f"{at}.what",
            max_length=TITLE_MAX,
            multiline=False,
            required=True,
            # translators: the name of a field, in messages such as "{name} is required."
            label=N_("What the evidence is"),
        )
        check_text(
            self.where,
            field=f"{at}.where",
            max_length=TITLE_MAX,
            multiline=False,
            # translators: the name of a field, in messages such as "{name} is required."
            label=N_("Where it is"),
        )
        check_text(
            self.held_by,
            field=f"{at}.held_by",
            max_length=NAME_MAX,
            multiline=False,
            # translators: the name of a field, in messages such as "{name} is required."
            label=N_("Who holds it"),
        )
