"""The editor's "Originally written" line: for an imported entry (or one started from an email),
the source's claim of when it was written, read-only, under PeerDesk's own "Recorded at"."""

from __future__ import annotations

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QGridLayout, QLabel

from peerdesk.i18n import N_, _
from peerdesk.models.provenance import Provenance
from peerdesk.models.provenance_text import written_text
from peerdesk.ui.common.session import VaultSession
from peerdesk.ui.journal.bidi import isolate
from peerdesk.ui.journal.editor.fields import ReadOnlyLine

TOOLTIP = N_(
    "When the source says this entry was written — its claim, not PeerDesk's record. "
    "PeerDesk's own record is “Recorded at”: when the entry came into this vault. "
    "Neither can be changed."
)


class ProvenanceLine(QObject):
    """A label and a read-only field in row ``row`` of the editor's header, hidden unless the
    entry has a provenance (:meth:`show_for`). It keeps the provenance for the editor to save
    with a new entry; a saved entry's provenance is kept by storage whatever is typed."""

    def __init__(self, header: QGridLayout, row: int, session: VaultSession) -> None:
        self.field = ReadOnlyLine()
        super().__init__(self.field)  # goes with the field (and its connection with it)
        self.provenance: Provenance | None = None
        self.label = QLabel(_("Originally written"))
        self.field.setObjectName("originallyWritten")
        font = self.field.font()
        font.setItalic(True)  # only the style: the size follows the application's font
        self.field.setFont(font)
        self.field.setAccessibleName(_("Originally written, according to the source"))
        self.field.setToolTip(_(TOOLTIP))
        self.label.setBuddy(self.field)
        header.addWidget(self.label, row, 0)
        header.addWidget(self.field, row, 1)
        self.show_for(None)
        session.closing.connect(self.clear)

    @Slot()
    def clear(self) -> None:
        """The vault is closing: forget the provenance (a file name may be in it)."""
        self.show_for(None)

    def show_for(self, provenance: Provenance | None) -> None:
        self.provenance = provenance
        text = ""
        if provenance is not None:
            when = written_text(provenance) or _("no date given")
            # translators: {when} is a date and time (or "no date given"), {source} the app
            # the entry was imported from (Day One, Markdown...)
            text = _(
                "{when}, according to {source} — the source's claim, not PeerDesk's record"
            ).format(when=isolate(when), source=provenance.source_name())
        self.field.setText(text)
        self.field.setCursorPosition(0)
        self.label.setVisible(provenance is not None)
        self.field.setVisible(provenance is not None)
