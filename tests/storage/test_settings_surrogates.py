"""Saving a setting whose text holds a surrogate code point never raises UnicodeEncodeError
(issue 19 item 10): every settings save path either stores the text by the rule all stored
text follows (a pair joined, a lone surrogate as U+FFFD), or refuses it with a plain message,
or — for a remembered path — does not remember it. Nothing is stored changed in silence.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from peerdesk.models.report import RecipientProfile
from peerdesk.models.text import fix_surrogates
from peerdesk.storage.report_profiles import ReportProfiles
from peerdesk.storage.settings import VaultSettings
from peerdesk.storage.vault import Vault
from peerdesk.ui.common.preferences import Preferences
from peerdesk.ui.common.vault_settings import SettingsRegistry

#: Any code point, with surrogates (category Cs) often: st.characters(blacklist_categories=())
#: allows them but draws one in a few hundred strings.
ANY_TEXT = st.lists(
    st.one_of(st.characters(blacklist_categories=()), st.characters(categories=["Cs"])), max_size=40
).map("".join)
#: Text that surely holds a lone surrogate.
BROKEN = st.builds(lambda a, b: f"{a}\udcff{b}", ANY_TEXT, ANY_TEXT)
TEXT_SETTINGS = ("quick_hide_shortcut", "backups_dir")
PREFERENCE_TEXT = ("theme", "last_vault", "file_dialog_dir")
EXAMPLES = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture(scope="module")
def vault(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Vault]:
    folder = tmp_path_factory.mktemp("surrogates")
    with Vault.create(folder / "s.peerdesk", "correct horse battery staple") as v:
        yield v


@pytest.fixture
def registry(qapp, vault: Vault) -> SettingsRegistry:  # type: ignore[no-untyped-def]
    r = SettingsRegistry()
    r.bind(VaultSettings(vault))
    return r


@pytest.fixture
def preferences(qapp, tmp_path: Path) -> Preferences:  # type: ignore[no-untyped-def]
    prefs = Preferences(tmp_path / "prefs" / "peerdesk.ini")
    prefs.set("remember_last_vault", True)
    prefs.set("remember_file_dialog_dir", True)
    return prefs


@EXAMPLES
@given(key=ANY_TEXT, text=ANY_TEXT)
def test_vault_settings_store_any_text(vault: Vault, key: str, text: str) -> None:
    store = VaultSettings(vault)
    store.set("free", {"text": text, "list": [text], key: 1})
    got = store.get("free")
    assert got["text"] == fix_surrogates(text) and got["list"] == [fix_surrogates(text)]
    assert fix_surrogates(key) in got
    got["text"].encode("utf-8")  # what comes back can be used anywhere


@EXAMPLES
@given(author=ANY_TEXT, name=ANY_TEXT)
def test_report_options_and_profiles_store_any_text(vault: Vault, author: str, name: str) -> None:
    profiles = ReportProfiles(vault)
    profiles.remember_options({"author": author, "organisation": author, "profile": name})
    assert profiles.last_options()["author"] == fix_surrogates(author)
    try:
        profile = RecipientProfile(name=f"p{name}", label=f"Mine {name}")
    except ValueError:
        return  # refused with a plain message (ProfileError)
    profiles.save(profile)
    assert f"p{fix_surrogates(name)}" in [p.name for p in profiles.list()]
    profiles.delete(f"p{fix_surrogates(name)}")


@EXAMPLES
@given(key=st.sampled_from(TEXT_SETTINGS), text=ANY_TEXT)
def test_registry_text_settings_store_or_refuse(
    registry: SettingsRegistry, key: str, text: str
) -> None:
    try:
        registry.set(key, text)
    except ValueError as exc:
        str(exc).encode("utf-8")  # a message that can be shown and logged
        return
    finally:
        registry.reset(key)
    assert fix_surrogates(text) == text  # anything stored had no surrogate in it


@EXAMPLES
@given(key=st.sampled_from((*TEXT_SETTINGS, "sections")), text=BROKEN)
def test_registry_refuses_a_lone_surrogate_plainly(
    registry: SettingsRegistry, key: str, text: str
) -> None:
    value = [text] if key == "sections" else f"/{text}"
    plain = r"contains a (broken character \(a lone surrogate\)|NUL character)"
    with pytest.raises(ValueError, match=plain):
        registry.set(key, value)
    with pytest.raises(ValueError, match=plain):
        registry.validate(key, value)  # what the settings dialog checks before saving


def test_a_backups_folder_with_a_lone_surrogate_is_refused_not_crashed(
    registry: SettingsRegistry, tmp_path: Path
) -> None:
    folder = f"{tmp_path}/caf\udce9"  # a Latin-1 folder name, as os.listdir gives it
    with pytest.raises(ValueError) as refused:
        registry.set("backups_dir", folder)
    assert str(refused.value) == (
        "The backups folder contains a broken character (a lone surrogate)."
    )
    assert registry.get("backups_dir") == ""


@EXAMPLES
@given(key=st.sampled_from(PREFERENCE_TEXT), text=ANY_TEXT)
def test_preferences_store_faithfully_refuse_or_do_not_remember(
    preferences: Preferences, key: str, text: str
) -> None:
    try:
        preferences.set(key, text)
    except ValueError as exc:
        str(exc).encode("utf-8")
        return
    assert preferences.get(key) in (text, Preferences.default(key))  # never a changed value
    if fix_surrogates(text) != text:
        assert preferences.get(key) == Preferences.default(key)  # not remembered
