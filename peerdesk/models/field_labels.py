"""The names of an incident's fields, in one place: as the screens show them (capitalised,
in the order a list of changes gives them) and as the report's sentences use them."""

from __future__ import annotations

from peerdesk.i18n import N_, _

#: Readable names of the fields of an incident dict, in the order a diff lists them. The values
#: are msgids marked with ``N_``: show them through :func:`field_label` (or ``_()``).
FIELD_LABELS: dict[str, str] = {
    # translators: the name of a field of a journal entry, as a heading (history, data export)
    "record_number": N_("Record number"),
    # translators: the name of a field of a journal entry, as a heading (history, data export)
    "recorded_at": N_("Recorded at"),
    # translators: the name of a field of a journal entry, as a heading (history, data export)
    "title": N_("Short description"),
    # translators: the name of a field of a journal entry, as a heading (history, data export)
    "event_date": N_("Date"),
    # translators: the name of a field of a journal entry, as a heading (history, data export)
    "event_time": N_("Time"),
    # translators: the name of a field of a journal entry, as a heading (history, data export)
    "approximate": N_("Approximate"),
    # translators: the name of a field of a journal entry, as a heading (history, data export)
    "duration_minutes": N_("Duration (minutes)"),
    # translators: the name of a field of a journal entry, as a heading (history, data export)
    "channel": N_("Place or channel"),
    # translators: the name of a field of a journal entry, as a heading (history, data export)
    "place": N_("Where"),
    # translators: the name of a field of a journal entry, as a heading (history, data export)
    "categories": N_("Kinds of behaviour"),
    # translators: the name of a field of a journal entry, as a heading (history, data export)
    "narrative": N_("What happened"),
    # translators: the name of a field of a journal entry, as a heading (history, data export)
    "people": N_("People involved"),
    # translators: the name of a field of a journal entry, as a heading (history, data export)
    "quotes": N_("Exact words"),
    # translators: the name of a field of a journal entry, as a heading (history, data export)
    "my_response": N_("My response"),
    # translators: the name of a field of a journal entry, as a heading (history, data export)
    "their_reaction": N_("Their reaction"),
    # translators: the name of a field of a journal entry, as a heading (history, data export)
    "witnesses": N_("Witnesses"),
    # translators: the name of a field of a journal entry, as a heading (history, data export)
    "told": N_("Who I told"),
    # translators: the name of a field of a journal entry, as a heading (history, data export)
    "reports": N_("Reports made"),
    # translators: the name of a field of a journal entry, as a heading (history, data export)
    "attempts_to_stop": N_("Attempts to stop it"),
    # translators: the name of a field of a journal entry, as a heading (history, data export)
    "impact": N_("Impact"),
    # translators: the name of a field of a journal entry, as a heading (history, data export)
    "attachment_ids": N_("Attachments"),
    # translators: the name of a field of a journal entry, as a heading (history, data export)
    "evidence_not_held": N_("Evidence I know of but do not hold"),
    # translators: the name of a field of a journal entry, as a heading (history, data export)
    "related_incident_ids": N_("Related entries"),
    # translators: the name of a field of a journal entry, as a heading (history, data export)
    "after_complaint": N_("After a complaint"),
    # translators: the name of a field of a journal entry, as a heading (history, data export)
    "complaint_date": N_("Date of the complaint"),
    # translators: the name of a field of a journal entry, as a heading (history, data export)
    "private_reflection": N_("Private reflection"),
    # translators: the name of a field of a journal entry, as a heading (history, data export)
    "severity": N_("Severity"),
    # translators: the name of a field of a journal entry, as a heading (history, data export)
    "tags": N_("Tags"),
    # translators: the name of a field of a journal entry, as a heading (history, data export)
    "withdrawn": N_("Withdrawn as made in error"),
}

#: The same fields as words inside the report's sentences ("changed the date, witnesses").
#: Msgids marked with ``N_``: show them through :func:`report_field_word` (or ``_()``).
REPORT_FIELD_WORDS: dict[str, str] = {
    # translators: a field of a journal entry, in lower case inside a sentence of the PDF report
    # listing what an amendment changed
    "event_date": N_("date"),
    # translators: a field of a journal entry, in lower case inside a sentence of the PDF report
    # listing what an amendment changed
    "event_time": N_("time"),
    # translators: a field of a journal entry, in lower case inside a sentence of the PDF report
    # listing what an amendment changed
    "approximate": N_("approximate flag"),
    # translators: a field of a journal entry, in lower case inside a sentence of the PDF report
    # listing what an amendment changed
    "duration_minutes": N_("duration"),
    # translators: a field of a journal entry, in lower case inside a sentence of the PDF report
    # listing what an amendment changed
    "channel": N_("channel"),
    # translators: a field of a journal entry, in lower case inside a sentence of the PDF report
    # listing what an amendment changed
    "place": N_("place"),
    # translators: a field of a journal entry, in lower case inside a sentence of the PDF report
    # listing what an amendment changed
    "people": N_("people involved"),
    # translators: a field of a journal entry, in lower case inside a sentence of the PDF report
    # listing what an amendment changed
    "categories": N_("categories"),
    # translators: a field of a journal entry, in lower case inside a sentence of the PDF report
    # listing what an amendment changed
    "title": N_("short description"),
    # translators: a field of a journal entry, in lower case inside a sentence of the PDF report
    # listing what an amendment changed
    "narrative": N_("what happened"),
    # translators: a field of a journal entry, in lower case inside a sentence of the PDF report
    # listing what an amendment changed
    "quotes": N_("exact words"),
    # translators: a field of a journal entry, in lower case inside a sentence of the PDF report
    # listing what an amendment changed
    "my_response": N_("my response"),
    # translators: a field of a journal entry, in lower case inside a sentence of the PDF report
    # listing what an amendment changed
    "their_reaction": N_("their reaction"),
    # translators: a field of a journal entry, in lower case inside a sentence of the PDF report
    # listing what an amendment changed
    "witnesses": N_("witnesses"),
    # translators: a field of a journal entry, in lower case inside a sentence of the PDF report
    # listing what an amendment changed
    "told": N_("who I told"),
    # translators: a field of a journal entry, in lower case inside a sentence of the PDF report
    # listing what an amendment changed
    "reports": N_("reports made"),
    # translators: a field of a journal entry, in lower case inside a sentence of the PDF report
    # listing what an amendment changed
    "attempts_to_stop": N_("attempts to stop it"),
    # translators: a field of a journal entry, in lower case inside a sentence of the PDF report
    # listing what an amendment changed
    "impact": N_("impact"),
    # translators: a field of a journal entry, in lower case inside a sentence of the PDF report
    # listing what an amendment changed
    "attachment_ids": N_("exhibits"),
    # translators: a field of a journal entry, in lower case inside a sentence of the PDF report
    # listing what an amendment changed
    "evidence_not_held": N_("evidence not held"),
    # translators: a field of a journal entry, in lower case inside a sentence of the PDF report
    # listing what an amendment changed
    "related_incident_ids": N_("related incidents"),
    # translators: a field of a journal entry, in lower case inside a sentence of the PDF report
    # listing what an amendment changed
    "after_complaint": N_("after a complaint"),
    # translators: a field of a journal entry, in lower case inside a sentence of the PDF report
    # listing what an amendment changed
    "complaint_date": N_("complaint date"),
    # translators: a field of a journal entry, in lower case inside a sentence of the PDF report
    # listing what an amendment changed
    "severity": N_("severity"),
    # translators: a field of a journal entry, in lower case inside a sentence of the PDF report
    # listing what an amendment changed
    "tags": N_("tags"),
}


def field_label(key: str) -> str:
    """The readable name of an incident field in the language in force (the key if unknown)."""
    label = FIELD_LABELS.get(key)
    return _(label) if label is not None else key


def report_field_word(key: str) -> str:
    """The field as a word inside a report sentence, in the language in force."""
    word = REPORT_FIELD_WORDS.get(key)
    return _(word) if word is not None else key


__all__ = ["FIELD_LABELS", "REPORT_FIELD_WORDS", "field_label", "report_field_word"]
