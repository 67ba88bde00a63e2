"""The Import dialog's pages: choose the source, map a CSV's columns, see what will be imported,
follow the import, read the summary. Each page is a small form; the flow is in ``dialog.py``."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from peerdesk.i18n import N_, _, ngettext
from peerdesk.importing.base import Preview
from peerdesk.importing.csv_import import DATE_ORDERS, FIELDS, CsvMapping, CsvTable
from peerdesk.importing.detect import FORMAT_LABELS
from peerdesk.models.dates import short_date

#: The words for each CSV field in the mapping step.
FIELD_LABELS = {
    "date": N_("Date (required)"),
    "time": N_("Time"),
    "title": N_("Short description"),
    "text": N_("What happened"),
    "people": N_("People"),
    "tags": N_("Tags"),
}
ORDER_LABELS = {
    "": N_("Choose…"),
    "dmy": N_("Day first (31/12/2026)"),
    "mdy": N_("Month first (12/31/2026)"),
    "ymd": N_("Year first (2026/12/31)"),
}
#: Each label's mnemonic (Alt+letter focuses its list).
MNEMONICS = {
    "date": N_("&Date (required)"),
    "time": N_("&Time"),
    "title": N_("&Short description"),
    "text": N_("&What happened"),
    "people": N_("&People"),
    "tags": N_("T&ags"),
}
#: The accessible name of each field's list of columns.
COLUMN_NAMES = {
    "date": N_("Column for Date"),
    "time": N_("Column for Time"),
    "title": N_("Column for Short description"),
    "text": N_("Column for What happened"),
    "people": N_("Column for People"),
    "tags": N_("Column for Tags"),
}
#: What the mapping step says when the dates can only be read one way.
ORDER_HINTS = {
    "dmy": N_(
        "The dates in this file can only be read day first (31/12/2026): check that this is right."
    ),
    "mdy": N_(
        "The dates in this file can only be read month first (12/31/2026): "
        "check that this is right."
    ),
    "ymd": N_(
        "The dates in this file can only be read year first (2026/12/31): check that this is right."
    ),
}
NOT_USED = N_("(not used)")
PREVIEW_ROWS = 5


def _label(text: str, *, wrap: bool = True) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class ChoosePage(QWidget):
    """The file or folder to import, and its format (detected, changeable)."""

    path_chosen = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addWidget(
            _label(
                _(
                    "Bring entries in from Day One, jrnl, a folder of Markdown notes, a CSV file, "
                    "an email or a PeerDesk export. You will see what will be imported before "
                    "anything is written; entries imported before are left out."
                )
            )
        )
        form = QFormLayout()
        row = QHBoxLayout()
        self.path_edit = QLineEdit()
        self.path_edit.setAccessibleName(_("File or folder to import"))
        self.path_edit.setPlaceholderText(_("A file or a folder"))
        self.file_button = QPushButton(_("Choose &file…"))
        self.file_button.setAccessibleName(_("Choose a file to import"))
        self.folder_button = QPushButton(_("Choose f&older…"))
        self.folder_button.setAccessibleName(_("Choose a folder of Markdown notes to import"))
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.file_button)
        row.addWidget(self.folder_button)
        source_label = QLabel(_("&Source:"))
        source_label.setBuddy(self.path_edit)
        form.addRow(source_label, row)
        self.format_combo = QComboBox()
        self.format_combo.setAccessibleName(_("Format of the source"))
        self.format_combo.addItem(_("Detect from the file"), "")
        for key, text in FORMAT_LABELS.items():
            self.format_combo.addItem(_(text), key)
        format_label = QLabel(_("F&ormat:"))
        format_label.setBuddy(self.format_combo)
        form.addRow(format_label, self.format_combo)
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setInputMethodHints(Qt.InputMethodHint.ImhSensitiveData)
        self.password_edit.setAccessibleName(_("Password of the PeerDesk export"))
        self.password_label = QLabel(_("&Password:"))
        self.password_label.setBuddy(self.password_edit)
        form.addRow(self.password_label, self.password_edit)
        self.show_password(False)
        layout.addLayout(form)
        self.detected = _label("")
        self.detected.setAccessibleName(_("Detected format"))
        layout.addWidget(self.detected)
        layout.addStretch(1)
        self.path_edit.textChanged.connect(lambda _text: self.path_chosen.emit())

    def show_password(self, shown: bool) -> None:
        """The password field, for a password-protected PeerDesk export only."""
        self.password_label.setVisible(shown)
        self.password_edit.setVisible(shown)
        if not shown:
            self.password_edit.clear()

    def password(self) -> str | None:
        return self.password_edit.text() if self.password_edit.isVisible() else None

    def path(self) -> Path | None:
        text = self.path_edit.text().strip()
        return Path(text).expanduser() if text else None

    def chosen_format(self) -> str | None:
        return str(self.format_combo.currentData()) or None

    def set_format(self, key: str) -> None:
        index = self.format_combo.findData(key)
        if index >= 0:
            self.format_combo.setCurrentIndex(index)


class CsvPage(QWidget):
    """Which column holds what, the order of day and month, and the first rows."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.how_read = _label("")
        self.how_read.setAccessibleName(_("How the file was read"))
        layout.addWidget(self.how_read)
        form = QFormLayout()
        self.combos: dict[str, QComboBox] = {}
        for key in FIELDS:
            combo = QComboBox()
            combo.setAccessibleName(_(COLUMN_NAMES.get(key, FIELD_LABELS[key])))
            # translators: a form label, {label} is a field name such as "&Date (required)"
            label = QLabel(_("{label}:").format(label=_(MNEMONICS.get(key, FIELD_LABELS[key]))))
            label.setBuddy(combo)
            form.addRow(label, combo)
            self.combos[key] = combo
        self.order_combo = QComboBox()
        self.order_combo.setAccessibleName(_("Order of day and month in the dates"))
        for key, text in ORDER_LABELS.items():
            self.order_combo.addItem(_(text), key)
        order_label = QLabel(_("Dat&es are written:"))
        order_label.setBuddy(self.order_combo)
        form.addRow(order_label, self.order_combo)
        layout.addLayout(form)
        self.order_hint = _label("")
        layout.addWidget(self.order_hint)
        self.table = QTableWidget()
        self.table.setAccessibleName(_("The first rows of the file"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setMinimumHeight(140)
        layout.addWidget(_label(_("The first rows of the file:")))
        layout.addWidget(self.table, 1)

    def show_table(
        self, table: CsvTable, guessed: dict[str, str], suggested: str | None, name: str
    ) -> None:
        # translators: {name} is a file name; {how} e.g. "UTF-8, separated by comma"
        self.how_read.setText(
            _("{name} was read as {how}.").format(name=name, how=table.describe())
        )
        for key, combo in self.combos.items():
            combo.clear()
            combo.addItem(_(NOT_USED), "")
            for header in table.headers:
                combo.addItem(header or _("(no name)"), header)
            index = combo.findData(guessed.get(key, ""))
            combo.setCurrentIndex(max(0, index))
        self.order_combo.setCurrentIndex(max(0, self.order_combo.findData(suggested or "")))
        self.order_hint.setText(
            _(ORDER_HINTS[suggested])
            if suggested in ORDER_HINTS
            else _(
                "Dates like 04/03/2026 could be 4 March or 3 April: choose the order if the "
                "file has them (ISO dates such as 2026-03-04 need no choice)."
            )
        )
        rows = table.preview(PREVIEW_ROWS)
        self.table.clear()
        self.table.setColumnCount(len(table.headers))
        self.table.setRowCount(len(rows))
        self.table.setHorizontalHeaderLabels(table.headers)
        for r, row in enumerate(rows):
            for c, cell in enumerate(row[: len(table.headers)]):
                self.table.setItem(r, c, QTableWidgetItem(cell.replace("\n", " ⏎ ")))
        self.table.resizeColumnsToContents()
        for column in range(self.table.columnCount()):
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), 260))

    def mapping(self) -> CsvMapping:
        columns = {k: str(c.currentData()) for k, c in self.combos.items() if c.currentData()}
        order = str(self.order_combo.currentData() or "")
        return CsvMapping(columns, order if order in DATE_ORDERS else None)


class PreviewPage(QWidget):
    """What will be imported and what will be skipped, before anything is written."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.summary = _label("")
        self.summary.setAccessibleName(_("What will be imported"))
        layout.addWidget(self.summary)
        self.skipped_label = _label("")
        layout.addWidget(self.skipped_label)
        self.skipped = QListWidget()
        self.skipped.setAccessibleName(_("What will be skipped, and why"))
        self.skipped.setWordWrap(True)
        layout.addWidget(self.skipped, 1)

    def show_preview(self, preview: Preview, label: str) -> None:
        n = preview.entries
        # translators: {count} is a number of journal entries found in a file to import
        entries = ngettext("• {count} new entry", "• {count} new entries", n).format(count=n)
        if preview.first is not None and preview.last is not None:
            first, last = short_date(preview.first), short_date(preview.last)
            if first != last:
                # translators: {count} entries; {first} and {last} are dates
                entries = ngettext(
                    "• {count} new entry, dated {first} to {last}",
                    "• {count} new entries, dated {first} to {last}",
                    n,
                ).format(count=n, first=first, last=last)
            else:
                # translators: {count} entries; {first} is a date
                entries = ngettext(
                    "• {count} new entry, dated {first}",
                    "• {count} new entries, dated {first}",
                    n,
                ).format(count=n, first=first)
        # translators: {source} names the file or format imported from
        lines = [
            _("From {source}:").format(source=label),
            entries,
            ngettext("• {count} file to attach", "• {count} files to attach", preview.files).format(
                count=preview.files
            ),
        ]
        if preview.already_imported:
            m = preview.already_imported
            lines.append(
                ngettext(
                    "• {count} imported before, left out", "• {count} imported before, left out", m
                ).format(count=m)
            )
        if not preview.entries:
            lines.append(_("\nThere is nothing new to import."))
        else:
            lines.append(
                _(
                    "\nEach entry keeps the date the source gives, shown as “originally written … "
                    "according to” the source; PeerDesk records it as imported today."
                )
            )
        self.summary.setText("\n".join(lines))
        self.skipped.clear()
        for item in preview.skipped:
            self.skipped.addItem(f"{item.where}: {item.reason}")
        self.skipped_label.setText(
            # translators: {count} is how many entries will be skipped; their reasons follow
            _("Will be skipped ({count}), with the reason:").format(count=len(preview.skipped))
            if preview.skipped
            else _("Nothing is skipped.")
        )
        self.skipped.setVisible(bool(preview.skipped))


class ProgressPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.status = _label(_("Importing…"))
        self.status.setAccessibleName(_("Import status"))
        self.progress = QProgressBar()
        self.progress.setAccessibleName(_("Import progress"))
        layout.addWidget(self.status)
        layout.addWidget(self.progress)
        layout.addStretch(1)


class SummaryPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.text = _label("")
        self.text.setAccessibleName(_("Import summary"))
        layout.addWidget(self.text)
        layout.addStretch(1)


__all__ = ["ChoosePage", "CsvPage", "PreviewPage", "ProgressPage", "SummaryPage"]
