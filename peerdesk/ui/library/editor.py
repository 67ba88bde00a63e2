"""The strategy editor: add or edit one of the user's own strategies.

Validation errors come from the model (``ValidationError.field``) and are shown beside the
field they name. While PeerDesk locks, unsaved typing is kept as an encrypted draft
(:class:`EditorDrafts`) and offered again. The editor never asks a question from ``reject()``:
the lock closes dialogs with ``reject()`` and must never be held up."""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import (
    Qt,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from peerdesk.i18n import _
from peerdesk.models.builtin_text import localized_strategy
from peerdesk.models.draft import Draft
from peerdesk.models.enums import RecordKind, StrategyCategory, StrategySource
from peerdesk.models.errors import ValidationError
from peerdesk.models.strategy import STRATEGY_MINUTES_MAX, Strategy
from peerdesk.storage.drafts import DraftRepository
from peerdesk.storage.errors import VaultError
from peerdesk.storage.library import StrategyRepository
from peerdesk.ui.common.messages import Messages
from peerdesk.ui.common.notices import Notice
from peerdesk.ui.library.widgets import (
    ErrorLabel,
    muted,
    plain_label,
    wipe,
)

__all__ = ["EditorDrafts", "StrategyEditor"]


class EditorDrafts:
    """The editor's encrypted draft of one strategy (``record_id`` None: a new one): kept when
    the editor closes without a decision, offered again when it opens, let go after a save or
    a discard. Without a draft repository every call does nothing."""

    def __init__(self, drafts: DraftRepository | None, record_id: int | None) -> None:
        self._drafts = drafts
        self._record_id = record_id

    def keep(self, values: dict[str, Any]) -> bool:
        if self._drafts is None:
            return False
        try:
            self._drafts.save(
                Draft(
                    record_kind=RecordKind.STRATEGY,
                    record_id=self._record_id,
                    payload=values,
                    saved_at=datetime.now(UTC),
                )
            )
        except (VaultError, ValidationError):
            return False
        return True

    def load(self) -> dict[str, Any] | None:
        if self._drafts is None:
            return None
        try:
            draft = self._drafts.load(RecordKind.STRATEGY, self._record_id)
        except VaultError:
            return None
        if draft is None or not isinstance(draft.payload, dict):
            return None
        return draft.payload

    def discard(self) -> None:
        if self._drafts is None:
            return
        with contextlib.suppress(VaultError):
            self._drafts.discard(RecordKind.STRATEGY, self._record_id)


class StrategyEditor(QDialog):
    """Add a strategy of one's own, or edit one (``strategy`` given, ``source`` OWN).

    Saving goes through ``repository`` (``add`` / ``update``); a ``ValidationError`` is shown
    beside the field it names and the dialog stays open. ``saved`` holds the stored strategy
    once the dialog is accepted. With ``drafts``, text typed when PeerDesk locks is kept as an
    encrypted draft and restored the next time the same strategy is opened for editing.
    """

    def __init__(
        self,
        repository: StrategyRepository,
        strategy: Strategy | None = None,
        parent: QWidget | None = None,
        *,
        category: StrategyCategory | None = None,
        drafts: DraftRepository | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("strategyEditor")
        self._repository = repository
        self._original = strategy
        self._shown: Strategy | None = None
        self._drafts = EditorDrafts(drafts, strategy.id if strategy is not None else None)
        self._finished_by_user = False
        self.saved: Strategy | None = None
        editing = strategy is not None and strategy.id is not None
        self.setWindowTitle(_("Edit strategy") if editing else _("New strategy"))

        intro = muted(
            plain_label(
                _(
                    "Write it the way you would say it to yourself. Only the title is needed; "
                    "steps work best as one short instruction per line."
                )
            )
        )
        self.restored_notice = Notice(
            _(
                "PeerDesk locked while you were writing this. Here is what you had typed — "
                "save it, or cancel to let it go."
            ),
            "info",
        )
        self.restored_notice.setObjectName("restoredNotice")
        self.restored_notice.hide()

        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("titleEdit")
        self.title_edit.setPlaceholderText(_("A short name, e.g. “Walk round the block”"))
        self.category_combo = QComboBox()
        self.category_combo.setObjectName("categoryCombo")
        for cat in StrategyCategory:
            self.category_combo.addItem(cat.label, cat.value)
        self.summary_edit = QLineEdit()
        self.summary_edit.setObjectName("summaryEdit")
        self.summary_edit.setPlaceholderText(_("What it is, in one sentence"))
        self.steps_edit = QPlainTextEdit()
        self.steps_edit.setObjectName("stepsEdit")
        self.steps_edit.setTabChangesFocus(True)
        self.steps_edit.setPlaceholderText(
            _(
                "One step per line.\nFor example:\n"
                "Stand up and put your coat on.\n"
                "Walk to the corner and back."
            )
        )
        self.when_edit = QPlainTextEdit()
        self.when_edit.setObjectName("whenEdit")
        self.when_edit.setTabChangesFocus(True)
        self.when_edit.setPlaceholderText(_("When does this help you? (optional)"))
        self.when_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.minutes_spin = QSpinBox()
        self.minutes_spin.setObjectName("minutesSpin")
        self.minutes_spin.setRange(0, STRATEGY_MINUTES_MAX)
        self.minutes_spin.setSpecialValueText(_("No set time"))
        # translators: after a number of minutes in a field (mind the leading space)
        self.minutes_spin.setSuffix(_(" min"))
        self.minutes_spin.setAccessibleName(_("Time it takes in minutes"))
        self.minutes_spin.setToolTip(_("With a time, “Try it” shows a countdown."))
        self.minutes_spin.setMaximumWidth(self.minutes_spin.sizeHint().width() + 40)

        self.errors: dict[str, ErrorLabel] = {}
        self._fields: dict[str, QWidget] = {
            "title": self.title_edit,
            "category": self.category_combo,
            "summary": self.summary_edit,
            "steps": self.steps_edit,
            "when_it_helps": self.when_edit,
            "minutes": self.minutes_spin,
        }
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        rows = (
            (_("&Title:"), "title"),
            (_("&Category:"), "category"),
            (_("&In one line:"), "summary"),
            (_("&Steps:"), "steps"),
            (_("&When it helps:"), "when_it_helps"),
            (_("Time it &takes:"), "minutes"),
        )
        for text, name in rows:
            label = QLabel(text)
            label.setBuddy(self._fields[name])
            error = ErrorLabel()
            error.setObjectName(f"{name}Error")
            self.errors[name] = error
            column = QVBoxLayout()
            column.setSpacing(2)
            column.addWidget(self._fields[name])
            column.addWidget(error)
            form.addRow(label, column)
        self.general_error = ErrorLabel()
        self.general_error.setObjectName("generalError")

        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(_("Save"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("saveButton")
        self.save_button.setDefault(True)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.cancel)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 14)
        layout.setSpacing(10)
        layout.addWidget(intro)
        layout.addWidget(self.restored_notice)
        layout.addLayout(form, 1)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)

        self._load(strategy, category)
        self._initial = self._values()
        restored = self._drafts.load()
        if restored is not None:
            self._apply(restored)
            self.restored_notice.show()
        self.resize(max(560, self.sizeHint().width()), max(560, self.sizeHint().height()))
        self.title_edit.setFocus()

    # -- values ----------------------------------------------------------------------------------

    def _load(self, strategy: Strategy | None, category: StrategyCategory | None) -> None:
        # A built-in strategy is shown in the language in force; a field left as shown is
        # saved as the stored text (see :meth:`strategy`), so it stays translatable.
        self._shown = localized_strategy(strategy) if strategy is not None else None
        strategy = self._shown
        if strategy is not None:
            self.title_edit.setText(strategy.title)
            self._set_category(strategy.category)
            self.summary_edit.setText(strategy.summary)
            self.steps_edit.setPlainText("\n".join(strategy.steps))
            self.when_edit.setPlainText(strategy.when_it_helps)
            self.minutes_spin.setValue(strategy.minutes or 0)
        elif category is not None:
            self._set_category(category)

    def _set_category(self, category: StrategyCategory) -> None:
        index = self.category_combo.findData(StrategyCategory(category).value)
        self.category_combo.setCurrentIndex(max(index, 0))

    def _values(self) -> dict[str, Any]:
        return {
            "title": self.title_edit.text(),
            "category": str(self.category_combo.currentData()),
            "summary": self.summary_edit.text(),
            "steps": self.steps_edit.toPlainText(),
            "when_it_helps": self.when_edit.toPlainText(),
            "minutes": self.minutes_spin.value(),
        }

    def _apply(self, values: dict[str, Any]) -> None:
        self.title_edit.setText(str(values.get("title", "")))
        with contextlib.suppress(ValueError):
            self._set_category(StrategyCategory(str(values.get("category", ""))))
        self.summary_edit.setText(str(values.get("summary", "")))
        self.steps_edit.setPlainText(str(values.get("steps", "")))
        self.when_edit.setPlainText(str(values.get("when_it_helps", "")))
        minutes = values.get("minutes", 0)
        self.minutes_spin.setValue(minutes if isinstance(minutes, int) else 0)

    def is_dirty(self) -> bool:
        return self._values() != self._initial

    def strategy(self) -> Strategy:
        """The strategy as typed (not yet cleaned or validated)."""
        base = self._original
        minutes = self.minutes_spin.value()
        title = self.title_edit.text()
        summary = self.summary_edit.text()
        steps = self.steps_edit.toPlainText().split("\n")
        when_it_helps = self.when_edit.toPlainText()
        shown = self._shown
        if base is not None and shown is not None and shown is not base:
            # Unchanged fields of a built-in strategy keep their stored (English) text.
            title = base.title if title == shown.title else title
            summary = base.summary if summary == shown.summary else summary
            when_it_helps = (
                base.when_it_helps if when_it_helps == shown.when_it_helps else when_it_helps
            )
            if steps == list(shown.steps):
                steps = list(base.steps)
            else:
                stored = dict(zip(shown.steps, base.steps, strict=False))
                steps = [stored.get(step, step) for step in steps]
        return Strategy(
            id=base.id if base else None,
            key=base.key if base else None,
            title=title,
            summary=summary,
            category=StrategyCategory(self.category_combo.currentData()),
            steps=steps,
            when_it_helps=when_it_helps,
            minutes=minutes or None,
            source=base.source if base else StrategySource.OWN,
            favourite=base.favourite if base else False,
            hidden=base.hidden if base else False,
            personal_note=base.personal_note if base else "",
        )

    # -- saving ----------------------------------------------------------------------------------

    def save(self) -> None:
        for error in (*self.errors.values(), self.general_error):
            error.clear_error()
        typed = self.strategy()
        try:
            if typed.id is None:
                self.saved = self._repository.add(typed)
            else:
                self.saved = self._repository.update(typed)
        except ValidationError as exc:
            self._show_validation(exc)
            return
        except VaultError as exc:
            self.general_error.show_error(exc.user_message)
            return
        self._drafts.discard()
        self._finished_by_user = True
        self.accept()

    def _show_validation(self, exc: ValidationError) -> None:
        name = exc.field.split("[", 1)[0].split(".", 1)[0]
        message = exc.message
        if name == "steps" and "[" in exc.field:
            try:
                number = int(exc.field.split("[", 1)[1].split("]", 1)[0])
            except ValueError:
                number = -1
            # The model counts the non-empty lines; say which line that is.
            lines = [
                i
                for i, text in enumerate(self.steps_edit.toPlainText().split("\n"))
                if text.strip()
            ]
            if 0 <= number < len(lines):
                # translators: {number} is a step's number, {message} what is wrong with it
                message = _("Step {number}: {message}").format(number=number + 1, message=message)
        error = self.errors.get(name)
        if error is None:
            self.general_error.show_error(message)
            return
        error.show_error(message, self._fields[name])

    # -- closing ---------------------------------------------------------------------------------

    def cancel(self) -> None:
        """The person cancels: ask before throwing typing away."""
        if self.is_dirty() and not Messages.confirm(
            self,
            _("Discard changes"),
            _("Close without saving this strategy?"),
            action=_("Discard"),
            destructive=True,
        ):
            return
        self._drafts.discard()
        self._finished_by_user = True
        self.reject()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            event.accept()
            self.cancel()
            return
        super().keyPressEvent(event)

    def reject(self) -> None:
        """Closed without asking (the window's close button, or the lock, which must never
        wait; Cancel and Esc have asked already): unsaved typing is kept as a draft, offered
        again next time, unless the person chose to discard it."""
        if not self._finished_by_user:
            self.keep_draft()
        super().reject()

    def done(self, result: int) -> None:
        super().done(result)
        wipe(self, _("Strategy"))

    def keep_draft(self) -> bool:
        """Keep what was typed as an encrypted draft (when there is anything new)."""
        return self.is_dirty() and self._drafts.keep(self._values())
