"""The main window: a sidebar of sections, menus, a status line and a visible Lock button.

It only composes screens (each in its own module) and turns menu actions into signals that the
application controller handles. The title never shows content.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidgetItem,
    QMainWindow,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from peerdesk import APP_NAME
from peerdesk.i18n import _
from peerdesk.storage.errors import VaultError
from peerdesk.ui.common.clipboard import SecureClipboard
from peerdesk.ui.common.notices import Notice
from peerdesk.ui.common.preferences import Preferences
from peerdesk.ui.common.session import VaultSession
from peerdesk.ui.common.vault_settings import SettingsRegistry
from peerdesk.ui.directory.screen import ResourcesScreen
from peerdesk.ui.journal.cast import CastScreen
from peerdesk.ui.journal.editor.dialog import IncidentEditor
from peerdesk.ui.journal.patterns import PatternsScreen
from peerdesk.ui.journal.screen import JournalScreen
from peerdesk.ui.library.banner import SuggestionBanner, suggestions_wanted
from peerdesk.ui.library.screen import LibraryScreen
from peerdesk.ui.shell.home import HomeScreen
from peerdesk.ui.shell.menus import SECTIONS, MainMenus, Section
from peerdesk.ui.shell.sections import NoteArea, SectionList, SectionStack
from peerdesk.ui.supporter.screen import ColleaguesScreen
from peerdesk.ui.vault.data_export import DataExportDialog

if TYPE_CHECKING:
    from peerdesk.ui.report.dialog import ReportDialog  # reportlab: loaded when first used


#: The main window's least size (logical pixels): it fits 1366×768 at 150 %.
MIN_WIDTH, MIN_HEIGHT = 720, 440
#: Where the suggestion banner shows (it waits, hidden, while another section is shown).
BANNER_SECTIONS = ("home", "journal")


def screen_makers(
    session: VaultSession,
    sections: list[str],
    *,
    clipboard: SecureClipboard | None = None,
    preferences: Preferences | None = None,
    in_steps: bool = False,
) -> list[tuple[str, Callable[[], QWidget]]]:
    """How to make each screen, in the sidebar's order: the main window makes them all at once,
    or :class:`~peerdesk.ui.shell.prepare.MainWindowBuilder` one per turn of the event loop.
    ``in_steps``: a large screen is left half made, its ``remaining_steps`` to be run."""
    return [
        ("home", lambda: HomeScreen(session, list(sections))),
        ("journal", lambda: JournalScreen(session)),
        ("people", lambda: CastScreen(session)),
        ("patterns", lambda: PatternsScreen(session)),
        (
            "colleagues",
            lambda: ColleaguesScreen(
                session, clipboard=clipboard, preferences=preferences, in_steps=in_steps
            ),
        ),
        ("library", lambda: LibraryScreen(session)),
        ("resources", lambda: ResourcesScreen(session)),
    ]


class MainWindow(QMainWindow):
    lock_requested = Signal()
    quick_hide_requested = Signal()
    settings_requested = Signal()
    backup_requested = Signal()
    check_requested = Signal()
    change_passphrase_requested = Signal()
    new_vault_requested = Signal()
    open_vault_requested = Signal()
    support_requested = Signal()
    about_requested = Signal()
    quit_requested = Signal()

    def __init__(
        self,
        session: VaultSession,
        sections: list[str],
        parent: QWidget | None = None,
        *,
        clipboard: SecureClipboard | None = None,
        preferences: Preferences | None = None,
        registry: SettingsRegistry | None = None,
        screens: Mapping[str, QWidget] | None = None,
    ) -> None:
        """``screens``: the screens made beforehand (by :func:`screen_makers`), else made here."""
        super().__init__(parent)
        self.setWindowTitle(APP_NAME)
        self.setObjectName("mainWindow")
        self.resize(1100, 720)
        # Small enough for 1366×768 at 150 % (910×485 logical, less the title bar): each
        # section reflows or scrolls vertically within it.
        self.setMinimumSize(QSize(MIN_WIDTH, MIN_HEIGHT))
        self._session = session
        self._uses = list(sections)
        self._allow_close = False
        self._registry = registry
        self._preferences = preferences
        self._banner: SuggestionBanner | None = None
        self.report_dialog: ReportDialog | None = None
        #: Screens that have not read their data since the vault opened: each reads it when
        #: first shown (never all of them between "Unlock" and the window appearing).
        self._pending: list[str] = []
        self.open_error: VaultError | None = None

        self.sidebar = SectionList()
        self.stack = SectionStack()
        makers = screen_makers(session, self._uses, clipboard=clipboard, preferences=preferences)
        if screens is None:
            self.screens: dict[str, QWidget] = {key: make() for key, make in makers}
        else:
            assert set(screens) == {key for key, _make in makers}, "every screen, once"
            assert not any(getattr(w, "remaining_steps", None) for w in screens.values())
            self.screens = {key: screens[key] for key, _make in makers}
        for widget in self.screens.values():
            self.stack.addWidget(widget)
        journal = self.screens["journal"]
        if clipboard is not None and isinstance(journal, JournalScreen):
            journal.history_check.clipboard = clipboard  # a lock clears what it copied
        self.sidebar.currentRowChanged.connect(self._show_row)
        home = self.home
        home.navigate.connect(self.show_section)
        home.support_requested.connect(self.support_requested)
        home.record_requested.connect(self.record_from_capture)
        home.draft_requested.connect(self.open_draft)
        self.library.support_requested.connect(self.support_requested)
        journal = self.screens["journal"]
        assert isinstance(journal, JournalScreen)
        # An entry chosen in the journal, People or Patterns opens to read; Edit is beside it.
        journal.edit_requested.connect(self.open_entry)
        journal.editor_requested.connect(self.open_incident)
        journal.new_requested.connect(lambda: self.open_incident(None))
        journal.export_requested.connect(self.open_report_dialog)
        for key in ("people", "patterns"):
            self.screens[key].edit_requested.connect(self.open_entry)  # type: ignore[attr-defined]

        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.sidebar)
        content = QVBoxLayout()
        content.setContentsMargins(0, 0, 0, 0)
        self.notes = NoteArea()  # status notes that stay until dismissed (a failed backup)
        content.addWidget(self.notes)
        self.banner_area = QVBoxLayout()  # suggestions after saving an entry appear here
        self.banner_area.setContentsMargins(16, 8, 16, 0)
        content.addLayout(self.banner_area)
        content.addWidget(self.stack, 1)
        row.addLayout(content, 1)
        self.setCentralWidget(central)

        self.vault_label = QLabel()
        self.vault_label.setObjectName("vaultLabel")
        self.lock_button = QToolButton()
        self.lock_button.setObjectName("lockButton")
        self.lock_button.setText(_("Lock"))
        self.lock_button.setToolTip(_("Lock PeerDesk now (Ctrl+L)"))
        self.lock_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.lock_button.clicked.connect(self.lock_requested)
        self.statusBar().addWidget(self.vault_label, 1)
        self.statusBar().addPermanentWidget(self.lock_button)

        self.menus = MainMenus(self)
        self.export_report_action = self.menus.export_report_action
        self.quit_action = self.menus.quit_action
        self.settings_action = self.menus.settings_action
        self.lock_action = self.menus.lock_action
        self.quick_hide_action = self.menus.quick_hide_action
        self.set_sections(self._uses)
        session.opened.connect(self._on_opened)
        session.closing.connect(self._on_closing)
        if session.is_open:
            self._on_opened()

    # -- sections --------------------------------------------------------------------------------

    @property
    def home(self) -> HomeScreen:
        screen = self.screens["home"]
        assert isinstance(screen, HomeScreen)
        return screen

    @property
    def library(self) -> LibraryScreen:
        screen = self.screens["library"]
        assert isinstance(screen, LibraryScreen)
        return screen

    def visible_sections(self) -> list[Section]:
        return [s for s in SECTIONS if s.needs is None or s.needs in self._uses]

    def set_sections(self, uses: list[str]) -> None:
        """Show the sections for the chosen uses (my journal / peer supporter / both)."""
        self._uses = list(uses) or ["journal", "supporter"]
        current = self.current_section()
        self.sidebar.blockSignals(True)
        self.sidebar.clear()
        for section in self.visible_sections():
            item = QListWidgetItem(_(section.title))
            item.setData(Qt.ItemDataRole.UserRole, section.key)
            self.sidebar.addItem(item)
        self.sidebar.fit_width()
        self.sidebar.blockSignals(False)
        keys = {s.key for s in self.visible_sections()}
        for action in self.menus.section_actions:
            action.setVisible(action.data() in keys)
        self.export_report_action.setVisible("journal" in keys)
        self.home.set_sections(self._uses)
        self.show_section(
            current if current in [s.key for s in self.visible_sections()] else "home"
        )

    def current_section(self) -> str:
        item = self.sidebar.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item else "home"

    def show_section(self, key: str) -> None:
        for row in range(self.sidebar.count()):
            if self.sidebar.item(row).data(Qt.ItemDataRole.UserRole) == key:
                self.sidebar.setCurrentRow(row)
                self.ensure_loaded(key)
                self.stack.setCurrentWidget(self.screens[key])
                self._place_banner()
                return

    def _show_row(self, row: int) -> None:
        item = self.sidebar.item(row)
        if item is not None:
            key = str(item.data(Qt.ItemDataRole.UserRole))
            self.ensure_loaded(key)
            self.stack.setCurrentWidget(self.screens[key])
            self._place_banner()

    # -- vault open / closed -----------------------------------------------------------------------

    def _on_opened(self) -> None:
        path = self._session.vault_path
        # translators: {name} is the vault's file name
        self.vault_label.setText(_("Vault: {name}").format(name=path.name) if path else "")
        self.vault_label.setToolTip(str(path) if path else "")
        # Only the screen in view reads its data now; the others when first shown, so that
        # unlocking shows the window first whatever the size of the vault.
        current = self.current_section()
        self._pending = [key for key in self.screens if key != current]
        try:
            for screen in self.screens.values():
                at_unlock = getattr(screen, "on_vault_opened", None)
                if at_unlock is not None:  # what must happen at every unlock, shown or not
                    at_unlock()
            self.screens[current].on_opened()  # type: ignore[attr-defined]
        except VaultError as exc:  # a damaged page read first here: the unlock says so
            self.open_error = exc

    def take_open_error(self) -> VaultError | None:
        """What went wrong reading the vault as it opened (a slot cannot raise to the code
        that opened it), once."""
        error, self.open_error = self.open_error, None
        return error

    def is_loaded(self, key: str) -> bool:
        """Whether the screen ``key`` has read its data since the vault opened."""
        return self._session.is_open and key not in self._pending

    def ensure_loaded(self, key: str) -> None:
        """Let the screen ``key`` read its data now if it has not since the vault opened."""
        if key in self._pending and self._session.is_open:
            self._pending.remove(key)
            self.screens[key].on_opened()  # type: ignore[attr-defined]

    def load_all(self) -> None:
        """Every screen reads its data now (tests; a whole-window action)."""
        for key in list(self._pending):
            self.ensure_loaded(key)

    # -- journal entries ---------------------------------------------------------------------------

    def open_incident(
        self, incident_id: int | None, *, draft_slot: str | None = None, from_capture: bool = False
    ) -> IncidentEditor | None:
        """Open the editor for an entry (None: a new one). Non-modal, so the rest stays usable."""
        if not self._session.is_open:
            return None
        editor = IncidentEditor(
            self._session, incident_id, self, draft_slot=draft_slot, from_capture=from_capture
        )
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.saved.connect(self.offer_strategies)
        editor.show()
        return editor

    def open_entry(self, incident_id: int) -> QWidget | None:
        """Open an entry to read (the record as a report shows it), with Edit and History."""
        if not self._session.is_open:
            return None
        from peerdesk.ui.journal.reading import EntryReadDialog

        reader = EntryReadDialog(self._session, incident_id, self)
        reader.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        reader.edit_requested.connect(self.open_incident)
        reader.show()
        reader.activateWindow()
        return reader

    def record_from_capture(self) -> IncidentEditor | None:
        """Home's "Record what happened": a new entry starting from the quick capture."""
        return self.open_incident(None, from_capture=True)

    def open_draft(self, record_id: int, slot: str) -> IncidentEditor | None:
        """An unsaved journal entry chosen on Home: open the editor with that very draft (an
        editor already showing it is brought forward instead, so two never share a draft)."""
        if not self._session.is_open:
            return None
        if record_id:
            return self.open_incident(record_id)
        for open_editor in self.findChildren(IncidentEditor):
            if open_editor.isVisible() and open_editor.draft_slot == slot:
                open_editor.raise_()
                open_editor.activateWindow()
                return open_editor
        return self.open_incident(None, draft_slot=slot)

    def open_report_dialog(self) -> ReportDialog | None:
        """The incident report export (one at a time): starts from what the journal shows."""
        if not self._session.is_open:
            return None
        from peerdesk.ui.report.dialog import ReportDialog  # reportlab loads on first use

        if self.report_dialog is not None:
            self.report_dialog.raise_()
            self.report_dialog.activateWindow()
            return self.report_dialog
        journal = self.screens["journal"]
        assert isinstance(journal, JournalScreen)
        self.ensure_loaded("journal")  # the dialog starts from the journal's filter
        dialog = ReportDialog(
            self._session,
            preferences=self._preferences,
            journal_filter=journal.current_filter(),
            parent=self,
        )
        dialog.destroyed.connect(self._report_dialog_gone)
        self.report_dialog = dialog
        dialog.show()
        return dialog

    def open_data_export_dialog(self) -> DataExportDialog | None:
        """File ▸ Export data…"""
        if not self._session.is_open:
            return None
        dialog = DataExportDialog(self._session, preferences=self._preferences, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _report_dialog_gone(self, *_args: object) -> None:
        self.report_dialog = None

    def offer_strategies(self, incident_id: int) -> None:
        """After an entry is saved: two or three strategies that suit it (can be switched off)."""
        self._drop_banner()
        if not self._session.is_open or not suggestions_wanted(self._registry):
            return
        incident = self._session.repos.incidents.get(incident_id)
        strategies = self.library.suggest_for(set(incident.categories))
        if not strategies:
            return
        banner = SuggestionBanner(strategies, self._registry, incident_id=incident_id)
        banner.setObjectName("suggestionBanner")
        banner.try_requested.connect(self._try_suggested)
        banner.dismissed.connect(self._drop_banner)
        self.banner_area.addWidget(banner)
        self._banner = banner
        self._place_banner()
        banner.announce_offer()

    def _place_banner(self) -> None:
        """The suggestions belong to Home and the Journal: hidden elsewhere (not dropped)."""
        if self._banner is not None:
            self._banner.setVisible(self.current_section() in BANNER_SECTIONS)

    def show_note(self, text: str, kind: str = "warning") -> Notice:
        """A status note above the sections that stays until dismissed, and is announced."""
        return self.notes.add(text, kind)

    def _try_suggested(self, strategy_id: int, incident_id: object) -> None:
        self.show_section("library")
        self.library.try_strategy(
            strategy_id, incident_id if isinstance(incident_id, int) else None
        )
        self._drop_banner()

    def _drop_banner(self) -> None:
        banner, self._banner = self._banner, None
        if banner is not None:
            banner.clear()
            banner.hide()
            banner.deleteLater()

    def _on_closing(self) -> None:
        self._drop_banner()
        self.notes.clear()
        never_opened, self._pending = set(self._pending), []
        for key, screen in self.screens.items():
            if key not in never_opened:  # (a screen never shown has nothing to keep or clear)
                screen.on_closing()  # type: ignore[attr-defined]
        self.vault_label.clear()
        self.vault_label.setToolTip("")

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Escape that nothing in the window used dismisses the suggestions in view."""
        if (
            event.key() == Qt.Key.Key_Escape
            and event.modifiers() == Qt.KeyboardModifier.NoModifier
            and self._banner is not None
            and self._banner.isVisible()
        ):
            event.accept()
            self._banner.dismiss()
            return
        super().keyPressEvent(event)

    # -- menus -----------------------------------------------------------------------------------

    def set_quick_hide_shortcut(self, sequence: str) -> None:
        self.quick_hide_action.setShortcut(QKeySequence(sequence))

    # -- closing ---------------------------------------------------------------------------------

    def allow_close(self) -> None:
        self._allow_close = True

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._allow_close:
            event.accept()
            return
        # Closing the window quits the application through the controller (which locks
        # first and saves drafts).
        event.ignore()
        self.quit_requested.emit()
