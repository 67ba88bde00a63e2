"""Non-sensitive preferences of this computer, in one INI file outside the vault.

**Nothing about the user's records is stored here**: no note text, no names, no settings that
say anything about the user (those live inside the vault, see ``vault_settings.py``). This
file only holds how PeerDesk looks and behaves on this computer: the theme, window geometry,
and — only when the user allows it — the path of the last vault opened and the last folder
used in a file dialog. Turning an "allow" off also erases the path it allowed.

The file is ``paths.preferences_path()`` in ``QSettings.IniFormat``, opened by its explicit
path, never Qt's default settings location. Its folder is created 0700 and the file is kept
0600. A file that cannot be read or parsed is ignored: every key reads as its default, and the
next change writes a clean file.

Every key is declared once in :data:`PREFERENCES` with its type and default. Window geometry
and state are "families" of keys, one per window name: ``window_geometry/<name>`` and
``window_state/<name>``.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QObject, QSettings, Signal
from PySide6.QtWidgets import QMainWindow, QWidget

from peerdesk import paths
from peerdesk.i18n import LANGUAGES
from peerdesk.models.text import fix_surrogates

log = logging.getLogger(__name__)

THEMES = ("system", "light", "dark")
#: "system" follows the environment's language (see peerdesk.i18n.system_language).
LANGUAGE_CHOICES = ("system", *LANGUAGES)
_WINDOW_NAME = re.compile(r"[A-Za-z0-9_-]{1,64}")


@dataclass(frozen=True)
class Preference:
    """One declared preference. ``family`` keys take a window name: ``"<key>/<name>"``."""

    key: str
    type: type
    default: Any
    choices: tuple[str, ...] = ()
    family: bool = False
    #: The boolean preference that must be on for this one to be stored (privacy).
    allowed_by: str = ""


PREFERENCES: tuple[Preference, ...] = (
    Preference("theme", str, "system", choices=THEMES),
    Preference("language", str, "system", choices=LANGUAGE_CHOICES),
    # The crisis panel's country (ISO 3166 code) is kept only when the user allows it: where a
    # person seeks help may say something about them.
    Preference("remember_country", bool, False),
    Preference("crisis_country", str, "", allowed_by="remember_country"),
    Preference("remember_last_vault", bool, False),
    Preference("last_vault", str, "", allowed_by="remember_last_vault"),
    Preference("remember_file_dialog_dir", bool, False),
    Preference("file_dialog_dir", str, "", allowed_by="remember_file_dialog_dir"),
    Preference("window_geometry", bytes, b"", family=True),
    Preference("window_state", bytes, b"", family=True),
)
_BY_KEY = {p.key: p for p in PREFERENCES}


def _spec(key: str) -> Preference:
    """The declaration for ``key`` (``"window_geometry/main"`` → the family). KeyError if none."""
    if not isinstance(key, str):
        raise KeyError(key)
    base, sep, name = key.partition("/")
    spec = _BY_KEY.get(base)
    if spec is None or spec.family != bool(sep) or (sep and not _WINDOW_NAME.fullmatch(name)):
        raise KeyError(key)
    return spec


def _coerce(spec: Preference, raw: object) -> Any:
    """A stored value as the declared type, or the default if it is not one."""
    if spec.type is bool:
        if isinstance(raw, bool):
            return raw
        if isinstance(raw, str) and raw.lower() in ("true", "false"):
            return raw.lower() == "true"
        return spec.default
    if spec.type is bytes:
        if isinstance(raw, QByteArray):
            return raw.data()
        if isinstance(raw, bytes | bytearray):
            return bytes(raw)
        return spec.default
    if isinstance(raw, str) and "\x00" not in raw and (not spec.choices or raw in spec.choices):
        return raw
    return spec.default


class _Unstorable(ValueError):
    """Text the preferences file cannot hold as it is (a surrogate code point)."""


def _check(spec: Preference, key: str, value: object) -> Any:
    """``value`` as stored, or ValueError with a plain message."""
    if spec.type is bool:
        if not isinstance(value, bool):
            raise ValueError(f"{key} must be true or false.")
        return value
    if spec.type is bytes:
        if isinstance(value, QByteArray):
            return value.data()
        if not isinstance(value, bytes | bytearray):
            raise ValueError(f"{key} must be bytes.")
        return bytes(value)
    if not isinstance(value, str) or "\x00" in value:
        raise ValueError(f"{key} must be text.")
    if fix_surrogates(value) != value:
        # Qt would drop the broken character and store another path (or text) silently.
        raise _Unstorable(  # i18n: keep — caught below, never shown
            f"{key} contains a broken character (a lone surrogate)."  # i18n: keep — caught
        )
    if spec.choices and value not in spec.choices:
        raise ValueError(f"{key} must be one of: {', '.join(spec.choices)}.")
    return value


class Preferences(QObject):
    """The preferences file. ``get``/``set`` by key; ``changed(key)`` after a change."""

    changed = Signal(str)

    def __init__(self, path: Path | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._path = Path(path) if path is not None else paths.preferences_path()
        paths.ensure_private_dir(self._path.parent)
        self._qs = QSettings(str(self._path), QSettings.Format.IniFormat)
        self._unreadable = self._qs.status() != QSettings.Status.NoError
        if self._unreadable:
            # Unreadable or not an INI file: read nothing from it; the next change replaces it.
            log.warning("The preferences file could not be read; using the defaults")
            self._qs.clear()

    @property
    def path(self) -> Path:
        return self._path

    @property
    def was_unreadable(self) -> bool:
        """The file existed but could not be read or parsed, so the defaults are in use."""
        return self._unreadable

    @staticmethod
    def keys() -> tuple[str, ...]:
        """The declared keys (family keys without a window name)."""
        return tuple(p.key for p in PREFERENCES)

    @staticmethod
    def default(key: str) -> Any:
        return _spec(key).default

    def get(self, key: str) -> Any:
        spec = _spec(key)
        if spec.allowed_by and not self.get(spec.allowed_by):
            return spec.default  # a path left behind while not allowed is never used
        raw = self._qs.value(key)
        return spec.default if raw is None else _coerce(spec, raw)

    def set(self, key: str, value: object) -> None:
        """Store ``value`` (type-checked). A path whose "remember" is off is not stored."""
        spec = _spec(key)
        try:
            value = _check(spec, key, value)
        except _Unstorable:
            if not spec.allowed_by:
                raise
            # A remembered folder or vault path whose name has an undecodable byte: it cannot
            # be written faithfully, so it is not remembered (the next dialog starts at home).
            log.warning("A path was not remembered: its name cannot be stored")
            value = spec.default
        if spec.allowed_by and not self.get(spec.allowed_by):
            return
        changed = value != self.get(key)
        if changed:
            if value == spec.default:
                self._qs.remove(key)
            else:
                self._qs.setValue(key, QByteArray(value) if isinstance(value, bytes) else value)
        erased: list[str] = []
        if spec.type is bool and not value:
            # Turning off an "allow" forgets what it allowed (even a path left in the file).
            for other in PREFERENCES:
                if other.allowed_by == key and self._qs.contains(other.key):
                    self._qs.remove(other.key)
                    erased.append(other.key)
        if not changed and not erased:
            return  # nothing to write
        self._sync()
        if changed:
            self.changed.emit(key)
        for other_key in erased:
            self.changed.emit(other_key)

    def reset(self, key: str) -> None:
        self.set(key, _spec(key).default)

    # -- windows ---------------------------------------------------------------------------------

    def save_window(self, name: str, window: QWidget) -> None:
        """Remember ``window``'s geometry (and a main window's toolbars/docks) as ``name``."""
        self.set(f"window_geometry/{name}", window.saveGeometry().data())
        if isinstance(window, QMainWindow):
            self.set(f"window_state/{name}", window.saveState().data())

    def restore_window(self, name: str, window: QWidget) -> bool:
        """Restore what :meth:`save_window` stored; False if nothing (or nothing usable)."""
        geometry = self.get(f"window_geometry/{name}")
        restored = bool(geometry) and window.restoreGeometry(QByteArray(geometry))
        if isinstance(window, QMainWindow):
            state = self.get(f"window_state/{name}")
            if state:
                window.restoreState(QByteArray(state))
        return restored

    # -- internals -------------------------------------------------------------------------------

    def _sync(self) -> None:
        self._qs.sync()
        if self._qs.status() == QSettings.Status.AccessError:
            log.warning("The preferences file could not be written")
            return
        if os.name == "posix" and self._path.exists():
            with contextlib.suppress(OSError):
                os.chmod(self._path, 0o600)


def redirect_qt_user_settings(directory: Path) -> None:
    """Point Qt's *own* per-user settings into ``directory`` (process-wide).

    Qt's file dialog writes the folders it visited (``history``, ``lastVisited``) to
    ``QSettings(UserScope, "QtProject")`` — ``~/.config/QtProject.conf`` on Linux — whenever a
    ``QFileDialog`` is destroyed, with no way to turn that off (SECURITY.md 21). Call this once
    at start-up with a private folder (e.g. a temporary one removed at exit) so that trace
    stays out of the user's profile. PeerDesk itself never uses the default location.
    """
    paths.ensure_private_dir(directory)
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(directory))


__all__ = [
    "PREFERENCES",
    "THEMES",
    "Preference",
    "Preferences",
    "redirect_qt_user_settings",
]
