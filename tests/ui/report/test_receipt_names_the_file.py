"""Issue 17 (verification): the date receipt shown after *Save PDF* names the records (the
report fingerprint) and the saved file itself (its SHA-256, as ``sha256sum`` reads it), so two
PDFs of the same records, one for HR and one for a lawyer, get different receipts."""

from __future__ import annotations

import hashlib
import re
import subprocess
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from peerdesk.ui.common.session import VaultSession
from peerdesk.ui.shell.main_window import MainWindow
from tests.ui.report.test_report_dialog import open_dialog, preview, save_as, seed


@pytest.fixture
def window(qtbot: QtBot, session: VaultSession) -> MainWindow:
    w = MainWindow(session, ["journal", "supporter"])
    qtbot.addWidget(w)
    w.show()
    return w


def receipt_of(qtbot: QtBot, window: MainWindow, profile: str, out: Path) -> tuple[str, str]:
    dialog = open_dialog(qtbot, window)
    combo = dialog.recipient.profile_combo
    combo.setCurrentIndex(combo.findData(profile))
    preview(qtbot, dialog)
    save_as(qtbot, dialog, out)
    receipt = dialog.receipt_dialog
    assert receipt is not None
    records = re.search(r"^Records fingerprint \(SHA-256\): ([0-9a-f]{64})$", receipt.text, re.M)
    file = re.search(r"^PDF file SHA-256: ([0-9a-f]{64})$", receipt.text, re.M)
    assert records and file, receipt.text
    assert receipt.view.toPlainText() == receipt.text  # what the user sees and copies
    assert "sha256sum" in receipt.text
    receipt.accept()
    dialog.close()
    qtbot.waitUntil(lambda: window.report_dialog is None, timeout=3000)
    return records[1], file[1]


def test_two_saved_pdfs_of_the_same_records_get_different_receipts(
    qtbot: QtBot, session: VaultSession, window: MainWindow, tmp_path: Path
) -> None:
    seed(session)
    hr, lawyer = tmp_path / "hr.pdf", tmp_path / "lawyer.pdf"
    hr_records, hr_file = receipt_of(qtbot, window, "builtin:hr", hr)
    law_records, law_file = receipt_of(qtbot, window, "builtin:lawyer", lawyer)
    assert hr_records == law_records and hr_file != law_file
    for path, named in ((hr, hr_file), (lawyer, law_file)):
        assert hashlib.sha256(path.read_bytes()).hexdigest() == named
        summed = subprocess.run(["sha256sum", str(path)], capture_output=True, text=True)
        assert summed.stdout.split()[0] == named
    # The records fingerprint is the one the report prints in its integrity appendix.
    text = subprocess.run(["pdftotext", str(hr), "-"], capture_output=True, text=True).stdout
    assert hr_records in re.sub(r"\s+", "", text)
