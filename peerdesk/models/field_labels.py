"""The names of an incident's fields, in one place: as the screens show them (capitalised,
in the order a list of changes gives them) and as the report's sentences use them."""

from __future__ import annotations

from peerdesk.i18n import N_, _

#: Readable names of the fields of an incident dict, in the order a diff lists them. The values
#: are msgids marked with ``N_``: show them through :func:`field_label` (or ``_()``).
FIELD_LABELS: dict[str, str] = {
    "record_number": N_("Record number"),
    "recorded_at": N_("Recorded at"),
    "title": N_("Short description"),
    "event_date": N_("Date"),
    "event_time": N_("Time"),
    "approximate": N_("Approximate"),
    "duration_minutes": N_("Duration (minutes)"),
    "channel": N_("Place or channel"),
    "place": N_("Where"),
    "categories": N_("Kinds of behaviour"),
    "narrative": N_("What happened"),
    "people": N_("People involved"),
    "quotes": N_("Exact words"),
    "my_response": N_("My response"),
    "their_reaction": N_("Their reaction"),
    "witnesses": N_("Witnesses"),
    "told": N_("Who I told"),
    "reports": N_("Reports made"),
    "attempts_to_stop": N_("Attempts to stop it"),
    "impact": N_("Impact"),
    "attachment_ids": N_("Attachments"),
    "evidence_not_held": N_("Evidence I know of but do not hold"),
    "related_incident_ids": N_("Related entries"),
    "after_complaint": N_("After a complaint"),
    "complaint_date": N_("Date of the complaint"),
    "private_reflection": N_("Private reflection"),
    "severity": N_("Severity"),
    "tags": N_("Tags"),
    "withdrawn": N_("Withdrawn as made in error"),
}

#: The same fields as words inside the report's sentences ("changed the date, witnesses").
#: Msgids marked with ``N_``: show them through :func:`report_field_word` (or ``_()``).
# translators: the following are names of fields of a journal entry, written in lower case
# as they appear inside a sentence of the PDF report listing what an amendment changed
REPORT_FIELD_WORDS: dict[str, str] = {
    "event_date": N_("date"),
    "event_time": N_("time"),
    "approximate": N_("approximate flag"),
    "duration_minutes": N_("duration"),
    "channel": N_("channel"),
    "place": N_("place"),
    "people": N_("people involved"),
    "categories": N_("categories"),
    "title": N_("short description"),
    "narrative": N_("what happened"),
    "quotes": N_("exact words"),
    "my_response": N_("my response"),
    "their_reaction": N_("their reaction"),
    "witnesses": N_("witnesses"),
    "told": N_("who I told"),
    "reports": N_("reports made"),
    "attempts_to_stop": N_("attempts to stop it"),
    "impact": N_("impact"),
    "attachment_ids": N_("exhibits"),
    "evidence_not_held": N_("evidence not held"),
    "related_incident_ids": N_("related incidents"),
    "after_complaint": N_("after a complaint"),
    "complaint_date": N_("complaint date"),
    "severity": N_("severity"),
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
