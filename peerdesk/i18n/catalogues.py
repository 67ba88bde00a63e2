"""Extract, update, check and compile the translation catalogues (``make translations``).

The catalogues live in ``peerdesk/locale/``:

- ``peerdesk.pot`` / ``<lang>/LC_MESSAGES/peerdesk.po``: every message of the package, extracted
  from the calls to ``_``, ``N_``, ``ngettext``, ``pgettext`` and ``npgettext``, with the
  ``# translators:`` comments above them;
- ``content.pot`` / ``<lang>/LC_MESSAGES/content.po``: the built-in coping strategies and support
  directory (``resources/content/*.json``), one message per text, with the item's key as a
  comment.

The build compiles each ``.po`` into a ``.mo`` beside it (``setup.py``); a source checkout
without ``.mo`` files compiles them in memory when first used (:func:`peerdesk.i18n.translations`).
This module is a developer tool: it is not imported by the application.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from peerdesk import __version__
from peerdesk.i18n import CONTENT_DOMAIN, DOMAIN, LANGUAGES, LOCALE_DIR, SOURCE_LANGUAGE

PACKAGE_DIR = LOCALE_DIR.parent
CONTENT_DIR = PACKAGE_DIR.parent / "resources" / "content"

KEYWORDS = {
    "_": None,
    "gettext": None,
    "N_": None,
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
}
COMMENT_TAGS = ("translators:",)
PROJECT = "PeerDesk"
BUGS = "https://github.com/peerdesk/peerdesk/issues"
TRANSLATORS = "PeerDesk translators (see docs/translating.md)"
TRANSLATED = tuple(code for code in LANGUAGES if code != SOURCE_LANGUAGE)


def _new_catalog(locale: str | None = None) -> Catalog:
    return Catalog(
        locale=locale,
        domain=None,
        project=PROJECT,
        version=__version__,
        msgid_bugs_address=BUGS,
        copyright_holder="PeerDesk developers",
        charset="utf-8",
        fuzzy=False,
    )


def extract_code() -> Catalog:
    """Every message of the package's Python code."""
    catalog = _new_catalog()
    for filename, lineno, message, comments, context in extract_from_dir(
        str(PACKAGE_DIR),
        method_map=[("i18n/catalogues.py", "ignore"), ("**.py", "python")],
        keywords=KEYWORDS,
        comment_tags=COMMENT_TAGS,
        strip_comment_tags=True,
    ):
        location = (f"peerdesk/{Path(filename).as_posix()}", lineno)
        catalog.add(message, None, [location], auto_comments=comments, context=context)
    return catalog


def content_texts() -> Iterator[tuple[str, str, str]]:
    """(text, where, comment) for every translatable text of the built-in content."""
    strategies = json.loads((CONTENT_DIR / "strategies.json").read_text(encoding="utf-8"))
    for item in strategies["strategies"]:
        key = item["key"]
        for field in ("title", "summary", "when_it_helps"):
            if item.get(field):
                yield item[field], f"strategies.json:{key}", f"strategy {key}: {field}"
        for number, step in enumerate(item.get("steps", []), start=1):
            yield step, f"strategies.json:{key}", f"strategy {key}: step {number}"
    directory = json.loads((CONTENT_DIR / "support_resources.json").read_text(encoding="utf-8"))
    for item in directory["resources"]:
        key = item["key"]
        where = f"support_resources.json:{key}"
        country = item.get("country") or "any country"
        if item.get("name"):
            yield (
                item["name"],
                where,
                f"support resource {key} ({country}): name. Keep an organisation's own name.",
            )
        contact = item.get("contact", "")
        if contact and " " in contact:
            yield (
                contact,
                where,
                f"support resource {key}: how to reach it. Keep every number, web and email "
                "address, and a word in capitals to send by text message, exactly as they are.",
            )
        if item.get("notes"):
            yield item["notes"], where, f"support resource {key} ({country}): notes"


def extract_content() -> Catalog:
    catalog = _new_catalog()
    for text, where, comment in content_texts():
        existing = catalog.get(text)
        if existing is not None:
            existing.locations.append((where, 0))
            if comment not in existing.auto_comments:
                existing.auto_comments.append(comment)
            continue
        catalog.add(text, None, [(where, 0)], auto_comments=[comment])
    return catalog


def pot_path(domain: str) -> Path:
    return LOCALE_DIR / f"{domain}.pot"


def po_path(code: str, domain: str) -> Path:
    return LOCALE_DIR / code / "LC_MESSAGES" / f"{domain}.po"


def _write(catalog: Catalog, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(handle, catalog, width=100, sort_by_file=False, include_previous=False)


def read(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=locale)


def update(domains: Iterable[str] = (DOMAIN, CONTENT_DOMAIN)) -> None:
    """Re-extract the templates and merge them into every language's catalogue."""
    for domain in domains:
        template = extract_code() if domain == DOMAIN else extract_content()
        _write(template, pot_path(domain))
        for code in TRANSLATED:
            path = po_path(code, domain)
            catalog = read(path, code) if path.is_file() else _new_catalog(code)
            catalog.update(template, no_fuzzy_matching=True)
            catalog.version = __version__
            catalog.last_translator = TRANSLATORS
            catalog.language_team = f"{code} <{BUGS}>"
            if not isinstance(catalog.revision_date, datetime):
                catalog.revision_date = datetime.now(UTC)
            _write(catalog, path)


@dataclass(frozen=True, slots=True)
class Statistics:
    language: str
    domain: str
    total: int
    translated: int
    fuzzy: int

    @property
    def untranslated(self) -> int:
        return self.total - self.translated - self.fuzzy

    def __str__(self) -> str:
        return (
            f"{self.language} {self.domain}: {self.translated}/{self.total} translated, "
            f"{self.fuzzy} fuzzy, {self.untranslated} untranslated"
        )


def _is_translated(string: object) -> bool:
    if isinstance(string, (tuple, list)):
        return bool(string) and all(string)
    return bool(string)


def statistics(code: str, domain: str) -> Statistics:
    catalog = read(po_path(code, domain), code)
    total = translated = fuzzy = 0
    for message in catalog:
        if not message.id:
            continue
        total += 1
        if message.fuzzy:
            fuzzy += 1
        elif _is_translated(message.string):
            translated += 1
    return Statistics(code, domain, total, translated, fuzzy)


def compile_all(target: Path | None = None) -> list[Path]:
    """Write a ``.mo`` for every ``.po`` (beside it, or under ``target`` in the same layout)."""
    written: list[Path] = []
    for po in sorted(LOCALE_DIR.glob("*/LC_MESSAGES/*.po")):
        code = po.parent.parent.name
        mo = po.with_suffix(".mo")
        if target is not None:
            mo = target / po.relative_to(LOCALE_DIR).with_suffix(".mo")
        mo.parent.mkdir(parents=True, exist_ok=True)
        with mo.open("wb") as handle:
            write_mo(handle, read(po, code), use_fuzzy=False)
        written.append(mo)
    return written


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m peerdesk.i18n.catalogues")
    parser.add_argument("action", choices=("update", "check", "compile", "stats"))
    args = parser.parse_args(argv)
    if args.action == "update":
        update()
    if args.action == "compile":
        for path in compile_all():
            print(path)
        return 0
    incomplete = False
    for code in TRANSLATED:
        for domain in (DOMAIN, CONTENT_DOMAIN):
            if not po_path(code, domain).is_file():
                print(f"{code} {domain}: no catalogue")
                incomplete = True
                continue
            stats = statistics(code, domain)
            print(stats)
            incomplete |= stats.untranslated > 0 or stats.fuzzy > 0
    return 1 if incomplete and args.action == "check" else 0


if __name__ == "__main__":
    raise SystemExit(main())
