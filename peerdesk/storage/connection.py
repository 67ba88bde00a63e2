"""One SQLCipher connection to a vault file: opening, keying, error mapping, integrity checks.

The vault (``vault.py``) and the backup code (``backup_files.py``, ``backup.py``) both open
connections through here, so neither needs the other for it. It follows ../shared/SECURITY.md
1-5 and 10: the key is set with ``set_key`` as the very first call and proven with a verify read;
temp files stay in memory; SQLCipher's logging is silenced; both integrity checks run after a
checkpoint. :func:`remove_vault_files` removes a vault file with its side files.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlcipher3

from peerdesk.i18n import _
from peerdesk.models.errors import ValidationError
from peerdesk.models.text import clean_passphrase
from peerdesk.storage.errors import (
    DiskFull,
    InvalidPassphrase,
    NotAVaultFile,
    VaultCorrupted,
    VaultEmpty,
    VaultError,
    VaultInUse,
    VaultIsDirectory,
    VaultNotFound,
    VaultReadOnly,
    WrongPassphrase,
)

PAGE_SIZE = 4096  # SQLCipher 4 default
SIDE_FILES = ("-wal", "-shm", "-journal")

Row = sqlcipher3.Row
Params = Sequence[Any] | dict[str, Any]


def utc_now_text() -> str:
    """The time stamp stored rows carry (ISO 8601, UTC, microseconds)."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


def normalise_passphrase(passphrase: str) -> str:
    """NFC-normalise and check a passphrase; raise InvalidPassphrase with a clear reason."""
    try:
        return clean_passphrase(passphrase)
    except ValidationError as exc:
        raise InvalidPassphrase(exc.message) from None


def map_sqlite_error(exc: Exception, *, opening: bool = False) -> VaultError:
    """Turn a sqlcipher3 exception into one of our typed errors."""
    text = str(exc).lower()
    if "file is not a database" in text:
        return WrongPassphrase()
    if "malformed" in text or "corrupt" in text or "hmac" in text:
        return VaultCorrupted()
    if "disk is full" in text or "database or disk is full" in text:
        return DiskFull()
    if "readonly" in text or "read-only" in text:
        return VaultReadOnly()
    if "database is locked" in text or "busy" in text:
        return VaultInUse()
    if "unable to open" in text:
        return VaultNotFound(
            _("The vault file could not be opened. Check the path and permissions.")
        )
    return VaultError()


def is_read_only(path: Path) -> bool:
    """True when the user (or someone) has made the file or its folder read-only.

    The owner write bit is honoured even for root, who could write anyway: a file marked
    read-only was marked so on purpose.
    """
    st = path.stat()
    if not st.st_mode & stat.S_IWUSR or not os.access(path, os.W_OK):
        return True
    return not os.access(path.parent, os.W_OK | os.X_OK)


def check_openable(path: Path) -> None:
    """Checks that need no key: existence, type, size. Raises the typed error."""
    try:
        st = path.stat()
    except FileNotFoundError:
        raise VaultNotFound() from None
    except NotADirectoryError:
        raise VaultNotFound() from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise NotAVaultFile(_(NotAVaultFile.loop_message)) from None
        raise
    if stat.S_ISDIR(st.st_mode):
        raise VaultIsDirectory()
    if not stat.S_ISREG(st.st_mode):
        raise NotAVaultFile()
    if st.st_size == 0:
        raise VaultEmpty(
            _("The vault file is empty (0 bytes), so it holds no vault. Restore it from a backup.")
        )


def check_complete(path: Path) -> None:
    """After the key is proven: a vault file is a whole number of pages, or it was cut short."""
    if path.stat().st_size % PAGE_SIZE:
        raise VaultEmpty()


def _connect(path: Path, *, mode: str) -> sqlcipher3.Connection:
    # mode=rw never creates a file; mode=rwc only for a file we pre-created ourselves.
    # check_same_thread=False: a vault may be opened by a background worker (the KDF takes a
    # noticeable moment) and handed to the GUI thread. It is never used by two threads at once:
    # other workers open their own connection with Vault.sibling().
    uri = Path(path).absolute().as_uri() + f"?mode={mode}"
    try:
        conn = sqlcipher3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    except sqlcipher3.Error as exc:
        raise map_sqlite_error(exc, opening=True) from None
    return conn


def keyed_connection(path: Path, passphrase: str, *, mode: str = "rw") -> sqlcipher3.Connection:
    """Open ``path``, key it, and prove the key with a verify read.

    The passphrase must already be normalised. On any failure the connection is closed and
    a typed error raised; nothing has been written.
    """
    conn = _connect(path, mode=mode)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.set_key(passphrase)  # the first call that touches the database
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlcipher3.Error as exc:
            error = map_sqlite_error(exc, opening=True)
            if isinstance(error, VaultCorrupted) and path.stat().st_size % PAGE_SIZE:
                error = VaultEmpty()  # the key is right but the file was cut short
            raise error from None
        version = conn.execute("PRAGMA cipher_version").fetchone()
        if not version or not str(version[0]).startswith("4."):
            raise VaultError(_("This PeerDesk was built with an unsupported SQLCipher version."))
        conn.execute("PRAGMA temp_store = MEMORY")
        conn.row_factory = sqlcipher3.Row
        return conn
    except BaseException:
        conn.close()
        raise


def configure(conn: sqlcipher3.Connection) -> None:
    """The settings every connection the vault writes through runs with."""
    conn.execute("PRAGMA temp_store = MEMORY")
    conn.execute("PRAGMA journal_mode = WAL").fetchall()
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA secure_delete = ON")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA trusted_schema = OFF")
    conn.execute("PRAGMA busy_timeout = 5000")


def integrity_problems(conn: sqlcipher3.Connection) -> list[str]:
    """Both checks of SECURITY.md 10. An empty list means the vault is sound."""
    problems: list[str] = []
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        for row in conn.execute("PRAGMA cipher_integrity_check").fetchall():
            # translators: {problem} is SQLCipher's own (English) description of a damaged page
            problems.append(_("encryption check: {problem}").format(problem=row[0]))
        rows = conn.execute("PRAGMA integrity_check").fetchall()
    except sqlcipher3.Error as exc:
        # translators: {kind} is a short code for the error, e.g. disk-full
        failed = _("integrity check could not complete: {kind}")
        return [*problems, failed.format(kind=map_sqlite_error(exc).kind)]
    if [tuple(r) for r in rows] != [("ok",)]:
        # translators: {problem} is SQLite's own (English) description of what is wrong
        problems.extend(_("structure check: {problem}").format(problem=r[0]) for r in rows)
    return problems


def damaged_pages(conn: sqlcipher3.Connection) -> list[str]:
    """SQLCipher's page check alone (every page's HMAC); see ``Vault.damaged_pages``."""
    try:
        rows = conn.execute("PRAGMA cipher_integrity_check").fetchall()
    except sqlcipher3.Error as exc:
        # translators: {kind} is a short code for the error, e.g. disk-full
        failed = _("encryption check could not complete: {kind}")
        return [failed.format(kind=map_sqlite_error(exc).kind)]
    # translators: {problem} is SQLCipher's own (English) description of a damaged page
    return [_("encryption check: {problem}").format(problem=row[0]) for row in rows]


def remove_vault_files(path: Path) -> None:
    """Remove a vault file (one we created ourselves and failed to finish, a failed or replaced
    backup) with its ``-wal``/``-shm``/``-journal`` side files."""
    for suffix in ("", *SIDE_FILES):
        with contextlib.suppress(FileNotFoundError):
            Path(str(path) + suffix).unlink()
