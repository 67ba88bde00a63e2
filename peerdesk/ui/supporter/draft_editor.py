"""What the colleague form and the conversation editor share: the "restored your unsaved
changes" banner and :class:`DraftEditor`, the base that tracks changes, keeps a debounced draft
inside the vault (:class:`~peerdesk.ui.common.draft_autosave.DraftAutosave`) and restores it."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from peerdesk.i18n import _
from peerdesk.models import Draft, RecordKind, ValidationError
from peerdesk.models.dates import clock, short_date
from peerdesk.storage.errors import VaultError
from peerdesk.ui.common.accessibility import clear_field_error, show_field_error
from peerdesk.ui.common.draft_autosave import DraftAutosave
from peerdesk.ui.common.notices import note
from peerdesk.ui.common.session import VaultSession
from peerdesk.ui.supporter.widgets import error_text

log = logging.getLogger(__name__)
#: The banner's own look (on the banner alone, not on the screen around it).
BANNER_STYLE = 'QFrame[draftBanner="true"] { border: 1px solid #d08a1e; border-radius: 4px; }'


class DraftBanner(QFrame):
    """ "Restored unsaved changes from …" with a Discard button."""

    discard_requested = Signal()

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.setProperty("draftBanner", True)
        self.setStyleSheet(BANNER_STYLE)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.discard_button = QPushButton(_("Discard changes"))
        self.discard_button.setObjectName(name + "Discard")
        self.discard_button.clicked.connect(self.discard_requested)
        row.addWidget(self.label, 1)
        row.addWidget(self.discard_button)
        self.hide()

    def show_restored(self, draft: Draft) -> None:
        when = draft.saved_at.astimezone() if draft.saved_at else None
        if when:
            # translators: {date} is a date, {time} a time of day
            text = _(
                "Restored your unsaved changes from {date} at {time}. Save to keep them."
            ).format(date=short_date(when), time=clock(when))
        else:
            text = _("Restored your unsaved changes. Save to keep them.")
        self.label.setText(text)
        self.show()

    def reset(self) -> None:
        self.label.clear()
        self.hide()


class DraftEditor(QWidget):
    """What both editors share: dirty tracking, a debounced draft, restore on load."""

    kind: RecordKind

    def __init__(self, session: VaultSession, name: str) -> None:
        super().__init__()
        self._session = session
        self._loading = False
        self.dirty = False
        self.record_id: int | None = None
        self._autosave = DraftAutosave(self.save_draft, self)
        # The top of both editors: the "restored draft" banner, then a heading.
        self.outer = QVBoxLayout(self)
        self.outer.setContentsMargins(0, 0, 0, 0)
        self.draft_banner = DraftBanner(f"{name}DraftBanner")  # i18n: keep — object name
        self.draft_banner.discard_requested.connect(self.discard_changes)
        self.outer.addWidget(self.draft_banner)
        self.heading = QLabel()
        self.heading.setObjectName(f"{name}Heading")
        self.outer.addWidget(self.heading)
        # Why saving failed: at the top, beside the first fields, where it is seen when the
        # view scrolls to the field it is about.
        self.error_label = note("", f"{name}Error")  # i18n: keep — object name
        self.error_label.hide()
        self.outer.addWidget(self.error_label)
        self._error_field: QWidget | None = None

    # -- errors ------------------------------------------------------------------------------------

    def error_fields(self) -> dict[str, QWidget]:
        """The widget for each field a ``ValidationError`` can name (subclasses fill it)."""
        return {}

    def error_fallback_field(self) -> QWidget:
        """Where an error that names no field of the form is tied (subclasses: Save)."""
        return self

    def show_error(self, exc: BaseException, fallback: str) -> None:
        """Say why saving failed: in words under the form, tied to the field it is about (as
        its accessible description), scrolled to, focused and announced."""
        self.clear_error()
        field = self.error_fallback_field()
        if isinstance(exc, ValidationError):
            key = exc.field.split("[", 1)[0].split(".", 1)[0]
            field = self.error_fields().get(key, field)
        self._error_field = field
        show_field_error(field, self.error_label, error_text(exc, fallback))

    def clear_error(self) -> None:
        field, self._error_field = self._error_field, None
        if field is not None:
            clear_field_error(field, self.error_label)
        self.error_label.clear()
        self.error_label.hide()

    @property
    def session(self) -> VaultSession:
        return self._session

    @contextmanager
    def quietly(self) -> Iterator[None]:
        """Fill fields without counting it as an edit."""
        was_loading, self._loading = self._loading, True
        try:
            yield
        finally:
            self._loading = was_loading

    # subclasses
    def payload(self) -> dict[str, Any]:
        raise NotImplementedError

    def draft_belongs(self, payload: dict[str, Any]) -> bool:
        return True

    def discard_changes(self) -> None:
        raise NotImplementedError

    def _changed(self, *_args: object) -> None:
        if self._loading:
            return
        self.dirty = True
        self._autosave.changed()

    def save_draft(self) -> None:
        """Keep unsaved changes inside the vault (nothing happens when there are none)."""
        self._autosave.stop()
        if not self.dirty or not self._session.is_open:
            return
        try:
            self._session.repos.drafts.save(
                Draft(record_kind=self.kind, record_id=self.record_id, payload=self.payload())
            )
        except (ValidationError, VaultError):
            log.warning("a draft could not be kept")

    def load_draft(self) -> Draft | None:
        if not self._session.is_open:
            return None
        try:
            draft = self._session.repos.drafts.load(self.kind, self.record_id)
        except (ValidationError, VaultError):
            return None
        if draft is None or not self.draft_belongs(draft.payload):
            return None
        return draft

    def discard_draft(self) -> None:
        if self._session.is_open:
            self._session.repos.drafts.discard(self.kind, self.record_id)

    def forget(self) -> None:
        """Drop unsaved state without keeping it (the record was deleted)."""
        self._autosave.stop()
        self.dirty = False
