"""jrnl's journals: its plain-text file and its JSON export.

The plain-text journal is a run of entries, each starting on a line with its date, time and
title: ``[2012-03-29 09:00] Called in sick.`` since jrnl 2.0, ``2012-03-29 09:00 Called in
sick.`` before, and other clocks where the user's ``timeformat`` says so (``09:00:15``,
``09:00 AM``). The lines after it up to the next date line are the body (blank lines included).
A title ending in ``*`` (or starting with one) marks a starred entry; ``@words`` in the title
or body are tags.

A line that starts like a date line but whose date cannot be read (``[2013-13-45 25:99]``)
ends the previous entry and is skipped with its line number; text before the first date line
is skipped likewise.

The JSON export is ``{"tags": {"@work": 2}, "entries": [{"title", "body", "date": "2013-06-09",
"time": "15:39", "tags": ["@work"], "starred": false}]}``.

jrnl writes local times without a zone: they are read as the local time of this computer.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from peerdesk.i18n import _
from peerdesk.importing.base import ImportFailed, ImportPlan, Skipped, fingerprint
from peerdesk.importing.entries import Found, build_entry

SOURCE = "jrnl"

_DATE = r"(\d{4})-(\d{1,2})-(\d{1,2})"
_CLOCK = r"(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([AaPp][Mm]))?"
#: ``[date time] title`` (jrnl 2+) or ``date time title`` (jrnl 1).
DATE_LINE_RE = re.compile(rf"^(?:\[{_DATE}[ T]{_CLOCK}\]|{_DATE}[ T]{_CLOCK})(?:[ \t]+(.*))?$")
#: What looks like a date line even if its date cannot be read.
_LOOKS_LIKE_DATE_RE = re.compile(r"^\[\d{2,4}[-/.]\d{1,2}[-/.]\d{1,4}[^\]\n]*\]")
_TAG_RE = re.compile(r"(?<![\w@])@([\w][\w-]*)")

_JSON_FIELDS = ("title", "body", "date")


def _line(name: str, number: int) -> str:
    # translators: {where} is a file's name; {number} a line number in it
    return _("{where}, line {number}").format(where=name, number=number)


def is_jrnl_json(data: object) -> bool:
    """Whether parsed JSON has the shape of jrnl's export."""
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        return False
    entries = data["entries"]
    return bool(entries) and all(
        isinstance(e, dict) and all(k in e for k in _JSON_FIELDS) for e in entries[:5]
    )


def looks_like_jrnl_text(text: str) -> bool:
    """Whether the first non-empty line of ``text`` is a jrnl date line."""
    for raw in text.splitlines():
        if raw.strip():
            return DATE_LINE_RE.match(raw.rstrip()) is not None
    return False


def _moment(groups: tuple[str | None, ...]) -> datetime:
    """A date line's date and time (raises ValueError when they cannot be read)."""
    year, month, day, hour, minute, second, meridiem = groups
    assert year and month and day and hour and minute
    h = int(hour)
    if meridiem:
        if not 1 <= h <= 12:
            raise ValueError("hour")
        h = h % 12 + (12 if meridiem.lower() == "pm" else 0)
    return datetime(int(year), int(month), int(day), h, int(minute), int(second or 0))


def local_moment(moment: datetime) -> datetime | None:
    """A naive local time as an aware one in this computer's zone (None when out of range)."""
    try:
        return moment.astimezone()
    except (OverflowError, ValueError, OSError):
        return None


def _title_star(title: str) -> tuple[str, bool]:
    stripped = title.strip()
    if stripped.endswith("*"):
        return stripped.rstrip("*").rstrip(), True
    if stripped.startswith("*") and not stripped.startswith("**"):
        return stripped[1:].lstrip(), True
    return stripped, False


def _decode(raw: bytes, where: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ImportFailed(
            _("This is not UTF-8 text (jrnl writes UTF-8); it may be encrypted."),
            where=_("{where}, line {number}").format(where=where, number=line),
        ) from None


def read_jrnl(path: Path) -> ImportPlan:
    """Read a jrnl journal: JSON export or plain text, told apart by the content."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError:
        raise ImportFailed(_("The file cannot be read."), where=path.name) from None
    return read_jrnl_bytes(raw, path.name)


def read_jrnl_bytes(raw: bytes, name: str) -> ImportPlan:
    text = _decode(raw, name)
    if text.lstrip().startswith("{"):
        return _read_json(text, name)
    return read_jrnl_text(text, name)


def read_jrnl_text(text: str, name: str) -> ImportPlan:
    """Read jrnl's plain-text journal (see the module docstring)."""
    plan = ImportPlan(source=SOURCE)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    current: tuple[int, datetime, str] | None = None
    body: list[str] = []
    preamble: int | None = None
    in_skipped = False

    def finish() -> None:
        if current is not None:
            _add_text_entry(plan, name, current, body)

    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip()
        match = DATE_LINE_RE.match(line)
        if match is not None:
            groups = match.groups()
            parts = groups[:7] if groups[0] is not None else groups[7:14]
            try:
                moment = _moment(parts)
            except ValueError:
                finish()
                current, body, in_skipped = None, [], True
                plan.skipped.append(
                    Skipped(where=_line(name, number), reason=_("its date cannot be read"))
                )
                continue
            finish()
            current, body = (number, moment, groups[14] or ""), []
        elif _LOOKS_LIKE_DATE_RE.match(line):
            finish()
            current, body, in_skipped = None, [], True
            plan.skipped.append(
                Skipped(where=_line(name, number), reason=_("its date cannot be read"))
            )
        elif current is not None:
            body.append(raw)
        elif line.strip() and preamble is None and not in_skipped:
            preamble = number
    finish()
    if preamble is not None:
        plan.skipped.append(
            Skipped(where=_line(name, preamble), reason=_("text before the first dated entry"))
        )
    if not plan.entries and not plan.skipped:
        raise ImportFailed(
            _(
                "No jrnl entries were found (each starts with a line such as "
                "“[2026-03-04 09:15] Title”)."
            ),
            where=name,
        )
    return plan


def _add_text_entry(
    plan: ImportPlan, name: str, current: tuple[int, datetime, str], body: list[str]
) -> None:
    number, moment, raw_title = current
    title, starred = _title_star(raw_title)
    text = "\n".join(body).strip("\n")
    tags = _TAG_RE.findall(f"{title}\n{text}")
    if starred:
        tags.append("starred")
    where = _line(name, number)
    result = build_entry(
        Found(
            source=SOURCE,
            fingerprint=fingerprint(SOURCE, moment.isoformat(), raw_title.strip(), text),
            reference=where,
            day=moment.date(),
            at=moment.time(),
            written_at=local_moment(moment),
            title=title,
            text=text,
            tags=tags,
        )
    )
    if isinstance(result, Skipped):
        plan.skipped.append(result)
    else:
        plan.entries.append(result)


def _read_json(text: str, name: str) -> ImportPlan:
    try:
        data: Any = json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportFailed(
            # translators: {line} and {column} are numbers: where the file is wrong
            _("This is not valid JSON (line {line}, column {column}).").format(
                line=error.lineno, column=error.colno
            ),
            where=name,
        ) from None
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise ImportFailed(
            _('This JSON is not a jrnl export: it has no list of "entries".'), where=name
        )
    plan = ImportPlan(source=SOURCE)
    for index, entry in enumerate(data["entries"], start=1):
        # translators: {where} is a file; {number} the entry's position in it
        where = _("{where}, entry {number}").format(where=name, number=index)
        if not isinstance(entry, dict):
            plan.skipped.append(Skipped(where=where, reason=_("not an entry (not a JSON object)")))
            continue
        moment = _json_moment(entry)
        if moment is None:
            plan.skipped.append(Skipped(where=where, reason=_("its date cannot be read")))
            continue
        title = entry.get("title")
        body = entry.get("body")
        title = title if isinstance(title, str) else ""
        body = body if isinstance(body, str) else ""
        tags = [t for t in entry.get("tags") or [] if isinstance(t, str)]
        if entry.get("starred") is True:
            tags.append("starred")
        result = build_entry(
            Found(
                source=SOURCE,
                fingerprint=fingerprint(SOURCE, moment.isoformat(), title.strip(), body.strip()),
                reference=where,
                day=moment.date(),
                at=moment.time(),
                written_at=local_moment(moment),
                title=title,
                text=body,
                tags=tags,
            )
        )
        if isinstance(result, Skipped):
            plan.skipped.append(result)
        else:
            plan.entries.append(result)
    return plan


def _json_moment(entry: dict[str, Any]) -> datetime | None:
    day, clock = entry.get("date"), entry.get("time")
    if not isinstance(day, str):
        return None
    try:
        when = date.fromisoformat(day.strip())
        at = time.fromisoformat(clock.strip()) if isinstance(clock, str) and clock else time()
    except ValueError:
        return None
    return datetime.combine(when, at.replace(tzinfo=None))


__all__ = [
    "DATE_LINE_RE",
    "SOURCE",
    "is_jrnl_json",
    "looks_like_jrnl_text",
    "read_jrnl",
    "read_jrnl_bytes",
    "read_jrnl_text",
]
