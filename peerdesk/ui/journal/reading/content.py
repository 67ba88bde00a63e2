"""What the read view shows of one entry, as HTML for a QTextBrowser: the headings and facts a
report prints (title, when, recorded, place, people, categories, severity), then the narrative,
the exact words, responses, witnesses, reports, impact, and the files with their descriptions
(pictures as thumbnails). Everything the user wrote is escaped; nothing here touches the vault."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from html import escape

from peerdesk.export.report.context import event_when
from peerdesk.export.report.entries import report_made_text
from peerdesk.i18n import _
from peerdesk.models import Incident
from peerdesk.models.attachment import Attachment
from peerdesk.models.dates import long_date
from peerdesk.models.revisions import local_time_text
from peerdesk.models.text import visible_filename
from peerdesk.ui.journal.bidi import isolate

#: The address a picture's thumbnail is registered under in the document.
PICTURE_SCHEME = "peerdesk-picture"


def picture_url(attachment_id: int) -> str:
    return f"{PICTURE_SCHEME}:{attachment_id}"


def _text(value: str) -> str:
    """User text as HTML: escaped, line breaks kept."""
    return escape(value).replace("\n", "<br>")


def _recorded(incident: Incident) -> str:
    if incident.recorded_at is None:
        return ""
    delay = incident.recording_delay_text()
    when = isolate(local_time_text(incident.recorded_at))
    # translators: {when} is a date and time, {delay} how long after the event ("2 h after")
    return _("{when} ({delay})").format(when=when, delay=delay) if delay else when


def entry_html(
    incident: Incident,
    names: Mapping[int, str],
    files: Sequence[Attachment],
    pictures: frozenset[int] = frozenset(),
    revisions: int = 1,
) -> str:
    """The entry as HTML. ``names``: person id → display name; ``pictures``: the ids of files
    whose thumbnail is registered under :func:`picture_url`; ``revisions``: how many times it
    was saved."""
    i = incident
    parts: list[str] = []

    def section(title: str, body: str) -> None:
        parts.append(f"<h3>{escape(title)}</h3>{body}")

    def para(value: str) -> str:
        return f"<p>{_text(value)}</p>"

    if i.record_number is not None:
        # translators: the heading of an entry: its record number, then its title
        heading = escape(_("Entry No. {number}: {title}")).format(
            number=i.record_number, title=_text(i.title)
        )
    else:
        heading = _text(i.title)
    parts.append(f"<h2>{heading}</h2>")
    if i.withdrawn is not None:
        withdrawn_on = isolate(long_date(i.withdrawn.withdrawn_at.date()))
        parts.append(
            para(
                # translators: {date} is when the entry was withdrawn, {reason} the user's words
                _("Withdrawn as made in error on {date}. Reason: {reason}").format(
                    date=withdrawn_on, reason=i.withdrawn.reason
                )
                if i.withdrawn.reason
                else _("Withdrawn as made in error on {date}.").format(date=withdrawn_on)
            )
        )

    def person(person_id: int, role: str) -> str:
        name = names.get(person_id, _("a person since removed"))
        # translators: a person in an entry and their part in it ("M. T. (said it)")
        return _("{name} ({role})").format(name=name, role=role) if role else name

    people = "; ".join(person(p.person_id, p.role_in_incident) for p in i.people)
    place = (
        # translators: how it happened (in person, by email...), then where
        _("{channel} — {place}").format(channel=i.channel.label, place=i.place)
        if i.place
        else i.channel.label
    )
    facts = [
        (_("When"), event_when(i)),
        (_("Recorded"), _recorded(i)),
        (_("Place or channel"), place),
        (_("People"), people or _("None named")),
        (_("Categories"), ", ".join(sorted(c.label for c in i.categories)) or _("None recorded")),
        # translators: {severity} is a number from 1 to 5
        (_("Severity (my rating)"), _("{severity} of 5").format(severity=i.severity)),
    ]
    if i.tags:
        facts.append((_("My tags"), ", ".join(i.tags)))
    if revisions > 1:
        facts.append((_("Changed since first written"), _("Yes: History shows each change")))
    if i.after_complaint:
        facts.append(
            (
                _("After a complaint"),
                # translators: the answer to "After a complaint"; {date} is the complaint's date
                _("Yes, {date}").format(date=isolate(long_date(i.complaint_date)))
                if i.complaint_date
                else _("Yes"),
            )
        )
    rows = "".join(
        f"<tr><td><b>{escape(k)}</b></td><td>{_text(v)}</td></tr>" for k, v in facts if v
    )
    parts.append(f'<table cellspacing="0" cellpadding="3">{rows}</table>')  # i18n: keep — markup
    section(_("What happened"), para(i.narrative or _("Not written.")))
    if i.quotes:
        quotes = []
        for q in i.quotes:
            speaker = (
                names.get(q.speaker_person_id, q.speaker_label or _("Unattributed"))
                if q.speaker_person_id is not None
                else (q.speaker_label or _("Unattributed"))
            )
            # translators: a quote and who said it; keep the markup <br>
            said = _("“{words}”<br>— {speaker}").format(words=_text(q.text), speaker=_text(speaker))
            quotes.append(f"<blockquote>{said}</blockquote>")
        section(_("Exact words"), "".join(quotes))
    for title, value in (
        (_("My response"), i.my_response),
        (_("Their reaction"), i.their_reaction),
    ):
        if value:
            section(title, para(value))
    if i.witnesses:
        items = []
        for w in i.witnesses:
            bits = [names.get(w.person_id, w.name) if w.person_id is not None else w.name]
            if w.where:
                # translators: where a witness was; {place} is the user's words
                bits.append(_("where: {place}").format(place=w.where))
            if w.reacted:
                # translators: how a witness reacted; {reaction} is the user's words
                bits.append(_("reaction: {reaction}").format(reaction=w.reacted))
            if w.willing_to_confirm is not None:
                bits.append(_("would confirm") if w.willing_to_confirm else _("would not confirm"))
            items.append(f"<li>{_text('; '.join(bits))}</li>")
        section(_("Witnesses"), f"<ul>{''.join(items)}</ul>")
    if i.told:
        items = [
            "<li>" + _text(", ".join(_told_parts(t.who, t.when, t.how))) + "</li>" for t in i.told
        ]
        section(_("Who I told afterwards"), f"<ul>{''.join(items)}</ul>")
    if i.reports:
        items = []
        for rep in i.reports:
            items.append(f"<li>{_text(report_made_text(rep))}</li>")
        section(_("Reports made"), f"<ul>{''.join(items)}</ul>")
    if i.attempts_to_stop:
        section(_("Attempts to stop it"), para(i.attempts_to_stop))
    impact = [
        (name, value)
        for name, value in (
            (_("Emotional"), i.impact.emotional),
            (_("Physical"), i.impact.physical),
            (_("On work"), i.impact.work),
            (_("At home"), i.impact.home),
            (_("Help sought"), i.impact.sought_help),
        )
        if value
    ]
    if impact:
        section(
            _("Impact"),
            "<ul>" + "".join(f"<li>{escape(n)}: {_text(v)}</li>" for n, v in impact) + "</ul>",
        )
    if files:
        section(_("Files"), "".join(_file_html(a, pictures) for a in files))
    if i.evidence_not_held:
        items = [
            "<li>" + _text(_evidence_text(ev.what, ev.where, ev.held_by)) + "</li>"
            for ev in i.evidence_not_held
        ]
        section(_("Evidence known but not held"), f"<ul>{''.join(items)}</ul>")
    if i.private_reflection:
        section(
            _("Private reflection (yours; left out of a report unless you choose it)"),
            para(i.private_reflection),
        )
    return "".join(parts)


def _told_parts(who: str, when: date | None, how: str) -> list[str]:
    """Who was told, when (isolated under right-to-left) and how, for a list."""
    return [who, *([isolate(long_date(when))] if when else []), *([how] if how else [])]


def _evidence_text(what: str, where: str, held_by: str) -> str:
    """ "the recording — Teams (held by IT)": what, where it is, who holds it."""
    text = what
    if where:
        # translators: evidence the user knows of and where it is
        text = _("{what} — {where}").format(what=text, where=where)
    if held_by:
        # translators: {evidence} is evidence as above, {holder} who holds it
        text = _("{evidence} (held by {holder})").format(evidence=text, holder=held_by)
    return text


def _file_html(attachment: Attachment, pictures: frozenset[int]) -> str:
    name = visible_filename(attachment.original_name)
    description = attachment.description or _("No description.")
    html = f"<p><b>{escape(name)}</b><br>{_text(description)}</p>"
    if attachment.id is not None and attachment.id in pictures:
        alt = escape(attachment.description or name, quote=True)
        html += (
            f'<p><img src="{picture_url(attachment.id)}" alt="{alt}"></p>'  # i18n: keep — markup
        )
    return html
