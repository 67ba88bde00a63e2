"""Profiles leave out exactly what their redaction log lists (issue 19, item 4).

Three distinctive names — a witness from the cast list, a witness named only in the entry and
a cast-list person who is not a witness — are written in every spelling (full, surname alone,
given name alone, upper and lower case, accents, hyphen, non-breaking space, zero-width space,
zero-width joiner) into every text field of real journal entries. Each built-in profile is
exported through the real export code, and the PDF is read back with ``pdftotext`` page by page
(text folded: accents dropped, case folded, invisible characters and white space removed, so a
name split over a line or joined by a zero-width space is still seen). The text is drawn with
subset fonts, so the raw decompressed objects (``qpdf --qdf``) hold glyph numbers rather than
letters; they are searched for the literal names and markers anyway, which catches any copy in
the metadata, outlines or other objects outside the page text.
"""

from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from peerdesk.demo import demo_png
from peerdesk.export.preview import find_names
from peerdesk.export.report import ReportRequest, build_report, render_report
from peerdesk.export.report.glyphs import initials
from peerdesk.models.enums import ReportRecipient
from peerdesk.models.incident import Incident
from peerdesk.models.incident_parts import (
    EvidenceNotHeld,
    Impact,
    IncidentPerson,
    Quote,
    ReportMade,
    ToldSomeone,
    Witness,
)
from peerdesk.models.person import Person
from peerdesk.models.report import (
    BUILT_IN,
    CUSTOM,
    LAWYER,
    SECTION_LABELS,
    RecipientProfile,
    redactions,
)
from peerdesk.models.report_source import ReportSource
from peerdesk.storage.attachments import AttachmentRepository
from peerdesk.storage.incidents import IncidentRepository
from peerdesk.storage.persons import PersonRepository
from peerdesk.storage.report_source import read_report_source
from peerdesk.storage.vault import Vault
from tests.export.test_pdfkit import run

WITNESS = ("Zephyrine", "Quarmby")  # in the cast list, a witness
FREE_WITNESS = ("Ismenia", "Thwaite")  # a witness named only in the entries
PERSON = ("Odalric", "Vantongeren")  # in the cast list, involved, not a witness
PRIVATE = "PRIVMARKQX"
IMPACT = "IMPMARKQX"
TOLD = "TOLDMARKQX"
TAG = "TAGMARKQX"


def _accented(word: str) -> str:
    table = str.maketrans("aeiouyAEIOUY", "áéíöüÿÁÉÍÖÜŸ")
    return word.translate(table)


def variants(name: tuple[str, str]) -> list[str]:
    given, surname = name
    full = f"{given} {surname}"
    return [
        full,
        surname,
        given,
        full.upper(),
        full.lower(),
        f"{_accented(given)} {_accented(surname)}",
        f"{given}-{surname}",
        f"{given}\u00a0{surname}",
        f"{given}\u200b{surname}",
        f"{given}\u200d{surname}",
        surname.upper(),
        given.lower(),
        f"{surname}’s",
        f"{given}\u2060{surname}",
    ]


VARIANTS = list(zip(variants(WITNESS), variants(FREE_WITNESS), variants(PERSON), strict=True))


def fold(text: str) -> str:
    """Accents dropped, case folded, invisible characters and all white space removed."""
    decomposed = unicodedata.normalize("NFKD", text)
    kept = "".join(
        c
        for c in decomposed
        if unicodedata.category(c) not in ("Mn", "Mc", "Me", "Cf") and not c.isspace()
    )
    return kept.casefold()


@dataclass
class Journal:
    incidents: IncidentRepository
    persons: PersonRepository
    attachments: AttachmentRepository
    vault: Vault

    def source(self, profile: RecipientProfile = LAWYER, **selection: Any) -> ReportSource:
        """What a report with ``profile`` is made from (``incident_ids=`` or ``filter=``)."""
        return read_report_source(self.vault, images=profile.include_exhibit_images, **selection)


@pytest.fixture
def journal(tmp_path: Path, passphrase: str) -> Journal:
    vault = Vault.create(tmp_path / "names.peerdesk", passphrase)
    incidents, persons = IncidentRepository(vault), PersonRepository(vault)
    attachments = AttachmentRepository(vault)
    witness = persons.add(Person(display_name=" ".join(WITNESS), role="Colleague"))
    person = persons.add(Person(display_name=" ".join(PERSON), role=f"Works with {WITNESS[0]}"))
    assert witness.id is not None and person.id is not None
    for n, (w, f, p) in enumerate(VARIANTS):
        text = f"{w} & {f} & {p}"
        incident = incidents.add(
            Incident(
                event_date=date(2026, 1, 1 + n),
                title=f"Entry {n}: {text}",
                place=text,
                people=[IncidentPerson(person_id=person.id, role_in_incident=text)],
                narrative=f"In the meeting {text} were there.\n\nLater {text} spoke.",
                quotes=[
                    Quote(speaker_person_id=witness.id, text=f"Ask {text}"),
                    Quote(speaker_label=f, text=f"Tell {p} and {w}"),
                ],
                my_response=f"I answered {text}",
                their_reaction=f"{text} laughed",
                witnesses=[
                    Witness(person_id=witness.id, where=text, reacted=text),
                    Witness(name=f, where=f"beside {w}", reacted=f"{p} left"),
                ],
                told=[ToldSomeone(who=f"{TOLD} {text}", how=text)],
                reports=[
                    ReportMade(
                        recipient=ReportRecipient.HR,
                        recipient_detail=text,
                        reported_on=date(2026, 2, 1),
                        reference=text,
                        outcome=f"Outcome {text}",
                    )
                ],
                attempts_to_stop=f"Asked {text} to stop",
                impact=Impact(
                    emotional=f"{IMPACT} {text}",
                    physical=text,
                    work=text,
                    home=text,
                    sought_help=text,
                ),
                evidence_not_held=[EvidenceNotHeld(what=text, where=text, held_by=text)],
                private_reflection=f"{PRIVATE} {text}",
                tags=[TAG, w[:40]],
            )
        )
        assert incident.id is not None
        if n < 3:
            attachments.add(
                incident.id,
                f"{w} chat.png",
                demo_png(random.Random(n)),
                description=f"Screenshot from {text}",
            )
    return Journal(incidents, persons, attachments, vault)


PROFILES = {
    **BUILT_IN,
    "people-initials": CUSTOM.with_changes(
        name="people-initials", include_names=False, include_exhibit_images=False
    ),
}


def shortened(profile: RecipientProfile) -> list[tuple[str, str]]:
    """The names this profile's redaction log says are shown by initials."""
    log = " ".join(redactions(profile))
    out = []
    if "Witnesses are shown by initials" in log or "cast list are shown by initials" in log:
        out += [WITNESS, FREE_WITNESS]  # a free witness is shortened with the cast list too
    if "cast list are shown by initials" in log:
        out.append(PERSON)
    return out


@pytest.mark.parametrize("name", sorted(PROFILES))
def test_every_profile_leaves_out_what_its_log_lists(
    journal: Journal, tmp_path: Path, name: str
) -> None:
    profile = PROFILES[name]
    out = tmp_path / f"{name}.pdf"
    result = build_report(
        journal.source(profile),
        ReportRequest(profile=profile, author="Alex Example"),
        out,
        now=datetime(2026, 3, 1, 12, 0, tzinfo=UTC),
    )
    text = run("pdftotext", str(out), "-").stdout
    pages = text.split("\f")[:-1]
    assert len(pages) == result.pages
    folded_pages = [fold(page) for page in pages]
    whole = fold(text)
    log = " ".join(redactions(profile))

    hidden = shortened(profile)
    for given, surname in hidden:
        for number, page in enumerate(folded_pages, start=1):
            for part in (given, surname):
                assert fold(part) not in page, f"{part} on page {number} ({name})"
        assert initials(f"{given} {surname}") in text
    for given, surname in {WITNESS, FREE_WITNESS, PERSON} - set(hidden):
        assert f"{given} {surname}" in re.sub(r"\s+", " ", text), (given, name)
        assert fold(given) in whole and fold(surname) in whole
    if hidden:
        assert "wherever it appears in the text of this report, in full or in part" in re.sub(
            r"\s+", " ", text
        )

    withheld: list[str] = []
    if "Private reflections are left out" in log:
        withheld.append(PRIVATE)
    if "The impact of each incident" in log:
        withheld.append(IMPACT)
    if "Who the user told afterwards is left out" in log:
        withheld.append(TOLD)
    if "severity ratings and tags are left out" in log:
        withheld.append(TAG)
        assert "Severity (my rating)" not in text
    for marker in (PRIVATE, IMPACT, TOLD, TAG):
        assert (fold(marker) in whole) == (marker not in withheld), (marker, name)
    if "Exhibit images are not reproduced" in log:
        assert result.exhibit_pages == {}
    else:
        assert len(result.exhibit_pages) == 3
    flat = re.sub(r"\s+", " ", text)
    headings = {
        "cast_list": "4. People referred to",
        "reports_made": "7. Reports made and responses",
        "impact_summary": "8. Impact summary",
        "exhibit_index": "9. Exhibits",
        "evidence_not_held": "Evidence known but not held",
    }
    for section, heading in headings.items():
        label = SECTION_LABELS[section]
        left_out = f"{label[0].upper()}{label[1:]} is left out." in redactions(profile) or (
            section == "impact_summary" and "The impact of each incident" in log
        )
        assert (heading not in flat) == left_out, (heading, name)

    # The raw objects: no withheld marker or hidden name anywhere as literal text.
    qdf = tmp_path / f"{name}-qdf.pdf"
    run("qpdf", "--qdf", "--object-streams=disable", str(out), str(qdf))
    raw = qdf.read_bytes().lower()
    needles = [*withheld, *(part for n in hidden for part in n)]
    for needle in needles:
        for encoded in (needle.lower().encode(), needle.lower().encode("utf-16-be")):
            assert encoded not in raw, (needle, name)


@pytest.mark.parametrize("name", ["lawyer", "hr"])
def test_preview_finds_every_name_left_on_the_pages(
    journal: Journal, tmp_path: Path, name: str
) -> None:
    """The preview's search (PDFium reading the pages back) finds a name on exactly the pages
    where poppler reads it, including names a narrow table cell broke over two lines."""
    profile = PROFILES[name]
    rendered = render_report(
        journal.source(profile),
        ReportRequest(profile=profile),
        now=datetime(2026, 3, 1, 12, 0, tzinfo=UTC),
    )
    everyone = [" ".join(WITNESS), " ".join(FREE_WITNESS), " ".join(PERSON)]
    assert set(everyone) <= set(rendered.names)
    out = tmp_path / "p.pdf"
    out.write_bytes(rendered.data)
    pages = [fold(p) for p in run("pdftotext", str(out), "-").stdout.split("\f")[:-1]]
    for who in (WITNESS, FREE_WITNESS, PERSON):
        marks = find_names(rendered.data, None, [" ".join(who)])
        assert marks is not None
        expected = [
            n for n, page in enumerate(pages, start=1) if any(fold(part) in page for part in who)
        ]
        assert marks.pages == expected, (who, name)
        assert marks.count >= len(expected)
        if who in shortened(profile):
            assert marks.count == 0


def test_a_name_broken_over_lines_in_a_table_cell_is_found() -> None:
    from peerdesk.export.preview import _name_spans
    from peerdesk.models.names import NameMatcher

    text = (
        "In person\r\n— Z. Q. &\r\nT. & VANT\r\nONGEREN\r\nOdalric Va\r\nntongeren\r\n"
        "& Odalric\u200dV\r\nantongere\r\nn\r\nVan\r\nguard said no"
    )
    spans = _name_spans(NameMatcher([" ".join(PERSON)]), text)
    assert [text[s:e].replace("\r\n", "|") for s, e in spans] == [
        "VANT|ONGEREN",
        "Odalric Va|ntongeren",
        "Odalric\u200dV|antongere|n",
    ]


def test_one_day_after_a_complaint_is_singular(journal: Journal, tmp_path: Path) -> None:
    incident = journal.incidents.add(
        Incident(
            event_date=date(2026, 2, 2),
            title="The day after",
            narrative="It happened.",
            after_complaint=True,
            complaint_date=date(2026, 2, 1),
        )
    )
    assert incident.id is not None
    out = tmp_path / "one.pdf"
    build_report(
        journal.source(incident_ids=[incident.id]),
        ReportRequest(),
        out,
    )
    text = re.sub(r"\s+", " ", run("pdftotext", str(out), "-").stdout)
    assert "Yes, 1 day after the complaint of 1 February 2026" in text
