"""A gettext ``.po`` catalogue compiled in memory without Babel (a source checkout has no ``.mo``).

Babel's ``read_po`` + ``write_mo`` took about 250 ms for the German catalogue, with Babel's
import, before the first window of a non-English checkout could show (issue 18, item 4). This
reads the subset of the format that catalogues use (``msgctxt``, ``msgid``, ``msgid_plural``,
``msgstr``, ``msgstr[n]``, continued strings, ``#,`` flags, obsolete ``#~`` entries) and writes
the catalogue :mod:`gettext` would read from the ``.mo`` Babel writes, without writing one. It
keeps what Babel's ``write_mo(use_fuzzy=False)``
keeps: the header always (it holds the plural rule), and every other message that is not
fuzzy and is translated (a plural message always, an untranslated form showing the English).
A test compares it with Babel on every shipped catalogue.
"""

from __future__ import annotations

import gettext as _gettext
import re
from collections.abc import Callable

_ESCAPE = re.compile(r'\\([\\trn"])')  # i18n: keep — the escapes Babel's pofile reads
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r"}


def _unquote(text: str, line_number: int) -> str:
    text = text.strip()
    if len(text) < 2 or text[0] != '"' or text[-1] != '"':
        raise ValueError(f"line {line_number}: a string in quotes was expected")
    inner = text[1:-1]
    if "\\" not in inner:
        return inner
    return _ESCAPE.sub(lambda m: _ESCAPES.get(m.group(1), m.group(1)), inner)


class _Entry:
    __slots__ = ("context", "fuzzy", "msgid", "plural", "strings")

    def __init__(self) -> None:
        self.context: str | None = None
        self.msgid: str | None = None
        self.plural: str | None = None
        self.strings: dict[int, str] = {}
        self.fuzzy = False


def _key_and_value(entry: _Entry) -> tuple[str, str] | None:
    """The ``.mo`` key and value of ``entry``, or None when it is left out."""
    if entry.msgid is None:
        return None
    key = entry.msgid if entry.plural is None else f"{entry.msgid}\0{entry.plural}"
    if entry.context is not None:
        key = f"{entry.context}\x04{key}"
    if key == "":
        return key, entry.strings.get(0, "")  # the header, fuzzy or not: the plural rule
    if entry.fuzzy:
        return None
    if entry.plural is None:
        text = entry.strings.get(0, "")
        return (key, text) if text else None
    # As Babel: a plural message is kept, an untranslated form showing the English one.
    english = (entry.msgid, entry.plural)
    count = max(entry.strings, default=-1) + 1
    forms = [entry.strings.get(i) or english[min(i, 1)] for i in range(count)]
    return key, "\0".join(forms)


def read_po(data: bytes) -> dict[str, str]:
    """The messages of a UTF-8 ``.po`` file, keyed as a ``.mo`` file keys them."""
    messages: dict[str, str] = {}
    entry = _Entry()
    field: str | None = None  # which string a continued line extends
    index = 0

    def finish() -> None:
        nonlocal entry, field
        found = _key_and_value(entry)
        if found is not None:
            messages[found[0]] = found[1]
        entry, field = _Entry(), None

    for number, raw in enumerate(data.decode("utf-8").split("\n"), start=1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            if entry.strings:
                finish()  # a comment after a message's strings begins the next message
            if line.startswith("#,"):
                entry.fuzzy = entry.fuzzy or "fuzzy" in line[2:].replace(",", " ").split()
            continue  # other comments, previous msgids, obsolete entries (#~)
        if line.startswith('"'):
            text = _unquote(line, number)
            if field == "msgctxt" and entry.context is not None:
                entry.context += text
            elif field == "msgid" and entry.msgid is not None:
                entry.msgid += text
            elif field == "msgid_plural" and entry.plural is not None:
                entry.plural += text
            elif field == "msgstr":
                entry.strings[index] += text
            else:
                raise ValueError(f"line {number}: a continued string with nothing before it")
            continue
        keyword, _space, rest = line.partition(" ")
        if keyword in ("msgctxt", "msgid") and entry.strings:
            finish()
        if keyword == "msgctxt":
            entry.context, field = _unquote(rest, number), "msgctxt"
        elif keyword == "msgid":
            entry.msgid, field = _unquote(rest, number), "msgid"
        elif keyword == "msgid_plural":
            entry.plural, field = _unquote(rest, number), "msgid_plural"
        elif keyword == "msgstr":
            index, field = 0, "msgstr"
            entry.strings[0] = _unquote(rest, number)
        elif keyword.startswith("msgstr[") and keyword.endswith("]"):
            index, field = int(keyword[7:-1]), "msgstr"
            entry.strings[index] = _unquote(rest, number)
        else:
            raise ValueError(f"line {number}: {keyword!r} is not a catalogue keyword")
    finish()
    return messages


class Catalogue(_gettext.GNUTranslations):
    """The messages of a ``.po`` file as :mod:`gettext` holds a ``.mo`` file's (no ``.mo`` is
    written and read back): the same catalogue, header and plural rule as
    :meth:`gettext.GNUTranslations._parse` makes."""

    def __init__(self, messages: dict[str, str]) -> None:
        _gettext.NullTranslations.__init__(self)
        self.plural: Callable[[int], int] = _germanic
        header = messages.get("")
        if header is not None:
            self._read_header(header)
        catalog: dict[str | tuple[str, int], str] = {}
        for key, text in messages.items():
            if "\0" in key:
                singular = key.split("\0", 1)[0]
                for index, form in enumerate(text.split("\0")):
                    catalog[(singular, index)] = form
            else:
                catalog[key] = text
        self._catalog = catalog

    def _read_header(self, header: str) -> None:
        info = self.info()  # the very dict gettext keeps the header in
        last = None
        for raw in header.split("\n"):
            item = raw.strip()
            if not item or (item.startswith("#-#-#-#-#") and item.endswith("#-#-#-#-#")):
                continue
            key = value = None
            if ":" in item:
                key, value = item.split(":", 1)
                key, value = key.strip().lower(), value.strip()
                info[key] = value
                last = key
            elif last:
                info[last] += "\n" + item
            if key == "content-type" and value is not None:  # i18n: keep — a header name
                self._charset = value.split("charset=")[1]
            elif key == "plural-forms" and value is not None:  # i18n: keep — a header name
                self.plural = _gettext.c2py(value.split(";")[1].split("plural=")[1])


def _germanic(n: int) -> int:
    return int(n != 1)


def translations_from_po(data: bytes) -> Catalogue:
    """The catalogue of the ``.po`` file ``data`` (raises ValueError for a broken one)."""
    messages = read_po(data)
    try:
        return Catalogue(messages)
    except IndexError as exc:  # a header line without its value
        raise ValueError("the catalogue's header is incomplete") from exc
