"""How fast `peerdesk demo` fills a vault, beside a plain SQLCipher baseline in the same run.

Target (issue "Domain model, repositories…"): 10,000 incidents and 10,000 conversations in
well under a minute. The baseline inserts the same number of rows of similar size straight
into a keyed SQLCipher table with an FTS5 index, in one transaction, without PeerDesk's
validation, canonical JSON, hash chain or link tables: the floor the real thing is compared to.

Run: .venv/bin/python benchmarks/bench_demo.py [--incidents N] [--conversations N]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import tempfile
import time
from pathlib import Path

import sqlcipher3

from peerdesk.demo import DemoSize, fill_demo_vault
from peerdesk.storage.vault import Vault

PASSPHRASE = "benchmark passphrase"
TARGET_SECONDS = 60.0


def baseline(folder: Path, incidents: int, conversations: int) -> float:
    rng = random.Random(1)
    words = [
        "the",
        "meeting",
        "said",
        "shouted",
        "team",
        "report",
        "figures",
        "rota",
        "email",
        "desk",
        "manager",
    ]
    path = folder / "baseline.db"
    start = time.perf_counter()
    conn = sqlcipher3.connect(str(path), isolation_level=None)
    conn.set_key(PASSPHRASE)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("CREATE TABLE rows (id INTEGER PRIMARY KEY, kind TEXT, content TEXT)")
    conn.execute(
        "CREATE VIRTUAL TABLE fts USING fts5(body, tokenize = 'unicode61 remove_diacritics 2')"
    )
    conn.execute("BEGIN")
    for n in range(incidents + conversations):
        text = " ".join(rng.choice(words) for _ in range(120))
        content = json.dumps({"n": n, "narrative": text, "title": text[:60]})
        conn.execute(
            "INSERT INTO rows(kind, content) VALUES (?, ?)",
            ("incident" if n < incidents else "conversation", content),
        )
        conn.execute("INSERT INTO fts(rowid, body) VALUES (?, ?)", (n + 1, text))
    conn.execute("COMMIT")
    conn.close()
    return time.perf_counter() - start


def peerdesk_demo(folder: Path, incidents: int, conversations: int) -> float:
    start = time.perf_counter()
    vault = Vault.create(folder / "demo.peerdesk", PASSPHRASE)
    try:
        fill_demo_vault(
            vault,
            DemoSize(
                incidents=incidents,
                conversations=conversations,
                colleagues=300,
                attachments=100,
                strategy_uses=1000,
            ),
        )
    finally:
        vault.close()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--incidents", type=int, default=10_000)
    parser.add_argument("--conversations", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        base = baseline(folder, args.incidents, args.conversations)
        real = peerdesk_demo(folder, args.incidents, args.conversations)
        size_mb = (folder / "demo.peerdesk").stat().st_size / 1e6
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"rows: {args.incidents} incidents + {args.conversations} conversations")
    print(f"baseline  (plain keyed SQLCipher + FTS5 inserts): {base:6.1f} s")
    print(
        f"peerdesk demo (models, revisions, links, search): {real:6.1f} s "
        f"({real / base:.1f}x baseline), vault {size_mb:.0f} MB, peak RSS {peak_mb:.0f} MB"
    )
    verdict = "meets" if real < TARGET_SECONDS else "MISSES"
    print(f"target: under {TARGET_SECONDS:.0f} s -> {verdict}")


if __name__ == "__main__":
    main()
