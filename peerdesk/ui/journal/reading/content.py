"""What the read view shows of one entry, as HTML for a QTextBrowser: the headings and facts a
report prints (title, when, recorded, place, people, categories, severity), then the narrative,
the exact words, responses, witnesses, reports, impact, and the files with their descriptions
(pictures as thumbnails). Everything the user wrote is escaped; nothing here touches the vault."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape

from peerdesk.models import Incident
from peerdesk.models.attachment import Attachment
from peerdesk.models.dates import clock, long_date
from peerdesk.models.revisions import local_time_text
from peerdesk.models.text import visible_filename

#: The address a picture's thumbnail is registered under in the document.
PICTURE_SCHEME = "peerdesk-picture"


def picture_url(attachment_id: int) -> str:
    return f"{PICTURE_SCHEME}:{attachment_id}"


def _text(value: str) -> str:
    """User text as HTML: escaped, line breaks kept."""
    return escape(value).replace("\n", "<br>")


def when_text(incident: Incident) -> str:
    text = long_date(incident.event_date)
    if incident.event_time is not None:
        text += f", {clock(incident.event_time)}"
        end = incident.end_time()
        if end is not None:
            text += f"–{clock(end)}"
    elif incident.duration_minutes is not None:
        text += f" ({incident.duration_minutes} min)"
    if incident.approximate:
        text += " (approximate)"
    return text


def _recorded(incident: Incident) -> str:
    if incident.recorded_at is None:
        return ""
    delay = incident.recording_delay_text()
    return local_time_text(incident.recorded_at) + (f" ({delay})" if delay else "")


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

    number = f"Entry No. {i.record_number}: " if i.record_number is not None else ""
    parts.append(f"<h2>{escape(number)}{_text(i.title)}</h2>")
    if i.withdrawn is not None:
        reason = f" Reason: {i.withdrawn.reason}" if i.withdrawn.reason else ""
        parts.append(
            para(
                f"Withdrawn as made in error on {long_date(i.withdrawn.withdrawn_at.date())}."
                + reason
            )
        )
    people = "; ".join(
        names.get(p.person_id, "a person since removed")
        + (f" ({p.role_in_incident})" if p.role_in_incident else "")
        for p in i.people
    )
    facts = [
        ("When", when_text(i)),
        ("Recorded", _recorded(i)),
        ("Place or channel", i.channel.label + (f" — {i.place}" if i.place else "")),
        ("People", people or "None named"),
        ("Categories", ", ".join(sorted(c.label for c in i.categories)) or "None recorded"),
        ("Severity (my rating)", f"{i.severity} of 5"),
    ]
    if i.tags:
        facts.append(("My tags", ", ".join(i.tags)))
    if revisions > 1:
        facts.append(("Changed since first written", "Yes: History shows each change"))
    if i.after_complaint:
        facts.append(
            (
                "After a complaint",
                "Yes" + (f", {long_date(i.complaint_date)}" if i.complaint_date else ""),
            )
        )
    rows = "".join(
        f"<tr><td><b>{escape(k)}</b></td><td>{_text(v)}</td></tr>" for k, v in facts if v
    )
    parts.append(f'<table cellspacing="0" cellpadding="3">{rows}</table>')
    section("What happened", para(i.narrative or "Not written."))
    if i.quotes:
        quotes = []
        for q in i.quotes:
            speaker = (
                names.get(q.speaker_person_id, q.speaker_label or "Unattributed")
                if q.speaker_person_id is not None
                else (q.speaker_label or "Unattributed")
            )
            quotes.append(f"<blockquote>“{_text(q.text)}”<br>— {_text(speaker)}</blockquote>")
        section("Exact words", "".join(quotes))
    for title, value in (
        ("My response", i.my_response),
        ("Their reaction", i.their_reaction),
    ):
        if value:
            section(title, para(value))
    if i.witnesses:
        items = []
        for w in i.witnesses:
            bits = [names.get(w.person_id, w.name) if w.person_id is not None else w.name]
            if w.where:
                bits.append(f"where: {w.where}")
            if w.reacted:
                bits.append(f"reaction: {w.reacted}")
            if w.willing_to_confirm is not None:
                bits.append("would confirm" if w.willing_to_confirm else "would not confirm")
            items.append(f"<li>{_text('; '.join(bits))}</li>")
        section("Witnesses", f"<ul>{''.join(items)}</ul>")
    if i.told:
        items = [
            "<li>"
            + _text(
                t.who
                + (f", {long_date(t.when)}" if t.when else "")
                + (f", {t.how}" if t.how else "")
            )
            + "</li>"
            for t in i.told
        ]
        section("Who I told afterwards", f"<ul>{''.join(items)}</ul>")
    if i.reports:
        items = []
        for rep in i.reports:
            text = rep.recipient.label
            if rep.recipient_detail:
                text += f" ({rep.recipient_detail})"
            text += f", {long_date(rep.reported_on, 'date not recorded')}"
            if rep.reference:
                text += f", reference {rep.reference}"
            if rep.outcome:
                text += f". Response or outcome: {rep.outcome}"
            items.append(f"<li>{_text(text)}</li>")
        section("Reports made", f"<ul>{''.join(items)}</ul>")
    if i.attempts_to_stop:
        section("Attempts to stop it", para(i.attempts_to_stop))
    impact = [
        (name, value)
        for name, value in (
            ("Emotional", i.impact.emotional),
            ("Physical", i.impact.physical),
            ("On work", i.impact.work),
            ("At home", i.impact.home),
            ("Help sought", i.impact.sought_help),
        )
        if value
    ]
    if impact:
        section(
            "Impact",
            "<ul>" + "".join(f"<li>{escape(n)}: {_text(v)}</li>" for n, v in impact) + "</ul>",
        )
    if files:
        section("Files", "".join(_file_html(a, pictures) for a in files))
    if i.evidence_not_held:
        items = [
            "<li>"
            + _text(
                ev.what
                + (f" — {ev.where}" if ev.where else "")
                + (f" (held by {ev.held_by})" if ev.held_by else "")
            )
            + "</li>"
            for ev in i.evidence_not_held
        ]
        section("Evidence known but not held", f"<ul>{''.join(items)}</ul>")
    if i.private_reflection:
        section(
            "Private reflection (yours; left out of a report unless you choose it)",
            para(i.private_reflection),
        )
    return "".join(parts)


def _file_html(attachment: Attachment, pictures: frozenset[int]) -> str:
    name = visible_filename(attachment.original_name)
    description = attachment.description or "No description."
    html = f"<p><b>{escape(name)}</b><br>{_text(description)}</p>"
    if attachment.id is not None and attachment.id in pictures:
        alt = escape(attachment.description or name, quote=True)
        html += f'<p><img src="{picture_url(attachment.id)}" alt="{alt}"></p>'
    return html
