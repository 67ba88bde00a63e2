"""The shipped catalogues: complete, current, and faithful to each message's placeholders."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message

from peerdesk import i18n
from peerdesk.i18n import catalogues

LANGUAGES = catalogues.TRANSLATED
DOMAINS = (i18n.DOMAIN, i18n.CONTENT_DOMAIN)
#: The CLDR's plural forms (through Babel): Spanish and French have a form for millions.
PLURAL_FORMS = {"de": 2, "es": 3, "fr": 3, "ar": 6}

_PLACEHOLDER = re.compile(
    r"\{[A-Za-z_][A-Za-z0-9_]*(?:![rsa])?(?::[^{}]*)?\}|%\([a-z_]+\)[sdr]|%[sdr]"
)
_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
_MNEMONIC = re.compile(r"&(?=[^\s&;])(?![a-z]+;)")


def _ids(catalog: Catalog) -> set[tuple[str, str | None]]:
    return {(_msgid(message), message.context) for message in catalog if message.id}


def _msgid(message: Message) -> str:
    return message.id if isinstance(message.id, str) else message.id[0]


def _strings(message: Message) -> list[str]:
    return list(message.string) if isinstance(message.string, (tuple, list)) else [message.string]


@pytest.fixture(scope="module")
def templates() -> dict[str, Catalog]:
    return {domain: catalogues.read(catalogues.pot_path(domain)) for domain in DOMAINS}


@pytest.mark.parametrize("domain", DOMAINS)
def test_the_templates_are_current(domain: str, templates: dict[str, Catalog]) -> None:
    """`make translations` was run after the last change of a message."""
    extracted = catalogues.extract_code() if domain == i18n.DOMAIN else catalogues.extract_content()
    assert _ids(extracted) == _ids(templates[domain])


@pytest.mark.parametrize("code", LANGUAGES)
@pytest.mark.parametrize("domain", DOMAINS)
def test_every_message_is_translated(code: str, domain: str, templates: dict[str, Catalog]) -> None:
    path = catalogues.po_path(code, domain)
    catalog = catalogues.read(path, code)
    assert _ids(catalog) == _ids(templates[domain]), "run `make translations`"
    stats = catalogues.statistics(code, domain)
    assert stats.total > 0
    assert (stats.untranslated, stats.fuzzy) == (0, 0), str(stats)
    if domain == i18n.DOMAIN:  # (the content has no plurals)
        assert catalog.num_plurals == PLURAL_FORMS[code]


# CI installs GNU gettext (.ci/run); elsewhere this is skipped, never in CI.
@pytest.mark.skipif(
    shutil.which("msgfmt") is None and not os.environ.get("CI"),
    reason="GNU gettext's msgfmt is not installed",
)
@pytest.mark.parametrize("code", LANGUAGES)
@pytest.mark.parametrize("domain", DOMAINS)
def test_msgfmt_accepts_each_catalogue(code: str, domain: str, tmp_path: Path) -> None:
    result = subprocess.run(
        [
            "msgfmt",
            "--check",
            "--statistics",
            "-o",
            str(tmp_path / "out.mo"),
            str(catalogues.po_path(code, domain)),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr, result.stderr
    assert re.fullmatch(r"\d+ translated messages?\.", result.stderr.strip()), result.stderr


@pytest.mark.parametrize("code", LANGUAGES)
@pytest.mark.parametrize("domain", DOMAINS)
def test_translations_keep_placeholders_markup_and_mnemonics(code: str, domain: str) -> None:
    catalog = catalogues.read(catalogues.po_path(code, domain), code)
    problems: list[str] = []
    for message in catalog:
        if not message.id:
            continue
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        wanted = sorted(set(_PLACEHOLDER.findall(ids[-1])) | set(_PLACEHOLDER.findall(ids[0])))
        for string in _strings(message):
            if not string:
                continue
            got = sorted(set(_PLACEHOLDER.findall(string)))
            # A plural form may leave out the number ("one entry"): never add an unknown one.
            if not set(got) <= set(wanted) or (len(ids) == 1 and got != wanted):
                problems.append(f"{_msgid(message)!r}: placeholders {wanted} -> {got}")
            if sorted(_TAG.findall(ids[0])) != sorted(_TAG.findall(string)):
                problems.append(f"{_msgid(message)!r}: markup differs")
            if len(_MNEMONIC.findall(ids[0])) != len(_MNEMONIC.findall(string)):
                problems.append(f"{_msgid(message)!r}: keyboard mnemonic lost or added")
    assert not problems, "\n".join(problems[:30])


@pytest.mark.parametrize("code", LANGUAGES)
def test_contact_lines_keep_every_number_and_address(code: str) -> None:
    """How to reach a helpline: numbers, web and email addresses and text keywords unchanged."""
    catalog = catalogues.read(catalogues.po_path(code, i18n.CONTENT_DOMAIN), code)
    kept = re.compile(r"\d[\d ]*\d|\d|[\w.-]+@[\w.-]+|[a-z0-9-]+\.[a-z]{2,}[\w/.-]*|\b[A-Z]{3,}\b")
    problems = []
    for message in catalog:
        if not message.id or not any("how to reach it" in c for c in message.auto_comments):
            continue
        wanted = sorted(kept.findall(_msgid(message)))
        got = sorted(kept.findall(_strings(message)[0]))
        if not set(wanted) <= set(got):
            problems.append(f"{_msgid(message)!r}: {wanted} -> {got}")
    assert not problems, "\n".join(problems)
