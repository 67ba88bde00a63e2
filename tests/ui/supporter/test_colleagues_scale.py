"""The Colleagues screen's lists at scale (issue 18), checked as behaviour on real vaults.

- The lists sort their own rows (``SortedRecordModel`` behind a ``PresortedProxy``): for every
  column and order, and through any sequence of changes, their order equals Qt's own
  ``QSortFilterProxyModel`` sorting the same model (the plain path), and no change resets them.
- Saving one colleague or conversation changes rows (insert / move / dataChanged): the lists
  keep their selection and scroll position and never reset.
- The statistics are read when their tab is shown, not at every change while it is hidden.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QAbstractItemModel, QSortFilterProxyModel, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from peerdesk.demo import DemoSize, fill_demo_vault
from peerdesk.models import Colleague, Conversation, FollowUp
from peerdesk.ui.common.item_models import IdRole, SortRole
from peerdesk.ui.common.session import VaultSession
from peerdesk.ui.supporter.models import (
    ColleagueFilter,
    ColleagueListModel,
    ConversationListModel,
    FollowUpModel,
)
from peerdesk.ui.supporter.screen import FOLLOW_UPS_TAB, ColleaguesScreen
from peerdesk.ui.supporter.sorted_models import SortedRecordModel
from peerdesk.ui.supporter.widgets import sorting_proxy

TODAY = date(2026, 11, 21)
ORDERS = (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder)


def today() -> date:
    return TODAY


def fill(session: VaultSession, conversations: int = 120) -> None:
    fill_demo_vault(
        session.repos.vault,
        DemoSize(
            incidents=0,
            people=0,
            colleagues=8,
            conversations=conversations,
            attachments=0,
            strategy_uses=0,
        ),
        seed=3,
        anchor=TODAY,
    )


def keys(proxy: QAbstractItemModel, column: int) -> list[Any]:
    return [proxy.index(r, column).data(SortRole) for r in range(proxy.rowCount())]


def ids(proxy: QAbstractItemModel) -> Counter[int]:
    return Counter(proxy.index(r, 0).data(IdRole) for r in range(proxy.rowCount()))


def qt_sorted(model: SortedRecordModel[Any], column: int, order: Qt.SortOrder) -> Any:
    plain = QSortFilterProxyModel()
    plain.setSortRole(SortRole)
    plain.setSourceModel(model)
    plain.sort(column, order)
    return plain


def assert_same_order(ours: QAbstractItemModel, plain: QAbstractItemModel, column: int) -> None:
    assert keys(ours, column) == keys(plain, column)
    assert ids(ours) == ids(plain)


def test_each_list_sorts_like_qt_for_every_column_and_order(
    qtmodeltester: ModelTester, session: VaultSession
) -> None:
    fill(session)
    repos = session.repos
    follow_ups = FollowUpModel(session, today)
    follow_ups.attach(repos.conversations)
    colleagues = ColleagueListModel(session, today)
    colleagues.attach(repos.colleagues)
    busiest = Counter(f.colleague_id for f in follow_ups.items()).most_common(1)[0][0]
    conversations = ConversationListModel(session)
    conversations.attach(repos.conversations)
    conversations.show_colleague(busiest)
    assert follow_ups.rowCount() >= 15 and conversations.rowCount() > 5
    for model, ours in (
        (follow_ups, sorting_proxy()),
        (conversations, sorting_proxy()),
        (colleagues, ColleagueFilter()),
    ):
        ours.setSourceModel(model)
        if isinstance(ours, ColleagueFilter):
            ours.set_status(None)
        qtmodeltester.check(ours)
        for column in range(model.columnCount()):
            for order in ORDERS:
                ours.sort(column, order)
                assert_same_order(ours, qt_sorted(model, column, order), column)


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    column=st.integers(0, 3),
    order=st.sampled_from(ORDERS),
    steps=st.lists(
        st.tuples(st.sampled_from(["reschedule", "done", "add", "rename"]), st.integers(0, 10**6)),
        min_size=1,
        max_size=6,
    ),
)
def test_follow_ups_stay_in_qt_order_through_changes_without_a_reset(
    session: VaultSession,
    column: int,
    order: Qt.SortOrder,
    steps: list[tuple[str, int]],
) -> None:
    repos = session.repos
    if not repos.colleagues.count():
        fill(session, conversations=40)
    model = FollowUpModel(session, today)
    model.attach(repos.conversations)
    ours = sorting_proxy()
    ours.setSourceModel(model)
    ours.sort(column, order)
    plain = qt_sorted(model, column, order)
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    try:
        for action, n in steps:
            items = model.items()
            colleague_ids = [c.id for c in repos.colleagues.list() if c.id is not None]
            if action == "add" or not items:
                repos.conversations.add(
                    Conversation(
                        colleague_id=colleague_ids[n % len(colleague_ids)],
                        held_on=TODAY - timedelta(days=n % 40),
                        follow_up=FollowUp(due=TODAY + timedelta(days=n % 30 - 10)),
                    )
                )
            elif action == "reschedule":
                target = items[n % len(items)].conversation_id
                repos.conversations.reschedule_follow_up(target, TODAY + timedelta(n % 50 - 20))
            elif action == "done":
                repos.conversations.mark_follow_up_done(
                    items[n % len(items)].conversation_id, TODAY
                )
            else:
                colleague = repos.colleagues.get(items[n % len(items)].colleague_id)
                colleague.pseudonym = f"Renamed {n}"
                repos.colleagues.update(colleague)
                model.colleagues_changed([colleague.id or 0])
            assert_same_order(ours, plain, column)
            assert ids(ours) == Counter(
                f.conversation_id for f in repos.conversations.follow_ups(today=TODAY)
            )
    finally:
        model.clear()
    assert resets == [True]  # only the clear() at the end


def make_screen(qtbot: QtBot, session: VaultSession) -> ColleaguesScreen:
    screen = ColleaguesScreen(session, today=today)
    qtbot.addWidget(screen)
    screen.resize(1000, 700)
    session.closing.connect(screen.on_closing)
    screen.on_opened()
    screen.show()
    qtbot.waitExposed(screen)
    return screen


def test_saving_one_item_keeps_selection_and_scroll_and_never_resets(
    qtbot: QtBot, session: VaultSession
) -> None:
    fill(session, conversations=300)
    screen = make_screen(qtbot, session)
    repos = session.repos
    models = (
        screen.colleague_model,
        screen.conversation_model,
        screen.follow_model,
        screen.expired_model,
    )
    resets: list[str] = []
    for model in models:
        model.modelReset.connect(lambda m=model: resets.append(type(m).__name__))

    screen.tabs.setCurrentIndex(FOLLOW_UPS_TAB)
    table = screen.follow_table
    proxy = table.model()
    assert proxy.rowCount() > 40  # enough to scroll
    middle = proxy.index(proxy.rowCount() // 2, 0)
    table.setCurrentIndex(middle)
    table.scrollTo(middle)
    chosen = middle.data(IdRole)
    scroll = table.verticalScrollBar().value()
    assert scroll > 0

    # Another colleague renamed (saved): only their follow-up rows change.
    other = next(f.colleague_id for f in screen.follow_model.items() if f.conversation_id != chosen)
    colleague = repos.colleagues.get(other)
    colleague.pseudonym = "Willow renamed"
    with qtbot.waitSignal(screen.follow_model.dataChanged):
        repos.colleagues.update(colleague)
    # A new conversation with a follow-up, far in the future: a row is inserted.
    with qtbot.waitSignal(screen.follow_model.rowsInserted):
        repos.conversations.add(
            Conversation(
                colleague_id=other,
                held_on=TODAY,
                follow_up=FollowUp(due=TODAY + timedelta(days=300)),
            )
        )
    # A new colleague: a row in the colleague list.
    with qtbot.waitSignal(screen.colleague_model.rowsInserted):
        repos.colleagues.add(Colleague(pseudonym="Aspen"))

    assert resets == []
    assert table.currentIndex().data(IdRole) == chosen
    assert table.selectionModel().isRowSelected(table.currentIndex().row())
    assert table.verticalScrollBar().value() == scroll
    pseudonyms = {f.pseudonym for f in screen.follow_model.items() if f.colleague_id == other}
    assert pseudonyms == {"Willow renamed"}


def test_statistics_are_read_when_their_tab_is_shown(
    qtbot: QtBot, session: VaultSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill(session, conversations=30)
    conversations = session.repos.conversations
    real = conversations.statistics
    reads: list[tuple[date, date]] = []

    def counted(date_from: date, date_to: date) -> Any:
        reads.append((date_from, date_to))
        return real(date_from, date_to)

    monkeypatch.setattr(conversations, "statistics", counted)  # the real read, counted
    screen = make_screen(qtbot, session)
    colleague_id = screen.colleague_model.item(0).colleague.id
    assert colleague_id is not None
    conversations.add(Conversation(colleague_id=colleague_id, held_on=TODAY))
    assert reads == []  # hidden: nothing read at opening nor after the change
    screen.tabs.setCurrentIndex(3)
    assert len(reads) == 1
    start, end = screen.stats_panel.period()
    assert screen.stats is not None
    held = [
        c.held_on
        for k in session.repos.colleagues.list()
        for c in conversations.list_for_colleague(k.id or 0)
    ]
    assert screen.stats.conversations == sum(1 for d in held if d and start <= d <= end)
    conversations.add(Conversation(colleague_id=colleague_id, held_on=TODAY))
    assert len(reads) == 2  # shown: read at once
    assert screen.stats.conversations == real(start, end).conversations
