"""How the report is printed (the "Document" tab of the report dialog): paper, the author's
name and organisation for the cover, and the optional PDF password."""

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

from peerdesk.export.pdfkit import Paper
from peerdesk.ui.common.pdf_options import PdfPasswordChoice

if TYPE_CHECKING:
    pass


class DocumentPage(QWidget):
    """Paper, author, organisation and the PDF password; ``changed`` on any edit."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.paper_combo = QComboBox()
        self.paper_combo.setObjectName("paper")
        self.paper_combo.addItem("A4", "a4")
        self.paper_combo.addItem("US Letter", "letter")
        form.addRow("&Paper", self.paper_combo)
        self.author_edit = QLineEdit()
        self.author_edit.setObjectName("author")
        self.author_edit.setPlaceholderText("optional — left blank, the cover says “anonymous”")
        self.author_edit.setToolTip("Printed on the cover and in the statement of truth.")
        form.addRow("Your &name", self.author_edit)
        self.organisation_edit = QLineEdit()
        self.organisation_edit.setObjectName("organisation")
        self.organisation_edit.setPlaceholderText("optional")
        form.addRow("&Organisation", self.organisation_edit)
        layout.addLayout(form)
        self.password_choice = PdfPasswordChoice()
        layout.addWidget(self.password_choice)
        note = QLabel(
            "The title, page headers and file details of the PDF never contain names "
            "or your text. A password protects the whole file with AES-256; without "
            "it, anyone who gets the file can read it."
        )
        note.setWordWrap(True)
        note.setObjectName("documentNote")  # in the text colour: a greyed-out note read 3.9:1
        layout.addWidget(note)
        layout.addStretch(1)
        self.password_choice.changed.connect(self.changed.emit)
        for widget in (self.author_edit, self.organisation_edit):
            widget.textChanged.connect(lambda _text: self.changed.emit())
        self.paper_combo.currentIndexChanged.connect(lambda _index: self.changed.emit())

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

    def paper(self) -> Paper:
        return "letter" if self.paper_combo.currentData() == "letter" else "a4"

    def author(self) -> str:
        return self.author_edit.text().strip()

    def organisation(self) -> str:
        return self.organisation_edit.text().strip()


__all__ = ["DocumentPage"]
