"""Home lists what needs attention: follow-ups, retention reviews, unsaved drafts."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from peerdesk.models import Colleague, Conversation, Draft, FollowUp, RecordKind
from peerdesk.models.draft import CAPTURE_SLOT
from peerdesk.ui.screens.home import HomeScreen
from peerdesk.ui.session import VaultSession

TODAY = date(2026, 11, 21)


def texts(home: HomeScreen) -> list[str]:
    return [home.attention.item(i).text() for i in range(home.attention.count())]


def test_empty_vault_says_nothing_needs_attention(qtbot, session: VaultSession) -> None:  # type: ignore[no-untyped-def]
    home = HomeScreen(session, ["journal", "supporter"], today=lambda: TODAY)
    qtbot.addWidget(home)
    home.on_opened()
    assert texts(home) == ["Nothing needs your attention right now."]


def test_follow_ups_retention_and_drafts(qtbot, session: VaultSession) -> None:  # type: ignore[no-untyped-def]
    repos = session.repos
    home = HomeScreen(session, ["journal", "supporter"], today=lambda: TODAY)
    qtbot.addWidget(home)
    home.on_opened()
    heron = repos.colleagues.add(Colleague(pseudonym="Heron"))
    assert heron.id is not None
    repos.conversations.add(Conversation(colleague_id=heron.id, held_on=TODAY - timedelta(20),
                                         follow_up=FollowUp(due=TODAY - timedelta(2))))
    repos.conversations.add(Conversation(colleague_id=heron.id, held_on=TODAY - timedelta(3),
                                         follow_up=FollowUp(due=TODAY + timedelta(60))))
    old = repos.colleagues.add(Colleague(pseudonym="Maple", retention_months=1))
    assert old.id is not None
    repos.conversations.add(Conversation(colleague_id=old.id, held_on=TODAY - timedelta(90)))
    repos.drafts.save(Draft(record_kind=RecordKind.INCIDENT, record_id=None,
                            payload={"title": "half written"}, saved_at=datetime.now(UTC)))
    shown = texts(home)  # refreshed by change notifications, not by hand
    assert any("Follow up with Heron — overdue since 19 Nov 2026" in t for t in shown)
    assert not any("due 20 Jan" in t for t in shown)  # too far ahead
    assert any("Maple" in t and "retention" in t for t in shown)
    assert any("An incident you started" in t for t in shown)
    assert shown[0].startswith("⚠")  # urgent first
    with qtbot.waitSignal(home.navigate) as signal:
        home.attention.itemActivated.emit(home.attention.item(0))
    assert signal.args == ["colleagues"]


def test_sections_hide_what_does_not_apply(qtbot, session: VaultSession) -> None:  # type: ignore[no-untyped-def]
    repos = session.repos
    heron = repos.colleagues.add(Colleague(pseudonym="Heron"))
    assert heron.id is not None
    repos.conversations.add(Conversation(colleague_id=heron.id, held_on=TODAY,
                                         follow_up=FollowUp(due=TODAY)))
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


def test_quick_capture_is_kept_as_a_draft_across_a_lock(qtbot, session: VaultSession,  # type: ignore[no-untyped-def]
                                                        vault_path, passphrase) -> None:
    home = HomeScreen(session, ["journal"], today=lambda: TODAY)
    qtbot.addWidget(home)
    home.on_opened()
    qtbot.keyClicks(home.capture, "He shouted at me in the corridor")
    qtbot.waitUntil(lambda: session.repos.drafts.load(RecordKind.INCIDENT, None, CAPTURE_SLOT)
                    is not None, timeout=5000)  # autosaved without any action
    qtbot.keyClicks(home.capture, " at 9:40")  # typed just before the vault closes
    session.closing.connect(home.on_closing)
    session.close()
    assert home.capture.toPlainText() == ""  # nothing left on screen
    session.open(vault_path, passphrase)
    home.on_opened()
    assert home.capture.toPlainText() == "He shouted at me in the corridor at 9:40"
    # The capture is in the box; it is not listed a second time as an unsaved entry.
    assert not any("An incident you started" in t for t in texts(home))
