"""What reading an imported entry's provenance costs the journal list.

The list reads summaries a page (100 rows) at a time. An imported entry's summary also carries
its provenance, read by a second query from its content, on the imported rows only. This
measures one page of 100 imported entries against its floor, measured in the same run and
interleaved: one page of 100 entries written in PeerDesk, the same texts without provenance.

Run: .venv/bin/python benchmarks/bench_list_provenance.py [--incidents N] [--runs R]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from peerdesk import paths
from peerdesk.demo import DemoSize, fill_demo_vault
from peerdesk.importing.base import fingerprint
from peerdesk.models.provenance import Provenance
from peerdesk.storage.incidents import IncidentRepository
from peerdesk.storage.vault import Vault

PASSPHRASE = "benchmark passphrase"
PAGE = 100


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--incidents", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        paths.set_data_dir(Path(folder) / "data")
        vault = Vault.create(Path(folder) / "bench.peerdesk", PASSPHRASE)
        fill_demo_vault(
            vault,
            DemoSize(
                incidents=args.incidents,
                people=20,
                colleagues=0,
                conversations=0,
                attachments=0,
                strategy_uses=0,
            ),
        )
        repo = IncidentRepository(vault)
        plain = repo.ids()
        copies = []
        for n, incident_id in enumerate(plain):
            incident = repo.get(incident_id)
            incident.id = incident.record_number = incident.recorded_at = None
            incident.provenance = Provenance(
                source="dayone",
                fingerprint=fingerprint(str(n)),
                written_at=datetime(2025, 1, 1, tzinfo=UTC) + timedelta(hours=n),
                zone="Europe/Berlin",
            )
            copies.append(incident)
        imported = repo.add_many(copies)
        plain_pages = [plain[i : i + PAGE] for i in range(0, len(plain), PAGE)]
        imported_pages = [imported[i : i + PAGE] for i in range(0, len(imported), PAGE)]
        floor: list[float] = []
        measured: list[float] = []
        for _run in range(args.runs):
            for plain_page, imported_page in zip(plain_pages, imported_pages, strict=True):
                start = time.perf_counter()
                repo.summaries(plain_page)
                floor.append(time.perf_counter() - start)
                start = time.perf_counter()
                found = repo.summaries(imported_page)
                measured.append(time.perf_counter() - start)
                assert all(s.provenance is not None for s in found.values())
        vault.close()
    for name, times in (("floor: 100 entries written here", floor), ("100 imported", measured)):
        print(
            f"{name:34s} min {min(times) * 1000:6.2f} ms  "
            f"median {statistics.median(times) * 1000:6.2f} ms  ({len(times)} pages)"
        )


if __name__ == "__main__":
    main()
