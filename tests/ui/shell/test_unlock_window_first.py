"""Unlock shows the window first (issue 18, items 1 and 4).

Only the screen in view reads its data when the vault opens; the others read theirs when first
shown (Patterns in the background, saying so calmly meanwhile). Locking while a screen loads
leaves nothing in its models. The unlock window's modules do not load reportlab or pikepdf.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from peerdesk.models import Incident
from peerdesk.storage.vault import Vault
from peerdesk.ui.common.session import VaultSession
from peerdesk.ui.common.workers import wait_for_all
from peerdesk.ui.journal.patterns import PatternsScreen
from peerdesk.ui.journal.screen import JournalScreen
from peerdesk.ui.shell.home import HomeScreen, _Pending
from peerdesk.ui.shell.main_window import MainWindow

TREE = Path(__file__).resolve().parents[3]


def journal_of(window: MainWindow) -> JournalScreen:
    screen = window.screens["journal"]
    assert isinstance(screen, JournalScreen)
    return screen


def patterns_of(window: MainWindow) -> PatternsScreen:
    screen = window.screens["patterns"]
    assert isinstance(screen, PatternsScreen)
    return screen


def add_entries(session: VaultSession, count: int) -> None:
    for day in range(1, count + 1):
        session.repos.incidents.add(Incident(event_date=date(2026, 3, day), title=f"Entry {day}"))


def test_only_the_screen_in_view_reads_its_data_when_the_vault_opens(
    qtbot: QtBot, session: VaultSession
) -> None:
    add_entries(session, 3)
    window = MainWindow(session, ["journal", "supporter"])
    qtbot.addWidget(window)
    assert window.is_loaded("home")
    assert not window.is_loaded("journal")
    assert journal_of(window).model.rowCount() == 0  # nothing read yet
    window.show_section("journal")
    assert window.is_loaded("journal")
    assert journal_of(window).model.rowCount() == 3


def test_patterns_loads_in_the_background_and_shows_its_data_when_ready(
    qtbot: QtBot, session: VaultSession
) -> None:
    add_entries(session, 4)
    window = MainWindow(session, ["journal"])
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    patterns = patterns_of(window)
    assert patterns.patterns is None
    window.show_section("patterns")
    assert patterns.status_label.text() == "Reading the journal…"  # calm, while it reads
    qtbot.waitUntil(lambda: patterns.patterns is not None, timeout=15_000)
    assert patterns.status_label.text() != "Reading the journal…"
    assert sorted(patterns._data.titles.values()) == [f"Entry {d}" for d in range(1, 5)]


def test_locking_while_a_screen_loads_leaves_nothing_behind(
    qtbot: QtBot, session: VaultSession
) -> None:
    add_entries(session, 4)
    window = MainWindow(session, ["journal"])
    qtbot.addWidget(window)
    window.show_section("patterns")  # its reading starts in the background...
    window.show_section("journal")
    session.close()  # ... and the vault locks before it is done
    wait_for_all(15_000)
    qtbot.wait(50)  # (let any late result arrive: it must be dropped)
    patterns = patterns_of(window)
    assert patterns.patterns is None
    assert patterns._data.titles == {} and patterns._data.inputs == []
    assert journal_of(window).model.rowCount() == 0
    assert not window.is_loaded("people")


def test_screens_reload_after_the_next_unlock(
    qtbot: QtBot, session: VaultSession, vault_path: Path, passphrase: str
) -> None:
    add_entries(session, 2)
    window = MainWindow(session, ["journal"])
    qtbot.addWidget(window)
    window.show_section("journal")
    session.close()
    assert journal_of(window).model.rowCount() == 0
    window.show_section("home")
    session.adopt(Vault.open(vault_path, passphrase))
    assert not window.is_loaded("journal")
    window.show_section("journal")
    assert journal_of(window).model.rowCount() == 2


def test_the_unlock_window_does_not_load_the_report_or_pdf_libraries() -> None:
    code = (
        "import sys\n"
        "from peerdesk.app import create_application\n"
        "app = create_application()\n"
        "import peerdesk.ui.shell.controller, peerdesk.ui.vault.unlock, peerdesk.content\n"
        "print(' '.join(sorted({m.split('.')[0] for m in sys.modules}"
        " & {'reportlab', 'pikepdf', 'peerdesk'})))\n"
        "import peerdesk.ui.shell.main_window\n"
    )
    env = dict(os.environ, PYTHONPATH=str(TREE), QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        cwd=TREE,
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.split() == ["peerdesk"]


def test_home_reads_what_needs_attention_once_when_the_vault_opens(
    qtbot: QtBot, session: VaultSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads: list[int] = []
    real_ranked = HomeScreen._ranked

    def counted(self: HomeScreen, most: int | None = None) -> tuple[list[_Pending], int]:
        reads.append(1)
        return real_ranked(self, most)

    monkeypatch.setattr(HomeScreen, "_ranked", counted)
    window = MainWindow(session, ["journal", "supporter"])
    qtbot.addWidget(window)
    window.set_sections(["journal", "supporter"])  # what the controller does after unlocking
    window.show_section("home")
    assert len(reads) == 1
    window.set_sections(["journal"])  # a real change of what Home lists: read again
    assert len(reads) == 2
