"""How the report is printed (the "Document" tab of the report dialog): its language, paper,
the author's name and organisation for the cover, and the optional PDF password."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from peerdesk import i18n
from peerdesk.export.pdfkit import Paper
from peerdesk.i18n import _
from peerdesk.ui.common.accessibility import set_name
from peerdesk.ui.common.pdf_options import PdfPasswordChoice

if TYPE_CHECKING:
    pass


class DocumentPage(QWidget):
    """Language, paper, author, organisation and the PDF password; ``changed`` on any edit."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        # The report's own language, independent of the screens' (a report for a German
        # lawyer from a French desktop): its words, dates and direction.
        self.language_combo = QComboBox()
        self.language_combo.setObjectName("reportLanguage")
        for code in i18n.LANGUAGES:
            self.language_combo.addItem(i18n.NATIVE_NAMES[code], code)
        current = self.language_combo.findData(i18n.current_language())
        self.language_combo.setCurrentIndex(max(0, current))
        set_name(self.language_combo, _("Report language"))
        self.language_combo.setToolTip(
            _("The language the PDF is written in, whatever language PeerDesk's windows speak.")
        )
        form.addRow(_("Report &language"), self.language_combo)
        self.paper_combo = QComboBox()
        self.paper_combo.setObjectName("paper")
        # translators: a paper size (ISO 216)
        self.paper_combo.addItem(_("A4"), "a4")
        # translators: a paper size (8.5 × 11 inches)
        self.paper_combo.addItem(_("US Letter"), "letter")
        form.addRow(_("&Paper"), self.paper_combo)
        self.author_edit = QLineEdit()
        self.author_edit.setObjectName("author")
        self.author_edit.setPlaceholderText(_("optional — left blank, the cover says “anonymous”"))
        self.author_edit.setToolTip(_("Printed on the cover and in the statement of truth."))
        form.addRow(_("Your &name"), self.author_edit)
        self.organisation_edit = QLineEdit()
        self.organisation_edit.setObjectName("organisation")
        # translators: placeholder of a field that may be left empty
        self.organisation_edit.setPlaceholderText(_("optional"))
        form.addRow(_("&Organisation"), self.organisation_edit)
        layout.addLayout(form)
        self.password_choice = PdfPasswordChoice()
        layout.addWidget(self.password_choice)
        note = QLabel(
            _(
                "The title, page headers and file details of the PDF never contain names "
                "or your text. A password protects the whole file with AES-256; without "
                "it, anyone who gets the file can read it."
            )
        )
        note.setWordWrap(True)
        note.setObjectName("documentNote")  # in the text colour: a greyed-out note read 3.9:1
        layout.addWidget(note)
        layout.addStretch(1)
        self.password_choice.changed.connect(self.changed.emit)
        for widget in (self.author_edit, self.organisation_edit):
            widget.textChanged.connect(lambda _text: self.changed.emit())
        self.paper_combo.currentIndexChanged.connect(lambda _index: self.changed.emit())
        self.language_combo.currentIndexChanged.connect(lambda _index: self.changed.emit())

    def load(self, last: Mapping[str, object]) -> None:
        """The choices of the last saved report (paper from the locale when there is none)."""
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

    def language(self) -> str:
        """The report's language (a code of :data:`peerdesk.i18n.LANGUAGES`)."""
        return str(self.language_combo.currentData() or i18n.current_language())

    def paper(self) -> Paper:
        return "letter" if self.paper_combo.currentData() == "letter" else "a4"

    def author(self) -> str:
        return self.author_edit.text().strip()

    def organisation(self) -> str:
        return self.organisation_edit.text().strip()


__all__ = ["DocumentPage"]
