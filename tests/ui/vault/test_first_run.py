"""The first-run wizard, driven as a person would: typing, clicking Next, Back and Finish."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QFileDialog,
    QLineEdit,
    QRadioButton,
    QStyle,
    QStyleOptionButton,
    QWizard,
)
from pytestqt.qtbot import QtBot

from peerdesk.storage.keystore import KeyringStatus
from peerdesk.ui.common.messages import Messages
from peerdesk.ui.vault import vault_files
from peerdesk.ui.vault.field_errors import shown_text
from peerdesk.ui.vault.first_run import device_page, open_page
from peerdesk.ui.vault.first_run.constants import FORGET_WARNING
from peerdesk.ui.vault.first_run.wizard import FirstRunWizard
from peerdesk.ui.vault.passphrase import NewPassphraseForm
from tests.ui.helpers import answer_next_message_box

STRONG = "marmalade umbrella violin quartz"
AVAILABLE = KeyringStatus(True, "Secret Service", "")
UNAVAILABLE = KeyringStatus(
    False,
    "keyring.backends.fail.Keyring",
    "No secure system keyring is available, so PeerDesk cannot remember your passphrase.",
)

Next = QWizard.WizardButton.NextButton
Finish = QWizard.WizardButton.FinishButton
Back = QWizard.WizardButton.BackButton


@pytest.fixture
def default_path(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    return folder / "vault.peerdesk"


@pytest.fixture
def make_wizard(qtbot, default_path: Path):  # type: ignore[no-untyped-def]
    def make(status: KeyringStatus = AVAILABLE) -> FirstRunWizard:
        wizard = FirstRunWizard(default_path, status)
        qtbot.addWidget(wizard)
        wizard.show()
        qtbot.waitExposed(wizard)
        return wizard

    return make


def click(qtbot: QtBot, wizard: FirstRunWizard, which: QWizard.WizardButton) -> None:
    button = wizard.button(which)
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def choose(qtbot: QtBot, wizard: FirstRunWizard, object_name: str) -> None:
    radio = wizard.currentPage().findChild(QRadioButton, object_name)
    assert radio is not None and radio.isVisible()
    qtbot.mouseClick(radio, Qt.MouseButton.LeftButton, pos=radio.rect().center())
    assert radio.isChecked()


def click_checkbox(qtbot: QtBot, box: QCheckBox) -> None:
    option = QStyleOptionButton()
    box.initStyleOption(option)
    rect = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=rect.center())


def type_passphrase(
    qtbot: QtBot, wizard: FirstRunWizard, first: str, second: str
) -> NewPassphraseForm:
    form = wizard.passphrase_page.form
    assert wizard.currentPage() is wizard.passphrase_page
    qtbot.keyClicks(form.first.edit, first)
    qtbot.keyClicks(form.second.edit, second)
    return form


# --------------------------------------------------------------------------- create


def test_create_flow_emits_what_was_chosen(qtbot, make_wizard, default_path: Path) -> None:  # type: ignore[no-untyped-def]
    wizard = make_wizard()
    assert wizard.windowTitle() == "PeerDesk"
    assert wizard.currentId() == FirstRunWizard.PAGE_WELCOME
    assert wizard.welcome_page.create_choice.radio.isChecked()  # the default choice
    click(qtbot, wizard, Next)

    form = type_passphrase(qtbot, wizard, STRONG, STRONG)
    warning = wizard.passphrase_page.warning
    assert warning.isVisible() and warning.text() == FORGET_WARNING
    assert form.match_text() == NewPassphraseForm.MATCH
    click(qtbot, wizard, Next)

    assert wizard.currentId() == FirstRunWizard.PAGE_USE
    assert wizard.use_page.both.radio.isChecked()  # default: both
    choose(qtbot, wizard, "useJournal")
    click(qtbot, wizard, Next)

    assert wizard.currentId() == FirstRunWizard.PAGE_DEVICE
    page = wizard.device_page
    assert page.path_edit.text() == str(default_path)
    assert page.remember.isEnabled() and not page.remember.isChecked()
    assert "anyone who can log in" in page.explanation.text().lower()
    assert "Secret Service" in page.explanation.text()
    click_checkbox(qtbot, page.remember)
    assert page.remember.isChecked()
    assert wizard.button(Finish).text() == "&Create vault"

    with qtbot.waitSignal(wizard.create_requested, timeout=2000) as created:
        click(qtbot, wizard, Finish)
    assert created.args == [str(default_path), STRONG, ["journal"], True]
    # The wizard does not keep the passphrase once it has handed it over.
    assert form.first.text() == "" and form.second.text() == ""
    assert not wizard.isVisible()


def test_shown_again_after_finish_asks_for_the_passphrase_again(qtbot, make_wizard) -> None:  # type: ignore[no-untyped-def]
    """If creating fails, the controller shows the wizard again: the passphrase is gone."""
    wizard = make_wizard()
    click(qtbot, wizard, Next)
    type_passphrase(qtbot, wizard, STRONG, STRONG)
    click(qtbot, wizard, Next)
    click(qtbot, wizard, Next)
    with qtbot.waitSignal(wizard.create_requested, timeout=2000):
        click(qtbot, wizard, Finish)
    wizard.show()
    qtbot.waitExposed(wizard)
    assert wizard.currentId() == FirstRunWizard.PAGE_PASSPHRASE
    assert not wizard.button(Next).isEnabled()
    type_passphrase(qtbot, wizard, STRONG, STRONG)
    click(qtbot, wizard, Next)
    click(qtbot, wizard, Next)
    with qtbot.waitSignal(wizard.create_requested, timeout=2000) as created:
        click(qtbot, wizard, Finish)
    assert created.args[1] == STRONG


def test_defaults_are_both_uses_and_not_remembered(qtbot, make_wizard) -> None:  # type: ignore[no-untyped-def]
    wizard = make_wizard()
    click(qtbot, wizard, Next)
    type_passphrase(qtbot, wizard, STRONG, STRONG)
    click(qtbot, wizard, Next)
    click(qtbot, wizard, Next)
    with qtbot.waitSignal(wizard.create_requested, timeout=2000) as created:
        click(qtbot, wizard, Finish)
    assert created.args[2] == ["journal", "supporter"]
    assert created.args[3] is False


def test_keyboard_only_create(qtbot, make_wizard) -> None:  # type: ignore[no-untyped-def]
    """Return moves from the first field to the second, then on to the next page."""
    wizard = make_wizard()
    click(qtbot, wizard, Next)
    form = wizard.passphrase_page.form
    qtbot.keyClicks(form.first.edit, STRONG)
    qtbot.keyClick(form.first.edit, Qt.Key.Key_Return)
    assert wizard.currentId() == FirstRunWizard.PAGE_PASSPHRASE  # not complete yet
    assert wizard.focusWidget() is form.second.edit
    qtbot.keyClicks(form.second.edit, STRONG)
    qtbot.keyClick(form.second.edit, Qt.Key.Key_Return)
    assert wizard.currentId() == FirstRunWizard.PAGE_USE


def test_supporter_only(qtbot, make_wizard) -> None:  # type: ignore[no-untyped-def]
    wizard = make_wizard()
    click(qtbot, wizard, Next)
    type_passphrase(qtbot, wizard, STRONG, STRONG)
    click(qtbot, wizard, Next)
    choose(qtbot, wizard, "useSupporter")
    click(qtbot, wizard, Next)
    with qtbot.waitSignal(wizard.create_requested, timeout=2000) as created:
        click(qtbot, wizard, Finish)
    assert created.args[2] == ["supporter"]


def test_mismatch_keeps_next_disabled_with_a_message(qtbot, make_wizard) -> None:  # type: ignore[no-untyped-def]
    wizard = make_wizard()
    click(qtbot, wizard, Next)
    form = type_passphrase(qtbot, wizard, STRONG, STRONG + "x")
    assert not wizard.button(Next).isEnabled()
    assert form.match_label.isVisible()
    assert form.match_text() == "The two passphrases are not the same yet."
    qtbot.keyClick(form.second.edit, Qt.Key.Key_Backspace)
    assert wizard.button(Next).isEnabled()


def test_hopeless_passphrase_never_passes(qtbot, make_wizard) -> None:  # type: ignore[no-untyped-def]
    wizard = make_wizard()
    click(qtbot, wizard, Next)
    form = type_passphrase(qtbot, wizard, "password", "password")
    assert not wizard.button(Next).isEnabled()
    assert "most common passwords" in form.meter.advice_text()
    assert form.meter.advice_text().startswith("Not strong enough to protect your vault yet")
    form.first.clear()
    form.second.clear()
    type_passphrase(qtbot, wizard, "x", "x")
    assert not wizard.button(Next).isEnabled()
    assert "shorter than 8 characters" in form.meter.advice_text()
    assert form.problem() == (
        "This passphrase is too easy to guess: it is shorter than 8 characters."
    )


def test_weak_passphrase_is_asked_about_once(qtbot, make_wizard) -> None:  # type: ignore[no-untyped-def]
    """ "correct horse" is labelled Weak: Next asks the one question; the default, "Choose
    another", keeps the user on the page; "Use it anyway" goes on."""
    wizard = make_wizard()
    click(qtbot, wizard, Next)
    form = type_passphrase(qtbot, wizard, "correct horse", "correct horse")
    assert form.meter.label.text() == "Strength: Weak"
    assert wizard.button(Next).isEnabled()
    seen = answer_next_message_box(qtbot, "Choose another")
    click(qtbot, wizard, Next)
    assert seen[0] == (
        "This passphrase is weak: someone who gets the file could guess it "
        "without much effort. Use it anyway?"
    )
    assert seen[1] == "Choose another"  # the default button
    assert wizard.currentId() == FirstRunWizard.PAGE_PASSPHRASE
    assert Messages.shown[-1].title == "Weak passphrase"
    seen = answer_next_message_box(qtbot)  # Enter takes the default: Choose another
    click(qtbot, wizard, Next)
    assert seen and wizard.currentId() == FirstRunWizard.PAGE_PASSPHRASE
    answer_next_message_box(qtbot, "Use it anyway")
    click(qtbot, wizard, Next)
    assert wizard.currentId() == FirstRunWizard.PAGE_USE
    asked = len(Messages.shown)
    click(qtbot, wizard, Back)
    click(qtbot, wizard, Next)  # the same passphrase: not asked again
    assert wizard.currentId() == FirstRunWizard.PAGE_USE and len(Messages.shown) == asked
    click(qtbot, wizard, Next)
    with qtbot.waitSignal(wizard.create_requested, timeout=2000) as created:
        click(qtbot, wizard, Finish)
    assert created.args[1] == "correct horse"


def test_weak_sample_vault_passphrase_is_asked_about_too(qtbot, make_wizard) -> None:  # type: ignore[no-untyped-def]
    wizard = make_wizard()
    choose(qtbot, wizard, "choiceDemo")
    click(qtbot, wizard, Next)
    type_passphrase(qtbot, wizard, "correct horse", "correct horse")
    emitted: list[object] = []
    wizard.demo_requested.connect(lambda *args: emitted.append(args))
    answer_next_message_box(qtbot, "Choose another")
    click(qtbot, wizard, Finish)
    assert emitted == [] and wizard.isVisible()
    assert wizard.passphrase_page.form.passphrase() == "correct horse"
    answer_next_message_box(qtbot, "Use it anyway")
    with qtbot.waitSignal(wizard.demo_requested, timeout=2000):
        click(qtbot, wizard, Finish)
    assert not wizard.isVisible()


def test_remember_disabled_with_reason_when_no_keyring(qtbot, make_wizard) -> None:  # type: ignore[no-untyped-def]
    wizard = make_wizard(UNAVAILABLE)
    click(qtbot, wizard, Next)
    type_passphrase(qtbot, wizard, STRONG, STRONG)
    click(qtbot, wizard, Next)
    click(qtbot, wizard, Next)
    page = wizard.device_page
    assert not page.remember.isEnabled()
    assert not page.remember.isChecked()
    assert page.unavailable.isVisible()
    assert page.unavailable.text() == UNAVAILABLE.reason
    click_checkbox(qtbot, page.remember)  # a disabled box does not tick
    assert not page.remember.isChecked()
    with qtbot.waitSignal(wizard.create_requested, timeout=2000) as created:
        click(qtbot, wizard, Finish)
    assert created.args[3] is False


def test_change_location_and_existing_file_is_refused(
    qtbot,
    make_wizard,
    tmp_path: Path,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    taken = tmp_path / "taken.peerdesk"
    taken.write_bytes(b"something")
    other = tmp_path / "elsewhere.peerdesk"
    answers = iter([taken, other])
    monkeypatch.setattr(device_page, "choose_new_vault_path", lambda _parent, _path: next(answers))
    wizard = make_wizard()
    click(qtbot, wizard, Next)
    type_passphrase(qtbot, wizard, STRONG, STRONG)
    click(qtbot, wizard, Next)
    click(qtbot, wizard, Next)
    page = wizard.device_page
    qtbot.mouseClick(page.change_button, Qt.MouseButton.LeftButton)
    assert page.path_edit.text() == str(taken)
    assert page.path_problem.isVisible()
    assert "never replaces a file" in shown_text(page.path_problem)
    assert not wizard.button(Finish).isEnabled()
    qtbot.mouseClick(page.change_button, Qt.MouseButton.LeftButton)
    assert page.path_edit.text() == str(other)
    assert not page.path_problem.isVisible()
    with qtbot.waitSignal(wizard.create_requested, timeout=2000) as created:
        click(qtbot, wizard, Finish)
    assert created.args[0] == str(other)
    assert taken.read_bytes() == b"something"


def test_going_back_to_the_start_forgets_the_passphrase(qtbot, make_wizard) -> None:  # type: ignore[no-untyped-def]
    wizard = make_wizard()
    click(qtbot, wizard, Next)
    form = type_passphrase(qtbot, wizard, STRONG, STRONG)
    click(qtbot, wizard, Back)
    assert wizard.currentId() == FirstRunWizard.PAGE_WELCOME
    assert form.first.text() == "" and form.second.text() == ""


def test_cancel_forgets_the_passphrase(qtbot, make_wizard) -> None:  # type: ignore[no-untyped-def]
    wizard = make_wizard()
    click(qtbot, wizard, Next)
    form = type_passphrase(qtbot, wizard, STRONG, STRONG)
    with qtbot.waitSignal(wizard.rejected, timeout=2000):
        qtbot.mouseClick(
            wizard.button(QWizard.WizardButton.CancelButton), Qt.MouseButton.LeftButton
        )
    assert form.first.text() == "" and form.second.text() == ""


def test_title_never_shows_content(qtbot, make_wizard) -> None:  # type: ignore[no-untyped-def]
    wizard = make_wizard()
    titles = {wizard.windowTitle()}
    click(qtbot, wizard, Next)
    type_passphrase(qtbot, wizard, STRONG, STRONG)
    titles.add(wizard.windowTitle())
    click(qtbot, wizard, Next)
    titles.add(wizard.windowTitle())
    assert titles == {"PeerDesk"}


# --------------------------------------------------------------------------- open


def test_open_existing_flow(qtbot, make_wizard, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    existing = tmp_path / "mine.peerdesk"
    existing.write_bytes(b"not really a vault, but a file")
    wizard = make_wizard()
    choose(qtbot, wizard, "choiceOpen")
    click(qtbot, wizard, Next)
    assert wizard.currentId() == FirstRunWizard.PAGE_OPEN
    page = wizard.open_page
    assert wizard.button(Finish).text() == "&Open vault"
    assert not wizard.button(Finish).isEnabled()

    qtbot.keyClicks(page.path_edit, str(tmp_path / "missing.peerdesk"))
    assert not wizard.button(Finish).isEnabled()
    assert shown_text(page.problem_label) == "There is no file at that path."

    page.path_edit.selectAll()
    qtbot.keyClicks(page.path_edit, str(tmp_path))
    assert not wizard.button(Finish).isEnabled()
    assert "folder" in shown_text(page.problem_label)

    page.path_edit.selectAll()
    qtbot.keyClicks(page.path_edit, str(existing))
    assert not page.problem_label.isVisible()
    with qtbot.waitSignal(wizard.open_requested, timeout=2000) as opened:
        click(qtbot, wizard, Finish)
    assert opened.args == [str(existing)]


def test_open_browse_fills_the_path(
    qtbot,
    make_wizard,
    tmp_path: Path,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    existing = tmp_path / "picked.peerdesk"
    existing.write_bytes(b"x")
    monkeypatch.setattr(open_page, "choose_existing_vault", lambda _parent, _start: existing)
    wizard = make_wizard()
    choose(qtbot, wizard, "choiceOpen")
    click(qtbot, wizard, Next)
    qtbot.mouseClick(wizard.open_page.browse, Qt.MouseButton.LeftButton)
    assert wizard.open_page.path_edit.text() == str(existing)
    assert wizard.button(Finish).isEnabled()


# --------------------------------------------------------------------------- demo


def test_demo_flow(qtbot, make_wizard, default_path: Path) -> None:  # type: ignore[no-untyped-def]
    wizard = make_wizard()
    choose(qtbot, wizard, "choiceDemo")
    click(qtbot, wizard, Next)
    assert "sample" in wizard.passphrase_page.title().lower()
    form = type_passphrase(qtbot, wizard, STRONG, STRONG + "!")
    assert not wizard.button(Finish).isEnabled()  # mismatch keeps Finish disabled
    assert form.match_text() == NewPassphraseForm.MISMATCH
    qtbot.keyClick(form.second.edit, Qt.Key.Key_Backspace)
    assert wizard.button(Finish).text() == "&Create sample vault"
    with qtbot.waitSignal(wizard.demo_requested, timeout=2000) as demo:
        click(qtbot, wizard, Finish)
    assert demo.args == [str(default_path.with_name("sample-data.peerdesk")), STRONG]
    assert form.first.text() == ""


def test_demo_never_reuses_an_existing_sample(qtbot, make_wizard, default_path: Path) -> None:  # type: ignore[no-untyped-def]
    default_path.with_name("sample-data.peerdesk").write_bytes(b"x")
    default_path.with_name("sample-data-2.peerdesk").write_bytes(b"x")
    wizard = make_wizard()
    choose(qtbot, wizard, "choiceDemo")
    click(qtbot, wizard, Next)
    type_passphrase(qtbot, wizard, STRONG, STRONG)
    with qtbot.waitSignal(wizard.demo_requested, timeout=2000) as demo:
        click(qtbot, wizard, Finish)
    assert demo.args[0] == str(default_path.with_name("sample-data-3.peerdesk"))


# --------------------------------------------------------------------------- file dialog


def _file_dialog_settings() -> dict[str, object]:
    settings = QSettings(QSettings.Scope.UserScope, "QtProject")
    settings.sync()
    settings.beginGroup("FileDialog")
    return {key: settings.value(key) for key in settings.childKeys()}


def test_save_dialog_adds_the_suffix_and_remembers_no_folder(qtbot: QtBot, tmp_path: Path) -> None:
    folder = tmp_path / "private-folder-name"
    folder.mkdir()
    before = _file_dialog_settings()
    seen: list[QFileDialog] = []
    attempts: list[int] = []

    def answer() -> None:
        # The dialog is modal: this runs inside its event loop, typing a name and pressing
        # Return. Until the dialog has read its folder, Return may be ignored: try again.
        attempts.append(1)
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QFileDialog):
            seen.append(dialog)
            name = dialog.findChild(QLineEdit, "fileNameEdit")
            name.clear()
            qtbot.keyClicks(name, "new-vault")
            qtbot.keyClick(name, Qt.Key.Key_Return)
            if not dialog.isVisible():
                return
        if len(attempts) < 200:
            QTimer.singleShot(20, answer)

    QTimer.singleShot(0, answer)
    chosen = vault_files.choose_new_vault_path(None, folder / "vault.peerdesk")
    assert seen, "the file dialog was not shown"
    assert chosen == folder / "new-vault.peerdesk"
    after = _file_dialog_settings()
    assert after == before
    assert "private-folder-name" not in repr(after)
