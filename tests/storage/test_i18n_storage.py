"""Storage errors and importing messages are wrapped for translation, and translated when they
are made (never at import time): in the pseudo-language every sentence comes out accented, with
its placeholders filled."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from peerdesk import i18n
from peerdesk.importing.base import ImportFailed, Preview, Skipped
from peerdesk.importing.detect import Source, detect_format
from peerdesk.storage.attachments import AttachmentTooLarge
from peerdesk.storage.errors import (
    VaultInUse,
    VaultNotFound,
    VaultStartDamaged,
    WrongPassphrase,
)
from peerdesk.storage.keyring_calls import KeyringLocked, KeyringTimeout
from tests.helpers.pseudo import is_pseudo


def test_vault_errors_are_translated_when_raised(pseudo: None) -> None:
    for error in (VaultNotFound(), WrongPassphrase(), VaultInUse()):
        assert is_pseudo(error.user_message), error.user_message
        assert str(error) == error.user_message
    dated = VaultStartDamaged(made="3 March 2026, 14:05")
    assert is_pseudo(dated.user_message) and "3 March 2026, 14:05" in dated.user_message


def test_keyring_and_attachment_messages(pseudo: None) -> None:
    assert is_pseudo(KeyringTimeout().user_message)
    assert is_pseudo(KeyringLocked().user_message)
    too_large = AttachmentTooLarge(60 * 1024 * 1024, 50 * 1024 * 1024)
    assert is_pseudo(too_large.user_message), too_large.user_message


def test_import_messages(pseudo: None, tmp_path: Path) -> None:
    with pytest.raises(ImportFailed) as caught:
        detect_format(tmp_path / "missing.json")
    assert is_pseudo(caught.value.message)
    assert "missing.json" in str(caught.value)


def test_import_preview_lines(pseudo: None, tmp_path: Path) -> None:
    from peerdesk.cli_import import describe
    from peerdesk.importing.base import ImportPlan

    preview = Preview(
        source="jrnl",
        entries=3,
        first=date(2026, 3, 4),
        last=date(2026, 3, 9),
        files=1,
        already_imported=2,
        skipped=(Skipped(where="a.txt, line 4", reason="its date cannot be read"),),
    )
    source = Source(format="jrnl", plan=ImportPlan(source="jrnl"))
    lines = describe(preview, source, tmp_path / "a.txt")
    assert all("{" not in line for line in lines)
    assert "jrnl journal" not in lines[0] and "a.txt" in lines[0]
    assert "new entries" not in lines[1] and "3" in lines[1]


def test_english_unchanged_and_plurals() -> None:
    from peerdesk.cli_import import describe
    from peerdesk.importing.base import ImportPlan

    i18n.set_language("en")
    assert VaultNotFound().user_message.startswith("The vault file does not exist.")
    source = Source(format="jrnl", plan=ImportPlan(source="jrnl"))
    one = Preview(
        source="jrnl", entries=1, first=None, last=None, files=1, already_imported=0, skipped=()
    )
    two = Preview(
        source="jrnl", entries=2, first=None, last=None, files=2, already_imported=0, skipped=()
    )
    assert describe(one, source, Path("a.txt"))[1:] == ["  1 new entry", "  1 file to attach"]
    assert describe(two, source, Path("a.txt"))[1:] == ["  2 new entries", "  2 files to attach"]
