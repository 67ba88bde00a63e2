"""Every repository over one open vault, created together (once per unlock).

Qt-free: the desktop session (``ui/common/session.py``) holds one, and so can the CLI or a
background worker. It also links the two supporter repositories, so that each hears of the
changes the other makes (a conversation moving a colleague's last contact, a colleague's
deletion removing conversations).
"""

from __future__ import annotations

from peerdesk.storage.attachments import AttachmentRepository
from peerdesk.storage.colleagues import ColleagueRepository
from peerdesk.storage.conversations import ConversationRepository
from peerdesk.storage.directory import ResourceRepository
from peerdesk.storage.drafts import DraftRepository
from peerdesk.storage.incidents import IncidentRepository
from peerdesk.storage.library import StrategyRepository
from peerdesk.storage.persons import PersonRepository
from peerdesk.storage.search import Search
from peerdesk.storage.settings import VaultSettings
from peerdesk.storage.vault import Vault


class Repositories:
    """Every repository over one open vault (created once per unlock)."""

    def __init__(self, vault: Vault) -> None:
        self.vault = vault
        self.settings = VaultSettings(vault)
        self.persons = PersonRepository(vault)
        self.incidents = IncidentRepository(vault)
        self.attachments = AttachmentRepository(vault)
        self.drafts = DraftRepository(vault)
        self.colleagues = ColleagueRepository(vault)
        self.conversations = ConversationRepository(vault, colleagues=self.colleagues)
        self.strategies = StrategyRepository(vault)
        self.resources = ResourceRepository(vault)
        self.search = Search(vault)
