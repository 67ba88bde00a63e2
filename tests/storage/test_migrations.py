"""Ordered migrations, each in a transaction, with a verified backup before migrating."""

from __future__ import annotations

from pathlib import Path

import pytest

from peerdesk.storage import backup as bk
from peerdesk.storage import schema
from peerdesk.storage.errors import VaultError
from peerdesk.storage.settings import VaultSettings
from peerdesk.storage.vault import Vault

V2 = schema.Migration(2, "test table", ("CREATE TABLE extra (x TEXT)",))
BROKEN = schema.Migration(
    2, "fails half-way",
    ("CREATE TABLE extra (x TEXT)", "INSERT INTO no_such_table VALUES (1)"),
)


def test_migration_runs_after_a_verified_backup(vault_path: Path, passphrase: str,
                                                tmp_path: Path) -> None:
    with Vault.create(vault_path, passphrase, migrations=[schema.V1]) as v:
        VaultSettings(v).set("kept", "v1 data")
        assert v.schema_version == 1
    backups = tmp_path / "bk"
    with Vault.open(vault_path, passphrase, backup_dir=backups,
                    migrations=[schema.V1, V2]) as v:
        assert v.schema_version == 2
        assert VaultSettings(v).get("kept") == "v1 data"
        v.query("INSERT INTO extra VALUES ('ok')")
    made = bk.list_backups(backups, vault_path)
    assert len(made) == 1 and made[0].reason == "before-upgrade-v1"
    with Vault.open(made[0].path, passphrase, migrations=[schema.V1]) as old:
        assert old.schema_version == 1


def test_failed_migration_leaves_the_old_version(vault_path: Path, passphrase: str,
                                                 tmp_path: Path) -> None:
    with Vault.create(vault_path, passphrase, migrations=[schema.V1]) as v:
        VaultSettings(v).set("kept", "v1 data")
    with pytest.raises(VaultError):
        Vault.open(vault_path, passphrase, backup_dir=tmp_path / "bk",
                   migrations=[schema.V1, BROKEN])
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
    made = bk.list_backups(backups, copy)
    assert [b.reason for b in made] == ["before-upgrade-v1"]
    bk.verify_file(made[0].path, PASSPHRASE)
    with Vault.open(copy, PASSPHRASE) as again:  # a second open does not migrate again
        assert again.schema_version == schema.latest_version()
    assert len(bk.list_backups(backups, copy)) == 1
