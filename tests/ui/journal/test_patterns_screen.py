"""Patterns: chart values equal repository counts; findings; the timeline opens incidents."""

from __future__ import annotations

import threading
from datetime import date, timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from peerdesk.demo import DEMO_ANCHOR, DemoSize, fill_demo_vault
from peerdesk.models import (
    Incident,
    IncidentCategory,
    IncidentPerson,
    Person,
    ReportMade,
    ReportRecipient,
)
from peerdesk.storage.incidents import IncidentFilter
from peerdesk.ui.common.session import VaultSession
from peerdesk.ui.journal import patterns as patterns_module
from peerdesk.ui.journal.patterns import PatternsScreen


def open_screen(qtbot: QtBot, session: VaultSession, today: date = DEMO_ANCHOR) -> PatternsScreen:
    screen = PatternsScreen(session, today=lambda: today)
    qtbot.addWidget(screen)
    screen.resize(1000, 700)
    with qtbot.waitSignal(screen.refreshed, timeout=20_000):
        screen.on_opened()
    screen.show()
    return screen


def test_chart_values_equal_repository_counts(qtbot: QtBot, session: VaultSession) -> None:
    fill_demo_vault(
        session.repos.vault,
        DemoSize(
            incidents=150, people=5, colleagues=0, conversations=0, attachments=0, strategy_uses=0
        ),
        seed=7,
    )
    repo = session.repos.incidents
    screen = open_screen(qtbot, session)
    with qtbot.waitSignal(screen.refreshed):
        screen.period_combo.setCurrentIndex(screen.period_combo.findText("All time"))
    assert sum(screen.month_chart.values) == repo.count() == 150
    counts = session.repos.persons.incident_counts()
    names = {p.id: p.display_name for p in session.repos.persons.list()}
    assert dict(zip(screen.person_chart.labels, screen.person_chart.values, strict=True)) == {
        names[pid]: n for pid, n in counts.items()
    }
    for label, value in zip(
        screen.category_chart.labels, screen.category_chart.values, strict=True
    ):
        category = next(c for c in IncidentCategory if c.label == label)
        assert value == repo.count(IncidentFilter(categories=frozenset({category})))
    for severity, value in enumerate(screen.severity_chart.values, start=1):
        assert value == repo.count(IncidentFilter(severity_min=severity, severity_max=severity))
    first = min(s.event_date for s in repo.list())
    month = date(first.year, first.month, 1)
    next_month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    assert screen.month_chart.values[0] == repo.count(
        IncidentFilter(date_from=month, date_to=next_month - timedelta(days=1))
    )
    reported = repo.count(IncidentFilter(reported=True))
    assert f"{reported} of 150 incidents were reported." in screen.patterns.findings  # type: ignore[union-attr]

    # a shorter period counts only its incidents
    with qtbot.waitSignal(screen.refreshed):
        screen.period_combo.setCurrentIndex(screen.period_combo.findText("Last 3 months"))
    since = screen.period_start()
    assert since is not None
    assert sum(screen.month_chart.values) == repo.count(IncidentFilter(date_from=since))
    assert "Last 3 months".lower() in screen.status_label.text()


def test_findings_and_timeline_click(qtbot: QtBot, session: VaultSession) -> None:
    persons, repo = session.repos.persons, session.repos.incidents
    r = persons.add(Person(display_name="R. Stone"))
    assert r.id is not None
    today = date(2026, 6, 30)
    complaint = date(2026, 5, 2)
    ids = []
    for n, day in enumerate((date(2026, 5, 10), date(2026, 6, 1), date(2026, 6, 20))):
        saved = repo.add(
            Incident(
                event_date=day,
                title=f"Entry {n}",
                severity=n + 2,
                people=[IncidentPerson(person_id=r.id)],
                after_complaint=True,
                complaint_date=complaint,
                reports=[ReportMade(recipient=ReportRecipient.HR, reported_on=day)]
                if n == 0
                else [],
            )
        )
        ids.append(saved.id)
    screen = open_screen(qtbot, session, today)
    findings = [screen.findings.item(i).text() for i in range(screen.findings.count())]
    assert "3 incidents involving R. Stone in the last 60 days." in findings
    assert "3 incidents after your complaint on 2 May 2026." in findings
    assert "1 of 3 incidents was reported." in findings
    assert screen.timeline.complaint_dates == [complaint]
    assert screen.timeline.report_dates == [date(2026, 5, 10)]

    screen.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: screen.timeline.isVisible())
    for incident_id in ids:
        point = screen.timeline.point_for(incident_id)
        assert point is not None
        assert screen.timeline.incident_at(point) == incident_id
        assert "Entry" in screen.timeline.tooltip_at(point)
        with qtbot.waitSignal(screen.edit_requested) as blocker:
            qtbot.mouseClick(screen.timeline, Qt.MouseButton.LeftButton, pos=point.toPoint())
        assert blocker.args == [incident_id]

    # The keyboard reaches every dot in date order and opens it with Enter.
    timeline = screen.timeline
    timeline.setFocus()
    qtbot.waitUntil(timeline.hasFocus)
    qtbot.keyClick(timeline, Qt.Key.Key_Right)
    assert timeline.current == 0 and "Entry 0" in timeline.accessibleDescription()
    qtbot.keyClick(timeline, Qt.Key.Key_Right)
    qtbot.keyClick(timeline, Qt.Key.Key_Right)
    qtbot.keyClick(timeline, Qt.Key.Key_Right)  # stays on the last
    assert timeline.current == 2
    with qtbot.waitSignal(screen.edit_requested) as blocker:
        qtbot.keyClick(timeline, Qt.Key.Key_Return)
    assert blocker.args == [ids[2]]
    qtbot.keyClick(timeline, Qt.Key.Key_Home)
    qtbot.keyClick(timeline, Qt.Key.Key_Left)  # stays on the first
    with qtbot.waitSignal(screen.edit_requested) as blocker:
        qtbot.keyClick(timeline, Qt.Key.Key_Space)
    assert blocker.args == [ids[0]]
    qtbot.keyClick(timeline, Qt.Key.Key_End)
    assert timeline.current == 2 and "Entry 2" in timeline.accessibleDescription()


def test_follows_changes_and_empties_on_close(qtbot: QtBot, session: VaultSession) -> None:
    screen = open_screen(qtbot, session, date(2026, 6, 30))
    assert screen.patterns is not None and screen.patterns.total == 0
    with qtbot.waitSignal(screen.refreshed, timeout=10_000):
        session.repos.incidents.add(Incident(event_date=date(2026, 6, 1), title="One", severity=5))
    assert screen.severity_chart.values == [0, 0, 0, 0, 1]
    screen.on_closing()
    assert screen.patterns is None and screen.findings.count() == 0
    assert screen.timeline.items == [] and screen.month_chart.values == []


def test_the_first_figures_are_computed_off_the_gui_thread(
    qtbot: QtBot, session: VaultSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The figures of the period in view are computed with the read, on its worker (issue 18:
    0.1 s of the GUI thread at 50,000 entries); they equal the figures computed afresh."""
    fill_demo_vault(
        session.repos.vault,
        DemoSize(
            incidents=120, people=5, colleagues=0, conversations=0, attachments=0, strategy_uses=0
        ),
        seed=3,
    )
    on_gui: list[bool] = []
    real = patterns_module.compute_patterns

    def spy(*args: Any, **kwargs: Any) -> Any:
        on_gui.append(threading.current_thread() is threading.main_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(patterns_module, "compute_patterns", spy)
    screen = open_screen(qtbot, session)
    assert on_gui == [False]
    first = screen.patterns
    with qtbot.waitSignal(screen.refreshed):
        screen.show_period()  # the same period, computed here
    assert on_gui == [False, True]
    assert screen.patterns == first
