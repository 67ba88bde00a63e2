"""Programme statistics PDF and CSV: counts equal the data, one page, no names, no free text."""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from peerdesk.demo import DEMO_ANCHOR, DemoSize, fill_demo_vault
from peerdesk.export.stats_csv import HEADER, stats_csv_text, write_programme_stats_csv
from peerdesk.export.stats_pdf import on_time_share, time_buckets, write_programme_stats_pdf
from peerdesk.models import ConversationTheme, ResourceKind
from peerdesk.models.supporter_views import ProgrammeStats
from peerdesk.storage.colleagues import ColleagueRepository
from peerdesk.storage.conversations import ConversationRepository
from peerdesk.storage.vault import Vault
from tests.export.test_pdfkit import assert_all_fonts_embedded, pdf_info, pdf_text, squash

PERIOD = (date(2025, 11, 1), date(2026, 10, 31))


@pytest.fixture
def demo(vault: Vault) -> tuple[ColleagueRepository, ConversationRepository]:
    fill_demo_vault(
        vault,
        DemoSize(
            incidents=0, people=0, colleagues=12, conversations=80, attachments=0, strategy_uses=0
        ),
        seed=7,
    )
    colleagues = ColleagueRepository(vault)
    return colleagues, ConversationRepository(vault, colleagues=colleagues)


def expected_counts(
    colleagues: ColleagueRepository, conversations: ConversationRepository, start: date, end: date
) -> dict[str, object]:
    """The statistics computed here from the records, independently of the repository's SQL."""
    held = [c for k in colleagues.list() for c in conversations.list_for_colleague(k.id or 0)]
    inside = [c for c in held if start <= c.held_on <= end]
    due = [c.follow_up for c in held if c.follow_up is not None and start <= c.follow_up.due <= end]
    return {
        "conversations": len(inside),
        "colleagues": len({c.colleague_id for c in inside}),
        "per_month": Counter(f"{c.held_on:%Y-%m}" for c in inside),
        "per_theme": Counter(t for c in inside for t in c.themes),
        "per_kind": Counter(r.kind for c in inside for r in c.referrals),
        "due": len(due),
        "on_time": sum(1 for f in due if f.done and f.done_on and f.done_on <= f.due),
        "late": sum(1 for f in due if f.done and f.done_on and f.done_on > f.due),
        "undated": sum(1 for f in due if f.done and f.done_on is None),
        "open": sum(1 for f in due if not f.done),
    }


def private_words(
    colleagues: ColleagueRepository, conversations: ConversationRepository
) -> set[str]:
    """Every name and piece of free text in the demo data."""
    words: set[str] = set()
    for k in colleagues.list():
        assert k.id is not None
        record = colleagues.what_i_hold(k.id)
        c = record.colleague
        words |= {
            c.pseudonym,
            c.real_name,
            c.notes,
            c.consent.may_record,
            c.consent.may_share,
            c.consent.share_with,
        }
        for conv in record.conversations:
            words |= {conv.summary, conv.actions_agreed, conv.debrief}
            words |= {r.note for r in conv.referrals}
            words |= set(record.resource_names.values())
    return {w for w in words if w.strip()}


def assert_none_present(text: str, words: set[str]) -> None:
    flat = squash(text).casefold()
    for word in words:
        pattern = r"(?<!\w)" + re.escape(squash(word).casefold()) + r"(?!\w)"
        assert re.search(pattern, flat) is None, f"private text leaked: {word!r}"


def test_statistics_equal_counts_from_the_data(
    demo: tuple[ColleagueRepository, ConversationRepository],
) -> None:
    colleagues, conversations = demo
    stats = conversations.statistics(*PERIOD)
    want = expected_counts(colleagues, conversations, *PERIOD)
    assert stats.conversations == want["conversations"] > 20
    assert stats.colleagues == want["colleagues"]
    assert {k: v for k, v in stats.per_month.items() if v} == dict(want["per_month"])  # type: ignore[call-overload]
    assert len(stats.per_month) == 12
    assert {k: v for k, v in stats.per_theme.items() if v} == dict(want["per_theme"])  # type: ignore[call-overload]
    assert {k: v for k, v in stats.per_referral_kind.items() if v} == dict(want["per_kind"])  # type: ignore[call-overload]
    assert (
        stats.follow_ups_due,
        stats.follow_ups_done_on_time,
        stats.follow_ups_done_late,
        stats.follow_ups_done_undated,
        stats.follow_ups_open,
    ) == (want["due"], want["on_time"], want["late"], want["undated"], want["open"])


def test_csv_has_a_header_counts_and_nothing_private(
    tmp_path: Path, demo: tuple[ColleagueRepository, ConversationRepository]
) -> None:
    colleagues, conversations = demo
    stats = conversations.statistics(*PERIOD)
    out = tmp_path / "stats.csv"
    write_programme_stats_csv(stats, out, generated_on=DEMO_ANCHOR, hide_small=False)
    raw = out.read_text("utf-8")
    rows = list(csv.reader(io.StringIO(raw)))
    assert tuple(rows[0]) == HEADER
    values = {(r[0], r[1]): r[3] for r in rows[1:]}
    assert all(len(r) == 4 for r in rows)
    want = expected_counts(colleagues, conversations, *PERIOD)
    assert values[("period", "from")] == "2025-11-01"
    assert values[("period", "to")] == "2026-10-31"
    assert values[("generated", "on")] == "2026-10-31"
    assert values[("total", "conversations")] == str(want["conversations"])
    assert values[("total", "colleagues")] == str(want["colleagues"])
    per_month: Counter[str] = want["per_month"]  # type: ignore[assignment]
    for key, count in stats.per_month.items():
        assert values[("month", key)] == str(count) == str(per_month.get(key, 0))
    per_theme: Counter[ConversationTheme] = want["per_theme"]  # type: ignore[assignment]
    for theme in ConversationTheme:
        assert values[("theme", theme.value)] == str(per_theme.get(theme, 0))
    per_kind: Counter[ResourceKind] = want["per_kind"]  # type: ignore[assignment]
    for kind in ResourceKind:
        assert values[("referral_kind", kind.value)] == str(per_kind.get(kind, 0))
    assert values[("follow_up", "due")] == str(want["due"])
    assert values[("follow_up", "done_on_time")] == str(want["on_time"])
    assert values[("follow_up", "open")] == str(want["open"])
    assert_none_present(raw, private_words(colleagues, conversations))
    assert not any(cell.startswith(("=", "+", "-", "@")) for r in rows for cell in r)


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_pdf_is_one_page_of_counts_and_nothing_private(
    tmp_path: Path, paper: str, demo: tuple[ColleagueRepository, ConversationRepository]
) -> None:
    colleagues, conversations = demo
    stats = conversations.statistics(*PERIOD)
    out = tmp_path / "stats.pdf"
    pages = write_programme_stats_pdf(
        stats,
        out,
        paper=paper,  # type: ignore[arg-type]
        generated_on=DEMO_ANCHOR,
        hide_small=False,
    )
    assert pages == 1
    assert pdf_info(out)["Pages"] == "1"
    text = pdf_text(out)
    flat = squash(text)
    assert "1 November 2025 to 31 October 2026" in flat
    assert "generated on 31 October 2026" in flat
    assert "Page 1 of 1" in flat and "CONFIDENTIAL" in flat
    want = expected_counts(colleagues, conversations, *PERIOD)
    per_month: Counter[str] = want["per_month"]  # type: ignore[assignment]
    assert re.search(rf"March 2026\s+{per_month.get('2026-03', 0)}\b", text)
    per_theme: Counter[ConversationTheme] = want["per_theme"]  # type: ignore[assignment]
    for theme in ConversationTheme:
        assert re.search(rf"\b{theme.label}\s+{per_theme.get(theme, 0)}\b", text), theme
    assert re.search(rf"Still open\s+{want['open']}\b", text)
    assert re.search(rf"Total due\s+{want['due']}\b", text)
    assert f"{want['on_time']} of {want['due']} ({on_time_share(stats)})" in flat
    assert_none_present(text, private_words(colleagues, conversations))
    assert_all_fonts_embedded(out)


def test_long_periods_still_fit_one_page(
    tmp_path: Path, demo: tuple[ColleagueRepository, ConversationRepository]
) -> None:
    _, conversations = demo
    for start, unit in ((date(2023, 1, 1), "quarter"), (date(2016, 1, 1), "year")):
        stats = conversations.statistics(start, DEMO_ANCHOR)
        out = tmp_path / f"{unit}.pdf"
        assert write_programme_stats_pdf(stats, out, generated_on=DEMO_ANCHOR) == 1
        assert f"Conversations per {unit}" in pdf_text(out)
        assert stats.conversations == 80


def test_time_buckets_group_long_periods() -> None:
    months = {f"{y}-{m:02d}": 1 for y in range(2020, 2022) for m in range(1, 13)}
    unit, buckets = time_buckets(months)
    assert unit == "Month" and len(buckets) == 24 and buckets[0].label == "January 2020"
    months["2022-01"] = 5
    unit, buckets = time_buckets(months)
    assert unit == "Quarter" and buckets[0].label == "Jan–Mar 2020" and buckets[0].count == 3
    assert buckets[-1].key == "2022-Q1" and buckets[-1].count == 5
    many = {f"{y}-{m:02d}": 2 for y in range(2010, 2020) for m in range(1, 13)}
    unit, buckets = time_buckets(many)
    assert unit == "Year" and [b.count for b in buckets] == [24] * 10


def test_empty_period() -> None:
    stats = ProgrammeStats(
        date_from=date(2026, 1, 1),
        date_to=date(2026, 1, 31),
        conversations=0,
        colleagues=0,
        per_month={"2026-01": 0},
        per_theme=dict.fromkeys(ConversationTheme, 0),
        per_referral_kind=dict.fromkeys(ResourceKind, 0),
        follow_ups_due=0,
        follow_ups_done_on_time=0,
        follow_ups_done_late=0,
        follow_ups_done_undated=0,
        follow_ups_open=0,
    )
    assert on_time_share(stats) == "—"
    text = stats_csv_text(stats, generated_on=date(2026, 2, 1))
    assert text.splitlines()[0] == "section,key,label,value"
    assert "month,2026-01,January 2026,0" in text


def _stats(**counts: object) -> ProgrammeStats:
    base: dict[str, object] = dict(
        date_from=date(2026, 1, 1),
        date_to=date(2026, 3, 31),
        conversations=12,
        colleagues=5,
        per_month={"2026-01": 1, "2026-02": 4, "2026-03": 7},
        per_theme={
            **dict.fromkeys(ConversationTheme, 0),
            ConversationTheme.WORKLOAD: 9,
            ConversationTheme.BULLYING: 2,
        },
        per_referral_kind={
            **dict.fromkeys(ResourceKind, 0),
            ResourceKind.EAP: 5,
            ResourceKind.UNION: 4,
            ResourceKind.HR: 1,
        },
        follow_ups_due=8,
        follow_ups_done_on_time=5,
        follow_ups_done_late=0,
        follow_ups_done_undated=0,
        follow_ups_open=3,
    )
    base.update(counts)
    return ProgrammeStats(**base)  # type: ignore[arg-type]


def test_small_counts_are_hidden_with_what_would_give_them_away(tmp_path: Path) -> None:
    stats = _stats()
    values = {(r[0], r[1]): r[3] for r in csv.reader(io.StringIO(stats_csv_text(stats)))}
    # 1 in January: hidden, and so is February (the smallest other month), since the total 12
    # is shown and 12 - 4 - 7 would give January away.
    assert values[("month", "2026-01")] == "<3"
    assert values[("month", "2026-02")] == "<3"
    assert values[("month", "2026-03")] == "7"
    assert values[("total", "conversations")] == "12"
    # Themes overlap (no total): only the small one goes.
    assert values[("theme", "bullying")] == "<3" and values[("theme", "workload")] == "9"
    assert values[("theme", "other")] == "0"  # zeros stay
    # Referral kinds add up to the referrals total: HR 1 hidden, and the smaller of the others.
    assert values[("referral_kind", "hr")] == "<3"
    assert values[("referral_kind", "union")] == "<3"
    assert values[("referral_kind", "eap")] == "5"
    assert values[("follow_up", "open")] == "3" and values[("follow_up", "due")] == "8"
    # Unticked, every count is exact.
    exact = {
        (r[0], r[1]): r[3] for r in csv.reader(io.StringIO(stats_csv_text(stats, hide_small=False)))
    }
    assert exact[("month", "2026-01")] == "1" and exact[("referral_kind", "hr")] == "1"
    # The PDF shows the same, says why, and draws no bar for a hidden count.
    out = tmp_path / "stats.pdf"
    write_programme_stats_pdf(stats, out, generated_on=date(2026, 4, 1))
    text = pdf_text(out)
    assert re.search(r"January 2026\s+<3", text) and re.search(r"March 2026\s+7\b", text)
    assert "Counts of 1 and 2 are shown as “<3”" in squash(text)
    assert re.search(r"Bullying\s+<3", text)


def test_a_small_total_hides_its_parts_and_the_share() -> None:
    stats = _stats(follow_ups_due=2, follow_ups_done_on_time=1, follow_ups_open=1, colleagues=1)
    values = {(r[0], r[1]): r[3] for r in csv.reader(io.StringIO(stats_csv_text(stats)))}
    assert values[("total", "colleagues")] == "<3"
    assert values[("follow_up", "due")] == "<3"
    assert values[("follow_up", "done_on_time")] == "<3"
    assert values[("follow_up", "done_late")] == "0"
