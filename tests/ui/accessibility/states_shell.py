"""The walk's states for the shell, Home and the coping library: the main window on Home and on
the library (with its status line and Undo), the strategy editor (empty, an error shown), the
try view (a step, the rating page, its error) and "What helps me" (ranked, empty)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from peerdesk.models.enums import IncidentCategory
from peerdesk.ui.common.messages import Messages
from peerdesk.ui.library.editor import StrategyEditor
from peerdesk.ui.library.screen import LibraryScreen
from peerdesk.ui.library.try_dialog import TryStrategyDialog
from peerdesk.ui.library.what_helps import WhatHelpsDialog
from peerdesk.ui.shell.backups import BACKUP_FAILED_NOTE
from peerdesk.ui.shell.crash import CRASH_TITLE, crash_text
from peerdesk.ui.shell.main_window import MainWindow
from tests.ui.accessibility.walk import Context, WindowState


def _main(ctx: Context, section: str) -> MainWindow:
    window = ctx.main_window()
    assert isinstance(window, MainWindow)
    window.show_section(section)
    return window


def _library(ctx: Context) -> tuple[MainWindow, LibraryScreen]:
    window = _main(ctx, "library")
    screen = window.library
    ctx.qtbot.waitUntil(lambda: screen.current_strategy() is not None)
    return window, screen


def _active(ctx: Context, dialog: QWidget) -> QWidget:
    """A dialog the screen opened (window-modal): wait until it is the active window."""
    ctx.keep(dialog)
    ctx.qtbot.waitExposed(dialog)
    dialog.activateWindow()
    ctx.qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=3000)
    return dialog


def _home(ctx: Context) -> QWidget:
    window = _main(ctx, "home")
    window.home.capture.setPlainText("He shouted at me in the corridor after the meeting.")
    return window


def _home_suggestions(ctx: Context) -> QWidget:
    window = _main(ctx, "home")
    incident = ctx.session.repos.incidents.list()[0]
    assert incident.id is not None
    window.offer_strategies(incident.id)
    banner = window._banner
    assert banner is not None
    ctx.qtbot.waitUntil(banner.isVisible)
    return window


def _backup_note(ctx: Context) -> QWidget:
    window = _main(ctx, "library")
    window.show_note(BACKUP_FAILED_NOTE)
    ctx.qtbot.waitUntil(window.notes.isVisible)
    return window


def _library_screen(ctx: Context) -> QWidget:
    window, _screen = _library(ctx)
    return window


def _library_hidden_undo(ctx: Context) -> QWidget:
    window, screen = _library(ctx)
    screen.strategy_actions.toggle_hidden()
    ctx.qtbot.waitUntil(screen.status.undo_button.isVisible)
    return window


def _editor(ctx: Context) -> StrategyEditor:
    _window, screen = _library(ctx)
    editor = screen.dialogs.new_strategy()
    assert editor is not None
    _active(ctx, editor)
    return editor


def _editor_new(ctx: Context) -> QWidget:
    return _editor(ctx)


def _editor_error(ctx: Context) -> QWidget:
    editor = _editor(ctx)
    editor.summary_edit.setText("Somewhere to breathe for a minute")
    ctx.qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    ctx.qtbot.waitUntil(editor.errors["title"].isVisible)
    return editor


def _try(ctx: Context) -> TryStrategyDialog:
    _window, screen = _library(ctx)
    dialog = screen.try_current()
    assert dialog is not None
    _active(ctx, dialog)
    return dialog


def _try_step(ctx: Context) -> QWidget:
    return _try(ctx)


def _try_rating(ctx: Context) -> QWidget:
    dialog = _try(ctx)
    dialog.show_rating()
    return dialog


def _try_rating_error(ctx: Context) -> QWidget:
    dialog = _try(ctx)
    dialog.show_rating()
    dialog.save_button.setEnabled(True)  # (as after a rating that could not be stored)
    dialog.save_rating()
    ctx.qtbot.waitUntil(dialog.rating_page.rating_error.isVisible)
    return dialog


def _what_helps(ctx: Context) -> WhatHelpsDialog:
    _window, screen = _library(ctx)
    dialog = screen.dialogs.show_what_helps()
    assert dialog is not None
    _active(ctx, dialog)
    return dialog


def _what_helps_ranked(ctx: Context) -> QWidget:
    dialog = _what_helps(ctx)
    assert dialog.model.rowCount() > 0
    return dialog


def _what_helps_empty(ctx: Context) -> QWidget:
    dialog = _what_helps(ctx)
    for category in IncidentCategory:
        dialog.set_category(category)
        if dialog.model.rowCount() == 0:
            break
    ctx.qtbot.waitUntil(dialog.empty_label.isVisible)
    return dialog


def _crash_message(ctx: Context) -> QWidget:
    """What the crash handler shows (a message box with the kind of error, no content)."""
    box = Messages._box(QMessageBox.Icon.Critical, None, CRASH_TITLE, crash_text(RuntimeError), "")
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    return ctx.show(box)


STATES = [
    WindowState("shell: main window, home", _home, (MainWindow,)),
    WindowState("shell: main window, home, suggestions", _home_suggestions),
    WindowState("shell: main window, a backup note", _backup_note),
    WindowState("shell: main window, library", _library_screen, (MainWindow, LibraryScreen)),
    WindowState("shell: main window, library, hidden with undo", _library_hidden_undo),
    WindowState("shell: strategy editor, new", _editor_new, (StrategyEditor,)),
    WindowState("shell: strategy editor, error shown", _editor_error, (StrategyEditor,)),
    WindowState("shell: try strategy, a step", _try_step, (TryStrategyDialog,)),
    WindowState("shell: try strategy, did it help", _try_rating, (TryStrategyDialog,)),
    WindowState("shell: try strategy, no rating chosen", _try_rating_error),
    WindowState("shell: what helps me, ranked", _what_helps_ranked, (WhatHelpsDialog,)),
    WindowState("shell: what helps me, nothing for a kind", _what_helps_empty),
    WindowState("shell: crash message", _crash_message, (QMessageBox,)),
]
