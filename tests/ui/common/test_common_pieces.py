"""The common pieces the vault and report features share: the weak-secret question and the
Settings-style note."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSizePolicy
from pytestqt.qtbot import QtBot

from peerdesk.models.secret_strength import strength
from peerdesk.ui.common.messages import Button, Messages, ask_use_weak
from peerdesk.ui.common.notices import note


def test_ask_use_weak_names_the_secret_and_never_shows_it(qtbot: QtBot) -> None:
    weak = strength("correct horse")
    assert weak.can_override
    Messages.set_next_answer(Button.No)
    assert not ask_use_weak(None, weak, "password")
    Messages.set_next_answer(Button.Yes)
    assert ask_use_weak(None, weak)
    assert [(m.kind, m.title) for m in Messages.shown] == [
        ("question", "Weak password"),
        ("question", "Weak passphrase"),
    ]
    assert all("correct horse" not in m.text for m in Messages.shown)


def test_note_is_a_plain_wrapped_label_unless_expanding(qtbot: QtBot) -> None:
    plain = note("Kept outside the vault.", "plainNote")
    qtbot.addWidget(plain)
    assert plain.wordWrap() and plain.objectName() == "plainNote"
    assert plain.property("role") is None
    wide = note("Locks the vault.", expanding=True)
    qtbot.addWidget(wide)
    assert wide.wordWrap() and not wide.objectName()
    assert wide.sizePolicy().horizontalPolicy() == QSizePolicy.Policy.Expanding
    assert wide.sizePolicy().hasHeightForWidth()
    assert wide.property("role") == "note"
    assert wide.textInteractionFlags() == Qt.TextInteractionFlag.NoTextInteraction
