"""The Colleagues screen, driven as a peer supporter would, on real vaults.

Covers: each list model (qtmodeltester, row-by-row updates), adding a colleague and a
conversation, the real name hidden by default / on selection change / after a lock, drafts that
survive a lock, wording hints that never block saving, follow-ups (mark done, reschedule),
retention deletion that leaves nothing findable, statistics equal to counts computed here (and
free of names and note text), "What I hold" with its PDF, CSV/PDF exports, the resource editor,
and a lock that leaves no note text in any widget or model.
"""

from __future__ import annotations

import csv
import io
import re
import subprocess
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QSettings,
    Qt,
)
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QTabWidget,
    QTextEdit,
    QWidget,
)
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from peerdesk.demo import DemoSize, fill_demo_vault
from peerdesk.models import (
    Channel,
    Colleague,
    ColleagueStatus,
    Consent,
    Conversation,
    ConversationTheme,
    Draft,
    FollowUp,
    RecordKind,
    Referral,
    Resource,
    ResourceKind,
)
from peerdesk.storage.errors import RecordNotFound
from peerdesk.storage.repository import Change
from peerdesk.ui.common.chart import BarChart
from peerdesk.ui.common.item_models import ObjectRole
from peerdesk.ui.common.messages import Button, Messages
from peerdesk.ui.common.session import VaultSession
from peerdesk.ui.directory.editor import ResourceEditor
from peerdesk.ui.supporter.exports import ExportOptionsDialog
from peerdesk.ui.supporter.models import (
    ColleagueFilter,
    ColleagueListModel,
    ConversationListModel,
    ExpiredModel,
    FollowUpModel,
)
from peerdesk.ui.supporter.screen import ColleaguesScreen
from peerdesk.ui.supporter.widgets import sorting_proxy
from tests.ui.helpers import click

TODAY = date(2026, 11, 21)
REAL_NAME = "Zelda Quixotemarker"
AUTOSAVE_WAIT = 6000


# -- helpers ---------------------------------------------------------------------------------------


def today() -> date:
    return TODAY


def make_screen(qtbot: QtBot, session: VaultSession) -> ColleaguesScreen:
    screen = ColleaguesScreen(session, today=today)
    qtbot.addWidget(screen)
    screen.resize(1100, 800)
    session.closing.connect(screen.on_closing)
    screen.on_opened()
    screen.show()
    qtbot.waitExposed(screen)
    return screen


def reopen(
    session: VaultSession, screen: ColleaguesScreen, vault_path: Path, passphrase: str
) -> None:
    session.close()
    session.open(vault_path, passphrase)
    screen.on_opened()


def model_texts(model: QAbstractItemModel) -> list[str]:
    found = []
    try:
        columns = model.columnCount(QModelIndex())
    except TypeError:  # list models keep columnCount private
        columns = 1
    for row in range(model.rowCount()):
        for column in range(columns):
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = model.index(row, column).data(role)
                if value is not None:
                    found.append(str(value))
    return found


def all_texts(root: QWidget) -> str:
    """Every piece of text any widget under ``root`` shows or holds, and every view's model."""
    parts: list[str] = []
    for w in [root, *root.findChildren(QWidget)]:
        if isinstance(w, QLineEdit | QLabel | QAbstractButton):
            parts.append(w.text())
        elif isinstance(w, QPlainTextEdit | QTextEdit):
            parts.append(w.toPlainText())
        elif isinstance(w, QComboBox):
            parts += [w.itemText(i) for i in range(w.count())]
        elif isinstance(w, QListWidget):
            parts += [w.item(i).text() for i in range(w.count())]
        elif isinstance(w, QTabWidget):
            parts += [w.tabText(i) for i in range(w.count())]
        elif isinstance(w, BarChart):
            parts += [f"{label} {count}" for label, count in w.rows()]
            parts.append(w.toolTip())
        if isinstance(w, QAbstractItemView) and w.model() is not None:
            parts += model_texts(w.model())
        parts.append(w.toolTip())
        parts.append(w.accessibleDescription())
    return "\n".join(parts)


def select_row(view: QAbstractItemView, predicate) -> None:  # type: ignore[no-untyped-def]
    model = view.model()
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        if predicate(index.data(ObjectRole)):
            view.setCurrentIndex(index)
            return
    raise AssertionError("no such row")


def type_at_end(qtbot: QtBot, box: QPlainTextEdit, text: str) -> None:
    """Click into a filled box and type after what is there, as a person would."""
    box.setFocus()
    box.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(box, text)


def seed(session: VaultSession) -> dict[str, int]:
    """Two colleagues (one with a real name), conversations with follow-ups and referrals."""
    repos = session.repos
    eap = next(r for r in repos.resources.list() if r.kind is ResourceKind.EAP)
    heron = repos.colleagues.add(
        Colleague(
            pseudonym="Heron",
            real_name=REAL_NAME,
            consent=Consent(may_record="Dates and short notes", may_share="Nothing"),
            notes="Prefers mornings.",
        )
    )
    maple = repos.colleagues.add(Colleague(pseudonym="Maple", status=ColleagueStatus.ACTIVE))
    assert heron.id is not None and maple.id is not None and eap.id is not None
    first = repos.conversations.add(
        Conversation(
            colleague_id=heron.id,
            held_on=TODAY - timedelta(days=30),
            duration_minutes=30,
            channel=Channel.PHONE,
            themes={ConversationTheme.BULLYING},
            summary="Talked about the rota meeting.",
            actions_agreed="Keep a diary.",
            referrals=[Referral(resource_id=eap.id, kind=ResourceKind.EAP, note="gave number")],
            follow_up=FollowUp(due=TODAY - timedelta(days=3)),
            debrief="Felt fine.",
        )
    )
    second = repos.conversations.add(
        Conversation(
            colleague_id=heron.id,
            held_on=TODAY - timedelta(days=2),
            summary="Short check-in.",
            follow_up=FollowUp(due=TODAY + timedelta(days=5)),
        )
    )
    third = repos.conversations.add(
        Conversation(
            colleague_id=maple.id,
            held_on=TODAY - timedelta(days=10),
            summary="Workload talk.",
            themes={ConversationTheme.WORKLOAD},
            follow_up=FollowUp(due=TODAY + timedelta(days=1)),
        )
    )
    assert first.id and second.id and third.id
    return {
        "heron": heron.id,
        "maple": maple.id,
        "first": first.id,
        "second": second.id,
        "third": third.id,
        "eap": eap.id,
    }


# -- item models -----------------------------------------------------------------------------------


def test_each_list_model_passes_qtmodeltester(
    qtmodeltester: ModelTester, session: VaultSession
) -> None:
    ids = seed(session)
    old = session.repos.colleagues.add(Colleague(pseudonym="Old", retention_months=1))
    assert old.id is not None
    session.repos.conversations.add(
        Conversation(colleague_id=old.id, held_on=TODAY - timedelta(days=100))
    )
    colleagues = ColleagueListModel(session, today)
    colleagues.attach(session.repos.colleagues)
    assert colleagues.rowCount() == 3
    conversations = ConversationListModel(session)
    conversations.attach(session.repos.conversations)
    conversations.show_colleague(ids["heron"])
    assert conversations.rowCount() == 2
    follow_ups = FollowUpModel(session, today)
    follow_ups.attach(session.repos.conversations)
    assert follow_ups.rowCount() == 3
    expired = ExpiredModel(session, today)
    expired.attach(session.repos.colleagues)
    assert expired.rowCount() == 1
    for model in (colleagues, conversations, follow_ups, expired):
        qtmodeltester.check(model)
        model.clear()
        assert model.rowCount() == 0
        qtmodeltester.check(model)


def test_models_follow_changes_row_by_row(
    qtbot: QtBot, qtmodeltester: ModelTester, session: VaultSession
) -> None:
    """Each model is put under qtmodeltester before the changes that drive it (the tester
    stays attached and checks every insert, change and removal as it happens)."""
    ids = seed(session)
    repos = session.repos
    follow_ups = FollowUpModel(session, today)
    follow_ups.attach(repos.conversations)
    expired = ExpiredModel(session, today)
    expired.attach(repos.colleagues)
    conversations = ConversationListModel(session)
    conversations.attach(repos.conversations)
    conversations.show_colleague(ids["heron"])
    colleagues = ColleagueListModel(session, today)
    colleagues.attach(repos.colleagues)
    resets: list[str] = []
    for name, model in (
        ("follow", follow_ups),
        ("expired", expired),
        ("conversations", conversations),
        ("colleagues", colleagues),
    ):
        model.modelReset.connect(lambda name=name: resets.append(name))

    qtmodeltester.check(follow_ups)
    with qtbot.waitSignal(follow_ups.rowsRemoved):
        repos.conversations.mark_follow_up_done(ids["first"], TODAY)
    assert follow_ups.row_of(ids["first"]) is None and follow_ups.rowCount() == 2
    with qtbot.waitSignal(follow_ups.rowsInserted):
        repos.conversations.reschedule_follow_up(ids["first"], TODAY + timedelta(days=9))
    row = follow_ups.row_of(ids["first"])
    assert row is not None and follow_ups.index(row, 2).data() == "Due in 9 days"

    # A conversation for another colleague never appears in Heron's list.
    qtmodeltester.check(conversations)
    with qtbot.assertNotEmitted(conversations.rowsInserted):
        repos.conversations.add(Conversation(colleague_id=ids["maple"], held_on=TODAY))
    # Moving a conversation away removes its row.
    moved = repos.conversations.get(ids["second"])
    moved.colleague_id = ids["maple"]
    with qtbot.waitSignal(conversations.rowsRemoved):
        repos.conversations.update(moved)
    assert conversations.rowCount() == 1

    # The colleague list's "next follow-up" follows the conversations.
    qtmodeltester.check(colleagues)
    colleagues.follow_ups_changed()
    heron_row = colleagues.row_of(ids["heron"])
    assert heron_row is not None
    assert colleagues.index(heron_row, 3).data() == "30 Nov 2026"

    qtmodeltester.check(expired)
    old = repos.colleagues.add(Colleague(pseudonym="Old", retention_months=1))
    assert old.id is not None
    with qtbot.waitSignal(expired.rowsInserted):
        repos.conversations.add(
            Conversation(colleague_id=old.id, held_on=TODAY - timedelta(days=100))
        )
    assert expired.rowCount() == 1
    keep = repos.colleagues.get(old.id)
    keep.retention_months = 24
    with qtbot.waitSignal(expired.rowsRemoved):
        repos.colleagues.update(keep)  # no longer past retention
    assert expired.rowCount() == 0
    assert resets == []  # never a full reset for these changes


def test_colleague_filter_passes_qtmodeltester_while_rows_and_filters_change(
    qtbot: QtBot, qtmodeltester: ModelTester, session: VaultSession
) -> None:
    ids = seed(session)
    repos = session.repos
    colleagues = ColleagueListModel(session, today)
    colleagues.attach(repos.colleagues)
    proxy = ColleagueFilter()
    proxy.setSourceModel(colleagues)
    proxy.sort(0, Qt.SortOrder.AscendingOrder)
    qtmodeltester.check(proxy)  # attached before anything changes
    assert [proxy.index(r, 0).data() for r in range(proxy.rowCount())] == ["Heron", "Maple"]

    with qtbot.waitSignal(proxy.rowsInserted):
        kestrel = repos.colleagues.add(Colleague(pseudonym="Kestrel"))
    assert kestrel.id is not None
    assert [proxy.index(r, 0).data() for r in range(proxy.rowCount())] == [
        "Heron",
        "Kestrel",
        "Maple",
    ]
    closed = repos.colleagues.get(ids["maple"])
    closed.status = ColleagueStatus.CLOSED
    with qtbot.waitSignal(proxy.rowsRemoved):  # active only: a closed colleague leaves
        repos.colleagues.update(closed)
    proxy.set_status(None)
    assert proxy.rowCount() == 3
    proxy.set_search("kes", set())
    assert [proxy.index(r, 0).data() for r in range(proxy.rowCount())] == ["Kestrel"]
    proxy.set_search("rota", {ids["heron"]})  # a full-text match found by the screen
    assert [proxy.index(r, 0).data() for r in range(proxy.rowCount())] == ["Heron"]
    proxy.set_search("", set())
    with qtbot.waitSignal(proxy.rowsRemoved):
        repos.colleagues.delete_completely(kestrel.id)
    assert proxy.rowCount() == 2
    colleagues.clear()
    assert proxy.rowCount() == 0


def test_sorting_proxy_passes_qtmodeltester_while_rows_change(
    qtbot: QtBot, qtmodeltester: ModelTester, session: VaultSession
) -> None:
    ids = seed(session)
    repos = session.repos
    follow_ups = FollowUpModel(session, today)
    follow_ups.attach(repos.conversations)
    proxy = sorting_proxy()
    proxy.setSourceModel(follow_ups)
    proxy.sort(0, Qt.SortOrder.AscendingOrder)
    qtmodeltester.check(proxy)  # attached before anything changes

    def due_column() -> list[str]:
        return [proxy.index(r, 0).data() for r in range(proxy.rowCount())]

    assert due_column() == ["18 Nov 2026", "22 Nov 2026", "26 Nov 2026"]
    with qtbot.waitSignal(proxy.rowsRemoved):
        repos.conversations.mark_follow_up_done(ids["first"], TODAY)
    with qtbot.waitSignal(proxy.rowsInserted):
        repos.conversations.reschedule_follow_up(ids["first"], TODAY + timedelta(days=9))
    assert due_column() == ["22 Nov 2026", "26 Nov 2026", "30 Nov 2026"]
    with qtbot.waitSignal(proxy.dataChanged):
        repos.conversations.reschedule_follow_up(ids["third"], TODAY + timedelta(days=20))
    assert due_column() == ["26 Nov 2026", "30 Nov 2026", "11 Dec 2026"]
    follow_ups.clear()
    assert proxy.rowCount() == 0


# -- adding ----------------------------------------------------------------------------------------


def test_add_a_colleague_and_a_conversation_through_the_gui(
    qtbot: QtBot, session: VaultSession
) -> None:
    screen = make_screen(qtbot, session)
    repos = session.repos
    assert screen.detail_stack.currentIndex() == 0  # "choose a colleague" until one is chosen
    click(qtbot, screen.new_colleague_button)
    form = screen.form
    assert screen.detail_stack.currentIndex() == 1 and form.isEnabled()
    qtbot.keyClicks(form.pseudonym_edit, "Kestrel")
    qtbot.keyClicks(form.may_record_edit, "Dates only")
    qtbot.keyClicks(form.may_share_edit, "Nothing without asking")
    form.retention_spin.setValue(6)
    click(qtbot, form.save_button)
    stored = repos.colleagues.list()
    assert [c.pseudonym for c in stored] == ["Kestrel"]
    kestrel = stored[0]
    assert kestrel.consent.may_record == "Dates only" and kestrel.retention_months == 6
    assert kestrel.consent.recorded_on == TODAY  # "agreed on" defaults to today
    assert screen.colleague_table.currentIndex().data(ObjectRole).colleague.id == kestrel.id
    assert repos.drafts.list() == []

    screen.detail_tabs.setCurrentIndex(1)
    click(qtbot, screen.new_conversation_button)
    editor = screen.editor
    assert editor.isEnabled() and editor.conversation_id is None
    editor.held_on_edit.setDate(editor.held_on_edit.date().addDays(-1))
    editor.duration_spin.setValue(45)
    editor.channel_combo.setCurrentIndex(editor.channel_combo.findData("video_call"))
    click(qtbot, editor.theme_checks[ConversationTheme.CONFLICT])
    qtbot.keyClicks(editor.summary_edit, "Talked through a difficult meeting.")
    qtbot.keyClicks(editor.actions_edit, "Colleague will write it down.")
    union = next(r for r in repos.resources.list() if r.kind is ResourceKind.UNION)
    editor.resource_combo.setCurrentIndex(editor.resource_combo.findData(union.id))
    assert editor.referral_kind_combo.currentData() == "union"  # follows the resource
    qtbot.keyClicks(editor.referral_note_edit, "shared the rep's email")
    click(qtbot, editor.add_referral_button)
    click(qtbot, editor.follow_up_check)
    qtbot.keyClicks(editor.debrief_edit, "I am fine.")
    click(qtbot, editor.save_button)
    (saved,) = repos.conversations.list_for_colleague(kestrel.id or 0)
    assert saved.held_on == TODAY - timedelta(days=1)
    assert saved.duration_minutes == 45 and saved.channel is Channel.VIDEO_CALL
    assert saved.themes == {ConversationTheme.CONFLICT}
    assert saved.summary == "Talked through a difficult meeting."
    assert saved.referrals == [
        Referral(resource_id=union.id, kind=ResourceKind.UNION, note="shared the rep's email")
    ]
    assert saved.follow_up == FollowUp(due=TODAY + timedelta(days=14))
    assert saved.debrief == "I am fine."
    assert screen.conversation_model.rowCount() == 1
    assert editor.conversation_id == saved.id and not editor.dirty
    assert repos.drafts.list() == []
    # The list shows the new last contact and the follow-up.
    row = screen.colleague_model.row_of(kestrel.id or 0)
    assert row is not None
    assert screen.colleague_model.index(row, 2).data() == "20 Nov 2026"
    assert screen.colleague_model.index(row, 3).data() == "5 Dec 2026"


def test_validation_errors_are_shown_inline(qtbot: QtBot, session: VaultSession) -> None:
    screen = make_screen(qtbot, session)
    click(qtbot, screen.new_colleague_button)
    click(qtbot, screen.form.save_button)  # no pseudonym
    assert screen.form.error_label.isVisible()
    assert "Pseudonym" in screen.form.error_label.text()
    assert session.repos.colleagues.count() == 0
    assert Messages.shown == []


# -- the real name ---------------------------------------------------------------------------------


def test_real_name_hidden_by_default_on_selection_change_and_after_lock(
    qtbot: QtBot, session: VaultSession, vault_path: Path, passphrase: str
) -> None:
    ids = seed(session)
    screen = make_screen(qtbot, session)
    screen.select_colleague(ids["heron"])
    form = screen.form
    assert REAL_NAME not in all_texts(screen)  # hidden by default
    assert not form.real_name_edit.isVisible()
    assert form.real_name_state.text() == "Stored, hidden"
    screen.detail_tabs.setCurrentIndex(2)
    assert "stored — hidden" in screen.hold_view.toPlainText()
    assert REAL_NAME not in all_texts(screen)

    screen.detail_tabs.setCurrentIndex(0)
    click(qtbot, form.reveal_button)
    assert form.real_name_edit.isVisible() and form.real_name_edit.text() == REAL_NAME
    assert form.reveal_button.text() == "Hide real name"
    screen.detail_tabs.setCurrentIndex(2)
    assert REAL_NAME in screen.hold_view.toPlainText()  # shown while revealed

    screen.select_colleague(ids["maple"])  # another colleague: hidden again
    assert not form.real_name_revealed and REAL_NAME not in all_texts(screen)
    screen.select_colleague(ids["heron"])
    assert not form.real_name_revealed and REAL_NAME not in all_texts(screen)

    screen.detail_tabs.setCurrentIndex(0)
    click(qtbot, form.reveal_button)
    assert REAL_NAME in all_texts(screen)
    reopen(session, screen, vault_path, passphrase)  # lock and unlock
    assert not form.real_name_revealed
    assert REAL_NAME not in all_texts(screen)
    assert screen.form.colleague_id == ids["heron"]  # back where the supporter was
    assert form.real_name_state.text() == "Stored, hidden"


def test_real_name_typed_when_revealed_is_stored_apart_and_never_indexed(
    qtbot: QtBot, session: VaultSession
) -> None:
    ids = seed(session)
    screen = make_screen(qtbot, session)
    screen.select_colleague(ids["maple"])
    form = screen.form
    click(qtbot, form.reveal_button)
    qtbot.keyClicks(form.real_name_edit, "Quentin Realmarker")
    form.save_draft()  # the real name never goes into a draft
    draft = session.repos.drafts.load(RecordKind.COLLEAGUE, ids["maple"])
    assert draft is not None and "Realmarker" not in str(draft.payload)
    click(qtbot, form.save_button)
    assert session.repos.colleagues.real_name(ids["maple"]) == "Quentin Realmarker"
    assert not form.real_name_revealed and "Realmarker" not in all_texts(screen)
    assert session.repos.search.search("Realmarker") == []
    assert session.repos.drafts.list() == []
    # Revealed and emptied: the real name is removed.
    click(qtbot, form.reveal_button)
    form.real_name_edit.clear()
    click(qtbot, form.save_button)
    assert session.repos.colleagues.real_name(ids["maple"]) == ""
    assert form.real_name_state.text() == "None stored"


# -- drafts ----------------------------------------------------------------------------------------


def test_new_conversation_draft_survives_a_lock(
    qtbot: QtBot,
    session: VaultSession,
    vault_path: Path,
    passphrase: str,
) -> None:
    ids = seed(session)
    screen = make_screen(qtbot, session)
    screen.select_colleague(ids["maple"])
    click(qtbot, screen.new_conversation_button)
    editor = screen.editor
    qtbot.keyClicks(editor.summary_edit, "Half-written note about the rota")
    click(qtbot, editor.theme_checks[ConversationTheme.WORK])
    qtbot.waitUntil(
        lambda: session.repos.drafts.load(RecordKind.CONVERSATION, None) is not None,
        timeout=AUTOSAVE_WAIT,
    )  # autosaved without any action
    type_at_end(qtbot, editor.summary_edit, " and the shifts")  # typed just before the lock
    reopen(session, screen, vault_path, passphrase)
    assert screen.form.colleague_id == ids["maple"]
    assert screen.editor.isEnabled() and screen.editor.conversation_id is None
    assert editor.summary_edit.toPlainText() == "Half-written note about the rota and the shifts"
    assert editor.theme_checks[ConversationTheme.WORK].isChecked()
    assert editor.draft_banner.isVisible()
    assert "Restored your unsaved changes" in editor.draft_banner.label.text()
    click(qtbot, editor.save_button)
    assert session.repos.drafts.list() == []
    assert any(
        c.summary.endswith("and the shifts")
        for c in session.repos.conversations.list_for_colleague(ids["maple"])
    )


def test_edits_to_an_existing_conversation_are_kept_when_switching_and_can_be_discarded(
    qtbot: QtBot, session: VaultSession
) -> None:
    ids = seed(session)
    screen = make_screen(qtbot, session)
    assert screen.open_conversation(ids["third"])
    editor = screen.editor
    type_at_end(qtbot, editor.summary_edit, " Extra detail.")
    screen.select_colleague(ids["heron"])  # switching keeps the edit as a draft
    assert session.repos.drafts.load(RecordKind.CONVERSATION, ids["third"]) is not None
    assert session.repos.conversations.get(ids["third"]).summary == "Workload talk."
    assert screen.open_conversation(ids["third"])
    assert editor.summary_edit.toPlainText() == "Workload talk. Extra detail."
    assert editor.draft_banner.isVisible()
    click(qtbot, editor.draft_banner.discard_button)
    assert editor.summary_edit.toPlainText() == "Workload talk."
    assert not editor.draft_banner.isVisible()
    assert session.repos.drafts.list() == []


def test_colleague_details_draft_survives_a_lock(
    qtbot: QtBot,
    session: VaultSession,
    vault_path: Path,
    passphrase: str,
) -> None:
    ids = seed(session)
    screen = make_screen(qtbot, session)
    screen.select_colleague(ids["heron"])
    type_at_end(qtbot, screen.form.notes_edit, " Likes an agenda.")
    reopen(session, screen, vault_path, passphrase)
    assert screen.form.notes_edit.toPlainText() == "Prefers mornings. Likes an agenda."
    assert screen.form.draft_banner.isVisible()
    click(qtbot, screen.form.save_button)
    assert session.repos.colleagues.get(ids["heron"]).notes == (
        "Prefers mornings. Likes an agenda."
    )


def test_only_one_unsaved_new_conversation_is_kept(qtbot: QtBot, session: VaultSession) -> None:
    ids = seed(session)
    screen = make_screen(qtbot, session)
    screen.select_colleague(ids["maple"])
    click(qtbot, screen.new_conversation_button)
    qtbot.keyClicks(screen.editor.summary_edit, "Unsaved for Maple")
    screen.select_colleague(ids["heron"])  # kept as the new-conversation draft
    Messages.set_next_answer(Button.No)  # "open the unsaved one instead"
    click(qtbot, screen.new_conversation_button)
    assert "another colleague" in Messages.shown[-1].text and "Maple" not in Messages.shown[-1].text
    assert screen.form.colleague_id == ids["maple"]
    assert screen.editor.summary_edit.toPlainText() == "Unsaved for Maple"
    screen.select_colleague(ids["heron"])
    Messages.set_next_answer(Button.Yes)  # discard it and start a new one
    click(qtbot, screen.new_conversation_button)
    assert screen.editor.colleague_id == ids["heron"]
    assert screen.editor.summary_edit.toPlainText() == ""
    assert session.repos.drafts.load(RecordKind.CONVERSATION, None) is None


def test_new_colleague_draft_survives_a_lock(
    qtbot: QtBot,
    session: VaultSession,
    vault_path: Path,
    passphrase: str,
) -> None:
    screen = make_screen(qtbot, session)
    click(qtbot, screen.new_colleague_button)
    qtbot.keyClicks(screen.form.pseudonym_edit, "Juniper")
    click(qtbot, screen.form.reveal_button)
    qtbot.keyClicks(screen.form.real_name_edit, "Never In A Draft")
    reopen(session, screen, vault_path, passphrase)
    draft = session.repos.drafts.load(RecordKind.COLLEAGUE, None)
    assert draft is not None and "Never In A Draft" not in str(draft.payload)
    assert screen.form.isEnabled() and screen.form.colleague_id is None
    assert screen.form.pseudonym_edit.text() == "Juniper"
    assert screen.form.draft_banner.isVisible() and not screen.form.real_name_revealed
    session.close()
    session.open(vault_path, passphrase)  # a fresh start (no position to resume)
    fresh = make_screen(qtbot, session)
    assert fresh.form.pseudonym_edit.text() == "Juniper"
    click(qtbot, fresh.form.save_button)
    assert [c.pseudonym for c in session.repos.colleagues.list()] == ["Juniper"]
    assert session.repos.drafts.list() == []


# -- wording check ---------------------------------------------------------------------------------


def test_wording_hints_appear_and_never_block_saving(qtbot: QtBot, session: VaultSession) -> None:
    ids = seed(session)
    screen = make_screen(qtbot, session)
    assert screen.open_conversation(ids["third"])
    editor = screen.editor
    assert not editor.summary_hints.isVisible()
    editor.summary_edit.clear()
    qtbot.keyClicks(editor.summary_edit, "He said the manager is a narcissist; she is lazy.")
    qtbot.waitUntil(editor.summary_hints.isVisible, timeout=3000)
    text = editor.summary_hints.text()
    assert "narcissist" in text and "lazy" in text
    assert "Describe the behaviour" in text
    assert [h.kind for h in editor.summary_hints.hints] == ["judgemental", "judgemental"]
    qtbot.keyClicks(editor.debrief_edit, "Felt depressed afterwards")
    qtbot.waitUntil(editor.debrief_hints.isVisible, timeout=3000)
    assert "feeling low" in editor.debrief_hints.text()
    click(qtbot, editor.save_button)  # saved anyway
    assert session.repos.conversations.get(ids["third"]).summary.endswith("she is lazy.")
    assert not editor.error_label.isVisible() and Messages.shown == []

    # Misses: no hint for ordinary words, and the hint goes when the word goes.
    editor.summary_edit.clear()
    qtbot.keyClicks(editor.summary_edit, "Saw the therapist; talked to the psychologist.")
    qtbot.waitUntil(lambda: not editor.summary_hints.isVisible(), timeout=3000)
    assert editor.summary_hints.hints == []

    screen.select_colleague(ids["heron"])
    screen.detail_tabs.setCurrentIndex(0)
    type_at_end(qtbot, screen.form.notes_edit, " Goes to the mosque on Fridays.")
    qtbot.waitUntil(screen.form.notes_hints.isVisible, timeout=3000)
    assert "Religion or belief is sensitive" in screen.form.notes_hints.text()
    click(qtbot, screen.form.save_button)
    assert "mosque" in session.repos.colleagues.get(ids["heron"]).notes


# -- follow-ups ------------------------------------------------------------------------------------


def test_follow_ups_mark_done_and_reschedule(qtbot: QtBot, session: VaultSession) -> None:
    ids = seed(session)
    screen = make_screen(qtbot, session)
    screen.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: screen.tabs.tabText(1) == "Follow-ups (1 overdue)", timeout=1000)
    rows = [
        screen.follow_proxy.index(r, 0).data(ObjectRole)
        for r in range(screen.follow_proxy.rowCount())
    ]
    assert [f.conversation_id for f in rows] == [ids["first"], ids["third"], ids["second"]]
    statuses = [screen.follow_proxy.index(r, 2).data() for r in range(3)]
    assert statuses == ["Overdue by 3 days", "Due tomorrow", "Due in 5 days"]
    assert screen.follow_proxy.index(0, 0).data(Qt.ItemDataRole.FontRole).bold()
    assert not screen.mark_done_button.isEnabled()  # nothing chosen yet

    select_row(screen.follow_table, lambda f: f.conversation_id == ids["first"])
    click(qtbot, screen.mark_done_button)
    follow = session.repos.conversations.get(ids["first"]).follow_up
    assert follow is not None and follow.done and follow.done_on == TODAY
    assert screen.follow_model.row_of(ids["first"]) is None
    qtbot.waitUntil(lambda: screen.tabs.tabText(1) == "Follow-ups (2)", timeout=1000)

    select_row(screen.follow_table, lambda f: f.conversation_id == ids["third"])
    screen.reschedule_edit.setDate(screen.reschedule_edit.date().addDays(20))  # TODAY + 27
    click(qtbot, screen.reschedule_button)
    follow = session.repos.conversations.get(ids["third"]).follow_up
    assert follow is not None and follow.due == TODAY + timedelta(days=27) and not follow.done
    row = screen.follow_model.row_of(ids["third"])
    assert row is not None and screen.follow_model.index(row, 2).data() == "Due in 27 days"
    maple_row = screen.colleague_model.row_of(ids["maple"])
    assert maple_row is not None
    assert screen.colleague_model.index(maple_row, 3).data() == "18 Dec 2026"

    select_row(screen.follow_table, lambda f: f.conversation_id == ids["second"])
    click(qtbot, screen.open_follow_button)
    assert screen.tabs.currentIndex() == 0 and screen.detail_tabs.currentIndex() == 1
    assert screen.editor.conversation_id == ids["second"]


def test_marking_done_elsewhere_updates_the_open_editor(
    qtbot: QtBot, session: VaultSession
) -> None:
    ids = seed(session)
    screen = make_screen(qtbot, session)
    assert screen.open_conversation(ids["first"])
    assert not screen.editor.follow_up_done.isChecked()
    type_at_end(qtbot, screen.editor.actions_edit, " And call the EAP.")  # unsaved edit
    session.repos.conversations.mark_follow_up_done(ids["first"], TODAY)
    assert screen.editor.follow_up_done.isChecked()
    assert screen.editor.actions_edit.toPlainText().endswith("call the EAP.")
    click(qtbot, screen.editor.save_button)
    stored = session.repos.conversations.get(ids["first"])
    assert stored.follow_up is not None and stored.follow_up.done_on == TODAY


# -- retention -------------------------------------------------------------------------------------


def test_retention_deletion_leaves_nothing_findable(qtbot: QtBot, session: VaultSession) -> None:
    ids = seed(session)
    repos = session.repos
    marker = "Vortexmarker"
    gone = repos.colleagues.add(
        Colleague(
            pseudonym=f"Wren {marker}",
            real_name=f"Real {marker}",
            retention_months=1,
            consent=Consent(may_record=f"notes {marker}"),
            notes=f"notes {marker}",
        )
    )
    assert gone.id is not None
    conversation = repos.conversations.add(
        Conversation(
            colleague_id=gone.id,
            held_on=TODAY - timedelta(days=90),
            summary=f"summary {marker}",
            actions_agreed=f"actions {marker}",
            debrief=f"debrief {marker}",
            referrals=[Referral(kind=ResourceKind.HELPLINE, note=f"note {marker}")],
            follow_up=FollowUp(due=TODAY - timedelta(days=60)),
        )
    )
    assert conversation.id is not None
    repos.drafts.save(
        Draft(
            record_kind=RecordKind.CONVERSATION,
            record_id=conversation.id,
            payload={"summary": f"draft {marker}"},
        )
    )
    assert len(repos.search.search(marker)) >= 2  # findable before

    screen = make_screen(qtbot, session)
    # An unsaved new conversation about them (kept as a draft with no record id yet).
    assert screen.select_colleague(gone.id)
    click(qtbot, screen.new_conversation_button)
    qtbot.keyClicks(screen.editor.summary_edit, f"unsaved {marker}")
    screen.editor.save_draft()
    assert repos.drafts.load(RecordKind.CONVERSATION, None) is not None

    screen.tabs.setCurrentIndex(2)
    qtbot.waitUntil(lambda: screen.tabs.tabText(2) == "Past retention (1)", timeout=1000)
    (expired,) = [
        screen.expired_proxy.index(r, 0).data(ObjectRole)
        for r in range(screen.expired_proxy.rowCount())
    ]
    assert expired.id == gone.id
    assert screen.expired_proxy.index(0, 2).data() == "23 Sep 2026"  # with the date
    select_row(screen.expired_table, lambda e: e.id == gone.id)
    assert screen.delete_expired_button.text() == f"Delete everything about Wren {marker}…"

    Messages.set_next_answer(Button.No)  # the supporter changes their mind
    click(qtbot, screen.delete_expired_button)
    assert repos.colleagues.get(gone.id).pseudonym.endswith(marker)
    assert Messages.shown[-1].title == "Delete everything about this colleague?"
    assert marker not in Messages.shown[-1].text  # messages carry no content

    Messages.set_next_answer(Button.Yes)
    click(qtbot, screen.delete_expired_button)
    assert screen.expired_model.rowCount() == 0
    qtbot.waitUntil(lambda: screen.tabs.tabText(2) == "Past retention", timeout=1000)

    # Nothing findable by search or any repository query.
    assert repos.search.search(marker) == []
    for word in ("summary", "actions", "debrief", "notes", "Wren", "Real"):
        assert all(
            hit.record_id not in (gone.id, conversation.id) for hit in repos.search.search(word)
        )
    assert repos.search.record_ids(marker, RecordKind.COLLEAGUE) == []
    assert repos.search.record_ids(marker, RecordKind.CONVERSATION) == []
    with pytest.raises(RecordNotFound):
        repos.colleagues.get(gone.id)
    with pytest.raises(RecordNotFound):
        repos.colleagues.what_i_hold(gone.id)
    with pytest.raises(RecordNotFound):
        repos.conversations.get(conversation.id)
    assert repos.colleagues.real_name(gone.id) == ""
    assert not repos.colleagues.has_real_name(gone.id)
    assert all(marker not in c.pseudonym for c in repos.colleagues.list())
    assert repos.colleagues.count() == 2
    assert repos.colleagues.expired(TODAY) == []
    assert repos.conversations.list_for_colleague(gone.id) == []
    assert repos.conversations.count(gone.id) == 0
    assert all(
        f.colleague_id != gone.id
        for f in repos.conversations.follow_ups(include_done=True, today=TODAY)
    )
    assert repos.drafts.list() == []  # including the unsaved new conversation about them
    stats = repos.conversations.statistics(TODAY - timedelta(days=365), TODAY)
    assert stats.conversations == 3 and stats.colleagues == 2
    assert stats.per_referral_kind[ResourceKind.HELPLINE] == 0
    assert marker not in all_texts(screen)
    # The other colleagues are untouched.
    assert repos.colleagues.get(ids["heron"]).pseudonym == "Heron"
    assert repos.conversations.count(ids["heron"]) == 2


def test_delete_from_the_details_and_keep_longer(qtbot: QtBot, session: VaultSession) -> None:
    ids = seed(session)
    screen = make_screen(qtbot, session)
    screen.select_colleague(ids["maple"])
    Messages.set_next_answer(Button.Yes)
    click(qtbot, screen.form.delete_button)
    with pytest.raises(RecordNotFound):
        session.repos.colleagues.get(ids["maple"])
    assert not screen.form.isEnabled() and screen.detail_stack.currentIndex() == 0
    assert screen.follow_model.row_of(ids["third"]) is None

    old = session.repos.colleagues.add(Colleague(pseudonym="Old", retention_months=1))
    assert old.id is not None
    session.repos.conversations.add(
        Conversation(colleague_id=old.id, held_on=TODAY - timedelta(days=100))
    )
    screen.tabs.setCurrentIndex(2)
    select_row(screen.expired_table, lambda e: e.id == old.id)
    click(qtbot, screen.open_expired_button)
    assert screen.tabs.currentIndex() == 0 and screen.form.colleague_id == old.id
    screen.form.retention_spin.setValue(12)
    click(qtbot, screen.form.save_button)
    assert screen.expired_model.rowCount() == 0


# -- what I hold -----------------------------------------------------------------------------------


def pdftotext(path: Path, password: str | None = None) -> str:
    extra = ["-upw", password] if password else []
    return subprocess.run(
        ["pdftotext", "-layout", *extra, str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout


def finish_export(qtbot: QtBot, screen: ColleaguesScreen, path: Path) -> None:
    qtbot.waitUntil(
        lambda: screen.file_dialog is not None and screen.file_dialog.isVisible(), timeout=3000
    )
    dialog = screen.file_dialog
    assert dialog is not None
    assert dialog.testOption(dialog.Option.DontUseNativeDialog)
    Messages.set_next_answer(Button.Ok)  # the message after saving
    with qtbot.waitSignal(screen.export_finished, timeout=30000) as finished:
        dialog.selectFile(str(path))
        dialog.accept()
    assert finished.args == [True]
    assert path.is_file()
    # Qt's file dialog remembers no folder (SECURITY.md 21).
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    settings = QSettings(QSettings.Scope.UserScope, "QtProject")
    settings.sync()
    remembered = repr({k: settings.value(k) for k in settings.allKeys()})
    assert str(path.parent) not in remembered


def test_what_i_hold_view_and_pdf(qtbot: QtBot, session: VaultSession, tmp_path: Path) -> None:
    ids = seed(session)
    screen = make_screen(qtbot, session)
    screen.select_colleague(ids["heron"])
    click(qtbot, screen.form.hold_button)
    assert screen.detail_tabs.currentIndex() == 2
    view = screen.hold_view.toPlainText()
    for expected in (
        "Heron",
        "Dates and short notes",
        "Prefers mornings.",
        "Talked about the rota meeting.",
        "Keep a diary.",
        "gave number",
        "Short check-in.",
        "Felt fine.",
    ):
        assert expected in view, expected
    assert "Conversations (2)" in view

    click(qtbot, screen.hold_pdf_button)
    qtbot.waitUntil(
        lambda: screen.export_dialog is not None and screen.export_dialog.isVisible(), timeout=3000
    )
    options = screen.export_dialog
    assert options is not None and options.debrief_check.isVisible()
    assert not options.debrief_check.isChecked()  # the debrief is left out by default
    click(qtbot, options.ok_button)
    out = tmp_path / "hold.pdf"
    finish_export(qtbot, screen, out)
    shown = Messages.shown[-1]
    assert shown.kind == "warning" and "not protected" in shown.text  # plain PDF: said so
    text = re.sub(r"\s+", " ", pdftotext(out))
    assert "Heron" in text and REAL_NAME in text  # the real name is the colleague's own
    assert "Talked about the rota meeting." in text and "Felt fine." not in text
    assert screen.last_export == out


def test_protected_pdf_with_debrief(qtbot: QtBot, session: VaultSession, tmp_path: Path) -> None:
    ids = seed(session)
    screen = make_screen(qtbot, session)
    screen.select_colleague(ids["heron"])
    screen.detail_tabs.setCurrentIndex(2)
    click(qtbot, screen.hold_pdf_button)
    options = screen.export_dialog
    assert options is not None
    click(qtbot, options.debrief_check)
    click(qtbot, options.protect_check)
    assert not options.ok_button.isEnabled()  # no password yet
    qtbot.keyClicks(options.password_edit, "tea at four by the river")
    qtbot.keyClicks(options.confirm_edit, "tea at four by the rive")
    assert not options.ok_button.isEnabled() and "not the same" in options.warning.text()
    qtbot.keyClicks(options.confirm_edit, "r")
    assert options.ok_button.isEnabled()
    click(qtbot, options.ok_button)
    assert options.password_edit.text() == ""  # not kept in the dialog
    out = tmp_path / "hold-protected.pdf"
    finish_export(qtbot, screen, out)
    assert Messages.shown[-1].title == "PDF saved"
    assert b"Heron" not in out.read_bytes()
    shown = subprocess.run(
        ["qpdf", "--show-encryption", "--password=tea at four by the river", str(out)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "AESv3" in shown
    assert "Felt fine." in pdftotext(out, "tea at four by the river")


def test_export_options_check_the_password(qtbot: QtBot) -> None:
    dialog = ExportOptionsDialog("Export", offer_debrief=False)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.ok_button.isEnabled() and "not protected" in dialog.warning.text()
    assert dialog.options().password is None and not dialog.debrief_check.isVisible()
    click(qtbot, dialog.protect_check)
    for typed, problem in (
        ("", "Type a password"),
        ("é" * 70, "127 bytes"),
        ("7", "This password is too easy to guess: it is shorter than 8"),
    ):
        dialog.password_edit.setText(typed)
        dialog.confirm_edit.setText(typed)
        assert not dialog.ok_button.isEnabled() and problem in dialog.warning.text()
    dialog.password_edit.setText("Zoë 👋 rides the night ferry")
    dialog.confirm_edit.setText("Zoë 👋 rides the night ferry")
    assert dialog.ok_button.isEnabled() and "separately" in dialog.warning.text()
    assert dialog.options().password == "Zoë 👋 rides the night ferry"
    for field in (dialog.password_edit, dialog.confirm_edit):
        assert field.echoMode() == QLineEdit.EchoMode.Password
        assert field.inputMethodHints() & Qt.InputMethodHint.ImhSensitiveData
    dialog.password_edit.setText("tea at four")  # weak: asked about once, on OK
    dialog.confirm_edit.setText("tea at four")
    assert dialog.ok_button.isEnabled() and "password is weak" in dialog.warning.text()
    Messages.set_next_answer(Button.Cancel)  # "Choose another"
    click(qtbot, dialog.ok_button)
    assert dialog.isVisible() and Messages.shown[-1].title == "Weak password"
    Messages.set_next_answer(Button.Yes)  # "Use it anyway"
    click(qtbot, dialog.ok_button)
    assert not dialog.isVisible() and dialog.options().password == "tea at four"
    dialog.forget_password()
    assert dialog.password_edit.text() == dialog.confirm_edit.text() == ""


def test_export_can_be_cancelled(qtbot: QtBot, session: VaultSession) -> None:
    ids = seed(session)
    screen = make_screen(qtbot, session)
    screen.select_colleague(ids["heron"])
    screen.detail_tabs.setCurrentIndex(2)
    click(qtbot, screen.hold_pdf_button)
    assert screen.export_dialog is not None
    screen.export_dialog.reject()
    assert screen.export_dialog is None and screen.file_dialog is None
    click(qtbot, screen.hold_pdf_button)  # can start again
    assert screen.export_dialog is not None
    click(qtbot, screen.export_dialog.ok_button)
    assert screen.file_dialog is not None
    screen.file_dialog.reject()
    assert screen.file_dialog is None


def test_copy_uses_the_secure_clipboard(qtbot: QtBot, session: VaultSession) -> None:
    ids = seed(session)
    screen = make_screen(qtbot, session)
    screen.select_colleague(ids["heron"])
    screen.detail_tabs.setCurrentIndex(2)
    click(qtbot, screen.hold_copy_button)
    assert screen.clipboard.holds_our_copy
    session.close()  # a lock clears our copy
    assert not screen.clipboard.holds_our_copy


# -- statistics ------------------------------------------------------------------------------------


def private_texts(session: VaultSession) -> set[str]:
    repos = session.repos
    words: set[str] = set()
    for k in repos.colleagues.list():
        assert k.id is not None
        held = repos.colleagues.what_i_hold(k.id)
        c = held.colleague
        words |= {c.pseudonym, c.real_name, c.notes, c.consent.may_record, c.consent.may_share}
        for conv in held.conversations:
            words |= {conv.summary, conv.actions_agreed, conv.debrief}
            words |= {r.note for r in conv.referrals}
    return {w for w in words if w.strip()}


def test_statistics_equal_counts_and_hold_no_names_or_text(
    qtbot: QtBot,
    session: VaultSession,
    tmp_path: Path,
) -> None:
    fill_demo_vault(
        session.repos.vault,
        DemoSize(
            incidents=0, people=0, colleagues=10, conversations=60, attachments=0, strategy_uses=0
        ),
        seed=11,
        anchor=TODAY,
    )
    screen = make_screen(qtbot, session)
    screen.tabs.setCurrentIndex(3)
    panel = screen.stats_panel
    start, end = date(2025, 12, 1), date(2026, 11, 30)
    panel.from_edit.setDate(panel.from_edit.date().fromString("2025-12-01", "yyyy-MM-dd"))
    panel.to_edit.setDate(panel.to_edit.date().fromString("2026-11-30", "yyyy-MM-dd"))
    assert panel.period() == (start, end)
    assert panel.preset_combo.currentText() == "Custom"

    repos = session.repos
    held = [
        c
        for k in repos.colleagues.list()
        for c in repos.conversations.list_for_colleague(k.id or 0)
    ]
    inside = [c for c in held if start <= c.held_on <= end]
    per_month = Counter(c.held_on.strftime("%Y-%m") for c in inside)
    per_theme = Counter(t for c in inside for t in c.themes)
    per_kind = Counter(r.kind for c in inside for r in c.referrals)
    due = [c.follow_up for c in held if c.follow_up and start <= c.follow_up.due <= end]
    on_time = sum(1 for f in due if f.done and f.done_on and f.done_on <= f.due)
    late = sum(1 for f in due if f.done and f.done_on and f.done_on > f.due)
    still_open = sum(1 for f in due if not f.done)
    months = [
        "Dec 2025",
        "Jan 2026",
        "Feb 2026",
        "Mar 2026",
        "Apr 2026",
        "May 2026",
        "Jun 2026",
        "Jul 2026",
        "Aug 2026",
        "Sep 2026",
        "Oct 2026",
        "Nov 2026",
    ]
    keys = ["2025-12", *[f"2026-{m:02d}" for m in range(1, 12)]]
    assert panel.months_chart.rows() == [
        (m, per_month.get(k, 0)) for m, k in zip(months, keys, strict=True)
    ]
    assert panel.themes_chart.rows() == [(t.label, per_theme.get(t, 0)) for t in ConversationTheme]
    assert panel.kinds_chart.rows() == [(k.label, per_kind.get(k, 0)) for k in ResourceKind]
    assert panel.follow_chart.rows() == [
        ("Done on time", on_time),
        ("Done later", late),
        ("Done, no date", 0),
        ("Still open", still_open),
    ]
    summary = panel.summary.text()
    assert f"<b>{len(inside)} conversations</b>" in summary
    assert f"<b>{len({c.colleague_id for c in inside})} colleagues</b>" in summary
    assert f"{on_time} of {len(due)}" in summary
    stats_text = all_texts(panel)
    for private in private_texts(session):
        assert not re.search(r"(?<!\w)" + re.escape(private) + r"(?!\w)", stats_text), private

    # A new conversation shows up at once.
    first = repos.colleagues.list()[0]
    assert first.id is not None
    repos.conversations.add(
        Conversation(
            colleague_id=first.id, held_on=date(2026, 1, 15), themes={ConversationTheme.OTHER}
        )
    )
    assert panel.months_chart.rows()[1] == ("Jan 2026", per_month.get("2026-01", 0) + 1)

    # CSV through the GUI: by default counts of 1 and 2 are hidden ("<3").
    assert panel.hide_small_check.isChecked()
    click(qtbot, panel.export_csv_button)
    hidden_out = tmp_path / "stats-hidden.csv"
    finish_export(qtbot, screen, hidden_out)
    shown_rows = list(csv.reader(io.StringIO(hidden_out.read_text("utf-8"))))[1:]
    exact = {("month", k): v for k, v in per_month.items()}
    exact |= {("theme", t.value): per_theme.get(t, 0) for t in ConversationTheme}
    exact[("month", "2026-01")] = per_month.get("2026-01", 0) + 1  # the one just added
    exact[("theme", "other")] += 1
    for section, key, _label, value in shown_rows:
        if (section, key) in exact:
            assert value in ("<3", str(exact[(section, key)]))
            assert value == "<3" or not 0 < exact[(section, key)] < 3
    assert any(value == "<3" for *_rest, value in shown_rows)

    # Unticked: counts only, equal to the view.
    click(qtbot, panel.hide_small_check)
    click(qtbot, panel.export_csv_button)
    out = tmp_path / "stats.csv"
    finish_export(qtbot, screen, out)
    assert Messages.shown[-1].title == "CSV saved"
    rows = list(csv.reader(io.StringIO(out.read_text("utf-8"))))
    assert rows[0] == ["section", "key", "label", "value"]
    values = {(r[0], r[1]): r[3] for r in rows[1:]}
    assert values[("total", "conversations")] == str(len(inside) + 1)
    assert values[("month", "2026-01")] == str(per_month.get("2026-01", 0) + 1)
    raw = out.read_text("utf-8")
    for private in private_texts(session):
        assert not re.search(r"(?<!\w)" + re.escape(private) + r"(?!\w)", raw), private

    # PDF through the GUI, on US Letter.
    click(qtbot, panel.export_pdf_button)
    options = screen.export_dialog
    assert options is not None and not options.debrief_check.isVisible()
    options.paper_combo.setCurrentIndex(options.paper_combo.findData("letter"))
    click(qtbot, options.ok_button)
    pdf = tmp_path / "stats.pdf"
    finish_export(qtbot, screen, pdf)
    text = pdftotext(pdf)
    assert "Peer support programme statistics" in text and "Page 1 of 1" in text
    assert re.search(rf"January 2026\s+{per_month.get('2026-01', 0) + 1}\b", text)
    for private in private_texts(session):
        assert not re.search(r"(?<!\w)" + re.escape(private) + r"(?!\w)", text), private


def test_statistics_period_presets_and_a_backwards_period(
    qtbot: QtBot, session: VaultSession
) -> None:
    screen = make_screen(qtbot, session)
    panel = screen.stats_panel
    assert panel.period() == (date(2025, 12, 1), TODAY)  # last 12 months
    panel.preset_combo.setCurrentIndex(panel.PRESETS.index("Last year"))
    assert panel.period() == (date(2025, 1, 1), date(2025, 12, 31))
    panel.preset_combo.setCurrentIndex(panel.PRESETS.index("This year"))
    assert panel.period() == (date(2026, 1, 1), TODAY)
    panel.to_edit.setDate(panel.from_edit.date().addDays(-1))
    assert "before its start" in panel.summary.text()
    assert not panel.export_pdf_button.isEnabled() and panel.months_chart.rows() == []


# -- search, filters, resources --------------------------------------------------------------------


def visible_pseudonyms(screen: ColleaguesScreen) -> list[str]:
    proxy = screen.colleague_proxy
    return sorted(proxy.index(r, 0).data() for r in range(proxy.rowCount()))


def test_status_filter_and_search(qtbot: QtBot, session: VaultSession) -> None:
    ids = seed(session)
    closed = session.repos.colleagues.add(
        Colleague(pseudonym="Cedar", status=ColleagueStatus.CLOSED)
    )
    screen = make_screen(qtbot, session)
    assert visible_pseudonyms(screen) == ["Heron", "Maple"]  # active by default
    assert screen.colleague_table.isColumnHidden(1)  # the status column only with "All"
    screen.status_combo.setCurrentIndex(screen.status_combo.findText("Closed"))
    assert visible_pseudonyms(screen) == ["Cedar"]
    screen.status_combo.setCurrentIndex(screen.status_combo.findText("All"))
    assert visible_pseudonyms(screen) == ["Cedar", "Heron", "Maple"]
    assert not screen.colleague_table.isColumnHidden(1)
    qtbot.keyClicks(screen.search_edit, "her")  # the pseudonym
    assert visible_pseudonyms(screen) == ["Heron"]
    screen.search_edit.clear()
    qtbot.keyClicks(screen.search_edit, "workload")  # words in a conversation
    assert visible_pseudonyms(screen) == ["Maple"]
    screen.search_edit.clear()
    qtbot.keyClicks(screen.search_edit, "mornings")  # the colleague's notes
    assert visible_pseudonyms(screen) == ["Heron"]
    for nasty in ('"', "AND (", "*", "NEAR(", 'x" OR "'):
        screen.search_edit.setText(nasty)  # data, never search syntax
    screen.search_edit.clear()
    assert len(visible_pseudonyms(screen)) == 3
    assert screen.select_colleague(closed.id or 0)
    assert screen.select_colleague(ids["heron"])


def test_add_a_resource_from_the_conversation_editor(qtbot: QtBot, session: VaultSession) -> None:
    ids = seed(session)
    screen = make_screen(qtbot, session)
    assert screen.open_conversation(ids["third"])
    click(qtbot, screen.editor.add_resource_button)
    dialog = screen.resource_dialog
    assert isinstance(dialog, ResourceEditor) and dialog.isVisible()
    assert not dialog.delete_button.isVisible()  # nothing to delete yet
    click(qtbot, dialog.save_button)  # no name: stays open with a message
    assert dialog.isVisible() and "required" in dialog.error_label.text().lower()
    qtbot.keyClicks(dialog.name_edit, "Northwind staff counselling <24h>")
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("external"))
    qtbot.keyClicks(dialog.contact_edit, "0800 111 222")
    qtbot.keyClicks(dialog.country_edit, "gb")
    click(qtbot, dialog.save_button)
    assert screen.resource_dialog is None
    added = [r for r in session.repos.resources.list() if r.name.startswith("Northwind")]
    assert len(added) == 1 and added[0].country == "GB" and not added[0].builtin
    editor = screen.editor
    assert editor.resource_combo.currentData() == added[0].id  # chosen for the referral
    assert editor.referral_kind_combo.currentData() == "external"
    click(qtbot, editor.add_referral_button)
    click(qtbot, editor.save_button)
    referrals = session.repos.conversations.get(ids["third"]).referrals
    assert referrals == [Referral(resource_id=added[0].id, kind=ResourceKind.EXTERNAL)]


def test_resource_editor_edits_builtins_and_deletes_own(
    qtbot: QtBot, session: VaultSession
) -> None:
    repos = session.repos.resources
    builtin = next(r for r in repos.list() if r.builtin)
    dialog = ResourceEditor(repos, builtin)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.builtin_note.isVisible() and not dialog.delete_button.isVisible()
    dialog.contact_edit.setPlainText("Our own number 01234")
    with qtbot.waitSignal(dialog.saved):
        click(qtbot, dialog.save_button)
    assert repos.get(builtin.id or 0).contact == "Our own number 01234"
    assert repos.is_user_edited(builtin.id or 0)

    own = repos.add(Resource(name="My contact", kind=ResourceKind.OTHER))
    dialog = ResourceEditor(repos, own)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.delete_button.isVisible()
    Messages.set_next_answer(Button.No)
    click(qtbot, dialog.delete_button)
    assert repos.get(own.id or 0).name == "My contact"
    Messages.set_next_answer(Button.Yes)
    with qtbot.waitSignal(dialog.deleted):
        click(qtbot, dialog.delete_button)
    with pytest.raises(RecordNotFound):
        repos.get(own.id or 0)
    dialog = ResourceEditor(repos)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.name_edit, "Bad country")
    dialog.country_edit.setText("G")
    click(qtbot, dialog.save_button)
    assert "two-letter" in dialog.error_label.text()


def test_delete_a_conversation(qtbot: QtBot, session: VaultSession) -> None:
    ids = seed(session)
    screen = make_screen(qtbot, session)
    assert screen.open_conversation(ids["second"])
    Messages.set_next_answer(Button.Yes)
    click(qtbot, screen.editor.delete_button)
    with pytest.raises(RecordNotFound):
        session.repos.conversations.get(ids["second"])
    assert screen.conversation_model.rowCount() == 1
    assert not screen.editor.isEnabled() and screen.editor_stack.currentIndex() == 0


# -- lock ------------------------------------------------------------------------------------------


def test_after_a_lock_no_note_text_is_reachable(qtbot: QtBot, session: VaultSession) -> None:
    ids = seed(session)
    screen = make_screen(qtbot, session)
    screen.select_colleague(ids["heron"])
    click(qtbot, screen.form.reveal_button)
    screen.detail_tabs.setCurrentIndex(2)
    assert screen.open_conversation(ids["first"])
    qtbot.keyClicks(screen.search_edit, "Heron")
    screen.detail_tabs.setCurrentIndex(2)
    click(qtbot, screen.hold_pdf_button)  # a dialog open at lock time
    assert screen.export_dialog is not None
    qtbot.keyClicks(screen.export_dialog.password_edit, "secret")
    dialog = screen.export_dialog
    before = all_texts(screen)
    for text in ("Heron", "Talked about the rota meeting.", "Prefers mornings.", REAL_NAME):
        assert text in before
    session.close()
    after = all_texts(screen)
    for text in (
        "Heron",
        "Maple",
        "rota meeting",
        "Prefers mornings",
        REAL_NAME,
        "Felt fine",
        "Keep a diary",
        "Dates and short notes",
        "Short check-in",
        "Workload talk",
    ):
        assert text not in after, text
    assert not dialog.isVisible() and dialog.password_edit.text() == ""
    assert screen.export_dialog is None and screen.held is None and screen.stats is None
    for model in (
        screen.colleague_model,
        screen.conversation_model,
        screen.follow_model,
        screen.expired_model,
    ):
        assert model.rowCount() == 0
    assert screen.colleague_proxy.rowCount() == 0
    assert screen.editor.resource_combo.count() == 0
    # Changes after the lock are not heard (nothing subscribed).
    assert screen.colleague_model.index(0, 0).data() is None
    assert isinstance(Change("changed", (1,)), Change)
    assert QModelIndex().isValid() is False
