"""ReflowGrid: two columns where they fit, one when the width (or a larger font) does not
hold two, and never a minimum wider than its widest control."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from peerdesk.ui.common.reflow import ReflowGrid


def test_the_grid_takes_as_many_columns_as_fit(qtbot: QtBot) -> None:
    boxes = [QCheckBox(f"A behaviour with a fairly long name {i}") for i in range(5)]
    window = QWidget()
    grid = ReflowGrid(boxes)
    QVBoxLayout(window).addWidget(grid)
    qtbot.addWidget(window)
    widest = max(b.sizeHint().width() for b in boxes)
    assert grid.minimumSizeHint().width() == widest  # one column's worth, not two
    window.resize(3 * widest, 400)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: grid.columns == 2)
    assert boxes[1].y() == boxes[0].y() and boxes[2].y() > boxes[0].y()
    window.resize(widest + 30, 400)
    qtbot.waitUntil(lambda: grid.columns == 1)
    qtbot.waitUntil(lambda: boxes[1].y() > boxes[0].y())  # laid out again
    tops = [b.y() for b in boxes]
    assert tops == sorted(tops) and len(set(tops)) == len(tops)  # one under the other
    for box in boxes:
        assert box.geometry().right() <= grid.width()  # nothing cut at the right
