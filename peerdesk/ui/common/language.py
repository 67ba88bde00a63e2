"""The screens' language: gettext for PeerDesk's words, Qt's catalogue for its own dialogs.

:func:`apply_language` is called at start (before the first window) with the ``language``
preference, and again when the user changes it in Settings ▸ Appearance. It sets the language
of :mod:`peerdesk.i18n`, loads Qt's ``qtbase_<code>.qm`` (shipped with PySide6: the standard
buttons, the file and colour dialogs, the text fields' context menus) and turns the whole
layout right-to-left for Arabic. Date and time fields stay left-to-right even then: their
digits are read in that order, and Qt would otherwise show 09:41 as "41:09".

Windows are not retranslated in place: :data:`language_switch` tells the shell, which builds
its windows again in the new language (drafts and unsaved text are kept by the windows' own
draft handling), so a string is only ever translated where it is made.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QLibraryInfo,
    QLocale,
    QObject,
    Qt,
    QTranslator,
    Signal,
)
from PySide6.QtWidgets import QAbstractItemView, QAbstractSpinBox, QApplication, QDateTimeEdit

from peerdesk import i18n

_qt_translator: QTranslator | None = None
_direction_filter: _NumbersLeftToRight | None = None


class _NumbersLeftToRight(QObject):
    """Keeps every date and time field left-to-right when the layout is right-to-left."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Polish and isinstance(watched, QDateTimeEdit):
            watched.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        return False


class LanguageSwitch(QObject):
    """Emits ``changed(code)`` after :func:`apply_language` switched to another language."""

    changed = Signal(str)


language_switch = LanguageSwitch()


def qt_locale(code: str | None = None) -> QLocale:
    """The QLocale of a PeerDesk language (for number and date fields)."""
    chosen = code or i18n.current_language()
    return QLocale("en_GB" if chosen in ("en", i18n.PSEUDO) else chosen)


def apply_language(preference: str | None) -> str:
    """Switch the screens to ``preference`` ("system", None or a language code); the code used."""
    global _qt_translator, _direction_filter
    before = i18n.current_language()
    code = i18n.set_language(preference)
    app = QApplication.instance()
    if isinstance(app, QApplication):
        if _qt_translator is not None:
            app.removeTranslator(_qt_translator)
            _qt_translator = None
        if code not in (i18n.SOURCE_LANGUAGE, i18n.PSEUDO):
            translator = QTranslator(app)
            folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
            if translator.load(f"qtbase_{code}", folder):
                app.installTranslator(translator)
                _qt_translator = translator
        QLocale.setDefault(qt_locale(code))
        right_to_left = i18n.is_right_to_left(code)
        app.setLayoutDirection(
            Qt.LayoutDirection.RightToLeft if right_to_left else Qt.LayoutDirection.LeftToRight
        )
        # The filter sees every event of the application, so it is there only while needed.
        if right_to_left and _direction_filter is None:
            _direction_filter = _NumbersLeftToRight(app)
            app.installEventFilter(_direction_filter)
            for widget in app.allWidgets():
                if isinstance(widget, QDateTimeEdit):
                    widget.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        elif not right_to_left and _direction_filter is not None:
            app.removeEventFilter(_direction_filter)
            _direction_filter.deleteLater()
            _direction_filter = None
    if code != before:
        language_switch.changed.emit(code)
    return code


def numbers_left_to_right(field: QAbstractSpinBox) -> None:
    """Keep a numeric field (a spin box of hours, a count) reading left-to-right."""
    field.setLayoutDirection(Qt.LayoutDirection.LeftToRight)


__all__ = [
    "LanguageSwitch",
    "apply_language",
    "language_switch",
    "numbers_left_to_right",
    "qt_locale",
    "select_row",
]


def select_row(view: QAbstractItemView, row: int) -> None:
    """Select and make current ``row`` of ``view`` in any layout direction.

    ``QTableView.selectRow`` finds its column at the viewport's leading edge, which in a
    right-to-left layout is past the last column when the columns do not fill the width, and
    then selects nothing."""
    model = view.model()
    if model is None or not 0 <= row < model.rowCount():
        return
    index = model.index(row, 0)
    flags = (
        QItemSelectionModel.SelectionFlag.ClearAndSelect
        | QItemSelectionModel.SelectionFlag.Rows
        | QItemSelectionModel.SelectionFlag.Current
    )
    selection = view.selectionModel()
    if selection is not None:
        selection.setCurrentIndex(index, flags)
