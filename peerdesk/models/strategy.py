"""The coping-strategy library and the "did it help?" log."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from peerdesk.i18n import N_
from peerdesk.models._checks import (
    check_bool,
    check_enum,
    check_id,
    check_int,
    check_key,
    check_list,
    check_utc,
)
from peerdesk.models._clean import block, line
from peerdesk.models.enums import StrategyCategory, StrategySource
from peerdesk.models.text import SHORT_MAX, TITLE_MAX, check_text

RATING_MIN = 0
RATING_MAX = 4
#: Longest time a strategy may say it takes, in minutes.
STRATEGY_MINUTES_MAX = 24 * 60


@dataclass(slots=True, kw_only=True)
class Strategy:
    """A coping strategy: built-in (``key`` set, ``source`` BUILTIN) or the user's own
    (``key`` None, ``source`` OWN). ``minutes`` is the time it takes, when known.
    ``favourite``, ``hidden`` and ``personal_note`` belong to the user for both kinds."""

    id: int | None = None
    key: str | None = None
    title: str
    summary: str = ""
    category: StrategyCategory
    steps: list[str] = field(default_factory=list)
    when_it_helps: str = ""
    minutes: int | None = None
    source: StrategySource = StrategySource.OWN
    favourite: bool = False
    hidden: bool = False
    personal_note: str = ""

    def cleaned(self) -> Strategy:
        """A sanitised, validated copy; empty steps are dropped."""
        steps = [
            # translators: the name of a field, in messages such as "{name} is required."
            line(step, f"steps[{i}]", SHORT_MAX, label=N_("Each step"))
            for i, step in enumerate(self.steps)
        ]
        strategy = Strategy(
            id=self.id,
            key=self.key,
            title=line(self.title, "title", TITLE_MAX, required=True),
            summary=line(self.summary, "summary", SHORT_MAX),
            category=self.category,
            steps=[step for step in steps if step],
            when_it_helps=block(self.when_it_helps, "when_it_helps"),
            minutes=self.minutes,
            source=self.source,
            favourite=self.favourite,
            hidden=self.hidden,
            personal_note=block(self.personal_note, "personal_note"),
        )
        strategy.validate()
        return strategy

    def validate(self) -> None:
        check_id(self.id, field="id", optional=True)
        check_enum(self.source, StrategySource, field="source")
        check_key(self.key, builtin=self.source is StrategySource.BUILTIN)
        check_text(self.title, field="title", max_length=TITLE_MAX, multiline=False, required=True)
        check_text(self.summary, field="summary", max_length=SHORT_MAX, multiline=False)
        check_enum(self.category, StrategyCategory, field="category")
        for i, step in enumerate(check_list(self.steps, field="steps")):
            check_text(
                step,
                field=f"steps[{i}]",
                max_length=SHORT_MAX,
                multiline=False,
                required=True,
                # translators: the name of a field, in messages such as "{name} is required."
                label=N_("Each step"),
            )
        check_text(self.when_it_helps, field="when_it_helps")
        check_int(
            self.minutes,
            field="minutes",
            # translators: the name of a field, in messages such as "{name} is required."
            label=N_("Time it takes in minutes"),
            minimum=0,
            maximum=STRATEGY_MINUTES_MAX,
            optional=True,
        )
        check_bool(self.favourite, field="favourite")
        check_bool(self.hidden, field="hidden")
        check_text(self.personal_note, field="personal_note")


@dataclass(slots=True, kw_only=True)
class StrategyUse:
    """One try of a strategy: when (UTC), how much it helped (0 = not at all .. 4 = a lot),
    a note, and optionally the incident it followed."""

    id: int | None = None
    strategy_id: int
    used_at: datetime
    rating: int
    note: str = ""
    incident_id: int | None = None

    def cleaned(self) -> StrategyUse:
        use = StrategyUse(
            id=self.id,
            strategy_id=self.strategy_id,
            used_at=self.used_at,
            rating=self.rating,
            note=block(self.note, "note"),
            incident_id=self.incident_id,
        )
        use.validate()
        return use

    def validate(self) -> None:
        check_id(self.id, field="id", optional=True)
        # translators: the name of a field, in messages such as "{name} is required."
        check_id(self.strategy_id, field="strategy_id", label=N_("Strategy"))
        # translators: the name of a field, in messages such as "{name} is required."
        check_utc(self.used_at, field="used_at", label=N_("When it was tried"))
        check_int(
            self.rating,
            field="rating",
            # translators: the name of a field, in messages such as "{name} is required."
            label=N_("How much it helped"),
            minimum=RATING_MIN,
            maximum=RATING_MAX,
        )
        check_text(self.note, field="note")
        # translators: the name of a field, in messages such as "{name} is required."
        check_id(self.incident_id, field="incident_id", label=N_("Incident"), optional=True)
