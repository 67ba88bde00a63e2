"""'What I hold about this colleague' as a PDF, from a real vault, read back with pdftotext."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from peerdesk.export.colleague_pdf import TITLE, follow_up_text, write_what_i_hold
from peerdesk.models import (
    Channel,
    Colleague,
    ColleagueStatus,
    Consent,
    Conversation,
    ConversationTheme,
    FollowUp,
    Referral,
    Resource,
    ResourceKind,
)
from peerdesk.storage.colleagues import ColleagueRepository
from peerdesk.storage.conversations import ConversationRepository
from peerdesk.storage.directory import ResourceRepository
from peerdesk.storage.vault import Vault
from tests.export.test_pdfkit import (
    assert_all_fonts_embedded,
    pdf_info,
    pdf_pages,
    pdf_text,
    qpdf_check,
    run,
    squash,
)

TODAY = date(2026, 11, 21)
DEBRIEF = "DEBRIEFMARKER felt drained afterwards"


@pytest.fixture
def held(vault: Vault) -> tuple[ColleagueRepository, int, int]:
    colleagues = ColleagueRepository(vault)
    conversations = ConversationRepository(vault, colleagues=colleagues)
    resources = ResourceRepository(vault)
    eap = resources.add(
        Resource(name="Acme EAP <24h> & more", kind=ResourceKind.EAP, contact="0800 000 000")
    )
    assert eap.id is not None
    heron = colleagues.add(
        Colleague(
            pseudonym="Heron <b>",
            real_name="Zoë Ελένη Ivanova-Кузнецова",
            status=ColleagueStatus.ACTIVE,
            consent=Consent(
                may_record="Dates & short notes <only>",
                may_share="Nothing",
                share_with="Nobody without asking",
                until=date(2027, 6, 30),
                recorded_on=date(2026, 3, 1),
            ),
            retention_months=12,
            notes="Prefers to meet off-site.\nLikes an agenda.",
        )
    )
    assert heron.id is not None
    conversations.add(
        Conversation(
            colleague_id=heron.id,
            held_on=date(2026, 3, 2),
            duration_minutes=45,
            channel=Channel.VIDEO_CALL,
            themes={ConversationTheme.BULLYING, ConversationTheme.WORKLOAD},
            summary="Talked about the <team> meeting & the rota.\nSecond line of summary.",
            actions_agreed="Colleague will keep a diary.",
            referrals=[
                Referral(resource_id=eap.id, kind=ResourceKind.EAP, note="gave the number"),
                Referral(kind=ResourceKind.UNION, note=""),
            ],
            follow_up=FollowUp(due=date(2026, 3, 16), done=True, done_on=date(2026, 3, 15)),
            debrief=DEBRIEF,
        )
    )
    conversations.add(
        Conversation(
            colleague_id=heron.id,
            held_on=date(2026, 4, 20),
            duration_minutes=90,
            channel=Channel.PHONE,
            summary="Short check-in.",
            follow_up=FollowUp(due=date(2026, 5, 4)),
        )
    )
    other = colleagues.add(Colleague(pseudonym="Maple"))
    assert other.id is not None
    return colleagues, heron.id, other.id


def test_everything_held_is_printed_and_the_debrief_left_out(
    tmp_path: Path, held: tuple[ColleagueRepository, int, int]
) -> None:
    colleagues, heron_id, _ = held
    out = tmp_path / "hold.pdf"
    pages = write_what_i_hold(colleagues.what_i_hold(heron_id), out, generated_on=TODAY)
    text = pdf_text(out)
    flat = squash(text)
    for expected in [
        TITLE,
        "21 November 2026",
        "Heron <b>",
        "Zoë Ελένη Ivanova-Кузнецова",  # the real name is theirs: included
        "Dates & short notes <only>",
        "Nothing",
        "Nobody without asking",
        "30 June 2027",
        "1 March 2026",
        "20 April 2027 (12 months after the last contact)",  # kept until
        "Prefers to meet off-site.",
        "Likes an agenda.",
        "Conversation 1 — 2 March 2026",
        "45 minutes",
        "Video call",
        "Bullying, Workload",
        "Talked about the <team> meeting & the rota.",
        "Second line of summary.",
        "Colleague will keep a diary.",
        "Employee assistance programme (EAP): Acme EAP <24h> & more — gave the number",
        "Union",
        "Due 16 March 2026 — done on 15 March 2026",
        "Conversation 2 — 20 April 2026",
        "1 hour 30 minutes",
        "Phone",
        "Short check-in.",
        "Due 4 May 2026 — still open",
        "Left out of this copy",
    ]:
        assert expected in flat, expected
    assert "DEBRIEFMARKER" not in text
    assert "Maple" not in text  # only this colleague
    assert pdf_info(out)["Pages"] == str(pages)
    assert "Page 1 of" in pdf_pages(out)[0]
    assert_all_fonts_embedded(out)
    assert qpdf_check(out).returncode == 0


def test_no_names_in_the_header_or_metadata(
    tmp_path: Path, held: tuple[ColleagueRepository, int, int]
) -> None:
    colleagues, heron_id, _ = held
    out = tmp_path / "hold.pdf"
    write_what_i_hold(colleagues.what_i_hold(heron_id), out, generated_on=TODAY)
    info = run("pdfinfo", str(out)).stdout
    assert "Heron" not in info and "Ivanova" not in info
    for page in pdf_pages(out):
        header = page.strip().splitlines()[0]
        assert header.split() == ["What", "I", "hold", "about", "you", "CONFIDENTIAL"]


def test_debrief_included_when_chosen(
    tmp_path: Path, held: tuple[ColleagueRepository, int, int]
) -> None:
    colleagues, heron_id, _ = held
    out = tmp_path / "hold.pdf"
    write_what_i_hold(
        colleagues.what_i_hold(heron_id),
        out,
        include_debrief=True,
        generated_on=TODAY,
        paper="letter",
    )
    text = squash(pdf_text(out))
    assert DEBRIEF in text
    assert "The supporter's own debrief note" in text
    assert "Left out of this copy" not in text
    assert pdf_info(out)["Page size"].startswith("612 x 792")


def test_without_real_name_or_conversations(
    tmp_path: Path, held: tuple[ColleagueRepository, int, int]
) -> None:
    colleagues, _, maple_id = held
    out = tmp_path / "maple.pdf"
    write_what_i_hold(colleagues.what_i_hold(maple_id), out, generated_on=TODAY)
    text = squash(pdf_text(out))
    assert "Maple" in text
    assert "Real name" not in text
    assert "No conversations are recorded." in text
    assert "Not recorded" in text and "No end date" in text
    assert "Left out of this copy" not in text


def test_password_protected_copy(
    tmp_path: Path, held: tuple[ColleagueRepository, int, int]
) -> None:
    colleagues, heron_id, _ = held
    out = tmp_path / "hold.pdf"
    write_what_i_hold(
        colleagues.what_i_hold(heron_id), out, password="tea at four", generated_on=TODAY
    )
    assert b"Heron" not in out.read_bytes()
    assert qpdf_check(out).returncode != 0
    shown = run("qpdf", "--show-encryption", "--password=tea at four", str(out)).stdout
    assert "AESv3" in shown
    assert "Heron <b>" in pdf_text(out, "tea at four")


def test_follow_up_wording() -> None:
    assert follow_up_text(None) == "None"
    assert follow_up_text(FollowUp(due=date(2026, 1, 2), done=True)) == "Due 2 January 2026 — done"
    assert follow_up_text(FollowUp(due=date(2026, 1, 2), note="call")) == (
        "Due 2 January 2026 — still open\ncall"
    )
