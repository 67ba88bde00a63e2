"""Reading other journals' files (and PeerDesk's own data export) into entries to import.

Qt-free and vault-free: each reader turns a file or folder into an
:class:`~peerdesk.importing.base.ImportPlan` of unsaved entries with their provenance, and the
storage layer (``peerdesk.storage.importing``) writes a plan into a vault in one transaction.
"""
