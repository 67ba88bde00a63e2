"""After a report is saved: its date receipt (the records' fingerprint, the SHA-256 of the
saved file, the number of entries, the date; no content) to copy or save, and plainly whether
the PDF is protected."""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from peerdesk.export import pdfkit
from peerdesk.export.report import (
    ReportResult,
    date_receipt,
)
from peerdesk.i18n import _, ngettext, pgettext
from peerdesk.ui.common.accessibility import announce
from peerdesk.ui.common.file_dialogs import remember_folder, save_dialog
from peerdesk.ui.report.selection import entries_text

if TYPE_CHECKING:
    from peerdesk.ui.common.preferences import Preferences

log = logging.getLogger(__name__)


class ReceiptDialog(QDialog):
    """After saving: the date receipt (fingerprint, number of entries, date — no content) to
    copy or save, and plainly whether the PDF is protected."""

    def __init__(
        self,
        result: ReportResult,
        *,
        file_sha256: str,
        protected: bool,
        preferences: Preferences | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("receiptDialog")
        self.setWindowTitle(_("Report saved — date receipt"))
        self.setMinimumWidth(620)
        self._preferences = preferences
        self.file_dialog: QFileDialog | None = None
        self.file_sha256 = file_sha256
        self.text = date_receipt(result, file_sha256=file_sha256)
        layout = QVBoxLayout(self)
        pages = ngettext("{count} page", "{count} pages", result.pages).format(count=result.pages)
        head = QLabel(
            # translators: {pages} is e.g. "12 pages", {entries} e.g. "3 entries"
            _("<b>The report is saved</b> ({pages}, {entries}).").format(
                pages=pages, entries=entries_text(result.entries)
            )
        )
        layout.addWidget(head)
        self.protection = QLabel(
            _(
                "It is protected with the password you chose. Share the password separately "
                "from the file."
            )
            if protected
            else _(
                "It is <b>not</b> protected: anyone who gets the file can read it. Keep it "
                "somewhere safe, or save it again with a password."
            )
        )
        self.protection.setObjectName("receiptProtection")
        self.protection.setWordWrap(True)
        layout.addWidget(self.protection)
        if result.unshown_characters:
            count = len(result.unshown_characters)
            missing = QLabel(
                ngettext(
                    "{count} character could not be shown with the bundled font; the report "
                    "lists it in a note.",
                    "{count} characters could not be shown with the bundled font; the report "
                    "lists them in a note.",
                    count,
                ).format(count=count)
            )
            missing.setWordWrap(True)
            layout.addWidget(missing)
        explain = QLabel(
            _(
                "The date receipt below holds no content. Email it to yourself or "
                "to your representative: it shows that this PDF file (its SHA-256) and "
                "records with this fingerprint existed on this date. Each PDF you save gets "
                "its own receipt, even of the same records."
            )
        )
        explain.setWordWrap(True)
        layout.addWidget(explain)
        self.view = QPlainTextEdit(self.text)
        self.view.setObjectName("receiptText")
        self.view.setReadOnly(True)
        self.view.setAccessibleName(_("Date receipt"))
        self.view.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.view.setMinimumHeight(self.fontMetrics().lineSpacing() * 8)
        # Wide enough that no fingerprint line breaks (a reader compares them digit by digit).
        longest = max(self.text.splitlines()[:4], key=len)
        self.setMinimumWidth(max(620, self.view.fontMetrics().horizontalAdvance(longest) + 80))
        layout.addWidget(self.view)
        buttons = QHBoxLayout()
        self.copy_button = QPushButton(_("&Copy receipt"))
        self.copy_button.setObjectName("copyReceipt")
        self.copy_button.clicked.connect(self.copy)
        self.save_button = QPushButton(_("&Save receipt as text…"))
        self.save_button.setObjectName("saveReceipt")
        self.save_button.clicked.connect(self.ask_where)
        close = QPushButton(pgettext("button", "Close"))
        close.setObjectName("closeReceipt")
        close.setDefault(True)
        close.clicked.connect(self.accept)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self.note = QLabel()
        self.note.setObjectName("receiptNote")
        layout.addWidget(self.note)

    def _say(self, text: str) -> None:
        """Show ``text`` under the buttons and announce it."""
        self.note.setText(text)
        announce(self.note, text)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text)
        self._say(_("Copied. It holds no content, so it stays on the clipboard."))

    def ask_where(self) -> None:
        if self.file_dialog is not None:
            return
        name = f"peerdesk-date-receipt-{date.today().isoformat()}.txt"  # i18n: keep — file name
        dialog = save_dialog(
            self,
            _("Save the date receipt"),
            name,
            # translators: a file type filter; keep "(*.txt)" as it is
            _("Text files (*.txt)"),
            "txt",
            self._preferences,
            "receiptFileDialog",
        )
        self.file_dialog = dialog
        dialog.fileSelected.connect(self.save_to)
        dialog.finished.connect(self._dialog_done)
        dialog.open()

    def _dialog_done(self, *_args: object) -> None:
        dialog, self.file_dialog = self.file_dialog, None
        if dialog is not None:
            dialog.deleteLater()

    def save_to(self, chosen: str) -> None:
        if not chosen:
            return
        path = Path(chosen)
        try:
            pdfkit.save_file(path, (self.text + "\n").encode("utf-8"))
        except pdfkit.PdfError as exc:
            self._say(_("Not saved: {reason}").format(reason=exc))
            return
        except OSError:
            self._say(_("Not saved: the file could not be written there."))
            return
        remember_folder(self._preferences, path)
        self._say(_("Saved as {file}.").format(file=path.name))


__all__ = ["ReceiptDialog"]
