"""Each reader on real-shaped samples written from the tool's documented format."""

from __future__ import annotations

import hashlib
import json
import os
import zipfile
from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest

from peerdesk.importing.base import ImportFailed
from peerdesk.importing.csv_import import CsvMapping, read_csv, read_table, suggest_date_order
from peerdesk.importing.dayone import read_dayone
from peerdesk.importing.detect import detect_format, read_source
from peerdesk.importing.jrnl import read_jrnl
from peerdesk.importing.markdown import parse_front_matter, read_markdown
from tests.importing.helpers import FIXTURES, dayone_zip

CSV_COLUMNS = {
    "date": "Date",
    "time": "Time",
    "title": "Subject",
    "text": "Notes",
    "people": "Who",
    "tags": "Tags",
}


def test_dayone_zip(tmp_path: Path) -> None:
    plan = read_dayone(dayone_zip(tmp_path))
    assert [e.incident.title for e in plan.entries] == [
        "Team meeting",
        "Email from J. copied to the whole team, again about my report.",
    ]
    first = plan.entries[0]
    incident = first.incident
    # 14:05 UTC in London in March (GMT) is 14:05; the provenance keeps the UTC moment.
    assert (incident.event_date, incident.event_time) == (date(2026, 3, 3), time(14, 5))
    assert incident.place == "Office, 3rd floor, London, United Kingdom"
    assert incident.tags == ["work", "meeting", "starred"]
    assert "useless" in incident.narrative and "[attachment: " in incident.narrative
    provenance = incident.provenance
    assert provenance is not None and provenance.source == "dayone"
    assert provenance.written_at == datetime(2026, 3, 3, 14, 5, 12, tzinfo=UTC)
    assert provenance.zone == "Europe/London"
    assert "7F3C2D1A9B8E4F60A1B2C3D4E5F60718" in provenance.reference
    photo = next((FIXTURES / "dayone" / "photos").glob("af46*"))
    assert [f.sha256 for f in first.files] == [hashlib.sha256(photo.read_bytes()).hexdigest()]
    # New York: 08:30 UTC is 03:30 local on the same day.
    second = plan.entries[1].incident
    assert second.event_time == time(3, 30) and second.provenance is not None
    assert second.provenance.zone == "America/New_York"
    assert [s.reason for s in plan.skipped] == ["its creation date cannot be read"]
    assert "entry 3" in plan.skipped[0].where


def test_dayone_fingerprints_are_stable_and_distinct(tmp_path: Path) -> None:
    one = read_dayone(dayone_zip(tmp_path, "a.zip"))
    two = read_dayone(dayone_zip(tmp_path, "b.zip"))
    assert [e.fingerprint for e in one.entries] == [e.fingerprint for e in two.entries]
    assert len({e.fingerprint for e in one.entries}) == 2


def test_dayone_missing_photo_is_named(tmp_path: Path) -> None:
    target = tmp_path / "nophotos.zip"
    with zipfile.ZipFile(target, "w") as zf:
        zf.write(FIXTURES / "dayone" / "Journal.json", "Journal.json")
    plan = read_dayone(target)
    assert len(plan.entries) == 2 and all(not e.files for e in plan.entries)
    assert any("is not in the zip" in s.reason for s in plan.skipped)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"entries": 3}', 'no list of "entries"'),
        ("[1, 2, 3]", 'no list of "entries"'),
        ('{"entries": [', "not valid JSON"),
    ],
)
def test_dayone_wrong_json_shape(tmp_path: Path, content: str, message: str) -> None:
    target = tmp_path / "wrong.zip"
    with zipfile.ZipFile(target, "w") as zf:
        zf.writestr("Journal.json", content)
    with pytest.raises(ImportFailed, match=message) as caught:
        read_dayone(target)
    assert "wrong.zip, Journal.json" in str(caught.value)


def test_jrnl_text() -> None:
    plan = read_jrnl(FIXTURES / "jrnl" / "journal.txt")
    titles = [e.incident.title for e in plan.entries]
    assert titles == [
        "Stand-up: my update was cut off again.",
        "Late email about the deadline",
        "Short one",
    ]
    first, starred = plan.entries[0].incident, plan.entries[1].incident
    assert "\n\nAfterwards I told @anna" in first.narrative  # blank lines kept in the body
    assert first.tags == ["anna"]
    assert starred.tags == ["work", "deadline", "starred"]
    assert (starred.event_date, starred.event_time) == (date(2026, 3, 3), time(17, 40))
    assert starred.provenance is not None and starred.provenance.reference == "journal.txt, line 7"
    assert [(s.where, s.reason) for s in plan.skipped] == [
        ("journal.txt, line 10", "its date cannot be read")
    ]


def test_jrnl_v1_text_without_brackets() -> None:
    plan = read_jrnl(FIXTURES / "jrnl" / "journal-v1.txt")
    assert [e.incident.title for e in plan.entries] == [
        "Old jrnl (1.x) writes dates without brackets.",
        "Second entry",
    ]
    assert plan.entries[1].incident.tags == ["starred"]


def test_jrnl_json_export() -> None:
    plan = read_jrnl(FIXTURES / "jrnl" / "export.json")
    assert [e.incident.tags for e in plan.entries] == [["anna"], ["work", "starred"]]
    assert [(s.where, s.reason) for s in plan.skipped] == [
        ("export.json, entry 3", "its date cannot be read")
    ]


def test_jrnl_encrypted_or_binary_names_the_line(tmp_path: Path) -> None:
    target = tmp_path / "journal.txt"
    target.write_bytes(b"[2026-03-02 09:15] ok\nbody\n\xff\xfe\x00garbage")
    with pytest.raises(ImportFailed, match=r"journal\.txt, line 3: .*UTF-8"):
        read_jrnl(target)


def test_jrnl_without_entries(tmp_path: Path) -> None:
    target = tmp_path / "empty.txt"
    target.write_text("")
    with pytest.raises(ImportFailed, match=r"empty\.txt: No jrnl entries"):
        read_jrnl(target)


def test_markdown_folder() -> None:
    plan = read_markdown(FIXTURES / "markdown")
    by_ref = {e.incident.provenance.reference: e for e in plan.entries if e.incident.provenance}
    assert set(by_ref) == {
        "daily/2026-03-04.md",
        "daily/2026-03-05 Meeting with HR.md",
        "heading-only.md",
        "incident-notes.md",
    }
    daily = by_ref["daily/2026-03-04.md"].incident
    assert (daily.event_date, daily.title, daily.tags) == (
        date(2026, 3, 4),
        "Wednesday",
        ["corridor"],
    )
    assert daily.provenance is not None and daily.provenance.written_on == date(2026, 3, 4)
    assert by_ref["daily/2026-03-05 Meeting with HR.md"].incident.title == "Meeting with HR"
    heading = by_ref["heading-only.md"].incident
    assert (heading.event_date, heading.event_time, heading.title) == (
        date(2026, 3, 10),
        time(14, 0),
        "Shouted at in the car park",
    )
    front = by_ref["incident-notes.md"]
    assert front.incident.title == "Excluded from the planning meeting"
    assert front.incident.tags == ["exclusion", "meetings"]
    assert front.incident.place == "Room 4"
    assert front.people == ["S. Moore", "J. Patel"]
    assert [(s.where, s.reason) for s in plan.skipped] == [
        ("no-date.md", "no date in front matter, in the file name or in the first heading")
    ]


def test_markdown_refuses_links_out_of_the_folder(tmp_path: Path) -> None:
    outside = tmp_path / "secret.md"
    outside.write_text("---\ndate: 2026-01-01\n---\nnot in the folder")
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "2026-03-04.md").write_text("inside")
    os.symlink(outside, notes / "2026-03-05.md")
    plan = read_markdown(notes)
    assert [e.incident.title for e in plan.entries] == ["inside"]
    assert plan.skipped[0].where == "2026-03-05.md"
    assert "outside the folder" in plan.skipped[0].reason


def test_front_matter_subset() -> None:
    front = parse_front_matter("---\ntitle: 'A: b'\ntags:\n  - x\n  - y\n---\nbody")
    assert front.fields == {"title": "A: b", "tags": ["x", "y"]}
    assert front.body == "body"
    assert parse_front_matter("no front matter").body == "no front matter"


def test_csv_with_mapping_and_day_first_dates() -> None:
    plan = read_csv(FIXTURES / "notes.csv", CsvMapping(CSV_COLUMNS, "dmy"))
    first = plan.entries[0]
    assert (first.incident.event_date, first.incident.event_time) == (
        date(2026, 3, 4),
        time(9, 30),
    )
    assert first.people == ["J. Patel", "S. Moore"]
    assert first.incident.tags == ["meetings", "shouting"]
    assert 'my work was "rubbish", loudly.\nTwo people saw it.' in first.incident.narrative
    assert plan.entries[1].incident.event_date == date(2026, 3, 25)
    # The multi-line row is lines 2-3, so the third row starts on line 5.
    assert [(s.where, s.reason) for s in plan.skipped] == [
        ("notes.csv, line 5", "the date cannot be read as DMY")
    ]


def test_csv_ambiguous_dates_are_never_guessed() -> None:
    with pytest.raises(ImportFailed, match=r"notes\.csv: .*day or the month.*only be DMY"):
        read_csv(FIXTURES / "notes.csv", CsvMapping(CSV_COLUMNS))
    assert suggest_date_order(["03/04/2026", "04/05/2026"]) is None
    assert suggest_date_order(["03/04/2026", "12/25/2026"]) == "mdy"


def test_csv_in_windows_1252_with_semicolons() -> None:
    path = FIXTURES / "notes-cp1252-semicolon.csv"
    table = read_table(path)
    assert (table.encoding, table.delimiter) == ("Windows-1252", ";")
    columns = {"date": "Datum", "time": "Zeit", "title": "Betreff", "text": "Notizen"}
    plan = read_csv(path, CsvMapping(columns | {"people": "Personen"}, "dmy"))
    entry = plan.entries[0]
    assert entry.incident.title == "Besprechung – unterbrochen"
    assert "„das ist Unsinn“" in entry.incident.narrative
    assert entry.people == ["Jörg Müller"]


def test_csv_in_utf16_with_tabs_and_guessed_columns() -> None:
    path = FIXTURES / "notes-utf16.csv"
    table = read_table(path)
    assert (table.encoding, table.delimiter) == ("UTF-16", "\t")
    plan = read_csv(path)
    assert [e.incident.title for e in plan.entries] == ["UTF-16 entry"]
    assert plan.entries[0].incident.narrative.endswith("✓")


def test_csv_utf8_bom(tmp_path: Path) -> None:
    path = tmp_path / "bom.csv"
    path.write_bytes("\ufeffDate,Title\n2026-03-04,Mit BOM\n".encode())
    table = read_table(path)
    assert table.encoding == "UTF-8 (with BOM)" and table.headers == ["Date", "Title"]


def test_csv_missing_column_is_named(tmp_path: Path) -> None:
    with pytest.raises(ImportFailed, match="no column “Datum”"):
        read_csv(FIXTURES / "notes.csv", CsvMapping({"date": "Datum"}, "dmy"))


def test_detect(tmp_path: Path) -> None:
    assert detect_format(dayone_zip(tmp_path)) == "dayone"
    assert detect_format(FIXTURES / "jrnl" / "journal.txt") == "jrnl"
    assert detect_format(FIXTURES / "jrnl" / "journal-v1.txt") == "jrnl"
    assert detect_format(FIXTURES / "jrnl" / "export.json") == "jrnl"
    assert detect_format(FIXTURES / "dayone" / "Journal.json") == "dayone"
    assert detect_format(FIXTURES / "markdown") == "markdown"
    assert detect_format(FIXTURES / "markdown" / "heading-only.md") == "markdown"
    assert detect_format(FIXTURES / "notes.csv") == "csv"
    (tmp_path / "m.eml").write_text("From: a@b\n\nhi")
    assert detect_format(tmp_path / "m.eml") == "email"
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("peerdesk-export.json", json.dumps({"format": "peerdesk"}))
    assert detect_format(archive) == "peerdesk"
    other = tmp_path / "other.txt"
    other.write_text("just some text")
    with pytest.raises(ImportFailed, match=r"other\.txt: .*not recognised"):
        detect_format(other)


def test_read_source_bare_dayone_json() -> None:
    source = read_source(FIXTURES / "dayone" / "Journal.json")
    assert source.format == "dayone" and len(source.plan.entries) == 2
    assert all(not e.files for e in source.plan.entries)


def test_markdown_refuses_a_linked_folder_leading_out(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "2026-01-01.md").write_text("private")
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "2026-03-04.md").write_text("inside")
    os.symlink(outside, notes / "linked")
    plan = read_markdown(notes)
    assert [e.incident.title for e in plan.entries] == ["inside"]
    assert all("private" not in e.incident.title for e in plan.entries)


def test_dayone_zip_with_several_journals(tmp_path: Path) -> None:
    journal = json.loads((FIXTURES / "dayone" / "Journal.json").read_text())
    work = {"metadata": {"version": "1.0"}, "entries": journal["entries"][:1]}
    home = {"metadata": {"version": "1.0"}, "entries": journal["entries"][1:2]}
    target = tmp_path / "two.zip"
    with zipfile.ZipFile(target, "w") as zf:
        zf.writestr("Work.json", json.dumps(work))
        zf.writestr("Home & family.json", json.dumps(home))
    plan = read_dayone(target)
    assert sorted(e.incident.provenance.reference.split(",")[1] for e in plan.entries) == [
        " Home & family.json",
        " Work.json",
    ]
