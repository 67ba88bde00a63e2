"""Issue 15 in the support directory, driven from the keyboard: each support card is one Tab
stop with real buttons after it ("Call …", "Open …", "Copy number"), Tab walks the whole
dialog without a trap; the resource editor shows an error in words at its field, focused,
in a colour that passes on both themes; the Resources screen's controls are named."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QFont, QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from peerdesk.models import Resource, ResourceKind
from peerdesk.ui.common.item_models import ObjectRole
from peerdesk.ui.common.session import VaultSession
from peerdesk.ui.common.theme import apply_theme, contrast_ratio
from peerdesk.ui.directory.editor import ResourceEditor
from peerdesk.ui.directory.screen import ResourcesScreen
from peerdesk.ui.directory.support_panel import SupportDialog, contact_actions
from tests.helpers.a11y import accessible_name, audit


def _resources() -> list[Resource]:
    return [
        Resource(
            name="Samaritans",
            kind=ResourceKind.HELPLINE,
            contact="Call 116 123 (free) · samaritans.org · Email jo@samaritans.org",
            notes="Crisis line: free, any time.",
            country="GB",
        ),
        Resource(
            name="Shout", kind=ResourceKind.HELPLINE, contact="Text SHOUT to 85258", country="GB"
        ),
        Resource(name="Your HR contact", kind=ResourceKind.HR, notes="How to raise a concern."),
    ]


class _Catcher(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    @Slot(QUrl)
    def handle(self, url: QUrl) -> None:
        self.urls.append(url.toString())


@pytest.fixture
def catcher() -> Iterator[_Catcher]:
    caught = _Catcher()
    for scheme in ("tel", "https"):
        QDesktopServices.setUrlHandler(scheme, caught, "handle")
    yield caught
    for scheme in ("tel", "https"):
        QDesktopServices.unsetUrlHandler(scheme)


def _shown(qtbot: QtBot, window: QWidget) -> QWidget:
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
    return window


def test_contact_actions_follow_the_links_of_the_contact() -> None:
    assert contact_actions("Call 116 123 (free) · samaritans.org · Email jo@samaritans.org") == [
        ("Call 116 123", "tel:116123"),
        ("Open samaritans.org", "https://samaritans.org"),
    ]
    assert contact_actions("Text SHOUT to 85258") == []  # a text number is not called
    assert contact_actions("Call 999 · Call 999") == [("Call 999", "tel:999")]


def test_each_card_is_one_stop_and_its_buttons_call_open_and_copy(
    qtbot: QtBot, catcher: _Catcher
) -> None:
    dialog = SupportDialog(_resources(), country="GB")
    _shown(qtbot, dialog)
    panel = dialog.panel
    samaritans, shout, hr = panel.cards
    panel.country_combo.setFocus()
    qtbot.keyClick(panel.country_combo, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is panel.remember_check  # "Remember this country"
    qtbot.keyClick(panel.remember_check, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is samaritans  # the card itself, read whole
    assert accessible_name(samaritans) == "Samaritans"
    assert "116 123" in samaritans.accessibleDescription()
    assert "Crisis line" in samaritans.accessibleDescription()
    order = []
    for _ in range(6):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        order.append(QApplication.focusWidget())
    call, site, copy = [*samaritans.action_buttons, samaritans.copy_button]
    assert order[:5] == [call, site, copy, shout, shout.copy_button]
    assert call.text() == "Call 116 123" and site.text() == "Open samaritans.org"
    assert hr.copy_button is None and hr.action_buttons == []  # nothing to call or copy
    call.setFocus()
    qtbot.keyClick(call, Qt.Key.Key_Space)
    site.setFocus()
    qtbot.keyClick(site, Qt.Key.Key_Space)
    assert catcher.urls == ["tel:116123", "https://samaritans.org"]
    assert shout.copy_button is not None
    shout.copy_button.setFocus()
    qtbot.keyClick(shout.copy_button, Qt.Key.Key_Space)
    assert QGuiApplication.clipboard().text() == "85258"
    assert shout.copy_button.text() == "Number copied"  # seen, as well as announced


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_support_dialog_walks_without_a_trap(qtbot: QtBot, theme: str) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, theme)
    try:
        dialog = SupportDialog(_resources(), country="")
        _shown(qtbot, dialog)
        assert audit(qtbot, dialog) == []
    finally:
        apply_theme(app, "light")


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_a_resource_error_is_shown_at_its_field_in_words(
    qtbot: QtBot, session: VaultSession, theme: str
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, theme)
    try:
        editor = ResourceEditor(session.repos.resources)
        _shown(qtbot, editor)
        qtbot.keyClicks(editor.country_edit, "G")
        qtbot.keyClicks(editor.name_edit, "Union office")
        editor.save_button.setFocus()
        qtbot.keyClick(editor.save_button, Qt.Key.Key_Space)
        assert editor.isVisible() and editor.result_resource is None
        assert QApplication.focusWidget() is editor.country_edit
        assert editor.error_label.isVisible()
        assert editor.error_label.text().startswith("\u26a0 Error: Country must be")
        assert editor.country_edit.accessibleDescription().startswith("Error: Country must be")
        colour = editor.error_label.palette().color(editor.error_label.foregroundRole())
        window = editor.palette().color(editor.backgroundRole())
        assert contrast_ratio(colour, window) >= 4.5
        # Put right, the error goes and the entry is saved.
        editor.country_edit.clear()
        qtbot.keyClicks(editor.country_edit, "GB")
        with qtbot.waitSignal(editor.saved):
            qtbot.keyClick(editor.save_button, Qt.Key.Key_Space)
        assert editor.country_edit.accessibleDescription() == ""
    finally:
        apply_theme(app, "light")


def test_the_resources_screen_names_its_controls_and_edit_follows_the_list(
    qtbot: QtBot, session: VaultSession
) -> None:
    screen = ResourcesScreen(session)
    _shown(qtbot, screen)
    screen.on_opened()
    assert accessible_name(screen.filter_edit) == "Filter resources"
    assert screen.kind_combo.accessibleName() == "Kind"  # Qt reads a combo by its value
    assert accessible_name(screen.table) == "Resources"
    screen.kind_combo.setFocus()
    qtbot.keyClick(screen.kind_combo, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is screen.table
    qtbot.keyClick(screen.table, Qt.Key.Key_Down)
    assert screen.edit_button.isEnabled()
    chosen = screen.table.currentIndex().data(ObjectRole)
    qtbot.keyClick(screen.table, Qt.Key.Key_Tab)  # the chosen resource's details, read whole
    assert QApplication.focusWidget() is screen.details
    assert screen.details.accessibleName() == "Details of the chosen resource"
    assert screen.details.accessibleDescription().startswith(chosen.name)
    assert chosen.notes in screen.details.accessibleDescription()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is screen.edit_button  # after the list, not before it
    screen.on_closing()  # locking: nothing of the resource is left to read
    assert screen.details.accessibleDescription() == ""


def test_the_danger_line_and_badges_follow_a_larger_font(qtbot: QtBot) -> None:
    dialog = SupportDialog(_resources(), country="GB")
    _shown(qtbot, dialog)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    font = app.font()
    badge = dialog.panel.cards[0].badge
    assert badge.font().pointSizeF() < font.pointSizeF() < dialog.panel.danger.font().pointSizeF()
    bigger = QFont(font)
    bigger.setPointSizeF(font.pointSizeF() * 1.5)
    app.setFont(bigger)
    try:
        qtbot.waitUntil(
            lambda: (
                dialog.panel.danger.font().pointSizeF() > bigger.pointSizeF()
                and badge.font().pointSizeF() > font.pointSizeF()
            )
        )
        assert dialog.panel.danger.font().bold() and badge.font().bold()
    finally:
        app.setFont(font)


def test_enter_on_a_resource_edits_it(qtbot: QtBot, session: VaultSession) -> None:
    screen = ResourcesScreen(session)
    _shown(qtbot, screen)
    screen.on_opened()
    screen.table.setFocus()
    qtbot.keyClick(screen.table, Qt.Key.Key_Down)
    chosen = screen.table.currentIndex()
    assert chosen.isValid()
    qtbot.keyClick(screen.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.findChild(ResourceEditor) is not None)
    editor = screen.findChild(ResourceEditor)
    assert editor is not None and editor.name_edit.text() == chosen.data()
    editor.reject()
