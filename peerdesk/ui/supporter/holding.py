""" "What I hold" (a tab of the colleague's details): everything stored about one colleague,
shown to them or given as a PDF. It is read only while its tab is showing."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from peerdesk.export.colleague_pdf import follow_up_text, referral_text
from peerdesk.i18n import _, ngettext
from peerdesk.models.builtin_text import localized_resource
from peerdesk.models.dates import short_date
from peerdesk.models.supporter_views import HeldRecord
from peerdesk.storage.errors import RecordNotFound
from peerdesk.ui.common.accessibility import set_name
from peerdesk.ui.common.notices import note
from peerdesk.ui.supporter.widgets import NO_DATE, ScreenHelper

if TYPE_CHECKING:
    from peerdesk.ui.supporter.screen import ColleaguesScreen

#: The index of "What I hold" among the colleague's detail tabs.
HOLD_TAB = 2


class HoldPage(QWidget):
    """The text of what is held, "Save as PDF…" and "Copy text"."""

    def __init__(self) -> None:
        super().__init__()
        # On the window's own colour, like every other field: in the dark theme the tab pane's
        # lighter grey left the text's frame below 3:1 against it.
        self.setBackgroundRole(QPalette.ColorRole.Window)
        self.setAutoFillBackground(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(
            note(
                _(
                    "Everything PeerDesk holds about this colleague. You can show "
                    "it to them, or give them a copy as a PDF."
                )
            )
        )
        self.hold_view = QTextBrowser()
        self.hold_view.setObjectName("whatIHold")
        self.hold_view.setOpenLinks(False)
        set_name(self.hold_view, _("What I hold about this colleague"))
        layout.addWidget(self.hold_view, 1)
        buttons = QHBoxLayout()
        self.hold_pdf_button = QPushButton(_("Save as PDF…"))
        self.hold_pdf_button.setObjectName("holdPdf")
        self.hold_copy_button = QPushButton(_("Copy text"))
        self.hold_copy_button.setObjectName("holdCopy")
        self.hold_copy_button.setToolTip(
            _(
                "Copied text is cleared from the clipboard after a short time and when PeerDesk "
                "locks."
            )
        )
        buttons.addWidget(self.hold_pdf_button)
        buttons.addWidget(self.hold_copy_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)


class Holding(ScreenHelper):
    """Reads "What I hold" for the colleague shown (only while its tab shows) and copies it."""

    def __init__(self, screen: ColleaguesScreen) -> None:
        super().__init__(screen)
        self.held: HeldRecord | None = None

    def tab_changed(self, index: int) -> None:
        if index == HOLD_TAB:
            self.refresh()

    def refresh(self) -> None:
        """Read "What I hold" only while its tab is showing; otherwise hold nothing."""
        screen = self._screen
        colleague_id = screen.form.colleague_id
        if (
            colleague_id is None
            or not screen.session.is_open
            or screen.detail_tabs.currentIndex() != HOLD_TAB
        ):
            self.held = None
            screen.hold_view.clear()
            screen.update_buttons()
            return
        try:
            self.held = screen.session.repos.colleagues.what_i_hold(colleague_id)
        except RecordNotFound:
            self.held = None
        names: dict[int, str] | None = None
        if self.held is not None and self.held.resource_names:
            # Built-in directory entries by their names in the language in force (on screen).
            names = dict(self.held.resource_names)
            for resource in screen.session.repos.resources.list():
                if resource.id in names:
                    names[resource.id] = localized_resource(resource).name
        screen.hold_view.setHtml(
            hold_html(self.held, screen.form.real_name_revealed, names) if self.held else ""
        )
        screen.update_buttons()

    def copy(self) -> None:
        if self.held is not None:
            self._screen.clipboard.copy(self._screen.hold_view.toPlainText())

    def clear(self) -> None:
        self.held = None
        self._screen.hold_view.clear()


def hold_html(
    record: HeldRecord, real_name_revealed: bool, resource_names: dict[int, str] | None = None
) -> str:
    e = html.escape
    c = record.colleague
    rows = [(_("Pseudonym"), e(c.pseudonym))]
    if c.real_name:
        rows.append(
            (
                _("Real name"),
                e(c.real_name)
                if real_name_revealed
                else _("<i>stored — hidden (reveal it on the Details tab)</i>"),
            )
        )
    rows += [
        (_("Status"), e(c.status.label)),
        (_("Last contact"), e(short_date(c.last_contact, NO_DATE))),
        (
            _("Kept until"),
            # translators: {date} is a date; {count} a number of months
            ngettext(
                "{date} ({count} month after the last contact)",
                "{date} ({count} months after the last contact)",
                c.retention_months,
            ).format(
                date=e(short_date(record.retention_expires_on, NO_DATE)),
                count=c.retention_months,
            ),
        ),
        (_("May be written down"), e(c.consent.may_record or _("Not recorded"))),
        (_("May be shared"), e(c.consent.may_share or _("Not recorded"))),
        (_("Shared with"), e(c.consent.share_with or _("Not recorded"))),
        (_("Consent given"), e(short_date(c.consent.recorded_on, NO_DATE))),
        (_("Consent until"), e(short_date(c.consent.until, _("No end date")))),
    ]
    if c.notes:
        rows.append((_("Notes"), e(c.notes).replace("\n", "<br>")))

    def table(pairs: list[tuple[str, str]]) -> str:
        cells = "".join(
            f"<tr><td style='padding:2px 12px 2px 0'><b>{e(k)}</b></td>"  # i18n: keep — markup
            f"<td style='padding:2px 0'>{v}</td></tr>"
            for k, v in pairs
        )
        return f"<table cellspacing='0'>{cells}</table>"  # i18n: keep — markup only

    # translators: a heading; {count} is the number of conversations
    heading = _("<h3>Conversations ({count})</h3>").format(count=len(record.conversations))
    parts = [table(rows), heading]
    for conversation in reversed(record.conversations):
        length = (
            # translators: a conversation's length; {minutes} is a number of minutes
            _("{minutes} min").format(minutes=conversation.duration_minutes)
            if conversation.duration_minutes
            else "—"
        )
        pairs = [
            (_("Length"), e(length)),
            (_("How"), e(conversation.channel.label)),
            (_("Themes"), e(", ".join(sorted(t.label for t in conversation.themes)) or "—")),
            (_("Summary"), e(conversation.summary or "—").replace("\n", "<br>")),
            (_("Actions agreed"), e(conversation.actions_agreed or "—").replace("\n", "<br>")),
            (
                _("Referrals"),
                "<br>".join(
                    e(referral_text(r, resource_names or record.resource_names))
                    for r in conversation.referrals
                )
                or "—",
            ),
            (_("Follow-up"), e(follow_up_text(conversation.follow_up)).replace("\n", "<br>")),
        ]
        if conversation.debrief:
            pairs.append(
                (
                    _("My debrief"),
                    # translators: {debrief} is the supporter's own text, in italics
                    _("<i>{debrief}</i> (yours — left out of the PDF unless you choose)").format(
                        debrief=e(conversation.debrief).replace("\n", "<br>")
                    ),
                )
            )
        parts.append(f"<h4>{e(short_date(conversation.held_on, NO_DATE))}</h4>" + table(pairs))
    return "".join(parts)


__all__ = ["HOLD_TAB", "HoldPage", "Holding", "hold_html"]
