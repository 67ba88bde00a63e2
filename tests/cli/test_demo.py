"""peerdesk demo: realistic fictional data, repeatable, encrypted, passing check."""

from __future__ import annotations

import re
from pathlib import Path

from peerdesk.demo import DemoSize, fill_demo_vault
from peerdesk.storage.colleagues import ColleagueRepository
from peerdesk.storage.conversations import ConversationRepository
from peerdesk.storage.incidents import IncidentRepository
from peerdesk.storage.vault import Vault
from tests.cli.test_cli import lines, run

SMALL = DemoSize(
    incidents=25, people=5, colleagues=6, conversations=20, attachments=4, strategy_uses=10
)


def snapshot(path: Path, passphrase: str) -> tuple[list[bytes], list[tuple[str, str]]]:
    with Vault.open(path, passphrase) as v:
        incidents = IncidentRepository(v)
        contents = [incidents.revisions(i)[-1].payload for i in incidents.ids(descending=False)]
        conversations = ConversationRepository(v)
        colleagues = ColleagueRepository(v)
        talks = [
            (c.pseudonym, t.summary)
            for c in colleagues.list()
            if c.id is not None
            for t in conversations.list_for_colleague(c.id)
        ]
    return contents, talks


def make(path: Path, passphrase: str, seed: int) -> None:
    with Vault.create(path, passphrase) as v:
        fill_demo_vault(v, SMALL, seed=seed)


def test_same_seed_same_data(tmp_path: Path, passphrase: str) -> None:
    make(tmp_path / "a.peerdesk", passphrase, seed=7)
    make(tmp_path / "b.peerdesk", passphrase, seed=7)
    make(tmp_path / "c.peerdesk", passphrase, seed=8)
    a = snapshot(tmp_path / "a.peerdesk", passphrase)
    assert len(a[0]) == SMALL.incidents and len(a[1]) == SMALL.conversations
    assert a == snapshot(tmp_path / "b.peerdesk", passphrase)
    assert a != snapshot(tmp_path / "c.peerdesk", passphrase)


def test_cli_demo_opens_and_passes_check(tmp_path: Path, passphrase: str) -> None:
    target = tmp_path / "demo.peerdesk"
    result = run(
        "demo",
        str(target),
        "--incidents",
        "40",
        "--conversations",
        "30",
        "--attachments",
        "5",
        "--seed",
        "3",
        stdin=lines(passphrase, passphrase),
    )
    assert result.returncode == 0, result.stderr
    assert "40 incidents" in result.stdout and "fictional" in result.stdout
    check = run("check", str(target), stdin=lines(passphrase))
    assert check.returncode == 0, check.stdout + check.stderr
    assert check.stdout.strip() == "ok"


def test_demo_text_never_appears_in_the_raw_file(tmp_path: Path, passphrase: str) -> None:
    target = tmp_path / "demo.peerdesk"
    make(target, passphrase, seed=5)
    with Vault.open(target, passphrase) as v:
        texts: set[str] = set()
        incidents = IncidentRepository(v)
        for incident_id in incidents.ids():
            incident = incidents.get(incident_id)
            texts.update([incident.title, incident.narrative, incident.place])
            texts.update(q.text for q in incident.quotes)
        for colleague in ColleagueRepository(v).list():
            texts.add(colleague.pseudonym)
    words = {w for t in texts for w in re.findall(r"[A-Za-z][A-Za-z' ]{7,}", t)}
    assert len(words) > 20
    raw = b"".join(p.read_bytes() for p in tmp_path.glob("demo.peerdesk*") if p.is_file())
    leaked = [w for w in words if w.encode("utf-8") in raw]
    assert leaked == []


def test_demo_refuses_an_existing_file(tmp_path: Path, passphrase: str) -> None:
    target = tmp_path / "mine.peerdesk"
    target.write_bytes(b"keep me")
    result = run("demo", str(target), stdin=lines(passphrase, passphrase))
    assert result.returncode == 1
    assert target.read_bytes() == b"keep me"


def test_bad_counts_are_usage_errors(tmp_path: Path) -> None:
    result = run("demo", str(tmp_path / "x.peerdesk"), "--incidents", "-4")
    assert result.returncode == 2
    assert not (tmp_path / "x.peerdesk").exists()
