"""Helpers shared by GUI tests: pressing things as a person would."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QCheckBox, QRadioButton


def click(qtbot, button: QAbstractButton, *, visible: bool = False) -> None:  # type: ignore[no-untyped-def]
    """Click an enabled button (``visible``: and one on screen); a check box or radio button on
    its box (only the box and its words take a click, and a wide one's middle may be empty)."""
    assert button.isEnabled(), button.text()
    assert button.isVisible() or not visible, button.text()
    if isinstance(button, QCheckBox | QRadioButton):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(6, button.height() // 2))
    else:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
