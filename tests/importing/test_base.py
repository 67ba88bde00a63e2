"""The plan every importer returns: its preview leaves out what was imported before."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from peerdesk.importing.base import ImportedEntry, ImportedFile, ImportPlan, Skipped, fingerprint
from peerdesk.models import Incident
from peerdesk.models.provenance import Provenance


def _entry(day: int, key: str, files: int = 0) -> ImportedEntry:
    incident = Incident(
        event_date=date(2025, 1, day),
        title=key,
        provenance=Provenance(source="jrnl", fingerprint=fingerprint(key)),
    )
    return ImportedEntry(
        incident=incident,
        files=[ImportedFile(name=f"{key}-{n}.txt", data=b"x") for n in range(files)],
    )


def test_the_preview_counts_new_entries_their_days_and_files() -> None:
    plan = ImportPlan(
        source="jrnl",
        entries=[_entry(5, "a", 1), _entry(2, "b"), _entry(9, "c", 2)],
        skipped=[Skipped(where="line 7", reason="no date")],
    )
    preview = plan.preview(already_imported=frozenset({fingerprint("c")}))
    assert (preview.entries, preview.first, preview.last) == (2, date(2025, 1, 2), date(2025, 1, 5))
    assert (preview.files, preview.already_imported) == (1, 1)
    assert preview.skipped == (Skipped(where="line 7", reason="no date"),)
    empty = ImportPlan(source="csv").preview()
    assert (empty.entries, empty.first, empty.last) == (0, None, None)


@given(st.lists(st.text(), max_size=4), st.lists(st.text(), max_size=4))
def test_different_parts_never_share_a_fingerprint(a: list[str], b: list[str]) -> None:
    assert (fingerprint(*a) == fingerprint(*b)) == (a == b)


def test_a_file_knows_its_sha256() -> None:
    assert ImportedFile(name="a", data=b"abc").sha256 == (
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    )
