"""Guards against a broken Qt binding: PySide6 6.12.0 on Python 3.11 loses a reference to
``True`` on every signal emission and aborts the interpreter after a few thousand
("Fatal Python error: bool_dealloc"). pyproject excludes it; this proves the installed one is
sound, so a future upgrade cannot bring the crash back unnoticed."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from pytestqt.qtbot import QtBot


class _Emitter(QObject):
    plain = Signal()
    text = Signal(str)


def test_signal_emission_keeps_reference_counts(qtbot: QtBot) -> None:
    emitter = _Emitter()
    emitter.plain.connect(lambda: None)
    emitter.text.connect(lambda _value: None)
    before = sys.getrefcount(True)
    for _ in range(100):
        emitter.plain.emit()
        emitter.text.emit("x")
    assert sys.getrefcount(True) - before > -50


def test_void_calls_keep_reference_counts(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QWidget

    widget = QWidget()
    qtbot.addWidget(widget)
    before = sys.getrefcount(None)
    for _ in range(200):
        widget.setVisible(False)
    assert sys.getrefcount(None) - before > -100
