"""The incident-report export dialog, driven as a person would: profile, selection, password,
preview, Stop, Save, the date receipt; saved profiles; locking. PDFs are read back with
poppler and qpdf."""

from __future__ import annotations

import re
import subprocess
from datetime import date
from functools import partial
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QDate, QEvent, QSettings, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QLineEdit,
    QListWidget,
)
from pytestqt.qtbot import QtBot

from peerdesk.models.enums import IncidentCategory
from peerdesk.models.incident import Incident
from peerdesk.models.incident_parts import Impact, IncidentPerson, Witness
from peerdesk.models.person import Person
from peerdesk.storage.incidents import IncidentFilter
from peerdesk.storage.report_profiles import ReportProfiles
from peerdesk.ui.common.clipboard import SecureClipboard
from peerdesk.ui.common.messages import Button, Messages
from peerdesk.ui.common.pdf_options import MISMATCH
from peerdesk.ui.common.session import VaultSession
from peerdesk.ui.report.dialog import ReportDialog
from peerdesk.ui.shell.locking import LockController
from peerdesk.ui.shell.main_window import MainWindow
from tests.ui import helpers

click = partial(helpers.click, visible=True)  # what this dialog shows must be on screen

PRIVATE = "PRIVATEMARKER-rd7"
IMPACT = "IMPACTMARKER could not sleep"
WITNESS = "Eleni Papadopoulou"
NOT_PROTECTED = "anyone who gets the file can read it"


def pdftotext(path: Path, password: str | None = None) -> str:
    extra = ["-upw", password] if password else []
    return subprocess.run(
        ["pdftotext", *extra, str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def tick(widget: QListWidget, text: str) -> None:
    """Tick the row that says ``text`` with the space bar, as from the keyboard."""
    item = next(widget.item(i) for i in range(widget.count()) if text in widget.item(i).text())
    widget.setCurrentItem(item)
    widget.setFocus()
    from PySide6.QtTest import QTest

    QTest.keyClick(widget, Qt.Key.Key_Space)


def seed(session: VaultSession, extra: int = 0) -> dict[str, int]:
    repos = session.repos
    boss = repos.persons.add(Person(display_name="Viktor Ångström", holds_power=True))
    peer = repos.persons.add(Person(display_name="Sam Peer"))
    assert boss.id is not None and peer.id is not None
    first = repos.incidents.add(
        Incident(
            event_date=date(2026, 1, 10),
            title="Shouted at in the team meeting TITLEONE",
            narrative="He shouted across the room.",
            categories={IncidentCategory.VERBAL_ABUSE},
            people=[IncidentPerson(person_id=boss.id)],
            witnesses=[Witness(name=WITNESS, where="next to me")],
            impact=Impact(emotional=IMPACT),
            private_reflection=PRIVATE,
            tags=["meetings"],
        )
    )
    second = repos.incidents.add(
        Incident(
            event_date=date(2026, 2, 14),
            title="Left out of the planning day TITLETWO",
            narrative="I was not invited.",
            categories={IncidentCategory.EXCLUSION_ISOLATION},
            people=[IncidentPerson(person_id=peer.id)],
            tags=["rota"],
        )
    )
    third = repos.incidents.add(
        Incident(
            event_date=date(2026, 3, 3),
            title="Extra deadlines again TITLETHREE",
            narrative="Three deadlines for the same evening.",
            categories={IncidentCategory.UNREASONABLE_WORKLOAD},
            people=[IncidentPerson(person_id=boss.id)],
        )
    )
    for n in range(extra):
        repos.incidents.add(
            Incident(
                event_date=date(2025, 1, 1 + n % 28),
                title=f"Filler entry {n}",
                narrative="A longer account of what happened. " * 40,
            )
        )
    return {
        "boss": boss.id,
        "peer": peer.id,
        "first": first.id or 0,
        "second": second.id or 0,
        "third": third.id or 0,
    }


@pytest.fixture
def window(qtbot, session: VaultSession):  # type: ignore[no-untyped-def]
    w = MainWindow(session, ["journal", "supporter"])
    qtbot.addWidget(w)
    w.show()
    return w


def open_dialog(qtbot: QtBot, window: MainWindow) -> ReportDialog:
    window.export_report_action.trigger()
    dialog = window.report_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=3000)
    return dialog


def preview(qtbot: QtBot, dialog: ReportDialog) -> None:
    click(qtbot, dialog.preview_button)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=60_000)
    assert dialog.rendered is not None, dialog.status.text()


def choose_file(qtbot: QtBot, chooser: QFileDialog | None, path: Path) -> None:
    """Put the whole path in the file name box of Qt's own file dialog and press Save.
    (Typed key by key, the box's completer pops up and grabs the keyboard offscreen.)"""
    assert chooser is not None and chooser.testOption(chooser.Option.DontUseNativeDialog)
    edit = chooser.findChild(QLineEdit, "fileNameEdit")
    assert edit is not None
    edit.setText(str(path))
    chooser.accept()


def save_as(qtbot: QtBot, dialog: ReportDialog, path: Path) -> None:
    """Press Save, choose ``path`` in the file dialog, wait for the receipt."""
    click(qtbot, dialog.save_button)
    qtbot.waitUntil(
        lambda: dialog.file_dialog is not None and dialog.file_dialog.isVisible(), timeout=60_000
    )
    choose_file(qtbot, dialog.file_dialog, path)
    qtbot.waitUntil(
        lambda: dialog.receipt_dialog is not None and dialog.receipt_dialog.isVisible(),
        timeout=30_000,
    )
    assert path.is_file()


def test_menu_and_journal_button_open_one_dialog(qtbot, session, window) -> None:  # type: ignore[no-untyped-def]
    seed(session)
    window.show_section("journal")
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    dialog = window.report_dialog
    assert dialog is not None and dialog.isVisible()
    journal = window.screens["journal"]
    click(qtbot, journal.export_button)  # type: ignore[attr-defined]
    assert window.report_dialog is dialog  # brought forward, not a second one
    assert "3 entries will be in the report." in dialog.count_label.text()
    assert NOT_PROTECTED in dialog.warning.text()
    assert "Preview" in dialog.preview.image.text()  # nothing laid out before asked
    dialog.close()
    qtbot.waitUntil(lambda: window.report_dialog is None, timeout=3000)


def test_hr_preview_then_save_with_receipt(qtbot, session, window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    seed(session)
    dialog = open_dialog(qtbot, window)
    combo = dialog.profile_combo
    combo.setCurrentIndex(combo.findText("HR (informal first complaint)"))
    assert "Witnesses are shown by initials only." in dialog.editor.left_out.text()
    qtbot.keyClicks(dialog.author_edit, "Alex Example")
    preview(qtbot, dialog)
    pages = dialog.rendered.pages  # type: ignore[union-attr]
    assert dialog.preview.page_label.text() == f"Page 1 of {pages}"
    assert not dialog.preview.image.pixmap().isNull()
    qtbot.keyClick(dialog.preview.scroll_area, Qt.Key.Key_PageDown)
    assert dialog.preview.page == 1
    click(qtbot, dialog.preview.next_button)
    qtbot.keyClick(dialog.preview.scroll_area, Qt.Key.Key_End)
    assert dialog.preview.page_label.text() == f"Page {pages} of {pages}"
    before = dialog.rendered
    out = tmp_path / "out" / "hr.pdf"
    out.parent.mkdir()
    save_as(qtbot, dialog, out)
    assert dialog.rendered is before  # the previewed bytes were saved, not laid out again
    assert out.read_bytes() == before.data  # type: ignore[union-attr]
    assert (out.stat().st_mode & 0o777) == 0o600
    text = flat(pdftotext(out))
    assert "TITLEONE" in text and "TITLETHREE" in text and "Alex Example" in text
    assert "HR (informal first complaint)" in text
    assert WITNESS not in text and "E. P." in text
    assert IMPACT not in text and PRIVATE not in text
    subprocess.run(["qpdf", "--check", str(out)], check=True, capture_output=True)
    receipt = dialog.receipt_dialog
    assert receipt is not None
    assert NOT_PROTECTED in receipt.protection.text()
    fingerprint = re.search(r"SHA-256\): ([0-9a-f]{64})", receipt.text)
    assert fingerprint and fingerprint.group(1) in re.sub(r"\s+", "", pdftotext(out))
    assert "Entries: 3" in receipt.text
    assert "TITLE" not in receipt.text and "Viktor" not in receipt.text  # no content
    click(qtbot, receipt.copy_button)
    assert QGuiApplication.clipboard().text() == receipt.text
    click(qtbot, receipt.save_button)
    qtbot.waitUntil(
        lambda: receipt.file_dialog is not None and receipt.file_dialog.isVisible(), timeout=3000
    )
    choose_file(qtbot, receipt.file_dialog, tmp_path / "out" / "receipt.txt")
    qtbot.waitUntil(lambda: (tmp_path / "out" / "receipt.txt").is_file(), timeout=3000)
    assert (tmp_path / "out" / "receipt.txt").read_text(encoding="utf-8") == receipt.text + "\n"
    # Qt's file dialog remembers no folder (SECURITY.md 21).
    receipt.accept()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    settings = QSettings(QSettings.Scope.UserScope, "QtProject")
    settings.sync()
    assert str(out.parent) not in repr({k: settings.value(k) for k in settings.allKeys()})
    # The choices are remembered in the vault for next time.
    dialog.close()
    qtbot.waitUntil(lambda: window.report_dialog is None, timeout=3000)
    again = open_dialog(qtbot, window)
    assert again.profile_combo.currentText() == "HR (informal first complaint)"
    assert again.author_edit.text() == "Alex Example"


def test_password_protected_report(qtbot, session, window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    seed(session)
    dialog = open_dialog(qtbot, window)
    dialog.tabs.setCurrentIndex(2)
    choice = dialog.password_choice
    click(qtbot, choice.protect_check)
    assert "Type a password" in dialog.warning.text()
    click(qtbot, dialog.save_button)  # enabled: it says what is missing, at the field
    assert (
        dialog.focusWidget() is choice.password_edit
        and "Type a password" in choice.error_label.text()
    )
    assert dialog.file_dialog is None and not dialog.busy
    qtbot.keyClicks(choice.password_edit, "tea at four by the river")
    assert not choice.error_label.isVisible()  # typing takes the error back
    qtbot.keyClicks(choice.confirm_edit, "tea at four by the rive")
    assert "not the same" in dialog.warning.text()
    click(qtbot, dialog.preview_button)
    assert (
        dialog.focusWidget() is choice.confirm_edit and "not the same" in choice.error_label.text()
    )
    assert choice.confirm_edit.accessibleDescription() == "Error: " + MISMATCH
    assert dialog.rendered is None and not dialog.busy
    qtbot.keyClicks(choice.confirm_edit, "r")
    assert dialog.save_button.isEnabled() and "separately" in dialog.warning.text()
    assert not choice.error_label.isVisible()
    out = tmp_path / "secret.pdf"
    save_as(qtbot, dialog, out)  # Save without a preview lays it out first
    assert dialog.preview.page_count == dialog.rendered.pages  # type: ignore[union-attr]
    shown = subprocess.run(
        ["qpdf", "--show-encryption", "--password=tea at four by the river", str(out)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "AESv3" in shown
    assert (
        subprocess.run(["qpdf", "--check", str(out)], capture_output=True, check=False).returncode
        != 0
    )  # not without the password
    assert "TITLEONE" in pdftotext(out, "tea at four by the river")
    assert "protected with the password" in dialog.receipt_dialog.protection.text()  # type: ignore[union-attr]


def test_stop_while_writing_saves_nothing(qtbot, session, window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    seed(session, extra=40)
    dialog = open_dialog(qtbot, window)
    stopped: list[int] = []

    def stop_at_first_progress(done: int) -> None:
        if not stopped and dialog.stop_button.isVisible():
            stopped.append(done)
            click(qtbot, dialog.stop_button)

    dialog.progress.valueChanged.connect(stop_at_first_progress)
    click(qtbot, dialog.save_button)  # lays out first, then would ask where
    assert dialog.busy and not dialog.tabs.isEnabled() and not dialog.close_button.isEnabled()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=60_000)
    assert stopped
    assert dialog.status.text() == "Stopped. Nothing was saved."
    assert dialog.rendered is None and dialog.file_dialog is None
    assert dialog.tabs.isEnabled() and dialog.save_button.isEnabled()
    assert list(tmp_path.rglob("*.pdf")) == []
    # Esc while writing stops too, and leaves the dialog open.
    click(qtbot, dialog.preview_button)
    assert dialog.busy
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=60_000)
    assert dialog.isVisible()


def test_selection_lists_pass_qtmodeltester(qtbot, qtmodeltester, session, window) -> None:  # type: ignore[no-untyped-def]
    """The lists of the Entries tab (people, tags, categories, entries picked by hand) are
    item views over Qt's list models: checked once filled, and again after ticks changed."""
    seed(session)
    dialog = open_dialog(qtbot, window)
    panel = dialog.selection
    dialog.tabs.setCurrentIndex(1)
    click(qtbot, panel.mode_buttons["picked"])
    lists = (panel.people_list, panel.tag_list, panel.category_list, panel.pick_list)
    assert all(widget.count() > 0 for widget in lists)
    for widget in lists:
        qtmodeltester.check(widget.model())
    click(qtbot, panel.mode_buttons["matching"])
    tick(panel.people_list, "Viktor")
    tick(panel.category_list, "Unreasonable workload")
    for widget in lists:
        qtmodeltester.check(widget.model())


def test_selection_modes(qtbot, session, window) -> None:  # type: ignore[no-untyped-def]
    ids = seed(session)
    dialog = open_dialog(qtbot, window)
    panel = dialog.selection
    dialog.tabs.setCurrentIndex(1)
    assert not panel.mode_buttons["journal"].isEnabled()  # the journal shows everything
    click(qtbot, panel.mode_buttons["matching"])
    tick(panel.people_list, "Viktor")
    assert "2 entries will be in the report." in dialog.count_label.text()
    tick(panel.tag_list, "meetings")
    assert "1 entry will be in the report." in dialog.count_label.text()
    tick(panel.tag_list, "meetings")
    tick(panel.category_list, "Unreasonable workload")
    assert panel.selection().filter == IncidentFilter(
        person_ids=frozenset({ids["boss"]}),
        categories=frozenset({IncidentCategory.UNREASONABLE_WORKLOAD}),
    )
    tick(panel.category_list, "Unreasonable workload")
    click(qtbot, panel.from_check)
    panel.from_edit.setDate(QDate(2026, 3, 1))
    click(qtbot, panel.to_check)
    panel.to_edit.setDate(QDate(2026, 2, 1))
    assert "after" in dialog.count_label.text()
    dialog.tabs.setCurrentIndex(0)
    click(qtbot, dialog.save_button)  # the dates are shown wrong, at the "To" date
    assert dialog.tabs.currentIndex() == 1 and dialog.focusWidget() is panel.to_edit
    assert "after" in panel.error_label.text() and dialog.file_dialog is None
    assert panel.to_edit.accessibleDescription().startswith("Error: ")
    panel.to_edit.setDate(QDate(2026, 12, 31))
    assert "1 entry will be in the report." in dialog.count_label.text()
    preview(qtbot, dialog)
    assert dialog.rendered.entries == 1  # type: ignore[union-attr]
    # Picking by hand (the entries are read only now).
    assert panel.pick_list.count() == 0
    click(qtbot, panel.mode_buttons["picked"])
    assert panel.pick_list.count() == 3
    assert dialog.rendered is None  # the choice changed: the preview is dropped
    assert "No entries are chosen." in dialog.count_label.text()
    click(qtbot, dialog.preview_button)
    assert dialog.focusWidget() is panel.pick_list and "No entries" in panel.error_label.text()
    assert dialog.rendered is None and not dialog.busy
    qtbot.keyClicks(panel.pick_filter, "TITLETWO")
    click(qtbot, panel.pick_all)
    assert panel.selection().incident_ids == (ids["second"],)  # only what was shown
    panel.pick_filter.clear()
    tick(panel.pick_list, "TITLEONE")
    assert panel.selection().incident_ids == (ids["first"], ids["second"])
    preview(qtbot, dialog)
    assert dialog.rendered.entries == 2  # type: ignore[union-attr]


def test_journal_filter_is_the_starting_point(qtbot, session, window) -> None:  # type: ignore[no-untyped-def]
    seed(session)
    window.show_section("journal")
    journal = window.screens["journal"]
    qtbot.keyClicks(journal.search_edit, "TITLETWO")  # type: ignore[attr-defined]
    journal.apply_filters()  # type: ignore[attr-defined]
    dialog = open_dialog(qtbot, window)
    assert dialog.selection.mode == "journal"
    assert "1 entry will be in the report." in dialog.count_label.text()
    preview(qtbot, dialog)
    assert dialog.rendered.entries == 1  # type: ignore[union-attr]


def test_custom_choices_saved_as_a_profile(qtbot, session, window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    seed(session)
    dialog = open_dialog(qtbot, window)
    combo = dialog.profile_combo
    assert combo.currentText() == "Own copy"
    reflection = dialog.editor.field_checks["include_private_reflection"]
    assert not reflection.isChecked()
    click(qtbot, dialog.editor.field_checks["include_impact"])
    assert combo.currentText() == "Custom (my own choices)"
    assert "Changed from “Own copy”" in dialog.profile_note.text()
    click(qtbot, reflection)
    assert "Private reflections are left out" not in dialog.editor.left_out.text()
    qtbot.keyClicks(dialog.editor.reason_edit, "my first meeting with the union")
    qtbot.keyClicks(dialog.profile_name_edit, "Union first meeting")
    click(qtbot, dialog.save_profile_button)
    assert combo.currentText() == "Union first meeting (saved)"
    saved = ReportProfiles(session.repos.vault).list()
    assert [p.name for p in saved] == ["union-first-meeting"]
    assert saved[0].include_private_reflection and not saved[0].include_impact
    out = tmp_path / "custom.pdf"
    save_as(qtbot, dialog, out)
    text = flat(pdftotext(out))
    assert PRIVATE in text and IMPACT not in text
    assert "my first meeting with the union" in text  # the reason, in the redaction log
    dialog.receipt_dialog.accept()  # type: ignore[union-attr]
    dialog.close()
    qtbot.waitUntil(lambda: window.report_dialog is None, timeout=3000)
    # Next time it is offered (and last used); it can be deleted.
    dialog = open_dialog(qtbot, window)
    assert dialog.profile_combo.currentText() == "Union first meeting (saved)"
    assert dialog.editor.field_checks["include_private_reflection"].isChecked()
    Messages.set_next_answer(Button.Yes)
    click(qtbot, dialog.delete_profile_button)
    assert dialog.profile_combo.findText("Union first meeting (saved)") == -1
    assert ReportProfiles(session.repos.vault).list() == []
    # A built-in name cannot be taken.
    qtbot.keyClicks(dialog.profile_name_edit, "HR")
    click(qtbot, dialog.save_profile_button)
    assert "built-in" in dialog.recipient.name_error.text()  # said at the name field
    assert dialog.focusWidget() is dialog.profile_name_edit
    assert dialog.profile_name_edit.accessibleDescription().startswith("Error: ")


def test_nothing_to_report(qtbot, session, window) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, window)
    assert "No entries are chosen." in dialog.count_label.text()
    click(qtbot, dialog.save_button)
    assert dialog.tabs.currentIndex() == 1
    assert dialog.focusWidget() is dialog.selection.mode_buttons["all"]
    assert dialog.selection.error_label.text() == "\u26a0 Error: No entries are chosen."
    assert dialog.file_dialog is None and not dialog.busy


def test_save_into_a_folder_that_fails_keeps_the_report(qtbot, session, window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    seed(session)
    dialog = open_dialog(qtbot, window)
    preview(qtbot, dialog)
    kept = dialog.rendered
    Messages.set_next_answer(Button.Ok)
    dialog.write_to(tmp_path / "gone" / "r.pdf")
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)
    assert Messages.shown[-1].title == "Not saved"
    assert "does not exist" in dialog.status.text()
    assert dialog.rendered is kept and dialog.preview.page_count == kept.pages  # type: ignore[union-attr]
    assert list(tmp_path.rglob("*.pdf")) == [] and list(tmp_path.rglob("*.part")) == []


def retype(qtbot: QtBot, edit: QLineEdit, text: str) -> None:
    qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(edit, text)


def test_a_too_easy_pdf_password_is_refused_and_a_weak_one_asked_about_once(  # type: ignore[no-untyped-def]
    qtbot, session, window, tmp_path
) -> None:
    seed(session)
    dialog = open_dialog(qtbot, window)
    dialog.tabs.setCurrentIndex(2)
    choice = dialog.password_choice
    click(qtbot, choice.protect_check)
    qtbot.keyClicks(choice.password_edit, "7")
    qtbot.keyClicks(choice.confirm_edit, "7")
    assert dialog.warning.text() == (
        "This password is too easy to guess: it is shorter than 8 characters."
    )
    dialog.build(then_save=True)  # even if asked directly, nothing is laid out
    assert not dialog.busy and dialog.rendered is None

    retype(qtbot, choice.password_edit, "tea at four")
    retype(qtbot, choice.confirm_edit, "tea at four")
    assert dialog.save_button.isEnabled()
    assert dialog.warning.text().startswith("This password is weak: ")
    seen = helpers.answer_next_message_box(qtbot)  # Enter: the default, "Choose another"
    click(qtbot, dialog.preview_button)
    assert seen[0] == (
        "This password is weak: someone who gets the file could guess it "
        "without much effort. Use it anyway?"
    )
    assert seen[1] == "Choose another"
    assert not dialog.busy and dialog.rendered is None
    assert Messages.shown[-1].title == "Weak password"
    helpers.answer_next_message_box(qtbot, "Use it anyway")
    preview(qtbot, dialog)
    asked = len(Messages.shown)
    out = tmp_path / "weak.pdf"
    save_as(qtbot, dialog, out)
    assert len(Messages.shown) == asked  # asked once
    assert "TITLEONE" in pdftotext(out, "tea at four")


def test_lock_closes_the_dialog_and_forgets_the_report(qtbot, session, window) -> None:  # type: ignore[no-untyped-def]
    seed(session)
    dialog = open_dialog(qtbot, window)
    dialog.tabs.setCurrentIndex(2)
    click(qtbot, dialog.password_choice.protect_check)
    qtbot.keyClicks(dialog.password_choice.password_edit, "tea at four by the river")
    qtbot.keyClicks(dialog.password_choice.confirm_edit, "tea at four by the river")
    preview(qtbot, dialog)
    document = dialog.preview.document
    assert document is not None
    locker = LockController(session, SecureClipboard(timeout_seconds=0))
    assert locker.lock("test")
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert window.report_dialog is None
    assert document.closed
    assert dialog._rendered is None
    visible = [
        w
        for w in QApplication.topLevelWidgets()
        if w.isVisible() and w.objectName() in ("reportDialog", "receiptDialog")
    ]
    assert visible == []


def _marked_pixels(dialog: ReportDialog) -> int:
    """Pixels of the drawn page in the marking colour (translucent amber over white)."""
    image = dialog.preview.image.pixmap().toImage()
    found = 0
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            c = image.pixelColor(x, y)
            if c.red() > 240 and 215 <= c.green() <= 245 and 140 <= c.blue() <= 190:
                found += 1
    return found


def test_preview_marks_names_a_full_name_profile_prints(qtbot, session, window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Own copy prints names in full: the preview marks every cast-list name on the pages and
    says so calmly; F3 (and the button) go to the next marked page."""
    seed(session)
    dialog = open_dialog(qtbot, window)
    # The page drawn as wide as on a large screen (the dialog opens within the test screen):
    # a page drawn small blends the cover's amber box edge into the marking colour.
    dialog.resize(1180, 800)
    combo = dialog.profile_combo
    combo.setCurrentIndex(combo.findText("Own copy"))
    preview(qtbot, dialog)
    marks = dialog.preview.marks
    note = dialog.preview.names_label
    assert marks is not None and marks.count > 0
    assert note.isVisible()
    assert note.text() == (
        f"Names of people in your cast list are marked: {marks.count} on "
        f"pages {', '.join(str(p) for p in marks.pages[:12])}"
        + (" and others" if len(marks.pages) > 12 else "")
        + "."
    )
    assert "still appear" not in note.text()
    # Every full name poppler reads on the pages is among those counted.
    out = tmp_path / "own.pdf"
    out.write_bytes(dialog.rendered.data)  # type: ignore[union-attr]
    text = flat(pdftotext(out))
    in_full = sum(text.count(n) for n in ("Viktor Ångström", "Sam Peer", WITNESS))
    assert 0 < in_full <= marks.count
    # Reachable by keyboard, with names for a screen reader.
    assert note.accessibleName() == "Names on these pages"
    assert note.focusPolicy() & Qt.FocusPolicy.TabFocus
    button = dialog.preview.next_name_button
    assert button.isVisible() and button.accessibleName()
    assert dialog.preview.page == 0 and 1 not in marks.pages  # the cover names nobody
    assert _marked_pixels(dialog) == 0
    dialog.preview.scroll_area.setFocus()
    qtbot.keyClick(dialog.preview.scroll_area, Qt.Key.Key_F3)
    assert dialog.preview.page + 1 == marks.pages[0]
    assert _marked_pixels(dialog) > 20
    assert "names marked" in dialog.preview.image.accessibleName()
    click(qtbot, button)
    assert dialog.preview.page + 1 == (marks.pages + marks.pages[:1])[1]


def test_preview_counts_names_still_in_full_for_hr(qtbot, session, window) -> None:  # type: ignore[no-untyped-def]
    """HR shows witnesses by initials: a witness's surname written alone is shortened (not
    counted); the cast-list names HR prints in full are counted as still in full."""
    ids = seed(session)
    repos = session.repos
    first = repos.incidents.get(ids["first"])
    first.narrative = "Papadopoulou saw it; ELÉNI\u200bPAPADOPOULOU too. Sam Peer was away."
    repos.incidents.update(first)
    dialog = open_dialog(qtbot, window)
    combo = dialog.profile_combo
    combo.setCurrentIndex(combo.findText("HR (informal first complaint)"))
    preview(qtbot, dialog)
    marks = dialog.preview.marks
    assert marks is not None and marks.count > 0
    note = dialog.preview.names_label.text()
    assert note.startswith(f"{marks.count} names still appear in full on these pages (pages ")
    from peerdesk.export.preview import find_names

    rendered = dialog.rendered
    assert rendered is not None
    witness = find_names(rendered.data, None, [WITNESS])
    assert witness is not None and witness.count == 0
