"""Issue 17 (encryption): every place a PDF password is typed gives the same strength feedback
as the vault passphrase (the same meter: bar, "Strength: …", advice), refuses a one-character
password out loud and asks about a weak one. Driven through the real report dialog and the
supporter's export options (What I hold, statistics)."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from peerdesk.models.incident import Incident
from peerdesk.ui.common.messages import Button, Messages
from peerdesk.ui.common.pdf_options import PdfPasswordChoice
from peerdesk.ui.common.session import VaultSession
from peerdesk.ui.common.strength_meter import StrengthMeter
from peerdesk.ui.shell.main_window import MainWindow
from peerdesk.ui.supporter.exports import ExportOptionsDialog
from peerdesk.ui.vault.passphrase import NewPassphraseForm
from tests.ui.helpers import click

SAMPLES = ("7", "tea at four", "Zoë rides the night ferry at nine")


def type_into(qtbot: QtBot, edit: QLineEdit, text: str) -> None:
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    edit.insert(text)  # keyClicks cannot type "ë"; insert is what an input method does


def feedback(meter: StrengthMeter) -> tuple[int, str, str]:
    return meter.bar.value(), meter.label.text(), meter.advice_text()


def vault_feedback(qtbot: QtBot, text: str) -> tuple[int, str, str]:
    form = NewPassphraseForm()
    qtbot.addWidget(form)
    form.first.edit.setText(text)
    return feedback(form.meter)


def check_choice(qtbot: QtBot, choice: PdfPasswordChoice, can_go: QWidget | None) -> None:
    """The meter says what the vault's says; a one-character password stops the export
    (``can_go`` greyed out; ``None``: the dialog keeps it enabled and shows the reason at the
    field when it is pressed)."""
    meter = choice.meter
    assert meter.isVisibleTo(choice.window())
    assert meter.bar.accessibleName() == "Password strength"
    assert not meter.isEnabled()  # no protection, nothing to measure
    click(qtbot, choice.protect_check)
    assert meter.isEnabled()
    for text in SAMPLES:
        type_into(qtbot, choice.password_edit, text)
        type_into(qtbot, choice.confirm_edit, text)
        bar, label, advice = feedback(meter)
        vault_bar, vault_label, vault_advice = vault_feedback(qtbot, text)
        assert (bar, label) == (vault_bar, vault_label), text
        assert advice == vault_advice.replace("your vault", "the PDF"), text
    type_into(qtbot, choice.password_edit, "7")
    type_into(qtbot, choice.confirm_edit, "7")
    assert can_go is None or not can_go.isEnabled()
    assert meter.label.text() == "Strength: Very weak"
    assert meter.advice_text().startswith("Not strong enough to protect the PDF yet.")
    assert choice.warning.text() == (
        "This password is too easy to guess: it is shorter than 8 characters."
    )
    folder = os.environ.get("PEERDESK_SHOTS_DIR")
    if folder:
        choice.window().grab().save(str(Path(folder) / f"{choice.window().objectName()}.png"))


@pytest.fixture
def window(qtbot: QtBot, session: VaultSession) -> MainWindow:
    session.repos.incidents.add(Incident(event_date=date(2026, 1, 10), title="Shouted at"))
    w = MainWindow(session, ["journal", "supporter"])
    qtbot.addWidget(w)
    w.show()
    return w


def test_the_report_dialog_measures_the_pdf_password_like_the_vault(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.export_report_action.trigger()
    dialog = window.report_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=3000)
    dialog.tabs.setCurrentIndex(2)
    choice = dialog.password_choice
    check_choice(qtbot, choice, None)
    # The buttons stay enabled; pressing one shows why not, at the password field.
    assert dialog.save_button.isEnabled() and dialog.preview_button.isEnabled()
    dialog.tabs.setCurrentIndex(0)
    click(qtbot, dialog.preview_button)
    assert not dialog.busy and dialog.rendered is None
    assert dialog.tabs.currentIndex() == 2 and dialog.focusWidget() is choice.password_edit
    error = "Error: This password is too easy to guess: it is shorter than 8 characters."
    assert choice.error_label.isVisible() and choice.error_label.text() == f"\u26a0 {error}"
    assert choice.password_edit.accessibleDescription() == error
    dialog.close()


@pytest.mark.parametrize("debrief", [True, False], ids=["what-i-hold", "statistics"])
def test_the_supporter_exports_measure_the_pdf_password_like_the_vault(
    qtbot: QtBot, debrief: bool
) -> None:
    dialog = ExportOptionsDialog("Export", offer_debrief=debrief)
    qtbot.addWidget(dialog)
    dialog.show()
    check_choice(qtbot, dialog.password_choice, dialog.ok_button)
    type_into(qtbot, dialog.password_edit, "tea at four")
    type_into(qtbot, dialog.confirm_edit, "tea at four")
    assert dialog.ok_button.isEnabled()
    assert dialog.password_choice.meter.advice_text().startswith("Weak: PeerDesk will ask")
    Messages.set_next_answer(Button.Cancel)  # "Choose another"
    click(qtbot, dialog.ok_button)
    assert dialog.isVisible() and Messages.shown[-1].title == "Weak password"
