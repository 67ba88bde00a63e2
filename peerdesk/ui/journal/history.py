"""The revision history of one journal entry, and what changed between two revisions.

Every Save of an entry adds a revision (nothing is overwritten). This dialog lists them with
their local save time and shows, field by field, what differs between two chosen revisions.
The window title never shows content. Also here: the question that withdraws an entry made in
error (:class:`WithdrawDialog`, a new revision).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from peerdesk.i18n import _
from peerdesk.models.errors import ValidationError
from peerdesk.models.incident import WITHDRAW_REASON_MAX
from peerdesk.models.integrity import Revision
from peerdesk.models.revisions import Readable, diff_rows, diff_summary, local_time_text
from peerdesk.models.serialize import incident_to_dict
from peerdesk.models.text import visible_filename
from peerdesk.models.word_diff import Change, word_diff
from peerdesk.storage.errors import VaultError
from peerdesk.ui.common.accessibility import (
    clear_field_error,
    label_for,
    set_name,
    show_field_error,
)
from peerdesk.ui.common.session import VaultSession
from peerdesk.ui.common.theme import accent_style, is_dark
from peerdesk.ui.journal.bidi import isolate


class HistoryDialog(QDialog):
    """Revisions of one entry and a field-by-field comparison of two of them."""

    def __init__(
        self, session: VaultSession, incident_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("historyDialog")
        self.setWindowTitle(_("History of changes"))
        self._session = session
        self._incident_id = incident_id
        repos = session.repos
        self._revisions: list[Revision] = repos.incidents.revisions(incident_id)
        self._readable = Readable(
            {p.id: p.display_name for p in repos.persons.list() if p.id is not None},
            {
                a.id: visible_filename(a.original_name)
                for a in repos.attachments.list_for_incident(incident_id)
                if a.id is not None
            },
            {
                i: s.record_number
                for i, s in repos.incidents.summaries(self._related_ids(repos, incident_id)).items()
            },
        )
        session.closing.connect(self._drop)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 18)
        layout.setSpacing(10)
        intro = QLabel(
            _(
                "Each time you press Save, PeerDesk keeps the entry as it was then. "
                "Nothing is overwritten. Times are your computer's local time."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        revisions_label = QLabel(_("&Revisions saved"))
        layout.addWidget(revisions_label)
        self.revision_list = QListWidget()
        self.revision_list.setObjectName("revisionList")
        label_for(revisions_label, self.revision_list)
        self.revision_list.setMaximumHeight(110)
        for revision in self._revisions:
            when = isolate(local_time_text(revision.saved_at))
            text = (
                # translators: {number} is a revision's number, {when} a date and time
                _("Revision {number} · saved {when} — first written")
                if revision.number == 1
                else _("Revision {number} · saved {when}")
            ).format(number=revision.number, when=when)
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, revision.number)
            self.revision_list.addItem(item)
        layout.addWidget(self.revision_list)

        pick = QHBoxLayout()
        self.older = QComboBox()
        self.older.setObjectName("olderRevision")
        self.newer = QComboBox()
        self.newer.setObjectName("newerRevision")
        for combo in (self.older, self.newer):
            for revision in self._revisions:
                combo.addItem(
                    _("Revision {number}").format(number=revision.number), revision.number
                )
        # translators: "Compare [revision 1] with [revision 2]"; & marks the keyboard shortcut
        compare_label, with_label = QLabel(_("&Compare")), QLabel(_("&with"))
        compare_label.setBuddy(self.older)
        with_label.setBuddy(self.newer)
        set_name(self.older, _("Compare revision"))
        set_name(self.newer, _("with revision"))
        pick.addWidget(compare_label)
        pick.addWidget(self.older)
        pick.addWidget(with_label)
        pick.addWidget(self.newer)
        pick.addStretch(1)
        layout.addLayout(pick)

        self.summary = QLabel()
        self.summary.setObjectName("diffSummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.diff = QTableWidget(0, 3)
        self.diff.setObjectName("diffTable")
        set_name(self.diff, _("Changes between the two revisions"))
        # translators: column headers of the table of changes: the field, its text before, after
        self.diff.setHorizontalHeaderLabels([_("What"), _("Before"), _("After")])
        self.diff.verticalHeader().setVisible(False)
        self.diff.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.diff.setWordWrap(True)
        self.diff.setAlternatingRowColors(True)
        header = self.diff.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.diff, 1)
        words_label = QLabel(
            _("Word by word: added words are underlined, removed words struck through")
        )
        words_label.setWordWrap(True)
        layout.addWidget(words_label)
        self.words = QTextBrowser()
        self.words.setObjectName("wordChanges")
        self.words.setOpenLinks(False)
        label_for(words_label, self.words)
        layout.addWidget(self.words, 1)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

        count = len(self._revisions)
        self.older.setCurrentIndex(max(0, count - 2))
        self.newer.setCurrentIndex(max(0, count - 1))
        self.revision_list.itemActivated.connect(self._revision_activated)
        self.older.currentIndexChanged.connect(self.refresh)
        self.newer.currentIndexChanged.connect(self.refresh)
        self.resize(820, 600)
        self.refresh()

    def _revision_activated(self, item: QListWidgetItem) -> None:
        """Enter or a double-click on a revision: what that save changed."""
        number = int(item.data(Qt.ItemDataRole.UserRole))
        self.compare(max(1, number - 1), number)

    def _related_ids(self, repos: Any, incident_id: int) -> list[int]:
        ids: set[int] = set()
        for revision in self._revisions:
            content = repos.incidents.revision_content(incident_id, revision.number)
            ids.update(content.related_incident_ids)
        return sorted(ids)

    def compare(self, older: int, newer: int) -> None:
        """Show the differences between revisions ``older`` and ``newer`` (numbers)."""
        self.older.setCurrentIndex(self.older.findData(older))
        self.newer.setCurrentIndex(self.newer.findData(newer))
        self.refresh()

    def changes(self) -> list[tuple[str, str, str]]:
        """(field label, before, after) rows currently shown."""
        rows: list[tuple[str, str, str]] = []
        for row in range(self.diff.rowCount()):
            what, before, after = (self.diff.item(row, c) for c in range(3))
            rows.append((_text_of(what), _text_of(before), _text_of(after)))
        return rows

    def refresh(self) -> None:
        self.diff.setRowCount(0)
        self.words.clear()
        self.words.setAccessibleDescription("")
        if not self._session.is_open or not self._revisions:
            return
        older, newer = self.older.currentData(), self.newer.currentData()
        if older is None or newer is None:
            return
        repo = self._session.repos.incidents
        old = incident_to_dict(repo.revision_content(self._incident_id, int(older)))
        new = incident_to_dict(repo.revision_content(self._incident_id, int(newer)))
        rows = diff_rows(self._readable, old, new)
        self.summary.setText(diff_summary(int(older), int(newer), len(rows)))
        for cells in rows:
            row = self.diff.rowCount()
            self.diff.insertRow(row)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text if column else "")
                self.diff.setItem(row, column, item)
        self.diff.resizeRowsToContents()
        self._show_words(rows)

    def _show_words(self, rows: list[tuple[str, str, str]]) -> None:
        """Each changed field once, its words marked: added underlined, removed struck through
        (in colour too, never colour alone); a screen reader hears "added: …", "removed: …"."""
        colours = accent_style(is_dark(self.palette()))
        html: list[str] = []
        spoken: list[str] = []
        for what, old, new in rows:
            html.append(f"<p><b>{_escape(what)}</b><br>")
            said: list[str] = []
            for piece in word_diff("" if old == "—" else old, "" if new == "—" else new):
                text = _escape(piece.text).replace("\n", "<br>")
                if piece.change is Change.ADDED:
                    html.append(f'<u style="color:{colours["focus"]}">{text}</u>')
                    # translators: read by a screen reader: words added in a revision
                    said.append(_("added: {words}").format(words=piece.text.strip()))
                elif piece.change is Change.REMOVED:
                    html.append(f'<s style="color:{colours["error"]}">{text}</s>')
                    # translators: read by a screen reader: words removed in a revision
                    said.append(_("removed: {words}").format(words=piece.text.strip()))
                else:
                    html.append(text)
            html.append("</p>")
            spoken.append(f"{what}: " + "; ".join(said))
        self.words.setHtml("".join(html))
        self.words.setAccessibleDescription(". ".join(spoken))

    def word_changes(self) -> str:
        """What a screen reader hears about the words that changed."""
        return self.words.accessibleDescription()

    def _drop(self) -> None:
        """The vault is closing: forget everything shown."""
        self.diff.setRowCount(0)
        self.words.clear()
        self.words.setAccessibleDescription("")
        self.revision_list.clear()
        self._revisions = []
        self._readable = Readable({})  # names of people and files


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _text_of(item: QTableWidgetItem | None) -> str:
    return item.text() if item is not None else ""


class WithdrawDialog(QDialog):
    """Asks for an optional reason and confirms withdrawing an entry made in error.

    ``confirm(reason)`` does the withdrawal and returns None, or a sentence saying why it
    could not (shown here; the reason typed stays). Destroyed when the vault locks.
    """

    def __init__(
        self,
        session: VaultSession,
        record_number: int,
        confirm: Callable[[str], str | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("withdrawDialog")
        self.setWindowTitle(_("Withdraw entry"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._confirm = confirm
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 18)
        text = QLabel(
            # translators: {number} is the entry's record number
            _(
                "Withdraw entry no. {number} as made in error?\n\n"
                "Nothing is deleted. PeerDesk adds a last revision that marks the entry withdrawn, "
                "with today's date and your reason. The entry then leaves the journal list, "
                "Patterns and reports (a report says how many entries were withdrawn, without "
                "their content). Its history stays, and you can restore it at any time: tick "
                "“Show withdrawn” in the Journal."
            ).format(number=record_number)
        )
        text.setWordWrap(True)
        layout.addWidget(text)
        label = QLabel(_("&Reason (optional)"))
        self.reason_edit = QLineEdit()
        self.reason_edit.setObjectName("withdrawReason")
        self.reason_edit.setAccessibleName(_("Reason for withdrawing (optional)"))
        self.reason_edit.setMaxLength(WITHDRAW_REASON_MAX)
        self.reason_edit.setPlaceholderText(_("For example: written twice, or the wrong date"))
        label.setBuddy(self.reason_edit)
        layout.addWidget(label)
        layout.addWidget(self.reason_edit)
        self.error = QLabel()
        self.error.setObjectName("withdrawError")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        self.reason_edit.textEdited.connect(
            lambda _t: clear_field_error(self.reason_edit, self.error)
        )
        buttons = QDialogButtonBox()
        self.withdraw_button = buttons.addButton(
            _("Withdraw entry"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.withdraw_button.setObjectName("confirmWithdraw")
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        session.closing.connect(self._drop)
        self.resize(520, self.sizeHint().height())

    def accept(self) -> None:
        problem = self._confirm(self.reason_edit.text())
        if problem is not None:
            # In words and the error colour, tied to the reason field, focused and announced.
            show_field_error(self.reason_edit, self.error, problem)
            return
        super().accept()

    def _drop(self) -> None:
        """The vault is closing: no reason typed here may outlive it."""
        self.reason_edit.setText("")  # setText, unlike clear(), leaves nothing to undo
        self.reject()
        self.deleteLater()


def withdraw_entry(session: VaultSession, incident_id: int, reason: str) -> str | None:
    """Withdraw an entry as made in error; None when done, else a sentence saying why not
    (the journal list and the entry editor both ask through :class:`WithdrawDialog`)."""
    return _change_entry(session, lambda incidents: incidents.withdraw(incident_id, reason))


def restore_entry(session: VaultSession, incident_id: int) -> str | None:
    """Restore a withdrawn entry (another revision); None when done, else why not."""
    return _change_entry(session, lambda incidents: incidents.restore(incident_id))


def _change_entry(session: VaultSession, change: Callable[[Any], object]) -> str | None:
    if not session.is_open:
        return _("The vault is locked. Nothing was changed.")
    try:
        change(session.repos.incidents)
    except ValidationError as error:
        # translators: {reason} is a sentence saying why the change was refused
        return _("{reason} Nothing was changed.").format(reason=error.message)
    except VaultError as error:
        return _("{reason} Nothing was changed.").format(reason=error.user_message)
    return None
