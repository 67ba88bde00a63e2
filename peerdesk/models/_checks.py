"""Small validators shared by the dataclasses' ``validate()`` methods (private)."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import TypeVar

from peerdesk.i18n import _
from peerdesk.models.errors import ValidationError
from peerdesk.models.text import label_for

_T = TypeVar("_T")

_HEX64_RE = re.compile(r"[0-9a-f]{64}")


def _name(field: str, label: str | None) -> str:
    """The field's name as the user sees it, translated (``label`` is an ``N_()`` msgid).

    Called only when a message is raised, never on the path of a valid value: validating
    50,000 stored entries must not look up a catalogue once per field."""
    return _(label) if label is not None else label_for(field)


def _required(field: str, label: str | None) -> ValidationError:
    # translators: {name} is the name of a field of a form, e.g. "Short description"
    return ValidationError(field, _("{name} is required.").format(name=_name(field, label)))


def check_bool(value: object, *, field: str, label: str | None = None) -> None:
    if not isinstance(value, bool):
        raise ValidationError(
            field,
            # translators: {name} is the name of a form field
            _("{name} must be yes or no.").format(name=_name(field, label)),
        )


def check_int(
    value: object,
    *,
    field: str,
    label: str | None = None,
    minimum: int | None = None,
    maximum: int | None = None,
    optional: bool = False,
) -> None:
    """Check an int (bool is refused: ``True`` is not a number of minutes)."""
    if value is None:
        if optional:
            return
        raise _required(field, label)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(
            field,
            # translators: {name} is the name of a form field
            _("{name} must be a whole number.").format(name=_name(field, label)),
        )
    if minimum is not None and maximum is not None and not minimum <= value <= maximum:
        raise ValidationError(
            field,
            # translators: {name} is the name of a form field, {minimum} and {maximum} are numbers
            _("{name} must be between {minimum} and {maximum}.").format(
                name=_name(field, label), minimum=minimum, maximum=maximum
            ),
        )
    if minimum is not None and value < minimum:
        raise ValidationError(
            field,
            # translators: {name} is the name of a form field, {minimum} and {maximum} are numbers
            _("{name} must be at least {minimum}.").format(
                name=_name(field, label), minimum=minimum
            ),
        )
    if maximum is not None and value > maximum:
        raise ValidationError(
            field,
            # translators: {name} is the name of a form field, {minimum} and {maximum} are numbers
            _("{name} must be at most {maximum}.").format(
                name=_name(field, label), maximum=maximum
            ),
        )


def check_id(
    value: object, *, field: str, label: str | None = None, optional: bool = False
) -> None:
    """A database id or record number: a positive int."""
    if value is None:
        if optional:
            return
        raise _required(field, label)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValidationError(
            field,
            # translators: {name} is the name of a form field
            _("{name} must be a positive whole number.").format(name=_name(field, label)),
        )


def check_id_list(value: object, *, field: str, label: str | None = None) -> None:
    """A list of distinct positive ids."""
    if not isinstance(value, list):
        # translators: {name} is the name of a form field
        raise ValidationError(field, _("{name} must be a list.").format(name=_name(field, label)))
    seen: set[int] = set()
    for index, item in enumerate(value):
        check_id(item, field=f"{field}[{index}]", label=label)
        assert isinstance(item, int)
        if item in seen:
            raise ValidationError(
                f"{field}[{index}]",
                # translators: {name} is the name of a form field
                _("{name} lists the same entry twice.").format(name=_name(field, label)),
            )
        seen.add(item)


def check_date(
    value: object, *, field: str, label: str | None = None, optional: bool = False
) -> None:
    """A calendar day (a ``date`` that is not a ``datetime``)."""
    if value is None:
        if optional:
            return
        raise _required(field, label)
    if isinstance(value, datetime) or not isinstance(value, date):
        raise ValidationError(
            field,
            # translators: {name} is the name of a form field
            _("{name} must be a calendar date.").format(name=_name(field, label)),
        )


def check_time(
    value: object, *, field: str, label: str | None = None, optional: bool = False
) -> None:
    """A local wall-clock time of day, without a time zone."""
    if value is None:
        if optional:
            return
        raise _required(field, label)
    if not isinstance(value, time) or value.tzinfo is not None:
        raise ValidationError(
            field,
            # translators: {name} is the name of a form field
            _("{name} must be a time of day without a time zone.").format(name=_name(field, label)),
        )


def check_utc(
    value: object, *, field: str, label: str | None = None, optional: bool = False
) -> None:
    """A timezone-aware ``datetime`` in UTC (offset zero)."""
    if value is None:
        if optional:
            return
        raise _required(field, label)
    if not isinstance(value, datetime) or value.utcoffset() != timedelta(0):
        raise ValidationError(
            field,
            # translators: {name} is the name of a form field
            _("{name} must be a date and time in UTC.").format(name=_name(field, label)),
        )


def check_enum(
    value: object, enum_type: type[StrEnum], *, field: str, label: str | None = None
) -> None:
    if not isinstance(value, enum_type):
        raise ValidationError(
            field,
            # translators: {name} is the name of a form field
            _("{name} must be one of the listed choices.").format(name=_name(field, label)),
        )


def check_enum_set(
    value: object, enum_type: type[StrEnum], *, field: str, label: str | None = None
) -> None:
    if not isinstance(value, set):
        raise ValidationError(
            field,
            # translators: {name} is the name of a form field
            _("{name} must be a set of choices.").format(name=_name(field, label)),
        )
    for item in value:
        check_enum(item, enum_type, field=field, label=label)


def check_hex64(value: object, *, field: str, label: str | None = None) -> None:
    """A SHA-256 digest as 64 lowercase hexadecimal digits."""
    if not isinstance(value, str) or _HEX64_RE.fullmatch(value) is None:
        raise ValidationError(
            field,
            # translators: {name} is the name of a form field
            _("{name} must be 64 lowercase hexadecimal digits.").format(name=_name(field, label)),
        )


def check_list(value: object, *, field: str, label: str | None = None) -> list[object]:
    if not isinstance(value, list):
        # translators: {name} is the name of a form field
        raise ValidationError(field, _("{name} must be a list.").format(name=_name(field, label)))
    return value


def expect(value: object, kind: type[_T], at: str) -> _T:
    """``value`` if it is a ``kind``; else a ValidationError (a corrupt or mistyped entry)."""
    if not isinstance(value, kind):
        raise ValidationError(at, _("This entry has the wrong kind of content."))
    return value


KEY_MAX = 64
_KEY_RE = re.compile(r"[a-z0-9][a-z0-9_.-]*")


def check_key(value: object, *, field: str = "key", builtin: bool) -> None:
    """A built-in item's stable key (lowercase letters, digits, ``_ . -``; at most
    :data:`KEY_MAX`) is required; an item the user made has none."""
    if not builtin:
        if value is not None:
            raise ValidationError(field, _("Only built-in entries have a key."))
        return
    if not isinstance(value, str) or len(value) > KEY_MAX or _KEY_RE.fullmatch(value) is None:
        raise ValidationError(
            field,
            # translators: {maximum} is a number of characters
            _(
                "A built-in entry needs a key of at most {maximum} lowercase letters, digits, "
                "'_', '.' or '-'."
            ).format(maximum=KEY_MAX),
        )
