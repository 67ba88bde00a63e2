"""The unlock window and the support panel, driven as a person would."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QCheckBox, QStyle, QStyleOptionButton
from pytestqt.qtbot import QtBot

from peerdesk.content import load_builtin_resources
from peerdesk.models.enums import ResourceKind
from peerdesk.models.resource import Resource
from peerdesk.storage.errors import (
    IntegrityFailed,
    VaultCorrupted,
    VaultEmpty,
    VaultError,
    VaultInUse,
    VaultIsDirectory,
    VaultNotFound,
    VaultReadOnly,
    VaultTooNew,
    WrongPassphrase,
)
from peerdesk.storage.keystore import KeyringLocked, KeyringStatus
from peerdesk.ui.common.messages import Messages
from peerdesk.ui.directory.support_panel import (
    ALL_COUNTRIES,
    DANGER_LINE,
    SupportDialog,
    SupportPanel,
    contact_html,
    open_link,
    resource_rank,
)
from peerdesk.ui.vault import unlock as unlock_module
from peerdesk.ui.vault.unlock import UnlockWindow
from peerdesk.ui.vault.unlock_errors import GENERIC_ERROR, TYPE_FIRST_MESSAGE

PASSPHRASE = "marmalade umbrella violin quartz"
AVAILABLE = KeyringStatus(True, "Secret Service", "")
UNAVAILABLE = KeyringStatus(
    False,
    "keyring.backends.fail.Keyring",
    "No secure keyring here, so PeerDesk cannot remember it.",
)


@pytest.fixture(autouse=True)
def _no_messages():  # type: ignore[no-untyped-def]
    Messages.reset()
    yield
    assert Messages.shown == [], "the unlock window shows errors inline, never as a popup"
    Messages.reset()


@pytest.fixture
def vault_file(tmp_path: Path) -> Path:
    path = tmp_path / "journal.peerdesk"
    path.write_bytes(b"stand-in")
    return path


@pytest.fixture
def make_window(qtbot, vault_file: Path):  # type: ignore[no-untyped-def]
    def make(status: KeyringStatus = AVAILABLE) -> UnlockWindow:
        window = UnlockWindow(vault_file, status, load_builtin_resources())
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        return window

    return make


def click_checkbox(qtbot: QtBot, box: QCheckBox) -> None:
    option = QStyleOptionButton()
    box.initStyleOption(option)
    rect = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=rect.center())


# --------------------------------------------------------------------------- the window


def test_title_and_vault_name(make_window, vault_file: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    assert window.windowTitle() == "PeerDesk — Unlock"
    assert window.vault_label.text() == "Vault: journal.peerdesk"
    assert window.vault_label.toolTip() == str(vault_file)
    assert str(vault_file.parent) not in window.vault_label.text()
    assert window.minimumWidth() >= 520 and window.minimumHeight() >= 420


def test_direction_changing_characters_are_shown(make_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    window.set_vault_path(tmp_path / "report\u202egpj.peerdesk")
    assert window.vault_label.text() == "Vault: report[U+202E]gpj.peerdesk"
    window.set_vault_path(tmp_path / "<b>bold</b>.peerdesk")
    assert window.vault_label.textFormat() == Qt.TextFormat.PlainText


def test_enter_submits(qtbot, make_window, vault_file: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    assert window.focusWidget() is window.passphrase.edit  # ready to type on show
    qtbot.keyClicks(window.passphrase.edit, PASSPHRASE)
    with qtbot.waitSignal(window.unlock_requested, timeout=2000) as unlocked:
        qtbot.keyClick(window.passphrase.edit, Qt.Key.Key_Return)
    assert unlocked.args == [str(vault_file), PASSPHRASE, False]
    assert PASSPHRASE not in window.windowTitle()


def test_unlock_button_with_remember(qtbot, make_window, vault_file: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    qtbot.keyClicks(window.passphrase.edit, PASSPHRASE)
    click_checkbox(qtbot, window.remember)
    assert window.remember.isChecked()
    with qtbot.waitSignal(window.unlock_requested, timeout=2000) as unlocked:
        qtbot.mouseClick(window.unlock_button, Qt.MouseButton.LeftButton)
    assert unlocked.args == [str(vault_file), PASSPHRASE, True]


def test_empty_passphrase_asks_instead_of_submitting(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    with qtbot.assertNotEmitted(window.unlock_requested):
        qtbot.mouseClick(window.unlock_button, Qt.MouseButton.LeftButton)
    assert window.error_message() == TYPE_FIRST_MESSAGE


def test_remember_disabled_with_reason(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window(UNAVAILABLE)
    assert not window.remember.isEnabled()
    assert window.remember_note.isVisible()
    assert window.remember_note.text() == UNAVAILABLE.reason
    qtbot.keyClicks(window.passphrase.edit, PASSPHRASE)
    with qtbot.waitSignal(window.unlock_requested, timeout=2000) as unlocked:
        qtbot.keyClick(window.passphrase.edit, Qt.Key.Key_Return)
    assert unlocked.args[2] is False


def test_busy_disables_input_and_shows_progress(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    qtbot.keyClicks(window.passphrase.edit, PASSPHRASE)
    window.set_busy(True)
    assert window.busy_label.isVisible() and window.busy_label.text() == "Unlocking…"
    assert window.busy_bar.isVisible()
    assert window.busy_bar.minimum() == 0 and window.busy_bar.maximum() == 0  # indeterminate
    assert not window.passphrase.isEnabled()
    assert not window.unlock_button.isEnabled()
    with qtbot.assertNotEmitted(window.unlock_requested):
        qtbot.keyClick(window.passphrase.edit, Qt.Key.Key_Return)
    window.set_busy(False)
    assert not window.busy_label.isVisible()
    assert window.passphrase.isEnabled() and window.unlock_button.isEnabled()


def test_clear_empties_the_passphrase(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    qtbot.keyClicks(window.passphrase.edit, PASSPHRASE)
    window.show_error(WrongPassphrase())
    window.clear()
    assert window.passphrase.text() == ""
    assert not window.passphrase.edit.isUndoAvailable()
    assert window.error_message() == ""


# --------------------------------------------------------------------------- errors

ERRORS: list[tuple[Exception, bool, bool, str]] = [
    # (error, offers restore, offers open/create, a phrase the message must contain)
    (WrongPassphrase(), False, False, "Caps Lock"),
    (VaultInUse(), False, False, "another PeerDesk window or another program"),
    (VaultCorrupted(), True, False, "damaged"),
    (VaultEmpty(), True, False, "empty or cut short"),
    (
        IntegrityFailed("The vault failed its integrity check: page 3"),
        True,
        False,
        "integrity check",
    ),
    (VaultTooNew(), False, False, "Update PeerDesk"),
    (VaultNotFound(), False, True, "moved, renamed or deleted"),
    (VaultIsDirectory(), False, True, "folder"),
    (VaultReadOnly(), False, False, "read-only"),
    (KeyringLocked(), False, False, "keyring is locked"),
    (RuntimeError("secret content /home/someone/notes"), False, False, "unexpected problem"),
]


@pytest.mark.parametrize(
    ("error", "restore", "elsewhere", "phrase"), ERRORS, ids=[type(e[0]).__name__ for e in ERRORS]
)
def test_each_error_has_its_own_inline_message(
    qtbot,
    make_window,
    error: Exception,  # type: ignore[no-untyped-def]
    restore: bool,
    elsewhere: bool,
    phrase: str,
) -> None:
    window = make_window()
    qtbot.keyClicks(window.passphrase.edit, PASSPHRASE)
    window.set_busy(True)
    window.show_error(error)
    assert not window.is_busy()
    message = window.error_message()
    assert phrase in message
    assert window.error_box.isVisible()
    assert window.restore_button.isVisible() is restore
    assert window.error_open_button.isVisible() is elsewhere
    assert window.error_create_button.isVisible() is elsewhere
    assert PASSPHRASE not in message and "secret content" not in message
    assert window.windowTitle() == "PeerDesk — Unlock"


def test_messages_are_all_different(make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    seen = set()
    for error, *_ in ERRORS:
        window.show_error(error)
        seen.add(window.error_message())
    assert len(seen) == len(ERRORS)


def test_unknown_errors_get_a_content_free_sentence(make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    window.show_error(ValueError("Alice told me about the meeting"))
    assert window.error_message() == GENERIC_ERROR


def test_other_vault_errors_use_their_own_plain_sentence(make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    window.show_error(VaultError("This PeerDesk was built with an unsupported SQLCipher version."))
    assert "unsupported SQLCipher" in window.error_message()


def test_wrong_passphrase_selects_it_for_a_retry(qtbot, make_window, vault_file: Path) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    qtbot.keyClicks(window.passphrase.edit, "wrong guess")
    with qtbot.waitSignal(window.unlock_requested, timeout=2000):
        qtbot.keyClick(window.passphrase.edit, Qt.Key.Key_Return)
    window.set_busy(True)
    window.show_error(WrongPassphrase())
    assert window.focusWidget() is window.passphrase.edit
    assert window.passphrase.edit.selectedText() == "wrong guess"
    qtbot.keyClicks(window.passphrase.edit, PASSPHRASE)  # typing replaces the selection
    with qtbot.waitSignal(window.unlock_requested, timeout=2000) as retried:
        qtbot.keyClick(window.passphrase.edit, Qt.Key.Key_Return)
    assert retried.args == [str(vault_file), PASSPHRASE, False]
    assert window.error_message() == ""  # the old error goes once the user tries again


@pytest.mark.parametrize("error", [VaultCorrupted(), VaultEmpty()], ids=["corrupted", "empty"])
def test_restore_button_emits_restore_requested(
    qtbot,
    make_window,
    vault_file: Path,  # type: ignore[no-untyped-def]
    error: Exception,
) -> None:
    window = make_window()
    window.show_error(error)
    with qtbot.waitSignal(window.restore_requested, timeout=2000) as restore:
        qtbot.mouseClick(window.restore_button, Qt.MouseButton.LeftButton)
    assert restore.args == [str(vault_file)]


def test_missing_vault_offers_open_and_create(
    qtbot,
    make_window,
    tmp_path: Path,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    other = tmp_path / "found-it.peerdesk"
    other.write_bytes(b"x")
    monkeypatch.setattr(unlock_module, "choose_existing_vault", lambda _parent, _start: other)
    window = make_window()
    window.show_error(VaultNotFound())
    assert not window.vault_actions.isVisible()  # the same two buttons are not shown twice
    with qtbot.waitSignal(window.create_requested, timeout=2000):
        qtbot.mouseClick(window.error_create_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(window.passphrase.edit, "typed for the old file")
    with qtbot.waitSignal(window.vault_changed, timeout=2000) as changed:
        qtbot.mouseClick(window.error_open_button, Qt.MouseButton.LeftButton)
    assert changed.args == [str(other)]
    assert window.vault_path() == other
    assert window.vault_label.text() == "Vault: found-it.peerdesk"
    assert window.passphrase.text() == ""
    assert window.error_message() == ""
    assert window.vault_actions.isVisible()


def test_open_another_and_create_from_the_footer(
    qtbot,
    make_window,
    tmp_path: Path,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = make_window()
    monkeypatch.setattr(unlock_module, "choose_existing_vault", lambda _parent, _start: None)
    with qtbot.assertNotEmitted(window.vault_changed):
        qtbot.mouseClick(window.open_button, Qt.MouseButton.LeftButton)  # cancelled
    with qtbot.waitSignal(window.create_requested, timeout=2000):
        qtbot.mouseClick(window.create_button, Qt.MouseButton.LeftButton)


# --------------------------------------------------------------------------- support


def test_support_is_readable_without_unlocking(qtbot, make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    qtbot.mouseClick(window.support_button, Qt.MouseButton.LeftButton)
    dialog = window.findChild(SupportDialog)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    assert dialog.windowTitle() == "Support and crisis resources"
    assert dialog.panel.danger.text() == DANGER_LINE
    assert dialog.panel.cards
    assert resource_rank(dialog.panel.visible_resources()[0]) == 0  # an emergency number
    window.clear()  # locking closes it
    assert not dialog.isVisible()


def _sample() -> list[Resource]:
    return [
        Resource(
            name="Acas helpline",
            kind=ResourceKind.EXTERNAL,
            contact="acas.org.uk",
            notes="Advice on rights at work.",
            country="GB",
        ),
        Resource(
            name="Samaritans",
            kind=ResourceKind.HELPLINE,
            contact="Call 116 123",
            notes="Crisis line: free, any time.",
            country="GB",
        ),
        Resource(
            name="Your HR contact",
            kind=ResourceKind.HR,
            contact="",
            notes="How to raise a concern.",
        ),
        Resource(
            name="988 Lifeline",
            kind=ResourceKind.HELPLINE,
            contact="Call or text 988",
            notes="Crisis line: 24 hours.",
            country="US",
        ),
        Resource(
            name="Emergency services (UK)",
            kind=ResourceKind.HELPLINE,
            contact="Call 999",
            notes="Emergency: if you are in danger.",
            country="GB",
        ),
        Resource(
            name="112",
            kind=ResourceKind.HELPLINE,
            contact="Call 112",
            notes="Emergency: across the EU.",
        ),
    ]


def test_support_panel_crisis_first_and_country_filter(qtbot: QtBot) -> None:
    panel = SupportPanel(_sample(), country="GB")
    qtbot.addWidget(panel)
    panel.show()
    names = [r.name for r in panel.visible_resources()]
    assert names == [
        "Emergency services (UK)",
        "112",
        "Samaritans",
        "Acas helpline",
        "Your HR contact",
    ]
    assert [card.rank for card in panel.cards][:3] == [0, 0, 1]
    assert panel.cards[0].badge.text() == "Emergency"
    assert panel.cards[2].badge.text() == "Crisis line"
    assert panel.cards[2].notes_label.text() == "Free, any time."
    combo = panel.country_combo
    assert [combo.itemText(i) for i in range(combo.count())] == [
        ALL_COUNTRIES,
        "United Kingdom",
        "United States",
    ]
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # United Kingdom → United States
    assert panel.country() == "US"
    assert [r.name for r in panel.visible_resources()] == ["112", "988 Lifeline", "Your HR contact"]
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    assert panel.country() == ""
    assert len(panel.visible_resources()) == 6
    assert [resource_rank(r) for r in panel.visible_resources()] == [0, 0, 1, 1, 2, 2]


def test_support_panel_defaults_to_the_system_country(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The system locale's country (QLocale.system(), not the language PeerDesk speaks).
    from peerdesk.ui.directory import support_panel

    monkeypatch.setattr(support_panel, "system_country", lambda: "US")
    panel = SupportPanel(_sample())
    qtbot.addWidget(panel)
    assert panel.country() == "US"
    monkeypatch.setattr(support_panel, "system_country", lambda: "FR")
    other = SupportPanel(_sample())
    qtbot.addWidget(other)
    assert other.country() == ""  # no French entries: all countries


def test_builtin_directory_shows_crisis_entries_first_everywhere(qtbot: QtBot) -> None:
    panel = SupportPanel(load_builtin_resources(), country="")
    qtbot.addWidget(panel)
    for index in range(panel.country_combo.count()):
        panel.country_combo.setCurrentIndex(index)
        ranks = [resource_rank(r) for r in panel.visible_resources()]
        assert ranks == sorted(ranks)
        assert ranks and ranks[0] == 0, panel.country_combo.currentText()


def test_contacts_link_only_tel_and_https_and_escape_text() -> None:
    html = contact_html(
        "Call 116 123 (free) · Email jo@samaritans.org · samaritans.org · "
        "http://insecure.example · Text SHOUT to 85258 · <b>bold</b> & more"
    )
    assert 'href="tel:116123"' in html
    assert 'href="https://samaritans.org"' in html
    assert "jo@samaritans.org" in html and "mailto" not in html
    assert 'href="http://' not in html and "insecure.example" in html
    assert "tel:85258" not in html  # a text-message number is not a call
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; more" in html
    assert 'href="https://www.x.org/a"' in contact_html("https://www.x.org/a")
    assert 'href="tel:+441234567890"' in contact_html("+44 1234 567890")


class _Catcher(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    @Slot(QUrl)
    def handle(self, url: QUrl) -> None:
        self.urls.append(url.toString())


def test_links_open_only_through_desktop_services_and_only_safe_schemes(qtbot: QtBot) -> None:
    catcher = _Catcher()
    for scheme in ("tel", "https", "file", "http"):
        QDesktopServices.setUrlHandler(scheme, catcher, "handle")
    try:
        assert open_link("tel:116123")
        assert open_link("https://samaritans.org")
        assert not open_link("file:///etc/passwd")
        assert not open_link("http://insecure.example")
        assert not open_link("javascript:alert(1)")
        panel = SupportPanel(_sample(), country="GB")
        qtbot.addWidget(panel)
        panel.show()
        qtbot.waitExposed(panel)
        # Activate the first link of the UK emergency card with the keyboard.
        label = panel.cards[0].contact_label
        label.setFocus()
        qtbot.keyClick(label, Qt.Key.Key_Tab)
        qtbot.keyClick(label, Qt.Key.Key_Return)
        assert catcher.urls == ["tel:116123", "https://samaritans.org", "tel:999"]
    finally:
        for scheme in ("tel", "https", "file", "http"):
            QDesktopServices.unsetUrlHandler(scheme)


# --------------------------------------------------------------------------- issue 19
# Through the whole application (tests/ui/shell/test_app_flow.py's controller, on a real vault).

from tests.ui.shell import test_app_flow as flow  # noqa: E402
from tests.ui.shell.test_app_flow import controller  # noqa: E402, F401  (its fixture, by name)


def _unlock_and_wait_for_a_backup(qtbot, ctrl) -> Path:  # type: ignore[no-untyped-def]
    path = flow.make_vault()
    flow.fill_markers(path)
    ctrl.start()
    flow.unlock_by_typing(qtbot, ctrl, flow.STRONG)
    qtbot.waitUntil(lambda: flow.main_visible(ctrl), timeout=flow.WAIT)
    backups = ctrl.registry.backups_directory()
    qtbot.waitUntil(lambda: any(backups.glob("*-unlock.peerdesk")), timeout=flow.WAIT)
    ctrl.lock("manual")
    from peerdesk.ui.common.workers import wait_for_all

    wait_for_all(flow.WAIT)
    return path


@pytest.mark.parametrize("offset", [9, 2000], ids=["salt", "first page"])
def test_damage_at_the_start_is_called_damage_and_the_backup_restores(
    qtbot: QtBot, request: pytest.FixtureRequest, offset: int
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from peerdesk.storage.errors import VaultStartDamaged

    ctrl = request.getfixturevalue("controller")
    path = _unlock_and_wait_for_a_backup(qtbot, ctrl)
    with open(path, "r+b") as f:
        f.seek(offset)
        byte = f.read(1)[0]
        f.seek(offset)
        f.write(bytes([byte ^ 0x40]))
    window = ctrl.unlock_window
    flow.unlock_by_typing(qtbot, ctrl, flow.STRONG)
    qtbot.waitUntil(lambda: window.restore_button.isVisible(), timeout=flow.WAIT)
    message = window.error_message()
    assert message.startswith(VaultStartDamaged.dated_message.split("(")[0])
    assert "most likely right" in message and "type the new passphrase instead" in message
    assert "does not open" not in window.error_message()
    Messages.set_next_answer(QMessageBox.StandardButton.Yes)  # "Restore"
    Messages.set_next_answer(QMessageBox.StandardButton.Ok)  # "Backup restored"
    qtbot.mouseClick(window.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: flow.main_visible(ctrl), timeout=flow.WAIT)
    assert [s.title for s in ctrl.session.repos.incidents.list()] == [flow.MARKERS[0]]
    assert list(path.parent.glob("*.replaced-*"))  # the damaged file was kept
    assert [m.title for m in Messages.shown] == [
        "Restore the newest good backup",
        "Backup restored",
    ]
    Messages.reset()  # these two were asked for; the unlock window itself showed no popup


def test_a_wrong_passphrase_with_backups_is_still_a_wrong_passphrase(
    qtbot: QtBot, request: pytest.FixtureRequest
) -> None:
    ctrl = request.getfixturevalue("controller")
    _unlock_and_wait_for_a_backup(qtbot, ctrl)
    window = ctrl.unlock_window
    flow.unlock_by_typing(qtbot, ctrl, "not the passphrase")
    qtbot.waitUntil(lambda: "does not open this vault" in window.error_message(), timeout=flow.WAIT)
    assert not window.restore_button.isVisible()


def test_a_pipe_and_a_symlink_loop_get_the_same_words_as_the_cli(
    qtbot: QtBot, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    from peerdesk.storage.errors import NotAVaultFile

    ctrl = request.getfixturevalue("controller")
    fifo = tmp_path / "pipe.peerdesk"
    os.mkfifo(fifo)
    loop = tmp_path / "loop.peerdesk"
    loop.symlink_to(loop)
    for path, words in ((fifo, NotAVaultFile.default_message), (loop, NotAVaultFile.loop_message)):
        ctrl.flow.show_unlock(path)
        window = ctrl.unlock_window
        flow.unlock_by_typing(qtbot, ctrl, flow.STRONG)
        qtbot.waitUntil(lambda w=window: w.error_message() != "", timeout=flow.WAIT)
        assert window.error_message() == words
        assert window.error_open_button.isVisible() and not window.restore_button.isVisible()


def test_choosing_a_pipe_with_open_another_says_what_it_is(  # type: ignore[no-untyped-def]
    qtbot, make_window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from peerdesk.storage.errors import NotAVaultFile

    fifo = tmp_path / "pipe.peerdesk"
    os.mkfifo(fifo)
    monkeypatch.setattr(unlock_module, "choose_existing_vault", lambda _parent, _start: fifo)
    window = make_window()
    qtbot.mouseClick(window.open_button, Qt.MouseButton.LeftButton)
    assert window.error_message() == NotAVaultFile.default_message
