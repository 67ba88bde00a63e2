"""Canonical JSON and lossless dict forms of the domain records.

Storage keeps each incident revision's content as ``canonical_json(incident_to_dict(x))``
and hashes those exact bytes (see :mod:`peerdesk.models.integrity`), so two rules matter:
the same record always gives the same bytes, and ``incident_from_dict`` restores every field.

Canonical JSON (:func:`canonical_json`)
    UTF-8, ``ensure_ascii=False``; object keys sorted by Unicode code point; separators
    ``,`` and ``:`` with no whitespace; no NaN or infinity. Values:

    * ``datetime``: must be timezone-aware; written in UTC as ``YYYY-MM-DDTHH:MM:SS.ffffffZ``
      (always 6 fractional digits, always ``Z``, see :func:`~peerdesk.models.timing.format_utc`);
    * ``date``: ``YYYY-MM-DD``; ``time``: ``time.isoformat()`` (``HH:MM:SS`` or
      ``HH:MM:SS.ffffff``);
    * enums: their value; tuples: arrays;
    * sets: arrays, sorted (strings and ints in natural order, mixed contents by their own
      canonical bytes).

    Strings are written as they are; a lone surrogate cannot be encoded and raises
    ``ValueError`` (``validate()`` refuses them earlier).

Record dicts (:func:`record_to_dict`)
    A dataclass becomes a dict of JSON values (the same conversions as above), one key per
    field, nested value objects as nested dicts, plus ``"schema": SCHEMA_VERSION``. A field
    whose metadata has ``omit_when_none`` is left out while it is None (a field added later
    keeps the bytes of records saved before it existed). The database ``id`` is left out (it
    is storage's business; set it after loading). Loading (:func:`record_from_dict`) is
    strict: every value must have the type the field declares and the canonical text form;
    unknown keys are refused; a missing key takes the field's default (a draft saved by an
    older version still loads) and a missing required key is an error. Loading does not apply
    ``validate()``: history is read back as it was written.
"""

from __future__ import annotations

import dataclasses
import json
import math
import types
import typing
from collections.abc import Callable, Mapping
from datetime import date, datetime, time
from enum import Enum
from typing import Any, TypeVar

from peerdesk.i18n import _
from peerdesk.models.errors import ValidationError
from peerdesk.models.incident import Incident
from peerdesk.models.timing import format_utc, parse_utc

#: Version of the record dict layout; stored under the key "schema".
SCHEMA_VERSION = 1
SCHEMA_KEY = "schema"
#: Fields never written to a record dict.
_SKIPPED_FIELDS = frozenset({"id"})

_R = TypeVar("_R")


# -- canonical JSON -------------------------------------------------------------------------


def to_json_value(value: object) -> Any:
    """``value`` converted to plain JSON types (dict, list, str, int, float, bool, None) by the
    rules in the module docstring. Raises ``TypeError`` for anything else (bytes, dataclass
    instances: use :func:`record_to_dict`) and ``ValueError`` for a naive datetime or a
    non-finite float."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, Enum):
        return to_json_value(value.value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError("NaN and infinity have no JSON form")
        return float(value)
    if isinstance(value, str):
        return str(value)
    if isinstance(value, datetime):
        return format_utc(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.isoformat()
    if isinstance(value, Mapping):
        result: dict[str, Any] = {}
        for key, item in value.items():
            if isinstance(key, Enum):
                key = key.value
            if not isinstance(key, str):
                raise TypeError(f"JSON object keys must be strings, not {type(key).__name__}")
            result[str(key)] = to_json_value(item)
        return result
    if isinstance(value, list | tuple):
        return [to_json_value(item) for item in value]
    if isinstance(value, set | frozenset):
        return _sorted_items([to_json_value(item) for item in value])
    raise TypeError(f"{type(value).__name__} has no canonical JSON form")


def _sorted_items(items: list[Any]) -> list[Any]:
    if all(isinstance(item, str) for item in items):
        return sorted(items)
    if all(isinstance(item, int) and not isinstance(item, bool) for item in items):
        return sorted(items)
    return sorted(items, key=_dumps)


def _dumps(value: Any) -> bytes:
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")


def canonical_json(obj: object) -> bytes:
    """Deterministic UTF-8 JSON bytes for ``obj`` (see the module docstring)."""
    return _dumps(to_json_value(obj))


def loads_json(data: bytes) -> Any:
    """Parse JSON bytes strictly: UTF-8 only, duplicate keys and NaN/Infinity refused.

    Raises ``ValidationError(field="payload")`` when the bytes are not such JSON.
    """
    try:
        return json.loads(
            data.decode("utf-8"),
            object_pairs_hook=_object_without_duplicates,
            parse_constant=_refuse_constant,
        )
    except (UnicodeDecodeError, json.JSONDecodeError, ValueError) as error:
        raise ValidationError(
            "payload", _("The saved content is damaged and cannot be read.")
        ) from error


def _object_without_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError("duplicate key")
        result[key] = value
    return result


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed")


# -- record dicts -----------------------------------------------------------------------------


def record_to_dict(record: object) -> dict[str, Any]:
    """A dataclass record as a dict of JSON values with ``"schema"``; the ``id`` is left out."""
    if not dataclasses.is_dataclass(record) or isinstance(record, type):
        raise TypeError("record_to_dict expects a dataclass instance")
    data = _dataclass_to_dict(record, skip=_SKIPPED_FIELDS)
    data[SCHEMA_KEY] = SCHEMA_VERSION
    return data


def _dataclass_to_dict(obj: Any, *, skip: frozenset[str] = frozenset()) -> dict[str, Any]:
    return {
        item.name: _plain(getattr(obj, item.name))
        for item in dataclasses.fields(obj)
        if item.name not in skip
        and not (item.metadata.get("omit_when_none") and getattr(obj, item.name) is None)
    }


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _dataclass_to_dict(value)
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return to_json_value(value)


def record_from_dict(cls: type[_R], data: Mapping[str, Any]) -> _R:
    """Rebuild a record of dataclass type ``cls`` from :func:`record_to_dict` output.

    Raises :class:`ValidationError` (``field`` = path of the offending value) for a newer or
    missing schema, an unknown key, a missing required key or a value of the wrong form.
    The result's ``id`` is None.
    """
    if not isinstance(data, Mapping):
        raise ValidationError("", _("The saved content is damaged and cannot be read."))
    schema = data.get(SCHEMA_KEY)
    if isinstance(schema, bool) or not isinstance(schema, int):
        raise ValidationError(SCHEMA_KEY, _("The saved content has no version and cannot be read."))
    if schema > SCHEMA_VERSION:
        raise ValidationError(
            SCHEMA_KEY,
            _("This entry was saved by a newer version of PeerDesk. Update PeerDesk to open it."),
        )
    if schema < 1:
        raise ValidationError(SCHEMA_KEY, _("The saved content has an unknown version."))
    body = {key: value for key, value in data.items() if key != SCHEMA_KEY}
    for skipped in _SKIPPED_FIELDS:
        body.pop(skipped, None)
    return _build(cls, body, "")


_HINTS: dict[object, dict[str, Any]] = {}

#: A loader for one declared type: (plain JSON value, path for errors) -> the field's value.
_Convert = Callable[[Any, str], Any]
#: Loaders per declared type and the loading plan per record class, each made once: the type
#: hints are resolved and inspected once per class, not per field per call.
_CONVERTERS: dict[object, _Convert] = {}
_PLANS: dict[type, tuple[frozenset[str], tuple[tuple[str, _Convert, bool], ...]]] = {}


def _field_types(cls: object) -> dict[str, Any]:
    hints = _HINTS.get(cls)
    if hints is None:
        hints = _HINTS[cls] = typing.get_type_hints(cls)
    return hints


def _damaged(path: str) -> ValidationError:
    return ValidationError(
        path, _("A saved value has the wrong form, so the entry cannot be read.")
    )


def _plan(cls: type) -> tuple[frozenset[str], tuple[tuple[str, _Convert, bool], ...]]:
    """(field names, (name, loader, required) per field) of a record class, made once."""
    plan = _PLANS.get(cls)
    if plan is None:
        hints = _field_types(cls)
        fields = dataclasses.fields(cls)
        plan = _PLANS[cls] = (
            frozenset(item.name for item in fields),
            tuple(
                (
                    item.name,
                    _converter(hints[item.name]),
                    item.default is dataclasses.MISSING
                    and item.default_factory is dataclasses.MISSING,
                )
                for item in fields
            ),
        )
    return plan


def _build(cls: type[_R], data: Any, prefix: str) -> _R:
    if not isinstance(data, Mapping):
        raise _damaged(prefix.rstrip("."))
    names, steps = _plan(cls)
    for key in data:
        if key not in names:
            raise ValidationError(
                f"{prefix}{key}", _("The saved content has a field this version does not know.")
            )
    values: dict[str, Any] = {}
    for name, convert, required in steps:
        if name in data:
            values[name] = convert(data[name], prefix + name)
        elif required:
            raise ValidationError(
                prefix + name, _("A required value is missing, so the entry cannot be read.")
            )
    return cls(**values)


def _converter(kind: Any) -> _Convert:
    convert = _CONVERTERS.get(kind)
    if convert is None:
        convert = _CONVERTERS[kind] = _make_converter(kind)
    return convert


def _unsupported(message: str) -> _Convert:
    def convert(_value: Any, path: str) -> Any:
        raise TypeError(f"{message} at {path}")

    return convert


def _make_converter(kind: Any) -> _Convert:
    origin = typing.get_origin(kind)
    args = typing.get_args(kind)
    if kind is Any:
        return lambda value, _path: to_json_value(value)
    if origin is types.UnionType or origin is typing.Union:
        others = [arg for arg in args if arg is not type(None)]
        optional = type(None) in args
        if len(others) != 1:
            # a TypeError for developers
            unsupported = _unsupported("unsupported union")  # i18n: keep

            def union(value: Any, path: str) -> Any:
                return None if optional and value is None else unsupported(value, path)

            return union
        inner = _converter(others[0])

        def maybe(value: Any, path: str) -> Any:
            return None if optional and value is None else inner(value, path)

        return maybe
    if origin is list:
        item_of = _converter(args[0])

        def as_list(value: Any, path: str) -> Any:
            if not isinstance(value, list):
                raise _damaged(path)
            return [item_of(item, f"{path}[{i}]") for i, item in enumerate(value)]

        return as_list
    if origin is set:
        member_of = _converter(args[0])

        def as_set(value: Any, path: str) -> Any:
            if not isinstance(value, list):
                raise _damaged(path)
            items = [member_of(item, f"{path}[{i}]") for i, item in enumerate(value)]
            result = set(items)
            if len(result) != len(items):
                raise _damaged(path)
            return result

        return as_set
    if origin is dict:
        value_of = _converter(args[1])

        def as_dict(value: Any, path: str) -> Any:
            if not isinstance(value, dict) or not all(isinstance(key, str) for key in value):
                raise _damaged(path)
            return {key: value_of(item, f"{path}.{key}") for key, item in value.items()}

        return as_dict
    if not isinstance(kind, type):
        return _unsupported("unsupported field type")  # i18n: keep — a TypeError for developers
    if dataclasses.is_dataclass(kind):
        record = kind
        return lambda value, path: _build(record, value, f"{path}.")
    return _scalar_converter(kind)


def _scalar_converter(kind: type) -> _Convert:
    if kind is bool:

        def as_bool(value: Any, path: str) -> Any:
            if not isinstance(value, bool):
                raise _damaged(path)
            return value

        return as_bool
    if kind is int:

        def as_int(value: Any, path: str) -> Any:
            if isinstance(value, bool) or not isinstance(value, int):
                raise _damaged(path)
            return value

        return as_int
    if kind is str:

        def as_str(value: Any, path: str) -> Any:
            if not isinstance(value, str):
                raise _damaged(path)
            return value

        return as_str
    if issubclass(kind, Enum):
        choice = kind

        def as_enum(value: Any, path: str) -> Any:
            try:
                return choice(value)
            except ValueError:
                raise ValidationError(
                    path, _("A saved choice is not known to this version of PeerDesk.")
                ) from None

        return as_enum
    return lambda value, path: _scalar(kind, value, path)


def _scalar(kind: type, value: Any, path: str) -> Any:
    """Dates, times and moments: parsed, and refused unless written in their canonical form."""
    if not isinstance(value, str):
        raise _damaged(path)
    parsed: date | time
    try:
        if kind is datetime:
            moment = parse_utc(value)
            if format_utc(moment) != value:
                raise ValueError("not canonical")
            return moment
        if kind is date:
            parsed = date.fromisoformat(value)
        elif kind is time:
            parsed = time.fromisoformat(value)
            if parsed.tzinfo is not None:
                raise ValueError("a time of day has no zone")
        else:
            raise TypeError(f"unsupported field type {kind.__name__} at {path}")
    except ValueError:
        raise _damaged(path) from None
    if parsed.isoformat() != value:
        raise _damaged(path)
    return parsed


# -- incidents --------------------------------------------------------------------------------


def incident_to_dict(incident: Incident) -> dict[str, Any]:
    """Every field of ``incident`` except ``id``, as JSON values, with ``"schema"``."""
    return record_to_dict(incident)


def incident_from_dict(data: Mapping[str, Any]) -> Incident:
    """The inverse of :func:`incident_to_dict` (``id`` is None: set it from the row)."""
    return record_from_dict(Incident, data)


def incident_payload(incident: Incident) -> bytes:
    """The bytes a revision stores and hashes: ``canonical_json(incident_to_dict(incident))``."""
    return canonical_json(incident_to_dict(incident))


def incident_from_payload(payload: bytes) -> Incident:
    """Read a revision's payload back (strict JSON, then :func:`incident_from_dict`)."""
    return incident_from_dict(loads_json(payload))
