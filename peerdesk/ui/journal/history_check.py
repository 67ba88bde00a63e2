"""*Verify history* on the journal screen: every entry's revision chain is checked on a worker
(its own connection), then :class:`HistoryCheckDialog` says what was found and lists every
entry with its chain head, in exactly the lines ``peerdesk check --verbose`` prints, so that a
reader can set them beside a report's integrity appendix. The list is read-only and copied
through the clipboard that forgets (:class:`~peerdesk.ui.common.clipboard.SecureClipboard`)."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from peerdesk.i18n import N_, _
from peerdesk.storage.incident_revisions import HistoryReport
from peerdesk.storage.incidents import IncidentRepository
from peerdesk.ui.common.clipboard import SecureClipboard
from peerdesk.ui.common.messages import Messages
from peerdesk.ui.common.session import VaultSession
from peerdesk.ui.common.workers import Task, run_in_background

log = logging.getLogger(__name__)

_IDLE_TEXT = N_("Verify history")


class HistoryCheck:
    """Runs the check for ``owner`` (the dialog's parent); ``checked`` is called when it ends,
    whatever the outcome. ``button`` (if set) is disabled while it runs."""

    def __init__(self, session: VaultSession, owner: QWidget, checked: Callable[[], None]):
        self._session = session
        self._owner = owner
        self._checked = checked
        self._task: Task | None = None
        self.button: QPushButton | None = None
        #: The application's clipboard that forgets (the shell sets it, so that a lock clears
        #: a copy); until then one of our own, cleared after its timeout.
        self.clipboard: SecureClipboard | None = None
        self.dialog: HistoryCheckDialog | None = None
        self.last_report: HistoryReport | None = None

    def start(self) -> None:
        """Check every entry's revision chain in the background and say what was found."""
        if not self._session.is_open or self._task is not None:
            return
        vault = self._session.repos.vault
        if self.button is not None:
            self.button.setEnabled(False)
            self.button.setText(_("Verifying…"))

        def work(_task: Task) -> HistoryReport:
            own = vault.sibling()
            try:
                return IncidentRepository(own).verify_history()
            finally:
                own.close()

        self._task = run_in_background(work, on_success=self._verified, on_failure=self._failed)

    def stop(self) -> None:
        """The vault is closing: cancel a running check and close the result."""
        if self._task is not None:
            self._task.cancel()
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
        self.dialog = None

    def _done(self) -> bool:
        cancelled = self._task is not None and self._task.cancelled
        self._task = None
        if self.button is not None:
            self.button.setEnabled(True)
            self.button.setText(_(_IDLE_TEXT))
        return not cancelled

    def _verified(self, report: HistoryReport) -> None:
        if not self._done():
            return
        self.last_report = report
        if self.dialog is not None:
            self.dialog.close()
        if self.clipboard is None:
            self.clipboard = SecureClipboard(self._owner)
        self.dialog = HistoryCheckDialog(report, self.clipboard, self._owner)
        self.dialog.destroyed.connect(self._dialog_gone)
        self.dialog.open()
        self._checked()

    def _dialog_gone(self) -> None:
        self.dialog = None

    def _failed(self, exc: BaseException) -> None:
        if not self._done():
            return
        log.info("history verification could not run: %s", type(exc).__name__)
        Messages.error(
            self._owner,
            _("History check"),
            _("The history could not be checked."),
            informative=_("The vault may have been locked meanwhile. Try again."),
        )
        self._checked()


class HistoryCheckDialog(QDialog):
    """What *Verify history* found: a sentence, then one line per entry (the lines of
    ``peerdesk check --verbose``: record no., revisions, withdrawn, chain head), read-only,
    selectable and copyable. It holds numbers and fingerprints only, never entry content."""

    def __init__(
        self, report: HistoryReport, clipboard: SecureClipboard, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._clipboard = clipboard
        self.setObjectName("historyCheckDialog")
        self.setWindowTitle(_("History verified") if report.ok else _("History check failed"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 18)
        self.summary = QLabel(report.summary())
        self.summary.setObjectName("historyCheckSummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        if report.ok:
            note = _(
                "The fingerprints show that no saved entry was changed afterwards without "
                "a visible revision. They are not a trusted third-party timestamp."
            )
        else:
            # translators: the separator between the items of a list ("No. 3, No. 7")
            separator = _(", ")
            # translators: an entry's record number in a list ("No. 3, No. 7")
            numbers = separator.join(
                _("No. {number}").format(number=p.record_number) for p in report.problems[:20]
            )
            # translators: {numbers} is a list of entry numbers
            note = _(
                "Entries that failed: {numbers}. They were changed outside PeerDesk or "
                "the vault is damaged. Keep a backup of this vault as it is now."
            ).format(numbers=numbers)
        note += _(
            " Each chain head below must equal the one a report's integrity appendix "
            "prints for the same record number (“peerdesk check VAULT --verbose” prints "
            "these same lines)."
        )
        info = QLabel(note)
        info.setObjectName("historyCheckNote")
        info.setWordWrap(True)
        layout.addWidget(info)
        self.view = QPlainTextEdit("\n".join(report.table_lines()))
        self.view.setObjectName("historyCheckList")
        self.view.setAccessibleName(_("Entries and their chain heads"))
        self.view.setReadOnly(True)
        self.view.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        layout.addWidget(self.view, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton(_("&Copy list"))
        self.copy_button.setObjectName("copyHistoryCheck")
        self.copy_button.setAccessibleName(_("Copy the list of chain heads"))
        self.copy_button.setToolTip(
            _(
                "Copies the whole list (or the lines you selected); the clipboard is cleared "
                "again after a short while and when PeerDesk locks."
            )
        )
        self.copy_button.clicked.connect(self.copy)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.note = QLabel()
        self.note.setObjectName("historyCheckCopied")
        layout.addWidget(self.note)
        width = self.view.fontMetrics().horizontalAdvance("x" * 100)
        self.resize(max(820, width + 60), 520)

    def text(self) -> str:
        """Everything the list shows, as ``peerdesk check --verbose`` prints it."""
        return self.view.toPlainText() + "\n"

    def copy(self) -> None:
        """Copy the selected lines, or the whole list when nothing is selected."""
        selected = self.view.textCursor().selectedText().replace("\u2029", "\n")
        self._clipboard.copy(selected or self.text())
        self.note.setText(_("Copied. PeerDesk clears it from the clipboard when it locks."))
