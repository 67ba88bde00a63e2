"""Schema versions and migrations.

The schema version is ``PRAGMA user_version``; the file is identified as a PeerDesk vault by
``PRAGMA application_id``. Migrations are ordered and each runs in its own transaction together
with the ``user_version`` bump, so a crash leaves the vault at the old or the new version, never
in between. ``Vault.open`` takes a verified backup before running any.
"""

# i18n: keep-file — the schema: SQL and migration notes for developers, no user-visible words

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

APPLICATION_ID = 0x5044534B  # "PDSK"


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    statements: tuple[str, ...]


V1 = Migration(
    1,
    "vault metadata and settings",
    (
        """CREATE TABLE vault_meta (
            key   TEXT PRIMARY KEY,
            value TEXT NOT NULL
        ) WITHOUT ROWID""",
        """CREATE TABLE settings (
            key        TEXT PRIMARY KEY,
            value      TEXT NOT NULL,
            updated_at TEXT NOT NULL
        ) WITHOUT ROWID""",
    ),
)

V2 = Migration(
    2,
    "journal, cast list, attachments, supporter notes, library, resources, drafts, search",
    (
        # Ids are AUTOINCREMENT: an id is never reused after a deletion, so drafts, links and
        # references can never attach to a different record later.
        # -- cast list ------------------------------------------------------------------
        """CREATE TABLE persons (
            id           INTEGER PRIMARY KEY AUTOINCREMENT,
            display_name TEXT NOT NULL,
            role         TEXT NOT NULL DEFAULT '',
            relationship TEXT NOT NULL,
            holds_power  INTEGER NOT NULL DEFAULT 0,
            notes        TEXT NOT NULL DEFAULT '',
            created_at   TEXT NOT NULL,
            updated_at   TEXT NOT NULL
        )""",
        # -- incident journal ----------------------------------------------------------------
        # Record numbers come from a counter so a number is never reused, even after deletion.
        """CREATE TABLE counters (
            name  TEXT PRIMARY KEY,
            value INTEGER NOT NULL
        ) WITHOUT ROWID""",
        "INSERT INTO counters(name, value) VALUES ('incident_record_number', 0)",
        # The newest revision's content is mirrored here (content + list columns) so that lists
        # and filters never parse JSON; the revisions table is the history of record.
        """CREATE TABLE incidents (
            id              INTEGER PRIMARY KEY AUTOINCREMENT,
            record_number   INTEGER NOT NULL UNIQUE,
            recorded_at     TEXT NOT NULL,
            last_amended_at TEXT NOT NULL,
            revision_count  INTEGER NOT NULL,
            event_date      TEXT NOT NULL,
            event_time      TEXT,
            approximate     INTEGER NOT NULL,
            channel         TEXT NOT NULL,
            title           TEXT NOT NULL,
            severity        INTEGER NOT NULL,
            reported        INTEGER NOT NULL,
            after_complaint INTEGER NOT NULL,
            attachment_count INTEGER NOT NULL DEFAULT 0,
            content         TEXT NOT NULL
        )""",
        "CREATE INDEX incidents_event ON incidents(event_date, event_time)",
        """CREATE TABLE incident_people (
            incident_id INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
            person_id   INTEGER NOT NULL REFERENCES persons(id) ON DELETE RESTRICT,
            PRIMARY KEY (incident_id, person_id)
        ) WITHOUT ROWID""",
        "CREATE INDEX incident_people_person ON incident_people(person_id)",
        """CREATE TABLE incident_categories (
            incident_id INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
            category    TEXT NOT NULL,
            PRIMARY KEY (incident_id, category)
        ) WITHOUT ROWID""",
        "CREATE INDEX incident_categories_category ON incident_categories(category)",
        """CREATE TABLE incident_tags (
            incident_id INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
            tag         TEXT NOT NULL COLLATE NOCASE,
            PRIMARY KEY (incident_id, tag)
        ) WITHOUT ROWID""",
        "CREATE INDEX incident_tags_tag ON incident_tags(tag)",
        """CREATE TABLE incident_revisions (
            incident_id INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
            number      INTEGER NOT NULL,
            saved_at    TEXT NOT NULL,
            payload     BLOB NOT NULL,
            prev_hash   TEXT NOT NULL,
            hash        TEXT NOT NULL,
            PRIMARY KEY (incident_id, number)
        ) WITHOUT ROWID""",
        # History is append-only through every API: updates are refused outright.
        """CREATE TRIGGER incident_revisions_append_only
            BEFORE UPDATE ON incident_revisions
            BEGIN SELECT RAISE(ABORT, 'revisions are append-only'); END""",
        """CREATE TRIGGER incidents_recorded_at_fixed
            BEFORE UPDATE OF recorded_at, record_number ON incidents
            WHEN NEW.recorded_at IS NOT OLD.recorded_at
              OR NEW.record_number IS NOT OLD.record_number
            BEGIN SELECT RAISE(ABORT, 'recorded_at and record_number never change'); END""",
        # -- attachments: metadata apart from bytes, so lists never load the bytes -------------
        """CREATE TABLE attachments (
            id            INTEGER PRIMARY KEY AUTOINCREMENT,
            incident_id   INTEGER REFERENCES incidents(id) ON DELETE CASCADE,
            original_name TEXT NOT NULL,
            media_type    TEXT NOT NULL,
            size          INTEGER NOT NULL,
            sha256        TEXT NOT NULL,
            added_at      TEXT NOT NULL,
            description   TEXT NOT NULL DEFAULT '',
            width         INTEGER,
            height        INTEGER
        )""",
        "CREATE INDEX attachments_incident ON attachments(incident_id)",
        """CREATE TABLE attachment_blobs (
            attachment_id INTEGER PRIMARY KEY REFERENCES attachments(id) ON DELETE CASCADE,
            data          BLOB NOT NULL
        )""",
        # -- peer supporter notes -------------------------------------------------------------
        """CREATE TABLE colleagues (
            id               INTEGER PRIMARY KEY AUTOINCREMENT,
            pseudonym        TEXT NOT NULL,
            status           TEXT NOT NULL,
            consent          TEXT NOT NULL,
            retention_months INTEGER NOT NULL,
            last_contact     TEXT,
            created_at       TEXT NOT NULL,
            updated_at       TEXT NOT NULL,
            notes            TEXT NOT NULL DEFAULT ''
        )""",
        # The real name is kept apart from everything else about a colleague.
        """CREATE TABLE colleague_real_names (
            colleague_id INTEGER PRIMARY KEY REFERENCES colleagues(id) ON DELETE CASCADE,
            real_name    TEXT NOT NULL
        )""",
        """CREATE TABLE conversations (
            id               INTEGER PRIMARY KEY AUTOINCREMENT,
            colleague_id     INTEGER NOT NULL REFERENCES colleagues(id) ON DELETE CASCADE,
            held_on          TEXT NOT NULL,
            duration_minutes INTEGER,
            channel          TEXT NOT NULL,
            themes           TEXT NOT NULL,
            summary          TEXT NOT NULL DEFAULT '',
            actions_agreed   TEXT NOT NULL DEFAULT '',
            debrief          TEXT NOT NULL DEFAULT '',
            follow_up_due    TEXT,
            follow_up_done   INTEGER NOT NULL DEFAULT 0,
            follow_up_done_on TEXT,
            follow_up_note   TEXT NOT NULL DEFAULT '',
            created_at       TEXT NOT NULL,
            updated_at       TEXT NOT NULL
        )""",
        "CREATE INDEX conversations_colleague ON conversations(colleague_id, held_on)",
        "CREATE INDEX conversations_follow_up ON conversations(follow_up_due)",
        """CREATE TABLE referrals (
            id              INTEGER PRIMARY KEY,
            conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
            position        INTEGER NOT NULL,
            resource_id     INTEGER REFERENCES resources(id) ON DELETE SET NULL,
            kind            TEXT NOT NULL,
            note            TEXT NOT NULL DEFAULT ''
        )""",
        "CREATE INDEX referrals_conversation ON referrals(conversation_id)",
        # -- support directory and coping library ---------------------------------------------
        """CREATE TABLE resources (
            id           INTEGER PRIMARY KEY AUTOINCREMENT,
            key          TEXT UNIQUE,
            name         TEXT NOT NULL,
            kind         TEXT NOT NULL,
            contact      TEXT NOT NULL DEFAULT '',
            notes        TEXT NOT NULL DEFAULT '',
            country      TEXT NOT NULL DEFAULT '',
            builtin      INTEGER NOT NULL DEFAULT 0,
            user_edited  INTEGER NOT NULL DEFAULT 0
        )""",
        """CREATE TABLE strategies (
            id            INTEGER PRIMARY KEY AUTOINCREMENT,
            key           TEXT UNIQUE,
            title         TEXT NOT NULL,
            summary       TEXT NOT NULL DEFAULT '',
            category      TEXT NOT NULL,
            steps         TEXT NOT NULL,
            when_it_helps TEXT NOT NULL DEFAULT '',
            minutes       INTEGER,
            source        TEXT NOT NULL,
            favourite     INTEGER NOT NULL DEFAULT 0,
            hidden        INTEGER NOT NULL DEFAULT 0,
            personal_note TEXT NOT NULL DEFAULT '',
            user_edited   INTEGER NOT NULL DEFAULT 0
        )""",
        "CREATE INDEX strategies_category ON strategies(category)",
        """CREATE TABLE strategy_uses (
            id          INTEGER PRIMARY KEY,
            strategy_id INTEGER NOT NULL REFERENCES strategies(id) ON DELETE CASCADE,
            used_at     TEXT NOT NULL,
            rating      INTEGER NOT NULL CHECK (rating BETWEEN 0 AND 4),
            note        TEXT NOT NULL DEFAULT '',
            incident_id INTEGER REFERENCES incidents(id) ON DELETE SET NULL
        )""",
        "CREATE INDEX strategy_uses_strategy ON strategy_uses(strategy_id)",
        # -- drafts: unsaved editor content, one per record (record_id 0 = a new record) -------
        """CREATE TABLE drafts (
            record_kind TEXT NOT NULL,
            record_id   INTEGER NOT NULL,
            payload     TEXT NOT NULL,
            saved_at    TEXT NOT NULL,
            PRIMARY KEY (record_kind, record_id)
        ) WITHOUT ROWID""",
        # -- full-text search: accents ignored; deletes physically remove tokens --------------
        """CREATE VIRTUAL TABLE search_index USING fts5(
            kind UNINDEXED,
            record_id UNINDEXED,
            title,
            body,
            tokenize = 'unicode61 remove_diacritics 2',
            prefix = '2 3'
        )""",
        "INSERT INTO search_index(search_index, rank) VALUES ('secure-delete', 1)",
    ),
)

V3 = Migration(
    3,
    "one draft per editor (a slot per new entry and for quick capture); evidence of a draft",
    (
        # A new record can have several drafts at once (each new-entry editor, Home's quick
        # capture): `slot` tells them apart; '' is the one draft of a saved record.
        """CREATE TABLE drafts_v3 (
            record_kind TEXT NOT NULL,
            record_id   INTEGER NOT NULL,
            slot        TEXT NOT NULL DEFAULT '',
            payload     TEXT NOT NULL,
            saved_at    TEXT NOT NULL,
            PRIMARY KEY (record_kind, record_id, slot)
        ) WITHOUT ROWID""",
        # The one shared new-incident draft of v2 was either quick capture (narrative only) or
        # a full entry (has "schema"): each goes to its own slot.
        """INSERT INTO drafts_v3(record_kind, record_id, slot, payload, saved_at)
            SELECT record_kind, record_id,
                   CASE WHEN record_kind = 'incident' AND record_id = 0
                        THEN CASE WHEN json_valid(payload)
                                   AND json_type(payload, '$.schema') IS NOT NULL
                                  THEN 'entry-0' ELSE 'capture' END
                        ELSE '' END,
                   payload, saved_at
            FROM drafts""",
        "DROP TABLE drafts",
        "ALTER TABLE drafts_v3 RENAME TO drafts",
        # Evidence added to an entry not saved yet belongs to that entry's draft (its slot),
        # recorded in the same transaction as the bytes.
        "ALTER TABLE attachments ADD COLUMN draft_slot TEXT",
        "CREATE INDEX attachments_draft ON attachments(draft_slot)",
        # Files the one v2 new-entry draft named belong to it now.
        """UPDATE attachments SET draft_slot = 'entry-0'
            WHERE incident_id IS NULL AND id IN (
                SELECT CAST(j.value AS INTEGER)
                FROM drafts AS d, json_each(d.payload, '$.attachment_ids') AS j
                WHERE d.record_kind = 'incident' AND d.record_id = 0 AND d.slot = 'entry-0'
                  AND json_valid(d.payload))""",
    ),
)

V4 = Migration(
    4,
    "whether an entry is withdrawn, mirrored beside its other list columns",
    (
        # Withdrawn lives in the newest revision (the mirror row's content has "withdrawn");
        # this column lets every list, count and report leave such entries out by index.
        "ALTER TABLE incidents ADD COLUMN withdrawn INTEGER NOT NULL DEFAULT 0",
        """UPDATE incidents SET withdrawn = 1
            WHERE json_valid(content) AND json_extract(content, '$.withdrawn') IS NOT NULL""",
        "CREATE INDEX incidents_withdrawn ON incidents(withdrawn) WHERE withdrawn = 1",
        # A counter kept by development builds before this column existed.
        "DELETE FROM counters WHERE name = 'withdrawn_incidents'",
    ),
)

V5 = Migration(
    5,
    "where an imported entry came from, indexed so the same source is never imported twice",
    (
        # The fingerprint of the source entry (Provenance.fingerprint, in the newest revision's
        # content), mirrored beside the other list columns; NULL for entries written here.
        "ALTER TABLE incidents ADD COLUMN source_fingerprint TEXT",
        """CREATE UNIQUE INDEX incidents_source ON incidents(source_fingerprint)
            WHERE source_fingerprint IS NOT NULL""",
    ),
)

V6 = Migration(
    6,
    "follow-up lists and programme statistics read from indexes alone",
    (
        # Home's attention list and the Colleagues screen list open follow-ups soonest first.
        # The columns they read come after the long texts of a conversation in its row, so
        # reading them from the table read every conversation whole; this index holds them all.
        """CREATE INDEX conversations_follow_ups_open ON conversations(
            follow_up_done, follow_up_due, held_on, id, colleague_id, follow_up_done_on)""",
        # The programme statistics count a period's conversations (by month, colleague and
        # theme) and the follow-ups due in it: both from an index alone.
        """CREATE INDEX conversations_held ON conversations(held_on, colleague_id, themes)""",
        """CREATE INDEX conversations_follow_up_due ON conversations(
            follow_up_due, follow_up_done, follow_up_done_on)""",
    ),
)

V7 = Migration(
    7,
    "report and complaint dates beside the entry; the list's sort keys in one covering index",
    (
        # Patterns counts reports and complaints by date. Those dates live only inside an
        # entry's content, so reading them read (and parsed) the content of every reported
        # entry; this table mirrors them, written with the entry's other mirror columns.
        """CREATE TABLE incident_dates (
            incident_id INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
            kind        TEXT NOT NULL CHECK (kind IN ('report', 'complaint')),
            position    INTEGER NOT NULL,
            day         TEXT NOT NULL,
            PRIMARY KEY (incident_id, kind, position)
        ) WITHOUT ROWID""",
        # `position` is the report's place in the entry's list of reports.
        """INSERT INTO incident_dates(incident_id, kind, position, day)
            SELECT i.id, 'report', CAST(r.key AS INTEGER), json_extract(r.value, '$.reported_on')
            FROM incidents AS i, json_each(i.content, '$.reports') AS r
            WHERE json_valid(i.content) AND json_type(i.content, '$.reports') = 'array'
              AND json_type(r.value, '$.reported_on') = 'text'""",
        """INSERT INTO incident_dates(incident_id, kind, position, day)
            SELECT id, 'complaint', 0, json_extract(content, '$.complaint_date')
            FROM incidents
            WHERE json_valid(content) AND json_type(content, '$.complaint_date') = 'text'""",
        # A filter on people, categories, tags, words or ids finds entries by id; sorting
        # them then read each one's row (its content beside it) for the sort columns. This
        # index holds every column a list filters or sorts on, reached by id.
        """CREATE INDEX incidents_list_keys ON incidents(
            id, event_date, event_time, recorded_at, record_number, severity, reported,
            after_complaint, attachment_count, title)""",
    ),
)

MIGRATIONS: tuple[Migration, ...] = (V1, V2, V3, V4, V5, V6, V7)


def latest_version(migrations: Sequence[Migration] = MIGRATIONS) -> int:
    return migrations[-1].version if migrations else 0


def check_order(migrations: Sequence[Migration]) -> None:
    versions = [m.version for m in migrations]
    if versions != list(range(1, len(versions) + 1)):
        raise ValueError(f"migrations must be numbered 1..n in order, got {versions}")
