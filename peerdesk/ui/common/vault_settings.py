"""The settings stored inside the vault, declared once with their defaults and rules.

These settings say something about the user (how they protect their records, which parts of
PeerDesk they use), so they live in the encrypted vault (``VaultSettings``), never in the
preferences file. While the vault is locked the registry is unbound: :meth:`get` answers the
defaults and :meth:`set` raises ``VaultClosed``.

Every key is in :data:`SETTINGS`: type, default, and a check that returns the value to store
(normalised) or raises ``ValueError`` with a sentence that can be shown to the user.
"""

from __future__ import annotations

import copy
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QKeySequence

from peerdesk import paths
from peerdesk.i18n import N_, _
from peerdesk.models.text import check_text, fix_surrogates
from peerdesk.storage.errors import VaultClosed
from peerdesk.storage.settings import VaultSettings

if TYPE_CHECKING:
    from peerdesk.ui.common.session import VaultSession

log = logging.getLogger(__name__)

SECTIONS = ("journal", "supporter")


@dataclass(frozen=True)
class Setting:
    key: str
    type: type
    default: Any
    check: Callable[[Any], Any]


def _whole_number(value: object, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        # translators: {what} names a setting, e.g. "The auto-lock time"
        raise ValueError(_("{what} must be a whole number.").format(what=what))
    return value


def _flag(what: str) -> Callable[[Any], bool]:
    def check(value: object) -> bool:
        if not isinstance(value, bool):
            raise ValueError(f"{what} must be on or off.")  # i18n: keep — a programming error
        return value

    return check


def _auto_lock(value: object) -> int:
    minutes = _whole_number(value, _("The auto-lock time"))
    if not 0 <= minutes <= 240:
        raise ValueError(_("Lock after 1 to 240 minutes of inactivity, or 0 for never."))
    return minutes


def _clipboard(value: object) -> int:
    seconds = _whole_number(value, _("The clipboard time"))
    if not 0 <= seconds <= 600:
        raise ValueError(_("Clear copied text after at most 600 seconds, or 0 for never."))
    return seconds


def _backups_keep(value: object) -> int:
    keep = _whole_number(value, _("The number of backups to keep"))
    if not 1 <= keep <= 100:
        raise ValueError(_("Keep between 1 and 100 backups."))
    return keep


_MODIFIERS = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)
_FUNCTION_KEYS = range(Qt.Key.Key_F1.value, Qt.Key.Key_F35.value + 1)


def _shortcut(value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(_("Choose a key combination for quick hide."))
    sequence = QKeySequence.fromString(value, QKeySequence.SequenceFormat.PortableText)
    text = sequence.toString(QKeySequence.SequenceFormat.PortableText)
    if sequence.isEmpty() or not text:
        raise ValueError(_("That is not a key combination PeerDesk understands."))
    if sequence.count() != 1:
        raise ValueError(_("Use a single key combination for quick hide, such as Ctrl+Shift+H."))
    combination = sequence[0]  # type: ignore[index]  # QKeySequence supports indexing
    key = combination.key().value
    if key == Qt.Key.Key_unknown.value:
        raise ValueError(_("That is not a key combination PeerDesk understands."))
    if not combination.keyboardModifiers() & _MODIFIERS and key not in _FUNCTION_KEYS:
        # A plain letter (even with Shift) would hide PeerDesk while the user types.
        raise ValueError(
            _(
                "The quick-hide shortcut needs Ctrl, Alt or Meta (or a function "
                "key), so that it cannot go off while you type."
            )
        )
    return text


def _folder(value: object) -> str:
    if not isinstance(value, str) or "\x00" in value:
        raise ValueError(_("The backups folder must be a folder path."))
    if not value.strip():
        return ""
    folder = Path(value.strip()).expanduser()
    if not folder.is_absolute():
        raise ValueError(_("Choose the backups folder with its full path."))
    if folder.exists() and not folder.is_dir():
        raise ValueError(_("The backups folder path points to a file, not a folder."))
    return str(folder)


def _sections(value: object) -> list[str]:
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise ValueError("Sections must be a list of section names.")  # i18n: keep — internal
    unknown = [v for v in value if v not in SECTIONS]
    if unknown:
        raise ValueError(f"Unknown section: {unknown[0]}.")  # i18n: keep — never from the UI
    if not value:
        raise ValueError(_("Show at least one section: the journal or the supporter notes."))
    return [s for s in SECTIONS if s in value]


SETTINGS: tuple[Setting, ...] = (
    Setting("auto_lock_minutes", int, 5, _auto_lock),
    Setting("lock_on_minimise", bool, False, _flag(N_("Lock on minimise"))),
    Setting("quick_hide_shortcut", str, "Ctrl+Shift+H", _shortcut),  # i18n: keep — stored key
    Setting("clipboard_seconds", int, 10, _clipboard),
    # Mirrors whether the system keyring holds this vault's passphrase; changed only together
    # with the keyring (KeyStore.remember / forget).
    Setting("remember_passphrase", bool, False, _flag(N_("Remember passphrase"))),
    Setting("backups_keep", int, 10, _backups_keep),
    Setting("backups_dir", str, "", _folder),  # "" means paths.backups_dir()
    Setting("sections", list, list(SECTIONS), _sections),
    Setting("suggest_strategies", bool, True, _flag(N_("Suggest strategies"))),
)
_BY_KEY = {s.key: s for s in SETTINGS}
_LABELS = {
    "quick_hide_shortcut": N_("The quick-hide shortcut"),
    "backups_dir": N_("The backups folder"),
    "sections": N_("A section name"),
}


def _checked(spec: Setting, value: object) -> Any:
    """``spec.check(value)``, after refusing text that holds a surrogate code point (it cannot
    be stored; the message is the one every text field gives, ``models.text.check_text``)."""
    for item in value if isinstance(value, list | tuple) else (value,):
        if isinstance(item, str) and fix_surrogates(item) != item:
            check_text(item, field=spec.key, label=_(_LABELS.get(spec.key, N_("This setting"))))
    return spec.check(value)


def _spec(key: str) -> Setting:
    try:
        return _BY_KEY[key]
    except (KeyError, TypeError):
        raise KeyError(key) from None


class SettingsRegistry(QObject):
    """In-vault settings by key. ``changed(key)`` after a change, or a bind that changes it."""

    changed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._settings: VaultSettings | None = None

    # -- binding ---------------------------------------------------------------------------------

    @property
    def settings(self) -> VaultSettings | None:
        return self._settings

    @property
    def is_bound(self) -> bool:
        return self._settings is not None

    def bind(self, settings: VaultSettings | None) -> None:
        """Read from ``settings`` from now on (``None`` while locked: defaults, read-only)."""
        if settings is self._settings:
            return
        before = {key: self.get(key) for key in _BY_KEY}
        self._settings = settings
        for key, old in before.items():
            if self.get(key) != old:
                self.changed.emit(key)

    def follow(self, session: VaultSession) -> None:
        """Bind to ``session``'s vault now and whenever it opens; unbind when it closes."""

        def opened() -> None:
            self.bind(session.repos.settings)

        session.opened.connect(opened)
        session.closed.connect(lambda: self.bind(None))
        self.bind(session.repos.settings if session.is_open else None)

    # -- values ----------------------------------------------------------------------------------

    @staticmethod
    def keys() -> tuple[str, ...]:
        return tuple(_BY_KEY)

    @staticmethod
    def default(key: str) -> Any:
        return copy.deepcopy(_spec(key).default)

    @staticmethod
    def validate(key: str, value: object) -> Any:
        """The value as it would be stored, or ValueError with a plain message."""
        return _checked(_spec(key), value)

    def get(self, key: str) -> Any:
        spec = _spec(key)
        if self._settings is None:
            return copy.deepcopy(spec.default)
        try:
            raw = self._settings.get(key, None)
        except VaultClosed:
            # The bound vault was closed under us (locking, changing the passphrase).
            return copy.deepcopy(spec.default)
        if raw is None:
            return copy.deepcopy(spec.default)
        try:
            return spec.check(raw)
        except ValueError:
            log.warning("Stored setting %s is not valid; using its default", key)
            return copy.deepcopy(spec.default)

    def set(self, key: str, value: object) -> None:
        """Validate and store ``value``; ValueError (plain message) or VaultClosed."""
        spec = _spec(key)
        clean = _checked(spec, value)
        if self._settings is None:
            raise VaultClosed()
        if clean == self.get(key):
            return
        self._settings.set(key, clean)
        self.changed.emit(key)

    def reset(self, key: str) -> None:
        self.set(key, self.default(key))

    def backups_directory(self) -> Path:
        """Where backups go: the chosen folder, or PeerDesk's own backups folder."""
        chosen = self.get("backups_dir")
        return Path(chosen) if chosen else paths.backups_dir()


__all__ = ["SECTIONS", "SETTINGS", "Setting", "SettingsRegistry"]
