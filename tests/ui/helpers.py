"""Helpers shared by GUI tests: pressing things as a person would."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QCheckBox, QRadioButton
from pytestqt.qtbot import QtBot


def click(qtbot: QtBot, button: QAbstractButton, *, visible: bool = False) -> None:
    """Click an enabled button (``visible``: and one on screen); a check box or radio button on
    its box (only the box and its words take a click, and a wide one's middle may be empty)."""
    assert button.isEnabled(), button.text()
    assert button.isVisible() or not visible, button.text()
    if isinstance(button, QCheckBox | QRadioButton):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(6, button.height() // 2))
    else:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def answer_next_message_box(qtbot: QtBot, button_text: str | None = None) -> list[str]:
    """When the next message box is open, press its ``button_text`` button as a person would
    (``None``: press Enter, which takes the default button). Returns a list that then holds
    the box's text and the names of its buttons, default first."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    seen: list[str] = []
    tries = [0]

    def press() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or not box.isVisible():
            tries[0] += 1
            if tries[0] < 1000:
                QTimer.singleShot(5, press)
            return
        default = box.defaultButton()
        seen.append(box.text())
        seen.append(default.text() if default is not None else "")
        seen.extend(b.text() for b in box.buttons() if b is not default)
        if button_text is None:
            qtbot.keyClick(box, Qt.Key.Key_Return)
        else:
            button = next(b for b in box.buttons() if b.text() == button_text)
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, press)
    return seen
