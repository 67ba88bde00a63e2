"""Shared fixtures. Every test runs with every PeerDesk path inside its own temporary folder."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from peerdesk import i18n, paths

pytest_plugins = ["tests.helpers.keyring_fixtures"]

# Every character class SECURITY.md 1 names: quotes, SQL comment, semicolon, accent, emoji.
PASSPHRASE = "correct ' horse \" battery ; -- staple é 👋"


@pytest.fixture(autouse=True)
def isolated_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point the data directory, HOME and the XDG folders into the test's tmp_path."""
    data = tmp_path / "peerdesk-data"
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv(paths.ENV_VAR, str(data))
    monkeypatch.setenv("HOME", str(home))
    for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(var, str(home / var.lower()))
    paths.set_data_dir(None)
    # The suite's expectations are written in English: every test starts in it, whatever the
    # machine's language; a test of another language sets its own.
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    i18n.set_language(i18n.SOURCE_LANGUAGE)
    yield data
    i18n.set_language(i18n.SOURCE_LANGUAGE)
    paths.set_data_dir(None)


@pytest.fixture
def passphrase() -> str:
    return PASSPHRASE


@pytest.fixture
def vault_path(tmp_path: Path) -> Path:
    folder = tmp_path / "vaults"
    folder.mkdir(mode=0o700)
    return folder / "test.peerdesk"


@pytest.fixture
def vault(vault_path: Path, passphrase: str) -> Iterator[object]:
    from peerdesk.storage.vault import Vault

    v = Vault.create(vault_path, passphrase)
    yield v
    v.close()


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def pseudo() -> Iterator[None]:
    """The pseudo-language (``[Ŝàvé ~~]``) for one test, English again afterwards."""
    i18n.set_language(i18n.PSEUDO)
    try:
        yield
    finally:
        i18n.set_language("en")
