"""The one chart widget: what it tells a screen reader, and that it paints in both forms."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from peerdesk.ui.common.chart import BarChart


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
    assert plain.accessibleName() == ""
    assert titled.height() > plain.height()


def test_both_forms_paint_bars_in_the_highlight_colour(qtbot: QtBot) -> None:
    for horizontal in (True, False):
        chart = BarChart("Chart", horizontal=horizontal)
        qtbot.addWidget(chart)
        chart.resize(400, chart.height())
        chart.set_data(["A", "B"], [3, 6])
        image = chart.grab().toImage()
        highlight = chart.palette().highlight().color().rgb()
        found = any(
            image.pixel(x, y) == highlight
            for x in range(0, image.width(), 3)
            for y in range(0, image.height(), 3)
        )
        assert found, f"no bar painted (horizontal={horizontal})"
