"""Changing the language rebuilds the main window in it, losing nothing typed."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from peerdesk import i18n
from peerdesk.ui.common.language import apply_language
from peerdesk.ui.shell.controller import AppController
from tests.ui.shell.test_app_flow import WAIT, controller, create_through_wizard, main_visible

__all__ = ["controller"]  # the fixture, imported for these tests

TYPED = "Kestrel-Capture-Marker: what happened at the stand-up"


@pytest.fixture(autouse=True)
def back_to_english() -> Iterator[None]:
    yield
    apply_language("en")


def menu_titles(ctrl: AppController) -> list[str]:
    assert ctrl.main_window is not None
    return [action.text() for action in ctrl.main_window.menuBar().actions()]


def test_a_new_language_rebuilds_the_window_and_keeps_the_typed_text(
    qtbot: QtBot, controller: AppController
) -> None:
    create_through_wizard(qtbot, controller)
    old = controller.main_window
    assert old is not None
    old.show_section("home")
    qtbot.keyClicks(old.home.capture, TYPED)
    assert all(not title.startswith("[") for title in menu_titles(controller))

    apply_language(i18n.PSEUDO)
    qtbot.waitUntil(
        lambda: controller.main_window is not old and main_visible(controller), timeout=WAIT
    )
    new = controller.main_window
    assert new is not None
    assert new.current_section() == "home"
    qtbot.waitUntil(lambda: new.home.capture.toPlainText() == TYPED, timeout=WAIT)
    assert all(title.startswith("[") for title in menu_titles(controller))
    assert QApplication.layoutDirection() == Qt.LayoutDirection.LeftToRight


def test_the_rebuild_waits_for_other_open_windows(qtbot: QtBot, controller: AppController) -> None:
    create_through_wizard(qtbot, controller)
    old = controller.main_window
    assert old is not None
    other = QDialog(old)
    other.setWindowTitle("Another window")
    other.show()
    qtbot.waitUntil(other.isVisible)

    apply_language("ar")
    assert QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
    qtbot.waitUntil(lambda: controller.relanguage.pending, timeout=WAIT)
    assert controller.main_window is old  # the open window and its text are left alone
    other.close()
    qtbot.waitUntil(
        lambda: controller.main_window is not old and main_visible(controller), timeout=WAIT
    )
    assert controller.main_window is not None
    assert controller.main_window.layoutDirection() == Qt.LayoutDirection.RightToLeft
