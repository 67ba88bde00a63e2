"""The translation mechanism itself: languages, per-thread report language, catalogues, plurals."""

from __future__ import annotations

import io
import re
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import write_po
from hypothesis import given
from hypothesis import strategies as st

from peerdesk import i18n
from peerdesk.i18n.pseudo import pseudo
from peerdesk.models import dates
from peerdesk.models.builtin_text import localized_strategy
from peerdesk.models.enums import StrategyCategory, StrategySource
from peerdesk.models.strategy import Strategy

ARABIC_FORMS = ("zero", "one", "two", "few", "many", "other")


@pytest.fixture
def locale_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A private catalogue folder: an Arabic catalogue with one six-form plural message."""
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    i18n.translations.cache_clear()
    catalog = Catalog(locale="ar")
    catalog.add(("{n} entry", "{n} entries"), tuple(f"{form} {{n}}" for form in ARABIC_FORMS))
    catalog.add("Save", "حفظ")
    catalog.add("Open", "مفتوح", context="state")
    folder = tmp_path / "ar" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with (folder / "peerdesk.po").open("wb") as handle:
        write_po(handle, catalog)
    yield tmp_path
    i18n.translations.cache_clear()


def test_plural_forms_come_from_the_catalogue(locale_dir: Path) -> None:
    i18n.set_language("ar")
    expected = {0: "zero", 1: "one", 2: "two", 3: "few", 10: "few", 11: "many", 99: "many"}
    expected |= {100: "other", 102: "other", 103: "few"}
    for n, form in expected.items():
        assert i18n.ngettext("{n} entry", "{n} entries", n).format(n=n) == f"{form} {n}"
    assert i18n._("Save") == "حفظ"
    assert i18n.pgettext("state", "Open") == "مفتوح"
    assert i18n._("Not in the catalogue") == "Not in the catalogue"
    i18n.set_language("en")
    assert i18n.ngettext("{n} entry", "{n} entries", 1) == "{n} entry"
    assert i18n.ngettext("{n} entry", "{n} entries", 2) == "{n} entries"


def test_a_compiled_catalogue_is_preferred_and_a_broken_one_falls_back(locale_dir: Path) -> None:
    folder = locale_dir / "ar" / "LC_MESSAGES"
    compiled = Catalog(locale="ar")
    compiled.add("Save", "from the mo file")
    buffer = io.BytesIO()
    write_mo(buffer, compiled)
    (folder / "peerdesk.mo").write_bytes(buffer.getvalue())
    assert i18n.translations("ar").gettext("Save") == "from the mo file"
    broken = locale_dir / "de" / "LC_MESSAGES"
    broken.mkdir(parents=True)
    (broken / "peerdesk.mo").write_bytes(b"not a catalogue")
    i18n.translations.cache_clear()
    with i18n.language("de"):
        assert i18n._("Save") == "Save"


def test_a_report_language_holds_only_in_its_own_thread() -> None:
    i18n.set_language("en")
    inside = threading.Event()
    release = threading.Event()
    seen: dict[str, str] = {}

    def worker() -> None:
        with i18n.language("de"):
            seen["worker"] = i18n.current_language()
            seen["month"] = dates.month_year(date(2026, 3, 3))
            inside.set()
            release.wait(10)
        seen["after"] = i18n.current_language()

    thread = threading.Thread(target=worker)
    thread.start()
    assert inside.wait(10)
    seen["main"] = i18n.current_language()
    seen["main month"] = dates.month_year(date(2026, 3, 3))
    release.set()
    thread.join(10)
    assert seen == {
        "worker": "de",
        "month": "März 2026",
        "main": "en",
        "main month": "March 2026",
        "after": "en",
    }


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        ({"LANGUAGE": "fr_CA:en"}, "fr"),
        ({"LC_ALL": "ar_EG.UTF-8"}, "ar"),
        ({"LANG": "de_AT.UTF-8"}, "de"),
        ({"LANG": "pt_BR.UTF-8"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({}, "en"),
    ],
)
def test_the_system_language(
    monkeypatch: pytest.MonkeyPatch, environment: dict[str, str], expected: str
) -> None:
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(variable, raising=False)
    for variable, value in environment.items():
        monkeypatch.setenv(variable, value)
    assert i18n.system_language() == expected
    assert i18n.set_language("system") == expected
    assert i18n.set_language("es") == "es"
    assert i18n.is_right_to_left("ar") and not i18n.is_right_to_left("es")


@pytest.mark.parametrize(
    ("code", "short", "joined"),
    [
        ("en", "3 Mar 2026", "3 Mar 2026, 14:05"),
        ("de", "3. März 2026", "3. März 2026, 14:05"),
        ("fr", "3 mars 2026", "3 mars 2026, 14:05"),
        ("es", "3 mar 2026", "3 mar 2026, 14:05"),
        ("ar", "3 مارس 2026", "3 مارس 2026، 14:05"),
    ],
)
def test_dates_follow_the_language(code: str, short: str, joined: str) -> None:
    from datetime import datetime

    with i18n.language(code):
        assert dates.short_date(date(2026, 3, 3)) == short
        assert dates.short_datetime(datetime(2026, 3, 3, 14, 5)) == joined


_PLACEHOLDER = st.from_regex(r"\{[a-z_]{1,8}\}", fullmatch=True)
_WORDS = st.text(alphabet=st.characters(codec="utf-8", exclude_characters="{}&<>%"), max_size=30)


@given(st.lists(st.one_of(_WORDS, _PLACEHOLDER, st.just("<b>"), st.just("&Save")), max_size=8))
def test_pseudo_keeps_placeholders_markup_and_mnemonics(parts: list[str]) -> None:
    message = "".join(parts)
    result = pseudo(message)
    if not message:
        assert result == ""
        return
    kept = re.findall(r"\{[a-z_]{1,8}\}|<b>|&(?=\S)", message)
    assert re.findall(r"\{[a-z_]{1,8}\}|<b>|&(?=\S)", result) == kept
    assert len(result) >= len(message) * 1.3


def test_built_in_content_is_translated_and_the_users_own_is_not() -> None:
    own = Strategy(title="Box breathing", category=StrategyCategory.CALM_BODY)
    builtin = Strategy(
        key="box_breathing",
        title="Box breathing",
        category=StrategyCategory.CALM_BODY,
        steps=["Sit or stand with your feet resting on the floor."],
        source=StrategySource.BUILTIN,
    )
    with i18n.language(i18n.PSEUDO):
        assert localized_strategy(own) is own
        shown = localized_strategy(builtin)
    assert shown.title.startswith("[") and "Ɓöx" in shown.title
    assert shown.steps[0].startswith("[Šíţ")
    assert builtin.title == "Box breathing"  # the stored object is not changed
