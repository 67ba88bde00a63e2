"""The coping library screen on a real vault with the built-in strategies, driven as a person
would: categories, search, favourites, hidden, own strategies, notes, try and rate, what helps,
suggestions after an incident, and what is left on screen after the vault closes."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractListModel, QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from peerdesk.models import Incident, IncidentCategory, StrategyCategory, StrategyUse
from peerdesk.models.enums import StrategySource
from peerdesk.models.strategy import Strategy
from peerdesk.models.suggestions import INCIDENT_STRATEGY_CATEGORIES
from peerdesk.storage.library import StrategyRepository
from peerdesk.ui.common.item_models import ObjectRole
from peerdesk.ui.common.messages import Button, Messages
from peerdesk.ui.common.session import VaultSession
from peerdesk.ui.common.vault_settings import SettingsRegistry
from peerdesk.ui.library.banner import SuggestionBanner, suggestions_wanted
from peerdesk.ui.library.model import (
    VIEW_ALL,
    VIEW_FAVOURITES,
    VIEW_HIDDEN,
    StrategyFilter,
    StrategyListModel,
)
from peerdesk.ui.library.screen import LibraryScreen
from peerdesk.ui.library.try_dialog import TryStrategyDialog
from peerdesk.ui.library.what_helps import WhatHelpsDialog

LEFT = Qt.MouseButton.LeftButton
CTRL = Qt.KeyboardModifier.ControlModifier


class FakeClock:
    def __init__(self) -> None:
        self.now = 500.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def screen(qtbot: QtBot, session: VaultSession, clock: FakeClock) -> Iterator[LibraryScreen]:
    s = LibraryScreen(session, clock=clock)
    qtbot.addWidget(s)
    s.resize(1000, 700)
    s.on_opened()
    s.show()
    qtbot.waitExposed(s)
    yield s
    if session.is_open:
        s.on_closing()


def click(qtbot: QtBot, widget: QWidget) -> None:
    assert widget.isVisible() and widget.isEnabled(), widget.objectName()
    qtbot.mouseClick(widget, LEFT)


def click_category(qtbot: QtBot, screen: LibraryScreen, view: str) -> None:
    categories = screen.category_list
    for row in range(categories.count()):
        item = categories.item(row)
        if item.data(Qt.ItemDataRole.UserRole + 10) == view:
            rect = categories.visualItemRect(item)
            qtbot.mouseClick(categories.viewport(), LEFT, pos=rect.center())
            assert screen.current_view() == view
            return
    raise AssertionError(view)


def category_text(screen: LibraryScreen, view: str) -> str:
    for row in range(screen.category_list.count()):
        item = screen.category_list.item(row)
        if item.data(Qt.ItemDataRole.UserRole + 10) == view:
            return item.text()
    raise AssertionError(view)


def click_strategy(qtbot: QtBot, screen: LibraryScreen, title: str) -> Strategy:
    view = screen.list_view
    for row in range(screen.proxy.rowCount()):
        index = screen.proxy.index(row, 0)
        if index.data(ObjectRole).title == title:
            view.scrollTo(index)
            qtbot.mouseClick(view.viewport(), LEFT, pos=view.visualRect(index).center())
            current = screen.current_strategy()
            assert current is not None and current.title == title
            return current
    raise AssertionError(f"{title} is not listed")


def titles(screen: LibraryScreen) -> list[str]:
    return [s.title for s in screen.visible_strategies()]


def builtin(repo: StrategyRepository, key: str) -> Strategy:
    return repo.get_by_key(key)


# -- the model -------------------------------------------------------------------------------------


def test_model_passes_qtmodeltester(qtmodeltester: ModelTester, session: VaultSession) -> None:
    model = StrategyListModel(session)
    model.attach(session.repos.strategies)
    assert model.rowCount() == session.repos.strategies.count(include_hidden=True) == 66
    qtmodeltester.check(model)


def test_model_follows_changes_row_by_row(
    qtbot: QtBot, qtmodeltester: ModelTester, session: VaultSession
) -> None:
    repo = session.repos.strategies
    model = StrategyListModel(session)
    model.attach(repo)
    qtmodeltester.check(model)  # stays attached: every change below is checked as it happens
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))
    with qtbot.waitSignal(model.rowsInserted):
        own = repo.add(Strategy(title="Stretch at the window", category=StrategyCategory.CALM_BODY))
    row = model.row_of(own.id or 0)
    assert row is not None
    with qtbot.waitSignal(model.dataChanged):
        repo.set_favourite(own.id or 0, True)
    assert model.item(row).favourite
    with qtbot.waitSignal(model.rowsRemoved):
        repo.delete(own.id or 0)
    assert resets == []
    model.clear()


def test_filter_passes_qtmodeltester_through_views_searches_and_changes(
    qtbot: QtBot, qtmodeltester: ModelTester, session: VaultSession
) -> None:
    repo = session.repos.strategies
    model = StrategyListModel(session)
    model.attach(repo)
    proxy = StrategyFilter()
    proxy.setSourceModel(model)
    proxy.sort(0, Qt.SortOrder.AscendingOrder)
    qtmodeltester.check(proxy)  # attached before the filter and the rows change
    assert proxy.rowCount() == 66

    proxy.set_view(StrategyCategory.CALM_BODY.value)
    assert proxy.rowCount() == 8
    assert {s.category for s in proxy.strategies()} == {StrategyCategory.CALM_BODY}
    with qtbot.waitSignal(proxy.rowsInserted):
        own = repo.add(Strategy(title="Stretch at the window", category=StrategyCategory.CALM_BODY))
    assert proxy.rowCount() == 9
    assert own.id is not None
    proxy.set_search_ids({own.id})
    assert [s.id for s in proxy.strategies()] == [own.id]
    with qtbot.waitSignal(proxy.rowsRemoved):
        repo.set_hidden(own.id, True)  # hidden strategies leave every view but Hidden
    assert proxy.rowCount() == 0
    proxy.set_view(VIEW_HIDDEN)
    assert [s.id for s in proxy.strategies()] == [own.id]
    proxy.set_search_ids(None)
    with qtbot.waitSignal(proxy.rowsRemoved):
        repo.delete(own.id)
    assert proxy.rowCount() == 0
    proxy.set_view(VIEW_FAVOURITES)
    assert proxy.rowCount() == 0
    proxy.set_view(VIEW_ALL)
    assert proxy.rowCount() == 66
    model.clear()
    assert proxy.rowCount() == 0


# -- browsing and searching ------------------------------------------------------------------------


def test_opens_on_all_strategies_with_counts(screen: LibraryScreen) -> None:
    assert screen.current_view() == VIEW_ALL
    assert len(titles(screen)) == 66
    assert category_text(screen, VIEW_ALL) == "All strategies (66)"
    assert category_text(screen, StrategyCategory.CALM_BODY.value) == "Calm the body (8)"
    assert category_text(screen, VIEW_FAVOURITES) == "★ Favourites (0)"
    assert category_text(screen, VIEW_HIDDEN) == "Hidden (0)"
    assert screen.current_strategy() is not None  # the first one is shown
    assert screen.detail.detail_title.text() == titles(screen)[0]
    assert titles(screen) == sorted(titles(screen), key=str.casefold)


def test_a_category_shows_only_its_strategies(
    qtbot: QtBot,
    screen: LibraryScreen,
    session: VaultSession,
) -> None:
    click_category(qtbot, screen, StrategyCategory.DOCUMENT_REPORT.value)
    shown = screen.visible_strategies()
    expected = session.repos.strategies.list(StrategyCategory.DOCUMENT_REPORT)
    assert len(shown) == len(expected) == 9
    assert {s.category for s in shown} == {StrategyCategory.DOCUMENT_REPORT}
    assert {s.id for s in shown} == {s.id for s in expected}
    strategy = click_strategy(qtbot, screen, "Write it down the same day")
    assert screen.detail.detail_title.text() == "Write it down the same day"
    assert screen.detail.detail_meta.text() == "Document and report · about 15 minutes · Built-in"
    assert screen.detail.summary_label.text() == strategy.summary
    assert screen.detail.when_label.text() == strategy.when_it_helps
    step_texts = [
        label.text() for label in screen.detail.steps_box.findChildren(QLabel) if label.isVisible()
    ]
    for number, step in enumerate(strategy.steps, start=1):
        assert f"{number}." in step_texts and step in step_texts
    # A built-in cannot be edited or deleted (hidden instead).
    assert not screen.detail.delete_button.isVisible() and not screen.detail.edit_button.isVisible()


def test_search_ignores_accents_and_narrows_the_counts(
    qtbot: QtBot,
    screen: LibraryScreen,
    session: VaultSession,
) -> None:
    repo = session.repos.strategies
    own = repo.add(
        Strategy(
            title="Pause au café",
            category=StrategyCategory.RECOVER_SELFCARE,
            summary="Un café lent, loin du bureau.",
            steps=["Sortir"],
        )
    )
    screen.list_view.setFocus()
    qtbot.keyClick(screen.list_view, Qt.Key.Key_F, CTRL)
    assert screen.focusWidget() is screen.search_edit
    qtbot.keyClicks(screen.search_edit, "cafe")
    assert titles(screen) == ["Pause au café"]
    assert screen.current_strategy() == repo.get(own.id or 0)
    assert category_text(screen, VIEW_ALL) == "All strategies (1)"
    assert category_text(screen, StrategyCategory.RECOVER_SELFCARE.value).endswith("(1)")
    assert category_text(screen, StrategyCategory.CALM_BODY.value).endswith("(0)")

    screen.search_edit.clear()
    qtbot.keyClicks(screen.search_edit, "breath")
    found = titles(screen)
    assert "Box breathing" in found and "Pause au café" not in found
    assert all(
        "breath"
        in (s.title + s.summary + " ".join(s.steps) + s.when_it_helps + s.personal_note).lower()
        for s in screen.visible_strategies()
    )

    screen.search_edit.clear()
    qtbot.keyClicks(screen.search_edit, "zzzzqqq")
    assert titles(screen) == []
    assert screen.empty_label.isVisible()
    assert screen.empty_label.text().startswith("Nothing here matches your search.")
    assert not screen.detail.detail_title.isVisible()
    screen.search_edit.clear()
    assert len(titles(screen)) == 67


def test_favourite_by_button_and_by_ctrl_d(
    qtbot: QtBot,
    screen: LibraryScreen,
    session: VaultSession,
) -> None:
    repo = session.repos.strategies
    first = click_strategy(qtbot, screen, "Box breathing")
    assert screen.detail.favourite_button.text() == "☆ Add to favourites"
    click(qtbot, screen.detail.favourite_button)
    assert repo.get(first.id or 0).favourite
    assert screen.detail.favourite_button.text() == "★ In favourites"
    assert screen.detail.detail_meta.text().startswith("★ Favourite")

    second = click_strategy(qtbot, screen, "Worry time")
    qtbot.keyClick(screen.list_view, Qt.Key.Key_D, CTRL)
    assert repo.get(second.id or 0).favourite
    assert category_text(screen, VIEW_FAVOURITES) == "★ Favourites (2)"

    click_category(qtbot, screen, VIEW_FAVOURITES)
    assert titles(screen) == ["Box breathing", "Worry time"]
    # Ctrl+D again takes it out of favourites (and so out of this list).
    click_strategy(qtbot, screen, "Worry time")
    qtbot.keyClick(screen.list_view, Qt.Key.Key_D, CTRL)
    assert titles(screen) == ["Box breathing"]
    assert not repo.get(second.id or 0).favourite


def test_favourites_and_hidden_start_empty_with_a_kind_word(
    qtbot: QtBot, screen: LibraryScreen
) -> None:
    click_category(qtbot, screen, VIEW_FAVOURITES)
    assert screen.empty_label.isVisible()
    assert screen.empty_label.text().startswith("No favourites yet.")
    click_category(qtbot, screen, VIEW_HIDDEN)
    assert screen.empty_label.text().startswith("Nothing is hidden.")
    assert screen.detail.detail_placeholder.isVisible()


def test_hide_removes_it_and_hidden_shows_it_again(
    qtbot: QtBot,
    screen: LibraryScreen,
    session: VaultSession,
) -> None:
    repo = session.repos.strategies
    click_category(qtbot, screen, StrategyCategory.STEADY_MIND.value)
    strategy = click_strategy(qtbot, screen, "Worry time")
    click(qtbot, screen.detail.hide_button)
    assert repo.get(strategy.id or 0).hidden
    assert "Worry time" not in titles(screen)
    assert screen.status.isVisible() and screen.status.undo_button.isVisible()
    assert category_text(screen, StrategyCategory.STEADY_MIND.value) == "Steady the mind (7)"
    assert category_text(screen, VIEW_HIDDEN) == "Hidden (1)"
    click_category(qtbot, screen, VIEW_ALL)
    assert "Worry time" not in titles(screen)
    assert all(s.id != strategy.id for s in screen.suggest_for(set(IncidentCategory)))

    click_category(qtbot, screen, VIEW_HIDDEN)
    assert titles(screen) == ["Worry time"]
    assert screen.detail.hide_button.text() == "Show again"
    click(qtbot, screen.detail.hide_button)
    assert not repo.get(strategy.id or 0).hidden
    assert titles(screen) == []
    click_category(qtbot, screen, VIEW_ALL)
    assert "Worry time" in titles(screen)


def test_undo_a_hide(qtbot: QtBot, screen: LibraryScreen, session: VaultSession) -> None:
    strategy = click_strategy(qtbot, screen, "Box breathing")
    click(qtbot, screen.detail.hide_button)
    click(qtbot, screen.status.undo_button)
    assert not session.repos.strategies.get(strategy.id or 0).hidden
    assert screen.current_strategy() is not None
    assert screen.current_strategy().title == "Box breathing"  # type: ignore[union-attr]
    assert not screen.status.isVisible()


# -- own strategies --------------------------------------------------------------------------------


def test_new_edit_delete_and_undo_an_own_strategy(
    qtbot: QtBot,
    screen: LibraryScreen,
    session: VaultSession,
) -> None:
    repo = session.repos.strategies
    click_category(qtbot, screen, StrategyCategory.SEEK_SUPPORT.value)
    screen.list_view.setFocus()
    qtbot.keyClick(screen.list_view, Qt.Key.Key_N, CTRL)
    editor = screen.dialogs.editor
    assert editor is not None and editor.isVisible()
    assert editor.category_combo.currentData() == StrategyCategory.SEEK_SUPPORT.value
    qtbot.keyClicks(editor.title_edit, "Text Sam from the old team")
    qtbot.keyClicks(editor.steps_edit, "Send one line")
    click(qtbot, editor.save_button)
    qtbot.waitUntil(lambda: screen.dialogs.editor is None)
    own = screen.current_strategy()
    assert own is not None and own.title == "Text Sam from the old team"
    assert own.source is StrategySource.OWN
    assert "Text Sam from the old team" in titles(screen)
    assert screen.detail.detail_meta.text().endswith("My own")
    assert screen.detail.edit_button.isVisible() and screen.detail.delete_button.isVisible()
    repo.record_use(StrategyUse(strategy_id=own.id or 0, used_at=datetime.now(UTC), rating=4))

    click(qtbot, screen.detail.edit_button)
    editor = screen.dialogs.editor
    assert editor is not None and editor.title_edit.text() == own.title
    editor.title_edit.selectAll()
    qtbot.keyClicks(editor.title_edit, "Text Sam")
    click(qtbot, editor.save_button)
    qtbot.waitUntil(lambda: screen.dialogs.editor is None)
    assert screen.detail.detail_title.text() == "Text Sam"
    assert repo.get(own.id or 0).title == "Text Sam"

    Messages.set_next_answer(Button.No)
    click(qtbot, screen.detail.delete_button)
    assert repo.get(own.id or 0).title == "Text Sam"  # kept
    qtbot.keyClicks(screen.detail.note_edit, "Sam prefers voice notes")  # typed, not yet saved
    Messages.set_next_answer(Button.Yes)
    click(qtbot, screen.detail.delete_button)
    assert [m.title for m in Messages.shown] == ["Delete strategy", "Delete strategy"]
    assert all("Text Sam" not in m.text for m in Messages.shown)
    assert "Text Sam" not in titles(screen)
    assert all(s.title != "Text Sam" for s in repo.list(include_hidden=True))
    assert screen.status.isVisible() and screen.status.text() == "Deleted “Text Sam”."

    click(qtbot, screen.status.undo_button)
    back = screen.current_strategy()
    assert back is not None and back.title == "Text Sam" and back.id != own.id
    assert [u.rating for u in repo.uses(back.id or 0)] == [4]  # its rating came back too
    assert back.personal_note == "Sam prefers voice notes"  # and the note typed last
    assert screen.detail.note_edit.toPlainText() == "Sam prefers voice notes"

    # Left alone, the undo offer stays (no timer takes it away); Escape inside it dismisses
    # it and the focus goes back to the list.
    Messages.set_next_answer(Button.Yes)
    click(qtbot, screen.detail.delete_button)
    assert screen.status.undo_button.isVisible()
    assert not screen.status.findChildren(QTimer)
    screen.status.undo_button.setFocus()
    qtbot.keyClick(screen.status.undo_button, Qt.Key.Key_Escape)
    assert not screen.status.isVisible()
    assert screen.focusWidget() is screen.list_view
    assert all(s.title != "Text Sam" for s in repo.list(include_hidden=True))


def test_built_in_has_no_delete(qtbot: QtBot, screen: LibraryScreen) -> None:
    click_strategy(qtbot, screen, "Box breathing")
    assert not screen.detail.delete_button.isVisible()
    screen.delete_current()  # even when asked directly, nothing happens and nothing is asked
    assert Messages.shown == []
    assert "Box breathing" in titles(screen)


def test_personal_note_is_saved_in_the_vault(
    qtbot: QtBot,
    screen: LibraryScreen,
    session: VaultSession,
    vault_path: Path,
    passphrase: str,
) -> None:
    strategy = click_strategy(qtbot, screen, "Feet on the floor")
    qtbot.keyClicks(screen.detail.note_edit, "Works best with shoes off")
    qtbot.waitUntil(lambda: screen.detail.note_status.text() == "Note saved", timeout=5000)
    assert screen.detail.note_edit.toPlainText() == "Works best with shoes off"  # cursor not moved
    qtbot.keyClicks(screen.detail.note_edit, ", under the desk")
    click_strategy(qtbot, screen, "Box breathing")  # leaving it saves at once
    assert screen.detail.note_edit.toPlainText() == ""

    screen.on_closing()
    session.close()
    session.open(vault_path, passphrase)
    assert (
        StrategyRepository(session.repos.vault).get(strategy.id or 0).personal_note
        == "Works best with shoes off, under the desk"
    )
    screen.on_opened()
    click_strategy(qtbot, screen, "Feet on the floor")
    assert screen.detail.note_edit.toPlainText() == "Works best with shoes off, under the desk"


# -- try it, what helps, support -------------------------------------------------------------------


def test_try_and_rate_from_the_screen(
    qtbot: QtBot,
    screen: LibraryScreen,
    session: VaultSession,
    clock: FakeClock,
) -> None:
    incident = session.repos.incidents.add(
        Incident(
            event_date=date(2025, 6, 2),
            title="Shouted at by the manager",
            categories={IncidentCategory.SHOUTING_INTIMIDATION},
        )
    )
    strategy = click_strategy(qtbot, screen, "Longer out-breath")
    click(qtbot, screen.detail.try_button)
    dialog = screen.dialogs.try_dialog
    assert isinstance(dialog, TryStrategyDialog) and dialog.isVisible()
    assert dialog.steps.time_label.text() == "2:00"
    click(qtbot, dialog.steps.start_button)
    clock.now += 121
    qtbot.waitUntil(dialog.steps.times_up_label.isVisible)
    while dialog.pages.currentIndex() == TryStrategyDialog.STEPS_PAGE:
        click(qtbot, dialog.next_button)
    qtbot.mouseClick(
        dialog.rating_page.rating_buttons[3],
        LEFT,
        pos=QPoint(8, dialog.rating_page.rating_buttons[3].height() // 2),
    )
    qtbot.keyClicks(dialog.rating_page.note_edit, "Slowed my heart down")
    dialog.rating_page.incident_combo.setFocus()
    qtbot.keyClick(dialog.rating_page.incident_combo, Qt.Key.Key_Down)
    click(qtbot, dialog.save_button)
    qtbot.waitUntil(lambda: screen.dialogs.try_dialog is None)
    uses = session.repos.strategies.uses(strategy.id or 0)
    assert [(u.rating, u.note, u.incident_id) for u in uses] == [
        (3, "Slowed my heart down", incident.id)
    ]
    assert screen.status.isVisible() and screen.status.text().startswith("Noted.")


def test_double_click_or_enter_opens_try(qtbot: QtBot, screen: LibraryScreen) -> None:
    click_strategy(qtbot, screen, "Box breathing")
    qtbot.keyClick(screen.list_view, Qt.Key.Key_Return)
    assert screen.dialogs.try_dialog is not None
    assert screen.dialogs.try_dialog.strategy.title == "Box breathing"
    screen.dialogs.try_dialog.reject()
    qtbot.waitUntil(lambda: screen.dialogs.try_dialog is None)

    view = screen.list_view
    index = next(
        screen.proxy.index(r, 0)
        for r in range(screen.proxy.rowCount())
        if screen.proxy.index(r, 0).data(ObjectRole).title == "Worry time"
    )
    view.scrollTo(index)
    centre = view.visualRect(index).center()
    qtbot.mouseClick(view.viewport(), LEFT, pos=centre)  # a double click starts as a click
    qtbot.mouseDClick(view.viewport(), LEFT, pos=centre)
    assert screen.dialogs.try_dialog is not None
    assert screen.dialogs.try_dialog.strategy.title == "Worry time"
    screen.dialogs.try_dialog.reject()


def test_ctrl_n_in_the_screen_wins_over_the_windows_new_vault(
    qtbot: QtBot, session: VaultSession
) -> None:
    """File > New vault is Ctrl+N window-wide; inside the library Ctrl+N is a new strategy."""
    window = QMainWindow()
    qtbot.addWidget(window)
    new_vault: list[bool] = []
    action = QAction("New vault", window)
    action.setShortcut(QKeySequence.StandardKey.New)
    action.triggered.connect(lambda: new_vault.append(True))
    window.addAction(action)
    library = LibraryScreen(session)
    window.setCentralWidget(library)
    library.on_opened()
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    library.list_view.setFocus()
    qtbot.keyClick(library.list_view, Qt.Key.Key_N, CTRL)
    assert library.dialogs.editor is not None and new_vault == []
    library.dialogs.editor.reject()
    library.on_closing()


def test_what_helps_from_the_screen_opens_the_ranking(
    qtbot: QtBot,
    screen: LibraryScreen,
    session: VaultSession,
) -> None:
    repo = session.repos.strategies
    box = builtin(repo, "box_breathing")
    for rating in (4, 3):
        repo.record_use(
            StrategyUse(strategy_id=box.id or 0, used_at=datetime.now(UTC), rating=rating)
        )
    click(qtbot, screen.what_helps_button)
    dialog = screen.dialogs.what_helps
    assert isinstance(dialog, WhatHelpsDialog) and dialog.isVisible()
    assert [(r.title, r.average, r.uses) for r in dialog.model.rows()] == [
        ("Box breathing", 3.5, 2)
    ]
    dialog.table.setCurrentIndex(dialog.model.index(0, 0))
    qtbot.keyClick(dialog.table.viewport(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.dialogs.what_helps is None)
    assert screen.current_strategy() is not None
    assert screen.current_strategy().title == "Box breathing"  # type: ignore[union-attr]


def test_support_button_is_visible_and_asks_for_support(
    qtbot: QtBot, screen: LibraryScreen
) -> None:
    assert screen.support_button.isVisible() and screen.support_button.text() == "Support"
    with qtbot.waitSignal(screen.support_requested):
        click(qtbot, screen.support_button)
    click(qtbot, screen.detail.try_button)
    assert screen.dialogs.try_dialog is not None
    with qtbot.waitSignal(screen.support_requested):
        click(qtbot, screen.dialogs.try_dialog.support_button)
    screen.dialogs.try_dialog.reject()


# -- suggestions -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kinds",
    [
        {IncidentCategory.VERBAL_ABUSE},
        {IncidentCategory.THREATS, IncidentCategory.RETALIATION},
        {IncidentCategory.CYBERBULLYING},
        set(),
    ],
)
def test_suggest_for_gives_two_or_three_from_the_mapped_categories(
    screen: LibraryScreen, session: VaultSession, kinds: set[IncidentCategory]
) -> None:
    allowed = {
        cat
        for kind in (kinds or {IncidentCategory.OTHER})
        for cat in INCIDENT_STRATEGY_CATEGORIES[kind]
    }
    suggested = screen.suggest_for(kinds)
    assert 2 <= len(suggested) <= 3
    assert len({s.id for s in suggested}) == len(suggested)
    assert all(s.category in allowed and not s.hidden for s in suggested)
    assert StrategyCategory.SUPPORT_COLLEAGUE not in {s.category for s in suggested}

    # Hiding what was suggested brings others, never the hidden ones.
    for strategy in suggested:
        session.repos.strategies.set_hidden(strategy.id or 0, True)
    again = screen.suggest_for(kinds)
    assert 2 <= len(again) <= 3
    assert not {s.id for s in again} & {s.id for s in suggested}
    assert all(s.category in allowed for s in again)


def test_every_incident_category_has_suggestions() -> None:
    assert set(INCIDENT_STRATEGY_CATEGORIES) == set(IncidentCategory)
    for fits in INCIDENT_STRATEGY_CATEGORIES.values():
        assert fits and StrategyCategory.SUPPORT_COLLEAGUE not in fits


def test_suggest_for_puts_the_best_rated_first(
    screen: LibraryScreen,
    session: VaultSession,
) -> None:
    repo = session.repos.strategies
    kinds = {IncidentCategory.VERBAL_ABUSE}
    walk = builtin(repo, "five_minutes_outside")  # calm the body
    sentence = builtin(repo, "calm_clear_sentence")  # respond in the moment
    incident = session.repos.incidents.add(
        Incident(event_date=date(2025, 6, 3), title="Sworn at", categories=kinds)
    )
    repo.record_use(
        StrategyUse(
            strategy_id=sentence.id or 0,
            used_at=datetime.now(UTC),
            rating=4,
            incident_id=incident.id,
        )
    )
    repo.record_use(StrategyUse(strategy_id=walk.id or 0, used_at=datetime.now(UTC), rating=3))
    low = builtin(repo, "box_breathing")
    repo.record_use(StrategyUse(strategy_id=low.id or 0, used_at=datetime.now(UTC), rating=0))
    suggested = screen.suggest_for(kinds)
    assert [s.id for s in suggested[:2]] == [sentence.id, walk.id]
    assert low.id not in {s.id for s in suggested}


def test_banner_offers_try_not_now_and_dont_suggest_again(
    qtbot: QtBot,
    screen: LibraryScreen,
    session: VaultSession,
) -> None:
    registry = SettingsRegistry()
    registry.follow(session)
    assert suggestions_wanted(registry) and suggestions_wanted(None)
    strategies = screen.suggest_for({IncidentCategory.PUBLIC_HUMILIATION})
    banner = SuggestionBanner(strategies, registry, incident_id=7)
    qtbot.addWidget(banner)
    banner.show()
    qtbot.waitExposed(banner)
    assert set(banner.try_buttons) == {s.id for s in strategies}
    texts = [label.text() for label in banner.findChildren(QLabel) if label.isVisible()]
    assert all(s.title in texts for s in strategies)

    first = strategies[0]
    with qtbot.waitSignal(banner.try_requested) as tried:
        click(qtbot, banner.try_buttons[first.id or 0])
    assert tried.args == [first.id, 7]

    with qtbot.waitSignal(banner.dismissed):
        click(qtbot, banner.not_now_button)
    assert not banner.isVisible()
    assert registry.get("suggest_strategies") is True

    banner.show()
    with qtbot.waitSignal(banner.dismissed):
        click(qtbot, banner.never_button)
    assert not banner.isVisible()
    assert registry.get("suggest_strategies") is False
    assert session.repos.settings.get("suggest_strategies", None) is False
    assert not suggestions_wanted(registry)

    banner.clear()
    assert banner.try_buttons == {}
    assert not any(
        s.title in label.text() for s in strategies for label in banner.findChildren(QLabel)
    )


def test_banner_try_opens_the_try_view_with_the_incident(
    qtbot: QtBot,
    screen: LibraryScreen,
    session: VaultSession,
) -> None:
    incident = session.repos.incidents.add(
        Incident(
            event_date=date(2025, 6, 4),
            title="Mocked in front of clients",
            categories={IncidentCategory.PUBLIC_HUMILIATION},
        )
    )
    strategies = screen.suggest_for(incident.categories)
    banner = SuggestionBanner(strategies, incident_id=incident.id)
    qtbot.addWidget(banner)
    banner.try_requested.connect(screen.try_strategy)
    banner.show()
    assert not banner.never_button.isVisible()  # no registry: no "Don't suggest again"
    click(qtbot, banner.try_buttons[strategies[0].id or 0])
    dialog = screen.dialogs.try_dialog
    assert dialog is not None and dialog.strategy.id == strategies[0].id
    assert dialog.incident_id() == incident.id
    dialog.reject()


# -- closing ---------------------------------------------------------------------------------------


def widget_texts(root: QWidget) -> list[str]:
    """Every text a widget of ``root`` (or an item view in it) can show or speak."""
    found: list[str] = []
    for widget in [root, *root.findChildren(QWidget)]:
        found += [widget.windowTitle(), widget.toolTip(), widget.accessibleName()]
        if isinstance(widget, QLabel | QAbstractButton | QLineEdit):
            found.append(widget.text())
        if isinstance(widget, QPlainTextEdit):
            found.append(widget.toPlainText())
        if isinstance(widget, QComboBox):
            found += [widget.itemText(i) for i in range(widget.count())]
        if isinstance(widget, QListWidget):
            found += [widget.item(i).text() for i in range(widget.count())]
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount()
            for row in range(model.rowCount()):
                for column in range(columns):
                    index = model.index(row, column)
                    found += [
                        str(index.data(role))
                        for role in (
                            Qt.ItemDataRole.DisplayRole,
                            Qt.ItemDataRole.ToolTipRole,
                            Qt.ItemDataRole.AccessibleTextRole,
                        )
                    ]
    return [text for text in found if text]


def test_on_closing_leaves_no_strategy_text(
    qtbot: QtBot,
    screen: LibraryScreen,
    session: VaultSession,
) -> None:
    repo = session.repos.strategies
    secret = repo.add(
        Strategy(
            title="Quietly leave via the back stairs",
            category=StrategyCategory.RESPOND_MOMENT,
            summary="Nobody at work knows about this one",
            steps=["Take the east stairwell"],
            minutes=4,
        )
    )
    qtbot.keyClicks(screen.search_edit, "stairs")
    click_strategy(qtbot, screen, secret.title)
    qtbot.keyClicks(screen.detail.note_edit, "My private note about the stairs")
    Messages.set_next_answer(Button.Yes)
    other = repo.add(Strategy(title="Deleted but remembered", category=StrategyCategory.CALM_BODY))
    screen.search_edit.clear()
    click_strategy(qtbot, screen, other.title)
    click(qtbot, screen.detail.delete_button)  # its title is in the status line now
    click_strategy(qtbot, screen, "Box breathing")
    click(qtbot, screen.detail.try_button)
    assert screen.dialogs.try_dialog is not None

    every_text = {s.title for s in repo.list(include_hidden=True)} | {
        secret.summary,
        "Take the east stairwell",
        "My private note about the stairs",
        "stairs",
        "Deleted but remembered",
    }
    before = widget_texts(screen)
    assert any(t in text for text in before for t in every_text)  # the check can see them

    screen.on_closing()
    assert screen.dialogs.try_dialog is None
    after = widget_texts(screen)
    leaks = sorted({text for text in after for t in every_text if t in text})
    assert leaks == []
    assert screen.model.rowCount() == 0 and screen.proxy.rowCount() == 0
    assert not screen.detail._note_timer.isActive()
    assert not screen.status.isVisible()
    # The note typed just before closing was saved first.
    assert repo.get(secret.id or 0).personal_note == "My private note about the stairs"


def test_lock_keeps_the_editor_text_and_offers_it_again(
    qtbot: QtBot,
    screen: LibraryScreen,
    session: VaultSession,
) -> None:
    click(qtbot, screen.new_button)
    editor = screen.dialogs.editor
    assert editor is not None
    qtbot.keyClicks(editor.title_edit, "Half-written plan")
    screen.on_closing()  # the vault is locking
    assert screen.dialogs.editor is None and not editor.isVisible()
    assert Messages.shown == []  # the lock never asks
    screen.on_opened()
    assert screen.status.isVisible() and screen.status.continue_button.isVisible()
    click(qtbot, screen.status.continue_button)
    editor = screen.dialogs.editor
    assert editor is not None and editor.title_edit.text() == "Half-written plan"
    assert editor.restored_notice.isVisible()
    click(qtbot, editor.save_button)
    qtbot.waitUntil(lambda: screen.dialogs.editor is None)
    assert screen.current_strategy() is not None
    assert screen.current_strategy().title == "Half-written plan"  # type: ignore[union-attr]


# -- looks -----------------------------------------------------------------------------------------


def clipped(container: QWidget) -> list[str]:
    problems = []
    for widget in container.findChildren(QWidget):
        if not widget.isVisible() or widget.objectName().startswith("qt_"):
            continue
        if isinstance(widget, QLabel) and widget.wordWrap() and widget.text():
            if widget.height() < widget.heightForWidth(widget.width()):
                problems.append(f"{widget.objectName() or widget.text()[:30]}: cut off")
        elif isinstance(widget, QLabel | QPushButton) and widget.text():
            hint = widget.sizeHint()
            if widget.width() < hint.width() or widget.height() < hint.height():
                problems.append(
                    f"{widget.objectName() or widget.text()[:30]}: "
                    f"{widget.width()}x{widget.height()} < {hint.width()}x"
                    f"{hint.height()}"
                )
    return problems


def assert_nothing_clipped(qtbot: QtBot, container: QWidget) -> None:
    try:
        qtbot.waitUntil(lambda: not clipped(container), timeout=2000)
    except qtbot.TimeoutError:
        pytest.fail("\n".join(clipped(container)))


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_screens_fit_in_light_and_dark(
    qtbot: QtBot,
    screen: LibraryScreen,
    session: VaultSession,
    clock: FakeClock,
    mode: str,
    tmp_path: Path,
) -> None:
    """Nothing is cut off; the shots land in PEERDESK_SHOTS_DIR when it is set, to look at."""
    from peerdesk.ui.common.theme import apply_theme

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    palette, style = app.palette(), app.style().name()
    out = Path(os.environ.get("PEERDESK_SHOTS_DIR") or tmp_path)
    out.mkdir(parents=True, exist_ok=True)
    apply_theme(app, mode)
    try:
        repo = session.repos.strategies
        incident = session.repos.incidents.add(
            Incident(
                event_date=date(2025, 6, 5),
                title="Criticised in the team meeting",
                categories={IncidentCategory.PUBLIC_HUMILIATION},
            )
        )
        for key, rating in (
            ("box_breathing", 4),
            ("five_minutes_outside", 3),
            ("worry_time", 1),
            ("box_breathing", 3),
        ):
            repo.record_use(
                StrategyUse(
                    strategy_id=builtin(repo, key).id or 0,
                    used_at=datetime.now(UTC),
                    rating=rating,
                    incident_id=incident.id,
                )
            )
        repo.set_favourite(builtin(repo, "box_breathing").id or 0, True)
        screen.resize(900, 640)
        click_category(qtbot, screen, StrategyCategory.CALM_BODY.value)
        click_strategy(qtbot, screen, "Box breathing")
        qtbot.keyClicks(screen.detail.note_edit, "Counting on my fingers helps me keep the rhythm.")
        qtbot.waitUntil(lambda: screen.detail.note_status.text() == "Note saved", timeout=5000)
        assert_nothing_clipped(qtbot, screen)
        screen.grab().save(str(out / f"library-category-{mode}.png"))

        click(qtbot, screen.detail.hide_button)
        assert_nothing_clipped(qtbot, screen)
        screen.grab().save(str(out / f"library-hidden-status-{mode}.png"))
        click(qtbot, screen.status.undo_button)

        click_strategy(qtbot, screen, "Box breathing")
        click(qtbot, screen.detail.try_button)
        dialog = screen.dialogs.try_dialog
        assert dialog is not None
        qtbot.waitExposed(dialog)
        click(qtbot, dialog.next_button)
        click(qtbot, dialog.steps.start_button)
        clock.now += 47
        qtbot.waitUntil(lambda: dialog.steps.time_label.text() == "2:13")
        assert_nothing_clipped(qtbot, dialog)
        dialog.grab().save(str(out / f"try-step-{mode}.png"))
        clock.now += 200
        qtbot.waitUntil(dialog.steps.times_up_label.isVisible)
        dialog.show_step(len(dialog.strategy.steps) - 1)
        assert_nothing_clipped(qtbot, dialog)
        dialog.grab().save(str(out / f"try-times-up-{mode}.png"))
        dialog.show_rating()
        dialog.set_rating(3)
        dialog.rating_page.incident_combo.setCurrentIndex(1)
        assert_nothing_clipped(qtbot, dialog)
        dialog.grab().save(str(out / f"try-rating-{mode}.png"))
        dialog.reject()

        click(qtbot, screen.what_helps_button)
        helps = screen.dialogs.what_helps
        assert helps is not None
        qtbot.waitExposed(helps)
        assert_nothing_clipped(qtbot, helps)
        helps.grab().save(str(out / f"what-helps-{mode}.png"))
        helps.set_category(IncidentCategory.PUBLIC_HUMILIATION)
        helps.grab().save(str(out / f"what-helps-category-{mode}.png"))
        helps.reject()

        click(qtbot, screen.new_button)
        editor = screen.dialogs.editor
        assert editor is not None
        qtbot.waitExposed(editor)
        editor.save()  # nothing typed: the title error shows beside the field
        assert_nothing_clipped(qtbot, editor)
        editor.grab().save(str(out / f"editor-{mode}.png"))
        editor.cancel()

        registry = SettingsRegistry()
        registry.follow(session)
        banner = SuggestionBanner(
            screen.suggest_for(incident.categories), registry, incident_id=incident.id
        )
        qtbot.addWidget(banner)
        layout = banner.layout()
        assert layout is not None
        banner.resize(640, layout.totalHeightForWidth(640))
        banner.show()
        qtbot.waitExposed(banner)
        assert_nothing_clipped(qtbot, banner)
        banner.grab().save(str(out / f"suggestions-{mode}.png"))
        banner.clear()
    finally:
        app.setStyle(style)
        app.setPalette(palette)
