"""Issue 15 in the report dialog, driven from the keyboard: the password's strength is the
field's description in words; the ways of choosing entries are one Tab stop with the arrows
inside; the dialog fits at a 150 % font and at scale 1.5 without sideways scrolling; the
preview's hint is readable in both themes; the password form never grows past the screen."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from peerdesk.models.incident import Incident
from peerdesk.ui.common.pdf_options import PdfPasswordChoice
from peerdesk.ui.common.session import VaultSession
from peerdesk.ui.common.theme import apply_theme, contrast_ratio
from peerdesk.ui.report.dialog import ReportDialog
from tests.helpers.a11y import audit_fit, audit_font, larger_font
from tests.ui.helpers import click


def _dialog(qtbot: QtBot, session: VaultSession) -> ReportDialog:
    session.repos.incidents.add(Incident(event_date=date(2026, 1, 10), title="Shouted at"))
    dialog = ReportDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=3000)
    return dialog


def test_the_password_field_says_its_strength_in_words(qtbot: QtBot, session: VaultSession) -> None:
    dialog = _dialog(qtbot, session)
    dialog.tabs.setCurrentIndex(2)
    choice = dialog.password_choice
    click(qtbot, choice.protect_check)
    assert choice.password_edit.accessibleDescription() == ""
    qtbot.keyClicks(choice.password_edit, "7")
    described = choice.password_edit.accessibleDescription()
    assert described.startswith("Strength: Very weak. Not strong enough to protect the PDF")
    qtbot.keyClicks(choice.password_edit, " ferries cross at dawn, quietly")
    assert choice.password_edit.accessibleDescription().startswith("Strength: ")
    assert "Very weak" not in choice.password_edit.accessibleDescription()
    assert choice.password_edit.accessibleDescription() == choice.meter.description()


def test_the_ways_of_choosing_entries_are_one_stop_with_arrows_inside(
    qtbot: QtBot, session: VaultSession
) -> None:
    dialog = _dialog(qtbot, session)
    dialog.tabs.setCurrentIndex(1)
    panel = dialog.selection
    everything = panel.mode_buttons["all"]
    everything.setFocus()
    assert not panel.mode_buttons["journal"].isEnabled()  # the journal shows everything
    qtbot.keyClick(everything, Qt.Key.Key_Down)  # the disabled one is passed over
    assert QApplication.focusWidget() is panel.mode_buttons["matching"]
    assert panel.mode == "matching"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down)
    assert panel.mode == "picked"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)  # out of the group
    assert not isinstance(QApplication.focusWidget(), type(everything))


def test_tab_into_the_ways_of_choosing_lands_on_the_chosen_one(
    qtbot: QtBot, session: VaultSession
) -> None:
    dialog = _dialog(qtbot, session)
    dialog.tabs.setCurrentIndex(1)
    dialog.selection.set_mode("picked")
    bar = dialog.tabs.tabBar()
    bar.setFocus()
    qtbot.keyClick(bar, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.selection.mode_buttons["picked"]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Up)
    assert QApplication.focusWidget() is dialog.selection.mode_buttons["matching"]
    assert dialog.selection.mode == "matching"


@pytest.mark.parametrize("tab", [0, 1, 2])
def test_every_tab_fits_at_scale_150_percent_without_sideways_scrolling(
    qtbot: QtBot, session: VaultSession, tab: int
) -> None:
    dialog = _dialog(qtbot, session)
    dialog.tabs.setCurrentIndex(tab)
    if tab == 1:
        dialog.selection.set_mode("matching")
    assert audit_fit(qtbot, dialog) == []


@pytest.mark.parametrize("tab", [0, 1, 2])
def test_every_tab_fits_at_a_150_percent_font_without_sideways_scrolling(
    qtbot: QtBot, session: VaultSession, tab: int
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    font = app.font()
    bigger, base = larger_font()
    app.setFont(bigger)  # before the dialog is made, as with a large system font
    try:
        dialog = _dialog(qtbot, session)
        dialog.tabs.setCurrentIndex(tab)
        if tab == 1:
            dialog.selection.set_mode("matching")
        assert audit_font(qtbot, dialog, base) == []
    finally:
        app.setFont(font)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_preview_hint_is_readable(qtbot: QtBot, session: VaultSession, theme: str) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, theme)
    try:
        dialog = _dialog(qtbot, session)
        hint = dialog.preview.image
        assert hint.text().startswith("Press Preview (F5)")
        corner = hint.mapTo(dialog, QPoint(1, 1))  # no text there: what the text lies on
        background = dialog.grab(QRect(corner, QSize(1, 1))).toImage().pixelColor(0, 0)
        text = hint.palette().color(hint.foregroundRole())
        assert contrast_ratio(text, background) >= 4.5
    finally:
        apply_theme(app, "light")


def test_the_password_form_does_not_grow_past_the_screen(qtbot: QtBot) -> None:
    window = QWidget()
    layout = QVBoxLayout(window)
    words = "Words that wrap onto many lines when the window is narrow."
    long_text = QLabel(" ".join([words] * 80))
    long_text.setWordWrap(True)
    layout.addWidget(long_text)
    choice = PdfPasswordChoice()
    layout.addWidget(choice)
    qtbot.addWidget(window)
    window.resize(360, 300)
    window.show()
    qtbot.waitExposed(window)
    screen = window.screen()
    assert screen is not None
    room = screen.availableGeometry().height()
    assert layout.totalHeightForWidth(window.width()) > room  # more than the screen holds
    choice.protect_check.setChecked(True)
    qtbot.keyClicks(choice.password_edit, "7")
    qtbot.waitUntil(lambda: window.height() > 300)  # it grows for the advice and warning...
    assert window.height() <= room  # ...but no further than the screen


def test_status_changes_are_announced(
    qtbot: QtBot, session: VaultSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    heard: list[str] = []
    monkeypatch.setattr(
        "peerdesk.ui.report.dialog.announce", lambda _widget, text: heard.append(text)
    )
    dialog = _dialog(qtbot, session)
    qtbot.keyClicks(dialog.profile_name_edit, "Union meeting")
    click(qtbot, dialog.save_profile_button)
    assert heard == ["Profile “Union meeting” saved in the vault."]
    assert dialog.status.text() == heard[-1]


def test_saving_choices_without_a_name_says_so_at_the_name(
    qtbot: QtBot, session: VaultSession
) -> None:
    dialog = _dialog(qtbot, session)
    button = dialog.save_profile_button
    assert button.isEnabled()  # enabled with no name: pressing it says what is missing
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Space)
    name_error = dialog.recipient.name_error
    assert name_error.isVisible()
    assert name_error.text() == "\u26a0 Error: Type a name for these choices first."
    assert QApplication.focusWidget() is dialog.profile_name_edit
    qtbot.keyClicks(dialog.profile_name_edit, "U")
    assert not name_error.isVisible() and dialog.profile_name_edit.accessibleDescription() == ""


def test_the_not_protected_warning_is_bold_and_follows_the_font(
    qtbot: QtBot, session: VaultSession
) -> None:
    dialog = _dialog(qtbot, session)
    assert dialog.warning.font().bold() and not dialog.warning.styleSheet()
    dialog.tabs.setCurrentIndex(2)
    click(qtbot, dialog.password_choice.protect_check)
    assert not dialog.warning.font().bold()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    font = app.font()
    bigger = QFont(font)
    bigger.setPointSizeF(font.pointSizeF() * 1.5)
    app.setFont(bigger)
    try:
        qtbot.waitUntil(lambda: dialog.warning.font().pointSizeF() == bigger.pointSizeF())
        assert not dialog.warning.font().bold()
    finally:
        app.setFont(font)


def test_the_dialogs_open_no_larger_than_the_screen(qtbot: QtBot, session: VaultSession) -> None:
    from peerdesk.ui.directory.support_panel import SupportDialog

    dialog = _dialog(qtbot, session)
    support = SupportDialog(session.repos.resources.list())
    qtbot.addWidget(support)
    for window in (dialog, support):
        screen = window.screen()
        assert screen is not None
        room = screen.availableGeometry()
        assert window.width() <= room.width() and window.height() <= room.height()


def test_every_category_shows_without_sideways_scrolling_at_a_150_percent_font(
    qtbot: QtBot, session: VaultSession
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    font = app.font()
    app.setFont(larger_font()[0])
    try:
        dialog = _dialog(qtbot, session)
        dialog.resize(1366, 728)
        dialog.tabs.setCurrentIndex(1)
        dialog.selection.set_mode("matching")
        categories = dialog.selection.category_list
        qtbot.waitUntil(lambda: categories.isVisible())
        assert categories.horizontalScrollBar().maximum() == 0
        viewport = categories.viewport().rect()
        for row in range(categories.count()):
            shown = categories.visualItemRect(categories.item(row))
            assert viewport.contains(shown), categories.item(row).text()
    finally:
        app.setFont(font)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_notes_are_in_readable_text(qtbot: QtBot, session: VaultSession, theme: str) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, theme)
    try:
        dialog = _dialog(qtbot, session)
        dialog.selection.set_mode("matching")  # its note is greyed with the rest otherwise
        for name in ("selectionNote", "documentNote"):
            note = dialog.findChild(QLabel, name)
            assert note is not None and note.isEnabled()  # a disabled label's grey fails 4.5:1
            palette = note.palette()
            text = palette.color(palette.currentColorGroup(), note.foregroundRole())
            window = palette.color(palette.currentColorGroup(), QPalette.ColorRole.Window)
            assert contrast_ratio(text, window) >= 4.5, name
    finally:
        apply_theme(app, "light")
