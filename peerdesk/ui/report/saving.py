"""Saving the laid-out report for the report dialog: where (a file dialog), writing exactly
the previewed bytes in the background, then the date receipt; the choices are remembered."""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from peerdesk.export import pdfkit
from peerdesk.export.report import ReportResult
from peerdesk.export.report.request import file_sha256
from peerdesk.i18n import _, ngettext
from peerdesk.storage.errors import VaultError
from peerdesk.ui.common.file_dialogs import remember_folder, save_dialog
from peerdesk.ui.common.messages import Messages
from peerdesk.ui.common.workers import Task, run_in_background
from peerdesk.ui.report.receipt import ReceiptDialog

if TYPE_CHECKING:
    from peerdesk.ui.report.dialog import ReportDialog

log = logging.getLogger(__name__)


class ReportSaver:
    """The dialog's "Save PDF…" (a helper working on the dialog's widgets and state)."""

    def __init__(self, dialog: ReportDialog) -> None:
        self.d = dialog

    def save(self) -> None:
        """Save the previewed report; lays it out first when there is no preview."""
        d = self.d
        if d.busy or d._closed or d.file_dialog is not None:
            return
        if d._rendered is None:
            d.builder.build(then_save=True)
        else:
            self.ask_where()

    def ask_where(self) -> None:
        d = self.d
        if d._rendered is None or d.file_dialog is not None:
            return
        name = f"incident-report-{date.today().isoformat()}.pdf"  # i18n: keep — a file name
        dialog = save_dialog(
            d,
            _("Save the incident report"),
            name,
            # translators: a file type filter; keep "(*.pdf)" as it is
            _("PDF files (*.pdf)"),
            "pdf",
            d._preferences,
            "reportFileDialog",
        )
        d.file_dialog = dialog
        dialog.fileSelected.connect(self._file_chosen)
        dialog.rejected.connect(self._file_dialog_closed)
        dialog.open()

    def _file_dialog_closed(self) -> None:
        d = self.d
        dialog, d.file_dialog = d.file_dialog, None
        if dialog is not None:
            dialog.deleteLater()

    def _file_chosen(self, chosen: str) -> None:
        self._file_dialog_closed()
        if not chosen or self.d._rendered is None or self.d._closed:
            return
        self.write_to(Path(chosen))

    def write_to(self, path: Path) -> None:
        """Write the laid-out report to ``path`` (in the background), then the receipt."""
        d = self.d
        rendered = d._rendered
        if rendered is None or d.busy:
            return
        d.set_status(_("Saving…"))
        d._saving = True

        def work(_task: Task) -> tuple[ReportResult, str]:
            result = rendered.saved_as(path)
            return result, file_sha256(result.path)  # of the bytes on disk, as sha256sum reads

        d._task = run_in_background(work, on_success=self._written, on_failure=self._write_failed)
        d._update()

    def _written(self, saved: tuple[ReportResult, str]) -> None:
        result, digest = saved
        d = self.d
        d._task = None
        d._saving = False
        if d._closed:
            return
        d.last_result = result
        remember_folder(d._preferences, result.path)
        self._remember_options()
        protected = d._rendered is not None and d._rendered.encrypted
        pages = result.pages
        if protected:
            # translators: {file} is the PDF's file name, {count} its number of pages
            text = ngettext(
                "Saved: {file} ({count} page).", "Saved: {file} ({count} pages).", pages
            )
        else:
            # translators: {file} is the PDF's file name, {count} its number of pages
            text = ngettext(
                "Saved: {file} ({count} page). Not password-protected.",
                "Saved: {file} ({count} pages). Not password-protected.",
                pages,
            )
        d.set_status(text.format(file=result.path.name, count=pages))
        d._update()
        d.saved.emit(result)
        d.receipt_dialog = ReceiptDialog(
            result,
            file_sha256=digest,
            protected=protected,
            preferences=d._preferences,
            parent=d,
        )
        d.receipt_dialog.open()

    def _write_failed(self, exc: BaseException) -> None:
        d = self.d
        d._task = None
        d._saving = False
        if d._closed:
            return
        d._update()
        text = (
            str(exc)
            if isinstance(exc, pdfkit.PdfError)
            else _("The file could not be written there.")
        )
        # translators: {reason} is why the PDF could not be saved (a sentence)
        d.set_status(_("Not saved: {reason}").format(reason=text))
        Messages.error(
            d,
            _("Not saved"),
            _("The PDF could not be saved."),
            # translators: {reason} is why the PDF could not be saved (a sentence)
            informative=_("{reason} Choose another folder; the report is still here.").format(
                reason=text
            ),
        )

    def _remember_options(self) -> None:
        d = self.d
        options: dict[str, Any] = {
            "profile": d.recipient.key(),
            "paper": d.document.paper_combo.currentData(),
            "author": d.document.author(),
            "organisation": d.document.organisation(),
        }
        try:
            d._profiles.remember_options(options)
        except VaultError:
            log.info("report options not remembered (vault closed)")


__all__ = ["ReportSaver"]
