"""What every window needs for keyboard and screen-reader users, in one place.

- :func:`set_name`, :func:`label_for` and :func:`plain`: accessible names and descriptions in
  plain text (from the visible label where there is one, never markup).
- :func:`announce`: tell assistive technology about a status change or an error.
- :func:`show_field_error` / :func:`clear_field_error`: an error shown in words (never colour
  alone), tied to its field, scrolled into view, focused and announced.
- :func:`install`: for the whole application, a visible focus ring around whatever has keyboard
  focus (:class:`FocusRing`), item views that are one Tab stop with the arrow keys inside, and
  date, time and shortcut fields that let Tab and Shift+Tab leave them.
"""

from __future__ import annotations

import html
import re

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import (
    QAccessible,
    QAccessibleAnnouncementEvent,
    QAccessibleEvent,
    QColor,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QRegion,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QApplication,
    QDateTimeEdit,
    QKeySequenceEdit,
    QLabel,
    QScrollArea,
    QWidget,
)

from peerdesk.i18n import N_, _
from peerdesk.ui.common.theme import accent_style, is_dark

_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")

#: The word that starts every error shown beside a field, so that an error never relies on
#: colour alone.
# translators: put in front of an error message ("Error: The date is in the future.")
ERROR_WORD = N_("Error:")


def plain(text: str) -> str:
    """``text`` as a screen reader should hear it: markup and mnemonic ``&`` removed, entities
    decoded, white space collapsed."""
    text = _TAG.sub(" ", text)
    text = html.unescape(text)
    text = re.sub(r"&(?=\S)", "", text.replace("&&", "\0")).replace("\0", "&")
    return _SPACE.sub(" ", text).strip().rstrip(":").strip()


def set_name(widget: QWidget, name: str, description: str | None = None) -> None:
    """Give ``widget`` the accessible ``name`` (and ``description``), as plain text."""
    widget.setAccessibleName(plain(name))
    if description is not None:
        widget.setAccessibleDescription(plain(description))


def label_for(label: QLabel, field: QWidget) -> None:
    """Tie ``label`` to ``field``: the label's mnemonic focuses the field, and the field's
    accessible name is the label's words."""
    label.setBuddy(field)
    set_name(field, label.text())


def announce(widget: QWidget, text: str) -> None:
    """Tell assistive technology about ``text`` (an error, a finished task, a status change)."""
    if not text or not shiboken6.isValid(widget):
        return
    event: QAccessibleEvent = QAccessibleAnnouncementEvent(widget, plain(text))
    QAccessible.updateAccessibility(event)


def show_field_error(field: QWidget, label: QLabel | None, text: str) -> None:
    """Show ``text`` as the error of ``field``: in ``label`` (with the word "Error:" and an
    icon, in the theme's error colour), as the field's accessible description, scrolled into
    view, focused and announced."""
    word = _(ERROR_WORD)
    message = text if text.startswith(word) else f"{word} {text}"
    if label is not None:
        colour = accent_style(is_dark(label.palette()))["error"]
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setText(f"\u26a0 {message}")
        # The palette, not a style sheet: a style sheet would keep the label at the font it had
        # when a larger application font arrives.
        palette = label.palette()
        palette.setColor(QPalette.ColorRole.WindowText, QColor(colour))
        label.setPalette(palette)
        label.setWordWrap(True)
        label.setVisible(True)
        label.setAccessibleName(plain(message))
    field.setAccessibleDescription(plain(message))
    field.setProperty("peerdeskError", True)
    scroll_into_view(label if label is not None and label.isVisible() else field)
    scroll_into_view(field)
    field.setFocus(Qt.FocusReason.OtherFocusReason)
    announce(field, message)


def clear_field_error(field: QWidget, label: QLabel | None = None) -> None:
    """Take back what :func:`show_field_error` showed."""
    if field.property("peerdeskError"):
        field.setAccessibleDescription("")
        field.setProperty("peerdeskError", False)
    if label is not None:
        label.clear()
        label.setAccessibleName("")
        label.setVisible(False)


def scroll_into_view(widget: QWidget) -> None:
    """Scroll every scroll area that holds ``widget`` so that it shows."""
    child: QWidget | None = widget
    parent = widget.parentWidget()
    while parent is not None and child is not None:
        if isinstance(parent, QScrollArea):
            parent.ensureWidgetVisible(widget, 16, 16)
        child = parent
        parent = parent.parentWidget()


# -- the application-wide parts ------------------------------------------------------------------


def focus_colour(widget: QWidget) -> QColor:
    """The ring's colour: at least 3:1 against the window, the fields and selected rows."""
    return QColor(accent_style(is_dark(widget.palette()))["focus"])


class FocusRing(QWidget):
    """A 2-pixel ring drawn over the edge of the widget that has keyboard focus, in both themes
    at least 3:1 against what surrounds it (a style sheet or a default button cannot hide it).

    A plain overlay rather than Qt's QFocusFrame, which a window's ``grab()`` leaves out."""

    WIDTH = 2

    def __init__(self) -> None:
        super().__init__(None)
        self.setObjectName("peerdeskFocusRing")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._target: QWidget | None = None

    def target(self) -> QWidget | None:
        target = self._target
        return target if target is not None and shiboken6.isValid(target) else None

    def follow(self, widget: QWidget | None) -> None:
        """Ring ``widget`` (``None``: hide)."""
        old = self.target()
        if old is not None and old is not widget:
            old.removeEventFilter(self)
        self._target = widget
        if widget is None:
            self.hide()
            return
        widget.installEventFilter(self)
        self._place()

    def _place(self) -> None:
        target = self.target()
        parent = target.parentWidget() if target is not None else None
        if target is None or parent is None or not target.isVisible():
            self.hide()
            return
        if self.parentWidget() is not parent:
            self.setParent(parent)
        self.setGeometry(target.geometry())
        inset = 2 * self.WIDTH
        ring = QRegion(self.rect()).subtracted(
            QRegion(self.rect().adjusted(inset, inset, -inset, -inset))
        )
        self.setMask(ring)
        self.raise_()
        self.show()
        self.update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.target() and event.type() in (
            QEvent.Type.Move,
            QEvent.Type.Resize,
            QEvent.Type.Show,
            QEvent.Type.Hide,
            QEvent.Type.ParentChange,
            QEvent.Type.ZOrderChange,
        ):
            if event.type() == QEvent.Type.Hide:
                self.hide()
            elif event.type() != QEvent.Type.ZOrderChange or self.isVisible():
                self._place()
        return False

    def paintEvent(self, _event: QPaintEvent) -> None:
        target = self.target()
        if target is None:
            return
        painter = QPainter(self)
        pen = QPen(focus_colour(target))
        pen.setWidth(self.WIDTH)
        pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        half = self.WIDTH // 2
        painter.drawRect(self.rect().adjusted(half, half, -half, -half))
        painter.end()


def _rings_for(widget: QWidget) -> bool:
    if widget.isWindow() or widget.parentWidget() is None:
        return False
    window = widget.window()
    return window.windowFlags() & Qt.WindowType.Popup != Qt.WindowType.Popup


def _next_in_chain(widget: QWidget, forward: bool) -> QWidget | None:
    """The next widget Tab (or Shift+Tab) should reach after ``widget``, in the same window."""
    window = widget.window()
    current: QWidget | None = widget
    for _step in range(2000):
        assert current is not None
        current = current.nextInFocusChain() if forward else current.previousInFocusChain()
        if current is None or current is widget:
            return None
        if current.window() is not window or current.isWindow():
            continue
        if current.focusProxy() is not None:
            continue
        if (
            current.isVisible()
            and current.isEnabled()
            and current.focusPolicy() & Qt.FocusPolicy.TabFocus == Qt.FocusPolicy.TabFocus
            and not widget.isAncestorOf(current)
        ):
            return current
    return None


_MODIFIER_KEYS = frozenset(
    {
        Qt.Key.Key_Shift,
        Qt.Key.Key_Control,
        Qt.Key.Key_Alt,
        Qt.Key.Key_Meta,
        Qt.Key.Key_AltGr,
        Qt.Key.Key_Super_L,
        Qt.Key.Key_Super_R,
    }
)


class _KeyboardPolicy(QObject):
    """The application-wide event filter behind :func:`install`."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self._ring: FocusRing | None = None
        app.focusChanged.connect(self._focus_changed)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Polish and isinstance(watched, QAbstractItemView):
            # One Tab stop: Tab leaves the table, the arrow keys move inside it.
            watched.setTabKeyNavigation(False)
        elif kind == QEvent.Type.Polish and isinstance(watched, QScrollArea):
            if watched.focusPolicy() != Qt.FocusPolicy.NoFocus and not isinstance(
                watched, QAbstractItemView
            ):
                # A scroll area's own stop does nothing a person can see; its contents are reached.
                watched.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        elif kind in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride) and isinstance(
            watched, QDateTimeEdit | QKeySequenceEdit
        ):
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key in _MODIFIER_KEYS and isinstance(watched, QKeySequenceEdit):
                # A lone Shift (the start of Shift+Tab) would begin a new recording and clear
                # the shortcut; the combination's own key press carries the modifiers.
                return kind == QEvent.Type.KeyPress
            plain_tab = key == Qt.Key.Key_Tab and not (
                event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            )
            back_tab = key == Qt.Key.Key_Backtab
            if plain_tab or back_tab:
                if kind == QEvent.Type.ShortcutOverride:
                    event.accept()
                    return True
                target = _next_in_chain(watched, forward=plain_tab)
                if target is not None:
                    target.setFocus(
                        Qt.FocusReason.TabFocusReason
                        if plain_tab
                        else Qt.FocusReason.BacktabFocusReason
                    )
                return True
        return False

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if self._ring is None or not shiboken6.isValid(self._ring):
            self._ring = FocusRing()
        ring = self._ring
        if new is None or not shiboken6.isValid(new) or not _rings_for(new):
            ring.follow(None)
            return
        parent = new.parentWidget()
        if isinstance(parent, QAbstractScrollArea) and new.objectName() == "qt_scrollarea_viewport":
            new = parent
        ring.follow(new)


def install(app: QApplication) -> None:
    """Install the focus ring and the keyboard rules for every window of ``app`` (once)."""
    if app.property("peerdeskAccessibility"):
        return
    policy = _KeyboardPolicy(app)
    app.installEventFilter(policy)
    app.setProperty("peerdeskAccessibility", True)


__all__ = [
    "ERROR_WORD",
    "FocusRing",
    "announce",
    "clear_field_error",
    "install",
    "label_for",
    "plain",
    "scroll_into_view",
    "set_name",
    "show_field_error",
]
