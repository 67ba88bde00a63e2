"""The Settings dialog: Security, Vault and Appearance.

Settings (the spin boxes, check boxes, shortcut, folder, theme, sections) are applied when the
user presses OK and discarded on Cancel. Four controls are *actions* that take effect at once,
because they change something outside the dialog's values: "Remember the passphrase on this
device" (the system keyring), "Back up now", "Check integrity now" and "Change passphrase…".

Every action runs off the GUI thread (``workers.run_in_background``); while one runs a busy
bar shows, and no other action (nor OK / Cancel) can start. Workers that touch the vault open
their own connection with ``vault.sibling()``. Keyring calls are bounded by the KeyStore's own
timeout and also run in the background (SECURITY.md 14).

Changing the passphrase re-keys the file, and the GUI's connection still holds the old key, so
the session is closed, the change runs in a worker on a fresh connection, and the re-keyed vault
is handed back to the session (:func:`change_passphrase_in_background`). Owners may pass their
own ``change_passphrase`` callable with the same shape.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import shiboken6
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QKeySequenceEdit,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from peerdesk import paths
from peerdesk.models.errors import ValidationError
from peerdesk.models.secret_strength import strength
from peerdesk.models.text import clean_passphrase
from peerdesk.storage.backup import automatic_backup
from peerdesk.storage.backup_files import list_backups
from peerdesk.storage.errors import VaultClosed, VaultError, WrongPassphrase
from peerdesk.storage.incident_revisions import HistoryReport
from peerdesk.storage.incidents import IncidentRepository
from peerdesk.storage.keystore import KeyringError, KeyringStatus, KeyStore, vault_id_for
from peerdesk.storage.vault import Vault
from peerdesk.ui.common.messages import Messages
from peerdesk.ui.common.preferences import Preferences
from peerdesk.ui.common.session import VaultSession
from peerdesk.ui.common.vault_settings import SettingsRegistry
from peerdesk.ui.common.workers import Task, run_in_background
from peerdesk.ui.vault.passphrase import ask_use_weak

log = logging.getLogger(__name__)

TABS = ("security", "vault", "appearance")
_THEME_CHOICES = (("system", "Follow the system"), ("light", "Light"), ("dark", "Dark"))


# --------------------------------------------------------------------------- passphrase change


@dataclass(frozen=True)
class PassphraseChanged:
    """What :func:`change_passphrase_in_background` reports on success.

    ``backup`` was made just before the change and opens with the OLD passphrase.
    ``remembered``: ``None`` when the passphrase was not remembered on this device; ``True``
    when the keyring now holds the new one; ``False`` when the keyring could not be updated
    (the old entry is removed; ``keyring_note`` says why).
    """

    backup: Path
    remembered: bool | None = None
    keyring_note: str = ""


OnChanged = Callable[[PassphraseChanged], None]
OnFailed = Callable[[BaseException], None]
#: ``change(current, new, on_done, on_failed)``: starts the change and returns at once; exactly
#: one of the callbacks is later called on the GUI thread.
ChangePassphrase = Callable[[str, str, OnChanged, OnFailed], object]


@dataclass
class _Outcome:
    vault: Vault | None
    error: BaseException | None = None
    backup: Path | None = None
    remembered: bool | None = None
    note: str = ""


def _reopen(path: Path, passphrases: tuple[str, ...], backup_dir: Path) -> Vault | None:
    """After a failed change: open the vault with whichever passphrase now opens it."""
    for passphrase in passphrases:
        try:
            return Vault.open(path, passphrase, backup_dir=backup_dir)
        except WrongPassphrase:
            continue
        except Exception as exc:  # the original error is what the user must hear about
            log.warning("Could not reopen the vault after a failed change: %s", type(exc).__name__)
            return None
    return None


def _update_keyring(store: KeyStore, path: Path, new: str) -> tuple[bool, str]:
    vault_id = vault_id_for(path)
    try:
        store.remember(vault_id, new)
    except KeyringError as exc:
        try:
            store.forget(vault_id)  # the old passphrase must not stay "remembered"
        except KeyringError:
            log.info("Could not remove the old keyring entry after a failed update")
        return False, exc.user_message
    return True, ""


def change_passphrase_in_background(
    session: VaultSession,
    current: str,
    new: str,
    on_done: OnChanged,
    on_failed: OnFailed,
    *,
    keystore: KeyStore | None = None,
    remember: bool | None = None,
    backup_dir: Path | None = None,
) -> Task:
    """Change the open vault's passphrase without blocking the GUI thread.

    On the GUI thread: note the path, then ``session.close()`` (screens save drafts and let go).
    In a worker: ``Vault.open(path, current)`` → ``change_passphrase(new)`` (verified backup,
    re-key, reopen, both integrity checks, old passphrase rejected) → if ``remember``, store the
    new passphrase in the keyring. Back on the GUI thread the re-keyed, verified vault is handed
    to the session (``session.adopt``) and ``on_done`` is called.

    On failure the vault is reopened with the current passphrase (or with the new one, if the
    file was re-keyed before the failure) and ``on_failed(error)`` is called; the error's
    ``user_message`` says what happened. If neither opens it, the session stays closed.

    ``remember`` defaults to the vault's own ``remember_passphrase`` setting; ``backup_dir`` to
    ``paths.backups_dir()``.
    """
    path = session.vault_path
    if path is None or not session.is_open:
        raise VaultClosed()
    if remember is None:
        remember = bool(session.repos.settings.get("remember_passphrase", False))
    folder = Path(backup_dir) if backup_dir is not None else paths.backups_dir()
    store = keystore if keystore is not None else KeyStore()
    session.close()

    def work(_task: Task) -> _Outcome:
        vault: Vault | None = None
        try:
            vault = Vault.open(path, current, backup_dir=folder)
            backup = vault.change_passphrase(new, backup_dir=folder)
        except BaseException as exc:
            if vault is not None:
                vault.close()
            return _Outcome(_reopen(path, (current, new), folder), error=exc)
        outcome = _Outcome(vault, backup=backup)
        if remember:
            outcome.remembered, outcome.note = _update_keyring(store, path, new)
        return outcome

    def finished(result: object) -> None:
        assert isinstance(result, _Outcome)
        if result.vault is not None:
            try:
                session.adopt(result.vault)
            except BaseException as exc:
                result.vault.close()
                on_failed(exc)
                return
        if result.error is not None:
            on_failed(result.error)
        else:
            assert result.backup is not None
            on_done(PassphraseChanged(result.backup, result.remembered, result.note))

    return run_in_background(work, on_success=finished, on_failure=on_failed)


def _user_message(exc: BaseException, fallback: str) -> str:
    message = getattr(exc, "user_message", "")
    return message if isinstance(message, str) and message else fallback


def _secret_field(placeholder: str = "") -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setInputMethodHints(
        Qt.InputMethodHint.ImhSensitiveData
        | Qt.InputMethodHint.ImhNoPredictiveText
        | Qt.InputMethodHint.ImhNoAutoUppercase
    )
    field.setPlaceholderText(placeholder)
    return field


def _note(text: str, name: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    policy = label.sizePolicy()  # keeps height-for-width, which word wrap turned on
    policy.setHorizontalPolicy(QSizePolicy.Policy.Expanding)
    label.setSizePolicy(policy)
    label.setProperty("role", "note")
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    if name:
        label.setObjectName(name)
    return label


def _error_label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setProperty("role", "error")
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    label.hide()
    return label


class _GrowingDialog(QDialog):
    """A dialog that grows to fit text that changes after it is shown (wrapped labels).

    Qt does not grow a window for height-for-width content by itself: it squashes the other
    fields instead. So after every re-layout the dialog checks the height its width needs.
    """

    _grow_pending = False

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() == QEvent.Type.LayoutRequest and not self._grow_pending:
            # Nested layouts settle after this one: measure once they have.
            self._grow_pending = True
            QTimer.singleShot(0, self._grow_to_fit)
        return handled

    def _grow_to_fit(self) -> None:
        self._grow_pending = False
        if not shiboken6.isValid(self) or not self.isVisible():
            return
        needed = max(self.heightForWidth(self.width()), self.minimumSizeHint().height())
        if self.height() < needed:
            self.resize(self.width(), needed)


def _form(parent: QWidget) -> QFormLayout:
    """A form whose short fields (numbers, choices) keep their natural width."""
    form = QFormLayout(parent)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
    return form


def _align_labels(*forms: QFormLayout) -> None:
    """Give the label columns of several forms (in separate groups) one width."""
    labels: list[QWidget] = []
    for form in forms:
        for row in range(form.rowCount()):
            item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            label = item.widget() if item is not None else None
            if label is not None:
                labels.append(label)
    width = max((label.sizeHint().width() for label in labels), default=0)
    for label in labels:
        label.setMinimumWidth(width)


def strength_hint(passphrase: str) -> str:
    """The strength of a new passphrase and one piece of advice (the same estimate and rule
    as the first-run wizard and ``peerdesk passwd``)."""
    s = strength(passphrase)
    if s.length == 0:
        return "Four or more random words make a passphrase that is strong and easy to remember."
    lead = s.refusal("passphrase") or s.warning("passphrase")
    return f"Strength: {s.label}. {lead + ' ' if lead else ''}{s.advice}"


# --------------------------------------------------------------------------- small dialogs


class ConfirmPassphraseDialog(_GrowingDialog):
    """Asks for the vault's passphrase before it is remembered on this device."""

    def __init__(self, check: Callable[[str], bool], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("confirmPassphraseDialog")
        self.setWindowTitle("Remember passphrase")
        self._check = check
        self.field = _secret_field()
        self.field.setObjectName("confirmPassphrase")
        self.error = _error_label("confirmPassphraseError")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Remember")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("Passphrase:", self.field)
        layout = QVBoxLayout(self)
        layout.addWidget(
            _note(
                "Type the vault's passphrase to confirm. It will be stored in "
                "the system keyring, so that PeerDesk can unlock this vault "
                "without asking. Anyone who can use your account on this "
                "computer could then open it."
            )
        )
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)

    def passphrase(self) -> str:
        return self.field.text()

    def clear_secret(self) -> None:
        self.field.clear()

    def accept(self) -> None:
        if not self._check(self.field.text()):
            self.error.setText("That is not this vault's passphrase.")
            self.error.show()
            self.field.selectAll()
            self.field.setFocus()
            return
        super().accept()

    def reject(self) -> None:
        self.clear_secret()
        super().reject()


class ChangePassphraseDialog(_GrowingDialog):
    """Current passphrase, the new one twice; explains what happens. Checks before accepting."""

    def __init__(self, check_current: Callable[[str], bool], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("changePassphraseDialog")
        self.setWindowTitle("Change passphrase")
        self._check_current = check_current
        self.current_field = _secret_field()
        self.current_field.setObjectName("currentPassphrase")
        self.new_field = _secret_field()
        self.new_field.setObjectName("newPassphrase")
        self.repeat_field = _secret_field()
        self.repeat_field.setObjectName("repeatPassphrase")
        self.hint = _note(strength_hint(""), "strengthHint")
        self.error = _error_label("changePassphraseError")
        self.new_field.textChanged.connect(lambda text: self.hint.setText(strength_hint(text)))

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Change passphrase")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow("Current passphrase:", self.current_field)
        form.addRow("New passphrase:", self.new_field)
        form.addRow("", self.hint)
        form.addRow("Repeat new passphrase:", self.repeat_field)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(
            _note(
                "PeerDesk first makes a verified backup, which still opens with "
                "the current passphrase, then re-encrypts the vault and checks "
                "it. This takes a few seconds. If you forget the new "
                "passphrase, nobody can recover your records."
            )
        )
        layout.addWidget(buttons)
        self.setMinimumWidth(480)

    def current(self) -> str:
        return self.current_field.text()

    def new(self) -> str:
        return self.new_field.text()

    def clear_secrets(self) -> None:
        for field in (self.current_field, self.new_field, self.repeat_field):
            field.clear()

    def problem(self) -> tuple[str, QLineEdit] | None:
        """Why the entries cannot be used (message, field to fix), or None."""
        current, new, repeat = self.current(), self.new(), self.repeat_field.text()
        if not current:
            return "Type your current passphrase.", self.current_field
        if not self._check_current(current):
            return "The current passphrase is not right.", self.current_field
        try:
            clean_new = clean_passphrase(new)
        except ValidationError as exc:
            return ("Type a new passphrase." if not new else exc.message), self.new_field
        if new != repeat:
            return "The new passphrases do not match.", self.repeat_field
        if clean_new == clean_passphrase(current):
            return "The new passphrase is the same as the current one.", self.new_field
        refused = strength(new).refusal("passphrase")
        if refused:
            return refused, self.new_field
        return None

    def accept(self) -> None:
        problem = self.problem()
        if problem is not None:
            message, field = problem
            self.error.setText(message)
            self.error.show()
            field.selectAll()
            field.setFocus()
            return
        chosen = strength(self.new())
        if chosen.can_override and not ask_use_weak(self, chosen):  # weak: asked once
            self.error.setText("Choose another passphrase.")
            self.error.show()
            self.new_field.selectAll()
            self.new_field.setFocus()
            return
        super().accept()

    def reject(self) -> None:
        self.clear_secrets()
        super().reject()


# --------------------------------------------------------------------------- the dialog


class _Invalid(Exception):
    def __init__(self, message: str, tab: str, widget: QWidget) -> None:
        super().__init__(message)
        self.message = message
        self.tab = tab
        self.widget = widget


class SettingsDialog(_GrowingDialog):
    def __init__(
        self,
        session: VaultSession,
        registry: SettingsRegistry,
        preferences: Preferences,
        keystore: KeyStore,
        parent: QWidget | None = None,
        *,
        change_passphrase: ChangePassphrase | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle("Settings")
        self._session = session
        self._registry = registry
        self._preferences = preferences
        self._keystore = keystore
        self._change_passphrase = change_passphrase
        self._busy = False
        self._changing_passphrase = False
        self._keyring: KeyringStatus | None = None
        self._task: Task | None = None
        self.confirm_dialog: ConfirmPassphraseDialog | None = None
        self.change_dialog: ChangePassphraseDialog | None = None
        self.folder_dialog: QFileDialog | None = None

        self.tabs = QTabWidget()
        self.tabs.setObjectName("settingsTabs")
        self.tabs.addTab(self._build_security(), "Security")
        self.tabs.addTab(self._build_vault(), "Vault")
        self.tabs.addTab(self._build_appearance(), "Appearance")

        self.progress = QProgressBar()
        self.progress.setObjectName("busyBar")
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.setMaximumWidth(160)
        self.busy_label = QLabel()
        self.busy_label.setObjectName("busyLabel")
        self.busy_label.setWordWrap(True)
        busy_row = QHBoxLayout()
        busy_row.addWidget(self.progress)
        busy_row.addWidget(self.busy_label, 1)
        self.progress.hide()
        self.busy_label.hide()

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.RestoreDefaults
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        restore = self.buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults)
        restore.setToolTip("Put the settings on this tab back to how PeerDesk came")
        restore.clicked.connect(self.restore_defaults)

        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addLayout(busy_row)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(600)

        self._load()
        session.closing.connect(self._vault_closing)
        self._check_keyring()

    # -- building -------------------------------------------------------------------------------

    def _build_security(self) -> QWidget:
        page = QWidget()
        page.setObjectName("securityTab")

        self.auto_lock = QSpinBox()
        self.auto_lock.setObjectName("autoLockMinutes")
        self.auto_lock.setRange(0, 240)
        self.auto_lock.setSpecialValueText("Never")
        self.auto_lock.setSuffix(" minutes")
        self.auto_lock.setAccessibleName("Lock after minutes of inactivity")
        self.lock_on_minimise = QCheckBox("Lock when PeerDesk is minimised")
        self.lock_on_minimise.setObjectName("lockOnMinimise")
        self.shortcut = QKeySequenceEdit()
        self.shortcut.setObjectName("quickHideShortcut")
        self.shortcut.setMaximumSequenceLength(1)
        self.shortcut.setClearButtonEnabled(True)
        self.shortcut.setAccessibleName("Quick-hide shortcut")
        self.shortcut.setMinimumWidth(200)
        self.shortcut.setMaximumWidth(280)
        locking = QGroupBox("Locking")
        form = _form(locking)
        form.addRow("Lock after inactivity:", self.auto_lock)
        form.addRow("", self.lock_on_minimise)
        form.addRow("Quick-hide shortcut:", self.shortcut)
        form.addRow("", _note("Locks the vault and hides every PeerDesk window at once."))

        self.clipboard = QSpinBox()
        self.clipboard.setObjectName("clipboardSeconds")
        self.clipboard.setRange(0, 600)
        self.clipboard.setSpecialValueText("Never")
        self.clipboard.setSuffix(" seconds")
        self.clipboard.setAccessibleName("Clear copied text after seconds")
        clip = QGroupBox("Clipboard")
        clip_form = _form(clip)
        clip_form.addRow("Clear copied text after:", self.clipboard)
        _align_labels(form, clip_form)

        self.remember = QCheckBox("Remember the passphrase on this device")
        self.remember.setObjectName("rememberPassphrase")
        self.remember.setEnabled(False)
        self.remember.clicked.connect(self._remember_clicked)
        self.keyring_label = _note("Checking the system keyring…", "keyringStatus")
        secret = QGroupBox("Passphrase")
        secret_layout = QVBoxLayout(secret)
        secret_layout.addWidget(self.remember)
        secret_layout.addWidget(self.keyring_label)

        self.remember_last_vault = QCheckBox("Remember which vault I opened last")
        self.remember_last_vault.setObjectName("rememberLastVault")
        self.remember_dialog_dir = QCheckBox("Remember folders chosen in file dialogs")
        self.remember_dialog_dir.setObjectName("rememberFileDialogDir")
        here = QGroupBox("On this computer")
        here_layout = QVBoxLayout(here)
        here_layout.addWidget(self.remember_last_vault)
        here_layout.addWidget(self.remember_dialog_dir)
        here_layout.addWidget(
            _note(
                "Kept outside the vault, in PeerDesk's preferences file. "
                "Turning one off erases the path it kept."
            )
        )

        layout = QVBoxLayout(page)
        for group in (locking, clip, secret, here):
            layout.addWidget(group)
        layout.addStretch(1)
        return page

    def _build_vault(self) -> QWidget:
        page = QWidget()
        page.setObjectName("vaultTab")

        self.vault_file = QLabel()
        self.vault_file.setObjectName("vaultFile")
        self.vault_file.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.check_button = QPushButton("Check integrity now")
        self.check_button.setObjectName("checkIntegrity")
        self.check_button.clicked.connect(self.check_integrity)
        self.change_button = QPushButton("Change passphrase…")
        self.change_button.setObjectName("changePassphrase")
        self.change_button.clicked.connect(self.ask_change_passphrase)
        actions = QHBoxLayout()
        actions.addWidget(self.check_button)
        actions.addWidget(self.change_button)
        actions.addStretch(1)
        this = QGroupBox("This vault")
        this_form = _form(this)
        this_form.addRow("File:", self.vault_file)
        this_form.addRow(actions)
        this_form.addRow(
            _note(
                "The check reads the whole vault: the encryption, the database "
                "structure and the saved history of every journal entry."
            )
        )

        self.folder = QLineEdit()
        self.folder.setObjectName("backupsFolder")
        self.folder.setPlaceholderText(str(paths.backups_dir()))
        self.folder.setToolTip("Leave empty to use PeerDesk's own backups folder")
        self.folder.editingFinished.connect(self._show_newest_backup)
        self.choose_folder = QPushButton("Choose…")
        self.choose_folder.setObjectName("chooseBackupsFolder")
        self.choose_folder.clicked.connect(self.choose_backups_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.choose_folder)
        self.keep = QSpinBox()
        self.keep.setObjectName("backupsKeep")
        self.keep.setRange(1, 100)
        self.keep.setSuffix(" most recent")
        self.keep.setAccessibleName("Number of backups to keep")
        self.backup_button = QPushButton("Back up now")
        self.backup_button.setObjectName("backUpNow")
        self.backup_button.clicked.connect(self.back_up_now)
        self.newest_backup = QLabel()
        self.newest_backup.setObjectName("newestBackup")
        self.newest_backup.setWordWrap(True)
        backup_row = QHBoxLayout()
        backup_row.addWidget(self.backup_button)
        backup_row.addWidget(self.newest_backup, 1)
        backups = QGroupBox("Backups")
        backups_form = _form(backups)
        backups_form.addRow("Folder:", folder_row)
        backups_form.addRow("Keep:", self.keep)
        backups_form.addRow(backup_row)
        backups_form.addRow(
            _note(
                "Backups are encrypted and open with the vault's passphrase. "
                "Keep one on another disk, too."
            )
        )
        _align_labels(this_form, backups_form)

        layout = QVBoxLayout(page)
        layout.addWidget(this)
        layout.addWidget(backups)
        layout.addStretch(1)
        return page

    def _build_appearance(self) -> QWidget:
        page = QWidget()
        page.setObjectName("appearanceTab")

        self.theme = QComboBox()
        self.theme.setObjectName("theme")
        for value, text in _THEME_CHOICES:
            self.theme.addItem(text, value)
        look = QGroupBox("Theme")
        look_form = _form(look)
        look_form.addRow("Colours:", self.theme)

        self.section_journal = QCheckBox("Journal: record what happens to you at work")
        self.section_journal.setObjectName("sectionJournal")
        self.section_supporter = QCheckBox(
            "Supporter notes: conversations with colleagues you support"
        )
        self.section_supporter.setObjectName("sectionSupporter")
        for box in (self.section_journal, self.section_supporter):
            box.toggled.connect(self._sections_toggled)
        sections = QGroupBox("Sections shown")
        sections_layout = QVBoxLayout(sections)
        sections_layout.addWidget(self.section_journal)
        sections_layout.addWidget(self.section_supporter)
        sections_layout.addWidget(
            _note("At least one section is always shown. Hiding a section deletes nothing.")
        )

        self.suggest = QCheckBox("Suggest coping strategies that helped before")
        self.suggest.setObjectName("suggestStrategies")
        help_box = QGroupBox("Suggestions")
        help_layout = QVBoxLayout(help_box)
        help_layout.addWidget(self.suggest)

        layout = QVBoxLayout(page)
        layout.addWidget(look)
        layout.addWidget(sections)
        layout.addWidget(help_box)
        layout.addStretch(1)
        return page

    # -- loading, applying, defaults ---------------------------------------------------------------

    def _load(self) -> None:
        get = self._registry.get
        self.auto_lock.setValue(int(get("auto_lock_minutes")))
        self.lock_on_minimise.setChecked(bool(get("lock_on_minimise")))
        self.shortcut.setKeySequence(
            QKeySequence.fromString(
                str(get("quick_hide_shortcut")), QKeySequence.SequenceFormat.PortableText
            )
        )
        self.clipboard.setValue(int(get("clipboard_seconds")))
        self.remember.setChecked(bool(get("remember_passphrase")))
        self.remember_last_vault.setChecked(bool(self._preferences.get("remember_last_vault")))
        self.remember_dialog_dir.setChecked(bool(self._preferences.get("remember_file_dialog_dir")))
        path = self._session.vault_path
        self.vault_file.setText(path.name if path else "(locked)")
        self.vault_file.setToolTip(str(path.parent) if path else "")
        self.folder.setText(str(get("backups_dir")))
        self.keep.setValue(int(get("backups_keep")))
        self._select_theme(str(self._preferences.get("theme")))
        self._set_sections(list(get("sections")))
        self.suggest.setChecked(bool(get("suggest_strategies")))
        self._show_newest_backup()

    def _select_theme(self, value: str) -> None:
        index = self.theme.findData(value)
        self.theme.setCurrentIndex(max(index, 0))

    def _set_sections(self, sections: list[str]) -> None:
        for box in (self.section_journal, self.section_supporter):
            box.blockSignals(True)
        self.section_journal.setChecked("journal" in sections)
        self.section_supporter.setChecked("supporter" in sections)
        for box in (self.section_journal, self.section_supporter):
            box.blockSignals(False)
        self._sections_toggled()

    def _sections_toggled(self) -> None:
        boxes = (self.section_journal, self.section_supporter)
        checked = [box for box in boxes if box.isChecked()]
        for box in boxes:
            last = len(checked) == 1 and box.isChecked()
            box.setEnabled(not last)
            box.setToolTip("At least one section stays shown." if last else "")

    def show_tab(self, name: str) -> None:
        """Show the tab ``name`` ("security", "vault" or "appearance")."""
        if name in TABS:
            self.tabs.setCurrentIndex(TABS.index(name))

    def current_tab(self) -> str:
        return TABS[self.tabs.currentIndex()]

    def restore_defaults(self) -> None:
        """Put the current tab's settings back to their defaults (applied on OK)."""
        default = self._registry.default
        tab = self.current_tab()
        if tab == "security":
            self.auto_lock.setValue(default("auto_lock_minutes"))
            self.lock_on_minimise.setChecked(default("lock_on_minimise"))
            self.shortcut.setKeySequence(
                QKeySequence.fromString(
                    default("quick_hide_shortcut"), QKeySequence.SequenceFormat.PortableText
                )
            )
            self.clipboard.setValue(default("clipboard_seconds"))
            self.remember_last_vault.setChecked(Preferences.default("remember_last_vault"))
            self.remember_dialog_dir.setChecked(Preferences.default("remember_file_dialog_dir"))
        elif tab == "vault":
            self.folder.setText(default("backups_dir"))
            self.keep.setValue(default("backups_keep"))
            self._show_newest_backup()
        else:
            self._select_theme(Preferences.default("theme"))
            self._set_sections(default("sections"))
            self.suggest.setChecked(default("suggest_strategies"))

    def _shortcut_text(self) -> str:
        return self.shortcut.keySequence().toString(QKeySequence.SequenceFormat.PortableText)

    def _pending(self) -> dict[str, Any]:
        """The in-vault values shown, validated; raises _Invalid naming the widget to fix."""
        shown: list[tuple[str, Any, str, QWidget]] = [
            ("auto_lock_minutes", self.auto_lock.value(), "security", self.auto_lock),
            (
                "lock_on_minimise",
                self.lock_on_minimise.isChecked(),
                "security",
                self.lock_on_minimise,
            ),
            ("quick_hide_shortcut", self._shortcut_text(), "security", self.shortcut),
            ("clipboard_seconds", self.clipboard.value(), "security", self.clipboard),
            ("backups_dir", self.folder.text(), "vault", self.folder),
            ("backups_keep", self.keep.value(), "vault", self.keep),
            (
                "sections",
                [
                    name
                    for name, box in (
                        ("journal", self.section_journal),
                        ("supporter", self.section_supporter),
                    )
                    if box.isChecked()
                ],
                "appearance",
                self.section_journal,
            ),
            ("suggest_strategies", self.suggest.isChecked(), "appearance", self.suggest),
        ]
        values: dict[str, Any] = {}
        for key, value, tab, widget in shown:
            try:
                values[key] = self._registry.validate(key, value)
            except ValueError as exc:
                raise _Invalid(str(exc), tab, widget) from None
        return values

    def _pending_folder(self) -> Path:
        try:
            chosen = self._registry.validate("backups_dir", self.folder.text())
        except ValueError as exc:
            raise _Invalid(str(exc), "vault", self.folder) from None
        return Path(chosen) if chosen else paths.backups_dir()

    def _complain(self, title: str, problem: _Invalid) -> None:
        self.show_tab(problem.tab)
        problem.widget.setFocus()
        Messages.warn(self, title, problem.message)

    def accept(self) -> None:
        if self._busy:
            return
        try:
            values = self._pending()
        except _Invalid as problem:
            self._complain("Settings not saved", problem)
            return
        try:
            for key, value in values.items():
                self._registry.set(key, value)
        except VaultError as exc:
            Messages.error(self, "Settings not saved", exc.user_message)
            return
        # Turning a "remember" off first erases the path it kept.
        self._preferences.set("remember_last_vault", self.remember_last_vault.isChecked())
        self._preferences.set("remember_file_dialog_dir", self.remember_dialog_dir.isChecked())
        self._preferences.set("theme", str(self.theme.currentData()))
        super().accept()

    def reject(self) -> None:
        if self._busy:
            return  # the work in progress must finish first (Cancel is disabled meanwhile)
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._busy:
            event.ignore()
            return
        super().closeEvent(event)

    def _vault_closing(self) -> None:
        """Locking closes this dialog (but changing the passphrase closes the vault on purpose)."""
        if not self._changing_passphrase and self.isVisible():
            QDialog.done(self, QDialog.DialogCode.Rejected)

    # -- background work --------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        """Whether a background action (backup, check, keyring, passphrase) is running."""
        return self._busy

    @property
    def keyring_status(self) -> KeyringStatus | None:
        """The keyring's status once the background check has answered (None until then)."""
        return self._keyring

    def _set_busy(self, busy: bool, text: str = "") -> None:
        self._busy = busy
        self.progress.setVisible(busy)
        self.busy_label.setVisible(busy)
        self.busy_label.setText(text)
        for widget in (
            self.backup_button,
            self.check_button,
            self.change_button,
            self.choose_folder,
        ):
            widget.setEnabled(not busy)
        self.remember.setEnabled(not busy and bool(self._keyring and self._keyring.available))
        for which in (
            QDialogButtonBox.StandardButton.Ok,
            QDialogButtonBox.StandardButton.Cancel,
            QDialogButtonBox.StandardButton.RestoreDefaults,
        ):
            self.buttons.button(which).setEnabled(not busy)

    def _alive(self) -> bool:
        return shiboken6.isValid(self)

    def _start(
        self,
        text: str,
        work: Callable[[Task], Any],
        done: Callable[[Any], None],
        failed: Callable[[BaseException], None],
    ) -> bool:
        """Run ``work`` in the background unless something already runs."""
        if self._busy:
            return False
        self._set_busy(True, text)

        def succeeded(result: object) -> None:
            if self._alive():
                self._set_busy(False)
                done(result)

        def crashed(exc: BaseException) -> None:
            if self._alive():
                self._set_busy(False)
                failed(exc)

        self._task = run_in_background(work, on_success=succeeded, on_failure=crashed)
        return True

    # -- keyring -----------------------------------------------------------------------------------

    def _check_keyring(self) -> None:
        keystore = self._keystore

        def found(status: object) -> None:
            if not self._alive():
                return
            assert isinstance(status, KeyringStatus)
            self._keyring = status
            self._show_keyring_status()

        def failed(_exc: BaseException) -> None:  # status() never raises; belt and braces
            if self._alive():
                self._keyring = KeyringStatus(False, "", "The system keyring could not be checked.")
                self._show_keyring_status()

        run_in_background(lambda _task: keystore.status(), on_success=found, on_failure=failed)

    def _show_keyring_status(self) -> None:
        status = self._keyring
        if status is None:
            return
        self.remember.setEnabled(status.available and not self._busy)
        if not status.available:
            self.keyring_label.setText(status.reason)
        elif self.remember.isChecked():
            self.keyring_label.setText(
                f"Remembered in {status.backend_name}: this vault "
                "unlocks without asking. Anyone who can use your "
                "account on this computer could open it. Changes take "
                "effect at once."
            )
        else:
            self.keyring_label.setText(
                f"When on, the passphrase is kept in "
                f"{status.backend_name} and this vault unlocks without "
                "asking (you confirm the passphrase first). Changes "
                "take effect at once."
            )

    def _remember_clicked(self, checked: bool) -> None:
        # The box shows the keyring's state: undo the click until the keyring has changed.
        self.remember.setChecked(not checked)
        if self._busy or self._session.vault_path is None:
            return
        if checked:
            self._ask_to_remember()
        else:
            self._forget()

    def _ask_to_remember(self) -> None:
        vault = self._session.repos.vault
        dialog = ConfirmPassphraseDialog(vault.matches_passphrase, self)
        self.confirm_dialog = dialog

        def confirmed() -> None:
            passphrase = dialog.passphrase()
            dialog.clear_secret()
            self._remember(passphrase)

        dialog.accepted.connect(confirmed)
        dialog.finished.connect(self._confirm_finished)
        dialog.open()

    def _confirm_finished(self) -> None:
        if self.confirm_dialog is not None:
            self.confirm_dialog.deleteLater()
            self.confirm_dialog = None

    def _remember(self, passphrase: str) -> None:
        path = self._session.vault_path
        if path is None:
            return
        keystore, vault_id = self._keystore, vault_id_for(path)

        def work(_task: Task) -> None:
            keystore.remember(vault_id, passphrase)

        def done(_result: object) -> None:
            self._keyring_changed(True)

        def failed(exc: BaseException) -> None:
            Messages.warn(
                self,
                "Passphrase not remembered",
                _user_message(exc, "The passphrase could not be remembered."),
            )

        self._start("Storing the passphrase in the system keyring…", work, done, failed)

    def _forget(self) -> None:
        path = self._session.vault_path
        if path is None:
            return
        keystore, vault_id = self._keystore, vault_id_for(path)

        def done(_result: object) -> None:
            self._keyring_changed(False)

        def failed(exc: BaseException) -> None:
            Messages.warn(
                self,
                "Passphrase not removed",
                _user_message(exc, "The remembered passphrase could not be removed."),
            )

        self._start(
            "Removing the passphrase from the system keyring…",
            lambda _task: keystore.forget(vault_id),
            done,
            failed,
        )

    def _keyring_changed(self, remembered: bool) -> None:
        self.remember.setChecked(remembered)
        self._show_keyring_status()
        try:
            self._registry.set("remember_passphrase", remembered)
        except VaultError as exc:
            Messages.error(self, "Settings not saved", exc.user_message)

    # -- vault actions -----------------------------------------------------------------------------

    def back_up_now(self) -> bool:
        """A verified backup into the folder shown (even before OK), keeping the number shown."""
        if self._busy or not self._session.is_open:
            return False
        try:
            folder = self._pending_folder()
        except _Invalid as problem:
            self._complain("Backup not made", problem)
            return False
        keep = self.keep.value()
        vault = self._session.repos.vault

        def work(_task: Task) -> Path:
            sibling = vault.sibling()
            try:
                return automatic_backup(sibling, folder, keep=keep, reason="manual")
            finally:
                sibling.close()

        def done(path: object) -> None:
            self._show_newest_backup()
            Messages.info(
                self,
                "Backup made",
                f"A verified, encrypted backup was written to {path}.",
                informative="It opens with the vault's current passphrase.",
            )

        def failed(exc: BaseException) -> None:
            Messages.error(
                self, "Backup failed", _user_message(exc, "The backup could not be made.")
            )

        return self._start("Making a verified backup…", work, done, failed)

    def _show_newest_backup(self) -> None:
        path = self._session.vault_path
        try:
            folder = self._pending_folder()
        except _Invalid:
            self.newest_backup.setText("")
            return
        found = list_backups(folder, path) if path is not None else []
        if not found:
            self.newest_backup.setText("No backup of this vault in that folder yet.")
            return
        newest = found[0].made_at.astimezone().strftime("%d %b %Y, %H:%M")
        count = "1 backup" if len(found) == 1 else f"{len(found)} backups"
        self.newest_backup.setText(f"Newest: {newest} ({count} there)")

    def check_integrity(self) -> bool:
        """Both integrity checks and every entry's revision chain, on a second connection."""
        if self._busy or not self._session.is_open:
            return False
        vault = self._session.repos.vault

        def work(_task: Task) -> tuple[list[str], HistoryReport]:
            sibling = vault.sibling()
            try:
                problems = sibling.integrity_problems()
                history = IncidentRepository(sibling).verify_history()
            finally:
                sibling.close()
            return problems, history

        def done(result: object) -> None:
            problems, history = cast(tuple[list[str], HistoryReport], result)
            found = [
                *problems,
                *(f"Journal entry {p.record_number}: {p.reason}" for p in history.problems),
            ]
            if not found:
                Messages.info(
                    self,
                    "Integrity check",
                    "The vault passed every check.",
                    informative="The encryption and the database structure are "
                    f"sound. {history.summary()}",
                )
                return
            count = "1 problem" if len(found) == 1 else f"{len(found)} problems"
            Messages.warn(
                self,
                "Integrity check",
                f"The check found {count}.",
                informative="\n".join(found) + "\n\nChange nothing for now and keep "
                "the vault file as it is. A journal entry whose history does not "
                "match was changed outside PeerDesk after it was saved; damage to "
                "the encryption or structure can be repaired from the newest good "
                "backup.",
            )

        def failed(exc: BaseException) -> None:
            Messages.error(
                self, "Integrity check", _user_message(exc, "The check could not be completed.")
            )

        return self._start("Checking the whole vault…", work, done, failed)

    def choose_backups_folder(self) -> None:
        """Opens a folder chooser (window-modal, without blocking)."""
        if self._busy or self.folder_dialog is not None:
            return
        remember = bool(self._preferences.get("remember_file_dialog_dir"))
        start = self._preferences.get("file_dialog_dir") if remember else ""
        if not start:
            start = str(self._pending_folder_or_default())
        dialog = QFileDialog(self, "Choose the backups folder", start)
        dialog.setObjectName("backupsFolderDialog")
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        if not remember:
            dialog.setHistory([])
        dialog.fileSelected.connect(self._folder_chosen)
        dialog.finished.connect(self._folder_dialog_finished)
        self.folder_dialog = dialog
        dialog.open()

    def _pending_folder_or_default(self) -> Path:
        try:
            folder = self._pending_folder()
        except _Invalid:
            folder = paths.backups_dir()
        while not folder.is_dir() and folder.parent != folder:
            folder = folder.parent
        return folder

    def _folder_chosen(self, chosen: str) -> None:
        if not chosen:
            return
        self.folder.setText(chosen)
        self._show_newest_backup()
        self._preferences.set("file_dialog_dir", chosen)  # stored only if the user allows it

    def _folder_dialog_finished(self) -> None:
        if self.folder_dialog is not None:
            self.folder_dialog.deleteLater()
            self.folder_dialog = None

    # -- passphrase --------------------------------------------------------------------------------

    def ask_change_passphrase(self) -> None:
        if self._busy or not self._session.is_open or self.change_dialog is not None:
            return
        dialog = ChangePassphraseDialog(self._session.repos.vault.matches_passphrase, self)
        self.change_dialog = dialog

        def confirmed() -> None:
            current, new = dialog.current(), dialog.new()
            dialog.clear_secrets()
            self._run_change(current, new)

        def finished() -> None:
            dialog.deleteLater()
            self.change_dialog = None

        dialog.accepted.connect(confirmed)
        dialog.finished.connect(finished)
        dialog.open()

    def _default_change(
        self, current: str, new: str, on_done: OnChanged, on_failed: OnFailed
    ) -> object:
        return change_passphrase_in_background(
            self._session,
            current,
            new,
            on_done,
            on_failed,
            keystore=self._keystore,
            remember=bool(self._registry.get("remember_passphrase")),
            backup_dir=self._registry.backups_directory(),
        )

    def _run_change(self, current: str, new: str) -> None:
        if self._busy:
            return
        change = self._change_passphrase or self._default_change
        self._set_busy(
            True, "Changing the passphrase: backing up, re-encrypting and checking the vault…"
        )
        self._changing_passphrase = True

        def done(result: PassphraseChanged) -> None:
            if self._alive():
                self._passphrase_changed(result)

        def failed(exc: BaseException) -> None:
            if self._alive():
                self._passphrase_failed(exc)

        try:
            change(current, new, done, failed)
        except BaseException as exc:
            failed(exc)

    def _end_change(self) -> None:
        self._changing_passphrase = False
        self._set_busy(False)
        # The vault was closed and reopened: read and write settings through the new connection.
        if self._session.is_open and self._registry.settings is not self._session.repos.settings:
            self._registry.bind(self._session.repos.settings)

    def _passphrase_changed(self, result: PassphraseChanged) -> None:
        self._end_change()
        if result.remembered is False:
            self._keyring_changed(False)
        extra = f"\n\n{result.keyring_note}" if result.keyring_note else ""
        if result.remembered:
            extra = "\n\nThe passphrase remembered on this device was updated."
        Messages.info(
            self,
            "Passphrase changed",
            "Your passphrase was changed, and the vault passed both integrity checks.",
            informative=f"A backup made just before the change is at "
            f"{result.backup}. It opens with the OLD passphrase: delete it if "
            f"someone else may know the old one.{extra}",
        )

    def _passphrase_failed(self, exc: BaseException) -> None:
        self._end_change()
        message = _user_message(exc, "The passphrase could not be changed.")
        if self._session.is_open:
            Messages.error(self, "Passphrase not changed", message)
            return
        Messages.error(
            self,
            "Passphrase not changed",
            message,
            informative="The vault could not be opened again. Unlock it to continue.",
        )
        QDialog.done(self, QDialog.DialogCode.Rejected)


__all__ = [
    "TABS",
    "ChangePassphrase",
    "ChangePassphraseDialog",
    "ConfirmPassphraseDialog",
    "PassphraseChanged",
    "SettingsDialog",
    "change_passphrase_in_background",
    "strength_hint",
]
