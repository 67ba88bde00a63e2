"""The report dialog in the pseudo-language (every text a person sees wrapped, none translated at
import time), its "Report language" choice, and the report laid out in that language in the
worker thread."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pikepdf
import pytest
from PySide6.QtWidgets import QAbstractButton, QLabel
from pytestqt.qtbot import QtBot

from peerdesk import i18n
from peerdesk.i18n.pseudo import pseudo
from peerdesk.ui.common.session import VaultSession
from peerdesk.ui.report.dialog import ReportDialog
from peerdesk.ui.report.selection import entries_text
from tests.ui.report.test_report_dialog import seed


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    i18n.set_language("en")
    try:
        yield
    finally:
        i18n.set_language("en")


def _dialog(qtbot: QtBot, session: VaultSession) -> ReportDialog:
    dialog = ReportDialog(session)
    qtbot.addWidget(dialog)
    return dialog


def _pseudo(text: str) -> bool:
    return text.startswith("[") and text.endswith("]") and "{" not in text


def test_dialog_in_the_pseudo_language(qtbot: QtBot, session: VaultSession) -> None:
    seed(session)
    i18n.set_language("en-XA")
    dialog = _dialog(qtbot, session)
    assert dialog.windowTitle() == pseudo("Export incident report")
    for index in range(dialog.tabs.count()):
        assert _pseudo(dialog.tabs.tabText(index)), dialog.tabs.tabText(index)
    # (The PDF password box is a shared widget of peerdesk.ui.common, wrapped there.)
    shared = dialog.password_choice
    for button in dialog.findChildren(QAbstractButton):
        text = button.text()
        if text and text not in ("◀", "▶") and not shared.isAncestorOf(button):
            assert _pseudo(text), text
    for label in dialog.findChildren(QLabel):
        text = label.text()
        if text and not shared.isAncestorOf(label) and label is not dialog.warning:
            assert "[" in text and "{" not in text, text
    combo = dialog.document.language_combo
    assert _pseudo(combo.accessibleName())
    assert _pseudo(dialog.preview.zoom_combo.itemText(0))
    assert _pseudo(dialog.count_label.text())


def test_report_language_combo(qtbot: QtBot, session: VaultSession) -> None:
    seed(session)
    i18n.set_language("fr")
    dialog = _dialog(qtbot, session)
    combo = dialog.document.language_combo
    assert combo.accessibleName() == i18n._("Report language")  # in French once translated
    assert [combo.itemData(i) for i in range(combo.count())] == list(i18n.LANGUAGES)
    assert [combo.itemText(i) for i in range(combo.count())] == [
        i18n.NATIVE_NAMES[code] for code in i18n.LANGUAGES
    ]
    assert dialog.document.language() == "fr"  # the language in force by default


def test_report_laid_out_in_the_chosen_language(qtbot: QtBot, session: VaultSession) -> None:
    seed(session)
    dialog = _dialog(qtbot, session)
    assert dialog.document.language() == "en"
    combo = dialog.document.language_combo
    combo.setCurrentIndex(combo.findData("ar"))
    dialog.build()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=60_000)
    rendered = dialog.rendered
    assert rendered is not None, dialog.status.text()
    with pikepdf.open(io.BytesIO(rendered.data)) as pdf:
        assert str(pdf.Root.Lang) == "ar"  # entered inside the worker thread
    assert i18n.current_language() == "en"  # the screens still speak English
    assert dialog.status.text().endswith("Not saved yet.")


def test_plurals_in_english() -> None:
    assert entries_text(1) == "1 entry"
    assert entries_text(2) == "2 entries"
