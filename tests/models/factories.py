"""Fully populated example records and Hypothesis strategies for the model tests."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from hypothesis import strategies as st

from peerdesk.models import (
    NAME_MAX,
    TAG_MAX,
    TITLE_MAX,
    Channel,
    EvidenceNotHeld,
    Impact,
    Incident,
    IncidentCategory,
    IncidentPerson,
    Quote,
    ReportMade,
    ReportRecipient,
    ToldSomeone,
    Witness,
    clean_text,
)


def full_incident() -> Incident:
    """An incident in which every field differs from its default."""
    return Incident(
        id=41,
        record_number=7,
        recorded_at=datetime(2024, 3, 5, 16, 45, 12, 345678, tzinfo=UTC),
        event_date=date(2024, 3, 5),
        event_time=time(14, 30),
        approximate=True,
        duration_minutes=25,
        channel=Channel.MEETING,
        place="Meeting room 3, second floor",
        people=[
            IncidentPerson(person_id=3, role_in_incident="did it"),
            IncidentPerson(person_id=9, role_in_incident="was present"),
        ],
        categories={IncidentCategory.PUBLIC_HUMILIATION, IncidentCategory.RETALIATION},
        title="Shouted at in the Monday planning meeting",
        narrative='At 14:30 the meeting started.\nM. said my work was "useless" — twice.\n',
        quotes=[
            Quote(speaker_person_id=3, text="This is useless, as usual."),
            Quote(speaker_label="Someone at the back", text="Leave it, Ana."),
        ],
        my_response="I said I would discuss it after the meeting.",
        their_reaction="He laughed and moved on.",
        witnesses=[
            Witness(
                person_id=9, where="Opposite me", reacted="Looked away", willing_to_confirm=True
            ),
            Witness(name="K. O.", where="By the door", willing_to_confirm=False),
        ],
        told=[ToldSomeone(who="My partner", when=date(2024, 3, 5), how="In person")],
        reports=[
            ReportMade(
                recipient=ReportRecipient.HR,
                recipient_detail="HR business partner",
                reported_on=date(2024, 3, 7),
                reference="HR-2024-113",
                outcome="Acknowledged; meeting offered.",
            )
        ],
        attempts_to_stop="Asked him in writing to keep feedback private.",
        impact=Impact(
            emotional="Shaken",
            physical="Slept badly",
            work="Left early",
            home="Quiet evening",
            sought_help="Called the EAP",
            sought_help_date=date(2024, 3, 6),
        ),
        attachment_ids=[101, 102],
        evidence_not_held=[
            EvidenceNotHeld(what="Meeting recording", where="Teams", held_by="IT department")
        ],
        related_incident_ids=[12, 5],
        after_complaint=True,
        complaint_date=date(2024, 2, 20),
        private_reflection="I wonder whether to talk to the union first.",
        severity=4,
        tags=["meeting", "Monday"],
    )


def cleaned_text(max_size: int, *, multiline: bool, min_size: int = 0) -> st.SearchStrategy[str]:
    """Arbitrary text (any code point, surrogates included) after clean_text, within caps."""
    return (
        st.text(st.characters(codec=None), max_size=max_size)
        .map(lambda raw: clean_text(raw, field="x", multiline=multiline))
        .filter(lambda text: min_size <= len(text) <= max_size and (min_size == 0 or text != ""))
    )


def line(max_size: int, *, required: bool = False) -> st.SearchStrategy[str]:
    return cleaned_text(max_size, multiline=False, min_size=1 if required else 0)


def block(*, required: bool = False) -> st.SearchStrategy[str]:
    return cleaned_text(300, multiline=True, min_size=1 if required else 0)


ids = st.integers(min_value=1, max_value=2**53)
utc_datetimes = st.datetimes(timezones=st.just(UTC))
naive_times = st.times()


@st.composite
def quotes(draw: st.DrawFn) -> Quote:
    speaker_id = draw(st.none() | ids)
    label = draw(line(NAME_MAX, required=speaker_id is None))
    return Quote(speaker_person_id=speaker_id, speaker_label=label, text=draw(block(required=True)))


@st.composite
def witnesses(draw: st.DrawFn) -> Witness:
    person_id = draw(st.none() | ids)
    return Witness(
        person_id=person_id,
        name=draw(line(NAME_MAX, required=person_id is None)),
        where=draw(line(TITLE_MAX)),
        reacted=draw(block()),
        willing_to_confirm=draw(st.none() | st.booleans()),
    )


def _unique_tags() -> st.SearchStrategy[list[str]]:
    return st.lists(line(TAG_MAX, required=True), max_size=5, unique_by=str.casefold)


@st.composite
def incidents(draw: st.DrawFn) -> Incident:
    """Valid incidents with ``id`` None (what a revision payload restores)."""
    event_date = draw(st.dates())
    after_complaint = draw(st.booleans())
    complaint_date = draw(st.none() | st.dates(max_value=event_date)) if after_complaint else None
    people_ids = draw(st.lists(ids, max_size=3, unique=True))
    return Incident(
        record_number=draw(st.none() | ids),
        recorded_at=draw(st.none() | utc_datetimes),
        event_date=event_date,
        event_time=draw(st.none() | naive_times),
        approximate=draw(st.booleans()),
        duration_minutes=draw(st.none() | st.integers(0, 7 * 24 * 60)),
        channel=draw(st.sampled_from(Channel)),
        place=draw(line(TITLE_MAX)),
        people=[
            IncidentPerson(person_id=pid, role_in_incident=draw(line(NAME_MAX)))
            for pid in people_ids
        ],
        categories=draw(st.sets(st.sampled_from(IncidentCategory))),
        title=draw(line(TITLE_MAX, required=True)),
        narrative=draw(block()),
        quotes=draw(st.lists(quotes(), max_size=2)),
        my_response=draw(block()),
        their_reaction=draw(block()),
        witnesses=draw(st.lists(witnesses(), max_size=2)),
        told=draw(
            st.lists(
                st.builds(
                    ToldSomeone,
                    who=line(NAME_MAX, required=True),
                    when=st.none() | st.dates(),
                    how=line(TITLE_MAX),
                ),
                max_size=2,
            )
        ),
        reports=draw(
            st.lists(
                st.builds(
                    ReportMade,
                    recipient=st.sampled_from(ReportRecipient),
                    recipient_detail=line(NAME_MAX),
                    reported_on=st.none() | st.dates(),
                    reference=line(NAME_MAX),
                    outcome=block(),
                ),
                max_size=2,
            )
        ),
        attempts_to_stop=draw(block()),
        impact=draw(
            st.builds(
                Impact,
                emotional=block(),
                physical=block(),
                work=block(),
                home=block(),
                sought_help=block(),
                sought_help_date=st.none() | st.dates(),
            )
        ),
        attachment_ids=draw(st.lists(ids, max_size=3, unique=True)),
        evidence_not_held=draw(
            st.lists(
                st.builds(
                    EvidenceNotHeld,
                    what=line(TITLE_MAX, required=True),
                    where=line(TITLE_MAX),
                    held_by=line(NAME_MAX),
                ),
                max_size=2,
            )
        ),
        related_incident_ids=draw(st.lists(ids, max_size=3, unique=True)),
        after_complaint=after_complaint,
        complaint_date=complaint_date,
        private_reflection=draw(block()),
        severity=draw(st.integers(1, 5)),
        tags=draw(_unique_tags()),
    )
