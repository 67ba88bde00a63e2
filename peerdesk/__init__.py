"""PeerDesk: a private, offline journal and peer-support notebook."""

__version__ = "0.1.0"
APP_NAME = "PeerDesk"
APP_ID = "org.peerdesk.PeerDesk"
ORGANISATION = "PeerDesk"
