"""visible_filename and clean_passphrase (SECURITY.md 22)."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from peerdesk.models import ValidationError, clean_passphrase, visible_filename

BIDI_CONTROLS = [
    "\u202a",
    "\u202b",
    "\u202c",
    "\u202d",
    "\u202e",
    "\u2066",
    "\u2067",
    "\u2068",
    "\u2069",
    "\u200e",
    "\u200f",
    "\u061c",
]


def test_right_to_left_override_is_shown() -> None:
    assert visible_filename("invoice\u202efdp.exe") == "invoice[U+202E]fdp.exe"


@pytest.mark.parametrize("control", BIDI_CONTROLS)
def test_every_bidi_control_is_shown_as_its_code(control: str) -> None:
    shown = visible_filename(f"a{control}b.txt")
    assert control not in shown
    assert f"[U+{ord(control):04X}]" in shown


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("zero\u200bwidth.pdf", "zero[U+200B]width.pdf"),
        ("\ufeffbom.txt", "[U+FEFF]bom.txt"),
        ("line\nbreak.png", "line[U+000A]break.png"),
        ("bytes\udcff.jpg", "bytes[U+DCFF].jpg"),
        ("filler\u3164.doc", "filler[U+3164].doc"),
    ],
)
def test_other_invisible_characters_are_shown(name: str, expected: str) -> None:
    assert visible_filename(name) == expected


def test_ordinary_names_are_unchanged() -> None:
    for name in [
        "Screenshot 2024-03-05 at 14.31.png",
        "Zoë's notes (1).docx",
        "письмо.eml",
        "مستند.pdf",
        "会议记录.txt",
        "👋 hello.jpg",
    ]:
        assert visible_filename(name) == name


@given(st.text(st.characters(codec=None)))
def test_display_name_has_no_invisible_or_unencodable_characters(name: str) -> None:
    shown = visible_filename(name)
    shown.encode("utf-8")
    assert not any(unicodedata.category(char) in {"Cf", "Cc", "Cs"} for char in shown)


@pytest.mark.parametrize(
    "passphrase",
    ["' OR 1=1 --", '"quoted"', "semi;colon", "-- dash dash", "café", "wave 👋", " spaced "],
)
def test_passphrase_accepts_any_printable_text_unchanged(passphrase: str) -> None:
    assert clean_passphrase(passphrase) == unicodedata.normalize("NFC", passphrase)


def test_passphrase_keeps_surrounding_spaces() -> None:
    assert clean_passphrase("  correct horse  ") == "  correct horse  "


def test_nfc_and_nfd_forms_give_the_same_passphrase() -> None:
    composed = "caf\u00e9"
    decomposed = "cafe\u0301"
    assert composed != decomposed
    assert clean_passphrase(composed) == clean_passphrase(decomposed) == composed


@pytest.mark.parametrize("bad", ["", "abc\x00def", "\x00", "half\ud83d", "\udcff"])
def test_passphrase_rejects_empty_nul_and_unencodable(bad: str) -> None:
    with pytest.raises(ValidationError) as caught:
        clean_passphrase(bad)
    assert caught.value.field == "passphrase"
    if bad:
        assert bad not in caught.value.message


@given(st.text(st.characters(codec=None), min_size=1))
def test_passphrase_result_is_always_encodable_or_refused(raw: str) -> None:
    try:
        result = clean_passphrase(raw)
    except ValidationError as error:
        assert error.field == "passphrase"
    else:
        result.encode("utf-8")
        assert result == unicodedata.normalize("NFC", raw)
