"""The support directory and the crisis panel in another language: every word a person sees
goes through the catalogue (checked with the pseudo-language), built-in entries are shown in
the language in force and saved back as their stored text, and the crisis panel opens on the
user's country, remembered only when the user allows it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot

from peerdesk import i18n
from peerdesk.content import load_builtin_resources
from peerdesk.models import Resource, ResourceKind
from peerdesk.ui.common.item_models import ObjectRole
from peerdesk.ui.common.preferences import Preferences
from peerdesk.ui.common.session import VaultSession
from peerdesk.ui.directory import support_panel
from peerdesk.ui.directory.editor import ResourceEditor
from peerdesk.ui.directory.screen import ResourcesScreen
from peerdesk.ui.directory.support_panel import SupportDialog, SupportPanel, country_name
from tests.helpers.pseudo import is_pseudo


@pytest.fixture
def preferences(tmp_path: Path) -> Preferences:
    return Preferences(tmp_path / "prefs" / "preferences.ini")


def _sample() -> list[Resource]:
    return [
        Resource(
            id=1,
            key="uk_emergency",
            name="Emergency services (UK)",
            kind=ResourceKind.HELPLINE,
            contact="999",
            notes="Emergency: police, ambulance, fire.",
            country="GB",
            builtin=True,
        ),
        Resource(
            id=2,
            name="My own counsellor",
            kind=ResourceKind.OTHER,
            contact="01234 567890",
            country="GB",
        ),
        Resource(
            id=3, name="988 Lifeline", kind=ResourceKind.HELPLINE, contact="988", country="US"
        ),
    ]


def test_the_crisis_panel_speaks_the_language_in_force(
    qtbot: QtBot, pseudo: None, preferences: Preferences
) -> None:
    dialog = SupportDialog(_sample(), preferences=preferences, country="GB")
    qtbot.addWidget(dialog)
    panel = dialog.panel
    assert is_pseudo(dialog.windowTitle())
    assert is_pseudo(panel.danger.text())
    assert is_pseudo(panel.check_line.text())
    assert is_pseudo(panel.remember_check.text())
    assert is_pseudo(panel.country_combo.itemText(0))  # All countries
    emergency, own = panel.cards
    # The built-in entry in the language in force, the user's own as typed.
    assert is_pseudo(emergency.name_label.text())
    # translated, without its "Emergency:" label (the badge says it)
    assert emergency.notes_label.text().startswith("Pöĺíçé, àmƀûĺàñçé")
    assert own.name_label.text() == "My own counsellor"
    assert emergency.resource.name == "Emergency services (UK)"  # the stored entry
    for card in panel.cards:
        assert is_pseudo(card.badge.text()) if card.rank < 2 else True
        assert is_pseudo(card.contact_label.accessibleName())
        for button in card.findChildren(QPushButton):
            assert is_pseudo(button.text()), button.text()
        if card.copy_button is not None:
            assert is_pseudo(card.copy_button.accessibleDescription())


def test_country_names_follow_the_language() -> None:
    assert country_name("GB") == "United Kingdom"
    with i18n.language("de"):
        assert country_name("GB") == "Vereinigtes Königreich"
        assert country_name("") != "{"


def test_the_panel_opens_on_the_system_country_or_all(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, preferences: Preferences
) -> None:
    monkeypatch.setattr(support_panel, "system_country", lambda: "US")
    panel = SupportPanel(_sample(), preferences=preferences)
    qtbot.addWidget(panel)
    assert panel.country() == "US"
    monkeypatch.setattr(support_panel, "system_country", lambda: "DE")  # no German entries
    other = SupportPanel(_sample(), preferences=preferences)
    qtbot.addWidget(other)
    assert other.country() == ""
    assert other.country_combo.currentText() == "All countries"


def test_the_country_is_remembered_only_when_allowed(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, preferences: Preferences
) -> None:
    monkeypatch.setattr(support_panel, "system_country", lambda: "")
    panel = SupportPanel(_sample(), preferences=preferences)
    qtbot.addWidget(panel)
    assert not panel.remember_check.isChecked()
    panel.set_country("US")
    assert preferences.get("crisis_country") == ""  # not allowed: nothing kept
    assert (
        "crisis_country" not in preferences.path.read_text() if preferences.path.exists() else True
    )

    panel.remember_check.setChecked(True)
    assert preferences.get("remember_country") is True
    assert preferences.get("crisis_country") == "US"
    panel.set_country("GB")
    assert preferences.get("crisis_country") == "GB"

    again = SupportPanel(_sample(), preferences=preferences)  # the system says nothing
    qtbot.addWidget(again)
    assert again.remember_check.isChecked()
    assert again.country() == "GB"

    again.remember_check.setChecked(False)  # turning it off forgets the country
    assert preferences.get("remember_country") is False
    assert "crisis_country" not in preferences.path.read_text()
    third = SupportPanel(_sample(), preferences=preferences)
    qtbot.addWidget(third)
    assert third.country() == ""


def test_an_entry_shows_its_source_and_last_check_when_the_data_has_them(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, preferences: Preferences
) -> None:
    panel = SupportPanel(_sample(), preferences=preferences, country="GB")
    qtbot.addWidget(panel)
    assert "check a number before you rely on it" in panel.check_line.text()
    assert all(not card.provenance_label.text() for card in panel.cards)  # no data: nothing

    import peerdesk.content

    monkeypatch.setattr(
        peerdesk.content,
        "resource_provenance",
        lambda: {"uk_emergency": peerdesk.content.Provenance("gov.uk", date(2026, 3, 3))},
    )
    shown = SupportPanel(_sample(), preferences=preferences, country="GB")
    qtbot.addWidget(shown)
    emergency, own = shown.cards
    assert emergency.provenance_label.text() == "Source: gov.uk · listed 3 March 2026"
    assert "listed 3 March 2026" in emergency.accessibleDescription()
    assert own.provenance_label.text() == ""  # the user's own entry has none


def test_the_built_in_directory_has_no_unfilled_placeholder_in_pseudo(
    qtbot: QtBot, pseudo: None, preferences: Preferences
) -> None:
    panel = SupportPanel(load_builtin_resources(), preferences=preferences, country="")
    qtbot.addWidget(panel)
    for label in panel.findChildren(QLabel):
        assert "{" not in label.text(), label.text()


def test_the_resources_screen_and_editor_show_built_in_text_translated_and_save_it_stored(
    qtbot: QtBot, session: VaultSession, pseudo: None
) -> None:
    screen = ResourcesScreen(session)
    qtbot.addWidget(screen)
    screen.on_opened()
    assert is_pseudo(screen.add_button.text())
    assert is_pseudo(screen.filter_edit.placeholderText())
    builtin = next(r for r in session.repos.resources.list() if r.builtin and r.notes)
    row = next(
        row
        for row in range(screen.model.rowCount())
        if screen.model.index(row, 0).data(ObjectRole).id == builtin.id
    )
    assert is_pseudo(screen.model.index(row, 0).data())
    screen.table.setCurrentIndex(screen.proxy.mapFromSource(screen.model.index(row, 0)))
    assert i18n.content_text(builtin.name) in screen.details.text()

    editor = ResourceEditor(session.repos.resources, builtin, screen)
    qtbot.addWidget(editor)
    assert editor.name_edit.text() == i18n.content_text(builtin.name)
    assert is_pseudo(editor.windowTitle())
    unchanged = editor.resource()
    assert (unchanged.name, unchanged.contact, unchanged.notes) == (
        builtin.name,
        builtin.contact,
        builtin.notes,
    )
    editor.notes_edit.setPlainText("My own words")
    edited = editor.resource()
    assert edited.notes == "My own words"
    assert edited.name == builtin.name  # left as shown: the stored text
    editor.save()
    stored = session.repos.resources.get(builtin.id or 0)
    assert stored.name == builtin.name
    assert stored.notes == "My own words"
    screen.on_closing()


def test_the_source_and_listing_date_come_from_the_content_file() -> None:
    samaritans = next(r for r in load_builtin_resources() if r.key == "gb_samaritans")
    assert support_panel.provenance_text(samaritans) == (
        "Source: samaritans.org · listed 21 November 2026"
    )
    own = _sample()[1]
    assert support_panel.provenance_text(own) == ""
