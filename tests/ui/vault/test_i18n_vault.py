"""The vault's windows, the shell and the shared pieces speak the language in force (issue 16).

Built in the pseudo-language (``en-XA``: every translated message ``[Àççéñţéð ~~]``), every
text a person sees or hears must come out pseudo-translated, with its placeholders filled: a
string left plain English was not wrapped, or was translated at import time. And the language
setting in Settings ▸ Appearance stores the choice and switches the screens.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QMenu, QWidget
from pytestqt.qtbot import QtBot

from peerdesk import i18n
from peerdesk.content import load_builtin_resources
from peerdesk.storage.keystore import KeyringStatus
from peerdesk.ui.common.language import apply_language
from peerdesk.ui.common.preferences import Preferences
from peerdesk.ui.common.session import VaultSession
from peerdesk.ui.shell.home import _more_words
from peerdesk.ui.shell.main_window import MainWindow
from peerdesk.ui.vault.first_run.wizard import FirstRunWizard
from peerdesk.ui.vault.settings.dialog import SettingsDialog
from peerdesk.ui.vault.settings.security_page import SecurityPage
from peerdesk.ui.vault.unlock import UnlockWindow
from tests.helpers.pseudo import is_pseudo
from tests.ui.vault.test_settings_dialog import (  # noqa: F401 (fixtures)
    click,
    keystore,
    make_dialog,
    ok_of,
    preferences,
    registry,
)

AVAILABLE = KeyringStatus(True, "Secret Service", "")


@pytest.fixture
def back_to_english(qtbot: QtBot) -> Iterator[None]:
    try:
        yield
    finally:
        apply_language("en")
        i18n.set_language("en")


def seen_texts(window: QWidget) -> list[tuple[str, str]]:
    """(where, text) of the visible labels and buttons and the window title."""
    found = [("title", window.windowTitle())] if window.isWindow() else []
    for label in window.findChildren(QLabel):
        if label.isVisibleTo(window) and label.text().strip():
            found.append((label.objectName() or "label", label.text()))
    for button in window.findChildren(QAbstractButton):
        if button.isVisibleTo(window) and button.text().strip():
            found.append((button.objectName() or "button", button.text()))
    return found


def not_pseudo(
    window: QWidget, allowed: Callable[[str], bool] = lambda _text: False
) -> list[tuple[str, str]]:
    return [(w, t) for w, t in seen_texts(window) if not is_pseudo(t) and not allowed(t)]


def test_the_unlock_window_speaks_the_language_in_force(
    qtbot: QtBot, pseudo: None, tmp_path: Path
) -> None:
    vault = tmp_path / "journal.peerdesk"
    vault.write_bytes(b"stand-in")
    window = UnlockWindow(vault, AVAILABLE, load_builtin_resources())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert is_pseudo(window.vault_label.text()) and "journal.peerdesk" in window.vault_label.text()
    assert is_pseudo(window.windowTitle()) and "PeerDesk" in window.windowTitle()
    # The big title is the application's name, which stays as it is.
    assert not_pseudo(window, lambda t: t == "PeerDesk") == []
    assert is_pseudo(window.passphrase.edit.accessibleName())


def test_the_first_run_wizard_speaks_the_language_in_force(
    qtbot: QtBot, pseudo: None, tmp_path: Path
) -> None:
    wizard = FirstRunWizard(tmp_path / "journal.peerdesk", AVAILABLE)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    page = wizard.currentPage()
    assert is_pseudo(page.title())
    # Qt's own Next/Back/Cancel buttons come from Qt's catalogue, not ours.
    own = [
        (w, t)
        for w, t in not_pseudo(page)
        if t.replace("&", "") not in ("Next >", "< Back", "Cancel", "Finish", "Help")
    ]
    assert own == []


def test_the_settings_dialog_speaks_the_language_in_force(
    qtbot: QtBot,
    pseudo: None,
    make_dialog: Callable[..., SettingsDialog],  # noqa: F811
) -> None:
    dialog = make_dialog()
    assert is_pseudo(dialog.windowTitle())
    for tab in ("security", "vault", "appearance"):
        dialog.show_tab(tab)
        page = dialog.tabs.currentWidget()
        left = [
            (w, t)
            for w, t in not_pseudo(page)
            if t not in i18n.NATIVE_NAMES.values() and not t.endswith(".peerdesk")
        ]
        assert left == [], tab
    # Each language is named in its own words, never translated.
    combo = dialog.appearance_page.language
    assert [combo.itemText(i) for i in range(1, combo.count())] == [
        i18n.NATIVE_NAMES[code] for code in i18n.LANGUAGES
    ]
    assert is_pseudo(combo.itemText(0))


def test_the_main_window_menus_and_sections_are_translated(
    qtbot: QtBot, pseudo: None, session: VaultSession
) -> None:
    window = MainWindow(session, ["journal", "supporter"])
    qtbot.addWidget(window)
    menus = [action.text() for action in window.menuBar().actions()]
    assert menus and all(is_pseudo(text) for text in menus), menus
    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        assert isinstance(menu, QMenu)
        for action in menu.actions():
            if not action.isSeparator():
                assert is_pseudo(action.text()), action.text()


def test_home_counts_what_it_does_not_list_in_whole_sentences() -> None:
    assert _more_words("colleagues", 1) == "And 1 more in Colleagues — open it to see them all"
    assert _more_words("journal", 8244) == (
        "And 8,244 more in the journal — open it to see them all"
    )


# -- the language setting ------------------------------------------------------------------


def test_the_language_choice_lists_the_system_default_then_each_language(
    qtbot: QtBot,
    make_dialog: Callable[..., SettingsDialog],  # noqa: F811
) -> None:
    dialog = make_dialog()
    dialog.show_tab("appearance")
    combo = dialog.appearance_page.language
    system = i18n.NATIVE_NAMES[i18n.system_language()]
    assert combo.itemText(0) == f"System default ({system})"
    assert combo.itemData(0) == "system"
    assert [combo.itemData(i) for i in range(1, combo.count())] == list(i18n.LANGUAGES)
    assert combo.currentData() == "system"  # the default preference
    # Reached with the keyboard, named for a screen reader, labelled with a mnemonic.
    label = next(lb for lb in dialog.appearance_page.findChildren(QLabel) if lb.buddy() is combo)
    assert "&" in label.text()
    assert combo.accessibleName()
    assert combo.focusPolicy() & Qt.FocusPolicy.TabFocus


def test_choosing_a_language_stores_it_and_switches_the_screens(
    qtbot: QtBot,
    back_to_english: None,
    make_dialog: Callable[..., SettingsDialog],  # noqa: F811
    preferences: Preferences,  # noqa: F811
) -> None:
    dialog = make_dialog()
    dialog.show_tab("appearance")
    combo: QComboBox = dialog.appearance_page.language
    combo.setCurrentIndex(combo.findData("de"))
    assert combo.currentText() == "Deutsch"
    switched: list[str] = []
    from peerdesk.ui.common.language import language_switch

    language_switch.changed.connect(switched.append)
    try:
        click(qtbot, ok_of(dialog))
        qtbot.waitUntil(lambda: i18n.current_language() == "de")
    finally:
        language_switch.changed.disconnect(switched.append)
    assert switched == ["de"]
    assert preferences.get("language") == "de"
    assert Preferences().get("language") == "de"  # in the preferences file


def test_keeping_the_language_switches_nothing(
    qtbot: QtBot,
    back_to_english: None,
    make_dialog: Callable[..., SettingsDialog],  # noqa: F811
    preferences: Preferences,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("LANGUAGE", "en")
    i18n.set_language("system")
    dialog = make_dialog()
    calls: list[str] = []
    monkeypatch.setattr("peerdesk.ui.vault.settings.appearance_page.apply_language", calls.append)
    click(qtbot, ok_of(dialog))
    qtbot.wait(50)
    assert calls == []
    assert preferences.get("language") == "system"


def test_the_time_fields_say_minute_or_minutes(qtbot: QtBot) -> None:
    page = SecurityPage()
    qtbot.addWidget(page)
    page.auto_lock.setValue(1)
    assert page.auto_lock.text() == "1 minute"
    page.auto_lock.setValue(2)
    assert page.auto_lock.text() == "2 minutes"
    page.clipboard.setValue(1)
    assert page.clipboard.text() == "1 second"
    page.clipboard.setValue(30)
    assert page.clipboard.text() == "30 seconds"
