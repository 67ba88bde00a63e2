"""The Journal, People and Patterns sections audited inside the main window (issue 15): no
finding in these sections' own widgets, in light and dark. (The walk's section states in
``states_journal.SECTION_STATES`` also audit the sidebar and the window's width, which belong
to the shell.)"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from peerdesk.demo import DemoSize, fill_demo_vault
from peerdesk.ui.common.preferences import Preferences
from peerdesk.ui.common.session import VaultSession
from peerdesk.ui.common.theme import apply_theme
from peerdesk.ui.journal.cast import CastScreen
from peerdesk.ui.journal.patterns import PatternsScreen
from peerdesk.ui.journal.screen import JournalScreen
from peerdesk.ui.shell.main_window import MainWindow
from tests.helpers.a11y import audit
from tests.ui.accessibility.walk import DEMO_COUNTS


def _window(qtbot: QtBot, session: VaultSession) -> MainWindow:
    fill_demo_vault(session.repos.vault, DemoSize(**DEMO_COUNTS))
    window = MainWindow(session, ["journal", "supporter"], preferences=Preferences())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.load_all()
    return window


def _section(qtbot: QtBot, window: MainWindow, key: str) -> QWidget:
    screen = window.screens[key]
    if isinstance(screen, PatternsScreen):
        with qtbot.waitSignal(screen.refreshed, timeout=10_000):
            window.show_section(key)
        screen.period_combo.setCurrentIndex(screen.period_combo.count() - 1)
    else:
        window.show_section(key)
    if isinstance(screen, JournalScreen):
        qtbot.waitUntil(lambda: screen.model.rowCount() > 0)
        screen.table.selectRow(0)
        screen.severity_min.setValue(2)
    if isinstance(screen, CastScreen):
        qtbot.waitUntil(lambda: screen.proxy.rowCount() > 0)
        screen.table.selectRow(0)
    return screen


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("key", ["journal", "people", "patterns"])
def test_the_section_has_no_finding_of_its_own(
    qtbot: QtBot, session: VaultSession, key: str, theme: str
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, theme)
    try:
        window = _window(qtbot, session)
        screen = _section(qtbot, window, key)
        findings = audit(qtbot, window)
        own = [
            f
            for f in findings
            if "#sidebar" not in f.widget and not f.widget.startswith("MainWindow")
        ]
        assert not own, "\n".join(str(f) for f in own)
        assert screen.isVisible()
    finally:
        apply_theme(app, "light")
