"""``File ▸ Import…``: bring entries in from another journal, seeing first what will come in.

Choose a file or folder (the format is detected and can be changed) → for a CSV file, say which
column holds what and in which order its dates are written, with the first rows shown → see
what will be imported and what skipped, and why → import in the background, with progress and
Cancel (one transaction: a cancel leaves the vault exactly as it was) → a summary.

Reading and importing run off the GUI thread, each on a connection of its own
(``vault.sibling()``); the open screens hear of the new entries afterwards.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from peerdesk.i18n import N_, _, ngettext
from peerdesk.importing.base import ImportFailed, Preview
from peerdesk.importing.csv_import import guess_columns, read_table, suggest_date_order
from peerdesk.importing.detect import FORMAT_LABELS, Source, detect_format, read_source
from peerdesk.importing.safety import is_encrypted_zip
from peerdesk.storage.errors import VaultError
from peerdesk.storage.importing import (
    ImportCancelled,
    ImportOutcome,
    announce,
    import_source,
    planned,
)
from peerdesk.ui.common.accessibility import announce as announce_to_reader
from peerdesk.ui.common.file_dialogs import forget_folders_after, start_folder
from peerdesk.ui.common.preferences import Preferences
from peerdesk.ui.common.session import VaultSession
from peerdesk.ui.common.workers import Task, run_in_background
from peerdesk.ui.vault.data_import.pages import (
    ChoosePage,
    CsvPage,
    PreviewPage,
    ProgressPage,
    SummaryPage,
)
from peerdesk.ui.vault.field_errors import clear_error, error_line, show_error
from peerdesk.ui.vault.page_scroll import bounded_to_screen

FILE_FILTERS = N_(
    "Journals (*.zip *.json *.txt *.jrnl *.md *.markdown *.csv *.tsv *.eml);;All files (*)"
)


class ImportDialog(QDialog):
    """The Import dialog (module docstring)."""

    def __init__(
        self,
        session: VaultSession,
        *,
        preferences: Preferences | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("importDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(_("Import entries"))
        self.setAccessibleName(_("Import entries from another journal"))
        self.resize(bounded_to_screen(self, QSize(680, 520)))  # 1366×768 at 150 %: 910×512
        self._session = session
        self._preferences = preferences
        self._format = ""
        self._source: Source | None = None
        self._task: Task | None = None
        self._closed = False

        self.choose = ChoosePage()
        self.csv = CsvPage()
        self.preview = PreviewPage()
        self.progress = ProgressPage()
        self.summary = SummaryPage()
        self.pages = QStackedWidget()
        for page in (self.choose, self.csv, self.preview, self.progress, self.summary):
            self.pages.addWidget(page)
        # A problem with the source: in words, in the theme's error colour, tied to the field
        # to change and announced (show_error); "Reading…" is a status line of its own.
        self.error = error_line("importError")
        self.status = QLabel("")
        self.status.setObjectName("importStatus")
        self.status.setWordWrap(True)
        self.status.hide()

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.back_button = QPushButton(_("&Back"))
        self.next_button = QPushButton(_("&Next"))
        self.import_button = QPushButton(_("&Import"))
        self.cancel_button = QPushButton(_("Cancel"))
        self.close_button = QPushButton(_("Close"))
        for button, name in (
            (self.back_button, _("Back")),
            (self.next_button, _("Next")),
            (self.import_button, _("Import the entries")),
            (self.cancel_button, _("Cancel")),
            (self.close_button, _("Close")),
        ):
            button.setAccessibleName(name)
            button.setAutoDefault(False)
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.status)
        layout.addLayout(buttons)

        self.choose.file_button.clicked.connect(self._pick_file)
        self.choose.folder_button.clicked.connect(self._pick_folder)
        self.choose.path_chosen.connect(self._path_changed)
        self.choose.format_combo.currentIndexChanged.connect(lambda _i: self._format_changed())
        self.back_button.clicked.connect(self._back)
        self.next_button.clicked.connect(self._next)
        self.import_button.clicked.connect(self._start_import)
        self.cancel_button.clicked.connect(self._cancel)
        self.close_button.clicked.connect(self.accept)
        self._update()
        self.choose.path_edit.setFocus()

    # -- state ---------------------------------------------------------------------------------

    def _page(self) -> QWidget:
        page = self.pages.currentWidget()
        assert page is not None
        return page

    def _busy(self) -> bool:
        return self._task is not None

    def _update(self) -> None:
        page = self._page()
        busy = self._busy()
        self.back_button.setVisible(page in (self.csv, self.preview))
        self.back_button.setEnabled(not busy)
        self.next_button.setVisible(page in (self.choose, self.csv))
        self.next_button.setEnabled(not busy and self.choose.path() is not None)
        self.import_button.setVisible(page is self.preview)
        preview_has_entries = self._source is not None and self._last_preview_entries > 0
        self.import_button.setEnabled(not busy and preview_has_entries)
        self.cancel_button.setVisible(page is not self.summary)
        self.close_button.setVisible(page is self.summary)
        for button in (self.next_button, self.import_button, self.close_button):
            button.setDefault(button.isVisible() and button.isEnabled())

    _last_preview_entries = 0

    def _show(self, page: QWidget, focus: QWidget | None = None) -> None:
        self.pages.setCurrentWidget(page)
        self._update()
        (focus or page).setFocus()
        if page is self.summary:  # how it ended, told to a screen reader
            announce_to_reader(self.summary.text, self.summary.text.text())

    def _fail(self, message: str) -> None:
        self._set_status("")
        field = self.csv.order_combo if self._page() is self.csv else self.choose.path_edit
        show_error(field, self.error, message)

    def _clear_error(self) -> None:
        for field in (self.choose.path_edit, self.csv.order_combo):
            clear_error(field, self.error)

    def _set_status(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))
        if text:
            announce_to_reader(self.status, text)

    # -- choosing ------------------------------------------------------------------------------

    def _pick_file(self) -> None:
        self._pick(QFileDialog.FileMode.ExistingFile, _("Choose a file to import"))

    def _pick_folder(self) -> None:
        self._pick(QFileDialog.FileMode.Directory, _("Choose a folder of Markdown notes"))

    def _pick(self, mode: QFileDialog.FileMode, title: str) -> None:
        dialog = QFileDialog(self, title, str(start_folder(self._preferences)), _(FILE_FILTERS))
        dialog.setObjectName("importFileDialog")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.setFileMode(mode)
        forget_folders_after(dialog)
        dialog.fileSelected.connect(self.choose.path_edit.setText)
        dialog.open()

    def _path_changed(self) -> None:
        self._clear_error()
        path = self.choose.path()
        self.choose.detected.clear()
        if path is not None and path.exists():
            try:
                key = detect_format(path)
            except ImportFailed as error:
                self.choose.detected.setText(str(error))
            else:
                self.choose.set_format(key)
                # translators: {format} names a journal format, e.g. "Day One JSON export (.zip)"
                self.choose.detected.setText(
                    _("This looks like: {format}.").format(format=_(FORMAT_LABELS[key]))
                )
        self._format_changed()

    def _format_changed(self) -> None:
        path = self.choose.path()
        encrypted = (
            path is not None
            and self.choose.chosen_format() == "peerdesk"
            and path.is_file()
            and is_encrypted_zip(path)
        )
        self.choose.show_password(encrypted)
        self._update()

    def _next(self) -> None:
        self._clear_error()
        path = self.choose.path()
        if path is None:
            return
        if self._page() is self.choose:
            try:
                self._format = self.choose.chosen_format() or detect_format(path)
                if self._format == "csv":
                    table = read_table(path)
                    dates = guess_columns(table.headers).get("date")
                    column = table.headers.index(dates) if dates else None
                    values = [
                        r[column] for r in table.rows if column is not None and column < len(r)
                    ]
                    self.csv.show_table(
                        table, guess_columns(table.headers), suggest_date_order(values), path.name
                    )
                    self._show(self.csv, self.csv.combos["date"])
                    return
            except ImportFailed as error:
                self._fail(str(error))
                return
        self._read(path)

    def _back(self) -> None:
        self._clear_error()
        if self._page() is self.preview and self._format == "csv":
            self._show(self.csv)
        else:
            self._show(self.choose, self.choose.path_edit)

    # -- reading (background) --------------------------------------------------------------------

    def _read(self, path: Path) -> None:
        vault = self._session.repos.vault
        fmt = self._format
        mapping = self.csv.mapping() if fmt == "csv" else None
        password = self.choose.password()

        def work(_task: Task) -> tuple[Source, Preview]:
            source = read_source(path, fmt, csv_mapping=mapping, password=password)
            own = vault.sibling()
            try:
                return source, planned(own, source)
            finally:
                own.close()

        self._set_status(_("Reading…"))
        self._task = run_in_background(work, on_success=self._read_done, on_failure=self._failed)
        self._update()

    def _read_done(self, result: tuple[Source, Preview]) -> None:
        self._task = None
        if self._closed:
            return
        self._set_status("")
        self._source, preview = result
        self._last_preview_entries = preview.entries
        label = FORMAT_LABELS.get(self._source.format, self._source.format)
        self.preview.show_preview(preview, label)
        self._show(self.preview, self.import_button if preview.entries else self.back_button)

    def _failed(self, error: BaseException) -> None:
        self._task = None
        if self._closed:
            return
        if isinstance(error, ImportCancelled):
            self.summary.text.setText(_("The import was cancelled: nothing was written."))
            self._show(self.summary, self.close_button)
            return
        if isinstance(error, ImportFailed):
            # translators: {error} is a sentence saying why the file could not be read
            message = _("{error} Nothing was imported.").format(error=error)
        elif isinstance(error, VaultError):
            message = str(error.user_message)
        else:
            # translators: {kind} is a programmer's name of the error, e.g. OSError
            message = _("The import failed ({kind}). Nothing was imported.").format(
                kind=type(error).__name__
            )
        if self._page() is self.progress:
            self.summary.text.setText(message)
            self._show(self.summary, self.close_button)
        else:
            self._update()
            self._fail(message)  # after the buttons settle: the focus goes to the field

    # -- importing (background) ------------------------------------------------------------------

    def _start_import(self) -> None:
        source = self._source
        if source is None:
            return
        vault = self._session.repos.vault

        def work(task: Task) -> ImportOutcome:
            own = vault.sibling()
            try:
                return import_source(
                    own, source, progress=task.report, should_stop=lambda: task.cancelled
                )
            finally:
                own.close()

        self.progress.status.setText(_("Importing… (nothing is kept unless it all succeeds)"))
        self.progress.progress.setValue(0)
        self._show(self.progress, self.cancel_button)
        self._task = run_in_background(
            work, on_success=self._imported, on_failure=self._failed, on_progress=self._progressed
        )
        self._update()

    def _progressed(self, done: int, total: int) -> None:
        if self._closed:
            return
        self.progress.progress.setMaximum(max(1, total))
        self.progress.progress.setValue(done)

    def _imported(self, outcome: ImportOutcome) -> None:
        self._task = None
        if self._session.is_open:
            announce(self._session.repos.incidents, self._session.repos.persons, outcome)
        if self._closed:
            return
        # translators: {entries} is e.g. "2 entries", {files} e.g. "2 files"
        lines = [
            _("Imported {entries} and {files}.").format(
                entries=ngettext("{count} entry", "{count} entries", outcome.entries).format(
                    count=outcome.entries
                ),
                files=ngettext("{count} file", "{count} files", outcome.files).format(
                    count=outcome.files
                ),
            )
        ]
        if outcome.people_added:
            n = outcome.people_added
            lines.append(
                ngettext(
                    "{count} person was added to the cast list (People).",
                    "{count} people were added to the cast list (People).",
                    n,
                ).format(count=n)
            )
        if outcome.already_imported:
            n = outcome.already_imported
            lines.append(
                ngettext(
                    "{count} entry had been imported before and was left out.",
                    "{count} had been imported before and were left out.",
                    n,
                ).format(count=n)
            )
        if outcome.skipped:
            # translators: {count} is how many entries were skipped; their reasons follow
            lines.append(
                _("Skipped ({count}), with the reason:").format(count=len(outcome.skipped))
            )
            lines.extend(f"  {s.where}: {s.reason}" for s in outcome.skipped[:20])
        self.summary.text.setText("\n".join(lines))
        self._show(self.summary, self.close_button)

    # -- cancel and close ------------------------------------------------------------------------

    def _cancel(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self.progress.status.setText(_("Stopping… nothing will be kept."))
            self.cancel_button.setEnabled(False)
            return
        self.reject()

    def reject(self) -> None:
        if self._task is not None:  # Escape while importing: stop, do not leave it running
            self._cancel()
            return
        self._closed = True
        super().reject()

    def accept(self) -> None:
        self._closed = True
        super().accept()


__all__ = ["ImportDialog"]
