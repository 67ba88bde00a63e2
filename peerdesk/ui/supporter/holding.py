""" "What I hold" (a tab of the colleague's details): everything stored about one colleague,
shown to them or given as a PDF. It is read only while its tab is showing."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from peerdesk.export.colleague_pdf import follow_up_text, referral_text
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
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(
            note(
                "Everything PeerDesk holds about this colleague. You can show "
                "it to them, or give them a copy as a PDF."
            )
        )
        self.hold_view = QTextBrowser()
        self.hold_view.setObjectName("whatIHold")
        self.hold_view.setOpenLinks(False)
        set_name(self.hold_view, "What I hold about this colleague")
        layout.addWidget(self.hold_view, 1)
        buttons = QHBoxLayout()
        self.hold_pdf_button = QPushButton("Save as PDF…")
        self.hold_pdf_button.setObjectName("holdPdf")
        self.hold_copy_button = QPushButton("Copy text")
        self.hold_copy_button.setObjectName("holdCopy")
        self.hold_copy_button.setToolTip(
            "Copied text is cleared from the clipboard after a short time and when PeerDesk locks."
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
        screen.hold_view.setHtml(
            hold_html(self.held, screen.form.real_name_revealed) if self.held else ""
        )
        screen.update_buttons()

    def copy(self) -> None:
        if self.held is not None:
            self._screen.clipboard.copy(self._screen.hold_view.toPlainText())

    def clear(self) -> None:
        self.held = None
        self._screen.hold_view.clear()


def hold_html(record: HeldRecord, real_name_revealed: bool) -> str:
    e = html.escape
    c = record.colleague
    rows = [("Pseudonym", e(c.pseudonym))]
    if c.real_name:
        rows.append(
            (
                "Real name",
                e(c.real_name)
                if real_name_revealed
                else "<i>stored — hidden (reveal it on the Details tab)</i>",
            )
        )
    rows += [
        ("Status", e(c.status.label)),
        ("Last contact", e(short_date(c.last_contact, NO_DATE))),
        (
            "Kept until",
            e(short_date(record.retention_expires_on, NO_DATE))
            + f" ({c.retention_months} months after the last contact)",
        ),
        ("May be written down", e(c.consent.may_record or "Not recorded")),
        ("May be shared", e(c.consent.may_share or "Not recorded")),
        ("Shared with", e(c.consent.share_with or "Not recorded")),
        ("Consent given", e(short_date(c.consent.recorded_on, NO_DATE))),
        ("Consent until", e(short_date(c.consent.until, "No end date"))),
    ]
    if c.notes:
        rows.append(("Notes", e(c.notes).replace("\n", "<br>")))

    def table(pairs: list[tuple[str, str]]) -> str:
        cells = "".join(
            f"<tr><td style='padding:2px 12px 2px 0'><b>{e(k)}</b></td>"
            f"<td style='padding:2px 0'>{v}</td></tr>"
            for k, v in pairs
        )
        return f"<table cellspacing='0'>{cells}</table>"

    parts = [table(rows), f"<h3>Conversations ({len(record.conversations)})</h3>"]
    for conversation in reversed(record.conversations):
        length = f"{conversation.duration_minutes} min" if conversation.duration_minutes else "—"
        pairs = [
            ("Length", e(length)),
            ("How", e(conversation.channel.label)),
            ("Themes", e(", ".join(sorted(t.label for t in conversation.themes)) or "—")),
            ("Summary", e(conversation.summary or "—").replace("\n", "<br>")),
            ("Actions agreed", e(conversation.actions_agreed or "—").replace("\n", "<br>")),
            (
                "Referrals",
                "<br>".join(
                    e(referral_text(r, record.resource_names)) for r in conversation.referrals
                )
                or "—",
            ),
            ("Follow-up", e(follow_up_text(conversation.follow_up)).replace("\n", "<br>")),
        ]
        if conversation.debrief:
            pairs.append(
                (
                    "My debrief",
                    "<i>"
                    + e(conversation.debrief).replace("\n", "<br>")
                    + "</i> (yours — left out of the PDF unless you choose)",
                )
            )
        parts.append(f"<h4>{e(short_date(conversation.held_on, NO_DATE))}</h4>" + table(pairs))
    return "".join(parts)


__all__ = ["HOLD_TAB", "HoldPage", "Holding", "hold_html"]
