"""One translation mechanism for the whole package: the screens, the Qt-free core and the CLI.

PeerDesk uses GNU gettext catalogues, extracted and compiled with Babel (``make translations``).
The core (models, storage errors, export, importing) cannot use Qt's ``tr``, and a report is
written in the language chosen for it, which may differ from the screens' language; gettext
works without Qt and lets one thread write a German report while the window speaks French.
Babel also brings the CLDR's plural rules (Arabic has six forms) and its dates and numbers.

Use it like this::

    from peerdesk.i18n import _, N_, ngettext, pgettext

    label = _("Save entry")
    # translators: {count} is a number of journal entries
    text = ngettext("{count} entry", "{count} entries", n).format(count=n)
    menu = pgettext("menu", "View")                  # same English, other meanings
    TITLES = {Kind.NOTE: N_("Note")}                 # marked at import ...
    shown = _(TITLES[kind])                          # ... translated when shown

Rules: a message is a whole sentence with its markup and placeholders inside it (named
placeholders, ``{name}``, so that a translation can reorder them); never build one by joining
translated pieces; plurals always through ``ngettext``; a comment starting ``# translators:``
on the line(s) just above the call reaches the translator.

The language in force is the one set by :func:`set_language` (the screens' and the CLI's), or,
inside ``with language(code):``, that one for the current thread or task only (a report).
"""

from __future__ import annotations

import contextlib
import gettext as _gettext
import io
import os
import threading
from collections.abc import Iterator
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path

#: The gettext domain of PeerDesk's own words, and of its built-in content.
DOMAIN = "peerdesk"
CONTENT_DOMAIN = "content"
#: The language PeerDesk is written in.
SOURCE_LANGUAGE = "en"
#: The languages PeerDesk ships, in the order a language menu lists them.
LANGUAGES: tuple[str, ...] = ("en", "de", "es", "fr", "ar")
#: Each language's own name for itself, for a language menu (never translated).
NATIVE_NAMES: dict[str, str] = {  # i18n: keep - each language's name in itself
    "en": "English",  # i18n: keep - its own name
    "de": "Deutsch",  # i18n: keep - its own name
    "es": "Español",  # i18n: keep - its own name
    "fr": "Français",  # i18n: keep - its own name
    "ar": "العربية",
}
#: The test-only pseudo-language: every string longer and accented (see :mod:`.pseudo`).
PSEUDO = "en-XA"
RIGHT_TO_LEFT = frozenset({"ar", "he", "fa", "ur"})

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"

_lock = threading.Lock()
_language = SOURCE_LANGUAGE
_override: ContextVar[str | None] = ContextVar("peerdesk_language", default=None)


class _Pseudo(_gettext.NullTranslations):
    """Every message about 40 % longer and accented, placeholders and markup intact."""

    def gettext(self, message: str) -> str:
        from peerdesk.i18n.pseudo import pseudo

        return pseudo(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return self.gettext(msgid1 if n == 1 else msgid2)

    def pgettext(self, context: str, message: str) -> str:
        return self.gettext(message)

    def npgettext(self, context: str, msgid1: str, msgid2: str, n: int) -> str:
        return self.ngettext(msgid1, msgid2, n)


@lru_cache(maxsize=32)
def translations(code: str, domain: str = DOMAIN) -> _gettext.NullTranslations:
    """The catalogue of ``code`` for ``domain``; English (no catalogue) when there is none."""
    if code == PSEUDO:
        return _Pseudo()
    folder = LOCALE_DIR / code / "LC_MESSAGES"
    mo = folder / f"{domain}.mo"
    po = folder / f"{domain}.po"
    try:
        if mo.is_file() and (not po.is_file() or mo.stat().st_mtime >= po.stat().st_mtime):
            return _gettext.GNUTranslations(io.BytesIO(mo.read_bytes()))
        if po.is_file():
            # A source checkout, where no .mo was built: read without Babel, whose import and
            # parser cost a quarter of a second before the first window (issue 18, item 4).
            from peerdesk.i18n.po import translations_from_po

            return translations_from_po(po.read_bytes())
        return _gettext.NullTranslations()
    except (OSError, ValueError, UnicodeDecodeError):
        # A broken catalogue is a packaging fault: speak English rather than fail to start.
        return _gettext.NullTranslations()


def normalize(code: str | None) -> str:
    """A shipped language for a locale name (``de_AT.UTF-8`` → ``de``), else English."""
    if not code:
        return SOURCE_LANGUAGE
    if code == PSEUDO:
        return PSEUDO
    base = code.split(".")[0].split("@")[0].replace("-", "_")
    language = base.split("_")[0].lower()
    return language if language in LANGUAGES else SOURCE_LANGUAGE


def system_language() -> str:
    """The shipped language closest to the environment's (``LANGUAGE``, ``LC_ALL``, ``LANG``...)."""
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "")
        for candidate in value.split(":"):
            if candidate and candidate not in ("C", "POSIX") and not candidate.startswith("C."):
                return normalize(candidate)
    return SOURCE_LANGUAGE


def set_language(code: str | None) -> str:
    """Make ``code`` (or the system's language, for None or "system") the language in force."""
    global _language
    chosen = system_language() if code in (None, "", "system") else normalize(code)
    with _lock:
        _language = chosen
    return chosen


def current_language() -> str:
    """The language in force for this thread or task."""
    override = _override.get()
    return override if override is not None else _language


def is_right_to_left(code: str | None = None) -> bool:
    return (code or current_language()).split("_")[0].split("-")[0] in RIGHT_TO_LEFT


@contextlib.contextmanager
def language(code: str | None) -> Iterator[str]:
    """Within the block, this thread (or task) speaks ``code``; the rest of the app does not."""
    chosen = current_language() if code is None else normalize(code)
    token = _override.set(chosen)
    try:
        yield chosen
    finally:
        _override.reset(token)


def _catalogue() -> _gettext.NullTranslations:
    return translations(current_language())


def _(message: str) -> str:
    """``message`` in the language in force."""
    return _catalogue().gettext(message)


gettext = _


def N_(message: str) -> str:
    """Marks ``message`` for the catalogue without translating it (translate it when shown)."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a message for the number ``n`` (the catalogue knows the language's forms)."""
    return _catalogue().ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """``message`` in a context that tells apart the same English with different meanings."""
    return _catalogue().pgettext(context, message)


def npgettext(context: str, singular: str, plural: str, n: int) -> str:
    return _catalogue().npgettext(context, singular, plural, n)


def content_text(text: str) -> str:
    """A built-in content text (a strategy, a support resource) in the language in force."""
    if not text:
        return text
    code = current_language()
    if code == PSEUDO:
        return _Pseudo().gettext(text)
    return translations(code, CONTENT_DOMAIN).gettext(text)


__all__ = [
    "CONTENT_DOMAIN",
    "DOMAIN",
    "LANGUAGES",
    "NATIVE_NAMES",
    "N_",
    "PSEUDO",
    "SOURCE_LANGUAGE",
    "_",
    "content_text",
    "current_language",
    "gettext",
    "is_right_to_left",
    "language",
    "ngettext",
    "normalize",
    "npgettext",
    "pgettext",
    "set_language",
    "system_language",
    "translations",
]
