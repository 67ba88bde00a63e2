"""Child process for the kill-safety test: commits in a loop and acknowledges each commit.

It prints ``ack N`` only after ``COMMIT`` returned, so every acknowledged N must survive a
SIGKILL at any moment.
"""

from __future__ import annotations

import sys

from peerdesk.storage.vault import Vault


def main() -> None:
    path, start = sys.argv[1], int(sys.argv[2])
    passphrase = sys.stdin.readline().removesuffix("\n")
    vault = Vault.open(path, passphrase)
    print("ready", flush=True)
    n = start
    while True:
        with vault.transaction() as tx:
            tx.execute(
                "INSERT INTO settings(key, value, updated_at) VALUES (?, ?, 'now')",
                (f"commit-{n:06d}", '"' + "payload " * 200 + '"'),
            )
        print(f"ack {n}", flush=True)
        n += 1


if __name__ == "__main__":
    main()
