"""Every window of the walk in every language (issue 16): it opens without an error, every
placeholder is filled, Arabic mirrors it; and in the pseudo-language (every string about 40 %
longer and accented) every static text is translated, named for screen readers, and the window
still fits a 1366×768 screen without sideways scrolling.

With ``PEERDESK_I18N_SHOTS=DIR`` each window is kept as ``DIR/<state>-<language>-<theme>.png``
(German and Arabic, light and dark), to look at after a change.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QMessageBox,
    QTabBar,
    QWidget,
    QWizard,
)

from peerdesk import i18n
from peerdesk.ui.common.language import apply_language
from peerdesk.ui.common.theme import apply_theme
from tests.helpers.a11y import SCREEN, TITLE_BAR, Finding, _fits, check_names, shown
from tests.ui.accessibility.test_walk import STATES, ctx
from tests.ui.accessibility.walk import Context, WindowState

__all__ = ["ctx"]  # the fixture, shared with the walk

LANGUAGES = [code for code in i18n.LANGUAGES if code != i18n.SOURCE_LANGUAGE]
_UNFILLED = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}|%\([a-z_]+\)[sd]")
_LETTERS = re.compile(r"[^\W\d_]{2,}")


@pytest.fixture
def speaking() -> Iterator[None]:
    yield
    apply_language("en")


def _address(widget: QWidget) -> int:
    """The C++ object's address (a Python wrapper's id() changes from one call to the next)."""
    return int(shiboken6.getCppPointer(widget)[0])


def _qt_buttons(window: QWidget) -> set[int]:
    """Buttons whose words are Qt's own (translated by qtbase_<lang>.qm, not by PeerDesk):
    the standard buttons of a button box or message box, and a wizard's Back/Next/Finish."""
    found: set[int] = set()
    for box in window.findChildren(QDialogButtonBox):
        for button in box.buttons():
            if box.standardButton(button) != QDialogButtonBox.StandardButton.NoButton:
                found.add(_address(button))
    if isinstance(window, QMessageBox):
        for button in window.buttons():
            if window.standardButton(button) != QMessageBox.StandardButton.NoButton:
                found.add(_address(button))
    if isinstance(window, QWizard):
        for which in (
            QWizard.WizardButton.BackButton,
            QWizard.WizardButton.NextButton,
            QWizard.WizardButton.CommitButton,
            QWizard.WizardButton.FinishButton,
            QWizard.WizardButton.CancelButton,
            QWizard.WizardButton.HelpButton,
        ):
            button = window.button(which)
            if button is not None and not window.buttonText(which).startswith("["):
                found.add(_address(button))
    return found


def _texts(window: QWidget) -> list[tuple[QWidget, str]]:
    """The static texts a person reads: window title, buttons, tabs, group titles, labels."""
    found: list[tuple[QWidget, str]] = [(window, window.windowTitle())]
    for widget in window.findChildren(QWidget):
        if not shown(widget, window):
            continue
        if isinstance(widget, QAbstractButton | QLabel):
            found.append((widget, widget.text()))
        elif isinstance(widget, QGroupBox):
            found.append((widget, widget.title()))
        elif isinstance(widget, QTabBar):
            found += [(widget, widget.tabText(i)) for i in range(widget.count())]
    return [(widget, text) for widget, text in found if text]


def _shot(state: WindowState, window: QWidget, code: str) -> None:
    folder = os.environ.get("PEERDESK_I18N_SHOTS")
    if not folder or code not in ("de", "ar"):
        return
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    slug = re.sub(r"[^a-z0-9]+", "-", state.name.lower()).strip("-")
    Path(folder).mkdir(parents=True, exist_ok=True)
    try:
        for theme in ("light", "dark"):
            apply_theme(app, theme)
            app.processEvents()
            window.grab().save(str(Path(folder) / f"{slug}-{code}-{theme}.png"))
    finally:
        apply_theme(app, "light")


@pytest.mark.parametrize("code", LANGUAGES)
@pytest.mark.parametrize("state", STATES, ids=[s.name for s in STATES])
def test_every_window_opens_in_each_language(
    speaking: None, ctx: Context, state: WindowState, code: str
) -> None:
    apply_language(code)
    window = state.open(ctx)
    _shot(state, window, code)
    unfilled = [(type(w).__name__, t) for w, t in _texts(window) if _UNFILLED.search(t)]
    assert not unfilled, f"{state.name} in {code}: placeholders left in {unfilled}"
    for button in window.findChildren(QDialogButtonBox):
        for standard in button.buttons():
            if button.standardButton(standard) == QDialogButtonBox.StandardButton.Cancel:
                assert standard.text().replace("&", "") != "Cancel", "qtbase not loaded"
    rtl = i18n.is_right_to_left(code)
    assert (window.layoutDirection() == Qt.LayoutDirection.RightToLeft) == rtl


@pytest.mark.parametrize("state", STATES, ids=[s.name for s in STATES])
def test_every_window_in_the_pseudo_language(
    speaking: None, ctx: Context, state: WindowState
) -> None:
    apply_language(i18n.PSEUDO)
    window = state.open(ctx)
    qt_own = _qt_buttons(window)
    english = [
        f"{type(widget).__name__}: {text!r}"
        for widget, text in _texts(window)
        if _address(widget) not in qt_own
        if isinstance(widget, QAbstractButton | QGroupBox | QTabBar) or widget is window
        if _LETTERS.search(text.replace("PeerDesk", "")) and "~" not in text
    ]
    assert not english, f"{state.name}: not translated: {english}"
    room = QSize(SCREEN.width(), SCREEN.height() - TITLE_BAR)
    findings: list[Finding] = check_names(window)
    findings += _fits(window, room, "clipped-pseudo", "in the pseudo-language")
    findings = [f for f in findings if f.kind not in state.accepted]
    assert not findings, f"{state.name}: " + "\n".join(str(f) for f in findings)
