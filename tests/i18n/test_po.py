"""The in-memory compiler of ``.po`` catalogues (no Babel at start) gives what Babel gives."""

from __future__ import annotations

import gettext
import io
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po
from hypothesis import given, settings
from hypothesis import strategies as st

from peerdesk.i18n import LOCALE_DIR
from peerdesk.i18n.po import translations_from_po

SHIPPED = sorted(LOCALE_DIR.glob("*/LC_MESSAGES/*.po"))


def by_babel(data: bytes, locale: str | None) -> gettext.GNUTranslations:
    catalog = read_po(io.BytesIO(data), locale=locale)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return gettext.GNUTranslations(io.BytesIO(buffer.getvalue()))


def ours(data: bytes) -> gettext.GNUTranslations:
    return translations_from_po(data)


def same(fast: gettext.GNUTranslations, babel: gettext.GNUTranslations) -> None:
    """The same messages (the header aside: Babel writes its own) and the same plural rule."""
    messages = {key: text for key, text in fast._catalog.items() if key != ""}  # type: ignore[attr-defined]
    expected = {key: text for key, text in babel._catalog.items() if key != ""}  # type: ignore[attr-defined]
    assert messages == expected
    assert [fast.plural(n) for n in range(250)] == [babel.plural(n) for n in range(250)]  # type: ignore[attr-defined]


def test_every_shipped_catalogue_is_found() -> None:
    assert len(SHIPPED) == 8  # four languages, two domains


@pytest.mark.parametrize("po", SHIPPED, ids=lambda p: f"{p.parent.parent.name}-{p.stem}")
def test_each_shipped_catalogue_compiles_as_babel_compiles_it(po: Path) -> None:
    data = po.read_bytes()
    same(ours(data), by_babel(data, po.parent.parent.name))


#: Any text but NUL (it ends a .mo string) and EOT (it joins a context to its message).
_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\x04"),
    max_size=120,
)
_WORDS = _TEXT.filter(lambda s: s.strip() != "")


@st.composite
def catalogues(draw: st.DrawFn) -> tuple[bytes, str]:
    locale = draw(st.sampled_from(["de", "fr", "ar", "es"]))
    catalog = Catalog(locale=locale, fuzzy=draw(st.booleans()))
    forms = catalog.num_plurals
    for _ in range(draw(st.integers(0, 12))):
        context = draw(st.none() | _WORDS)
        fuzzy = ["fuzzy"] if draw(st.booleans()) else []
        if draw(st.booleans()):
            ids = (draw(_WORDS), draw(_WORDS))
            strings = tuple(draw(st.sampled_from(["", draw(_TEXT)])) for _ in range(forms))
            catalog.add(ids, strings, context=context, flags=fuzzy)
        else:
            catalog.add(draw(_WORDS), draw(_TEXT), context=context, flags=fuzzy)
    if draw(st.booleans()):
        obsolete = Catalog(locale=locale)
        obsolete.add(draw(_WORDS), draw(_TEXT))
        catalog.obsolete.update({message.id: message for message in obsolete if message.id})
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=draw(st.sampled_from([0, 40, 76])))
    return buffer.getvalue(), locale


@settings(max_examples=150, deadline=None)
@given(catalogues())
def test_any_catalogue_babel_writes_compiles_as_babel_compiles_it(
    written: tuple[bytes, str],
) -> None:
    data, locale = written
    fast, babel = ours(data), by_babel(data, locale)
    fast_messages = {k: v for k, v in fast._catalog.items() if k != ""}  # type: ignore[attr-defined]
    babel_messages = {k: v for k, v in babel._catalog.items() if k != ""}  # type: ignore[attr-defined]
    assert fast_messages == babel_messages
    assert [fast.plural(n) for n in range(120)] == [babel.plural(n) for n in range(120)]  # type: ignore[attr-defined]


def test_a_broken_catalogue_is_refused() -> None:
    with pytest.raises(ValueError):
        translations_from_po(b'msgid "open\nmsgstr "x"\n')
    with pytest.raises(ValueError):
        translations_from_po(b'"a continued line with nothing before it"\n')
