"""Passphrase field, strength estimator and the new-passphrase form, driven as a person would."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QCheckBox, QLineEdit, QStyle, QStyleOptionButton
from pytestqt.qtbot import QtBot

from peerdesk.ui.common.messages import Button, Messages
from peerdesk.ui.vault.passphrase import (
    ADVICE_COMMON,
    NewPassphraseForm,
    PassphraseField,
    StrengthMeter,
    strength,
)
from tests.ui.helpers import answer_next_message_box


def click_checkbox(qtbot: QtBot, box: QCheckBox) -> None:
    """Click where a person would: on the box itself (a wide checkbox ignores empty space)."""
    option = QStyleOptionButton()
    box.initStyleOption(option)
    rect = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=rect.center())


def dark_palette() -> QPalette:
    palette = QPalette()
    colours = {
        QPalette.ColorRole.Window: "#353535",
        QPalette.ColorRole.WindowText: "#ffffff",
        QPalette.ColorRole.Base: "#2a2a2a",
        QPalette.ColorRole.Text: "#ffffff",
        QPalette.ColorRole.Button: "#353535",
        QPalette.ColorRole.ButtonText: "#ffffff",
        QPalette.ColorRole.Highlight: "#2a82da",
    }
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    return palette


def contrast(a: QColor, b: QColor) -> float:
    def luminance(c: QColor) -> float:
        def channel(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        return (
            0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())
        )

    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


# --------------------------------------------------------------------------- estimator


def test_empty_scores_zero_with_advice() -> None:
    s = strength("")
    assert s.score == 0
    assert s.label == ""
    assert "four or more random words" in s.advice.lower()
    assert not s.meets_minimum
    assert not s.can_override


def test_common_password_scores_zero() -> None:
    s = strength("password")
    assert s.score == 0
    assert s.advice == ADVICE_COMMON
    assert not s.can_override


def test_troubadour_is_middling() -> None:
    s = strength("Tr0ub4dor&3")
    assert 1 <= s.score <= 2
    assert s.score == 2  # enough to create a vault, but the advice asks for more
    assert "words" in s.advice


def test_four_random_words_are_strong() -> None:
    s = strength("correct horse battery staple")
    assert s.score >= 3
    assert s.label in ("Strong", "Very strong")
    assert s.meets_minimum


@pytest.mark.parametrize(
    "weak",
    [
        "P@ssw0rd!",
        "qwerty123",
        "aaaaaaaaaaaa",
        "abcdefghijkl",
        "1qaz2wsx3edc",
        "Summer2024!",
        "hunter2hunter2",
        "123456789",
        "zxcvbnm,./",
    ],
)
def test_known_passwords_and_patterns_are_very_weak(weak: str) -> None:
    s = strength(weak)
    assert s.score == 0, weak
    assert not s.meets_minimum and not s.can_override


def test_more_words_score_higher() -> None:
    scores = [
        strength(p).score
        for p in (
            "correct",
            "correct horse",
            "correct horse battery",
            "correct horse battery staple",
            "correct horse battery staple ribbon",
        )
    ]
    assert scores == sorted(scores)
    assert scores[-1] == 4


def test_minimum_rule() -> None:
    weak_short = strength("kitten42")
    assert weak_short.score == 1
    assert not weak_short.meets_minimum and weak_short.can_override
    weak_long = strength("correct horse")  # two words, 13 characters: Weak, so asked about
    assert weak_long.score == 1 and weak_long.length >= 12
    assert not weak_long.meets_minimum and weak_long.can_override
    assert strength("aB3$xY9!").meets_minimum  # score 2


def test_estimator_is_deterministic_and_never_repeats_the_passphrase() -> None:
    for text in ("Tr0ub4dor&3", "marmalade umbrella", "hunter2", "zebra quartz violin"):
        assert strength(text) == strength(text)
        s = strength(text)
        for word in text.split():
            assert word.lower() not in s.advice.lower()
            assert word.lower() not in s.label.lower()


def test_very_long_input_is_quick_and_safe() -> None:
    s = strength("x7#Kq9!mPz2$" * 2000)
    assert 0 <= s.score <= 4
    assert s.length == 24000


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_any_text_gets_a_sane_answer(text: str) -> None:
    s = strength(text)
    assert 0 <= s.score <= 4
    assert s.advice
    assert s == strength(text)
    assert not (s.meets_minimum and s.score == 0)
    assert not (s.can_override and s.meets_minimum)


# --------------------------------------------------------------------------- the field


def test_field_is_a_sensitive_password_field(qtbot: QtBot) -> None:
    field = PassphraseField()
    qtbot.addWidget(field)
    edit = field.edit
    assert edit.echoMode() == QLineEdit.EchoMode.Password
    hints = edit.inputMethodHints()
    for hint in (
        Qt.InputMethodHint.ImhSensitiveData,
        Qt.InputMethodHint.ImhNoPredictiveText,
        Qt.InputMethodHint.ImhNoAutoUppercase,
    ):
        assert hints & hint
    assert edit.contextMenuPolicy() == Qt.ContextMenuPolicy.NoContextMenu
    assert field.toggle.isCheckable()
    assert field.toggle.accessibleName() == "Show passphrase"


def test_show_toggle_reveals_and_hides(qtbot: QtBot) -> None:
    field = PassphraseField()
    qtbot.addWidget(field)
    field.show()
    qtbot.keyClicks(field.edit, "secret words")
    qtbot.mouseClick(field.toggle, Qt.MouseButton.LeftButton)
    assert field.edit.echoMode() == QLineEdit.EchoMode.Normal
    assert field.toggle.text() == "Hide"
    qtbot.mouseClick(field.toggle, Qt.MouseButton.LeftButton)
    assert field.edit.echoMode() == QLineEdit.EchoMode.Password
    assert field.text() == "secret words"


def test_copy_and_cut_are_refused_even_when_shown(qtbot: QtBot) -> None:
    field = PassphraseField()
    qtbot.addWidget(field)
    field.show()
    clipboard = QGuiApplication.clipboard()
    clipboard.setText("before")
    qtbot.keyClicks(field.edit, "secret words")
    qtbot.mouseClick(field.toggle, Qt.MouseButton.LeftButton)
    field.edit.selectAll()
    qtbot.keyClick(field.edit, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(field.edit, Qt.Key.Key_X, Qt.KeyboardModifier.ControlModifier)
    assert clipboard.text() == "before"
    assert field.text() == "secret words"
    clipboard.clear()


def test_clear_overwrites_empties_and_hides(qtbot: QtBot) -> None:
    field = PassphraseField()
    qtbot.addWidget(field)
    field.show()
    qtbot.keyClicks(field.edit, "secret words")
    qtbot.mouseClick(field.toggle, Qt.MouseButton.LeftButton)
    field.clear()
    assert field.text() == ""
    assert not field.edit.isUndoAvailable()  # the typed text cannot be brought back
    assert not field.is_revealed()
    assert field.edit.echoMode() == QLineEdit.EchoMode.Password


def test_return_and_changed_signals_carry_no_text(qtbot: QtBot) -> None:
    field = PassphraseField()
    qtbot.addWidget(field)
    with qtbot.waitSignal(field.changed) as changed:
        qtbot.keyClicks(field.edit, "a")
    assert changed.args == []
    with qtbot.waitSignal(field.returnPressed) as returned:
        qtbot.keyClick(field.edit, Qt.Key.Key_Return)
    assert returned.args == []


# --------------------------------------------------------------------------- meter and form


def test_meter_follows_typing(qtbot: QtBot) -> None:
    form = NewPassphraseForm()
    qtbot.addWidget(form)
    form.show()
    assert form.meter.label.text() == "Strength: —"
    qtbot.keyClicks(form.first.edit, "password")
    assert form.meter.label.text() == "Strength: Very weak"
    assert form.meter.advice_text().startswith("Not strong enough to protect your vault yet.")
    form.first.clear()
    qtbot.keyClicks(form.first.edit, "correct horse battery staple")
    assert form.meter.label.text() == "Strength: Strong"
    assert not form.meter.advice_text().startswith("Not strong enough")
    assert form.meter.bar.value() == 4  # score + 1
    assert "Strong" in form.meter.accessibleDescription()


def test_weak_passphrase_is_asked_about_once_and_hopeless_never_passes(qtbot: QtBot) -> None:
    form = NewPassphraseForm()
    qtbot.addWidget(form)
    form.show()
    assert form.findChild(QCheckBox) is None  # no "Use it anyway" box: one question instead
    qtbot.keyClicks(form.first.edit, "password")
    qtbot.keyClicks(form.second.edit, "password")
    assert not form.is_acceptable()
    assert form.problem() == (
        "This passphrase is too easy to guess: it is one of the most common passwords."
    )
    form.first.clear()
    form.second.clear()
    qtbot.keyClicks(form.first.edit, "kitten42")
    qtbot.keyClicks(form.second.edit, "kitten42")
    assert form.is_acceptable() and form.problem() == ""
    assert form.meter.advice_text().startswith("Weak: PeerDesk will ask before using it.")
    seen = answer_next_message_box(qtbot)  # Enter: the default button
    assert not form.confirm_weak()
    assert seen[0].startswith("This passphrase is weak: ") and seen[0].endswith("Use it anyway?")
    assert seen[1:] == ["Choose another", "Use it anyway"]  # the default first
    assert "kitten" not in seen[0]
    answer_next_message_box(qtbot, "Use it anyway")
    assert form.confirm_weak()
    shown = len(Messages.shown)
    assert form.confirm_weak()  # asked once: not again for the same passphrase
    assert len(Messages.shown) == shown
    qtbot.keyClicks(form.first.edit, "s")
    qtbot.keyClicks(form.second.edit, "s")
    Messages.set_next_answer(Button.Cancel)
    assert not form.confirm_weak()  # a changed passphrase is asked about again


def test_mismatch_message(qtbot: QtBot) -> None:
    form = NewPassphraseForm()
    qtbot.addWidget(form)
    form.show()
    qtbot.keyClicks(form.first.edit, "correct horse battery staple")
    qtbot.keyClicks(form.second.edit, "correct horse")  # still typing: no complaint yet
    assert not form.match_label.isVisible()
    qtbot.keyClicks(form.second.edit, " battery stable")
    assert form.match_label.isVisible()
    assert form.match_text() == NewPassphraseForm.MISMATCH
    assert not form.is_acceptable()
    for _ in range(3):
        qtbot.keyClick(form.second.edit, Qt.Key.Key_Backspace)
    qtbot.keyClicks(form.second.edit, "ple")
    assert form.match_text() == NewPassphraseForm.MATCH
    assert form.is_acceptable()


@pytest.mark.parametrize("dark", [False, True])
def test_meter_bar_is_readable_in_light_and_dark(qtbot: QtBot, dark: bool) -> None:
    meter = StrengthMeter()
    qtbot.addWidget(meter)
    if dark:
        meter.setPalette(dark_palette())
    groove = meter.bar.palette().color(QPalette.ColorRole.Base)
    for text in (
        "password",
        "kitten42",
        "Tr0ub4dor&3",
        "correct horse battery staple",
        "correct horse battery staple ribbon",
    ):
        meter.set_passphrase(text)
        fill = meter.bar.palette().color(QPalette.ColorRole.Highlight)
        assert contrast(fill, groove) >= 3.0, (text, fill.name(), groove.name())
