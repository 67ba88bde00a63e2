"""Shorthands for cleaning user text in ``cleaned()`` methods (private)."""

from __future__ import annotations

from peerdesk.models.text import clean_text


def line(
    value: str, field: str, cap: int, *, required: bool = False, label: str | None = None
) -> str:
    """A single-line field, capped at ``cap`` code points."""
    return clean_text(
        value, field=field, max_length=cap, multiline=False, required=required, label=label
    )


def block(value: str, field: str, *, required: bool = False, label: str | None = None) -> str:
    """A multi-line field without a cap."""
    return clean_text(value, field=field, required=required, label=label)
