"""The incident journal entry (REPORTING.md, incident fields 1-20) and its value objects.

Field map (REPORTING.md number -> attribute):

1. ``record_number`` (set by storage: stable, never reused). The sequence number in a report
   is the entry's position in the chronology and is derived, not stored.
2. ``event_date``, ``event_time`` (local wall-clock, optional), ``duration_minutes``,
   ``approximate``. The end time is *not* stored: it is derived from start + duration
   (:meth:`Incident.end_time`); an editor that asks for an end time converts it with
   :meth:`Incident.set_end_time`.
3. ``recorded_at`` (set by storage, UTC, never by the user). Last-amended-at and revision count
   come from the revisions (``revisions[-1].saved_at``, ``len(revisions)``).
4. ``channel``, ``place``.
5. ``people`` (:class:`IncidentPerson`, referring to the cast list, where name, role,
   relationship and power live).
6. ``categories``.
7. ``title`` (short description, required) and ``narrative``.
8. ``quotes``.
9. ``my_response``, ``their_reaction``.
10. ``witnesses``.
11. ``told``.
12. ``reports``.
13. ``attempts_to_stop``.
14. ``impact``.
15. ``attachment_ids`` (the :class:`~peerdesk.models.attachment.Attachment` rows).
16. ``evidence_not_held``.
17. ``related_incident_ids``; "nth incident involving this person since <date>" is
    :func:`involvement_position`.
18. ``after_complaint``, ``complaint_date``; :meth:`Incident.days_after_complaint`.
19. ``private_reflection`` (never exported by default: the export layer's job).
20. ``severity`` (1-5), ``tags``.

Not a REPORTING.md field: ``withdrawn`` (:class:`Withdrawal`), set only by storage when the
author withdraws an entry made in error (a new revision; the history stays). It is left out of
the serialised form while it is None, so entries saved before it existed keep their bytes.
Nor is ``provenance`` (:class:`~peerdesk.models.provenance.Provenance`): where an imported
entry came from and when its source says it was written; also left out while None.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo

from peerdesk.i18n import N_, _
from peerdesk.models._checks import (
    check_bool,
    check_date,
    check_enum,
    check_enum_set,
    check_id,
    check_id_list,
    check_int,
    check_list,
    check_time,
    check_utc,
    expect,
)
from peerdesk.models._clean import block, line
from peerdesk.models.enums import Channel, IncidentCategory
from peerdesk.models.errors import ValidationError
from peerdesk.models.incident_parts import (
    EvidenceNotHeld,
    Impact,
    IncidentPerson,
    Quote,
    ReportMade,
    ToldSomeone,
    Witness,
)
from peerdesk.models.provenance import Provenance
from peerdesk.models.text import TITLE_MAX, check_tags, check_text, clean_tags
from peerdesk.models.timing import (
    DURATION_MAX_MINUTES,
    format_delay,
    local_moment,
    minutes_between,
)

SEVERITY_MIN = 1
SEVERITY_MAX = 5
#: A withdrawal reason is one short paragraph at most.
WITHDRAW_REASON_MAX = 500


@dataclass(slots=True, kw_only=True)
class Withdrawal:
    """The author withdrew the entry as made in error: when (UTC) and, optionally, why."""

    withdrawn_at: datetime
    reason: str = ""

    def cleaned(self) -> Withdrawal:
        withdrawal = Withdrawal(
            withdrawn_at=self.withdrawn_at,
            # translators: the name of a field, in messages such as "{name} is required."
            reason=line(self.reason, "withdrawn.reason", WITHDRAW_REASON_MAX, label=N_("Reason")),
        )
        withdrawal.validate()
        return withdrawal

    def validate(self, prefix: str = "withdrawn") -> None:
        # translators: the name of a field, in messages such as "{name} is required."
        check_utc(self.withdrawn_at, field=f"{prefix}.withdrawn_at", label=N_("Withdrawn at"))
        check_text(
            self.reason,
            field=f"{prefix}.reason",
            max_length=WITHDRAW_REASON_MAX,
            multiline=False,
            # translators: the name of a field, in messages such as "{name} is required."
            label=N_("Reason"),
        )


@dataclass(slots=True, kw_only=True)
class Incident:
    """One journal entry. See the module docstring for the REPORTING.md field map.

    ``id``, ``record_number`` and ``recorded_at`` are set by storage on the first save and
    never by the user. ``categories`` is a set (order carries no meaning); every list keeps
    the user's order.
    """

    id: int | None = None
    record_number: int | None = None
    recorded_at: datetime | None = None
    event_date: date
    event_time: time | None = None
    approximate: bool = False
    duration_minutes: int | None = None
    channel: Channel = Channel.IN_PERSON
    place: str = ""
    people: list[IncidentPerson] = field(default_factory=list)
    categories: set[IncidentCategory] = field(default_factory=set)
    title: str = ""
    narrative: str = ""
    quotes: list[Quote] = field(default_factory=list)
    my_response: str = ""
    their_reaction: str = ""
    witnesses: list[Witness] = field(default_factory=list)
    told: list[ToldSomeone] = field(default_factory=list)
    reports: list[ReportMade] = field(default_factory=list)
    attempts_to_stop: str = ""
    impact: Impact = field(default_factory=Impact)
    attachment_ids: list[int] = field(default_factory=list)
    evidence_not_held: list[EvidenceNotHeld] = field(default_factory=list)
    related_incident_ids: list[int] = field(default_factory=list)
    after_complaint: bool = False
    complaint_date: date | None = None
    private_reflection: str = ""
    severity: int = 3
    tags: list[str] = field(default_factory=list)
    #: Set (by storage only) when the author withdrew the entry as made in error.
    withdrawn: Withdrawal | None = field(default=None, metadata={"omit_when_none": True})
    #: Set only for an imported entry: its source and the source's claim of when it was written.
    provenance: Provenance | None = field(default=None, metadata={"omit_when_none": True})

    # -- building from user input -------------------------------------------------------

    def cleaned(self) -> Incident:
        """A copy with every text sanitised (:func:`clean_text`), tags deduplicated,
        categories copied; then validated. Raises ``ValidationError`` naming the field."""
        incident = Incident(
            id=self.id,
            record_number=self.record_number,
            recorded_at=self.recorded_at,
            event_date=self.event_date,
            event_time=self.event_time,
            approximate=self.approximate,
            duration_minutes=self.duration_minutes,
            channel=self.channel,
            place=line(self.place, "place", TITLE_MAX),
            people=[p.cleaned(f"people[{i}]") for i, p in enumerate(self.people)],
            categories=set(self.categories),
            title=line(
                self.title,
                "title",
                TITLE_MAX,
                required=True,
                # translators: the name of a field, in messages such as "{name} is required."
                label=N_("Short description"),
            ),
            # translators: the name of a field, in messages such as "{name} is required."
            narrative=block(self.narrative, "narrative", label=N_("What happened")),
            quotes=[q.cleaned(f"quotes[{i}]") for i, q in enumerate(self.quotes)],
            # translators: the name of a field, in messages such as "{name} is required."
            my_response=block(self.my_response, "my_response", label=N_("My response")),
            # translators: the name of a field, in messages such as "{name} is required."
            their_reaction=block(self.their_reaction, "their_reaction", label=N_("Their reaction")),
            witnesses=[w.cleaned(f"witnesses[{i}]") for i, w in enumerate(self.witnesses)],
            told=[t.cleaned(f"told[{i}]") for i, t in enumerate(self.told)],
            reports=[r.cleaned(f"reports[{i}]") for i, r in enumerate(self.reports)],
            attempts_to_stop=block(self.attempts_to_stop, "attempts_to_stop"),
            impact=self.impact.cleaned(),
            attachment_ids=list(self.attachment_ids),
            evidence_not_held=[
                e.cleaned(f"evidence_not_held[{i}]") for i, e in enumerate(self.evidence_not_held)
            ],
            related_incident_ids=list(self.related_incident_ids),
            after_complaint=self.after_complaint,
            complaint_date=self.complaint_date,
            private_reflection=block(self.private_reflection, "private_reflection"),
            severity=self.severity,
            tags=clean_tags(self.tags),
            withdrawn=self.withdrawn.cleaned() if self.withdrawn is not None else None,
            provenance=self.provenance.cleaned() if self.provenance is not None else None,
        )
        incident.validate()
        return incident

    # -- rules ----------------------------------------------------------------------------

    def validate(self) -> None:
        """Raise ``ValidationError`` naming the first field that breaks a rule."""
        check_id(self.id, field="id", optional=True)
        check_id(
            self.record_number,
            field="record_number",
            # translators: the name of a field, in messages such as "{name} is required."
            label=N_("Record number"),
            optional=True,
        )
        # translators: the name of a field, in messages such as "{name} is required."
        check_utc(self.recorded_at, field="recorded_at", label=N_("Recorded at"), optional=True)
        # translators: the name of a field, in messages such as "{name} is required."
        check_date(self.event_date, field="event_date", label=N_("Date of the incident"))
        check_time(
            self.event_time,
            field="event_time",
            # translators: the name of a field, in messages such as "{name} is required."
            label=N_("Time of the incident"),
            optional=True,
        )
        # translators: the name of a field, in messages such as "{name} is required."
        check_bool(self.approximate, field="approximate", label=N_("Approximate"))
        check_int(
            self.duration_minutes,
            field="duration_minutes",
            # translators: the name of a field, in messages such as "{name} is required."
            label=N_("Duration in minutes"),
            minimum=0,
            maximum=DURATION_MAX_MINUTES,
            optional=True,
        )
        # translators: the name of a field, in messages such as "{name} is required."
        check_enum(self.channel, Channel, field="channel", label=N_("Place or channel"))
        check_text(self.place, field="place", max_length=TITLE_MAX, multiline=False)
        self._validate_people()
        check_enum_set(
            self.categories,
            IncidentCategory,
            field="categories",
            # translators: the name of a field, in messages such as "{name} is required."
            label=N_("Categories"),
        )
        check_text(
            self.title,
            field="title",
            max_length=TITLE_MAX,
            multiline=False,
            required=True,
            # translators: the name of a field, in messages such as "{name} is required."
            label=N_("Short description"),
        )
        # translators: the name of a field, in messages such as "{name} is required."
        check_text(self.narrative, field="narrative", label=N_("What happened"))
        for i, quote in enumerate(check_list(self.quotes, field="quotes")):
            expect(quote, Quote, f"quotes[{i}]").validate(f"quotes[{i}]")
        # translators: the name of a field, in messages such as "{name} is required."
        check_text(self.my_response, field="my_response", label=N_("My response"))
        # translators: the name of a field, in messages such as "{name} is required."
        check_text(self.their_reaction, field="their_reaction", label=N_("Their reaction"))
        for i, witness in enumerate(check_list(self.witnesses, field="witnesses")):
            expect(witness, Witness, f"witnesses[{i}]").validate(f"witnesses[{i}]")
        for i, told in enumerate(check_list(self.told, field="told")):
            expect(told, ToldSomeone, f"told[{i}]").validate(f"told[{i}]")
        for i, report in enumerate(check_list(self.reports, field="reports")):
            expect(report, ReportMade, f"reports[{i}]").validate(f"reports[{i}]")
        check_text(self.attempts_to_stop, field="attempts_to_stop")
        expect(self.impact, Impact, "impact").validate("impact")
        # translators: the name of a field, in messages such as "{name} is required."
        check_id_list(self.attachment_ids, field="attachment_ids", label=N_("Attachments"))
        for i, evidence in enumerate(check_list(self.evidence_not_held, field="evidence_not_held")):
            expect(evidence, EvidenceNotHeld, f"evidence_not_held[{i}]").validate(
                f"evidence_not_held[{i}]"
            )
        check_id_list(
            self.related_incident_ids,
            field="related_incident_ids",
            # translators: the name of a field, in messages such as "{name} is required."
            label=N_("Related incidents"),
        )
        if self.id is not None and self.id in self.related_incident_ids:
            raise ValidationError(
                "related_incident_ids", _("An incident cannot be related to itself.")
            )
        # translators: the name of a field, in messages such as "{name} is required."
        check_bool(self.after_complaint, field="after_complaint", label=N_("After a complaint"))
        check_date(
            self.complaint_date,
            field="complaint_date",
            # translators: the name of a field, in messages such as "{name} is required."
            label=N_("Date of the complaint"),
            optional=True,
        )
        if self.complaint_date is not None:
            if not self.after_complaint:
                raise ValidationError(
                    "complaint_date",
                    _(
                        "A complaint date can only be given when the incident came after a "
                        "complaint."
                    ),
                )
            if self.complaint_date > self.event_date:
                raise ValidationError(
                    "complaint_date",
                    _("The complaint date must be on or before the incident date."),
                )
        check_text(self.private_reflection, field="private_reflection")
        check_int(
            self.severity,
            field="severity",
            # translators: the name of a field, in messages such as "{name} is required."
            label=N_("Severity"),
            minimum=SEVERITY_MIN,
            maximum=SEVERITY_MAX,
        )
        check_tags(self.tags)
        if self.withdrawn is not None:
            expect(self.withdrawn, Withdrawal, "withdrawn").validate("withdrawn")
        if self.provenance is not None:
            expect(self.provenance, Provenance, "provenance").validate("provenance")

    def _validate_people(self) -> None:
        seen: set[int] = set()
        for i, person in enumerate(check_list(self.people, field="people")):
            entry = expect(person, IncidentPerson, f"people[{i}]")
            entry.validate(f"people[{i}]")
            if entry.person_id in seen:
                raise ValidationError(
                    f"people[{i}].person_id", _("Each person can be listed only once.")
                )
            seen.add(entry.person_id)

    # -- derived values -------------------------------------------------------------------

    def end_time(self) -> time | None:
        """Start + duration on the 24-hour clock (may be on the next day), or None."""
        end = self.ends_at()
        return None if end is None else end.time()

    def ends_at(self) -> datetime | None:
        """Naive local datetime at which the incident ended, when start and duration are known."""
        if self.event_time is None or self.duration_minutes is None:
            return None
        start = datetime.combine(self.event_date, self.event_time)
        return start + timedelta(minutes=self.duration_minutes)

    def set_end_time(self, end: time) -> None:
        """Store an end time as a duration (an end before the start means the next day).

        Raises ``ValidationError`` when there is no start time.
        """
        if self.event_time is None:
            raise ValidationError("event_time", _("Give a start time before an end time."))
        self.duration_minutes = minutes_between(self.event_time, end)

    def days_after_complaint(self) -> int | None:
        """Days from the complaint to the incident, when it came after a dated complaint."""
        if not self.after_complaint or self.complaint_date is None:
            return None
        return (self.event_date - self.complaint_date).days

    def recording_delay(self, tz: tzinfo | None = None) -> timedelta | None:
        """How long after the event it was first written down, or None before the first save.

        ``recorded_at`` (UTC) is read as local wall-clock time in ``tz`` (the system's local
        zone when None), because the user states the event time on their local clock. With a
        start time, the delay is recorded-at minus the start (what a reader can check from the
        two columns of the chronology; the duration is not used). Without a start time, it is
        the whole number of days from the event date to the local recording date.
        """
        if self.recorded_at is None:
            return None
        recorded = local_moment(self.recorded_at, tz)
        if self.event_time is None:
            return timedelta(days=(recorded.date() - self.event_date).days)
        return recorded - datetime.combine(self.event_date, self.event_time)

    def recording_delay_text(self, tz: tzinfo | None = None) -> str | None:
        """:func:`format_delay` of :meth:`recording_delay`, e.g. "recorded 2 h after"."""
        delay = self.recording_delay(tz)
        if delay is None:
            return None
        return format_delay(delay, date_only=self.event_time is None)

    def person_ids(self) -> set[int]:
        """Every cast-list id referred to: people involved, speakers and witnesses."""
        ids = {p.person_id for p in self.people}
        ids.update(q.speaker_person_id for q in self.quotes if q.speaker_person_id is not None)
        ids.update(w.person_id for w in self.witnesses if w.person_id is not None)
        return ids


def _chronological_key(incident: Incident) -> tuple[date, time, int]:
    return (
        incident.event_date,
        incident.event_time or time.min,
        incident.record_number or 0,
    )


def involvement_position(
    incidents: Sequence[Incident], person_id: int, incident: Incident
) -> tuple[int, date] | None:
    """For "the nth incident involving this person since <date>" (field 17).

    Among ``incidents`` in which ``person_id`` is one of the people involved (field 5), in
    chronological order (event date, start time, record number), return ``(n, first_date)``:
    ``incident``'s 1-based position and the event date of the first such incident. None when
    ``incident`` does not involve the person or is not among ``incidents`` (compared by
    ``id`` when set, otherwise by identity).
    """
    involving = sorted(
        (i for i in incidents if any(p.person_id == person_id for p in i.people)),
        key=_chronological_key,
    )
    for position, candidate in enumerate(involving, start=1):
        same = candidate is incident or (incident.id is not None and candidate.id == incident.id)
        if same:
            return position, involving[0].event_date
    return None
