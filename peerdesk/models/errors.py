"""The one error type of the domain layer."""

from __future__ import annotations


class ValidationError(ValueError):
    """A value a person entered (or a stored record) breaks a rule of the domain.

    ``field`` names the offending field with a path that the UI can map to a widget, e.g.
    ``"title"``, ``"tags"`` or ``"quotes[2].text"``. ``message`` is a sentence in the language in
    force when it was raised, that may be shown to the user as it is. It never repeats what
    the user typed, so it is also safe to log.
    """

    field: str
    message: str

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        # a repr, for developers
        return f"ValidationError(field={self.field!r}, message={self.message!r})"  # i18n: keep
