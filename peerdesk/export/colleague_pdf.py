"""'What I hold about this colleague' as a PDF (REPORTING.md, "Peer supporter notes").

A plain document a peer supporter can show or give to the colleague it is about: everything
PeerDesk keeps about them — the pseudonym, the real name if one is stored (it is theirs), the
consent they gave, how long the notes are kept, and every conversation with its date, length,
channel, themes, summary, actions agreed, signposting and follow-up. The supporter's own
debrief notes are about the supporter and are left out unless ``include_debrief``; when they are
left out the document says so.

The running header and the PDF's metadata carry only the document's title: never a name.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from reportlab.platypus import Flowable

from peerdesk.export import pdfkit
from peerdesk.export.pdfkit import Paper, minutes_label
from peerdesk.models.colleague import Colleague
from peerdesk.models.conversation import Conversation, FollowUp, Referral
from peerdesk.models.dates import long_date
from peerdesk.models.enums import ColleagueStatus
from peerdesk.models.supporter_views import HeldRecord

TITLE = "What I hold about you"
SUBJECT = "Peer support notes"
_STATUS_WORDS = {
    ColleagueStatus.ACTIVE: "Active — we are still in touch",
    ColleagueStatus.CLOSED: "Closed — our conversations have ended",
}


def follow_up_text(follow_up: FollowUp | None) -> str:
    """``due 19 March 2026 — done on 18 March 2026`` (or "— still open")."""
    if follow_up is None:
        return "None"
    text = f"Due {long_date(follow_up.due)}"
    if follow_up.done:
        text += f" — done on {long_date(follow_up.done_on)}" if follow_up.done_on else " — done"
    else:
        text += " — still open"
    if follow_up.note:
        text += f"\n{follow_up.note}"
    return text


def referral_text(referral: Referral, names: dict[int, str]) -> str:
    """``Employee assistance programme (EAP): Acme EAP — shared the number``."""
    text = referral.kind.label
    name = names.get(referral.resource_id) if referral.resource_id is not None else None
    if name:
        text += f": {name}"
    if referral.note:
        text += f" — {referral.note}"
    return text


def _about(
    colleague: Colleague, expires: date | None, updated_on: date, width: float
) -> list[Flowable]:
    s = pdfkit.styles()
    rows: list[tuple[str, pdfkit.Cell]] = [("Known in these notes as", colleague.pseudonym)]
    if colleague.real_name:
        rows.append(("Real name", colleague.real_name))
    rows.append(("Status", _STATUS_WORDS.get(colleague.status, colleague.status.label)))
    if colleague.created_at is not None:
        rows.append(("First noted", long_date(colleague.created_at.date())))
    rows.append(("Last contact", long_date(colleague.last_contact, "None recorded")))
    months = colleague.retention_months
    keep = f"{months} month" + ("" if months == 1 else "s") + " after the last contact"
    if expires is not None:
        keep = f"{long_date(expires)} ({keep}); then everything here is deleted"
    rows.append(("Kept until", keep))
    rows.append(("Last changed", long_date(updated_on)))
    story: list[Flowable] = [pdfkit.para("About you", s.h1), pdfkit.facts(rows, width=width)]
    if colleague.notes.strip():
        story.append(pdfkit.para("Notes", s.label))
        story.extend(pdfkit.text_block(colleague.notes, s.body))
    return story


def _consent(colleague: Colleague, width: float) -> list[Flowable]:
    s = pdfkit.styles()
    consent = colleague.consent
    rows: list[tuple[str, pdfkit.Cell]] = [
        ("What may be written down", consent.may_record or "Not recorded"),
        ("What may be shared", consent.may_share or "Not recorded"),
        ("Who it may be shared with", consent.share_with or "Not recorded"),
        ("Agreed on", long_date(consent.recorded_on, "Not recorded")),
        ("Agreed until", long_date(consent.until, "No end date")),
    ]
    return [pdfkit.para("What you agreed to", s.h1), pdfkit.facts(rows, width=width)]


def _conversation(
    number: int,
    conversation: Conversation,
    names: dict[int, str],
    include_debrief: bool,
    width: float,
) -> list[Flowable]:
    s = pdfkit.styles()
    themes = ", ".join(sorted(t.label for t in conversation.themes)) or "None noted"
    rows: list[tuple[str, pdfkit.Cell]] = [
        ("Length", minutes_label(conversation.duration_minutes, "Not recorded")),
        ("How we talked", conversation.channel.label),
        ("Themes", themes),
        ("Follow-up", follow_up_text(conversation.follow_up)),
    ]
    head = [
        pdfkit.para(f"Conversation {number} — {long_date(conversation.held_on)}", s.h2),
        pdfkit.facts(rows, width=width),
    ]
    story: list[Flowable] = [pdfkit.keep_together(head)]
    sections = [("Summary", conversation.summary), ("Actions agreed", conversation.actions_agreed)]
    for label, text in sections:
        story.append(pdfkit.para(label, s.label))
        story.extend(pdfkit.text_block(text, s.body) or [pdfkit.para("None noted", s.muted)])
    story.append(pdfkit.para("Signposting and referrals", s.label))
    if conversation.referrals:
        story.extend(
            pdfkit.para("• " + referral_text(r, names), s.body) for r in conversation.referrals
        )
    else:
        story.append(pdfkit.para("None", s.muted))
    if include_debrief and conversation.debrief.strip():
        story.append(pdfkit.para("The supporter's own debrief note", s.label))
        story.extend(pdfkit.text_block(conversation.debrief, s.body))
    return story


def what_i_hold_story(
    record: HeldRecord,
    *,
    paper: Paper = "a4",
    include_debrief: bool = False,
    generated_on: date | None = None,
) -> list[Flowable]:
    """The document's content (also used by tests)."""
    s = pdfkit.styles()
    width = pdfkit.frame_width(paper)
    today = generated_on or date.today()
    story: list[Flowable] = [
        pdfkit.para(TITLE, s.title),
        pdfkit.para(
            f"Everything your peer supporter keeps in PeerDesk about you, as of "
            f"{long_date(today)}.",
            s.subtitle,
        ),
        pdfkit.para(
            "These notes are kept in an encrypted file on your peer supporter's computer. "
            "They are operational notes, not a medical or HR record. You can ask for anything "
            "here to be corrected, or for all of it to be deleted, at any time.",
            s.notice,
        ),
    ]
    story += _about(record.colleague, record.retention_expires_on, record.updated_at.date(), width)
    story += _consent(record.colleague, width)
    conversations = record.conversations
    story.append(pdfkit.para(f"Conversations ({len(conversations)})", s.h1))
    if not conversations:
        story.append(pdfkit.para("No conversations are recorded.", s.muted))
    for number, conversation in enumerate(conversations, start=1):
        story += _conversation(number, conversation, record.resource_names, include_debrief, width)
    has_debrief = any(c.debrief.strip() for c in conversations)
    if has_debrief and not include_debrief:
        story.append(pdfkit.para("Left out of this copy", s.h1))
        story.append(
            pdfkit.para(
                "The supporter's own debrief notes — how the conversations affected the supporter "
                "— are about the supporter and are not part of this copy.",
                s.body,
            )
        )
    return story


def write_what_i_hold(
    record: HeldRecord,
    out: Path,
    *,
    paper: Paper = "a4",
    password: str | None = None,
    include_debrief: bool = False,
    generated_on: date | None = None,
) -> int:
    """Write the PDF to ``out`` atomically; returns the number of pages.

    ``password``: AES-256 protection (None: a plain PDF, which the UI must say). The
    supporter's debrief notes are left out unless ``include_debrief``.
    """
    today = generated_on or date.today()
    story = what_i_hold_story(
        record, paper=paper, include_debrief=include_debrief, generated_on=today
    )
    return pdfkit.write_pdf(
        story,
        out,
        title=TITLE,
        paper=paper,
        password=password,
        subject=SUBJECT,
        footer_note=f"Made with PeerDesk on {long_date(today)}",
    )


__all__ = ["TITLE", "follow_up_text", "referral_text", "what_i_hold_story", "write_what_i_hold"]
