"""The main window's sections and its menu bar (File, Edit, View, Vault, Help).

The menus only emit the window's signals (which the application controller handles) or call
the window's own methods (show a section, export a report).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

from peerdesk.i18n import N_, _
from peerdesk.ui.common.owner import WeakOwner
from peerdesk.ui.shell.modal_shortcuts import ModalShortcuts

if TYPE_CHECKING:
    from peerdesk.ui.shell.main_window import MainWindow


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    needs: str | None  # the use ("journal" / "supporter") that shows it; None: always shown


SECTIONS = (
    Section("home", N_("Home"), None),
    Section("journal", N_("Journal"), "journal"),
    Section("people", N_("People"), "journal"),
    Section("patterns", N_("Patterns"), "journal"),
    Section("colleagues", N_("Colleagues"), "supporter"),
    Section("library", N_("Coping library"), None),
    Section("resources", N_("Resources"), None),
)


class MainMenus:
    """Builds the window's menu bar and keeps the actions other parts need."""

    def __init__(self, window: MainWindow) -> None:
        # Weakly: the owner holds this helper, and a cycle through Qt wrappers would leave
        # their attributes cleared by the garbage collector while the C++ objects live on.
        self._owner = WeakOwner(window)
        self._build()

    @property
    def _window(self) -> MainWindow:
        return self._owner.get()

    def _action(
        self,
        title: str,
        slot: Callable[..., object],
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        tip: str = "",
    ) -> QAction:
        action = QAction(title, self._window)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(slot)
        return action

    def _open_import(self) -> None:
        from peerdesk.ui.vault.data_import.dialog import ImportDialog

        window = self._window
        if window._session.is_open:
            ImportDialog(window._session, preferences=window._preferences, parent=window).open()

    def _build(self) -> None:
        window = self._window
        bar = window.menuBar()
        file_menu = bar.addMenu(_("&File"))
        # Ctrl+N belongs to the screens (new journal entry, new strategy).
        file_menu.addAction(
            self._action(_("&New vault…"), window.new_vault_requested.emit, _("Ctrl+Shift+N"))
        )
        file_menu.addAction(
            self._action(
                _("&Open vault…"), window.open_vault_requested.emit, QKeySequence.StandardKey.Open
            )
        )
        file_menu.addSeparator()
        self.export_report_action = self._action(
            _("&Export incident report…"),
            window.open_report_dialog,
            _("Ctrl+E"),
            _("Write the journal as a PDF for HR, a representative, a lawyer or yourself"),
        )
        file_menu.addAction(self.export_report_action)
        self.export_data_action = self._action(
            _("Export &data…"), window.open_data_export_dialog, tip=_("Take all your data out")
        )
        file_menu.addAction(self.export_data_action)
        self.import_action = self._action(
            _("&Import…"), self._open_import, tip=_("Bring entries in from another journal")
        )
        file_menu.addAction(self.import_action)
        file_menu.addAction(
            self._action(_("&Back up now"), window.backup_requested.emit, _("Ctrl+Shift+B"))
        )
        file_menu.addSeparator()
        self.quit_action = self._action(
            _("&Quit"), window.quit_requested.emit, QKeySequence.StandardKey.Quit
        )
        file_menu.addAction(self.quit_action)

        edit_menu = bar.addMenu(_("&Edit"))
        self.settings_action = self._action(
            _("&Settings…"),
            window.settings_requested.emit,
            "Ctrl+,",  # i18n: keep — a key sequence
        )
        edit_menu.addAction(self.settings_action)

        view_menu = bar.addMenu(_("&View"))
        self.section_actions: list[QAction] = []
        for number, section in enumerate(SECTIONS, start=1):
            action = self._action(
                _(section.title),
                lambda _checked=False, key=section.key: window.show_section(key),
                f"Ctrl+{number}",  # i18n: keep — a key sequence
            )
            action.setData(section.key)
            view_menu.addAction(action)
            self.section_actions.append(action)

        vault_menu = bar.addMenu(_("&Vault"))
        self.lock_action = self._action(
            _("&Lock"),
            window.lock_requested.emit,
            _("Ctrl+L"),
            _("Lock PeerDesk: the vault closes until you unlock it"),
        )
        self.quick_hide_action = self._action(
            _("&Quick hide"),
            window.quick_hide_requested.emit,
            _("Ctrl+Shift+H"),
            _("Lock and hide PeerDesk at once"),
        )
        # Works whichever PeerDesk window (or dialog) has the focus.
        self.quick_hide_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        vault_menu.addAction(self.lock_action)
        vault_menu.addAction(self.quick_hide_action)
        # ...and while a modal dialog is open, which Qt's shortcuts do not reach.
        self.modal_shortcuts = ModalShortcuts(window, [self.lock_action, self.quick_hide_action])
        vault_menu.addSeparator()
        vault_menu.addAction(
            self._action(_("&Change passphrase…"), window.change_passphrase_requested.emit)
        )
        vault_menu.addAction(self._action(_("Check &integrity"), window.check_requested.emit))

        help_menu = bar.addMenu(_("&Help"))
        help_menu.addAction(
            self._action(
                _("&Support and crisis resources"),
                window.support_requested.emit,
                QKeySequence.StandardKey.HelpContents,
            )
        )
        help_menu.addAction(self._action(_("&About PeerDesk"), window.about_requested.emit))


__all__ = ["SECTIONS", "MainMenus", "Section"]
