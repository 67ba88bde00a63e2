"""The walk's states for the peer supporter: the Colleagues section of the main window (the
colleague list and form, a conversation open in its editor, What I hold, follow-ups, past
retention, statistics) and the export options dialog."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from peerdesk.i18n import _
from peerdesk.ui.common.language import select_row
from peerdesk.ui.supporter.colleagues_tab import COLLEAGUES_TAB
from peerdesk.ui.supporter.exports import ExportOptionsDialog
from peerdesk.ui.supporter.screen import ColleaguesScreen
from tests.ui.accessibility.walk import Context, WindowState


def _screen(ctx: Context) -> tuple[QWidget, ColleaguesScreen]:
    window = ctx.main_window()
    window.show_section("colleagues")  # type: ignore[attr-defined]
    screen = window.screens["colleagues"]  # type: ignore[attr-defined]
    assert isinstance(screen, ColleaguesScreen)
    return window, screen


def _first_colleague(ctx: Context, detail_tab: int = 0) -> tuple[QWidget, ColleaguesScreen]:
    window, screen = _screen(ctx)
    screen.tabs.setCurrentIndex(COLLEAGUES_TAB)
    select_row(screen.colleague_table, 0)
    ctx.qtbot.waitUntil(lambda: screen.form.colleague_id is not None)
    screen.detail_tabs.setCurrentIndex(detail_tab)
    return window, screen


def _colleague(ctx: Context) -> QWidget:
    return _first_colleague(ctx)[0]


def _new_colleague_error(ctx: Context) -> QWidget:
    window, screen = _screen(ctx)
    screen.new_colleague()
    screen.form.pseudonym_edit.clear()
    screen.form.save()
    ctx.qtbot.waitUntil(lambda: screen.form.error_label.isVisible())
    return window


def _conversation(ctx: Context) -> QWidget:
    window, screen = _first_colleague(ctx, 1)
    table = screen.conversation_table
    if table.model().rowCount() == 0:
        screen.new_conversation_button.click()
    else:
        table.setCurrentIndex(table.model().index(0, 0))
    ctx.qtbot.waitUntil(lambda: screen.editor_stack.currentIndex() == 1)
    return window


def _what_i_hold(ctx: Context) -> QWidget:
    return _first_colleague(ctx, 2)[0]


def _tab(index: int):  # type: ignore[no-untyped-def]
    def open_tab(ctx: Context) -> QWidget:
        window, screen = _screen(ctx)
        screen.tabs.setCurrentIndex(index)
        return window

    return open_tab


def _export_hold(ctx: Context) -> QWidget:
    return ctx.show(
        ExportOptionsDialog(
            _("Save “What I hold” as PDF"),
            offer_debrief=True,
            intro=_(
                "A copy for the colleague: everything held about them, including their "
                "real name if one is stored."
            ),
        )
    )


def _export_stats(ctx: Context) -> QWidget:
    return ctx.show(
        ExportOptionsDialog(
            _("Export statistics as PDF"),
            offer_debrief=False,
            intro=_("Counts only: no names, no notes."),
        )
    )


STATES = [
    WindowState("supporter: a colleague's details", _colleague),
    WindowState("supporter: a new colleague with an error", _new_colleague_error),
    WindowState("supporter: a conversation open", _conversation),
    WindowState("supporter: what I hold", _what_i_hold),
    WindowState("supporter: follow-ups", _tab(1)),
    WindowState("supporter: past retention", _tab(2)),
    WindowState("supporter: statistics", _tab(3)),
    WindowState("supporter: export what I hold", _export_hold, (ExportOptionsDialog,)),
    WindowState("supporter: export statistics", _export_stats, (ExportOptionsDialog,)),
]
