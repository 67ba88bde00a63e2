"""Issue 19 item 5: a process with Home's quick capture and a new journal entry both open is
killed (SIGKILL) at random points; after each kill the vault is reopened and every word typed
longer than one autosave interval ago is in the right draft, and neither draft erased the
other. Before, both editors kept the one draft (incident, no id): each autosave replaced the
other editor's text."""

from __future__ import annotations

import random
import signal
from pathlib import Path

import pytest

from peerdesk.models import RecordKind
from peerdesk.models.draft import CAPTURE_SLOT, new_entry_slot
from peerdesk.storage.drafts import DraftRepository
from peerdesk.storage.vault import Vault
from peerdesk.ui.common.session import VaultSession
from tests.helpers.children import child_with_passphrase

WRITER = Path(__file__).with_name("draft_kill_writer.py")
ROUNDS = 10


def words(editor: str, round_no: int, count: int) -> str:
    from tests.integration.draft_kill_writer import word

    return "".join(word(editor, round_no, n) for n in range(1, count + 1))


def stored_texts(vault_path: Path, passphrase: str, slot: str) -> dict[str, str]:
    with Vault.open(vault_path, passphrase) as vault:
        assert vault.integrity_problems() == []
        drafts = DraftRepository(vault)
        found = {}
        for name, key in (("home", CAPTURE_SLOT), ("entry", slot)):
            draft = drafts.load(RecordKind.INCIDENT, None, key)
            found[name] = "" if draft is None else str(draft.payload.get("narrative", ""))
        return found


@pytest.mark.slow
def test_sigkill_with_both_editors_open_loses_no_settled_keystroke(
    vault_path: Path, passphrase: str
) -> None:
    session = VaultSession()
    session.create(vault_path, passphrase)  # with the built-in content, as the app makes it
    session.close()
    slot = new_entry_slot()
    rng = random.Random(20261202)
    before = {"home": "", "entry": ""}
    settled_total = 0
    for round_no in range(1, ROUNDS + 1):
        kill_after = rng.randint(4, 40)
        args = [str(vault_path), slot, str(round_no), str(rng.randrange(1 << 30))]
        with child_with_passphrase(WRITER, args, passphrase) as child:
            assert child.stdout is not None
            assert child.stdout.readline().strip() == "ready"
            lines = []
            while len(lines) < kill_after:
                line = child.stdout.readline()
                assert line.startswith(("typed ", "settled ")), line
                lines.append(line.split())
            child.send_signal(signal.SIGKILL)
            child.wait(timeout=30)
            assert child.returncode == -signal.SIGKILL
            lines += [rest.split() for rest in child.stdout.read().splitlines()]
        typed = {"home": 0, "entry": 0}
        settled = {"home": 0, "entry": 0}
        for kind, name, count in lines:
            (typed if kind == "typed" else settled)[name] = int(count)
        settled_total += sum(1 for kind, *_ in lines if kind == "settled")

        after = stored_texts(vault_path, passphrase, slot)
        for name in ("home", "entry"):
            other = "entry" if name == "home" else "home"
            must = before[name] + words(name, round_no, settled[name])
            may = before[name] + words(name, round_no, typed[name])
            text = after[name]
            # every settled word is there, in the right draft and in order; nothing beyond
            # what was typed; nothing of the other editor's.
            assert text.startswith(must), (round_no, name, text[-60:], must[-60:])
            assert may.startswith(text), (round_no, name, text[-60:], may[-60:])
            assert f"{other[0]}{round_no:02d}w" not in text
        before = after
    assert settled_total >= ROUNDS  # the kills did land after autosaves, not only before
