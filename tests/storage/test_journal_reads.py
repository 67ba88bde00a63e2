"""Cheap reads for the views over the whole journal (issue 18, item 2): Patterns' data and the
history check read columns, and give what loading every entry whole gave."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from peerdesk.demo import DemoSize, fill_demo_vault
from peerdesk.models import Incident, ReportMade
from peerdesk.models.enums import ReportRecipient
from peerdesk.models.patterns import PatternInput
from peerdesk.storage import incident_revisions
from peerdesk.storage.incidents import IncidentRepository
from peerdesk.storage.journal_reads import pattern_inputs
from peerdesk.storage.vault import Vault


def expected_inputs(repo: IncidentRepository) -> tuple[list[PatternInput], dict[int, str]]:
    """What the Patterns screen read before: every list row, and each reported entry whole."""
    inputs: list[PatternInput] = []
    titles: dict[int, str] = {}
    for s in repo.list():
        report_dates: tuple[date, ...] = ()
        complaint: date | None = None
        if s.reported or s.after_complaint:
            full = repo.get(s.id)
            report_dates = tuple(r.reported_on for r in full.reports if r.reported_on)
            complaint = full.complaint_date
        inputs.append(
            PatternInput(
                s.id,
                s.event_date,
                s.severity,
                s.person_ids,
                s.categories,
                s.reported,
                s.after_complaint,
                report_dates,
                complaint,
            )
        )
        titles[s.id] = s.title
    return inputs, titles


@pytest.fixture
def demo(vault: Vault) -> Vault:
    fill_demo_vault(vault, DemoSize(incidents=120, conversations=10), seed=3)
    return vault


def test_pattern_inputs_are_what_whole_entries_give(demo: Vault) -> None:
    repo = IncidentRepository(demo)
    some = repo.ids()
    repo.withdraw(some[5], "made in error")  # left out, as the journal leaves it out
    repo.add(
        Incident(
            event_date=date(2026, 4, 3),
            title="After my complaint",
            narrative="It happened again.",
            after_complaint=True,
            complaint_date=date(2026, 3, 20),
        )
    )
    inputs, titles = pattern_inputs(demo)
    assert (inputs, titles) == expected_inputs(repo)
    assert some[5] not in titles
    assert any(i.report_dates for i in inputs)
    assert [i.complaint_date for i in inputs if i.complaint_date] == [date(2026, 3, 20)]
    assert any(len(i.person_ids) > 1 for i in inputs)


def test_check_still_names_a_mirror_whose_recorded_at_was_changed(
    demo: Vault, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(incident_revisions, "CHECK_CHUNK", 7)  # many chunks, one ragged
    repo = IncidentRepository(demo)
    report = repo.verify_history()
    assert report.ok and report.checked == 120
    assert report.revisions == demo.query_one("SELECT count(*) FROM incident_revisions")[0]
    numbers = [e.record_number for e in report.entries]
    assert numbers == sorted(numbers) and len(set(numbers)) == 120
    withdrawn = repo.ids()[0]
    repo.withdraw(withdrawn)
    assert [e.incident_id for e in repo.verify_history().entries if e.withdrawn] == [withdrawn]
    victim = repo.ids()[-3]  # in the last chunks
    with demo.transaction() as tx:
        tx.execute("DROP TRIGGER incidents_recorded_at_fixed")
        tx.execute(
            "UPDATE incidents SET recorded_at = ? WHERE id = ?",
            (datetime(2020, 1, 1, tzinfo=UTC).isoformat(), victim),
        )
    report = repo.verify_history()
    assert [(p.incident_id, p.first_broken) for p in report.problems] == [(victim, 1)]
    assert "recorded-at" in report.problems[0].reason
    assert [e.incident_id for e in report.entries if not e.ok] == [victim]


EVENT_DAY = date(2026, 6, 30)
days = st.dates(min_value=date(2026, 1, 1), max_value=EVENT_DAY)
#: An entry's report dates (None: a report with no date) and complaint date.
dated_parts = st.tuples(st.lists(st.none() | days, max_size=3), st.none() | days)


def _with_dates(incident: Incident, parts: tuple[list[date | None], date | None]) -> Incident:
    reports, complaint = parts
    incident.reports = [ReportMade(recipient=ReportRecipient.HR, reported_on=d) for d in reports]
    incident.after_complaint = complaint is not None
    incident.complaint_date = complaint
    return incident


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(first=dated_parts, then=dated_parts, withdraw=st.booleans())
def test_mirrored_report_and_complaint_dates_follow_every_save(
    vault: Vault,
    first: tuple[list[date | None], date | None],
    then: tuple[list[date | None], date | None],
    withdraw: bool,
) -> None:
    repo = IncidentRepository(vault)
    saved = repo.add(_with_dates(Incident(event_date=EVENT_DAY, title="Dated"), first))
    assert pattern_inputs(vault) == expected_inputs(repo)
    repo.update(_with_dates(saved, then))
    assert pattern_inputs(vault) == expected_inputs(repo)
    assert saved.id is not None
    if withdraw:
        repo.withdraw(saved.id)
        assert saved.id not in pattern_inputs(vault)[1]
        repo.restore(saved.id)
        assert pattern_inputs(vault) == expected_inputs(repo)
    repo.delete(saved.id)
    assert not vault.query("SELECT 1 FROM incident_dates WHERE incident_id = ?", (saved.id,))
