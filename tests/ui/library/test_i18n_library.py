"""The coping library in another language: every word a person sees goes through the
catalogue (checked with the pseudo-language), built-in strategies are shown in the language
in force, and editing one saves an unchanged field as its stored text."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from peerdesk import i18n
from peerdesk.models import StrategyCategory
from peerdesk.models.strategy import Strategy
from peerdesk.ui.common.session import VaultSession
from peerdesk.ui.library.editor import StrategyEditor
from peerdesk.ui.library.screen import LibraryScreen
from peerdesk.ui.library.try_dialog import TryStrategyDialog
from peerdesk.ui.library.what_helps import RankingModel
from peerdesk.ui.library.widgets import minutes_text, rating_word
from tests.helpers.pseudo import is_pseudo


def _builtin(session: VaultSession) -> Strategy:
    return next(s for s in session.repos.strategies.list() if s.key is not None and s.steps)


def test_the_library_speaks_the_language_in_force(
    qtbot: QtBot, session: VaultSession, pseudo: None
) -> None:
    own = session.repos.strategies.add(
        Strategy(title="My walk round the block", category=StrategyCategory.CALM_BODY)
    )
    screen = LibraryScreen(session)
    qtbot.addWidget(screen)
    screen.on_opened()
    for button in (screen.new_button, screen.what_helps_button, screen.support_button):
        assert is_pseudo(button.text()), button.text()
    assert is_pseudo(screen.search_edit.placeholderText())
    titles = {s.id: s.title for s in screen.visible_strategies()}
    builtin = _builtin(session)
    assert is_pseudo(titles[builtin.id])  # built-in: in the language in force
    assert titles[own.id] == "My walk round the block"  # the user's own: as typed
    screen.select_strategy(builtin.id or 0)
    detail = screen.detail
    assert is_pseudo(detail.detail_title.text())
    assert is_pseudo(detail.try_button.text())
    for label in screen.findChildren(QLabel):
        assert "{" not in label.text(), label.text()
    screen.on_closing()


def test_editing_a_built_in_strategy_keeps_the_stored_text_of_unchanged_fields(
    qtbot: QtBot, session: VaultSession, pseudo: None
) -> None:
    builtin = _builtin(session)
    editor = StrategyEditor(session.repos.strategies, builtin)
    qtbot.addWidget(editor)
    assert is_pseudo(editor.windowTitle())
    assert editor.title_edit.text() == i18n.content_text(builtin.title)
    assert editor.steps_edit.toPlainText().split("\n")[0] == i18n.content_text(builtin.steps[0])
    unchanged = editor.strategy()
    assert unchanged.title == builtin.title
    assert unchanged.summary == builtin.summary
    assert unchanged.steps == builtin.steps
    assert unchanged.when_it_helps == builtin.when_it_helps

    steps = editor.steps_edit.toPlainText().split("\n")
    editor.steps_edit.setPlainText("\n".join([*steps, "My own last step"]))
    editor.summary_edit.setText("In my words")
    typed = editor.strategy()
    assert typed.summary == "In my words"
    assert typed.title == builtin.title
    assert typed.steps == [*builtin.steps, "My own last step"]  # shown steps: stored text
    editor.save()
    stored = session.repos.strategies.get(builtin.id or 0)
    assert stored.title == builtin.title
    assert stored.summary == "In my words"


def test_the_try_view_shows_a_built_in_strategy_translated(
    qtbot: QtBot, session: VaultSession, pseudo: None
) -> None:
    builtin = _builtin(session)
    dialog = TryStrategyDialog(builtin, session.repos.strategies, session.repos.incidents)
    qtbot.addWidget(dialog)
    assert is_pseudo(dialog.windowTitle())
    assert i18n.content_text(builtin.title) in dialog.windowTitle()
    assert is_pseudo(dialog.steps.counter.text())


def test_plurals_and_words_in_english() -> None:
    assert minutes_text(1) == "about 1 minute"
    assert minutes_text(5) == "about 5 minutes"
    assert minutes_text(60) == "about 1 hour"
    assert minutes_text(120) == "about 2 hours"
    assert rating_word(3) == "Quite a lot"
    with i18n.language(i18n.PSEUDO):
        assert is_pseudo(minutes_text(5))
        assert is_pseudo(rating_word(0))
        assert is_pseudo(str(RankingModel().headerData(1, Qt.Orientation.Horizontal)))


def test_search_finds_a_built_in_strategy_by_its_shown_words(
    qtbot: QtBot, session: VaultSession, pseudo: None
) -> None:
    screen = LibraryScreen(session)
    qtbot.addWidget(screen)
    screen.on_opened()
    builtin = _builtin(session)
    shown_word = max(i18n.content_text(builtin.title).strip("[]~ ").split(), key=len)
    screen.search_edit.setText(shown_word)
    assert builtin.id in {s.id for s in screen.visible_strategies()}
    screen.on_closing()
