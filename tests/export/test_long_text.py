"""A field of any length the vault accepts lays out in time linear in its length: a 1 MB
narrative is exported whole (every word in the PDF text, in order), with progress and Stop
working; the same for a long summary in the supporter's "What I hold" PDF. Not timed: a
quadratic layout (one flowable split page by page) does not finish a 1 MB field in a test's
time, which is the point."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest

from peerdesk.export.colleague_pdf import write_what_i_hold
from peerdesk.export.pdfkit import pieces
from peerdesk.export.report import PROGRESS_TOTAL, ReportCancelled, ReportRequest, render_report
from peerdesk.models import Channel, Colleague, ColleagueStatus, Conversation
from peerdesk.models.enums import IncidentCategory
from peerdesk.models.incident import Incident
from peerdesk.models.report import LAWYER
from peerdesk.storage.colleagues import ColleagueRepository
from peerdesk.storage.conversations import ConversationRepository
from peerdesk.storage.incidents import IncidentRepository
from peerdesk.storage.report_source import read_report_source
from peerdesk.storage.vault import Vault
from tests.export.test_pdfkit import run

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def long_text(size: int) -> tuple[str, list[str]]:
    """Ordinary multi-line text of about ``size`` characters: numbered words, lines of a
    dozen words, a blank line every twenty lines, and one very long line without breaks."""
    words: list[str] = []
    lines: list[str] = []
    total = 0
    n = 0
    while total < size:
        if n and n % 4000 == 0:  # a long line: 3,000 words, no line break
            line_words = [f"w{n + k:06d}" for k in range(3000)]
        else:
            line_words = [f"w{n + k:06d}" for k in range(12)]
        n += len(line_words)
        words += line_words
        line = " ".join(line_words)
        lines.append(line)
        if len(lines) % 20 == 0:
            lines.append("")
        total += len(line) + 1
    return "\n".join(lines), words


def in_order(text: str, words: list[str]) -> bool:
    found = [t for t in text.split() if t.startswith("w") and t[1:].isdigit()]
    return found == words


def test_pieces_cut_a_paragraph_at_lines_then_between_words() -> None:
    text = "\n".join(["alpha beta gamma"] * 400)  # 6,800 characters
    got = pieces(text, 2000)
    assert "\n".join(got) == text and all(len(p) <= 2000 for p in got)
    line = " ".join(["delta"] * 1000)
    got = pieces(line, 2000)
    assert " ".join(got) == line and all(len(p) <= 2000 for p in got) and len(got) <= 4
    assert pieces("x" * 4500, 2000) == ["x" * 2000, "x" * 2000, "x" * 500]


@pytest.fixture
def narrative_vault(vault: Vault) -> tuple[Vault, list[str]]:
    text, words = long_text(1_000_000)
    IncidentRepository(vault).add(
        Incident(
            event_date=date(2026, 2, 3),
            event_time=time(9, 30),
            channel=Channel.MEETING,
            title="A very long account",
            categories={IncidentCategory.VERBAL_ABUSE},
            narrative=text,
        )
    )
    return vault, words


def test_a_one_megabyte_narrative_is_exported_whole(
    narrative_vault: tuple[Vault, list[str]], tmp_path: Path
) -> None:
    vault, words = narrative_vault
    seen: list[int] = []
    rendered = render_report(
        read_report_source(vault, images=False),
        ReportRequest(profile=LAWYER),
        now=NOW,
        progress=lambda done, _total: seen.append(done),
    )
    out = tmp_path / "long.pdf"
    out.write_bytes(rendered.data)
    assert rendered.pages > 300
    assert in_order(run("pdftotext", str(out), "-").stdout, words)
    assert seen[-1] == PROGRESS_TOTAL and len(set(seen)) > 100  # progress moves throughout


def test_a_one_megabyte_narrative_can_be_stopped(
    narrative_vault: tuple[Vault, list[str]],
) -> None:
    vault, _words = narrative_vault
    latest = [0]

    def progress(done: int, _total: int) -> None:
        latest[0] = done

    with pytest.raises(ReportCancelled):
        render_report(
            read_report_source(vault, images=False),
            ReportRequest(profile=LAWYER),
            now=NOW,
            progress=progress,
            should_stop=lambda: latest[0] >= 300,
        )
    assert 300 <= latest[0] < PROGRESS_TOTAL


def test_a_long_summary_in_what_i_hold(vault: Vault, tmp_path: Path) -> None:
    text, words = long_text(300_000)
    colleagues = ColleagueRepository(vault)
    conversations = ConversationRepository(vault, colleagues=colleagues)
    heron = colleagues.add(Colleague(pseudonym="Heron", status=ColleagueStatus.ACTIVE))
    assert heron.id is not None
    conversations.add(
        Conversation(
            colleague_id=heron.id,
            held_on=date(2026, 3, 2),
            duration_minutes=45,
            channel=Channel.VIDEO_CALL,
            summary=text,
        )
    )
    out = tmp_path / "held.pdf"
    pages = write_what_i_hold(colleagues.what_i_hold(heron.id), out, generated_on=date(2026, 3, 3))
    assert pages > 80
    assert in_order(run("pdftotext", str(out), "-").stdout, words)
