"""Issue 15 in the shell: the sidebar shows its focus and follows the application font, the
window fits 1366×768 at 150 %, the suggestion banner stays on Home and the Journal and Escape
dismisses it, and a status note stays until it is dismissed (and is announced)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from peerdesk.models import Incident, IncidentCategory
from peerdesk.ui.common import notices
from peerdesk.ui.common.session import VaultSession
from peerdesk.ui.shell.backups import BACKUP_FAILED_NOTE
from peerdesk.ui.shell.main_window import MIN_HEIGHT, MIN_WIDTH, MainWindow

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def window(qtbot: QtBot, session: VaultSession) -> Iterator[MainWindow]:
    main = MainWindow(session, ["journal", "supporter"])
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    main.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main)
    yield main
    main.allow_close()


@pytest.fixture
def bigger_font() -> Iterator[QFont]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    original = app.font()
    bigger = QFont(original)
    bigger.setPointSizeF(original.pointSizeF() * 1.5)
    yield bigger
    app.setFont(original)


def test_the_sidebar_is_named_shows_focus_and_follows_the_font(
    qtbot: QtBot, window: MainWindow, bigger_font: QFont
) -> None:
    sidebar = window.sidebar
    assert sidebar.accessibleName() == "Sections"
    assert "outline" not in sidebar.styleSheet() and "font-size" not in sidebar.styleSheet()
    before_points, before_width = sidebar.font().pointSizeF(), sidebar.minimumWidth()
    item_height = sidebar.visualItemRect(sidebar.item(0)).height()

    QApplication.setFont(bigger_font)
    qtbot.waitUntil(lambda: sidebar.font().pointSizeF() > before_points)
    assert sidebar.font().pointSizeF() == pytest.approx(bigger_font.pointSizeF())
    assert sidebar.minimumWidth() > before_width  # the longest title still fits
    qtbot.waitUntil(lambda: sidebar.visualItemRect(sidebar.item(0)).height() > item_height)

    # One Tab stop; the arrow keys change the section.
    sidebar.setFocus(Qt.FocusReason.TabFocusReason)
    window.show_section("home")
    qtbot.keyClick(sidebar, Qt.Key.Key_Down)
    assert window.current_section() == "journal"
    assert window.stack.currentWidget() is window.screens["journal"]


def test_the_window_fits_a_small_screen_at_150_percent(qtbot: QtBot, window: MainWindow) -> None:
    """1366×768 at scale 1.5 leaves about 910×485 logical pixels: Home and the library fit in
    the window's least size, whatever another section would need."""
    window.load_all()
    assert window.minimumSize().width() <= MIN_WIDTH <= 910
    assert window.minimumSize().height() <= MIN_HEIGHT <= 485
    for key in ("home", "library"):
        window.show_section(key)
        assert window.stack.currentWidget() is window.screens[key]
        needed = window.minimumSizeHint()
        assert needed.width() <= 910 and needed.height() <= 485, (key, needed)
        window.resize(910, 485)
        qtbot.waitUntil(lambda: window.width() <= 910)
        assert window.lock_button.isVisible()
        lock = window.lock_button.mapTo(window, window.lock_button.rect().bottomRight())
        assert window.rect().contains(lock), key  # the Lock button is on the screen


def _offer(window: MainWindow, session: VaultSession) -> QWidget:
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
    return banner


def test_the_banner_shows_only_on_home_and_journal_and_escape_dismisses_it(
    qtbot: QtBot, window: MainWindow, session: VaultSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    heard: list[str] = []
    monkeypatch.setattr(
        "peerdesk.ui.library.banner.announce", lambda _widget, text: heard.append(text)
    )
    window.show_section("home")
    banner = _offer(window, session)
    assert banner.isVisible()
    assert heard and heard[0].startswith("Suggestions: ")  # told, though it takes no focus
    window.show_section("library")
    assert not banner.isVisible()
    window.show_section("colleagues")
    assert not banner.isVisible()
    window.show_section("journal")
    assert banner.isVisible()

    first = next(iter(banner.try_buttons.values()))  # type: ignore[attr-defined]
    first.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(first.hasFocus)
    with qtbot.waitSignal(banner.dismissed):  # type: ignore[attr-defined]
        qtbot.keyClick(first, Qt.Key.Key_Escape)
    assert window._banner is None


def test_a_failed_backup_note_stays_until_dismissed(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    heard: list[str] = []
    monkeypatch.setattr(notices, "announce", lambda _widget, text: heard.append(text))
    note = window.show_note(BACKUP_FAILED_NOTE)
    assert note.isVisible() and note.text() == BACKUP_FAILED_NOTE
    assert heard == [BACKUP_FAILED_NOTE.replace("&", "")]
    assert not window.notes.findChildren(QTimer)  # nothing takes it away by itself
    window.show_section("library")
    assert note.isVisible()  # seen whichever section is shown

    assert note.dismiss_button is not None
    qtbot.mouseClick(note.dismiss_button, LEFT)
    qtbot.waitUntil(lambda: not window.notes.isVisible())

    again = window.show_note(BACKUP_FAILED_NOTE)
    assert again.dismiss_button is not None
    again.dismiss_button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(again.dismiss_button.hasFocus)
    qtbot.keyClick(again.dismiss_button, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not window.notes.isVisible())


def test_the_lock_takes_the_notes_away(qtbot: QtBot, window: MainWindow) -> None:
    window.show_note(BACKUP_FAILED_NOTE)
    window._on_closing()
    assert window.notes.notes() == [] and not window.notes.isVisible()


def test_escape_in_the_window_dismisses_the_suggestions_in_view(
    qtbot: QtBot, window: MainWindow, session: VaultSession
) -> None:
    window.show_section("home")
    banner = _offer(window, session)
    window.sidebar.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(window.sidebar.hasFocus)
    with qtbot.waitSignal(banner.dismissed):  # type: ignore[attr-defined]
        qtbot.keyClick(window.sidebar, Qt.Key.Key_Escape)
    assert window._banner is None
    assert window.current_section() == "home"  # nothing else happened
