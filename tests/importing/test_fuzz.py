"""The text parsers never raise anything but ImportFailed, whatever they are given."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from peerdesk.importing.base import ImportFailed, ImportPlan
from peerdesk.importing.csv_import import CsvMapping, plan_from_table, table_from_bytes
from peerdesk.importing.jrnl import read_jrnl_bytes
from peerdesk.importing.markdown import parse_front_matter

_JRNLISH = st.lists(
    st.one_of(
        st.text(max_size=60),
        st.from_regex(r"\[\d{4}-\d{1,2}-\d{1,2} \d{1,2}:\d{2}( [AP]M)?\] .{0,20}", fullmatch=True),
        st.from_regex(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}\*?", fullmatch=True),
        st.just(""),
        st.just("{"),
    ),
    max_size=12,
).map("\n".join)


def _check(plan: ImportPlan) -> None:
    for entry in plan.entries:
        entry.incident.validate()
        assert entry.incident.provenance is not None


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.one_of(_JRNLISH.map(str.encode), st.binary(max_size=200)))
def test_jrnl_parser_only_raises_import_failed(raw: bytes) -> None:
    try:
        _check(read_jrnl_bytes(raw, "journal.txt"))
    except ImportFailed as error:
        assert str(error).startswith("journal.txt")


_CELL = st.one_of(
    st.text(max_size=20),
    st.from_regex(r"\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}( \d{1,2}:\d{2})?", fullmatch=True),
    st.dates().map(str),
)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    st.one_of(
        st.lists(st.lists(_CELL, min_size=1, max_size=4), max_size=6).map(
            lambda rows: "\n".join(",".join(r) for r in rows).encode("utf-8")
        ),
        st.binary(max_size=200),
    ),
    st.sampled_from([None, "dmy", "mdy", "ymd"]),
)
def test_csv_parser_only_raises_import_failed(raw: bytes, order: str | None) -> None:
    try:
        table = table_from_bytes(raw, "notes.csv")
        header = table.headers[0] if table.headers else "x"
        mapping = CsvMapping({"date": header, "title": table.headers[-1]}, order)
        _check(plan_from_table(table, mapping, "notes.csv"))
    except ImportFailed as error:
        assert str(error).startswith("notes.csv")


@given(st.text(max_size=200))
def test_front_matter_parser_never_raises(text: str) -> None:
    parse_front_matter("---\n" + text)
    parse_front_matter(text)
