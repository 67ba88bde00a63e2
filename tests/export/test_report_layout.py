"""The report of a 300-entry demo vault, read back with ``pdftotext -layout``: no line ends
inside a word that is whole in the source, times and dates are never broken, no chronology
row spans two pages, and entries are numbered by the journal's record number everywhere.

How "a line ends inside a word" is checked: the source words are the white-space separated
tokens of every text the report prints from the vault (titles, narratives and every other
field, names, file names, descriptions, and the dates and times as the report writes them).
For every line of the layout text, each column's stretch (columns are separated by two or
more spaces) ends in a token; that token must not be a proper prefix of a source word unless
it is itself a source word (so "(app" from "(approximate)" or "chat-screensho" fails, "the"
before "there" does not). A word broken because it is wider than its column ends in a hyphen
and is counted apart (the demo data has none). Dates and times are one unit each ("3 Mar
2026", "18:15–18:20"): each must be found whole on one line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import fields, is_dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from peerdesk.demo import DemoSize, fill_demo_vault
from peerdesk.export.report import ReportRequest, render_report
from peerdesk.export.report.context import event_when, utc_text
from peerdesk.models.report import LAWYER
from peerdesk.models.report_source import ReportSource
from peerdesk.models.text import visible_filename
from peerdesk.storage.report_source import read_report_source
from peerdesk.storage.vault import Vault
from tests.export.test_pdfkit import run

NBSP = "\u00a0"
HEADER_WORDS = {"No.", "Event", "Recorded", "Place", "or", "channel", "People"}
HEADER_WORDS |= {"Short", "description", "Exhibit"}


def strings(value: Any) -> Iterator[str]:
    """Every string inside a model object (dataclasses, lists, sets, dicts)."""
    if isinstance(value, str):
        yield value
    elif is_dataclass(value) and not isinstance(value, type):
        for f in fields(value):
            yield from strings(getattr(value, f.name))
    elif isinstance(value, dict):
        for v in value.values():
            yield from strings(v)
    elif isinstance(value, (list, tuple, set, frozenset)):
        for v in value:
            yield from strings(v)


_PUNCTUATION = ".,;:!?()[]{}\"'“”‘’«»"


def bare(token: str) -> str:
    """A token without the punctuation around it ("(approximate)," -> "approximate")."""
    return token.strip(_PUNCTUATION)


_PARAGRAPH_NO = re.compile(r"^\d+\.\d+$")


def report_words() -> set[str]:
    """Every word in the string literals of the report's own modules."""
    import ast

    import peerdesk.export.report as report

    words: set[str] = set()
    for path in Path(report.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                words.update(node.value.split())
    for path in Path(report.__file__).parent.parent.parent.joinpath("models").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                words.update(node.value.split())
    return words


class Layout:
    def __init__(self, source: ReportSource, text: str) -> None:
        self.source = source
        self.pages = text.split("\f")
        self.words: set[str] = set()
        self.units: list[str] = []
        for got in source.entries:
            i = got.incident
            for s in strings(i):
                self.words.update(s.split())
            when = event_when(i)
            recorded = utc_text(i.recorded_at)
            self.units += [when, recorded]
            for s in (when, recorded):
                self.words.update(s.replace(NBSP, " ").split())
            for a in got.attachments:
                for s in (visible_filename(a.original_name), a.description):
                    self.words.update(s.split())
        for p in source.people:
            self.words.update(p.display_name.split())
            self.words.update((p.role or "").split())
        # Words the report writes itself: the string literals of its modules, and every
        # token printed inside a line (not at the end of a column's stretch).
        self.words.update(report_words())
        for page in self.pages:
            for line in page.splitlines():
                for part in re.split(r" {2,}", line.strip()):
                    self.words.update(part.split()[:-1])
                    # numbered paragraphs ("71.1"), printed apart from their text
                    self.words.update(t for t in part.split()[-1:] if _PARAGRAPH_NO.match(t))
        self.words = {bare(w) for w in self.words}
        self.prefixes = {w[:k] for w in self.words for k in range(2, len(w))} - self.words


@pytest.fixture(scope="module")
def layout(tmp_path_factory: pytest.TempPathFactory) -> Layout:
    folder = tmp_path_factory.mktemp("layout")
    vault = Vault.create(folder / "demo.peerdesk", "correct horse battery staple 300")
    fill_demo_vault(
        vault,
        DemoSize(
            incidents=300, people=8, colleagues=0, conversations=0, attachments=30, strategy_uses=0
        ),
        seed=7,
    )
    source = read_report_source(vault, images=False)
    rendered = render_report(
        source, ReportRequest(profile=LAWYER), now=datetime(2026, 3, 1, 12, tzinfo=UTC)
    )
    out = folder / "r.pdf"
    out.write_bytes(rendered.data)
    text = run("pdftotext", "-layout", str(out), "-").stdout
    return Layout(source, text)


def line_ends(line: str) -> list[str]:
    """The last token of each column's stretch on a layout line."""
    return [part.split()[-1] for part in re.split(r" {2,}", line.strip()) if part.split()]


def test_no_line_ends_inside_a_whole_word(layout: Layout) -> None:
    broken: list[str] = []
    hyphenated: list[str] = []
    ends = 0
    for page in layout.pages:
        for line in page.splitlines():
            for token in line_ends(line):
                ends += 1
                if bare(token) in layout.prefixes:
                    broken.append(f"{token!r} in {line.strip()!r}")
                elif token.endswith("-") and bare(token) not in layout.words:
                    hyphenated.append(f"{token!r} in {line.strip()!r}")
    assert ends > 5000  # the check saw the whole report
    assert broken == [], "\n".join(broken)
    assert hyphenated == [], "\n".join(hyphenated)


def test_dates_and_times_are_never_broken(layout: Layout) -> None:
    lines = {" ".join(line.split()) for page in layout.pages for line in page.splitlines()}
    flat = "\n".join(lines)
    missing = [u for u in layout.units if " ".join(u.replace(NBSP, " ").split()) not in flat]
    assert missing == []


def chronology_pages(layout: Layout) -> list[str]:
    start = next(k for k, p in enumerate(layout.pages) if "5. Chronology" in p)
    end = next(k for k, p in enumerate(layout.pages) if "6. The incidents in full" in p)
    return layout.pages[start : end + 1]


def test_no_chronology_row_spans_two_pages(layout: Layout) -> None:
    numbers = {str(e.incident.record_number) for e in layout.source.entries}
    pages = chronology_pages(layout)
    assert len(pages) > 3
    seen: list[str] = []
    for page in pages:
        lines = [ln for ln in page.splitlines() if ln.strip()]
        if "6. The incidents in full" in page:
            lines = lines[: next(k for k, ln in enumerate(lines) if "6. The incidents" in ln)]
        # Skip the running header and, on the first page, the heading and its note.
        k = next((k for k, ln in enumerate(lines) if ln.split()[0] == "No."), None)
        if k is None:
            continue
        column = lines[k].index("No.")
        k += 1
        # The header row is repeated; the first line after it starts a row (a record number):
        # a row carried over from the page before would start with its continuation instead.
        while k < len(lines) and set(lines[k].split()) <= HEADER_WORDS:
            k += 1
        body = lines[k:]
        body = [ln for ln in body if not ln.strip().startswith("Page ")]
        if not body:
            continue
        assert body[0].split()[0] in numbers, body[0]
        seen += [
            ln.split()[0]
            for ln in body
            if ln.split()[0] in numbers and abs(len(ln) - len(ln.lstrip()) - column) <= 2
        ]
    # Every entry has its row, under the journal's record number.
    assert set(seen) == numbers


def test_entries_are_numbered_by_record_number(layout: Layout) -> None:
    text = "\n".join(layout.pages)
    for got in layout.source.entries[::37]:
        number = got.incident.record_number
        assert f"Entry No. {number}:" in text
