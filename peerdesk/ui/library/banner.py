"""The offer of strategies after an incident is saved (:class:`SuggestionBanner`), and whether to
make it (:func:`suggestions_wanted`)."""

from __future__ import annotations

import contextlib
from collections.abc import Sequence

from PySide6.QtCore import (
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from peerdesk.i18n import _
from peerdesk.models.builtin_text import localized_strategy
from peerdesk.models.strategy import Strategy
from peerdesk.storage.errors import VaultError
from peerdesk.ui.common.accessibility import announce
from peerdesk.ui.common.notices import Notice
from peerdesk.ui.common.vault_settings import SettingsRegistry
from peerdesk.ui.library.widgets import discard, plain_label

__all__ = ["SuggestionBanner", "suggestions_wanted"]


def suggestions_wanted(registry: SettingsRegistry | None) -> bool:
    """Whether to offer strategies after an incident is saved (the "suggest_strategies"
    setting; on when there is no registry)."""
    return True if registry is None else bool(registry.get("suggest_strategies"))


class SuggestionBanner(Notice):
    """A small, non-modal offer of two or three strategies after an incident is saved.

    ``try_requested(strategy_id, incident_id or None)`` for "Try it"; ``dismissed`` after
    "Not now" or "Don't suggest again" (which turns the "suggest_strategies" setting off in
    ``registry``; the button is shown only when a registry is given; Escape inside the banner
    is "Not now"). :meth:`clear` drops
    every strategy text (call it when the vault locks).
    """

    try_requested = Signal(int, object)
    dismissed = Signal()

    def __init__(
        self,
        strategies: Sequence[Strategy],
        registry: SettingsRegistry | None = None,
        parent: QWidget | None = None,
        *,
        incident_id: int | None = None,
    ) -> None:
        super().__init__(
            _(
                "Writing it down can stir things up. If you would like, one of these might help "
                "now:"
            ),
            "info",
            parent,
        )
        self.setObjectName("suggestionBanner")
        self._registry = registry
        self.incident_id = incident_id
        self.try_buttons: dict[int, QPushButton] = {}
        self._rows = QWidget(self)
        self._rows_layout = QVBoxLayout(self._rows)
        self._rows_layout.setContentsMargins(0, 2, 0, 2)
        self._rows_layout.setSpacing(6)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(1, self._rows)

        self.not_now_button = QPushButton(_("Not now"))
        self.not_now_button.setObjectName("notNowButton")
        self.not_now_button.clicked.connect(self.dismiss)
        self.never_button = QPushButton(_("Don't suggest again"))
        self.never_button.setObjectName("neverSuggestButton")
        self.never_button.setToolTip(_("You can turn suggestions back on in Settings."))
        self.never_button.clicked.connect(self.never_again)
        self.buttons.addStretch(1)
        self.add_button(self.not_now_button)
        self.add_button(self.never_button)
        self.never_button.setVisible(registry is not None)
        # Escape, with the focus in the banner, is "Not now".
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.activated.connect(self.dismiss)
        self.set_strategies(strategies)

    def announce_offer(self) -> None:
        """Tell assistive technology about the offer (it appears without taking the focus)."""
        titles = list(self._titles.values())
        announce(
            self,
            # translators: {titles} is a list of strategy titles separated by semicolons
            _("Suggestions: {titles}").format(titles="; ".join(titles)) if titles else self.text(),
        )

    def set_strategies(self, strategies: Sequence[Strategy]) -> None:
        self._clear_rows()
        for stored in strategies:
            if stored.id is None:
                continue
            strategy = localized_strategy(stored)
            row = QWidget(self._rows)
            row_layout = QHBoxLayout(row)
            row_layout.setContentsMargins(0, 0, 0, 0)
            row_layout.setSpacing(10)
            text = QVBoxLayout()
            text.setSpacing(0)
            title = plain_label(strategy.title, name="suggestionTitle")
            title_font = QFont(title.font())
            title_font.setBold(True)
            title.setFont(title_font)
            text.addWidget(title)
            if strategy.summary:
                text.addWidget(plain_label(strategy.summary, name="suggestionSummary"))
            row_layout.addLayout(text, 1)
            button = QPushButton(_("Try it"))
            button.setObjectName("suggestionTry")
            # translators: a button's accessible name; {title} is a strategy's title
            button.setAccessibleName(_("Try {title}").format(title=strategy.title))
            button.clicked.connect(
                lambda _checked=False, sid=stored.id: self.try_requested.emit(sid, self.incident_id)
            )
            row_layout.addWidget(button, 0, Qt.AlignmentFlag.AlignVCenter)
            self._rows_layout.addWidget(row)
            row.show()
            self.try_buttons[stored.id] = button
            self._titles[stored.id] = strategy.title

    def _clear_rows(self) -> None:
        self.try_buttons = {}
        self._titles: dict[int, str] = {}
        while self._rows_layout.count():
            item = self._rows_layout.takeAt(0)
            discard(item.widget() if item is not None else None)

    def dismiss(self) -> None:
        self.hide()
        self.dismissed.emit()

    def never_again(self) -> None:
        if self._registry is not None:
            with contextlib.suppress(VaultError, ValueError):
                self._registry.set("suggest_strategies", False)
        self.dismiss()

    def clear(self) -> None:
        """Forget the strategies shown (the vault is locking)."""
        self._clear_rows()
        self.hide()
