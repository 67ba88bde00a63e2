"""A CSV file (a spreadsheet's export): one entry per row, with a column mapping.

:func:`read_table` works out the encoding and the delimiter and says which it chose:

- encoding: a UTF-8 or UTF-16 byte-order mark decides; otherwise UTF-8 if the bytes are valid
  UTF-8, else Windows-1252 (what Excel writes on Western Windows), else Latin-1 (which reads
  any bytes);
- delimiter: ``csv.Sniffer`` among ``, ; TAB |``, else a comma.

The mapping (:class:`CsvMapping`) names the column for each field: date (required), time,
title, text, people (names separated by ``;`` or ``,``), tags. :func:`guess_columns` proposes
one from the header names ("Date", "Subject", "Notes" …) for the user to check.

Dates: ISO (``2026-03-04``, ``2026-03-04 14:05``, ``2026-03-04T14:05``) are read as they are.
Day-first and month-first dates (``04/03/2026``, ``4.3.26``) are read in the order the mapping
names (``dmy``, ``mdy``, ``ymd``); when none is named and such dates are present the import
stops with a message saying which order the file suggests (:func:`suggest_date_order`), so an
ambiguous date is never guessed silently. Times: ``14:05``, ``14:05:30``, ``2:05 PM``.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

from peerdesk.i18n import _
from peerdesk.importing.base import ImportFailed, ImportPlan, Skipped, fingerprint
from peerdesk.importing.entries import Found, build_entry

SOURCE = "csv"
FIELDS = ("date", "time", "title", "text", "people", "tags")
DATE_ORDERS = ("dmy", "mdy", "ymd")
#: A CSV larger than this is refused (a journal of 100,000 long rows is far smaller).
MAX_BYTES = 200 * 1024 * 1024

_ISO_RE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](.+))?$")
_NUMERIC_RE = re.compile(r"^(\d{1,4})[/.\-](\d{1,2})[/.\-](\d{1,4})(?:[ ,T]+(.+))?$")
_CLOCK_RE = re.compile(r"^(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?\s*([AaPp]\.?[Mm]\.?)?$")

_CREATION_DATE = "creation date"  # i18n: keep — a header name
_SHORT_DESCRIPTION = "short description"  # i18n: keep — a header name
_GUESSES: dict[str, tuple[str, ...]] = {
    # Header names matched against a file's header (lower-cased), never shown.
    "date": ("date", "day", "datum", "fecha", "when", "created", _CREATION_DATE),
    "time": ("time", "hour", "zeit", "hora"),
    "title": ("title", "subject", "summary", "heading", _SHORT_DESCRIPTION),
    "text": ("text", "body", "notes", "note", "description", "entry", "content", "details"),
    "people": ("people", "person", "who", "names", "persons", "involved"),
    "tags": ("tags", "tag", "labels", "categories", "keywords"),
}


@dataclass(frozen=True)
class CsvTable:
    """The file as rows of text, and how it was read."""

    encoding: str
    delimiter: str
    headers: list[str]
    rows: list[list[str]]
    #: The line in the file where each row starts (for messages).
    lines: list[int] = field(default_factory=list)

    def preview(self, count: int = 5) -> list[list[str]]:
        return self.rows[:count]

    def describe(self) -> str:
        names = {
            # translators: {encoding} is a text encoding (e.g. UTF-8)
            ",": _("{encoding}, separated by comma"),
            # translators: {encoding} is a text encoding (e.g. UTF-8)
            ";": _("{encoding}, separated by semicolon"),
            # translators: {encoding} is a text encoding (e.g. UTF-8)
            "\t": _("{encoding}, separated by tab"),
            # translators: {encoding} is a text encoding (e.g. UTF-8)
            "|": _("{encoding}, separated by vertical bar"),
        }
        # translators: {encoding} is a text encoding (e.g. UTF-8); {separator} a character
        other = _("{encoding}, separated by {separator}")
        return names.get(self.delimiter, other).format(
            encoding=self.encoding, separator=repr(self.delimiter)
        )


@dataclass(frozen=True)
class CsvMapping:
    """Which column holds each field (header names), and the order of numeric dates."""

    columns: dict[str, str]
    date_order: str | None = None


def _line(name: str, number: int) -> str:
    # translators: {where} is a file's name; {number} a line number in it
    return _("{where}, line {number}").format(where=name, number=number)


def decode(raw: bytes) -> tuple[str, str]:
    """The text and the name of the encoding chosen (see the module docstring)."""
    if raw.startswith(codecs.BOM_UTF8):
        return raw[3:].decode("utf-8", "replace"), "UTF-8 (with BOM)"  # i18n: keep — name
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return raw.decode("utf-16", "replace"), "UTF-16"
    try:
        return raw.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), "Windows-1252"  # i18n: keep — name
    except UnicodeDecodeError:
        return raw.decode("latin-1"), "Latin-1"  # i18n: keep — an encoding's name


def _delimiter(text: str) -> str:
    sample = "\n".join(text.split("\n")[:50])
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        return ","


def read_table(path: Path) -> CsvTable:
    path = Path(path)
    try:
        if path.stat().st_size > MAX_BYTES:
            raise ImportFailed(_("The file is larger than 200 MB."), where=path.name)
        raw = path.read_bytes()
    except OSError:
        raise ImportFailed(_("The file cannot be read."), where=path.name) from None
    return table_from_bytes(raw, path.name)


def table_from_bytes(raw: bytes, name: str) -> CsvTable:
    text, encoding = decode(raw)
    text = text.replace("\x00", "")
    delimiter = _delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[list[str]] = []
    lines: list[int] = []
    try:
        start = 1
        for row in reader:
            if any(cell.strip() for cell in row):
                rows.append([cell.strip() for cell in row])
                lines.append(start)
            start = reader.line_num + 1
    except csv.Error as error:
        raise ImportFailed(
            # translators: {reason} is the CSV reader's own (English) description
            _("The CSV cannot be read ({reason}).").format(reason=error),
            where=_line(name, reader.line_num),
        ) from None
    if not rows:
        raise ImportFailed(_("The CSV file is empty."), where=name)
    headers = rows[0]
    return CsvTable(encoding, delimiter, headers, rows[1:], lines[1:])


def guess_columns(headers: list[str]) -> dict[str, str]:
    """A mapping from the header names, for the user to check."""
    mapping: dict[str, str] = {}
    for key, names in _GUESSES.items():
        for header in headers:
            if header.strip().lower() in names and header not in mapping.values():
                mapping[key] = header
                break
    return mapping


def _numeric(value: str) -> tuple[int, int, int] | None:
    match = _NUMERIC_RE.match(value.strip())
    if match is None or _ISO_RE.match(value.strip()):
        return None
    return int(match.group(1)), int(match.group(2)), int(match.group(3))


def suggest_date_order(values: list[str]) -> str | None:
    """The order the numeric dates in ``values`` allow (``dmy``/``mdy``/``ymd``), or None when
    they allow none or more than one (e.g. every date is like ``03/04/2026``)."""
    possible = set(DATE_ORDERS)
    seen = False
    for value in values:
        parts = _numeric(value)
        if parts is None:
            continue
        fits = {order for order in DATE_ORDERS if _from_parts(parts, order) is not None}
        if fits:  # a date that fits no order at all (31/02) says nothing about the order
            seen = True
            possible &= fits
    if not seen or len(possible) != 1:
        return None
    return possible.pop()


def _year(value: int) -> int:
    return value + 2000 if value < 70 else value + 1900 if value < 100 else value


def _from_parts(parts: tuple[int, int, int], order: str) -> date | None:
    a, b, c = parts
    if order == "ymd":
        y, m, d = a, b, c
    elif order == "dmy":
        d, m, y = a, b, c
    else:
        m, d, y = a, b, c
    if order != "ymd" and a > 31:
        return None
    try:
        return date(_year(y), m, d)
    except ValueError:
        return None


def parse_time(value: str) -> time | None:
    match = _CLOCK_RE.match(value.strip())
    if match is None:
        return None
    hour, minute = int(match.group(1)), int(match.group(2))
    meridiem = (match.group(4) or "").replace(".", "").lower()
    if meridiem:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if meridiem == "pm" else 0)
    try:
        return time(hour, minute, int(match.group(3) or 0))
    except ValueError:
        return None


def parse_date(value: str, order: str | None) -> tuple[date, time | None]:
    """A cell's date (and time, if it holds one); raises ValueError with the reason."""
    value = value.strip()
    iso = _ISO_RE.match(value)
    if iso is not None:
        try:
            day = date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        except ValueError:
            raise ValueError(_("the date cannot be read")) from None
        rest = iso.group(4)
        if rest:
            try:
                return day, datetime.fromisoformat(f"{day.isoformat()}T{rest}").time()
            except ValueError:
                return day, parse_time(rest)
        return day, None
    parts = _numeric(value)
    if parts is None:
        raise ValueError(_("the date cannot be read"))
    if order is None:
        raise ValueError(_("the order of day and month is not chosen"))
    found = _from_parts(parts, order)
    if found is None:
        # translators: {order} is DMY, MDY or YMD (day, month, year)
        raise ValueError(_("the date cannot be read as {order}").format(order=order.upper()))
    rest = _NUMERIC_RE.match(value)
    clock = rest.group(4) if rest is not None else None
    return found, parse_time(clock) if clock else None


def _column(table: CsvTable, mapping: CsvMapping, key: str, name: str) -> int | None:
    header = mapping.columns.get(key)
    if not header:
        return None
    try:
        return table.headers.index(header)
    except ValueError:
        raise ImportFailed(
            # translators: {column} is a column's header; {field} is date, time, title, text,
            # tags or people (the names typed in --csv-columns)
            _("There is no column “{column}” for the {field}.").format(column=header, field=key),
            where=name,
        ) from None


def read_csv(path: Path, mapping: CsvMapping | None = None) -> ImportPlan:
    """Read a CSV file with ``mapping`` (guessed from the headers when None)."""
    path = Path(path)
    return plan_from_table(read_table(path), mapping, path.name)


def plan_from_table(table: CsvTable, mapping: CsvMapping | None, name: str) -> ImportPlan:
    mapping = mapping or CsvMapping(guess_columns(table.headers))
    columns = {key: _column(table, mapping, key, name) for key in FIELDS}
    date_col = columns["date"]
    if date_col is None:
        raise ImportFailed(
            _("Choose the column that holds the date (e.g. --csv-columns date=Date)."), where=name
        )
    order = mapping.date_order
    if order is None:
        dates = [row[date_col] for row in table.rows if date_col < len(row)]
        if any(_numeric(v) is not None for v in dates):
            suggested = suggest_date_order(dates)
            if suggested:
                # translators: dmy, mdy and ymd are values to type; {order} is one of them in
                # capitals (DMY)
                message = _(
                    "Some dates are written like 04/03/2026: choose whether the day or the month "
                    "comes first (--date-order dmy, mdy or ymd). The dates here can only be "
                    "{order}."
                ).format(order=suggested.upper())
            else:
                # translators: dmy, mdy and ymd are values to type
                message = _(
                    "Some dates are written like 04/03/2026: choose whether the day or the month "
                    "comes first (--date-order dmy, mdy or ymd). The dates here fit more than "
                    "one order."
                )
            raise ImportFailed(message, where=name)
    plan = ImportPlan(source=SOURCE)
    for row, line in zip(table.rows, table.lines or range(2, len(table.rows) + 2), strict=False):
        where = _line(name, line)

        def cell(key: str, row: list[str] = row) -> str:
            index = columns[key]
            return row[index] if index is not None and index < len(row) else ""

        try:
            day, at = parse_date(cell("date"), order)
        except ValueError as error:
            plan.skipped.append(Skipped(where=where, reason=str(error)))
            continue
        if cell("time"):
            at = parse_time(cell("time")) or at
        result = build_entry(
            Found(
                source=SOURCE,
                fingerprint=fingerprint(SOURCE, *row),
                reference=where,
                day=day,
                at=at,
                written_at=None,
                title=cell("title"),
                text=cell("text"),
                tags=_split(cell("tags")),
                people=_split(cell("people")),
            )
        )
        if isinstance(result, Skipped):
            plan.skipped.append(result)
        else:
            plan.entries.append(result)
    return plan


def _split(value: str) -> list[str]:
    separator = ";" if ";" in value else ","
    return [v.strip() for v in value.split(separator) if v.strip()]


__all__ = [
    "DATE_ORDERS",
    "FIELDS",
    "SOURCE",
    "CsvMapping",
    "CsvTable",
    "decode",
    "guess_columns",
    "parse_date",
    "plan_from_table",
    "read_csv",
    "read_table",
    "suggest_date_order",
    "table_from_bytes",
]
