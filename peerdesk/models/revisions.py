"""What changed between two revisions of a journal entry, in plain words (no Qt).

:func:`changed_fields` lists the keys of an incident dict that differ, :class:`Readable` turns
their values into words (person ids become names, enum values their labels, a withdrawal a
sentence), and :func:`diff_rows` / :func:`diff_summary` give what the history window shows.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from peerdesk.models.dates import short_datetime
from peerdesk.models.enums import Channel, IncidentCategory, ReportRecipient
from peerdesk.models.field_labels import FIELD_LABELS
from peerdesk.models.timing import parse_utc

#: Names of the parts of a repeated item or of the impact, inside a changed value.
PART_LABELS: dict[str, str] = {
    "person_id": "person",
    "role_in_incident": "role",
    "speaker_person_id": "speaker",
    "speaker_label": "speaker",
    "text": "words",
    "name": "name",
    "where": "where",
    "reacted": "reacted",
    "willing_to_confirm": "would confirm",
    "who": "who",
    "when": "when",
    "how": "how",
    "recipient": "to",
    "recipient_detail": "detail",
    "reported_on": "date",
    "reference": "reference",
    "outcome": "outcome",
    "emotional": "emotional",
    "physical": "physical",
    "work": "work",
    "home": "home",
    "sought_help": "help sought",
    "sought_help_date": "date help sought",
    "what": "what",
    "held_by": "held by",
}

#: Stored values of channels and categories → their labels.
ENUM_LABELS: dict[str, str] = {
    **{c.value: c.label for c in Channel},
    **{c.value: c.label for c in IncidentCategory},
}
RECIPIENT_LABELS: dict[str, str] = {r.value: r.label for r in ReportRecipient}

_EMPTY: tuple[Any, ...] = (None, "", [], {})


def local_time_text(moment: datetime) -> str:
    """A moment in the computer's local time: ``3 Mar 2026, 14:05``."""
    return short_datetime(moment.astimezone())


def withdrawn_text(value: Any) -> str:
    """The ``withdrawn`` value of an incident dict in words ("—" when not withdrawn)."""
    if not isinstance(value, dict):
        return "—"
    try:
        when = local_time_text(parse_utc(str(value.get("withdrawn_at", ""))))
    except ValueError:
        when = "an unknown date"
    reason = str(value.get("reason") or "")
    return f"Withdrawn on {when}" + (f"; reason: {reason}" if reason else "; no reason given")


class Readable:
    """Turns values of an incident dict into plain words (person ids become names)."""

    def __init__(
        self,
        person_names: dict[int, str],
        attachment_names: dict[int, str] | None = None,
        incident_numbers: dict[int, int] | None = None,
    ) -> None:
        self._names = person_names
        self._files = attachment_names or {}
        self._numbers = incident_numbers or {}

    def value(self, key: str, value: Any) -> str:
        if key == "withdrawn":
            return withdrawn_text(value)
        if value in _EMPTY:
            return "—"
        if isinstance(value, bool):
            return "Yes" if value else "No"
        if key in ("person_id", "speaker_person_id") and isinstance(value, int):
            return self._names.get(value, f"person {value}")
        if key == "recipient" and isinstance(value, str):
            return RECIPIENT_LABELS.get(value, value)
        if key in ("channel", "categories") and isinstance(value, str):
            return ENUM_LABELS.get(value, value)
        if key == "attachment_ids" and isinstance(value, list):
            return "\n".join(f"• {self._files.get(v, 'a file since removed')}" for v in value)
        if key == "related_incident_ids" and isinstance(value, list):
            return ", ".join(
                f"entry no. {self._numbers[v]}" if v in self._numbers else "a deleted entry"
                for v in value
            )
        if isinstance(value, list):
            return "\n".join(f"• {self.value(key, item)}" for item in value)
        if isinstance(value, dict):
            parts = [
                f"{PART_LABELS.get(k, k)}: {self.value(k, v)}"
                for k, v in value.items()
                if v not in _EMPTY
            ]
            return "; ".join(parts) or "—"
        return str(value)


def changed_fields(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """Keys of an incident dict whose values differ, in :data:`FIELD_LABELS` order (then any
    other key, sorted; never ``schema``)."""
    keys = [k for k in FIELD_LABELS if old.get(k) != new.get(k)]
    keys += sorted(
        k
        for k in set(old) | set(new)
        if k not in FIELD_LABELS and k != "schema" and old.get(k) != new.get(k)
    )
    return keys


def diff_rows(
    readable: Readable, old: dict[str, Any], new: dict[str, Any]
) -> list[tuple[str, str, str]]:
    """(field label, before, after) for each changed field."""
    return [
        (
            FIELD_LABELS.get(key, key),
            readable.value(key, old.get(key)),
            readable.value(key, new.get(key)),
        )
        for key in changed_fields(old, new)
    ]


def diff_summary(older: int, newer: int, changed: int) -> str:
    """The sentence above the comparison of revisions ``older`` and ``newer``."""
    if older == newer:
        return "Choose two different revisions to see what changed."
    if not changed:
        return "These two revisions are the same."
    return (
        f"{changed} field{'s' if changed != 1 else ''} changed "
        f"between revision {older} and revision {newer}."
    )


__all__ = [
    "ENUM_LABELS",
    "PART_LABELS",
    "RECIPIENT_LABELS",
    "Readable",
    "changed_fields",
    "diff_rows",
    "diff_summary",
    "local_time_text",
    "withdrawn_text",
]
