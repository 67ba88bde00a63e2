"""Export and import of a 10,000-entry vault, beside `peerdesk demo` creating those entries.

Target (issue 14): exporting a 10k vault as a JSON archive, and importing that archive into a
new vault, each take no more than 3× the time `peerdesk demo` needs to create 10,000 entries.
Each run, interleaved: (1) the floor: fill a new vault with 10,000 demo entries (what
`peerdesk demo --incidents 10000` does, timed without the key derivation of creating the
file); (2) export that vault (read everything + write the zip, no password); (3) read the
archive and import it into another new vault (one transaction, every revision replayed).
Min and median of each, and the ratios, are printed.

Run: .venv/bin/python benchmarks/bench_data_export.py [--entries N] [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from peerdesk.content import install_builtin_content
from peerdesk.demo import DemoSize, fill_demo_vault
from peerdesk.export.data import DataFormat, write_data_export
from peerdesk.importing.peerdesk_archive import read_archive
from peerdesk.storage.archive_import import import_archive
from peerdesk.storage.data_export import read_data_export
from peerdesk.storage.incidents import IncidentRepository
from peerdesk.storage.vault import Vault

PASSPHRASE = "benchmark passphrase"
TARGET_RATIO = 3.0


def one_run(folder: Path, entries: int) -> tuple[float, float, float]:
    size = DemoSize(
        incidents=entries,
        people=8,
        colleagues=12,
        conversations=40,
        attachments=10,
        strategy_uses=30,
    )
    source = Vault.create(folder / "source.peerdesk", PASSPHRASE)
    try:
        start = time.perf_counter()
        fill_demo_vault(source, size)
        demo = time.perf_counter() - start
        archive = folder / "export.zip"
        start = time.perf_counter()
        write_data_export(read_data_export(source), DataFormat.JSON, archive)
        export = time.perf_counter() - start
    finally:
        source.close()
    target = Vault.create(folder / "target.peerdesk", PASSPHRASE)
    try:
        install_builtin_content(target)  # as a new vault opened in PeerDesk has it
        start = time.perf_counter()
        result = import_archive(target, read_archive(archive))
        imported = time.perf_counter() - start
        assert result.entries == entries
        assert IncidentRepository(target).verify_history().ok
    finally:
        target.close()
    return demo, export, imported


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    times: dict[str, list[float]] = {"demo (floor)": [], "export": [], "import": []}
    for run in range(args.runs):
        with tempfile.TemporaryDirectory() as tmp:
            demo, export, imported = one_run(Path(tmp), args.entries)
        times["demo (floor)"].append(demo)
        times["export"].append(export)
        times["import"].append(imported)
        print(f"run {run + 1}: demo {demo:.2f} s, export {export:.2f} s, import {imported:.2f} s")
    floor = statistics.median(times["demo (floor)"])
    print(f"\n{args.entries} entries, {args.runs} runs (interleaved):")
    for name, values in times.items():
        median = statistics.median(values)
        print(
            f"  {name:13} min {min(values):6.2f} s  median {median:6.2f} s  "
            f"({median / floor:.2f}× the demo's median; target ≤ {TARGET_RATIO:.0f}×)"
        )


if __name__ == "__main__":
    main()
