"""The main window composes the screens: sections per use, menus, status line, lock button."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from peerdesk import APP_ID, APP_NAME
from peerdesk.app import create_application
from peerdesk.ui.common.session import VaultSession
from peerdesk.ui.shell.main_window import MainWindow


def sidebar_titles(window: MainWindow) -> list[str]:
    return [window.sidebar.item(i).text() for i in range(window.sidebar.count())]


def test_application_identity(qtbot: QtBot) -> None:
    app = create_application()
    assert app.applicationName() == APP_NAME
    assert app.desktopFileName() == APP_ID


def test_sections_follow_the_chosen_uses(qtbot: QtBot, session: VaultSession) -> None:
    window = MainWindow(session, ["journal"])
    qtbot.addWidget(window)
    assert sidebar_titles(window) == [
        "Home",
        "Journal",
        "People",
        "Patterns",
        "Coping library",
        "Resources",
    ]
    window.set_sections(["supporter"])
    assert sidebar_titles(window) == ["Home", "Colleagues", "Coping library", "Resources"]
    window.set_sections(["journal", "supporter"])
    assert "Journal" in sidebar_titles(window) and "Colleagues" in sidebar_titles(window)


def test_title_status_line_and_lock_button(qtbot: QtBot, session: VaultSession) -> None:
    window = MainWindow(session, ["journal", "supporter"])
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.windowTitle() == "PeerDesk"
    label = window.findChild(QLabel, "vaultLabel")
    assert label is not None and label.text() == "Vault: test.peerdesk"
    with qtbot.waitSignal(window.lock_requested):
        qtbot.mouseClick(window.lock_button, Qt.MouseButton.LeftButton)


def test_keyboard_shortcuts(qtbot: QtBot, session: VaultSession) -> None:
    window = MainWindow(session, ["journal", "supporter"])
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    assert window.lock_action.shortcut().toString() == "Ctrl+L"
    assert window.quick_hide_action.shortcut().toString() == "Ctrl+Shift+H"
    with qtbot.waitSignal(window.lock_requested):
        window.lock_action.trigger()
    qtbot.keyClick(window, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.current_section() == "resources")
    window.show_section("home")
    assert window.stack.currentWidget() is window.screens["home"]


def test_closing_the_window_asks_the_controller(qtbot: QtBot, session: VaultSession) -> None:
    window = MainWindow(session, ["journal"])
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.quit_requested):
        window.close()
    assert window.isVisible()  # the controller decides; it locks first
    window.allow_close()
    window.close()
    assert not window.isVisible()


def test_locking_empties_every_screen(qtbot: QtBot, session: VaultSession) -> None:
    window = MainWindow(session, ["journal", "supporter"])
    qtbot.addWidget(window)
    resources = window.screens["resources"]
    window.show_section("resources")  # a screen reads its data when first shown
    assert resources.model.rowCount() > 0  # type: ignore[attr-defined]
    session.close()
    assert resources.model.rowCount() == 0  # type: ignore[attr-defined]
    assert window.vault_label.text() == ""


def test_saving_an_entry_offers_strategies_that_suit_it(
    qtbot: QtBot, session: VaultSession
) -> None:
    from datetime import date

    from peerdesk.models import Incident, IncidentCategory
    from peerdesk.ui.common.vault_settings import SettingsRegistry

    registry = SettingsRegistry()
    registry.bind(session.repos.settings)
    window = MainWindow(session, ["journal", "supporter"], registry=registry)
    qtbot.addWidget(window)
    saved = session.repos.incidents.add(
        Incident(
            event_date=date(2026, 5, 2),
            title="Shouted at",
            categories={IncidentCategory.SHOUTING_INTIMIDATION},
        )
    )
    assert saved.id is not None
    window.offer_strategies(saved.id)
    banner = window._banner
    assert banner is not None
    with qtbot.waitSignal(banner.dismissed):
        banner.dismissed.emit()
    assert window._banner is None
    registry.set("suggest_strategies", False)
    window.offer_strategies(saved.id)
    assert window._banner is None  # switched off in settings


def test_record_button_opens_the_entry_editor(qtbot: QtBot, session: VaultSession) -> None:
    from peerdesk.ui.journal.editor.dialog import IncidentEditor

    window = MainWindow(session, ["journal"])
    qtbot.addWidget(window)
    window.show()
    qtbot.mouseClick(window.home.record_button, Qt.MouseButton.LeftButton)
    editor = window.findChild(IncidentEditor)
    assert editor is not None and editor.isVisible()
    assert editor.windowTitle() == "Journal entry"
    editor.close()
