"""A folder of Markdown notes (as Obsidian or a plain notes folder keeps them), or one file.

Each ``.md`` / ``.markdown`` file is one entry. Its date comes from, in order:

1. front matter (``---`` lines at the top) with ``date:`` (``2026-03-04``, ``2026-03-04 14:05``,
   ``2026-03-04T14:05:00+01:00``), and optionally ``time:``, ``title:``, ``tags:``,
   ``people:``, ``place:``; lists as ``[a, b]`` or ``- a`` lines. Only this safe subset of YAML
   is read (no YAML library, nothing executed);
2. the file name: an Obsidian daily note ``2026-03-04.md`` or ``2026-03-04 Meeting.md``;
3. the first heading: ``# 2026-03-04`` or ``# 2026-03-04 Meeting``.

A file with none of these is skipped with the reason. ``#tags`` in the text are tags. Hidden
folders (``.obsidian``, ``.trash``) are not read, and a symbolic link that leads out of the
folder is refused (skipped, named).
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path

from peerdesk.i18n import _
from peerdesk.importing.base import ImportedEntry, ImportFailed, ImportPlan, Skipped, fingerprint
from peerdesk.importing.entries import Found, build_entry

SOURCE = "markdown"
SUFFIXES = (".md", ".markdown")
#: A note larger than this is not a journal entry.
MAX_NOTE_BYTES = 5 * 1024 * 1024

_NAME_DATE_RE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[ _T-]+(.*))?$")
_HEADING_RE = re.compile(r"^#{1,6}\s+(\d{4}-\d{2}-\d{2})(?:[ T]+(\d{1,2}:\d{2}))?\s*[-–:]?\s*(.*)$")
_HASHTAG_RE = re.compile(r"(?<![\w#&/])#([^\W\d][\w/-]*)")
_KEY_RE = re.compile(r"^([A-Za-z_][\w -]*):\s*(.*)$")


@dataclass(frozen=True)
class FrontMatter:
    fields: dict[str, str | list[str]]
    body: str


def _scalar(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def parse_front_matter(text: str) -> FrontMatter:
    """Split off ``---`` front matter, reading ``key: value`` and lists; anything else in it is
    ignored. Text without front matter comes back whole."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return FrontMatter({}, text)
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
    if end is None:
        return FrontMatter({}, text)
    fields: dict[str, str | list[str]] = {}
    key: str | None = None
    for raw in lines[1:end]:
        stripped = raw.strip()
        if stripped.startswith("- ") and key is not None:
            current = fields.get(key)
            items = current if isinstance(current, list) else []
            items.append(_scalar(stripped[2:]))
            fields[key] = items
            continue
        match = _KEY_RE.match(raw)
        if match is None:
            continue
        key = match.group(1).strip().lower()
        value = match.group(2).strip()
        if value.startswith("[") and value.endswith("]"):
            fields[key] = [_scalar(v) for v in value[1:-1].split(",") if v.strip()]
        else:
            fields[key] = _scalar(value)
    return FrontMatter(fields, "\n".join(lines[end + 1 :]))


def _as_list(value: str | list[str] | None) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return value
    return [v for v in (p.strip() for p in value.split(",")) if v]


def _front_moment(fields: dict[str, str | list[str]]) -> tuple[date, time | None] | None:
    value = fields.get("date") or fields.get("created")
    if not isinstance(value, str) or not value:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    at: time | None = moment.time() if (len(value.strip()) > 10) else None
    clock = fields.get("time")
    if isinstance(clock, str) and clock:
        with contextlib.suppress(ValueError):
            at = time.fromisoformat(clock)
    return moment.date(), at


def _files(root: Path, plan: ImportPlan) -> list[Path]:
    if root.is_file():
        return [root]
    if not root.is_dir():
        raise ImportFailed(_("There is no such file or folder."), where=root.name)
    base = root.resolve()
    found: list[Path] = []
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if path.suffix.lower() not in SUFFIXES:
            continue
        if not path.resolve().is_relative_to(base):
            plan.skipped.append(
                Skipped(
                    where=str(relative),
                    reason=_("a link to a file outside the folder, so it is not read"),
                )
            )
            continue
        if path.is_file():
            found.append(path)
    return found


def read_markdown(path: Path) -> ImportPlan:
    """Read a folder of Markdown notes, or one note."""
    root = Path(path)
    plan = ImportPlan(source=SOURCE)
    files = _files(root, plan)
    for file in files:
        where = file.name if file == root else str(file.relative_to(root))
        try:
            if file.stat().st_size > MAX_NOTE_BYTES:
                plan.skipped.append(Skipped(where=where, reason=_("larger than 5 MB")))
                continue
            raw = file.read_bytes()
        except OSError:
            plan.skipped.append(Skipped(where=where, reason=_("it cannot be read")))
            continue
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            plan.skipped.append(Skipped(where=where, reason=_("it is not UTF-8 text")))
            continue
        result = _note(text.replace("\r\n", "\n"), file, where, raw)
        if isinstance(result, Skipped):
            plan.skipped.append(result)
        else:
            plan.entries.append(result)
    if not files and not plan.skipped:
        raise ImportFailed(_("The folder holds no Markdown notes (.md files)."), where=root.name)
    return plan


def _note(text: str, file: Path, where: str, raw: bytes) -> ImportedEntry | Skipped:
    front = parse_front_matter(text)
    fields, body = front.fields, front.body
    title_field = fields.get("title")
    title = title_field if isinstance(title_field, str) else ""
    moment = _front_moment(fields)
    if moment is None:
        name_match = _NAME_DATE_RE.match(file.stem)
        if name_match is not None:
            try:
                moment = (date.fromisoformat(name_match.group(1)), None)
                title = title or (name_match.group(2) or "").strip()
            except ValueError:
                moment = None
    if moment is None:
        for line in body.split("\n"):
            if not line.strip():
                continue
            heading = _HEADING_RE.match(line.strip())
            if heading is not None:
                try:
                    clock = (
                        time.fromisoformat(heading.group(2).zfill(5)) if heading.group(2) else None
                    )
                    moment = (date.fromisoformat(heading.group(1)), clock)
                except ValueError:
                    moment = None
                else:
                    title = title or heading.group(3).strip()
                    body = body.split(line, 1)[1]
            break
    if moment is None:
        return Skipped(
            where=where,
            reason=_("no date in front matter, in the file name or in the first heading"),
        )
    day, at = moment
    tags = _as_list(fields.get("tags")) + _HASHTAG_RE.findall(body)
    place = fields.get("place") or fields.get("location")
    written = None
    if at is not None:
        try:
            written = datetime.combine(day, at).astimezone(UTC)
        except (OverflowError, ValueError, OSError):
            written = None
    return build_entry(
        Found(
            source=SOURCE,
            fingerprint=fingerprint(SOURCE, file.name, raw),
            reference=where,
            day=day,
            at=at,
            written_at=written,
            title=title or ("" if _NAME_DATE_RE.match(file.stem) else file.stem),
            text=body,
            place=place if isinstance(place, str) else "",
            tags=tags,
            people=_as_list(fields.get("people")),
        )
    )


__all__ = ["SOURCE", "FrontMatter", "parse_front_matter", "read_markdown"]
