"""The Appearance tab: the theme, the language, the sections shown and suggestions."""

from __future__ import annotations

from functools import partial
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QCheckBox, QComboBox, QGroupBox, QLabel, QVBoxLayout, QWidget

from peerdesk import i18n
from peerdesk.i18n import N_, _
from peerdesk.ui.common.language import apply_language
from peerdesk.ui.common.notices import note
from peerdesk.ui.common.preferences import Preferences
from peerdesk.ui.common.vault_settings import SettingsRegistry
from peerdesk.ui.vault.page_scroll import scrolling_layout
from peerdesk.ui.vault.settings.widgets import form, labelled

_THEME_CHOICES = (("system", N_("Follow the system")), ("light", N_("Light")), ("dark", N_("Dark")))


class AppearancePage(QWidget):
    TAB = "appearance"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("appearanceTab")

        self.theme = QComboBox()
        self.theme.setObjectName("theme")
        for value, text in _THEME_CHOICES:
            self.theme.addItem(_(text), value)
        look = QGroupBox(_("Theme"))
        look_form = form(look)
        look_form.addRow(labelled(_("C&olours:"), self.theme), self.theme)

        self.language = QComboBox()
        self.language.setObjectName("language")
        system = i18n.system_language()
        # translators: the first choice of the language list; {language} is the name of the
        # system's language in that language ("Deutsch")
        system_text = _("System default ({language})").format(
            language=i18n.NATIVE_NAMES.get(system, system)
        )
        self.language.addItem(system_text, "system")
        for code in i18n.LANGUAGES:
            # Each language in its own words, so that anyone finds theirs: never translated.
            self.language.addItem(i18n.NATIVE_NAMES[code], code)
        self.language.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        language_box = QGroupBox(_("Language"))
        language_form = form(language_box)
        language_label = labelled(_("&Language:"), self.language)
        self.language.setAccessibleDescription(
            _("PeerDesk changes to the chosen language when you choose OK.")
        )
        language_form.addRow(language_label, self.language)
        language_form.addRow(
            note(_("PeerDesk changes to the chosen language when you choose OK."), expanding=True)
        )

        self.section_journal = QCheckBox(_("&Journal: record what happens to you at work"))
        self.section_journal.setObjectName("sectionJournal")
        self.section_supporter = QCheckBox(
            _("S&upporter notes: conversations with colleagues you support")
        )
        self.section_supporter.setObjectName("sectionSupporter")
        for box in (self.section_journal, self.section_supporter):
            box.toggled.connect(self._sections_toggled)
        sections = QGroupBox(_("Sections shown"))
        sections_layout = QVBoxLayout(sections)
        sections_layout.addWidget(self.section_journal)
        sections_layout.addWidget(self.section_supporter)
        sections_layout.addWidget(
            note(
                _("At least one section is always shown. Hiding a section deletes nothing."),
                expanding=True,
            )
        )

        self.suggest = QCheckBox(_("Su&ggest coping strategies that helped before"))
        self.suggest.setObjectName("suggestStrategies")
        help_box = QGroupBox(_("Suggestions"))
        help_layout = QVBoxLayout(help_box)
        help_layout.addWidget(self.suggest)

        layout = scrolling_layout(self)
        layout.addWidget(look)
        layout.addWidget(language_box)
        layout.addWidget(sections)
        layout.addWidget(help_box)
        layout.addStretch(1)

    def load(self, registry: SettingsRegistry, preferences: Preferences) -> None:
        self._select_theme(str(preferences.get("theme")))
        self._select_language(str(preferences.get("language")))
        self._set_sections(list(registry.get("sections")))
        self.suggest.setChecked(bool(registry.get("suggest_strategies")))

    def restore_defaults(self, registry: SettingsRegistry) -> None:
        self._select_theme(Preferences.default("theme"))
        self._select_language(Preferences.default("language"))
        self._set_sections(registry.default("sections"))
        self.suggest.setChecked(registry.default("suggest_strategies"))

    def shown(self) -> list[tuple[str, Any, QWidget]]:
        """The in-vault values shown: (setting, value, widget to fix)."""
        boxes = (("journal", self.section_journal), ("supporter", self.section_supporter))
        sections = [name for name, box in boxes if box.isChecked()]
        return [
            ("sections", sections, self.section_journal),
            ("suggest_strategies", self.suggest.isChecked(), self.suggest),
        ]

    def error_label_for(self, _widget: QWidget) -> QLabel | None:
        return None  # its values are chosen from lists: no line of errors

    def apply_preferences(self, preferences: Preferences) -> None:
        preferences.set("theme", str(self.theme.currentData()))
        chosen = str(self.language.currentData())
        before = str(preferences.get("language"))
        preferences.set("language", chosen)
        wanted = i18n.system_language() if chosen == "system" else chosen
        if chosen != before or wanted != i18n.current_language():
            # After the dialog has closed: the shell rebuilds its windows in the new language
            # (language_switch), which must not happen while this dialog is still accepting.
            QTimer.singleShot(0, partial(apply_language, chosen))

    def _select_theme(self, value: str) -> None:
        index = self.theme.findData(value)
        self.theme.setCurrentIndex(max(index, 0))

    def _select_language(self, value: str) -> None:
        index = self.language.findData(value)
        self.language.setCurrentIndex(max(index, 0))

    def _set_sections(self, sections: list[str]) -> None:
        for box in (self.section_journal, self.section_supporter):
            box.blockSignals(True)
        self.section_journal.setChecked("journal" in sections)
        self.section_supporter.setChecked("supporter" in sections)
        for box in (self.section_journal, self.section_supporter):
            box.blockSignals(False)
        self._sections_toggled()

    def _sections_toggled(self) -> None:
        boxes = (self.section_journal, self.section_supporter)
        checked = [box for box in boxes if box.isChecked()]
        for box in boxes:
            last = len(checked) == 1 and box.isChecked()
            box.setEnabled(not last)
            box.setToolTip(_("At least one section stays shown.") if last else "")


__all__ = ["AppearancePage"]
