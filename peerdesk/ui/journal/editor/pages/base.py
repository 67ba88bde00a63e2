"""What every section page shares: an intro, labelled fields with helper text and inline
errors, and a register of the widget and error label behind each field path."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QFrame,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from peerdesk.models import Incident
from peerdesk.ui.common.accessibility import label_for
from peerdesk.ui.common.date_field import OptionalDate
from peerdesk.ui.journal.editor.fields import MutedLabel, heading, set_description

#: The fields a caption names directly (a group of controls names its own parts).
SINGLE = (QLineEdit, QPlainTextEdit, QComboBox, QAbstractSpinBox, QAbstractItemView)


class SectionPage(QScrollArea):
    """One section: an intro line, then labelled fields with helper text and inline errors.
    A page shows its part of an incident (:meth:`fill`) and gives it back (:meth:`values`:
    keyword arguments of :class:`Incident`)."""

    def __init__(self, title: str, intro: str) -> None:
        super().__init__()
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.widgets: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        body = QWidget()
        self.body = QVBoxLayout(body)
        self.body.setContentsMargins(24, 18, 24, 24)
        self.body.setSpacing(6)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        title_label = QLabel(f"<h3>{html.escape(title)}</h3>")
        title_label.setAccessibleName(title)
        self.body.addWidget(title_label)
        self.body.addWidget(MutedLabel(intro))
        self.setWidget(body)

    def field(self, label: str, widget: QWidget | None, helper: str = "") -> QLabel:
        """Add a labelled field; returns its (hidden) inline error label. A single control is
        named by the caption (its buddy) and described by ``helper``; a group of controls
        names its own parts."""
        self.body.addSpacing(8)
        caption = heading(label)
        self.body.addWidget(caption)
        if helper:
            self.body.addWidget(MutedLabel(helper))
        if widget is not None:
            if isinstance(widget, SINGLE):
                label_for(caption, widget)
                set_description(widget, helper)
            elif isinstance(widget, OptionalDate):
                label_for(caption, widget.edit)
                set_description(widget.check, f"{label}. {helper}" if helper else label)
            else:
                # A group: the caption is the buddy of its first control, which a screen
                # reader on Linux then hears labelled by it (a combo box has no other name
                # there; Qt gives its current item instead).
                first = next(
                    (
                        w
                        for w in widget.findChildren(QWidget)
                        if w.focusPolicy() & Qt.FocusPolicy.TabFocus
                    ),
                    None,
                )
                if first is not None:
                    caption.setBuddy(first)
            self.body.addWidget(widget)
        error = QLabel()
        error.setObjectName("fieldError")
        error.setWordWrap(True)
        error.hide()
        self.body.addWidget(error)
        return error

    def register(self, key: str, widget: QWidget, error: QLabel) -> None:
        """``key`` (a field path such as ``title`` or ``impact.work``) is shown by ``widget``,
        its errors by ``error``."""
        self.widgets[key] = widget
        self.errors[key] = error

    def finish(self) -> None:
        self.body.addStretch(1)

    def fill(self, incident: Incident) -> None:
        raise NotImplementedError

    def values(self) -> dict[str, Any]:
        raise NotImplementedError
