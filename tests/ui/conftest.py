"""UI fixtures: an open VaultSession on a real vault in the test's temporary folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from peerdesk.ui.common.messages import Messages
from peerdesk.ui.common.session import VaultSession


@pytest.fixture(autouse=True)
def clean_messages() -> Iterator[None]:
    Messages.reset()
    yield
    Messages.reset()


@pytest.fixture
def session(qtbot: QtBot, vault_path: Path, passphrase: str) -> Iterator[VaultSession]:
    s = VaultSession()
    s.create(vault_path, passphrase)
    yield s
    s.close()
