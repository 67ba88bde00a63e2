"""The incident report PDF, read back with poppler (pdftotext, pdffonts) and qpdf."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

import pytest

from peerdesk.demo import DemoSize, demo_png, fill_demo_vault
from peerdesk.export.report import (
    TITLE,
    EmptyReport,
    ReportRequest,
    ReportResult,
    build_report,
    date_receipt,
)
from peerdesk.export.report.glyphs import initials
from peerdesk.models.enums import Channel, IncidentCategory, Relationship, ReportRecipient
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
from peerdesk.models.integrity import manifest_fingerprint
from peerdesk.models.person import Person
from peerdesk.models.report import BUILT_IN, HR, LAWYER, OWN_COPY, UNION, RecipientProfile
from peerdesk.models.report_source import ReportSource
from peerdesk.storage.attachments import AttachmentRepository
from peerdesk.storage.incidents import IncidentFilter, IncidentRepository
from peerdesk.storage.persons import PersonRepository
from peerdesk.storage.report_source import read_report_source
from peerdesk.storage.vault import Vault
from tests.export.test_pdfkit import fonts, pdf_text, run

PRIVATE = "PRIVATEMARKER-zq9"
WITNESS = "Eleni Papadopoulou"
MARKUP = "She wrote <b>not bold</b> & <i>x</i> < y"
GREEK = "Καλημέρα σας"
CYRILLIC = "Доброе утро"
ACCENTS = "Ça s'est passé à Zürich, señor Øre"
IMPACT = "IMPACTMARKER could not sleep"
TOLD = "TOLDMARKER my partner"
CJK = "会議 ひらがな カタカナ"
KOREAN = "회의"
HEBREW = "שלום"


@dataclass
class Demo:
    path: Path
    incidents: IncidentRepository
    persons: PersonRepository
    attachments: AttachmentRepository
    special_id: int
    png_sha: str
    vault: Vault

    def source(self, profile: RecipientProfile = LAWYER, **selection: Any) -> ReportSource:
        """What a report with ``profile`` is made from (``incident_ids=`` or ``filter=``)."""
        return read_report_source(self.vault, images=profile.include_exhibit_images, **selection)


@pytest.fixture
def demo(tmp_path: Path, passphrase: str) -> Demo:
    path = tmp_path / "demo.peerdesk"
    vault = Vault.create(path, passphrase)
    fill_demo_vault(
        vault,
        DemoSize(
            incidents=6, people=4, colleagues=0, conversations=0, attachments=3, strategy_uses=0
        ),
        seed=3,
    )
    incidents = IncidentRepository(vault)
    persons = PersonRepository(vault)
    attachments = AttachmentRepository(vault)
    boss = persons.add(
        Person(
            display_name="Viktor Ångström <b>",
            role="Head of unit",
            relationship=Relationship.MANAGER,
            holds_power=True,
        )
    )
    incident = incidents.add(
        Incident(
            event_date=date(2026, 2, 3),
            event_time=time(9, 30),
            duration_minutes=20,
            channel=Channel.MEETING,
            place="Room 4 & annex",
            title="Shouted at in the team meeting",
            people=[IncidentPerson(person_id=boss.id or 0, role_in_incident="shouted")],
            categories={IncidentCategory.VERBAL_ABUSE},
            narrative=f"{MARKUP}\n\n{GREEK}. {CYRILLIC}. {ACCENTS}. {CJK}. {KOREAN}. {HEBREW}",
            quotes=[Quote(speaker_person_id=boss.id, text="QUOTEMARKER you are useless")],
            my_response="RESPONSEMARKER I said I would reply by email",
            their_reaction="REACTIONMARKER laughed",
            witnesses=[
                Witness(
                    name=WITNESS, where="next to me", reacted="looked away", willing_to_confirm=True
                )
            ],
            told=[ToldSomeone(who=TOLD, when=date(2026, 2, 3), how="phone")],
            reports=[
                ReportMade(
                    recipient=ReportRecipient.HR,
                    reported_on=date(2026, 2, 4),
                    reference="REF-77",
                    outcome="OUTCOMEMARKER acknowledged",
                )
            ],
            attempts_to_stop="ATTEMPTMARKER asked him to stop",
            impact=Impact(emotional=IMPACT, sought_help="GP", sought_help_date=date(2026, 2, 5)),
            evidence_not_held=[
                EvidenceNotHeld(what="NOTHELDMARKER meeting recording", where="Teams", held_by="IT")
            ],
            after_complaint=True,
            complaint_date=date(2026, 1, 20),
            private_reflection=PRIVATE,
            severity=4,
            tags=["TAGMARKER"],
        )
    )
    assert incident.id is not None
    attachments.add(
        incident.id,
        "shot.png",
        demo_png(__import__("random").Random(1)),
        description="Screenshot of the chat",
    )
    # An amendment, so the entry has two revisions.
    incident.title = "Shouted at in the team meeting (amended)"
    incidents.update(incident)
    png_sha = attachments.list_for_incident(incident.id)[0].sha256
    return Demo(path, incidents, persons, attachments, incident.id, png_sha, vault)


def build(
    demo: Demo,
    tmp_path: Path,
    profile: RecipientProfile = LAWYER,
    name: str = "r.pdf",
    **kw: object,
) -> tuple[Path, str, ReportResult]:
    out = tmp_path / name
    selection = {k: kw.pop(k) for k in ("incident_ids", "filter") if k in kw}
    request = ReportRequest(profile=profile, author="Alex Example", organisation="Acme Ltd", **kw)  # type: ignore[arg-type]
    result = build_report(
        demo.source(profile, **selection),
        request,
        out,
        now=datetime(2026, 3, 1, 12, 0, tzinfo=UTC),
    )
    password = kw.get("password")
    text = pdf_text(out, password if isinstance(password, str) else None)
    return out, text, result


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def squeezed(path: Path) -> str:
    """The text in reading order with all white space removed (long hashes wrap in cells)."""
    return re.sub(r"\s+", "", run("pdftotext", str(path), "-").stdout)


def test_lawyer_report_has_every_section_and_field(demo: Demo, tmp_path: Path) -> None:
    _out, text, result = build(demo, tmp_path)
    t = flat(text)
    for heading in (
        "Record of workplace incidents",
        "2. How this record was kept",
        "3. Summary",
        "4. People referred to",
        "5. Chronology",
        "6. The incidents in full",
        "7. Reports made and responses",
        "8. Impact summary",
        "9. Exhibits",
        "Evidence known but not held",
        "10. What this version leaves out",
        "11. Integrity appendix",
        "12. Statement of truth",
        "CONFIDENTIAL",
        "Alex Example",
        "Acme Ltd",
        "Lawyer or tribunal",
    ):
        assert heading in t, heading
    for marker in (
        "QUOTEMARKER",
        "RESPONSEMARKER",
        "REACTIONMARKER",
        WITNESS,
        TOLD,
        "OUTCOMEMARKER",
        "REF-77",
        "ATTEMPTMARKER",
        "IMPACTMARKER",
        "NOTHELDMARKER",
        "Room 4 & annex",
        GREEK,
        CYRILLIC,
        ACCENTS,
        "Viktor Ångström <b>",
        "(amended)",
        "Revision 2, saved",
        "14 days after the complaint",
    ):
        assert marker in t, marker
    assert MARKUP in t  # markup printed literally
    assert PRIVATE not in t
    assert "TAGMARKER" not in t
    assert result.pages >= 5
    assert f"Page 1 of {result.pages}" in text
    assert f"Pages {result.pages}" in t
    assert text.count(TITLE) >= result.pages
    # Chinese and Japanese print with the bundled fallback font; Korean (no bundled font)
    # is shown as code points and listed.
    assert CJK in t
    assert "[U+D68C][U+C758]" in t
    assert "Characters that could not be printed" in t
    assert "Right-to-left text" in t and "entry No. " in t


def test_exhibits_fingerprints_and_pages(demo: Demo, tmp_path: Path) -> None:
    out, text, result = build(demo, tmp_path)
    t = squeezed(out)
    shas = [a.sha256 for i in demo.incidents.ids() for a in demo.attachments.list_for_incident(i)]
    assert demo.png_sha in shas
    for sha in shas:
        assert sha in t
    pages = text.split("\f")
    for exhibit, page in result.exhibit_pages.items():
        assert f"Exhibit {exhibit} " in flat(pages[page - 1])
    assert len(result.exhibit_pages) == len(shas)
    ids = demo.incidents.ids()
    heads = demo.incidents.chain_heads(ids)
    expected = manifest_fingerprint(
        (str(demo.incidents.get(i).record_number), heads[i][0]) for i in ids
    )
    assert result.manifest_fingerprint == expected
    assert expected in t
    for head, _count in heads.values():
        assert head in t


def test_pdf_is_valid_with_embedded_fonts(demo: Demo, tmp_path: Path) -> None:
    out, _text, _ = build(demo, tmp_path, paper="letter")
    run("qpdf", "--check", str(out))
    rows = fonts(out)
    assert rows
    assert all(r["emb"] == "yes" for r in rows), rows
    assert "612 x 792" in run("pdfinfo", str(out)).stdout


@pytest.mark.parametrize("name", sorted(BUILT_IN))
def test_profiles_withhold_what_they_say(demo: Demo, tmp_path: Path, name: str) -> None:
    profile = BUILT_IN[name]
    _out, text, _ = build(demo, tmp_path, profile)
    t = flat(text)
    assert PRIVATE not in t
    assert "QUOTEMARKER" in t and "RESPONSEMARKER" in t
    assert (IMPACT in t) == profile.include_impact
    assert (TOLD in t) == profile.include_told
    assert ("TAGMARKER" in t) == profile.include_severity_and_tags
    if profile.witnesses_as_initials:
        assert WITNESS not in t
        assert initials(WITNESS) in t
    else:
        assert WITNESS in t
    assert ("8. Impact summary" in t) == (
        profile.include_impact and profile.includes("impact_summary")
    )
    assert "10. What this version leaves out" in t
    assert "Private reflections are left out" in t


def test_hr_profile(demo: Demo, tmp_path: Path) -> None:
    _out, text, _ = build(demo, tmp_path, HR)
    t = flat(text)
    assert "E. P." in t and WITNESS not in t and IMPACT not in t
    assert "Witnesses are shown by initials only" in t
    assert UNION.witnesses_as_initials


def test_private_reflection_only_when_chosen(demo: Demo, tmp_path: Path) -> None:
    chosen = OWN_COPY.with_changes(include_private_reflection=True)
    _out, text, _ = build(demo, tmp_path, chosen)
    assert PRIVATE in flat(text)
    assert "Private reflections are left out" not in flat(text)


def test_encrypted_report_is_aes256(demo: Demo, tmp_path: Path) -> None:
    out, text, _ = build(demo, tmp_path, password="s3cret pässword")
    assert "Record of workplace incidents" in text
    assert run("qpdf", "--check", str(out), check=False).returncode != 0
    ok = run("qpdf", "--check", "--password=s3cret pässword", str(out), check=False)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    shown = run("qpdf", "--show-encryption", "--password=s3cret pässword", str(out)).stdout
    assert "file encryption method: AESv3" in shown  # AESv3 is AES-256
    assert re.search(r"^R = [56]$", shown, re.M)
    assert b"QUOTEMARKER" not in out.read_bytes()


def test_filter_and_ids(demo: Demo, tmp_path: Path) -> None:
    _out, text, result = build(demo, tmp_path, incident_ids=[demo.special_id])
    assert result.entries == 1
    _out, text, result = build(
        demo,
        tmp_path,
        name="f.pdf",
        filter=IncidentFilter(date_from=date(2026, 2, 3), date_to=date(2026, 2, 3)),
    )
    assert result.entries >= 1
    assert "3 February 2026 to 3 February 2026" in flat(text)
    with pytest.raises(EmptyReport):
        build(
            demo,
            tmp_path,
            name="e.pdf",
            filter=IncidentFilter(date_from=date(1990, 1, 1), date_to=date(1990, 1, 2)),
        )
    assert not (tmp_path / "e.pdf").exists()


def test_person_filter_and_letter_paper(demo: Demo, tmp_path: Path) -> None:
    boss = next(p for p in demo.persons.list() if p.display_name.startswith("Viktor"))
    assert boss.id is not None
    _out, text, result = build(
        demo, tmp_path, paper="letter", filter=IncidentFilter(person_ids=frozenset({boss.id}))
    )
    assert result.entries == 1
    assert "QUOTEMARKER" in flat(text)


def test_custom_profile_initials_and_no_images(demo: Demo, tmp_path: Path) -> None:
    from peerdesk.models.report import CUSTOM

    custom = CUSTOM.with_changes(include_names=False, include_exhibit_images=False)
    out, text, result = build(demo, tmp_path, custom)
    t = flat(text)
    assert "Viktor" not in t  # named only in the cast list, never in free text
    assert "V. Å." in t and "A. C." in t
    assert "wherever it appears in the text of this report, in full or in part" in t
    assert result.exhibit_pages == {}
    assert "not reproduced" in t
    assert "Exhibit images are not reproduced" in t
    assert demo.png_sha in squeezed(out)


def test_date_receipt_has_no_content(demo: Demo, tmp_path: Path) -> None:
    _out, _text, result = build(demo, tmp_path)
    receipt = date_receipt(result)
    assert result.manifest_fingerprint in receipt
    assert f"Entries: {result.entries}" in receipt
    assert "1 March 2026" in receipt
    assert "Shouted" not in receipt and "Viktor" not in receipt


def test_shortened_names_are_shortened_inside_free_text(demo: Demo, tmp_path: Path) -> None:
    """Witnesses as initials (HR) and people as initials (custom) also reach names the user
    spelled out inside their own text, in full or in part (tests/export/test_report_redaction.py
    tries every spelling)."""
    from peerdesk.models.report import CUSTOM

    boss = next(p for p in demo.persons.list() if p.display_name.startswith("Viktor"))
    assert boss.id is not None
    incident = demo.incidents.add(
        Incident(
            event_date=date(2026, 2, 10),
            title="Viktor Ångström <b> again",
            narrative="ELENI   papadopoulou saw Viktor Ångström <b> shout; Eleni said nothing. "
            "Papadopoulous is someone else.",
            quotes=[
                Quote(speaker_label="Viktor Ångström <b>", text="Ask Eleni Papadopoulou, she knows")
            ],
            people=[IncidentPerson(person_id=boss.id)],
            witnesses=[Witness(name=WITNESS, where="next to me")],
        )
    )
    assert incident.id is not None
    _out, text, _ = build(demo, tmp_path, HR, incident_ids=[incident.id])
    t = flat(text)
    assert not re.search(r"papadopoulou\b", t, re.IGNORECASE)
    assert "E. P. saw Viktor Ångström <b> shout; E. P. said nothing." in t
    assert "Ask E. P., she knows" in t
    assert "Papadopoulous is someone else." in t  # a longer word is not the name
    custom = CUSTOM.with_changes(include_names=False)
    _out, text, _ = build(demo, tmp_path, custom, name="c.pdf", incident_ids=[incident.id])
    t = flat(text)
    assert "Viktor" not in t and "Ångström" not in t
    assert "E. P. saw V. Å. <. shout" in t


def test_withdrawn_entries_are_counted_but_never_shown(demo: Demo, tmp_path: Path) -> None:
    """Issue 19 item 6: a withdrawn entry leaves every report; the appendix counts it."""
    gone = []
    for n in (1, 2):
        saved = demo.incidents.add(
            Incident(
                event_date=date(2026, 2, 10 + n),
                title=f"WITHDRAWNTITLE{n} written in error",
                narrative=f"WITHDRAWNNARRATIVE{n}",
                place=f"WITHDRAWNPLACE{n}",
                quotes=[Quote(speaker_label="Someone", text=f"WITHDRAWNQUOTE{n}")],
                witnesses=[Witness(name=f"Withdrawnwitness{n} Person")],
                impact=Impact(emotional=f"WITHDRAWNIMPACT{n}"),
                tags=[f"withdrawntag{n}"],
            )
        )
        assert saved.id is not None
        demo.incidents.withdraw(saved.id, f"WITHDRAWNREASON{n} a duplicate")
        gone.append(saved)
    shown = demo.incidents.ids(descending=False)
    heads = demo.incidents.chain_heads()
    _out, text, result = build(demo, tmp_path)
    t = flat(text)
    assert result.entries == len(shown) == 7
    assert not re.search(
        r"withdrawn(title|narrative|place|quote|witness|impact|tag|reason)", t, re.IGNORECASE
    )
    assert (
        "2 entries were withdrawn by the author as made in error; their content is not "
        "in this report."
    ) in t
    assert result.manifest_fingerprint == manifest_fingerprint(
        (str(demo.incidents.get(i).record_number), heads[i][0]) for i in shown
    )
    assert "peerdesk check VAULT --verbose" in t
    for column in ("“Record no.”", "“Revisions”", "“Withdrawn”", "“Chain head”"):
        assert column in t
    # Hand-picked or by a filter that asks for withdrawn entries: still left out, counted.
    assert gone[0].id is not None
    _out, text, result = build(
        demo, tmp_path, name="picked.pdf", incident_ids=[gone[0].id, demo.special_id]
    )
    t = flat(text)
    assert result.entries == 1 and "WITHDRAWN" not in t
    assert "1 entry was withdrawn by the author as made in error; its content is not" in t
    _out, text, result = build(
        demo,
        tmp_path,
        name="filtered.pdf",
        filter=IncidentFilter(date_from=date(2026, 2, 11), include_withdrawn=True),
    )
    assert "WITHDRAWN" not in flat(text) and "2 entries were withdrawn" in flat(text)
    # Restored, it is reported again and nothing is said about withdrawals.
    assert gone[1].id is not None
    demo.incidents.restore(gone[1].id)
    _out, text, result = build(demo, tmp_path, name="restored.pdf")
    t = flat(text)
    assert "WITHDRAWNNARRATIVE2" in t and "WITHDRAWNNARRATIVE1" not in t
    assert "1 entry was withdrawn" in t
    assert result.entries == 8
