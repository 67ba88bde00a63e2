"""Laying the report out for the report dialog, in the background: the entries are read on a
connection of the worker's own, the pages laid out in memory (progress, Stop), the names still
printed found for the preview, and the result shown; saving may follow."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from peerdesk.export import pdfkit
from peerdesk.export.preview import NameMarks, find_names
from peerdesk.export.report import (
    EmptyReport,
    RenderedReport,
    ReportCancelled,
    render_report,
)
from peerdesk.i18n import N_, _, ngettext
from peerdesk.storage.errors import VaultError
from peerdesk.storage.report_source import read_report_source
from peerdesk.ui.common.workers import Task, run_in_background
from peerdesk.ui.report.selection import entries_text

if TYPE_CHECKING:
    pass
    from peerdesk.ui.report.dialog import ReportDialog

log = logging.getLogger(__name__)


#: What the preview says while it has no pages to show.
#: (Marked here, translated where shown: ``_(IDLE_PREVIEW)``.)
IDLE_PREVIEW = N_(
    "Press Preview (F5) to see the pages before you save.\n\n"
    "Nothing is written to disk until you choose where to save."
)


class ReportBuilder:
    """The dialog's "Preview" and "Stop" (KeePassXC-style helper: it works on the dialog's
    widgets and state)."""

    def __init__(self, dialog: ReportDialog) -> None:
        self.d = dialog

    def build(self, *, then_save: bool = False) -> None:
        """Lay the report out in the background; afterwards show it (and save, if asked)."""
        d = self.d
        if d.busy or d._closed or not d._session.is_open:
            return
        if d.show_problem():
            return  # shown at the field that stops it
        if not d.password_choice.confirm_weak(d):
            return  # a weak password, and the user chose another
        request = d.request()
        language = d.document.language()  # the report's, entered in the worker's thread
        chosen = d.selection.selection()
        vault = d._session.repos.vault
        d._save_after_build = then_save
        d._drop_rendered()
        d.preview.set_message(_("Writing the report…"))
        d.progress.setValue(0)
        d.set_status(_("Reading the entries…"))

        profile = request.profile
        shortened = not profile.include_names or profile.witnesses_as_initials

        def work(task: Task) -> tuple[RenderedReport, NameMarks | None]:
            own = vault.sibling()
            try:
                source = read_report_source(
                    own,
                    incident_ids=chosen.incident_ids,
                    filter=chosen.filter,
                    images=profile.include_exhibit_images,
                )
            finally:
                own.close()
            rendered = render_report(
                source,
                request,
                progress=task.report,
                should_stop=lambda: task.cancelled,
                language=language,
            )
            # Names from the cast list still printed, for the preview to mark.
            return rendered, find_names(
                rendered.data, request.password, rendered.names, should_stop=lambda: task.cancelled
            )

        def done(result: tuple[RenderedReport, NameMarks | None]) -> None:
            self._built(result[0], request.password, result[1], shortened=shortened)

        d._task = run_in_background(
            work, on_success=done, on_failure=self._build_failed, on_progress=self._progressed
        )
        d._update()
        d.stop_button.setFocus()

    def _progressed(self, done: int, total: int) -> None:
        d = self.d
        if d._closed or d._task is None:
            return
        d.progress.setMaximum(max(1, total))
        d.progress.setValue(done)
        if not d._task.cancelled:
            share = done * 100 // max(1, total)
            if done < total // 10:
                # translators: progress of the report; {percent} is a number from 0 to 100
                text = _("Reading the entries… {percent}%").format(percent=share)
            else:
                # translators: progress of the report; {percent} is a number from 0 to 100
                text = _("Laying out the pages… {percent}%").format(percent=share)
            d.status.setText(text)

    def stop(self) -> None:
        d = self.d
        if d._task is not None and not d._task.cancelled:
            d._task.cancel()
            d.set_status(_("Stopping…"))
            d.stop_button.setEnabled(False)

    def _built(
        self,
        rendered: RenderedReport,
        password: str | None,
        marks: NameMarks | None = None,
        *,
        shortened: bool = False,
    ) -> None:
        d = self.d
        task, d._task = d._task, None
        if d._closed:
            return
        d.stop_button.setEnabled(True)
        if task is not None and task.cancelled:
            self._show_stopped()
            return
        d._rendered = rendered
        d.preview.show_document(rendered.data, password, marks, shortened=shortened)
        # translators: the report was laid out; {pages} is e.g. "12 pages", {entries} e.g.
        # "3 entries"
        pages = ngettext("{count} page", "{count} pages", rendered.pages).format(
            count=rendered.pages
        )
        d.set_status(
            _("{pages}, {entries}. Not saved yet.").format(
                pages=pages, entries=entries_text(rendered.entries)
            )
        )
        d._update()
        d.preview.scroll_area.setFocus()
        if d._save_after_build:
            d._save_after_build = False
            d.saver.ask_where()

    def _show_stopped(self) -> None:
        d = self.d
        d._save_after_build = False
        d.preview.set_message(_(IDLE_PREVIEW))
        d._update()
        d.set_status(_("Stopped. Nothing was saved."))

    def _build_failed(self, exc: BaseException) -> None:
        d = self.d
        d._task = None
        if d._closed:
            return
        d.stop_button.setEnabled(True)
        if isinstance(exc, ReportCancelled):
            self._show_stopped()
            return
        d._save_after_build = False
        d.preview.set_message(_(IDLE_PREVIEW))
        d._update()
        if isinstance(exc, EmptyReport):
            d.set_status(_("No journal entries match: the report would be empty."))
        elif isinstance(exc, pdfkit.PdfError):
            d.set_status(str(exc))
        elif isinstance(exc, VaultError):
            d.set_status(exc.user_message)
        else:
            log.warning("the report could not be written: %s", type(exc).__name__)
            d.set_status(
                _(
                    "The report could not be written. Your entries are "
                    "unchanged; try again, or run Vault ▸ Check integrity."
                )
            )


__all__ = ["IDLE_PREVIEW", "ReportBuilder"]
