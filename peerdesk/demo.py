"""Realistic, clearly fictional demo data (``peerdesk demo``, "explore with sample data").

Everything here is invented: the organisation is "Northwind Logistics", people are initials
and made-up surnames, and every narrative is assembled from templates. The same seed and the
same anchor date always give the same data. Generation runs inside one transaction, so a
10,000-entry vault takes seconds, not minutes.
"""

from __future__ import annotations

import random
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from peerdesk.demo_text import (
    ACTIONS,
    ATTACHMENT_NOTES,
    DEBRIEFS,
    ENDINGS,
    IMPACTS,
    INITIALS,
    MIDDLES,
    OPENINGS,
    PLACES,
    PSEUDONYMS,
    QUOTES,
    REACTIONS,
    RESPONSES,
    ROLES,
    SUMMARIES,
    SURNAMES,
)
from peerdesk.models import (
    Channel,
    Colleague,
    ColleagueStatus,
    Consent,
    Conversation,
    ConversationTheme,
    EvidenceNotHeld,
    FollowUp,
    Incident,
    IncidentCategory,
    IncidentPerson,
    Person,
    Quote,
    Referral,
    Relationship,
    ReportMade,
    ReportRecipient,
    ResourceKind,
    StrategyUse,
    ToldSomeone,
    Witness,
)
from peerdesk.storage.incidents import IncidentRepository
from peerdesk.storage.persons import PersonRepository
from peerdesk.storage.vault import Vault

#: The default "today" of generated data, so that a seed alone fixes the output.
DEMO_ANCHOR = date(2026, 10, 31)
THEMES = list(ConversationTheme)


@dataclass(frozen=True)
class DemoSize:
    incidents: int = 60
    people: int = 8
    colleagues: int = 12
    conversations: int = 40
    attachments: int = 10
    strategy_uses: int = 30


@dataclass(frozen=True)
class DemoReport:
    incidents: int
    people: int
    colleagues: int
    conversations: int
    attachments: int
    strategy_uses: int


def demo_png(rng: random.Random, width: int = 96, height: int = 64) -> bytes:
    """A small, real PNG: soft stripes in a random hue (a stand-in for a screenshot)."""
    base = [rng.randint(90, 220) for _ in range(3)]

    def row(band: int) -> bytes:  # filter byte 0 (none), then RGB pixels
        pixels = (min(255, c + band - (x * 2) % 40 + 20) for x in range(width) for c in base)
        return b"\x00" + bytes(pixels)

    light, dark = row(30), row(0)
    rows = b"".join(light if (y // 8) % 2 else dark for y in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows, 6))
        + chunk(b"IEND", b"")
    )


def _short(sentence: str, limit: int = 80) -> str:
    """A short description: the sentence, cut at a word boundary when it is long."""
    sentence = sentence.rstrip(".")
    if len(sentence) <= limit:
        return sentence
    return sentence[:limit].rsplit(" ", 1)[0] + "…"


def _fill(template: str, who: str, place: str) -> str:
    text = template.format(who=who, place=place)
    return text[0].upper() + text[1:]


class DemoBuilder:
    def __init__(self, vault: Vault, seed: int, anchor: date = DEMO_ANCHOR) -> None:
        self.vault = vault
        self.rng = random.Random(seed)
        self.anchor = anchor

    # -- people and incidents ------------------------------------------------------------------

    def people(self, count: int) -> list[Person]:
        repo = PersonRepository(self.vault)
        made: list[Person] = []
        relationships = list(Relationship)
        for i in range(count):
            name = f"{self.rng.choice(INITIALS)}. {SURNAMES[i % len(SURNAMES)]}"
            relationship = relationships[i % len(relationships)]
            made.append(
                repo.add(
                    Person(
                        display_name=name,
                        role=self.rng.choice(ROLES),
                        relationship=relationship,
                        holds_power=relationship
                        in (Relationship.MANAGER, Relationship.SENIOR_MANAGER),
                    )
                )
            )
        return made

    def incident(self, people: list[Person], when: date) -> Incident:
        rng = self.rng
        main = rng.choice(people)
        assert main.id is not None
        place = rng.choice(PLACES)
        who = main.display_name
        opening, middle, ending = (
            _fill(t, who, place)
            for t in (rng.choice(OPENINGS), rng.choice(MIDDLES), rng.choice(ENDINGS))
        )
        narrative = " ".join((opening, middle, ending))
        others = [p for p in people if p.id != main.id]
        witness = rng.choice(others) if others and rng.random() < 0.7 else None
        categories = set(rng.sample(list(IncidentCategory)[:-1], k=rng.randint(1, 3)))
        reports: list[ReportMade] = []
        if rng.random() < 0.3:
            reports.append(
                ReportMade(
                    recipient=rng.choice(list(ReportRecipient)[:4]),
                    reported_on=when + timedelta(days=rng.randint(0, 10)),
                    reference=f"REF-{rng.randint(100, 999)}",
                    outcome=rng.choice(["Acknowledged", "Under review", "No response yet"]),
                )
            )
        return Incident(
            event_date=when,
            event_time=None
            if rng.random() < 0.15
            else time(rng.randint(8, 18), rng.choice((0, 15, 30, 45))),
            approximate=rng.random() < 0.2,
            duration_minutes=rng.choice((None, 5, 10, 20, 45)),
            channel=rng.choice(list(Channel)),
            place=place,
            people=[IncidentPerson(person_id=main.id, role_in_incident="did it")],
            categories=categories,
            title=_short(middle),
            narrative=narrative,
            quotes=[Quote(speaker_person_id=main.id, text=rng.choice(QUOTES))]
            if rng.random() < 0.75
            else [],
            my_response=rng.choice(RESPONSES),
            their_reaction=rng.choice(REACTIONS),
            witnesses=[
                Witness(
                    person_id=witness.id,
                    where="in the room",
                    willing_to_confirm=rng.choice((True, False, None)),
                )
            ]
            if witness
            else [],
            told=[
                ToldSomeone(
                    who=rng.choice(["My partner", "A friend", "Peer supporter"]),
                    when=when + timedelta(days=rng.randint(0, 3)),
                    how="in person",
                )
            ]
            if rng.random() < 0.5
            else [],
            reports=reports,
            attempts_to_stop=rng.choice(
                [
                    "",
                    "Asked for instructions by email.",
                    "Suggested a one-to-one to reset expectations.",
                ]
            ),
            impact=rng.choice(IMPACTS),
            evidence_not_held=[
                EvidenceNotHeld(what="Meeting recording", where="Teams", held_by="IT department")
            ]
            if rng.random() < 0.1
            else [],
            after_complaint=rng.random() < 0.2,
            severity=rng.randint(1, 5),
            tags=rng.sample(
                ["rota", "meetings", "email", "review", "overtime"], k=rng.randint(0, 2)
            ),
        )

    def incidents(self, people: list[Person], count: int) -> list[int]:
        if count <= 0 or not people:
            return []
        span = max(60, min(730, count * 3))
        items: list[Incident] = []
        recorded: list[datetime] = []
        for _ in range(count):
            when = self.anchor - timedelta(days=self.rng.randint(0, span))
            incident = self.incident(people, when)
            items.append(incident)
            start = datetime.combine(when, incident.event_time or time(12, 0), tzinfo=UTC)
            delay = timedelta(hours=self.rng.choice((1, 2, 5, 20, 48, 24 * 9)))
            recorded.append(start + delay)
        return IncidentRepository(self.vault).add_many(items, recorded_at=recorded)

    # -- supporter notes -------------------------------------------------------------------------

    def colleagues(self, count: int) -> list[int]:
        from peerdesk.storage.colleagues import ColleagueRepository

        repo = ColleagueRepository(self.vault)
        ids: list[int] = []
        for i in range(count):
            name = PSEUDONYMS[i % len(PSEUDONYMS)] + (
                f" {i // len(PSEUDONYMS) + 1}" if i >= len(PSEUDONYMS) else ""
            )
            colleague = repo.add(
                Colleague(
                    pseudonym=name,
                    real_name=f"{self.rng.choice(INITIALS)}. {self.rng.choice(SURNAMES)}"
                    if self.rng.random() < 0.3
                    else "",
                    status=ColleagueStatus.ACTIVE
                    if self.rng.random() < 0.8
                    else ColleagueStatus.CLOSED,
                    consent=Consent(
                        may_record="Dates and short factual notes",
                        may_share="Nothing without asking first",
                        recorded_on=self.anchor - timedelta(days=self.rng.randint(30, 300)),
                    ),
                    retention_months=self.rng.choice((6, 12, 24)),
                )
            )
            assert colleague.id is not None
            ids.append(colleague.id)
        return ids

    def conversations(
        self, colleague_ids: list[int], count: int, resource_ids: list[tuple[int, ResourceKind]]
    ) -> int:
        from peerdesk.storage.conversations import ConversationRepository

        if not colleague_ids:
            return 0
        repo = ConversationRepository(self.vault)
        for _ in range(count):
            held = self.anchor - timedelta(days=self.rng.randint(0, 400))
            referrals: list[Referral] = []
            if resource_ids and self.rng.random() < 0.5:
                rid, kind = self.rng.choice(resource_ids)
                referrals.append(Referral(resource_id=rid, kind=kind, note="Shared contact"))
            follow: FollowUp | None = None
            if self.rng.random() < 0.5:
                due = held + timedelta(days=self.rng.choice((7, 14, 28)))
                done = due < self.anchor and self.rng.random() < 0.7
                follow = FollowUp(
                    due=due,
                    done=done,
                    done_on=due + timedelta(days=self.rng.randint(-2, 5)) if done else None,
                )
            repo.add(
                Conversation(
                    colleague_id=self.rng.choice(colleague_ids),
                    held_on=held,
                    duration_minutes=self.rng.choice((15, 20, 30, 45, 60)),
                    channel=self.rng.choice((Channel.IN_PERSON, Channel.PHONE, Channel.VIDEO_CALL)),
                    themes=set(self.rng.sample(THEMES, k=self.rng.randint(1, 3))),
                    summary=self.rng.choice(SUMMARIES),
                    actions_agreed=self.rng.choice(ACTIONS),
                    referrals=referrals,
                    follow_up=follow,
                    debrief=self.rng.choice(DEBRIEFS),
                )
            )
        return count

    def attachments(self, incident_ids: list[int], count: int) -> int:
        from peerdesk.storage.attachments import AttachmentRepository

        if not incident_ids:
            return 0
        repo = AttachmentRepository(self.vault)
        for i in range(count):
            incident_id = self.rng.choice(incident_ids)
            repo.add(
                incident_id,
                f"evidence-{i + 1:03d}.png",
                demo_png(self.rng),
                description=self.rng.choice(ATTACHMENT_NOTES),
            )
        return count

    def strategy_uses(self, incident_ids: list[int], count: int) -> int:
        from peerdesk.storage.library import StrategyRepository

        repo = StrategyRepository(self.vault)
        strategies = [s.id for s in repo.list() if s.id is not None]
        if not strategies:
            return 0
        for _ in range(count):
            used = datetime.combine(
                self.anchor - timedelta(days=self.rng.randint(0, 200)), time(20, 0), tzinfo=UTC
            )
            repo.record_use(
                StrategyUse(
                    strategy_id=self.rng.choice(strategies),
                    used_at=used,
                    rating=self.rng.randint(0, 4),
                    incident_id=self.rng.choice(incident_ids)
                    if incident_ids and self.rng.random() < 0.5
                    else None,
                )
            )
        return count


def fill_demo_vault(
    vault: Vault,
    size: DemoSize,
    *,
    seed: int = 1,
    anchor: date = DEMO_ANCHOR,
    progress: Callable[[str], None] | None = None,
) -> DemoReport:
    """Fill an open (new) vault with demo data in one transaction."""
    from peerdesk.content import install_builtin_content
    from peerdesk.storage.directory import ResourceRepository

    say = progress or (lambda _msg: None)
    install_builtin_content(vault)
    builder = DemoBuilder(vault, seed, anchor)
    with vault.transaction():
        say("people")
        people = builder.people(size.people if size.incidents else 0)
        say("incidents")
        incident_ids = builder.incidents(people, size.incidents)
        say("attachments")
        attachments = builder.attachments(incident_ids, size.attachments)
        say("colleagues")
        colleague_ids = builder.colleagues(size.colleagues)
        resources = [(r.id, r.kind) for r in ResourceRepository(vault).list() if r.id is not None]
        say("conversations")
        conversations = builder.conversations(colleague_ids, size.conversations, resources)
        say("strategy uses")
        uses = builder.strategy_uses(incident_ids, size.strategy_uses)
    return DemoReport(
        len(incident_ids), len(people), len(colleague_ids), conversations, attachments, uses
    )
