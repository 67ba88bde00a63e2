"""Child process for the killed-backup test: starts a backup and stops midway, for the parent
to SIGKILL it there.

``kill_backup.py VAULT FOLDER backup|passwd`` reads the passphrase from stdin, opens the vault
and starts an automatic backup (``backup``) or a passphrase change, whose first step is a
backup (``passwd``). A progress handler on the vault's connection waits, once the backup's
temporary file exists in FOLDER, for a line on stdin that never comes, after printing
``midway``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from peerdesk.storage.backup import automatic_backup
from peerdesk.storage.vault import Vault


def main() -> None:
    path, folder, what = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
    passphrase = sys.stdin.readline().removesuffix("\n")
    vault = Vault.open(path, passphrase)

    def midway() -> int:
        if any(p.name.endswith(".tmp") for p in folder.iterdir()):
            print("midway", flush=True)
            sys.stdin.readline()  # never answered: the parent kills us here
        return 0

    vault._connection().set_progress_handler(midway, 1000)
    if what == "backup":
        automatic_backup(vault, folder, reason="unlock")
    else:
        vault.change_passphrase(passphrase + " and more", backup_dir=folder)
    print("finished", flush=True)


if __name__ == "__main__":
    main()
