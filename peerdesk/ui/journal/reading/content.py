"""What the read view shows of one entry, as HTML for a QTextBrowser: the headings and facts a
report prints (title, when, recorded, place, people, categories, severity), then the narrative,
the exact words, responses, witnesses, reports, impact, and the files with their descriptions
(pictures as thumbnails). Everything the user wrote is escaped; nothing here touches the vault."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape

from peerdesk.export.report.context import event_when
from peerdesk.export.report.entries import report_made_text
from peerdesk.i18n import _
from peerdesk.models import Incident
from peerdesk.models.attachment import Attachment
from peerdesk.models.dates import long_date
from peerdesk.models.revisions import local_time_text
from peerdesk.models.text import visible_filename

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
        names.get(p.person_id, _("a person since removed"))
        + (f" ({p.role_in_incident})" if p.role_in_incident else "")
        for p in i.people
    )
    facts = [
        (_("When"), event_when(i)),
        (_("Recorded"), _recorded(i)),
        (_("Place or channel"), i.channel.label + (f" — {i.place}" if i.place else "")),
        (_("People"), people or _("None named")),
        (_("Categories"), ", ".join(sorted(c.label for c in i.categories)) or _("None recorded")),
        (_("Severity (my rating)"), f"{i.severity} of 5"),
    ]
    if i.tags:
        facts.append((_("My tags"), ", ".join(i.tags)))
    if revisions > 1:
        facts.append((_("Changed since first written"), _("Yes: History shows each change")))
    if i.after_complaint:
        facts.append(
            (
                _("After a complaint"),
                _("Yes") + (f", {long_date(i.complaint_date)}" if i.complaint_date else ""),
            )
        )
    rows = "".join(
        f"<tr><td><b>{escape(k)}</b></td><td>{_text(v)}</td></tr>" for k, v in facts if v
    )
    parts.append(f'<table cellspacing="0" cellpadding="3">{rows}</table>')
    section(_("What happened"), para(i.narrative or _("Not written.")))
    if i.quotes:
        quotes = []
        for q in i.quotes:
            speaker = (
                names.get(q.speaker_person_id, q.speaker_label or _("Unattributed"))
                if q.speaker_person_id is not None
                else (q.speaker_label or _("Unattributed"))
            )
            quotes.append(f"<blockquote>“{_text(q.text)}”<br>— {_text(speaker)}</blockquote>")
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
                bits.append(f"where: {w.where}")
            if w.reacted:
                bits.append(f"reaction: {w.reacted}")
            if w.willing_to_confirm is not None:
                bits.append(_("would confirm") if w.willing_to_confirm else _("would not confirm"))
            items.append(f"<li>{_text('; '.join(bits))}</li>")
        section(_("Witnesses"), f"<ul>{''.join(items)}</ul>")
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
            "<li>"
            + _text(
                ev.what
                + (f" — {ev.where}" if ev.where else "")
                + (f" (held by {ev.held_by})" if ev.held_by else "")
            )
            + "</li>"
            for ev in i.evidence_not_held
        ]
        section(_("Evidence known but not held"), f"<ul>{''.join(items)}</ul>")
    if i.private_reflection:
        section(
            _("Private reflection (yours; left out of a report unless you choose it)"),
            para(i.private_reflection),
        )
    return "".join(parts)


def _file_html(attachment: Attachment, pictures: frozenset[int]) -> str:
    name = visible_filename(attachment.original_name)
    description = attachment.description or _("No description.")
    html = f"<p><b>{escape(name)}</b><br>{_text(description)}</p>"
    if attachment.id is not None and attachment.id in pictures:
        alt = escape(attachment.description or name, quote=True)
        html += f'<p><img src="{picture_url(attachment.id)}" alt="{alt}"></p>'
    return html
