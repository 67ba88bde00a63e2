"""Exports from the Colleagues screen: "What I hold" as a PDF for the colleague, and the
statistics as a PDF or CSV. :class:`ExportOptionsDialog` asks for the paper, an optional
password and (for "What I hold") the debrief; :class:`Exporter` runs the steps (options, where
to save, writing in the background, saying whether the file is protected)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QVBoxLayout,
    QWidget,
)

from peerdesk.export.colleague_pdf import write_what_i_hold
from peerdesk.export.pdfkit import Paper, PdfError
from peerdesk.export.stats_csv import write_programme_stats_csv
from peerdesk.export.stats_pdf import write_programme_stats_pdf
from peerdesk.i18n import N_, _
from peerdesk.models.supporter_views import HeldRecord, ProgrammeStats
from peerdesk.storage.errors import RecordNotFound
from peerdesk.ui.common.file_dialogs import remember_folder, save_dialog
from peerdesk.ui.common.messages import Messages
from peerdesk.ui.common.notices import note
from peerdesk.ui.common.pdf_options import PdfPasswordChoice
from peerdesk.ui.common.workers import run_in_background
from peerdesk.ui.supporter.widgets import ScreenHelper

if TYPE_CHECKING:
    from peerdesk.ui.supporter.screen import ColleaguesScreen

#: "hold" (What I hold PDF), "stats_pdf" or "stats_csv".
ExportKind = Literal["hold", "stats_pdf", "stats_csv"]


@dataclass(frozen=True)
class ExportOptions:
    paper: Paper
    password: str | None
    include_debrief: bool = False


class ExportOptionsDialog(QDialog):
    """Paper size, an optional password (AES-256) and, for "What I hold", the debrief."""

    def __init__(
        self, title: str, *, offer_debrief: bool, parent: QWidget | None = None, intro: str = ""
    ) -> None:
        super().__init__(parent)
        self.setObjectName("exportOptions")
        self.setWindowTitle(title)
        self.setMinimumWidth(440)
        layout = QVBoxLayout(self)
        if intro:
            layout.addWidget(note(intro))
        form = QFormLayout()
        self.paper_combo = QComboBox()
        self.paper_combo.setObjectName("paper")
        self.paper_combo.addItem("A4", "a4")
        self.paper_combo.addItem(_("US Letter"), "letter")
        # Where the computer is, not the language PeerDesk speaks (English is en_GB there).
        if QLocale.system().territory() in (QLocale.Country.UnitedStates, QLocale.Country.Canada):
            self.paper_combo.setCurrentIndex(1)
        form.addRow(_("&Paper"), self.paper_combo)
        layout.addLayout(form)
        self.debrief_check = QCheckBox(_("Include my own debrief notes"))
        self.debrief_check.setObjectName("includeDebrief")
        self.debrief_check.setToolTip(
            _(
                "Your debrief is about you, not the colleague, so it is left out unless you choose "
                "it."
            )
        )
        self.debrief_check.setVisible(offer_debrief)
        layout.addWidget(self.debrief_check)

        self.password_choice = PdfPasswordChoice()
        layout.addWidget(self.password_choice)
        self.protect_check = self.password_choice.protect_check
        self.password_edit = self.password_choice.password_edit
        self.confirm_edit = self.password_choice.confirm_edit
        self.warning = self.password_choice.warning
        layout.addWidget(self.warning)
        self.buttons = QDialogButtonBox()
        self.ok_button = self.buttons.addButton(
            _("Choose where to save…"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.ok_button.setObjectName("exportContinue")
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.password_choice.changed.connect(self._update)
        self._update()

    def _update(self) -> None:
        self.ok_button.setEnabled(not self.password_choice.problem())

    def accept(self) -> None:
        if self.password_choice.problem() or not self.password_choice.confirm_weak(self):
            return  # a weak password is asked about once; "Choose another" stays here
        super().accept()

    def options(self) -> ExportOptions:
        return ExportOptions(
            paper="letter" if self.paper_combo.currentData() == "letter" else "a4",
            password=self.password_choice.password(),
            include_debrief=self.debrief_check.isChecked(),
        )

    def forget_password(self) -> None:
        self.password_choice.forget()


@dataclass
class PendingExport:
    kind: ExportKind
    data: HeldRecord | ProgrammeStats
    options: ExportOptions | None = None


#: Per kind: the suggested file name, the dialog title, the filter and the suffix.
_WHERE: dict[str, tuple[str, str, str, str]] = {
    "hold": ("what-i-hold.pdf", N_("Save “What I hold” as PDF"), N_("PDF files (*.pdf)"), "pdf"),
    "stats_pdf": (
        "programme-statistics.pdf",
        N_("Export statistics as PDF"),
        N_("PDF files (*.pdf)"),
        "pdf",
    ),
    "stats_csv": (
        "programme-statistics.csv",
        N_("Export statistics as CSV"),
        N_("CSV files (*.csv)"),
        "csv",
    ),
}


class Exporter(ScreenHelper):
    """The export steps of the Colleagues screen: options (PDFs), where to save, then the
    file is written in the background. Holds the open dialogs so a lock can close them."""

    def __init__(self, screen: ColleaguesScreen) -> None:
        super().__init__(screen)
        self.pending: PendingExport | None = None
        self.export_dialog: ExportOptionsDialog | None = None
        self.file_dialog: QFileDialog | None = None
        self.last_export: Path | None = None

    def start(self, kind: ExportKind) -> None:
        """Options (PDFs), then where to save; the file is written in the background."""
        screen = self._screen
        session = screen.session
        if not session.is_open or self.pending is not None:
            return
        data: HeldRecord | ProgrammeStats
        if kind == "hold":
            colleague_id = screen.form.colleague_id
            if colleague_id is None:
                return
            try:
                data = session.repos.colleagues.what_i_hold(colleague_id)
            except RecordNotFound:
                return
        else:
            screen.statistics.refresh(now=True)
            if screen.statistics.stats is None:
                return
            data = screen.statistics.stats
        self.pending = PendingExport(kind, data)
        if kind == "stats_csv":
            self._ask_where()
            return
        if kind == "hold":
            intro = _(
                "A copy for the colleague: everything held about them, including their "
                "real name if one is stored."
            )
            dialog = ExportOptionsDialog(
                _("Save “What I hold” as PDF"), offer_debrief=True, parent=screen, intro=intro
            )
        else:
            dialog = ExportOptionsDialog(
                _("Export statistics as PDF"),
                offer_debrief=False,
                parent=screen,
                intro=_("Counts only: no names, no notes."),
            )
        self.export_dialog = dialog
        dialog.accepted.connect(self._options_chosen)
        dialog.rejected.connect(self._export_cancelled)
        dialog.open()

    def close_dialogs(self) -> None:
        """The vault is closing: close the dialogs and forget what was to be exported."""
        if self.export_dialog is not None:
            self.export_dialog.forget_password()
            self.export_dialog.reject()
        if self.file_dialog is not None:
            self.file_dialog.reject()
        self.export_dialog = None
        self.file_dialog = None
        self.pending = None

    def _options_chosen(self) -> None:
        dialog = self.export_dialog
        self.export_dialog = None
        if dialog is None or self.pending is None:
            return
        self.pending.options = dialog.options()
        dialog.forget_password()
        dialog.deleteLater()
        self._ask_where()

    def _export_cancelled(self) -> None:
        if self.export_dialog is not None:
            self.export_dialog.forget_password()
            self.export_dialog.deleteLater()
        self.export_dialog = None
        self.pending = None

    def _ask_where(self) -> None:
        pending = self.pending
        if pending is None:
            return
        name, title, filters, suffix = _WHERE[pending.kind]
        dialog = save_dialog(
            self._screen,
            _(title),
            name,
            _(filters),
            suffix,
            self._screen.preferences,
            "exportFileDialog",
        )
        self.file_dialog = dialog
        dialog.fileSelected.connect(self._file_chosen)
        dialog.rejected.connect(self._file_dialog_cancelled)
        dialog.open()

    def _file_dialog_cancelled(self) -> None:
        if self.file_dialog is not None:
            self.file_dialog.deleteLater()
        self.file_dialog = None
        self.pending = None

    def _file_chosen(self, chosen: str) -> None:
        dialog, self.file_dialog = self.file_dialog, None
        if dialog is not None:
            dialog.deleteLater()
        pending, self.pending = self.pending, None
        if not chosen or pending is None or not self._screen.session.is_open:
            return
        path = Path(chosen)
        remember_folder(self._screen.preferences, path)  # only if allowed
        self.write(pending, path)

    def write(self, pending: PendingExport, path: Path) -> None:
        """Write in the background; afterwards say plainly whether the file is protected."""
        screen = self._screen
        options = pending.options or ExportOptions(paper="a4", password=None)
        today = screen.today()
        data = pending.data
        kind = pending.kind
        hide_small = screen.stats_panel.hide_small_check.isChecked()

        def work(_task: object) -> Path:
            if isinstance(data, HeldRecord):
                write_what_i_hold(
                    data,
                    path,
                    paper=options.paper,
                    password=options.password,
                    include_debrief=options.include_debrief,
                    generated_on=today,
                )
            elif kind == "stats_pdf":
                write_programme_stats_pdf(
                    data,
                    path,
                    paper=options.paper,
                    password=options.password,
                    generated_on=today,
                    hide_small=hide_small,
                )
            else:
                write_programme_stats_csv(data, path, generated_on=today, hide_small=hide_small)
            return path

        def succeeded(_result: object) -> None:
            self.last_export = path
            if kind == "stats_csv":
                Messages.info(
                    screen,
                    _("CSV saved"),
                    _("The statistics are saved as a CSV file."),
                    informative=_(
                        "It holds counts only — no names and no notes. CSV "
                        "files cannot be protected with a password."
                    ),
                )
            elif options.password is None:
                Messages.warn(
                    screen,
                    _("PDF saved — not protected"),
                    _(
                        "The PDF is saved, but it is not protected: anyone who gets the "
                        "file can read it."
                    ),
                    informative=_(
                        "Keep it somewhere safe and delete it when it is no "
                        "longer needed — or save it again with a password."
                    ),
                )
            else:
                Messages.info(
                    screen,
                    _("PDF saved"),
                    _("The PDF is saved and protected with the password you chose."),
                    informative=_("Share the password separately from the file."),
                )
            screen.export_finished.emit(True)

        def failed(exc: BaseException) -> None:
            Messages.error(
                screen,
                _("Not saved"),
                _("The file could not be saved. Nothing was changed."),
                informative=str(exc)
                if isinstance(exc, PdfError)
                else _("Check that the folder exists and that you can write to it."),
            )
            screen.export_finished.emit(False)

        run_in_background(work, on_success=succeeded, on_failure=failed)


__all__ = ["ExportOptions", "ExportOptionsDialog", "Exporter", "PendingExport"]
