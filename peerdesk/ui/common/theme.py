"""Light and dark appearance: follows the system, with a manual override.

The style is Fusion everywhere (consistent across platforms, and its palettes are fully under
our control, so both themes can be checked for contrast).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QProxyStyle,
    QStyle,
    QStyleFactory,
    QStyleHintReturn,
    QStyleOption,
    QStyleOptionComplex,
    QWidget,
)

THEMES = ("system", "light", "dark")


def system_prefers_dark() -> bool:
    hints = QGuiApplication.styleHints()
    return bool(hints is not None and hints.colorScheme() == Qt.ColorScheme.Dark)


def dark_palette() -> QPalette:
    p = QPalette()
    # Inputs are lighter than the window, so that Fusion's outlines (derived from the window
    # colour) stay visible around fields, check boxes and radio buttons.
    window, base, text = QColor("#1f2326"), QColor("#2c3237"), QColor("#e8eaed")
    accent = QColor("#7fb4e6")
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        p.setColor(group, QPalette.ColorRole.Window, window)
        p.setColor(group, QPalette.ColorRole.WindowText, text)
        p.setColor(group, QPalette.ColorRole.Base, base)
        p.setColor(group, QPalette.ColorRole.AlternateBase, QColor("#32383d"))
        p.setColor(group, QPalette.ColorRole.Text, text)
        p.setColor(group, QPalette.ColorRole.Button, QColor("#363c41"))
        p.setColor(group, QPalette.ColorRole.ButtonText, text)
        p.setColor(group, QPalette.ColorRole.ToolTipBase, QColor("#2b3034"))
        p.setColor(group, QPalette.ColorRole.ToolTipText, text)
        p.setColor(group, QPalette.ColorRole.PlaceholderText, QColor("#9aa0a6"))
        p.setColor(group, QPalette.ColorRole.Highlight, QColor("#2f6aa3"))
        p.setColor(group, QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
        p.setColor(group, QPalette.ColorRole.Link, accent)
        p.setColor(group, QPalette.ColorRole.LinkVisited, QColor("#c39be6"))
        p.setColor(group, QPalette.ColorRole.BrightText, QColor("#ff8a80"))
        p.setColor(group, QPalette.ColorRole.Light, QColor("#5a6167"))
        p.setColor(group, QPalette.ColorRole.Midlight, QColor("#484e54"))
        p.setColor(group, QPalette.ColorRole.Mid, QColor("#3a4045"))
        p.setColor(group, QPalette.ColorRole.Dark, QColor("#0e1011"))
        p.setColor(group, QPalette.ColorRole.Shadow, QColor("#000000"))
    disabled = QColor("#80868b")
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        p.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Window, window)
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Base, QColor("#262b2f"))
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Button, QColor("#2b3034"))
    return p


def light_palette() -> QPalette:
    p = QPalette(QColor("#f4f5f7"))  # Fusion derives the rest from the window colour
    ink = QColor("#1b1d1f")
    # Only the active and inactive groups: the disabled group keeps its greyed-out text.
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        p.setColor(group, QPalette.ColorRole.Base, QColor("#ffffff"))
        p.setColor(group, QPalette.ColorRole.Text, ink)
        p.setColor(group, QPalette.ColorRole.WindowText, ink)
        p.setColor(group, QPalette.ColorRole.ButtonText, ink)
        p.setColor(group, QPalette.ColorRole.Highlight, QColor("#2f6aa3"))
        p.setColor(group, QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
        p.setColor(group, QPalette.ColorRole.Link, QColor("#1f5d99"))
        p.setColor(group, QPalette.ColorRole.PlaceholderText, QColor("#6b7075"))
    return p


def mode_is_dark(mode: str) -> bool:
    """True when the appearance setting ``mode`` (system, light, dark) shows dark."""
    return mode == "dark" or (mode == "system" and system_prefers_dark())


def apply_theme(app: QApplication, mode: str) -> None:
    """Apply ``mode`` ("system", "light" or "dark") to the whole application."""
    if mode not in THEMES:
        mode = "system"
    app.setStyle(AccessibleStyle())
    app.setPalette(dark_palette() if mode_is_dark(mode) else light_palette())
    app.setProperty("peerdeskTheme", "dark" if mode_is_dark(mode) else "light")
    # A widget with a style sheet keeps the palette it was polished with; polish it again so
    # that a change of theme while windows are open reaches it too.
    for widget in app.allWidgets():
        if widget.styleSheet():
            widget.setStyleSheet(widget.styleSheet())


def accent_style(dark: bool) -> dict[str, str]:
    """Colours for the few custom-styled elements (sidebar, cards, notices)."""
    if dark:
        return {
            "card": "#262b2e",
            "border": "#3a4045",
            "muted": "#b0b5ba",
            "warning_bg": "#4a3b12",
            "warning_fg": "#ffe8a3",
            "sidebar": "#191c1e",
            # At least 4.5:1 on the window, the fields and the cards (text), or 3:1 (edges, focus).
            "error": "#ff8a80",
            "edge": "#8a9096",
            "focus": "#8ec5ff",
        }
    return {
        "card": "#ffffff",
        "border": "#d6d9dd",
        "muted": "#50555a",
        "warning_bg": "#fff4d6",
        "warning_fg": "#4d3800",
        "sidebar": "#e9ebee",
        "error": "#b3261e",
        "edge": "#767676",
        "focus": "#1f5d99",
    }


def is_dark(palette: QPalette) -> bool:
    """True when the palette draws light text on a dark window."""
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def blend_colours(base: QColor, accent: QColor, amount: float) -> QColor:
    """``base`` moved ``amount`` (0…1) of the way towards ``accent``."""
    return QColor.fromRgbF(
        base.redF() + (accent.redF() - base.redF()) * amount,
        base.greenF() + (accent.greenF() - base.greenF()) * amount,
        base.blueF() + (accent.blueF() - base.blueF()) * amount,
    )


def relative_luminance(colour: QColor) -> float:
    """WCAG 2 relative luminance of an opaque colour."""

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


def contrast_ratio(first: QColor, second: QColor) -> float:
    """WCAG 2 contrast ratio between two opaque colours (1 to 21)."""
    a, b = sorted((relative_luminance(first), relative_luminance(second)))
    return (b + 0.05) / (a + 0.05)


class AccessibleStyle(QProxyStyle):
    """Fusion, with the edges of text fields, lists, combo boxes, spin boxes, check boxes and
    radio buttons drawn in the theme's ``edge`` colour (Fusion derives them from the window
    colour, which leaves them at 1.2–2:1; WCAG asks 3:1 for what identifies a control)."""

    _FRAMED = (
        QStyle.PrimitiveElement.PE_FrameLineEdit,
        QStyle.PrimitiveElement.PE_IndicatorCheckBox,
        QStyle.PrimitiveElement.PE_IndicatorItemViewItemCheck,
    )
    _COMPLEX = (
        QStyle.ComplexControl.CC_ComboBox,
        QStyle.ComplexControl.CC_SpinBox,
    )

    def __init__(self) -> None:
        super().__init__(QStyleFactory.create("Fusion"))  # i18n: keep — a Qt style name
        self.setObjectName("fusion")

    def styleHint(
        self,
        hint: QStyle.StyleHint,
        option: QStyleOption | None = None,
        widget: QWidget | None = None,
        returnData: QStyleHintReturn | None = None,
    ) -> int:
        if hint == QStyle.StyleHint.SH_FocusFrame_AboveWidget:
            return 1  # the focus ring is drawn over the widget's edge, never hidden under it
        return super().styleHint(hint, option, widget, returnData)

    def _edge(self, option: QStyleOption) -> QColor:
        return QColor(accent_style(is_dark(option.palette))["edge"])

    def _outline(self, painter: QPainter, option: QStyleOption, *, round_: bool = False) -> None:
        if not option.state & QStyle.StateFlag.State_Enabled:
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, round_)
        pen = QPen(self._edge(option))
        pen.setWidth(1)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        rect = option.rect.adjusted(0, 0, -1, -1)
        if round_:
            painter.drawEllipse(rect)
        else:
            painter.drawRect(rect)
        painter.restore()

    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawPrimitive(element, option, painter, widget)
        if element in self._FRAMED:
            self._outline(painter, option)
        elif element == QStyle.PrimitiveElement.PE_IndicatorRadioButton:
            self._outline(painter, option, round_=True)
        elif element == QStyle.PrimitiveElement.PE_Frame and isinstance(
            widget, QAbstractScrollArea
        ):
            # Multi-line fields, lists and tables (a frame around a scroll area).
            self._outline(painter, option)

    def drawComplexControl(
        self,
        control: QStyle.ComplexControl,
        option: QStyleOptionComplex,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawComplexControl(control, option, painter, widget)
        if control in self._COMPLEX and getattr(option, "frame", True):
            self._outline(painter, option)
