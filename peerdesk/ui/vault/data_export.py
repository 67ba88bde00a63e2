"""File ▸ Export data…: everything in the vault as a JSON archive, Markdown or CSV.

The dialog chooses the format, whether colleagues' real names go with it (off by default) and
an optional password (an AES-256 zip; the PDF password widget, with its wording for a zip).
Without a password it says plainly that the export is not encrypted. The work runs off the GUI
thread on a connection of its own, with progress and Cancel; afterwards the dialog says where
it wrote and how many entries and files. The window title never shows content.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QLabel,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from peerdesk.export.data import (
    NOT_ENCRYPTED,
    DataFormat,
    ExportCancelled,
    ExportOutcome,
    write_data_export,
)
from peerdesk.i18n import N_, _, ngettext
from peerdesk.models.secret_strength import strength
from peerdesk.storage.data_export import read_data_export
from peerdesk.ui.common.accessibility import announce
from peerdesk.ui.common.file_dialogs import remember_folder, save_dialog
from peerdesk.ui.common.pdf_options import PROTECTED, PdfPasswordChoice
from peerdesk.ui.common.preferences import Preferences
from peerdesk.ui.common.session import VaultSession
from peerdesk.ui.common.workers import Task, run_in_background
from peerdesk.ui.vault.page_scroll import bounded_to_screen

_FILTERS = {
    DataFormat.JSON: ("peerdesk-export.zip", N_("Zip archives (*.zip)")),
    DataFormat.MARKDOWN: ("peerdesk-markdown.zip", N_("Zip archives (*.zip)")),
    DataFormat.CSV: ("peerdesk-entries.csv", N_("CSV files (*.csv)")),
}


#: PdfPasswordChoice.problem()'s words when the second password differs.
MISMATCH = N_("The two passwords are not the same.")


class DataExportDialog(QDialog):
    """See the module docstring. ``last_outcome`` holds what the last export wrote."""

    def __init__(
        self,
        session: VaultSession,
        *,
        preferences: Preferences | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("dataExportDialog")
        self.setWindowTitle(_("Export data"))
        self._session = session
        self._preferences = preferences
        self._task: Task | None = None
        self.file_dialog: QFileDialog | None = None
        self.last_outcome: ExportOutcome | None = None
        layout = QVBoxLayout(self)
        intro = QLabel(
            _(
                "Take everything in this vault out in an open format: every journal entry with "
                "its history, people, files, supporter notes, coping library, resources and "
                "settings (never your passphrase)."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        formats = QGroupBox(_("Format"))
        formats_layout = QVBoxLayout(formats)
        self.format_group = QButtonGroup(self)
        self.format_buttons: dict[DataFormat, QRadioButton] = {}
        for fmt in DataFormat:
            button = QRadioButton(fmt.label)
            button.setObjectName(f"format_{fmt.value}")
            # translators: {format} is the name of an export format (JSON, Markdown, CSV)
            button.setAccessibleName(_("Format: {format}").format(format=fmt.label))
            self.format_group.addButton(button)
            formats_layout.addWidget(button)
            self.format_buttons[fmt] = button
        self.format_buttons[DataFormat.JSON].setChecked(True)
        layout.addWidget(formats)

        self.real_names_check = QCheckBox(_("Include colleagues' &real names"))
        self.real_names_check.setObjectName("includeRealNames")
        self.real_names_check.setAccessibleName(_("Include colleagues' real names"))
        layout.addWidget(self.real_names_check)

        self.password = PdfPasswordChoice(self)
        self.password.protect_check.setText(_("&Protect the export with a password (AES-256 zip)"))
        self.password.protect_check.setAccessibleName(_("Protect the export with a password"))
        self.password.password_edit.setAccessibleName(_("Password"))
        self.password.confirm_edit.setAccessibleName(_("Password again"))
        self.password.warning.hide()  # its words are about a PDF: this dialog says its own
        layout.addWidget(self.password)
        self.warning = QLabel()
        self.warning.setObjectName("exportWarning")
        self.warning.setWordWrap(True)
        self.warning.setAccessibleName(_("Whether the export is encrypted"))
        layout.addWidget(self.warning)

        self.progress = QProgressBar()
        self.progress.setObjectName("exportProgress")
        self.progress.setAccessibleName(_("Export progress"))
        self.progress.hide()
        layout.addWidget(self.progress)
        self.status = QLabel()
        self.status.setObjectName("exportStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.status)

        buttons = QDialogButtonBox()
        self.export_button = QPushButton(_("&Export…"))
        self.export_button.setObjectName("exportButton")
        self.export_button.setAccessibleName(_("Export"))
        self.export_button.setDefault(True)
        self.cancel_button = QPushButton(_("Cancel"))
        self.cancel_button.setObjectName("cancelButton")
        self.cancel_button.setAccessibleName(_("Cancel"))
        buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.export_button.clicked.connect(self._ask_where)
        self.cancel_button.clicked.connect(self._cancel)
        layout.addWidget(buttons)
        self.password.changed.connect(self._update)
        self._update()
        self.resize(bounded_to_screen(self, QSize(520, self.sizeHint().height())))

    # -- state ----------------------------------------------------------------------------------

    def chosen_format(self) -> DataFormat:
        for fmt, button in self.format_buttons.items():
            if button.isChecked():
                return fmt
        return DataFormat.JSON

    def _update(self) -> None:
        problem = self.password.problem()
        if problem:
            text = problem
        elif not self.password.protected:
            text = _(NOT_ENCRYPTED)  # marked N_ where it is defined (export)
        else:
            weak = strength(self.password.password_edit.text()).warning("password")
            text = f"{weak} {_(PROTECTED)}" if weak else _(PROTECTED)
        self.warning.setText(text)
        self.warning.setProperty("notProtected", not self.password.protected)
        # What keeps Export greyed out is read with the field it is about.
        mismatch = problem == _(MISMATCH)
        self.password.password_edit.setAccessibleDescription("" if mismatch else problem)
        self.password.confirm_edit.setAccessibleDescription(problem if mismatch else "")
        self.export_button.setEnabled(not problem and self._task is None)

    @property
    def running(self) -> bool:
        return self._task is not None

    # -- flow -----------------------------------------------------------------------------------

    def _ask_where(self) -> None:
        if self.running or self.password.problem() or not self._session.is_open:
            return
        if not self.password.confirm_weak(self):
            return
        fmt = self.chosen_format()
        name, filters = _FILTERS[fmt]
        filters = _(filters)
        encrypted = self.password.protected
        if fmt is DataFormat.CSV and encrypted:
            name, filters = "peerdesk-entries.zip", _("Zip archives (*.zip)")
        dialog = save_dialog(
            self,
            _("Export data to"),
            name,
            filters,
            fmt.suffix(encrypted).lstrip("."),
            self._preferences,
            "dataExportFileDialog",
        )
        self.file_dialog = dialog
        dialog.fileSelected.connect(self._file_chosen)
        dialog.rejected.connect(self._file_dialog_closed)
        dialog.open()

    def _file_dialog_closed(self) -> None:
        if self.file_dialog is not None:
            self.file_dialog.deleteLater()
        self.file_dialog = None

    def _file_chosen(self, chosen: str) -> None:
        self._file_dialog_closed()
        if chosen and self._session.is_open:
            path = Path(chosen)
            remember_folder(self._preferences, path)  # only if allowed
            self.start(path)

    def start(self, path: Path) -> None:
        """Write the export to ``path`` in the background (the file dialog calls this)."""
        vault = self._session.repos.vault
        fmt = self.chosen_format()
        names = self.real_names_check.isChecked()
        password = self.password.password()

        def work(task: Task) -> ExportOutcome:
            sibling = vault.sibling()
            try:
                export = read_data_export(
                    sibling, include_real_names=names, should_stop=lambda: task.cancelled
                )
                return write_data_export(
                    export,
                    fmt,
                    path,
                    password=password,
                    progress=task.report,
                    should_stop=lambda: task.cancelled,
                )
            finally:
                sibling.close()

        self.progress.setRange(0, 0)
        self.progress.show()
        self._say(_("Exporting…"))
        self.cancel_button.setText(_("Cancel"))
        self._task = run_in_background(
            work, on_success=self._done, on_failure=self._failed, on_progress=self._progressed
        )
        self._update()

    def _say(self, text: str) -> None:
        """Show ``text`` on the status line and tell a screen reader (not each entry's count)."""
        self.status.setText(text)
        announce(self.status, text)

    def _progressed(self, done: int, total: int) -> None:
        if shiboken6.isValid(self) and total:
            self.progress.setRange(0, total)
            self.progress.setValue(done)
            # translators: {done} entries of {total} exported so far
            self.status.setText(
                ngettext(
                    "Exporting… {done} of {total} entry",
                    "Exporting… {done} of {total} entries",
                    total,
                ).format(done=done, total=total)
            )

    def _finish(self) -> bool:
        self._task = None
        if not shiboken6.isValid(self):
            return False
        self.progress.hide()
        self.cancel_button.setText(_("Close"))
        self.password.forget()
        self._update()
        return True

    def _done(self, outcome: Any) -> None:
        if not self._finish():
            return
        assert isinstance(outcome, ExportOutcome)
        self.last_outcome = outcome
        # translators: {entries} is e.g. "3 entries", {files} e.g. "2 files"; {path} a file path
        said = _("Written to {path}: {entries}, {files}.").format(
            path=outcome.path,
            entries=ngettext("{count} entry", "{count} entries", outcome.entries).format(
                count=outcome.entries
            ),
            files=ngettext("{count} file", "{count} files", outcome.files).format(
                count=outcome.files
            ),
        )
        if outcome.encrypted:
            # translators: follows "Written to {path}: ..." as a second sentence
            said += " " + _("It is an AES-256 encrypted zip: share the password separately.")
        else:
            said += " " + _("It is not encrypted: keep it somewhere safe.")
        self._say(said)

    def _failed(self, exc: BaseException) -> None:
        if not self._finish():
            return
        if isinstance(exc, ExportCancelled):
            self._say(_("Cancelled. Nothing was written."))
        else:
            self._say(
                _(
                    "The export could not be written; nothing was saved. Check that the folder "
                    "exists and that you can write to it."
                )
            )

    def _cancel(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self._say(_("Cancelling…"))
            return
        self.reject()

    def reject(self) -> None:
        if self._task is not None:
            self._task.cancel()
        self.password.forget()
        super().reject()


__all__ = ["DataExportDialog"]
