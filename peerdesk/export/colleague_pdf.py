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
from peerdesk.export.pdfkit.short_document import write_short_document
from peerdesk.i18n import N_, _, ngettext, pgettext
from peerdesk.models.colleague import Colleague
from peerdesk.models.conversation import Conversation, FollowUp, Referral
from peerdesk.models.dates import long_date
from peerdesk.models.enums import ColleagueStatus
from peerdesk.models.supporter_views import HeldRecord

#: (Marked here, translated where printed: ``_(TITLE)``.)
# translators: the title of the document a peer supporter gives a colleague: everything the
# supporter's notes hold about them (addressed to the colleague, "you")
TITLE = N_("What I hold about you")
# translators: the PDF's subject (in its document properties)
SUBJECT = N_("Peer support notes")
_STATUS_WORDS = {
    # translators: the status of the peer support, addressed to the colleague
    ColleagueStatus.ACTIVE: N_("Active — we are still in touch"),
    ColleagueStatus.CLOSED: N_("Closed — our conversations have ended"),
}


def follow_up_text(follow_up: FollowUp | None) -> str:
    """``due 19 March 2026 — done on 18 March 2026`` (or "— still open")."""
    if follow_up is None:
        # translators: no follow-up was agreed
        return pgettext("follow-up", "None")
    due = long_date(follow_up.due)
    if follow_up.done and follow_up.done_on:
        # translators: a follow-up's due date and the date it was done (long dates)
        text = _("Due {due} — done on {done}").format(due=due, done=long_date(follow_up.done_on))
    elif follow_up.done:
        # translators: a follow-up's due date; it was done
        text = _("Due {due} — done").format(due=due)
    else:
        # translators: a follow-up's due date; it is not done yet
        text = _("Due {due} — still open").format(due=due)
    if follow_up.note:
        text += f"\n{follow_up.note}"
    return text


def referral_text(referral: Referral, names: dict[int, str]) -> str:
    """``Employee assistance programme (EAP): Acme EAP — shared the number``."""
    text = referral.kind.label
    name = names.get(referral.resource_id) if referral.resource_id is not None else None
    if name:
        # translators: a kind of referral (e.g. Employee assistance programme) and the name of
        # the service
        text = _("{kind}: {service}").format(kind=text, service=name)
    if referral.note:
        # translators: a referral and the supporter's note about it
        text = _("{referral} — {note}").format(referral=text, note=referral.note)
    return text


def _about(
    colleague: Colleague, expires: date | None, updated_on: date, width: float
) -> list[Flowable]:
    s = pdfkit.styles()
    # translators: labels of the "About you" table: the pseudonym the notes use, the real
    # name, the status of the support, when the notes began, the last contact, how long they
    # are kept, when they last changed
    rows: list[tuple[str, pdfkit.Cell]] = [(_("Known in these notes as"), colleague.pseudonym)]
    if colleague.real_name:
        rows.append((_("Real name"), colleague.real_name))
    status = _STATUS_WORDS.get(colleague.status)
    # translators: the status of the peer support (active or closed)
    rows.append(
        (pgettext("peer support", "Status"), _(status) if status else colleague.status.label)
    )
    if colleague.created_at is not None:
        rows.append((_("First noted"), long_date(colleague.created_at.date())))
    rows.append((_("Last contact"), long_date(colleague.last_contact, _("None recorded"))))
    months = colleague.retention_months
    if expires is not None:
        # translators: how long the notes are kept: until {date} ({count} months after the
        # last contact), then deleted
        keep = ngettext(
            "{date} ({count} month after the last contact); then everything here is deleted",
            "{date} ({count} months after the last contact); then everything here is deleted",
            months,
        ).format(date=long_date(expires), count=months)
    else:
        keep = ngettext(
            "{count} month after the last contact", "{count} months after the last contact", months
        ).format(count=months)
    rows.append((_("Kept until"), keep))
    rows.append((_("Last changed"), long_date(updated_on)))
    # translators: a heading of the document given to the colleague
    story: list[Flowable] = [pdfkit.para(_("About you"), s.h1), pdfkit.facts(rows, width=width)]
    if colleague.notes.strip():
        # translators: the supporter's general notes about the colleague
        story.append(pdfkit.para(pgettext("colleague", "Notes"), s.label))
        story.extend(pdfkit.text_block(colleague.notes, s.body))
    return story


def _consent(colleague: Colleague, width: float) -> list[Flowable]:
    s = pdfkit.styles()
    consent = colleague.consent
    # translators: shown when a part of the colleague's consent was not recorded
    missing = _("Not recorded")
    # translators: the labels of the colleague's consent (what may be recorded and shared)
    rows: list[tuple[str, pdfkit.Cell]] = [
        (_("What may be written down"), consent.may_record or missing),
        (_("What may be shared"), consent.may_share or missing),
        (_("Who it may be shared with"), consent.share_with or missing),
        (_("Agreed on"), long_date(consent.recorded_on, missing)),
        # translators: the consent has no end date
        (_("Agreed until"), long_date(consent.until, _("No end date"))),
    ]
    # translators: a heading: the consent the colleague gave
    return [pdfkit.para(_("What you agreed to"), s.h1), pdfkit.facts(rows, width=width)]


def _conversation(
    number: int,
    conversation: Conversation,
    names: dict[int, str],
    include_debrief: bool,
    width: float,
) -> list[Flowable]:
    s = pdfkit.styles()
    # translators: nothing was noted (themes, a summary, actions)
    none_noted = _("None noted")
    themes = ", ".join(sorted(t.label for t in conversation.themes)) or none_noted
    # translators: the labels of a conversation: how long it lasted, how (in person, by
    # phone...), its themes, and the follow-up agreed
    rows: list[tuple[str, pdfkit.Cell]] = [
        (_("Length"), minutes_label(conversation.duration_minutes, _("Not recorded"))),
        (_("How we talked"), conversation.channel.label),
        (_("Themes"), themes),
        (_("Follow-up"), follow_up_text(conversation.follow_up)),
    ]
    head = [
        pdfkit.para(
            # translators: a conversation's heading: its number and its date
            _("Conversation {number} — {date}").format(
                number=number, date=long_date(conversation.held_on)
            ),
            s.h2,
        ),
        pdfkit.facts(rows, width=width),
    ]
    story: list[Flowable] = [pdfkit.keep_together(head)]
    sections = [
        # translators: the summary of a conversation
        (pgettext("conversation", "Summary"), conversation.summary),
        (_("Actions agreed"), conversation.actions_agreed),
    ]
    for label, text in sections:
        story.append(pdfkit.para(label, s.label))
        story.extend(pdfkit.text_block(text, s.body) or [pdfkit.para(none_noted, s.muted)])
    # translators: where the colleague was pointed to (services, help lines)
    story.append(pdfkit.para(_("Signposting and referrals"), s.label))
    if conversation.referrals:
        story.extend(
            pdfkit.para("• " + referral_text(r, names), s.body) for r in conversation.referrals
        )
    else:
        # translators: no referrals were made
        story.append(pdfkit.para(pgettext("referrals", "None"), s.muted))
    if include_debrief and conversation.debrief.strip():
        story.append(pdfkit.para(_("The supporter's own debrief note"), s.label))
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
        pdfkit.para(_(TITLE), s.title),
        pdfkit.para(
            # translators: {date} is a long date
            _("Everything your peer supporter keeps in PeerDesk about you, as of {date}.").format(
                date=long_date(today)
            ),
            s.subtitle,
        ),
        pdfkit.para(
            _(
                "These notes are kept in an encrypted file on your peer supporter's computer. "
                "They are operational notes, not a medical or HR record. You can ask for "
                "anything here to be corrected, or for all of it to be deleted, at any time."
            ),
            s.notice,
        ),
    ]
    story += _about(record.colleague, record.retention_expires_on, record.updated_at.date(), width)
    story += _consent(record.colleague, width)
    conversations = record.conversations
    # translators: a heading: the conversations and how many there are
    story.append(pdfkit.para(_("Conversations ({count})").format(count=len(conversations)), s.h1))
    if not conversations:
        story.append(pdfkit.para(_("No conversations are recorded."), s.muted))
    for number, conversation in enumerate(conversations, start=1):
        story += _conversation(number, conversation, record.resource_names, include_debrief, width)
    has_debrief = any(c.debrief.strip() for c in conversations)
    if has_debrief and not include_debrief:
        story.append(pdfkit.para(_("Left out of this copy"), s.h1))
        story.append(
            pdfkit.para(
                _(
                    "The supporter's own debrief notes — how the conversations affected the "
                    "supporter — are about the supporter and are not part of this copy."
                ),
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
    language: str | None = None,
) -> int:
    """Write the PDF to ``out`` atomically; returns the number of pages.

    ``password``: AES-256 protection (None: a plain PDF, which the UI must say). The
    supporter's debrief notes are left out unless ``include_debrief``. ``language``: the
    document's language (None: the language in force).
    """
    today = generated_on or date.today()
    return write_short_document(
        lambda: what_i_hold_story(
            record, paper=paper, include_debrief=include_debrief, generated_on=today
        ),
        out,
        title=TITLE,
        subject=SUBJECT,
        today=today,
        paper=paper,
        password=password,
        language=language,
    )


__all__ = ["TITLE", "follow_up_text", "referral_text", "what_i_hold_story", "write_what_i_hold"]
