"""Export the incident report as a PDF (issue 8): who it is for, which entries, paper and an
optional password; the pages previewed before saving; the date receipt afterwards.

The report is laid out in the background (progress, Stop) into memory; the preview draws
those bytes with PDFium and "Save PDF…" writes exactly them, so what was looked at is what is
saved. Nothing is written to disk before the user chooses a file. Any change of the choices
drops the laid-out report. Closing the dialog or locking stops the work, forgets the bytes
and the password.

The dialog assembles its parts: three tabs (:class:`~.recipient.RecipientPage`,
:class:`~.selection.SelectionPanel`, :class:`~.document.DocumentPage`), the page preview
(:class:`~.preview.PagePreview`), and two helpers for its action families, laying out
(:class:`~.building.ReportBuilder`) and saving (:class:`~.saving.ReportSaver`).
"""

from __future__ import annotations

import contextlib
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from peerdesk.export.report import (
    PROGRESS_TOTAL,
    RenderedReport,
    ReportRequest,
    ReportResult,
)
from peerdesk.i18n import _, pgettext
from peerdesk.models.report import (
    OWN_COPY,
    RecipientProfile,
)
from peerdesk.storage.incidents import IncidentFilter
from peerdesk.storage.report_profiles import ReportProfiles
from peerdesk.ui.common.accessibility import announce
from peerdesk.ui.common.session import VaultSession
from peerdesk.ui.common.vertical_scroll import VerticalScroll, resize_within_screen
from peerdesk.ui.common.workers import Task
from peerdesk.ui.report.building import IDLE_PREVIEW, ReportBuilder
from peerdesk.ui.report.document import DocumentPage
from peerdesk.ui.report.preview import PagePreview
from peerdesk.ui.report.receipt import ReceiptDialog
from peerdesk.ui.report.recipient import RecipientPage, key_builtin
from peerdesk.ui.report.saving import ReportSaver
from peerdesk.ui.report.selection import SelectionPanel

if TYPE_CHECKING:
    from peerdesk.ui.common.preferences import Preferences

log = logging.getLogger(__name__)


class ReportDialog(QDialog):
    """The export dialog. ``saved(ReportResult)`` after a PDF is written."""

    saved = Signal(object)

    def __init__(
        self,
        session: VaultSession,
        *,
        preferences: Preferences | None = None,
        journal_filter: IncidentFilter | None = None,
        picked: tuple[int, ...] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reportDialog")
        self.setWindowTitle(_("Export incident report"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._session = session
        self._preferences = preferences
        self._profiles = ReportProfiles(session.repos.vault)
        self._rendered: RenderedReport | None = None
        self._task: Task | None = None
        self._save_after_build = False
        self._saving = False  # the background task writes the file (it cannot be stopped)
        self._closed = False
        self.file_dialog: QFileDialog | None = None
        self.receipt_dialog: ReceiptDialog | None = None
        self.last_result: ReportResult | None = None
        self.builder = ReportBuilder(self)
        self.saver = ReportSaver(self)

        layout = QVBoxLayout(self)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("reportTabs")
        self.recipient = RecipientPage(self._profiles)
        self.tabs.addTab(self._scrolled(self.recipient), _("&Recipient"))
        self.selection = SelectionPanel(session)
        self.tabs.addTab(self._scrolled(self.selection), _("&Entries"))
        self.document = DocumentPage()
        self.tabs.addTab(self._scrolled(self.document), _("&Document"))
        # No fixed least width: the tabs are as wide as their forms need (VerticalScroll).
        splitter.addWidget(self.tabs)
        self.preview = PagePreview()
        self.preview.set_message(_(IDLE_PREVIEW))
        splitter.addWidget(self.preview)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([480, 700])
        layout.addWidget(splitter, 1)
        # The parts' widgets the dialog (and its tests) reach directly.
        self.profile_combo = self.recipient.profile_combo
        self.profile_note = self.recipient.profile_note
        self.editor = self.recipient.editor
        self.profile_name_edit = self.recipient.profile_name_edit
        self.save_profile_button = self.recipient.save_profile_button
        self.delete_profile_button = self.recipient.delete_profile_button
        self.author_edit = self.document.author_edit
        self.password_choice = self.document.password_choice

        self.count_label = self.selection.count_label  # shown whichever tab is open
        layout.addWidget(self.count_label)
        self.warning = self.password_choice.warning
        layout.addWidget(self.warning)
        # Bold while the PDF will not be protected (set in code: it follows the app's font).
        self.password_choice.changed.connect(self._embolden_warning)
        layout.addLayout(self._build_buttons())
        for keys, slot in (
            (QKeySequence(Qt.Key.Key_F5), self.build),
            (QKeySequence(QKeySequence.StandardKey.Save), self.save),
        ):
            shortcut = QShortcut(keys, self)
            shortcut.activated.connect(slot)

        self.finished.connect(self._forget)
        session.closing.connect(self._forget)
        self._load(journal_filter, picked)
        self.selection.changed.connect(self._invalidate)
        self.recipient.changed.connect(self._invalidate)
        self.recipient.message.connect(self.set_status)
        self.document.changed.connect(self._invalidate)
        self._update()
        self._embolden_warning()
        resize_within_screen(self, 1180, 800)

    @staticmethod
    def _scrolled(widget: QWidget) -> VerticalScroll:
        return VerticalScroll(widget)  # up and down only; the tab is as wide as its form

    def _build_buttons(self) -> QHBoxLayout:
        bottom = QHBoxLayout()
        self.progress = QProgressBar()
        self.progress.setObjectName("reportProgress")
        self.progress.setRange(0, PROGRESS_TOTAL)
        self.progress.setTextVisible(False)
        self.progress.setMaximumWidth(220)
        self.progress.hide()
        self.status = QLabel()
        self.status.setObjectName("reportStatus")
        self.status.setWordWrap(True)
        bottom.addWidget(self.progress)
        bottom.addWidget(self.status, 1)
        self.preview_button = QPushButton(_("Pre&view"))
        self.preview_button.setObjectName("previewReport")
        self.preview_button.setToolTip(_("Lay the report out and show its pages (F5)"))
        self.preview_button.clicked.connect(lambda: self.build())
        self.save_button = QPushButton(_("&Save PDF…"))
        self.save_button.setObjectName("saveReport")
        self.save_button.setToolTip(_("Choose where to save the PDF (Ctrl+S)"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.stop_button = QPushButton(_("S&top"))
        self.stop_button.setObjectName("stopReport")
        self.stop_button.setToolTip(_("Stop writing the report (Esc); nothing is saved"))
        self.stop_button.clicked.connect(self.stop)
        self.stop_button.hide()
        self.close_button = QPushButton(pgettext("button", "Close"))
        self.close_button.setObjectName("closeReport")
        self.close_button.clicked.connect(self.reject)
        for button in (self.preview_button, self.save_button, self.stop_button, self.close_button):
            button.setAutoDefault(False)
            bottom.addWidget(button)
        self.save_button.setAutoDefault(True)
        return bottom

    def _load(self, journal_filter: IncidentFilter | None, picked: tuple[int, ...]) -> None:
        last = self._profiles.last_options()
        self.recipient.load(str(last.get("profile") or key_builtin(OWN_COPY.name)))
        self.document.load(last)
        self.selection.fill(journal_filter, picked)

    # -- state -------------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self._task is not None

    @property
    def rendered(self) -> RenderedReport | None:
        return self._rendered

    def profile(self) -> RecipientProfile:
        """The profile the report will use: the chosen one, with any changes on screen."""
        return self.recipient.profile()

    def problem(self) -> str:
        return (
            self.selection.problem()
            or (_("No entries are chosen.") if self.selection.chosen_count == 0 else "")
            or self.password_choice.problem()
        )

    def show_problem(self) -> bool:
        """Show what stops the report at its field: its tab opened, the error in words under
        the field, the field focused and the error announced. False when nothing does."""
        if self.selection.problem_field() is not None:
            self.tabs.setCurrentIndex(1)
            return self.selection.show_problem()
        if self.password_choice.problem_field() is not None:
            self.tabs.setCurrentIndex(2)
            return self.password_choice.show_problem()
        return False

    def request(self) -> ReportRequest:
        return ReportRequest(
            profile=self.profile(),
            paper=self.document.paper(),
            author=self.document.author(),
            organisation=self.document.organisation(),
            password=self.password_choice.password(),
        )

    def set_status(self, text: str) -> None:
        """Show ``text`` on the status line and announce it to assistive technology."""
        self.status.setText(text)
        announce(self.status, text)

    def _embolden_warning(self) -> None:
        font = self.warning.font()
        font.setBold(not self.password_choice.protected)
        self.warning.setFont(font)

    def _invalidate(self, *_args: object) -> None:
        """Any change of the choices: the laid-out report no longer matches them."""
        if self._closed:
            return
        if self._rendered is not None:
            self._drop_rendered()
            self.status.clear()
            self.preview.set_message(
                _("The choices changed. Press Preview (F5) to see the pages again.")
            )
        self._update()

    def _drop_rendered(self) -> None:
        self._rendered = None
        self.preview.close_document()

    def _update(self) -> None:
        if self._closed:
            return
        busy = self.busy
        self.tabs.setEnabled(not busy)
        # With a problem the buttons stay enabled: pressing one shows the problem at its field.
        self.preview_button.setEnabled(not busy)
        self.save_button.setEnabled(not busy)
        self.stop_button.setVisible(busy and not self._saving)
        self.progress.setVisible(busy and not self._saving)
        self.close_button.setEnabled(not busy)

    # -- actions (each family in its helper) ------------------------------------------------

    def build(self, *, then_save: bool = False) -> None:
        """Lay the report out in the background; afterwards show it (and save, if asked)."""
        self.builder.build(then_save=then_save)

    def stop(self) -> None:
        self.builder.stop()

    def save(self) -> None:
        """Save the previewed report; lays it out first when there is no preview."""
        self.saver.save()

    def write_to(self, path: Path) -> None:
        """Write the laid-out report to ``path`` (in the background), then the receipt."""
        self.saver.write_to(path)

    # -- closing -------------------------------------------------------------------------------

    def reject(self) -> None:
        """Esc while laying out stops the work (and while saving waits for it); otherwise the
        dialog closes."""
        if self._saving:
            return
        if self.busy and self._task is not None and not self._task.cancelled:
            self.stop()
            return
        super().reject()

    def _forget(self, *_args: object) -> None:
        """Closing or locking: stop the work, forget the report, the password and the lists."""
        if self._closed:
            return
        self._closed = True
        if self._task is not None:
            self._task.cancel()
        self._rendered = None
        self.preview.close_document()
        self.password_choice.forget()
        self.selection.clear()
        if self.receipt_dialog is not None:
            self.receipt_dialog.close()
        with contextlib.suppress(RuntimeError, TypeError, RuntimeWarning):
            self._session.closing.disconnect(self._forget)


__all__ = ["ReceiptDialog", "ReportDialog"]
