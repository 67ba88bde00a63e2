"""Long text in Home's quick capture and the entry fields (issue 18, item 5).

A long capture draft is put in the box after the window is up (read-only and saying so until
then), shown and saved intact, and a lock before it is shown loses nothing. A box holding an
unbroken run of characters wraps anywhere (Qt's word-boundary search along such a line is
quadratic); ordinary text keeps wrapping at words.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QTextOption
from PySide6.QtWidgets import QPlainTextEdit
from pytestqt.qtbot import QtBot

from peerdesk.models import Draft, RecordKind
from peerdesk.models.draft import CAPTURE_SLOT, capture_payload
from peerdesk.ui.common.long_text import PIECE, READING, UNBROKEN_RUN, LongTextEdit
from peerdesk.ui.common.session import VaultSession
from peerdesk.ui.journal.editor.fields import text_edit
from peerdesk.ui.shell.home import HomeScreen

LONG = "x" * (PIECE + 50_000) + " the end"  # one line, no break for 250,000 characters
#: Many lines: put in the box a piece of whole lines per turn of the event loop.
LINES = "".join(f"Line {n}: what was said, and by whom.\n" for n in range(40_000))
WHEN = datetime(2026, 11, 20, 9, 40)


def keep_capture(session: VaultSession, text: str) -> None:
    session.repos.drafts.save(
        Draft(
            record_kind=RecordKind.INCIDENT,
            record_id=None,
            slot=CAPTURE_SLOT,
            payload=capture_payload(text, WHEN),
            saved_at=datetime.now(UTC),
        )
    )


def kept_capture(session: VaultSession) -> str | None:
    draft = session.repos.drafts.load(RecordKind.INCIDENT, None, CAPTURE_SLOT)
    return None if draft is None else str(draft.payload["narrative"])


def test_a_long_draft_is_shown_after_the_window_and_saved_intact(
    qtbot: QtBot, session: VaultSession
) -> None:
    keep_capture(session, LONG)
    home = HomeScreen(session, ["journal"])
    qtbot.addWidget(home)
    home.on_opened()
    assert home.capture.isReadOnly()  # not in the box yet: it says so
    assert home.capture.placeholderText() == READING
    qtbot.waitUntil(lambda: not home.capture.loading, timeout=60_000)
    assert not home.capture.isReadOnly()
    assert QPlainTextEdit.toPlainText(home.capture) == LONG  # in the box, whole
    assert home.capture.wraps_anywhere
    assert home.capture_when.dateTime().toPython() == WHEN
    home.capture.moveCursor(home.capture.textCursor().MoveOperation.End)
    qtbot.keyClicks(home.capture, "!")
    home.save_draft()
    assert kept_capture(session) == LONG + "!"


def test_locking_before_a_long_draft_is_shown_loses_nothing(
    qtbot: QtBot, session: VaultSession, vault_path: Path, passphrase: str
) -> None:
    keep_capture(session, LONG)
    home = HomeScreen(session, ["journal"])
    qtbot.addWidget(home)
    session.closing.connect(home.on_closing)
    home.on_opened()
    session.close()  # before the box was filled
    qtbot.wait(20)
    assert home.capture.toPlainText() == ""
    assert not home.capture.isReadOnly()
    session.open(vault_path, passphrase)
    assert kept_capture(session) == LONG


def test_a_pasted_unbroken_run_wraps_anywhere_and_is_kept_whole(qtbot: QtBot) -> None:
    edit = LongTextEdit()
    qtbot.addWidget(edit)
    edit.setPlainText("Ordinary words wrap at word boundaries.")
    assert edit.wordWrapMode() == QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere
    pasted = QMimeData()
    pasted.setText("y" * (UNBROKEN_RUN * 10))
    edit.moveCursor(edit.textCursor().MoveOperation.End)
    edit.insertFromMimeData(pasted)
    assert edit.wordWrapMode() == QTextOption.WrapMode.WrapAnywhere
    assert edit.toPlainText() == "Ordinary words wrap at word boundaries." + "y" * UNBROKEN_RUN * 10
    edit.setPlainText("Short again.")  # replaced: word wrapping is back
    assert edit.wordWrapMode() == QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere


def test_entry_fields_take_a_long_narrative_whole(qtbot: QtBot) -> None:
    narrative = text_edit("What happened")
    qtbot.addWidget(narrative)
    narrative.setPlainText(LONG)
    assert narrative.wordWrapMode() == QTextOption.WrapMode.WrapAnywhere
    assert narrative.toPlainText() == LONG


def test_many_lines_go_in_piece_by_piece_and_come_out_whole(qtbot: QtBot) -> None:
    edit = LongTextEdit()
    qtbot.addWidget(edit)
    changes: list[int] = []
    edit.textChanged.connect(lambda: changes.append(1))
    with qtbot.waitSignal(edit.loaded, timeout=60_000):
        edit.show_text(LINES)
        assert edit.loading and edit.isReadOnly()
        assert edit.toPlainText() == LINES  # already whole for any reader (a save, a lock)
    assert not edit.loading and not edit.isReadOnly()
    assert edit.document().blockCount() > 1
    assert QPlainTextEdit.toPlainText(edit) == LINES  # what the box itself holds
    assert changes == []  # loading is not an edit: no autosave, no "unsaved changes"
    assert not edit.document().isUndoAvailable()


def test_the_entry_editor_opens_a_long_narrative_and_saves_it_intact(
    qtbot: QtBot, session: VaultSession
) -> None:
    from datetime import date

    from peerdesk.models import Incident
    from peerdesk.ui.journal.editor.dialog import IncidentEditor

    saved = session.repos.incidents.add(
        Incident(event_date=date(2026, 3, 2), title="Long", narrative=LINES)
    )
    assert saved.id is not None
    kept = session.repos.incidents.get(saved.id).narrative
    assert len(kept) > 1_000_000  # (as the vault keeps it: trailing space trimmed)
    editor = IncidentEditor(session, saved.id)
    qtbot.addWidget(editor)
    editor.show()
    narrative = editor.narrative
    assert isinstance(narrative, LongTextEdit)
    qtbot.waitUntil(lambda: not narrative.loading, timeout=60_000)
    assert QPlainTextEdit.toPlainText(narrative) == kept
    assert not editor.has_unsaved_changes  # showing it was not an edit
    assert session.repos.drafts.load(RecordKind.INCIDENT, saved.id) is None
    narrative.moveCursor(narrative.textCursor().MoveOperation.End)
    qtbot.keyClicks(narrative, "The end.")
    assert editor.save()
    assert session.repos.incidents.get(saved.id).narrative == kept + "The end."
