"""The journal's filters that pick entries by id (people, categories, tags, words, ids) read
their sort columns from the covering index ``incidents_list_keys`` (issue 18), and give the
same entries in the same order as the plain list query does, for every sort."""

from __future__ import annotations

from datetime import date, time
from itertools import product

import pytest

from peerdesk.demo import DemoSize, fill_demo_vault
from peerdesk.models import Incident
from peerdesk.models.enums import IncidentCategory
from peerdesk.storage.incident_filter import ids_sql
from peerdesk.storage.incidents import IncidentFilter, IncidentRepository, IncidentSort
from peerdesk.storage.vault import Vault


@pytest.fixture
def demo(vault: Vault) -> Vault:
    fill_demo_vault(vault, DemoSize(incidents=150, conversations=5), seed=7)
    repo = IncidentRepository(vault)
    repo.withdraw(repo.ids()[3], "made in error")  # left out, as the lists leave it out
    return vault


def filters(vault: Vault) -> list[IncidentFilter]:
    repo = IncidentRepository(vault)
    tags = repo.all_tags()
    people = [int(r[0]) for r in vault.query("SELECT id FROM persons ORDER BY id LIMIT 2")]
    some = repo.ids()[::7]
    since = repo.summary(some[-1]).event_date
    category = IncidentCategory.VERBAL_ABUSE
    return [
        IncidentFilter(categories=frozenset({category})),
        IncidentFilter(categories=frozenset({category, list(IncidentCategory)[-1]})),
        IncidentFilter(tags=frozenset({tags[0]})),
        IncidentFilter(tags=frozenset({tags[0].upper(), tags[-1]})),  # tags ignore case
        IncidentFilter(person_ids=frozenset(people)),
        IncidentFilter(text="meeting"),
        IncidentFilter(ids=frozenset(some)),
        IncidentFilter(ids=frozenset()),
        IncidentFilter(categories=frozenset({category}), severity_min=3, reported=True),
        IncidentFilter(tags=frozenset(tags[:3]), after_complaint=False, include_withdrawn=True),
        IncidentFilter(person_ids=frozenset(people[:1]), date_from=since),
    ]


def test_filters_by_id_give_what_the_plain_list_gives_in_every_order(demo: Vault) -> None:
    repo = IncidentRepository(demo)
    found_any = False
    for where, sort, descending in product(filters(demo), IncidentSort, (True, False)):
        plain = [s.id for s in repo.list(where, sort=sort, descending=descending)]
        assert repo.ids(where, sort=sort, descending=descending) == plain, (where, sort)
        assert repo.count(where) == len(plain)
        found_any = found_any or len(plain) > 1
    assert found_any


def test_filters_by_id_read_covering_indexes_not_the_rows(demo: Vault) -> None:
    for where, sort in product(filters(demo), IncidentSort):
        sql, params = ids_sql(where, sort, True)
        steps = [str(r[3]) for r in demo.query(f"EXPLAIN QUERY PLAN {sql}", params)]
        on_entries = [s for s in steps if s.startswith(("SCAN i ", "SEARCH i "))]
        assert on_entries, steps
        assert all("USING COVERING INDEX" in s for s in on_entries), (where, sort, steps)


def test_in_event_order_an_entry_without_a_time_comes_after_the_timed_ones_of_its_day(
    vault: Vault,
) -> None:
    repo = IncidentRepository(vault)
    day = date(2026, 5, 4)
    morning, untimed, evening = (
        repo.add(Incident(event_date=day, event_time=t, title="Same day")).id
        for t in (time(9, 0), None, time(17, 30))
    )
    earlier = repo.add(Incident(event_date=date(2026, 5, 3), title="The day before")).id
    expected = [evening, morning, untimed, earlier]
    tagged = IncidentFilter(ids=frozenset(x for x in expected if x is not None))
    for where in (None, tagged):
        assert repo.ids(where) == expected
        assert repo.ids(where, descending=False) == expected[::-1]
        assert [s.id for s in repo.list(where)] == expected
