"""A small vault with every kind of record a data export carries, and awkward text."""

from __future__ import annotations

from peerdesk.demo import DemoSize, fill_demo_vault
from peerdesk.models.incident_parts import Quote
from peerdesk.storage.repositories import Repositories
from peerdesk.storage.settings import VaultSettings
from peerdesk.storage.vault import Vault

#: A title a spreadsheet would run as a formula and a front matter could trip over.
TRICKY_TITLE = '=HYPERLINK("http://x.invalid","click") "quoted" --- # not: yaml'
TRICKY_NARRATIVE = "---\ntitle: injected\n---\n@SUM(A1) and a line that starts with -1"
REAL_NAME = "Margarethe Vandersteen-Oyelaran"
SIZE = DemoSize(
    incidents=14, people=4, colleagues=3, conversations=5, attachments=4, strategy_uses=5
)


def fill_sample(vault: Vault) -> Repositories:
    fill_demo_vault(vault, SIZE)
    repos = Repositories(vault)
    ids = repos.incidents.ids()
    first = repos.incidents.get(ids[0])
    note = repos.attachments.add(ids[0], "../notes/ünïcode – note?.txt", b"what was said\n")
    assert note.id is not None
    first.attachment_ids = [note.id]
    first.title = TRICKY_TITLE
    first.narrative = TRICKY_NARRATIVE
    people = repos.persons.list()
    first.quotes = [Quote(speaker_person_id=people[0].id, text="You again?")]
    first.related_incident_ids = [ids[1], ids[2]]
    repos.incidents.update(first)
    second = repos.incidents.get(ids[1])
    second.tags = [*second.tags, "edited-twice"]
    repos.incidents.update(second)
    repos.incidents.withdraw(ids[3], "Made in error")
    colleague = repos.colleagues.list()[0]
    assert colleague.id is not None
    repos.colleagues.set_real_name(colleague.id, REAL_NAME)
    VaultSettings(vault).set("auto_lock_minutes", 7)
    VaultSettings(vault).set("remember_passphrase", True)  # never exported
    strategy = repos.strategies.list()[0]
    assert strategy.id is not None
    repos.strategies.set_favourite(strategy.id, True)
    return repos
