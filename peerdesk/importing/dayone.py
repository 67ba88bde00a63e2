"""Day One's JSON export: a zip holding ``Journal.json`` (or one JSON file per journal) and the
media in ``photos/``, ``videos/``, ``audios/`` and ``pdfs/``, each file named by its MD5 and type.

Each entry in ``{"metadata": {...}, "entries": [...]}`` has ``uuid``, ``text`` (Markdown, in
which a photo appears as ``![](dayone-moment://IDENTIFIER)``), ``creationDate`` (UTC,
``2024-01-05T03:02:50Z``), ``timeZone`` (``Europe/London``), ``tags``, ``starred``,
``location`` (``placeName``, ``localityName``, ``country`` …) and ``photos`` (each with
``identifier``, ``md5`` and ``type``; ``videos``, ``audios`` and ``pdfAttachments`` alike).

The entry's date and time are the creation moment in the entry's own time zone; the provenance
claims that moment "according to Day One", with the zone. A starred entry gets the tag
"starred". A bare ``Journal.json`` (not zipped) is read too, without its media.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from peerdesk.i18n import _
from peerdesk.importing.base import (
    ImportedEntry,
    ImportedFile,
    ImportFailed,
    ImportPlan,
    Skipped,
    fingerprint,
)
from peerdesk.importing.entries import Found, build_entry
from peerdesk.importing.safety import DEFAULT_LIMITS, SafeZip, ZipLimits, is_zip

SOURCE = "dayone"
_MOMENT_RE = re.compile(r"!\[[^\]]*\]\(dayone-moment:/*(?:[a-zA-Z]+/)?([A-Za-z0-9-]+)\)")
#: Media lists of an entry and the folder of the zip that holds their files.
_MEDIA = {"photos": "photos", "videos": "videos", "audios": "audios", "pdfAttachments": "pdfs"}


def is_dayone_json(data: object) -> bool:
    """Whether parsed JSON has Day One's shape (entries with a ``creationDate``)."""
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        return False
    entries = data["entries"]
    return not entries or (isinstance(entries[0], dict) and "creationDate" in entries[0])


def _load_json(raw: bytes, where: str) -> Any:
    try:
        return json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ImportFailed(
            _("This is not UTF-8 text, so it is not Day One's JSON."), where=where
        ) from None
    except json.JSONDecodeError as error:
        raise ImportFailed(
            # translators: {line} and {column} are numbers: where the file is wrong
            _("This is not valid JSON (line {line}, column {column}).").format(
                line=error.lineno, column=error.colno
            ),
            where=where,
        ) from None


def read_dayone(path: Path, *, limits: ZipLimits | None = None) -> ImportPlan:
    """Read a Day One export (zip or bare JSON) into a plan."""
    path = Path(path)
    plan = ImportPlan(source=SOURCE)
    if not is_zip(path):
        try:
            raw = path.read_bytes()
        except OSError:
            raise ImportFailed(_("The file cannot be read."), where=path.name) from None
        _read_journal(plan, _load_json(raw, path.name), path.name, {})
        return plan
    with SafeZip(path, limits=limits or DEFAULT_LIMITS) as archive:
        journals = [
            n for n in archive.names() if n.lower().endswith(".json") and "/" not in n.strip("/")
        ]
        if not journals:
            raise ImportFailed(
                _("The zip holds no journal (Journal.json): it is not a Day One export."),
                where=path.name,
            )
        media = {n: n for n in archive.names() if "/" in n}
        for name in journals:
            where = f"{path.name}, {name}"
            data = _load_json(archive.read(name), where)
            _read_journal(plan, data, where, media, archive)
    return plan


def _read_journal(
    plan: ImportPlan,
    data: Any,
    where: str,
    media: dict[str, str],
    archive: SafeZip | None = None,
) -> None:
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise ImportFailed(
            _('This JSON is not a Day One journal: it has no list of "entries".'), where=where
        )
    for index, entry in enumerate(data["entries"], start=1):
        # translators: {where} is a file; {number} the entry's position in it
        label = _("{where}, entry {number}").format(where=where, number=index)
        if not isinstance(entry, dict):
            plan.skipped.append(Skipped(where=label, reason=_("not an entry (not a JSON object)")))
            continue
        uuid = entry.get("uuid")
        if isinstance(uuid, str) and uuid:
            # translators: {where} is a file; {number} the entry's position; {id} its identifier
            label = _("{where}, entry {number} ({id})").format(
                where=where, number=index, id=uuid[:40]
            )
        result = _entry(entry, label, media, archive, plan)
        if isinstance(result, Skipped):
            plan.skipped.append(result)
        else:
            plan.entries.append(result)


def _moment(entry: dict[str, Any], label: str) -> tuple[datetime, str] | Skipped:
    created = entry.get("creationDate")
    if not isinstance(created, str):
        return Skipped(where=label, reason=_("it has no creation date"))
    try:
        moment = datetime.fromisoformat(created.replace("Z", "+00:00"))
    except ValueError:
        return Skipped(where=label, reason=_("its creation date cannot be read"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    zone = entry.get("timeZone")
    return moment.astimezone(UTC), zone if isinstance(zone, str) else ""


def _entry(
    entry: dict[str, Any],
    label: str,
    media: dict[str, str],
    archive: SafeZip | None,
    plan: ImportPlan,
) -> ImportedEntry | Skipped:
    when = _moment(entry, label)
    if isinstance(when, Skipped):
        return when
    moment, zone = when
    local = moment
    if zone:
        try:
            local = moment.astimezone(ZoneInfo(zone))
        except (ZoneInfoNotFoundError, ValueError):
            zone = zone[:64]
    text = entry.get("text")
    text = text if isinstance(text, str) else ""
    files: list[ImportedFile] = []
    names: dict[str, str] = {}
    for key, folder in _MEDIA.items():
        items = entry.get(key)
        for item in items if isinstance(items, list) else []:
            if not isinstance(item, dict):
                continue
            md5, kind = item.get("md5"), item.get("type")
            if not isinstance(md5, str) or not isinstance(kind, str):
                continue
            member = f"{folder}/{md5}.{kind}"
            if archive is None:
                continue
            if member not in media:
                plan.skipped.append(
                    Skipped(
                        where=label,
                        # translators: {name} is a file's name inside the zip
                        reason=_("the file {name} is not in the zip").format(name=member),
                    )
                )
                continue
            file_name = PurePosixPath(member).name
            files.append(ImportedFile(name=file_name, data=archive.read(member)))
            ident = item.get("identifier")
            if isinstance(ident, str):
                names[ident] = file_name
    text = _MOMENT_RE.sub(lambda m: f"[attachment: {names.get(m.group(1), 'missing')}]", text)
    tags = [t for t in entry.get("tags") or [] if isinstance(t, str)]
    if entry.get("starred") is True:
        tags.append("starred")
    return build_entry(
        Found(
            source=SOURCE,
            fingerprint=fingerprint(SOURCE, json.dumps(entry, sort_keys=True, ensure_ascii=False)),
            reference=label,
            day=local.date(),
            at=local.time(),
            written_at=moment,
            zone=zone,
            text=text,
            place=_place(entry.get("location")),
            tags=tags,
            files=files,
        )
    )


def _place(location: object) -> str:
    if not isinstance(location, dict):
        return ""
    parts = [location.get(k) for k in ("placeName", "localityName", "country")]
    seen: list[str] = []
    for part in parts:
        if isinstance(part, str) and part.strip() and part.strip() not in seen:
            seen.append(part.strip())
    return ", ".join(seen)


__all__ = ["SOURCE", "is_dayone_json", "read_dayone"]
