"""Reading a whole vault into a :class:`~peerdesk.models.data_export.DataExport`.

Every table is read in a few batch queries (no per-entry reads: 10,000 entries take a handful
of statements). File contents are not read here: the export's ``read_file`` reads one file's
bytes when a writer needs them, through the same vault.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from peerdesk import __version__
from peerdesk.models.data_export import SAFE_SETTINGS, DataExport, ExportedEntry
from peerdesk.models.integrity import Revision
from peerdesk.models.serialize import incident_from_payload
from peerdesk.storage.attachments import _from_row as attachment_from_row
from peerdesk.storage.colleagues import _COLUMNS as COLLEAGUE_COLUMNS
from peerdesk.storage.colleagues import _colleague
from peerdesk.storage.directory import _COLUMNS as RESOURCE_COLUMNS
from peerdesk.storage.directory import _resource
from peerdesk.storage.errors import RecordNotFound
from peerdesk.storage.incident_revisions import REVISION_COLUMNS, revision_from_row
from peerdesk.storage.library import _COLUMNS as STRATEGY_COLUMNS
from peerdesk.storage.library import _strategy, _use
from peerdesk.storage.persons import _COLUMNS as PERSON_COLUMNS
from peerdesk.storage.persons import _person
from peerdesk.storage.settings import VaultSettings
from peerdesk.storage.supporter_rows import load_conversations
from peerdesk.storage.vault import Vault

# Files kept with an entry, or on their own (not those of a live draft of a new entry).
_ATTACHMENTS_SQL = (
    "SELECT id, incident_id, original_name, media_type, size, sha256, added_at, description "
    "FROM attachments AS a WHERE incident_id IS NOT NULL OR draft_slot IS NULL OR NOT EXISTS "
    "(SELECT 1 FROM drafts AS d WHERE d.record_kind = 'incident' AND d.record_id = 0 "
    "AND d.slot = a.draft_slot) ORDER BY id"
)


def read_data_export(
    vault: Vault,
    *,
    include_real_names: bool = False,
    should_stop: Callable[[], bool] | None = None,
) -> DataExport:
    """Everything in ``vault`` that a data export carries (see ``models/data_export.py``).
    ``should_stop`` is asked between tables; when it answers True the read stops early (the
    caller, who asked, throws the partial result away)."""
    stop = should_stop or (lambda: False)
    export = DataExport(
        exported_at=datetime.now(UTC),
        app_version=__version__,
        includes_real_names=include_real_names,
        read_file=_file_reader(vault),
    )
    export.entries = _entries(vault)
    if stop():
        return export
    export.people = [
        _person(r) for r in vault.query(f"SELECT {PERSON_COLUMNS} FROM persons ORDER BY id")
    ]
    export.attachments = [attachment_from_row(r) for r in vault.query(_ATTACHMENTS_SQL)]
    real: dict[int, str] = {}
    if include_real_names:
        real = {
            int(r[0]): str(r[1])
            for r in vault.query("SELECT colleague_id, real_name FROM colleague_real_names")
        }
    export.colleagues = [
        _colleague(r, real.get(int(r["id"]), ""))
        for r in vault.query(f"SELECT {COLLEAGUE_COLUMNS} FROM colleagues ORDER BY id")
    ]
    export.conversations = load_conversations(vault, "1", ())
    export.strategies = [
        _strategy(r) for r in vault.query(f"SELECT {STRATEGY_COLUMNS} FROM strategies ORDER BY id")
    ]
    export.strategy_uses = [
        _use(r)
        for r in vault.query(
            "SELECT id, strategy_id, used_at, rating, note, incident_id FROM strategy_uses "
            "ORDER BY id"
        )
    ]
    export.resources = [
        _resource(r) for r in vault.query(f"SELECT {RESOURCE_COLUMNS} FROM resources ORDER BY id")
    ]
    export.settings = _safe_settings(vault)
    return export


def _entries(vault: Vault) -> list[ExportedEntry]:
    chains: dict[int, list[Revision]] = {}
    for row in vault.query(
        f"SELECT {REVISION_COLUMNS} FROM incident_revisions ORDER BY incident_id, number"
    ):
        chains.setdefault(int(row["incident_id"]), []).append(revision_from_row(row))
    entries: list[ExportedEntry] = []
    for row in vault.query("SELECT id, content FROM incidents ORDER BY record_number"):
        incident_id = int(row["id"])
        incident = incident_from_payload(row["content"].encode("utf-8"))
        incident.id = incident_id
        entries.append(ExportedEntry(incident=incident, revisions=chains.get(incident_id, [])))
    return entries


def _safe_settings(vault: Vault) -> dict[str, Any]:
    stored = VaultSettings(vault).all()
    return {key: stored[key] for key in SAFE_SETTINGS if key in stored}


def _file_reader(vault: Vault) -> Callable[[int], bytes]:
    def read(attachment_id: int) -> bytes:
        row = vault.query_one(
            "SELECT data FROM attachment_blobs WHERE attachment_id = ?", (attachment_id,)
        )
        if row is None:
            raise RecordNotFound()
        return bytes(row[0])

    return read


__all__ = ["read_data_export"]
