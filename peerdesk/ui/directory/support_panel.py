"""Support and crisis resources: readable from the unlock window, without unlocking.

:class:`SupportPanel` lists the resources it is handed (the built-in directory while the vault
is locked, the vault's own directory once it is open), emergency numbers and crisis lines
first and visibly marked, with a country filter. Contacts are selectable text; only ``tel:``
and ``https:`` links are clickable, and a link opens only when the user activates it, through
:class:`QDesktopServices`. Resource text is always escaped, never interpreted as markup.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from peerdesk.i18n import _
from peerdesk.models.builtin_text import localized_resource
from peerdesk.models.resource import Resource
from peerdesk.ui.common.accessibility import announce
from peerdesk.ui.common.clipboard import SecureClipboard
from peerdesk.ui.common.notices import Notice
from peerdesk.ui.common.preferences import Preferences
from peerdesk.ui.common.reflow import ReflowGrid
from peerdesk.ui.common.vertical_scroll import resize_within_screen
from peerdesk.ui.directory.contacts import (
    ALL_COUNTRIES,
    CHECK_LINE,
    DANGER_LINE,
    contact_actions,
    contact_html,
    country_name,
    first_number,
    open_link,
    provenance_text,
    resource_rank,
    strip_prefix,
    system_country,
)

__all__ = [
    "ALL_COUNTRIES",
    "CHECK_LINE",
    "DANGER_LINE",
    "SupportDialog",
    "SupportPanel",
    "contact_actions",
    "contact_html",
    "country_name",
    "open_link",
    "provenance_text",
    "resource_rank",
    "system_country",
]


def _plain_label(text: str, name: str, *, selectable: bool = False) -> QLabel:
    """A wrapped plain-text label named ``name`` (selectable with the mouse if asked)."""
    label = QLabel(text)
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class _RelativeFont(QObject):
    """Keep ``label`` in bold at ``factor`` times the application's font, also when that
    font changes while the window is open (a size set once would stay behind)."""

    def __init__(self, label: QLabel, factor: float, *, capitals: bool = False) -> None:
        super().__init__(label)
        self._label = label
        self._factor = factor
        self._capitals = capitals
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.fontChanged.connect(self.apply)
        self.apply()

    def apply(self, *_args: object) -> None:
        font = QFont(QApplication.font())
        font.setBold(True)
        if self._capitals:
            font.setCapitalization(QFont.Capitalization.AllUppercase)
        if font.pointSizeF() > 0:
            font.setPointSizeF(max(7.0, font.pointSizeF() * self._factor))
        self._label.setFont(font)


class _ResourceCard(Notice):
    """One resource: badge, name, kind and country, contact (with links), notes, and buttons
    to call, open or copy. The card is one Tab stop (a screen reader reads it whole: name,
    kind, contact and notes); its buttons follow it."""

    def __init__(self, resource: Resource, parent: QWidget | None = None) -> None:
        rank = resource_rank(resource)
        super().__init__("", {0: "error", 1: "crisis"}.get(rank, "plain"), parent)
        self.resource = resource
        stored_notes = resource.notes
        # Built-in text in the language in force (``self.resource`` stays the stored entry).
        resource = localized_resource(resource)
        self.rank = rank
        self.setObjectName("resourceCard")
        self.setAccessibleName(resource.name)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.setSpacing(4)
        self.label.hide()

        header = QHBoxLayout()
        header.setSpacing(8)
        if rank < 2:
            self.badge = QLabel(_("Emergency") if rank == 0 else _("Crisis line"))
            self.badge.setObjectName("resourceBadge")
            _RelativeFont(self.badge, 0.85, capitals=True)
            header.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignVCenter)
        self.name_label = _plain_label(resource.name, "resourceName", selectable=True)
        name_font = self.name_label.font()
        name_font.setBold(True)
        self.name_label.setFont(name_font)
        header.addWidget(self.name_label, 1)
        layout.insertLayout(0, header)

        kind = _plain_label(
            f"{resource.kind.label} · {country_name(resource.country)}", "resourceKind"
        )
        layout.insertWidget(1, kind)

        self.contact_label = QLabel(contact_html(resource.contact) if resource.contact else "")
        self.contact_label.setObjectName("resourceContact")
        self.contact_label.setTextFormat(Qt.TextFormat.RichText)
        self.contact_label.setWordWrap(True)
        self.contact_label.setOpenExternalLinks(False)
        self.contact_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
            | Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        # The keyboard reaches the links through the card's buttons (Tab through a label's
        # links never leaves the label: a trap), so the label itself is no Tab stop.
        self.contact_label.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # translators: an accessible name; {name} is a support service's name
        self.contact_label.setAccessibleName(_("Contact for {name}").format(name=resource.name))
        self.contact_label.setVisible(bool(resource.contact))
        layout.insertWidget(2, self.contact_label)

        notes = strip_prefix(stored_notes, resource.notes)
        self.notes_label = _plain_label(notes, "resourceNotes", selectable=True)
        self.notes_label.setVisible(bool(notes))
        layout.insertWidget(3, self.notes_label)
        provenance = provenance_text(self.resource)
        self.provenance_label = _plain_label(provenance, "resourceProvenance", selectable=True)
        self.provenance_label.setVisible(bool(provenance))
        layout.insertWidget(4, self.provenance_label)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)

        self.action_buttons: list[QPushButton] = []
        for text, url in contact_actions(resource.contact):
            button = QPushButton(text)
            button.setObjectName("resourceCall" if url.startswith("tel:") else "resourceOpen")
            button.setProperty("link", url)
            button.setAutoDefault(False)
            self.action_buttons.append(button)
        self.number = first_number(resource.contact)
        self.copy_button: QPushButton | None = None
        if self.number:
            self.copy_button = QPushButton(_("Copy number"))
            self.copy_button.setObjectName("resourceCopy")
            self.copy_button.setAutoDefault(False)
            # translators: describes the Copy number button; {number} is a phone number
            self.copy_button.setAccessibleDescription(
                _("Copies {number}").format(number=self.number)
            )
        buttons: list[QWidget] = [*self.action_buttons]
        if self.copy_button is not None:
            buttons.append(self.copy_button)
        if buttons:
            # In a row where they fit, one under another at a large text size.
            self.add_button(ReflowGrid(buttons, most=len(buttons)))
        self.buttons.addStretch(1)
        parts = [
            self.badge.text() if rank < 2 else "",
            kind.text(),
            resource.contact.replace("\n", ", "),
            notes,
            provenance,
        ]
        self.setAccessibleDescription(". ".join(p.strip() for p in parts if p.strip()))


class SupportPanel(QWidget):
    """The support and crisis resources, emergency numbers and crisis lines first.

    ``country``: the initial filter (an ISO code; "" for all). ``None`` (the default) picks
    the country remembered on this computer if the user allowed it, else the system locale's
    country when the list has entries for it, otherwise all countries. Entries without a
    country (international ones) show under every country.

    ``preferences``: where "Remember this country on this computer" keeps the country (the
    preferences file outside the vault, and only while that box is ticked); None: the
    default preferences file.
    """

    def __init__(
        self,
        resources: Iterable[Resource],
        parent: QWidget | None = None,
        *,
        country: str | None = None,
        preferences: Preferences | None = None,
    ) -> None:
        super().__init__(parent)
        if preferences is None:
            try:
                preferences = Preferences(parent=self)
            except OSError:
                preferences = None
        self._preferences = preferences
        self._resources: list[Resource] = []
        self.cards: list[_ResourceCard] = []
        self.clipboard = SecureClipboard(self)
        self.clipboard.expired.connect(self._copies_gone)

        self.danger = _plain_label(_(DANGER_LINE), "dangerLine")
        _RelativeFont(self.danger, 1.1)
        intro = QLabel(
            _(
                "These services are run by others, outside PeerDesk. Talking to someone can help, "
                "whatever is happening."
            )
        )
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        self.check_line = _plain_label(_(CHECK_LINE), "checkNumberLine")

        self.country_combo = QComboBox()
        self.country_combo.setObjectName("countryFilter")
        self.country_combo.setAccessibleName(_("Country"))
        self.country_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        country_label = QLabel(_("&Country:"))
        country_label.setBuddy(self.country_combo)
        self.remember_check = QCheckBox(_("&Remember this country on this computer"))
        self.remember_check.setObjectName("rememberCountry")
        self.remember_check.setToolTip(
            _(
                "Kept outside the vault, in this computer's PeerDesk settings. Untick it to "
                "forget the country."
            )
        )
        self.remember_check.setChecked(
            bool(self._preferences is not None and self._preferences.get("remember_country"))
        )
        self.remember_check.setVisible(self._preferences is not None)
        filter_row = QHBoxLayout()
        filter_row.addWidget(country_label)
        filter_row.addWidget(self.country_combo)
        filter_row.addWidget(self.remember_check)
        filter_row.addStretch(1)

        self.empty_label = QLabel(_("There are no resources to show for this country."))
        self.empty_label.setObjectName("emptyLabel")
        self.empty_label.setWordWrap(True)
        self._list = QWidget()
        self._list.setObjectName("resourceList")
        self._list_layout = QVBoxLayout(self._list)
        self._list_layout.setContentsMargins(0, 0, 6, 0)
        self._list_layout.setSpacing(8)
        self._list_layout.addStretch(1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setObjectName("resourceScroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setWidget(self._list)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.danger)
        layout.addWidget(intro)
        layout.addWidget(self.check_line)
        layout.addLayout(filter_row)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.scroll_area, 1)

        self.country_combo.currentIndexChanged.connect(self._rebuild)
        self.country_combo.currentIndexChanged.connect(self._remember_country)
        self.remember_check.toggled.connect(self._remember_toggled)
        self.set_resources(resources, country=country)

    # -- public API ------------------------------------------------------------------------

    def set_resources(self, resources: Iterable[Resource], *, country: str | None = None) -> None:
        """Show ``resources``; keep the current country when it is still present."""
        previous = self.country() if self.country_combo.count() else None
        self._resources = list(resources)
        codes = sorted(
            {r.country for r in self._resources if r.country},
            key=lambda code: country_name(code).casefold(),
        )
        blocked = self.country_combo.blockSignals(True)
        try:
            self.country_combo.clear()
            self.country_combo.addItem(_(ALL_COUNTRIES), "")
            for code in codes:
                self.country_combo.addItem(country_name(code), code)
            wanted = country if country is not None else previous
            if wanted is None:
                wanted = self._remembered_country() or system_country()
            index = self.country_combo.findData(wanted) if wanted else 0
            self.country_combo.setCurrentIndex(max(index, 0))
        finally:
            self.country_combo.blockSignals(blocked)
        self._rebuild()

    def country(self) -> str:
        """The selected country code, "" for all countries."""
        return str(self.country_combo.currentData() or "")

    def set_country(self, code: str) -> None:
        index = self.country_combo.findData(code) if code else 0
        self.country_combo.setCurrentIndex(max(index, 0))

    def visible_resources(self) -> list[Resource]:
        """The resources shown, in the order shown."""
        return [card.resource for card in self.cards]

    # -- internals ---------------------------------------------------------------------------

    def _ordered(self) -> list[Resource]:
        code = self.country()
        shown = [r for r in self._resources if not code or r.country in ("", code)]
        order = {id(r): i for i, r in enumerate(shown)}
        return sorted(
            shown,
            key=lambda r: (resource_rank(r), 1 if code and not r.country else 0, order[id(r)]),
        )

    def _rebuild(self, *_args: object) -> None:
        for card in self.cards:
            self._list_layout.removeWidget(card)
            card.hide()
            card.deleteLater()
        self.cards = []
        for position, resource in enumerate(self._ordered()):
            card = _ResourceCard(resource, self._list)
            card.contact_label.linkActivated.connect(self._on_link)
            for button in card.action_buttons:
                url = str(button.property("link"))
                button.clicked.connect(lambda _checked=False, u=url: self._on_link(u))
            if card.copy_button is not None:
                number = card.number
                card.copy_button.clicked.connect(
                    lambda _checked=False, n=number, c=card: self._copy(n, c)
                )
            self._list_layout.insertWidget(position, card)
            self.cards.append(card)
        self.empty_label.setVisible(not self.cards)
        self.scroll_area.verticalScrollBar().setValue(0)

    def _on_link(self, url: str) -> None:
        open_link(url)

    def _copy(self, number: str, card: _ResourceCard) -> None:
        """Copy ``number`` (cleared from the clipboard again after a while) and say so, on
        the button and to a screen reader."""
        self.clipboard.copy(number)
        self._copies_gone()
        if card.copy_button is not None:
            card.copy_button.setText(_("Number copied"))
        # translators: said to a screen reader; {number} is a phone number
        announce(card, _("Copied {number}").format(number=number))

    def _remembered_country(self) -> str:
        """The country kept on this computer ("" unless the user allowed it)."""
        if self._preferences is None or not self._preferences.get("remember_country"):
            return ""
        return str(self._preferences.get("crisis_country") or "")

    def _remember_toggled(self, checked: bool) -> None:
        """Ticked: keep the country shown; unticked: forget it (the preferences erase it)."""
        if self._preferences is None:
            return
        self._preferences.set("remember_country", checked)
        if checked:
            self._preferences.set("crisis_country", self.country())

    def _remember_country(self, *_args: object) -> None:
        if self._preferences is not None and self.remember_check.isChecked():
            self._preferences.set("crisis_country", self.country())

    def _copies_gone(self, *_args: object) -> None:
        for card in self.cards:
            if card.copy_button is not None:
                card.copy_button.setText(_("Copy number"))


class SupportDialog(QDialog):
    """A window with the :class:`SupportPanel`; it holds no vault content of its own."""

    def __init__(
        self,
        resources: Iterable[Resource],
        parent: QWidget | None = None,
        *,
        country: str | None = None,
        preferences: Preferences | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("supportDialog")
        self.setWindowTitle(_("Support and crisis resources"))
        self.panel = SupportPanel(resources, self, country=country, preferences=preferences)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 12)
        layout.addWidget(self.panel, 1)
        layout.addWidget(buttons)
        resize_within_screen(self, 580, 640)
