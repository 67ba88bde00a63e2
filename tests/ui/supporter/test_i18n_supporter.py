"""The peer supporter's screen in another language: every word a person sees goes through
the catalogue (checked with the pseudo-language), and plurals come from the catalogue."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QAbstractButton, QLabel
from pytestqt.qtbot import QtBot

from peerdesk import i18n
from peerdesk.storage.conversations import FollowUpItem
from peerdesk.ui.common.session import VaultSession
from peerdesk.ui.supporter.models import follow_up_status
from peerdesk.ui.supporter.screen import ColleaguesScreen
from peerdesk.ui.supporter.statistics import StatsPanel
from tests.helpers.pseudo import is_pseudo

TODAY = date(2026, 11, 21)


def test_the_colleagues_screen_speaks_the_language_in_force(
    qtbot: QtBot, session: VaultSession, pseudo: None
) -> None:
    screen = ColleaguesScreen(session, today=lambda: TODAY)
    qtbot.addWidget(screen)
    screen.on_opened()
    tabs = screen.tabs
    for index in range(tabs.count()):
        assert is_pseudo(tabs.tabText(index)), tabs.tabText(index)
    assert is_pseudo(screen.new_colleague_button.text())
    assert is_pseudo(screen.search_edit.placeholderText())
    # PeerDesk's own buttons (the enum labels, e.g. the themes, come from the models)
    for button in screen.findChildren(QAbstractButton):
        text = button.text()
        if text and any(c.isalpha() for c in text) and not button.objectName().startswith("theme_"):
            assert is_pseudo(text), (button.objectName(), text)
    for label in screen.findChildren(QLabel):
        assert "{" not in label.text(), label.text()
    assert is_pseudo(screen.stats_panel.preset_combo.itemText(0))
    screen.on_closing()


def _item(due: date) -> FollowUpItem:
    return FollowUpItem(1, 1, "Heron", due, False, due < TODAY, TODAY, None)


def test_follow_up_states_use_plural_forms() -> None:
    assert follow_up_status(_item(date(2026, 11, 20)), TODAY) == "Overdue by 1 day"
    assert follow_up_status(_item(date(2026, 11, 18)), TODAY) == "Overdue by 3 days"
    assert follow_up_status(_item(date(2026, 11, 21)), TODAY) == "Due today"
    assert follow_up_status(_item(date(2026, 11, 24)), TODAY) == "Due in 3 days"
    with i18n.language(i18n.PSEUDO):
        assert is_pseudo(follow_up_status(_item(date(2026, 11, 24)), TODAY))


def test_the_statistics_keep_their_english_period_keys_in_pseudo(
    qtbot: QtBot, pseudo: None
) -> None:
    panel = StatsPanel(lambda: TODAY)
    qtbot.addWidget(panel)
    combo = panel.preset_combo
    assert all(is_pseudo(combo.itemText(i)) for i in range(combo.count()))
    combo.setCurrentIndex(panel.PRESETS.index("This year"))
    assert panel.period() == (date(2026, 1, 1), TODAY)


def test_what_i_hold_names_a_built_in_resource_in_the_language_in_force(
    qtbot: QtBot, session: VaultSession, pseudo: None
) -> None:
    from peerdesk.models import ResourceKind
    from tests.ui.supporter.test_colleagues_screen import make_screen, seed

    ids = seed(session)
    eap = next(r for r in session.repos.resources.list() if r.kind is ResourceKind.EAP)
    screen = make_screen(qtbot, session)
    screen.select_colleague(ids["heron"])
    screen.detail_tabs.setCurrentIndex(2)
    view = screen.hold_view.toPlainText()
    assert i18n.content_text(eap.name) in view
    assert "{" not in view
    screen.on_closing()
