"""Ordered migrations, each in a transaction, with a verified backup before migrating."""

from __future__ import annotations

from pathlib import Path

import pytest

from peerdesk.storage import backup_files, schema
from peerdesk.storage.errors import VaultError
from peerdesk.storage.settings import VaultSettings
from peerdesk.storage.vault import Vault

V2 = schema.Migration(2, "test table", ("CREATE TABLE extra (x TEXT)",))
BROKEN = schema.Migration(
    2,
    "fails half-way",
    ("CREATE TABLE extra (x TEXT)", "INSERT INTO no_such_table VALUES (1)"),
)


def test_migration_runs_after_a_verified_backup(
    vault_path: Path, passphrase: str, tmp_path: Path
) -> None:
    with Vault.create(vault_path, passphrase, migrations=[schema.V1]) as v:
        VaultSettings(v).set("kept", "v1 data")
        assert v.schema_version == 1
    backups = tmp_path / "bk"
    with Vault.open(vault_path, passphrase, backup_dir=backups, migrations=[schema.V1, V2]) as v:
        assert v.schema_version == 2
        assert VaultSettings(v).get("kept") == "v1 data"
        v.query("INSERT INTO extra VALUES ('ok')")
    made = backup_files.list_backups(backups, vault_path)
    assert len(made) == 1 and made[0].reason == "before-upgrade-v1"
    with Vault.open(made[0].path, passphrase, migrations=[schema.V1]) as old:
        assert old.schema_version == 1


def test_failed_migration_leaves_the_old_version(
    vault_path: Path, passphrase: str, tmp_path: Path
) -> None:
    with Vault.create(vault_path, passphrase, migrations=[schema.V1]) as v:
        VaultSettings(v).set("kept", "v1 data")
    with pytest.raises(VaultError):
        Vault.open(
            vault_path, passphrase, backup_dir=tmp_path / "bk", migrations=[schema.V1, BROKEN]
        )
    with Vault.open(vault_path, passphrase, migrations=[schema.V1]) as v:
        assert v.schema_version == 1
        assert VaultSettings(v).get("kept") == "v1 data"
        assert not v.query("SELECT name FROM sqlite_master WHERE name = 'extra'")


def test_migrations_must_be_in_order() -> None:
    with pytest.raises(ValueError):
        schema.check_order([V2, schema.V1])


def test_version_1_fixture_vault_is_upgraded_and_keeps_its_data(tmp_path: Path) -> None:
    import shutil

    from tests.fixtures.make_v1_vault import FIXTURE, PASSPHRASE, SETTINGS

    copy = tmp_path / "old.peerdesk"
    shutil.copyfile(FIXTURE, copy)
    copy.chmod(0o600)
    backups = tmp_path / "bk"
    with Vault.open(copy, PASSPHRASE, backup_dir=backups) as v:
        assert v.schema_version == schema.latest_version()
        assert VaultSettings(v).all() == SETTINGS
        assert v.integrity_problems() == []
    made = backup_files.list_backups(backups, copy)
    assert [b.reason for b in made] == ["before-upgrade-v1"]
    backup_files.verify_file(made[0].path, PASSPHRASE)
    with Vault.open(copy, PASSPHRASE) as again:  # a second open does not migrate again
        assert again.schema_version == schema.latest_version()
    assert len(backup_files.list_backups(backups, copy)) == 1


def test_version_3_gives_the_shared_new_entry_draft_a_slot_of_its_own(
    vault_path: Path, passphrase: str, tmp_path: Path
) -> None:
    # v2 kept one draft per (kind, id): quick capture and a new entry shared one row.
    from peerdesk.models import RecordKind
    from peerdesk.models.draft import CAPTURE_SLOT
    from peerdesk.storage.attachments import AttachmentRepository
    from peerdesk.storage.drafts import DraftRepository

    with (
        Vault.create(vault_path, passphrase, migrations=[schema.V1, schema.V2]) as v,
        v.transaction() as tx,
    ):
        tx.execute(
            "INSERT INTO drafts VALUES ('incident', 0, '{\"narrative\":\"typed on "
            "Home\"}', '2026-11-20T10:00:00.000000+00:00')"
        )
        tx.execute(
            "INSERT INTO drafts VALUES ('incident', 5, '{\"schema\":1}', "
            "'2026-11-20T10:00:00.000000+00:00')"
        )
        tx.execute(
            "INSERT INTO drafts VALUES ('conversation', 0, '{\"schema\":1}', "
            "'2026-11-20T10:00:00.000000+00:00')"
        )
    with Vault.open(vault_path, passphrase, backup_dir=tmp_path / "bk") as v:
        assert v.schema_version == schema.latest_version() >= 3
        drafts = DraftRepository(v)
        capture = drafts.load(RecordKind.INCIDENT, None, CAPTURE_SLOT)
        assert capture is not None and capture.payload == {"narrative": "typed on Home"}
        assert drafts.load(RecordKind.INCIDENT, 5) is not None
        assert drafts.load(RecordKind.CONVERSATION, None) is not None
        assert AttachmentRepository(v).list_orphans() == []
        assert v.integrity_problems() == []


def test_version_3_keeps_the_files_of_the_shared_new_entry_draft_with_it(
    vault_path: Path, passphrase: str, tmp_path: Path
) -> None:
    from peerdesk.models import RecordKind
    from peerdesk.storage.attachments import AttachmentRepository
    from peerdesk.storage.drafts import DraftRepository

    with Vault.create(vault_path, passphrase, migrations=[schema.V1, schema.V2]) as v:
        with v.transaction() as tx:
            for name in ("named.txt", "loose.txt"):
                tx.execute(
                    "INSERT INTO attachments(original_name, media_type, size, sha256, "
                    "added_at) VALUES (?, 'text/plain', 1, 'x', "
                    "'2026-11-20T10:00:00.000000+00:00')",
                    (name,),
                )
        named, loose = (int(r[0]) for r in v.query("SELECT id FROM attachments ORDER BY id"))
        with v.transaction() as tx:
            tx.execute(
                "INSERT INTO drafts VALUES ('incident', 0, ?, '2026-11-20T10:00:00.000000+00:00')",
                (f'{{"schema":1,"attachment_ids":[{named}]}}',),
            )
    with Vault.open(vault_path, passphrase, backup_dir=tmp_path / "bk") as v:
        drafts, files = DraftRepository(v), AttachmentRepository(v)
        assert drafts.load(RecordKind.INCIDENT, None, "entry-0") is not None
        assert [a.id for a in files.list_for_draft("entry-0")] == [named]
        assert [a.id for a in files.list_orphans()] == [loose]


def test_version_4_mirrors_withdrawn_entries_in_a_column(
    vault_path: Path, passphrase: str, tmp_path: Path
) -> None:
    from datetime import date

    from peerdesk.models import Incident
    from peerdesk.storage.incidents import IncidentRepository

    migrations = [schema.V1, schema.V2, schema.V3]
    with Vault.create(vault_path, passphrase, migrations=migrations) as v:
        with v.transaction() as tx:  # as a v3 vault stored an entry withdrawn in its content
            tx.execute("INSERT INTO counters(name, value) VALUES ('withdrawn_incidents', 1)")
        for n in (1, 2):
            with v.transaction() as tx:
                tx.execute(
                    "INSERT INTO incidents(id, record_number, recorded_at, last_amended_at, "
                    "revision_count, event_date, approximate, channel, title, severity, "
                    "reported, after_complaint, content) VALUES (?, ?, "
                    "'2026-11-20T10:00:00.000000+00:00', '2026-11-20T10:00:00.000000+00:00', "
                    "2, '2026-11-01', 0, 'in_person', 't', 1, 0, 0, ?)",
                    (
                        n,
                        100 + n,
                        '{"withdrawn":{"reason":"","withdrawn_at":"x"}}' if n == 1 else "{}",
                    ),
                )
    with Vault.open(vault_path, passphrase, backup_dir=tmp_path / "bk") as v:
        assert v.schema_version == schema.latest_version() >= 4
        assert IncidentRepository(v).withdrawn_ids() == {1}
        assert v.query_one("SELECT 1 FROM counters WHERE name = 'withdrawn_incidents'") is None
        made = IncidentRepository(v).add(Incident(event_date=date(2026, 11, 2), title="new"))
        assert made.id not in IncidentRepository(v).withdrawn_ids()


def test_version_7_mirrors_report_and_complaint_dates_and_keeps_every_row(
    vault_path: Path, passphrase: str, tmp_path: Path
) -> None:
    from datetime import date

    from peerdesk.demo import DemoSize, fill_demo_vault
    from peerdesk.models import Incident
    from peerdesk.storage.incidents import IncidentRepository
    from peerdesk.storage.journal_reads import pattern_inputs

    tables = ("incidents", "incident_revisions", "incident_people", "incident_categories")
    with Vault.create(vault_path, passphrase) as v:
        fill_demo_vault(v, DemoSize(incidents=80, conversations=5), seed=5)
        IncidentRepository(v).add(
            Incident(
                event_date=date(2026, 4, 3),
                title="After my complaint",
                after_complaint=True,
                complaint_date=date(2026, 3, 20),
            )
        )
        written = sorted(tuple(r) for r in v.query("SELECT * FROM incident_dates"))
        assert any(r[1] == "report" for r in written) and any(r[1] == "complaint" for r in written)
        before = {t: sorted(tuple(r) for r in v.query(f"SELECT * FROM {t}")) for t in tables}  # noqa: S608
        patterns = pattern_inputs(v)
        with v.transaction() as tx:  # back to version 6, as such a vault was written
            tx.execute("DROP INDEX incidents_list_keys")
            tx.execute("DROP TABLE incident_dates")
            tx.execute("PRAGMA user_version = 6")
    with Vault.open(vault_path, passphrase, backup_dir=tmp_path / "bk") as v:
        assert v.schema_version == schema.latest_version() >= 7
        assert sorted(tuple(r) for r in v.query("SELECT * FROM incident_dates")) == written
        after = {t: sorted(tuple(r) for r in v.query(f"SELECT * FROM {t}")) for t in tables}  # noqa: S608
        assert after == before
        assert pattern_inputs(v) == patterns
    made = backup_files.list_backups(tmp_path / "bk", vault_path)
    assert [b.reason for b in made] == ["before-upgrade-v6"]
