"""A long table laid out a page at a time.

reportlab lays out a ``Table`` as a whole: at every page break it measures every remaining
row again and copies every remaining style command into the table that is left, so a table
of ``n`` rows over ``p`` pages costs time in ``n × p``: the report's chronology of 10,000
entries spent most of its time there. :class:`PagedTable` holds the rows and builds a
reportlab ``Table`` of only as many rows as the space it is offered can take (doubling
from a few), splits that one as reportlab would, and keeps the rows after it for the next
page. The header row still repeats on every page and the zebra rows still alternate by
the row's place in the whole table, so the pages are those of the one table."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from reportlab.platypus import Flowable, Table

#: How many rows a :class:`PagedTable` first tries for a page (then twice as many, …).
FIRST_TRY = 16

Row = list[Any]  # the cells of one row, in reading order (flowables, or lists of them)
#: (rows, the body index of the first, their heights where known) -> the table
Build = Callable[[list[Row], int, list[float | None]], Table]


class PagedTable(Flowable):  # type: ignore[misc]
    """``rows[start:]`` (after ``carried``, the rest of a row split across a page break, or
    rows left of the last try) as a table built by ``build``.

    ``build(rows, first, heights)`` makes a reportlab ``Table`` with the header row (if
    any) above ``rows``, whose first is row ``first`` of the whole table's body, of
    ``heights`` where not None: each row is measured once (``heights`` here holds them by
    the row's index, shared with the parts that follow). ``header`` is how many rows of a
    built table are the repeated header (0 or 1); ``right_to_left`` that a built table's
    rows are in reverse order (its first column at the right)."""

    def __init__(
        self,
        rows: Sequence[Row],
        build: Build,
        *,
        header: int,
        right_to_left: bool,
        h_align: str,
        start: int = 0,
        carried: Sequence[Row] = (),
        heights: dict[int, float] | None = None,
        fits: int = FIRST_TRY,
    ) -> None:
        super().__init__()
        self._rows = rows
        self._build = build
        self._header = header
        self._rtl = right_to_left
        self._start = start
        self._carried = list(carried)
        self._heights: dict[int, float] = {} if heights is None else heights
        self._fits = fits  # how many rows to try first: as many as fitted the last page, and 2
        self.hAlign = h_align
        self._table: Table | None = None
        self._used = (0, 0)  # rows of ``carried`` and of ``rows`` (from ``start``) in ``_table``
        self._asked: tuple[float, float] | None = None

    def _canvas(self) -> Any:
        """The canvas reportlab gave for this measure (none when asked directly)."""
        return getattr(self, "canv", None)

    def _first(self) -> int:
        """The body index of the first row this table holds."""
        return self._start - len(self._carried)

    def _complete(self) -> bool:
        """Whether ``_table`` holds every row left."""
        carried, fresh = self._used
        return carried == len(self._carried) and self._start + fresh >= len(self._rows)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        take = max(2, self._fits)
        known = self._heights
        while True:
            carried = self._carried[:take]
            fresh = self._rows[self._start : self._start + take - len(carried)]
            heights = [None] * len(carried) + [
                known.get(k) for k in range(self._start, self._start + len(fresh))
            ]
            table = self._build(carried + list(fresh), self._first(), heights)
            width, height = table.wrapOn(self._canvas(), availWidth, availHeight)
            measured = table._rowHeights[self._header + len(carried) :]
            for k, got in enumerate(measured, start=self._start):
                if got is not None:
                    known[k] = got
            self._table, self._used = table, (len(carried), len(fresh))
            if height > availHeight or self._complete():
                break
            take *= 2
        self._asked = (availWidth, availHeight)
        self.width, self.height = width, height
        return width, height

    def _wrapped(self, availWidth: float, availHeight: float) -> Table:
        if self._table is None or self._asked != (availWidth, availHeight):
            self.wrapOn(self._canvas(), availWidth, availHeight)
        assert self._table is not None
        return self._table

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        table = self._wrapped(availWidth, availHeight)
        parts: list[Flowable] = table.splitOn(self._canvas(), availWidth, availHeight)
        if not parts or self._complete():
            return parts
        used_carried, used_fresh = self._used
        later = self._carried[used_carried:]  # rows after the table tried, before ``start``
        start = self._start + used_fresh
        if len(parts) == 1:  # every row tried fits: the rest follows
            return [parts[0], self._rest(start, later, used_carried + used_fresh)]
        *done, left = parts
        carried = [list(row) for row in left._cellvalues[self._header :]]
        if self._rtl:
            carried = [row[::-1] for row in carried]
        placed = sum(len(part._cellvalues) - self._header for part in done)
        return [*done, self._rest(start, carried + later, placed)]

    def _rest(self, start: int, carried: list[Row], placed: int) -> PagedTable:
        """The rows after ``carried`` and ``start``, tried ``placed`` and 2 at a time."""
        return PagedTable(
            self._rows,
            self._build,
            header=self._header,
            right_to_left=self._rtl,
            h_align=self.hAlign,
            start=start,
            carried=carried,
            heights=self._heights,
            fits=placed + 2,
        )

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        table = self._table
        assert table is not None, "drawn before it was measured"
        table.drawOn(canvas, x, y, _sW)
