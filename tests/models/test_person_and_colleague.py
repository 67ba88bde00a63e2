from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from peerdesk.models import (
    NAME_MAX,
    Colleague,
    ColleagueStatus,
    Consent,
    Person,
    Relationship,
    ValidationError,
)


def test_person_cleaned_caps_and_trims_the_name() -> None:
    person = Person(
        display_name="  M.\nR. ",
        role=" Team lead ",
        relationship=Relationship.MANAGER,
        holds_power=True,
    ).cleaned()
    assert (person.display_name, person.role) == ("M. R.", "Team lead")
    with pytest.raises(ValidationError) as caught:
        Person(display_name="x" * (NAME_MAX + 1)).cleaned()
    assert caught.value.field == "display_name"
    assert caught.value.message == f"Name or initials can be at most {NAME_MAX} characters."


@pytest.mark.parametrize(
    ("person", "field"),
    [
        (Person(display_name=""), "display_name"),
        (Person(display_name="A", relationship="manager"), "relationship"),  # type: ignore[arg-type]
        (Person(display_name="A", holds_power=1), "holds_power"),  # type: ignore[arg-type]
        (Person(display_name="A", notes="\x00"), "notes"),
        (Person(id=0, display_name="A"), "id"),
    ],
)
def test_person_validation_names_the_field(person: Person, field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        person.validate()
    assert caught.value.field == field


@pytest.mark.parametrize(
    ("last_contact", "months", "expected"),
    [
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2023, 1, 31), 1, date(2023, 2, 28)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2024, 10, 31), 12, date(2025, 10, 31)),
        (date(2024, 5, 31), 6, date(2024, 11, 30)),
    ],
)
def test_retention_counts_from_last_contact(
    last_contact: date, months: int, expected: date
) -> None:
    colleague = Colleague(
        pseudonym="J",
        retention_months=months,
        last_contact=last_contact,
        created_at=datetime(2020, 1, 1, tzinfo=UTC),
    )
    assert colleague.retention_expires_on() == expected
    assert not colleague.retention_expired(expected - timedelta(days=1))
    assert colleague.retention_expired(expected)


def test_retention_falls_back_to_creation_then_none() -> None:
    created = Colleague(pseudonym="J", created_at=datetime(2024, 1, 31, 23, 0, tzinfo=UTC))
    assert created.retention_expires_on() == date(2025, 1, 31)
    assert Colleague(pseudonym="J").retention_expires_on() is None
    assert not Colleague(pseudonym="J").retention_expired(date(2100, 1, 1))


def test_real_name_is_shown_only_when_revealed() -> None:
    colleague = Colleague(pseudonym="Blue", real_name="Jo Smith")
    assert colleague.shown_name() == "Blue"
    assert colleague.shown_name(reveal=True) == "Jo Smith"
    assert Colleague(pseudonym="Blue").shown_name(reveal=True) == "Blue"


def test_colleague_cleaned_sanitises_consent() -> None:
    colleague = Colleague(
        pseudonym=" Blue ",
        status=ColleagueStatus.CLOSED,
        consent=Consent(
            may_record="Dates and actions only\x00",
            until=date(2025, 1, 1),
            recorded_on=date(2024, 1, 1),
        ),
    ).cleaned()
    assert colleague.pseudonym == "Blue"
    assert colleague.consent.may_record == "Dates and actions only"
    assert colleague.consent.is_current(date(2025, 1, 1))
    assert not colleague.consent.is_current(date(2025, 1, 2))


@pytest.mark.parametrize(
    ("colleague", "field"),
    [
        (Colleague(pseudonym=" "), "pseudonym"),
        (Colleague(pseudonym="B", real_name="x" * (NAME_MAX + 1)), "real_name"),
        (Colleague(pseudonym="B", retention_months=0), "retention_months"),
        (Colleague(pseudonym="B", retention_months=121), "retention_months"),
        (Colleague(pseudonym="B", created_at=datetime(2024, 1, 1)), "created_at"),
        (
            Colleague(
                pseudonym="B", consent=Consent(until=date(2024, 1, 1), recorded_on=date(2024, 2, 1))
            ),
            "consent.until",
        ),
        (Colleague(pseudonym="B", status="active"), "status"),  # type: ignore[arg-type]
    ],
)
def test_colleague_validation_names_the_field(colleague: Colleague, field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        colleague.validate()
    assert caught.value.field == field
