"""Home lists what needs attention: follow-ups, retention reviews, unsaved drafts."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from peerdesk.models import Colleague, Conversation, Draft, FollowUp, RecordKind
from peerdesk.models.draft import CAPTURE_SLOT
from peerdesk.ui.common.session import VaultSession
from peerdesk.ui.shell import home as home_module
from peerdesk.ui.shell.home import DRAFT_ROLE, HomeScreen

TODAY = date(2026, 11, 21)


def texts(home: HomeScreen) -> list[str]:
    return [home.attention.item(i).text() for i in range(home.attention.count())]


def test_empty_vault_says_nothing_needs_attention(qtbot: QtBot, session: VaultSession) -> None:
    home = HomeScreen(session, ["journal", "supporter"], today=lambda: TODAY)
    qtbot.addWidget(home)
    home.on_opened()
    assert texts(home) == ["Nothing needs your attention right now."]


def test_follow_ups_retention_and_drafts(qtbot: QtBot, session: VaultSession) -> None:
    repos = session.repos
    home = HomeScreen(session, ["journal", "supporter"], today=lambda: TODAY)
    qtbot.addWidget(home)
    home.on_opened()
    heron = repos.colleagues.add(Colleague(pseudonym="Heron"))
    assert heron.id is not None
    repos.conversations.add(
        Conversation(
            colleague_id=heron.id,
            held_on=TODAY - timedelta(20),
            follow_up=FollowUp(due=TODAY - timedelta(2)),
        )
    )
    repos.conversations.add(
        Conversation(
            colleague_id=heron.id,
            held_on=TODAY - timedelta(3),
            follow_up=FollowUp(due=TODAY + timedelta(60)),
        )
    )
    old = repos.colleagues.add(Colleague(pseudonym="Maple", retention_months=1))
    assert old.id is not None
    repos.conversations.add(Conversation(colleague_id=old.id, held_on=TODAY - timedelta(90)))
    repos.drafts.save(
        Draft(
            record_kind=RecordKind.INCIDENT,
            record_id=None,
            payload={"title": "half written"},
            saved_at=datetime.now(UTC),
        )
    )
    shown = texts(home)  # refreshed by change notifications, not by hand
    assert any("Follow up with Heron — overdue since 19 Nov 2026" in t for t in shown)
    assert not any("due 20 Jan" in t for t in shown)  # too far ahead
    assert any("Maple" in t and "retention" in t for t in shown)
    assert any("An incident you started" in t for t in shown)
    assert shown[0].startswith("⚠")  # urgent first
    first, last = home.attention.item(0), home.attention.item(home.attention.count() - 1)
    spoken = Qt.ItemDataRole.AccessibleTextRole
    assert first.data(spoken) == "Urgent: " + first.text().removeprefix("⚠ ")  # in words
    assert last.data(spoken) == last.text().removeprefix("• ")
    with qtbot.waitSignal(home.navigate) as signal:
        home.attention.itemActivated.emit(home.attention.item(0))
    assert signal.args == ["colleagues"]


def test_sections_hide_what_does_not_apply(qtbot: QtBot, session: VaultSession) -> None:
    repos = session.repos
    heron = repos.colleagues.add(Colleague(pseudonym="Heron"))
    assert heron.id is not None
    repos.conversations.add(
        Conversation(colleague_id=heron.id, held_on=TODAY, follow_up=FollowUp(due=TODAY))
    )
    home = HomeScreen(session, ["journal"], today=lambda: TODAY)
    qtbot.addWidget(home)
    home.on_opened()
    assert not any("Heron" in t for t in texts(home))
    assert home.record_button.isVisibleTo(home)
    home.set_sections(["supporter"])
    assert any("Heron" in t for t in texts(home))
    assert not home.record_button.isVisibleTo(home)
    home.on_closing()
    assert home.attention.count() == 0


def test_quick_capture_is_kept_as_a_draft_across_a_lock(
    qtbot,
    session: VaultSession,  # type: ignore[no-untyped-def]
    vault_path,
    passphrase,
) -> None:
    home = HomeScreen(session, ["journal"], today=lambda: TODAY)
    qtbot.addWidget(home)
    home.on_opened()
    qtbot.keyClicks(home.capture, "He shouted at me in the corridor")
    qtbot.waitUntil(
        lambda: session.repos.drafts.load(RecordKind.INCIDENT, None, CAPTURE_SLOT) is not None,
        timeout=5000,
    )  # autosaved without any action
    qtbot.keyClicks(home.capture, " at 9:40")  # typed just before the vault closes
    when = QDateTime(QDate(2026, 11, 21), QTime(9, 40))
    home.capture_when.setDateTime(when)
    session.closing.connect(home.on_closing)
    session.close()
    assert home.capture.toPlainText() == ""  # nothing left on screen
    session.open(vault_path, passphrase)
    home.on_opened()
    assert home.capture.toPlainText() == "He shouted at me in the corridor at 9:40"
    assert home.capture_when.dateTime() == when
    # The capture is in the box; it is not listed a second time as an unsaved entry.
    assert not any("An incident you started" in t for t in texts(home))


# -- one draft per editor; quick capture that hands over (issue 19 item 5) ------------------------


def _window(qtbot, session: VaultSession):  # type: ignore[no-untyped-def]
    from peerdesk.ui.shell.main_window import MainWindow

    window = MainWindow(session, ["journal"])
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def _editors(window) -> list:  # type: ignore[no-untyped-def]
    from peerdesk.ui.journal.editor.dialog import IncidentEditor

    return [e for e in window.findChildren(IncidentEditor) if e.isVisible()]


def _unsaved_items(home: HomeScreen) -> list:
    return [
        home.attention.item(i)
        for i in range(home.attention.count())
        if "is not saved yet" in home.attention.item(i).text()
    ]


def _lock_and_unlock(qtbot, session: VaultSession, vault_path, passphrase) -> None:  # type: ignore[no-untyped-def]
    from peerdesk.ui.shell.clearing import close_dialogs

    session.close()  # every editor and Home keep what was typed first
    close_dialogs()
    session.open(vault_path, passphrase)


def test_a_new_entry_and_quick_capture_both_survive_a_lock(  # type: ignore[no-untyped-def]
    qtbot, session: VaultSession, vault_path, passphrase
) -> None:
    """Before: both were kept as the one draft (incident, no id); one erased the other."""
    window = _window(qtbot, session)
    journal = window.screens["journal"]
    qtbot.mouseClick(journal.new_button, Qt.MouseButton.LeftButton)
    [editor] = _editors(window)
    editor.narrative.setFocus()
    qtbot.keyClicks(editor.narrative, "Typed in the new entry")
    home = window.home
    window.show_section("home")
    home.capture.setFocus()
    qtbot.keyClicks(home.capture, "Typed on Home")
    _lock_and_unlock(qtbot, session, vault_path, passphrase)

    assert home.capture.toPlainText() == "Typed on Home"
    [item] = _unsaved_items(home)
    home.attention.itemActivated.emit(item)  # opens THAT draft in the editor
    [reopened] = _editors(window)
    assert reopened.narrative.toPlainText() == "Typed in the new entry"


def test_clearing_the_home_box_keeps_a_new_entry_draft_and_its_evidence(
    qtbot: QtBot, session: VaultSession, tmp_path: Path
) -> None:
    """Before: clearing Home's box deleted the (shared) draft and orphaned the entry's file."""
    from tests.ui.journal.test_incident_editor import drop_files

    evidence = tmp_path / "rota.txt"
    evidence.write_bytes(b"the rota as it was on Monday\n")
    window = _window(qtbot, session)
    home = window.home
    home.capture.setFocus()
    qtbot.keyClicks(home.capture, "Quick note")
    home.save_draft()
    window.open_incident(None)
    [editor] = _editors(window)
    editor.narrative.setFocus()
    qtbot.keyClicks(editor.narrative, "The full story")
    drop_files(qtbot, editor.attachment_list, [evidence])
    qtbot.waitUntil(lambda: editor.attachment_list.count() == 1)
    editor.save_draft()  # autosaved

    home.capture.setFocus()
    qtbot.keyClick(home.capture, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(home.capture, Qt.Key.Key_Delete)
    home.save_draft()  # the autosave of an empty box
    # A crash now: what is in the vault is all there is.
    drafts, attachments = session.repos.drafts, session.repos.attachments
    kept = drafts.load(RecordKind.INCIDENT, None, editor.draft_slot)
    assert kept is not None and kept.payload["narrative"] == "The full story"
    assert [a.original_name for a in attachments.list_for_draft(editor.draft_slot)] == ["rota.txt"]
    assert attachments.list_orphans() == []
    assert drafts.load(RecordKind.INCIDENT, None, CAPTURE_SLOT) is None


def test_evidence_added_to_an_unsaved_entry_belongs_to_its_draft_at_once(
    qtbot: QtBot, session: VaultSession, tmp_path: Path
) -> None:
    """Before: the file was committed at once but the draft naming it only at the next
    autosave, so a crash in between left a file no screen listed."""
    from tests.ui.journal.test_incident_editor import drop_files

    evidence = tmp_path / "photo.txt"
    evidence.write_bytes(b"evidence\n")
    window = _window(qtbot, session)
    window.open_incident(None)
    [editor] = _editors(window)
    drop_files(qtbot, editor.attachment_list, [evidence])
    qtbot.waitUntil(lambda: editor.attachment_list.count() == 1)
    # No autosave, no lock: a crash now.
    draft = session.repos.drafts.load(RecordKind.INCIDENT, None, editor.draft_slot)
    assert draft is not None
    assert [
        a.original_name for a in session.repos.attachments.list_for_draft(editor.draft_slot)
    ] == ["photo.txt"]
    assert session.repos.attachments.list_orphans() == []


def test_quick_capture_hands_over_its_text_and_time_and_leaves_no_ghost(  # type: ignore[no-untyped-def]
    qtbot, session: VaultSession, vault_path, passphrase
) -> None:
    window = _window(qtbot, session)
    home = window.home
    home.capture.setFocus()
    qtbot.keyClicks(home.capture, "He shouted at me in the corridor")
    home.capture_when.setFocus()
    home.capture_when.setDateTime(QDateTime(QDate(2026, 11, 20), QTime(9, 40)))
    assert home.capture_when.accessibleName() == "When it happened"
    qtbot.mouseClick(home.record_button, Qt.MouseButton.LeftButton)
    [editor] = _editors(window)
    assert editor.narrative.toPlainText() == "He shouted at me in the corridor"
    assert editor.event_date.date() == QDate(2026, 11, 20)
    assert editor.time_known.isChecked() and editor.event_time.time() == QTime(9, 40)
    editor.title.setFocus()
    qtbot.keyClicks(editor.title, "Shouted at in the corridor")
    with qtbot.waitSignal(editor.saved):
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)

    assert home.capture.toPlainText() == ""  # the box is cleared …
    assert session.repos.drafts.list() == []  # … and its draft deleted
    assert _unsaved_items(home) == []
    _lock_and_unlock(qtbot, session, vault_path, passphrase)
    assert home.capture.toPlainText() == ""  # no ghost after the next lock
    assert _unsaved_items(home) == []
    window.open_incident(None)  # New entry opens empty, not with the saved text
    assert all(e.narrative.toPlainText() == "" for e in _editors(window))


def test_text_typed_on_home_after_the_hand_over_is_kept(
    qtbot: QtBot, session: VaultSession
) -> None:
    window = _window(qtbot, session)
    home = window.home
    home.capture.setFocus()
    qtbot.keyClicks(home.capture, "First thing")
    qtbot.mouseClick(home.record_button, Qt.MouseButton.LeftButton)
    [editor] = _editors(window)
    home.capture.setFocus()
    qtbot.keyClicks(home.capture, " and a second thing")
    home.save_draft()
    editor.title.setFocus()
    qtbot.keyClicks(editor.title, "First")
    with qtbot.waitSignal(editor.saved):
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert home.capture.toPlainText() == "First thing and a second thing"
    kept = session.repos.drafts.load(RecordKind.INCIDENT, None, CAPTURE_SLOT)
    assert kept is not None and kept.payload["narrative"] == "First thing and a second thing"


def test_each_unsaved_new_entry_is_listed_and_opens_its_own_draft(
    qtbot: QtBot, session: VaultSession
) -> None:
    window = _window(qtbot, session)
    for text in ("First unsaved entry", "Second unsaved entry"):
        editor = window.open_incident(None)
        assert editor is not None
        editor.narrative.setFocus()
        qtbot.keyClicks(editor.narrative, text)
        editor.reject()  # Close: kept as a draft
    home = window.home
    assert len(_unsaved_items(home)) == 2
    opened: dict[str, str] = {}
    for _ in range(2):
        item = next(i for i in _unsaved_items(home) if i.data(DRAFT_ROLE)[1] not in opened)
        slot = item.data(DRAFT_ROLE)[1]
        with qtbot.assertNotEmitted(home.navigate):
            home.attention.itemActivated.emit(item)
        [editor] = _editors(window)
        assert editor.draft_slot == slot
        opened[slot] = editor.narrative.toPlainText()
        editor.reject()
    assert sorted(opened.values()) == ["First unsaved entry", "Second unsaved entry"]
    # Activating an item whose editor is open brings that editor forward: never two on one.
    home.attention.itemActivated.emit(_unsaved_items(home)[0])
    home.attention.itemActivated.emit(_unsaved_items(home)[0])
    assert len(_editors(window)) == 1


def test_an_entry_from_quick_capture_closed_and_reopened_from_home_still_clears_it(  # type: ignore[no-untyped-def]
    qtbot, session: VaultSession, vault_path, passphrase
) -> None:
    window = _window(qtbot, session)
    home = window.home
    home.capture.setFocus()
    qtbot.keyClicks(home.capture, "Written on the train")
    qtbot.mouseClick(home.record_button, Qt.MouseButton.LeftButton)
    [editor] = _editors(window)
    editor.reject()  # closed unsaved: kept as its own draft
    _lock_and_unlock(qtbot, session, vault_path, passphrase)
    [item] = _unsaved_items(home)
    home.attention.itemActivated.emit(item)
    [editor] = _editors(window)
    assert editor.narrative.toPlainText() == "Written on the train"
    editor.title.setFocus()
    qtbot.keyClicks(editor.title, "On the train")
    with qtbot.waitSignal(editor.saved):
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert home.capture.toPlainText() == ""
    assert session.repos.drafts.list() == [] and _unsaved_items(home) == []


def test_an_unsaved_entry_can_be_discarded_with_its_files(
    qtbot: QtBot, session: VaultSession, tmp_path: Path
) -> None:
    """Before: there was no way to remove a draft (the duplicate a saved capture left)."""
    from peerdesk.ui.common.messages import Button, Messages
    from tests.ui.journal.test_incident_editor import drop_files

    evidence = tmp_path / "draft-file.txt"
    evidence.write_bytes(b"only in a draft\n")
    window = _window(qtbot, session)
    editor = window.open_incident(None)
    assert editor is not None
    editor.narrative.setFocus()
    qtbot.keyClicks(editor.narrative, "Made by mistake")
    drop_files(qtbot, editor.attachment_list, [evidence])
    qtbot.waitUntil(lambda: editor.attachment_list.count() == 1)
    editor.reject()
    [item] = _unsaved_items(window.home)
    window.home.attention.itemActivated.emit(item)
    [editor] = _editors(window)
    Messages.set_next_answer(Button.Cancel)
    qtbot.mouseClick(editor.discard_button, Qt.MouseButton.LeftButton)
    assert editor.isVisible() and len(session.repos.drafts.list()) == 1
    Messages.set_next_answer(Button.Yes)
    qtbot.mouseClick(editor.discard_button, Qt.MouseButton.LeftButton)
    assert Messages.shown[-1].title == "Discard unsaved"
    assert _editors(window) == []
    assert session.repos.drafts.list() == [] and _unsaved_items(window.home) == []
    assert session.repos.attachments.list_unattached() == []  # the file went with its draft


def test_attention_list_model_passes_the_model_tester(
    qtbot: QtBot, qtmodeltester: ModelTester, session: VaultSession
) -> None:
    home = HomeScreen(session, ["journal", "supporter"], today=lambda: TODAY)
    qtbot.addWidget(home)
    model = home.attention.model()
    qtmodeltester.check(model)  # attached before the rows change, and checked again after
    home.on_opened()
    session.repos.drafts.save(
        Draft(
            record_kind=RecordKind.INCIDENT,
            record_id=None,
            payload={"title": "half written"},
            saved_at=datetime.now(UTC),
        )
    )
    assert any("An incident you started" in t for t in texts(home))
    qtmodeltester.check(model)
    home.on_closing()
    assert model.rowCount() == 0


def test_a_long_list_shows_the_most_urgent_and_counts_the_rest(
    qtbot: QtBot, session: VaultSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(home_module, "HOME_MOST", 3)
    repos = session.repos
    heron = repos.colleagues.add(Colleague(pseudonym="Heron"))
    assert heron.id is not None
    for n in range(5):
        repos.conversations.add(
            Conversation(
                colleague_id=heron.id,
                held_on=TODAY - timedelta(30),
                follow_up=FollowUp(due=TODAY - timedelta(n + 1)),
            )
        )
    repos.drafts.save(
        Draft(
            record_kind=RecordKind.INCIDENT,
            record_id=None,
            payload={"title": "half written"},
            saved_at=datetime.now(UTC),
        )
    )
    home = HomeScreen(session, ["journal", "supporter"], today=lambda: TODAY)
    qtbot.addWidget(home)
    home.on_opened()
    shown = texts(home)
    everything = home.items()
    assert len(everything) == 6
    assert shown[:3] == ["⚠ " + a.text for a in everything[:3]]  # the same words, in order
    assert any("An incident you started" in t for t in shown)  # unsaved work always shows
    assert shown[-1] == "And 2 more in Colleagues — open it to see them all"
    assert len(shown) == 5
    with qtbot.waitSignal(home.navigate) as signal:
        home.attention.itemActivated.emit(home.attention.item(len(shown) - 1))
    assert signal.args == ["colleagues"]


@pytest.mark.parametrize("overdue", [0, 2, 4, 9])
def test_home_reads_few_follow_ups_yet_lists_what_the_whole_list_would(
    qtbot: QtBot, session: VaultSession, monkeypatch: pytest.MonkeyPatch, overdue: int
) -> None:
    """Home reads only the most urgent follow-ups (issue 18); what it shows is the head of the
    whole ranked list (overdue, then retention reviews, then upcoming), drafts always, and a
    count of the rest."""
    monkeypatch.setattr(home_module, "HOME_MOST", 5)
    repos = session.repos
    heron = repos.colleagues.add(Colleague(pseudonym="Heron"))
    assert heron.id is not None
    for n in range(9):
        due = TODAY - timedelta(n + 1) if n < overdue else TODAY + timedelta(n % 4)
        repos.conversations.add(
            Conversation(
                colleague_id=heron.id, held_on=TODAY - timedelta(3), follow_up=FollowUp(due=due)
            )
        )
    for name in ("Maple", "Rowan"):
        old = repos.colleagues.add(Colleague(pseudonym=name, retention_months=1))
        assert old.id is not None
        repos.conversations.add(Conversation(colleague_id=old.id, held_on=TODAY - timedelta(90)))
    repos.drafts.save(
        Draft(
            record_kind=RecordKind.INCIDENT,
            record_id=None,
            payload={"title": "half written"},
            saved_at=datetime.now(UTC),
        )
    )
    read: list[int] = []
    real = repos.conversations.follow_ups

    def spy(*args: Any, **kwargs: Any) -> Any:
        found = real(*args, **kwargs)
        read.append(len(found))
        return found

    monkeypatch.setattr(repos.conversations, "follow_ups", spy)
    home = HomeScreen(session, ["journal", "supporter"], today=lambda: TODAY)
    qtbot.addWidget(home)
    home.on_opened()
    assert read and max(read) <= 5  # never the whole list to show five lines
    everything = home.items()
    assert len(everything) == 9 + 2 + 1
    expected = [("⚠ " if a.urgent else "• ") + a.text for a in everything[:5]]
    expected += ["• " + a.text for a in everything[5:] if a.draft]
    expected.append("And 6 more in Colleagues — open it to see them all")
    assert texts(home) == expected
