"""SECURITY.md 12: SIGKILL a writing process again and again; nothing acknowledged is lost."""

from __future__ import annotations

import random
import signal
from pathlib import Path

import pytest

from peerdesk.storage.vault import Vault
from tests.helpers.children import child_with_passphrase

WRITER = Path(__file__).with_name("kill_writer.py")
ROUNDS = 12


@pytest.mark.slow
def test_sigkill_never_loses_an_acknowledged_commit(vault_path: Path, passphrase: str) -> None:
    Vault.create(vault_path, passphrase).close()
    rng = random.Random(20261121)
    acknowledged: set[int] = set()
    next_n = 0
    for _ in range(ROUNDS):
        kill_after = rng.randint(1, 40)
        with child_with_passphrase(WRITER, [str(vault_path), str(next_n)], passphrase) as child:
            assert child.stdout is not None
            assert child.stdout.readline().strip() == "ready"
            acks = 0
            while acks < kill_after:
                line = child.stdout.readline()
                assert line.startswith("ack "), line
                acknowledged.add(int(line.split()[1]))
                acks += 1
            # The child is inside its next transaction (or about to be): kill it now.
            child.send_signal(signal.SIGKILL)
            child.wait(timeout=30)
            assert child.returncode == -signal.SIGKILL
            # Lines written before the kill but not yet read are acknowledged commits too.
            for line in child.stdout.read().splitlines():
                if line.startswith("ack "):
                    acknowledged.add(int(line.split()[1]))
        next_n = max(acknowledged) + 1000
        with Vault.open(vault_path, passphrase) as vault:
            assert vault.integrity_problems() == []
            rows = vault.query("SELECT key FROM settings WHERE key LIKE 'commit-%'")
            stored = {int(r["key"].split("-")[1]) for r in rows}
        missing = acknowledged - stored
        assert not missing, f"acknowledged commits lost after SIGKILL: {sorted(missing)[:5]}"
    assert len(acknowledged) >= ROUNDS
