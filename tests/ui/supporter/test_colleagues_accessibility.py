"""The Colleagues screen by keyboard and screen reader (issue 15): Tab into a list does not
open a row (and so never replaces what is being written), the arrows and Enter do; a save
error is said in words, tied to its field, focused and scrolled to."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollArea
from pytestqt.qtbot import QtBot

from peerdesk.models import Colleague
from peerdesk.ui.common.session import VaultSession
from tests.ui.helpers import click
from tests.ui.supporter.test_colleagues_screen import make_screen


def _two_colleagues(session: VaultSession) -> None:
    for name in ("Heron", "Maple"):
        session.repos.colleagues.add(Colleague(pseudonym=name))


def test_tab_into_the_list_keeps_a_new_colleague_being_written(
    qtbot: QtBot, session: VaultSession
) -> None:
    _two_colleagues(session)
    screen = make_screen(qtbot, session)
    click(qtbot, screen.new_colleague_button)
    qtbot.keyClicks(screen.form.pseudonym_edit, "Kestrel")
    screen.colleague_table.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(screen.colleague_table.hasFocus)
    assert screen.form.colleague_id is None
    assert screen.form.pseudonym_edit.text() == "Kestrel"
    # Choosing a row with the keyboard opens it (the new colleague is kept as a draft).
    qtbot.keyClick(screen.colleague_table, Qt.Key.Key_Down)  # from Heron (current) to Maple
    qtbot.waitUntil(lambda: screen.form.pseudonym_edit.text() == "Maple")
    qtbot.keyClick(screen.colleague_table, Qt.Key.Key_Up)
    qtbot.waitUntil(lambda: screen.form.pseudonym_edit.text() == "Heron")


def test_enter_opens_the_row_tab_made_current(qtbot: QtBot, session: VaultSession) -> None:
    _two_colleagues(session)
    screen = make_screen(qtbot, session)
    screen.colleague_table.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(screen.colleague_table.hasFocus)
    assert screen.colleague_table.currentIndex().isValid()
    assert not screen.form.isEnabled()  # nothing opened by the focus alone
    qtbot.keyClick(screen.colleague_table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.form.colleague_id is not None)


def test_a_save_error_is_tied_to_its_field_and_focused(qtbot: QtBot, session: VaultSession) -> None:
    screen = make_screen(qtbot, session)
    screen.resize(900, 420)  # short: the error is below the fold until it is scrolled to
    click(qtbot, screen.new_colleague_button)
    form = screen.form
    click(qtbot, form.save_button)  # no pseudonym
    qtbot.waitUntil(form.error_label.isVisible)
    assert form.error_label.text().startswith("\u26a0 Error:")
    assert "Pseudonym" in form.pseudonym_edit.accessibleDescription()
    assert screen.focusWidget() is form.pseudonym_edit  # (the window need not be active)
    area = next(a for a in screen.findChildren(QScrollArea) if a.isAncestorOf(form))
    for shown in (form.error_label, form.pseudonym_edit):  # both in sight
        top = shown.mapTo(area.viewport(), shown.rect().topLeft()).y()
        assert top >= 0 and top + shown.height() <= area.viewport().height()
    # Fixed and saved: the error and the description go.
    qtbot.keyClicks(form.pseudonym_edit, "Kestrel")
    click(qtbot, form.save_button)
    qtbot.waitUntil(lambda: not form.error_label.isVisible())
    assert form.pseudonym_edit.accessibleDescription() == ""
    assert [c.pseudonym for c in session.repos.colleagues.list()] == ["Kestrel"]
