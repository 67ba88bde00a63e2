"""The walk's states for the journal area: an entry's read view, its history of changes,
withdrawing an entry, what "Verify history" found, adding or editing a person; and (held in
SECTION_STATES) the Journal, People and Patterns sections of the main window with a
filter, a search and an empty result."""

from __future__ import annotations

import dataclasses

from PySide6.QtWidgets import QWidget

from peerdesk.storage.incident_revisions import HistoryProblem
from peerdesk.ui.common.clipboard import SecureClipboard
from peerdesk.ui.common.language import select_row
from peerdesk.ui.journal.cast import CastScreen, PersonDialog
from peerdesk.ui.journal.history import HistoryDialog, WithdrawDialog
from peerdesk.ui.journal.history_check import HistoryCheckDialog
from peerdesk.ui.journal.patterns import PatternsScreen
from peerdesk.ui.journal.reading import EntryReadDialog
from peerdesk.ui.journal.screen import JournalScreen
from tests.ui.accessibility.walk import Context, WindowState


def _journal(ctx: Context) -> tuple[QWidget, JournalScreen]:
    window = ctx.main_window()
    window.show_section("journal")  # type: ignore[attr-defined]
    screen = window.screens["journal"]  # type: ignore[attr-defined]
    assert isinstance(screen, JournalScreen)
    ctx.qtbot.waitUntil(lambda: screen.model.rowCount() > 0, timeout=5000)
    return window, screen


def _journal_list(ctx: Context) -> QWidget:
    window, screen = _journal(ctx)
    select_row(screen.table, 0)
    return window


def _journal_filtered(ctx: Context) -> QWidget:
    window, screen = _journal(ctx)
    total = screen.model.rowCount()
    screen.severity_min.setValue(3)
    screen.category_combo.setCurrentIndex(1)
    ctx.qtbot.waitUntil(lambda: screen.model.rowCount() < total, timeout=5000)
    return window


def _journal_search(ctx: Context) -> QWidget:
    window, screen = _journal(ctx)
    summary = screen.model.summary_at(0)
    assert summary is not None
    word = max(summary.title.split(), key=len)
    screen.search_edit.setText(word)
    screen.apply_filters()
    return window


def _journal_empty(ctx: Context) -> QWidget:
    window, screen = _journal(ctx)
    screen.search_edit.setText("zzqxnothingmatchesthis")
    screen.apply_filters()
    ctx.qtbot.waitUntil(lambda: screen.model.rowCount() == 0, timeout=5000)
    return window


def _people(ctx: Context) -> QWidget:
    window = ctx.main_window()
    window.show_section("people")  # type: ignore[attr-defined]
    screen = window.screens["people"]  # type: ignore[attr-defined]
    assert isinstance(screen, CastScreen)
    ctx.qtbot.waitUntil(lambda: screen.proxy.rowCount() > 0, timeout=5000)
    select_row(screen.table, 0)
    screen.table.setCurrentIndex(screen.proxy.index(0, 0))
    return window


def _patterns(ctx: Context, tab: int) -> QWidget:
    window = ctx.main_window()
    screen = window.screens["patterns"]  # type: ignore[attr-defined]
    assert isinstance(screen, PatternsScreen)
    with ctx.qtbot.waitSignal(screen.refreshed, timeout=10_000):
        window.show_section("patterns")  # type: ignore[attr-defined]
    screen.period_combo.setCurrentIndex(screen.period_combo.count() - 1)  # all time
    screen.tabs.setCurrentIndex(tab)
    return window


def _an_entry_with_revisions(ctx: Context) -> int:
    incidents = ctx.session.repos.incidents
    first = incidents.get(incidents.list()[0].id)
    assert first.id is not None
    changed = dataclasses.replace(
        first,
        title=first.title + " (checked)",
        narrative=first.narrative + "\nShe repeated it the next morning in front of the team.",
    )
    incidents.update(changed)
    return first.id


def _history(ctx: Context) -> QWidget:
    return ctx.show(HistoryDialog(ctx.session, _an_entry_with_revisions(ctx)))


def _history_first(ctx: Context) -> QWidget:
    incident_id = _an_entry_with_revisions(ctx)
    dialog = HistoryDialog(ctx.session, incident_id)
    dialog.compare(1, 1)
    return ctx.show(dialog)


def _withdraw(ctx: Context) -> QWidget:
    summary = ctx.session.repos.incidents.list()[0]
    assert summary.id is not None and summary.record_number is not None
    return ctx.show(WithdrawDialog(ctx.session, summary.record_number, lambda _r: None))


def _withdraw_error(ctx: Context) -> QWidget:
    summary = ctx.session.repos.incidents.list()[0]
    assert summary.record_number is not None
    dialog = WithdrawDialog(
        ctx.session,
        summary.record_number,
        lambda _r: "The vault is locked. Nothing was changed.",
    )
    ctx.show(dialog)
    dialog.reason_edit.setText("Written twice")
    dialog.accept()
    return dialog


def _history_check(ctx: Context, *, broken: bool = False) -> QWidget:
    report = ctx.session.repos.incidents.verify_history()
    if broken:  # what a chain changed outside PeerDesk reads like
        first = report.entries[0]
        problem = HistoryProblem(first.incident_id, first.record_number, 2, "revision 2 differs")
        report = dataclasses.replace(report, problems=[problem])
    clipboard = SecureClipboard()
    dialog = HistoryCheckDialog(report, clipboard)
    clipboard.setParent(dialog)
    return ctx.show(dialog)


def _read(ctx: Context, *, with_files: bool) -> QWidget:
    repos = ctx.session.repos
    ids = [s.id for s in repos.incidents.list()]
    chosen = next(i for i in ids if bool(repos.attachments.count_for_incident(i)) is with_files)
    return ctx.show(EntryReadDialog(ctx.session, chosen))


def _read_withdrawn(ctx: Context) -> QWidget:
    repos = ctx.session.repos
    incident_id = repos.incidents.list()[-1].id
    repos.incidents.withdraw(incident_id, "Written twice")
    return ctx.show(EntryReadDialog(ctx.session, incident_id))


def _person_new(ctx: Context) -> QWidget:
    return ctx.show(PersonDialog(ctx.session))


def _person_edit(ctx: Context) -> QWidget:
    return ctx.show(PersonDialog(ctx.session, ctx.session.repos.persons.list()[0]))


def _person_error(ctx: Context) -> QWidget:
    dialog = PersonDialog(ctx.session)
    ctx.show(dialog)
    dialog.name_edit.setText("")
    dialog.save()
    return dialog


#: The Journal, People and Patterns sections in the main window.
SECTION_STATES = [
    WindowState("journal: list with a row selected", _journal_list),
    WindowState("journal: list with filters set", _journal_filtered),
    WindowState("journal: list with a search typed", _journal_search),
    WindowState("journal: list with nothing found", _journal_empty),
    WindowState("journal: people with a person selected", _people),
    WindowState("journal: patterns charts", lambda ctx: _patterns(ctx, 0)),
    WindowState("journal: patterns timeline", lambda ctx: _patterns(ctx, 1)),
]

STATES = [
    WindowState("journal: history of changes", _history, (HistoryDialog,)),
    WindowState("journal: history, first revision", _history_first, (HistoryDialog,)),
    WindowState("journal: withdraw entry", _withdraw, (WithdrawDialog,)),
    WindowState("journal: withdraw entry, refused", _withdraw_error, (WithdrawDialog,)),
    WindowState("journal: verify history result", _history_check, (HistoryCheckDialog,)),
    WindowState(
        "journal: verify history found a changed entry",
        lambda ctx: _history_check(ctx, broken=True),
        (HistoryCheckDialog,),
    ),
    WindowState(
        "journal: read an entry with pictures",
        lambda ctx: _read(ctx, with_files=True),
        (EntryReadDialog,),
    ),
    WindowState(
        "journal: read an entry without files",
        lambda ctx: _read(ctx, with_files=False),
        (EntryReadDialog,),
    ),
    WindowState("journal: read a withdrawn entry", _read_withdrawn, (EntryReadDialog,)),
    WindowState("journal: add a person", _person_new, (PersonDialog,)),
    WindowState("journal: edit a person", _person_edit, (PersonDialog,)),
    WindowState("journal: add a person, name missing", _person_error, (PersonDialog,)),
]

STATES = [*SECTION_STATES, *STATES]
