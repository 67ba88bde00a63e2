"""First run: a short, calm set-up.

Welcome → (create) passphrase → what PeerDesk is for → this device (where the vault is saved,
remember the passphrase) → finish; (open) choose an existing vault file → finish; (sample data)
passphrase → finish. The wizard only gathers answers and emits one signal on finish; the
controller creates or opens the vault. Passphrases are read from the fields when Finish is
pressed and the fields are overwritten straight after, whether the wizard finishes or not;
nothing is stored in wizard fields (``registerField``) or in any setting.

The file-dialog helpers below leave no trace: Qt's own file dialog writes the last folder and
a history to ``QtProject.conf`` (``[FileDialog]``) when it closes, so they put back what was
there before (SECURITY.md 21).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Final

from PySide6.QtCore import QRectF, QSettings, Qt, Signal
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QStyle,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from peerdesk import APP_NAME
from peerdesk.paths import VAULT_SUFFIX
from peerdesk.storage.keystore import KeyringStatus
from peerdesk.ui.common.notices import Notice
from peerdesk.ui.common.theme import blend_colours
from peerdesk.ui.vault.passphrase import NewPassphraseForm

__all__ = [
    "FirstRunWizard",
    "choose_existing_vault",
    "choose_new_vault_path",
    "no_file_dialog_trace",
    "sample_vault_path",
]

VAULT_FILTER: Final = f"PeerDesk vaults (*{VAULT_SUFFIX})"
ANY_FILTER: Final = "All files (*)"
FORGET_WARNING: Final = (
    "If you forget this passphrase, nobody can open your vault — not us, not your employer. "
    "Only a backup whose passphrase you remember can help."
)
NO_KEYRING: Final = (
    "No secure keyring is available on this computer, so PeerDesk cannot remember the "
    "passphrase. You will type it each time you open PeerDesk."
)

USE_JOURNAL: Final = "journal"
USE_SUPPORTER: Final = "supporter"


# --------------------------------------------------------------------------- file dialogs


@contextlib.contextmanager
def no_file_dialog_trace() -> Iterator[None]:
    """Put Qt's file-dialog settings (last folder, history) back as they were afterwards."""
    settings = QSettings(QSettings.Scope.UserScope, "QtProject")
    file_existed = Path(settings.fileName()).exists()
    settings.beginGroup("FileDialog")
    saved: dict[str, Any] = {key: settings.value(key) for key in settings.childKeys()}
    settings.endGroup()
    try:
        yield
    finally:
        settings.sync()  # pick up what the dialog wrote
        settings.beginGroup("FileDialog")
        settings.remove("")
        for key, value in saved.items():
            settings.setValue(key, value)
        settings.endGroup()
        settings.sync()
        if not file_existed and not settings.allKeys():
            with contextlib.suppress(OSError):
                Path(settings.fileName()).unlink()


def _start_dir(hint: Path) -> str:
    for candidate in (hint, *hint.parents):
        if candidate.is_dir():
            return str(candidate)
    return str(Path.home())


_DIALOG_OPTIONS: Final = QFileDialog.Option.DontUseNativeDialog


def choose_existing_vault(parent: QWidget | None, start: Path) -> Path | None:
    """Ask for an existing vault file; ``None`` when cancelled. Remembers no folder."""
    with no_file_dialog_trace():
        name, _ = QFileDialog.getOpenFileName(
            parent,
            "Open a vault",
            _start_dir(start),
            f"{VAULT_FILTER};;{ANY_FILTER}",
            "",
            _DIALOG_OPTIONS,
        )
    return Path(name) if name else None


def choose_new_vault_path(parent: QWidget | None, suggested: Path) -> Path | None:
    """Ask where to save a new vault; adds ``.peerdesk`` when missing. Remembers no folder.

    An existing file is not offered for replacing (PeerDesk never overwrites a file): the
    caller reports it instead.
    """
    start = str(suggested) if suggested.parent.is_dir() else _start_dir(suggested)
    with no_file_dialog_trace():
        name, _ = QFileDialog.getSaveFileName(
            parent,
            "Save the new vault as",
            start,
            VAULT_FILTER,
            "",
            _DIALOG_OPTIONS | QFileDialog.Option.DontConfirmOverwrite,
        )
    if not name:
        return None
    path = Path(name)
    if path.suffix.lower() != VAULT_SUFFIX:
        path = path.with_name(path.name + VAULT_SUFFIX)
    return path


def sample_vault_path(default_vault_path: Path) -> Path:
    """``sample-data.peerdesk`` beside the default vault, or ``sample-data-2…`` if taken."""
    first = default_vault_path.with_name(f"sample-data{VAULT_SUFFIX}")
    if not first.exists():
        return first
    number = 2
    while True:
        candidate = default_vault_path.with_name(f"sample-data-{number}{VAULT_SUFFIX}")
        if not candidate.exists():
            return candidate
        number += 1


# --------------------------------------------------------------------------- small widgets


def _text(text: str, *, object_name: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    if object_name:
        label.setObjectName(object_name)
    return label


class _Choice(QWidget):
    """A large radio button with a one-line description under it."""

    def __init__(
        self, title: str, description: str, object_name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.radio = QRadioButton(title)
        self.radio.setObjectName(object_name)
        self.radio.setAccessibleDescription(description)
        font = self.radio.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        self.radio.setFont(font)
        self.description = _text(description)
        indent = self.style().pixelMetric(QStyle.PixelMetric.PM_ExclusiveIndicatorWidth)
        indent += self.style().pixelMetric(QStyle.PixelMetric.PM_RadioButtonLabelSpacing)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(2)
        layout.addWidget(self.radio)
        row = QHBoxLayout()
        row.setContentsMargins(indent, 0, 0, 0)
        row.addWidget(self.description)
        layout.addLayout(row)
        self.radio.toggled.connect(self.update)

    def paintEvent(self, event: Any) -> None:
        # The chosen option sits on a soft highlight, so the choice is clear even where the
        # style draws radio buttons with little contrast (Fusion in dark palettes).
        palette = self.palette()
        window = palette.color(QPalette.ColorRole.Window)
        accent = palette.color(QPalette.ColorRole.Highlight)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        if self.radio.isChecked():
            painter.setPen(blend_colours(window, accent, 0.8))
            painter.setBrush(blend_colours(window, accent, 0.14))
        else:
            text = palette.color(QPalette.ColorRole.WindowText)
            painter.setPen(blend_colours(window, text, 0.18))
            painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(rect, 5, 5)
        painter.end()

    def mousePressEvent(self, event: Any) -> None:
        # A click on the description selects the choice too, as a larger target.
        if event.button() == Qt.MouseButton.LeftButton:
            self.radio.setChecked(True)
            self.radio.setFocus(Qt.FocusReason.MouseFocusReason)
        super().mousePressEvent(event)


# --------------------------------------------------------------------------- pages


class _WelcomePage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle("Welcome to PeerDesk")
        intro = _text(
            "PeerDesk is a private place to keep a record of what happens at work, and for "
            "peer supporters to keep confidential notes. Everything stays on this computer, "
            "in one encrypted file — your vault — that only your passphrase opens.",
            object_name="welcomeText",
        )
        question = _text("What would you like to do?")
        self.create = _Choice(
            "Create a new vault",
            "Start fresh: choose a passphrase and what you will use PeerDesk for.",
            "choiceCreate",
        )
        self.open = _Choice(
            "Open an existing vault file",
            "Use a vault you already have, for example one from a backup or another computer.",
            "choiceOpen",
        )
        self.demo = _Choice(
            "Explore with sample data",
            "Try PeerDesk in a separate vault filled with made-up entries.",
            "choiceDemo",
        )
        self.group = QButtonGroup(self)
        for choice in (self.create, self.open, self.demo):
            self.group.addButton(choice.radio)
        self.create.radio.setChecked(True)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(intro)
        layout.addSpacing(6)
        layout.addWidget(question)
        layout.addWidget(self.create)
        layout.addWidget(self.open)
        layout.addWidget(self.demo)
        layout.addStretch(1)

    def choice(self) -> str:
        if self.open.radio.isChecked():
            return FirstRunWizard.CHOICE_OPEN
        if self.demo.radio.isChecked():
            return FirstRunWizard.CHOICE_DEMO
        return FirstRunWizard.CHOICE_CREATE

    def nextId(self) -> int:
        if self.choice() == FirstRunWizard.CHOICE_OPEN:
            return FirstRunWizard.PAGE_OPEN
        return FirstRunWizard.PAGE_PASSPHRASE


class _PassphrasePage(QWizardPage):
    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        self.setTitle("Choose a passphrase")
        self.intro = _text("", object_name="passphraseIntro")
        self.form = NewPassphraseForm(self)
        self.warning = Notice(FORGET_WARNING, "warning", self)
        self.warning.setObjectName("forgetWarning")
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(self.intro)
        layout.addWidget(self.form)
        layout.addStretch(1)
        layout.addWidget(self.warning)
        self.form.changed.connect(self.completeChanged)

    def initializePage(self) -> None:
        if self._wizard.choice() == FirstRunWizard.CHOICE_DEMO:
            self.setTitle("Choose a passphrase for the sample vault")
            self.intro.setText(
                "The sample vault holds only made-up entries, but it is encrypted like a real "
                "one. Choose a passphrase to open it with."
            )
        else:
            self.setTitle("Choose a passphrase")
            self.intro.setText(
                "Your passphrase encrypts everything in your vault. Choose one that is long "
                "and that you will remember — four or more random words work well."
            )
        self.form.first.setFocus(Qt.FocusReason.OtherFocusReason)

    def cleanupPage(self) -> None:
        # Going back to the start: do not keep a passphrase typed for another choice.
        self.form.clear()

    def isComplete(self) -> bool:
        return self.form.is_acceptable()

    def validatePage(self) -> bool:
        # Next: a weak passphrase is asked about once; "Choose another" (the default) keeps
        # the user on this page. (Finish for the sample vault asks in FirstRunWizard.accept,
        # before the passphrase is handed over; done() calls this again after clearing it.)
        if self._wizard.choice() == FirstRunWizard.CHOICE_DEMO:
            return True
        return self.form.is_acceptable() and self.form.confirm_weak(self._wizard)

    def nextId(self) -> int:
        if self._wizard.choice() == FirstRunWizard.CHOICE_DEMO:
            return -1
        return FirstRunWizard.PAGE_USE


class _UsePage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle("What will you use PeerDesk for?")
        self.journal = _Choice(
            "My own journal",
            "A private record of what happens to you at work, to look back on or to use "
            "when you raise it.",
            "useJournal",
        )
        self.supporter = _Choice(
            "Notes as a peer supporter",
            "Confidential notes on the colleagues you support and your conversations.",
            "useSupporter",
        )
        self.both = _Choice("Both", "Your own journal and your peer-support notes.", "useBoth")
        self.group = QButtonGroup(self)
        for choice in (self.journal, self.supporter, self.both):
            self.group.addButton(choice.radio)
        self.both.radio.setChecked(True)
        note = _text("This decides which sections PeerDesk shows. You can change it later.")
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(self.journal)
        layout.addWidget(self.supporter)
        layout.addWidget(self.both)
        layout.addSpacing(6)
        layout.addWidget(note)
        layout.addStretch(1)

    def uses(self) -> list[str]:
        if self.journal.radio.isChecked():
            return [USE_JOURNAL]
        if self.supporter.radio.isChecked():
            return [USE_SUPPORTER]
        return [USE_JOURNAL, USE_SUPPORTER]

    def nextId(self) -> int:
        return FirstRunWizard.PAGE_DEVICE


class _DevicePage(QWizardPage):
    def __init__(self, wizard: FirstRunWizard, keyring_status: KeyringStatus) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        self.setTitle("On this device")
        where = QLabel("<b>Where your vault is saved</b>")
        where.setTextFormat(Qt.TextFormat.RichText)
        self.path_edit = QLineEdit()
        self.path_edit.setObjectName("vaultPath")
        self.path_edit.setReadOnly(True)
        self.path_edit.setAccessibleName("Vault file")
        self.change_button = QPushButton("Change…")
        self.change_button.setObjectName("changePath")
        self.change_button.setAutoDefault(False)
        self.change_button.clicked.connect(self._change_path)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.change_button)
        self.path_problem = _text("", object_name="pathProblem")
        self.path_problem.hide()

        remember_title = QLabel("<b>Remembering the passphrase</b>")
        remember_title.setTextFormat(Qt.TextFormat.RichText)
        self.remember = QCheckBox("Remember the passphrase on this device")
        self.remember.setObjectName("rememberCheck")
        keyring = keyring_status.backend_name if keyring_status.available else ""
        where_kept = (
            f"this computer's keyring ({keyring})" if keyring else ("this computer's keyring")
        )
        self.explanation = _text(
            f"PeerDesk would keep the passphrase in {where_kept}. Anyone who can log in to "
            "this computer account could then open PeerDesk without typing it. Leave this off "
            "if anyone else uses this account.",
            object_name="rememberExplanation",
        )
        self.unavailable = Notice(keyring_status.reason or NO_KEYRING, "info", self)
        self.unavailable.setObjectName("keyringUnavailable")
        if keyring_status.available:
            self.unavailable.hide()
        else:
            self.remember.setEnabled(False)
            self.remember.setChecked(False)

        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        layout.addWidget(where)
        layout.addLayout(path_row)
        layout.addWidget(self.path_problem)
        layout.addSpacing(14)
        layout.addWidget(remember_title)
        layout.addWidget(self.remember)
        layout.addWidget(self.explanation)
        layout.addWidget(self.unavailable)
        layout.addStretch(1)

    def initializePage(self) -> None:
        self._show_path()

    def _show_path(self) -> None:
        path = self._wizard.vault_path()
        self.path_edit.setText(str(path))
        self.path_edit.setCursorPosition(0)
        self.path_edit.setToolTip(str(path))
        problem = self.problem()
        self.path_problem.setText(problem)
        self.path_problem.setVisible(bool(problem))
        self.completeChanged.emit()

    def problem(self) -> str:
        path = self._wizard.vault_path()
        if path.is_dir():
            return "That is a folder. Choose a name for the new vault file."
        if path.exists():
            return (
                "A file already exists there. PeerDesk never replaces a file; choose "
                "another name with “Change…”."
            )
        return ""

    def _change_path(self) -> None:
        chosen = choose_new_vault_path(self, self._wizard.vault_path())
        if chosen is not None:
            self._wizard.set_vault_path(chosen)
            self._show_path()

    def isComplete(self) -> bool:
        return not self.problem()

    def remember_requested(self) -> bool:
        return self.remember.isEnabled() and self.remember.isChecked()

    def nextId(self) -> int:
        return -1


class _OpenPage(QWizardPage):
    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        self.setTitle("Open an existing vault")
        intro = _text(
            "Choose the PeerDesk vault file (its name usually ends in .peerdesk). You will "
            "type its passphrase next."
        )
        self.path_edit = QLineEdit()
        self.path_edit.setObjectName("openPath")
        self.path_edit.setAccessibleName("Vault file")
        self.path_edit.setPlaceholderText("Path to the vault file")
        self.browse = QPushButton("Browse…")
        self.browse.setObjectName("browseVault")
        self.browse.setAutoDefault(False)
        self.browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.browse)
        self.problem_label = _text("", object_name="openProblem")
        self.problem_label.hide()
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addWidget(self.problem_label)
        layout.addStretch(1)
        self.path_edit.textChanged.connect(self._changed)

    def path(self) -> Path | None:
        text = self.path_edit.text().strip()
        return Path(text).expanduser() if text else None

    def problem(self) -> str:
        path = self.path()
        if path is None:
            return ""
        if path.is_dir():
            return "That is a folder. Choose the vault file itself."
        if not path.exists():
            return "There is no file at that path."
        return ""

    def _changed(self, _text: str) -> None:
        problem = self.problem()
        self.problem_label.setText(problem)
        self.problem_label.setVisible(bool(problem))
        self.completeChanged.emit()

    def _browse(self) -> None:
        current = self.path()
        chosen = choose_existing_vault(self, current or self._wizard.vault_path())
        if chosen is not None:
            self.path_edit.setText(str(chosen))

    def isComplete(self) -> bool:
        path = self.path()
        return path is not None and path.is_file()

    def nextId(self) -> int:
        return -1


# --------------------------------------------------------------------------- the wizard


class FirstRunWizard(QWizard):
    """First-run set-up. Emits exactly one of the ``*_requested`` signals on Finish."""

    create_requested = Signal(str, str, list, bool)  # path, passphrase, uses, remember
    open_requested = Signal(str)  # path
    demo_requested = Signal(str, str)  # path, passphrase

    PAGE_WELCOME: Final = 0
    PAGE_PASSPHRASE: Final = 1
    PAGE_USE: Final = 2
    PAGE_DEVICE: Final = 3
    PAGE_OPEN: Final = 4

    CHOICE_CREATE: Final = "create"
    CHOICE_OPEN: Final = "open"
    CHOICE_DEMO: Final = "demo"

    _FINISH_TEXT: Final = {
        "create": "Create vault",
        "open": "Open vault",
        "demo": "Create sample vault",
    }

    def __init__(
        self, default_vault_path: Path, keyring_status: KeyringStatus, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("firstRunWizard")
        self.setWindowTitle(APP_NAME)  # never content
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.HaveHelpButton, False)
        self._default_path = Path(default_vault_path)
        self._vault_path = self._default_path
        self._keyring_status = keyring_status

        self.welcome_page = _WelcomePage(self)
        self.passphrase_page = _PassphrasePage(self)
        self.use_page = _UsePage(self)
        self.device_page = _DevicePage(self, keyring_status)
        self.open_page = _OpenPage(self)
        self.setPage(self.PAGE_WELCOME, self.welcome_page)
        self.setPage(self.PAGE_PASSPHRASE, self.passphrase_page)
        self.setPage(self.PAGE_USE, self.use_page)
        self.setPage(self.PAGE_DEVICE, self.device_page)
        self.setPage(self.PAGE_OPEN, self.open_page)
        self.setStartId(self.PAGE_WELCOME)
        self.currentIdChanged.connect(self._page_changed)
        self.setMinimumSize(620, 540)

    # -- answers -----------------------------------------------------------------------------

    def choice(self) -> str:
        return self.welcome_page.choice()

    def vault_path(self) -> Path:
        """Where a new vault will be created."""
        return self._vault_path

    def set_vault_path(self, path: Path) -> None:
        self._vault_path = Path(path)

    def uses(self) -> list[str]:
        return self.use_page.uses()

    # -- flow --------------------------------------------------------------------------------

    def _page_changed(self, _page_id: int) -> None:
        self.setButtonText(QWizard.WizardButton.FinishButton, self._FINISH_TEXT[self.choice()])

    def accept(self) -> None:
        choice = self.choice()
        if choice == self.CHOICE_OPEN:
            path = self.open_page.path()
            if path is None or not path.is_file():
                return
            self.open_requested.emit(str(path))
        elif choice == self.CHOICE_DEMO:
            form = self.passphrase_page.form
            if not form.is_acceptable() or not form.confirm_weak(self):
                return
            self.demo_requested.emit(str(sample_vault_path(self._default_path)), form.passphrase())
        else:
            form = self.passphrase_page.form
            if not form.is_acceptable() or self.device_page.problem():
                return
            self.create_requested.emit(
                str(self._vault_path),
                form.passphrase(),
                self.uses(),
                self.device_page.remember_requested(),
            )
        super().accept()  # done() overwrites the passphrase fields

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        # Shown again after Finish (say, the vault could not be created): the passphrase was
        # overwritten when the wizard closed, so go back to where it is typed.
        if (
            self.choice() == self.CHOICE_CREATE
            and self.currentId() in (self.PAGE_USE, self.PAGE_DEVICE)
            and not self.passphrase_page.form.passphrase()
        ):
            while self.currentId() not in (self.PAGE_PASSPHRASE, self.PAGE_WELCOME, -1):
                self.back()

    def done(self, result: int) -> None:
        # Finished or cancelled: the controller has what it needs; keep no passphrase here.
        self.passphrase_page.form.clear()
        super().done(result)
