"""The cast list: people who appear in incidents."""

from __future__ import annotations

from dataclasses import dataclass

from peerdesk.i18n import N_
from peerdesk.models._checks import check_bool, check_enum, check_id
from peerdesk.models.enums import Relationship
from peerdesk.models.text import NAME_MAX, check_text, clean_text


@dataclass(slots=True, kw_only=True)
class Person:
    """Someone in the cast list.

    ``display_name`` is a name or initials (required). ``holds_power`` records whether this
    person holds power over the user (a manager, someone who decides on their contract).
    """

    id: int | None = None
    display_name: str
    role: str = ""
    relationship: Relationship = Relationship.OTHER
    holds_power: bool = False
    notes: str = ""

    def cleaned(self) -> Person:
        """A copy with user text sanitised, validated (raises ``ValidationError``)."""
        person = Person(
            id=self.id,
            display_name=clean_text(
                self.display_name,
                field="display_name",
                max_length=NAME_MAX,
                multiline=False,
                required=True,
                # translators: the name of a field, in messages such as "{name} is required."
                label=N_("Name or initials"),
            ),
            role=clean_text(self.role, field="role", max_length=NAME_MAX, multiline=False),
            relationship=self.relationship,
            holds_power=self.holds_power,
            notes=clean_text(self.notes, field="notes"),
        )
        person.validate()
        return person

    def validate(self) -> None:
        check_id(self.id, field="id", optional=True)
        check_text(
            self.display_name,
            field="display_name",
            max_length=NAME_MAX,
            multiline=False,
            required=True,
            # translators: the name of a field, in messages such as "{name} is required."
            label=N_("Name or initials"),
        )
        check_text(self.role, field="role", max_length=NAME_MAX, multiline=False)
        check_enum(self.relationship, Relationship, field="relationship")
        # translators: the name of a field, in messages such as "{name} is required."
        check_bool(self.holds_power, field="holds_power", label=N_("Holds power over me"))
        check_text(self.notes, field="notes")
