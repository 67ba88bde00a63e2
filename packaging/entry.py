"""Entry point of the PyInstaller bundle (``dist/peerdesk/peerdesk``): the same as ``peerdesk``."""

import sys

from peerdesk.cli import main

if __name__ == "__main__":
    sys.exit(main())
