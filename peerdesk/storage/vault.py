"""The vault: one SQLCipher 4 file holding everything a user writes.

This module is the only owner of a vault connection. It follows ../shared/SECURITY.md 1-12:
connections are opened and keyed in ``connection.py`` (``set_key`` first, a verify read, temp
files in memory, SQLCipher's logging silenced); create and open are separate paths; files are
0600 in a 0700 folder; every write is a transaction with ``synchronous=FULL``; one process at a
time holds the vault (see ``lock.py``). Backups before a migration or a passphrase change are
written by ``backup_files.py``.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import sqlcipher3

from peerdesk.i18n import _
from peerdesk.storage import schema
from peerdesk.storage.backup_calls import backup_opening_with, remove_leftovers, write_backup
from peerdesk.storage.connection import (
    Params,
    check_complete,
    check_openable,
    configure,
    damaged_pages,
    integrity_problems,
    is_read_only,
    keyed_connection,
    map_sqlite_error,
    normalise_passphrase,
    remove_vault_files,
    utc_now_text,
)
from peerdesk.storage.errors import (
    IntegrityFailed,
    InvalidPassphrase,
    VaultClosed,
    VaultError,
    VaultExists,
    VaultIsDirectory,
    VaultNotFound,
    VaultReadOnly,
    VaultStartDamaged,
    VaultTooNew,
    WrongPassphrase,
)
from peerdesk.storage.lock import VaultLock
from peerdesk.storage.page_check import OnResult, PageCheck
from peerdesk.storage.settings import OLD_PASSPHRASE_BACKUPS, VaultSettings


class Vault:
    """An open vault. Create with :meth:`create` or :meth:`open`; always :meth:`close`."""

    def __init__(
        self,
        conn: sqlcipher3.Connection,
        path: Path,
        passphrase: str,
        lock: VaultLock,
    ) -> None:
        self._conn: sqlcipher3.Connection | None = conn
        self._path = path
        self._passphrase = passphrase
        self._lock = lock
        self._tx_guard = threading.RLock()
        self._in_tx = False
        self._after_commit: list[Callable[[], None]] = []
        self._page_check: PageCheck | None = None

    # -- opening ---------------------------------------------------------------------------

    @classmethod
    def create(
        cls,
        path: str | os.PathLike[str],
        passphrase: str,
        *,
        migrations: Sequence[schema.Migration] = schema.MIGRATIONS,
    ) -> Vault:
        """Create a new, empty vault. Never overwrites an existing file."""
        target = Path(path)
        secret = normalise_passphrase(passphrase)
        if target.is_dir():
            raise VaultIsDirectory()
        if not target.parent.is_dir():
            raise VaultNotFound(_("The folder for the new vault does not exist."))
        try:
            # Pre-create 0600 so that -wal/-shm/-journal inherit 0600 (SECURITY.md 7).
            fd = os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        except FileExistsError:
            raise VaultExists() from None
        except PermissionError:
            raise VaultReadOnly(_("PeerDesk cannot write in that folder.")) from None
        os.close(fd)
        lock: VaultLock | None = None
        conn: sqlcipher3.Connection | None = None
        try:
            lock = VaultLock.acquire(target)
            conn = keyed_connection(target, secret, mode="rw")
            configure(conn)
            conn.execute(f"PRAGMA application_id = {schema.APPLICATION_ID:d}")
            vault = cls(conn, target, secret, lock)
            vault._migrate(list(migrations), from_version=0)
            with vault.transaction() as tx:
                tx.execute(
                    "INSERT INTO vault_meta(key, value) VALUES ('created_at', ?)",
                    (utc_now_text(),),
                )
            return vault
        except BaseException:
            if conn is not None:
                conn.close()
            if lock is not None:
                lock.release()
            remove_vault_files(target)
            raise

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str],
        passphrase: str,
        *,
        backup_dir: str | os.PathLike[str] | None = None,
        migrations: Sequence[schema.Migration] = schema.MIGRATIONS,
    ) -> Vault:
        """Open an existing vault, migrating it (after a verified backup) when it is older.

        ``backup_dir`` is where the pre-migration backup goes (default: beside the vault).
        Backups there and beside the vault serve two more purposes: when the passphrase does
        not open the file but opens its newest backup, the file is damaged at its start
        (:class:`VaultStartDamaged`, not :class:`WrongPassphrase`); and once it is open, the
        temporary files of a backup or restore that was killed midway are removed.
        """
        target = Path(path)
        secret = normalise_passphrase(passphrase)
        check_openable(target)
        if is_read_only(target):
            raise VaultReadOnly()
        folders = [target.parent, *([Path(backup_dir)] if backup_dir else [])]
        lock = VaultLock.acquire(target)
        conn: sqlcipher3.Connection | None = None
        try:
            try:
                conn = keyed_connection(target, secret, mode="rw")
            except WrongPassphrase:
                backup = backup_opening_with(target, secret, folders)
                if backup is not None:
                    made = backup.made_at.astimezone().strftime("%Y-%m-%d %H:%M")
                    raise VaultStartDamaged(backup=backup.path, made=made) from None
                raise
            check_complete(target)
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if app_id != schema.APPLICATION_ID:
                raise WrongPassphrase()
            latest = schema.latest_version(migrations)
            if version > latest:
                raise VaultTooNew()
            try:
                configure(conn)
            except sqlcipher3.Error as exc:
                raise map_sqlite_error(exc) from None
            vault = cls(conn, target, secret, lock)
            if lock.first:
                # No backup of this vault is being written now (we hold its lock alone).
                remove_leftovers(target, folders)
            if version < latest:
                write_backup(
                    conn,
                    secret,
                    target,
                    Path(backup_dir) if backup_dir else target.parent,
                    reason=f"before-upgrade-v{version}",
                )
                vault._migrate(list(migrations), from_version=version)
            return vault
        except BaseException:
            if conn is not None:
                conn.close()
            lock.release()
            raise

    def sibling(self) -> Vault:
        """A second connection to the same vault for a background worker (same process).

        The passphrase is read once: if this vault is closed (locked) meanwhile on another
        thread, the sibling still holds the key it was opened with, never an emptied one.
        """
        self._require()
        secret = self._passphrase
        if not secret:
            raise VaultClosed()
        lock = VaultLock.acquire(self._path)
        try:
            conn = keyed_connection(self._path, secret, mode="rw")
            configure(conn)
        except BaseException:
            lock.release()
            raise
        return Vault(conn, self._path, secret, lock)

    # -- state -------------------------------------------------------------------------------

    @property
    def path(self) -> Path:
        return self._path

    @property
    def is_open(self) -> bool:
        return self._conn is not None

    @property
    def schema_version(self) -> int:
        return int(self._require().execute("PRAGMA user_version").fetchone()[0])

    def matches_passphrase(self, passphrase: str) -> bool:
        """Whether ``passphrase`` is this vault's (used to confirm before a change)."""
        try:
            return normalise_passphrase(passphrase) == self._passphrase
        except InvalidPassphrase:
            return False

    def close(self) -> None:
        try:
            self._stop_page_check()  # its thread ends before anything here is let go
        finally:
            self._close()

    def _close(self) -> None:
        conn, self._conn = self._conn, None
        self._passphrase = ""
        try:
            if conn is not None:
                with contextlib.suppress(sqlcipher3.Error):
                    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                conn.close()
        finally:
            # Also when a failed passphrase change left no connection: never keep the lock.
            self._lock.release()

    def __enter__(self) -> Vault:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _require(self) -> sqlcipher3.Connection:
        if self._conn is None:
            raise VaultClosed()
        return self._conn

    # -- queries and transactions --------------------------------------------------------------

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlcipher3.Connection]:
        """``BEGIN IMMEDIATE`` … ``COMMIT``; rolls back on any exception.

        SQLite errors leave as typed VaultErrors (a full disk as DiskFull). Nested use joins the
        outer transaction.
        """
        conn = self._require()
        with self._tx_guard:
            if self._in_tx:
                yield conn
                return
            try:
                conn.execute("BEGIN IMMEDIATE")
            except sqlcipher3.Error as exc:
                raise map_sqlite_error(exc) from None
            self._in_tx = True
            try:
                yield conn
                conn.execute("COMMIT")
            except sqlcipher3.Error as exc:
                _rollback(conn)
                self._after_commit.clear()
                raise map_sqlite_error(exc) from None
            except BaseException:
                _rollback(conn)
                self._after_commit.clear()
                raise
            finally:
                self._in_tx = False
            callbacks, self._after_commit = self._after_commit, []
            for callback in callbacks:
                callback()

    def after_commit(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` once the current transaction commits (now, if none is open).

        A rolled-back transaction drops its callbacks: listeners only hear of what was saved.
        """
        if self._in_tx:
            self._after_commit.append(callback)
        else:
            callback()

    def query(self, sql: str, params: Params = ()) -> list[sqlcipher3.Row]:
        try:
            return list(self._require().execute(sql, params).fetchall())
        except sqlcipher3.Error as exc:
            raise map_sqlite_error(exc) from None

    def query_one(self, sql: str, params: Params = ()) -> sqlcipher3.Row | None:
        rows = self.query(sql, params)
        return rows[0] if rows else None

    # -- integrity, backup, passphrase -----------------------------------------------------------

    def integrity_problems(self) -> list[str]:
        return integrity_problems(self._require())

    def damaged_pages(self) -> list[str]:
        """SQLCipher's page check alone (every page's HMAC): fast enough to run at every
        unlock (about 0.4 s for a 100 MB vault), so damage is found before anything reads a
        bad page. The full check is :meth:`integrity_problems`."""
        return damaged_pages(self._require())

    def start_page_check(self, on_result: OnResult) -> None:
        """Run :meth:`damaged_pages` on a connection and a thread of their own
        (``page_check.py``); ``on_result(pages)`` is called on that thread, unless the vault is
        closed first. :meth:`close` stops the check and waits for its thread."""
        self._require()
        self._stop_page_check()
        check = PageCheck(self._path, self._passphrase, on_result)
        self._page_check = check
        check.start()

    def _stop_page_check(self) -> None:
        check, self._page_check = self._page_check, None
        if check is not None:
            check.stop()

    def check_integrity(self) -> None:
        problems = self.integrity_problems()
        if problems:
            raise IntegrityFailed(
                # translators: {problems} lists what is wrong, separated by semicolons
                _("The vault failed its integrity check: {problems}").format(
                    problems="; ".join(problems)
                )
            )

    def change_passphrase(
        self, new_passphrase: str, *, backup_dir: str | os.PathLike[str] | None = None
    ) -> Path:
        """Re-encrypt the vault under a new passphrase (SECURITY.md 8). Returns the backup."""
        new = normalise_passphrase(new_passphrase)
        if new == self._passphrase:
            raise InvalidPassphrase(_("The new passphrase is the same as the current one."))
        conn = self._require()
        self._stop_page_check()  # re-encrypting rewrites every page it would read
        old = self._passphrase
        backup = write_backup(
            conn,
            old,
            self._path,
            Path(backup_dir) if backup_dir else self._path.parent,
            reason="before-passwd",
        )
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
            conn.reset_key(new)
        except sqlcipher3.Error as exc:
            raise map_sqlite_error(exc) from None
        conn.close()
        self._conn = None
        try:
            fresh = keyed_connection(self._path, new)
            problems = integrity_problems(fresh)
            if problems:
                fresh.close()
                raise IntegrityFailed(
                    # translators: {path} is the backup file's path
                    _(
                        "After changing the passphrase the vault did not pass its integrity "
                        "check. Your backup is at {path}."
                    ).format(path=backup)
                )
        except WrongPassphrase:
            # Do not trust rekey's return code alone (SQLCipher issue #616): the old key still
            # opens the file, so the change did not happen.
            self._conn = keyed_connection(self._path, old)
            configure(self._conn)
            raise VaultError(
                _("The passphrase could not be changed; the old one still works.")
            ) from None
        try:
            probe = keyed_connection(self._path, old)
        except WrongPassphrase:
            pass
        else:
            probe.close()
            fresh.close()
            raise VaultError(_("The old passphrase still opens the vault; the change failed."))
        configure(fresh)
        self._conn = fresh
        self._passphrase = new
        self._note_old_passphrase_backup(backup)
        return backup

    def _note_old_passphrase_backup(self, backup: Path) -> None:
        """Remember, inside the vault, the backup that opens only with the old passphrase: it
        cannot be opened to prove it is this vault's, but a deletion for good must still be
        able to remove it (``backup.replace_automatic_backups``)."""
        settings = VaultSettings(self)
        known = settings.get(OLD_PASSPHRASE_BACKUPS) or []
        settings.set(OLD_PASSPHRASE_BACKUPS, [*known, str(Path(backup).resolve())])

    # -- migrations ------------------------------------------------------------------------------

    def _migrate(self, migrations: list[schema.Migration], *, from_version: int) -> None:
        schema.check_order(migrations)
        for migration in migrations:
            if migration.version <= from_version:
                continue
            with self.transaction() as tx:
                for statement in migration.statements:
                    tx.execute(statement)
                tx.execute(f"PRAGMA user_version = {migration.version:d}")

    # Backups need the passphrase to key the copy; only backup.py calls this.
    def _export_secret(self) -> str:
        self._require()
        if not self._passphrase:
            raise VaultClosed()
        return self._passphrase

    def _connection(self) -> sqlcipher3.Connection:
        return self._require()


def _rollback(conn: sqlcipher3.Connection) -> None:
    with contextlib.suppress(sqlcipher3.Error):
        conn.execute("ROLLBACK")
