"""What changed between two revisions of a journal entry, in plain words (no Qt).

:func:`changed_fields` lists the keys of an incident dict that differ, :class:`Readable` turns
their values into words (person ids become names, enum values their labels, a withdrawal a
sentence), and :func:`diff_rows` / :func:`diff_summary` give what the history window shows.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from peerdesk.i18n import N_, _, ngettext, pgettext
from peerdesk.models.dates import short_datetime
from peerdesk.models.enums import Channel, IncidentCategory, ReportRecipient
from peerdesk.models.field_labels import FIELD_LABELS, field_label
from peerdesk.models.timing import parse_utc

#: Names of the parts of a repeated item or of the impact, inside a changed value. Msgids
#: marked with ``N_``, translated when shown ("role: witness; would confirm: Yes").
PART_LABELS: dict[str, str] = {
    # translators: names of the parts of a quote, witness, report or impact in the history of an
    # entry, shown as "part: value" (lower case); "to" is the one a report was made to
    "person_id": N_("person"),
    # translators: names of the parts of a quote, witness, report or impact in the history of an
    # entry, shown as "part: value" (lower case); "to" is the one a report was made to
    "role_in_incident": N_("role"),
    # translators: names of the parts of a quote, witness, report or impact in the history of an
    # entry, shown as "part: value" (lower case); "to" is the one a report was made to
    "speaker_person_id": N_("speaker"),
    # translators: names of the parts of a quote, witness, report or impact in the history of an
    # entry, shown as "part: value" (lower case); "to" is the one a report was made to
    "speaker_label": N_("speaker"),
    # translators: names of the parts of a quote, witness, report or impact in the history of an
    # entry, shown as "part: value" (lower case); "to" is the one a report was made to
    "text": N_("words"),
    # translators: names of the parts of a quote, witness, report or impact in the history of an
    # entry, shown as "part: value" (lower case); "to" is the one a report was made to
    "name": N_("name"),
    # translators: names of the parts of a quote, witness, report or impact in the history of an
    # entry, shown as "part: value" (lower case); "to" is the one a report was made to
    "where": N_("where"),
    # translators: names of the parts of a quote, witness, report or impact in the history of an
    # entry, shown as "part: value" (lower case); "to" is the one a report was made to
    "reacted": N_("reacted"),
    # translators: names of the parts of a quote, witness, report or impact in the history of an
    # entry, shown as "part: value" (lower case); "to" is the one a report was made to
    "willing_to_confirm": N_("would confirm"),
    # translators: names of the parts of a quote, witness, report or impact in the history of an
    # entry, shown as "part: value" (lower case); "to" is the one a report was made to
    "who": N_("who"),
    # translators: names of the parts of a quote, witness, report or impact in the history of an
    # entry, shown as "part: value" (lower case); "to" is the one a report was made to
    "when": N_("when"),
    # translators: names of the parts of a quote, witness, report or impact in the history of an
    # entry, shown as "part: value" (lower case); "to" is the one a report was made to
    "how": N_("how"),
    # translators: names of the parts of a quote, witness, report or impact in the history of an
    # entry, shown as "part: value" (lower case); "to" is the one a report was made to
    "recipient": N_("to"),
    # translators: names of the parts of a quote, witness, report or impact in the history of an
    # entry, shown as "part: value" (lower case); "to" is the one a report was made to
    "recipient_detail": N_("detail"),
    # translators: names of the parts of a quote, witness, report or impact in the history of an
    # entry, shown as "part: value" (lower case); "to" is the one a report was made to
    "reported_on": N_("date"),
    # translators: names of the parts of a quote, witness, report or impact in the history of an
    # entry, shown as "part: value" (lower case); "to" is the one a report was made to
    "reference": N_("reference"),
    # translators: names of the parts of a quote, witness, report or impact in the history of an
    # entry, shown as "part: value" (lower case); "to" is the one a report was made to
    "outcome": N_("outcome"),
    # translators: names of the parts of a quote, witness, report or impact in the history of an
    # entry, shown as "part: value" (lower case); "to" is the one a report was made to
    "emotional": N_("emotional"),
    # translators: names of the parts of a quote, witness, report or impact in the history of an
    # entry, shown as "part: value" (lower case); "to" is the one a report was made to
    "physical": N_("physical"),
    # translators: names of the parts of a quote, witness, report or impact in the history of an
    # entry, shown as "part: value" (lower case); "to" is the one a report was made to
    "work": N_("work"),
    # translators: names of the parts of a quote, witness, report or impact in the history of an
    # entry, shown as "part: value" (lower case); "to" is the one a report was made to
    "home": N_("home"),
    # translators: names of the parts of a quote, witness, report or impact in the history of an
    # entry, shown as "part: value" (lower case); "to" is the one a report was made to
    "sought_help": N_("help sought"),
    # translators: names of the parts of a quote, witness, report or impact in the history of an
    # entry, shown as "part: value" (lower case); "to" is the one a report was made to
    "sought_help_date": N_("date help sought"),
    # translators: names of the parts of a quote, witness, report or impact in the history of an
    # entry, shown as "part: value" (lower case); "to" is the one a report was made to
    "what": N_("what"),
    # translators: names of the parts of a quote, witness, report or impact in the history of an
    # entry, shown as "part: value" (lower case); "to" is the one a report was made to
    "held_by": N_("held by"),
}

#: Stored values of channels and categories → their members (``.label`` when shown: the
#: labels are translated when read, never at import).
ENUM_LABELS: dict[str, Channel | IncidentCategory] = {
    **{c.value: c for c in Channel},
    **{c.value: c for c in IncidentCategory},
}
RECIPIENT_LABELS: dict[str, ReportRecipient] = {r.value: r for r in ReportRecipient}

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
        # translators: fills {when} in "Withdrawn on {when}..." when the date cannot be read
        when = _("an unknown date")
    reason = str(value.get("reason") or "")
    if reason:
        # translators: {when} is a date and time; {reason} is what the person wrote
        return _("Withdrawn on {when}; reason: {reason}").format(when=when, reason=reason)
    # translators: {when} is a date and time
    return _("Withdrawn on {when}; no reason given").format(when=when)


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
            if value:
                # translators: a yes-or-no value of an entry's field, in its history
                return pgettext("value", "Yes")
            # translators: a yes-or-no value of an entry's field, in its history
            return pgettext("value", "No")
        if key in ("person_id", "speaker_person_id") and isinstance(value, int):
            name = self._names.get(value)
            # translators: a person whose name is not known; {number} is their id
            return name if name is not None else _("person {number}").format(number=value)
        if key == "recipient" and isinstance(value, str):
            recipient = RECIPIENT_LABELS.get(value)
            return recipient.label if recipient is not None else value
        if key in ("channel", "categories") and isinstance(value, str):
            member = ENUM_LABELS.get(value)
            return member.label if member is not None else value
        if key == "attachment_ids" and isinstance(value, list):
            return "\n".join(f"• {self._file_name(v)}" for v in value)
        if key == "related_incident_ids" and isinstance(value, list):
            return ", ".join(
                # translators: {number} is the record number of a journal entry
                _("entry no. {number}").format(number=self._numbers[v])
                if v in self._numbers
                else _("a deleted entry")
                for v in value
            )
        if isinstance(value, list):
            return "\n".join(f"• {self.value(key, item)}" for item in value)
        if isinstance(value, dict):
            parts = [
                # translators: one part of a changed value, e.g. "role: witness"
                _("{part}: {value}").format(part=self._part(k), value=self.value(k, v))
                for k, v in value.items()
                if v not in _EMPTY
            ]
            return "; ".join(parts) or "—"
        return str(value)

    def _file_name(self, attachment_id: Any) -> str:
        name = self._files.get(attachment_id)
        return name if name is not None else _("a file since removed")

    @staticmethod
    def _part(key: str) -> str:
        label = PART_LABELS.get(key)
        return _(label) if label is not None else key


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
            field_label(key),
            readable.value(key, old.get(key)),
            readable.value(key, new.get(key)),
        )
        for key in changed_fields(old, new)
    ]


def diff_summary(older: int, newer: int, changed: int) -> str:
    """The sentence above the comparison of revisions ``older`` and ``newer``."""
    if older == newer:
        return _("Choose two different revisions to see what changed.")
    if not changed:
        return _("These two revisions are the same.")
    # translators: {count} fields of a journal entry differ between the saved revisions
    # numbered {older} and {newer}
    text = ngettext(
        "{count} field changed between revision {older} and revision {newer}.",
        "{count} fields changed between revision {older} and revision {newer}.",
        changed,
    )
    return text.format(count=changed, older=older, newer=newer)


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
