"""*Verify history* on the journal screen: every entry's revision chain is checked on a worker
(its own connection), then :class:`~peerdesk.ui.journal.history.HistoryCheckDialog` says what
was found."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtWidgets import QPushButton, QWidget

from peerdesk.storage.incident_revisions import HistoryReport
from peerdesk.storage.incidents import IncidentRepository
from peerdesk.ui.common.messages import Messages
from peerdesk.ui.common.session import VaultSession
from peerdesk.ui.common.workers import Task, run_in_background
from peerdesk.ui.journal.history import HistoryCheckDialog

log = logging.getLogger(__name__)

_IDLE_TEXT = "Verify history"


class HistoryCheck:
    """Runs the check for ``owner`` (the dialog's parent); ``checked`` is called when it ends,
    whatever the outcome. ``button`` (if set) is disabled while it runs."""

    def __init__(self, session: VaultSession, owner: QWidget, checked: Callable[[], None]):
        self._session = session
        self._owner = owner
        self._checked = checked
        self._task: Task | None = None
        self.button: QPushButton | None = None
        self.dialog: HistoryCheckDialog | None = None
        self.last_report: HistoryReport | None = None

    def start(self) -> None:
        """Check every entry's revision chain in the background and say what was found."""
        if not self._session.is_open or self._task is not None:
            return
        vault = self._session.repos.vault
        if self.button is not None:
            self.button.setEnabled(False)
            self.button.setText("Verifying…")

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
            self.button.setText(_IDLE_TEXT)
        return not cancelled

    def _verified(self, report: HistoryReport) -> None:
        if not self._done():
            return
        self.last_report = report
        if self.dialog is not None:
            self.dialog.close()
        self.dialog = HistoryCheckDialog(report, self._owner)
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
            "History check",
            "The history could not be checked.",
            informative="The vault may have been locked meanwhile. Try again.",
        )
        self._checked()
