"""Settings that say something about the user live inside the vault (ARCHITECTURE.md).

Text in a stored value (and in its keys) goes through the rule every other stored text
follows (``models.text.fix_surrogates``, step 1 of ``clean_text``): a surrogate pair is
joined into its character and a lone surrogate becomes U+FFFD, so saving never fails with
``UnicodeEncodeError``. Settings with rules of their own (the settings registry) refuse such
text before it gets here, with a message that says so.
"""

from __future__ import annotations

import json
from contextlib import AbstractContextManager
from typing import Any, Protocol

import sqlcipher3

from peerdesk.models.text import fix_surrogates
from peerdesk.storage.connection import Params, Row, utc_now_text

#: Counts the deletions PeerDesk promises are for good whose automatic backups have not been
#: replaced yet (``storage.backup.replace_automatic_backups`` clears it). Set in the deletion's
#: own transaction, so a crash or quit before the backups are replaced cannot lose it.
BACKUPS_HOLD_DELETED = "backups_hold_deleted"

#: The backups made just before a passphrase change (they open only with the old passphrase),
#: as absolute paths: the vault's own record that they are its copies.
OLD_PASSPHRASE_BACKUPS = "old_passphrase_backups"  # noqa: S105 (a settings key)


def note_deleted_for_good(tx: Any) -> None:
    """Inside a deletion's transaction: the automatic backups now hold something deleted."""
    tx.execute(
        "INSERT INTO settings(key, value, updated_at) VALUES (?, '1', ?) "
        "ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1, "
        "updated_at = excluded.updated_at",
        (BACKUPS_HOLD_DELETED, utc_now_text()),
    )


def _storable(value: Any) -> Any:
    """``value`` with every string in it (keys too) made encodable as UTF-8."""
    if isinstance(value, str):
        return fix_surrogates(value)
    if isinstance(value, dict):
        return {_storable(k): _storable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_storable(v) for v in value]
    return value


class SettingsStore(Protocol):
    """What settings need of an open vault: :class:`~peerdesk.storage.vault.Vault` is one (the
    vault records its own settings too, so this module cannot import it)."""

    def query(self, sql: str, params: Params = ()) -> list[Row]: ...

    def query_one(self, sql: str, params: Params = ()) -> Row | None: ...

    def transaction(self) -> AbstractContextManager[sqlcipher3.Connection]: ...


class VaultSettings:
    """JSON values by key, stored in the vault's ``settings`` table."""

    def __init__(self, vault: SettingsStore) -> None:
        self._vault = vault

    def get(self, key: str, default: Any = None) -> Any:
        row = self._vault.query_one("SELECT value FROM settings WHERE key = ?", (key,))
        if row is None:
            return default
        return json.loads(row["value"])

    def set(self, key: str, value: Any) -> None:
        text = json.dumps(_storable(value), ensure_ascii=False, sort_keys=True)
        with self._vault.transaction() as tx:
            tx.execute(
                "INSERT INTO settings(key, value, updated_at) VALUES (?, ?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value, "
                "updated_at = excluded.updated_at",
                (key, text, utc_now_text()),
            )

    def delete(self, key: str) -> None:
        with self._vault.transaction() as tx:
            tx.execute("DELETE FROM settings WHERE key = ?", (key,))

    def delete_if(self, key: str, value: Any) -> bool:
        """Delete ``key`` only if it still holds ``value``; returns whether it did."""
        text = json.dumps(_storable(value), ensure_ascii=False, sort_keys=True)
        with self._vault.transaction() as tx:
            cursor = tx.execute("DELETE FROM settings WHERE key = ? AND value = ?", (key, text))
            return int(cursor.rowcount) > 0

    def all(self) -> dict[str, Any]:
        rows = self._vault.query("SELECT key, value FROM settings ORDER BY key")
        return {row["key"]: json.loads(row["value"]) for row in rows}
