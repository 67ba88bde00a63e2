"""Child process for the draft kill test: Home's quick capture and a new journal entry open at
once, real widgets on the offscreen platform, typed into in turn.

After each word it prints ``typed <editor> <n>`` (n words typed into that editor this round);
after it has waited, without typing, until that editor's autosave ran, it prints
``settled <editor> <n>``: those n words are older than one autosave interval and must survive a
SIGKILL at any moment. ``<editor>`` is ``home`` or ``entry``.

argv: vault path, the entry's draft slot, round number, random seed. Passphrase on stdin.
"""

from __future__ import annotations

import os
import random
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

#: A short autosave interval, so that a round types and settles many times in a few seconds.
AUTOSAVE_MS = 60


def word(editor: str, round_no: int, n: int) -> str:
    return f"{editor[0]}{round_no:02d}w{n:03d} "


def type_word(edit: Any, text: str) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QTextCursor
    from PySide6.QtTest import QTest

    edit.setFocus()
    edit.moveCursor(QTextCursor.MoveOperation.End)
    for char in text:
        QTest.keyClick(edit, char if char != " " else Qt.Key.Key_Space)


def wait_for_autosave(timer_active: Callable[[], bool]) -> None:
    from PySide6.QtCore import QCoreApplication, QEventLoop

    while timer_active():
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)


def main() -> None:
    path, slot, round_no, seed = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    passphrase = sys.stdin.readline().removesuffix("\n")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    import peerdesk.ui.common.draft_autosave as draft_autosave
    import peerdesk.ui.shell.home as home_screen
    from peerdesk.ui.common.session import VaultSession
    from peerdesk.ui.journal.editor.dialog import IncidentEditor

    draft_autosave.AUTOSAVE_MS = AUTOSAVE_MS  # read when the editors are made (Home and entry)
    app = QApplication([])
    session = VaultSession()
    session.open(Path(path), passphrase)
    home = home_screen.HomeScreen(session, ["journal"])
    home.on_opened()
    home.show()
    entry = IncidentEditor(session, None, draft_slot=slot)
    entry.show()
    edits = {"home": home.capture, "entry": entry.narrative}
    timers = {"home": home._autosave.timer, "entry": entry.drafts.autosave.timer}
    counts = {"home": 0, "entry": 0}
    rng = random.Random(seed)
    print("ready", flush=True)
    while True:
        name = rng.choice(("home", "entry"))
        for _ in range(rng.randint(1, 4)):
            counts[name] += 1
            type_word(edits[name], word(name, round_no, counts[name]))
            print(f"typed {name} {counts[name]}", flush=True)
        if rng.random() < 0.6:  # pause: let this editor's autosave run
            wait_for_autosave(timers[name].isActive)
            print(f"settled {name} {counts[name]}", flush=True)
        app.processEvents()


if __name__ == "__main__":
    main()
