"""The one chart widget: what it tells a screen reader, and that it paints in both forms."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from peerdesk.ui.common import accessibility
from peerdesk.ui.common.chart import BarChart
from peerdesk.ui.common.theme import accent_style, apply_theme, contrast_ratio, dark_palette


def test_rows_description_and_tooltip(qtbot: QtBot) -> None:
    chart = BarChart(name="byTheme", label_share=0.42)
    qtbot.addWidget(chart)
    chart.set_rows([("Workload", 4), ("Conflict", 0)])
    assert chart.objectName() == "byTheme"
    assert chart.rows() == [("Workload", 4), ("Conflict", 0)]
    assert chart.accessibleDescription() == "Workload: 4; Conflict: 0"
    assert chart.toolTip() == "Workload: 4\nConflict: 0"
    chart.clear()
    assert chart.rows() == []
    assert chart.accessibleDescription() == "No data"


def test_a_title_is_its_accessible_name_and_takes_room(qtbot: QtBot) -> None:
    titled = BarChart("Incidents per month")
    plain = BarChart()
    for chart in (titled, plain):
        qtbot.addWidget(chart)
        chart.set_data(["Jan", "Feb"], [1, 2])
    assert titled.accessibleName() == "Incidents per month"
    assert plain.accessibleName() == "Chart"  # never unnamed; callers give a real name
    assert titled.height() > plain.height()


def test_both_forms_paint_bars_that_pass_three_to_one(qtbot: QtBot) -> None:
    for horizontal in (True, False):
        chart = BarChart("Chart", horizontal=horizontal)
        qtbot.addWidget(chart)
        chart.resize(400, chart.height())
        chart.set_data(["A", "B"], [3, 6])
        image = chart.grab().toImage()
        bar = chart.bar_colour()
        window = chart.palette().color(QPalette.ColorRole.Window)
        assert contrast_ratio(bar, window) >= 3.0
        found = any(
            image.pixel(x, y) == bar.rgb()
            for x in range(0, image.width(), 3)
            for y in range(0, image.height(), 3)
        )
        assert found, f"no bar painted (horizontal={horizontal})"


def test_dark_bars_pass_three_to_one(qtbot: QtBot) -> None:
    chart = BarChart("Chart")
    qtbot.addWidget(chart)
    chart.setPalette(dark_palette())
    window = chart.palette().color(QPalette.ColorRole.Window)
    assert contrast_ratio(chart.palette().color(QPalette.ColorRole.Highlight), window) < 3.0
    assert contrast_ratio(chart.bar_colour(), window) >= 3.0


def test_a_chart_is_one_tab_stop_and_its_bars_are_read_with_the_arrows(qtbot: QtBot) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    accessibility.install(app)
    apply_theme(app, "light")
    chart = BarChart("Entries by category")
    qtbot.addWidget(chart)
    chart.resize(400, chart.height())
    chart.set_rows([("Shouting", 4), ("Exclusion", 2), ("Threats", 1)])
    chart.show()
    qtbot.waitExposed(chart)
    chart.activateWindow()
    chart.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(chart.hasFocus)
    assert chart.current_text() == ""
    qtbot.keyClick(chart, Qt.Key.Key_Down)
    assert chart.current_text() == "Shouting: 4"
    qtbot.keyClick(chart, Qt.Key.Key_Down)
    assert chart.current_text() == "Exclusion: 2"
    qtbot.keyClick(chart, Qt.Key.Key_End)
    assert chart.current_text() == "Threats: 1"
    qtbot.keyClick(chart, Qt.Key.Key_Down)  # stays on the last
    assert chart.current_text() == "Threats: 1"
    qtbot.keyClick(chart, Qt.Key.Key_Home)
    assert chart.current_text() == "Shouting: 4"
    image = chart.grab().toImage()
    focus = QColor(accent_style(False)["focus"]).rgb()
    assert any(image.pixel(1, y) == focus for y in range(image.height()))  # the bar outlined
