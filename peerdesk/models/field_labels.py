"""The names of an incident's fields, in one place: as the screens show them (capitalised,
in the order a list of changes gives them) and as the report's sentences use them."""

from __future__ import annotations

#: Readable names of the fields of an incident dict, in the order a diff lists them.
FIELD_LABELS: dict[str, str] = {
    "record_number": "Record number",
    "recorded_at": "Recorded at",
    "title": "Short description",
    "event_date": "Date",
    "event_time": "Time",
    "approximate": "Approximate",
    "duration_minutes": "Duration (minutes)",
    "channel": "Place or channel",
    "place": "Where",
    "categories": "Kinds of behaviour",
    "narrative": "What happened",
    "people": "People involved",
    "quotes": "Exact words",
    "my_response": "My response",
    "their_reaction": "Their reaction",
    "witnesses": "Witnesses",
    "told": "Who I told",
    "reports": "Reports made",
    "attempts_to_stop": "Attempts to stop it",
    "impact": "Impact",
    "attachment_ids": "Attachments",
    "evidence_not_held": "Evidence I know of but do not hold",
    "related_incident_ids": "Related entries",
    "after_complaint": "After a complaint",
    "complaint_date": "Date of the complaint",
    "private_reflection": "Private reflection",
    "severity": "Severity",
    "tags": "Tags",
    "withdrawn": "Withdrawn as made in error",
}

#: The same fields as words inside the report's sentences ("changed the date, witnesses").
REPORT_FIELD_WORDS: dict[str, str] = {
    "event_date": "date",
    "event_time": "time",
    "approximate": "approximate flag",
    "duration_minutes": "duration",
    "channel": "channel",
    "place": "place",
    "people": "people involved",
    "categories": "categories",
    "title": "short description",
    "narrative": "what happened",
    "quotes": "exact words",
    "my_response": "my response",
    "their_reaction": "their reaction",
    "witnesses": "witnesses",
    "told": "who I told",
    "reports": "reports made",
    "attempts_to_stop": "attempts to stop it",
    "impact": "impact",
    "attachment_ids": "exhibits",
    "evidence_not_held": "evidence not held",
    "related_incident_ids": "related incidents",
    "after_complaint": "after a complaint",
    "complaint_date": "complaint date",
    "severity": "severity",
    "tags": "tags",
}

__all__ = ["FIELD_LABELS", "REPORT_FIELD_WORDS"]
