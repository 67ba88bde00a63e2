"""Input sanitising at the boundary (SECURITY.md item 22, "Bad input").

Every string that a person types, pastes or picks (a file name from ``os.listdir``) passes
through :func:`clean_text` before it reaches a domain object, and every domain object checks
its strings again with :func:`check_text` in ``validate()``. Passphrases go through
:func:`clean_passphrase` instead, which never changes what was typed apart from Unicode
normalisation. :func:`visible_filename` is for *display*: it never changes stored data.

Lengths are counted in Unicode code points after NFC normalisation.
Rule of thumb for the caps: single-line fields are capped; multi-line fields (narrative,
notes, ...) are not, and 10 MB of text in one of them must work.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from peerdesk.i18n import N_, _, ngettext
from peerdesk.models.errors import ValidationError

#: A person's display name or initials, a pseudonym, a role, a resource name.
NAME_MAX = 120
#: One tag.
TAG_MAX = 40
#: A short description / title, a place.
TITLE_MAX = 200
#: A one-line summary, a strategy step, a contact line.
SHORT_MAX = 500
#: An attachment's original file name (most file systems allow 255).
FILENAME_MAX = 255

_SURROGATE_RE = re.compile("[\ud800-\udfff]")
# Line breaks of every flavour become "\n": CRLF, CR, VT and FF (Word uses them for line and
# page breaks in pasted text), NEL, LINE SEPARATOR, PARAGRAPH SEPARATOR.
_LINEBREAK_RE = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
# C0 controls other than TAB and LF, and DEL: invisible, meaningless in a note, and not allowed
# in XML (the PDF layer's markup). NUL is among them.
_CONTROL_RE = re.compile("[\x00-\x08\x0e-\x1f\x7f]")
_LINE_OR_TAB_RE = re.compile("[\t\n]+")

# Characters that draw nothing although they are letters (Hangul fillers).
_INVISIBLE_LETTERS = frozenset("\u115f\u1160\u3164\uffa0")
# Categories shown as a code in file names: format (incl. every bidi control, zero-width
# characters, soft hyphen, BOM), control, surrogate, line/paragraph separator, unassigned.
_VISIBLE_CODE_CATEGORIES = frozenset(
    {"Cf", "Cc", "Cs", "Zl", "Zp", "Cn"}  # i18n: keep — Unicode category codes
)


#: The names of the fields that a validator names without a ``label``, by the last part of the
#: field path (msgids marked with ``N_``, translated by :func:`label_for`).
_FIELD_NAMES: dict[str, str] = {
    # translators: names of fields of a record, used in messages such as "{name} is required."
    "description": N_("Description"),
    # translators: names of fields of a record, used in messages such as "{name} is required."
    "status": N_("Status"),
    # translators: names of fields of a record, used in messages such as "{name} is required."
    "notes": N_("Notes"),
    # translators: names of fields of a record, used in messages such as "{name} is required."
    "note": N_("Note"),
    # translators: names of fields of a record, used in messages such as "{name} is required."
    "channel": N_("Channel"),
    # translators: names of fields of a record, used in messages such as "{name} is required."
    "themes": N_("Themes"),
    # translators: names of fields of a record, used in messages such as "{name} is required."
    "summary": N_("Summary"),
    # translators: names of fields of a record, used in messages such as "{name} is required."
    "actions_agreed": N_("Actions agreed"),
    # translators: names of fields of a record, used in messages such as "{name} is required."
    "referrals": N_("Referrals"),
    # translators: names of fields of a record, used in messages such as "{name} is required."
    "place": N_("Place"),
    # translators: names of fields of a record, used in messages such as "{name} is required."
    "attempts_to_stop": N_("Attempts to stop"),
    # translators: names of fields of a record, used in messages such as "{name} is required."
    "private_reflection": N_("Private reflection"),
    # translators: names of fields of a record, used in messages such as "{name} is required."
    "tags": N_("Tags"),
    # translators: names of fields of a record, used in messages such as "{name} is required."
    "quotes": N_("Quotes"),
    # translators: names of fields of a record, used in messages such as "{name} is required."
    "witnesses": N_("Witnesses"),
    # translators: names of fields of a record, used in messages such as "{name} is required."
    "told": N_("Told"),
    # translators: names of fields of a record, used in messages such as "{name} is required."
    "reports": N_("Reports"),
    # translators: names of fields of a record, used in messages such as "{name} is required."
    "evidence_not_held": N_("Evidence not held"),
    # translators: names of fields of a record, used in messages such as "{name} is required."
    "people": N_("People"),
    # translators: names of fields of a record, used in messages such as "{name} is required."
    "emotional": N_("Emotional"),
    # translators: names of fields of a record, used in messages such as "{name} is required."
    "physical": N_("Physical"),
    # translators: names of fields of a record, used in messages such as "{name} is required."
    "work": N_("Work"),
    # translators: names of fields of a record, used in messages such as "{name} is required."
    "home": N_("Home life"),
    # translators: names of fields of a record, used in messages such as "{name} is required."
    "role_in_incident": N_("Role in incident"),
    # translators: names of fields of a record, used in messages such as "{name} is required."
    "role": N_("Role"),
    # translators: names of fields of a record, used in messages such as "{name} is required."
    "relationship": N_("Relationship"),
    # translators: names of fields of a record, used in messages such as "{name} is required."
    "name": N_("Name"),
    # translators: names of fields of a record, used in messages such as "{name} is required."
    "kind": N_("Kind"),
    # translators: names of fields of a record, used in messages such as "{name} is required."
    "contact": N_("Contact"),
    # translators: names of fields of a record, used in messages such as "{name} is required."
    "country": N_("Country"),
    # translators: names of fields of a record, used in messages such as "{name} is required."
    "source": N_("Source"),
    # translators: names of fields of a record, used in messages such as "{name} is required."
    "title": N_("Title"),
    # translators: names of fields of a record, used in messages such as "{name} is required."
    "category": N_("Category"),
    # translators: names of fields of a record, used in messages such as "{name} is required."
    "when_it_helps": N_("When it helps"),
    # translators: names of fields of a record, used in messages such as "{name} is required."
    "favourite": N_("Favourite"),
    # translators: names of fields of a record, used in messages such as "{name} is required."
    "hidden": N_("Hidden"),
    # translators: names of fields of a record, used in messages such as "{name} is required."
    "personal_note": N_("Personal note"),
    # translators: names of fields of a record, used in messages such as "{name} is required."
    "steps": N_("Steps"),
    # translators: names of fields of a record, used in messages such as "{name} is required."
    "speaker_label": N_("Speaker label"),
    # translators: names of fields of a record, used in messages such as "{name} is required."
    "text": N_("Text"),
}


def label_for(field: str) -> str:
    """A human label derived from a field path, in the language in force.

    ``"quotes[0].speaker_label"`` -> ``"Speaker label"``.
    """
    last = re.sub(r"\[\d*\]", "", field.rsplit(".", 1)[-1])
    known = _FIELD_NAMES.get(last)
    if known is not None:
        return _(known)
    last = last.replace("_", " ").strip()
    if not last:
        # translators: names a form field whose own name is unknown, in "{name} is required."
        return _("This field")
    return last[0].upper() + last[1:]


def _field_name(field: str, label: str | None) -> str:
    """The field's name shown in a message (``label`` is an ``N_()`` msgid), translated only
    when a message is raised, never on the path of a valid value."""
    return _(label) if label is not None else label_for(field)


def _too_long(field: str, label: str | None, max_length: int) -> ValidationError:
    # translators: {name} is the name of a form field, {count} a number of characters
    message = ngettext(
        "{name} can be at most {count} character.",
        "{name} can be at most {count} characters.",
        max_length,
    )
    return ValidationError(field, message.format(name=_field_name(field, label), count=max_length))


def _required(field: str, label: str | None) -> ValidationError:
    # translators: {name} is the name of a field of a form, e.g. "Short description"
    return ValidationError(field, _("{name} is required.").format(name=_field_name(field, label)))


def fix_surrogates(value: str) -> str:
    """Join surrogate pairs into the character they encode; lone surrogates become U+FFFD."""
    if _SURROGATE_RE.search(value) is None:
        return value
    return value.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def _join_lines(text: str) -> str:
    """One line: the pieces between tabs/newlines, each stripped, joined by one space."""
    if "\n" not in text and "\t" not in text:
        return text.strip()
    pieces = (piece.strip() for piece in _LINE_OR_TAB_RE.split(text))
    return " ".join(piece for piece in pieces if piece)


def _trim_block(text: str) -> str:
    """Trailing whitespace and leading blank lines removed; the first line keeps its indent."""
    text = text.rstrip()
    body = text.lstrip()
    last_break = text.rfind("\n", 0, len(text) - len(body))
    return text[last_break + 1 :] if last_break >= 0 else text


def clean_text(
    value: str,
    *,
    field: str,
    max_length: int | None = None,
    multiline: bool = True,
    required: bool = False,
    label: str | None = None,
) -> str:
    """Return ``value`` made safe to store; raise :class:`ValidationError` if it breaks a cap.

    In order:

    1. surrogate code points: a well-formed pair is joined into its character, a lone surrogate
       (``'\\udcff'`` from ``os.listdir``) becomes U+FFFD, so encoding to UTF-8 never fails;
    2. line breaks (CRLF, CR, VT, FF, NEL, U+2028, U+2029) become ``"\\n"``;
    3. NUL and the other C0 control characters except TAB and LF, and DEL, are removed;
    4. NFC normalisation;
    5. single-line fields: line breaks and tabs, with the whitespace around them, become one
       space, and both ends are stripped; multi-line fields: trailing whitespace and leading
       blank lines are removed (the first line keeps its indentation);
    6. ``required`` and ``max_length`` (code points) are checked.

    The result is a fixed point: ``clean_text(clean_text(x)) == clean_text(x)``.
    The error message names the field by ``label`` (derived from ``field`` when not given)
    and never repeats the text.
    """
    if not isinstance(value, str):
        raise TypeError(f"{field}: expected str, got {type(value).__name__}")
    text = fix_surrogates(value)
    text = _LINEBREAK_RE.sub("\n", text)
    text = _CONTROL_RE.sub("", text)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    text = _trim_block(text) if multiline else _join_lines(text)
    if required and not text:
        raise _required(field, label)
    if max_length is not None and len(text) > max_length:
        raise _too_long(field, label, max_length)
    return text


def check_text(
    value: object,
    *,
    field: str,
    max_length: int | None = None,
    multiline: bool = True,
    required: bool = False,
    label: str | None = None,
) -> None:
    """Raise :class:`ValidationError` unless ``value`` is a string that is safe to store.

    Used by ``validate()``: it checks the invariants :func:`clean_text` establishes that
    matter for safety (no NUL, no surrogates, single line, length, presence), not the cosmetic
    ones (NFC, trimmed ends).
    """
    if not isinstance(value, str):
        # translators: {name} is the name of a form field
        message = _("{name} must be text.")
    elif "\x00" in value:
        # translators: {name} is the name of a form field
        message = _("{name} contains a NUL character, which cannot be stored.")
    elif _SURROGATE_RE.search(value) is not None:
        # translators: {name} is the name of a form field
        message = _("{name} contains a broken character (a lone surrogate).")
    elif not multiline and ("\n" in value or "\r" in value):
        # translators: {name} is the name of a form field
        message = _("{name} must be on one line.")
    elif required and not value.strip():
        raise _required(field, label)
    elif max_length is not None and len(value) > max_length:
        raise _too_long(field, label, max_length)
    else:
        return
    raise ValidationError(field, message.format(name=_field_name(field, label)))


def clean_tags(values: Iterable[str], *, field: str = "tags") -> list[str]:
    """Clean each tag (single line, at most :data:`TAG_MAX`), drop empty ones and drop
    duplicates compared case-insensitively (``casefold``), keeping the first spelling and the
    original order."""
    seen: set[str] = set()
    tags: list[str] = []
    for index, raw in enumerate(values):
        tag = clean_text(
            raw,
            field=f"{field}[{index}]",
            max_length=TAG_MAX,
            multiline=False,
            # translators: the name of a field, in messages such as "{name} is required."
            label=N_("Each tag"),
        )
        folded = tag.casefold()
        if tag and folded not in seen:
            seen.add(folded)
            tags.append(tag)
    return tags


def check_tags(values: object, *, field: str = "tags") -> None:
    """Raise :class:`ValidationError` unless ``values`` is a list of non-empty, capped,
    single-line tags without case-insensitive duplicates."""
    if not isinstance(values, list):
        raise ValidationError(field, _("Tags must be a list."))
    seen: set[str] = set()
    for index, tag in enumerate(values):
        check_text(
            tag,
            field=f"{field}[{index}]",
            max_length=TAG_MAX,
            multiline=False,
            required=True,
            # translators: the name of a field, in messages such as "{name} is required."
            label=N_("Each tag"),
        )
        folded = str(tag).casefold()
        if folded in seen:
            raise ValidationError(f"{field}[{index}]", _("Each tag can be used only once."))
        seen.add(folded)


def visible_filename(name: str) -> str:
    """Return ``name`` for display with every invisible or direction-changing character
    written as ``[U+XXXX]``.

    So ``"invoice\\u202Efdp.exe"`` (which a bidi-aware renderer shows as "invoiceexe.pdf")
    is displayed as ``"invoice[U+202E]fdp.exe"``. Covered: format characters (all bidi
    embeddings, overrides, isolates and marks U+202A-U+202E, U+2066-U+2069, U+200E, U+200F,
    U+061C; zero-width space/joiners, word joiner, soft hyphen, BOM, tag characters), control
    characters (a newline is legal in a Linux file name), lone surrogates (undecodable bytes
    from ``os.listdir``), line/paragraph separators, unassigned code points and the
    Hangul filler letters. Everything else is kept as it is. Use only for display: the stored
    original name is never changed by this function.
    """
    parts: list[str] = []
    for char in name:
        if char in _INVISIBLE_LETTERS or unicodedata.category(char) in _VISIBLE_CODE_CATEGORIES:
            parts.append(f"[U+{ord(char):04X}]")
        else:
            parts.append(char)
    return "".join(parts)


def clean_passphrase(value: str) -> str:
    """Return the passphrase NFC-normalised, or raise :class:`ValidationError` (field
    ``"passphrase"``) if it is empty, contains NUL, or cannot be encoded as UTF-8.

    Nothing else is changed: spaces at either end, quotes, ``;`` and ``--`` are part of the
    passphrase. NFC (not NFKC) makes "é" typed as one code point or as "e" + combining accent
    the same passphrase, while keeping visually distinct characters distinct.
    """
    if not isinstance(value, str):
        raise TypeError(f"passphrase: expected str, got {type(value).__name__}")
    if not value:
        raise ValidationError("passphrase", _("Enter a passphrase."))
    if "\x00" in value:
        raise ValidationError("passphrase", _("A passphrase cannot contain a NUL character."))
    if _SURROGATE_RE.search(value) is not None:
        raise ValidationError(
            "passphrase",
            _("The passphrase contains a character that cannot be used. Please type it again."),
        )
    return unicodedata.normalize("NFC", value)


def plural(count: int, word: str, many: str | None = None) -> str:
    """``1 entry``/``2 entries`` (``many`` when adding an s is wrong).

    English only: new code counts with ``ngettext("{count} entry", "{count} entries", n)``,
    which lets the catalogue pick the language's plural form."""
    return f"{count} {word if count == 1 else (many or word + 's')}"
