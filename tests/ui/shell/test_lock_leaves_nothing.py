"""A lock leaves nothing behind (issue 19, item 3).

A realistic flow through the GUI with the real controller writes a distinct marker into every
field it can reach (and uses one in the passphrase); then Ctrl+L, and later quick hide. After
each, no marker may be reachable: not in any widget's text, not in any item model, not in any
undo history, and not in any Python object the garbage collector can reach (the interned ``re``
cache aside). The markers are built at run time so that no constant of this module holds one.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
    QWizard,
)
from pytestqt.qtbot import QtBot

from peerdesk.ui.common.messages import Button, Messages
from peerdesk.ui.common.workers import wait_for_all
from peerdesk.ui.shell.controller import AppController
from tests.ui.helpers import click
from tests.ui.shell.test_app_flow import controller as whole_app  # noqa: F401 (a fixture)
from tests.ui.shell.test_app_flow import main_visible

PREFIX = "ZQX" + "MARK"
WAIT = 15_000
ROLES = (
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.EditRole,
    Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.StatusTipRole,
    Qt.ItemDataRole.WhatsThisRole,
    Qt.ItemDataRole.AccessibleTextRole,
    Qt.ItemDataRole.AccessibleDescriptionRole,
    *(Qt.ItemDataRole(Qt.ItemDataRole.UserRole + n) for n in range(8)),
)


def make_markers(count: int) -> list[str]:
    markers = [PREFIX + f"{i:02}" for i in range(count)]
    markers[0] += " marmalade umbrella violin quartz"  # the passphrase: strong enough
    return markers


def named(text: str) -> set[str]:
    """The marker numbers in ``text`` ("07", ...)."""
    found: set[str] = set()
    at = text.find(PREFIX)
    while at >= 0:
        number = text[at + len(PREFIX) : at + len(PREFIX) + 2]
        if len(number) == 2 and number.isdigit():
            found.add(number)
        at = text.find(PREFIX, at + 1)
    return found


# -- where a marker could survive ----------------------------------------------------------------


def in_python_objects(exclude: set[int]) -> dict[str, str]:
    """Every str/bytes reachable from any object the garbage collector tracks (through
    untracked containers too). Returns {marker number: type of the object holding it}."""
    gc.collect()
    skip = set(exclude)
    skip.add(id(re._cache))  # type: ignore[attr-defined]
    for key, value in list(re._cache.items()):  # type: ignore[attr-defined]
        skip.update((id(key), id(value)))
    found: dict[str, str] = {}
    seen: set[int] = set()
    roots = gc.get_objects()
    skip.add(id(roots))
    stack: list[tuple[object, object]] = [(obj, None) for obj in roots]
    while stack:
        obj, holder = stack.pop()
        key = id(obj)
        if key in seen or key in skip:
            continue
        seen.add(key)
        if isinstance(obj, str | bytes | bytearray):
            text = obj if isinstance(obj, str) else bytes(obj).decode("utf-8", "replace")
            if PREFIX in text:
                for number in named(text):
                    found.setdefault(number, type(holder).__qualname__)
            continue
        stack.extend((r, obj) for r in gc.get_referents(obj))
    del roots, stack
    return found


def model_texts(model: QAbstractItemModel) -> Iterator[str]:
    def walk(parent: QModelIndex, depth: int) -> Iterator[str]:
        if depth > 6:
            return
        try:
            columns = model.columnCount(parent)
        except TypeError:  # list models keep columnCount private in PySide
            columns = 1
        for row in range(model.rowCount(parent)):
            for column in range(max(1, columns)):
                index = model.index(row, column, parent)
                for role in ROLES:
                    value = index.data(role)
                    if value is not None:
                        yield value if isinstance(value, str) else repr(value)
            first = model.index(row, 0, parent)
            if model.rowCount(first) > 0:
                yield from walk(first, depth + 1)

    yield from walk(QModelIndex(), 0)
    for section in range(8):
        for orientation in (Qt.Orientation.Horizontal, Qt.Orientation.Vertical):
            value = model.headerData(section, orientation, Qt.ItemDataRole.DisplayRole)
            if isinstance(value, str):
                yield value


def all_models() -> list[QAbstractItemModel]:
    models: dict[int, QAbstractItemModel] = {}
    for widget in QApplication.allWidgets():
        if isinstance(widget, QAbstractItemView | QComboBox) and widget.model() is not None:
            models[id(widget.model())] = widget.model()
        if isinstance(widget, QLineEdit) and widget.completer() is not None:
            completer_model = widget.completer().model()
            if completer_model is not None:
                models[id(completer_model)] = completer_model
        for child in widget.findChildren(QAbstractItemModel):
            models[id(child)] = child
    for obj in gc.get_objects():
        if isinstance(obj, QAbstractItemModel):
            models[id(obj)] = obj
    alive = []
    for model in models.values():
        try:
            model.rowCount()
        except (RuntimeError, AttributeError):  # its C++ side is gone, or never made
            continue
        alive.append(model)
    return alive


def in_widgets() -> dict[str, str]:
    """{marker number: where} for every widget text, model cell and undo history."""
    found: dict[str, str] = {}

    def note(text: str, where: str) -> None:
        for number in named(text):
            found.setdefault(number, where)

    for widget in QApplication.allWidgets():
        kind = f"{type(widget).__name__} {widget.objectName()!r}"
        texts = [
            widget.windowTitle(),
            widget.accessibleName(),
            widget.accessibleDescription(),
            widget.toolTip(),
            widget.statusTip(),
            widget.whatsThis(),
        ]
        if isinstance(widget, QLabel | QLineEdit | QAbstractButton):
            texts.append(widget.text())
        if isinstance(widget, QLineEdit | QPlainTextEdit | QTextEdit):
            texts.append(widget.placeholderText())
        if isinstance(widget, QPlainTextEdit | QTextEdit):
            texts.append(widget.toPlainText())
        if isinstance(widget, QComboBox):
            texts.append(widget.currentText())
        for text in texts:
            note(text, kind)
        if isinstance(widget, QLineEdit):
            if widget.isUndoAvailable() or widget.isRedoAvailable():
                found.setdefault(f"undo in {kind}", kind)
            while widget.isUndoAvailable():  # what the history would bring back
                widget.undo()
                note(widget.text(), f"undo history of {kind}")
        for document in [
            *widget.findChildren(QTextDocument),
            *([widget.document()] if isinstance(widget, QPlainTextEdit | QTextEdit) else []),
        ]:
            if document.isUndoAvailable() or document.isRedoAvailable():
                found.setdefault(f"undo in document of {kind}", kind)
            note(document.toPlainText(), f"document of {kind}")
    for model in all_models():
        for text in model_texts(model):
            note(text, f"model {type(model).__name__}")
    return found


def leftovers(markers: list[str]) -> dict[str, str]:
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    dialogs = [type(w).__name__ for w in QApplication.topLevelWidgets() if isinstance(w, QDialog)]
    assert dialogs == [], "destroyed, not hidden"
    found = in_python_objects({id(markers), *map(id, markers)})
    for number, where in in_widgets().items():
        found.setdefault(number, where)
    return found


@pytest.fixture
def controller(whole_app: AppController) -> AppController:  # noqa: F811
    """The controller of tests/ui/shell/test_app_flow.py (real vault, keyring in memory)."""
    return whole_app


# -- the flow --------------------------------------------------------------------------------------


def create_vault(qtbot: QtBot, ctrl: AppController, passphrase: str) -> None:
    ctrl.start()
    wizard = ctrl.wizard
    assert wizard is not None and wizard.isVisible()
    click(qtbot, wizard.button(QWizard.WizardButton.NextButton))
    form = wizard.passphrase_page.form
    qtbot.keyClicks(form.first.edit, passphrase)
    qtbot.keyClicks(form.second.edit, passphrase)
    click(qtbot, wizard.button(QWizard.WizardButton.NextButton))
    click(qtbot, wizard.button(QWizard.WizardButton.NextButton))
    click(qtbot, wizard.button(QWizard.WizardButton.FinishButton))
    qtbot.waitUntil(lambda: main_visible(ctrl), timeout=WAIT)
    wait_for_all(WAIT)  # the automatic backup


def unlock(qtbot: QtBot, ctrl: AppController, passphrase: str) -> None:
    window = ctrl.unlock_window
    assert window is not None
    window.showNormal()
    qtbot.keyClicks(window.passphrase.edit, passphrase)
    qtbot.keyClick(window.passphrase.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: main_visible(ctrl), timeout=WAIT)
    wait_for_all(WAIT)


def write_entry(qtbot: QtBot, ctrl: AppController, m: list[str], evidence: Path) -> None:
    from tests.ui.journal.test_incident_editor import drop_files, go, type_text

    window = ctrl.main_window
    assert window is not None
    window.show_section("journal")
    journal = window.screens["journal"]
    click(qtbot, journal.new_button)  # type: ignore[attr-defined]
    editor = next(
        w
        for w in QApplication.topLevelWidgets()
        if type(w).__name__ == "IncidentEditor" and w.isVisible()
    )
    type_text(qtbot, editor.title, m[2])
    type_text(qtbot, editor.narrative, m[3])
    type_text(qtbot, editor.place, m[40])
    type_text(qtbot, editor.tags, m[41])
    go(qtbot, editor, "People and witnesses")
    click(qtbot, editor.findChild(QAbstractButton, "addPerson"))
    dialog = editor.person_dialog
    type_text(qtbot, dialog.name, m[4])
    type_text(qtbot, dialog.role, m[5])
    add = next(b for b in dialog.buttons.buttons() if b.text() == "Add")
    click(qtbot, add)
    qtbot.waitUntil(lambda: editor.person_dialog is None)
    click(qtbot, editor.witnesses.add_button)
    type_text(qtbot, editor.witnesses.rows[0].name, m[6])
    type_text(qtbot, editor.witnesses.rows[0].where, m[7])
    go(qtbot, editor, "Words used")
    click(qtbot, editor.quotes.add_button)
    type_text(qtbot, editor.quotes.rows[0].speaker_label, m[8])
    type_text(qtbot, editor.quotes.rows[0].text, m[9])
    type_text(qtbot, editor.my_response, m[42])
    type_text(qtbot, editor.their_reaction, m[43])
    go(qtbot, editor, "Impact")
    type_text(qtbot, editor.impact_emotional, m[10])
    type_text(qtbot, editor.impact_physical, m[44])
    go(qtbot, editor, "Reports and actions")
    click(qtbot, editor.told.add_button)
    type_text(qtbot, editor.told.rows[0].who, m[45])
    type_text(qtbot, editor.attempts, m[46])
    go(qtbot, editor, "Evidence")
    drop_files(qtbot, editor.attachment_list, [evidence])
    qtbot.waitUntil(lambda: editor.attachment_list.count() == 1, timeout=WAIT)
    click(qtbot, editor.save_button)
    qtbot.waitUntil(lambda: editor.incident_id is not None, timeout=WAIT)
    # It stays open; a second entry is left open beside it, half written.
    click(qtbot, journal.new_button)  # type: ignore[attr-defined]
    second = next(
        w
        for w in QApplication.topLevelWidgets()
        if type(w).__name__ == "IncidentEditor" and w.isVisible() and w is not editor
    )
    type_text(qtbot, second.title, m[11])
    type_text(qtbot, second.narrative, m[12])
    window.activateWindow()
    qtbot.keyClicks(journal.search_edit, m[13])  # type: ignore[attr-defined]


def write_colleague(qtbot: QtBot, ctrl: AppController, m: list[str]) -> None:
    window = ctrl.main_window
    assert window is not None
    window.show_section("colleagues")
    screen = window.screens["colleagues"]
    click(qtbot, screen.new_colleague_button)  # type: ignore[attr-defined]
    form = screen.form  # type: ignore[attr-defined]
    qtbot.keyClicks(form.pseudonym_edit, m[14])
    qtbot.keyClicks(form.may_record_edit, m[47])
    qtbot.keyClicks(form.may_share_edit, m[48])
    if not form.real_name_edit.isVisible():
        click(qtbot, form.reveal_button)
    qtbot.keyClicks(form.real_name_edit, m[15])
    click(qtbot, form.save_button)
    screen.detail_tabs.setCurrentIndex(1)  # type: ignore[attr-defined]
    click(qtbot, screen.new_conversation_button)  # type: ignore[attr-defined]
    editor = screen.editor  # type: ignore[attr-defined]
    qtbot.keyClicks(editor.summary_edit, m[16])
    qtbot.keyClicks(editor.actions_edit, m[49])
    qtbot.keyClicks(editor.debrief_edit, m[50])
    qtbot.keyClicks(editor.referral_note_edit, m[17])
    click(qtbot, editor.save_button)
    click(qtbot, screen.new_conversation_button)  # type: ignore[attr-defined]
    qtbot.keyClicks(screen.editor.summary_edit, m[18])  # type: ignore[attr-defined]
    qtbot.keyClicks(screen.search_edit, m[19])  # type: ignore[attr-defined]


def write_strategy(qtbot: QtBot, ctrl: AppController, m: list[str]) -> None:
    window = ctrl.main_window
    assert window is not None
    window.show_section("library")
    screen = window.library
    click(qtbot, screen.new_button)
    editor = screen.editor
    assert editor is not None
    qtbot.keyClicks(editor.title_edit, m[20])
    qtbot.keyClicks(editor.summary_edit, m[21])
    qtbot.keyClicks(editor.steps_edit, m[22])
    click(qtbot, editor.save_button)
    qtbot.waitUntil(lambda: screen.editor is None)
    click(qtbot, screen.new_button)  # a second one, typed and thrown away with Esc
    second = screen.editor
    assert second is not None
    qtbot.keyClicks(second.title_edit, m[23])
    Messages.set_next_answer(Button.Yes)  # "Discard?"
    qtbot.keyClick(second.title_edit, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: screen.editor is None)
    del second
    qtbot.keyClicks(screen.detail.note_edit, m[51])  # my note on the strategy shown
    qtbot.keyClicks(screen.search_edit, m[24])


def write_report(
    qtbot: QtBot,
    ctrl: AppController,
    m: list[str],
    password: int,
    profile: int | None = None,
) -> None:
    """Author, reason, a saved profile (``profile``: the marker of one saved before, which is
    replaced), a PDF password, and a preview."""
    window = ctrl.main_window
    assert window is not None
    window.show_section("journal")
    journal = window.screens["journal"]
    journal.search_edit.clear()  # type: ignore[attr-defined]
    window.export_report_action.trigger()
    dialog = window.report_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT)
    qtbot.keyClicks(dialog.author_edit, m[password + 2])
    click(qtbot, dialog.editor.field_checks["include_impact"])
    qtbot.keyClicks(dialog.editor.reason_edit, m[password + 3])
    qtbot.keyClicks(dialog.profile_name_edit, m[password + 1 if profile is None else profile])
    if profile is not None:
        Messages.set_next_answer(Button.Yes)  # "Replace profile"
    click(qtbot, dialog.save_profile_button)
    dialog.tabs.setCurrentIndex(2)
    choice = dialog.password_choice
    click(qtbot, choice.protect_check)
    qtbot.keyClicks(choice.password_edit, m[password])
    qtbot.keyClicks(choice.confirm_edit, m[password])
    click(qtbot, dialog.preview_button)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=60_000)
    assert dialog.rendered is not None, dialog.status.text()


def write_home(qtbot: QtBot, ctrl: AppController, marker: str) -> None:
    window = ctrl.main_window
    assert window is not None
    window.show_section("home")
    qtbot.keyClicks(window.home.capture, marker)


def back_up_and_walk_away(qtbot: QtBot, ctrl: AppController) -> None:
    """File ▸ Back up now, and PeerDesk locks by itself while "Backup made" (which names the
    folder) is still on screen. Then unlock again."""

    def box_shown() -> bool:
        return any(
            isinstance(w, QMessageBox) and w.isVisible() for w in QApplication.topLevelWidgets()
        )

    def lock_once_shown() -> None:
        if box_shown():
            poll.stop()
            ctrl.locker.lock("idle")

    poll = QTimer()
    poll.setInterval(5)
    poll.timeout.connect(lock_once_shown)
    poll.start()
    ctrl.back_up_now()
    qtbot.waitUntil(lambda: not ctrl.session.is_open, timeout=WAIT)
    poll.stop()
    assert [m.title for m in Messages.shown] == ["Backup made"]

    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert [w for w in QApplication.allWidgets() if isinstance(w, QMessageBox)] == []


def browse(qtbot: QtBot, ctrl: AppController) -> None:
    """Look at what was written: an entry and its history, the people, the patterns, the
    colleague with the real name shown and every tab of the colleague."""
    window = ctrl.main_window
    assert window is not None
    editor = window.open_incident(ctrl.session.repos.incidents.list()[0].id)
    assert editor is not None
    click(qtbot, editor.history_button)  # the history of changes, left open
    qtbot.waitUntil(lambda: editor.history_dialog is not None and editor.history_dialog.isVisible())
    window.show_section("people")
    window.screens["people"].table.selectRow(0)  # type: ignore[attr-defined]
    window.show_section("patterns")
    window.show_section("colleagues")
    colleagues = window.screens["colleagues"]
    assert colleagues.select_colleague(  # type: ignore[attr-defined]
        ctrl.session.repos.colleagues.list()[0].id
    )
    click(qtbot, colleagues.form.reveal_button)  # type: ignore[attr-defined]
    for tab in range(colleagues.detail_tabs.count()):  # type: ignore[attr-defined]
        colleagues.detail_tabs.setCurrentIndex(tab)  # type: ignore[attr-defined]


def press_lock(qtbot: QtBot, ctrl: AppController) -> None:
    window = ctrl.main_window
    assert window is not None
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not ctrl.session.is_open, timeout=WAIT)
    qtbot.waitUntil(
        lambda: ctrl.unlock_window is not None and ctrl.unlock_window.isVisible(), timeout=WAIT
    )
    wait_for_all(WAIT)


def press_quick_hide(qtbot: QtBot, ctrl: AppController) -> None:
    window = ctrl.main_window
    assert window is not None
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(
        window,
        Qt.Key.Key_H,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: not ctrl.session.is_open, timeout=WAIT)
    wait_for_all(WAIT)


def widget_visible(ctrl: AppController) -> list[QWidget]:
    return [
        w for w in QApplication.topLevelWidgets() if w.isVisible() and w is not ctrl.unlock_window
    ]


@pytest.mark.qt_log_ignore("This plugin does not support")
def test_lock_and_quick_hide_leave_no_marker_reachable(
    qtbot: QtBot,
    controller: AppController,
    tmp_path: Path,
) -> None:
    m = make_markers(60)
    evidence = tmp_path / "evidence"
    evidence.mkdir()
    (evidence / (m[1] + ".txt")).write_bytes(b"a file kept as evidence\n")
    create_vault(qtbot, controller, m[0])
    backups = tmp_path / m[38]
    backups.mkdir()
    controller.registry.set("backups_dir", str(backups))
    del backups
    back_up_and_walk_away(qtbot, controller)
    unlock(qtbot, controller, m[0])
    write_home(qtbot, controller, m[25])
    write_entry(qtbot, controller, m, evidence / (m[1] + ".txt"))
    write_colleague(qtbot, controller, m)
    write_strategy(qtbot, controller, m)
    write_report(qtbot, controller, m, 26)
    press_lock(qtbot, controller)
    assert widget_visible(controller) == []
    left = leftovers(m)
    assert left == {}, f"after Ctrl+L: {sorted(left.items())}"

    # Unlock: everything comes back from the vault; then the same after quick hide.
    unlock(qtbot, controller, m[0])
    write_home(qtbot, controller, m[30])
    window = controller.main_window
    assert window is not None
    window.show_section("colleagues")
    window.show_section("journal")
    journal = window.screens["journal"]
    qtbot.waitUntil(lambda: journal.model.rowCount() > 0, timeout=WAIT)  # type: ignore[attr-defined]
    browse(qtbot, controller)
    write_report(qtbot, controller, m, 31, profile=27)
    replace = Messages.shown[-1]
    assert replace.title == "Replace profile" and PREFIX not in replace.text  # no user text
    del replace
    qtbot.keyClicks(journal.search_edit, m[35])  # type: ignore[attr-defined]
    press_quick_hide(qtbot, controller)
    left = leftovers(m)
    assert left == {}, f"after quick hide: {sorted(left.items())}"
