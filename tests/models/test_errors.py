from __future__ import annotations

import pytest

from peerdesk.models import ValidationError


def test_validation_error_carries_field_and_message() -> None:
    error = ValidationError("tags", "Each tag can be at most 40 characters.")
    assert error.field == "tags"
    assert error.message == "Each tag can be at most 40 characters."
    assert str(error) == "Each tag can be at most 40 characters."


def test_validation_error_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="at most"):
        raise ValidationError("title", "Short description can be at most 200 characters.")
