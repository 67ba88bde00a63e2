"""A change of theme reaches every open window, styled widgets included."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QLabel, QListWidget, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from peerdesk.ui.common.theme import apply_theme, dark_palette, light_palette


@pytest.fixture
def app_theme() -> Iterator[QApplication]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before, theme = app.palette(), app.property("peerdeskTheme")
    yield app
    app.setPalette(before)
    app.setProperty("peerdeskTheme", theme)


def test_a_styled_widget_follows_a_theme_change_while_open(
    qtbot: QtBot, app_theme: QApplication
) -> None:
    apply_theme(app_theme, "light")
    window = QWidget()
    layout = QVBoxLayout(window)
    styled = QListWidget()
    styled.setObjectName("sidebar")
    styled.setStyleSheet("QListWidget#sidebar { padding-top: 8px; font-size: 11pt; }")
    heading = QLabel("Colleagues")
    heading.setStyleSheet("font-weight: 600;")
    layout.addWidget(styled)
    layout.addWidget(heading)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    light_base = light_palette().color(QPalette.ColorRole.Base)
    assert styled.palette().color(QPalette.ColorRole.Base) == light_base

    apply_theme(app_theme, "dark")

    dark = dark_palette()
    assert styled.palette().color(QPalette.ColorRole.Base) == dark.color(QPalette.ColorRole.Base)
    assert heading.palette().color(QPalette.ColorRole.WindowText) == dark.color(
        QPalette.ColorRole.WindowText
    )
