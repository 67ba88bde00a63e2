"""The main window is built behind the unlock window a piece per turn of the event loop (issue 18:
no GUI block over 100 ms while the passphrase is typed).

Submitting the passphrase while it is being built finishes it at once (one window, every screen,
read once); quitting or a change of language meanwhile leaves nothing half made.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QTimer
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from peerdesk import i18n
from peerdesk.ui.common.language import apply_language
from peerdesk.ui.common.workers import wait_for_all
from peerdesk.ui.journal.screen import JournalScreen
from peerdesk.ui.shell import prepare
from peerdesk.ui.shell.controller import AppController
from peerdesk.ui.shell.home import HomeScreen
from peerdesk.ui.shell.main_window import MainWindow
from peerdesk.ui.shell.menus import SECTIONS
from peerdesk.ui.supporter.screen import ColleaguesScreen
from tests.ui.shell.test_app_flow import (
    STRONG,
    WAIT,
    controller,
    fill_markers,
    main_visible,
    make_vault,
    unlock_by_typing,
)

__all__ = ["controller"]  # the fixture, imported for these tests

#: A pause between pieces long enough that a test acts while the window is half built.
SLOW_MS = 60_000


@pytest.fixture(autouse=True)
def back_to_english() -> Iterator[None]:
    """English again after each test, and its garbage collected here, on the GUI thread.

    The controllers these tests make are freed by the cycle collector. Left to run later, it
    could run on a worker thread of another test and delete their Qt objects there, which
    crashes ("Timers cannot be stopped from another thread")."""
    yield
    apply_language("en")
    wait_for_all(WAIT)
    gc.collect()


def building(ctrl: AppController) -> prepare.MainWindowBuilder | None:
    builder = ctrl._builder
    return builder if builder is not None and builder.building and builder.steps else None


def made_so_far(ctrl: AppController) -> list[str]:
    builder = building(ctrl)
    return prepare.step_names(builder) if builder is not None else []


def main_windows(before: list[QWidget] | None = None) -> list[QWidget]:
    """The main windows alive, but those alive ``before`` (other tests may leave theirs)."""
    older = before or []
    return [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, MainWindow) and not any(w is old for old in older)
    ]


def half_made(kind: type[QWidget]) -> list[QWidget]:
    """The screens of ``kind`` made by the builder and not yet in a window."""
    return [w for w in QApplication.allWidgets() if isinstance(w, kind) and w.parent() is None]


def flush_deletions() -> None:
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_the_window_is_built_over_many_turns_of_the_event_loop(
    qtbot: QtBot, controller: AppController
) -> None:
    fill_markers(make_vault())
    before = main_windows()
    made_at_each_turn: list[int] = []

    def turn() -> None:  # runs at every turn of the event loop
        builder = controller._builder
        made_at_each_turn.append(len(builder.steps) if builder is not None else 0)

    probe = QTimer()
    probe.setInterval(0)
    probe.timeout.connect(turn)
    probe.start()
    controller.start()
    qtbot.waitUntil(lambda: controller.main_window is not None, timeout=WAIT)
    qtbot.waitUntil(lambda: not controller._builder.building, timeout=WAIT)  # type: ignore[union-attr]
    probe.stop()
    builder = controller._builder
    assert builder is not None and builder.done
    names = prepare.step_names(builder)
    # Each screen (Colleagues in several pieces), the window around them, its style.
    assert [n for n in names if not n.endswith("+")] == [
        *(s.key for s in SECTIONS),
        "window",
        "polish",
    ]
    assert names.count("colleagues+") >= 3
    # The event loop ran between every two pieces: keys typed meanwhile are handled at once.
    assert set(range(1, len(names))) <= set(made_at_each_turn)
    window = controller.main_window
    assert window is not None and not window.isVisible() and not controller.session.is_open
    assert not any(window.is_loaded(key) for key in window.screens)  # nothing read
    assert main_windows(before) == [window]


def test_submitting_while_the_window_is_half_built_unlocks_with_every_screen(
    qtbot: QtBot, controller: AppController, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(prepare, "STEP_MS", SLOW_MS)
    opened_calls: list[int] = []
    on_opened = MainWindow._on_opened

    def counted(self: MainWindow) -> None:
        opened_calls.append(1)
        on_opened(self)

    monkeypatch.setattr(MainWindow, "_on_opened", counted)
    fill_markers(make_vault())
    before = main_windows()
    controller.start()
    qtbot.waitUntil(lambda: building(controller) is not None, timeout=WAIT)
    builder = building(controller)
    assert builder is not None and controller.main_window is None  # one screen made, no more
    assert len(builder.steps) == 1

    unlock_by_typing(qtbot, controller, STRONG)
    qtbot.waitUntil(lambda: main_visible(controller), timeout=WAIT)
    window = controller.main_window
    assert window is not None and builder.done and not builder.building
    assert main_windows(before) == [window]  # built once
    assert list(window.screens) == [s.key for s in SECTIONS]
    for screen in window.screens.values():
        assert window.stack.indexOf(screen) >= 0
    colleagues = window.screens["colleagues"]
    assert isinstance(colleagues, ColleaguesScreen) and colleagues.remaining_steps is None
    assert colleagues.tabs.count() == 4
    assert opened_calls == [1]  # the vault was read once, by the finished window
    assert window.is_loaded("home") and window.home.attention is not None
    window.show_section("journal")
    journal = window.screens["journal"]
    assert isinstance(journal, JournalScreen) and journal.model.rowCount() == 1
    window.show_section("colleagues")
    assert colleagues.colleague_model.rowCount() == 1


@pytest.mark.parametrize("how", ["quit", "close the unlock window"])
def test_quitting_while_the_window_is_half_built_leaves_nothing(
    qtbot: QtBot, controller: AppController, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    monkeypatch.setattr(prepare, "STEP_MS", 0)
    fill_markers(make_vault())
    before = main_windows()
    controller.start()
    # Stopped as soon as a piece of Colleagues is made: half a screen, no window.
    qtbot.waitUntil(lambda: "colleagues" in made_so_far(controller), timeout=WAIT)
    builder = building(controller)
    assert builder is not None
    made = half_made(ColleaguesScreen)
    assert len(made) == 1 and controller.main_window is None
    if how == "quit":
        controller.quit()
    else:
        assert controller.unlock_window is not None
        controller.unlock_window.close()
    qtbot.waitUntil(lambda: not builder.building, timeout=WAIT)
    qtbot.wait(20)
    flush_deletions()
    assert builder.stopped and not builder.done
    assert controller.main_window is None and main_windows(before) == []
    assert all(not shiboken6.isValid(screen) for screen in made)


def test_a_new_language_while_building_starts_again_in_it(
    qtbot: QtBot, controller: AppController, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(prepare, "STEP_MS", SLOW_MS)
    fill_markers(make_vault())
    before = main_windows()
    controller.start()
    qtbot.waitUntil(lambda: building(controller) is not None, timeout=WAIT)
    first = building(controller)
    assert first is not None
    made = half_made(HomeScreen)
    assert len(made) == 1

    apply_language(i18n.PSEUDO)
    assert first.stopped
    qtbot.waitUntil(lambda: building(controller) not in (None, first), timeout=WAIT)
    flush_deletions()
    assert all(not shiboken6.isValid(screen) for screen in made)
    unlock_by_typing(qtbot, controller, STRONG)
    qtbot.waitUntil(lambda: main_visible(controller), timeout=WAIT)
    window = controller.main_window
    assert window is not None and main_windows(before) == [window]
    titles = [action.text() for action in window.menuBar().actions()]
    assert titles and all(title.startswith("[") for title in titles)  # the new language
