"""After a deletion for good: replace the automatic backups of the vault (which still hold
what was deleted) with one fresh verified backup, in the background
(``storage.backup.replace_automatic_backups``), and say under the tabs what happened."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QTimer

from peerdesk.i18n import N_, _, ngettext
from peerdesk.storage.settings import BACKUPS_HOLD_DELETED
from peerdesk.ui.common.messages import Messages
from peerdesk.ui.common.workers import run_in_background
from peerdesk.ui.supporter.retention import OWN_COPIES_NOTE
from peerdesk.ui.supporter.widgets import ScreenHelper

if TYPE_CHECKING:
    from peerdesk.ui.supporter.screen import ColleaguesScreen

log = logging.getLogger(__name__)

#: How the names of automatic backups end, for deleting them by hand.
AUTOMATIC_NAMES = N_("-unlock, -after-deletion, -before-passwd or -before-upgrade-…")


class BackupReplacer(ScreenHelper):
    """Replaces the automatic backups after each deletion; one run at a time (a deletion made
    meanwhile runs it again), and a problem met while locked is shown after the next unlock."""

    def __init__(self, screen: ColleaguesScreen) -> None:
        super().__init__(screen)
        self._task: Any = None
        self._again = False
        self._problem: tuple[str, str] | None = None  # to show after the next unlock

    def opened(self) -> None:
        """The vault opened: show a problem left from before, and finish what a lock, quit or
        crash interrupted (the deletion marked the vault in its own transaction)."""
        if self._problem is not None:
            QTimer.singleShot(0, self._show_problem)
        if self._screen.session.repos.settings.get(BACKUPS_HOLD_DELETED):
            self.replace()

    def replace(self) -> None:
        """Something was just deleted for good: in the background, replace the automatic
        backups of this vault (which still hold it) with one fresh verified backup."""
        from peerdesk import paths
        from peerdesk.storage.backup import replace_automatic_backups
        from peerdesk.ui.common.vault_settings import SettingsRegistry

        if self._task is not None and not self._task.finished:
            self._again = True  # the copy being made may predate this deletion
            return
        if not self._screen.session.is_open:
            return  # the vault is marked: done at the next unlock
        self._again = False
        vault = self._screen.session.repos.vault
        registry = SettingsRegistry()
        registry.bind(self._screen.session.repos.settings)
        folder = registry.backups_directory()
        also = (paths.backups_dir(),)  # where a backup before an upgrade goes
        self._screen.deletion_status.setText(
            _(
                "Deleted from the vault. Replacing the automatic backups "
                "with one fresh backup without it…"
            )
        )

        def work(task: Any) -> object:
            sibling = vault.sibling()
            try:
                return replace_automatic_backups(sibling, folder, also=also, progress=task.report)
            finally:
                sibling.close()

        def progressed(done: int, total: int) -> None:
            if shiboken6.isValid(self._screen) and self._screen.session.is_open:
                self._screen.deletion_status.setText(
                    # translators: {step} and {total} are numbers (step 2 of 5)
                    _(
                        "Deleted from the vault. Replacing the automatic backups with one fresh "
                        "backup without it… (step {step} of {total})"
                    ).format(step=done + 1, total=total)
                )

        self._task = run_in_background(
            work,
            on_success=lambda result: self._done(result, folder),
            on_failure=lambda exc: self._failed(exc, folder),
            on_progress=progressed,
        )

    def _done(self, result: Any, folder: Path) -> None:
        if not shiboken6.isValid(self._screen):
            return
        if self._again:
            self.replace()
            return
        if self._screen.session.is_open:
            removed = len(result.removed)
            if result.fresh is not None:
                # translators: {count} is a number of backups, {folder} a folder's path
                done = ngettext(
                    "Deleted. The {count} automatic backup that held what you deleted was "
                    "replaced by one fresh backup without it, in {folder}.",
                    "Deleted. The {count} automatic backups that held what you deleted were "
                    "replaced by one fresh backup without it, in {folder}.",
                    removed,
                ).format(count=removed, folder=folder)
            else:
                done = _("Deleted. There were no automatic backups of this vault to replace.")
            if result.left:
                where = ", ".join(sorted({str(p.parent) for p in result.left}))
                left = len(result.left)
                # translators: {count} is a number of backups, {folders} a list of folders
                left_text = ngettext(
                    "{count} other backup in {folders} was left untouched (made by hand, with "
                    "an earlier passphrase, or of another vault with the same file name) and "
                    "may still hold it.",
                    "{count} other backups in {folders} were left untouched (made by hand, "
                    "with an earlier passphrase, or of another vault with the same file name) "
                    "and may still hold it.",
                    left,
                ).format(count=left, folders=where)
                done = f"{done} {left_text}"
            self._screen.deletion_status.setText(f"{done} {_(OWN_COPIES_NOTE)}")
        self._screen.backups_replaced.emit(True)

    def _failed(self, exc: BaseException, folder: Path) -> None:
        from peerdesk.storage.backup import BackupsNotReplaced
        from peerdesk.storage.errors import VaultClosed

        if not shiboken6.isValid(self._screen):
            return
        log.warning(
            "automatic backups not replaced after a deletion (%s)",
            getattr(exc, "kind", type(exc).__name__),
        )
        if self._again:
            self.replace()
            return
        if isinstance(exc, VaultClosed):  # locked before it began: again at the next unlock
            self._screen.backups_replaced.emit(False)
            return
        if isinstance(exc, BackupsNotReplaced) and exc.fresh is not None:
            still = len(exc.still_there)
            # translators: {count} is a number of backups
            text = ngettext(
                "The deletion is done and a fresh backup without it was made, but {count} "
                "older automatic backup could not be removed and still holds it.",
                "The deletion is done and a fresh backup without it was made, but {count} "
                "older automatic backups could not be removed and still hold it.",
                still,
            ).format(count=still)
            # translators: {folder} is a folder's path; {endings} lists file name endings
            informative = _(
                "Delete them by hand from {folder} (their names end in {endings}), keeping "
                "the newest, which ends in -after-deletion."
            ).format(folder=exc.folder or folder, endings=_(AUTOMATIC_NAMES))
        else:
            text = _(
                "The deletion is done: it is no longer in the vault. But the older "
                "automatic backups still hold it: PeerDesk could not make the fresh "
                "backup that replaces them, so it kept them."
            )
            # translators: {folder} is a folder's path; {endings} lists file name endings
            informative = _(
                "Check that {folder} has free space and can be written to, then use File ▸ "
                "Back up now. After that, delete the older automatic backups there by hand "
                "(their names end in {endings})."
            ).format(folder=folder, endings=_(AUTOMATIC_NAMES))
        self._problem = (text, informative)
        if self._screen.session.is_open:  # else shown after the next unlock, never over the lock
            self._show_problem()
        self._screen.backups_replaced.emit(False)

    def _show_problem(self) -> None:
        problem, self._problem = self._problem, None
        if problem is None or not self._screen.session.is_open:
            self._problem = problem
            return
        text, informative = problem
        self._screen.deletion_status.setText(f"{text} {informative}")
        Messages.warn(self._screen, _("Older backups not replaced"), text, informative=informative)


__all__ = ["AUTOMATIC_NAMES", "BackupReplacer"]
