"""Settings that say something about the user live inside the vault (ARCHITECTURE.md)."""

from __future__ import annotations

import json
from typing import Any

from peerdesk.storage.vault import Vault, utc_now_text


class VaultSettings:
    """JSON values by key, stored in the vault's ``settings`` table."""

    def __init__(self, vault: Vault) -> None:
        self._vault = vault

    def get(self, key: str, default: Any = None) -> Any:
        row = self._vault.query_one("SELECT value FROM settings WHERE key = ?", (key,))
        if row is None:
            return default
        return json.loads(row["value"])

    def set(self, key: str, value: Any) -> None:
        text = json.dumps(value, ensure_ascii=False, sort_keys=True)
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

    def all(self) -> dict[str, Any]:
        rows = self._vault.query("SELECT key, value FROM settings ORDER BY key")
        return {row["key"]: json.loads(row["value"]) for row in rows}
