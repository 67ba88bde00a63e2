"""SQLCipher's page check after the vault is open, on a connection and a thread of its own.

``PRAGMA cipher_integrity_check`` verifies every page's HMAC: 0.4 s at 10,000 entries, 2.1 s at
50,000. Unlocking runs it once the main window is up (issue 18) through
:meth:`peerdesk.storage.vault.Vault.start_page_check`; the vault owns the :class:`PageCheck`
and stops it before it closes.

- The worker opens its own read-only connection with the key, inside the thread, and closes it
  itself. No connection the vault uses is ever touched from here.
- :meth:`PageCheck.stop` (from ``Vault.close``) asks the running statement to stop with
  ``interrupt()`` and then waits for the thread. *Measured* (SQLCipher 4): the check runs
  while the statement is prepared, so ``interrupt()`` does not cut it short and a close
  waits for the rest of it (at most the figures above). SQLite releases the GIL meanwhile.
- A check stopped by a close reports nothing.
- The check reads the file outside any transaction, so a page the vault's own connection is
  writing at that instant (a checkpoint) could read as damaged: damage is reported only when a
  second pass finds it too.

Only the kind of an error is logged, never content. No Qt here: the caller receives the result
on the worker thread and passes it on to its own thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path

import sqlcipher3

from peerdesk.storage.connection import damaged_pages, keyed_connection
from peerdesk.storage.errors import VaultError

log = logging.getLogger(__name__)

#: The worker thread's name (tests look for it in ``threading.enumerate()``).
THREAD_NAME = "peerdesk-page-check"  # i18n: keep — a thread name

#: Called on the worker thread with the damaged pages found (empty: every page is sound).
OnResult = Callable[[list[str]], None]


class PageCheck:
    """One run of the page check. ``start()`` once; ``stop()`` before the vault closes."""

    def __init__(self, path: Path, passphrase: str, on_result: OnResult) -> None:
        self._path = path
        self._secret = passphrase
        self._on_result = on_result
        self._guard = threading.Lock()
        self._conn: sqlcipher3.Connection | None = None
        self._stopping = False
        self._thread = threading.Thread(target=self._run, name=THREAD_NAME, daemon=True)

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        """Stop the check (nothing is reported after this) and wait until its thread has
        closed its connection and ended."""
        with self._guard:
            self._stopping = True
            self._secret = ""
            if self._conn is not None:
                self._conn.interrupt()  # safe from any thread while the connection is open
        if self._thread.ident is not None and self._thread is not threading.current_thread():
            self._thread.join()

    def _run(self) -> None:
        with self._guard:
            secret, self._secret = self._secret, ""
            if self._stopping:
                return
        try:
            conn = keyed_connection(self._path, secret, mode="ro")
        except VaultError as exc:
            log.info("page check not run (%s)", exc.kind)
            return
        except Exception as exc:  # e.g. the file removed under us: nothing to report
            log.info("page check not run (%s)", type(exc).__name__)
            return
        finally:
            del secret
        with self._guard:
            if self._stopping:
                conn.close()
                return
            self._conn = conn
        problems: list[str] = []
        try:
            problems = damaged_pages(conn)
            if problems and not self._stopping:
                problems = damaged_pages(conn)  # confirmed by a second pass
        finally:
            with self._guard:
                self._conn = None
                conn.close()
        with self._guard:
            # Under the guard: once stop() has begun, nothing more is reported.
            if self._stopping:
                return
            try:
                self._on_result(problems)
            except Exception as exc:  # the receiver is gone (e.g. its window was closed)
                log.warning("page check result not delivered (%s)", type(exc).__name__)


__all__ = ["THREAD_NAME", "OnResult", "PageCheck"]
