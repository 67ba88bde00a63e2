"""The library's dialogs on real vaults: the editor (inline validation, drafts on lock), the
calm try view (steps, countdown on a fake clock, "Did it help?") and "What helps me"."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime, timedelta

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from peerdesk.models import Incident, IncidentCategory, RecordKind, StrategyCategory, StrategyUse
from peerdesk.models.enums import StrategySource
from peerdesk.models.strategy import Strategy
from peerdesk.storage.library import StrategyRepository
from peerdesk.ui.common.messages import Button, Messages
from peerdesk.ui.common.session import VaultSession
from peerdesk.ui.library.editor import StrategyEditor
from peerdesk.ui.library.try_dialog import STEP_POINT_SIZE, TryStrategyDialog
from peerdesk.ui.library.what_helps import RankingModel, WhatHelpsDialog
from peerdesk.ui.library.widgets import RATING_WORDS, format_clock, rating_word

LEFT = Qt.MouseButton.LeftButton


class FakeClock:
    """Seconds that move only when the test says so."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def click(qtbot: QtBot, widget: QWidget) -> None:
    assert widget.isVisible() and widget.isEnabled(), widget.objectName()
    qtbot.mouseClick(widget, LEFT)


def click_radio(qtbot: QtBot, radio: QWidget) -> None:
    """Click on the radio button's indicator (its left edge), as a person would."""
    assert radio.isVisible()
    qtbot.mouseClick(radio, LEFT, pos=QPoint(8, radio.height() // 2))


def add_incident(
    session: VaultSession, title: str, categories: set[IncidentCategory], day: date
) -> int:
    incident = session.repos.incidents.add(
        Incident(event_date=day, title=title, categories=categories)
    )
    assert incident.id is not None
    return incident.id


def builtin(repo: StrategyRepository, key: str) -> Strategy:
    return repo.get_by_key(key)


# -- helpers ---------------------------------------------------------------------------------------


def test_clock_and_words() -> None:
    assert format_clock(180) == "3:00"
    assert format_clock(179.2) == "3:00"  # rounded up: 0:00 only when the time is over
    assert format_clock(59) == "0:59"
    assert format_clock(0) == "0:00"
    assert format_clock(-3) == "0:00"
    assert [rating_word(v) for v in range(5)] == list(RATING_WORDS)
    assert rating_word(3.4) == "Quite a lot" and rating_word(3.6) == "A lot"


# -- the editor ------------------------------------------------------------------------------------


def open_editor(
    qtbot,
    session: VaultSession,
    strategy: Strategy | None = None,  # type: ignore[no-untyped-def]
    **kwargs,
) -> StrategyEditor:  # type: ignore[no-untyped-def]
    editor = StrategyEditor(session.repos.strategies, strategy, **kwargs)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    return editor


def test_editor_saves_a_new_own_strategy(qtbot: QtBot, session: VaultSession) -> None:
    editor = open_editor(qtbot, session, category=StrategyCategory.RECOVER_SELFCARE)
    assert editor.windowTitle() == "New strategy"
    assert editor.category_combo.currentData() == StrategyCategory.RECOVER_SELFCARE.value
    qtbot.keyClicks(editor.title_edit, "Walk round the block")
    qtbot.keyClicks(editor.summary_edit, "Ten minutes of air between meetings.")
    qtbot.keyClicks(editor.steps_edit, "Put your coat on")
    qtbot.keyClick(editor.steps_edit, Qt.Key.Key_Return)
    qtbot.keyClick(editor.steps_edit, Qt.Key.Key_Return)  # blank lines are dropped
    qtbot.keyClicks(editor.steps_edit, "Walk to the corner and back")
    qtbot.keyClicks(editor.when_edit, "After a hard meeting")
    editor.minutes_spin.setFocus()
    editor.minutes_spin.selectAll()
    qtbot.keyClicks(editor.minutes_spin, "10")
    with qtbot.waitSignal(editor.accepted):
        click(qtbot, editor.save_button)
    saved = editor.saved
    assert saved is not None and saved.id is not None
    stored = session.repos.strategies.get(saved.id)
    assert stored.title == "Walk round the block"
    assert stored.steps == ["Put your coat on", "Walk to the corner and back"]
    assert stored.minutes == 10
    assert stored.category is StrategyCategory.RECOVER_SELFCARE
    assert stored.source is StrategySource.OWN and stored.key is None


def test_editor_shows_validation_errors_beside_the_field(
    qtbot: QtBot, session: VaultSession
) -> None:
    before = session.repos.strategies.count(include_hidden=True)
    editor = open_editor(qtbot, session)
    qtbot.keyClicks(editor.summary_edit, "Something without a title")
    click(qtbot, editor.save_button)
    assert editor.isVisible()
    assert editor.errors["title"].isVisible()
    # In words (never colour alone), tied to its field for a screen reader, focused.
    assert editor.errors["title"].text() == "⚠ Error: Title is required."
    assert editor.title_edit.accessibleDescription() == "Error: Title is required."
    assert editor.focusWidget() is editor.title_edit

    qtbot.keyClicks(editor.title_edit, "Long steps")
    qtbot.keyClicks(editor.steps_edit, "A short first step")
    qtbot.keyClick(editor.steps_edit, Qt.Key.Key_Return)
    QApplication.clipboard().setText("x" * 501)
    qtbot.keyClick(editor.steps_edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    click(qtbot, editor.save_button)
    assert not editor.errors["title"].isVisible()
    assert editor.title_edit.accessibleDescription() == ""  # its error went with it
    assert editor.errors["steps"].isVisible()
    assert editor.errors["steps"].text().startswith("⚠ Error: Step 2: Each step")
    assert editor.focusWidget() is editor.steps_edit
    assert "500" in editor.errors["steps"].text()
    assert session.repos.strategies.count(include_hidden=True) == before
    QApplication.clipboard().clear()


def test_editor_edits_an_own_strategy(qtbot: QtBot, session: VaultSession) -> None:
    repo = session.repos.strategies
    own = repo.add(
        Strategy(
            title="Call my sister",
            category=StrategyCategory.SEEK_SUPPORT,
            steps=["Ring her"],
            minutes=5,
        )
    )
    editor = open_editor(qtbot, session, own)
    assert editor.windowTitle() == "Edit strategy"
    assert editor.title_edit.text() == "Call my sister"
    assert editor.minutes_spin.value() == 5
    editor.title_edit.selectAll()
    qtbot.keyClicks(editor.title_edit, "Call my sister or my friend")
    editor.minutes_spin.setFocus()
    editor.minutes_spin.selectAll()
    qtbot.keyClick(editor.minutes_spin, Qt.Key.Key_Delete)
    qtbot.keyClicks(editor.minutes_spin, "0")
    click(qtbot, editor.save_button)
    assert editor.result() == QDialog.DialogCode.Accepted
    stored = repo.get(own.id or 0)
    assert stored.title == "Call my sister or my friend"
    assert stored.minutes is None  # "No set time"


def test_cancel_asks_before_throwing_typing_away(qtbot: QtBot, session: VaultSession) -> None:
    editor = open_editor(qtbot, session, drafts=session.repos.drafts)
    qtbot.keyClicks(editor.title_edit, "Half a thought")
    Messages.set_next_answer(Button.No)
    click(qtbot, editor.cancel_button)
    assert editor.isVisible()
    assert Messages.shown[-1].title == "Discard changes"
    assert "Half a thought" not in Messages.shown[-1].text  # never user content in messages
    Messages.set_next_answer(Button.Yes)
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert not editor.isVisible()
    assert editor.result() == QDialog.DialogCode.Rejected
    assert session.repos.drafts.load(RecordKind.STRATEGY, None) is None

    untouched = open_editor(qtbot, session)
    click(qtbot, untouched.cancel_button)  # nothing typed: no question
    assert not untouched.isVisible() and len(Messages.shown) == 2


def test_reject_while_locking_keeps_a_draft_that_comes_back(
    qtbot: QtBot, session: VaultSession
) -> None:
    drafts = session.repos.drafts
    editor = open_editor(qtbot, session, drafts=drafts, category=StrategyCategory.CALM_BODY)
    qtbot.keyClicks(editor.title_edit, "Hands under cold water")
    qtbot.keyClicks(editor.steps_edit, "Run the cold tap")
    editor.reject()  # what the lock does: no question asked
    assert not editor.isVisible() and Messages.shown == []
    draft = drafts.load(RecordKind.STRATEGY, None)
    assert draft is not None and draft.payload["title"] == "Hands under cold water"

    again = open_editor(qtbot, session, drafts=drafts)
    assert again.restored_notice.isVisible()
    assert again.title_edit.text() == "Hands under cold water"
    assert again.steps_edit.toPlainText() == "Run the cold tap"
    assert again.category_combo.currentData() == StrategyCategory.CALM_BODY.value
    click(qtbot, again.save_button)
    assert again.saved is not None
    assert drafts.load(RecordKind.STRATEGY, None) is None


# -- trying a strategy -----------------------------------------------------------------------------


def open_try(qtbot, session: VaultSession, strategy: Strategy, **kwargs) -> TryStrategyDialog:  # type: ignore[no-untyped-def]
    dialog = TryStrategyDialog(
        strategy, session.repos.strategies, session.repos.incidents, **kwargs
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_steps_one_at_a_time_in_large_type(qtbot: QtBot, session: VaultSession) -> None:
    strategy = builtin(session.repos.strategies, "box_breathing")
    dialog = open_try(qtbot, session, strategy, clock=FakeClock())
    total = len(strategy.steps)
    assert dialog.steps.step_label.font().pointSizeF() >= 16
    assert dialog.steps.step_label.font().pointSizeF() == STEP_POINT_SIZE
    assert dialog.steps.counter.text() == f"Step 1 of {total}"
    assert dialog.steps.step_label.text() == strategy.steps[0]
    assert not dialog.back_button.isEnabled()
    click(qtbot, dialog.next_button)
    assert dialog.steps.counter.text() == f"Step 2 of {total}"
    assert dialog.steps.step_label.text() == strategy.steps[1]
    click(qtbot, dialog.back_button)
    assert dialog.steps.step_label.text() == strategy.steps[0]
    for _ in range(total - 1):
        qtbot.keyClick(dialog.next_button, Qt.Key.Key_Space)
    assert dialog.steps.counter.text() == f"Step {total} of {total}"
    assert dialog.next_button.text() == "&Finish"
    click(qtbot, dialog.next_button)
    assert dialog.pages.currentIndex() == TryStrategyDialog.RATING_PAGE
    assert not dialog.next_button.isVisible() and dialog.save_button.isVisible()
    assert not dialog.save_button.isEnabled()  # nothing chosen yet
    click(qtbot, dialog.back_button)
    assert dialog.steps.counter.text() == f"Step {total} of {total}"


def test_countdown_counts_down_and_says_times_up(qtbot: QtBot, session: VaultSession) -> None:
    clock = FakeClock()
    strategy = builtin(session.repos.strategies, "box_breathing")
    assert strategy.minutes == 3
    dialog = open_try(qtbot, session, strategy, clock=clock)
    assert dialog.steps.timer_panel.isVisible()
    assert dialog.steps.time_label.text() == "3:00"
    assert not dialog.steps.pause_button.isVisible() and not dialog.steps.reset_button.isEnabled()
    click(qtbot, dialog.steps.start_button)
    assert dialog.steps.pause_button.isVisible() and not dialog.steps.start_button.isVisible()
    clock.advance(30)
    qtbot.waitUntil(lambda: dialog.steps.time_label.text() == "2:30")
    click(qtbot, dialog.next_button)  # the timer keeps going while stepping
    clock.advance(10)
    qtbot.waitUntil(lambda: dialog.steps.time_label.text() == "2:20")

    click(qtbot, dialog.steps.pause_button)
    clock.advance(60)  # paused: the clock moves on, the countdown does not
    assert dialog.steps.countdown is not None and dialog.steps.countdown.remaining() == 140
    assert dialog.steps.time_label.text() == "2:20"
    assert dialog.steps.start_button.text() == "Continue"

    click(qtbot, dialog.steps.start_button)
    assert not dialog.steps.times_up_label.isVisible()
    clock.advance(140)
    qtbot.waitUntil(lambda: dialog.steps.times_up_label.isVisible())
    assert dialog.steps.time_label.text() == "0:00"
    assert dialog.steps.times_up_label.text().startswith("Time's up.")
    assert not dialog.steps.pause_button.isVisible()
    assert (
        dialog.steps.start_button.text() == "Start again" and dialog.steps.start_button.isVisible()
    )

    click(qtbot, dialog.steps.reset_button)
    assert dialog.steps.time_label.text() == "3:00"
    assert not dialog.steps.times_up_label.isVisible()
    assert (
        dialog.steps.start_button.text() == "Start timer" and dialog.steps.start_button.isVisible()
    )

    click(qtbot, dialog.steps.start_button)  # "Start again" after the end restarts from the top
    clock.advance(180)
    qtbot.waitUntil(dialog.steps.times_up_label.isVisible)
    click(qtbot, dialog.steps.start_button)
    assert not dialog.steps.times_up_label.isVisible()
    assert dialog.steps.time_label.text() == "3:00" and dialog.steps.pause_button.isVisible()


def test_untimed_strategy_has_no_timer(qtbot: QtBot, session: VaultSession) -> None:
    strategy = builtin(session.repos.strategies, "set_a_boundary")
    assert strategy.minutes is None
    dialog = open_try(qtbot, session, strategy)
    assert dialog.steps.countdown is None
    assert not dialog.steps.timer_panel.isVisible()


def test_rate_three_with_a_note_linked_to_an_incident(qtbot: QtBot, session: VaultSession) -> None:
    older = add_incident(
        session,
        "Shouted at in the stand-up",
        {IncidentCategory.SHOUTING_INTIMIDATION},
        date(2025, 3, 3),
    )
    newest = add_incident(
        session,
        "Left out of the team lunch",
        {IncidentCategory.EXCLUSION_ISOLATION},
        date(2025, 3, 12),
    )
    strategy = builtin(session.repos.strategies, "box_breathing")
    dialog = open_try(qtbot, session, strategy, clock=FakeClock())
    dialog.show_rating()
    combo = dialog.rating_page.incident_combo
    assert combo.isVisible()
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "No incident",
        "12 Mar 2025 — Left out of the team lunch",
        "3 Mar 2025 — Shouted at in the stand-up",
    ]
    for value, word in enumerate(RATING_WORDS):
        assert dialog.rating_page.rating_buttons[value].text() == f"{value} — {word}"

    click_radio(qtbot, dialog.rating_page.rating_buttons[3])
    assert dialog.rating() == 3 and dialog.save_button.isEnabled()
    qtbot.keyClicks(dialog.rating_page.note_edit, "Helped after the meeting")
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert dialog.incident_id() == older
    with qtbot.waitSignal(dialog.accepted):
        click(qtbot, dialog.save_button)
    uses = session.repos.strategies.uses(strategy.id or 0)
    assert len(uses) == 1
    assert (uses[0].rating, uses[0].note, uses[0].incident_id) == (
        3,
        "Helped after the meeting",
        older,
    )
    assert dialog.recorded == uses[0]
    assert newest != older


def test_incident_given_is_preselected_and_skip_records_nothing(
    qtbot: QtBot, session: VaultSession
) -> None:
    incident = add_incident(
        session,
        "Email copied to the whole team",
        {IncidentCategory.CYBERBULLYING},
        date(2025, 4, 2),
    )
    strategy = builtin(session.repos.strategies, "wait_before_you_send")
    dialog = open_try(qtbot, session, strategy, incident_id=incident)
    dialog.show_rating()
    assert dialog.incident_id() == incident
    click(qtbot, dialog.skip_button)
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert session.repos.strategies.uses(strategy.id or 0) == []


def test_no_incidents_hides_the_incident_choice(qtbot: QtBot, session: VaultSession) -> None:
    strategy = builtin(session.repos.strategies, "box_breathing")
    dialog = open_try(qtbot, session, strategy)
    dialog.show_rating()
    assert not dialog.rating_page.incident_combo.isVisible()
    assert dialog.incident_id() is None


def test_support_is_one_click_away_in_the_try_view(qtbot: QtBot, session: VaultSession) -> None:
    dialog = open_try(qtbot, session, builtin(session.repos.strategies, "box_breathing"))
    with qtbot.waitSignal(dialog.support_requested):
        click(qtbot, dialog.support_button)


# -- what helps ------------------------------------------------------------------------------------


def test_ranking_model_passes_qtmodeltester(
    qtmodeltester: ModelTester, session: VaultSession
) -> None:
    repo = session.repos.strategies
    strategy = builtin(repo, "box_breathing")
    repo.record_use(StrategyUse(strategy_id=strategy.id or 0, used_at=datetime.now(UTC), rating=2))
    model = RankingModel()
    model.set_rows(repo.ranking())
    assert model.rowCount() == 1
    qtmodeltester.check(model)


def test_ranking_model_stays_valid_while_its_rows_change(
    qtmodeltester: ModelTester, session: VaultSession
) -> None:
    repo = session.repos.strategies
    model = RankingModel()
    qtmodeltester.check(model)  # attached first: the resets below are checked as they happen
    assert model.rowCount() == 0
    first = builtin(repo, "box_breathing")
    second = builtin(repo, "five_minutes_outside")
    for strategy, rating in ((first, 1), (second, 4)):
        repo.record_use(
            StrategyUse(strategy_id=strategy.id or 0, used_at=datetime.now(UTC), rating=rating)
        )
    model.set_rows(repo.ranking())
    assert [model.index(r, 0).data(RankingModel.IdRole) for r in range(2)] == [
        second.id,
        first.id,
    ]
    assert model.index(0, 1).data() == "4.0 — A lot"
    model.set_rows(repo.ranking()[:1])
    assert model.rowCount() == 1
    model.clear()
    assert model.rowCount() == 0 and model.rows() == []


def expected_ranking(
    recorded: list[tuple[int, int, int | None]], incident_ids: set[int] | None = None
) -> dict[int, tuple[float, int]]:
    """{strategy id: (average, uses)} computed by hand from (strategy, rating, incident)."""
    ratings: dict[int, list[int]] = defaultdict(list)
    for strategy_id, rating, incident in recorded:
        if incident_ids is None or incident in incident_ids:
            ratings[strategy_id].append(rating)
    return {sid: (sum(r) / len(r), len(r)) for sid, r in ratings.items()}


def test_what_helps_ranks_by_average_overall_and_per_category(
    qtbot: QtBot, session: VaultSession
) -> None:
    repo = session.repos.strategies
    verbal = add_incident(
        session, "Called useless", {IncidentCategory.VERBAL_ABUSE}, date(2025, 5, 1)
    )
    both = add_incident(
        session,
        "Threatened and sworn at",
        {IncidentCategory.VERBAL_ABUSE, IncidentCategory.THREATS},
        date(2025, 5, 8),
    )
    threat = add_incident(
        session, "Told I'd regret it", {IncidentCategory.THREATS}, date(2025, 5, 9)
    )
    box = builtin(repo, "box_breathing").id or 0
    walk = builtin(repo, "five_minutes_outside").id or 0
    write = builtin(repo, "write_it_the_same_day").id or 0
    recorded = [
        (box, 4, verbal),
        (box, 3, None),
        (box, 1, threat),
        (walk, 2, verbal),
        (walk, 4, both),
        (write, 3, threat),
        (write, 3, both),
        (write, 2, None),
    ]
    start = datetime(2025, 5, 10, 9, tzinfo=UTC)
    for n, (strategy_id, rating, incident) in enumerate(recorded):
        repo.record_use(
            StrategyUse(
                strategy_id=strategy_id,
                used_at=start + timedelta(hours=n),
                rating=rating,
                incident_id=incident,
            )
        )

    dialog = WhatHelpsDialog(repo)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)

    def shown() -> dict[int, tuple[float, int]]:
        model = dialog.model
        return {row.strategy_id: (row.average, row.uses) for row in model.rows()}

    def check(expected: dict[int, tuple[float, int]]) -> None:
        got = shown()
        assert got.keys() == expected.keys()
        for sid, (average, uses) in expected.items():
            assert got[sid][0] == pytest.approx(average)
            assert got[sid][1] == uses
        averages = [row.average for row in dialog.model.rows()]
        assert averages == sorted(averages, reverse=True)  # best first
        for r in range(dialog.model.rowCount()):
            row = dialog.model.rows()[r]
            assert (
                dialog.model.index(r, 1).data() == f"{row.average:.1f} — {rating_word(row.average)}"
            )
            assert dialog.model.index(r, 2).data() == str(row.uses)

    check(expected_ranking(recorded))
    assert not dialog.empty_label.isVisible()

    dialog.category_combo.setFocus()
    index = dialog.category_combo.findData(IncidentCategory.VERBAL_ABUSE.value)
    for _ in range(index):
        qtbot.keyClick(dialog.category_combo, Qt.Key.Key_Down)
    assert dialog.category() is IncidentCategory.VERBAL_ABUSE
    check(expected_ranking(recorded, {verbal, both}))
    # box 4.0 (once); walk (2 + 4) / 2 = 3.0 tried twice, before write 3.0 tried once.
    assert [row.strategy_id for row in dialog.model.rows()] == [box, walk, write]

    dialog.set_category(IncidentCategory.THREATS)
    check(expected_ranking(recorded, {both, threat}))

    dialog.set_category(IncidentCategory.SEXUAL_HARASSMENT)
    assert dialog.model.rowCount() == 0 and dialog.empty_label.isVisible()

    with qtbot.waitSignal(dialog.strategy_chosen) as chosen:
        dialog.set_category(None)
        dialog.table.setFocus()
        dialog.table.setCurrentIndex(dialog.model.index(0, 0))
        qtbot.keyClick(dialog.table.viewport(), Qt.Key.Key_Return)
    assert chosen.args == [walk]  # overall: walk 3.0 before box and write (8/3 each)
    assert not dialog.isVisible()


def test_what_helps_with_nothing_rated(qtbot: QtBot, session: VaultSession) -> None:
    dialog = WhatHelpsDialog(session.repos.strategies)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.model.rowCount() == 0
    assert dialog.empty_label.isVisible()
    assert dialog.empty_label.text().startswith("Nothing rated yet.")
