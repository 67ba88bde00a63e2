"""What the walk over every window is made of: :class:`WindowState` (how to open one window in
one state) and :class:`Context` (a vault with data, a main window, a place for files).

Each area of the UI lists its states in ``tests/ui/accessibility/states_<area>.py`` as
``STATES: list[WindowState]``; ``test_walk.py`` finds every such list.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from peerdesk.ui.common.preferences import Preferences
from peerdesk.ui.common.session import VaultSession

#: A small demo vault: every kind of record, a few of each.
DEMO_COUNTS = {
    "incidents": 14,
    "people": 5,
    "colleagues": 5,
    "conversations": 8,
    "attachments": 4,
    "strategy_uses": 6,
}


@dataclass
class Context:
    qtbot: QtBot
    session: VaultSession
    tmp_path: Path
    passphrase: str
    preferences: Preferences
    _windows: list[QWidget] = field(default_factory=list)

    def keep(self, widget: QWidget) -> QWidget:
        """Close ``widget`` when the test ends."""
        self.qtbot.addWidget(widget)
        self._windows.append(widget)
        return widget

    def show(self, window: QWidget) -> QWidget:
        """Show ``window`` and wait until it is exposed and active."""
        self.keep(window)
        window.show()
        self.qtbot.waitExposed(window)
        window.activateWindow()
        self.qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
        return window

    def main_window(self, sections: tuple[str, ...] = ("journal", "supporter")) -> QWidget:
        """A shown main window on the demo vault with ``sections`` (default: every one)."""
        from peerdesk.ui.shell.main_window import MainWindow

        window = MainWindow(self.session, list(sections), preferences=self.preferences)
        self.show(window)
        window.load_all()
        return window


@dataclass(frozen=True)
class WindowState:
    """One window in one state. ``open(ctx)`` returns the shown top-level window; ``covers``
    names the window classes this state opens (for the check that none is left out)."""

    name: str
    open: Callable[[Context], QWidget]
    covers: tuple[type, ...] = ()
    #: Why a finding kind is accepted here (kind -> reason), for the rare honest exception.
    accepted: dict[str, str] = field(default_factory=dict)


def all_states() -> Iterator[WindowState]:
    """Every STATES list of every ``states_*`` module beside this one."""
    package = importlib.import_module("tests.ui.accessibility")
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
        if info.name.startswith("states_"):
            module = importlib.import_module(f"tests.ui.accessibility.{info.name}")
            yield from module.STATES


def window_classes() -> set[type]:
    """Every dialog, wizard, wizard page, main window and ``…Window`` class under peerdesk.ui."""
    from PySide6.QtWidgets import QDialog, QMainWindow, QWizard, QWizardPage

    import peerdesk.ui

    for info in pkgutil.walk_packages(peerdesk.ui.__path__, "peerdesk.ui."):
        importlib.import_module(info.name)
    found: set[type] = set()
    pending: list[type] = [QWidget]
    while pending:
        cls = pending.pop()
        for sub in cls.__subclasses__():
            pending.append(sub)
            if not sub.__module__.startswith("peerdesk.ui."):
                continue
            if issubclass(sub, QDialog | QMainWindow | QWizard | QWizardPage) or (
                sub.__name__.endswith("Window")
            ):
                found.add(sub)
    return found


__all__ = ["DEMO_COUNTS", "Context", "WindowState", "all_states", "window_classes"]
