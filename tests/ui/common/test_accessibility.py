"""The application-wide accessibility pieces: plain names, errors tied to fields, the focus ring,
and Tab that leaves tables, date fields and shortcut fields."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QFont, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QDateEdit,
    QFormLayout,
    QKeySequenceEdit,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from peerdesk.ui.common import accessibility
from peerdesk.ui.common.accessibility import (
    FocusRing,
    clear_field_error,
    label_for,
    plain,
    show_field_error,
)
from peerdesk.ui.common.theme import (
    accent_style,
    apply_theme,
    contrast_ratio,
    dark_palette,
    light_palette,
)


def _app() -> QApplication:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    accessibility.install(app)
    return app


def _shown(qtbot: QtBot, window: QWidget) -> None:
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def test_names_are_plain_text() -> None:
    assert plain("<b>What happened</b>") == "What happened"
    assert plain("&Name:") == "Name"
    assert plain("<i>Tom</i> &amp;&amp; Jerry") == "Tom & Jerry"
    assert plain("Save && close") == "Save & close"
    assert plain("  two\n lines ") == "two lines"


def test_a_label_names_its_field(qtbot: QtBot) -> None:
    label, field = QLabel("<b>&Title:</b>"), QLineEdit()
    label_for(label, field)
    assert label.buddy() is field
    assert field.accessibleName() == "Title"


def test_an_error_is_shown_in_words_tied_to_its_field_and_scrolled_to(qtbot: QtBot) -> None:
    _app()
    window = QWidget()
    area = QScrollArea(window)
    area.setWidgetResizable(True)
    inner = QWidget()
    form = QFormLayout(inner)
    for i in range(40):
        form.addRow(f"Field {i}", QLineEdit())
    field, error = QLineEdit(), QLabel()
    form.addRow("Last", field)
    form.addRow(error)
    area.setWidget(inner)
    QVBoxLayout(window).addWidget(area)
    window.resize(300, 200)
    _shown(qtbot, window)
    assert area.verticalScrollBar().value() == 0
    show_field_error(field, error, "Give a date after the start.")
    assert error.text().startswith("\u26a0 Error: Give a date")  # a word and an icon
    assert field.accessibleDescription() == "Error: Give a date after the start."
    qtbot.waitUntil(field.hasFocus)
    assert area.verticalScrollBar().value() > 0
    top = field.mapTo(area.viewport(), QPoint(0, 0)).y()
    assert 0 <= top < area.viewport().height()
    dark = contrast_ratio(QColor(accent_style(True)["error"]), dark_palette().window().color())
    light = contrast_ratio(QColor(accent_style(False)["error"]), light_palette().window().color())
    assert min(dark, light) >= 4.5
    clear_field_error(field, error)
    assert field.accessibleDescription() == "" and not error.isVisible()


def test_an_error_follows_a_larger_font_set_while_it_shows(qtbot: QtBot) -> None:
    app = _app()
    window = QWidget()
    field, error = QLineEdit(), QLabel()
    layout = QVBoxLayout(window)
    layout.addWidget(field)
    layout.addWidget(error)
    _shown(qtbot, window)
    show_field_error(field, error, "Give a name.")
    assert error.palette().color(QPalette.ColorRole.WindowText) == QColor(
        accent_style(False)["error"]
    )
    font = app.font()
    bigger = QFont(font)
    bigger.setPointSizeF(font.pointSizeF() * 1.5)
    app.setFont(bigger)
    try:
        qtbot.waitUntil(lambda: error.font().pointSizeF() == bigger.pointSizeF())
    finally:
        app.setFont(font)


def test_focus_colours_pass_three_to_one_in_both_themes() -> None:
    for dark, palette in ((False, light_palette()), (True, dark_palette())):
        colours = accent_style(dark)
        for role in (QPalette.ColorRole.Window, QPalette.ColorRole.Base):
            background = palette.color(QPalette.ColorGroup.Active, role)
            assert contrast_ratio(QColor(colours["focus"]), background) >= 3.0
            assert contrast_ratio(QColor(colours["edge"]), background) >= 3.0


def test_the_focus_ring_follows_keyboard_focus_and_is_drawn(qtbot: QtBot) -> None:
    app = _app()
    for theme in ("light", "dark"):
        apply_theme(app, theme)
        window = QWidget()
        layout = QVBoxLayout(window)
        first, button = QLineEdit(), QPushButton("Save")
        button.setDefault(True)
        layout.addWidget(first)
        layout.addWidget(button)
        _shown(qtbot, window)
        first.setFocus()
        qtbot.keyClick(first, Qt.Key.Key_Tab)
        qtbot.waitUntil(button.hasFocus)
        rings = [w for w in window.findChildren(FocusRing) if w.isVisible()]
        assert len(rings) == 1 and rings[0].geometry() == button.geometry()
        image = window.grab().toImage()
        edge = image.pixel(button.x() + 1, button.y() + button.height() // 2)
        assert QColor(edge) == QColor(accent_style(theme == "dark")["focus"])
        window.close()
    apply_theme(app, "light")


def test_tab_leaves_tables_dates_and_shortcut_fields(qtbot: QtBot) -> None:
    _app()
    window = QWidget()
    layout = QVBoxLayout(window)
    table, day, keys, last = QTableWidget(4, 4), QDateEdit(), QKeySequenceEdit(), QLineEdit()
    for widget in (table, day, keys, last):
        layout.addWidget(widget)
    _shown(qtbot, window)
    assert not table.tabKeyNavigation()
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Tab)
    qtbot.waitUntil(day.hasFocus)
    qtbot.keyClick(day, Qt.Key.Key_Tab)  # not to the month: out of the field
    qtbot.waitUntil(keys.hasFocus)
    qtbot.keyClick(keys, Qt.Key.Key_Tab)
    qtbot.waitUntil(last.hasFocus)
    assert keys.keySequence().isEmpty()  # Tab was never recorded as the shortcut
    qtbot.keyClick(last, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(keys.hasFocus)
    qtbot.keyClick(keys, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(day.hasFocus)
    assert keys.keySequence().isEmpty()


def test_a_shortcut_field_keeps_its_shortcut_when_shift_tab_passes_through(qtbot: QtBot) -> None:
    """Shift+Tab is pressed as Shift, then Tab: the lone Shift must not start a new recording
    (which clears the shortcut), and a real combination is still recorded."""
    _app()
    window = QWidget()
    layout = QVBoxLayout(window)
    before, keys = QLineEdit(), QKeySequenceEdit(QKeySequence("Ctrl+Shift+H"))
    layout.addWidget(before)
    layout.addWidget(keys)
    _shown(qtbot, window)
    keys.setFocus()
    qtbot.waitUntil(keys.hasFocus)
    qtbot.keyPress(keys, Qt.Key.Key_Shift, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(keys, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyRelease(before, Qt.Key.Key_Shift)
    qtbot.waitUntil(before.hasFocus)
    assert keys.keySequence() == QKeySequence("Ctrl+Shift+H")
    keys.setFocus()
    qtbot.waitUntil(keys.hasFocus)
    qtbot.keyPress(keys, Qt.Key.Key_Control, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(keys, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not keys.keySequence().isEmpty())
    assert keys.keySequence()[0].key() == Qt.Key.Key_J
