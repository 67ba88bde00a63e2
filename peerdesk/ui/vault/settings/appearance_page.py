"""The Appearance tab: the theme, the sections shown and suggestions."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QCheckBox, QComboBox, QGroupBox, QLabel, QVBoxLayout, QWidget

from peerdesk.ui.common.notices import note
from peerdesk.ui.common.preferences import Preferences
from peerdesk.ui.common.vault_settings import SettingsRegistry
from peerdesk.ui.vault.page_scroll import scrolling_layout
from peerdesk.ui.vault.settings.widgets import form, labelled

_THEME_CHOICES = (("system", "Follow the system"), ("light", "Light"), ("dark", "Dark"))


class AppearancePage(QWidget):
    TAB = "appearance"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("appearanceTab")

        self.theme = QComboBox()
        self.theme.setObjectName("theme")
        for value, text in _THEME_CHOICES:
            self.theme.addItem(text, value)
        look = QGroupBox("Theme")
        look_form = form(look)
        look_form.addRow(labelled("C&olours:", self.theme), self.theme)

        self.section_journal = QCheckBox("&Journal: record what happens to you at work")
        self.section_journal.setObjectName("sectionJournal")
        self.section_supporter = QCheckBox(
            "S&upporter notes: conversations with colleagues you support"
        )
        self.section_supporter.setObjectName("sectionSupporter")
        for box in (self.section_journal, self.section_supporter):
            box.toggled.connect(self._sections_toggled)
        sections = QGroupBox("Sections shown")
        sections_layout = QVBoxLayout(sections)
        sections_layout.addWidget(self.section_journal)
        sections_layout.addWidget(self.section_supporter)
        sections_layout.addWidget(
            note(
                "At least one section is always shown. Hiding a section deletes nothing.",
                expanding=True,
            )
        )

        self.suggest = QCheckBox("Su&ggest coping strategies that helped before")
        self.suggest.setObjectName("suggestStrategies")
        help_box = QGroupBox("Suggestions")
        help_layout = QVBoxLayout(help_box)
        help_layout.addWidget(self.suggest)

        layout = scrolling_layout(self)
        layout.addWidget(look)
        layout.addWidget(sections)
        layout.addWidget(help_box)
        layout.addStretch(1)

    def load(self, registry: SettingsRegistry, preferences: Preferences) -> None:
        self._select_theme(str(preferences.get("theme")))
        self._set_sections(list(registry.get("sections")))
        self.suggest.setChecked(bool(registry.get("suggest_strategies")))

    def restore_defaults(self, registry: SettingsRegistry) -> None:
        self._select_theme(Preferences.default("theme"))
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

    def _select_theme(self, value: str) -> None:
        index = self.theme.findData(value)
        self.theme.setCurrentIndex(max(index, 0))

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
            box.setToolTip("At least one section stays shown." if last else "")


__all__ = ["AppearancePage"]
