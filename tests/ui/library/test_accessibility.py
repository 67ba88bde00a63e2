"""Issue 15 in the library: the rating scale is one Tab stop that the arrow keys move in, errors
are tied to what they are about and focus it, and what was hidden can be brought back for as
long as the vault is open ("Recently hidden", and an Undo that does not run out)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from peerdesk.ui.common.session import VaultSession
from peerdesk.ui.library.screen import LibraryScreen
from peerdesk.ui.library.try_dialog import TryStrategyDialog

LEFT = Qt.MouseButton.LeftButton


def _activate(qtbot: QtBot, window: QWidget) -> None:
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


@pytest.fixture
def rating(qtbot: QtBot, session: VaultSession) -> TryStrategyDialog:
    strategy = session.repos.strategies.get_by_key("box_breathing")
    dialog = TryStrategyDialog(strategy, session.repos.strategies, session.repos.incidents)
    _activate(qtbot, dialog)
    dialog.show_rating()
    return dialog


@pytest.fixture
def screen(qtbot: QtBot, session: VaultSession) -> Iterator[LibraryScreen]:
    s = LibraryScreen(session)
    s.resize(1000, 700)
    s.on_opened()
    _activate(qtbot, s)
    yield s
    if session.is_open:
        s.on_closing()


def test_the_rating_scale_is_one_tab_stop_with_arrows(
    qtbot: QtBot, rating: TryStrategyDialog
) -> None:
    buttons = rating.rating_page.rating_buttons
    qtbot.waitUntil(buttons[0].hasFocus)
    assert buttons[0].accessibleName() == "Not at all (0 of 4)"
    qtbot.keyClick(buttons[0], Qt.Key.Key_Space)
    assert rating.rating() == 0 and rating.save_button.isEnabled()
    qtbot.keyClick(buttons[0], Qt.Key.Key_Right)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Right)
    assert rating.rating() == 2 and buttons[2].hasFocus()
    qtbot.keyClick(buttons[2], Qt.Key.Key_Left)
    assert rating.rating() == 1 and buttons[1].hasFocus()
    # Tab leaves the scale for the note (not the next card), Shift+Tab comes back to the choice.
    qtbot.keyClick(buttons[1], Qt.Key.Key_Tab)
    assert rating.rating_page.note_edit.hasFocus()
    qtbot.keyClick(rating.rating_page.note_edit, Qt.Key.Key_Backtab)
    assert buttons[1].hasFocus()


def test_saving_without_a_rating_says_so_on_the_scale(
    qtbot: QtBot, rating: TryStrategyDialog
) -> None:
    rating.save_button.setEnabled(True)  # (as when a stored rating could not be read)
    rating.rating_page.note_edit.setFocus()
    qtbot.mouseClick(rating.save_button, LEFT)
    error = rating.rating_page.rating_error
    assert error.isVisible() and error.text().startswith("⚠ Error: Choose how much it helped")
    first = rating.rating_page.rating_buttons[0]
    assert first.accessibleDescription().startswith("Error: Choose how much")
    assert first.hasFocus()  # the focus goes to what the error is about
    qtbot.keyClick(first, Qt.Key.Key_Space)
    assert not error.isVisible() and first.accessibleDescription() == ""


def _hide(qtbot: QtBot, screen: LibraryScreen, title: str) -> int:
    assert screen.select_strategy(
        next(s.id for s in screen.model.strategies() if s.title == title) or 0
    )
    qtbot.mouseClick(screen.detail.hide_button, LEFT)
    strategy_id = next(s.id for s in screen.model.strategies() if s.title == title)
    assert strategy_id is not None
    return strategy_id


@pytest.mark.qt_log_ignore("This plugin does not support grabbing the keyboard")  # the menu
def test_recently_hidden_brings_a_strategy_back(
    qtbot: QtBot, screen: LibraryScreen, session: VaultSession
) -> None:
    repo = session.repos.strategies
    assert not screen.recent_button.isEnabled()  # nothing hidden yet
    box = _hide(qtbot, screen, "Box breathing")
    worry = _hide(qtbot, screen, "Worry time")
    assert screen.recent_button.isEnabled()
    assert [s.title for s in screen.recently_hidden()] == ["Worry time", "Box breathing"]
    assert screen.status.undo_button.isVisible()  # the last one's Undo is still offered

    # By keyboard: Space opens the menu, Enter chooses its first entry (the newest).
    screen.recent_button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(screen.recent_button, Qt.Key.Key_Space)
    qtbot.waitUntil(screen.recent_menu.isVisible)
    assert [a.text() for a in screen.recent_menu.actions()] == ["Worry time", "Box breathing"]
    menu = screen.recent_menu
    qtbot.keyClick(menu, Qt.Key.Key_Down)
    qtbot.keyClick(menu, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not repo.get(worry).hidden)
    current = screen.current_strategy()
    assert current is not None and current.id == worry
    assert screen.status.text() == "It is back in the library."
    assert [s.title for s in screen.recently_hidden()] == ["Box breathing"]
    assert repo.get(box).hidden

    screen.on_closing()  # the lock lets go of the list
    assert not screen.recent_button.isEnabled()
    assert screen.recently_hidden() == []


def test_each_step_is_read_out_as_the_try_view_moves_on(
    qtbot: QtBot, session: VaultSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    heard: list[str] = []
    monkeypatch.setattr(
        "peerdesk.ui.library.try_dialog.announce", lambda _widget, text: heard.append(text)
    )
    strategy = session.repos.strategies.get_by_key("box_breathing")
    dialog = TryStrategyDialog(strategy, session.repos.strategies, session.repos.incidents)
    _activate(qtbot, dialog)
    total = len(strategy.steps)
    assert dialog.steps.step_label.accessibleName() == f"Step 1 of {total}"
    dialog.next_button.setFocus()
    qtbot.keyClick(dialog.next_button, Qt.Key.Key_Space)
    assert heard == [f"Step 2 of {total}: {strategy.steps[1]}"]
    assert dialog.next_button.hasFocus()  # the focus stays; the words come to the reader
    assert dialog.steps.step_label.accessibleDescription() == strategy.steps[1]


def test_the_large_step_grows_with_the_application_font(
    qtbot: QtBot, session: VaultSession
) -> None:
    strategy = session.repos.strategies.get_by_key("box_breathing")
    dialog = TryStrategyDialog(strategy, session.repos.strategies, session.repos.incidents)
    _activate(qtbot, dialog)
    step, heading = dialog.steps.step_label, dialog.heading
    before_step, before_heading = step.font().pointSizeF(), heading.font().pointSizeF()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    original = app.font()
    bigger = QFont(original)
    bigger.setPointSizeF(original.pointSizeF() * 1.5)
    try:
        app.setFont(bigger)
        qtbot.waitUntil(lambda: step.font().pointSizeF() > before_step)
        assert step.font().pointSizeF() == pytest.approx(before_step * 1.5)
        assert heading.font().pointSizeF() == pytest.approx(before_heading * 1.5)
    finally:
        app.setFont(original)
    qtbot.waitUntil(lambda: step.font().pointSizeF() == pytest.approx(before_step))
