"""The accessibility audit of one shown window (issue 15).

:func:`audit` walks a top-level window as a keyboard and screen-reader user meets it:

- ``unnamed`` / ``markup-name``: a control whose accessible name (what Orca or NVDA reads, from
  ``QAccessible``) is empty or carries markup;
- ``trap``: Tab or Shift+Tab that does not move focus on (a table's cells, a date's sections, a
  shortcut field recording the key);
- ``unreachable``: an enabled, visible control that Tab never reaches;
- ``focus-invisible``: a Tab stop whose look does not change by at least 3:1 over at least
  a quarter of a 2-pixel ring around it (pixels compared before and after focus);
- ``contrast-text``: text below 4.5:1 (3:1 when large) between its palette colour (style sheets
  included) and the background it is drawn on (the commonest colour under it);
- ``contrast-ui``: the edge of a field, list, combo or spin box, or a check box or radio button,
  below 3:1 against what surrounds it.

:func:`audit_fit` checks that the window fits 1366×768 with ``QT_SCALE_FACTOR=1.5`` (a logical
screen of 910×512) and with the application font at 150 %, title bar included, and that no form
scrolls sideways or is cut at its right edge (``clipped-scale``, ``clipped-font``, ``sideways``),
and that text follows the application font (``fixed-font``: a style sheet that fixes a size).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QAccessible, QColor, QFont, QImage, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QKeySequenceEdit,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QScrollArea,
    QScrollBar,
    QStyle,
    QStyleOptionButton,
    QTabBar,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from peerdesk.ui.common.accessibility import scroll_into_view
from peerdesk.ui.common.theme import contrast_ratio

#: The screen the fit is checked against, and what a title bar takes of it (logical pixels at
#: scale 1; at 1.5 both are divided by 1.5).
SCREEN = QSize(1366, 768)
TITLE_BAR = 40

_MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>|&(nbsp|amp|lt|gt|quot);")
_CONTROLS = (
    QAbstractButton,
    QLineEdit,
    QTextEdit,
    QPlainTextEdit,
    QComboBox,
    QAbstractSpinBox,
    QAbstractItemView,
    QAbstractSlider,
    QTabBar,
    QKeySequenceEdit,
)
_COMPOSITES = (QAbstractSpinBox, QComboBox, QLineEdit, QTabBar, QKeySequenceEdit)
_EDGED = (QLineEdit, QComboBox, QAbstractSpinBox, QTextEdit, QPlainTextEdit, QAbstractItemView)


@dataclass(frozen=True)
class Finding:
    kind: str
    widget: str
    detail: str

    def __str__(self) -> str:
        return f"{self.kind}: {self.widget}: {self.detail}"


def describe(widget: QWidget) -> str:
    """A short, stable description of ``widget`` for a finding."""
    bits = [type(widget).__name__]
    if widget.objectName():
        bits.append(f"#{widget.objectName()}")
    text = ""
    if isinstance(widget, QAbstractButton | QLabel):
        text = widget.text()
    elif isinstance(widget, QLineEdit):
        text = widget.placeholderText()
    name = accessible_name(widget)
    if name:
        bits.append(f"name={name[:40]!r}")
    elif text:
        bits.append(f"text={text[:40]!r}")
    return " ".join(bits)


def accessible_name(widget: QWidget) -> str:
    if isinstance(widget, QComboBox) and not widget.isEditable():
        # On Linux Qt gives a combo box's current item as its name and a screen reader names
        # it by its label (the AT-SPI "labelled by" relation, from a buddy QLabel): a combo box
        # is named when a visible label is its buddy, never by what it shows.
        return _buddy_text(widget)
    iface = QAccessible.queryAccessibleInterface(widget)
    if iface is None or not iface.isValid():
        return ""
    return (iface.text(QAccessible.Text.Name) or "").strip()


def _buddy_text(widget: QWidget) -> str:
    for label in widget.window().findChildren(QLabel):
        if label.buddy() is widget and label.isVisible():
            return re.sub(r"&(?=\S)", "", label.text()).strip()
    return ""


def _internal(widget: QWidget) -> bool:
    """Parts of a Qt control that are not controls of their own."""
    if widget.objectName().startswith(("qt_", "_q_")) or isinstance(widget, QScrollBar):
        return True
    if isinstance(widget, QHeaderView):
        return True
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, _COMPOSITES):
            return True
        if isinstance(parent, QAbstractItemView) and widget is not parent:
            return True  # an item view's editors and index widgets are reached through it
        parent = parent.parentWidget()
    return type(widget).__name__ == "FocusRing"


def shown(widget: QWidget, window: QWidget) -> bool:
    return (
        widget.isVisible()
        and widget.window() is window
        and widget.width() > 0
        and widget.height() > 0
    )


def controls(window: QWidget) -> list[QWidget]:
    """The visible controls of ``window``: what a person can operate."""
    found: list[QWidget] = []
    for widget in window.findChildren(QWidget):
        if not shown(widget, window) or _internal(widget):
            continue
        takes_tab = widget.focusPolicy() & Qt.FocusPolicy.TabFocus == Qt.FocusPolicy.TabFocus
        if isinstance(widget, _CONTROLS) or (takes_tab and widget.focusProxy() is None):
            if (
                isinstance(widget, QAbstractScrollArea)
                and not isinstance(widget, QAbstractItemView | QTextEdit | QPlainTextEdit)
                and not takes_tab
            ):
                continue  # a plain scroll area is a container, not a control
            found.append(widget)
    return found


def check_names(window: QWidget) -> list[Finding]:
    findings = []
    for widget in controls(window):
        name = accessible_name(widget)
        if not name:
            findings.append(Finding("unnamed", describe(widget), "no accessible name"))
        elif _MARKUP.search(name):
            findings.append(Finding("markup-name", describe(widget), name[:80]))
    return findings


def _tab_stop(widget: QWidget) -> bool:
    return (
        widget.isEnabled()
        and widget.focusPolicy() & Qt.FocusPolicy.TabFocus == Qt.FocusPolicy.TabFocus
        and widget.focusProxy() is None
    )


def _focused(window: QWidget) -> QWidget | None:
    widget = QApplication.focusWidget()
    if widget is None or widget.window() is not window:
        return None
    parent = widget.parentWidget()
    if isinstance(parent, QAbstractScrollArea) and widget.objectName() == "qt_scrollarea_viewport":
        return parent
    return widget


def _grab(window: QWidget, widget: QWidget, margin: int = 3) -> tuple[QRect, QImage]:
    top_left = widget.mapTo(window, QPoint(0, 0))
    rect = QRect(top_left, widget.size()).adjusted(-margin, -margin, margin, margin)
    rect = rect.intersected(window.rect())
    return rect, window.grab(rect).toImage()


def _strong_changes(before: QImage, after: QImage) -> int:
    if before.size() != after.size():
        return 10**9  # the window moved under it (a scroll): count it as changed
    changed = 0
    width, height = before.width(), before.height()
    step = 1 if width * height < 200_000 else 2
    for y in range(0, height, step):
        for x in range(0, width, step):
            a, b = before.pixel(x, y), after.pixel(x, y)
            if a != b and contrast_ratio(QColor(a), QColor(b)) >= 3.0:
                changed += step * step
    return changed


def tab_walk(
    qtbot: QtBot, window: QWidget, *, backwards: bool = False, look: bool = True
) -> tuple[list[QWidget], list[Finding]]:
    """Press Tab (or Shift+Tab) until focus comes round again; returns the stops in order and
    the findings (traps, and stops whose focus is not visible when ``look``)."""
    findings: list[Finding] = []
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
    candidates = [w for w in controls(window) if _tab_stop(w)]
    if _focused(window) is None and candidates:
        candidates[0].setFocus(Qt.FocusReason.TabFocusReason)
    start = _focused(window)
    if start is None:
        return [], findings
    key = Qt.Key.Key_Backtab if backwards else Qt.Key.Key_Tab
    mods = Qt.KeyboardModifier.ShiftModifier if backwards else Qt.KeyboardModifier.NoModifier
    order: list[QWidget] = [start]
    limit = 3 * len(candidates) + 20
    current = start
    for _ in range(limit):
        rect_image = _grab(window, current) if look else None
        qtbot.keyClick(QApplication.focusWidget() or window, key, mods)
        following = _focused(window)
        if following is None:
            findings.append(Finding("trap", describe(current), "Tab left the window"))
            break
        if following is current and len(candidates) > 1:
            findings.append(
                Finding("trap", describe(current), "Shift+Tab stays" if backwards else "Tab stays")
            )
            break
        if look and rect_image is not None and not backwards and following is not current:
            rect, focused_image = rect_image
            unfocused = window.grab(rect).toImage()
            need = max(12, (current.width() + current.height()) // 2)
            if _strong_changes(focused_image, unfocused) < need:
                findings.append(
                    Finding("focus-invisible", describe(current), "focus changes too little")
                )
        if following is current:
            break  # the window's only stop
        current = following
        if current is start or current in order:
            break
        order.append(current)
    return order, findings


def _radio_group(radio: QRadioButton) -> list[QAbstractButton]:
    """The buttons an exclusive radio moves between with the arrow keys."""
    group = radio.group()
    if group is not None and group.exclusive():
        return list(group.buttons())
    parent = radio.parentWidget()
    if radio.autoExclusive() and parent is not None:
        return [
            b
            for b in parent.findChildren(
                QRadioButton, options=Qt.FindChildOption.FindDirectChildrenOnly
            )
            if b.autoExclusive() and b.group() is None
        ]
    return [radio]


def check_reach(window: QWidget, order: list[QWidget]) -> list[Finding]:
    reached = {id(w) for w in order}
    findings = []
    for widget in controls(window):
        if not widget.isEnabled():
            continue
        if id(widget) in reached:
            continue
        if isinstance(widget, QRadioButton) and any(
            id(member) in reached for member in _radio_group(widget)
        ):
            continue  # one stop for the group; the arrow keys move inside it
        if any(w.isAncestorOf(widget) for w in order):
            continue  # inside a reached composite (its own arrows reach it)
        findings.append(Finding("unreachable", describe(widget), "Tab never reaches it"))
    return findings


def _mode_colour(image: QImage, inset: int = 0) -> QColor:
    """The commonest colour of ``image`` (inside an ``inset`` border), nearby shades counted
    together so that a gradient counts as one background."""
    counts: Counter[int] = Counter()
    shades: dict[int, int] = {}
    step = 1 if image.width() * image.height() < 40_000 else 3
    for y in range(inset, image.height() - inset, step):
        for x in range(inset, image.width() - inset, step):
            pixel = image.pixel(x, y)
            bucket = pixel & 0xF8F8F8
            counts[bucket] += 1
            shades.setdefault(bucket, pixel)
    if not counts:
        return QColor(image.pixel(0, 0))
    return QColor(shades[counts.most_common(1)[0][0]])


def _large(font: QFont) -> bool:
    size = font.pointSizeF() if font.pointSizeF() > 0 else font.pixelSize() * 0.75
    return size >= 18 or (font.bold() and size >= 14)


def _text_of(widget: QWidget) -> str:
    if isinstance(widget, QLabel):
        return "" if widget.pixmap() is not None and not widget.pixmap().isNull() else widget.text()
    if isinstance(widget, QAbstractButton):
        return widget.text()
    if isinstance(widget, QLineEdit | QGroupBox):
        return widget.text() if isinstance(widget, QLineEdit) else widget.title()
    return ""


def _in_sight(window: QWidget, widget: QWidget) -> bool:
    """Bring ``widget`` into sight as a person would scroll to it; False when it cannot be seen
    whole (taller than its scroll area, or outside the window)."""

    def whole() -> bool:
        region = widget.visibleRegion().boundingRect()
        inside = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
        return region.size() == widget.size() and window.rect().contains(inside)

    if whole():
        return True
    scroll_into_view(widget)
    app = QApplication.instance()
    if app is not None:
        app.processEvents()
    return whole()


def check_contrast(window: QWidget) -> list[Finding]:
    findings = []
    for widget in window.findChildren(QWidget):
        if not shown(widget, window) or not widget.isEnabled() or _internal(widget):
            continue
        if not _in_sight(window, widget):
            continue
        text = _text_of(widget)
        if text.strip():
            role = widget.foregroundRole()
            if isinstance(widget, QLineEdit):
                role = QPalette.ColorRole.Text
            elif isinstance(widget, QAbstractButton) and not isinstance(
                widget, QCheckBox | QRadioButton
            ):
                role = QPalette.ColorRole.ButtonText
            fg = widget.palette().color(QPalette.ColorGroup.Active, role)
            image = widget.grab().toImage()
            inset = 3 if min(image.width(), image.height()) > 12 else 0
            if isinstance(widget, QAbstractButton) and not isinstance(
                widget, QCheckBox | QRadioButton
            ):
                inset = max(inset, image.height() // 4)  # inside the frame, not on it
            bg = _mode_colour(image, inset)
            if isinstance(widget, QLineEdit) and widget.hasSelectedText():
                selected = widget.palette().color(QPalette.ColorRole.Highlight)
                if contrast_ratio(bg, selected) < 1.2:  # mostly selection: read its own pair
                    fg = widget.palette().color(QPalette.ColorRole.HighlightedText)
            ratio = contrast_ratio(fg, bg)
            need = 3.0 if _large(widget.font()) else 4.5
            if ratio < need - 0.005:
                findings.append(
                    Finding(
                        "contrast-text",
                        describe(widget),
                        f"{fg.name()} on {bg.name()} is {ratio:.2f}:1 (needs {need}:1)",
                    )
                )
        findings.extend(_ui_contrast(window, widget))
    return findings


def _ui_contrast(window: QWidget, widget: QWidget) -> list[Finding]:
    if isinstance(widget, QCheckBox | QRadioButton):
        option = QStyleOptionButton()
        option.initFrom(widget)
        element = (
            QStyle.SubElement.SE_CheckBoxIndicator
            if isinstance(widget, QCheckBox)
            else QStyle.SubElement.SE_RadioButtonIndicator
        )
        box = widget.style().subElementRect(element, option, widget)
        image = widget.grab().toImage()
        surround = _mode_colour(image)
        band = _band(image, box, inside=2)
    elif isinstance(widget, _EDGED) and not isinstance(widget, QHeaderView):
        if isinstance(widget, QAbstractScrollArea) and widget.frameShape() == widget.Shape.NoFrame:
            return []
        if isinstance(widget, QLineEdit) and not widget.hasFrame():
            return []
        _rect, image = _grab(window, widget, margin=3)
        if image.width() < widget.width() + 6 or image.height() < widget.height() + 6:
            return []  # at the window's edge: no surround to compare with
        outside = [image.pixel(x, y) for x, y in _outline_points(image.rect(), 0)]
        surround = QColor(Counter(outside).most_common(1)[0][0])
        inner = QRect(3, 3, widget.width(), widget.height())
        band = _band(image, inner, inside=2)
    else:
        return []
    if not band:
        return []
    best = max(contrast_ratio(QColor(p), surround) for p in band)
    if best < 3.0 - 0.005:
        return [
            Finding(
                "contrast-ui",
                describe(widget),
                f"edge at most {best:.2f}:1 against {surround.name()} (needs 3:1)",
            )
        ]
    return []


def _outline_points(rect: QRect, inset: int) -> list[tuple[int, int]]:
    left, top = rect.left() + inset, rect.top() + inset
    right, bottom = rect.right() - inset, rect.bottom() - inset
    points = [(x, top) for x in range(left, right + 1)]
    points += [(x, bottom) for x in range(left, right + 1)]
    points += [(left, y) for y in range(top, bottom + 1)]
    points += [(right, y) for y in range(top, bottom + 1)]
    return points


def _band(image: QImage, rect: QRect, inside: int) -> list[int]:
    pixels = []
    bounds = image.rect()
    for inset in range(inside):
        for x, y in _outline_points(rect, inset):
            if bounds.contains(x, y):
                pixels.append(image.pixel(x, y))
    return pixels


def audit(qtbot: QtBot, window: QWidget, *, look: bool = True) -> list[Finding]:
    """Every check but the fit, on the shown top-level ``window``."""
    assert window.isWindow() and window.isVisible(), "open the window first"
    findings = check_names(window)
    order, walked = tab_walk(qtbot, window, look=look)
    findings += walked
    findings += check_reach(window, order)
    _back, walked_back = tab_walk(qtbot, window, backwards=True, look=False)
    findings += walked_back
    if look:
        findings += check_contrast(window)
    return _unique(findings)


def _unique(findings: list[Finding]) -> list[Finding]:
    seen: set[Finding] = set()
    out = []
    for finding in findings:
        if finding not in seen:
            seen.add(finding)
            out.append(finding)
    return out


def _needed(window: QWidget) -> QSize:
    layout = window.layout()
    hint = window.minimumSizeHint()
    if layout is not None:
        layout.activate()
        hint = hint.expandedTo(layout.totalMinimumSize())
    return hint.expandedTo(window.minimumSize())


def _sideways(window: QWidget) -> list[Finding]:
    findings = []
    for area in window.findChildren(QScrollArea):
        if not shown(area, window):
            continue
        bar = area.horizontalScrollBar()
        if area.horizontalScrollBarPolicy() != Qt.ScrollBarPolicy.ScrollBarAlwaysOff and (
            bar.maximum() > 0
        ):
            findings.append(
                Finding("sideways", describe(area), f"scrolls sideways by {bar.maximum()} px")
            )
            continue
        content = area.widget()
        viewport = area.viewport().width()
        least = (
            0 if content is None else max(content.minimumSizeHint().width(), content.minimumWidth())
        )
        if least > viewport + 1:
            # The bar is off, but the content is wider than the view: its right side is cut.
            wider = least - viewport
            findings.append(Finding("sideways", describe(area), f"content cut by {wider} px"))
    return findings


_FIXED_SIZE = re.compile(r"font(-size)?\s*:[^;}]*\d\s*(pt|px)", re.IGNORECASE)


def _sheet_fixes_size(widget: QWidget) -> bool:
    """Does a style sheet on ``widget`` or above it (or the application's) fix a font size?"""
    app = QApplication.instance()
    sheets = [app.styleSheet()] if isinstance(app, QApplication) else []
    node: QWidget | None = widget
    while node is not None:
        sheets.append(node.styleSheet())
        node = node.parentWidget()
    return any(_FIXED_SIZE.search(sheet) for sheet in sheets if sheet)


def _fixed_fonts(window: QWidget, base: float) -> list[Finding]:
    """Text that a style sheet keeps at a fixed size when the application font grows to 150 %
    (a size set in code from the font at start follows a large system font; a style sheet's
    ``font-size: 11pt`` does not)."""
    findings = []
    for widget in window.findChildren(QWidget):
        if not shown(widget, window) or _internal(widget):
            continue
        if not (_text_of(widget).strip() or isinstance(widget, QAbstractItemView)):
            continue
        if not _sheet_fixes_size(widget):
            continue
        font = widget.font()
        size = font.pointSizeF() if font.pointSizeF() > 0 else font.pixelSize() * 0.75
        if size < base * 1.25:
            findings.append(
                Finding(
                    "fixed-font",
                    describe(widget),
                    f"stays at {size:.1f} pt when the application font is {base * 1.5:.1f} pt",
                )
            )
    return findings


def _settle() -> None:
    app = QApplication.instance()
    for _ in range(3):
        if app is not None:
            app.processEvents()


def _fits(window: QWidget, room: QSize, kind: str, where: str) -> list[Finding]:
    """Is ``window``'s minimum within ``room``, and once sized to it, does nothing scroll
    sideways?"""
    findings = []
    # As it opens, before anything is resized: a form cut at the right edge shows at once.
    findings += [
        Finding(f.kind, f.widget, f"{f.detail} {where}, as it opens") for f in _sideways(window)
    ]
    needed = _needed(window)
    if needed.width() > room.width() or needed.height() > room.height():
        findings.append(
            Finding(
                kind,
                describe(window),
                f"needs {needed.width()}×{needed.height()}, has {room.width()}×{room.height()}",
            )
        )
    window.resize(room.boundedTo(window.maximumSize()))  # Qt keeps it at its minimum
    _settle()
    return findings + [Finding(f.kind, f.widget, f"{f.detail} {where}") for f in _sideways(window)]


def audit_fit(qtbot: QtBot, window: QWidget) -> list[Finding]:
    """Does ``window`` fit 1366×768 at ``QT_SCALE_FACTOR=1.5`` (title bar included) without
    sideways scrolling?"""
    scaled = QSize(round(SCREEN.width() / 1.5), round((SCREEN.height() - TITLE_BAR) / 1.5))
    return _fits(window, scaled, "clipped-scale", "at scale 1.5")


def larger_font() -> tuple[QFont, float]:
    """The application font at 150 % (to set before a window is made, as a person with a
    large system font starts PeerDesk), and the base size in points."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    font = app.font()
    base = font.pointSizeF() if font.pointSizeF() > 0 else 10.0
    bigger = QFont(font)
    bigger.setPointSizeF(base * 1.5)
    return bigger, base


def audit_font(qtbot: QtBot, window: QWidget, base: float) -> list[Finding]:
    """Does ``window``, made while the application font was 150 % of ``base`` points, fit
    1366×768 without sideways scrolling, and does all of its text follow that font?"""
    findings = _fixed_fonts(window, base)
    room = QSize(SCREEN.width(), SCREEN.height() - TITLE_BAR)
    return findings + _fits(window, room, "clipped-font", "at a 150 % font")


__all__ = [
    "Finding",
    "accessible_name",
    "audit",
    "audit_fit",
    "audit_font",
    "check_contrast",
    "check_names",
    "check_reach",
    "controls",
    "larger_font",
    "tab_walk",
]
