"""CSV export: one row per entry, for a spreadsheet.

UTF-8 with a byte-order mark (Excel reads UTF-8 without one as the local code page;
LibreOffice, Numbers and Python's ``utf-8-sig`` skip it), comma-separated, every cell quoted
where needed, CRLF line ends (RFC 4180). Dates are ISO 8601 so they sort.

Formula injection: a cell whose text starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return is prefixed with an apostrophe (``'``), as OWASP's "CSV Injection" page advises, so a
spreadsheet shows it as text instead of running it. Files are not in the CSV (their names are,
in the Attachments column); the JSON archive and Markdown export carry them.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

from peerdesk.export.data.readable import entry_fields, labels, readable_for
from peerdesk.models.data_export import DataExport

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_NAME = "peerdesk-export.csv"


def safe_cell(text: str) -> str:
    """``text`` with an apostrophe in front when a spreadsheet would read it as a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_bytes(export: DataExport, tick: Callable[[], None]) -> bytes:
    names = labels()
    readable = readable_for(export)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(list(names.values()))
    for entry in export.entries:
        fields = entry_fields(entry, readable)
        writer.writerow([safe_cell(fields.get(key, "")) for key in names])
        tick()
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8", "surrogatepass")


__all__ = ["CSV_NAME", "FORMULA_STARTS", "csv_bytes", "safe_cell"]
