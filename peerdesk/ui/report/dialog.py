"""Export the incident report as a PDF (issue 8): who it is for, which entries, paper and an
optional password; the pages previewed before saving; the date receipt afterwards.

The report is laid out in the background (progress, Stop) into memory; the preview draws
those bytes with PDFium and "Save PDF…" writes exactly them, so what was looked at is what is
saved. Nothing is written to disk before the user chooses a file. Any change of the choices
drops the laid-out report. Closing the dialog or locking stops the work, forgets the bytes
and the password.
"""

from __future__ import annotations

import contextlib
import logging
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from peerdesk.export import pdfkit
from peerdesk.export.preview import NameMarks, find_names
from peerdesk.export.report import (
    PROGRESS_TOTAL,
    EmptyReport,
    RenderedReport,
    ReportCancelled,
    ReportRequest,
    ReportResult,
    date_receipt,
    render_report,
)
from peerdesk.models.report import (
    BUILT_IN,
    CUSTOM,
    OWN_COPY,
    ProfileError,
    RecipientProfile,
    saved_profile_name,
)
from peerdesk.models.text import plural
from peerdesk.storage.errors import VaultError
from peerdesk.storage.incidents import IncidentFilter
from peerdesk.storage.report_profiles import ReportProfiles
from peerdesk.storage.report_source import read_report_source
from peerdesk.ui.common.file_dialogs import remember_folder, save_dialog
from peerdesk.ui.common.messages import Messages
from peerdesk.ui.common.session import VaultSession
from peerdesk.ui.common.workers import Task, run_in_background
from peerdesk.ui.report.parts import PagePreview, ProfileEditor, SelectionPanel, entries_text
from peerdesk.ui.report.pdf_options import PdfPasswordChoice

if TYPE_CHECKING:
    from peerdesk.ui.common.preferences import Preferences

log = logging.getLogger(__name__)

_BUILT_IN_ORDER = ("own", "hr", "union", "lawyer")
_IDLE_PREVIEW = (
    "Press Preview (F5) to see the pages before you save.\n\n"
    "Nothing is written to disk until you choose where to save."
)


def _key_builtin(name: str) -> str:
    return f"builtin:{name}"


def _key_saved(name: str) -> str:
    return f"saved:{name}"


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
        self.setWindowTitle("Export incident report")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(1180, 800)
        self._session = session
        self._preferences = preferences
        self._profiles = ReportProfiles(session.repos.vault)
        self._saved: dict[str, RecipientProfile] = {}
        self._rendered: RenderedReport | None = None
        self._task: Task | None = None
        self._save_after_build = False
        self._saving = False  # the background task writes the file (it cannot be stopped)
        self._closed = False
        self._modified = False
        self.file_dialog: QFileDialog | None = None
        self.receipt_dialog: ReceiptDialog | None = None
        self.last_result: ReportResult | None = None

        layout = QVBoxLayout(self)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("reportTabs")
        self.tabs.addTab(self._scrolled(self._build_recipient()), "&Recipient")
        self.selection = SelectionPanel(session)
        self.tabs.addTab(self._scrolled(self.selection), "&Entries")
        self.tabs.addTab(self._scrolled(self._build_document()), "&Document")
        self.tabs.setMinimumWidth(460)
        splitter.addWidget(self.tabs)
        self.preview = PagePreview()
        self.preview.set_message(_IDLE_PREVIEW)
        splitter.addWidget(self.preview)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([480, 700])
        layout.addWidget(splitter, 1)

        self.count_label = self.selection.count_label  # shown whichever tab is open
        layout.addWidget(self.count_label)
        self.warning = self.password_choice.warning
        self.warning.setStyleSheet('QLabel[notProtected="true"] { font-weight: bold; }')
        layout.addWidget(self.warning)
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
        self.preview_button = QPushButton("Pre&view")
        self.preview_button.setObjectName("previewReport")
        self.preview_button.setToolTip("Lay the report out and show its pages (F5)")
        self.preview_button.clicked.connect(lambda: self.build())
        self.save_button = QPushButton("&Save PDF…")
        self.save_button.setObjectName("saveReport")
        self.save_button.setToolTip("Choose where to save the PDF (Ctrl+S)")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.stop_button = QPushButton("S&top")
        self.stop_button.setObjectName("stopReport")
        self.stop_button.setToolTip("Stop writing the report (Esc); nothing is saved")
        self.stop_button.clicked.connect(self.stop)
        self.stop_button.hide()
        self.close_button = QPushButton("Close")
        self.close_button.setObjectName("closeReport")
        self.close_button.clicked.connect(self.reject)
        for button in (self.preview_button, self.save_button, self.stop_button, self.close_button):
            button.setAutoDefault(False)
            bottom.addWidget(button)
        self.save_button.setAutoDefault(True)
        layout.addLayout(bottom)
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
        self.editor.changed.connect(self._profile_edited)
        self.password_choice.changed.connect(self._invalidate)
        for widget in (self.author_edit, self.organisation_edit):
            widget.textChanged.connect(self._invalidate)
        self.paper_combo.currentIndexChanged.connect(self._invalidate)
        self.profile_combo.currentIndexChanged.connect(self._profile_chosen)
        self._update()

    # -- building the panels ------------------------------------------------------------------

    @staticmethod
    def _scrolled(widget: QWidget) -> QScrollArea:
        area = QScrollArea()
        area.setWidget(widget)
        area.setWidgetResizable(True)
        area.setFrameShape(QScrollArea.Shape.NoFrame)
        return area

    def _build_recipient(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        form = QFormLayout()
        self.profile_combo = QComboBox()
        self.profile_combo.setObjectName("profile")
        form.addRow("Who is it &for", self.profile_combo)
        layout.addLayout(form)
        self.profile_note = QLabel()
        self.profile_note.setObjectName("profileNote")
        self.profile_note.setWordWrap(True)
        layout.addWidget(self.profile_note)
        self.editor = ProfileEditor()
        layout.addWidget(self.editor)
        row = QHBoxLayout()
        self.profile_name_edit = QLineEdit()
        self.profile_name_edit.setObjectName("profileName")
        self.profile_name_edit.setPlaceholderText("Name for these choices, e.g. Union meeting")
        self.profile_name_edit.textChanged.connect(lambda _t: self._update())
        self.profile_name_edit.returnPressed.connect(self.save_profile)
        self.save_profile_button = QPushButton("Save as &profile")
        self.save_profile_button.setObjectName("saveProfile")
        self.save_profile_button.setToolTip(
            "Keep these choices in the vault to use again "
            "(also from the command line: --profile NAME)"
        )
        self.save_profile_button.clicked.connect(self.save_profile)
        self.delete_profile_button = QPushButton("&Delete profile")
        self.delete_profile_button.setObjectName("deleteProfile")
        self.delete_profile_button.clicked.connect(self.delete_profile)
        row.addWidget(self.profile_name_edit, 1)
        row.addWidget(self.save_profile_button)
        row.addWidget(self.delete_profile_button)
        layout.addLayout(row)
        layout.addStretch(1)
        return page

    def _build_document(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        form = QFormLayout()
        self.paper_combo = QComboBox()
        self.paper_combo.setObjectName("paper")
        self.paper_combo.addItem("A4", "a4")
        self.paper_combo.addItem("US Letter", "letter")
        form.addRow("&Paper", self.paper_combo)
        self.author_edit = QLineEdit()
        self.author_edit.setObjectName("author")
        self.author_edit.setPlaceholderText("optional — left blank, the cover says “anonymous”")
        self.author_edit.setToolTip("Printed on the cover and in the statement of truth.")
        form.addRow("Your &name", self.author_edit)
        self.organisation_edit = QLineEdit()
        self.organisation_edit.setObjectName("organisation")
        self.organisation_edit.setPlaceholderText("optional")
        form.addRow("&Organisation", self.organisation_edit)
        layout.addLayout(form)
        self.password_choice = PdfPasswordChoice()
        layout.addWidget(self.password_choice)
        note = QLabel(
            "The title, page headers and file details of the PDF never contain names "
            "or your text. A password protects the whole file with AES-256; without "
            "it, anyone who gets the file can read it."
        )
        note.setWordWrap(True)
        note.setEnabled(False)
        layout.addWidget(note)
        layout.addStretch(1)
        return page

    def _load(self, journal_filter: IncidentFilter | None, picked: tuple[int, ...]) -> None:
        last = self._profiles.last_options()
        self._fill_profiles(str(last.get("profile") or _key_builtin(OWN_COPY.name)))
        paper = last.get("paper")
        if paper not in ("a4", "letter"):
            paper = (
                "letter"
                if QLocale().territory() in (QLocale.Country.UnitedStates, QLocale.Country.Canada)
                else "a4"
            )
        self.paper_combo.setCurrentIndex(self.paper_combo.findData(paper))
        self.author_edit.setText(str(last.get("author") or ""))
        self.organisation_edit.setText(str(last.get("organisation") or ""))
        self.selection.fill(journal_filter, picked)
        if self._profiles.unreadable:
            self.profile_note.setText(
                f"{self._profiles.unreadable} saved profile(s) could not "
                "be read and are not offered."
            )

    def _fill_profiles(self, wanted: str) -> None:
        self._saved = {p.name: p for p in self._profiles.list()}
        combo = self.profile_combo
        combo.blockSignals(True)
        combo.clear()
        for name in _BUILT_IN_ORDER:
            combo.addItem(BUILT_IN[name].label, _key_builtin(name))
        for profile in self._saved.values():
            combo.addItem(f"{profile.label} (saved)", _key_saved(profile.name))
        combo.addItem("Custom (my own choices)", _key_builtin(CUSTOM.name))
        index = combo.findData(wanted)
        combo.setCurrentIndex(index if index >= 0 else 0)
        combo.blockSignals(False)
        self._modified = False
        self.editor.set_profile(self._base_profile())
        self._show_profile_note()

    # -- the profile ---------------------------------------------------------------------------

    def _key(self) -> str:
        return str(self.profile_combo.currentData())

    def _base_profile(self) -> RecipientProfile:
        key = self._key()
        kind, _sep, name = key.partition(":")
        if kind == "saved" and name in self._saved:
            return self._saved[name]
        return BUILT_IN.get(name, CUSTOM)

    def profile(self) -> RecipientProfile:
        """The profile the report will use: the chosen one, with any changes on screen."""
        base = self._base_profile()
        if not self._modified:
            return base
        return self.editor.profile(base.name, base.label)

    def _profile_chosen(self, _index: int) -> None:
        self._modified = False
        if self._key() != _key_builtin(CUSTOM.name):
            self.editor.set_profile(self._base_profile())
        else:
            self._modified = True  # custom: whatever is ticked
        self._show_profile_note()
        self._invalidate()

    def _profile_edited(self) -> None:
        key = self._key()
        if key.startswith("builtin:") and key != _key_builtin(CUSTOM.name):
            based_on = self._base_profile().label
            self.profile_combo.blockSignals(True)
            self.profile_combo.setCurrentIndex(
                self.profile_combo.findData(_key_builtin(CUSTOM.name))
            )
            self.profile_combo.blockSignals(False)
            self.profile_note.setText(
                f"Changed from “{based_on}”. Save these choices as a profile to use them again."
            )
        elif key.startswith("saved:"):
            self.profile_note.setText(
                "Changed from the saved profile. Save it under the same name to keep the changes."
            )
            if not self.profile_name_edit.text():
                self.profile_name_edit.setText(self._base_profile().label)
        self._modified = True
        self._invalidate()

    def _show_profile_note(self) -> None:
        base = self._base_profile()
        if self._key() == _key_builtin(CUSTOM.name):
            text = "Tick what goes out. Private reflections stay out unless you tick them."
        elif base.reason:
            text = f"{base.reason[:1].upper()}{base.reason[1:]}."
        else:
            text = ""
        self.profile_note.setText(text)

    def save_profile(self) -> None:
        label = " ".join(self.profile_name_edit.text().split())
        try:
            name = saved_profile_name(label)
        except ProfileError as exc:
            self.status.setText(str(exc))
            return
        if name in self._saved and not Messages.confirm(
            self,
            "Replace profile",
            "A saved profile already has this name. Replace it?",
            action="Replace",
        ):
            return
        reason = self.editor.reason_edit.text().strip() or "chosen by the user for this report"
        profile = self.editor.profile(name, label).with_changes(reason=reason)
        try:
            self._profiles.save(profile)
        except (ProfileError, VaultError) as exc:
            self.status.setText(getattr(exc, "user_message", None) or str(exc))
            return
        self.profile_name_edit.clear()
        self._fill_profiles(_key_saved(name))
        self.status.setText(f"Profile “{label}” saved in the vault.")
        self._invalidate()

    def delete_profile(self) -> None:
        key = self._key()
        if not key.startswith("saved:"):
            return
        profile = self._base_profile()
        if not Messages.confirm(
            self,
            "Delete profile",
            f"Delete the saved profile “{profile.label}”?",
            action="Delete",
            destructive=True,
            informative="Reports already saved are not affected.",
        ):
            return
        self._profiles.delete(profile.name)
        self._fill_profiles(_key_builtin(OWN_COPY.name))
        self.status.setText(f"Profile “{profile.label}” deleted.")
        self._invalidate()

    # -- state -------------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self._task is not None

    @property
    def rendered(self) -> RenderedReport | None:
        return self._rendered

    def problem(self) -> str:
        return (
            self.selection.problem()
            or ("No entries are chosen." if self.selection.chosen_count == 0 else "")
            or self.password_choice.problem()
        )

    def request(self) -> ReportRequest:
        return ReportRequest(
            profile=self.profile(),
            paper="letter" if self.paper_combo.currentData() == "letter" else "a4",
            author=self.author_edit.text().strip(),
            organisation=self.organisation_edit.text().strip(),
            password=self.password_choice.password(),
        )

    def _invalidate(self, *_args: object) -> None:
        """Any change of the choices: the laid-out report no longer matches them."""
        if self._closed:
            return
        if self._rendered is not None:
            self._drop_rendered()
            self.status.clear()
            self.preview.set_message(
                "The choices changed. Press Preview (F5) to see the pages again."
            )
        self._update()

    def _drop_rendered(self) -> None:
        self._rendered = None
        self.preview.close_document()

    def _update(self) -> None:
        if self._closed:
            return
        busy = self.busy
        problem = "" if busy else self.problem()
        self.tabs.setEnabled(not busy)
        self.preview_button.setEnabled(not busy and not problem)
        self.save_button.setEnabled(not busy and not problem)
        self.stop_button.setVisible(busy and not self._saving)
        self.progress.setVisible(busy and not self._saving)
        self.close_button.setEnabled(not busy)
        key = self._key()
        self.delete_profile_button.setEnabled(key.startswith("saved:"))
        self.save_profile_button.setEnabled(bool(self.profile_name_edit.text().strip()))
        # A problem is shown where it is: the entry count or the password warning.

    # -- building ------------------------------------------------------------------------------

    def build(self, *, then_save: bool = False) -> None:
        """Lay the report out in the background; afterwards show it (and save, if asked)."""
        if self.busy or self._closed or not self._session.is_open:
            return
        if self.problem():
            return  # shown beside the entry count or the password
        if not self.password_choice.confirm_weak(self):
            return  # a weak password, and the user chose another
        request = self.request()
        chosen = self.selection.selection()
        vault = self._session.repos.vault
        self._save_after_build = then_save
        self._drop_rendered()
        self.preview.set_message("Writing the report…")
        self.progress.setValue(0)
        self.status.setText("Reading the entries…")

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
                source, request, progress=task.report, should_stop=lambda: task.cancelled
            )
            # Names from the cast list still printed, for the preview to mark.
            return rendered, find_names(
                rendered.data, request.password, rendered.names, should_stop=lambda: task.cancelled
            )

        self._task = run_in_background(
            work,
            on_success=lambda r, pw=request.password: self._built(
                r[0], pw, r[1], shortened=shortened
            ),
            on_failure=self._build_failed,
            on_progress=self._progressed,
        )
        self._update()
        self.stop_button.setFocus()

    def _progressed(self, done: int, total: int) -> None:
        if self._closed or self._task is None:
            return
        self.progress.setMaximum(max(1, total))
        self.progress.setValue(done)
        if not self._task.cancelled:
            share = done * 100 // max(1, total)
            stage = "Reading the entries" if done < total // 10 else "Laying out the pages"
            self.status.setText(f"{stage}… {share}%")

    def stop(self) -> None:
        if self._task is not None and not self._task.cancelled:
            self._task.cancel()
            self.status.setText("Stopping…")
            self.stop_button.setEnabled(False)

    def _built(
        self,
        rendered: RenderedReport,
        password: str | None,
        marks: NameMarks | None = None,
        *,
        shortened: bool = False,
    ) -> None:
        task, self._task = self._task, None
        if self._closed:
            return
        self.stop_button.setEnabled(True)
        if task is not None and task.cancelled:
            self._show_stopped()
            return
        self._rendered = rendered
        self.preview.show_document(rendered.data, password, marks, shortened=shortened)
        self.status.setText(
            f"{plural(rendered.pages, 'page')}, {entries_text(rendered.entries)}. Not saved yet."
        )
        self._update()
        self.preview.scroll.setFocus()
        if self._save_after_build:
            self._save_after_build = False
            self.ask_where()

    def _show_stopped(self) -> None:
        self._save_after_build = False
        self.preview.set_message(_IDLE_PREVIEW)
        self._update()
        self.status.setText("Stopped. Nothing was saved.")

    def _build_failed(self, exc: BaseException) -> None:
        self._task = None
        if self._closed:
            return
        self.stop_button.setEnabled(True)
        if isinstance(exc, ReportCancelled):
            self._show_stopped()
            return
        self._save_after_build = False
        self.preview.set_message(_IDLE_PREVIEW)
        self._update()
        if isinstance(exc, EmptyReport):
            self.status.setText("No journal entries match: the report would be empty.")
        elif isinstance(exc, pdfkit.PdfError):
            self.status.setText(str(exc))
        elif isinstance(exc, VaultError):
            self.status.setText(exc.user_message)
        else:
            log.warning("the report could not be written: %s", type(exc).__name__)
            self.status.setText(
                "The report could not be written. Your entries are "
                "unchanged; try again, or run Vault ▸ Check integrity."
            )

    # -- saving --------------------------------------------------------------------------------

    def save(self) -> None:
        """Save the previewed report; lays it out first when there is no preview."""
        if self.busy or self._closed or self.file_dialog is not None:
            return
        if self._rendered is None:
            self.build(then_save=True)
        else:
            self.ask_where()

    def ask_where(self) -> None:
        if self._rendered is None or self.file_dialog is not None:
            return
        name = f"incident-report-{date.today().isoformat()}.pdf"
        dialog = save_dialog(
            self,
            "Save the incident report",
            name,
            "PDF files (*.pdf)",
            "pdf",
            self._preferences,
            "reportFileDialog",
        )
        self.file_dialog = dialog
        dialog.fileSelected.connect(self._file_chosen)
        dialog.rejected.connect(self._file_dialog_closed)
        dialog.open()

    def _file_dialog_closed(self) -> None:
        dialog, self.file_dialog = self.file_dialog, None
        if dialog is not None:
            dialog.deleteLater()

    def _file_chosen(self, chosen: str) -> None:
        self._file_dialog_closed()
        rendered = self._rendered
        if not chosen or rendered is None or self._closed:
            return
        self.write_to(Path(chosen))

    def write_to(self, path: Path) -> None:
        """Write the laid-out report to ``path`` (in the background), then the receipt."""
        rendered = self._rendered
        if rendered is None or self.busy:
            return
        self.status.setText("Saving…")
        self._saving = True

        def work(_task: Task) -> ReportResult:
            return rendered.saved_as(path)

        self._task = run_in_background(
            work, on_success=self._written, on_failure=self._write_failed
        )
        self._update()

    def _written(self, result: ReportResult) -> None:
        self._task = None
        self._saving = False
        if self._closed:
            return
        self.last_result = result
        remember_folder(self._preferences, result.path)
        self._remember_options()
        protected = self._rendered is not None and self._rendered.encrypted
        self.status.setText(
            f"Saved: {result.path.name} ({plural(result.pages, 'page')})."
            + ("" if protected else " Not password-protected.")
        )
        self._update()
        self.saved.emit(result)
        self.receipt_dialog = ReceiptDialog(
            result, protected=protected, preferences=self._preferences, parent=self
        )
        self.receipt_dialog.open()

    def _write_failed(self, exc: BaseException) -> None:
        self._task = None
        self._saving = False
        if self._closed:
            return
        self._update()
        text = (
            str(exc)
            if isinstance(exc, pdfkit.PdfError)
            else ("The file could not be written there.")
        )
        self.status.setText(f"Not saved: {text}")
        Messages.error(
            self,
            "Not saved",
            "The PDF could not be saved.",
            informative=f"{text} Choose another folder; the report is still here.",
        )

    def _remember_options(self) -> None:
        options: dict[str, Any] = {
            "profile": self._key(),
            "paper": self.paper_combo.currentData(),
            "author": self.author_edit.text().strip(),
            "organisation": self.organisation_edit.text().strip(),
        }
        try:
            self._profiles.remember_options(options)
        except VaultError:
            log.info("report options not remembered (vault closed)")

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


class ReceiptDialog(QDialog):
    """After saving: the date receipt (fingerprint, number of entries, date — no content) to
    copy or save, and plainly whether the PDF is protected."""

    def __init__(
        self,
        result: ReportResult,
        *,
        protected: bool,
        preferences: Preferences | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("receiptDialog")
        self.setWindowTitle("Report saved — date receipt")
        self.setMinimumWidth(620)
        self._preferences = preferences
        self.file_dialog: QFileDialog | None = None
        self.text = date_receipt(result)
        layout = QVBoxLayout(self)
        head = QLabel(
            f"<b>The report is saved</b> ({plural(result.pages, 'page')}, "
            f"{entries_text(result.entries)})."
        )
        layout.addWidget(head)
        self.protection = QLabel(
            "It is protected with the password you chose. Share the password separately "
            "from the file."
            if protected
            else "It is <b>not</b> protected: anyone who gets the file can read it. Keep it "
            "somewhere safe, or save it again with a password."
        )
        self.protection.setObjectName("receiptProtection")
        self.protection.setWordWrap(True)
        layout.addWidget(self.protection)
        if result.unshown_characters:
            missing = QLabel(
                f"{plural(len(result.unshown_characters), 'character')} could "
                "not be shown with the bundled font; the report lists them in a "
                "note."
            )
            missing.setWordWrap(True)
            layout.addWidget(missing)
        explain = QLabel(
            "The date receipt below holds no content. Email it to yourself or "
            "to your representative: it shows that a report with this "
            "fingerprint existed on this date."
        )
        explain.setWordWrap(True)
        layout.addWidget(explain)
        self.view = QPlainTextEdit(self.text)
        self.view.setObjectName("receiptText")
        self.view.setReadOnly(True)
        self.view.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.view.setMinimumHeight(self.fontMetrics().lineSpacing() * 8)
        layout.addWidget(self.view)
        buttons = QHBoxLayout()
        self.copy_button = QPushButton("&Copy receipt")
        self.copy_button.setObjectName("copyReceipt")
        self.copy_button.clicked.connect(self.copy)
        self.save_button = QPushButton("&Save receipt as text…")
        self.save_button.setObjectName("saveReceipt")
        self.save_button.clicked.connect(self.ask_where)
        close = QPushButton("Close")
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

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text)
        self.note.setText("Copied. It holds no content, so it stays on the clipboard.")

    def ask_where(self) -> None:
        if self.file_dialog is not None:
            return
        name = f"peerdesk-date-receipt-{date.today().isoformat()}.txt"
        dialog = save_dialog(
            self,
            "Save the date receipt",
            name,
            "Text files (*.txt)",
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
            self.note.setText(f"Not saved: {exc}")
            return
        except OSError:
            self.note.setText("Not saved: the file could not be written there.")
            return
        remember_folder(self._preferences, path)
        self.note.setText(f"Saved as {path.name}.")


__all__ = ["ReceiptDialog", "ReportDialog"]
