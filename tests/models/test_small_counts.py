"""Small counts hidden in exported statistics, so that no count of 1 or 2 shows or can be
worked out from a total."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from peerdesk.models.small_counts import CountGroup, hidden_counts, hidden_text, shown


def test_primary_and_secondary() -> None:
    groups = [
        CountGroup("month", {"jan": 1, "feb": 4, "mar": 7, "apr": 0}, total="all"),
        CountGroup("theme", {"a": 2, "b": 9}),
    ]
    hidden = hidden_counts(groups, {"all": 12, "people": 1})
    assert hidden == {"month:jan", "month:feb", "theme:a", "total:people"}
    assert shown(7, "month:mar", hidden) == "7"
    assert shown(1, "month:jan", hidden) == hidden_text() == "<3"


def test_lone_small_part_hides_the_total() -> None:
    hidden = hidden_counts([CountGroup("g", {"x": 5, "y": 0}, total="t")], {"t": 5})
    assert hidden == set()
    hidden = hidden_counts([CountGroup("g", {"x": 2, "y": 0}, total="t")], {"t": 2})
    assert hidden == {"g:x", "total:t"}


def test_a_lone_hidden_part_hides_a_total_other_groups_share() -> None:
    groups = [
        CountGroup("a", {"x": 1, "y": 0}, total="t"),
        CountGroup("b", {"p": 3, "q": 4}, total="t"),
    ]
    # Group a has no other count left to hide, so the total goes, although group b would
    # have shown it.
    hidden = hidden_counts(groups, {"t": 7})
    assert "a:x" in hidden and "total:t" in hidden


cells = st.dictionaries(st.sampled_from("abcdefgh"), st.integers(0, 12), min_size=1)


@given(st.lists(cells, min_size=1, max_size=4), st.integers(2, 5))
def test_nothing_small_shows_and_nothing_hidden_can_be_subtracted(
    groups_cells: list[dict[str, int]], threshold: int
) -> None:
    groups = [CountGroup(f"g{i}", c, total=f"t{i}") for i, c in enumerate(groups_cells)]
    totals = {f"t{i}": sum(c.values()) for i, c in enumerate(groups_cells)}
    hidden = hidden_counts(groups, totals, threshold)
    for group in groups:
        for key, value in group.cells.items():
            if 0 < value < threshold:
                assert f"{group.name}:{key}" in hidden
            if value == 0:
                assert f"{group.name}:{key}" not in hidden  # zeros say nothing about anyone
        if f"total:{group.total}" in hidden:
            continue
        hidden_parts = [k for k, v in group.cells.items() if f"{group.name}:{k}" in hidden]
        assert len(hidden_parts) != 1  # one hidden part + a shown total = no secret
